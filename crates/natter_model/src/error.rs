//! The crate's error type: one enum for everything that can go wrong loading or running a model.
//!
//! Each message is one line that names the file, tensor, key or byte offset at fault. Sources are
//! kept (`#[source]`) so callers can match on the precise cause, e.g.
//! `ModelError::Gguf { source: GgufError::Truncated { .. }, .. }`.

use std::path::PathBuf;

use crate::chat::ChatError;
use crate::config::ConfigError;
use crate::gguf::GgufError;
use crate::quant::QuantError;
use crate::safetensors::SafetensorsError;
use crate::tokenizer::TokenizerError;

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A GGUF file is malformed, or its metadata lacks or mistypes a key.
    #[error("{}: {source}", path.display())]
    Gguf {
        path: PathBuf,
        #[source]
        source: GgufError,
    },
    /// A safetensors file (or its index) is malformed.
    #[error("{}: {source}", path.display())]
    Safetensors {
        path: PathBuf,
        #[source]
        source: SafetensorsError,
    },
    /// The hyper-parameters (GGUF metadata or `config.json`) are missing, inconsistent or
    /// unsupported.
    #[error("{}: {source}", path.display())]
    Config {
        path: PathBuf,
        #[source]
        source: ConfigError,
    },
    /// A tensor's data could not be converted.
    #[error("tensor `{name}`: {source}")]
    Tensor {
        name: String,
        #[source]
        source: QuantError,
    },
    /// A tensor the forward pass needs is not in the model.
    #[error("the model has no tensor `{name}`")]
    MissingTensor { name: String },
    /// A tensor's shape disagrees with the model's config. Shapes are in ggml order.
    #[error(
        "tensor `{name}` has shape {found:?}, but the config calls for {expected:?} (ggml order)"
    )]
    TensorShape {
        name: String,
        expected: Vec<usize>,
        found: Vec<usize>,
    },
    /// A tensor is stored in a type natter does not compute with.
    #[error(
        "tensor `{name}` is stored as {ty}, which natter does not support (it reads F32, F16, BF16, Q4_0, Q4_1, Q8_0, Q4_K and Q6_K)"
    )]
    UnsupportedType { name: String, ty: String },
    /// The tokenizer's vocabulary and the embedding table disagree on the number of tokens.
    #[error(
        "the vocabulary does not match the tensors: the tokenizer has {tokenizer} tokens but `{tensor}` has {embedding} rows"
    )]
    VocabMismatch {
        tokenizer: usize,
        embedding: usize,
        tensor: String,
    },
    /// The tokenizer could not be built, or could not encode or decode.
    #[error(transparent)]
    Tokenizer(#[from] TokenizerError),
    /// The chat template could not be compiled or rendered.
    #[error(transparent)]
    Chat(#[from] ChatError),
    /// A token id is not in the vocabulary.
    #[error("token {token} is outside the vocabulary of {vocab} tokens")]
    TokenOutOfRange { token: u32, vocab: usize },
    /// A conversation outgrew its KV cache.
    #[error("the context is full: {needed} positions needed, {capacity} available")]
    ContextFull { needed: usize, capacity: usize },
    /// A forward pass was asked for on no tokens.
    #[error("the prompt is empty: at least one token is needed")]
    EmptyPrompt,
}
