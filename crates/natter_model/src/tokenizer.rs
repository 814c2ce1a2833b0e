//! Text to token ids and back, in agreement with llama.cpp.
//!
//! A [`Tokenizer`] is built from a GGUF vocabulary ([`Tokenizer::from_gguf`]) or from a Hugging
//! Face `tokenizer.json` ([`Tokenizer::from_hf_files`], or [`Tokenizer::from_hf_bytes`] for one
//! already in memory). For GGUF models the reference is llama.cpp: [`Tokenizer::encode`] returns
//! what `llama_tokenize(text, add_special = false, parse_special = false)` returns, id for id,
//! for any text. That takes three things:
//!
//! - **Special-token partition** (`tokenizer_st_partition` in llama.cpp's `llama-vocab.cpp`):
//!   before any BPE, the text is cut at special tokens, longest first. In plain mode
//!   ([`Tokenizer::encode`]) only *user-defined* tokens are cut out; *control* tokens such as
//!   `<|im_start|>` stay text, so a player who types them gets the characters, not the token.
//!   [`Tokenizer::encode_with_special`] (for template text) cuts out control tokens too.
//! - **Pre-tokenization**: byte-level BPE vocabularies are split into words by the regex that
//!   `tokenizer.ggml.pre` names. llama.cpp runs hand-written matchers and its own Unicode table
//!   rather than the regexes as written; `pretok` ports them.
//! - **Merging**: byte-level words go through the `tokenizers` crate's BPE model, whose merge
//!   order (lowest rank first, leftmost on ties) is llama.cpp's. SentencePiece-style
//!   vocabularies (`tokenizer.ggml.model == "llama"`) merge by score, which `tokenizers` cannot
//!   express with ties intact, so that short algorithm is ported from llama.cpp directly.
//!
//! Decoding goes the other way through per-token byte pieces. Byte-level tokens can end in the
//! middle of a UTF-8 character, so streaming text to a game goes through a [`StreamDecoder`],
//! which holds incomplete characters back.
//!
//! **Deliberate differences from llama.cpp**, all about text a player can type: control,
//! unknown and byte tokens are never the *result* of a merge (llama.cpp would merge, say, `<s`
//! and `>` into BOS if a vocabulary had those pieces), and token attributes `lstrip`/`rstrip`,
//! which llama.cpp sets by name for a handful of models, are not applied.

mod gguf;
mod hf;
mod pieces;
mod pretok;
mod spm;
mod stream;
mod unicode_classes;

use std::collections::HashMap;
use std::path::PathBuf;

use tokenizers::Model as _;
use tokenizers::models::bpe::BPE;

use gguf::UNKNOWN_CHAR;
use pieces::byte_to_char;
use pretok::PreSplit;
use spm::SentencePiece;

pub(crate) use hf::{HfJson, read_capped as read_hf_json};
pub use stream::StreamDecoder;

/// What went wrong building a tokenizer or using one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenizerError {
    /// `tokenizer.ggml.model` names a tokenizer natter does not implement.
    #[error("tokenizer model {model:?} is not supported (natter supports \"gpt2\" and \"llama\")")]
    UnsupportedModel {
        /// The value of `tokenizer.ggml.model`.
        model: String,
    },
    /// `tokenizer.ggml.pre` names a pre-tokenizer natter does not reproduce.
    #[error(
        "pre-tokenizer {pre:?} is not supported (natter reproduces llama.cpp's \"default\", \
         \"gpt-2\", \"llama-bpe\", \"qwen2\", \"smollm\" families)"
    )]
    UnknownPreTokenizer {
        /// The value of `tokenizer.ggml.pre`.
        pre: String,
    },
    /// The vocabulary is malformed.
    #[error("invalid vocabulary: {reason}")]
    InvalidVocab {
        /// What is wrong with it.
        reason: String,
    },
    /// Two tokens have the same text (llama.cpp refuses such vocabularies too).
    #[error("token {second} has the same text as token {first}: {text:?}")]
    DuplicateToken {
        /// The repeated text.
        text: String,
        /// The first id with it.
        first: u32,
        /// The second id with it.
        second: u32,
    },
    /// The `tokenizers` crate could not build the BPE model from the GGUF vocabulary.
    #[error("cannot build the BPE model from the GGUF vocabulary: {source}")]
    Bpe {
        /// The `tokenizers` error.
        #[source]
        source: tokenizers::Error,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A `tokenizer.json` or `tokenizer_config.json` is larger than natter reads.
    #[error("{path} is {len} bytes, more than the {max} natter reads")]
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        len: u64,
        /// The cap.
        max: u64,
    },
    /// `tokenizer.json` could not be loaded by the `tokenizers` crate.
    #[error("cannot load the Hugging Face tokenizer {path}: {source}")]
    HfTokenizer {
        /// The file.
        path: PathBuf,
        /// The `tokenizers` error.
        #[source]
        source: tokenizers::Error,
    },
    /// `tokenizer_config.json` is not valid JSON.
    #[error("cannot parse {path}: {source}")]
    HfConfig {
        /// The file.
        path: PathBuf,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },
    /// Encoding failed inside the `tokenizers` crate.
    #[error("cannot encode text: {source}")]
    Encode {
        /// The `tokenizers` error.
        #[source]
        source: tokenizers::Error,
    },
    /// The text needs a byte token the vocabulary does not have (SentencePiece vocabularies
    /// without `<0xXX>` tokens and without an unknown token).
    #[error("the vocabulary has no token for byte 0x{byte:02X} and no unknown token")]
    MissingByteToken {
        /// The byte.
        byte: u8,
    },
    /// A token id is not in the vocabulary.
    #[error("token id {id} is out of range (vocabulary of {vocab_size})")]
    TokenOutOfRange {
        /// The id.
        id: u32,
        /// The vocabulary size.
        vocab_size: usize,
    },
}

/// Vocabulary as stored in GGUF metadata (`tokenizer.ggml.*`).
///
/// Borrowed from the GGUF reader, so building a tokenizer copies only what it keeps.
/// `Default` gives an empty vocabulary, for filling in the fields a file has:
///
/// ```
/// use natter_model::{GgufVocab, Tokenizer};
///
/// let tokens: Vec<String> = ["a", "b", "ab"].map(String::from).to_vec();
/// let merges = vec!["a b".to_string()];
/// let vocab = GgufVocab { model: "gpt2", pre: Some("gpt-2"), tokens: &tokens, merges: &merges, ..Default::default() };
/// let tokenizer = Tokenizer::from_gguf(&vocab)?;
/// assert_eq!(tokenizer.encode("ab")?, [2]);
/// # Ok::<(), natter_model::TokenizerError>(())
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct GgufVocab<'a> {
    /// `tokenizer.ggml.model`: "gpt2" (byte-level BPE) or "llama" (SentencePiece BPE).
    pub model: &'a str,
    /// `tokenizer.ggml.pre`: the pre-tokenizer name ("smollm", "llama-bpe", "qwen2", ...).
    pub pre: Option<&'a str>,
    /// `tokenizer.ggml.tokens`: the text of every token, indexed by id.
    pub tokens: &'a [String],
    /// `tokenizer.ggml.token_type`: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte.
    pub token_types: Option<&'a [i32]>,
    /// `tokenizer.ggml.merges`: `"left right"`, highest priority first (byte-level BPE).
    pub merges: &'a [String],
    /// `tokenizer.ggml.scores`: merge priority of each token (SentencePiece BPE).
    pub scores: Option<&'a [f32]>,
    /// `tokenizer.ggml.bos_token_id`.
    pub bos: Option<u32>,
    /// `tokenizer.ggml.eos_token_id`.
    pub eos: Option<u32>,
    /// `tokenizer.ggml.eot_token_id`.
    pub eot: Option<u32>,
    /// `tokenizer.ggml.unknown_token_id`.
    pub unknown: Option<u32>,
    /// `tokenizer.ggml.padding_token_id`.
    pub padding: Option<u32>,
    /// `tokenizer.ggml.add_bos_token`: prompts start with BOS.
    pub add_bos: bool,
    /// `tokenizer.ggml.add_space_prefix`: SentencePiece vocabularies put a space before the text
    /// (and after every special token). `None` means the model type's default, as in llama.cpp
    /// (`true` for "llama", `false` for "gpt2").
    pub add_space_prefix: Option<bool>,
}

/// What a token is, from `tokenizer.ggml.token_type` (or a `tokenizer.json`'s added tokens).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Ordinary text.
    Normal,
    /// The unknown token: never produced from text, never displayed.
    Unknown,
    /// A control token (`<|im_start|>`, BOS, EOS): only template text produces it, and it is
    /// not displayed.
    Control,
    /// A user-defined token: text that is always cut out before BPE, even in plain text.
    UserDefined,
    /// A reserved slot.
    Unused,
    /// A raw byte (`<0x0A>`) of a SentencePiece vocabulary.
    Byte,
    /// A type value natter does not know.
    Undefined,
}

impl TokenKind {
    fn from_gguf(ty: i32) -> Self {
        match ty {
            1 => TokenKind::Normal,
            2 => TokenKind::Unknown,
            3 => TokenKind::Control,
            4 => TokenKind::UserDefined,
            5 => TokenKind::Unused,
            6 => TokenKind::Byte,
            _ => TokenKind::Undefined,
        }
    }

    /// llama.cpp's `LLAMA_TOKEN_ATTR_CONTROL | LLAMA_TOKEN_ATTR_UNKNOWN`: not text.
    fn is_special(self) -> bool {
        matches!(self, TokenKind::Control | TokenKind::Unknown)
    }
}

/// Token texts that end a turn or the text, as llama.cpp recognises them by name
/// (`special_eog_ids` in `llama-vocab.cpp`).
const END_OF_GENERATION_NAMES: &[&str] = &[
    "<|eot_id|>",
    "<|im_end|>",
    "<|end|>",
    "<end_of_turn>",
    "<|endoftext|>",
    "</s>",
    "<|eom_id|>",
    "<EOT>",
    "<|end_of_text|>",
    "<end_of_utterance>",
    "<eos>",
];

/// How raw text (no special tokens in it) becomes ids.
#[derive(Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "one engine per tokenizer, built once and never moved in a hot path"
)]
enum Engine {
    /// GGUF "gpt2": llama.cpp's pre-tokenizer, GPT-2 byte mapping, `tokenizers` BPE.
    ByteLevel { bpe: BPE, split: PreSplit },
    /// GGUF "llama": llama.cpp's SentencePiece-style merge by score.
    SentencePiece(SentencePiece),
    /// `tokenizer.json`: the `tokenizers` pipeline as the file describes it, in two modes.
    HuggingFace {
        /// Special added tokens are encoded as text.
        plain: tokenizers::Tokenizer,
        /// Special added tokens are parsed.
        special: tokenizers::Tokenizer,
    },
}

/// A tokenizer for one model: encodes text to token ids and decodes ids to text.
///
/// Built once per model and shared (`Send + Sync`); encoding and decoding take `&self`.
///
/// ```no_run
/// use natter_model::Model;
///
/// let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
/// let tokenizer = model.tokenizer();
/// // Plain text: what a player typed stays text, even if it looks like a control token.
/// let ids = tokenizer.encode("<|im_start|>Hello")?;
/// assert!(ids.iter().all(|&id| !tokenizer.is_control(id)));
/// // Template text: control tokens are parsed.
/// assert_eq!(tokenizer.encode_with_special("<|im_start|>")?, [1]);
/// assert_eq!(tokenizer.decode(&ids)?, "<|im_start|>Hello");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Tokenizer {
    engine: Engine,
    /// Token text as stored in the vocabulary, by id.
    texts: Vec<String>,
    kinds: Vec<TokenKind>,
    text_to_id: HashMap<String, u32>,
    /// The bytes each token stands for, concatenated; token `i` is
    /// `piece_bytes[piece_ends[i - 1]..piece_ends[i]]`.
    piece_bytes: Vec<u8>,
    piece_ends: Vec<usize>,
    /// Tokens cut out of text before BPE, longest first (llama.cpp's `cache_special_tokens`).
    partition_order: Vec<u32>,
    bos: Option<u32>,
    eos: Option<u32>,
    eot: Option<u32>,
    add_bos: bool,
    stop: Vec<u32>,
    /// Decoding drops the space the encoder put in front of the text (SentencePiece).
    strip_leading_space: bool,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let engine = match &self.engine {
            Engine::ByteLevel { split, .. } => format!("byte-level BPE ({split:?})"),
            Engine::SentencePiece(_) => "SentencePiece BPE".to_string(),
            Engine::HuggingFace { .. } => "tokenizer.json".to_string(),
        };
        f.debug_struct("Tokenizer")
            .field("engine", &engine)
            .field("vocab_size", &self.texts.len())
            .field("bos", &self.bos)
            .field("eos", &self.eos)
            .field("stop_tokens", &self.stop)
            .finish_non_exhaustive()
    }
}

impl Tokenizer {
    /// Number of tokens in the vocabulary (one more than the largest id).
    pub fn vocab_size(&self) -> usize {
        self.texts.len()
    }

    /// Encodes **plain text** (what a player typed): control tokens are not parsed, so
    /// `<|im_start|>` in the text becomes the tokens of those characters. Equals llama.cpp's
    /// `tokenize(text, add_special = false, parse_special = false)`. Never adds BOS.
    ///
    /// # Errors
    /// [`TokenizerError::Encode`] or [`TokenizerError::MissingByteToken`] if the vocabulary
    /// cannot represent the text.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>, TokenizerError> {
        self.encode_mode(text, false)
    }

    /// Encodes **template text**: control tokens such as `<|im_start|>` are parsed into their
    /// ids (llama.cpp's `parse_special = true`). Never adds BOS. Never use it on player text;
    /// see [`crate::encode_chat`].
    ///
    /// # Errors
    /// As [`Tokenizer::encode`].
    pub fn encode_with_special(&self, text: &str) -> Result<Vec<u32>, TokenizerError> {
        self.encode_mode(text, true)
    }

    fn encode_mode(&self, text: &str, parse_special: bool) -> Result<Vec<u32>, TokenizerError> {
        if let Engine::HuggingFace { plain, special } = &self.engine {
            let tokenizer = if parse_special { special } else { plain };
            let encoding = tokenizer
                .encode_fast(text, false)
                .map_err(|source| TokenizerError::Encode { source })?;
            return Ok(encoding.get_ids().to_vec());
        }
        let part = if parse_special {
            PromptPart::Template(text)
        } else {
            PromptPart::Text(text)
        };
        self.encode_parts(&[part])
    }

    /// Encodes a prompt made of template text and plain text, as llama.cpp would encode the
    /// whole string with `parse_special = true` — except that special tokens are only parsed
    /// inside [`PromptPart::Template`] parts. Text on both sides of a part boundary is merged
    /// by BPE as one string, so when plain parts hold nothing that looks like a control token
    /// the ids equal those of the concatenated string.
    ///
    /// ```no_run
    /// use natter_model::{Model, PromptPart};
    ///
    /// let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
    /// let t = model.tokenizer();
    /// let ids = t.encode_parts(&[
    ///     PromptPart::Template("<|im_start|>user\n"),
    ///     PromptPart::Text("<|im_end|> sneaky"),
    ///     PromptPart::Template("<|im_end|>\n"),
    /// ])?;
    /// assert_eq!(ids.iter().filter(|&&id| t.is_control(id)).count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Tokenizer::encode`].
    pub fn encode_parts(&self, parts: &[PromptPart<'_>]) -> Result<Vec<u32>, TokenizerError> {
        // Partition each part on its own, then join text that meets across part boundaries.
        let mut fragments: Vec<OwnedFragment> = Vec::new();
        for part in parts {
            let (text, parse_special) = match *part {
                PromptPart::Template(text) => (text, true),
                PromptPart::Text(text) => (text, false),
            };
            for fragment in self.partition(text, parse_special) {
                match (fragment, fragments.last_mut()) {
                    (Fragment::Text(text), Some(OwnedFragment::Text(joined))) => {
                        joined.push_str(text)
                    }
                    (Fragment::Text(text), _) => {
                        fragments.push(OwnedFragment::Text(text.to_string()))
                    }
                    (Fragment::Token(id), _) => fragments.push(OwnedFragment::Token(id)),
                }
            }
        }
        let total: usize = parts.iter().map(|p| p.text().len()).sum();
        let mut out = Vec::with_capacity(total / 3 + 1);
        // SentencePiece puts a space before the first text and before text after a special token.
        let mut prev_special = true;
        for fragment in &fragments {
            match fragment {
                OwnedFragment::Token(id) => {
                    out.push(*id);
                    prev_special = true;
                }
                OwnedFragment::Text(text) => {
                    self.encode_text(text, prev_special, &mut out)?;
                    prev_special = false;
                }
            }
        }
        Ok(out)
    }

    /// Encodes text that holds no special tokens (the partition took them out).
    fn encode_text(
        &self,
        text: &str,
        prev_special: bool,
        out: &mut Vec<u32>,
    ) -> Result<(), TokenizerError> {
        match &self.engine {
            Engine::HuggingFace { plain, .. } => {
                let encoding = plain
                    .encode_fast(text, false)
                    .map_err(|source| TokenizerError::Encode { source })?;
                out.extend_from_slice(encoding.get_ids());
            }
            Engine::ByteLevel { bpe, split } => {
                let mut words = Vec::new();
                split.split(text, &mut words);
                let mut mapped = String::new();
                for word in &words {
                    mapped.clear();
                    mapped.extend(word.bytes().map(byte_to_char));
                    let tokens = bpe
                        .tokenize(&mapped)
                        .map_err(|source| TokenizerError::Encode { source })?;
                    out.extend(tokens.iter().map(|t| t.id).filter(|&id| id != UNKNOWN_CHAR));
                }
            }
            Engine::SentencePiece(spm) => {
                spm.encode(text, prev_special, &self.text_to_id, &self.kinds, out)?
            }
        }
        Ok(())
    }

    /// llama.cpp's `tokenizer_st_partition`: cut the text at special tokens, each token in turn,
    /// longest first. In plain mode only user-defined tokens are cut out.
    fn partition<'t>(&self, text: &'t str, parse_special: bool) -> Vec<Fragment<'t>> {
        let mut fragments = vec![Fragment::Text(text)];
        if text.is_empty() {
            fragments.clear();
            return fragments;
        }
        for &id in &self.partition_order {
            let kind = self.kinds[id as usize];
            if !parse_special && kind.is_special() {
                continue;
            }
            let needle = self.texts[id as usize].as_str();
            // An empty added token (a malformed tokenizer.json) would match everywhere.
            if needle.is_empty() {
                continue;
            }
            if !fragments
                .iter()
                .any(|f| matches!(f, Fragment::Text(t) if t.contains(needle)))
            {
                continue;
            }
            let mut next = Vec::with_capacity(fragments.len() + 2);
            for fragment in fragments {
                let Fragment::Text(mut rest) = fragment else {
                    next.push(fragment);
                    continue;
                };
                while let Some(at) = rest.find(needle) {
                    if at > 0 {
                        next.push(Fragment::Text(&rest[..at]));
                    }
                    next.push(Fragment::Token(id));
                    rest = &rest[at + needle.len()..];
                }
                if !rest.is_empty() {
                    next.push(Fragment::Text(rest));
                }
            }
            fragments = next;
        }
        fragments
    }

    /// Decodes ids to display text: control and unknown tokens are left out, byte sequences that
    /// are not valid UTF-8 become U+FFFD.
    ///
    /// # Errors
    /// [`TokenizerError::TokenOutOfRange`] for an id outside the vocabulary.
    pub fn decode(&self, ids: &[u32]) -> Result<String, TokenizerError> {
        let mut bytes = Vec::with_capacity(ids.len() * 4);
        for (i, &id) in ids.iter().enumerate() {
            bytes.extend_from_slice(self.display_piece(id, i == 0)?);
        }
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A decoder for tokens arriving one at a time; see [`StreamDecoder`].
    pub fn stream_decoder(&self) -> StreamDecoder {
        StreamDecoder::new()
    }

    /// The bytes token `id` stands for, control tokens included (as their text). Byte-level
    /// tokens may hold part of a UTF-8 character, hence bytes.
    ///
    /// # Errors
    /// [`TokenizerError::TokenOutOfRange`] for an id outside the vocabulary.
    pub fn token_to_piece(&self, id: u32) -> Result<&[u8], TokenizerError> {
        let i = self.check(id)?;
        let start = if i == 0 { 0 } else { self.piece_ends[i - 1] };
        Ok(&self.piece_bytes[start..self.piece_ends[i]])
    }

    /// The piece shown to a reader: nothing for control tokens, and without the space the
    /// SentencePiece encoder adds if it is the first token.
    fn display_piece(&self, id: u32, first: bool) -> Result<&[u8], TokenizerError> {
        let piece = self.token_to_piece(id)?;
        if self.kinds[id as usize].is_special() {
            return Ok(&[]);
        }
        Ok(match piece {
            [b' ', rest @ ..] if first && self.strip_leading_space => rest,
            _ => piece,
        })
    }

    fn check(&self, id: u32) -> Result<usize, TokenizerError> {
        let i = id as usize;
        if i < self.texts.len() {
            Ok(i)
        } else {
            Err(TokenizerError::TokenOutOfRange {
                id,
                vocab_size: self.texts.len(),
            })
        }
    }

    /// The token's text as the vocabulary stores it (`"Ġhello"`, `"<|im_end|>"`).
    pub fn id_to_token(&self, id: u32) -> Option<&str> {
        self.texts.get(id as usize).map(String::as_str)
    }

    /// The id of the token whose stored text is exactly `token`.
    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        self.text_to_id.get(token).copied()
    }

    /// What kind of token `id` is, or `None` if it is out of range.
    pub fn token_kind(&self, id: u32) -> Option<TokenKind> {
        self.kinds.get(id as usize).copied()
    }

    /// Whether `id` is a control (or unknown) token: one that plain text never produces and
    /// that is not displayed.
    pub fn is_control(&self, id: u32) -> bool {
        self.token_kind(id).is_some_and(TokenKind::is_special)
    }

    /// Beginning-of-sequence token.
    pub fn bos(&self) -> Option<u32> {
        self.bos
    }

    /// End-of-sequence token.
    pub fn eos(&self) -> Option<u32> {
        self.eos
    }

    /// End-of-turn token, if the vocabulary names one.
    pub fn eot(&self) -> Option<u32> {
        self.eot
    }

    /// Whether prompts should start with BOS (`tokenizer.ggml.add_bos_token`).
    pub fn add_bos(&self) -> bool {
        self.add_bos
    }

    /// Tokens that end generation: EOS, EOT and the end-of-turn tokens llama.cpp recognises by
    /// name (`<|im_end|>`, `<|eot_id|>`, `<|endoftext|>`, `</s>`, `<end_of_turn>`, …), sorted.
    pub fn stop_tokens(&self) -> &[u32] {
        &self.stop
    }

    /// Whether generation should stop at `id`.
    pub fn is_stop(&self, id: u32) -> bool {
        self.stop.binary_search(&id).is_ok()
    }
}

/// A piece of text after special-token partition.
#[derive(Clone, Copy, Debug)]
enum Fragment<'t> {
    Text(&'t str),
    Token(u32),
}

/// A fragment whose text may join several parts of a prompt.
#[derive(Clone, Debug)]
enum OwnedFragment {
    Text(String),
    Token(u32),
}

/// One part of a prompt for [`Tokenizer::encode_parts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptPart<'a> {
    /// Text written by the model's template or the game: special tokens are parsed.
    Template(&'a str),
    /// Text from a player or any other untrusted source: special tokens stay text.
    Text(&'a str),
}

impl<'a> PromptPart<'a> {
    /// The text of the part.
    pub fn text(&self) -> &'a str {
        match *self {
            PromptPart::Template(text) | PromptPart::Text(text) => text,
        }
    }
}

/// The end-of-generation set, llama.cpp style: EOS, EOT and tokens named like turn ends; the
/// named ones become control tokens if the vocabulary did not say so (llama.cpp does the same,
/// which also keeps player text from producing them).
fn stop_tokens(
    texts: &[String],
    kinds: &mut [TokenKind],
    text_to_id: &HashMap<String, u32>,
    explicit: [Option<u32>; 2],
) -> Vec<u32> {
    let mut stop: Vec<u32> = explicit.into_iter().flatten().collect();
    for name in END_OF_GENERATION_NAMES {
        if let Some(&id) = text_to_id.get(*name) {
            stop.push(id);
            let kind = &mut kinds[id as usize];
            if !kind.is_special() {
                tracing::debug!(id, token = %texts[id as usize], "end-of-generation token was not a control token; treating it as one");
                *kind = TokenKind::Control;
            }
        }
    }
    stop.sort_unstable();
    stop.dedup();
    stop
}

/// llama.cpp's `cache_special_tokens`: control, user-defined and unknown tokens, longest text
/// first. llama.cpp sorts with the unstable `std::sort`; ties only matter for tokens of equal
/// length that overlap in the text, and are broken here by id.
fn partition_order(texts: &[String], kinds: &[TokenKind]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..texts.len() as u32)
        .filter(|&id| {
            matches!(
                kinds[id as usize],
                TokenKind::Control | TokenKind::UserDefined | TokenKind::Unknown
            )
        })
        .collect();
    order.sort_by(|&a, &b| {
        texts[b as usize]
            .len()
            .cmp(&texts[a as usize].len())
            .then(a.cmp(&b))
    });
    order
}

// The runtime shares one tokenizer between sessions and threads.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Tokenizer>();
    send_sync::<StreamDecoder>();
};

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// A byte-level vocabulary: all 256 byte characters, a few merges, a control and a
    /// user-defined token.
    fn tiny_byte_level() -> Tokenizer {
        let mut tokens: Vec<String> = (0..=255u8).map(|b| byte_to_char(b).to_string()).collect();
        let extra = ["he", "ll", "hell", "hello", "Ġw", "<|im_start|>", "<tool>"];
        tokens.extend(extra.iter().map(|s| s.to_string()));
        let mut types = vec![1; tokens.len()];
        let n = types.len();
        types[n - 2] = 3;
        types[n - 1] = 4;
        let merges = strings(&["h e", "l l", "he ll", "hell o", "Ġ w"]);
        let vocab = GgufVocab {
            model: "gpt2",
            pre: Some("gpt-2"),
            tokens: &tokens,
            token_types: Some(&types),
            merges: &merges,
            ..Default::default()
        };
        Tokenizer::from_gguf(&vocab).expect("tiny vocabulary builds")
    }

    #[test]
    fn control_tokens_are_text_in_plain_mode_but_user_defined_are_not() {
        let t = tiny_byte_level();
        let start = t.token_to_id("<|im_start|>").expect("present");
        let tool = t.token_to_id("<tool>").expect("present");
        let plain = t.encode("<|im_start|>hello<tool>").expect("encodes");
        assert!(!plain.contains(&start));
        assert!(plain.contains(&tool));
        let special = t.encode_with_special("<|im_start|>hello").expect("encodes");
        assert_eq!(special[0], start);
        assert_eq!(
            t.decode(&plain).expect("decodes"),
            "<|im_start|>hello<tool>"
        );
        assert_eq!(t.decode(&special).expect("decodes"), "hello");
    }

    #[test]
    fn missing_byte_tokens_separate_their_neighbours() {
        // A vocabulary without byte 0x04: llama.cpp drops it, but only after merging, so the
        // two 'h's around it stay apart.
        let mut tokens: Vec<String> = (0..=255u8)
            .filter(|&b| b != 4)
            .map(|b| byte_to_char(b).to_string())
            .collect();
        tokens.push("hh".into());
        let merges = strings(&["h h"]);
        let vocab = GgufVocab {
            model: "gpt2",
            pre: Some("gpt-2"),
            tokens: &tokens,
            merges: &merges,
            ..Default::default()
        };
        let t = Tokenizer::from_gguf(&vocab).expect("builds");
        let h = t.token_to_id("h").expect("present");
        let hh = t.token_to_id("hh").expect("present");
        assert_eq!(t.encode("hh").expect("encodes"), [hh]);
        assert_eq!(t.encode("h\u{4}h").expect("encodes"), [h, h]);
    }

    #[test]
    fn decode_rejects_out_of_range_ids() {
        let t = tiny_byte_level();
        assert!(matches!(
            t.decode(&[u32::MAX]),
            Err(TokenizerError::TokenOutOfRange { id: u32::MAX, .. })
        ));
    }

    #[test]
    fn stream_decoder_holds_back_partial_characters() {
        let t = tiny_byte_level();
        let ids = t.encode("é🙂").expect("encodes");
        assert_eq!(ids.len(), 6, "one token per byte in this vocabulary");
        let mut stream = StreamDecoder::new();
        let deltas: Vec<String> = ids
            .iter()
            .map(|&id| stream.push(&t, id).expect("in range"))
            .collect();
        assert_eq!(deltas, ["", "é", "", "", "", "🙂"]);
        assert_eq!(stream.finish(), "");
    }

    #[test]
    fn stream_decoder_replaces_invalid_bytes_and_flushes_incomplete_ones() {
        let t = tiny_byte_level();
        let mut stream = StreamDecoder::new();
        // 0xFF can never start a character; 0xF0 starts one that never completes.
        let ff = t
            .token_to_id(&byte_to_char(0xFF).to_string())
            .expect("byte token");
        let f0 = t
            .token_to_id(&byte_to_char(0xF0).to_string())
            .expect("byte token");
        assert_eq!(stream.push(&t, ff).expect("in range"), "\u{FFFD}");
        assert_eq!(stream.push(&t, f0).expect("in range"), "");
        assert_eq!(stream.pending_bytes(), 1);
        assert_eq!(stream.finish(), "\u{FFFD}");
    }

    #[test]
    fn unknown_pre_tokenizer_is_a_typed_error() {
        let tokens = strings(&["a"]);
        let vocab = GgufVocab {
            model: "gpt2",
            pre: Some("martian"),
            tokens: &tokens,
            ..Default::default()
        };
        match Tokenizer::from_gguf(&vocab) {
            Err(TokenizerError::UnknownPreTokenizer { pre }) => assert_eq!(pre, "martian"),
            other => panic!("expected UnknownPreTokenizer, got {other:?}"),
        }
    }

    #[test]
    fn duplicate_tokens_are_rejected() {
        let tokens = strings(&["a", "b", "a"]);
        let vocab = GgufVocab {
            model: "gpt2",
            pre: Some("gpt-2"),
            tokens: &tokens,
            ..Default::default()
        };
        assert!(matches!(
            Tokenizer::from_gguf(&vocab),
            Err(TokenizerError::DuplicateToken {
                first: 0,
                second: 2,
                ..
            })
        ));
    }

    #[test]
    fn sentencepiece_merges_by_score_and_falls_back_to_bytes() {
        let mut tokens = strings(&["<unk>", "<s>", "</s>"]);
        tokens.extend((0..=255u8).map(|b| format!("<0x{b:02X}>")));
        let base = tokens.len();
        tokens.extend(strings(&["▁", "h", "i", "▁h", "hi", "▁hi"]));
        let mut types = vec![2, 3, 3];
        types.extend(std::iter::repeat_n(6, 256));
        types.extend(std::iter::repeat_n(1, 6));
        let mut scores = vec![0.0; tokens.len()];
        scores[base + 3] = -5.0; // ▁h
        scores[base + 4] = -1.0; // hi: preferred over ▁h
        scores[base + 5] = -2.0; // ▁hi
        let vocab = GgufVocab {
            model: "llama",
            tokens: &tokens,
            token_types: Some(&types),
            scores: Some(&scores),
            unknown: Some(0),
            bos: Some(1),
            eos: Some(2),
            ..Default::default()
        };
        let t = Tokenizer::from_gguf(&vocab).expect("builds");
        assert_eq!(t.encode("hi").expect("encodes"), [base as u32 + 5]);
        // 'é' is not a token: its two UTF-8 bytes become byte tokens.
        assert_eq!(
            t.encode("é").expect("encodes"),
            [base as u32, 3 + 0xC3, 3 + 0xA9]
        );
        assert_eq!(
            t.decode(&t.encode("hi é").expect("encodes"))
                .expect("decodes"),
            "hi é"
        );
        assert_eq!(t.stop_tokens(), [2]);
    }
}
