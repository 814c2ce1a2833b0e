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
    let mut size = fs::copy(&built, &packed)
        .with_context(|| format!("could not copy {} to {}", built.display(), packed.display()))?;
    // A device call carries at most 64 MiB: the line tables stay on this machine.
    if cmd::find_program("strip").is_some() {
        cmd::run(
            std::process::Command::new("strip")
                .arg("--strip-debug")
                .arg(&packed),
        )?;
        size = fs::metadata(&packed).map(|m| m.len()).unwrap_or(size);
    }
    println!(
        "device-pack: {} ({}), ready to carry",
        packed.display(),
        megabytes(size)
    );
    Ok(())
}
