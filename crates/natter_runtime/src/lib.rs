//! Runs a compiled natter program on any wgpu device: weights, KV cache, sessions, steps,
//! sampling.
//!
//! The runtime borrows a device: a game hands it the `wgpu::Device` and `wgpu::Queue` it
//! renders with (see [`DeviceRequest`] for what to ask of the adapter); tools and tests can
//! let [`create_device`] make one. [`Engine::new`] compiles the model (natter_compiler),
//! repacks and uploads its weights, and creates every pipeline and bind group once. Steps are
//! submitted without blocking ([`Engine::submit`]) and their logits collected when ready
//! ([`Engine::poll`]); [`Engine::generate`] is the blocking convenience on top.
//!
//! ```no_run
//! use natter_model::{ChatMessage, Model};
//! use natter_runtime::{Engine, EngineOptions, GenerateOptions, create_device};
//!
//! let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
//! let (_adapter, device, queue) = pollster::block_on(create_device())?;
//! let mut engine = Engine::new(device, queue, &model, EngineOptions::default())?;
//! let prompt = model.encode_chat(&[ChatMessage::user("Hello!")], true)?;
//! // A KV slot for the conversation: one already holding a prefix of the prompt if any does.
//! let mut session = engine.session_for(&prompt)?;
//! let reply = engine.generate(&mut session, model.tokenizer(), &prompt, &GenerateOptions::default(), |text| {
//!     print!("{text}");
//!     true
//! })?;
//! println!("\n({} tokens, {:?})", reply.tokens.len(), reply.reason);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod engine;
mod error;
mod gpu;
mod repack;
mod sampler;
mod session;
mod slots;
mod timing;
pub mod tune;
mod tuning;

pub use engine::{
    Engine, EngineOptions, FIRST_CHAIN, GpuSampling, MAX_CHAIN, MAX_CHAINS_IN_FLIGHT, MemoryReport,
    next_chain,
};
pub use error::RuntimeError;
pub use gpu::{DeviceRequest, create_device, describe};
pub use natter_compiler::Tuning;
pub use sampler::{Sampler, SamplerConfig};
pub use session::{GenerateOptions, Generation, Session, StepPart, StopReason, TextStream};
pub use timing::{StepTiming, TimingSource};
pub use tuning::TuningCache;
/// The wgpu the runtime is built against: the `Device` and `Queue` an [`Engine`] takes are its.
pub use wgpu;
