//! `cargo xtask test`: sets the machine up, then runs every test, step by step, with a summary
//! of what passed and how long each step took.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::run::{has_display, village_exists};
use crate::setup::{self, Need};
use crate::{cmd, fetch};

/// The scripted village run, and the stdout line that shows an NPC spoke in it. It raises the
/// dialogue budget so a reply on a software GPU (lavapipe) takes minutes, not hours.
const VILLAGE_ARGS: &[&str] = &[
    "--script",
    "assets/scripts/smoke.ron",
    "--budget",
    "250",
    "--screenshot",
    "target/village.png",
];
const NPC_LINE_PREFIX: &str = "NPC ";
/// The headless village run: offscreen, no display; it prints frame times at exit.
const HEADLESS_ARGS: &[&str] = &["--headless", "--script", "assets/scripts/headless.ron"];
const HEADLESS_SHOT: &str = "target/village-headless-ci.png";
const FRAMES_LINE_PREFIX: &str = "frames (";
/// A drawn 1280×800 village is ~1 MB as PNG; a blank or single-colour image is a few KB.
const DRAWN_PNG_BYTES: u64 = 200_000;

/// Runs every step; `cargo_test_args` go to `cargo test` after `--workspace --all-targets`.
pub fn run(cargo_test_args: &[String]) -> Result<()> {
    let mut steps = Steps::default();
    let ready = steps.run("setup", || setup::run(Need::Vulkan))
        && steps.run("fetch", || fetch::run(Path::new(fetch::MODEL_DIR)));
    if !ready {
        steps.skip("cargo test", "the machine is not ready");
        steps.skip("doc tests", "the machine is not ready");
        steps.skip("village", "the machine is not ready");
        return steps.finish();
    }
    steps.run("cargo test", || {
        cmd::run(
            cmd::cargo()
                .args(["test", "--workspace", "--all-targets"])
                .args(cargo_test_args),
        )
    });
    // `--all-targets` leaves out documentation examples; they are tests too.
    steps.run("doc tests", || {
        cmd::run(cmd::cargo().args(["test", "--workspace", "--doc"]))
    });
    // ── The village scripted test ──
    // Plays assets/scripts/smoke.ron in the example game under a virtual display, and passes
    // when the game exits cleanly having printed a line that starts with `NPC `. It switches
    // itself on when examples/village lands.
    if village_exists() {
        steps.run("village", village_smoke);
        steps.run("village headless", village_headless);
    } else {
        steps.skip("village", "no examples/village yet");
        steps.skip("village headless", "no examples/village yet");
    }
    steps.finish()
}

fn village_smoke() -> Result<()> {
    let village = build_village()?;
    let mut run = if cmd::find_program("xvfb-run").is_some() {
        let mut xvfb = Command::new("xvfb-run");
        xvfb.args(["-a", "-s", "-screen 0 1280x800x24"])
            .arg(&village);
        xvfb
    } else if has_display() {
        println!("village: xvfb-run is not installed, so the game uses this machine's display");
        Command::new(&village)
    } else {
        bail!(
            "the village test needs a display: install xvfb and xauth (`cargo xtask setup` as \
             root does it) or run it where there is a screen"
        );
    };
    // Run straight from the build, not through `cargo run`: Bevy then finds `assets/` through
    // BEVY_ASSET_ROOT instead of cargo's CARGO_MANIFEST_DIR.
    run.env("BEVY_ASSET_ROOT", ".").args(VILLAGE_ARGS);
    if !cmd::run_watching_stdout(&mut run, NPC_LINE_PREFIX)? {
        bail!("the village ran but no NPC spoke: no stdout line starts with `{NPC_LINE_PREFIX}`");
    }
    Ok(())
}

/// Plays assets/scripts/headless.ron offscreen (no window, no display needed) and passes when
/// the game exits cleanly, printed its frame times and saved a drawn image.
fn village_headless() -> Result<()> {
    let village = build_village()?;
    let _ = std::fs::remove_file(HEADLESS_SHOT);
    let mut run = Command::new(&village);
    run.env("BEVY_ASSET_ROOT", ".").args(HEADLESS_ARGS);
    if !cmd::run_watching_stdout(&mut run, FRAMES_LINE_PREFIX)? {
        bail!(
            "the headless village printed no frame times (no line starts with `{FRAMES_LINE_PREFIX}`)"
        );
    }
    let bytes = std::fs::metadata(HEADLESS_SHOT)
        .with_context(|| format!("the headless village saved no image at {HEADLESS_SHOT}"))?
        .len();
    if bytes < DRAWN_PNG_BYTES {
        bail!("{HEADLESS_SHOT} is {bytes} bytes: too small for a drawn village (blank?)");
    }
    println!("village headless: {HEADLESS_SHOT} ({bytes} bytes)");
    Ok(())
}

/// Builds the village in the dev profile and returns its executable. It is built as part of the
/// whole workspace's examples, so cargo resolves the same dependency features as `cargo test
/// --workspace --all-targets` did and reuses that build; `cargo run --example village` alone
/// would resolve fewer features and rebuild wgpu and Bevy (minutes and gigabytes).
fn build_village() -> Result<PathBuf> {
    let mut build = cmd::cargo();
    build.args([
        "build",
        "--workspace",
        "--examples",
        "--message-format=json-render-diagnostics",
    ]);
    let messages = cmd::run_capturing_stdout(&mut build)?;
    messages
        .lines()
        .find_map(village_executable)
        .context("cargo built the examples but named no executable for `village`")
}

/// The executable in one line of cargo's JSON messages, when the line is the village example's
/// build artifact. A string search, to keep xtask free of a JSON crate: cargo writes each message
/// on one line with the keys it documents.
fn village_executable(line: &str) -> Option<PathBuf> {
    if !line.starts_with(r#"{"reason":"compiler-artifact""#)
        || !line.contains(r#""kind":["example"]"#)
        || !line.contains(r#""name":"village""#)
    {
        return None;
    }
    let (_, rest) = line.split_once(r#""executable":""#)?;
    let mut path = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(PathBuf::from(path)),
            '\\' => path.push(chars.next()?),
            c => path.push(c),
        }
    }
    None
}

enum Outcome {
    Passed,
    Failed,
    Skipped(&'static str),
}

/// The steps run so far, for the summary.
#[derive(Default)]
struct Steps(Vec<(&'static str, Outcome, Duration)>);

impl Steps {
    /// Runs one step under a header and records how it went; returns whether it passed.
    fn run(&mut self, name: &'static str, step: impl FnOnce() -> Result<()>) -> bool {
        println!("\n==> {name}");
        let start = Instant::now();
        let result = step();
        let outcome = match result {
            Ok(()) => Outcome::Passed,
            Err(err) => {
                println!("==> {name}: FAILED: {err:#}");
                Outcome::Failed
            }
        };
        let passed = matches!(outcome, Outcome::Passed);
        self.0.push((name, outcome, start.elapsed()));
        passed
    }

    fn skip(&mut self, name: &'static str, why: &'static str) {
        self.0.push((name, Outcome::Skipped(why), Duration::ZERO));
    }

    /// Prints the summary; fails when a step failed.
    fn finish(self) -> Result<()> {
        println!("\n==> summary");
        let mut total = Duration::ZERO;
        let mut failed = Vec::new();
        let width = self
            .0
            .iter()
            .map(|(name, ..)| name.len())
            .max()
            .unwrap_or(0);
        for (name, outcome, took) in &self.0 {
            total += *took;
            let (word, note) = match outcome {
                Outcome::Passed => ("ok", format_duration(*took)),
                Outcome::Failed => {
                    failed.push(*name);
                    ("FAILED", format_duration(*took))
                }
                Outcome::Skipped(why) => ("skipped", (*why).to_owned()),
            };
            println!("  {word:<8} {name:<width$} {note}");
        }
        if !failed.is_empty() {
            bail!(
                "test: {} failed (in {})",
                failed.join(", "),
                format_duration(total)
            );
        }
        println!("test: all passed in {}", format_duration(total));
        Ok(())
    }
}

fn format_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        format!("{}m {:02}s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_seconds_then_minutes() {
        let cases = [
            (0.24, "0.2s"),
            (59.94, "59.9s"),
            (61.0, "1m 01s"),
            (3725.0, "62m 05s"),
        ];
        for (secs, text) in cases {
            assert_eq!(format_duration(Duration::from_secs_f64(secs)), text);
        }
    }

    #[test]
    fn the_village_executable_comes_from_its_artifact_message() {
        let village = r#"{"reason":"compiler-artifact","package_id":"path+file:///w#natter@0.1.0","target":{"kind":["example"],"crate_types":["bin"],"name":"village","src_path":"/w/examples/village/main.rs"},"profile":{},"features":[],"filenames":["/w/target/debug/examples/village"],"executable":"C:\\w\\target\\village.exe","fresh":true}"#;
        assert_eq!(
            village_executable(village),
            Some(PathBuf::from(r"C:\w\target\village.exe"))
        );
        let other = village.replace(r#""name":"village""#, r#""name":"bench""#);
        assert_eq!(village_executable(&other), None);
        let lib = village.replace(r#""kind":["example"]"#, r#""kind":["lib"]"#);
        assert_eq!(village_executable(&lib), None);
        assert_eq!(
            village_executable(r#"{"reason":"build-finished","success":true}"#),
            None
        );
    }

    #[test]
    fn a_failed_step_fails_the_summary() {
        let mut steps = Steps::default();
        assert!(steps.run("passes", || Ok(())));
        assert!(!steps.run("fails", || bail!("broken")));
        steps.skip("later", "not reached");
        let err = steps.finish().unwrap_err().to_string();
        assert!(err.starts_with("test: fails failed"), "{err}");
    }
}
