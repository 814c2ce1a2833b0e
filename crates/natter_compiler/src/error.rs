//! Errors of compilation: templates, validation, shapes the kernels cannot take.

/// Why a model could not be compiled into a program.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CompileError {
    /// A template and its key disagree (a bug in natter, reported with the place).
    #[error("shader template {template}:{line}: {message}")]
    Template {
        template: &'static str,
        line: usize,
        message: String,
    },
    /// naga rejected a generated module.
    #[error("generated kernel `{kernel}` is not valid WGSL: {message}")]
    Invalid { kernel: String, message: String },
    /// The model has a shape the kernels do not take.
    #[error("model shape not supported by the GPU kernels: {0}")]
    Unsupported(String),
    /// A node survived the passes without a kernel to run it.
    #[error("graph node `{op}` has no kernel; the fusion passes must fold it into one")]
    Unlowered { op: &'static str },
    /// The graph has a tensor role the model lacks.
    #[error("the model has no tensor for `{0}`")]
    MissingTensor(String),
    /// The options ask for something impossible.
    #[error("invalid compile options: {0}")]
    Options(String),
    /// The interpreter was given a step it cannot run.
    #[error("interpreter: {0}")]
    Step(String),
    #[error(transparent)]
    Model(#[from] natter_model::ModelError),
}
