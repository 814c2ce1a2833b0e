//! A loaded model: config, tensors (memory-mapped), tokenizer and chat template.
//!
//! [`Model::open`] takes a GGUF file or a Hugging Face directory and checks everything before it
//! returns: the config's sizes, every tensor's type and shape, that the vocabulary matches the
//! embedding table, and that the tokenizer and chat template build. Nothing after it needs to
//! re-check the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::chat::{self, CHATML_TEMPLATE, ChatMessage, ChatTemplate};
use crate::config::{ConfigError, ModelConfig};
use crate::error::ModelError;
use crate::gguf::{GgufFile, GgufTensorInfo};
use crate::quant::{self, GgmlType};
use crate::safetensors;
use crate::tensors::{self, ModelTensors, TensorRef};
use crate::tokenizer::{GgufVocab, Tokenizer};

/// Largest `config.json` / `tokenizer_config.json` read.
const MAX_JSON: u64 = 16 << 20;

/// A model ready to run: everything natter needs from a GGUF file or a Hugging Face directory.
///
/// Weights stay memory-mapped in their stored (possibly quantised) form; [`Model::tensor_data`]
/// hands out the raw bytes and [`Model::dequantize`] plain `f32`s.
#[derive(Debug)]
pub struct Model {
    pub(crate) path: PathBuf,
    pub(crate) config: ModelConfig,
    pub(crate) tensors: ModelTensors,
    pub(crate) tokenizer: Tokenizer,
    pub(crate) chat_template: ChatTemplate,
    /// One memory map per file; `TensorRef::file` indexes it.
    pub(crate) files: Vec<memmap2::Mmap>,
    /// Every tensor in the files, in file order, for `natter inspect`.
    pub(crate) all_tensors: Vec<TensorRef>,
}

impl Model {
    /// Opens a model: a GGUF file, or a Hugging Face directory (or the path of its
    /// `config.json`) holding `config.json`, `model.safetensors` (or shards with
    /// `model.safetensors.index.json`), `tokenizer.json` and optionally `tokenizer_config.json`.
    ///
    /// Weights stay memory-mapped. Every tensor the forward pass uses is checked for type and
    /// shape against the config, and the vocabulary against the embedding table.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, ModelError> {
        let path = path.as_ref();
        let _span = tracing::info_span!("model_open", path = %path.display()).entered();
        let meta = std::fs::metadata(path).map_err(|source| ModelError::Io {
            path: path.to_owned(),
            source,
        })?;
        if meta.is_dir() {
            return Self::open_hf(path, path);
        }
        if path.file_name().is_some_and(|n| n == "config.json") {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            return Self::open_hf(path, dir);
        }
        Self::open_gguf(path)
    }

    fn open_gguf(path: &Path) -> Result<Self, ModelError> {
        let gguf_error = |source| ModelError::Gguf {
            path: path.to_owned(),
            source,
        };
        let file = GgufFile::open(path).map_err(gguf_error)?;
        let config = ModelConfig::from_gguf(&file).map_err(|source| config_error(path, source))?;
        let all_tensors = file
            .tensors()
            .iter()
            .map(gguf_tensor_ref)
            .collect::<Result<Vec<_>, _>>()?;
        let by_name: HashMap<&str, &TensorRef> =
            all_tensors.iter().map(|t| (t.name.as_str(), t)).collect();

        let m = file.metadata();
        let tokens = m
            .get_str_array("tokenizer.ggml.tokens")
            .map_err(gguf_error)?;
        // Checked before the shapes so that a vocabulary that does not match the tensors is
        // reported as such, not as a wrong embedding shape.
        check_vocab(tokens.len(), &by_name, tensors::GGUF_NAMES.token_embd, true)?;
        let tensors = tensors::resolve(&tensors::GGUF_NAMES, &by_name, &config)?;

        let tokenizer_model = m.get_str("tokenizer.ggml.model").map_err(gguf_error)?;
        let vocab = GgufVocab {
            model: tokenizer_model,
            pre: m.opt_str("tokenizer.ggml.pre").map_err(gguf_error)?,
            tokens,
            token_types: m
                .opt_i32_array("tokenizer.ggml.token_type")
                .map_err(gguf_error)?,
            merges: m
                .opt_str_array("tokenizer.ggml.merges")
                .map_err(gguf_error)?
                .unwrap_or(&[]),
            scores: m
                .opt_f32_array("tokenizer.ggml.scores")
                .map_err(gguf_error)?,
            bos: m
                .opt_u32("tokenizer.ggml.bos_token_id")
                .map_err(gguf_error)?,
            eos: m
                .opt_u32("tokenizer.ggml.eos_token_id")
                .map_err(gguf_error)?,
            eot: m
                .opt_u32("tokenizer.ggml.eot_token_id")
                .map_err(gguf_error)?,
            unknown: m
                .opt_u32("tokenizer.ggml.unknown_token_id")
                .map_err(gguf_error)?,
            padding: m
                .opt_u32("tokenizer.ggml.padding_token_id")
                .map_err(gguf_error)?,
            // llama.cpp's default when the key is absent: SentencePiece vocabularies add BOS,
            // byte-level BPE ones do not.
            add_bos: m
                .opt_bool("tokenizer.ggml.add_bos_token")
                .map_err(gguf_error)?
                .unwrap_or(tokenizer_model == "llama"),
            add_space_prefix: m
                .opt_bool("tokenizer.ggml.add_space_prefix")
                .map_err(gguf_error)?,
        };
        let tokenizer = Tokenizer::from_gguf(&vocab)?;
        check_vocab(
            tokenizer.vocab_size(),
            &by_name,
            tensors::GGUF_NAMES.token_embd,
            false,
        )?;

        let token_str = |id: Option<u32>| {
            id.and_then(|id| tokens.get(id as usize))
                .map_or("", String::as_str)
        };
        let source = m
            .opt_str("tokenizer.chat_template")
            .map_err(gguf_error)?
            .unwrap_or(CHATML_TEMPLATE);
        let chat_template = ChatTemplate::new(source, token_str(vocab.bos), token_str(vocab.eos))?;

        let tensors_found = all_tensors.len();
        let (mmap, _header) = file.into_parts();
        tracing::info!(
            tensors = tensors_found,
            layers = config.n_layers,
            "opened GGUF model"
        );
        Ok(Model {
            path: path.to_owned(),
            config,
            tensors,
            tokenizer,
            chat_template,
            files: vec![mmap],
            all_tensors,
        })
    }

    /// `path` is what the caller named (for [`Model::path`]); `dir` the checkpoint's directory.
    fn open_hf(path: &Path, dir: &Path) -> Result<Self, ModelError> {
        let config_path = dir.join("config.json");
        let text = safetensors::read_capped(&config_path, MAX_JSON)?;
        let mut config = ModelConfig::from_hf_json(&text)
            .map_err(|source| config_error(&config_path, source))?;
        let checkpoint = safetensors::open_checkpoint(dir)?;
        let all_tensors = checkpoint.tensors;
        let by_name: HashMap<&str, &TensorRef> =
            all_tensors.iter().map(|t| (t.name.as_str(), t)).collect();
        // A checkpoint without `lm_head.weight` ties it to the embeddings whatever the config says
        // (transformers would otherwise initialise it at random, which is never what is meant).
        if !by_name.contains_key(tensors::HF_NAMES.output) {
            config.tied_embeddings = true;
        }
        let tensors = tensors::resolve(&tensors::HF_NAMES, &by_name, &config)?;

        let tokenizer_json = dir.join("tokenizer.json");
        if !tokenizer_json.is_file() {
            return Err(ModelError::Io {
                path: tokenizer_json,
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the checkpoint has no tokenizer.json",
                ),
            });
        }
        let tokenizer_config = dir.join("tokenizer_config.json");
        let tokenizer_config = tokenizer_config.is_file().then_some(tokenizer_config);
        let tokenizer = Tokenizer::from_hf_files(&tokenizer_json, tokenizer_config.as_deref())?;
        // Hugging Face embedding tables are often padded past the tokenizer (Qwen2.5: 151936 rows
        // for 151665 tokens), so only a tokenizer that could produce ids past the table is wrong.
        check_vocab(
            tokenizer.vocab_size(),
            &by_name,
            tensors::HF_NAMES.token_embd,
            false,
        )?;

        let chat = match &tokenizer_config {
            Some(p) => HfChatConfig::read(p, dir)?,
            None => HfChatConfig::default(),
        };
        let source = chat.template.as_deref().unwrap_or(CHATML_TEMPLATE);
        let chat_template = ChatTemplate::new(source, &chat.bos, &chat.eos)?;

        tracing::info!(
            tensors = all_tensors.len(),
            layers = config.n_layers,
            "opened Hugging Face model"
        );
        Ok(Model {
            path: path.to_owned(),
            config,
            tensors,
            tokenizer,
            chat_template,
            files: checkpoint.files,
            all_tensors,
        })
    }

    /// The file or directory the model was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn config(&self) -> &ModelConfig {
        &self.config
    }
    pub fn tensors(&self) -> &ModelTensors {
        &self.tensors
    }
    /// Every tensor stored in the model's files, in file order.
    pub fn all_tensors(&self) -> &[TensorRef] {
        &self.all_tensors
    }
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }
    pub fn chat_template(&self) -> &ChatTemplate {
        &self.chat_template
    }

    /// Renders `messages` with the model's chat template and encodes the prompt: template text
    /// with its special tokens, message contents as plain text (so a player cannot type a control
    /// token). See [`crate::encode_chat`].
    pub fn encode_chat(
        &self,
        messages: &[ChatMessage],
        add_generation_prompt: bool,
    ) -> Result<Vec<u32>, ModelError> {
        Ok(chat::encode_chat(
            &self.tokenizer,
            &self.chat_template,
            messages,
            add_generation_prompt,
        )?)
    }

    /// The tensor's bytes in their stored form. Ranges were bounds-checked when the model was
    /// opened; a `TensorRef` of another model that does not fit this one gives an empty slice
    /// (which [`Model::dequantize`] reports as a length error) rather than a panic.
    pub fn tensor_data(&self, t: &TensorRef) -> &[u8] {
        let range = t.offset..t.offset.saturating_add(t.len);
        self.files
            .get(t.file)
            .and_then(|f| f.get(range))
            .unwrap_or(&[])
    }

    /// The tensor as plain `f32`s, in ggml order (row-major, rows of `t.cols()`).
    pub fn dequantize(&self, t: &TensorRef) -> Result<Vec<f32>, ModelError> {
        let mut out = vec![0.0f32; t.elements()];
        quant::dequantize(t.ty, self.tensor_data(t), &mut out).map_err(|source| {
            ModelError::Tensor {
                name: t.name.clone(),
                source,
            }
        })?;
        Ok(out)
    }
}

fn config_error(path: &Path, source: ConfigError) -> ModelError {
    ModelError::Config {
        path: path.to_owned(),
        source,
    }
}

/// A GGUF tensor as a [`TensorRef`]; types natter cannot compute with are refused here, for every
/// tensor of the file, so that [`Model::all_tensors`] and [`Model::dequantize`] never meet one.
fn gguf_tensor_ref(t: &GgufTensorInfo) -> Result<TensorRef, ModelError> {
    let ty: GgmlType = t.ty().ok_or_else(|| ModelError::UnsupportedType {
        name: t.name.clone(),
        ty: t.type_name().to_owned(),
    })?;
    Ok(TensorRef {
        name: t.name.clone(),
        ty,
        shape: t.shape.clone(),
        file: 0,
        offset: t.offset,
        len: t.len,
    })
}

/// Checks a vocabulary of `n_tokens` against the rows of the embedding table `embd` (if present;
/// a missing table is reported by the shape checks). `exact`: GGUF vocabularies list every row;
/// otherwise the tokenizer may be smaller than the table but not larger.
fn check_vocab(
    n_tokens: usize,
    by_name: &HashMap<&str, &TensorRef>,
    embd: &str,
    exact: bool,
) -> Result<(), ModelError> {
    let Some(t) = by_name.get(embd) else {
        return Ok(());
    };
    let rows = t.rows();
    if n_tokens > rows || (exact && n_tokens != rows) {
        return Err(ModelError::VocabMismatch {
            tokenizer: n_tokens,
            embedding: rows,
            tensor: t.name.clone(),
        });
    }
    Ok(())
}

/// What the chat template needs from `tokenizer_config.json`.
#[derive(Debug, Default)]
struct HfChatConfig {
    template: Option<String>,
    bos: String,
    eos: String,
}

impl HfChatConfig {
    /// Reads `chat_template` (a string, or a list of `{name, template}` of which `default` is
    /// taken), falling back to a `chat_template.jinja` beside it (newer `transformers`), and
    /// `bos_token` / `eos_token` (strings or `{content: ...}` objects).
    fn read(path: &Path, dir: &Path) -> Result<Self, ModelError> {
        let text = safetensors::read_capped(path, MAX_JSON)?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| config_error(path, ConfigError::Json(e)))?;
        let token = |key: &str| match &json[key] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(o) => o
                .get("content")
                .and_then(|c| c.as_str())
                .unwrap_or("")
                .to_owned(),
            _ => String::new(),
        };
        let mut template = match &json["chat_template"] {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Array(list) => list
                .iter()
                .find(|t| t["name"] == "default")
                .or(list.first())
                .and_then(|t| t["template"].as_str())
                .map(str::to_owned),
            _ => None,
        };
        let jinja = dir.join("chat_template.jinja");
        if template.is_none() && jinja.is_file() {
            template = Some(safetensors::read_capped(&jinja, MAX_JSON)?);
        }
        Ok(Self {
            template,
            bos: token("bos_token"),
            eos: token("eos_token"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_config_accepts_strings_objects_and_lists() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("tokenizer_config.json");
        std::fs::write(
            &p,
            r#"{"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"}],
                "bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>"}"#,
        )
        .expect("write");
        let c = HfChatConfig::read(&p, dir.path()).expect("valid");
        assert_eq!(
            (c.template.as_deref(), c.bos.as_str(), c.eos.as_str()),
            (Some("D"), "<s>", "</s>")
        );

        std::fs::write(&p, r#"{"eos_token": null}"#).expect("write");
        std::fs::write(dir.path().join("chat_template.jinja"), "J").expect("write");
        let c = HfChatConfig::read(&p, dir.path()).expect("valid");
        assert_eq!(
            (c.template.as_deref(), c.bos.as_str(), c.eos.as_str()),
            (Some("J"), "", "")
        );

        std::fs::write(&p, "{").expect("write");
        assert!(matches!(
            HfChatConfig::read(&p, dir.path()),
            Err(ModelError::Config {
                source: ConfigError::Json(_),
                ..
            })
        ));
    }
}
