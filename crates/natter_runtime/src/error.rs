//! Errors of the runtime: devices, uploads, steps, sessions.

/// Why the runtime could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuntimeError {
    /// No usable GPU adapter (not even a software one).
    #[error(
        "no GPU adapter found ({0}); on Linux without a GPU, install Mesa's lavapipe (`mesa-vulkan-drivers`)"
    )]
    NoAdapter(String),
    #[error("could not open the GPU device `{adapter}`: {message}")]
    Device { adapter: String, message: String },
    /// A buffer the model needs is larger than the device allows.
    #[error(
        "`{what}` needs {needed} bytes in one buffer, but the device allows {limit}; use a smaller model, context or slot count"
    )]
    TooLarge {
        what: String,
        needed: u64,
        limit: u64,
    },
    /// A weight tensor could not be put in the layout its kernel reads.
    #[error("weights `{tensor}`: {message}")]
    Weights { tensor: String, message: String },
    /// The device reported an error while creating or running GPU work.
    #[error("GPU error during {during}: {message}")]
    Gpu { during: String, message: String },
    /// The device was lost or a wait failed.
    #[error("GPU device lost or unresponsive: {0}")]
    Lost(String),
    /// Reading results back failed.
    #[error("reading results back from the GPU failed: {0}")]
    Readback(String),
    /// Every KV-cache slot is taken by a live session.
    #[error(
        "all {slots} conversation slots are in use; drop a session or raise `EngineOptions::slots`"
    )]
    NoFreeSlot { slots: u32 },
    /// The conversation does not fit in its KV slot.
    #[error("the conversation needs {needed} positions but a slot holds {capacity}")]
    ContextFull { needed: usize, capacity: usize },
    #[error("token id {token} is outside the vocabulary of {vocab}")]
    TokenOutOfRange { token: u32, vocab: usize },
    #[error("nothing to run: the prompt is empty")]
    EmptyPrompt,
    /// A step was requested while another one is still running.
    #[error("a step is already in flight; collect it first")]
    Busy,
    /// A session from another engine, or one whose slot is gone.
    #[error("session does not belong to this engine")]
    ForeignSession,
    #[error("a step lists the conversation in slot {slot} twice")]
    DuplicateSession { slot: u32 },
    /// [`Engine::continue_chain`](crate::Engine::continue_chain) or
    /// [`Engine::wait_chain`](crate::Engine::wait_chain) with no chain to go on from or wait for.
    #[error("no decode chain to continue or collect; start one with `submit_chain`")]
    NoChain,
    #[error("invalid sampling settings: {0}")]
    Sampling(String),
    /// A persistent block kernel's workgroups were not all resident on the GPU at once, so a
    /// grid barrier gave up: that chain's tokens are wrong and not returned. The engine has
    /// switched persistent kernels off; chains from now on run without them.
    #[error(
        "persistent block kernels: {workgroups} workgroups did not all run at once on this GPU; \
         switched off (lower `EngineOptions::persistent_workgroups`)"
    )]
    Persistent { workgroups: u32 },
    /// `EngineOptions::persistent_workgroups` asks for more than the adapter can do.
    #[error("persistent block kernels: {0}")]
    PersistentUnsupported(String),
    #[error("tuning: {0}")]
    Tuning(String),
    #[error(transparent)]
    Compile(#[from] natter_compiler::CompileError),
    #[error(transparent)]
    Model(#[from] natter_model::ModelError),
}
