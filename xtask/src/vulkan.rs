//! Whether this machine has a Vulkan device, and which. On Linux wgpu reaches the GPU through
//! the Vulkan loader, or, where there is no GPU, Mesa's lavapipe (Vulkan on the CPU); we check
//! both are there, so that a missing driver is one clear line instead of a test panic deep
//! inside wgpu. We report and never choose: wgpu picks the device, no backend is forced.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::setup::Need;

const FIX: &str = "install `libvulkan1 mesa-vulkan-drivers` (Debian/Ubuntu; `cargo xtask setup` \
                   as root does it; its lavapipe runs Vulkan on the CPU) or your GPU's Vulkan driver";

/// Says which Vulkan devices there are; fails when `need` is [`Need::Vulkan`] and there are none.
/// Only Linux is checked: wgpu uses DX12 or Metal on Windows and macOS, which ship with the OS,
/// and the loader's search rules below are Linux's.
pub fn check(need: Need) -> Result<()> {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    let problem = if find_loader().is_none() {
        "the Vulkan loader (libvulkan.so.1) is not installed"
    } else if driver_manifests().is_empty() {
        "no Vulkan driver is installed (no manifest in any vulkan/icd.d directory)"
    } else {
        match list_devices() {
            None => {
                println!(
                    "vulkan: a loader and driver are installed (install vulkan-tools to list devices)"
                );
                return Ok(());
            }
            Some(Err(err)) => {
                // vulkaninfo can fail for reasons of its own (a display it wants to query);
                // wgpu may still find a device, so let the tests have their say.
                println!("vulkan: could not list devices: {err:#}");
                return Ok(());
            }
            Some(Ok(devices)) if devices.is_empty() => "the Vulkan loader finds no device",
            Some(Ok(devices)) => {
                println!("vulkan: {}", describe(&devices));
                return Ok(());
            }
        }
    };
    if need == Need::Vulkan {
        bail!(
            "vulkan: {problem}, and natter's tests and game need a Vulkan device on Linux: {FIX}"
        );
    }
    println!("vulkan: {problem}; natter's tests and game will need one: {FIX}");
    Ok(())
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Device {
    name: String,
    /// `cpu`, `discrete gpu`, `integrated gpu`, …
    kind: String,
    driver: String,
}

fn describe(devices: &[Device]) -> String {
    let list: Vec<String> = devices
        .iter()
        .map(|d| format!("{} [{}, driver {}]", d.name, d.kind, d.driver))
        .collect();
    let mut line = format!(
        "{} device{}: {}",
        devices.len(),
        if devices.len() == 1 { "" } else { "s" },
        list.join("; ")
    );
    if devices.iter().all(|d| d.kind == "cpu") {
        line.push_str(" (no GPU: GPU work runs on the CPU, correct but slow)");
    }
    line
}

/// Runs `vulkaninfo --summary`; `None` when vulkaninfo is not installed.
fn list_devices() -> Option<Result<Vec<Device>>> {
    cmd::find_program("vulkaninfo")?;
    let mut vulkaninfo = Command::new("vulkaninfo");
    vulkaninfo.arg("--summary");
    let line = cmd::echo(&vulkaninfo);
    let result = vulkaninfo
        .output()
        .with_context(|| format!("could not start `{line}`"))
        .and_then(|out| {
            if !out.status.success() {
                let stderr = String::from_utf8_lossy(&out.stderr);
                let last = stderr
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                bail!("`{line}` failed ({}): {}", out.status, last.trim());
            }
            Ok(parse_summary(&String::from_utf8_lossy(&out.stdout)))
        });
    Some(result)
}

/// Reads the `Devices:` section of `vulkaninfo --summary`: a `GPUn:` line per device, then
/// `key = value` lines.
fn parse_summary(summary: &str) -> Vec<Device> {
    let mut devices: Vec<Device> = Vec::new();
    let in_devices = summary.lines().skip_while(|line| line.trim() != "Devices:");
    for line in in_devices {
        let line = line.trim();
        if line.starts_with("GPU") && line.ends_with(':') {
            devices.push(Device::default());
            continue;
        }
        let (Some(device), Some((key, value))) = (devices.last_mut(), line.split_once('=')) else {
            continue;
        };
        let value = value.trim().to_owned();
        match key.trim() {
            "deviceName" => device.name = value,
            "driverName" => device.driver = value,
            "deviceType" => {
                let kind = value
                    .strip_prefix("PHYSICAL_DEVICE_TYPE_")
                    .unwrap_or(&value);
                device.kind = kind.to_lowercase().replace('_', " ");
            }
            _ => {}
        }
    }
    devices
}

/// Where the Vulkan loader library is, looking where the dynamic linker would.
fn find_loader() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = env::var_os("LD_LIBRARY_PATH")
        .map(|paths| env::split_paths(&paths).collect())
        .unwrap_or_default();
    for root in ["/usr/lib", "/lib", "/usr/lib64", "/lib64", "/usr/local/lib"] {
        dirs.push(PathBuf::from(root));
        // Debian's multiarch directories: /usr/lib/x86_64-linux-gnu and friends.
        dirs.extend(subdirs(Path::new(root)).filter(|d| d.to_string_lossy().contains("-linux-")));
    }
    dirs.into_iter()
        .map(|dir| dir.join("libvulkan.so.1"))
        .find(|lib| lib.exists())
}

/// The Vulkan driver manifests (ICD files) the loader would read, by its search rules.
fn driver_manifests() -> Vec<PathBuf> {
    for var in ["VK_DRIVER_FILES", "VK_ICD_FILENAMES"] {
        if let Some(files) = env::var_os(var) {
            return env::split_paths(&files)
                .filter(|file| file.exists())
                .collect();
        }
    }
    let home = env::var_os("HOME").map(PathBuf::from);
    let dir_list = |var: &str, default: &str| -> Vec<PathBuf> {
        let list = env::var_os(var).filter(|list| !list.is_empty());
        env::split_paths(&list.unwrap_or_else(|| default.into())).collect()
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    roots.extend(
        env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| Some(home.clone()?.join(".config"))),
    );
    roots.extend(dir_list("XDG_CONFIG_DIRS", "/etc/xdg"));
    roots.push(PathBuf::from("/etc"));
    roots.extend(
        env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| Some(home?.join(".local/share"))),
    );
    roots.extend(dir_list("XDG_DATA_DIRS", "/usr/local/share:/usr/share"));
    roots
        .iter()
        .flat_map(|root| files(&root.join("vulkan/icd.d")))
        .filter(|file| file.extension().is_some_and(|ext| ext == "json"))
        .collect()
}

fn subdirs(dir: &Path) -> impl Iterator<Item = PathBuf> {
    files(dir).into_iter().filter(|path| path.is_dir())
}

/// The entries of `dir`; none when it does not exist or cannot be read, as for the loader.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = dir.read_dir() else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAVAPIPE_SUMMARY: &str = "\
==========
VULKANINFO
==========

Vulkan Instance Version: 1.3.239

Instance Extensions: count = 20
-------------------------------
VK_EXT_debug_report                    : extension revision 10

Devices:
========
GPU0:
\tapiVersion         = 1.3.230
\tdriverVersion      = 0.0.1
\tvendorID           = 0x10005
\tdeviceID           = 0x0000
\tdeviceType         = PHYSICAL_DEVICE_TYPE_CPU
\tdeviceName         = llvmpipe (LLVM 15.0.6, 256 bits)
\tdriverID           = DRIVER_ID_MESA_LLVMPIPE
\tdriverName         = llvmpipe
\tdriverInfo         = Mesa 22.3.6 (LLVM 15.0.6)
";

    #[test]
    fn summary_of_lavapipe_names_one_cpu_device() {
        let devices = parse_summary(LAVAPIPE_SUMMARY);
        assert_eq!(
            devices,
            [Device {
                name: "llvmpipe (LLVM 15.0.6, 256 bits)".to_owned(),
                kind: "cpu".to_owned(),
                driver: "llvmpipe".to_owned(),
            }]
        );
        assert_eq!(
            describe(&devices),
            "1 device: llvmpipe (LLVM 15.0.6, 256 bits) [cpu, driver llvmpipe] \
             (no GPU: GPU work runs on the CPU, correct but slow)"
        );
    }

    #[test]
    fn summary_without_devices_section_has_no_devices() {
        assert_eq!(parse_summary("Vulkan Instance Version: 1.3.239\n"), []);
    }
}
