//! Compiles a transformer into fused, shape-specialised WGSL kernels — the model as a program.
//!
//! The machine-learning-compilation step of natter, after MLC-LLM: build a graph IR of one
//! forward step from a [`ModelConfig`](natter_model::ModelConfig), run fusion passes over it,
//! plan activation memory by liveness, choose weight layouts, and generate WGSL for every
//! kernel from the templates in `shaders/`, specialised to the model's shapes and validated
//! with naga. The result, a [`Program`], is plain data the runtime executes on any wgpu device.
//! This crate is pure: no device, everything testable on the CPU, and the IR has an
//! [interpreter](interpret) so every pass is tested by running the graph before and after it.
//!
//! ```no_run
//! use natter_compiler::{CompileOptions, compile};
//! use natter_model::Model;
//!
//! let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
//! let program = compile(model.config(), model.tensors(), CompileOptions::default())?;
//! println!("{} kernels, {} dispatches per step", program.kernels.len(), program.dispatches.len());
//! print!("{}", program.graph); // the fused graph, one node per line
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod error;
mod fuse;
mod interp;
mod ir;
mod kernels;
mod persist;
mod plan;
mod program;
mod template;
mod validate;

pub use build::forward_graph;
pub use error::CompileError;
pub use fuse::{
    fuse_all, fuse_gate_up_silu, fuse_norm_matmul, fuse_qkv_rope, fuse_residual_add,
    matmul_to_linear,
};
pub use interp::{
    Column, CpuKv, CpuWeights, Trace, eval_node, interpret, quantise_blocks, trace, trace_quantised,
};
pub use ir::{
    Columns, Epilogue, Graph, Kv, LayerRole, Linear, Node, Op, TensorRole, Value, ValueId,
};
pub use kernels::{
    AttentionKey, AttentionSplit, EmbedKey, KernelKey, LinearEpilogue, LinearKey, MergeKey,
    SampleKey, WeightFormat,
};
pub use persist::BlockKernel;
pub use plan::{MemoryPlan, PlannedBuffer, plan_memory};
pub use program::{
    BATCH_MAX_COLUMNS, BatchColumns, CompileOptions, Dispatch, Grid, Kernel, LARGE_BATCH_COLUMNS,
    Merge, PersistentBlock, Program, Resource, Tuning, VectorBuffer, WeightBuffer, compile,
    decoding_together,
};
pub use template::{Defines, specialise};
pub use validate::{BindingKind, KernelBinding, reflect, validate};
