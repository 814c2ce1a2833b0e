//! Running external programs the same way everywhere: echoed as a shell line first, so the
//! user sees (and can copy) exactly what ran.

use std::env;
use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// A `cargo` command from the toolchain that runs xtask, so nested builds use the same one.
pub fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Echoes `cmd`, runs it with the terminal as its stdin/stdout/stderr, and fails unless it
/// exits with status 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = echo(cmd);
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Echoes `cmd`, runs it with its stderr on the terminal, and returns its stdout; fails unless
/// it exits with status 0.
pub fn run_capturing_stdout(cmd: &mut Command) -> Result<String> {
    let line = echo(cmd);
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `{line}`"))?;
    if !out.status.success() {
        bail!("`{line}` failed ({})", out.status);
    }
    String::from_utf8(out.stdout).with_context(|| format!("`{line}` printed non-UTF-8 output"))
}

/// Echoes `cmd` and runs it, passing each line of its stdout through to ours; returns whether
/// any line started with `prefix`. Fails unless it exits with status 0.
pub fn run_watching_stdout(cmd: &mut Command, prefix: &str) -> Result<bool> {
    let line = echo(cmd);
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{line}`"))?;
    let mut seen = false;
    if let Some(stdout) = child.stdout.take() {
        let mut stdout = BufReader::new(stdout);
        let mut buf = Vec::new();
        // Bytes, not `lines()`: a stray non-UTF-8 byte in a game's output is no reason to fail.
        while stdout
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("could not read the output of `{line}`"))?
            > 0
        {
            let out = String::from_utf8_lossy(&buf);
            let out = out.trim_end_matches(['\n', '\r']);
            seen |= out.starts_with(prefix);
            println!("{out}");
            buf.clear();
        }
    }
    let status = child
        .wait()
        .with_context(|| format!("could not wait for `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(seen)
}

/// Runs a probe quietly (not echoed: it only asks, it changes nothing) and returns its stdout,
/// whatever its exit status; `None` when the program cannot be started.
pub fn probe(program: &str, args: &[&str]) -> Option<(bool, String)> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

/// Prints `cmd` as a shell line (`$ KEY=value program arg…`) and returns that line.
pub fn echo(cmd: &Command) -> String {
    let mut words: Vec<String> = cmd
        .get_envs()
        .filter_map(|(key, value)| Some(format!("{}={}", key.display(), quote(value?))))
        .collect();
    // Print `cargo`, not the toolchain's full path to it.
    let program = Path::new(cmd.get_program());
    words.push(quote(program.file_name().unwrap_or(program.as_os_str())));
    words.extend(cmd.get_args().map(quote));
    let line = words.join(" ");
    println!("$ {line}");
    line
}

/// Quotes a word for a POSIX shell, leaving plain words as they are.
fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%^".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Finds `program` on `PATH`, as a shell would.
pub fn find_program(program: &str) -> Option<PathBuf> {
    let name = format!("{program}{}", env::consts::EXE_SUFFIX);
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(&name))
        .find(|path| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_quotes_only_words_that_need_it() {
        let mut cmd = Command::new("/usr/bin/xvfb-run");
        cmd.env("DEBIAN_FRONTEND", "noninteractive").args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "it's",
            "--x=y",
        ]);
        assert_eq!(
            echo(&cmd),
            r"DEBIAN_FRONTEND=noninteractive xvfb-run -a -s '-screen 0 1280x800x24' 'it'\''s' --x=y"
        );
    }
}
