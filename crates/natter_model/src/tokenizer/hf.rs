//! Loading a [`Tokenizer`] from a Hugging Face `tokenizer.json` (and `tokenizer_config.json`).

use std::collections::HashMap;
use std::path::Path;

use tokenizers::DecoderWrapper;
use tokenizers::decoders::metaspace::PrependScheme;

use super::pieces::{PieceStyle, parse_byte_token, pieces};
use super::{Engine, TokenKind, Tokenizer, TokenizerError, stop_tokens};

/// Largest `tokenizer.json` / `tokenizer_config.json` read (Qwen2's `tokenizer.json` is 7 MB).
const MAX_JSON_BYTES: u64 = 256 << 20;

/// Largest token id accepted from a `tokenizer.json`, so a crafted file cannot make the id
/// tables huge.
const MAX_VOCAB: usize = 1 << 24;

/// A JSON file of a Hugging Face tokenizer: its bytes, and the path that errors name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HfJson<'a> {
    pub path: &'a Path,
    pub bytes: &'a [u8],
}

impl Tokenizer {
    /// Loads a Hugging Face `tokenizer.json`, with BOS/EOS from `tokenizer_config.json` if given.
    ///
    /// The `tokenizers` crate runs the file's own pipeline. Added tokens marked `special` play
    /// the part of control tokens (parsed only by [`Tokenizer::encode_with_special`]); other
    /// added tokens are user-defined (always parsed), as llama.cpp's converter maps them.
    ///
    /// # Errors
    /// [`TokenizerError::Io`], [`TokenizerError::FileTooLarge`],
    /// [`TokenizerError::HfTokenizer`] or [`TokenizerError::HfConfig`] when a file cannot be read
    /// or parsed.
    pub fn from_hf_files(
        tokenizer_json: &Path,
        tokenizer_config_json: Option<&Path>,
    ) -> Result<Self, TokenizerError> {
        let bytes = read_capped(tokenizer_json)?;
        let config = tokenizer_config_json
            .map(|path| read_capped(path).map(|bytes| (path, bytes)))
            .transpose()?;
        Self::from_hf_json(
            HfJson {
                path: tokenizer_json,
                bytes: &bytes,
            },
            config.as_ref().map(|(path, bytes)| HfJson { path, bytes }),
        )
    }

    /// [`Tokenizer::from_hf_files`] from the files' contents, for callers that have bytes rather
    /// than paths (a Bevy `AssetLoader`). Errors name the files `tokenizer.json` and
    /// `tokenizer_config.json`.
    ///
    /// # Errors
    /// [`TokenizerError::FileTooLarge`], [`TokenizerError::HfTokenizer`] or
    /// [`TokenizerError::HfConfig`] when a file is too large or cannot be parsed.
    pub fn from_hf_bytes(
        tokenizer_json: &[u8],
        tokenizer_config_json: Option<&[u8]>,
    ) -> Result<Self, TokenizerError> {
        Self::from_hf_json(
            HfJson {
                path: Path::new("tokenizer.json"),
                bytes: tokenizer_json,
            },
            tokenizer_config_json.map(|bytes| HfJson {
                path: Path::new("tokenizer_config.json"),
                bytes,
            }),
        )
    }

    /// The one Hugging Face loader behind [`Tokenizer::from_hf_files`],
    /// [`Tokenizer::from_hf_bytes`] and [`crate::Model::from_hf_files`].
    pub(crate) fn from_hf_json(
        tokenizer_json: HfJson<'_>,
        tokenizer_config_json: Option<HfJson<'_>>,
    ) -> Result<Self, TokenizerError> {
        check_size(tokenizer_json.path, tokenizer_json.bytes.len() as u64)?;
        let mut special =
            tokenizers::Tokenizer::from_bytes(tokenizer_json.bytes).map_err(|source| {
                TokenizerError::HfTokenizer {
                    path: tokenizer_json.path.to_path_buf(),
                    source,
                }
            })?;
        // natter handles padding and truncation itself; a file's settings must not change ids.
        special.with_padding(None);
        special
            .with_truncation(None)
            .map_err(|source| TokenizerError::HfTokenizer {
                path: tokenizer_json.path.to_path_buf(),
                source,
            })?;
        special.set_encode_special_tokens(false);
        let mut plain = special.clone();
        plain.set_encode_special_tokens(true);

        let config = match tokenizer_config_json {
            Some(file) => {
                check_size(file.path, file.bytes.len() as u64)?;
                let value: serde_json::Value =
                    serde_json::from_slice(file.bytes).map_err(|source| {
                        TokenizerError::HfConfig {
                            path: file.path.to_path_buf(),
                            source,
                        }
                    })?;
                Some(value)
            }
            None => None,
        };

        let vocab = special.get_vocab(true);
        let n = vocab
            .values()
            .copied()
            .max()
            .map_or(0, |max| max as usize + 1);
        if n == 0 || n > MAX_VOCAB {
            return Err(TokenizerError::InvalidVocab {
                reason: format!(
                    "{} has token ids up to {n}, natter accepts 1 to {MAX_VOCAB}",
                    tokenizer_json.path.display()
                ),
            });
        }
        let mut texts = vec![String::new(); n];
        let mut kinds = vec![TokenKind::Unused; n];
        for (text, &id) in &vocab {
            texts[id as usize] = text.clone();
            kinds[id as usize] = TokenKind::Normal;
        }
        let decoder = special
            .get_decoder()
            .map(DecoderTraits::of)
            .unwrap_or_default();
        let style = if decoder.byte_level {
            PieceStyle::ByteLevel
        } else {
            PieceStyle::Metaspace
        };
        if decoder.byte_fallback {
            for (i, text) in texts.iter().enumerate() {
                if parse_byte_token(text).is_some() {
                    kinds[i] = TokenKind::Byte;
                }
            }
        }
        if let Some(unk) = model_unk_token(special.get_model()).and_then(|t| vocab.get(&t)) {
            kinds[*unk as usize] = TokenKind::Unknown;
        }
        // Added tokens are what the `tokenizers` pipeline cuts out before its model; `encode_parts`
        // cuts out the same ones.
        let mut partition_order = Vec::new();
        for (id, token) in special.get_added_tokens_decoder() {
            if let Some(kind) = kinds.get_mut(id as usize) {
                *kind = if token.special {
                    TokenKind::Control
                } else {
                    TokenKind::UserDefined
                };
                partition_order.push(id);
            }
        }
        partition_order.sort_by(|&a, &b| {
            texts[b as usize]
                .len()
                .cmp(&texts[a as usize].len())
                .then(a.cmp(&b))
        });
        let text_to_id: HashMap<String, u32> = vocab.into_iter().collect();

        let config_token = |key: &str| -> Option<u32> {
            let value = config.as_ref()?.get(key)?;
            let text = value.as_str().or_else(|| value.get("content")?.as_str())?;
            text_to_id.get(text).copied()
        };
        let bos = config_token("bos_token");
        let eos = config_token("eos_token");
        let add_bos = config
            .as_ref()
            .and_then(|c| c.get("add_bos_token")?.as_bool())
            .unwrap_or_else(|| {
                // No explicit setting: see whether the file's post-processor adds BOS.
                bos.is_some_and(|bos| {
                    special
                        .encode_fast("a", true)
                        .is_ok_and(|e| e.get_ids().first() == Some(&bos))
                })
            });
        let stop = stop_tokens(&texts, &mut kinds, &text_to_id, [eos, None]);
        let strip_leading_space = style == PieceStyle::Metaspace && decoder.strips_leading_space;
        let (piece_bytes, piece_ends) = pieces(&texts, &kinds, style);
        Ok(Tokenizer {
            engine: Engine::HuggingFace { plain, special },
            texts,
            kinds,
            text_to_id,
            piece_bytes,
            piece_ends,
            partition_order,
            bos,
            eos,
            eot: None,
            add_bos,
            stop,
            strip_leading_space,
        })
    }
}

/// The name of the unknown token of a `tokenizers` model, if it has one.
fn model_unk_token(model: &tokenizers::ModelWrapper) -> Option<String> {
    use tokenizers::ModelWrapper;
    match model {
        ModelWrapper::BPE(m) => m.unk_token.clone(),
        ModelWrapper::WordPiece(m) => Some(m.unk_token.clone()),
        ModelWrapper::WordLevel(m) => Some(m.unk_token.clone()),
        // Unigram keeps its unknown id private; its unknown token is an added token anyway.
        ModelWrapper::Unigram(_) => None,
    }
}

/// What natter needs to know of a `tokenizer.json` decoder to turn tokens into bytes itself.
#[derive(Clone, Copy, Debug, Default)]
struct DecoderTraits {
    /// GPT-2 byte-level tokens.
    byte_level: bool,
    /// `<0xAB>` tokens stand for bytes.
    byte_fallback: bool,
    /// The decoder drops the space SentencePiece puts in front of the text.
    strips_leading_space: bool,
}

impl DecoderTraits {
    fn of(decoder: &DecoderWrapper) -> Self {
        let mut traits = DecoderTraits::default();
        traits.visit(decoder);
        traits
    }

    fn visit(&mut self, decoder: &DecoderWrapper) {
        match decoder {
            DecoderWrapper::ByteLevel(_) => self.byte_level = true,
            DecoderWrapper::ByteFallback(_) => self.byte_fallback = true,
            DecoderWrapper::Strip(strip) => self.strips_leading_space |= strip.start > 0,
            DecoderWrapper::Metaspace(m) => {
                self.strips_leading_space |= m.get_prepend_scheme() != PrependScheme::Never
            }
            DecoderWrapper::Sequence(seq) => seq.get_decoders().iter().for_each(|d| self.visit(d)),
            _ => {}
        }
    }
}

/// Reads a JSON file no larger than [`MAX_JSON_BYTES`], refusing a larger one before reading it.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, TokenizerError> {
    let io = |source| TokenizerError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    check_size(path, len)?;
    std::fs::read(path).map_err(io)
}

/// Refuses a file of `len` bytes if it is larger than [`MAX_JSON_BYTES`]: on disk before it is
/// read, in memory before it is parsed, so both give the same error.
fn check_size(path: &Path, len: u64) -> Result<(), TokenizerError> {
    if len > MAX_JSON_BYTES {
        return Err(TokenizerError::FileTooLarge {
            path: path.to_path_buf(),
            len,
            max: MAX_JSON_BYTES,
        });
    }
    Ok(())
}
