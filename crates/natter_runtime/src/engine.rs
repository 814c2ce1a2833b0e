//! The engine: a compiled program's buffers, pipelines and bind groups on one wgpu device,
//! and the step that runs it.
//!
//! Everything is created once in [`Engine::new`]; a step only writes three small buffers
//! (parameters, token columns, out columns), records the program's dispatches into one
//! compute pass and submits. Logits come back through a mapped staging buffer that
//! [`Engine::poll`] checks without blocking.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Range;
use std::sync::{Arc, Mutex};

use natter_compiler::{
    BindingKind, Column, Columns, CompileOptions, KernelBinding, Program, Resource, Tuning,
    compile, decoding_together,
};
use natter_model::{Model, ops};
use tracing::{debug, info_span};
use wgpu::util::DeviceExt;

use crate::error::RuntimeError;
use crate::gpu::describe;
use crate::repack::{repack, vector};
use crate::slots::{KvCopy, SlotPool};
use crate::timing::{GpuTimer, StepTiming, TimingSource};

/// How an engine is sized and which device features it may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EngineOptions {
    /// KV-cache positions per conversation (capped at the model's own context length).
    pub context: u32,
    /// Conversations held at once (KV-cache slots).
    pub slots: u32,
    /// Tokens one step runs: prompt chunk length, or conversations decoded together.
    pub max_step_tokens: u32,
    /// Conversations whose next-token logits one step can return.
    pub max_batch: u32,
    /// Use subgroup operations where the device has them.
    pub subgroups: bool,
    /// Kernel shapes for this adapter.
    pub tuning: Tuning,
    /// Steps of several conversations decoding together (2 to 16) quantise the inputs of their
    /// matrix products to 8 bits per 32 values, as llama.cpp's GPU backends do for every step,
    /// and multiply them with the quantised weights in integer dot products (where the device
    /// has subgroups of at least 8). Their logits then differ from f32's by about 2 %; steps
    /// of one conversation and prompts stay f32. On an H100 with a 1.7B model such steps take
    /// 0.69× (8 conversations) to 0.81× (2) of the GPU time. Off: every step in f32.
    pub quantise_batches: bool,
    /// Experimental: workgroups of persistent block kernels for steps of one token
    /// (`CompileOptions::persistent_workgroups`); 0: off. Each decoder block then runs as one
    /// dispatch instead of one per kernel. It needs all these workgroups resident on the GPU at
    /// once: at most the GPU's multiprocessors (132 on an H100). If they are not, the chain's
    /// tokens or the step's logits come back as an error ([`RuntimeError::Persistent`]) and
    /// the engine goes on without persistent kernels ([`Engine::generate`] and
    /// [`Engine::feed`] then carry on by themselves). Never on a CPU adapter.
    pub persistent_workgroups: u32,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            context: 2048,
            slots: 1,
            max_step_tokens: 32,
            max_batch: 1,
            subgroups: true,
            tuning: Tuning::default(),
            quantise_batches: true,
            persistent_workgroups: 0,
        }
    }
}

/// Sampling the GPU can do by itself: greedy, or temperature with min-p (no top-k, top-p or
/// repetition penalty, which need the CPU sampler).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GpuSampling {
    pub temperature: f32,
    pub min_p: f32,
    pub seed: u64,
}

impl GpuSampling {
    pub fn greedy() -> Self {
        GpuSampling {
            temperature: 0.0,
            min_p: 0.0,
            seed: 0,
        }
    }

    /// The GPU equivalent of `config`, when there is one.
    pub fn from_config(config: &crate::SamplerConfig) -> Option<Self> {
        let needs_cpu = config.temperature > 0.0
            && ((config.top_k != 0 && config.top_k < usize::MAX) || config.top_p < 1.0)
            || (config.repetition_penalty != 1.0 && config.repetition_window > 0);
        (!needs_cpu).then_some(GpuSampling {
            temperature: config.temperature,
            min_p: config.min_p,
            seed: config.seed,
        })
    }

    fn to_bytes(self) -> [u8; 16] {
        let log_min_p = if self.min_p > 0.0 {
            self.min_p.ln()
        } else {
            -1.0e30
        };
        let mut b = [0u8; 16];
        b[0..4].copy_from_slice(&self.temperature.to_le_bytes());
        b[4..8].copy_from_slice(&log_min_p.to_le_bytes());
        b[8..12].copy_from_slice(&(self.seed as u32).to_le_bytes());
        b[12..16].copy_from_slice(&((self.seed >> 32) as u32).to_le_bytes());
        b
    }
}

/// GPU memory the engine holds, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryReport {
    pub weights: u64,
    pub kv_cache: u64,
    pub activations: u64,
    /// Parameters, token columns, RoPE table, readback staging.
    pub other: u64,
}

impl MemoryReport {
    pub fn total(&self) -> u64 {
        self.weights + self.kv_cache + self.activations + self.other
    }
}

struct GpuWeight {
    quants: wgpu::Buffer,
    scales: Option<wgpu::Buffer>,
}

/// A step begun but not yet wholly submitted.
struct Pending {
    n_cols: u32,
    n_out: u32,
    /// It runs persistent block kernels (one column, logits read back with the flag).
    persistent: bool,
    /// Keys the longest column attends (its position + 1).
    keys: u32,
    /// Conversations decoding together (`natter_compiler::decoding_together`).
    together: bool,
    /// Next segment to submit.
    next: usize,
}

/// Keys the longest of a step's columns attends: its position + 1.
fn keys_of(columns: &[Column]) -> u32 {
    columns.iter().map(|c| c.pos + 1).max().unwrap_or(1)
}

/// Most decode steps one submission can chain ([`Engine::submit_chain`]).
pub const MAX_CHAIN: usize = 64;

/// Most chains in flight at once: one running and one queued behind it
/// ([`Engine::continue_chain`]), so the CPU records the next while the GPU runs the first.
pub const MAX_CHAINS_IN_FLIGHT: usize = 2;

/// Steps of the first chain of a decode that [`Engine::continue_chain`] grows (see
/// [`next_chain`]): nothing hides the recording of the first, so it is one step
/// ([`Engine::generate`] and `natter bench` start so). Against 4 on an H100 (wall-clock
/// tokens/s of 256 tokens, same build and call): SmolLM2-135M with eight NPCs 7,401 / 7,399 ->
/// 7,440 / 7,440, the 1.7B shapes with one 921 -> 926, 135M with one unchanged (1,345 / 1,352
/// -> 1,353 / 1,331); and the first token comes back after one step, not four.
pub const FIRST_CHAIN: usize = 1;

/// Steps of the chain queued after one of `steps` (up to [`MAX_CHAIN`]): a third more. The CPU
/// records the next chain while the GPU runs the one before it, so the GPU waits unless
/// recording the next takes less than running this one; recording a step (~300-550 µs on the
/// H100's host, most of it in wgpu's `CommandEncoder::finish`) is more than half of one NPC's
/// GPU step on SmolLM2-135M (725 µs), so chains that double outgrow it and the GPU idles
/// between them until they reach [`MAX_CHAIN`].
pub fn next_chain(steps: usize) -> usize {
    (steps + steps.div_ceil(3)).min(MAX_CHAIN)
}

/// Where a buffer's `map_async` reports.
type Mapped = Arc<Mutex<Option<Result<(), wgpu::BufferAsyncError>>>>;

/// The readback of a submitted step's logits.
struct InFlight {
    /// Logit columns being read back (0: nothing to read).
    n_out: usize,
    mapped: Mapped,
    /// It ran persistent block kernels: the grid barrier's flag follows its logits.
    persistent: bool,
}

/// A submitted chain of decode steps: its tokens are read back from `history[buffer]`.
struct ChainFlight {
    /// Its submission, which [`Engine::wait_chain`] waits for (not for the chain queued
    /// behind it).
    submission: wgpu::SubmissionIndex,
    steps: usize,
    n_out: usize,
    buffer: usize,
    mapped: Mapped,
    /// It ran persistent block kernels: the grid barrier's flag follows its tokens.
    persistent: bool,
}

/// A model on a GPU, ready to run forward steps for up to [`EngineOptions::slots`] conversations.
///
/// ```no_run
/// # use natter_runtime::{Engine, EngineOptions};
/// # use natter_model::Model;
/// let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
/// // A game passes its own device and queue; tools can let natter make one.
/// let (_adapter, device, queue) = pollster::block_on(natter_runtime::create_device())?;
/// let mut engine = Engine::new(device, queue, &model, EngineOptions::default())?;
/// let mut session = engine.session()?;
/// let logits = engine.feed(&mut session, &[1, 9690, 198])?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Engine {
    device: wgpu::Device,
    queue: wgpu::Queue,
    program: Program,
    pipelines: Vec<wgpu::ComputePipeline>,
    /// Each dispatch's bind groups, by kernel: its kernels for steps of different widths may
    /// read different bindings (a split-K kernel writes partials, not the output).
    bind_groups: Vec<Vec<(usize, wgpu::BindGroup)>>,
    /// Each dispatch's merge kernel's bind group (see `Dispatch::merge`).
    merge_groups: Vec<Option<wgpu::BindGroup>>,
    /// Persistent block kernels' pipelines and each block's bind group (`Program::blocks`).
    block_pipelines: Vec<wgpu::ComputePipeline>,
    block_groups: Vec<wgpu::BindGroup>,
    /// Whether one-column steps run the persistent block kernels: until one of their grid
    /// barriers gives up (see `EngineOptions::persistent_workgroups`).
    persistent: bool,
    /// Chains submitted that ran them.
    persistent_chains: u64,
    grid_barrier: wgpu::Buffer,
    // Buffers only the bind groups read: held here so their lifetime is the engine's, plainly.
    #[expect(dead_code)]
    weights: Vec<GpuWeight>,
    #[expect(dead_code)]
    vectors: Vec<wgpu::Buffer>,
    #[expect(dead_code)]
    rope: wgpu::Buffer,
    #[expect(dead_code)]
    split_partials: wgpu::Buffer,
    activations: Vec<wgpu::Buffer>,
    kv: Vec<(wgpu::Buffer, wgpu::Buffer)>,
    params: wgpu::Buffer,
    columns: wgpu::Buffer,
    out_columns: wgpu::Buffer,
    staging: wgpu::Buffer,
    sampling: wgpu::Buffer,
    chosen: wgpu::Buffer,
    /// Readback buffers of the chains in flight, used in turn.
    history: Vec<wgpu::Buffer>,
    /// The next chain's readback buffer.
    next_history: usize,
    pending: Option<Pending>,
    in_flight: Option<InFlight>,
    /// Chains submitted and not yet collected, oldest first.
    chains: VecDeque<ChainFlight>,
    /// The columns as the last chain leaves them (positions advanced past its steps; tokens
    /// only on the GPU), while the step parameters on the GPU are still that chain's:
    /// [`Engine::continue_chain`] goes on from here.
    chain_tail: Option<Vec<Column>>,
    /// Dispatch ranges a budgeted step may stop between (see `Program::segments`).
    segments: Vec<Range<usize>>,
    segment_bytes: Vec<u64>,
    /// Dispatches left out of every step recorded (see [`Engine::omit_dispatches`]); empty
    /// when none is.
    omitted: Vec<bool>,
    submissions: u64,
    timer: GpuTimer,
    pub(crate) slots: Arc<Mutex<SlotPool>>,
    /// KV rows to copy between slots before the next step (prefix sharing, see
    /// [`Engine::session_for`]).
    pub(crate) copies: Vec<KvCopy>,
    memory: MemoryReport,
    adapter: String,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("adapter", &self.adapter)
            .field("kernels", &self.program.kernels.len())
            .field("dispatches", &self.program.dispatches.len())
            .field("memory", &self.memory)
            .finish_non_exhaustive()
    }
}

fn storage(read_only: bool) -> wgpu::BindingType {
    wgpu::BindingType::Buffer {
        ty: wgpu::BufferBindingType::Storage { read_only },
        has_dynamic_offset: false,
        min_binding_size: None,
    }
}

/// Whether `limits` allow `program`'s persistent block kernels: their workgroup count in one
/// dispatch, and their storage bindings (one a resource and type of all five phases).
fn check_blocks(program: &Program, limits: &wgpu::Limits) -> Result<(), RuntimeError> {
    let workgroups = program.options.persistent_workgroups;
    if !program.blocks.is_empty() && workgroups > limits.max_compute_workgroups_per_dimension {
        return Err(RuntimeError::PersistentUnsupported(format!(
            "{workgroups} workgroups, but the device dispatches at most {}",
            limits.max_compute_workgroups_per_dimension
        )));
    }
    for k in &program.block_kernels {
        let storage = k
            .bindings
            .iter()
            .filter(|b| matches!(b.kind, BindingKind::Storage { .. }))
            .count() as u32;
        if storage > limits.max_storage_buffers_per_shader_stage {
            return Err(RuntimeError::PersistentUnsupported(format!(
                "a block kernel binds {storage} storage buffers, but the device allows {} (create \
                 it with `DeviceRequest`'s limits)",
                limits.max_storage_buffers_per_shader_stage
            )));
        }
    }
    Ok(())
}

impl Engine {
    /// Compiles `model` for `device` and uploads everything a step needs.
    ///
    /// The device may be shared (a game's render device): the engine only creates its own
    /// buffers and pipelines on it and submits to `queue`. Errors the device reports while
    /// doing so come back as [`RuntimeError::Gpu`] rather than through the device's
    /// uncaptured-error handler.
    pub fn new(
        device: wgpu::Device,
        queue: wgpu::Queue,
        model: &Model,
        options: EngineOptions,
    ) -> Result<Self, RuntimeError> {
        Self::with_progress(device, queue, model, options, |_| {})
    }

    /// [`Engine::new`], calling `progress` with the fraction done (0 to 1, never decreasing) as
    /// weights upload and pipelines compile — for a loading bar; both take seconds on a slow
    /// device.
    ///
    /// ```no_run
    /// # use natter_model::Model;
    /// # use natter_runtime::{Engine, EngineOptions, create_device};
    /// # let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
    /// let (_adapter, device, queue) = pollster::block_on(create_device())?;
    /// let engine = Engine::with_progress(device, queue, &model, EngineOptions::default(), |done| {
    ///     eprint!("\rloading {:.0}%", done * 100.0);
    /// })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_progress(
        device: wgpu::Device,
        queue: wgpu::Queue,
        model: &Model,
        options: EngineOptions,
        mut progress: impl FnMut(f32),
    ) -> Result<Self, RuntimeError> {
        let _span = info_span!("engine_new").entered();
        let info = device.adapter_info();
        let adapter = describe(&info);
        let subgroup_size = (options.subgroups
            && device.features().contains(wgpu::Features::SUBGROUP)
            && info.subgroup_min_size >= 1)
            .then_some(info.subgroup_min_size);
        let config = model.config();
        let context = options
            .context
            .min(config.context_length.try_into().unwrap_or(u32::MAX));
        let compile_options = CompileOptions {
            max_columns: options.max_step_tokens,
            max_out_columns: options.max_batch.min(options.max_step_tokens),
            context,
            slots: options.slots,
            subgroup_size,
            tuning: options.tuning,
            workgroup_memory: device.limits().max_compute_workgroup_storage_size,
            max_workgroup_threads: device.limits().max_compute_invocations_per_workgroup,
            quantise_batches: options.quantise_batches,
            persistent_workgroups: options.persistent_workgroups,
        };
        let coherent = wgpu::Features::MEMORY_DECORATION_COHERENT;
        if options.persistent_workgroups > 0 && !device.features().contains(coherent) {
            return Err(RuntimeError::PersistentUnsupported(format!(
                "the device was created without {coherent:?} (see `DeviceRequest`)"
            )));
        }
        if options.persistent_workgroups > 1 && info.device_type == wgpu::DeviceType::Cpu {
            // A CPU adapter runs a few workgroups at a time (lavapipe: one a core), so spinning
            // workgroups would wait for ones that cannot start.
            return Err(RuntimeError::PersistentUnsupported(format!(
                "{} workgroups on a CPU adapter ({adapter}), which runs a few at a time; use 1 or 0",
                options.persistent_workgroups
            )));
        }
        let program = compile(config, model.tensors(), compile_options)?;
        debug!(
            kernels = program.kernels.len(),
            dispatches = program.dispatches.len(),
            blocks = program.blocks.len(),
            "compiled"
        );
        check_blocks(&program, &device.limits())?;

        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let oom = device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let limits = device.limits();
        let mut memory = MemoryReport::default();
        let check = |what: &str, bytes: u64| -> Result<(), RuntimeError> {
            let limit = limits
                .max_storage_buffer_binding_size
                .min(limits.max_buffer_size);
            if bytes > limit {
                return Err(RuntimeError::TooLarge {
                    what: what.to_string(),
                    needed: bytes,
                    limit,
                });
            }
            Ok(())
        };
        let init = |label: &str, contents: &[u8], usage: wgpu::BufferUsages| {
            device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(label),
                contents,
                usage,
            })
        };

        // Progress: half for the weights (by size), half for the pipelines (by kernel).
        progress(0.02);
        let size = |w: &natter_compiler::WeightBuffer| (w.rows * w.cols).max(1) as u64;
        let weight_bytes: u64 = program.weights.iter().map(size).sum();
        let mut uploaded = 0;
        let mut weights = Vec::new();
        for w in &program.weights {
            uploaded += size(w);
            progress(0.02 + 0.48 * (uploaded as f64 / weight_bytes.max(1) as f64) as f32);
            let r = repack(model, w)?;
            check(&w.label, r.quants.len() as u64)?;
            memory.weights += (r.quants.len() + r.scales.len()) as u64;
            let quants = init(&w.label, &r.quants, wgpu::BufferUsages::STORAGE);
            let scales = (!r.scales.is_empty())
                .then(|| init(&w.label, &r.scales, wgpu::BufferUsages::STORAGE));
            weights.push(GpuWeight { quants, scales });
        }
        let mut vectors = Vec::new();
        for v in &program.vectors {
            let data = vector(model, &v.parts)?;
            memory.weights += data.len() as u64 * 4;
            vectors.push(init(
                &v.label,
                bytemuck::cast_slice(&data),
                wgpu::BufferUsages::STORAGE,
            ));
        }
        let mut activations = Vec::new();
        for (i, b) in program.plan.buffers.iter().enumerate() {
            let bytes = b.floats as u64 * b.columns.capacity(&program.options) as u64 * 4;
            check(&b.label, bytes)?;
            memory.activations += bytes;
            let usage = wgpu::BufferUsages::STORAGE
                | wgpu::BufferUsages::COPY_SRC
                | wgpu::BufferUsages::COPY_DST;
            activations.push(device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(&format!("act{i}.{}", b.label)),
                size: bytes.max(16),
                usage,
                mapped_at_creation: false,
            }));
        }
        let kv_bytes = (options.slots * config.n_kv_heads as u32 * context * config.head_dim as u32)
            as u64
            * 4;
        check("KV cache of one layer", kv_bytes)?;
        let kv = (0..config.n_layers)
            .map(|l| {
                let make = |what: &str| {
                    device.create_buffer(&wgpu::BufferDescriptor {
                        label: Some(&format!("blk{l}.{what}")),
                        size: kv_bytes,
                        usage: wgpu::BufferUsages::STORAGE
                            | wgpu::BufferUsages::COPY_SRC
                            | wgpu::BufferUsages::COPY_DST,
                        mapped_at_creation: false,
                    })
                };
                (make("k_cache"), make("v_cache"))
            })
            .collect::<Vec<_>>();
        memory.kv_cache = kv_bytes * 2 * config.n_layers as u64;

        // The RoPE table: the reference's own angles, so GPU and CPU rotate identically.
        let half = config.head_dim / 2;
        let mut table = Vec::with_capacity(context as usize * half * 2);
        for pos in 0..context as usize {
            for i in 0..half {
                let angle = ops::rope_angle(
                    pos,
                    i,
                    config.head_dim,
                    config.rope_base,
                    config.rope_freq_factors.as_deref(),
                );
                let (sin, cos) = angle.sin_cos();
                table.extend_from_slice(&[cos, sin]);
            }
        }
        let rope = init(
            "rope_table",
            bytemuck::cast_slice(&table),
            wgpu::BufferUsages::STORAGE,
        );
        let copy_dst = wgpu::BufferUsages::COPY_DST;
        let params = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("step_params"),
            size: 16,
            usage: wgpu::BufferUsages::UNIFORM | copy_dst,
            mapped_at_creation: false,
        });
        let columns = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("step_columns"),
            size: 16 * compile_options.max_columns as u64,
            usage: wgpu::BufferUsages::STORAGE | copy_dst,
            mapped_at_creation: false,
        });
        let out_columns = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("step_out_columns"),
            size: (4 * compile_options.max_out_columns as u64).max(16),
            usage: wgpu::BufferUsages::STORAGE | copy_dst,
            mapped_at_creation: false,
        });
        // The logits, then the grid barrier's flag (see `InFlight::persistent`).
        let staging_bytes = compile_options.max_out_columns as u64 * config.vocab as u64 * 4 + 4;
        let staging = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("logits_readback"),
            size: staging_bytes,
            usage: wgpu::BufferUsages::MAP_READ | copy_dst,
            mapped_at_creation: false,
        });
        let sampling = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("sampling"),
            size: 16,
            usage: wgpu::BufferUsages::UNIFORM | copy_dst,
            mapped_at_creation: false,
        });
        let chosen = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("chosen_tokens"),
            size: (4 * compile_options.max_out_columns as u64).max(16),
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        // The chain's tokens, then the grid barrier's flag (see `ChainFlight::persistent`).
        let history_bytes = 4 * compile_options.max_out_columns as u64 * MAX_CHAIN as u64 + 4;
        let history: Vec<wgpu::Buffer> = (0..MAX_CHAINS_IN_FLIGHT)
            .map(|_| {
                device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("chained_tokens_readback"),
                    size: history_bytes,
                    usage: wgpu::BufferUsages::MAP_READ | copy_dst,
                    mapped_at_creation: false,
                })
            })
            .collect();
        // Split-K kernels' partial sums (a buffer needs a size even where there are none).
        let split_partials = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("split_partials"),
            size: (program.split_partials_floats() as u64 * 4).max(16),
            usage: wgpu::BufferUsages::STORAGE,
            mapped_at_creation: false,
        });
        memory.activations += split_partials.size();
        // Persistent block kernels' grid barrier: arrivals, and the flag of a barrier given up.
        let grid_barrier = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("grid_barrier"),
            size: 16,
            usage: wgpu::BufferUsages::STORAGE | copy_dst | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        memory.other += 16 + chosen.size() + history_bytes * MAX_CHAINS_IN_FLIGHT as u64;
        memory.other += grid_barrier.size();
        memory.other += 16 + columns.size() + out_columns.size() + rope.size() + staging_bytes;

        // Pipelines, with one bind group layout per distinct binding signature so that the
        // narrow and wide variants of a kernel share bind groups.
        let mut layouts: BTreeMap<Vec<(u32, bool, bool)>, wgpu::BindGroupLayout> = BTreeMap::new();
        let signature = |b: &[KernelBinding]| -> Vec<(u32, bool, bool)> {
            b.iter()
                .map(|b| match b.kind {
                    BindingKind::Uniform => (b.binding, true, true),
                    BindingKind::Storage { read_only } => (b.binding, false, read_only),
                })
                .collect()
        };
        let mut make_pipeline = |label: &str, bindings: &[KernelBinding], wgsl: &str| {
            let sig = signature(bindings);
            let layout = layouts.entry(sig).or_insert_with(|| {
                let entries: Vec<wgpu::BindGroupLayoutEntry> = bindings
                    .iter()
                    .map(|b| wgpu::BindGroupLayoutEntry {
                        binding: b.binding,
                        visibility: wgpu::ShaderStages::COMPUTE,
                        ty: match b.kind {
                            BindingKind::Uniform => wgpu::BindingType::Buffer {
                                ty: wgpu::BufferBindingType::Uniform,
                                has_dynamic_offset: false,
                                min_binding_size: None,
                            },
                            BindingKind::Storage { read_only } => storage(read_only),
                        },
                        count: None,
                    })
                    .collect();
                device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                    label: Some(label),
                    entries: &entries,
                })
            });
            let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some(label),
                bind_group_layouts: &[Some(&*layout)],
                immediate_size: 0,
            });
            let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
                label: Some(label),
                source: wgpu::ShaderSource::Wgsl(wgsl.into()),
            });
            device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                label: Some(label),
                layout: Some(&pipeline_layout),
                module: &module,
                entry_point: Some("main"),
                compilation_options: Default::default(),
                cache: None,
            })
        };
        let all = program.kernels.len() + program.block_kernels.len();
        let mut pipelines = Vec::new();
        for (done, k) in program.kernels.iter().enumerate() {
            progress(0.5 + 0.5 * done as f32 / all.max(1) as f32);
            pipelines.push(make_pipeline(&k.label, &k.bindings, &k.wgsl));
        }
        let mut block_pipelines = Vec::new();
        for (done, k) in program.block_kernels.iter().enumerate() {
            progress(0.5 + 0.5 * (program.kernels.len() + done) as f32 / all.max(1) as f32);
            block_pipelines.push(make_pipeline(&k.label, &k.bindings, &k.wgsl));
        }

        let buffer_of = |r: Resource| -> Option<&wgpu::Buffer> {
            Some(match r {
                Resource::Params => &params,
                Resource::Columns => &columns,
                Resource::OutColumns => &out_columns,
                Resource::WeightQuants(i) => &weights[i].quants,
                Resource::WeightScales(i) => return weights[i].scales.as_ref(),
                Resource::Vector(i) => &vectors[i],
                Resource::Activation(i) => &activations[i],
                Resource::KeyCache(l) => &kv[l].0,
                Resource::ValueCache(l) => &kv[l].1,
                Resource::RopeTable => &rope,
                Resource::Sampling => &sampling,
                Resource::Chosen => &chosen,
                Resource::SplitPartials => &split_partials,
                Resource::GridBarrier => &grid_barrier,
            })
        };
        let group_for = |label: &str,
                         used: &[KernelBinding],
                         bindings: &[(u32, Resource)]|
         -> Result<wgpu::BindGroup, RuntimeError> {
            let layout = &layouts[&signature(used)];
            let entries = bindings
                .iter()
                .filter(|(binding, _)| used.iter().any(|b| b.binding == *binding))
                .map(|(binding, r)| {
                    let buffer = buffer_of(*r).ok_or_else(|| RuntimeError::Gpu {
                        during: format!("binding {binding} of {label}"),
                        message: format!("{r:?} has no buffer"),
                    })?;
                    Ok(wgpu::BindGroupEntry {
                        binding: *binding,
                        resource: buffer.as_entire_binding(),
                    })
                })
                .collect::<Result<Vec<_>, RuntimeError>>()?;
            Ok(device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some(label),
                layout,
                entries: &entries,
            }))
        };
        let bind_group = |label: &str, kernel: usize, bindings: &[(u32, Resource)]| {
            group_for(label, &program.kernels[kernel].bindings, bindings)
        };
        let block_groups = program
            .blocks
            .iter()
            .map(|b| {
                let k = &program.block_kernels[b.kernel];
                group_for(&k.label, &k.bindings, &b.resources)
            })
            .collect::<Result<Vec<_>, RuntimeError>>()?;
        let mut bind_groups = Vec::new();
        let mut merge_groups = Vec::new();
        // The step's dispatches, then the sampler's (its index is `dispatches.len()`).
        for d in program
            .dispatches
            .iter()
            .chain(std::iter::once(&program.sample))
        {
            // One bind group per distinct kernel; kernels of one signature could share, but
            // a dispatch has at most six.
            let mut groups: Vec<(usize, wgpu::BindGroup)> = Vec::new();
            for kernel in [
                d.narrow,
                d.batch,
                d.batch_large,
                d.wide,
                d.batch_q,
                d.batch_large_q,
            ] {
                if groups.iter().all(|(k, _)| *k != kernel) {
                    groups.push((kernel, bind_group(&d.label, kernel, &d.bindings)?));
                }
            }
            bind_groups.push(groups);
            merge_groups.push(match &d.merge {
                Some(m) => Some(bind_group(&d.label, m.kernel, &m.bindings)?),
                None => None,
            });
        }

        let oom = pollster::block_on(oom.pop());
        let validation = pollster::block_on(scope.pop());
        if let Some(e) = oom.or(validation) {
            return Err(RuntimeError::Gpu {
                during: "engine creation".into(),
                message: e.to_string(),
            });
        }
        let persistent = !program.blocks.is_empty();
        let segments = program.segments();
        let segment_bytes = program.segment_bytes();
        let timer = GpuTimer::new(&device, &queue);
        progress(1.0);
        Ok(Engine {
            slots: Arc::new(Mutex::new(SlotPool::new(options.slots as usize))),
            copies: Vec::new(),
            device,
            queue,
            program,
            pipelines,
            bind_groups,
            merge_groups,
            persistent,
            persistent_chains: 0,
            block_pipelines,
            block_groups,
            grid_barrier,
            weights,
            vectors,
            activations,
            kv,
            rope,
            split_partials,
            params,
            columns,
            out_columns,
            staging,
            sampling,
            chosen,
            history,
            next_history: 0,
            pending: None,
            in_flight: None,
            chains: VecDeque::new(),
            chain_tail: None,
            segments,
            segment_bytes,
            omitted: Vec::new(),
            submissions: 0,
            timer,
            memory,
            adapter,
        })
    }

    /// Records dispatch `i` (the sampler's is `dispatches.len()`) of a step of `n_cols` tokens
    /// into `pass`, with its merge kernel where the step's kernel splits its input; `together`:
    /// the tokens are conversations decoding together (`Program::launch`).
    fn record_dispatch(
        &self,
        pass: &mut wgpu::ComputePass<'_>,
        i: usize,
        n_cols: u32,
        n_out: u32,
        keys: u32,
        together: bool,
    ) {
        if self.omitted.get(i).copied().unwrap_or(false) {
            return;
        }
        let d = self
            .program
            .dispatches
            .get(i)
            .unwrap_or(&self.program.sample);
        let (kernel, groups) = self.program.launch(d, n_cols, n_out, keys, together);
        if groups.contains(&0) {
            return;
        }
        let bind_groups = &self.bind_groups[i];
        let group = bind_groups
            .iter()
            .find(|(k, _)| *k == kernel)
            .unwrap_or(&bind_groups[0]);
        pass.set_pipeline(&self.pipelines[kernel]);
        pass.set_bind_group(0, &group.1, &[]);
        pass.dispatch_workgroups(groups[0], groups[1], groups[2]);
        if let (Some((merge, groups)), Some(Some(group))) = (
            self.program.merge_launch(d, kernel, n_cols),
            self.merge_groups.get(i),
        ) {
            pass.set_pipeline(&self.pipelines[merge]);
            pass.set_bind_group(0, group, &[]);
            pass.dispatch_workgroups(groups[0], groups[1], groups[2]);
        }
    }

    /// For measurement only: leaves the dispatches listed (indices into
    /// `program().dispatches`; the sampler's is `dispatches.len()`) out of every step recorded
    /// from now on, until the next call; an empty list restores them all. Steps recorded so
    /// run, and their results are meaningless: what they show is the GPU time of the rest, so
    /// that the time a step loses without a kernel is that kernel's share of a chained step —
    /// what timing a kernel alone does not show (`natter bench`'s `chained_cost`). Indices past
    /// the sampler's are ignored.
    pub fn omit_dispatches(&mut self, dispatches: &[usize]) {
        let n = self.program.dispatches.len() + 1;
        self.omitted.clear();
        for &i in dispatches.iter().filter(|&&i| i < n) {
            if self.omitted.is_empty() {
                self.omitted.resize(n, false);
            }
            self.omitted[i] = true;
        }
    }

    /// The program this engine runs.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// A one-line description of the adapter.
    pub fn adapter(&self) -> &str {
        &self.adapter
    }

    /// GPU memory held, by kind.
    pub fn memory(&self) -> MemoryReport {
        self.memory
    }

    pub fn device(&self) -> &wgpu::Device {
        &self.device
    }

    /// Whether a submitted step has not been collected yet.
    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some() || self.pending.is_some() || !self.chains.is_empty()
    }

    /// Checks a step's columns against the vocabulary, the slots and the context.
    fn check_step(&self, columns: &[Column], out: &[u32]) -> Result<(), RuntimeError> {
        let o = &self.program.options;
        let vocab = self.program.config.vocab;
        if columns.is_empty() {
            return Err(RuntimeError::EmptyPrompt);
        }
        if columns.len() > o.max_columns as usize || out.len() > o.max_out_columns as usize {
            return Err(RuntimeError::Gpu {
                during: "step".into(),
                message: format!(
                    "{} tokens / {} outputs exceed the step size {}/{}",
                    columns.len(),
                    out.len(),
                    o.max_columns,
                    o.max_out_columns
                ),
            });
        }
        for c in columns {
            if c.token as usize >= vocab {
                return Err(RuntimeError::TokenOutOfRange {
                    token: c.token,
                    vocab,
                });
            }
            if c.pos >= o.context {
                return Err(RuntimeError::ContextFull {
                    needed: c.pos as usize + 1,
                    capacity: o.context as usize,
                });
            }
            if c.slot >= o.slots {
                return Err(RuntimeError::ForeignSession);
            }
        }
        if out.iter().any(|&i| i as usize >= columns.len()) {
            return Err(RuntimeError::Gpu {
                during: "step".into(),
                message: "an out column is not a column of the step".into(),
            });
        }
        Ok(())
    }

    /// Writes the step's parameters (read by every dispatch of the step).
    fn write_params(&mut self, columns: &[Column], out: &[u32]) {
        // The columns on the GPU are no longer a chain's to continue.
        self.chain_tail = None;
        let n_cols = columns.len() as u32;
        let header = [n_cols, out.len() as u32, self.program.step_span(n_cols), 0];
        self.queue
            .write_buffer(&self.params, 0, bytemuck::cast_slice(&header));
        let cols: Vec<u32> = columns
            .iter()
            .flat_map(|c| [c.slot, c.pos, c.token, 0])
            .collect();
        self.queue
            .write_buffer(&self.columns, 0, bytemuck::cast_slice(&cols));
        if !out.is_empty() {
            self.queue
                .write_buffer(&self.out_columns, 0, bytemuck::cast_slice(out));
        }
    }

    /// Submits the KV-cache copies that sessions opened since the last step asked for. They run
    /// after every step already submitted (so their source rows are written) and before the
    /// next (so no kernel reads a row still to be copied).
    fn flush_copies(&mut self) {
        if self.copies.is_empty() {
            return;
        }
        let config = &self.program.config;
        let (heads, dim) = (config.n_kv_heads as u64, config.head_dim as u64);
        let context = self.program.options.context as u64;
        // Layout: [slot][kv head][position][head_dim] f32.
        let offset = |slot: u32, head: u64, pos: usize| {
            (((slot as u64 * heads + head) * context + pos as u64) * dim) * 4
        };
        // A buffer cannot be copied onto itself: the rows go through a scratch buffer, made
        // for this copy only (a few hundred KiB; the copy is once per shared prompt).
        let rows = self.copies.iter().map(|c| c.rows.len()).max().unwrap_or(0) as u64;
        let scratch = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("natter_kv_copy"),
            size: (rows * heads * dim * 4).max(4),
            usage: wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("natter_kv_copy"),
            });
        for copy in self.copies.drain(..) {
            let bytes = copy.rows.len() as u64 * dim * 4;
            if bytes == 0 || copy.from == copy.to {
                continue;
            }
            for (k, v) in &self.kv {
                for buffer in [k, v] {
                    for head in 0..heads {
                        let at = offset(copy.from, head, copy.rows.start);
                        encoder.copy_buffer_to_buffer(buffer, at, &scratch, head * bytes, bytes);
                    }
                    for head in 0..heads {
                        let at = offset(copy.to, head, copy.rows.start);
                        encoder.copy_buffer_to_buffer(&scratch, head * bytes, buffer, at, bytes);
                    }
                }
            }
        }
        self.queue.submit([encoder.finish()]);
    }

    /// Records dispatches `range` of the program into one compute pass, timed in `timer_slot`;
    /// with `persistent`, the blocks wholly inside it as their block kernels.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        n_cols: u32,
        n_out: u32,
        keys: u32,
        together: bool,
        range: Range<usize>,
        timer_slot: Option<usize>,
        persistent: bool,
    ) -> wgpu::CommandEncoder {
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("natter_step"),
            });
        if persistent {
            // The barrier's arrivals restart from 0 (its flag, word 1, stays).
            encoder.clear_buffer(&self.grid_barrier, 0, Some(4));
        }
        {
            let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some("natter_step"),
                timestamp_writes: timer_slot.and_then(|s| self.timer.pass_writes(s)),
            });
            let dispatch = (n_cols, n_out, keys, together);
            self.record_range(&mut pass, range, dispatch, persistent);
        }
        if let Some(slot) = timer_slot {
            self.timer.resolve(&mut encoder, slot);
        }
        encoder
    }

    /// Starts a step over `columns`, returning the logits of the columns listed in `out`
    /// (indices into `columns`) when it completes. Nothing runs until [`Engine::advance`]
    /// submits its segments; a budgeted caller spreads them over several frames.
    pub fn begin(&mut self, columns: &[Column], out: &[u32]) -> Result<(), RuntimeError> {
        if self.is_busy() {
            return Err(RuntimeError::Busy);
        }
        self.check_step(columns, out)?;
        self.flush_copies();
        self.write_params(columns, out);
        self.pending = Some(Pending {
            n_cols: columns.len() as u32,
            n_out: out.len() as u32,
            persistent: self.persistent_for(columns.len() as u32) && !out.is_empty(),
            keys: keys_of(columns),
            together: decoding_together(columns),
            next: 0,
        });
        Ok(())
    }

    /// Segments of the current step not yet submitted (0 when none is pending).
    pub fn remaining_segments(&self) -> usize {
        self.pending
            .as_ref()
            .map_or(0, |p| self.segments.len() - p.next)
    }

    /// Segments a whole step has: the embedding, one per transformer block, the LM head.
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// Bytes of weights each segment reads: what its cost mostly follows.
    pub fn segment_bytes(&self) -> &[u64] {
        &self.segment_bytes
    }

    /// Submissions made so far; the last one's number (timings carry it as `seq`).
    pub fn submissions(&self) -> u64 {
        self.submissions
    }

    /// Submits up to `max_segments` (at least one) more segments of the step begun with
    /// [`Engine::begin`]. With the last one, starts reading the logits back. Returns the
    /// number of segments submitted. Never waits for the GPU.
    pub fn advance(&mut self, max_segments: usize) -> Result<usize, RuntimeError> {
        let Some(pending) = &self.pending else {
            return Ok(0);
        };
        let (n_cols, n_out, keys, together, first, persistent) = (
            pending.n_cols,
            pending.n_out,
            pending.keys,
            pending.together,
            pending.next,
            pending.persistent,
        );
        let last = (first + max_segments.max(1)).min(self.segments.len());
        let range = self.segments[first].start..self.segments[last - 1].end;
        let slot = self.timer.reserve();
        let mut encoder = self.record(n_cols, n_out, keys, together, range, slot, persistent);
        let finished = last == self.segments.len();
        let n_out = n_out as usize;
        let bytes = (n_out * self.program.config.vocab * 4) as u64;
        if finished && n_out > 0 {
            let logits = self
                .program
                .logits_buffer()
                .ok_or_else(|| RuntimeError::Gpu {
                    during: "step".into(),
                    message: "the program has no logits buffer".into(),
                })?;
            encoder.copy_buffer_to_buffer(&self.activations[logits], 0, &self.staging, 0, bytes);
            if persistent {
                // The grid barrier's flag after the logits (see `InFlight::persistent`).
                encoder.copy_buffer_to_buffer(&self.grid_barrier, 4, &self.staging, bytes, 4);
            }
        }
        self.queue.submit([encoder.finish()]);
        self.submissions += 1;
        if let Some(slot) = slot {
            self.timer
                .submitted(&self.queue, slot, self.submissions, last - first, n_cols);
        }
        if finished {
            self.pending = None;
            let mapped = Arc::new(Mutex::new(None));
            if n_out > 0 {
                let cell = mapped.clone();
                self.staging
                    .slice(..bytes + if persistent { 4 } else { 0 })
                    .map_async(wgpu::MapMode::Read, move |r| {
                        if let Ok(mut c) = cell.lock() {
                            *c = Some(r);
                        }
                    });
            }
            self.in_flight = Some(InFlight {
                n_out,
                mapped,
                persistent,
            });
        } else if let Some(p) = &mut self.pending {
            p.next = last;
        }
        Ok(last - first)
    }

    /// Runs `steps` decode steps in one submission, sampling on the GPU after each: every
    /// column of `columns` is one conversation's next token, and each step's chosen tokens are
    /// the next step's input. No CPU round trip between tokens. Collect the tokens
    /// (`[steps][columns]`) with [`Engine::poll_chain`]. Conversations that end (a stop
    /// token) early simply ignore the rest of their tokens. [`Engine::continue_chain`] queues
    /// more steps behind this chain before it finishes.
    pub fn submit_chain(
        &mut self,
        columns: &[Column],
        steps: usize,
        sampling: &GpuSampling,
    ) -> Result<(), RuntimeError> {
        if self.is_busy() {
            return Err(RuntimeError::Busy);
        }
        let out: Vec<u32> = (0..columns.len() as u32).collect();
        self.check_step(columns, &out)?;
        self.check_chain(columns, steps)?;
        self.flush_copies();
        self.write_params(columns, &out);
        self.enqueue_chain(columns, steps, sampling);
        Ok(())
    }

    /// Queues `steps` more decode steps behind the last chain, continuing its columns from the
    /// tokens it samples, which stay on the GPU: the CPU records the next chain while the GPU
    /// still runs the last one, so the GPU need not wait for the CPU between chains. At most
    /// [`MAX_CHAINS_IN_FLIGHT`] chains are in flight; collect them in order with
    /// [`Engine::poll_chain`]. Errors with [`RuntimeError::NoChain`] when the last step run
    /// was not a chain. Nothing hides the recording of the first chain (a few hundred µs of
    /// CPU a step), so start short and grow, as [`Engine::generate`] does (1, 2, 4, … steps).
    ///
    /// ```no_run
    /// # use natter_compiler::Column;
    /// # use natter_runtime::{Engine, GpuSampling};
    /// # fn run(engine: &mut Engine, first: Column) -> Result<(), natter_runtime::RuntimeError> {
    /// let greedy = GpuSampling::greedy();
    /// engine.submit_chain(&[first], 16, &greedy)?;
    /// engine.continue_chain(16, &greedy)?; // recorded while the first 16 steps run
    /// let first_16 = engine.wait_chain()?;
    /// engine.continue_chain(16, &greedy)?;
    /// let next_16 = engine.wait_chain()?;
    /// let last_16 = engine.wait_chain()?;
    /// # Ok(()) }
    /// ```
    pub fn continue_chain(
        &mut self,
        steps: usize,
        sampling: &GpuSampling,
    ) -> Result<(), RuntimeError> {
        if self.pending.is_some() || self.in_flight.is_some() {
            return Err(RuntimeError::Busy);
        }
        if self.chains.len() >= MAX_CHAINS_IN_FLIGHT {
            return Err(RuntimeError::Busy);
        }
        let Some(columns) = self.chain_tail.take() else {
            return Err(RuntimeError::NoChain);
        };
        let checked = self.check_chain(&columns, steps);
        if let Err(e) = checked {
            self.chain_tail = Some(columns);
            return Err(e);
        }
        self.flush_copies();
        self.enqueue_chain(&columns, steps, sampling);
        Ok(())
    }

    /// Checks that `steps` decode steps from `columns` fit a chain and the context.
    fn check_chain(&self, columns: &[Column], steps: usize) -> Result<(), RuntimeError> {
        if steps == 0 || steps > MAX_CHAIN {
            return Err(RuntimeError::Sampling(format!(
                "a chain runs 1 to {MAX_CHAIN} steps, not {steps}"
            )));
        }
        let context = self.program.options.context as usize;
        match columns.iter().find(|c| c.pos as usize + steps > context) {
            Some(c) => Err(RuntimeError::ContextFull {
                needed: c.pos as usize + steps,
                capacity: context,
            }),
            None => Ok(()),
        }
    }

    /// Records and submits a chain of `steps` steps from `columns` (whose tokens and positions
    /// the GPU's column buffer holds) and starts reading its tokens back.
    fn enqueue_chain(&mut self, columns: &[Column], steps: usize, sampling: &GpuSampling) {
        self.queue
            .write_buffer(&self.sampling, 0, &sampling.to_bytes());
        let (n_cols, n_out) = (columns.len() as u32, columns.len() as u32);
        let buffer = self.next_history;
        self.next_history = (buffer + 1) % self.history.len();
        let history = &self.history[buffer];
        let slot = self.timer.reserve();
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("natter_chain"),
            });
        let together = decoding_together(columns);
        self.record_chain(
            &mut encoder,
            n_cols,
            keys_of(columns),
            together,
            steps,
            slot,
            history,
        );
        if let Some(slot) = slot {
            self.timer.resolve(&mut encoder, slot);
        }
        let submission = self.queue.submit([encoder.finish()]);
        self.submissions += 1;
        if let Some(slot) = slot {
            self.timer.submitted(
                &self.queue,
                slot,
                self.submissions,
                self.segments.len() * steps,
                n_cols,
            );
        }
        let mapped = Arc::new(Mutex::new(None));
        let cell = mapped.clone();
        let persistent = self.persistent_for(n_cols);
        self.persistent_chains += u64::from(persistent);
        let bytes = (steps * n_out as usize * 4 + if persistent { 4 } else { 0 }) as u64;
        history
            .slice(..bytes)
            .map_async(wgpu::MapMode::Read, move |r| {
                if let Ok(mut c) = cell.lock() {
                    *c = Some(r);
                }
            });
        self.chains.push_back(ChainFlight {
            submission,
            steps,
            n_out: n_out as usize,
            buffer,
            mapped,
            persistent,
        });
        self.chain_tail = Some(
            columns
                .iter()
                .map(|c| Column {
                    pos: c.pos + steps as u32,
                    ..*c
                })
                .collect(),
        );
    }

    /// Records a chain of `steps` decode steps of `n_cols` columns from `keys` keys into
    /// `encoder`: each step's dispatches in one compute pass (timed as one span in `slot`), its
    /// sampled tokens copied to `history`.
    #[allow(clippy::too_many_arguments)]
    fn record_chain(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        n_cols: u32,
        keys: u32,
        together: bool,
        steps: usize,
        slot: Option<usize>,
        history: &wgpu::Buffer,
    ) {
        let n_out = n_cols;
        let sample_index = self.program.dispatches.len();
        let persistent = self.persistent_for(n_cols);
        if persistent {
            // The barrier's arrivals restart from 0 (its flag, word 1, stays).
            encoder.clear_buffer(&self.grid_barrier, 0, Some(4));
        }
        for step in 0..steps {
            {
                let timestamps = slot.and_then(|s| self.timer.pass_writes(s)).map(|mut w| {
                    // One measurement for the whole chain: start of the first pass, end of the last.
                    if step > 0 {
                        w.beginning_of_pass_write_index = None;
                    }
                    if step + 1 < steps {
                        w.end_of_pass_write_index = None;
                    }
                    w
                });
                let timestamps = timestamps.filter(|w| {
                    w.beginning_of_pass_write_index.is_some() || w.end_of_pass_write_index.is_some()
                });
                let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                    label: Some("natter_chain_step"),
                    timestamp_writes: timestamps,
                });
                let keys = keys + step as u32;
                let dispatch = (n_cols, n_out, keys, together);
                self.record_range(&mut pass, 0..sample_index + 1, dispatch, persistent);
            }
            let at = (step * n_out as usize * 4) as u64;
            encoder.copy_buffer_to_buffer(&self.chosen, 0, history, at, n_out as u64 * 4);
        }
        if persistent {
            // The flag after the tokens (see `ChainFlight::persistent`).
            let at = (steps * n_out as usize * 4) as u64;
            encoder.copy_buffer_to_buffer(&self.grid_barrier, 4, history, at, 4);
        }
    }

    /// Records dispatches `range` (the sampler's is `dispatches.len()`) of a step of
    /// `(n_cols, n_out, keys, together)` (see [`Engine::record_dispatch`]); with `persistent`,
    /// each block wholly inside the range as one dispatch of its block kernel.
    fn record_range(
        &self,
        pass: &mut wgpu::ComputePass<'_>,
        range: Range<usize>,
        (n_cols, n_out, keys, together): (u32, u32, u32, bool),
        persistent: bool,
    ) {
        let mut i = range.start;
        while i < range.end {
            let blocks = &self.program.blocks;
            let block = blocks
                .binary_search_by_key(&i, |b| b.first)
                .ok()
                .filter(|&k| persistent && blocks[k].first + blocks[k].count <= range.end);
            match block.map(|k| (&blocks[k], &self.block_groups[k])) {
                Some((b, group)) => {
                    pass.set_pipeline(&self.block_pipelines[b.kernel]);
                    pass.set_bind_group(0, group, &[]);
                    let n = self.program.options.persistent_workgroups;
                    pass.dispatch_workgroups(n, 1, 1);
                    i += b.count;
                }
                None => {
                    self.record_dispatch(pass, i, n_cols, n_out, keys, together);
                    i += 1;
                }
            }
        }
    }

    /// How many chains submitted so far ran persistent block kernels
    /// ([`EngineOptions::persistent_workgroups`]): chains of one conversation, until a grid
    /// barrier gives up.
    pub fn persistent_chains(&self) -> u64 {
        self.persistent_chains
    }

    /// Whether a step of `n_cols` tokens runs the persistent block kernels.
    fn persistent_for(&self, n_cols: u32) -> bool {
        self.persistent && n_cols == 1
    }

    /// The CPU time of recording the chain [`Engine::submit_chain`] would submit for `columns`
    /// and `steps`, and finishing its command buffer, which is then dropped, never submitted:
    /// what a chain costs the thread that records it, apart from the GPU. Runs nothing on the
    /// GPU; the same checks as `submit_chain`.
    pub fn recording_cost(
        &self,
        columns: &[Column],
        steps: usize,
    ) -> Result<std::time::Duration, RuntimeError> {
        let out: Vec<u32> = (0..columns.len() as u32).collect();
        self.check_step(columns, &out)?;
        self.check_chain(columns, steps)?;
        let t = std::time::Instant::now();
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("natter_recording_cost"),
            });
        let n_cols = columns.len() as u32;
        self.record_chain(
            &mut encoder,
            n_cols,
            keys_of(columns),
            decoding_together(columns),
            steps,
            None,
            &self.history[0],
        );
        drop(encoder.finish());
        Ok(t.elapsed())
    }

    /// Checks, without blocking, whether the oldest chain in flight ([`Engine::submit_chain`],
    /// [`Engine::continue_chain`]) finished; returns its tokens, `[steps][columns]` flattened.
    pub fn poll_chain(&mut self) -> Result<Option<Vec<u32>>, RuntimeError> {
        let Some(flight) = self.chains.front() else {
            return match self.in_flight.is_some() || self.pending.is_some() {
                true => Err(RuntimeError::Busy),
                false => Ok(None),
            };
        };
        self.device
            .poll(wgpu::PollType::Poll)
            .map_err(|e| RuntimeError::Lost(e.to_string()))?;
        let state = flight
            .mapped
            .lock()
            .map_err(|e| RuntimeError::Readback(e.to_string()))?
            .take();
        let persistent = flight.persistent;
        let bytes = (flight.steps * flight.n_out * 4 + if persistent { 4 } else { 0 }) as u64;
        let history = &self.history[flight.buffer];
        match state {
            None => Ok(None),
            Some(Err(e)) => {
                self.chains.pop_front();
                Err(RuntimeError::Readback(e.to_string()))
            }
            Some(Ok(())) => {
                let mut tokens =
                    bytemuck::cast_slice::<u8, u32>(&history.slice(..bytes).get_mapped_range())
                        .to_vec();
                history.unmap();
                self.chains.pop_front();
                if persistent && tokens.pop() != Some(0) {
                    // A grid barrier gave up: its workgroups were not all resident.
                    self.persistent = false;
                    return Err(RuntimeError::Persistent {
                        workgroups: self.program.options.persistent_workgroups,
                    });
                }
                Ok(Some(tokens))
            }
        }
    }

    /// Chains submitted and not yet collected.
    pub fn chains_in_flight(&self) -> usize {
        self.chains.len()
    }

    /// Blocks until the oldest chain in flight finishes and returns its tokens.
    pub fn wait_chain(&mut self) -> Result<Vec<u32>, RuntimeError> {
        loop {
            let Some(flight) = self.chains.front() else {
                return Err(RuntimeError::NoChain);
            };
            // Only this chain: waiting for everything submitted would idle the GPU while the
            // caller records the next chain.
            let wait = wgpu::PollType::Wait {
                submission_index: Some(flight.submission.clone()),
                timeout: None,
            };
            self.device
                .poll(wait)
                .map_err(|e| RuntimeError::Lost(e.to_string()))?;
            if let Some(tokens) = self.poll_chain()? {
                return Ok(tokens);
            }
        }
    }

    /// GPU time of every dispatch of one step over `columns` (each in its own timed compute
    /// pass), in microseconds, in program order with the sampler last. Blocks. Needs
    /// `TIMESTAMP_QUERY`; for benchmarks, not for games.
    pub fn profile(
        &mut self,
        columns: &[Column],
        out: &[u32],
    ) -> Result<Vec<(String, f64)>, RuntimeError> {
        if self.is_busy() {
            return Err(RuntimeError::Busy);
        }
        self.check_step(columns, out)?;
        self.flush_copies();
        self.write_params(columns, out);
        self.queue
            .write_buffer(&self.sampling, 0, &GpuSampling::greedy().to_bytes());
        let (n_cols, n_out) = (columns.len() as u32, out.len() as u32);
        let keys = keys_of(columns);
        let dispatches: Vec<&natter_compiler::Dispatch> = self
            .program
            .dispatches
            .iter()
            .chain(std::iter::once(&self.program.sample))
            .collect();
        let labels: Vec<&str> = dispatches.iter().map(|d| d.label.as_str()).collect();
        // A split-K dispatch is timed with its merge kernel.
        let together = decoding_together(columns);
        let times = self.timed_passes(&labels, |i, pass| {
            self.record_dispatch(pass, i, n_cols, n_out, keys, together)
        })?;
        Ok(dispatches
            .iter()
            .zip(times)
            .map(|(d, us)| (d.label.clone(), us))
            .collect())
    }

    /// GPU time of a dispatch that does next to nothing (one workgroup updates one word), in
    /// microseconds: timed alone as [`Engine::profile`] times each kernel (the fixed cost inside
    /// every figure of the profile; the median of 64), and per dispatch in a chain of 64 in one
    /// pass, each depending on the one before (as a step's kernels run). Needs
    /// `TIMESTAMP_QUERY`.
    pub fn profile_floor(&mut self) -> Result<(f64, f64), RuntimeError> {
        let module = self
            .device
            .create_shader_module(wgpu::ShaderModuleDescriptor {
                label: Some("natter_profile_floor"),
                source: wgpu::ShaderSource::Wgsl(
                    "@group(0) @binding(0) var<storage, read_write> b: array<u32>;\n\
                     @compute @workgroup_size(64) fn main(@builtin(local_invocation_index) i: u32) {\n\
                     if (i == 0u) { b[0] = b[0] + 1u; }\n}\n"
                        .into(),
                ),
            });
        let pipeline = self
            .device
            .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                label: Some("natter_profile_floor"),
                layout: None,
                module: &module,
                entry_point: Some("main"),
                compilation_options: Default::default(),
                cache: None,
            });
        let buffer = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("natter_profile_floor"),
            size: 16,
            usage: wgpu::BufferUsages::STORAGE,
            mapped_at_creation: false,
        });
        let bind_group = self.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("natter_profile_floor"),
            layout: &pipeline.get_bind_group_layout(0),
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: buffer.as_entire_binding(),
            }],
        });
        let mut times = self.timed_passes(&["natter_profile_floor"; 64], |_, pass| {
            pass.set_pipeline(&pipeline);
            pass.set_bind_group(0, &bind_group, &[]);
            pass.dispatch_workgroups(1, 1, 1);
        })?;
        times.sort_by(f64::total_cmp);
        let chain = self.timed_passes(&["natter_profile_floor_chain"], |_, pass| {
            pass.set_pipeline(&pipeline);
            pass.set_bind_group(0, &bind_group, &[]);
            for _ in 0..64 {
                pass.dispatch_workgroups(1, 1, 1);
            }
        })?;
        Ok((times[times.len() / 2], chain[0] / 64.0))
    }

    /// Runs one compute pass per label in one submission, each recorded by `record(i, pass)`
    /// and timed by timestamps at its beginning and end; returns their GPU times in
    /// microseconds. Blocks. Needs `TIMESTAMP_QUERY`.
    fn timed_passes(
        &self,
        labels: &[&str],
        mut record: impl FnMut(usize, &mut wgpu::ComputePass<'_>),
    ) -> Result<Vec<f64>, RuntimeError> {
        if !self
            .device
            .features()
            .contains(wgpu::Features::TIMESTAMP_QUERY)
        {
            return Err(RuntimeError::Gpu {
                during: "profiling".into(),
                message: "the device has no TIMESTAMP_QUERY".into(),
            });
        }
        let n = labels.len();
        let set = self.device.create_query_set(&wgpu::QuerySetDescriptor {
            label: Some("natter_profile"),
            ty: wgpu::QueryType::Timestamp,
            count: 2 * n as u32,
        });
        let bytes = 16 * n as u64;
        let resolve = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("natter_profile_resolve"),
            size: bytes,
            usage: wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        let readback = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("natter_profile_readback"),
            size: bytes,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder = self.device.create_command_encoder(&Default::default());
        for (i, &label) in labels.iter().enumerate() {
            let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some(label),
                timestamp_writes: Some(wgpu::ComputePassTimestampWrites {
                    query_set: &set,
                    beginning_of_pass_write_index: Some(2 * i as u32),
                    end_of_pass_write_index: Some(2 * i as u32 + 1),
                }),
            });
            record(i, &mut pass);
        }
        encoder.resolve_query_set(&set, 0..2 * n as u32, &resolve, 0);
        encoder.copy_buffer_to_buffer(&resolve, 0, &readback, 0, bytes);
        self.queue.submit([encoder.finish()]);
        let (tx, rx) = std::sync::mpsc::channel();
        readback.slice(..).map_async(wgpu::MapMode::Read, move |r| {
            let _ = tx.send(r);
        });
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| RuntimeError::Lost(e.to_string()))?;
        rx.recv()
            .map_err(|e| RuntimeError::Readback(e.to_string()))?
            .map_err(|e| RuntimeError::Readback(e.to_string()))?;
        let ticks: Vec<u64> = bytemuck::cast_slice(&readback.slice(..).get_mapped_range()).to_vec();
        let period = self.queue.get_timestamp_period() as f64;
        Ok((0..n)
            .map(|i| ticks[2 * i + 1].saturating_sub(ticks[2 * i]) as f64 * period / 1e3)
            .collect())
    }

    /// Measurements of finished submissions since the last call (see [`StepTiming`]).
    pub fn take_timings(&mut self) -> Vec<StepTiming> {
        // Driving the device lets finished readbacks report in.
        let _ = self.device.poll(wgpu::PollType::Poll);
        self.timer.collect();
        self.timer.take()
    }

    /// How [`Engine::take_timings`] measures.
    pub fn timing_source(&self) -> TimingSource {
        self.timer.source()
    }

    /// Submits one forward step over `columns` and starts reading back the logits of the
    /// columns listed in `out` (indices into `columns`). Returns at once; collect the logits
    /// with [`Engine::poll`] or [`Engine::wait`].
    pub fn submit(&mut self, columns: &[Column], out: &[u32]) -> Result<(), RuntimeError> {
        self.begin(columns, out)?;
        self.advance(usize::MAX)?;
        Ok(())
    }

    /// Checks, without blocking, whether the submitted step has finished. Returns its logits
    /// (`[out columns][vocab]`, flattened) once it has; `None` while it runs.
    pub fn poll(&mut self) -> Result<Option<Vec<f32>>, RuntimeError> {
        if !self.chains.is_empty() {
            return Err(RuntimeError::Busy);
        }
        let Some(flight) = &self.in_flight else {
            return Ok(None);
        };
        if flight.n_out == 0 {
            self.in_flight = None;
            return Ok(Some(Vec::new()));
        }
        self.device
            .poll(wgpu::PollType::Poll)
            .map_err(|e| RuntimeError::Lost(e.to_string()))?;
        let state = flight
            .mapped
            .lock()
            .map_err(|e| RuntimeError::Readback(e.to_string()))?
            .take();
        match state {
            None => Ok(None),
            Some(Err(e)) => {
                self.in_flight = None;
                Err(RuntimeError::Readback(e.to_string()))
            }
            Some(Ok(())) => {
                let bytes = (flight.n_out * self.program.config.vocab * 4) as u64;
                let persistent = flight.persistent;
                let (logits, flag) = {
                    let end = bytes + if persistent { 4 } else { 0 };
                    let view = self.staging.slice(..end).get_mapped_range();
                    let words = bytemuck::cast_slice::<u8, f32>(&view);
                    let (logits, flag) = words.split_at((bytes / 4) as usize);
                    (logits.to_vec(), flag.first().map(|f| f.to_bits()))
                };
                self.staging.unmap();
                self.in_flight = None;
                if flag.is_some_and(|f| f != 0) {
                    // A grid barrier gave up: its workgroups were not all resident.
                    self.persistent = false;
                    return Err(RuntimeError::Persistent {
                        workgroups: self.program.options.persistent_workgroups,
                    });
                }
                Ok(Some(logits))
            }
        }
    }

    /// Blocks until the submitted step finishes and returns its logits.
    pub fn wait(&mut self) -> Result<Vec<f32>, RuntimeError> {
        loop {
            self.device
                .poll(wgpu::PollType::wait_indefinitely())
                .map_err(|e| RuntimeError::Lost(e.to_string()))?;
            if let Some(logits) = self.poll()? {
                return Ok(logits);
            }
            if self.in_flight.is_none() {
                return Err(RuntimeError::Readback("no step in flight".into()));
            }
        }
    }

    /// Runs dispatches `0..=last` of a step and waits: for tests that inspect one kernel's
    /// output with [`Engine::read`] (blocks wholly inside it as their persistent block kernel,
    /// where the engine has them). Leaves the engine idle.
    pub fn run_prefix(
        &mut self,
        columns: &[Column],
        out: &[u32],
        last: usize,
    ) -> Result<(), RuntimeError> {
        if self.is_busy() {
            return Err(RuntimeError::Busy);
        }
        self.check_step(columns, out)?;
        self.flush_copies();
        self.write_params(columns, out);
        let end = (last + 1).min(self.program.dispatches.len());
        let encoder = self.record(
            columns.len() as u32,
            out.len() as u32,
            keys_of(columns),
            decoding_together(columns),
            0..end,
            None,
            self.persistent_for(columns.len() as u32),
        );
        self.queue.submit([encoder.finish()]);
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| RuntimeError::Lost(e.to_string()))?;
        Ok(())
    }

    /// Reads back a whole activation buffer or KV cache (blocking), for tests and tools.
    pub fn read(&self, resource: Resource) -> Result<Vec<f32>, RuntimeError> {
        let src = match resource {
            Resource::Activation(i) => self.activations.get(i),
            Resource::KeyCache(l) => self.kv.get(l).map(|kv| &kv.0),
            Resource::ValueCache(l) => self.kv.get(l).map(|kv| &kv.1),
            _ => None,
        }
        .ok_or_else(|| RuntimeError::Readback(format!("{resource:?} cannot be read")))?;
        let size = src.size();
        let staging = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("debug_readback"),
            size,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder = self.device.create_command_encoder(&Default::default());
        encoder.copy_buffer_to_buffer(src, 0, &staging, 0, size);
        self.queue.submit([encoder.finish()]);
        let (tx, rx) = std::sync::mpsc::channel();
        staging.slice(..).map_async(wgpu::MapMode::Read, move |r| {
            let _ = tx.send(r);
        });
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| RuntimeError::Lost(e.to_string()))?;
        rx.recv()
            .map_err(|e| RuntimeError::Readback(e.to_string()))?
            .map_err(|e| RuntimeError::Readback(e.to_string()))?;
        let data = bytemuck::cast_slice::<u8, f32>(&staging.slice(..).get_mapped_range()).to_vec();
        Ok(data)
    }

    /// Floats per column of activation buffer `i`, and its column kind.
    pub fn activation_shape(&self, i: usize) -> Option<(usize, Columns)> {
        self.program
            .plan
            .buffers
            .get(i)
            .map(|b| (b.floats, b.columns))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use natter_model::{SynthSpec, write_synthetic_gguf};

    /// A device's limits decide whether persistent block kernels can run: their storage
    /// bindings (WebGPU's default 8 is too few) and their workgroup count.
    #[test]
    fn block_kernels_are_checked_against_the_device_limits() {
        let path = std::env::temp_dir().join(format!("natter-blocks-{}.gguf", std::process::id()));
        write_synthetic_gguf(&path, &SynthSpec::tiny()).expect("writing the tiny model");
        let model = Model::open(&path).expect("the tiny model loads");
        let options = CompileOptions {
            persistent_workgroups: 132,
            ..CompileOptions::default()
        };
        let program = compile(model.config(), model.tensors(), options).expect("compiles");
        let _ = std::fs::remove_file(&path);
        assert!(!program.blocks.is_empty());
        let roomy = wgpu::Limits {
            max_storage_buffers_per_shader_stage: 64,
            ..wgpu::Limits::default()
        };
        assert!(check_blocks(&program, &roomy).is_ok());
        let e = check_blocks(&program, &wgpu::Limits::default()).unwrap_err();
        assert!(e.to_string().contains("storage buffers"), "{e}");
        let narrow = wgpu::Limits {
            max_compute_workgroups_per_dimension: 100,
            ..roomy
        };
        let e = check_blocks(&program, &narrow).unwrap_err();
        assert!(e.to_string().contains("132 workgroups"), "{e}");
    }
}
