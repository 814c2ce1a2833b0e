//! GGUF files that natter must refuse, each with its own error and never a panic: files that are
//! not models or not GGUF natter reads, and GGUF files that are not a model natter can run.

use natter_model::{
    ConfigError, GgmlType, GgufError, GgufFile, GgufValue, Model, ModelError, SynthSpec,
    synthetic_gguf,
};

use crate::{bytes_of, open_bytes, tiny, tiny_with};

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
