//! natter: NPCs that talk, for Bevy games, from a small language model on the game's own GPU.
//!
//! This facade re-exports natter's crates, as the `bevy` crate does Bevy's:
//!
//! - [`model`] (`natter_model`): model files, tokenizer, chat template, the CPU reference;
//! - [`compiler`] (`natter_compiler`): the transformer compiled into fused WGSL kernels;
//! - [`runtime`] (`natter_runtime`): the compiled program on any wgpu device;
//! - [`bevy`] (`bevy_natter`, feature `bevy`, on by default): the Bevy plugin — NPC dialogue on
//!   the game's render device under a per-frame budget.
//!
//! ```no_run
//! use natter::model::{ChatMessage, Model};
//! use natter::runtime::{Engine, EngineOptions, GenerateOptions, create_device};
//!
//! let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
//! let (_adapter, device, queue) = pollster::block_on(create_device())?;
//! let mut engine = Engine::new(device, queue, &model, EngineOptions::default())?;
//! let mut session = engine.session()?;
//! let prompt = model.encode_chat(&[ChatMessage::system("You are Hilda, the smith."), ChatMessage::user("Hi!")], true)?;
//! let reply = engine.generate(&mut session, model.tokenizer(), &prompt, &GenerateOptions::default(), |_| true)?;
//! println!("{}", reply.text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use natter_compiler as compiler;
pub use natter_model as model;
pub use natter_runtime as runtime;

#[cfg(feature = "bevy")]
pub use bevy_natter as bevy;
