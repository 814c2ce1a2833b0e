//! Typed kernel keys: what a kernel is specialised on, and the WGSL each key generates.
//!
//! Every kernel has one source, a template in `shaders/`. A key names every choice the
//! template leaves open; equal keys give equal WGSL, so pipelines are cached on the key.

use std::fmt;

use crate::error::CompileError;
use crate::template::{Defines, specialise};

const LINEAR_WGSL: &str = include_str!("../../../shaders/linear.wgsl");
const ATTENTION_WGSL: &str = include_str!("../../../shaders/attention.wgsl");
const EMBED_WGSL: &str = include_str!("../../../shaders/embed.wgsl");
const SAMPLE_WGSL: &str = include_str!("../../../shaders/sample.wgsl");
const MERGE_WGSL: &str = include_str!("../../../shaders/merge.wgsl");

/// Most weight blocks a lane of a one-column kernel without a norm loads before its prologue.
const PREFETCH_MAX_BLOCKS: u32 = 8;

/// How a weight matrix sits in GPU memory after repacking (see `linear.wgsl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WeightFormat {
    /// 4-bit blocks of 32 with an f16 (scale, min) pair: Q4_1, and Q4_0 with min = −8·scale.
    Q4,
    /// 8-bit blocks of 32 with an f16 scale: Q8_0.
    Q8,
    /// Plain f16.
    F16,
    /// Plain f32: F32 and BF16 weights, and K-quants until they have kernels of their own.
    F32,
}

impl WeightFormat {
    /// Bytes of `w_q` per block of 32 elements.
    pub fn block_bytes(self) -> usize {
        match self {
            WeightFormat::Q4 => 16,
            WeightFormat::Q8 => 32,
            WeightFormat::F16 => 64,
            WeightFormat::F32 => 128,
        }
    }

    /// Whether blocks carry a scale pair in `w_s`.
    pub fn has_scales(self) -> bool {
        matches!(self, WeightFormat::Q4 | WeightFormat::Q8)
    }

    fn flag(self) -> &'static str {
        match self {
            WeightFormat::Q4 => "FMT_Q4",
            WeightFormat::Q8 => "FMT_Q8",
            WeightFormat::F16 => "FMT_F16",
            WeightFormat::F32 => "FMT_F32",
        }
    }
}

/// The epilogue of a linear kernel, with the shapes it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinearEpilogue {
    Store,
    Add,
    SiluMul {
        ffn: u32,
    },
    QkvRope {
        q_dim: u32,
        kv_dim: u32,
        head_dim: u32,
        kv_heads: u32,
        context: u32,
        neox: bool,
    },
}

impl LinearEpilogue {
    /// Rows the epilogue combines into its outputs: the gate/up and RoPE pairs take two.
    pub fn rows(&self) -> u32 {
        match self {
            LinearEpilogue::SiluMul { .. } | LinearEpilogue::QkvRope { .. } => 2,
            LinearEpilogue::Store | LinearEpilogue::Add => 1,
        }
    }
}

/// A specialisation of `linear.wgsl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LinearKey {
    /// Threads per workgroup.
    pub workgroup: u32,
    /// Threads per work unit (a power of two).
    pub threads_per_unit: u32,
    /// Input width (a multiple of 32).
    pub k: u32,
    /// Work units: output rows, or row pairs for `SiluMul`/`QkvRope`.
    pub units: u32,
    /// Width of one output column.
    pub y_stride: u32,
    /// Columns each workgroup computes.
    pub columns: u32,
    pub format: WeightFormat,
    /// RMSNorm folded in, with its epsilon's bits.
    pub norm_eps_bits: Option<u32>,
    pub bias: bool,
    /// Input read at the out columns (the LM head).
    pub gather: bool,
    pub epilogue: LinearEpilogue,
    /// Reduce with subgroup shuffles instead of workgroup memory.
    pub subgroups: bool,
    /// Elements of the input staged through workgroup memory at a time (0: read from
    /// storage directly).
    pub chunk: u32,
    /// Rounds of rows each workgroup computes one after another, so that the per-workgroup
    /// prologue (norm, staging) serves more rows. With more than one, `chunk` is 0 or `k`.
    pub rounds: u32,
    /// The input is split attention's partials, merged while staged (needs `chunk > 0`).
    pub combine: Option<AttentionSplit>,
    /// Rows each unit computes (`units` counts such groups): 1, or the pair of `SiluMul` and
    /// `QkvRope`; 2 neighbouring rows (`Store`, `Add`), or 4 — two gate/up or RoPE pairs, or
    /// four neighbours (staged inputs only) — so each staged input read serves them all.
    pub unit_rows: u32,
    /// Skips the arithmetic of columns the step does not have: for the kernels of batches,
    /// whose width may exceed a step's. Prompt-chunk kernels run full groups but the last, and
    /// the test per column cost them 5-9 % of the prefill rate on an H100.
    pub skip_absent: bool,
    /// Lanes take units (with several columns, staged inputs, four rows a unit: two gate/up
    /// pairs): a unit's `threads_per_unit` threads are a workgroup's `workgroup /
    /// threads_per_unit` units apart, each takes every `threads_per_unit`-th block of the
    /// input for all columns, and their sums meet in workgroup memory. A subgroup then reads
    /// the same staged input at once (a broadcast) and each read serves the unit's four rows.
    pub tiled: bool,
    /// Split-K: workgroups along z split the input's blocks into this many spans, each
    /// writing its dot products to a partials buffer of `partial_columns` columns, which a
    /// [`MergeKey`] kernel then adds to the output (residual adds of several columns only).
    /// 1: not split.
    pub k_splits: u32,
    /// Columns of the partials buffer (see `k_splits`).
    pub partial_columns: u32,
    /// Inputs quantised to 8 bits per 32 while staged (as llama.cpp's Q8_1 blocks: a scale
    /// and 32 signed bytes), and the weights' blocks multiplied with them by 4x8-bit integer
    /// dot products: a quarter of the workgroup memory traffic and arithmetic of f32. Kernels
    /// of several columns with staged inputs, Q4 or Q8 weights and subgroups of at least 8
    /// (a block's 8 staging lanes find its largest magnitude by shuffles); the compiler picks
    /// them for steps of several conversations (`CompileOptions::quantise_batches`).
    pub quantised_inputs: bool,
}

/// How split (flash-decoding) attention divides each column's keys: see `attention.wgsl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AttentionSplit {
    pub heads: u32,
    pub head_dim: u32,
    /// Keys per split.
    pub span: u32,
    /// Splits of a whole context: `context.div_ceil(span)`.
    pub splits: u32,
}

impl AttentionSplit {
    /// Floats per column of the partials: for every head and split, the weighted values and a
    /// vec4 of (max, sum).
    pub fn floats_per_column(&self) -> usize {
        (self.heads * self.splits * (self.head_dim + 4)) as usize
    }
}

/// A specialisation of `attention.wgsl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AttentionKey {
    pub workgroup: u32,
    /// Reduce with subgroup operations.
    pub subgroups: bool,
    pub head_dim: u32,
    pub heads: u32,
    pub kv_heads: u32,
    pub context: u32,
    /// Split over the keys, with partial results for the next kernel to merge.
    pub split: Option<AttentionSplit>,
}

/// A specialisation of `embed.wgsl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EmbedKey {
    pub workgroup: u32,
    pub hidden: u32,
    pub vocab: u32,
    pub format: WeightFormat,
}

/// A specialisation of `merge.wgsl`: adds a split-K kernel's partials to the residual stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MergeKey {
    pub workgroup: u32,
    /// Width of one column of the output.
    pub width: u32,
    /// Splits to add.
    pub splits: u32,
    /// Columns of the partials buffer.
    pub partial_columns: u32,
}

/// A specialisation of `sample.wgsl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SampleKey {
    pub workgroup: u32,
    pub vocab: u32,
    /// Reduce with subgroup operations.
    pub subgroups: bool,
}

/// Any kernel natter generates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KernelKey {
    Linear(LinearKey),
    Attention(AttentionKey),
    Embed(EmbedKey),
    Sample(SampleKey),
    Merge(MergeKey),
}

impl fmt::Display for KernelKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KernelKey::Linear(k) => {
                let epi = match k.epilogue {
                    LinearEpilogue::Store => "store",
                    LinearEpilogue::Add => "add",
                    LinearEpilogue::SiluMul { .. } => "silu",
                    LinearEpilogue::QkvRope { .. } => "qkv",
                };
                write!(
                    f,
                    "linear_{epi}_{:?}_k{}_u{}_b{}",
                    k.format, k.k, k.units, k.columns
                )?;
                if k.norm_eps_bits.is_some() {
                    write!(f, "_norm")?;
                }
                if k.gather {
                    write!(f, "_gather")?;
                }
                if k.subgroups {
                    write!(f, "_sg")?;
                }
                if k.chunk > 0 {
                    write!(f, "_kc{}", k.chunk)?;
                }
                if k.rounds > 1 {
                    write!(f, "_r{}", k.rounds)?;
                }
                if let Some(split) = k.combine {
                    write!(f, "_comb{}x{}", split.splits, split.span)?;
                }
                if k.unit_rows > k.epilogue.rows() {
                    write!(f, "_{}r", k.unit_rows)?;
                }
                if k.skip_absent {
                    write!(f, "_skip")?;
                }
                if k.tiled {
                    write!(f, "_tiled")?;
                }
                if k.k_splits > 1 {
                    write!(f, "_ks{}", k.k_splits)?;
                }
                if k.quantised_inputs {
                    write!(f, "_q8x")?;
                }
                Ok(())
            }
            KernelKey::Attention(k) => {
                let sg = if k.subgroups { "_sg" } else { "" };
                write!(
                    f,
                    "attention_h{}_kv{}_d{}_ctx{}{sg}",
                    k.heads, k.kv_heads, k.head_dim, k.context
                )?;
                if let Some(split) = k.split {
                    write!(f, "_split{}x{}", split.splits, split.span)?;
                }
                Ok(())
            }
            KernelKey::Embed(k) => write!(f, "embed_{:?}_h{}", k.format, k.hidden),
            KernelKey::Sample(k) => {
                let sg = if k.subgroups { "_sg" } else { "" };
                write!(f, "sample_v{}{sg}", k.vocab)
            }
            KernelKey::Merge(k) => write!(f, "merge_w{}_s{}", k.width, k.splits),
        }
    }
}

/// Formats an `f32` as a WGSL literal that parses back to the same value.
fn wgsl_f32(v: f32) -> String {
    // `{:?}` prints the shortest representation that round-trips.
    let s = format!("{v:?}");
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

impl KernelKey {
    /// Workgroup size along x.
    pub fn workgroup(&self) -> u32 {
        match self {
            KernelKey::Linear(k) => k.workgroup,
            KernelKey::Attention(k) => k.workgroup,
            KernelKey::Embed(k) => k.workgroup,
            KernelKey::Sample(k) => k.workgroup,
            KernelKey::Merge(k) => k.workgroup,
        }
    }

    /// Whether the kernel uses subgroup operations (and so needs `Features::SUBGROUP`).
    pub fn uses_subgroups(&self) -> bool {
        match self {
            KernelKey::Linear(k) => k.subgroups,
            KernelKey::Attention(k) => k.subgroups,
            KernelKey::Sample(k) => k.subgroups,
            _ => false,
        }
    }

    /// The specialised WGSL source.
    pub fn wgsl(&self) -> Result<String, CompileError> {
        match self {
            KernelKey::Linear(k) => {
                if k.tiled && (k.unit_rows != 4 || k.columns < 2 || k.chunk == 0) {
                    return Err(CompileError::Unsupported(format!(
                        "{self}: tiled kernels take four rows a unit, several columns and \
                         staged inputs"
                    )));
                }
                if k.quantised_inputs
                    && (k.columns < 2
                        || k.chunk == 0
                        || !k.subgroups
                        || !matches!(k.format, WeightFormat::Q4 | WeightFormat::Q8))
                {
                    return Err(CompileError::Unsupported(format!(
                        "{self}: quantised inputs need several columns, staged inputs, \
                         subgroups and Q4 or Q8 weights"
                    )));
                }
                let split = k.k_splits > 1;
                if split
                    && (k.epilogue != LinearEpilogue::Add
                        || k.tiled
                        || k.unit_rows > 2
                        || k.columns < 2
                        || k.rounds > 1
                        || k.bias
                        || k.partial_columns == 0
                        || !k.k.is_multiple_of(32 * k.k_splits))
                {
                    return Err(CompileError::Unsupported(format!(
                        "{self}: split-K kernels are residual adds of several columns, one or \
                         two rows a unit, no biases, whole blocks a split"
                    )));
                }
                let mut d = Defines::default()
                    .value("WG", k.workgroup)
                    .value("TPU", k.threads_per_unit)
                    .value("K", k.k)
                    .value("UNITS", k.units)
                    .value("Y_STRIDE", k.y_stride)
                    .value("B", k.columns)
                    // Enough for a tree over the workgroup, or a partial per subgroup and column.
                    .value("RED", k.workgroup * k.columns)
                    .flag(k.format.flag(), true)
                    .flag("NORM", k.norm_eps_bits.is_some())
                    .value(
                        "EPS",
                        wgsl_f32(f32::from_bits(k.norm_eps_bits.unwrap_or(0))),
                    )
                    .flag("BIAS", k.bias)
                    .flag("INDIRECT", k.gather)
                    .flag("SUBGROUP", k.subgroups)
                    .flag("STAGE", k.chunk > 0)
                    .flag("WIDE", k.columns > 1)
                    .value("KC", k.chunk)
                    .value("ROUNDS", k.rounds.max(1))
                    .flag("COMBINE", k.combine.is_some())
                    .flag("SKIP", k.skip_absent && k.columns > 1)
                    .flag("TILED", k.tiled)
                    .flag("Q8X", k.quantised_inputs)
                    .flag("SPLITK", split)
                    .value("KS", k.k_splits.max(1))
                    .value("P_COLS", k.partial_columns)
                    // Columns whose epilogue each thread of a tiled kernel writes.
                    .value("CPT", k.columns.div_ceil(k.threads_per_unit));
                // One column with a norm, staged whole: the norm's reads of the input are
                // kept in registers for the staging (see `stage_kept`).
                let keep = k.columns == 1
                    && k.norm_eps_bits.is_some()
                    && k.chunk == k.k
                    && k.combine.is_none();
                // One-column kernels of Q4 or Q8 weights that stage their whole input load
                // their blocks before the prologue (`PREFETCH`), where that measured faster:
                // - at most two blocks a lane (every such kernel of SmolLM2-135M; H200: 0.3 µs
                //   off each);
                // - three or four with a norm and subgroups (the 1.7B shapes' Q/K/V, gate/up
                //   and LM head), which then also defer the norm scale (`DEFER`: the inputs
                //   are staged unscaled, the scale multiplies the finished dot products, and
                //   the staging's barrier is the kernel's only one). H100, GPU µs a one-NPC
                //   step, each twice in one call: gate/up 1,165.7 / 1,166.0 -> 1,140.7 /
                //   1,141.9, prefetching alone 1,168.8 / 1,168.0; deferring with two blocks
                //   a lane (SmolLM2-135M) 3.5 % slower; the LM head then 1,099.9 / 1,101.2
                //   -> 1,093.8 / 1,097.8;
                // - up to eight without a norm (the 1.7B shapes' down projection: its staging
                //   is 8,192 inputs): 1,146.4 / 1,140.6 -> 1,105.9 / 1,100.8.
                // Kernels timed alone measured slower so (down 14.0 -> 18.3 µs): what they
                // gain is overlap with the prologue that only a chain of steps shows. Steps of
                // 8 and 16 NPCs run none of these kernels (their profile is unchanged to 0.1 %)
                // yet measured 1 % slower with them in every call (2,920 -> 2,957 / 2,970 µs),
                // not explained, until the tiled kernel's own prefetch made up for it.
                let per_lane = (k.k / 32).div_ceil(k.threads_per_unit);
                let one = k.columns == 1
                    && matches!(k.format, WeightFormat::Q4 | WeightFormat::Q8)
                    && k.chunk == k.k;
                let defer = one && keep && k.subgroups && (3..=4).contains(&per_lane);
                let prefetch = one
                    && (per_lane <= 2
                        || defer
                        || (k.norm_eps_bits.is_none() && per_lane <= PREFETCH_MAX_BLOCKS));
                d = d
                    .flag("DEFER", defer)
                    .flag("PREFETCH", prefetch)
                    .value("PF", if prefetch { per_lane } else { 0 })
                    .flag("KEEP", keep)
                    .value("NV", (k.k / 4).div_ceil(k.workgroup))
                    // Each thread's share of a staged chunk (see `stage_inputs`).
                    .value("SN", (k.columns * k.chunk / 4).div_ceil(k.workgroup).max(1));
                if let Some(split) = k.combine {
                    d = d
                        .value("A_HEAD_DIM", split.head_dim)
                        .value("A_HEADS", split.heads)
                        .value("A_SPLITS", split.splits);
                }
                let pair = k.unit_rows == 2;
                d = d.flag("QUAD", k.unit_rows == 4);
                d = match k.epilogue {
                    LinearEpilogue::Store => d.flag("TWO_ROWS", pair).flag("PAIR", pair),
                    LinearEpilogue::Add => d
                        .flag("ADD", true)
                        .flag("TWO_ROWS", pair)
                        .flag("PAIR", pair),
                    LinearEpilogue::SiluMul { ffn } => {
                        d.flag("SILU", true).flag("PAIR", true).value("FFN", ffn)
                    }
                    LinearEpilogue::QkvRope {
                        q_dim,
                        kv_dim,
                        head_dim,
                        kv_heads,
                        context,
                        neox,
                    } => d
                        .flag("QKV", true)
                        .flag("PAIR", true)
                        .flag("ROPE_NEOX", neox)
                        .value("Q_DIM", q_dim)
                        .value("KV_DIM", kv_dim)
                        .value("HEAD_DIM", head_dim)
                        .value("KV_HEADS", kv_heads)
                        .value("CTX", context),
                };
                specialise("linear.wgsl", LINEAR_WGSL, &d)
            }
            KernelKey::Attention(k) => {
                let mut d = Defines::default()
                    .value("WG", k.workgroup)
                    .value("HEAD_DIM", k.head_dim)
                    .value("N_HEADS", k.heads)
                    .value("KV_HEADS", k.kv_heads)
                    .value("CTX", k.context)
                    .flag("SUBGROUP", k.subgroups)
                    .flag("SPLIT", k.split.is_some());
                // Values loaded before the scores, KPT per thread (a tile's keys over the
                // groups of threads), for heads of up to 64 dimensions (registers). A tile is
                // a whole workgroup of keys: a prompt chunk's single split spans many tiles.
                let d4 = k.head_dim / 4;
                let kpt = k.workgroup.div_ceil(k.workgroup / d4);
                let prefetch = k.head_dim <= 64;
                // Likewise each thread's key of the first tile, before the query is shared
                // (D4N vec4s in registers).
                d = d
                    .flag("VPREFETCH", prefetch)
                    .value("KPT", if prefetch { kpt } else { 0 })
                    .flag("KPREFETCH", prefetch)
                    .value("D4N", d4);
                if let Some(split) = k.split {
                    d = d.value("SPAN", split.span).value("SPLITS", split.splits);
                }
                specialise("attention.wgsl", ATTENTION_WGSL, &d)
            }
            KernelKey::Embed(k) => {
                let d = Defines::default()
                    .value("WG", k.workgroup)
                    .value("HIDDEN", k.hidden)
                    .value("VOCAB", k.vocab)
                    .flag(k.format.flag(), true);
                specialise("embed.wgsl", EMBED_WGSL, &d)
            }
            KernelKey::Merge(k) => {
                let d = Defines::default()
                    .value("WG", k.workgroup)
                    .value("WIDTH", k.width)
                    .value("KS", k.splits)
                    .value("P_COLS", k.partial_columns);
                specialise("merge.wgsl", MERGE_WGSL, &d)
            }
            KernelKey::Sample(k) => {
                // Each thread's vec4s of the vocabulary in as few rounds of loads as allow at
                // most 8 at once (registers: a workgroup of 1,024 threads has 64 a thread);
                // 4 a round where a thread has more than 32.
                let per_thread = (k.vocab / 4).div_ceil(k.workgroup).max(1);
                let rounds = per_thread.div_ceil(8);
                let per_round = if rounds <= 4 {
                    per_thread.div_ceil(rounds)
                } else {
                    4
                };
                let d = Defines::default()
                    .value("WG", k.workgroup)
                    .value("VOCAB", k.vocab)
                    .value("LR", per_round)
                    .flag("SUBGROUP", k.subgroups)
                    .flag("VEC4", k.vocab % 4 == 0);
                specialise("sample.wgsl", SAMPLE_WGSL, &d)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wgsl_f32;

    #[test]
    fn float_literals_round_trip() {
        for v in [1e-5f32, 1e-5, 1.0, 0.5, 1e-6] {
            let s = wgsl_f32(v);
            assert_eq!(s.parse::<f32>().unwrap(), v, "{s}");
            assert!(
                s.contains('.') || s.contains('e'),
                "{s} must read as a float in WGSL"
            );
        }
    }
}
