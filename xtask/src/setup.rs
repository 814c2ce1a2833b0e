//! `cargo xtask setup`: the system packages natter needs, installed where we can, named where
//! we can't.

use std::fs;
use std::process::Command;

use anyhow::{Context, Result};

use crate::{cmd, fetch, vulkan};

/// What the command that runs after setup needs from this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// `cargo xtask setup` on its own: report what is missing, require nothing.
    Nothing,
    /// Tests and the game: without a Vulkan device (a GPU's driver, or lavapipe) they cannot run.
    Vulkan,
}

/// Debian and Ubuntu package names. `cargo xtask setup` installs the missing ones.
const DEBIAN_PACKAGES: &[&str] = &[
    // The Vulkan loader, Mesa's drivers (with lavapipe: Vulkan on the CPU where there is no
    // GPU) and vulkaninfo, to say which devices there are.
    "libvulkan1",
    "mesa-vulkan-drivers",
    "vulkan-tools",
    // What Bevy's build links against (ALSA, udev, Wayland, xkbcommon), found by pkg-config.
    "pkg-config",
    "libasound2-dev",
    "libudev-dev",
    "libwayland-dev",
    "libxkbcommon-dev",
    // A virtual X display, for the village test on machines without a screen.
    "xvfb",
    "xauth",
];

/// The same packages for distributions we do not manage, as one command to copy.
const FEDORA_COMMAND: &str = "sudo dnf install mesa-vulkan-drivers vulkan-loader vulkan-tools \
     pkgconf-pkg-config alsa-lib-devel systemd-devel wayland-devel libxkbcommon-devel \
     xorg-x11-server-Xvfb xorg-x11-xauth";
const ARCH_COMMAND: &str = "sudo pacman -S --needed vulkan-icd-loader vulkan-swrast vulkan-tools \
     pkgconf alsa-lib systemd-libs wayland libxkbcommon xorg-server-xvfb xorg-xauth";

pub fn run(need: Need) -> Result<()> {
    if cfg!(windows) {
        println!(
            "system packages: none needed on Windows (a GPU driver with Vulkan or DX12 is all natter needs)"
        );
        return Ok(());
    }
    if cfg!(target_os = "macos") {
        println!("system packages: none needed on macOS (natter runs on Metal, which is built in)");
        return Ok(());
    }
    match Distro::detect() {
        Distro::Debian => debian()?,
        Distro::Fedora => {
            println!("system packages: not checked on Fedora; natter needs:\n    {FEDORA_COMMAND}");
        }
        Distro::Arch => {
            println!("system packages: not checked on Arch; natter needs:\n    {ARCH_COMMAND}");
        }
        Distro::Other(name) => println!(
            "system packages: not checked on {name}; natter needs a Vulkan loader and driver \
             (Mesa's lavapipe where there is no GPU), pkg-config, the ALSA, udev, Wayland and \
             xkbcommon development files, and Xvfb. On Debian that is:\n    \
             apt-get install --no-install-recommends {}",
            DEBIAN_PACKAGES.join(" ")
        ),
    }
    vulkan::check(need)
}

/// Installs the missing Debian packages when we are root, or says how to.
fn debian() -> Result<()> {
    let mut missing = missing_debian_packages(DEBIAN_PACKAGES);
    // `cargo xtask fetch` downloads the model with pip; a bare Debian has no Python at all.
    if fetch::Python::find().is_err() {
        missing.push("python3-pip");
    }
    if missing.is_empty() {
        println!("system packages: all present");
        return Ok(());
    }
    let list = missing.join(" ");
    if !is_root() || cmd::find_program("apt-get").is_none() {
        println!(
            "system packages: missing {list}\n  \
             not root, so not installing them; to install them, run:\n    \
             sudo apt-get install --no-install-recommends {list}"
        );
        return Ok(());
    }
    println!("system packages: installing {list}");
    cmd::run(Command::new("apt-get").arg("update"))
        .context("could not update apt's package lists")?;
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing),
    )
    .context("could not install the missing system packages")?;
    println!("system packages: installed {list} (and what they depend on)");
    Ok(())
}

/// The packages in `names` that dpkg does not report as installed.
fn missing_debian_packages<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["-W", "-f=${Package} ${Status}\n"];
    args.extend_from_slice(names);
    // dpkg-query exits 1 when it has never heard of a package; that package is missing, and
    // the ones it lists are still right, so the exit status says nothing we need.
    let listed = cmd::probe("dpkg-query", &args)
        .map(|(_, out)| out)
        .unwrap_or_default();
    let installed = parse_dpkg_status(&listed);
    names
        .iter()
        .copied()
        .filter(|name| !installed.contains(name))
        .collect()
}

/// Packages that `dpkg-query -W -f='${Package} ${Status}\n'` reports as installed. The status's
/// last word is the state: `install ok installed` and `hold ok installed` count, a package
/// removed but with its configuration left (`deinstall ok config-files`) does not.
fn parse_dpkg_status(listed: &str) -> Vec<&str> {
    listed
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next()?;
            (words.last() == Some("installed")).then_some(name)
        })
        .collect()
}

/// Whether this process runs as root (its effective user id is 0).
fn is_root() -> bool {
    let Ok(status) = fs::read_to_string("/proc/self/status") else {
        return false;
    };
    status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0")
}

#[derive(Debug, PartialEq, Eq)]
enum Distro {
    Debian,
    Fedora,
    Arch,
    Other(String),
}

impl Distro {
    fn detect() -> Self {
        let os_release = fs::read_to_string("/etc/os-release").unwrap_or_default();
        Self::from_os_release(&os_release)
    }

    /// Reads `ID` and `ID_LIKE` from the text of `/etc/os-release`.
    fn from_os_release(os_release: &str) -> Self {
        let field = |key: &str| {
            os_release
                .lines()
                .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
                .map(|value| value.trim_matches('"').to_owned())
                .unwrap_or_default()
        };
        let (id, like) = (field("ID"), field("ID_LIKE"));
        let is = |names: &[&str]| {
            std::iter::once(id.as_str())
                .chain(like.split_whitespace())
                .any(|word| names.contains(&word))
        };
        if is(&["debian", "ubuntu"]) {
            Distro::Debian
        } else if is(&["fedora", "rhel"]) {
            Distro::Fedora
        } else if is(&["arch"]) {
            Distro::Arch
        } else if id.is_empty() {
            Distro::Other(std::env::consts::OS.to_owned())
        } else {
            Distro::Other(id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpkg_status_counts_installed_and_held_packages_only() {
        let listed = "libvulkan1 install ok installed\n\
                      xvfb hold ok installed\n\
                      xauth deinstall ok config-files\n\
                      vulkan-tools install ok unpacked\n";
        assert_eq!(parse_dpkg_status(listed), ["libvulkan1", "xvfb"]);
    }

    #[test]
    fn distro_is_read_from_id_and_id_like() {
        let cases = [
            ("ID=debian\nVERSION_ID=\"12\"\n", Distro::Debian),
            ("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n", Distro::Debian),
            (
                "ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n",
                Distro::Fedora,
            ),
            ("ID=endeavouros\nID_LIKE=arch\n", Distro::Arch),
            ("ID=alpine\n", Distro::Other("alpine".to_owned())),
        ];
        for (os_release, distro) in cases {
            assert_eq!(Distro::from_os_release(os_release), distro, "{os_release}");
        }
    }
}
