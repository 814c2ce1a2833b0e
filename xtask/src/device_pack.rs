//! `cargo xtask device-pack`: a release `natter` binary at `target/device/natter`, one file to
//! carry to a machine with a GPU for benchmarks.

use std::env;
use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::{cmd, megabytes};

pub fn run() -> Result<()> {
    // Without the Bevy plugin: the benchmark machine needs only the engine.
    cmd::run(cmd::cargo().args([
        "build",
        "--release",
        "--no-default-features",
        "--bin",
        "natter",
    ]))?;
    let exe = format!("natter{}", env::consts::EXE_SUFFIX);
    // Cargo builds into CARGO_TARGET_DIR when set; the pack always goes to ./target/device.
    let target =
        env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let built = target.join("release").join(&exe);
    let packed = PathBuf::from("target/device").join(&exe);
    fs::create_dir_all("target/device").context("could not create target/device")?;
    let size = fs::copy(&built, &packed)
        .with_context(|| format!("could not copy {} to {}", built.display(), packed.display()))?;
    println!(
        "device-pack: {} ({}), ready to carry",
        packed.display(),
        megabytes(size)
    );
    Ok(())
}
