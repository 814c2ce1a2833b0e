//! natter_model's integration tests: model files good and bad, synthetic and real.
//!
//! Bad files are crafted from a tiny synthetic model, with [`GgufWriter`] or by patching and
//! truncating its bytes; each must give its own error, never a panic. Tests of the real
//! SmolLM2-135M file need `cargo xtask fetch` and say so when it is missing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use natter_model::{
    Architecture, ChatMessage, ConfigError, GgmlType, GgufError, GgufFile, GgufValue, GgufWriter,
    Model, ModelConfig, ModelError, RopeStyle, SafetensorsError, SynthSpec, TensorRef, dequantize,
    synthetic_gguf, write_synthetic_gguf,
};

// ---------------------------------------------------------------------------------------------
// Helpers

fn bytes_of(w: GgufWriter<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    w.write_to(&mut out).expect("writing to a Vec cannot fail");
    out
}

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

fn open_err(bytes: &[u8]) -> ModelError {
    match open_bytes(bytes) {
        Ok(_) => panic!("the model opened, but an error was expected"),
        Err(e) => e,
    }
}

/// The GGUF error inside a model error, or a panic naming what came instead.
fn gguf_err(bytes: &[u8]) -> GgufError {
    match open_err(bytes) {
        ModelError::Gguf { source, .. } => source,
        other => panic!("expected a GGUF error, got: {other}"),
    }
}

/// Byte offset of a GGUF string record (u64 length + bytes) equal to `s`.
fn find_record(bytes: &[u8], s: &str) -> usize {
    let mut record = (s.len() as u64).to_le_bytes().to_vec();
    record.extend_from_slice(s.as_bytes());
    bytes
        .windows(record.len())
        .position(|w| w == record.as_slice())
        .unwrap_or_else(|| panic!("`{s}` is not in the file"))
}

/// Offset of the value of metadata `key` (after its type).
fn value_offset(bytes: &[u8], key: &str) -> usize {
    find_record(bytes, key) + 8 + key.len() + 4
}

/// Offsets of the fields of tensor info `name`: (n_dims, first dim, type, data offset).
fn tensor_info_offsets(bytes: &[u8], name: &str) -> (usize, usize, usize, usize) {
    let n_dims_at = find_record(bytes, name) + 8 + name.len();
    let n_dims =
        u32::from_le_bytes(bytes[n_dims_at..n_dims_at + 4].try_into().expect("4 bytes")) as usize;
    let dims_at = n_dims_at + 4;
    let type_at = dims_at + 8 * n_dims;
    (n_dims_at, dims_at, type_at, type_at + 4)
}

fn put_u64(bytes: &mut [u8], at: usize, v: u64) {
    bytes[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(bytes: &mut [u8], at: usize, v: u32) {
    bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn real_model_path() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/models/SmolLM2-135M-Instruct.Q4_1.gguf");
    assert!(
        path.is_file(),
        "{} is missing: run `cargo xtask fetch` to download SmolLM2-135M-Instruct (Q4_1 GGUF) first",
        path.display()
    );
    path
}

// ---------------------------------------------------------------------------------------------
// Files that are not models, or not GGUF natter reads

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let err = Model::open("/nonexistent/natter/model.gguf").expect_err("no such file");
    assert!(
        matches!(err, ModelError::Io { ref path, .. } if path.ends_with("model.gguf")),
        "{err}"
    );
    assert!(
        err.to_string().contains("/nonexistent/natter/model.gguf"),
        "{err}"
    );
}

#[test]
fn bad_magic_is_not_gguf() {
    let mut bytes = tiny();
    bytes[..4].copy_from_slice(b"\x7fELF");
    let err = gguf_err(&bytes);
    assert!(
        matches!(err, GgufError::BadMagic { found } if &found == b"\x7fELF"),
        "{err}"
    );
    assert!(err.to_string().contains("not a GGUF file"), "{err}");
}

#[test]
fn gguf_v1_is_refused_clearly() {
    let mut bytes = tiny();
    put_u32(&mut bytes, 4, 1);
    let err = gguf_err(&bytes);
    assert!(
        matches!(err, GgufError::UnsupportedVersion { version: 1 }),
        "{err}"
    );
    assert!(err.to_string().contains("version 1"), "{err}");
}

#[test]
fn gguf_v2_is_read() {
    let mut w = synthetic_gguf(&SynthSpec::tiny()).expect("valid");
    w.set_version(2);
    let bytes = bytes_of(w);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v2.gguf");
    std::fs::write(&path, bytes).expect("write");
    let file = GgufFile::open(&path).expect("v2 parses");
    assert_eq!(file.version(), 2);
}

#[test]
fn empty_and_tiny_files_are_truncated_not_panics() {
    for len in [0, 3, 4, 7, 8, 12, 23] {
        let bytes = tiny();
        let err = gguf_err(&bytes[..len]);
        assert!(
            matches!(err, GgufError::Truncated { .. }),
            "{len} bytes: {err}"
        );
    }
}

#[test]
fn truncated_header_names_what_was_being_read() {
    let bytes = tiny();
    let at = value_offset(&bytes, "tokenizer.ggml.merges");
    let err = gguf_err(&bytes[..at + 20]);
    match err {
        GgufError::Truncated {
            ref what,
            offset,
            file_len,
        } => {
            assert!(what.contains("tokenizer.ggml.merges"), "{err}");
            assert!(offset <= file_len, "{err}");
        }
        other => panic!("expected Truncated, got {other}"),
    }
}

#[test]
fn truncated_tensor_data_is_out_of_bounds() {
    let bytes = tiny();
    // The last tensor (output_norm, 256 bytes of F32) loses its tail.
    let err = gguf_err(&bytes[..bytes.len() - 100]);
    assert!(
        matches!(err, GgufError::TensorOutOfBounds { ref name, .. } if name == "output_norm.weight"),
        "{err}"
    );
}

#[test]
fn tensor_offset_past_the_end_is_out_of_bounds() {
    let mut bytes = tiny();
    let (_, _, _, offset_at) = tensor_info_offsets(&bytes, "blk.0.attn_q.weight");
    put_u64(&mut bytes, offset_at, 1 << 40);
    let err = gguf_err(&bytes);
    assert!(
        matches!(err, GgufError::TensorOutOfBounds { ref name, .. } if name == "blk.0.attn_q.weight"),
        "{err}"
    );
    // An offset so large that start + length overflows.
    put_u64(&mut bytes, offset_at, u64::MAX - 31);
    assert!(matches!(
        gguf_err(&bytes),
        GgufError::TensorOutOfBounds { .. }
    ));
    // And one that is not aligned.
    put_u64(&mut bytes, offset_at, 33);
    assert!(matches!(
        gguf_err(&bytes),
        GgufError::MisalignedTensor { .. }
    ));
}

#[test]
fn absurd_counts_are_refused_before_allocating() {
    let bytes = tiny();
    let huge = 1u64 << 60;

    let mut b = bytes.clone();
    put_u64(&mut b, 8, huge);
    assert!(matches!(gguf_err(&b), GgufError::TooLarge { value, .. } if value == huge));

    let mut b = bytes.clone();
    put_u64(&mut b, 16, huge);
    assert!(matches!(gguf_err(&b), GgufError::TooLarge { value, .. } if value == huge));

    // Array length: element type (u32) then length (u64).
    let mut b = bytes.clone();
    put_u64(
        &mut b,
        value_offset(&bytes, "tokenizer.ggml.tokens") + 4,
        huge,
    );
    let err = gguf_err(&b);
    assert!(
        matches!(err, GgufError::TooLarge { ref what, .. } if what.contains("tokenizer.ggml.tokens")),
        "{err}"
    );

    // An array length under the cap but beyond what the file holds.
    let mut b = bytes.clone();
    put_u64(
        &mut b,
        value_offset(&bytes, "tokenizer.ggml.tokens") + 4,
        1 << 23,
    );
    assert!(matches!(gguf_err(&b), GgufError::Truncated { .. }));

    // String length: the value of general.architecture.
    let mut b = bytes.clone();
    put_u64(&mut b, value_offset(&bytes, "general.architecture"), huge);
    let err = gguf_err(&b);
    assert!(
        matches!(err, GgufError::TooLarge { ref what, .. } if what.contains("general.architecture")),
        "{err}"
    );

    // Key length: the first key's length field is at byte 24.
    let mut b = bytes.clone();
    put_u64(&mut b, 24, huge);
    assert!(matches!(gguf_err(&b), GgufError::TooLarge { .. }));
}

#[test]
fn absurd_dimensions_are_refused() {
    let bytes = tiny();
    let name = "blk.0.attn_q.weight";
    let (n_dims_at, dims_at, _, _) = tensor_info_offsets(&bytes, name);

    // Element counts that overflow 64 bits.
    let mut b = bytes.clone();
    put_u64(&mut b, dims_at, 1 << 40);
    put_u64(&mut b, dims_at + 8, 1 << 40);
    assert!(matches!(gguf_err(&b), GgufError::TooManyElements { name: ref n, .. } if n == name));

    let mut b = bytes.clone();
    put_u64(&mut b, dims_at + 8, u64::MAX);
    assert!(matches!(gguf_err(&b), GgufError::TooManyElements { .. }));

    // Five dimensions.
    let mut b = bytes.clone();
    put_u32(&mut b, n_dims_at, 5);
    assert!(matches!(
        gguf_err(&b),
        GgufError::TooManyDims { n_dims: 5, .. }
    ));

    // A row that is not a whole number of Q4_1 blocks.
    let mut b = bytes.clone();
    put_u64(&mut b, dims_at, 48);
    assert!(matches!(
        gguf_err(&b),
        GgufError::PartialBlock { cols: 48, .. }
    ));

    // Big but representable: the data range check catches it.
    let mut b = bytes.clone();
    put_u64(&mut b, dims_at + 8, 1 << 30);
    assert!(matches!(gguf_err(&b), GgufError::TensorOutOfBounds { .. }));
}

#[test]
fn unsupported_tensor_type_names_tensor_and_type() {
    // Q2_K (ggml type 10) is a real type natter does not compute with: the file parses, the
    // model does not load.
    let bytes = tiny_with(|w| {
        w.remove_tensor("blk.1.ffn_down.weight");
        w.add_raw_tensor("blk.1.ffn_down.weight", 10, &[256, 32], vec![0; 84 * 32]);
    });
    let err = open_err(&bytes);
    assert!(
        matches!(err, ModelError::UnsupportedType { ref name, ref ty } if name == "blk.1.ffn_down.weight" && ty == "Q2_K"),
        "{err}"
    );
    assert!(err.to_string().contains("Q2_K"), "{err}");

    // An id ggml does not define at all cannot even be bounds-checked.
    let mut bytes = tiny();
    let (_, _, type_at, _) = tensor_info_offsets(&bytes, "blk.0.attn_q.weight");
    put_u32(&mut bytes, type_at, 1000);
    assert!(matches!(
        gguf_err(&bytes),
        GgufError::UnknownTensorType { raw: 1000, .. }
    ));
}

#[test]
fn unknown_metadata_value_type_is_refused() {
    let mut bytes = tiny();
    let at = value_offset(&bytes, "general.architecture") - 4;
    put_u32(&mut bytes, at, 13);
    assert!(
        matches!(gguf_err(&bytes), GgufError::UnknownValueType { raw: 13, ref key, .. } if key == "general.architecture")
    );
}

#[test]
fn random_corruption_never_panics() {
    // Flip bytes all over the header (and a little of the data) of a tiny model; whatever
    // happens must be an Ok or an Err. Deterministic, so a failure reproduces.
    let bytes = tiny();
    let header_len = {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("m.gguf");
        std::fs::write(&path, &bytes).expect("write");
        GgufFile::open(&path).expect("valid").data_offset() as usize
    };
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let mut b = bytes.clone();
        for _ in 0..1 + next() % 4 {
            let at = (next() as usize) % (header_len + 64);
            b[at] = next() as u8;
        }
        let _ = open_bytes(&b);
    }
}

// ---------------------------------------------------------------------------------------------
// Files that are GGUF but not a model natter can run

#[test]
fn vocabulary_that_does_not_match_the_tensors() {
    let bytes = tiny_with(|w| {
        let tokens: Vec<String> = (0..500).map(|i| format!("t{i}")).collect();
        w.set("tokenizer.ggml.tokens", tokens);
    });
    let err = open_err(&bytes);
    assert!(
        matches!(err, ModelError::VocabMismatch { tokenizer: 500, embedding: 512, ref tensor } if tensor == "token_embd.weight"),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("vocabulary does not match the tensors"),
        "{err}"
    );
}

#[test]
fn missing_tensor_is_named() {
    let bytes = tiny_with(|w| {
        assert!(w.remove_tensor("blk.1.ffn_up.weight"));
    });
    let err = open_err(&bytes);
    assert!(
        matches!(err, ModelError::MissingTensor { ref name } if name == "blk.1.ffn_up.weight"),
        "{err}"
    );
}

#[test]
fn wrong_shape_is_named_with_both_shapes() {
    // attn_k must be [hidden, kv_dim] = [64, 32]; give it [64, 64].
    let bytes = tiny_with(|w| {
        w.remove_tensor("blk.0.attn_k.weight");
        w.add_tensor(
            "blk.0.attn_k.weight",
            GgmlType::Q4_1,
            &[64, 64],
            vec![0; 2 * 64 * 20],
        )
        .expect("valid tensor");
    });
    let err = open_err(&bytes);
    match err {
        ModelError::TensorShape {
            ref name,
            ref expected,
            ref found,
        } => {
            assert_eq!(name, "blk.0.attn_k.weight");
            assert_eq!(expected, &[64, 32]);
            assert_eq!(found, &[64, 64]);
        }
        other => panic!("expected TensorShape, got {other}"),
    }
}

#[test]
fn metadata_of_the_wrong_type_names_the_key() {
    let bytes = tiny_with(|w| {
        w.set("llama.block_count", "two");
    });
    let err = open_err(&bytes);
    assert!(
        matches!(
            err,
            ModelError::Config { source: ConfigError::Metadata(GgufError::WrongType { ref key, .. }), .. }
                if key == "llama.block_count"
        ),
        "{err}"
    );
    assert!(err.to_string().contains("llama.block_count"), "{err}");
}

#[test]
fn missing_metadata_and_bad_values_are_config_errors() {
    let bytes = tiny_with(|w| {
        w.remove("llama.embedding_length");
    });
    let err = open_err(&bytes);
    assert!(
        matches!(err, ModelError::Config { source: ConfigError::Metadata(GgufError::MissingKey { ref key }), .. } if key == "llama.embedding_length"),
        "{err}"
    );

    let bytes = tiny_with(|w| {
        w.set("llama.attention.head_count_kv", 3u32);
    });
    assert!(matches!(
        open_err(&bytes),
        ModelError::Config {
            source: ConfigError::Invalid { .. },
            ..
        }
    ));

    let bytes = tiny_with(|w| {
        w.set("general.architecture", "gpt2");
    });
    assert!(matches!(
        open_err(&bytes),
        ModelError::Config {
            source: ConfigError::UnsupportedArchitecture { .. },
            ..
        }
    ));

    let bytes = tiny_with(|w| {
        w.set("llama.block_count", GgufValue::U64(1 << 40));
    });
    assert!(matches!(
        open_err(&bytes),
        ModelError::Config {
            source: ConfigError::Metadata(GgufError::OutOfRange { .. }),
            ..
        }
    ));
}

// ---------------------------------------------------------------------------------------------
// Round trips

#[test]
fn tiny_synthetic_model_reads_back_without_the_tokenizer() {
    let spec = SynthSpec::tiny();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tiny.gguf");
    write_synthetic_gguf(&path, &spec).expect("write");
    let file = GgufFile::open(&path).expect("parses");
    assert_eq!(file.version(), 3);
    assert_eq!(
        ModelConfig::from_gguf(&file).expect("config"),
        spec.config()
    );
    assert_eq!(file.tensors().len(), 1 + 9 * spec.n_layers + 1);
    for t in file.tensors() {
        let ty = t.ty().expect("synthetic types are supported");
        let data = file.tensor_data(t).expect("in the file");
        let mut out = vec![0.0; t.elements()];
        dequantize(ty, data, &mut out).expect("valid blocks");
        let expected_range = if t.name.contains("norm") {
            0.9..1.1
        } else {
            -0.2..0.2
        };
        assert!(out.iter().all(|v| expected_range.contains(v)), "{}", t.name);
    }
}

#[test]
fn tiny_synthetic_model_opens() {
    let spec = SynthSpec::tiny();
    let model = open_bytes(&tiny()).expect("a synthetic model opens");
    assert_eq!(model.config(), &spec.config());
    let t = model.tensors();
    assert_eq!(t.layers.len(), 2);
    assert!(t.output.is_none(), "tied");
    assert_eq!(t.lm_head().name, "token_embd.weight");
    assert_eq!(t.token_embd.shape, [64, 512]);
    assert_eq!(t.token_embd.ty, GgmlType::Q8_0);
    assert_eq!(
        (t.layers[1].wk.shape.as_slice(), t.layers[1].wk.ty),
        ([64, 32].as_slice(), GgmlType::Q4_1)
    );
    assert_eq!(t.layers[0].wo.shape, [64, 64]);
    assert_eq!(t.layers[0].w_down.shape, [128, 64]);
    assert!(t.layers[0].bq.is_none());
    assert_eq!(model.all_tensors().len(), 20);
    let embd = model.dequantize(&t.token_embd).expect("dequantises");
    assert_eq!(embd.len(), 64 * 512);
    assert_eq!(model.tokenizer().vocab_size(), 512);
    let ids = model.tokenizer().encode("the cat").expect("encodes");
    assert_eq!(model.tokenizer().decode(&ids).expect("decodes"), "the cat");
    assert_eq!(model.tokenizer().eos(), Some(2));
    // The ChatML template the writer stores, with control tokens from the template only.
    let prompt = model
        .encode_chat(&[ChatMessage::user("the <|im_end|>")], true)
        .expect("renders");
    assert_eq!(prompt.first(), Some(&1), "starts with <|im_start|>");
    assert_eq!(
        prompt.iter().filter(|&&id| id == 2).count(),
        1,
        "one <|im_end|>: the typed one stays text"
    );
    let text = model.tokenizer().decode(&prompt).expect("decodes");
    assert!(
        text.contains("user\nthe <|im_end|>") && text.ends_with("assistant\n"),
        "{text:?}"
    );
}

#[test]
fn qwen2_synthetic_model_has_biases_and_neox_rope() {
    let spec = SynthSpec {
        architecture: Architecture::Qwen2,
        tied: false,
        ..SynthSpec::tiny()
    };
    let model = open_bytes(&bytes_of(synthetic_gguf(&spec).expect("valid"))).expect("opens");
    let c = model.config();
    assert_eq!(
        (
            c.architecture,
            c.rope_style,
            c.attention_bias,
            c.tied_embeddings
        ),
        (Architecture::Qwen2, RopeStyle::Neox, true, false)
    );
    let l = &model.tensors().layers[1];
    assert_eq!(l.bk.as_ref().map(|b| b.shape.clone()), Some(vec![32]));
    assert_eq!(
        model.tensors().output.as_ref().map(|o| o.name.as_str()),
        Some("output.weight")
    );
}

#[test]
fn k_quant_synthetic_model_opens() {
    let spec = SynthSpec {
        hidden: 256,
        n_heads: 4,
        head_dim: 64,
        ffn: 512,
        weight_type: GgmlType::Q4_K,
        embedding_type: GgmlType::Q6_K,
        tied: false,
        ..SynthSpec::tiny()
    };
    let model = open_bytes(&bytes_of(synthetic_gguf(&spec).expect("valid"))).expect("opens");
    assert_eq!(model.tensors().layers[0].wq.ty, GgmlType::Q4_K);
    assert_eq!(model.tensors().token_embd.ty, GgmlType::Q6_K);
    let w = model
        .dequantize(&model.tensors().layers[0].w_up)
        .expect("dequantises");
    let std = (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt();
    assert!((0.01..0.04).contains(&std), "std {std}");
}

// ---------------------------------------------------------------------------------------------
// Hugging Face directories

/// A safetensors file from `(name, dtype, shape in Hugging Face order, data)`.
fn safetensors_bytes(tensors: &[(String, &str, Vec<usize>, Vec<u8>)]) -> Vec<u8> {
    let mut header = serde_json::Map::new();
    let mut offset = 0;
    for (name, dtype, shape, data) in tensors {
        let end = offset + data.len();
        header.insert(
            name.clone(),
            serde_json::json!({"dtype": dtype, "shape": shape, "data_offsets": [offset, end]}),
        );
        offset = end;
    }
    let json = serde_json::Value::Object(header).to_string();
    let mut out = (json.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(json.as_bytes());
    for (_, _, _, data) in tensors {
        out.extend_from_slice(data);
    }
    out
}

/// The GGUF name of a Hugging Face tensor of a LLaMA checkpoint.
fn gguf_name(hf: &str) -> String {
    let table = [
        ("model.embed_tokens.weight", "token_embd.weight"),
        ("model.norm.weight", "output_norm.weight"),
        ("lm_head.weight", "output.weight"),
    ];
    if let Some((_, g)) = table.iter().find(|(h, _)| *h == hf) {
        return (*g).to_owned();
    }
    let rest = hf.strip_prefix("model.layers.").expect("a layer tensor");
    let (layer, suffix) = rest.split_once('.').expect("layer.suffix");
    let suffix = match suffix {
        "input_layernorm.weight" => "attn_norm.weight",
        "self_attn.q_proj.weight" => "attn_q.weight",
        "self_attn.k_proj.weight" => "attn_k.weight",
        "self_attn.v_proj.weight" => "attn_v.weight",
        "self_attn.o_proj.weight" => "attn_output.weight",
        "post_attention_layernorm.weight" => "ffn_norm.weight",
        "mlp.gate_proj.weight" => "ffn_gate.weight",
        "mlp.up_proj.weight" => "ffn_up.weight",
        "mlp.down_proj.weight" => "ffn_down.weight",
        other => panic!("unexpected {other}"),
    };
    format!("blk.{layer}.{suffix}")
}

/// A Hugging Face checkpoint in `dir` with the tiny synthetic model's weights (matrices BF16,
/// the rest F32) and vocabulary; `shards` > 1 splits the weights with an index. Returns the
/// GGUF weights as `f32` by GGUF name, for comparison.
fn write_hf_checkpoint(
    dir: &Path,
    shards: usize,
    edit: impl FnOnce(&mut Vec<(String, &'static str, Vec<usize>, Vec<u8>)>),
) -> HashMap<String, Vec<f32>> {
    let gguf_path = dir.join("source.gguf");
    std::fs::write(&gguf_path, tiny()).expect("write");
    let file = GgufFile::open(&gguf_path).expect("valid");
    let mut weights = HashMap::new();
    for t in file.tensors() {
        let mut out = vec![0.0; t.elements()];
        dequantize(
            t.ty().expect("supported"),
            file.tensor_data(t).expect("in file"),
            &mut out,
        )
        .expect("valid");
        weights.insert(t.name.clone(), out);
    }
    let spec = SynthSpec::tiny();
    let mut names = vec![
        "model.embed_tokens.weight".to_owned(),
        "model.norm.weight".to_owned(),
    ];
    for l in 0..spec.n_layers {
        for s in [
            "input_layernorm.weight",
            "self_attn.q_proj.weight",
            "self_attn.k_proj.weight",
            "self_attn.v_proj.weight",
            "self_attn.o_proj.weight",
            "post_attention_layernorm.weight",
            "mlp.gate_proj.weight",
            "mlp.up_proj.weight",
            "mlp.down_proj.weight",
        ] {
            names.push(format!("model.layers.{l}.{s}"));
        }
    }
    let mut tensors: Vec<(String, &'static str, Vec<usize>, Vec<u8>)> = names
        .into_iter()
        .map(|hf| {
            let g = gguf_name(&hf);
            let info = file.tensor(&g).expect("present");
            let values = &weights[&g];
            // Hugging Face order is ggml order reversed.
            let shape: Vec<usize> = info.shape.iter().rev().copied().collect();
            if shape.len() == 2 {
                let data = values
                    .iter()
                    .flat_map(|v| half::bf16::from_f32(*v).to_le_bytes())
                    .collect();
                (hf, "BF16", shape, data)
            } else {
                (
                    hf,
                    "F32",
                    shape,
                    values.iter().flat_map(|v| v.to_le_bytes()).collect(),
                )
            }
        })
        .collect();
    edit(&mut tensors);

    if shards <= 1 {
        std::fs::write(dir.join("model.safetensors"), safetensors_bytes(&tensors)).expect("write");
    } else {
        let per = tensors.len().div_ceil(shards);
        let mut map = serde_json::Map::new();
        for (i, chunk) in tensors.chunks(per).enumerate() {
            let shard = format!("model-{:05}-of-{shards:05}.safetensors", i + 1);
            std::fs::write(dir.join(&shard), safetensors_bytes(chunk)).expect("write");
            for (name, ..) in chunk {
                map.insert(name.clone(), serde_json::Value::String(shard.clone()));
            }
        }
        let index = serde_json::json!({"metadata": {"total_size": 0}, "weight_map": map});
        std::fs::write(dir.join("model.safetensors.index.json"), index.to_string()).expect("write");
    }

    let config = serde_json::json!({
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "hidden_size": spec.hidden, "intermediate_size": spec.ffn, "num_hidden_layers": spec.n_layers,
        "num_attention_heads": spec.n_heads, "num_key_value_heads": spec.n_kv_heads,
        "max_position_embeddings": spec.context_length, "rms_norm_eps": spec.rms_eps,
        "rope_theta": spec.rope_base, "rope_scaling": null, "tie_word_embeddings": true,
        "vocab_size": spec.vocab, "torch_dtype": "bfloat16"
    });
    std::fs::write(dir.join("config.json"), config.to_string()).expect("write");

    // tokenizer.json: the same byte-level BPE vocabulary, in the `tokenizers` format.
    let m = file.metadata();
    let tokens = m.get_str_array("tokenizer.ggml.tokens").expect("tokens");
    let merges = m.get_str_array("tokenizer.ggml.merges").expect("merges");
    let vocab: serde_json::Map<String, serde_json::Value> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), serde_json::json!(i)))
        .collect();
    let added: Vec<serde_json::Value> = tokens[..3]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"id": i, "content": t, "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true})
        })
        .collect();
    let byte_level = serde_json::json!({"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true});
    let tokenizer = serde_json::json!({
        "version": "1.0", "truncation": null, "padding": null, "added_tokens": added,
        "normalizer": null, "pre_tokenizer": byte_level, "post_processor": null, "decoder": byte_level,
        "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
            "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "vocab": vocab, "merges": merges}
    });
    std::fs::write(dir.join("tokenizer.json"), tokenizer.to_string()).expect("write");
    let tokenizer_config = serde_json::json!({
        "bos_token": {"content": "<|im_start|>", "lstrip": false}, "eos_token": "<|im_end|>",
        "chat_template": "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    });
    std::fs::write(
        dir.join("tokenizer_config.json"),
        tokenizer_config.to_string(),
    )
    .expect("write");
    std::fs::remove_file(&gguf_path).expect("remove");
    weights
}

fn check_hf_model(model: &Model, gguf_weights: &HashMap<String, Vec<f32>>) {
    let spec = SynthSpec::tiny();
    let c = model.config();
    assert_eq!(
        c.rope_style,
        RopeStyle::Neox,
        "Hugging Face checkpoints rotate NeoX pairs"
    );
    assert_eq!(
        (
            c.n_layers,
            c.hidden,
            c.n_heads,
            c.n_kv_heads,
            c.head_dim,
            c.ffn,
            c.vocab
        ),
        (
            spec.n_layers,
            spec.hidden,
            spec.n_heads,
            spec.n_kv_heads,
            spec.head_dim,
            spec.ffn,
            spec.vocab
        )
    );
    assert!(c.tied_embeddings);
    let t = model.tensors();
    let check = |r: &TensorRef, gguf: &str| {
        let got = model.dequantize(r).expect("dequantises");
        let want = &gguf_weights[gguf];
        assert_eq!(got.len(), want.len(), "{}", r.name);
        for (a, b) in got.iter().zip(want) {
            assert!(
                (a - b).abs() <= b.abs() / 128.0 + 1e-9,
                "{}: {a} vs {b}",
                r.name
            );
        }
    };
    assert_eq!(t.layers[1].wk.shape, [64, 32], "ggml order");
    assert_eq!(t.layers[1].wk.ty, GgmlType::BF16);
    check(&t.layers[1].wk, "blk.1.attn_k.weight");
    check(&t.layers[0].w_down, "blk.0.ffn_down.weight");
    check(&t.token_embd, "token_embd.weight");
    check(&t.output_norm, "output_norm.weight");
    assert_eq!(model.tokenizer().vocab_size(), 512);
    assert_eq!(model.tokenizer().eos(), Some(2));
}

#[test]
fn hugging_face_directory_opens_with_ggml_shapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let weights = write_hf_checkpoint(dir.path(), 1, |_| {});
    let model = Model::open(dir.path()).expect("opens");
    check_hf_model(&model, &weights);
    // The path of config.json works too.
    let model = Model::open(dir.path().join("config.json")).expect("opens");
    assert_eq!(model.all_tensors().len(), 20);
}

#[test]
fn sharded_hugging_face_checkpoint_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let weights = write_hf_checkpoint(dir.path(), 3, |_| {});
    let model = Model::open(dir.path()).expect("opens");
    check_hf_model(&model, &weights);
}

#[test]
fn hugging_face_errors_name_the_file_and_tensor() {
    // A missing projection.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |t| {
        t.retain(|(n, ..)| n != "model.layers.1.mlp.up_proj.weight")
    });
    let err = Model::open(dir.path()).expect_err("missing tensor");
    assert!(
        matches!(err, ModelError::MissingTensor { ref name } if name == "model.layers.1.mlp.up_proj.weight"),
        "{err}"
    );

    // An integer tensor.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |t| {
        t.push(("ids".into(), "I64", vec![2], vec![0; 16]))
    });
    let err = Model::open(dir.path()).expect_err("I64");
    assert!(
        matches!(err, ModelError::Safetensors { source: SafetensorsError::UnsupportedDtype { ref dtype, .. }, ref path } if dtype == "I64" && path.ends_with("model.safetensors")),
        "{err}"
    );

    // An index that points outside the directory.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 2, |_| {});
    let index_path = dir.path().join("model.safetensors.index.json");
    let index = std::fs::read_to_string(&index_path).expect("read");
    std::fs::write(
        &index_path,
        index.replace("model-00001-of-00002", "../model-00001-of-00002"),
    )
    .expect("write");
    let err = Model::open(dir.path()).expect_err("escaping shard");
    assert!(
        matches!(
            err,
            ModelError::Safetensors {
                source: SafetensorsError::Index { .. },
                ..
            }
        ),
        "{err}"
    );

    // A truncated shard.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |_| {});
    let st = dir.path().join("model.safetensors");
    let bytes = std::fs::read(&st).expect("read");
    std::fs::write(&st, &bytes[..bytes.len() - 10]).expect("write");
    let err = Model::open(dir.path()).expect_err("truncated");
    assert!(
        matches!(
            err,
            ModelError::Safetensors {
                source: SafetensorsError::OutOfBounds { .. },
                ..
            }
        ),
        "{err}"
    );

    // An architecture natter does not run.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |_| {});
    let config = std::fs::read_to_string(dir.path().join("config.json")).expect("read");
    std::fs::write(
        dir.path().join("config.json"),
        config.replace("LlamaForCausalLM", "GPTNeoXForCausalLM"),
    )
    .expect("write");
    let err = Model::open(dir.path()).expect_err("unsupported");
    assert!(
        matches!(err, ModelError::Config { source: ConfigError::UnsupportedArchitecture { .. }, ref path } if path.ends_with("config.json")),
        "{err}"
    );

    // A tokenizer larger than the embedding table.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |t| {
        for (name, _, shape, data) in t.iter_mut() {
            if name == "model.embed_tokens.weight" {
                shape[0] = 500;
                data.truncate(500 * 64 * 2);
            }
        }
    });
    let config = std::fs::read_to_string(dir.path().join("config.json")).expect("read");
    std::fs::write(
        dir.path().join("config.json"),
        config.replace("\"vocab_size\":512", "\"vocab_size\":500"),
    )
    .expect("write");
    let err = Model::open(dir.path()).expect_err("vocab mismatch");
    assert!(
        matches!(
            err,
            ModelError::VocabMismatch {
                tokenizer: 512,
                embedding: 500,
                ..
            }
        ),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// The real model

#[test]
fn real_smollm2_file_parses_as_documented() {
    let file = GgufFile::open(real_model_path()).expect("the real model parses");
    assert_eq!(file.version(), 3);
    assert_eq!(file.tensors().len(), 272);
    let c = ModelConfig::from_gguf(&file).expect("config");
    assert_eq!(c.architecture, Architecture::Llama);
    assert_eq!(
        (
            c.n_layers,
            c.hidden,
            c.n_heads,
            c.n_kv_heads,
            c.head_dim,
            c.ffn,
            c.vocab
        ),
        (30, 576, 9, 3, 64, 1536, 49152)
    );
    assert_eq!(c.rope_base, 100_000.0);
    assert_eq!(c.rope_style, RopeStyle::Adjacent);
    assert!((c.rms_eps - 1e-5).abs() < 1e-9);
    assert_eq!(c.context_length, 8192);
    assert!(c.tied_embeddings);
    assert!(!c.attention_bias);
    assert_eq!(c.rope_freq_factors, None);

    let mut types: HashMap<&str, usize> = HashMap::new();
    for t in file.tensors() {
        let expected = if t.name == "token_embd.weight" {
            GgmlType::Q8_0
        } else if t.name.ends_with("norm.weight") {
            GgmlType::F32
        } else {
            GgmlType::Q4_1
        };
        assert_eq!(t.ty(), Some(expected), "{}", t.name);
        *types.entry(t.type_name()).or_default() += 1;
    }
    assert_eq!(
        types,
        HashMap::from([("Q4_1", 210), ("F32", 61), ("Q8_0", 1)])
    );
    let m = file.metadata();
    assert_eq!(m.get_str("tokenizer.ggml.model").expect("model"), "gpt2");
    assert_eq!(
        m.get_str_array("tokenizer.ggml.tokens")
            .expect("tokens")
            .len(),
        49152
    );
    assert_eq!(
        m.get_i32_array("tokenizer.ggml.token_type")
            .expect("types")
            .len(),
        49152
    );
    assert_eq!(
        m.get_str_array("tokenizer.ggml.merges")
            .expect("merges")
            .len(),
        48900
    );
    assert!(
        m.get_str("tokenizer.chat_template")
            .expect("template")
            .contains("<|im_start|>")
    );
}

/// Dequantised values of the real file from gguf-py 0.19 (`gguf.quants.dequantize` on
/// `GGUFReader(path).tensors[i].data`), as f32 bits, with the f64 sum of each whole tensor.
#[test]
fn real_smollm2_dequantises_like_gguf_py() {
    let file = GgufFile::open(real_model_path()).expect("the real model parses");
    // (tensor, [(element, f32 bits)], sum)
    type Case = (&'static str, &'static [(usize, u32)], f64);
    let cases: [Case; 4] = [
        (
            "token_embd.weight",
            &[
                (0, 0xbdda3400),
                (1, 0x3d071400),
                (31, 0xbe4d3700),
                (32, 0xbdbf7600),
                (576_005, 0xbc23c000),
                (28_311_551, 0xbd2ad000),
            ],
            -15353.04449415207,
        ),
        (
            "blk.0.attn_q.weight",
            &[
                (0, 0xbdc54000),
                (1, 0x3e212000),
                (15, 0x3f09b000),
                (16, 0xbe648000),
                (31, 0xbdc54000),
                (331_775, 0xbe830000),
            ],
            59.22322082519531,
        ),
        (
            "blk.29.ffn_down.weight",
            &[(0, 0xbe8bf000), (17, 0x3d464000), (884_735, 0x3d680000)],
            49.83570861816406,
        ),
        (
            "output_norm.weight",
            &[(0, 0x3fe10000), (575, 0x3ffe0000)],
            1038.33203125,
        ),
    ];
    for (name, values, sum) in cases {
        let t = file.tensor(name).expect("present");
        let mut out = vec![0.0f32; t.elements()];
        dequantize(
            t.ty().expect("supported"),
            file.tensor_data(t).expect("in file"),
            &mut out,
        )
        .expect("valid");
        for &(i, bits) in values {
            assert_eq!(
                out[i].to_bits(),
                bits,
                "{name}[{i}]: {} vs {}",
                out[i],
                f32::from_bits(bits)
            );
        }
        let total: f64 = out.iter().map(|&v| f64::from(v)).sum();
        assert!(
            (total - sum).abs() < 1e-6 * sum.abs().max(1.0),
            "{name}: sum {total} vs {sum}"
        );
    }
}

#[test]
fn real_smollm2_model_opens() {
    let model = Model::open(real_model_path()).expect("the real model opens");
    let t = model.tensors();
    assert_eq!(t.layers.len(), 30);
    assert!(t.output.is_none());
    assert_eq!(t.token_embd.shape, [576, 49152]);
    assert_eq!(t.layers[29].wk.shape, [576, 192]);
    assert_eq!(model.all_tensors().len(), 272);
    assert_eq!(model.tokenizer().vocab_size(), 49152);
    assert_eq!(model.tokenizer().eos(), Some(2));
}

#[test]
fn smollm2_135m_preset_has_the_real_files_layout() {
    // The synthetic preset must be a drop-in for the real file: same names, types and shapes,
    // same config.
    let real = GgufFile::open(real_model_path()).expect("the real model parses");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("synthetic-135m.gguf");
    write_synthetic_gguf(&path, &SynthSpec::smollm2_135m()).expect("write");
    let synth = GgufFile::open(&path).expect("parses");
    let layout = |f: &GgufFile| -> Vec<(String, Option<GgmlType>, Vec<usize>)> {
        let mut v: Vec<_> = f
            .tensors()
            .iter()
            .map(|t| (t.name.clone(), t.ty(), t.shape.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(layout(&synth), layout(&real));
    assert_eq!(
        ModelConfig::from_gguf(&synth).expect("config"),
        ModelConfig::from_gguf(&real).expect("config")
    );
    Model::open(&path).expect("the synthetic 135M model opens");
}

/// The CPU reference against the exact-f32 reference run shipped in `tests/data`
/// (`smollm2-reference.json`, copied from the project's shared test data): greedy ids token for
/// token, and the top logits of the first steps.
#[test]
fn cpu_reference_matches_the_exact_f32_reference_run() {
    let model = Model::open(real_model_path()).expect("the real model loads");
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/smollm2-reference.json"),
        )
        .expect("reference data"),
    )
    .expect("json");
    for case in data["cases"].as_array().expect("cases") {
        let id = case["id"].as_str().unwrap_or("?");
        let prompt: Vec<u32> = serde_json::from_value(case["prompt_ids"].clone()).unwrap();
        let want: Vec<u32> =
            serde_json::from_value(case["f32_reference_greedy_ids"].clone()).unwrap();
        let mut reference = natter_model::Reference::with_capacity(&model, 128).unwrap();
        let mut logits = reference.prefill(&prompt).unwrap();
        let mut got = Vec::new();
        for step in 0..want.len() {
            if let Some(top5) = case["f32_reference_top5_first_steps"].get(step) {
                for pair in top5.as_array().unwrap() {
                    let (tok, logit) = (
                        pair[0].as_u64().unwrap() as usize,
                        pair[1].as_f64().unwrap(),
                    );
                    let diff = (logits[tok] as f64 - logit).abs();
                    assert!(
                        diff < 2e-3,
                        "{id} step {step}: logit of {tok} is {} not {logit}",
                        logits[tok]
                    );
                }
            }
            let next = natter_model::ops::argmax(&logits);
            got.push(next);
            if next == 0 || next == 2 {
                break;
            }
            logits = reference.forward(next).unwrap();
        }
        assert_eq!(got, want, "{id}: greedy ids differ from the f32 reference");
    }
}
