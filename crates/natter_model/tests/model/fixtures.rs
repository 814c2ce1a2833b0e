//! What the tokenizer and chat tests share: llama.cpp's reference data in `tests/data/`, and
//! SmolLM2's tokenizer and template, built once.
//!
//! The reference ids come from llama.cpp (llama-cpp-python 0.3.36):
//!
//! - `smollm2-tokenizer.json`, `smollm2-reference.json`: copied from the project's shared test
//!   data (`/work/shared/testdata/`, measured outside the project): 28 strings and 4 prompts.
//! - `tokenizer_corpus_*.json`: written by `xtask/scripts/gen_tokenizer_corpus.py`, which asks
//!   llama.cpp directly. The corpus covers dialogue, punctuation, numbers, contractions, code,
//!   URLs, many scripts, emoji, combining marks, every kind of whitespace, long words, strings
//!   that look like special tokens, and seeded random code points; it is tokenized with
//!   SmolLM2's own vocabulary, with that vocabulary under other llama.cpp pre-tokenizers, and
//!   with a synthetic SentencePiece vocabulary stored in the file.

use std::sync::OnceLock;

use natter_model::{
    ChatMessage, ChatTemplate, GgufFile, GgufVocab, StreamDecoder, Tokenizer, TokenizerError,
};
use serde::Deserialize;

use crate::real_model_path;

#[derive(Debug, Deserialize)]
pub(crate) struct Case {
    pub(crate) text: String,
    pub(crate) ids: Vec<u32>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SharedTokenizerData {
    pub(crate) model_sha256: String,
    pub(crate) cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SmolCorpus {
    pub(crate) model_sha256: String,
    pub(crate) plain: Vec<Case>,
    pub(crate) special: Vec<Case>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Variant {
    pub(crate) name: String,
    pub(crate) pre: Option<String>,
    #[serde(default)]
    pub(crate) user_defined: Vec<u32>,
    pub(crate) plain: Vec<Case>,
    #[serde(default)]
    pub(crate) special: Vec<Case>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct VariantCorpus {
    pub(crate) variants: Vec<Variant>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SpmVocab {
    pub(crate) tokens: Vec<String>,
    pub(crate) token_types: Vec<i32>,
    pub(crate) scores: Vec<f32>,
    pub(crate) bos: u32,
    pub(crate) eos: u32,
    pub(crate) unknown: u32,
    pub(crate) add_space_prefix: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SpmCorpus {
    pub(crate) vocab: SpmVocab,
    pub(crate) plain: Vec<Case>,
    pub(crate) special: Vec<Case>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReferencePrompt {
    pub(crate) id: String,
    pub(crate) system: Option<String>,
    pub(crate) user: Option<String>,
    pub(crate) raw: Option<String>,
    pub(crate) prompt_text: String,
    pub(crate) prompt_ids: Vec<u32>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReferenceData {
    pub(crate) cases: Vec<ReferencePrompt>,
}

pub(crate) fn smollm_file() -> &'static GgufFile {
    static FILE: OnceLock<GgufFile> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = real_model_path();
        GgufFile::open(&path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()))
    })
}

/// SmolLM2's GGUF vocabulary, optionally with another pre-tokenizer or some tokens re-typed as
/// user-defined.
pub(crate) fn smollm_tokenizer_with(pre: Option<&str>, user_defined: &[u32]) -> Tokenizer {
    let md = smollm_file().metadata();
    let mut types = md
        .get_i32_array("tokenizer.ggml.token_type")
        .expect("token types")
        .to_vec();
    for &id in user_defined {
        types[id as usize] = 4;
    }
    let vocab = GgufVocab {
        model: md.get_str("tokenizer.ggml.model").expect("tokenizer model"),
        pre: pre.or_else(|| md.opt_str("tokenizer.ggml.pre").expect("pre is a string")),
        tokens: md.get_str_array("tokenizer.ggml.tokens").expect("tokens"),
        token_types: Some(&types),
        merges: md.get_str_array("tokenizer.ggml.merges").expect("merges"),
        scores: md
            .opt_f32_array("tokenizer.ggml.scores")
            .expect("scores are f32"),
        bos: md
            .opt_u32("tokenizer.ggml.bos_token_id")
            .expect("bos is u32"),
        eos: md
            .opt_u32("tokenizer.ggml.eos_token_id")
            .expect("eos is u32"),
        eot: md
            .opt_u32("tokenizer.ggml.eot_token_id")
            .expect("eot is u32"),
        unknown: md
            .opt_u32("tokenizer.ggml.unknown_token_id")
            .expect("unknown is u32"),
        padding: md
            .opt_u32("tokenizer.ggml.padding_token_id")
            .expect("padding is u32"),
        add_bos: md
            .opt_bool("tokenizer.ggml.add_bos_token")
            .expect("add_bos is bool")
            .unwrap_or(false),
        add_space_prefix: md
            .opt_bool("tokenizer.ggml.add_space_prefix")
            .expect("add_space_prefix is bool"),
    };
    Tokenizer::from_gguf(&vocab).expect("SmolLM2's vocabulary builds")
}

pub(crate) fn smollm() -> &'static Tokenizer {
    static TOKENIZER: OnceLock<Tokenizer> = OnceLock::new();
    TOKENIZER.get_or_init(|| smollm_tokenizer_with(None, &[]))
}

pub(crate) fn smollm_template() -> ChatTemplate {
    let md = smollm_file().metadata();
    let source = md
        .get_str("tokenizer.chat_template")
        .expect("SmolLM2 has a chat template");
    ChatTemplate::new(source, "<|im_start|>", "<|im_end|>").expect("SmolLM2's template compiles")
}

/// Runs `encode` over `cases` and fails listing every disagreement with llama.cpp.
pub(crate) fn check_cases(
    what: &str,
    cases: &[Case],
    encode: impl Fn(&str) -> Result<Vec<u32>, TokenizerError>,
) {
    let mut failures = Vec::new();
    for case in cases {
        match encode(&case.text) {
            Ok(ids) if ids == case.ids => {}
            Ok(ids) => failures.push(format!(
                "{:?}\n    llama.cpp {:?}\n    natter    {:?}",
                case.text, case.ids, ids
            )),
            Err(e) => failures.push(format!("{:?}: error {e}", case.text)),
        }
    }
    assert!(
        failures.is_empty(),
        "{what}: {} of {} cases disagree with llama.cpp:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

pub(crate) fn spm_tokenizer(corpus: &SpmCorpus) -> Tokenizer {
    let v = &corpus.vocab;
    let vocab = GgufVocab {
        model: "llama",
        tokens: &v.tokens,
        token_types: Some(&v.token_types),
        scores: Some(&v.scores),
        bos: Some(v.bos),
        eos: Some(v.eos),
        unknown: Some(v.unknown),
        add_space_prefix: Some(v.add_space_prefix),
        ..Default::default()
    };
    Tokenizer::from_gguf(&vocab).expect("the synthetic SentencePiece vocabulary builds")
}

pub(crate) fn stream(tokenizer: &Tokenizer, ids: &[u32]) -> String {
    let mut decoder = StreamDecoder::new();
    let mut out = String::new();
    for &id in ids {
        let delta = decoder.push(tokenizer, id).expect("in range");
        // Deltas are whole characters by construction (they are `String`s); check they never
        // carry a replacement character the full decode does not have.
        out.push_str(&delta);
    }
    out.push_str(&decoder.finish());
    out
}

/// Whether every character of `text` survives a round trip. SmolLM2's vocabulary lacks 21 of
/// the 256 byte tokens (some C0 controls, and the lead bytes of code points from U+40000 on);
/// llama.cpp drops such bytes when encoding, and so does natter.
pub(crate) fn representable(tokenizer: &Tokenizer, text: &str) -> bool {
    text.chars().all(|c| {
        let s = c.to_string();
        tokenizer
            .encode(&s)
            .and_then(|ids| tokenizer.decode(&ids))
            .is_ok_and(|d| d == s)
    })
}

pub(crate) fn reference_messages(case: &ReferencePrompt) -> Option<Vec<ChatMessage>> {
    let user = case.user.as_ref()?;
    let mut messages = Vec::new();
    if let Some(system) = &case.system {
        messages.push(ChatMessage::system(system));
    }
    messages.push(ChatMessage::user(user));
    Some(messages)
}
