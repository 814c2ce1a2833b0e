//! The `natter` binary's contract: bad input exits non-zero with one clear line on stderr
//! (never a panic, a backtrace or an abort), `tokenize` prints JSON, `inspect` describes the
//! model, and `generate` prints only the generated text on stdout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use natter::model::{GgufWriter, SynthSpec, synthetic_gguf};

const MODEL: &str = "assets/models/SmolLM2-135M-Instruct.Q4_1.gguf";

fn natter(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_natter"))
        .args(args)
        // A backtrace would show if anything panicked; the test asserts none does.
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("the natter binary runs")
}

/// Lines of stderr that natter wrote (drivers may print their own notices, e.g. Mesa's
/// `XDG_RUNTIME_DIR` warning, which are not natter's).
fn natter_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| !l.contains("XDG_RUNTIME_DIR"))
        .map(str::to_string)
        .collect()
}

/// Runs `natter inspect` and `natter tokenize` on the model at `path` and checks both fail
/// cleanly with a message containing `expect`.
fn assert_clean_failure(path: &Path, expect: &str) {
    assert_clean_failure_any(path, &[expect]);
}

/// As [`assert_clean_failure`], accepting any of several messages.
fn assert_clean_failure_any(path: &Path, expect: &[&str]) {
    for args in [
        vec!["inspect", "--model"],
        vec!["tokenize", "--text", "hi", "--model"],
    ] {
        let mut args: Vec<&str> = args;
        args.push(path.to_str().expect("utf-8 path"));
        let out = natter(&args);
        let lines = natter_lines(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded on a bad model");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: exit status {:?} (a crash?)",
            out.status
        );
        assert_eq!(
            lines.len(),
            1,
            "{args:?}: expected one line on stderr, got {lines:#?}"
        );
        let line = &lines[0];
        assert!(line.starts_with("error: "), "{args:?}: {line}");
        assert!(
            !line.contains("panicked") && !line.contains("backtrace"),
            "{args:?}: {line}"
        );
        let lower = line.to_lowercase();
        assert!(
            expect.iter().any(|e| lower.contains(&e.to_lowercase())),
            "{args:?}: `{line}` mentions none of {expect:?}"
        );
        assert!(
            out.stdout.is_empty(),
            "{args:?}: printed to stdout on failure"
        );
    }
}

fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn tiny(edit: impl FnOnce(&mut GgufWriter<'static>)) -> Vec<u8> {
    let mut w = synthetic_gguf(&SynthSpec::tiny()).expect("tiny spec");
    edit(&mut w);
    let mut bytes = Vec::new();
    w.write_to(&mut bytes).expect("write");
    bytes
}

/// Offset of the `u64` length prefix of string `s` in `bytes`.
fn find_string(bytes: &[u8], s: &str) -> usize {
    let mut record = (s.len() as u64).to_le_bytes().to_vec();
    record.extend_from_slice(s.as_bytes());
    bytes
        .windows(record.len())
        .position(|w| w == record.as_slice())
        .expect("string in file")
}

#[test]
fn missing_file() {
    assert_clean_failure(
        Path::new("/nonexistent/model.gguf"),
        "/nonexistent/model.gguf",
    );
}

#[test]
fn not_a_gguf_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        &dir,
        "notes.gguf",
        b"these are not the weights you are looking for\n",
    );
    assert_clean_failure(&p, "not a GGUF file");
}

#[test]
fn truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = tiny(|_| {});
    for cut in [10, 200, bytes.len() / 2, bytes.len() - 1] {
        let p = file(&dir, &format!("cut{cut}.gguf"), &bytes[..cut]);
        assert_clean_failure_any(&p, &["file ends", "outside the file"]);
    }
}

#[test]
fn tensor_offset_past_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = tiny(|_| {});
    // Tensor info: name, n_dims (u32), dims (u64 each), type (u32), offset (u64).
    let name = "output_norm.weight";
    let at = find_string(&bytes, name) + 8 + name.len();
    let n_dims = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let offset_at = at + 4 + 8 * n_dims + 4;
    bytes[offset_at..offset_at + 8].copy_from_slice(&(1u64 << 40).to_le_bytes());
    let p = file(&dir, "offset.gguf", &bytes);
    assert_clean_failure(&p, "output_norm.weight");
}

#[test]
fn absurd_counts_and_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = tiny(|_| {});
    // Header: magic, version (u32), tensor count (u64), metadata count (u64).
    bytes[8..16].copy_from_slice(&(1u64 << 60).to_le_bytes());
    assert_clean_failure(&file(&dir, "count.gguf", &bytes), "tensor");
    let shape = tiny(|w| {
        w.add_raw_tensor("huge.weight", 0, &[1 << 40, 1 << 40], vec![0; 16]);
    });
    assert_clean_failure(&file(&dir, "shape.gguf", &shape), "huge.weight");
}

#[test]
fn unsupported_tensor_type() {
    let dir = tempfile::tempdir().unwrap();
    // ggml type 10 is Q2_K, which natter does not run.
    let bytes = tiny(|w| {
        w.add_raw_tensor("odd.weight", 10, &[256], vec![0; 84]);
    });
    assert_clean_failure(&file(&dir, "q2k.gguf", &bytes), "Q2_K");
}

#[test]
fn vocabulary_that_does_not_match_the_tensors() {
    let dir = tempfile::tempdir().unwrap();
    let spec = SynthSpec::tiny();
    let bytes = tiny(|w| {
        let mut tokens: Vec<String> = (0..spec.vocab + 3).map(|i| format!("<tok{i}>")).collect();
        tokens.truncate(spec.vocab - 5);
        w.set("tokenizer.ggml.tokens", tokens);
        w.remove("tokenizer.ggml.token_type");
        w.remove("tokenizer.ggml.merges");
        w.set("tokenizer.ggml.merges", Vec::<String>::new());
        w.remove("llama.vocab_size");
    });
    assert_clean_failure(&file(&dir, "vocab.gguf", &bytes), "vocab");
}

#[test]
fn tokenize_prints_json_and_keeps_special_strings_plain() {
    let out = natter(&[
        "tokenize",
        "--model",
        MODEL,
        "--text",
        "<|im_start|>Good morning, traveller!",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<u32> = serde_json::from_slice(&out.stdout).expect("a JSON array of ids");
    assert!(
        !ids.contains(&1),
        "player text became the <|im_start|> control token: {ids:?}"
    );
    // llama.cpp's ids for the plain part (shared test data).
    assert!(
        ids.ends_with(&[14229, 5738, 28, 11390, 9803, 17]),
        "{ids:?}"
    );
}

#[test]
fn inspect_describes_the_model() {
    let out = natter(&["inspect", "--model", MODEL]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "layers:       30",
        "hidden:       576",
        "Q4_1",
        "Q8_0",
        "<|im_start|>",
        "token_embd.weight",
    ] {
        assert!(
            text.contains(needle),
            "inspect output lacks `{needle}`:\n{text}"
        );
    }
}

#[test]
fn bad_arguments_are_usage_errors() {
    let out = natter(&[
        "generate",
        "--model",
        MODEL,
        "--user",
        "hi",
        "--temperature=-1",
        "--max-tokens",
        "1",
    ]);
    assert!(!out.status.success());
    let lines = natter_lines(&out.stderr);
    assert!(lines.iter().any(|l| l.contains("temperature")), "{lines:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let out = natter(&["generate", "--model", MODEL]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap reports a missing --prompt/--user as a usage error"
    );
}

#[test]
fn generate_prints_only_the_text_on_stdout() {
    let out = natter(&[
        "generate",
        "--model",
        MODEL,
        "--prompt",
        "The old lighthouse keeper",
        "--max-tokens",
        "6",
        "--temperature",
        "0",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // The f32 reference's greedy continuation of this prompt (shared test data, `raw_once`).
    assert!(text.starts_with(", a man named"), "{text:?}");
    assert!(
        !text.contains("[natter]"),
        "statistics leaked onto stdout: {text:?}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("tok/s"));
}
