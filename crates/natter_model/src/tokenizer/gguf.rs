//! Building a [`Tokenizer`] from GGUF metadata, the way llama.cpp's `llama_vocab::impl::load`
//! reads it.

use std::collections::HashMap;

use tokenizers::models::bpe::BPE;

use super::pieces::{PieceStyle, pieces};
use super::pretok::PreSplit;
use super::spm::SentencePiece;
use super::{
    Engine, GgufVocab, TokenKind, Tokenizer, TokenizerError, partition_order, stop_tokens,
};

/// The id the byte-level BPE model gives characters missing from the vocabulary; never a real
/// token id (ids are below `u32::MAX` by construction), removed from every encoding.
pub(super) const UNKNOWN_CHAR: u32 = u32::MAX;

/// The text of [`UNKNOWN_CHAR`] in the BPE model's vocabulary. Byte-level words consist of
/// GPT-2 byte characters, none of which is U+0000, so no word can equal it.
const UNKNOWN_CHAR_TEXT: &str = "\u{0}natter:unknown-char";

/// The llama.cpp pre-tokenizer a `tokenizer.ggml.pre` name selects, and whether whole words
/// found in the vocabulary skip merging (`ignore_merges`). Names are llama.cpp's
/// (`llama_vocab::impl::load`), grouped by the regex they share.
fn pre_tokenizer(name: &str) -> Option<(PreSplit, bool)> {
    Some(match name {
        "default" => (PreSplit::Default, false),
        "llama3" | "llama-v3" | "llama-bpe" | "falcon3" | "falcon-h1" | "pixtral" | "midm-2.0"
        | "lfm2" | "jina-v5-nano" | "glm4" | "glm5" => (PreSplit::Llama3, true),
        "dbrx" | "smaug-bpe" | "chatglm-bpe" => (PreSplit::Llama3, false),
        "qwen2" | "deepseek-r1-qwen" | "kormo" | "f2llmv2" | "megrez" | "stablelm2" | "hunyuan"
        | "solar-open" | "grok-2" => (PreSplit::Qwen2, false),
        "starcoder" | "refact" | "command-r" | "smollm" | "codeshell" | "exaone" | "minerva-7b"
        | "mellum2" => (PreSplit::DigitsThenGpt2, false),
        "gpt-2" | "phi-2" | "jina-es" | "jina-de" | "gigachat" | "jina-v2-es" | "jina-v2-de"
        | "a.x-4.0" | "mellum" | "modern-bert" | "mpt" | "olmo" | "jais" | "trillion"
        | "granite-docling" | "exaone4" | "jina-v1-en" | "jina-v2-code" | "roberta-bpe" => {
            (PreSplit::Gpt2, false)
        }
        _ => return None,
    })
}

impl Tokenizer {
    /// Builds the tokenizer a GGUF file describes, matching llama.cpp.
    ///
    /// `model == "gpt2"` is byte-level BPE with the pre-tokenizer `pre` names (a missing `pre`
    /// means llama.cpp's "default", with a warning, as llama.cpp does); `model == "llama"` is
    /// SentencePiece-style BPE with byte fallback, merging by `scores`.
    ///
    /// # Errors
    /// [`TokenizerError::UnsupportedModel`] and [`TokenizerError::UnknownPreTokenizer`] for
    /// tokenizers natter does not reproduce; [`TokenizerError::InvalidVocab`] and
    /// [`TokenizerError::DuplicateToken`] for malformed vocabularies.
    pub fn from_gguf(vocab: &GgufVocab<'_>) -> Result<Self, TokenizerError> {
        let n = vocab.tokens.len();
        if n == 0 {
            return Err(TokenizerError::InvalidVocab {
                reason: "tokenizer.ggml.tokens is empty".into(),
            });
        }
        if u32::try_from(n).is_err() {
            return Err(TokenizerError::InvalidVocab {
                reason: format!("{n} tokens do not fit 32-bit ids"),
            });
        }
        if let Some(types) = vocab.token_types
            && types.len() < n
        {
            return Err(TokenizerError::InvalidVocab {
                reason: format!("{} token types for {n} tokens", types.len()),
            });
        }
        if let Some(scores) = vocab.scores
            && scores.len() < n
        {
            return Err(TokenizerError::InvalidVocab {
                reason: format!("{} scores for {n} tokens", scores.len()),
            });
        }
        let is_spm = match vocab.model {
            "gpt2" => false,
            "llama" => true,
            other => {
                return Err(TokenizerError::UnsupportedModel {
                    model: other.to_string(),
                });
            }
        };

        // Texts, kinds and the text index, as llama.cpp loads them (empty texts get a
        // placeholder so they can never match text).
        let mut texts = Vec::with_capacity(n);
        let mut kinds = Vec::with_capacity(n);
        let mut text_to_id = HashMap::with_capacity(n);
        for (i, text) in vocab.tokens.iter().enumerate() {
            let id = i as u32;
            let text = if text.is_empty() {
                format!("[EMPTY_{i}]")
            } else {
                text.clone()
            };
            if let Some(first) = text_to_id.insert(text.clone(), id) {
                return Err(TokenizerError::DuplicateToken {
                    text,
                    first,
                    second: id,
                });
            }
            texts.push(text);
            kinds.push(
                vocab
                    .token_types
                    .map_or(TokenKind::Normal, |t| TokenKind::from_gguf(t[i])),
            );
        }
        let in_range = |what: &str, id: Option<u32>| match id {
            Some(id) if (id as usize) < n => Some(id),
            Some(id) => {
                tracing::warn!(
                    id,
                    vocab_size = n,
                    "GGUF {what} token id is out of range; ignoring it"
                );
                None
            }
            None => None,
        };
        let bos = in_range("BOS", vocab.bos);
        let eos = in_range("EOS", vocab.eos);
        let eot = in_range("EOT", vocab.eot);
        let unknown = in_range("unknown", vocab.unknown);
        let stop = stop_tokens(&texts, &mut kinds, &text_to_id, [eos, eot]);
        let partition_order = partition_order(&texts, &kinds);

        let (engine, strip_leading_space) = if is_spm {
            let add_space_prefix = vocab.add_space_prefix.unwrap_or(true);
            let spm = SentencePiece::new(&texts, &kinds, vocab.scores, unknown, &text_to_id);
            (
                Engine::SentencePiece(spm.with_space_prefix(add_space_prefix)),
                add_space_prefix,
            )
        } else {
            let (split, ignore_merges) = match vocab.pre {
                Some(name) => {
                    pre_tokenizer(name).ok_or_else(|| TokenizerError::UnknownPreTokenizer {
                        pre: name.to_string(),
                    })?
                }
                None => {
                    tracing::warn!(
                        "GGUF has no tokenizer.ggml.pre; using llama.cpp's default pre-tokenizer"
                    );
                    (PreSplit::Default, false)
                }
            };
            let bpe = byte_level_bpe(&texts, &kinds, vocab.merges, ignore_merges)?;
            (Engine::ByteLevel { bpe, split }, false)
        };

        let (piece_bytes, piece_ends) = pieces(
            &texts,
            &kinds,
            if is_spm {
                PieceStyle::Metaspace
            } else {
                PieceStyle::ByteLevel
            },
        );
        Ok(Tokenizer {
            engine,
            texts,
            kinds,
            text_to_id,
            piece_bytes,
            piece_ends,
            partition_order,
            bos,
            eos,
            eot,
            add_bos: vocab.add_bos,
            stop,
            strip_leading_space,
        })
    }
}

/// The BPE model of a GGUF byte-level vocabulary. Control and unknown tokens are left out of its
/// vocabulary so that no merge can produce them (see the module docs); merges whose parts or
/// result are missing are dropped, as `tokenizers` cannot hold them. Merges keep their GGUF
/// order, which is their rank.
///
/// A character the vocabulary lacks (SmolLM2 has no token for a few control bytes) must stay
/// between its neighbours as a barrier: llama.cpp keeps it as a symbol that merges with nothing
/// and drops it at the end, so `-\x04-` is `-`, `-`, not `--`. `tokenizers` would drop it before
/// merging, so it is mapped to [`UNKNOWN_CHAR`] instead, which the encoder then removes.
fn byte_level_bpe(
    texts: &[String],
    kinds: &[TokenKind],
    merges: &[String],
    ignore_merges: bool,
) -> Result<BPE, TokenizerError> {
    let vocab: tokenizers::models::bpe::Vocab = texts
        .iter()
        .zip(kinds)
        .enumerate()
        .filter(|(_, (_, kind))| !kind.is_special())
        .map(|(id, (text, _))| (text.clone(), id as u32))
        .collect();
    if vocab.contains_key(UNKNOWN_CHAR_TEXT) {
        return Err(TokenizerError::InvalidVocab {
            reason: format!("a token's text is natter's internal marker {UNKNOWN_CHAR_TEXT:?}"),
        });
    }
    let mut vocab = vocab;
    vocab.insert(UNKNOWN_CHAR_TEXT.to_string(), UNKNOWN_CHAR);
    let mut pairs = Vec::with_capacity(merges.len());
    let mut seen = std::collections::HashSet::with_capacity(merges.len());
    let mut dropped = 0usize;
    let mut joined = String::new();
    for merge in merges {
        // llama.cpp splits at the first space from byte 1 on (`find(' ', 1)`), so a merge may
        // start with a space. A space byte never sits inside a multi-byte character, so the
        // split is at a character boundary.
        let Some(at) = merge.bytes().skip(1).position(|b| b == b' ').map(|p| p + 1) else {
            dropped += 1;
            continue;
        };
        let (left, right) = (&merge[..at], &merge[at + 1..]);
        joined.clear();
        joined.push_str(left);
        joined.push_str(right);
        if !(vocab.contains_key(left)
            && vocab.contains_key(right)
            && vocab.contains_key(joined.as_str()))
        {
            dropped += 1;
            continue;
        }
        // llama.cpp keeps the first rank of a repeated merge.
        if !seen.insert((left, right)) {
            continue;
        }
        pairs.push((left.to_string(), right.to_string()));
    }
    if dropped > 0 {
        tracing::warn!(
            dropped,
            "GGUF merges that are malformed or name tokens outside the vocabulary were dropped"
        );
    }
    BPE::builder()
        .vocab_and_merges(vocab, pairs)
        .unk_token(UNKNOWN_CHAR_TEXT.to_string())
        .fuse_unk(false)
        .ignore_merges(ignore_merges)
        .build()
        .map_err(|source| TokenizerError::Bpe { source })
}
