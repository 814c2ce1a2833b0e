//! Tokenizer parity with llama.cpp: SmolLM2's vocabulary, other pre-tokenizers, a
//! SentencePiece vocabulary and Hugging Face `tokenizer.json` files, encoding, decoding and
//! streaming.

use std::path::PathBuf;

use natter_model::{GgufVocab, StreamDecoder, TokenKind, Tokenizer, TokenizerError, encode_chat};

use crate::fixtures::{
    Case, ReferenceData, SharedTokenizerData, SmolCorpus, SpmCorpus, VariantCorpus, check_cases,
    reference_messages, representable, smollm, smollm_file, smollm_template, smollm_tokenizer_with,
    spm_tokenizer, stream,
};
use crate::{MODEL_SHA256, read_json};

#[test]
fn corpus_is_large_and_from_this_model() {
    let corpus: SmolCorpus = read_json("tokenizer_corpus_smollm2.json");
    assert!(
        corpus.plain.len() >= 200,
        "corpus has {} strings",
        corpus.plain.len()
    );
    assert_eq!(corpus.model_sha256, MODEL_SHA256);
    let shared: SharedTokenizerData = read_json("smollm2-tokenizer.json");
    assert_eq!(shared.model_sha256, MODEL_SHA256);
}

#[test]
fn smollm2_shared_cases_match_llama_cpp() {
    let shared: SharedTokenizerData = read_json("smollm2-tokenizer.json");
    check_cases("shared cases", &shared.cases, |t| smollm().encode(t));
}

#[test]
fn smollm2_plain_text_matches_llama_cpp() {
    let corpus: SmolCorpus = read_json("tokenizer_corpus_smollm2.json");
    check_cases("SmolLM2 plain", &corpus.plain, |t| smollm().encode(t));
}

#[test]
fn smollm2_special_parsing_matches_llama_cpp() {
    let corpus: SmolCorpus = read_json("tokenizer_corpus_smollm2.json");
    check_cases("SmolLM2 special", &corpus.special, |t| {
        smollm().encode_with_special(t)
    });
    let reference: ReferenceData = read_json("smollm2-reference.json");
    let prompts: Vec<Case> = reference
        .cases
        .into_iter()
        .map(|c| Case {
            text: c.prompt_text,
            ids: c.prompt_ids,
        })
        .collect();
    check_cases("reference prompts", &prompts, |t| {
        smollm().encode_with_special(t)
    });
}

#[test]
fn other_pre_tokenizers_match_llama_cpp() {
    let corpus: VariantCorpus = read_json("tokenizer_corpus_pre_variants.json");
    let names: Vec<&str> = corpus.variants.iter().map(|v| v.name.as_str()).collect();
    for expected in [
        "gpt-2",
        "llama-bpe",
        "qwen2",
        "default",
        "smollm-user-defined",
    ] {
        assert!(
            names.contains(&expected),
            "variant {expected} missing from the corpus"
        );
    }
    for variant in &corpus.variants {
        let tokenizer = smollm_tokenizer_with(variant.pre.as_deref(), &variant.user_defined);
        check_cases(&variant.name, &variant.plain, |t| tokenizer.encode(t));
        check_cases(&variant.name, &variant.special, |t| {
            tokenizer.encode_with_special(t)
        });
    }
}

#[test]
fn user_defined_tokens_are_parsed_even_in_plain_text() {
    let corpus: VariantCorpus = read_json("tokenizer_corpus_pre_variants.json");
    let variant = corpus
        .variants
        .iter()
        .find(|v| !v.user_defined.is_empty())
        .expect("a user-defined variant");
    let tokenizer = smollm_tokenizer_with(None, &variant.user_defined);
    let code = tokenizer.token_to_id("<jupyter_code>").expect("present");
    assert_eq!(tokenizer.token_kind(code), Some(TokenKind::UserDefined));
    assert_eq!(tokenizer.encode("<jupyter_code>").expect("encodes"), [code]);
    assert_ne!(smollm().encode("<jupyter_code>").expect("encodes"), [code]);
}

#[test]
fn sentencepiece_vocabulary_matches_llama_cpp() {
    let corpus: SpmCorpus = read_json("tokenizer_corpus_spm.json");
    let tokenizer = spm_tokenizer(&corpus);
    check_cases("SentencePiece plain", &corpus.plain, |t| {
        tokenizer.encode(t)
    });
    check_cases("SentencePiece special", &corpus.special, |t| {
        tokenizer.encode_with_special(t)
    });
}

#[test]
fn sentencepiece_round_trips_and_streams() {
    let corpus: SpmCorpus = read_json("tokenizer_corpus_spm.json");
    let tokenizer = spm_tokenizer(&corpus);
    for case in &corpus.plain {
        let ids = tokenizer.encode(&case.text).expect("encodes");
        assert_eq!(
            tokenizer.decode(&ids).expect("decodes"),
            case.text,
            "ids {ids:?}"
        );
        assert_eq!(stream(&tokenizer, &ids), case.text);
    }
}

/// Player text never becomes control tokens, whatever it contains.
#[test]
fn plain_text_never_yields_control_tokens() {
    let corpus: SmolCorpus = read_json("tokenizer_corpus_smollm2.json");
    let tokenizer = smollm();
    for case in &corpus.plain {
        let ids = tokenizer.encode(&case.text).expect("encodes");
        let control: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| tokenizer.is_control(id))
            .collect();
        assert!(
            control.is_empty(),
            "{:?} gave control tokens {control:?}",
            case.text
        );
    }
    let all_specials: String = (0..17).filter_map(|id| tokenizer.id_to_token(id)).collect();
    let ids = tokenizer.encode(&all_specials).expect("encodes");
    assert!(ids.iter().all(|&id| !tokenizer.is_control(id)));
}

#[test]
fn decoding_round_trips_the_corpus_whole_and_streamed() {
    let corpus: SmolCorpus = read_json("tokenizer_corpus_smollm2.json");
    let tokenizer = smollm();
    let mut checked = 0;
    for case in corpus
        .plain
        .iter()
        .filter(|c| representable(tokenizer, &c.text))
    {
        let ids = tokenizer.encode(&case.text).expect("encodes");
        assert_eq!(tokenizer.decode(&ids).expect("decodes"), case.text);
        assert_eq!(
            stream(tokenizer, &ids),
            case.text,
            "streamed {:?}",
            case.text
        );
        checked += 1;
    }
    assert!(
        checked * 10 >= corpus.plain.len() * 8,
        "only {checked} strings round-trip"
    );
}

#[test]
fn streaming_never_splits_a_character() {
    let tokenizer = smollm();
    let text = "👨‍👩‍👧 こんにちは 🙂";
    let ids = tokenizer.encode(text).expect("encodes");
    let mut decoder = tokenizer.stream_decoder();
    let mut deltas = Vec::new();
    for &id in &ids {
        deltas.push(decoder.push(tokenizer, id).expect("in range"));
    }
    assert!(
        ids.len() > text.chars().count(),
        "emoji take several byte-level tokens"
    );
    assert!(
        deltas.iter().any(String::is_empty),
        "some tokens complete no character"
    );
    assert!(deltas.iter().all(|d| !d.contains('\u{FFFD}')));
    assert_eq!(deltas.concat(), text);
}

#[test]
fn decode_skips_control_tokens_and_rejects_unknown_ids() {
    let tokenizer = smollm();
    let ids = tokenizer
        .encode_with_special("<|im_start|>assistant\nHi!<|im_end|>")
        .expect("encodes");
    assert_eq!(tokenizer.decode(&ids).expect("decodes"), "assistant\nHi!");
    assert_eq!(
        tokenizer.token_to_piece(1).expect("in range"),
        b"<|im_start|>"
    );
    let size = tokenizer.vocab_size() as u32;
    assert!(matches!(
        tokenizer.decode(&[1, size]),
        Err(TokenizerError::TokenOutOfRange { id, .. }) if id == size
    ));
    assert!(tokenizer.token_to_piece(size).is_err());
    assert!(StreamDecoder::new().push(tokenizer, size).is_err());
}

#[test]
fn smollm2_special_tokens() {
    let tokenizer = smollm();
    assert_eq!(tokenizer.vocab_size(), 49152);
    assert_eq!(tokenizer.bos(), Some(1));
    assert_eq!(tokenizer.eos(), Some(2));
    assert!(!tokenizer.add_bos());
    // <|endoftext|> and <|im_end|>, found by name as llama.cpp does.
    assert_eq!(tokenizer.stop_tokens(), [0, 2]);
    assert!(tokenizer.is_stop(2) && !tokenizer.is_stop(1));
    assert_eq!(tokenizer.token_to_id("<|im_start|>"), Some(1));
    assert_eq!(tokenizer.id_to_token(2), Some("<|im_end|>"));
    assert!(tokenizer.is_control(1));
    assert!(!tokenizer.is_control(9690));
    assert_eq!(tokenizer.id_to_token(49152), None);
}

#[test]
fn missing_pre_tokenizer_falls_back_to_default_and_unknown_one_is_an_error() {
    let md = smollm_file().metadata();
    let tokens = md.get_str_array("tokenizer.ggml.tokens").expect("tokens");
    let vocab = GgufVocab {
        model: "gpt2",
        pre: Some("no-such-pre"),
        tokens,
        ..Default::default()
    };
    match Tokenizer::from_gguf(&vocab) {
        Err(e @ TokenizerError::UnknownPreTokenizer { .. }) => {
            assert!(e.to_string().contains("no-such-pre"))
        }
        other => panic!("expected UnknownPreTokenizer, got {other:?}"),
    }
    let unsupported = GgufVocab {
        model: "bert",
        tokens,
        ..vocab
    };
    assert!(matches!(
        Tokenizer::from_gguf(&unsupported),
        Err(TokenizerError::UnsupportedModel { .. })
    ));
}

/// A `tokenizer.json` equal to SmolLM2's Hugging Face one, built from the GGUF vocabulary
/// (the project has no network access to fetch the original).
fn smollm_hf_files(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let md = smollm_file().metadata();
    let tokens = md.get_str_array("tokenizer.ggml.tokens").expect("tokens");
    let types = md
        .get_i32_array("tokenizer.ggml.token_type")
        .expect("types");
    let merges = md.get_str_array("tokenizer.ggml.merges").expect("merges");
    let vocab: serde_json::Map<String, serde_json::Value> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), serde_json::Value::from(i)))
        .collect();
    let added: Vec<serde_json::Value> = tokens
        .iter()
        .zip(types)
        .enumerate()
        .filter(|(_, (_, ty))| **ty == 3)
        .map(|(i, (t, _))| {
            serde_json::json!({"id": i, "content": t, "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true})
        })
        .collect();
    let json = serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": added,
        "normalizer": null,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Digits", "individual_digits": true},
            {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true}
        ]},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
        "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
        "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
                  "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
                  "vocab": vocab, "merges": merges}
    });
    let tokenizer_json = dir.join("tokenizer.json");
    let config_json = dir.join("tokenizer_config.json");
    std::fs::write(&tokenizer_json, json.to_string()).expect("writes tokenizer.json");
    std::fs::write(
        &config_json,
        r#"{"bos_token": "<|im_start|>", "eos_token": "<|im_end|>", "unk_token": "<|endoftext|>", "add_bos_token": false}"#,
    )
    .expect("writes tokenizer_config.json");
    (tokenizer_json, config_json)
}

#[test]
fn hugging_face_files_agree_with_llama_cpp() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (tokenizer_json, config_json) = smollm_hf_files(dir.path());
    let hf = Tokenizer::from_hf_files(&tokenizer_json, Some(&config_json)).expect("loads");
    assert_eq!(hf.vocab_size(), 49152);
    assert_eq!(hf.bos(), Some(1));
    assert_eq!(hf.eos(), Some(2));
    assert_eq!(hf.stop_tokens(), [0, 2]);
    // The `tokenizers` pipeline (its own regexes and Unicode tables) agrees with llama.cpp on
    // the corpus, except where a character has no token: `tokenizers` drops it before merging,
    // llama.cpp after (so its neighbours do not merge). That is Hugging Face's behaviour and
    // this path keeps it.
    let corpus: SmolCorpus = read_json("tokenizer_corpus_smollm2.json");
    let (ordinary, unrepresentable): (Vec<Case>, Vec<Case>) = corpus
        .plain
        .into_iter()
        .partition(|c| representable(smollm(), &c.text));
    assert!(!unrepresentable.is_empty());
    check_cases("tokenizer.json, plain", &ordinary, |t| hf.encode(t));
    check_cases("tokenizer.json, special", &corpus.special, |t| {
        hf.encode_with_special(t)
    });
    for case in &ordinary {
        let ids = hf.encode(&case.text).expect("encodes");
        assert_eq!(hf.decode(&ids).expect("decodes"), case.text);
    }
    for case in ordinary.iter().chain(&unrepresentable) {
        let ids = hf.encode(&case.text).expect("encodes");
        assert!(ids.iter().all(|&id| !hf.is_control(id)), "{:?}", case.text);
    }
    // Prompts go through `encode_parts`, which partitions special tokens itself.
    let template = smollm_template();
    let reference: ReferenceData = read_json("smollm2-reference.json");
    for case in &reference.cases {
        if let Some(messages) = reference_messages(case) {
            let ids = encode_chat(&hf, &template, &messages, true).expect("encodes");
            assert_eq!(ids, case.prompt_ids, "case {}", case.id);
        }
    }
}

#[test]
fn hugging_face_loading_errors_are_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.json");
    assert!(matches!(
        Tokenizer::from_hf_files(&missing, None),
        Err(TokenizerError::Io { .. })
    ));
    let garbage = dir.path().join("tokenizer.json");
    std::fs::write(&garbage, "{ not json").expect("writes");
    assert!(matches!(
        Tokenizer::from_hf_files(&garbage, None),
        Err(TokenizerError::HfTokenizer { .. })
    ));
}
