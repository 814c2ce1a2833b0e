//! The IR interpreter: runs a graph on the CPU with the reference's own operations.
//!
//! It gives every pass a test — run the graph before and after, compare — and ties the graph
//! builder to the CPU reference: the unfused graph over one column is the reference forward
//! pass, operation for operation, so their logits are bitwise equal.

use std::collections::BTreeMap;

use natter_model::{Model, ModelConfig, ops};

use crate::error::CompileError;
use crate::ir::{Epilogue, Graph, Kv, Linear, Node, Op, TensorRole, ValueId};

/// One token of a step: the KV slot of its conversation, its position there, and its id.
///
/// `#[repr(C)]` and 16 bytes: the runtime uploads these as they are for the kernels' `Column`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Column {
    pub slot: u32,
    pub pos: u32,
    pub token: u32,
    pub pad: u32,
}

impl Column {
    pub fn new(slot: u32, pos: u32, token: u32) -> Self {
        Column {
            slot,
            pos,
            token,
            pad: 0,
        }
    }
}

/// Dequantised weights by role, for the interpreter.
pub struct CpuWeights {
    tensors: BTreeMap<TensorRole, Vec<f32>>,
}

impl CpuWeights {
    /// Dequantises every tensor `graph` refers to.
    pub fn load(model: &Model, graph: &Graph) -> Result<Self, CompileError> {
        let mut roles = vec![TensorRole::TokenEmbd];
        for n in &graph.nodes {
            match &n.op {
                Op::RmsNorm { weight } => roles.push(*weight),
                Op::MatMul { weight, bias } => roles.extend(std::iter::once(*weight).chain(*bias)),
                Op::Linear(l) => {
                    roles.extend(l.norm.iter().chain(&l.weights).chain(&l.biases).copied())
                }
                _ => {}
            }
        }
        let mut tensors = BTreeMap::new();
        for r in roles {
            if tensors.contains_key(&r) {
                continue;
            }
            let t = r
                .resolve(model.tensors())
                .ok_or_else(|| CompileError::MissingTensor(r.to_string()))?;
            tensors.insert(r, model.dequantize(t)?);
        }
        Ok(CpuWeights { tensors })
    }

    fn get(&self, r: TensorRole) -> Result<&[f32], CompileError> {
        self.tensors
            .get(&r)
            .map(Vec::as_slice)
            .ok_or_else(|| CompileError::MissingTensor(r.to_string()))
    }
}

/// The KV cache of every slot, per layer: `[slots][kv heads][context][head_dim]`.
#[derive(Clone)]
pub struct CpuKv {
    pub slots: usize,
    pub context: usize,
    keys: Vec<Vec<f32>>,
    values: Vec<Vec<f32>>,
}

impl CpuKv {
    pub fn new(config: &ModelConfig, slots: usize, context: usize) -> Self {
        let len = slots * config.n_kv_heads * context * config.head_dim;
        CpuKv {
            slots,
            context,
            keys: vec![vec![0.0; len]; config.n_layers],
            values: vec![vec![0.0; len]; config.n_layers],
        }
    }

    /// The whole cache of `layer`, as the GPU lays it out.
    pub fn layer(&self, layer: usize, kv: Kv) -> &[f32] {
        if kv == Kv::Keys {
            &self.keys[layer]
        } else {
            &self.values[layer]
        }
    }

    /// The cache of one slot of `layer`: `[kv heads][context][head_dim]`.
    fn slot(&self, layer: usize, kv: Kv, slot: usize) -> &[f32] {
        let per = self.keys[layer].len() / self.slots;
        let all = if kv == Kv::Keys {
            &self.keys[layer]
        } else {
            &self.values[layer]
        };
        &all[slot * per..(slot + 1) * per]
    }

    /// Writes `row` (one vector per KV head) at `col`'s slot and position.
    fn store(&mut self, c: &ModelConfig, layer: usize, kv: Kv, col: Column, row: &[f32]) {
        let all = if kv == Kv::Keys {
            &mut self.keys[layer]
        } else {
            &mut self.values[layer]
        };
        for h in 0..c.n_kv_heads {
            let dst = ((col.slot as usize * c.n_kv_heads + h) * self.context + col.pos as usize)
                * c.head_dim;
            all[dst..dst + c.head_dim].copy_from_slice(&row[h * c.head_dim..(h + 1) * c.head_dim]);
        }
    }
}

/// Runs `graph` for the tokens `columns` and returns the logits of the columns listed in `out`,
/// `[out.len()][vocab]` flattened. Updates `kv`.
pub fn interpret(
    graph: &Graph,
    config: &ModelConfig,
    weights: &CpuWeights,
    kv: &mut CpuKv,
    columns: &[Column],
    out: &[u32],
) -> Result<Vec<f32>, CompileError> {
    let values = trace(graph, config, weights, kv, columns, out)?;
    values
        .get(&graph.output)
        .map(|v| v.concat())
        .ok_or_else(|| CompileError::Step("the output was never produced".into()))
}

/// Every value of a step, by id: `[columns][width]`.
pub type Trace = BTreeMap<ValueId, Vec<Vec<f32>>>;

/// As [`interpret`], returning every intermediate value (for testing kernels one by one).
pub fn trace(
    graph: &Graph,
    config: &ModelConfig,
    weights: &CpuWeights,
    kv: &mut CpuKv,
    columns: &[Column],
    out: &[u32],
) -> Result<Trace, CompileError> {
    trace_quantised(graph, config, weights, kv, columns, out, &[])
}

/// As [`trace`], with the inputs of the linear nodes whose index `quantised` marks true
/// quantised as the kernels that do so quantise them (see [`quantise_blocks`]).
pub fn trace_quantised(
    graph: &Graph,
    config: &ModelConfig,
    weights: &CpuWeights,
    kv: &mut CpuKv,
    columns: &[Column],
    out: &[u32],
    quantised: &[bool],
) -> Result<Trace, CompileError> {
    for col in columns {
        if col.slot as usize >= kv.slots
            || col.pos as usize >= kv.context
            || col.token as usize >= config.vocab
        {
            return Err(CompileError::Step(format!(
                "column {col:?} is outside the cache or vocabulary"
            )));
        }
    }
    if let Some(o) = out.iter().find(|o| **o as usize >= columns.len()) {
        return Err(CompileError::Step(format!(
            "out column {o} of {} columns",
            columns.len()
        )));
    }
    let mut vals: BTreeMap<ValueId, Vec<Vec<f32>>> = BTreeMap::new();
    let get = |vals: &BTreeMap<ValueId, Vec<Vec<f32>>>,
               v: ValueId|
     -> Result<Vec<Vec<f32>>, CompileError> {
        vals.get(&v).cloned().ok_or_else(|| {
            CompileError::Step(format!("{} read before written", graph.value(v).name))
        })
    };
    for (index, node) in graph.nodes.iter().enumerate() {
        let inputs = node
            .inputs
            .iter()
            .map(|v| get(&vals, *v))
            .collect::<Result<Vec<_>, _>>()?;
        let quantise = quantised.get(index).copied().unwrap_or(false);
        let result = eval_node(config, weights, kv, node, &inputs, columns, out, quantise)?;
        if let (Some(v), Some(r)) = (node.output, result) {
            vals.insert(v, r);
        }
    }
    Ok(vals)
}

/// Runs one node of a step on `inputs` (its input values, `[columns][width]` each), as
/// [`trace`] does; with `quantise`, a linear node's inputs are quantised as kernels with
/// quantised inputs do (see [`quantise_blocks`]). Returns its output, if it has one. For
/// testing one kernel on the inputs the GPU gave it.
#[allow(clippy::too_many_arguments)]
pub fn eval_node(
    config: &ModelConfig,
    weights: &CpuWeights,
    kv: &mut CpuKv,
    node: &Node,
    inputs: &[Vec<Vec<f32>>],
    columns: &[Column],
    out: &[u32],
    quantise: bool,
) -> Result<Option<Vec<Vec<f32>>>, CompileError> {
    Ok(match &node.op {
        Op::Embed => {
            let table = weights.get(TensorRole::TokenEmbd)?;
            let h = config.hidden;
            Some(
                columns
                    .iter()
                    .map(|c| table[c.token as usize * h..(c.token as usize + 1) * h].to_vec())
                    .collect(),
            )
        }
        Op::RmsNorm { weight } => Some(rms_norm(config, weights.get(*weight)?, &inputs[0])),
        Op::MatMul { weight, bias } => Some(matmul(weights, *weight, *bias, &inputs[0])?),
        Op::Rope => Some(
            inputs[0]
                .iter()
                .zip(columns)
                .map(|(x, c)| rope(config, x, c.pos as usize))
                .collect(),
        ),
        Op::StoreKv { layer, kv: which } => {
            for (x, c) in inputs[0].iter().zip(columns) {
                kv.store(config, *layer, *which, *c, x);
            }
            None
        }
        Op::Attention { layer } => Some(attention(config, kv, *layer, &inputs[0], columns)),
        Op::SiluMul => Some(
            inputs[0]
                .iter()
                .zip(&inputs[1])
                .map(|(g, u)| {
                    let mut g = g.clone();
                    ops::silu_mul(&mut g, u);
                    g
                })
                .collect(),
        ),
        Op::Add => Some(
            inputs[0]
                .iter()
                .zip(&inputs[1])
                .map(|(a, b)| add(a, b))
                .collect(),
        ),
        Op::Gather => Some(out.iter().map(|&o| inputs[0][o as usize].clone()).collect()),
        Op::Linear(l) => linear(config, weights, kv, l, inputs, columns, out, quantise)?,
    })
}

/// Every 32 values of `x` as kernels with quantised inputs see them (`LinearKey::
/// quantised_inputs`, llama.cpp's Q8_1 blocks): the block's largest magnitude over 127 times
/// signed bytes, rounded to nearest with ties to even as WGSL's `round`.
pub fn quantise_blocks(x: &mut [f32]) {
    for block in x.chunks_mut(32) {
        let amax = block.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let inv = if amax > 0.0 { 127.0 / amax } else { 0.0 };
        let d = amax / 127.0;
        for v in block {
            *v = (*v * inv).round_ties_even().clamp(-127.0, 127.0) * d;
        }
    }
}

fn add(a: &[f32], b: &[f32]) -> Vec<f32> {
    a.iter().zip(b).map(|(a, b)| a + b).collect()
}

fn rms_norm(c: &ModelConfig, w: &[f32], xs: &[Vec<f32>]) -> Vec<Vec<f32>> {
    xs.iter()
        .map(|x| {
            let mut y = vec![0.0; x.len()];
            ops::rms_norm(x, w, c.rms_eps, &mut y);
            y
        })
        .collect()
}

fn matmul(
    w: &CpuWeights,
    weight: TensorRole,
    bias: Option<TensorRole>,
    xs: &[Vec<f32>],
) -> Result<Vec<Vec<f32>>, CompileError> {
    let m = w.get(weight)?;
    let b = bias.map(|b| w.get(b)).transpose()?;
    Ok(xs
        .iter()
        .map(|x| {
            let mut y = vec![0.0; m.len() / x.len()];
            ops::matvec(m, x, b, &mut y);
            y
        })
        .collect())
}

fn rope(c: &ModelConfig, x: &[f32], pos: usize) -> Vec<f32> {
    let mut y = x.to_vec();
    ops::rope(
        &mut y,
        pos,
        c.head_dim,
        c.rope_base,
        c.rope_style,
        c.rope_freq_factors.as_deref(),
    );
    y
}

fn attention(
    c: &ModelConfig,
    kv: &CpuKv,
    layer: usize,
    qs: &[Vec<f32>],
    columns: &[Column],
) -> Vec<Vec<f32>> {
    qs.iter()
        .zip(columns)
        .map(|(q, col)| {
            let mut out = vec![0.0; q.len()];
            let keys = kv.slot(layer, Kv::Keys, col.slot as usize);
            let values = kv.slot(layer, Kv::Values, col.slot as usize);
            let len = col.pos as usize + 1;
            ops::attention(
                q,
                keys,
                values,
                kv.context,
                len,
                c.n_heads,
                c.n_kv_heads,
                c.head_dim,
                &mut out,
            );
            out
        })
        .collect()
}

/// A fused linear node, computed as exactly the primitive sequence it replaced.
#[allow(clippy::too_many_arguments)]
fn linear(
    c: &ModelConfig,
    w: &CpuWeights,
    kv: &mut CpuKv,
    l: &Linear,
    inputs: &[Vec<Vec<f32>>],
    columns: &[Column],
    out: &[u32],
    quantise: bool,
) -> Result<Option<Vec<Vec<f32>>>, CompileError> {
    let mut x = inputs[0].clone();
    if l.gather {
        x = out.iter().map(|&o| x[o as usize].clone()).collect();
    }
    if let Some(n) = l.norm {
        x = rms_norm(c, w.get(n)?, &x);
    }
    if quantise {
        x.iter_mut().for_each(|x| quantise_blocks(x));
    }
    let bias = |i: usize| l.biases.get(i).copied();
    Ok(Some(match l.epilogue {
        Epilogue::Store => matmul(w, l.weights[0], bias(0), &x)?,
        Epilogue::AddInPlace => {
            let y = matmul(w, l.weights[0], bias(0), &x)?;
            inputs[1].iter().zip(&y).map(|(r, y)| add(r, y)).collect()
        }
        Epilogue::SiluMul => {
            let g = matmul(w, l.weights[0], None, &x)?;
            let u = matmul(w, l.weights[1], None, &x)?;
            g.into_iter()
                .zip(&u)
                .map(|(mut g, u)| {
                    ops::silu_mul(&mut g, u);
                    g
                })
                .collect()
        }
        Epilogue::QkvRope { layer } => {
            let q = matmul(w, l.weights[0], bias(0), &x)?;
            let k = matmul(w, l.weights[1], bias(1), &x)?;
            let v = matmul(w, l.weights[2], bias(2), &x)?;
            let q: Vec<Vec<f32>> = q
                .iter()
                .zip(columns)
                .map(|(q, col)| rope(c, q, col.pos as usize))
                .collect();
            for ((k, v), col) in k.iter().zip(&v).zip(columns) {
                kv.store(c, layer, Kv::Keys, *col, &rope(c, k, col.pos as usize));
                kv.store(c, layer, Kv::Values, *col, v);
            }
            q
        }
    }))
}
