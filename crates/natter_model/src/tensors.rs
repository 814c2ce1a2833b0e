//! The model's tensors as one typed table: which tensor plays which part in the forward pass.
//!
//! Each file format names tensors its own way; [`GGUF_NAMES`] and [`HF_NAMES`] are the only
//! places those names appear. [`resolve`] looks every role up by name and checks its shape
//! against the [`ModelConfig`], so that nothing downstream ever indexes a tensor of the wrong size.

use std::collections::HashMap;

use crate::config::ModelConfig;
use crate::error::ModelError;
use crate::quant::GgmlType;

/// Where a tensor's bytes are: a file of the model's storage and a byte range in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TensorRef {
    /// The tensor's name in its file (GGUF or safetensors), for error messages.
    pub name: String,
    /// How the elements are stored.
    pub ty: GgmlType,
    /// Dimensions in ggml order: `shape[0]` is the contiguous one (a matrix row's length).
    pub shape: Vec<usize>,
    /// Index of the file in the model's storage (safetensors checkpoints may be sharded).
    pub(crate) file: usize,
    /// Byte offset of the data in that file.
    pub(crate) offset: usize,
    /// Byte length of the data.
    pub(crate) len: usize,
}

impl TensorRef {
    /// Elements in one row (the contiguous dimension).
    pub fn cols(&self) -> usize {
        self.shape.first().copied().unwrap_or(1)
    }
    /// Number of rows: the product of all but the contiguous dimension.
    pub fn rows(&self) -> usize {
        self.shape.iter().skip(1).product()
    }
    /// Total number of elements.
    pub fn elements(&self) -> usize {
        self.shape.iter().product()
    }
    /// Byte length of the data.
    pub fn byte_len(&self) -> usize {
        self.len
    }
}

/// The tensors of one transformer block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerTensors {
    pub attn_norm: TensorRef,
    /// `[hidden] -> [n_heads * head_dim]`, rows = outputs.
    pub wq: TensorRef,
    pub wk: TensorRef,
    pub wv: TensorRef,
    pub bq: Option<TensorRef>,
    pub bk: Option<TensorRef>,
    pub bv: Option<TensorRef>,
    pub wo: TensorRef,
    pub ffn_norm: TensorRef,
    pub w_gate: TensorRef,
    pub w_up: TensorRef,
    pub w_down: TensorRef,
}

/// All tensors of a model, named by role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelTensors {
    /// `[vocab, hidden]`: row `t` is token `t`'s embedding.
    pub token_embd: TensorRef,
    pub layers: Vec<LayerTensors>,
    pub output_norm: TensorRef,
    /// The LM head; `None` when the embeddings are tied and `token_embd` doubles as it.
    pub output: Option<TensorRef>,
}

impl ModelTensors {
    /// The LM head: `output`, or the embedding table when tied.
    pub fn lm_head(&self) -> &TensorRef {
        self.output.as_ref().unwrap_or(&self.token_embd)
    }
}

/// How one file format names the tensors of each role. Per-layer names are
/// `{layer_prefix}{layer}.{suffix}`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TensorNames {
    pub token_embd: &'static str,
    pub output_norm: &'static str,
    pub output: &'static str,
    pub layer_prefix: &'static str,
    pub attn_norm: &'static str,
    pub wq: &'static str,
    pub wk: &'static str,
    pub wv: &'static str,
    pub bq: &'static str,
    pub bk: &'static str,
    pub bv: &'static str,
    pub wo: &'static str,
    pub ffn_norm: &'static str,
    pub w_gate: &'static str,
    pub w_up: &'static str,
    pub w_down: &'static str,
}

/// llama.cpp's names (`llama.cpp/gguf-py/gguf/constants.py`, `MODEL_TENSOR` for LLAMA/QWEN2).
pub(crate) const GGUF_NAMES: TensorNames = TensorNames {
    token_embd: "token_embd.weight",
    output_norm: "output_norm.weight",
    output: "output.weight",
    layer_prefix: "blk.",
    attn_norm: "attn_norm.weight",
    wq: "attn_q.weight",
    wk: "attn_k.weight",
    wv: "attn_v.weight",
    bq: "attn_q.bias",
    bk: "attn_k.bias",
    bv: "attn_v.bias",
    wo: "attn_output.weight",
    ffn_norm: "ffn_norm.weight",
    w_gate: "ffn_gate.weight",
    w_up: "ffn_up.weight",
    w_down: "ffn_down.weight",
};

/// `transformers`' names for `LlamaForCausalLM`, `MistralForCausalLM` and `Qwen2ForCausalLM`.
pub(crate) const HF_NAMES: TensorNames = TensorNames {
    token_embd: "model.embed_tokens.weight",
    output_norm: "model.norm.weight",
    output: "lm_head.weight",
    layer_prefix: "model.layers.",
    attn_norm: "input_layernorm.weight",
    wq: "self_attn.q_proj.weight",
    wk: "self_attn.k_proj.weight",
    wv: "self_attn.v_proj.weight",
    bq: "self_attn.q_proj.bias",
    bk: "self_attn.k_proj.bias",
    bv: "self_attn.v_proj.bias",
    wo: "self_attn.o_proj.weight",
    ffn_norm: "post_attention_layernorm.weight",
    w_gate: "mlp.gate_proj.weight",
    w_up: "mlp.up_proj.weight",
    w_down: "mlp.down_proj.weight",
};

impl TensorNames {
    fn layer(&self, layer: usize, suffix: &str) -> String {
        format!("{}{layer}.{suffix}", self.layer_prefix)
    }
}

/// Whether `found` is `expected`, allowing trailing dimensions of 1 (some converters write a
/// vector as `[n, 1]`).
fn shape_matches(found: &[usize], expected: &[usize]) -> bool {
    found.len() >= expected.len()
        && found[..expected.len()] == *expected
        && found[expected.len()..].iter().all(|&d| d == 1)
}

/// Looks up every tensor of the forward pass by `names` in `by_name` and checks each shape
/// against `config` (ggml order: a matrix mapping `a` inputs to `b` outputs is `[a, b]`).
///
/// With `config.tied_embeddings`, `output` is `None` even if the file has an LM head.
pub(crate) fn resolve(
    names: &TensorNames,
    by_name: &HashMap<&str, &TensorRef>,
    config: &ModelConfig,
) -> Result<ModelTensors, ModelError> {
    let (h, q, kv, ffn, vocab) = (
        config.hidden,
        config.q_dim(),
        config.kv_dim(),
        config.ffn,
        config.vocab,
    );
    let get = |name: &str, expected: &[usize]| -> Result<TensorRef, ModelError> {
        let t = by_name.get(name).ok_or_else(|| ModelError::MissingTensor {
            name: name.to_owned(),
        })?;
        if !shape_matches(&t.shape, expected) {
            return Err(ModelError::TensorShape {
                name: name.to_owned(),
                expected: expected.to_vec(),
                found: t.shape.clone(),
            });
        }
        Ok((*t).clone())
    };
    let layers = (0..config.n_layers)
        .map(|l| {
            let bias = |suffix: &str, len: usize| {
                config
                    .attention_bias
                    .then(|| get(&names.layer(l, suffix), &[len]))
                    .transpose()
            };
            Ok(LayerTensors {
                attn_norm: get(&names.layer(l, names.attn_norm), &[h])?,
                wq: get(&names.layer(l, names.wq), &[h, q])?,
                wk: get(&names.layer(l, names.wk), &[h, kv])?,
                wv: get(&names.layer(l, names.wv), &[h, kv])?,
                bq: bias(names.bq, q)?,
                bk: bias(names.bk, kv)?,
                bv: bias(names.bv, kv)?,
                wo: get(&names.layer(l, names.wo), &[q, h])?,
                ffn_norm: get(&names.layer(l, names.ffn_norm), &[h])?,
                w_gate: get(&names.layer(l, names.w_gate), &[h, ffn])?,
                w_up: get(&names.layer(l, names.w_up), &[h, ffn])?,
                w_down: get(&names.layer(l, names.w_down), &[ffn, h])?,
            })
        })
        .collect::<Result<Vec<_>, ModelError>>()?;
    Ok(ModelTensors {
        token_embd: get(names.token_embd, &[h, vocab])?,
        layers,
        output_norm: get(names.output_norm, &[h])?,
        output: (!config.tied_embeddings)
            .then(|| get(names.output, &[h, vocab]))
            .transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_unit_dimensions_are_allowed() {
        assert!(shape_matches(&[576], &[576]));
        assert!(shape_matches(&[576, 1], &[576]));
        assert!(!shape_matches(&[576, 2], &[576]));
        assert!(!shape_matches(&[192, 576], &[576, 192]));
        assert!(!shape_matches(&[], &[576]));
    }

    #[test]
    fn per_layer_names() {
        assert_eq!(GGUF_NAMES.layer(3, GGUF_NAMES.wq), "blk.3.attn_q.weight");
        assert_eq!(
            HF_NAMES.layer(0, HF_NAMES.w_down),
            "model.layers.0.mlp.down_proj.weight"
        );
    }
}
