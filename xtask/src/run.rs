//! `cargo xtask run`: the example game, or the terminal chat until the game lands.

use std::env;
use std::path::Path;

use anyhow::{Result, bail};

use crate::setup::{self, Need};
use crate::{cmd, fetch};

pub fn run(args: &[String]) -> Result<()> {
    let village = village_exists();
    // Before setup and fetch, so a headless machine hears it at once rather than after 93 MB.
    if village && !has_display() {
        bail!(
            "the village game opens a window, but there is no display (DISPLAY and \
             WAYLAND_DISPLAY are unset); for a headless smoke run, use a virtual display:\n    \
             xvfb-run -a cargo run --release --example village"
        );
    }
    setup::run(Need::Vulkan)?;
    fetch::run(Path::new(fetch::MODEL_DIR))?;
    if village {
        cmd::run(
            cmd::cargo()
                .args(["run", "--release", "--example", "village", "--"])
                .args(args),
        )
    } else {
        println!(
            "run: the village game has not landed yet (no examples/village), so here is the \
             terminal chat demo instead"
        );
        cmd::run(
            cmd::cargo()
                .args(["run", "--release", "--bin", "natter", "--", "chat"])
                .args(args),
        )
    }
}

/// Whether the village example exists yet, as a folder or a single file.
pub fn village_exists() -> bool {
    Path::new("examples/village").exists() || Path::new("examples/village.rs").exists()
}

/// Whether a window can open. Windows and macOS always have a desktop.
pub fn has_display() -> bool {
    cfg!(any(windows, target_os = "macos"))
        || ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|var| env::var_os(var).is_some_and(|value| !value.is_empty()))
}
