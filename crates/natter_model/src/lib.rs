//! Model files, tokenizer, chat template and the CPU reference forward pass for natter.
//!
//! `natter_model` reads a model — a GGUF file or a Hugging Face directory (safetensors +
//! `config.json` + `tokenizer.json`), from disk ([`Model::open`]) or from bytes in memory
//! ([`Model::from_gguf_bytes`], [`Model::from_hf_files`]) — into a [`Model`]: its
//! [`ModelConfig`], its tensors by role ([`ModelTensors`]), a [`Tokenizer`] that agrees with
//! llama.cpp id for id, and the model's own [`ChatTemplate`]. It also holds the [`Reference`]
//! forward pass, plain `f32` on the CPU, which is the oracle for every GPU result. It knows
//! nothing of GPUs.
//!
//! ```no_run
//! use natter_model::{ChatMessage, Model, Reference};
//!
//! let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
//! let prompt = model.encode_chat(&[ChatMessage::user("Hello!")], true)?;
//! let mut reference = Reference::new(&model)?;
//! let next = reference.greedy(&prompt, 8, model.tokenizer().stop_tokens())?;
//! println!("{}", model.tokenizer().decode(&next)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod chat;
mod config;
mod error;
mod file_bytes;
mod gguf;
mod model;
mod quant;
mod reference;
mod safetensors;
mod synth;
mod tensors;
mod tokenizer;

pub use chat::{CHATML_TEMPLATE, ChatError, ChatMessage, ChatTemplate, Role, encode_chat};
pub use config::ConfigError;
pub use config::{Architecture, ModelConfig, RopeStyle};
pub use error::ModelError;
pub use gguf::{
    GgufArray, GgufError, GgufFile, GgufMetadata, GgufTensorInfo, GgufValue, GgufWriter,
};
pub use model::{HfFiles, Model};
pub use quant::GgmlType;
pub use quant::{
    BlockQ4_0, BlockQ4_1, BlockQ4K, BlockQ6K, BlockQ8_0, QuantError, dequantize, get_scale_min_k4,
    quantize_row,
};
pub use reference::{Reference, ops};
pub use safetensors::SafetensorsError;
pub use synth::{SynthSpec, synthetic_gguf, write_synthetic_gguf};
pub use tensors::{LayerTensors, ModelTensors, TensorRef};
pub use tokenizer::{GgufVocab, PromptPart, StreamDecoder, TokenKind, Tokenizer, TokenizerError};
