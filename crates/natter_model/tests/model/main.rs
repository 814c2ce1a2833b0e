//! natter_model's integration tests, in one binary: model files good and bad, synthetic and
//! real, from disk and from memory; tokenizer and chat-template parity with llama.cpp; and the
//! CPU reference against an exact-f32 run.
//!
//! - [`bad_gguf`]: files crafted from a tiny synthetic model, with [`GgufWriter`] or by patching
//!   and truncating its bytes; each must give its own error, never a panic.
//! - [`synthetic`], [`hugging_face`], [`real_model`]: models that open, and what they hold.
//! - [`memory`]: [`Model::from_gguf_bytes`] and [`Model::from_hf_files`] against [`Model::open`].
//! - [`tokenizer`], [`chat`]: ids and prompts against llama.cpp, with the reference data in
//!   `tests/data/` (see [`fixtures`]).
//! - [`reference`]: the CPU forward pass against the exact-f32 reference run.
//!
//! Tests of the real SmolLM2-135M file need `cargo xtask fetch`; they fail (never skip) and say
//! so when it is missing.

mod bad_gguf;
mod chat;
mod fixtures;
mod hugging_face;
mod memory;
mod real_model;
mod reference;
mod synthetic;
mod tokenizer;

use std::path::{Path, PathBuf};

use natter_model::{GgufWriter, Model, ModelError, SynthSpec, synthetic_gguf};
use serde::Deserialize;

/// SHA-256 of `assets/models/SmolLM2-135M-Instruct.Q4_1.gguf`, which the reference data was
/// measured with.
const MODEL_SHA256: &str = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53";

/// The real SmolLM2-135M-Instruct file, or a panic that says how to get it.
fn real_model_path() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/models/SmolLM2-135M-Instruct.Q4_1.gguf");
    assert!(
        path.is_file(),
        "{} is missing: run `cargo xtask fetch` to download SmolLM2-135M-Instruct (Q4_1 GGUF, \
         sha256 {MODEL_SHA256}) first",
        path.display()
    );
    path
}

/// A file of `tests/data/`.
fn data_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn read_json<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let path = data_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()))
}

fn bytes_of(w: GgufWriter<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    w.write_to(&mut out).expect("writing to a Vec cannot fail");
    out
}

/// The tiny synthetic model's GGUF bytes.
fn tiny() -> Vec<u8> {
    bytes_of(synthetic_gguf(&SynthSpec::tiny()).expect("tiny spec is valid"))
}

/// A tiny synthetic model changed by `edit` before writing.
fn tiny_with(edit: impl FnOnce(&mut GgufWriter<'static>)) -> Vec<u8> {
    let mut w = synthetic_gguf(&SynthSpec::tiny()).expect("tiny spec is valid");
    edit(&mut w);
    bytes_of(w)
}

/// Writes `bytes` to a fresh temporary file and opens it as a model.
fn open_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("model.gguf");
    std::fs::write(&path, bytes).expect("write model");
    Model::open(&path)
}
