//! `cargo xtask device-pack`: a release `natter` binary at `target/device/natter`, one file to
//! carry to a machine with a GPU for benchmarks; with `--village`, the release game too, as
//! `target/device/village.xz` (xz-compressed to fit a device call's 64 MiB).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::{cmd, megabytes};

pub fn run(village: bool) -> Result<()> {
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
    let size = pack(&built, &packed)?;
    println!(
        "device-pack: {} ({}), ready to carry",
        packed.display(),
        megabytes(size)
    );
    if village {
        cmd::run(cmd::cargo().args(["build", "--release", "--example", "village"]))?;
        let game = format!("village{}", env::consts::EXE_SUFFIX);
        let packed = PathBuf::from("target/device").join(&game);
        pack(&target.join("release/examples").join(&game), &packed)?;
        if cmd::find_program("xz").is_none() {
            bail!(
                "`xz` is needed to compress the game to fit a device call (apt install xz-utils)"
            );
        }
        let xz = packed.with_extension("xz");
        let _ = fs::remove_file(&xz);
        // xz replaces `village` with `village.xz`.
        cmd::run(
            std::process::Command::new("xz")
                .args(["-T0", "-6"])
                .arg(&packed),
        )?;
        let size = fs::metadata(&xz).map(|m| m.len()).unwrap_or(0);
        println!(
            "device-pack: {} ({}), ready to carry",
            xz.display(),
            megabytes(size)
        );
    }
    Ok(())
}

/// Copies a built binary to `packed`, without its debug line tables when `strip` is there (a
/// device call carries at most 64 MiB; the line tables stay on this machine).
fn pack(built: &Path, packed: &Path) -> Result<u64> {
    let mut size = fs::copy(built, packed)
        .with_context(|| format!("could not copy {} to {}", built.display(), packed.display()))?;
    if cmd::find_program("strip").is_some() {
        cmd::run(
            std::process::Command::new("strip")
                .arg("--strip-debug")
                .arg(packed),
        )?;
        size = fs::metadata(packed).map(|m| m.len()).unwrap_or(size);
    }
    Ok(size)
}
