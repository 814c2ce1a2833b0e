//! The graph IR of one forward step over a set of token columns.
//!
//! A step runs `n_cols` tokens ("columns"): the tokens of one prompt chunk (prefill) or one
//! token of each of several conversations (batched decode) — the graph is the same, because
//! every column carries its own KV slot and position. Values are `[columns][width]` matrices
//! of `f32`; nodes are kept in a valid execution order, and passes preserve it.

use std::fmt;

use natter_model::{LayerTensors, ModelTensors, TensorRef};

/// Which of the model's tensors a weight is, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TensorRole {
    TokenEmbd,
    OutputNorm,
    /// The LM head (the embedding table when tied).
    LmHead,
    Layer(usize, LayerRole),
}

/// A tensor of a transformer block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LayerRole {
    AttnNorm,
    Wq,
    Wk,
    Wv,
    Bq,
    Bk,
    Bv,
    Wo,
    FfnNorm,
    Gate,
    Up,
    Down,
}

impl TensorRole {
    /// The tensor playing this role in `t`, if the model has one.
    pub fn resolve<'t>(self, t: &'t ModelTensors) -> Option<&'t TensorRef> {
        let layer = |l: &'t LayerTensors, r: LayerRole| -> Option<&'t TensorRef> {
            Some(match r {
                LayerRole::AttnNorm => &l.attn_norm,
                LayerRole::Wq => &l.wq,
                LayerRole::Wk => &l.wk,
                LayerRole::Wv => &l.wv,
                LayerRole::Bq => return l.bq.as_ref(),
                LayerRole::Bk => return l.bk.as_ref(),
                LayerRole::Bv => return l.bv.as_ref(),
                LayerRole::Wo => &l.wo,
                LayerRole::FfnNorm => &l.ffn_norm,
                LayerRole::Gate => &l.w_gate,
                LayerRole::Up => &l.w_up,
                LayerRole::Down => &l.w_down,
            })
        };
        match self {
            TensorRole::TokenEmbd => Some(&t.token_embd),
            TensorRole::OutputNorm => Some(&t.output_norm),
            TensorRole::LmHead => Some(t.lm_head()),
            TensorRole::Layer(i, r) => t.layers.get(i).and_then(|l| layer(l, r)),
        }
    }
}

impl fmt::Display for TensorRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TensorRole::TokenEmbd => write!(f, "token_embd"),
            TensorRole::OutputNorm => write!(f, "output_norm"),
            TensorRole::LmHead => write!(f, "lm_head"),
            TensorRole::Layer(l, r) => write!(f, "blk.{l}.{r:?}"),
        }
    }
}

/// Index of a value in [`Graph::values`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ValueId(pub usize);

/// How many columns a value has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// One per token of the step.
    Step,
    /// One per output column (the tokens whose logits are wanted).
    Out,
}

/// An intermediate result: `[columns][width]` of `f32`.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub name: String,
    pub width: usize,
    pub columns: Columns,
}

/// Keys or values of the KV cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kv {
    Keys,
    Values,
}

/// What a fused linear node does with its finished dot products.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Epilogue {
    /// `y = W x`.
    Store,
    /// `y = residual + W x`, written over the residual (inputs: `[x, residual]`).
    AddInPlace,
    /// `y = silu(W_gate x) * (W_up x)`; weights `[gate, up]`.
    SiluMul,
    /// Weights `[wq, wk, wv]`: queries rotated into `y`; keys rotated and values stored into the
    /// layer's KV cache at each column's slot and position.
    QkvRope { layer: usize },
}

/// A matrix product with its neighbours folded in: the unit the code generator emits.
#[derive(Clone, Debug, PartialEq)]
pub struct Linear {
    /// RMSNorm applied to the input first (its weight), if folded in.
    pub norm: Option<TensorRole>,
    /// Matrices whose rows are concatenated, in order.
    pub weights: Vec<TensorRole>,
    /// Bias per matrix (all or none).
    pub biases: Vec<TensorRole>,
    pub epilogue: Epilogue,
    /// Reads the input at the out columns only (the LM head of a prompt chunk).
    pub gather: bool,
}

/// An operation of the graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Each column's token row of the embedding table. No inputs.
    Embed,
    /// RMSNorm with `weight`.
    RmsNorm { weight: TensorRole },
    /// `y = W x (+ b)`.
    MatMul {
        weight: TensorRole,
        bias: Option<TensorRole>,
    },
    /// Rotates every head of the input by its column's position.
    Rope,
    /// Writes the input (one row per KV head) into the layer's cache. No output.
    StoreKv { layer: usize, kv: Kv },
    /// Causal attention of the queries over the layer's cache (after its `StoreKv`s).
    Attention { layer: usize },
    /// `silu(a) * b`.
    SiluMul,
    /// `a + b`.
    Add,
    /// The out columns of the input.
    Gather,
    /// A fused matrix product.
    Linear(Linear),
}

impl Op {
    /// A short name for diagnostics and kernel labels.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Embed => "embed",
            Op::RmsNorm { .. } => "rms_norm",
            Op::MatMul { .. } => "matmul",
            Op::Rope => "rope",
            Op::StoreKv { .. } => "store_kv",
            Op::Attention { .. } => "attention",
            Op::SiluMul => "silu_mul",
            Op::Add => "add",
            Op::Gather => "gather",
            Op::Linear(l) => match l.epilogue {
                Epilogue::Store => "linear",
                Epilogue::AddInPlace => "linear_add",
                Epilogue::SiluMul => "linear_silu",
                Epilogue::QkvRope { .. } => "linear_qkv",
            },
        }
    }
}

/// One operation with its operands.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub op: Op,
    pub inputs: Vec<ValueId>,
    pub output: Option<ValueId>,
    /// The transformer block it belongs to, if any.
    pub layer: Option<usize>,
}

/// A forward step as a list of nodes in execution order.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    pub values: Vec<Value>,
    pub nodes: Vec<Node>,
    /// The logits: `[out columns][vocab]`.
    pub output: ValueId,
}

impl Graph {
    pub fn value(&self, id: ValueId) -> &Value {
        &self.values[id.0]
    }

    /// Index of the node that produces `v`.
    pub fn producer(&self, v: ValueId) -> Option<usize> {
        self.nodes.iter().position(|n| n.output == Some(v))
    }

    /// Indices of the nodes that read `v`.
    pub fn users(&self, v: ValueId) -> Vec<usize> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.inputs.contains(&v))
            .map(|(i, _)| i)
            .collect()
    }

    /// Number of nodes of each op name, for tests and diagnostics.
    pub fn op_counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let mut m = std::collections::BTreeMap::new();
        for n in &self.nodes {
            *m.entry(n.op.name()).or_insert(0) += 1;
        }
        m
    }

    /// Replaces the nodes at `remove` with `node`, placed where the last removed node was,
    /// then drops values nothing refers to any more.
    pub(crate) fn replace(&mut self, remove: &[usize], node: Node) {
        let last = remove.iter().copied().max().unwrap_or(self.nodes.len());
        let mut kept = Vec::with_capacity(self.nodes.len());
        for (i, n) in std::mem::take(&mut self.nodes).into_iter().enumerate() {
            if i == last {
                kept.push(node.clone());
            }
            if !remove.contains(&i) {
                kept.push(n);
            }
        }
        self.nodes = kept;
    }

    /// Checks the graph's invariants: every input defined by an earlier node, every value
    /// produced at most once, the output produced. Passes run it in debug builds and tests.
    pub fn check(&self) -> Result<(), String> {
        let mut defined = vec![false; self.values.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            for v in &n.inputs {
                if !defined.get(v.0).copied().unwrap_or(false) {
                    return Err(format!(
                        "node {i} ({}) reads {} before it is defined",
                        n.op.name(),
                        self.value(*v).name
                    ));
                }
            }
            if let Some(o) = n.output {
                if defined[o.0] {
                    return Err(format!("{} is defined twice", self.value(o).name));
                }
                defined[o.0] = true;
            }
        }
        if !defined[self.output.0] {
            return Err("the output is never produced".into());
        }
        Ok(())
    }
}

impl fmt::Display for Graph {
    /// One line per node: `%q0 = linear_qkv(%x0) [blk 0]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for n in &self.nodes {
            if let Some(o) = n.output {
                write!(f, "%{} = ", self.value(o).name)?;
            }
            let args: Vec<String> = n
                .inputs
                .iter()
                .map(|v| format!("%{}", self.value(*v).name))
                .collect();
            write!(f, "{}({})", n.op.name(), args.join(", "))?;
            if let Some(l) = n.layer {
                write!(f, " [blk {l}]")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}
