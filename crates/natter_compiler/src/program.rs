//! The compiled program: kernels, buffers and the dispatches of one forward step.
//!
//! This is the boundary between the compiler and the runtime. It says *what* to upload and
//! run, in plain data; the runtime owns every device object.

use natter_model::{GgmlType, ModelConfig, ModelTensors, RopeStyle};

use crate::build::forward_graph;
use crate::error::CompileError;
use crate::fuse::fuse_all;
use crate::interp::Column;
use crate::ir::{Columns, Epilogue, Graph, Op, TensorRole, ValueId};
use crate::kernels::{
    AttentionKey, AttentionSplit, EmbedKey, KernelKey, LinearEpilogue, LinearKey, MergeKey,
    SampleKey, WeightFormat,
};
use crate::persist::{BlockKernel, Phase, PhaseGroups, merge_block};
use crate::plan::{MemoryPlan, plan_memory};
use crate::validate::{KernelBinding, reflect};

/// Choices that shape the program beyond the model itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompileOptions {
    /// Tokens one step can run: a prompt chunk, or one token of each of several conversations.
    pub max_columns: u32,
    /// Tokens whose logits one step can return.
    pub max_out_columns: u32,
    /// KV-cache positions per conversation.
    pub context: u32,
    /// Conversations the KV cache holds at once.
    pub slots: u32,
    /// The device's smallest subgroup size, when it has subgroup operations.
    pub subgroup_size: Option<u32>,
    /// Per-adapter kernel shapes (what an autotuner varies).
    pub tuning: Tuning,
    /// Bytes of workgroup memory a kernel may use (the device's limit).
    pub workgroup_memory: u32,
    /// Threads a workgroup may have (the device's limit).
    pub max_workgroup_threads: u32,
    /// Steps of 2 to [`BATCH_MAX_COLUMNS`] tokens (conversations decoding together) quantise
    /// the inputs of their matrix products to 8 bits per 32 (see
    /// `LinearKey::quantised_inputs`) where the device has subgroups of at least 8; one token
    /// and prompt chunks stay f32. Off: every step computes in f32.
    pub quantise_batches: bool,
    /// Workgroups of the persistent block kernels (see [`Program::blocks`]); 0: none. Steps of
    /// one token then run each decoder block as one dispatch whose phases are the block's
    /// kernels, with a grid barrier between them — which needs all these workgroups resident on
    /// the GPU at once: at most one per multiprocessor is safe. Experimental: a count the GPU
    /// cannot hold makes results wrong (the runtime detects it), never hangs.
    ///
    /// Only blocks of short rows (under 2048 inputs, as SmolLM2-135M's 576 and 1536) get one:
    /// there a one-NPC step is latency-bound and the dispatches it saves are most of its time
    /// (H100, SmolLM2-135M shapes: 725.4 -> 654.5 us a step with 132 workgroups). On long rows
    /// one workgroup a multiprocessor starves the big matrix products of memory parallelism:
    /// the 1.7B shapes took 1,218-1,303 us a step against 1,077 dispatch by dispatch, whether
    /// the block kernel ran all five kernels or only Q/K/V to O, at 256 or 512 threads.
    pub persistent_workgroups: u32,
}

/// Kernel shapes that do not change results, only speed on a given adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tuning {
    /// Threads per workgroup of the linear kernels.
    pub linear_workgroup: u32,
    /// Most threads that share one output row (a power of two).
    pub max_threads_per_unit: u32,
    /// Stage inputs through workgroup memory where they fit.
    pub stage_inputs: bool,
    /// Threads per workgroup of the attention kernel.
    pub attention_workgroup: u32,
    /// Columns (tokens) per workgroup in the kernels for prompt chunks (steps of more than
    /// [`BATCH_MAX_COLUMNS`] tokens): each weight block read serves this many columns (1 to 32).
    pub wide_columns: u32,
    /// Columns per workgroup in the kernels for steps of 2 to [`BATCH_MAX_COLUMNS`] tokens
    /// (conversations decoding together), by kind of kernel.
    pub batch_columns: BatchColumns,
    /// Keys each attention workgroup takes (flash-decoding: the output projection merges
    /// the splits); 0 walks a column's keys in one workgroup. Raised so that a context has
    /// at most `MAX_SPLITS` (64) splits.
    pub attention_span: u32,
}

/// Whether the tokens of a step are conversations decoding together: several, each of its own
/// slot. Such steps run the kernels of `Dispatch::batch_q`/`batch_large_q` (quantised inputs);
/// any other step of several tokens (a prompt chunk, or one mixed with other NPCs' tokens)
/// stays f32.
pub fn decoding_together(columns: &[Column]) -> bool {
    columns.len() > 1
        && columns
            .iter()
            .enumerate()
            .all(|(i, c)| columns[..i].iter().all(|o| o.slot != c.slot))
}

/// Most splits of one column's keys: bounds the partials and the merge's work.
pub const MAX_SPLITS: u32 = 64;

/// Steps of up to this many tokens split attention (see [`Program::step_span`]).
pub const SPLIT_MAX_COLUMNS: u32 = 16;

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            linear_workgroup: 128,
            max_threads_per_unit: 32,
            stage_inputs: true,
            attention_workgroup: 64,
            wide_columns: 8,
            batch_columns: BatchColumns::DEFAULT,
            attention_span: 64,
        }
    }
}

/// Steps of up to this many tokens run the kernels for batches (see [`Tuning::batch_columns`]);
/// longer ones, prompt chunks, the kernels for wide steps.
pub const BATCH_MAX_COLUMNS: u32 = 16;

/// Steps of this many tokens and more (up to [`BATCH_MAX_COLUMNS`]) run the kernels for large
/// batches, which differ from the batch kernels where rows are long (see
/// `wide_threads_per_unit`).
pub const LARGE_BATCH_COLUMNS: u32 = 8;

/// Columns (tokens) per workgroup of each kind of linear kernel in steps of a few tokens.
///
/// A workgroup of `n` columns reads each weight block once for all of them, but computes `n`
/// times as much per block, so that at the small sizes of a batch the number of workgroups,
/// not the weights, decides the time: the fastest width depends on the kernel's shape against
/// the GPU. Measured on an H100 with eight conversations (µs a dispatch, 1/2/4 columns):
/// SmolLM2-135M's QKV 9.1/10.8/13.3, gate/up 13.8/12.2/13.0, residual adds 8.7/9.2/10.7,
/// LM head 128/75/68; the 1.7B shapes' QKV 38.9/34.4/38.2, gate/up 81.6/74.5/77.5, adds
/// 48.0/30.9/30.4, LM head 338/227/227. With 1 the kernel is the one-column kernel, once per
/// column. `natter tune` picks them per adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BatchColumns {
    /// Q/K/V with RoPE.
    pub qkv: u32,
    /// Gate and up with SiLU.
    pub gate_up: u32,
    /// Output and down projections with their residual adds.
    pub add: u32,
    /// The LM head (columns whose logits the step returns).
    pub head: u32,
}

impl BatchColumns {
    /// Widths that were best or close on both shapes measured (see above).
    pub const DEFAULT: BatchColumns = BatchColumns {
        qkv: 2,
        gate_up: 2,
        add: 2,
        head: 4,
    };

    /// The same width for every kind.
    pub const fn all(n: u32) -> BatchColumns {
        BatchColumns {
            qkv: n,
            gate_up: n,
            add: n,
            head: n,
        }
    }

    /// The width for kernels with `epilogue` (`gather`: the LM head).
    pub fn of(&self, epilogue: &LinearEpilogue, gather: bool) -> u32 {
        match epilogue {
            _ if gather => self.head,
            LinearEpilogue::QkvRope { .. } => self.qkv,
            LinearEpilogue::SiluMul { .. } => self.gate_up,
            LinearEpilogue::Add => self.add,
            LinearEpilogue::Store => self.head,
        }
    }

    /// The widths in the order `qkv gate_up add head`.
    pub fn to_array(self) -> [u32; 4] {
        [self.qkv, self.gate_up, self.add, self.head]
    }

    /// Widths in the order of [`to_array`](Self::to_array).
    pub fn from_array([qkv, gate_up, add, head]: [u32; 4]) -> BatchColumns {
        BatchColumns {
            qkv,
            gate_up,
            add,
            head,
        }
    }
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            max_columns: 32,
            max_out_columns: 8,
            context: 2048,
            slots: 4,
            subgroup_size: None,
            tuning: Tuning::default(),
            // WebGPU's default limits; devices tell their own.
            workgroup_memory: 16384,
            max_workgroup_threads: 256,
            quantise_batches: true,
            persistent_workgroups: 0,
        }
    }
}

/// One kernel of the program: its key, generated source and the bindings it uses.
#[derive(Clone, Debug)]
pub struct Kernel {
    pub key: KernelKey,
    pub label: String,
    pub wgsl: String,
    /// The bindings of group 0 the entry point uses, in binding order.
    pub bindings: Vec<KernelBinding>,
}

/// A weight matrix (or several concatenated by rows) as the GPU holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightBuffer {
    pub label: String,
    pub format: WeightFormat,
    /// The model's tensors whose rows are concatenated, in order.
    pub parts: Vec<TensorRole>,
    /// Total rows of all parts.
    pub rows: usize,
    /// Row length (every part's).
    pub cols: usize,
}

/// A vector of `f32` (a norm weight, or biases concatenated).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VectorBuffer {
    pub label: String,
    pub parts: Vec<TensorRole>,
    pub len: usize,
}

/// What a binding of a dispatch refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// The step's uniform parameters (`n_cols`, `n_out`).
    Params,
    /// The step's token columns (slot, position, token).
    Columns,
    /// The step's out columns (indices of the tokens whose logits are wanted).
    OutColumns,
    /// Blocks of weight buffer `i`.
    WeightQuants(usize),
    /// Scales of weight buffer `i`.
    WeightScales(usize),
    Vector(usize),
    /// Activation buffer `i` of the memory plan.
    Activation(usize),
    /// Layer `i`'s key cache.
    KeyCache(usize),
    /// Layer `i`'s value cache.
    ValueCache(usize),
    /// `[context][head_dim/2]` (cos, sin) pairs.
    RopeTable,
    /// Settings of GPU sampling (temperature, min-p, seed).
    Sampling,
    /// `[out columns]` tokens the sampler chose in this step.
    Chosen,
    /// `[splits][columns][width]` the dot products of split-K kernels, for their merge
    /// kernels ([`Program::split_partials_floats`]).
    SplitPartials,
    /// Persistent block kernels' grid barrier: word 0 counts arrivals, word 1 is raised when a
    /// workgroup gave up waiting (see [`Program::blocks`]).
    GridBarrier,
}

/// How a dispatch's workgroup count follows from the step's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grid {
    /// `units` over the units each workgroup computes (see `LinearKey`), by columns (out
    /// columns when `gather`) per workgroup.
    Linear { units: u32, gather: bool },
    /// One workgroup per head, column and split of the step's span of keys (up to `splits`, as
    /// many as the step's longest column needs; see [`Program::step_span`]).
    Attention { heads: u32, splits: u32 },
    /// One thread per element of each column.
    Embed { hidden: u32, workgroup: u32 },
    /// One workgroup per out column.
    Out,
}

/// One kernel launch of the step.
#[derive(Clone, Debug)]
pub struct Dispatch {
    pub label: String,
    pub layer: Option<usize>,
    /// Kernel for steps of one column, of up to [`BATCH_MAX_COLUMNS`] (`batch_large` from
    /// [`LARGE_BATCH_COLUMNS`] on), and of more.
    pub narrow: usize,
    pub batch: usize,
    pub batch_large: usize,
    pub wide: usize,
    /// The kernels of `batch` and `batch_large` for steps of conversations decoding together
    /// (see [`decoding_together`]): with their inputs quantised where the compiler quantises
    /// them (`CompileOptions::quantise_batches`), else the same kernels.
    pub batch_q: usize,
    pub batch_large_q: usize,
    pub bindings: Vec<(u32, Resource)>,
    pub grid: Grid,
    /// Its output buffer holds partial results the next dispatch finishes (split attention),
    /// not the graph value.
    pub partial_output: bool,
    /// Where a kernel of this dispatch splits its input (`LinearKey::k_splits`): the kernel
    /// that adds the splits' partials to the output, run right after it in such steps.
    pub merge: Option<Merge>,
}

/// The second half of a split-K dispatch (see [`Dispatch::merge`]).
#[derive(Clone, Debug)]
pub struct Merge {
    pub kernel: usize,
    pub bindings: Vec<(u32, Resource)>,
}

/// A model compiled for the GPU: everything the runtime needs to run forward steps.
#[derive(Clone, Debug)]
pub struct Program {
    pub config: ModelConfig,
    pub options: CompileOptions,
    /// The fused graph the dispatches come from.
    pub graph: Graph,
    pub plan: MemoryPlan,
    pub kernels: Vec<Kernel>,
    pub weights: Vec<WeightBuffer>,
    pub vectors: Vec<VectorBuffer>,
    /// The step, in order.
    pub dispatches: Vec<Dispatch>,
    /// Picks each out column's next token on the GPU after a step (for chained decoding).
    pub sample: Dispatch,
    /// Keys per split where attention is split (see [`Program::step_span`]).
    pub split_span: Option<u32>,
    /// Steps of one token run these instead of the dispatches they cover (with
    /// `CompileOptions::persistent_workgroups`; else none).
    pub blocks: Vec<PersistentBlock>,
    /// The persistent block kernels, which blocks of the same shapes share.
    pub block_kernels: Vec<BlockKernel>,
}

/// A decoder block's dispatches run as one persistent kernel in steps of one token (see
/// `persist.rs`).
#[derive(Clone, Debug)]
pub struct PersistentBlock {
    /// The dispatches it replaces: `first..first + count` of [`Program::dispatches`].
    pub first: usize,
    pub count: usize,
    /// Index into [`Program::block_kernels`].
    pub kernel: usize,
    /// The resource of each binding.
    pub resources: Vec<(u32, Resource)>,
}

impl Program {
    /// The kernel dispatch `d` runs for a step of `n_cols` tokens, `together` if they are
    /// conversations decoding together (see [`decoding_together`]).
    fn kernel_of(d: &Dispatch, n_cols: u32, together: bool) -> usize {
        match (n_cols, together) {
            (0 | 1, _) => d.narrow,
            (2..LARGE_BATCH_COLUMNS, false) => d.batch,
            (2..LARGE_BATCH_COLUMNS, true) => d.batch_q,
            (LARGE_BATCH_COLUMNS..=BATCH_MAX_COLUMNS, false) => d.batch_large,
            (LARGE_BATCH_COLUMNS..=BATCH_MAX_COLUMNS, true) => d.batch_large_q,
            _ => d.wide,
        }
    }

    /// Whether dispatch `d` quantises its inputs to 8 bits in a step of `n_cols` tokens,
    /// `together` as in [`Program::launch`] (see `LinearKey::quantised_inputs`): the CPU
    /// reference does the same to check it.
    pub fn quantises_inputs(&self, d: &Dispatch, n_cols: u32, together: bool) -> bool {
        matches!(
            self.kernels[Self::kernel_of(d, n_cols, together)].key,
            KernelKey::Linear(LinearKey {
                quantised_inputs: true,
                ..
            })
        )
    }

    /// The kernel and workgroup counts of dispatch `d` for a step of `n_cols` tokens returning
    /// `n_out` logit columns, whose longest column attends `keys` keys (its position + 1);
    /// `together`: the tokens are conversations decoding together (see [`decoding_together`]).
    pub fn launch(
        &self,
        d: &Dispatch,
        n_cols: u32,
        n_out: u32,
        keys: u32,
        together: bool,
    ) -> (usize, [u32; 3]) {
        let kernel = Self::kernel_of(d, n_cols, together);
        let (per_group, units_per_group, kernel_units, k_splits) = match self.kernels[kernel].key {
            KernelKey::Linear(k) => (
                k.columns,
                k.workgroup / k.threads_per_unit * k.rounds.max(1),
                Some(k.units),
                k.k_splits.max(1),
            ),
            _ => (1, 1, None, 1),
        };
        let groups = match d.grid {
            Grid::Linear { units, gather } => {
                // Kernels of two rows a unit have half the units of the dispatch's rows.
                let units = kernel_units.unwrap_or(units);
                let cols = if gather { n_out } else { n_cols };
                [
                    units.div_ceil(units_per_group),
                    cols.div_ceil(per_group),
                    k_splits,
                ]
            }
            // Only the splits some column reaches: empty workgroups are not free everywhere
            // (on lavapipe each costs CPU time).
            Grid::Attention { heads, splits } => [
                heads,
                n_cols,
                keys.div_ceil(self.step_span(n_cols)).clamp(1, splits),
            ],
            Grid::Embed { hidden, workgroup } => [hidden.div_ceil(workgroup), n_cols, 1],
            Grid::Out => [n_out, 1, 1],
        };
        (kernel, groups)
    }

    /// The merge kernel and workgroup counts to run right after dispatch `d` (launched as
    /// [`Program::launch`] gives) in a step of `n_cols` tokens: where that step's kernel splits
    /// its input (see [`Dispatch::merge`]).
    pub fn merge_launch(
        &self,
        d: &Dispatch,
        kernel: usize,
        n_cols: u32,
    ) -> Option<(usize, [u32; 3])> {
        let m = d.merge.as_ref()?;
        let KernelKey::Linear(k) = self.kernels[kernel].key else {
            return None;
        };
        if k.k_splits < 2 {
            return None;
        }
        let KernelKey::Merge(mk) = self.kernels[m.kernel].key else {
            return None;
        };
        Some((m.kernel, [(mk.width / 4).div_ceil(mk.workgroup), n_cols, 1]))
    }

    /// Dispatches a decode step of `n_cols` tokens records: the program's, its merge kernels
    /// where that step's kernels split their input, and the sampler.
    pub fn step_dispatches(&self, n_cols: u32) -> usize {
        self.dispatches
            .iter()
            .chain(std::iter::once(&self.sample))
            .map(|d| {
                let (kernel, groups) = self.launch(d, n_cols, n_cols, 1, true);
                match groups.contains(&0) {
                    true => 0,
                    false => 1 + usize::from(self.merge_launch(d, kernel, n_cols).is_some()),
                }
            })
            .sum()
    }

    /// Floats of the split-K partials buffer ([`Resource::SplitPartials`]): enough for every
    /// split kernel's splits, columns and width; 0 without such kernels.
    pub fn split_partials_floats(&self) -> usize {
        self.kernels
            .iter()
            .filter_map(|k| match k.key {
                KernelKey::Linear(l) if l.k_splits > 1 => {
                    Some((l.k_splits * l.partial_columns * l.y_stride) as usize)
                }
                _ => None,
            })
            .max()
            .unwrap_or(0)
    }

    /// Keys per attention split in a step of `n_cols` tokens (the kernels read it from the
    /// step's parameters). Steps of a few tokens, one per conversation, split at the compiled
    /// span: alone they would leave the GPU idle. Prompt chunks have workgroups enough in their
    /// columns, so they take one split, sparing the merge: on an H200 splitting them cost
    /// prefill 5-14 %, and on lavapipe each workgroup's merge costs CPU time.
    pub fn step_span(&self, n_cols: u32) -> u32 {
        match self.split_span {
            Some(span) if n_cols <= SPLIT_MAX_COLUMNS => span,
            _ => self.options.context,
        }
    }

    /// The dispatches of each transformer block, as ranges into `dispatches`, plus the ones
    /// before the first block and after the last: the units a budgeted step can stop between.
    pub fn segments(&self) -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        for i in 1..=self.dispatches.len() {
            if i == self.dispatches.len()
                || self.dispatches[i].layer != self.dispatches[start].layer
            {
                out.push(start..i);
                start = i;
            }
        }
        out
    }

    /// Bytes of weights each segment (see [`Program::segments`]) reads in one step: the
    /// dominant cost of decoding, and what a budgeted scheduler weighs segments by.
    pub fn segment_bytes(&self) -> Vec<u64> {
        let dispatch_bytes = |d: &Dispatch| -> u64 {
            // A lookup reads one row of its table per token, not the table.
            if let Grid::Embed { .. } = d.grid {
                return 0;
            }
            d.bindings
                .iter()
                .map(|(_, r)| match *r {
                    Resource::WeightQuants(i) | Resource::WeightScales(i) => {
                        let w = &self.weights[i];
                        let blocks = (w.rows * w.cols / 32) as u64;
                        match r {
                            Resource::WeightQuants(_) => blocks * w.format.block_bytes() as u64,
                            _ => blocks * 4,
                        }
                    }
                    Resource::Vector(i) => self.vectors[i].len as u64 * 4,
                    _ => 0,
                })
                .sum()
        };
        self.segments()
            .into_iter()
            .map(|range| self.dispatches[range].iter().map(dispatch_bytes).sum())
            .collect()
    }

    /// The activation buffer holding the logits.
    pub fn logits_buffer(&self) -> Option<usize> {
        self.plan.buffer_of(self.graph.output)
    }
}

/// Compiles `config` (with the types of `tensors`) into a program: build the graph, fuse,
/// plan memory, pick weight layouts, generate and validate every kernel.
pub fn compile(
    config: &ModelConfig,
    tensors: &ModelTensors,
    options: CompileOptions,
) -> Result<Program, CompileError> {
    check_options(config, &options)?;
    let mut graph = forward_graph(config);
    fuse_all(&mut graph);
    graph.check().map_err(CompileError::Unsupported)?;
    let mut plan = plan_memory(&graph);
    let splits = attention_splits(config, &graph, &options);
    // Split attention writes partials, wider than the value they stand for.
    for (&v, split) in &splits {
        if let Some(b) = plan.buffer_of(v) {
            let buffer = &mut plan.buffers[b];
            buffer.floats = buffer.floats.max(split.floats_per_column());
        }
    }
    let mut lower = Lower {
        splits,
        config,
        tensors,
        options,
        graph: &graph,
        plan: &plan,
        kernels: Vec::new(),
        kernel_ids: Default::default(),
        weights: Vec::new(),
        vectors: Vec::new(),
    };
    let mut dispatches = Vec::new();
    for node in &graph.nodes {
        dispatches.push(lower.node(node)?);
    }
    let sample = lower.sample_dispatch()?;
    let split_span = lower.splits.values().next().map(|s| s.span);
    let Lower {
        kernels,
        weights,
        vectors,
        ..
    } = lower;
    let (blocks, block_kernels) = persistent_blocks(&kernels, &dispatches, &options)?;
    Ok(Program {
        config: config.clone(),
        options,
        kernels,
        weights,
        vectors,
        dispatches,
        sample,
        split_span,
        plan,
        graph,
        blocks,
        block_kernels,
    })
}

/// The persistent block kernels (see [`CompileOptions::persistent_workgroups`]): each decoder
/// block's one-token kernels, respecialised at the largest workgroup among them, merged into one
/// kernel; blocks of equal shapes share it.
fn persistent_blocks(
    kernels: &[Kernel],
    dispatches: &[Dispatch],
    o: &CompileOptions,
) -> Result<(Vec<PersistentBlock>, Vec<BlockKernel>), CompileError> {
    let (mut blocks, mut block_kernels) = (Vec::new(), Vec::<BlockKernel>::new());
    // Each block kernel's phase kernels, groups and pattern of shared resources.
    type Shape = (Vec<KernelKey>, Vec<PhaseGroups>, Vec<(u32, usize)>);
    let mut shapes: Vec<Shape> = Vec::new();
    if o.persistent_workgroups == 0 {
        return Ok((blocks, block_kernels));
    }
    let unsupported = |m: String| Err(CompileError::Unsupported(format!("persistent blocks: {m}")));
    let mut first = 0;
    while first < dispatches.len() {
        let Some(layer) = dispatches[first].layer else {
            first += 1;
            continue;
        };
        let count = dispatches[first..]
            .iter()
            .take_while(|d| d.layer == Some(layer))
            .count();
        let block = &dispatches[first..first + count];
        let keys: Vec<KernelKey> = block.iter().map(|d| kernels[d.narrow].key).collect();
        if keys
            .iter()
            .any(|k| matches!(k, KernelKey::Linear(l) if l.k >= LONG_ROW))
        {
            // Long rows stay a dispatch a kernel (see `CompileOptions::persistent_workgroups`).
            first += count;
            continue;
        }
        let workgroup = keys
            .iter()
            .map(|k| match k {
                KernelKey::Linear(l) => l.workgroup,
                KernelKey::Attention(a) => a.workgroup,
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let subgroups = keys[0].uses_subgroups();
        let mut phase_keys = Vec::new();
        let mut groups = Vec::new();
        for (d, key) in block.iter().zip(&keys) {
            if key.uses_subgroups() != subgroups {
                return unsupported(format!("{} cannot be a phase", d.label));
            }
            let (key, g) = match (*key, d.grid) {
                (KernelKey::Linear(mut l), Grid::Linear { gather: false, .. })
                    if l.columns == 1 && l.rounds <= 1 && l.k_splits <= 1 =>
                {
                    l.workgroup = workgroup;
                    let g = l.units.div_ceil(workgroup / l.threads_per_unit);
                    (KernelKey::Linear(l), PhaseGroups::Fixed(g))
                }
                (KernelKey::Attention(mut a), Grid::Attention { heads, splits }) => {
                    a.workgroup = workgroup;
                    (
                        KernelKey::Attention(a),
                        PhaseGroups::Attention { heads, splits },
                    )
                }
                _ => return unsupported(format!("{} cannot be a phase", d.label)),
            };
            phase_keys.push(key);
            groups.push(g);
        }
        let bound: Vec<&[(u32, Resource)]> = block.iter().map(|d| d.bindings.as_slice()).collect();
        // Which bindings take the same resource (as each first takes it): with the same phase
        // kernels and groups, what decides the merged kernel.
        let flat: Vec<(u32, Resource)> = bound.iter().flat_map(|b| b.iter().copied()).collect();
        let sharing: Vec<(u32, usize)> = flat
            .iter()
            .map(|(b, r)| (*b, flat.iter().position(|(_, o)| o == r).unwrap_or(0)))
            .collect();
        let shape = (phase_keys, groups, sharing);
        let kernel = match shapes.iter().position(|s| *s == shape) {
            // A block of the same shapes: its kernel, merged once.
            Some(k) => k,
            None => {
                let (phase_keys, groups, _) = &shape;
                let sources = phase_keys
                    .iter()
                    .map(|k| k.wgsl())
                    .collect::<Result<Vec<_>, _>>()?;
                let phases: Vec<Phase<'_>> = sources
                    .iter()
                    .zip(groups)
                    .zip(&bound)
                    .map(|((wgsl, &groups), resources)| Phase {
                        wgsl,
                        resources,
                        groups,
                    })
                    .collect();
                let label = format!(
                    "block_w{workgroup}_n{}{}",
                    o.persistent_workgroups,
                    if subgroups { "_sg" } else { "" }
                );
                let merged = merge_block(
                    &label,
                    &phases,
                    workgroup,
                    o.persistent_workgroups,
                    subgroups,
                )?;
                if merged.workgroup_bytes > o.workgroup_memory {
                    return unsupported(format!(
                        "block {layer} needs {} bytes of workgroup memory, the device has {}",
                        merged.workgroup_bytes, o.workgroup_memory
                    ));
                }
                block_kernels.push(merged);
                shapes.push(shape);
                block_kernels.len() - 1
            }
        };
        let resources = block_kernels[kernel].resources(&bound);
        blocks.push(PersistentBlock {
            first,
            count,
            kernel,
            resources,
        });
        first += count;
    }
    Ok((blocks, block_kernels))
}

fn check_options(c: &ModelConfig, o: &CompileOptions) -> Result<(), CompileError> {
    let bad = |m: String| Err(CompileError::Options(m));
    if o.max_columns == 0
        || o.max_out_columns == 0
        || o.context == 0
        || o.slots == 0
        || o.tuning.wide_columns == 0
        || o.tuning.wide_columns > 32
        || o.tuning
            .batch_columns
            .to_array()
            .iter()
            .any(|&n| n == 0 || n > 32)
    {
        return bad(format!("every size must be positive: {o:?}"));
    }
    if o.max_out_columns > o.max_columns {
        return bad(format!(
            "max_out_columns {} exceeds max_columns {}",
            o.max_out_columns, o.max_columns
        ));
    }
    if let Some(s) = o.subgroup_size
        && !s.is_power_of_two()
    {
        return bad(format!("subgroup size {s} is not a power of two"));
    }
    let t = o.tuning;
    let pow2 = |v: u32| v.is_power_of_two() && v <= 1024;
    if !pow2(t.max_threads_per_unit) || !pow2(t.linear_workgroup) || !pow2(t.attention_workgroup) {
        return bad(format!(
            "tuning {t:?}: sizes must be powers of two, workgroups at most 1024"
        ));
    }
    let unsupported = |m: String| Err(CompileError::Unsupported(m));
    for (what, k) in [("hidden", c.hidden), ("ffn", c.ffn), ("q_dim", c.q_dim())] {
        if k % 32 != 0 {
            return unsupported(format!("{what} = {k} is not a multiple of 32"));
        }
    }
    if !c.head_dim.is_multiple_of(4) || c.head_dim == 0 || c.head_dim > 256 {
        return unsupported(format!(
            "head_dim = {} is not a multiple of 4 up to 256",
            c.head_dim
        ));
    }
    if c.n_kv_heads == 0 || !c.n_heads.is_multiple_of(c.n_kv_heads) {
        return unsupported(format!(
            "{} heads do not group over {} KV heads",
            c.n_heads, c.n_kv_heads
        ));
    }
    Ok(())
}

/// The GPU layout of a set of tensors concatenated by rows.
fn format_of(types: &[GgmlType]) -> WeightFormat {
    let one = |t: GgmlType| match t {
        GgmlType::Q4_0 | GgmlType::Q4_1 => WeightFormat::Q4,
        GgmlType::Q8_0 => WeightFormat::Q8,
        GgmlType::F16 => WeightFormat::F16,
        _ => WeightFormat::F32,
    };
    let first = types.first().map_or(WeightFormat::F32, |t| one(*t));
    // Concatenated parts must share a layout; where they differ, f32 holds any of them exactly.
    if types.iter().all(|t| one(*t) == first) {
        first
    } else {
        WeightFormat::F32
    }
}

/// Work units per workgroup and threads per unit for a linear kernel over `k` inputs.
fn linear_shape(k: u32, o: &CompileOptions) -> (u32, u32) {
    let blocks = k / 32;
    let mut tpu = 1;
    while tpu * 2 <= blocks && tpu < o.tuning.max_threads_per_unit {
        tpu *= 2;
    }
    if let Some(s) = o.subgroup_size {
        tpu = tpu.min(s);
    }
    (o.tuning.linear_workgroup.max(tpu), tpu)
}

/// Workgroup and threads a unit of a one-column kernel, from the tuned `shape` (see
/// [`linear_shape`]), by kind:
///
/// - Q/K/V takes half the tuned workgroup (as many threads a unit, half the units): twice the
///   workgroups, each with its own norm prologue. Measured on an H100 (one NPC, GPU us a step,
///   runs in three calls): 1.7B shapes 1,076.1 / 1,075.7 -> 1,068.5 / 1,068.7 (a quarter of
///   the workgroup: 1,127.9), SmolLM2-135M 730.9 -> 727.0 (a quarter: 728.7).
/// - Residual adds on long rows (2048 inputs and more) take [`NARROW_LONG_ROW_THREADS`]
///   threads a unit (at most a subgroup) and keep their units a workgroup, so the workgroup
///   grows (where the device allows): each thread takes half as many blocks of a row, a
///   shorter chain of dependent loads, with as many workgroups as before. Measured on an H200
///   (1.7B shapes, one NPC): the output and down projections 14.7 -> 11.7 us on average alone,
///   a step 1,278 -> 1,114 us with every kind at 512 and 32. Gate/up lost so (17.5 -> 19.0 us
///   alone; on an H100 in the chain 1,076 -> 1,108.6 us a step, with the deferred norm scale
///   1,127.3) and keeps the tuned shape, as Q/K/V does (1,095.8 at 512 and 32), whose kernel
///   at the tuned 16 threads loads all its blocks before the prologue and defers the norm
///   scale (see `kernels.rs`).
/// - The LM head on long rows takes the same shape as those adds: H100, 1.7B shapes,
///   1,076.1 -> 1,073.3 us (twice); with the Q/K/V rule 1,065.2 / 1,065.9.
/// - Residual adds on short rows take at most [`NARROW_SHORT_ADD_THREADS`]: SmolLM2-135M's
///   down projection (48 blocks a row) then gives each of 16 lanes three blocks, where 32
///   lanes took one or two: H100, 725.1 / 725.0 -> 722.3 / 722.5 us a step. (Its output
///   projection, 18 blocks, has 16 already; 8 measured 737.8 against 730.9.)
///
/// Gate/up keeps the tuned shape: 512 threads at 16 a unit 1,080.7 us, 128 at 16 1,117.0,
/// 256 at 8 1,182.9, its first two or three blocks a lane loaded before the prologue instead
/// of all four 1,079.1 / 1,073.5 (H100, 1.7B shapes, against 1,076.2 / 1,064.8).
fn narrow_shape(
    k: u32,
    epilogue: &LinearEpilogue,
    gather: bool,
    (workgroup, tpu): (u32, u32),
    o: &CompileOptions,
) -> (u32, u32) {
    let long = k >= LONG_ROW && k / 32 >= 2 * NARROW_LONG_ROW_THREADS;
    match epilogue {
        LinearEpilogue::QkvRope { .. } => ((workgroup / 2).max(tpu), tpu),
        LinearEpilogue::Add if long => widen_units((workgroup, tpu), NARROW_LONG_ROW_THREADS, o),
        LinearEpilogue::Add => (workgroup, tpu.min(NARROW_SHORT_ADD_THREADS)),
        LinearEpilogue::Store if long && gather => {
            widen_units((workgroup, tpu), NARROW_LONG_ROW_THREADS, o)
        }
        _ => (workgroup, tpu),
    }
}

/// `shape` (workgroup, threads a unit) with `threads` a unit (at most a subgroup) and as many
/// units a workgroup, so a bigger workgroup, where the device allows; else `shape`.
fn widen_units(shape: (u32, u32), threads: u32, o: &CompileOptions) -> (u32, u32) {
    let (workgroup, tpu) = shape;
    let threads = threads.min(o.subgroup_size.unwrap_or(u32::MAX));
    let grown = workgroup / tpu * threads;
    if threads <= tpu || grown > o.max_workgroup_threads {
        shape
    } else {
        (grown, threads)
    }
}

/// Threads a unit of the kernel for large batches (8-16 tokens) of a residual add on long rows
/// that is not split (the output projection; the down projection is split-K): twice
/// [`LONG_ROW_THREADS`], with as many units a workgroup (512 threads under the tuned 256).
/// Measured on an H200 (1.7B shapes, one call, each twice): 8 NPCs' GPU time a step 2,961 /
/// 2,965 -> 2,798 / 2,798 us (the output projection 21.5 -> 17.3 us), 12 NPCs 4,255 -> 4,249,
/// 16 NPCs 4,986 -> 4,946. The same for Q/K/V made it slower (32.6 -> 36.4 us); 16 threads at
/// 256 (half the units) 22.9 -> 20.2 us but a slower step, 32 at 1,024 threads 18.4 us and a
/// slower step, 4 threads 28.9 us.
const LARGE_ADD_THREADS: u32 = 16;

/// Threads of the sampler's workgroup (one a column), where the device allows: each thread
/// scans fewer logits. Measured on an H100 against 256 (GPU time a step, same call): 1.7B one
/// NPC 1,168.9 / 1,166.6 -> 1,163.3 us, 135M one NPC 734.3 -> 731.8 and 735.4 -> 732.0, eight
/// NPCs 1,075.0 -> 1,070.8 and 1,075.3 -> 1,072.6; the sampler alone 14 -> 10.6 us.
const SAMPLE_WORKGROUP: u32 = 1024;

/// Threads a unit of the one-column residual-add kernels on long rows (see
/// [`narrow_shape`]).
const NARROW_LONG_ROW_THREADS: u32 = 32;

/// Most threads a unit of the one-column residual-add kernels on short rows (see
/// [`narrow_shape`]).
const NARROW_SHORT_ADD_THREADS: u32 = 16;

/// Threads per unit of a kernel for several columns: fewer than for one, so each thread takes
/// at least two blocks. Every block a thread takes serves all the columns, while the
/// reduction across a unit costs a shuffle per column and step; with one block per thread
/// (the LM head: 18 blocks, 16 threads) the shuffles outweighed the arithmetic. More blocks
/// per thread serialise their loads instead: measured on an H200 (SmolLM2-135M), at least
/// four blocks gave 3,878 tok/s for 8 conversations and 18,496 for a 512-token prefill, at
/// least two 4,644 and 16,748, at least one 4,189 and 11,367. Conversations decoding
/// together matter more to a game than prompts, which the prefix cache mostly spares.
///
/// In kernels for prompt chunks and large batches (`many`), long rows (2048 and more: 64
/// blocks and up) take at most [`LONG_ROW_THREADS`] threads a unit, whatever one column's
/// kernels take. Measured on an H100 (1.7B shapes, one call): a 512-token prefill 2,768 ->
/// 4,123 tok/s; in batch kernels 8 conversations 1,762 -> 1,907 and 16 2,006 -> 2,228, but 4
/// 1,456 -> 1,237 (half as many workgroups where there are few), so steps of fewer than
/// [`LARGE_BATCH_COLUMNS`] keep theirs; one column's kernels lost 13 % at 8.
fn wide_threads_per_unit(k: u32, narrow: u32, many: bool) -> u32 {
    let mut tpu = narrow;
    if many && k >= LONG_ROW {
        tpu = tpu.min(LONG_ROW_THREADS);
    }
    while tpu > 1 && (k / 32) / tpu < 2 {
        tpu /= 2;
    }
    tpu
}

/// Inputs from which a row is long (the 1.7B shapes' 2048 and 8192; SmolLM2-135M's 576 and
/// 1536 are short): where the rules for kernel shapes below switch.
const LONG_ROW: u32 = 2048;

/// Most threads a unit of a kernel for prompt chunks or large batches takes on rows of
/// [`LONG_ROW`] and more.
const LONG_ROW_THREADS: u32 = 8;

/// Whether the `kind` kernel of a linear dispatch is tiled (`LinearKey::tiled`: lanes take
/// units of two gate/up pairs, [`LONG_ROW_THREADS`] slices of the input, [`TILED_COLUMNS`]
/// columns a workgroup): gate/up on long rows for large batches, where the epilogue has no
/// biases (`biased`). Measured on an H100 (1.7B shapes, tok/s before / after in one call):
/// with one pair a unit 8 NPCs 1,917 -> 2,102 and 16 NPCs 2,221 -> 2,487 (gate/up for 8:
/// 66.9 -> 54.7 us); two pairs, another call, 2,146 -> 2,207 and 2,548 -> 2,676 (54.3 -> 51.5
/// us). 16 slices instead of 8 (a subgroup no longer reads one input at a time) gave the gain
/// back (66.0 us), and so did workgroups of 512 threads (58.4 us). Tiled Q/K/V and O/down
/// kernels were slower for 8 NPCs (32 -> 37 and 33 -> 50 us: 96 and 64 workgroups, and O/down
/// reads an input per row; at 4 columns 37 and 35), steps of 2-7 gained nothing (4 NPCs 1,441
/// -> 1,451), and prompt chunks lost to untiled four-row units (512-token prefill 4,151 ->
/// 3,573 with one pair, 4,023 -> 3,961 with two). On SmolLM2-135M's short rows (576) tiled
/// gate/up for 8 NPCs took 15.6 us at 8 columns and 12.2 at 4 against 12.5 (48 or 96
/// workgroups), and a tiled LM head for 8 NPCs 205.8 us against 168.9 untiled (1.7B).
fn tiled_for(kind: KernelFor, epilogue: &LinearEpilogue, k: u32, biased: bool) -> bool {
    kind == KernelFor::LargeBatch
        && k >= LONG_ROW
        && !biased
        && matches!(epilogue, LinearEpilogue::SiluMul { .. })
}

/// Columns a workgroup of the LM head's kernel for large batches takes on long rows: read
/// once for 8 NPCs, not once per tuned batch width. Measured on an H100 (1.7B shapes, 8 NPCs,
/// one call): 217.0 -> 168.9 us at 8 (Q8 weights of 107 MB, more than the L2 holds, were
/// read four times at 2), 237.3 at 16; on SmolLM2-135M's short rows 8 columns took 105.3 us
/// against 69.5 at its tuned 4 (its 30 MB of weights stay in L2), so there the batch width
/// stays. Its units are four neighbouring rows: 168.6 -> 137.8 us in another call, where four
/// rows made the large-batch Q/K/V and O/down kernels slower (32.4 -> 42.7, 33.0 -> 45.3 us).
const HEAD_LARGE_COLUMNS: u32 = 8;

/// Threads a unit of the LM head's kernels for batches on short rows (below [`LONG_ROW`]): each
/// thread takes a row's blocks in turn for all its columns (9 of SmolLM2-135M's 18), not 2 or 3 of
/// them (the tuned 8 threads, which left lanes 2-7 a block short) followed by a reduction; its
/// 49,152 rows leave workgroups enough. Measured on an H100 (135M, GPU us a step, twice each in one
/// call): 4 NPCs 889.3 / 888.3 -> 879.0 / 879.2, 8 NPCs 1,074.2 / 1,073.3 -> 1,053.9 / 1,053.5
/// (7,420 -> 7,564 tok/s), 16 NPCs 1,465.5 / 1,464.4 -> 1,423.6 / 1,423.5; 1 thread 886.0 / 1,052.1
/// / 1,418.0, 4 threads 884.3 / 1,065.2 / 1,447.1. The 1.7B shapes' long rows keep
/// `LONG_ROW_THREADS` (2 threads there: 8 NPCs 2,924.5 -> 2,917.0, 16 NPCs 5,108.9 -> 5,102.3,
/// within noise; 1 thread 8 NPCs 3,005.7). Two threads for every batch kernel of short rows made 8
/// NPCs 1,174.5 (gate/up then has too few workgroups).
const HEAD_BATCH_THREADS: u32 = 2;

/// Columns a workgroup of a tiled kernel takes: each dequantised weight serves them all.
/// Measured as [`tiled_for`] says, 8 NPCs' gate/up at 4 columns: 60.7 us against 54.7 at 8
/// with one pair a unit, 55.5 against 51.5 with two.
const TILED_COLUMNS: u32 = 8;

/// Spans the input of a residual add's kernel for large batches is split into on rows of at
/// least [`SPLIT_MIN_K`] (`LinearKey::k_splits`; 1: none): the down projection of the 1.7B
/// shapes (rows of 8192) has 2048 rows, too few to fill a GPU with workgroups of 64 rows,
/// and each of its threads walks 32 blocks in turn. Measured on an H100 (1.7B shapes, 8 NPCs,
/// one call, the splits' sums not yet merged): the down projection 43.1 us at 2 columns a
/// workgroup unsplit, 35.9 in 4 splits at 4 columns, 30.6 in 8 at 4, 35.7 in 8 at 8, 42.0 in
/// 16 at 8; the output projection (rows of 2048) 22.2 unsplit, 17.7 in 4 at 4, 19.2 in 8 —
/// less than the merge kernel's dispatch costs, so it stays whole.
fn split_k_for(kind: KernelFor, epilogue: &LinearEpilogue, k: u32, biased: bool) -> u32 {
    let splits = SPLIT_K;
    if kind == KernelFor::LargeBatch
        && k >= SPLIT_MIN_K
        && k.is_multiple_of(32 * splits)
        && !biased
        && matches!(epilogue, LinearEpilogue::Add)
    {
        splits
    } else {
        1
    }
}

/// Splits of a split-K kernel (see [`split_k_for`]).
const SPLIT_K: u32 = 8;

/// Shortest rows whose residual add is split for large batches (see [`split_k_for`]).
const SPLIT_MIN_K: u32 = 4096;

/// Columns a workgroup of a split-K kernel takes (see [`split_k_for`]).
const SPLIT_COLUMNS: u32 = 4;

/// Which steps a linear kernel is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KernelFor {
    /// One token.
    One,
    /// 2 to [`LARGE_BATCH_COLUMNS`] − 1 tokens.
    Batch,
    /// [`LARGE_BATCH_COLUMNS`] to [`BATCH_MAX_COLUMNS`] tokens.
    LargeBatch,
    /// More: prompt chunks.
    Prompt,
}

/// Elements of a `k`-wide input staged through workgroup memory per pass for `columns`
/// columns: all of it when it fits beside the kernel's other workgroup memory, else 0 (read
/// from storage). The template can stage in chunks; the compiler does not ask it to.
///
/// Kernels that merge split attention (`combine`) always stage, in chunks if need be.
fn stage_chunk(k: u32, columns: u32, workgroup: u32, combine: bool, o: &CompileOptions) -> u32 {
    if !o.tuning.stage_inputs && !combine {
        return 0;
    }
    // The reduction array and column scales (see linear.wgsl), and some slack.
    let other = 4 * (workgroup * columns + columns) + 256;
    // Only whole inputs: measured on an H100, staging in several chunks (with a barrier pair
    // each) costs more than it saves, while staging a whole input pays off.
    // Staged inputs take 9 slots per 8 (a bank-conflict pad; see linear.wgsl).
    let room = o.workgroup_memory.saturating_sub(other) / (4 * columns) * 8 / 9;
    if room >= k {
        k
    } else if (columns > 1 || combine) && room >= 256 {
        // Kernels for several columns read each input once per row and column: in chunks is
        // still far better than from storage, once per weight block.
        let chunk = room / 32 * 32;
        // Even chunks: the last one is not a sliver.
        let n = k.div_ceil(chunk);
        (k.div_ceil(n)).div_ceil(32) * 32
    } else {
        0
    }
}

/// Columns per workgroup of a linear dispatch's kernel for batches and of its kernel for prompt
/// chunks: `most` is how many columns it can have (the step's, or the LM head's out columns),
/// `batch` its kind's tuned batch width. Without steps longer than a batch there is no
/// prompt-chunk kernel (`None`): the batch kernel serves them.
fn linear_widths(most: u32, batch: u32, o: &CompileOptions) -> (u32, Option<u32>) {
    let wide = (o.max_columns > BATCH_MAX_COLUMNS).then(|| most.min(o.tuning.wide_columns));
    (most.min(BATCH_MAX_COLUMNS).min(batch), wide)
}

/// Workgroups a kernel for several columns keeps, at least, when it takes rounds of rows.
/// Measured on an H100 (LM head, 8 columns): 16 rounds of 768 workgroups beat 2 rounds of
/// 6144 by 1.6×, as the prologue is what the rounds share.
const MIN_WORKGROUPS: u32 = 512;

/// Rounds of rows per workgroup (see `LinearKey::rounds`): for kernels of several columns
/// with many more workgroups than a GPU needs, as the LM head (49k rows) has. Their prologue
/// reads every column's input; rounds share it among more rows. Inputs staged in chunks are
/// restaged each round, so those kernels keep one.
fn rounds(
    units: u32,
    columns: u32,
    units_per_group: u32,
    k: u32,
    workgroup: u32,
    combine: bool,
    o: &CompileOptions,
) -> u32 {
    let chunk = stage_chunk(k, columns, workgroup, combine, o);
    if columns == 1 || (chunk != 0 && chunk != k) {
        return 1;
    }
    let groups = units.div_ceil(units_per_group);
    let mut r = 1;
    while r < 16 && groups / (2 * r) >= MIN_WORKGROUPS {
        r *= 2;
    }
    r
}

/// The attention outputs to split over the keys, and how: those whose only reader is a
/// linear kernel that can merge the partials as it stages its input (no norm, no gather).
fn attention_splits(
    c: &ModelConfig,
    g: &Graph,
    o: &CompileOptions,
) -> std::collections::BTreeMap<ValueId, AttentionSplit> {
    let mut out = std::collections::BTreeMap::new();
    let t = o.tuning;
    if t.attention_span == 0 {
        return out;
    }
    let span = t.attention_span.max(o.context.div_ceil(MAX_SPLITS));
    let splits = o.context.div_ceil(span);
    // The reader merges the partials while staging its input: all its kernels (one column,
    // batches, prompt chunks) must stage.
    let k = c.q_dim() as u32;
    let (workgroup, _) = linear_shape(k, o);
    let (batch, wide) = linear_widths(o.max_columns, t.batch_columns.add, o);
    let stages = [1, batch]
        .into_iter()
        .chain(wide)
        .all(|n| stage_chunk(k, n, workgroup, true, o) > 0);
    if splits < 2 || !stages {
        return out;
    }
    let split = AttentionSplit {
        heads: c.n_heads as u32,
        head_dim: c.head_dim as u32,
        span,
        splits,
    };
    for n in &g.nodes {
        let (Op::Attention { .. }, Some(v)) = (&n.op, n.output) else {
            continue;
        };
        let users = g.users(v);
        let merges = match users.as_slice() {
            [u] => matches!(&g.nodes[*u].op, Op::Linear(l)
                if l.norm.is_none() && !l.gather && g.nodes[*u].inputs[0] == v),
            _ => false,
        };
        if merges && v != g.output {
            out.insert(v, split);
        }
    }
    out
}

/// Threads per attention workgroup: the tuning's, and at least one per vec4 of a head.
fn attention_workgroup(c: &ModelConfig, o: &CompileOptions) -> u32 {
    o.tuning
        .attention_workgroup
        .max((c.head_dim as u32 / 4).next_power_of_two())
}

struct Lower<'a> {
    /// Attention outputs computed split, with partials (see [`attention_splits`]).
    splits: std::collections::BTreeMap<ValueId, AttentionSplit>,
    config: &'a ModelConfig,
    tensors: &'a ModelTensors,
    options: CompileOptions,
    graph: &'a Graph,
    plan: &'a MemoryPlan,
    kernels: Vec<Kernel>,
    kernel_ids: std::collections::HashMap<KernelKey, usize>,
    weights: Vec<WeightBuffer>,
    vectors: Vec<VectorBuffer>,
}

impl<'a> Lower<'a> {
    fn kernel(&mut self, key: KernelKey) -> Result<usize, CompileError> {
        if let Some(&id) = self.kernel_ids.get(&key) {
            return Ok(id);
        }
        let label = key.to_string();
        let wgsl = key.wgsl()?;
        let bindings = reflect(&label, &wgsl, key.uses_subgroups())?;
        self.kernels.push(Kernel {
            key,
            label: label.clone(),
            wgsl,
            bindings,
        });
        self.kernel_ids.insert(key, self.kernels.len() - 1);
        Ok(self.kernels.len() - 1)
    }

    fn tensor(&self, role: TensorRole) -> Result<&'a natter_model::TensorRef, CompileError> {
        role.resolve(self.tensors)
            .ok_or_else(|| CompileError::MissingTensor(role.to_string()))
    }

    /// The weight buffer of `parts` (concatenated by rows), created on first use.
    fn weight(&mut self, parts: &[TensorRole]) -> Result<usize, CompileError> {
        // A tied LM head is the embedding table: one buffer serves both.
        let parts: Vec<TensorRole> = parts
            .iter()
            .map(|&r| {
                if r == TensorRole::LmHead && self.tensors.output.is_none() {
                    TensorRole::TokenEmbd
                } else {
                    r
                }
            })
            .collect();
        if let Some(i) = self.weights.iter().position(|w| w.parts == parts) {
            return Ok(i);
        }
        let refs = parts
            .iter()
            .map(|&r| self.tensor(r))
            .collect::<Result<Vec<_>, _>>()?;
        let cols = refs[0].cols();
        if let Some(bad) = refs.iter().find(|t| t.cols() != cols) {
            return Err(CompileError::Unsupported(format!(
                "{} has rows of {}, not {cols}",
                bad.name,
                bad.cols()
            )));
        }
        let types: Vec<GgmlType> = refs.iter().map(|t| t.ty).collect();
        let label = parts
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("+");
        self.weights.push(WeightBuffer {
            label,
            format: format_of(&types),
            rows: refs.iter().map(|t| t.rows()).sum(),
            cols,
            parts,
        });
        Ok(self.weights.len() - 1)
    }

    fn vector(&mut self, parts: &[TensorRole]) -> Result<usize, CompileError> {
        if let Some(i) = self.vectors.iter().position(|v| v.parts == parts) {
            return Ok(i);
        }
        let len = parts
            .iter()
            .map(|&r| self.tensor(r).map(|t| t.elements()))
            .sum::<Result<usize, _>>()?;
        let label = parts
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("+");
        self.vectors.push(VectorBuffer {
            label,
            parts: parts.to_vec(),
            len,
        });
        Ok(self.vectors.len() - 1)
    }

    fn activation(&self, v: ValueId) -> Result<Resource, CompileError> {
        self.plan
            .buffer_of(v)
            .map(Resource::Activation)
            .ok_or_else(|| {
                CompileError::Unsupported(format!(
                    "value {} has no buffer",
                    self.graph.value(v).name
                ))
            })
    }

    /// The sampler, reading the logits buffer.
    fn sample_dispatch(&mut self) -> Result<Dispatch, CompileError> {
        let logits = self.activation(self.graph.output)?;
        let k = self.kernel(KernelKey::Sample(SampleKey {
            workgroup: SAMPLE_WORKGROUP.min(self.options.max_workgroup_threads),
            vocab: self.config.vocab as u32,
            subgroups: self.options.subgroup_size.is_some(),
        }))?;
        Ok(Dispatch {
            label: "sample".into(),
            layer: None,
            narrow: k,
            batch: k,
            batch_large: k,
            wide: k,
            batch_q: k,
            batch_large_q: k,
            bindings: vec![
                (0, Resource::Params),
                (1, Resource::Columns),
                (2, logits),
                (3, Resource::OutColumns),
                (4, Resource::Sampling),
                (5, Resource::Chosen),
            ],
            grid: Grid::Out,
            partial_output: false,
            merge: None,
        })
    }

    fn node(&mut self, node: &crate::ir::Node) -> Result<Dispatch, CompileError> {
        let c = self.config;
        let o = self.options;
        let output = node
            .output
            .ok_or(CompileError::Unlowered { op: node.op.name() })?;
        let out = self.activation(output)?;
        let label = match node.layer {
            Some(l) => format!("blk{l}.{}", node.op.name()),
            None => node.op.name().to_string(),
        };
        // The linear dispatches' kernels for conversations decoding together.
        let mut quantised = None;
        let (narrow, batch, batch_large, wide, mut bindings, grid, merge) = match &node.op {
            Op::Embed => {
                let w = self.weight(&[TensorRole::TokenEmbd])?;
                let key = KernelKey::Embed(EmbedKey {
                    workgroup: 64,
                    hidden: c.hidden as u32,
                    vocab: c.vocab as u32,
                    format: self.weights[w].format,
                });
                let k = self.kernel(key)?;
                let bindings = vec![
                    (0, Resource::Params),
                    (1, Resource::Columns),
                    (2, Resource::WeightQuants(w)),
                    (3, Resource::WeightScales(w)),
                    (4, out),
                ];
                (
                    k,
                    k,
                    k,
                    k,
                    bindings,
                    Grid::Embed {
                        hidden: c.hidden as u32,
                        workgroup: 64,
                    },
                    None,
                )
            }
            Op::Attention { layer } => {
                let split = self.splits.get(&output).copied();
                // A split takes `span` keys: no more threads than that (but one per vec4 of a
                // head). Measured on an H200 (1.7B shapes, 8 conversations): 256 threads for
                // 64-key splits made attention 1.5× slower than 64.
                let mut workgroup = attention_workgroup(c, &o);
                if let Some(s) = split {
                    let head = (c.head_dim as u32 / 4).next_power_of_two();
                    workgroup = workgroup.min(s.span.next_power_of_two()).max(head);
                }
                let key = KernelKey::Attention(AttentionKey {
                    workgroup,
                    subgroups: o.subgroup_size.is_some(),
                    head_dim: c.head_dim as u32,
                    heads: c.n_heads as u32,
                    kv_heads: c.n_kv_heads as u32,
                    context: o.context,
                    split,
                });
                let k = self.kernel(key)?;
                let q = self.activation(node.inputs[0])?;
                let bindings = vec![
                    (0, Resource::Params),
                    (1, Resource::Columns),
                    (2, q),
                    (3, Resource::KeyCache(*layer)),
                    (4, Resource::ValueCache(*layer)),
                    (5, out),
                ];
                (
                    k,
                    k,
                    k,
                    k,
                    bindings,
                    Grid::Attention {
                        heads: c.n_heads as u32,
                        splits: split.map_or(1, |s| s.splits),
                    },
                    None,
                )
            }
            Op::Linear(l) => {
                let w = self.weight(&l.weights)?;
                let wb = &self.weights[w];
                let (k_in, rows, format) = (wb.cols as u32, wb.rows as u32, wb.format);
                let (epilogue, units, y_stride) = match l.epilogue {
                    Epilogue::Store => (LinearEpilogue::Store, rows, rows),
                    Epilogue::AddInPlace => (LinearEpilogue::Add, rows, rows),
                    Epilogue::SiluMul => (
                        LinearEpilogue::SiluMul { ffn: rows / 2 },
                        rows / 2,
                        rows / 2,
                    ),
                    Epilogue::QkvRope { .. } => (
                        LinearEpilogue::QkvRope {
                            q_dim: c.q_dim() as u32,
                            kv_dim: c.kv_dim() as u32,
                            head_dim: c.head_dim as u32,
                            kv_heads: c.n_kv_heads as u32,
                            context: o.context,
                            neox: c.rope_style == RopeStyle::Neox,
                        },
                        rows / 2,
                        c.q_dim() as u32,
                    ),
                };
                let (workgroup, narrow_tpu) = linear_shape(k_in, &o);
                let combine = self.splits.get(&node.inputs[0]).copied();
                // `quantise`: a kernel for conversations decoding together (see
                // `Dispatch::batch_q`).
                let key = |columns, kind: KernelFor, quantise: bool| {
                    let (workgroup, narrow_tpu) = match columns {
                        1 => narrow_shape(k_in, &epilogue, l.gather, (workgroup, narrow_tpu), &o),
                        _ => (workgroup, narrow_tpu),
                    };
                    let prompt = kind == KernelFor::Prompt;
                    // Batch kernels skip the columns a step lacks.
                    let skip_absent = columns > 1 && !prompt;
                    // (One column never splits: where a step has at most one, the kernel
                    // for large batches has one column.)
                    let k_splits = match columns {
                        1 => 1,
                        _ => split_k_for(kind, &epilogue, k_in, !l.biases.is_empty()),
                    };
                    // The output projection for large batches on long rows (see
                    // `LARGE_ADD_THREADS`).
                    let large_add = kind == KernelFor::LargeBatch
                        && columns > 1
                        && k_splits == 1
                        && k_in >= LONG_ROW
                        && !l.gather
                        && epilogue == LinearEpilogue::Add;
                    let (workgroup, large_tpu) = match large_add {
                        true => widen_units(
                            (workgroup, wide_threads_per_unit(k_in, narrow_tpu, true)),
                            LARGE_ADD_THREADS,
                            &o,
                        ),
                        false => (workgroup, 0),
                    };
                    let chunk =
                        stage_chunk(k_in / k_splits, columns, workgroup, combine.is_some(), &o);
                    // Tiled units are two gate/up pairs (four rows; see `tiled_for`).
                    let tiled = columns > 1
                        && chunk > 0
                        && units % 2 == 0
                        && tiled_for(kind, &epilogue, k_in, !l.biases.is_empty());
                    let tpu = if tiled {
                        LONG_ROW_THREADS
                    } else if large_add {
                        large_tpu
                    } else if columns > 1 && l.gather && !prompt && k_in < LONG_ROW {
                        HEAD_BATCH_THREADS.min(narrow_tpu)
                    } else if columns > 1 {
                        wide_threads_per_unit(k_in, narrow_tpu, kind != KernelFor::Batch)
                    } else {
                        narrow_tpu
                    };
                    // Rows a unit computes: its epilogue's (gate/up and RoPE pairs take two),
                    // more in kernels for several columns where rows are long, so that each
                    // input read from workgroup memory serves them all. Measured on an H200
                    // with 8 conversations: two neighbouring rows made the 1.7B shapes' O/down
                    // projections 40 -> 31 us and LM head 290 -> 249 us (+10 % tok/s, +13 %
                    // prefill), while SmolLM2-135M's short rows (576, 1536) lost 5 %: half as
                    // many workgroups on latency-bound kernels. Prompt-chunk kernels take four
                    // (two gate/up or RoPE pairs, or four neighbours; staged inputs only):
                    // 1.7B prefill 1.20x on an H100; in batch kernels four rows made gate/up
                    // for 8 conversations 76.8 -> 90.0 us (half as many workgroups, four blocks
                    // in registers a thread), while the tiled gate/up kernel for large batches
                    // gained from two pairs (see `tiled_for`).
                    let base = epilogue.rows();
                    // The four-row epilogues of gate/up and store/add have no biases (the
                    // Q/K/V one is the pair epilogue's, twice).
                    let quad_ok = (prompt || tiled || (kind == KernelFor::LargeBatch && l.gather))
                        && chunk > 0
                        && (l.biases.is_empty()
                            || matches!(epilogue, LinearEpilogue::QkvRope { .. }));
                    let unit_rows = match (columns > 1 && k_in >= LONG_ROW, base) {
                        (false, _) => base,
                        (true, 1) if quad_ok && units % 4 == 0 => 4,
                        (true, 1) if units % 2 == 0 => 2,
                        (true, 2) if quad_ok && units % 2 == 0 => 4,
                        _ => base,
                    };
                    let units = units * base / unit_rows;
                    KernelKey::Linear(LinearKey {
                        unit_rows,
                        skip_absent,
                        workgroup,
                        threads_per_unit: tpu,
                        k: k_in,
                        units,
                        y_stride,
                        columns,
                        format,
                        norm_eps_bits: l.norm.map(|_| c.rms_eps.to_bits()),
                        bias: !l.biases.is_empty(),
                        gather: l.gather,
                        epilogue,
                        subgroups: o.subgroup_size.is_some(),
                        chunk,
                        rounds: if tiled || k_splits > 1 {
                            1
                        } else {
                            rounds(
                                units,
                                columns,
                                workgroup / tpu,
                                k_in,
                                workgroup,
                                combine.is_some(),
                                &o,
                            )
                        },
                        combine,
                        tiled,
                        k_splits,
                        partial_columns: if k_splits > 1 {
                            o.max_columns.min(BATCH_MAX_COLUMNS)
                        } else {
                            0
                        },
                        quantised_inputs: quantise
                            && matches!(kind, KernelFor::Batch | KernelFor::LargeBatch)
                            && o.quantise_batches
                            && columns > 1
                            && chunk > 0
                            && o.subgroup_size.is_some_and(|s| s >= 8)
                            && matches!(format, WeightFormat::Q4 | WeightFormat::Q8),
                    })
                };
                let narrow = self.kernel(key(1, KernelFor::One, false))?;
                let most = if l.gather {
                    o.max_out_columns
                } else {
                    o.max_columns
                };
                let (batch_cols, wide_cols) =
                    linear_widths(most, o.tuning.batch_columns.of(&epilogue, l.gather), &o);
                let batch = self.kernel(key(batch_cols, KernelFor::Batch, false))?;
                let batch_q = self.kernel(key(batch_cols, KernelFor::Batch, true))?;
                // The same kernel unless rows are long.
                let large_cols = if l.gather && k_in >= LONG_ROW {
                    HEAD_LARGE_COLUMNS.min(most.min(BATCH_MAX_COLUMNS))
                } else if tiled_for(KernelFor::LargeBatch, &epilogue, k_in, !l.biases.is_empty()) {
                    TILED_COLUMNS.min(most.min(BATCH_MAX_COLUMNS))
                } else if split_k_for(KernelFor::LargeBatch, &epilogue, k_in, !l.biases.is_empty())
                    > 1
                {
                    SPLIT_COLUMNS.min(most.min(BATCH_MAX_COLUMNS))
                } else {
                    batch_cols
                };
                let batch_large = self.kernel(key(large_cols, KernelFor::LargeBatch, false))?;
                let batch_large_q = self.kernel(key(large_cols, KernelFor::LargeBatch, true))?;
                quantised = Some((batch_q, batch_large_q));
                // A split-K kernel's partials are added to the output by a merge kernel.
                let merge = match self.kernels[batch_large].key {
                    KernelKey::Linear(lk) if lk.k_splits > 1 => Some(Merge {
                        kernel: self.kernel(KernelKey::Merge(MergeKey {
                            workgroup: 64,
                            width: y_stride,
                            splits: lk.k_splits,
                            partial_columns: lk.partial_columns,
                        }))?,
                        bindings: vec![
                            (0, Resource::Params),
                            (1, out),
                            (2, Resource::SplitPartials),
                        ],
                    }),
                    _ => None,
                };
                let wide = match wide_cols {
                    Some(w) => self.kernel(key(w, KernelFor::Prompt, false))?,
                    None => batch,
                };
                let input = self.activation(node.inputs[0])?;
                let mut bindings = vec![
                    (0, Resource::Params),
                    (1, Resource::Columns),
                    (2, Resource::WeightQuants(w)),
                    (3, Resource::WeightScales(w)),
                    (4, input),
                    (5, out),
                ];
                if let Some(n) = l.norm {
                    bindings.push((6, Resource::Vector(self.vector(&[n])?)));
                }
                if !l.biases.is_empty() {
                    bindings.push((7, Resource::Vector(self.vector(&l.biases)?)));
                }
                bindings.push((8, Resource::OutColumns));
                bindings.push((12, Resource::SplitPartials));
                if let Epilogue::QkvRope { layer } = l.epilogue {
                    bindings.push((9, Resource::KeyCache(layer)));
                    bindings.push((10, Resource::ValueCache(layer)));
                    bindings.push((11, Resource::RopeTable));
                }
                (
                    narrow,
                    batch,
                    batch_large,
                    wide,
                    bindings,
                    Grid::Linear {
                        units,
                        gather: l.gather,
                    },
                    merge,
                )
            }
            other => return Err(CompileError::Unlowered { op: other.name() }),
        };
        // Keep only what the specialised kernels read: their layouts have nothing else (each
        // kernel's bind group takes its own; a split-K kernel writes partials, not the output).
        let (batch_q, batch_large_q) = quantised.unwrap_or((batch, batch_large));
        let used: Vec<u32> = [narrow, batch, batch_large, wide, batch_q, batch_large_q]
            .iter()
            .flat_map(|&k| self.kernels[k].bindings.iter().map(|b| b.binding))
            .collect();
        bindings.retain(|(b, _)| used.contains(b));
        for k in [narrow, batch, batch_large, wide, batch_q, batch_large_q] {
            if let KernelKey::Linear(l) = self.kernels[k].key
                && l.combine.is_some()
                && l.chunk == 0
            {
                return Err(CompileError::Unsupported(format!(
                    "{}: merging split attention needs staged inputs",
                    self.kernels[k].label
                )));
            }
        }
        Ok(Dispatch {
            label,
            layer: node.layer,
            narrow,
            batch,
            batch_large,
            wide,
            batch_q,
            batch_large_q,
            bindings,
            grid,
            partial_output: self.splits.contains_key(&output),
            merge,
        })
    }
}

impl Columns {
    /// Columns of this kind a buffer needs under `options`.
    pub fn capacity(self, options: &CompileOptions) -> u32 {
        match self {
            Columns::Step => options.max_columns,
            Columns::Out => options.max_out_columns,
        }
    }
}
