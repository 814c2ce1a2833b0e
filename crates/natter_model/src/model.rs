//! A loaded model: config, tensors (memory-mapped or in memory), tokenizer and chat template.
//!
//! [`Model::open`] takes a GGUF file or a Hugging Face directory; [`Model::from_gguf_bytes`] and
//! [`Model::from_hf_files`] take the same files' contents, for callers that have bytes rather
//! than paths (a Bevy `AssetLoader`). Both ways share one loader per format, which checks
//! everything before it returns: the config's sizes, every tensor's type and shape, that the
//! vocabulary matches the embedding table, and that the tokenizer and chat template build.
//! Nothing after it needs to re-check the file.

mod hf;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::chat::{self, CHATML_TEMPLATE, ChatMessage, ChatTemplate};
use crate::config::{ConfigError, ModelConfig};
use crate::error::ModelError;
use crate::file_bytes::FileBytes;
use crate::gguf::{GgufFile, GgufTensorInfo};
use crate::quant::{self, GgmlType};
use crate::tensors::{self, ModelTensors, TensorRef};
use crate::tokenizer::{GgufVocab, Tokenizer};

pub use hf::HfFiles;

/// A model ready to run: everything natter needs from a GGUF file or a Hugging Face directory.
///
/// Weights stay in their stored (possibly quantised) form, memory-mapped when the model was
/// opened from files and owned when it was handed over as bytes; [`Model::tensor_data`] hands
/// out the raw bytes and [`Model::dequantize`] plain `f32`s.
#[derive(Debug)]
pub struct Model {
    pub(crate) path: PathBuf,
    pub(crate) config: ModelConfig,
    pub(crate) tensors: ModelTensors,
    pub(crate) tokenizer: Tokenizer,
    pub(crate) chat_template: ChatTemplate,
    /// Each file's bytes; `TensorRef::file` indexes it.
    pub(crate) files: Vec<FileBytes>,
    /// Every tensor in the files, in file order, for `natter inspect`.
    pub(crate) all_tensors: Vec<TensorRef>,
}

// Weights are immutable and shared between threads (a game's render and chat systems).
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Model>();
};

impl Model {
    /// Opens a model: a GGUF file, or a Hugging Face directory (or the path of its
    /// `config.json`) holding `config.json`, `model.safetensors` (or shards with
    /// `model.safetensors.index.json`), `tokenizer.json` and optionally `tokenizer_config.json`
    /// and `chat_template.jinja`.
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
            return Self::from_hf(hf::HfParts::read_dir(path, path)?);
        }
        if path.file_name().is_some_and(|n| n == "config.json") {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            return Self::from_hf(hf::HfParts::read_dir(path, dir)?);
        }
        let file = GgufFile::open(path).map_err(|source| ModelError::Gguf {
            path: path.to_owned(),
            source,
        })?;
        Self::from_gguf(path, file)
    }

    /// Loads a GGUF model from the whole file's bytes, with the same checks as [`Model::open`].
    /// `name` stands for the file: it is what [`Model::path`] returns and what errors name.
    /// The bytes are kept as they are, not copied.
    pub fn from_gguf_bytes(name: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<Self, ModelError> {
        let name = name.into();
        let _span = tracing::info_span!("model_from_gguf_bytes", name = %name.display()).entered();
        let file = GgufFile::from_bytes(bytes).map_err(|source| ModelError::Gguf {
            path: name.clone(),
            source,
        })?;
        Self::from_gguf(&name, file)
    }

    /// Loads a Hugging Face checkpoint from its files' contents, with the same checks as
    /// [`Model::open`] on a directory. Errors name the files as `files.name` joined with their
    /// file names, as if `files.name` were the directory.
    pub fn from_hf_files(files: HfFiles) -> Result<Self, ModelError> {
        let _span =
            tracing::info_span!("model_from_hf_files", name = %files.name.display()).entered();
        Self::from_hf(hf::HfParts::from(files))
    }

    /// The GGUF loader behind [`Model::open`] and [`Model::from_gguf_bytes`]; `path` is what
    /// the caller named.
    fn from_gguf(path: &Path, file: GgufFile) -> Result<Self, ModelError> {
        let gguf_error = |source| ModelError::Gguf {
            path: path.to_owned(),
            source,
        };
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
        let (bytes, _header) = file.into_parts();
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
            files: vec![bytes],
            all_tensors,
        })
    }

    /// The file or directory the model was loaded from, or the name it was given with its bytes.
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
