//! Models loaded from bytes in memory ([`Model::from_gguf_bytes`], [`Model::from_hf_files`]), as
//! a Bevy `AssetLoader` does: they must be the models [`Model::open`] gives on the same files,
//! down to the tensor bytes, and bad bytes must give the same errors.

use std::path::Path;

use natter_model::{
    ChatMessage, GgufError, GgufFile, HfFiles, Model, ModelError, SafetensorsError, SynthSpec,
    Tokenizer, TokenizerError, synthetic_gguf,
};

use crate::hugging_face::write_hf_checkpoint;
use crate::{bytes_of, real_model_path, tiny};

/// Texts that exercise the tokenizer: plain, special-looking, multi-byte.
const TEXTS: [&str; 4] = [
    "the cat",
    "Hello, Hilda! How's the forge?",
    "<|im_start|>user\nhi<|im_end|>",
    "naïve 🙂 こんにちは\n\n  x",
];

/// Everything a caller can observe of two models is equal: config, tensors and their bytes,
/// tokenizer and chat template.
fn assert_same_model(a: &Model, b: &Model) {
    assert_eq!(a.path(), b.path());
    assert_eq!(a.config(), b.config());
    assert_eq!(a.tensors(), b.tensors());
    assert_eq!(a.all_tensors(), b.all_tensors());
    for t in a.all_tensors() {
        assert!(!a.tensor_data(t).is_empty(), "{}", t.name);
        assert!(a.tensor_data(t) == b.tensor_data(t), "{}", t.name);
    }
    let (ta, tb) = (a.tokenizer(), b.tokenizer());
    assert_eq!(ta.vocab_size(), tb.vocab_size());
    assert_eq!(
        (ta.bos(), ta.eos(), ta.eot(), ta.add_bos()),
        (tb.bos(), tb.eos(), tb.eot(), tb.add_bos())
    );
    assert_eq!(ta.stop_tokens(), tb.stop_tokens());
    for text in TEXTS {
        let ids = ta.encode(text).expect("encodes");
        assert_eq!(ids, tb.encode(text).expect("encodes"), "{text:?}");
        assert_eq!(
            ta.encode_with_special(text).expect("encodes"),
            tb.encode_with_special(text).expect("encodes"),
            "{text:?}"
        );
        assert_eq!(
            ta.decode(&ids).expect("decodes"),
            tb.decode(&ids).expect("decodes")
        );
    }
    assert_eq!(a.chat_template().source(), b.chat_template().source());
    let messages = [
        ChatMessage::system("Be brief."),
        ChatMessage::user(TEXTS[1]),
    ];
    assert_eq!(
        a.encode_chat(&messages, true).expect("encodes"),
        b.encode_chat(&messages, true).expect("encodes")
    );
}

/// Loads `bytes` both ways, from a file and from memory under the file's path, and checks they
/// give the same model or the same error (compared whole, path included).
fn check_gguf_both_ways(bytes: &[u8]) -> Result<Model, String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("model.gguf");
    std::fs::write(&path, bytes).expect("write model");
    let from_file = Model::open(&path);
    let from_memory = Model::from_gguf_bytes(&path, bytes.to_vec());
    match (from_file, from_memory) {
        (Ok(a), Ok(b)) => {
            assert_same_model(&a, &b);
            Ok(b)
        }
        (Err(a), Err(b)) => {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
            Err(format!("{b:?}"))
        }
        (a, b) => panic!(
            "the file gave {:?}, the bytes {:?}",
            a.map(|_| "a model"),
            b.map(|_| "a model")
        ),
    }
}

#[test]
fn tiny_gguf_from_bytes_equals_the_file() {
    let model = check_gguf_both_ways(&tiny()).expect("the tiny model loads");
    assert_eq!(model.config(), &SynthSpec::tiny().config());
    assert!(model.path().ends_with("model.gguf"));
    // Owned bytes: the model still moves to and is shared between threads.
    let model = std::thread::spawn(move || model).join().expect("joins");
    assert_eq!(model.all_tensors().len(), 20);
}

#[test]
fn real_gguf_from_bytes_equals_the_file() {
    let path = real_model_path();
    let bytes = std::fs::read(&path).expect("reads the model");
    let from_file = Model::open(&path).expect("the real model opens");
    let from_memory = Model::from_gguf_bytes(&path, bytes).expect("the real model loads");
    assert_same_model(&from_file, &from_memory);
    assert_eq!(from_memory.all_tensors().len(), 272);
    let embd = &from_memory.tensors().token_embd;
    assert_eq!(
        from_file.dequantize(embd).expect("dequantises"),
        from_memory.dequantize(embd).expect("dequantises")
    );
}

#[test]
fn gguf_file_from_bytes_equals_the_file() {
    let bytes = tiny();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tiny.gguf");
    std::fs::write(&path, &bytes).expect("write");
    let a = GgufFile::open(&path).expect("parses");
    let b = GgufFile::from_bytes(bytes).expect("parses");
    assert_eq!(
        (a.version(), a.data_offset()),
        (b.version(), b.data_offset())
    );
    assert_eq!(a.tensors(), b.tensors());
    for t in a.tensors() {
        assert_eq!(a.tensor_data(t), b.tensor_data(t), "{}", t.name);
    }
}

/// The name given with the bytes is what errors name.
#[test]
fn bad_gguf_bytes_give_the_files_errors() {
    let err =
        Model::from_gguf_bytes("assets/npc.gguf", b"GGML....".to_vec()).expect_err("not GGUF");
    assert!(
        matches!(err, ModelError::Gguf { source: GgufError::BadMagic { .. }, ref path } if path == Path::new("assets/npc.gguf")),
        "{err}"
    );
    assert!(err.to_string().starts_with("assets/npc.gguf: "), "{err}");
    assert!(matches!(
        GgufFile::from_bytes(Vec::new()),
        Err(GgufError::Truncated { .. })
    ));

    let good = tiny();
    let mut unsupported_arch = synthetic_gguf(&SynthSpec::tiny()).expect("valid");
    unsupported_arch.set("general.architecture", "mamba");
    let cases = [
        Vec::new(),
        good[..3].to_vec(),
        good[..100].to_vec(),
        good[..good.len() - 1].to_vec(),
        bytes_of(unsupported_arch),
    ];
    for bytes in cases {
        check_gguf_both_ways(&bytes).expect_err("refused");
    }
    // Corruption anywhere, as `bad_gguf::random_corruption_never_panics` does for files.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let mut bytes = good.clone();
        for _ in 0..1 + next() % 4 {
            let at = (next() % bytes.len() as u64) as usize;
            bytes[at] = next() as u8;
        }
        let _ = check_gguf_both_ways(&bytes);
    }
}

/// The files of the Hugging Face checkpoint in `dir`, read into memory as an asset loader
/// would, named by `dir`.
fn hf_files(dir: &Path) -> HfFiles {
    let read = |name: &str| std::fs::read(dir.join(name)).expect("read");
    let optional = |name: &str| dir.join(name).is_file().then(|| read(name));
    let mut safetensors = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("UTF-8");
        if name.ends_with(".safetensors") {
            safetensors.push((name.clone(), read(&name)));
        }
    }
    HfFiles {
        name: dir.to_owned(),
        config_json: read("config.json"),
        tokenizer_json: read("tokenizer.json"),
        tokenizer_config_json: optional("tokenizer_config.json"),
        chat_template_jinja: optional("chat_template.jinja"),
        safetensors,
    }
}

/// Loads the checkpoint in `dir` both ways and checks they give the same model or error.
fn check_hf_both_ways(dir: &Path) -> Result<Model, ModelError> {
    let from_dir = Model::open(dir);
    let from_memory = Model::from_hf_files(hf_files(dir));
    match (from_dir, from_memory) {
        (Ok(a), Ok(b)) => {
            assert_same_model(&a, &b);
            Ok(b)
        }
        (Err(a), Err(b)) => {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
            Err(b)
        }
        (a, b) => panic!(
            "the directory gave {:?}, the bytes {:?}",
            a.map(|_| "a model"),
            b.map(|_| "a model")
        ),
    }
}

#[test]
fn hf_files_equal_the_directory() {
    for shards in [1, 3] {
        let dir = tempfile::tempdir().expect("tempdir");
        write_hf_checkpoint(dir.path(), shards, |_| {});
        let model = check_hf_both_ways(dir.path()).expect("loads");
        assert_eq!(model.path(), dir.path());
        assert_eq!(model.all_tensors().len(), 20);
    }
    // Shards are taken in name order whatever order they are listed in.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 3, |_| {});
    let mut files = hf_files(dir.path());
    files.safetensors.sort_by(|a, b| b.0.cmp(&a.0));
    let reversed = Model::from_hf_files(files).expect("loads");
    assert_same_model(&Model::open(dir.path()).expect("opens"), &reversed);
}

#[test]
fn chat_template_jinja_is_the_fallback_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |_| {});
    let config = dir.path().join("tokenizer_config.json");
    let text = std::fs::read_to_string(&config).expect("read");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json.as_object_mut()
        .expect("object")
        .remove("chat_template");
    std::fs::write(&config, json.to_string()).expect("write");
    std::fs::write(dir.path().join("chat_template.jinja"), "J{{ bos_token }}").expect("write");
    let model = check_hf_both_ways(dir.path()).expect("loads");
    assert_eq!(model.chat_template().source(), "J{{ bos_token }}");
    // Without tokenizer_config.json too.
    std::fs::remove_file(&config).expect("remove");
    let model = check_hf_both_ways(dir.path()).expect("loads");
    assert_eq!(model.chat_template().source(), "J{{ bos_token }}");
}

#[test]
fn bad_hf_files_give_the_directorys_errors() {
    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    // (what to break, what it must give)
    type Break = fn(&Path);
    type Expected = fn(&ModelError) -> bool;
    let cases: [(Break, Expected); 6] = [
        (
            |dir| write(dir, "config.json", b"{\"hidden_size\": \xff}"),
            |e| matches!(e, ModelError::Io { path, .. } if path.ends_with("config.json")),
        ),
        (
            |dir| write(dir, "config.json", b"{"),
            |e| matches!(e, ModelError::Config { .. }),
        ),
        (
            |dir| write(dir, "tokenizer.json", b"{ not json"),
            |e| matches!(e, ModelError::Tokenizer(TokenizerError::HfTokenizer { path, .. }) if path.ends_with("tokenizer.json")),
        ),
        (
            |dir| write(dir, "tokenizer_config.json", b"["),
            |e| matches!(e, ModelError::Tokenizer(TokenizerError::HfConfig { .. })),
        ),
        (
            |dir| {
                let st = dir.join("model.safetensors");
                let bytes = std::fs::read(&st).expect("read");
                std::fs::write(&st, &bytes[..bytes.len() - 10]).expect("write");
            },
            |e| matches!(e, ModelError::Safetensors { source: SafetensorsError::OutOfBounds { .. }, path } if path.ends_with("model.safetensors")),
        ),
        (
            |dir| write(dir, "model.safetensors", b"short"),
            |e| {
                matches!(
                    e,
                    ModelError::Safetensors {
                        source: SafetensorsError::TooShort { file_len: 5 },
                        ..
                    }
                )
            },
        ),
    ];
    for (i, (break_it, expected)) in cases.into_iter().enumerate() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_hf_checkpoint(dir.path(), 1, |_| {});
        break_it(dir.path());
        let err = check_hf_both_ways(dir.path()).expect_err("refused");
        assert!(expected(&err), "case {i}: {err:?}");
    }

    // A check that belongs to the loader, not to one file.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |t| {
        t.retain(|(n, ..)| n != "model.layers.1.mlp.up_proj.weight")
    });
    let err = check_hf_both_ways(dir.path()).expect_err("missing tensor");
    assert!(matches!(err, ModelError::MissingTensor { .. }), "{err}");

    // Only in memory: no weights at all, and one tensor in two shards.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 2, |_| {});
    let mut files = hf_files(dir.path());
    files.safetensors.clear();
    let err = Model::from_hf_files(files).expect_err("no weights");
    assert!(matches!(err, ModelError::MissingTensor { .. }), "{err}");
    let mut files = hf_files(dir.path());
    let copy = (
        "model-00003-of-00002.safetensors".to_owned(),
        files.safetensors[0].1.clone(),
    );
    files.safetensors.push(copy);
    let err = Model::from_hf_files(files).expect_err("duplicate");
    assert!(
        matches!(
            err,
            ModelError::Safetensors {
                source: SafetensorsError::DuplicateTensor { .. },
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn tokenizer_from_hf_bytes_equals_from_hf_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |_| {});
    let json = dir.path().join("tokenizer.json");
    let config = dir.path().join("tokenizer_config.json");
    let from_files = Tokenizer::from_hf_files(&json, Some(&config)).expect("loads");
    let from_bytes = Tokenizer::from_hf_bytes(
        &std::fs::read(&json).expect("read"),
        Some(&std::fs::read(&config).expect("read")),
    )
    .expect("loads");
    assert_eq!(from_files.vocab_size(), from_bytes.vocab_size());
    assert_eq!(
        (from_files.bos(), from_files.eos(), from_files.stop_tokens()),
        (from_bytes.bos(), from_bytes.eos(), from_bytes.stop_tokens())
    );
    for text in TEXTS {
        assert_eq!(
            from_files.encode_with_special(text).expect("encodes"),
            from_bytes.encode_with_special(text).expect("encodes")
        );
    }
    assert!(matches!(
        Tokenizer::from_hf_bytes(b"{ not json", None),
        Err(TokenizerError::HfTokenizer { ref path, .. }) if path == Path::new("tokenizer.json")
    ));
    assert!(matches!(
        Tokenizer::from_hf_bytes(&std::fs::read(&json).expect("read"), Some(b"[")),
        Err(TokenizerError::HfConfig { ref path, .. }) if path == Path::new("tokenizer_config.json")
    ));
}
