//! The CPU reference: a plain `f32` forward pass over dequantised weights, the oracle for every
//! GPU result.
//!
//! It reads like the paper and is meant to stay that way: embed → for each block
//! (RMSNorm → attention → residual → RMSNorm → gated MLP → residual) → RMSNorm → LM head.
//! Speed is secondary; it parallelises matrix–vector products over rows and nothing else.

use rayon::prelude::*;
use tracing::trace_span;

use crate::config::{ModelConfig, RopeStyle};
use crate::error::ModelError;
use crate::model::Model;
use crate::tensors::TensorRef;

/// Plain `f32` building blocks of the forward pass, shared by [`Reference`] and by the compiler's
/// IR interpreter so that both compute exactly the same function.
pub mod ops {
    use super::*;

    /// Dot product with eight independent partial sums (so the compiler can vectorise it
    /// without reassociating: the order is fixed and the same on every machine).
    pub fn dot(a: &[f32], b: &[f32]) -> f32 {
        let mut acc = [0.0f32; 8];
        let chunks = a.len() / 8;
        for c in 0..chunks {
            for l in 0..8 {
                acc[l] += a[c * 8 + l] * b[c * 8 + l];
            }
        }
        let mut tail = 0.0f32;
        for i in chunks * 8..a.len() {
            tail += a[i] * b[i];
        }
        ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail
    }

    /// `y = W x (+ bias)` for a row-major `W` of `y.len()` rows and `x.len()` columns.
    pub fn matvec(w: &[f32], x: &[f32], bias: Option<&[f32]>, y: &mut [f32]) {
        let cols = x.len();
        debug_assert_eq!(w.len(), cols * y.len());
        y.par_iter_mut().enumerate().for_each(|(r, out)| {
            *out = dot(&w[r * cols..(r + 1) * cols], x) + bias.map_or(0.0, |b| b[r]);
        });
    }

    /// RMSNorm: `x / sqrt(mean(x²) + eps) * weight`.
    pub fn rms_norm(x: &[f32], weight: &[f32], eps: f32, out: &mut [f32]) {
        let mean_sq = x.iter().map(|v| v * v).sum::<f32>() / x.len() as f32;
        let scale = 1.0 / (mean_sq + eps).sqrt();
        for ((o, v), w) in out.iter_mut().zip(x).zip(weight) {
            *o = v * scale * w;
        }
    }

    /// The rotation angle of pair `i` of a head at position `pos`.
    ///
    /// Computed in `f64` and rounded once, so the reference does not inherit the drift of an
    /// `f32` running product.
    pub fn rope_angle(
        pos: usize,
        i: usize,
        head_dim: usize,
        base: f32,
        freq_factors: Option<&[f32]>,
    ) -> f32 {
        let inv_freq = (base as f64).powf(-2.0 * i as f64 / head_dim as f64);
        let factor = freq_factors.map_or(1.0, |f| f[i] as f64);
        (pos as f64 * inv_freq / factor) as f32
    }

    /// Rotary position embedding over every head of `x` (`x.len() / head_dim` heads).
    pub fn rope(
        x: &mut [f32],
        pos: usize,
        head_dim: usize,
        base: f32,
        style: RopeStyle,
        freq_factors: Option<&[f32]>,
    ) {
        let half = head_dim / 2;
        for head in x.chunks_exact_mut(head_dim) {
            for i in 0..half {
                let (sin, cos) = rope_angle(pos, i, head_dim, base, freq_factors).sin_cos();
                // The trap: GGUF `llama` weights are permuted to rotate adjacent pairs, Hugging
                // Face ones rotate the two halves (`rotate_half`). See `RopeStyle`.
                let (a, b) = match style {
                    RopeStyle::Adjacent => (2 * i, 2 * i + 1),
                    RopeStyle::Neox => (i, i + half),
                };
                let (x0, x1) = (head[a], head[b]);
                head[a] = x0 * cos - x1 * sin;
                head[b] = x0 * sin + x1 * cos;
            }
        }
    }

    /// SiLU(gate) · up, in place into `gate`.
    pub fn silu_mul(gate: &mut [f32], up: &[f32]) {
        for (g, u) in gate.iter_mut().zip(up) {
            *g = *g / (1.0 + (-*g).exp()) * u;
        }
    }

    /// Causal attention of one query position over `len` cached positions.
    ///
    /// `q` is `n_heads * head_dim`; `keys`/`values` are `[n_kv_heads][capacity][head_dim]` and
    /// the first `len` positions of each head are valid. Query head `h` reads KV head
    /// `h / (n_heads / n_kv_heads)` (grouped-query attention).
    #[allow(clippy::too_many_arguments)]
    pub fn attention(
        q: &[f32],
        keys: &[f32],
        values: &[f32],
        capacity: usize,
        len: usize,
        n_heads: usize,
        n_kv_heads: usize,
        head_dim: usize,
        out: &mut [f32],
    ) {
        let group = n_heads / n_kv_heads;
        let scale = 1.0 / (head_dim as f32).sqrt();
        out.par_chunks_exact_mut(head_dim)
            .enumerate()
            .for_each(|(h, out)| {
                let kv = h / group;
                let qh = &q[h * head_dim..(h + 1) * head_dim];
                let base = kv * capacity * head_dim;
                let mut scores: Vec<f32> = (0..len)
                    .map(|p| dot(qh, &keys[base + p * head_dim..base + (p + 1) * head_dim]) * scale)
                    .collect();
                let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let mut sum = 0.0;
                for s in &mut scores {
                    *s = (*s - max).exp();
                    sum += *s;
                }
                out.fill(0.0);
                for (p, s) in scores.iter().enumerate() {
                    let w = s / sum;
                    let v = &values[base + p * head_dim..base + (p + 1) * head_dim];
                    for (o, v) in out.iter_mut().zip(v) {
                        *o += w * v;
                    }
                }
            });
    }

    /// Index of the largest value (the first one on ties), as greedy sampling picks it.
    pub fn argmax(x: &[f32]) -> u32 {
        let mut best = 0;
        for (i, v) in x.iter().enumerate() {
            if *v > x[best] {
                best = i;
            }
        }
        best as u32
    }
}

/// One transformer block's weights, dequantised to `f32` (matrices row-major, rows = outputs).
struct Block {
    attn_norm: Vec<f32>,
    wq: Vec<f32>,
    wk: Vec<f32>,
    wv: Vec<f32>,
    bq: Option<Vec<f32>>,
    bk: Option<Vec<f32>>,
    bv: Option<Vec<f32>>,
    wo: Vec<f32>,
    ffn_norm: Vec<f32>,
    w_gate: Vec<f32>,
    w_up: Vec<f32>,
    w_down: Vec<f32>,
}

/// The KV cache of one conversation: per layer, `[n_kv_heads][capacity][head_dim]`.
struct KvCache {
    keys: Vec<Vec<f32>>,
    values: Vec<Vec<f32>>,
    capacity: usize,
    len: usize,
}

/// The reference forward pass of one conversation over a model's weights.
///
/// ```no_run
/// # use natter_model::{Model, Reference};
/// let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
/// let mut reference = Reference::new(&model)?;
/// let logits = reference.forward(1)?; // logits for the token after `<|im_start|>`
/// # Ok::<(), natter_model::ModelError>(())
/// ```
pub struct Reference {
    config: ModelConfig,
    embedding: Vec<f32>,
    blocks: Vec<Block>,
    output_norm: Vec<f32>,
    /// `None` when tied: the embedding table is the LM head.
    lm_head: Option<Vec<f32>>,
    kv: KvCache,
}

impl std::fmt::Debug for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reference")
            .field("config", &self.config)
            .field("position", &self.kv.len)
            .finish_non_exhaustive()
    }
}

/// Default context for a reference conversation: enough for tests, small enough for memory.
const DEFAULT_CAPACITY: usize = 2048;

impl Reference {
    /// Dequantises every weight of `model` (about 4 bytes per parameter) with a context of
    /// 2048 tokens (or the model's own, if smaller).
    pub fn new(model: &Model) -> Result<Self, ModelError> {
        let capacity = DEFAULT_CAPACITY.min(model.config().context_length.max(1));
        Self::with_capacity(model, capacity)
    }

    /// As [`Reference::new`] with a KV cache of `capacity` positions.
    pub fn with_capacity(model: &Model, capacity: usize) -> Result<Self, ModelError> {
        let _span = trace_span!("reference_load").entered();
        let config = model.config().clone();
        let t = model.tensors();
        let deq = |t: &TensorRef| model.dequantize(t);
        let opt = |t: &Option<TensorRef>| t.as_ref().map(deq).transpose();
        let blocks = t
            .layers
            .iter()
            .map(|l| {
                Ok(Block {
                    attn_norm: deq(&l.attn_norm)?,
                    wq: deq(&l.wq)?,
                    wk: deq(&l.wk)?,
                    wv: deq(&l.wv)?,
                    bq: opt(&l.bq)?,
                    bk: opt(&l.bk)?,
                    bv: opt(&l.bv)?,
                    wo: deq(&l.wo)?,
                    ffn_norm: deq(&l.ffn_norm)?,
                    w_gate: deq(&l.w_gate)?,
                    w_up: deq(&l.w_up)?,
                    w_down: deq(&l.w_down)?,
                })
            })
            .collect::<Result<Vec<_>, ModelError>>()?;
        let kv_len = config.n_kv_heads * capacity * config.head_dim;
        Ok(Reference {
            embedding: deq(&t.token_embd)?,
            output_norm: deq(&t.output_norm)?,
            lm_head: opt(&t.output)?,
            kv: KvCache {
                keys: vec![vec![0.0; kv_len]; config.n_layers],
                values: vec![vec![0.0; kv_len]; config.n_layers],
                capacity,
                len: 0,
            },
            blocks,
            config,
        })
    }

    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    /// Number of positions already in the KV cache.
    pub fn position(&self) -> usize {
        self.kv.len
    }

    /// Forgets the conversation: the next token is at position 0.
    pub fn reset(&mut self) {
        self.kv.len = 0;
    }

    /// Rewinds the conversation to `len` positions (a no-op when `len` is not smaller).
    pub fn truncate(&mut self, len: usize) {
        self.kv.len = self.kv.len.min(len);
    }

    /// The hidden state after embedding `token` (row `token` of the embedding table).
    pub fn embed(&self, token: u32) -> Result<Vec<f32>, ModelError> {
        let h = self.config.hidden;
        let t = token as usize;
        if t >= self.config.vocab {
            return Err(ModelError::TokenOutOfRange {
                token,
                vocab: self.config.vocab,
            });
        }
        Ok(self.embedding[t * h..(t + 1) * h].to_vec())
    }

    /// Runs `token` at the next position and returns the logits for the token after it.
    pub fn forward(&mut self, token: u32) -> Result<Vec<f32>, ModelError> {
        let hidden = self.forward_hidden(token)?;
        Ok(self.logits(&hidden))
    }

    /// Runs `token` at the next position through every block and returns the residual stream
    /// before the final norm. Appends the token's keys and values to the cache.
    pub fn forward_hidden(&mut self, token: u32) -> Result<Vec<f32>, ModelError> {
        if self.kv.len >= self.kv.capacity {
            return Err(ModelError::ContextFull {
                needed: self.kv.len + 1,
                capacity: self.kv.capacity,
            });
        }
        let mut x = self.embed(token)?;
        for layer in 0..self.blocks.len() {
            self.block(layer, &mut x);
        }
        self.kv.len += 1;
        Ok(x)
    }

    /// Final norm and LM head over a residual stream.
    pub fn logits(&self, x: &[f32]) -> Vec<f32> {
        let _span = trace_span!("lm_head").entered();
        let mut normed = vec![0.0; x.len()];
        ops::rms_norm(x, &self.output_norm, self.config.rms_eps, &mut normed);
        let head = self.lm_head.as_deref().unwrap_or(&self.embedding);
        let mut logits = vec![0.0; self.config.vocab];
        ops::matvec(head, &normed, None, &mut logits);
        logits
    }

    /// Runs every token of `tokens` and returns the logits after the last one.
    pub fn prefill(&mut self, tokens: &[u32]) -> Result<Vec<f32>, ModelError> {
        let (last, rest) = tokens.split_last().ok_or(ModelError::EmptyPrompt)?;
        for &t in rest {
            self.forward_hidden(t)?;
        }
        self.forward(*last)
    }

    /// Greedy generation: prefills `prompt`, then picks the most likely token up to `max_tokens`
    /// times, stopping after any of `stop` (which is included in the output).
    pub fn greedy(
        &mut self,
        prompt: &[u32],
        max_tokens: usize,
        stop: &[u32],
    ) -> Result<Vec<u32>, ModelError> {
        let mut logits = self.prefill(prompt)?;
        let mut out = Vec::with_capacity(max_tokens);
        while out.len() < max_tokens {
            let next = ops::argmax(&logits);
            out.push(next);
            if stop.contains(&next) || out.len() == max_tokens {
                break;
            }
            logits = self.forward(next)?;
        }
        Ok(out)
    }

    /// One transformer block at the current position: attention then MLP, each around a residual.
    fn block(&mut self, layer: usize, x: &mut [f32]) {
        let _span = trace_span!("block", layer).entered();
        let c = &self.config;
        let b = &self.blocks[layer];
        let pos = self.kv.len;
        let mut normed = vec![0.0; c.hidden];

        // Attention.
        ops::rms_norm(x, &b.attn_norm, c.rms_eps, &mut normed);
        let mut q = vec![0.0; c.q_dim()];
        let mut k = vec![0.0; c.kv_dim()];
        let mut v = vec![0.0; c.kv_dim()];
        ops::matvec(&b.wq, &normed, b.bq.as_deref(), &mut q);
        ops::matvec(&b.wk, &normed, b.bk.as_deref(), &mut k);
        ops::matvec(&b.wv, &normed, b.bv.as_deref(), &mut v);
        let factors = c.rope_freq_factors.as_deref();
        ops::rope(&mut q, pos, c.head_dim, c.rope_base, c.rope_style, factors);
        ops::rope(&mut k, pos, c.head_dim, c.rope_base, c.rope_style, factors);
        let cap = self.kv.capacity;
        for h in 0..c.n_kv_heads {
            let dst = (h * cap + pos) * c.head_dim;
            let src = h * c.head_dim..(h + 1) * c.head_dim;
            self.kv.keys[layer][dst..dst + c.head_dim].copy_from_slice(&k[src.clone()]);
            self.kv.values[layer][dst..dst + c.head_dim].copy_from_slice(&v[src]);
        }
        let mut attn = vec![0.0; c.q_dim()];
        let (keys, values) = (&self.kv.keys[layer], &self.kv.values[layer]);
        ops::attention(
            &q,
            keys,
            values,
            cap,
            pos + 1,
            c.n_heads,
            c.n_kv_heads,
            c.head_dim,
            &mut attn,
        );
        let mut o = vec![0.0; c.hidden];
        ops::matvec(&b.wo, &attn, None, &mut o);
        x.iter_mut().zip(&o).for_each(|(x, o)| *x += o);

        // Gated MLP.
        ops::rms_norm(x, &b.ffn_norm, c.rms_eps, &mut normed);
        let mut gate = vec![0.0; c.ffn];
        let mut up = vec![0.0; c.ffn];
        ops::matvec(&b.w_gate, &normed, None, &mut gate);
        ops::matvec(&b.w_up, &normed, None, &mut up);
        ops::silu_mul(&mut gate, &up);
        ops::matvec(&b.w_down, &gate, None, &mut o);
        x.iter_mut().zip(&o).for_each(|(x, o)| *x += o);
    }
}

#[cfg(test)]
mod tests {
    use super::ops;
    use crate::config::RopeStyle;

    #[test]
    fn rope_styles_rotate_different_pairs() {
        let mut adj = vec![1.0, 0.0, 0.0, 0.0];
        ops::rope(&mut adj, 1, 4, 10000.0, RopeStyle::Adjacent, None);
        // Pair (0,1) at frequency 1 rotates by one radian.
        assert!((adj[0] - 1f32.cos()).abs() < 1e-6 && (adj[1] - 1f32.sin()).abs() < 1e-6);
        let mut neox = vec![1.0, 0.0, 0.0, 0.0];
        ops::rope(&mut neox, 1, 4, 10000.0, RopeStyle::Neox, None);
        // Pair (0,2) rotates instead; element 1 stays zero.
        assert!((neox[2] - 1f32.sin()).abs() < 1e-6 && neox[1] == 0.0);
    }

    #[test]
    fn attention_over_one_position_returns_its_value() {
        let q = vec![0.3; 4];
        let keys = vec![0.5; 4 * 2];
        let values: Vec<f32> = (0..8).map(|v| v as f32).collect();
        let mut out = vec![0.0; 4];
        ops::attention(&q, &keys, &values, 2, 1, 1, 1, 4, &mut out);
        assert_eq!(out, vec![0.0, 1.0, 2.0, 3.0]);
    }

    #[test]
    fn argmax_takes_first_of_ties() {
        assert_eq!(ops::argmax(&[1.0, 3.0, 3.0, -1.0]), 1);
    }
}
