//! The model's hyper-parameters, one typed table for the LLaMA family, read from GGUF metadata
//! or a Hugging Face `config.json`, and validated before anything is sized from them.

use serde::Deserialize;

use crate::gguf::{GgufError, GgufFile};
use crate::quant::{self, QuantError};

/// Which member of the LLaMA family a model is. The differences that matter to the forward pass
/// are captured as fields of [`ModelConfig`] (RoPE layout, attention biases, tied embeddings),
/// so code downstream never matches on names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Architecture {
    /// LLaMA 1–3, SmolLM/SmolLM2, Mistral (`llama` in GGUF, `LlamaForCausalLM`/`MistralForCausalLM` in config.json).
    Llama,
    /// Qwen2 / Qwen2.5: LLaMA with biases on the Q, K and V projections.
    Qwen2,
}

/// How RoPE pairs the dimensions of a head.
///
/// The trap: llama.cpp's converter permutes the Q and K weights of `llama` models so that RoPE
/// rotates *adjacent* pairs `(2i, 2i+1)`; Hugging Face checkpoints (and Qwen2 in either format)
/// rotate `(i, i + head_dim/2)` ("NeoX" style, `rotate_half`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RopeStyle {
    /// Rotate `(2i, 2i+1)`: GGUF `llama` tensors.
    Adjacent,
    /// Rotate `(i, i + d/2)`: Hugging Face layout, GGUF `qwen2`.
    Neox,
}

/// Hyper-parameters of a decoder-only transformer of the LLaMA family.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ModelConfig {
    /// Which member of the family (for messages and for `natter inspect`; the forward pass reads
    /// the fields below instead).
    pub architecture: Architecture,
    /// Number of transformer blocks.
    pub n_layers: usize,
    /// Width of the residual stream.
    pub hidden: usize,
    /// Query heads.
    pub n_heads: usize,
    /// Key/value heads (grouped-query attention when fewer than `n_heads`).
    pub n_kv_heads: usize,
    /// Width of one head.
    pub head_dim: usize,
    /// Inner width of the gated MLP.
    pub ffn: usize,
    /// Vocabulary size (rows of the embedding table).
    pub vocab: usize,
    /// Context length the model was trained for.
    pub context_length: usize,
    /// RoPE base frequency θ (`rope_theta`).
    pub rope_base: f32,
    /// Which dimensions RoPE pairs.
    pub rope_style: RopeStyle,
    /// Per-frequency divisors for LLaMA 3.x long-context RoPE (`rope_freqs.weight`), `head_dim / 2` long.
    pub rope_freq_factors: Option<Vec<f32>>,
    /// The ε of every RMSNorm.
    pub rms_eps: f32,
    /// The LM head is the embedding table (no `output.weight`).
    pub tied_embeddings: bool,
    /// Q, K and V projections carry biases (Qwen2).
    pub attention_bias: bool,
}

impl ModelConfig {
    /// Width of the query projection output.
    pub fn q_dim(&self) -> usize {
        self.n_heads * self.head_dim
    }
    /// Width of the key (and value) projection output.
    pub fn kv_dim(&self) -> usize {
        self.n_kv_heads * self.head_dim
    }
}

/// Limits on hyper-parameters. Far above any model natter targets, far below what would make a
/// buffer size overflow or an allocation run away when sized from a crafted file.
const MAX_LAYERS: usize = 1024;
const MAX_HIDDEN: usize = 65_536;
const MAX_HEADS: usize = 1024;
const MAX_HEAD_DIM: usize = 1024;
const MAX_FFN: usize = 1 << 20;
const MAX_VOCAB: usize = 1 << 24;
const MAX_CONTEXT: usize = 1 << 24;

/// Why a model's hyper-parameters could not be read or make no sense.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A GGUF metadata key is missing or has the wrong type.
    #[error(transparent)]
    Metadata(#[from] GgufError),
    /// `config.json` (or `tokenizer_config.json`) is not valid JSON or lacks a required field.
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The architecture is not one natter runs.
    #[error(
        "architecture `{name}` is not supported (natter runs `llama` and `qwen2` GGUF files and LlamaForCausalLM, MistralForCausalLM and Qwen2ForCausalLM checkpoints)"
    )]
    UnsupportedArchitecture { name: String },
    /// A hyper-parameter is out of range or inconsistent with another.
    #[error("`{key}` is {value}: {reason}")]
    Invalid {
        key: String,
        value: String,
        reason: String,
    },
    /// A feature the model uses that natter does not implement.
    #[error("`{key}` = {value}: {what} is not supported")]
    Unsupported {
        key: String,
        value: String,
        what: &'static str,
    },
    /// The `rope_freqs.weight` tensor could not be read.
    #[error("tensor `rope_freqs.weight`: {source}")]
    RopeFreqs {
        #[source]
        source: QuantError,
    },
}

fn invalid(key: &str, value: impl ToString, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_owned(),
        value: value.to_string(),
        reason: reason.into(),
    }
}

impl ModelConfig {
    /// Reads the config from a GGUF file's metadata (`general.architecture`, then
    /// `{arch}.block_count`, `{arch}.embedding_length`, …) and, where llama.cpp keeps it there,
    /// from its tensors: `rope_freqs.weight` (LLaMA 3 long-context RoPE), whether
    /// `output.weight` exists (tied embeddings) and `blk.0.attn_q.bias` (attention biases).
    pub fn from_gguf(file: &GgufFile) -> Result<Self, ConfigError> {
        let m = file.metadata();
        let arch = m.get_str("general.architecture")?;
        let (architecture, rope_style) = match arch {
            // llama.cpp's converter permutes LLaMA's Q and K rows for adjacent-pair RoPE; Qwen2
            // is left alone and keeps NeoX pairs.
            "llama" => (Architecture::Llama, RopeStyle::Adjacent),
            "qwen2" => (Architecture::Qwen2, RopeStyle::Neox),
            other => {
                return Err(ConfigError::UnsupportedArchitecture {
                    name: other.to_owned(),
                });
            }
        };
        let key = |name: &str| format!("{arch}.{name}");
        let usize_of =
            |name: &str| -> Result<usize, ConfigError> { Ok(m.get_u32(&key(name))? as usize) };
        let opt_usize = |name: &str| -> Result<Option<usize>, ConfigError> {
            Ok(m.opt_u32(&key(name))?.map(|v| v as usize))
        };

        let hidden = usize_of("embedding_length")?;
        let n_heads = usize_of("attention.head_count")?;
        let head_dim = match opt_usize("attention.key_length")? {
            Some(d) => d,
            None => head_dim_from(&key("attention.head_count"), hidden, n_heads)?,
        };
        if let Some(v) = opt_usize("attention.value_length")?
            && v != head_dim
        {
            return Err(ConfigError::Unsupported {
                key: key("attention.value_length"),
                value: v.to_string(),
                what: "a value head width different from the key head width",
            });
        }
        if let Some(rot) = opt_usize("rope.dimension_count")?
            && rot != head_dim
        {
            return Err(ConfigError::Unsupported {
                key: key("rope.dimension_count"),
                value: rot.to_string(),
                what: "RoPE over part of the head (partial rotary)",
            });
        }
        if let Some(kind) = m.opt_str(&key("rope.scaling.type"))?
            && kind != "none"
        {
            return Err(ConfigError::Unsupported {
                key: key("rope.scaling.type"),
                value: kind.to_owned(),
                what: "RoPE scaling",
            });
        }
        let vocab = match opt_usize("vocab_size")? {
            Some(v) => v,
            None => m.get_str_array("tokenizer.ggml.tokens")?.len(),
        };
        let rope_freq_factors = match file.tensor("rope_freqs.weight") {
            None => None,
            Some(t) => {
                let Some(ty) = t.ty() else {
                    return Err(ConfigError::Unsupported {
                        key: "rope_freqs.weight".into(),
                        value: t.type_name().into(),
                        what: "this tensor type",
                    });
                };
                // The file's own tensors always have their data; an empty slice would only
                // turn into a length error.
                let bytes = file.tensor_data(t).unwrap_or(&[]);
                let mut factors = vec![0.0f32; t.elements()];
                quant::dequantize(ty, bytes, &mut factors)
                    .map_err(|source| ConfigError::RopeFreqs { source })?;
                Some(factors)
            }
        };

        let config = ModelConfig {
            architecture,
            n_layers: usize_of("block_count")?,
            hidden,
            n_heads,
            n_kv_heads: opt_usize("attention.head_count_kv")?.unwrap_or(n_heads),
            head_dim,
            ffn: usize_of("feed_forward_length")?,
            vocab,
            context_length: usize_of("context_length")?,
            rope_base: m.opt_f32(&key("rope.freq_base"))?.unwrap_or(10_000.0),
            rope_style,
            rope_freq_factors,
            rms_eps: m.get_f32(&key("attention.layer_norm_rms_epsilon"))?,
            tied_embeddings: file.tensor("output.weight").is_none(),
            attention_bias: file.tensor("blk.0.attn_q.bias").is_some(),
        };
        config.validate()?;
        Ok(config)
    }

    /// Reads the config from the text of a Hugging Face `config.json`.
    ///
    /// Hugging Face checkpoints rotate NeoX pairs (`rotate_half`) and natter does not permute
    /// their weights, so `rope_style` is always [`RopeStyle::Neox`]. `tied_embeddings` comes from
    /// `tie_word_embeddings`; [`crate::Model::open`] also sets it when `lm_head.weight` is absent.
    /// A LLaMA 3 `rope_scaling` is turned into `rope_freq_factors` as llama.cpp's converter does.
    pub fn from_hf_json(json: &str) -> Result<Self, ConfigError> {
        let hf: HfConfig = serde_json::from_str(json)?;
        let name = hf.architectures.first().map_or("(none)", String::as_str);
        let architecture = match name {
            "LlamaForCausalLM" | "MistralForCausalLM" => Architecture::Llama,
            "Qwen2ForCausalLM" => Architecture::Qwen2,
            other => {
                return Err(ConfigError::UnsupportedArchitecture {
                    name: other.to_owned(),
                });
            }
        };
        let n_heads = hf.num_attention_heads;
        let head_dim = match hf.head_dim {
            Some(d) => d,
            None => head_dim_from("num_attention_heads", hf.hidden_size, n_heads)?,
        };
        let rope_base = hf.rope_theta.unwrap_or(10_000.0) as f32;
        let rope_freq_factors = match &hf.rope_scaling {
            None => None,
            Some(s) => match s.kind() {
                None | Some("default") => None,
                Some("llama3") => {
                    // llama.cpp's converter reads the original context length from the top level
                    // (default 8192); Hugging Face reads it from `rope_scaling`. They agree on
                    // every LLaMA 3.x checkpoint; prefer the one that is present.
                    let old_context = s
                        .original_max_position_embeddings
                        .or(hf.original_max_position_embeddings)
                        .unwrap_or(8192.0);
                    Some(llama3_freq_factors(
                        rope_base,
                        head_dim,
                        s.factor.unwrap_or(8.0) as f32,
                        s.low_freq_factor.unwrap_or(1.0) as f32,
                        s.high_freq_factor.unwrap_or(4.0) as f32,
                        old_context as f32,
                    ))
                }
                Some(other) => {
                    return Err(ConfigError::Unsupported {
                        key: "rope_scaling".into(),
                        value: format!("{other:?}"),
                        what: "this kind of RoPE scaling",
                    });
                }
            },
        };
        let config = ModelConfig {
            architecture,
            n_layers: hf.num_hidden_layers,
            hidden: hf.hidden_size,
            n_heads,
            n_kv_heads: hf.num_key_value_heads.unwrap_or(n_heads),
            head_dim,
            ffn: hf.intermediate_size,
            vocab: hf.vocab_size,
            context_length: hf.max_position_embeddings,
            rope_base,
            rope_style: RopeStyle::Neox,
            rope_freq_factors,
            rms_eps: hf.rms_norm_eps as f32,
            tied_embeddings: hf.tie_word_embeddings,
            // Qwen2 always has Q/K/V biases; LLaMA-family configs say so in `attention_bias`.
            attention_bias: architecture == Architecture::Qwen2 || hf.attention_bias,
        };
        config.validate()?;
        Ok(config)
    }

    /// Checks that every size is nonzero and within natter's limits, that the heads divide
    /// evenly, and that RoPE's parameters are usable.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let ranges = [
            ("n_layers", self.n_layers, MAX_LAYERS),
            ("hidden", self.hidden, MAX_HIDDEN),
            ("n_heads", self.n_heads, MAX_HEADS),
            ("n_kv_heads", self.n_kv_heads, MAX_HEADS),
            ("head_dim", self.head_dim, MAX_HEAD_DIM),
            ("ffn", self.ffn, MAX_FFN),
            ("vocab", self.vocab, MAX_VOCAB),
            ("context_length", self.context_length, MAX_CONTEXT),
        ];
        for (key, value, max) in ranges {
            if value == 0 || value > max {
                return Err(invalid(
                    key,
                    value,
                    format!("it must be between 1 and {max}"),
                ));
            }
        }
        if !self.n_heads.is_multiple_of(self.n_kv_heads) {
            return Err(invalid(
                "n_kv_heads",
                self.n_kv_heads,
                format!(
                    "the {} query heads must be a whole multiple of the key/value heads",
                    self.n_heads
                ),
            ));
        }
        if !self.head_dim.is_multiple_of(2) {
            return Err(invalid(
                "head_dim",
                self.head_dim,
                "RoPE rotates pairs, so it must be even",
            ));
        }
        if !(self.rope_base.is_finite() && self.rope_base > 0.0) {
            return Err(invalid(
                "rope_base",
                self.rope_base,
                "it must be a positive number",
            ));
        }
        if !(self.rms_eps.is_finite() && self.rms_eps > 0.0 && self.rms_eps < 1.0) {
            return Err(invalid(
                "rms_eps",
                self.rms_eps,
                "it must be between 0 and 1",
            ));
        }
        if let Some(f) = &self.rope_freq_factors {
            if f.len() != self.head_dim / 2 {
                return Err(invalid(
                    "rope_freq_factors",
                    format!("{} long", f.len()),
                    format!("it must hold head_dim / 2 = {} factors", self.head_dim / 2),
                ));
            }
            if let Some(bad) = f.iter().find(|v| !(v.is_finite() && **v > 0.0)) {
                return Err(invalid(
                    "rope_freq_factors",
                    bad,
                    "every factor must be a positive number",
                ));
            }
        }
        Ok(())
    }
}

/// `hidden / n_heads`, which must divide evenly when the head width is not given.
fn head_dim_from(key: &str, hidden: usize, n_heads: usize) -> Result<usize, ConfigError> {
    if n_heads == 0 || !hidden.is_multiple_of(n_heads) {
        return Err(invalid(
            key,
            n_heads,
            format!("the hidden size {hidden} must be a nonzero multiple of it"),
        ));
    }
    Ok(hidden / n_heads)
}

/// LLaMA 3.x RoPE frequency factors, computed as llama.cpp's `convert_hf_to_gguf.py` does for
/// `rope_freqs.weight` (in `f32`, like its torch code): high frequencies are kept, low ones
/// divided by `factor`, and those between blended smoothly. The forward pass divides each
/// frequency by its factor.
pub(crate) fn llama3_freq_factors(
    base: f32,
    head_dim: usize,
    factor: f32,
    low_freq_factor: f32,
    high_freq_factor: f32,
    old_context: f32,
) -> Vec<f32> {
    let low_freq_wavelen = old_context / low_freq_factor;
    let high_freq_wavelen = old_context / high_freq_factor;
    (0..head_dim / 2)
        .map(|i| {
            let freq = 1.0 / base.powf((2 * i) as f32 / head_dim as f32);
            let wavelen = 2.0 * std::f32::consts::PI / freq;
            if wavelen < high_freq_wavelen {
                1.0
            } else if wavelen > low_freq_wavelen {
                factor
            } else {
                let smooth = (old_context / wavelen - low_freq_factor)
                    / (high_freq_factor - low_freq_factor);
                1.0 / ((1.0 - smooth) / factor + smooth)
            }
        })
        .collect()
}

/// The fields of a Hugging Face `config.json` that natter reads (a boundary type: serde only
/// here). Defaults are those of `transformers`' `LlamaConfig` where a field may be absent.
#[derive(Deserialize)]
struct HfConfig {
    #[serde(default)]
    architectures: Vec<String>,
    hidden_size: usize,
    intermediate_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    num_key_value_heads: Option<usize>,
    head_dim: Option<usize>,
    #[serde(default = "default_max_positions")]
    max_position_embeddings: usize,
    original_max_position_embeddings: Option<f64>,
    rope_theta: Option<f64>,
    #[serde(default = "default_rms_eps")]
    rms_norm_eps: f64,
    vocab_size: usize,
    #[serde(default)]
    tie_word_embeddings: bool,
    #[serde(default)]
    attention_bias: bool,
    rope_scaling: Option<HfRopeScaling>,
}

fn default_max_positions() -> usize {
    2048
}

fn default_rms_eps() -> f64 {
    1e-6
}

#[derive(Deserialize)]
struct HfRopeScaling {
    rope_type: Option<String>,
    /// The older spelling of `rope_type`.
    #[serde(rename = "type")]
    kind: Option<String>,
    factor: Option<f64>,
    low_freq_factor: Option<f64>,
    high_freq_factor: Option<f64>,
    original_max_position_embeddings: Option<f64>,
}

impl HfRopeScaling {
    fn kind(&self) -> Option<&str> {
        self.rope_type.as_deref().or(self.kind.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SmolLM2-135M-Instruct's `config.json`, trimmed of fields natter ignores.
    const SMOLLM2_135M: &str = r#"{
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
        "num_attention_heads": 9, "num_key_value_heads": 3, "max_position_embeddings": 8192,
        "rms_norm_eps": 1e-05, "rope_theta": 100000, "rope_scaling": null,
        "tie_word_embeddings": true, "vocab_size": 49152, "torch_dtype": "bfloat16"
    }"#;

    #[test]
    fn reads_smollm2_config_json() {
        let c = ModelConfig::from_hf_json(SMOLLM2_135M).expect("valid");
        assert_eq!(c.architecture, Architecture::Llama);
        assert_eq!(
            (
                c.n_layers,
                c.hidden,
                c.n_heads,
                c.n_kv_heads,
                c.head_dim,
                c.ffn,
                c.vocab
            ),
            (30, 576, 9, 3, 64, 1536, 49152)
        );
        assert_eq!(c.context_length, 8192);
        assert_eq!(c.rope_base, 100_000.0);
        assert_eq!(c.rms_eps, 1e-5);
        assert_eq!(c.rope_style, RopeStyle::Neox);
        assert!(c.tied_embeddings);
        assert!(!c.attention_bias);
        assert_eq!(c.rope_freq_factors, None);
        assert_eq!((c.q_dim(), c.kv_dim()), (576, 192));
    }

    #[test]
    fn qwen2_has_biases_and_explicit_head_dim_wins() {
        let json = r#"{"architectures": ["Qwen2ForCausalLM"], "hidden_size": 896, "intermediate_size": 4864,
            "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2, "head_dim": 64,
            "max_position_embeddings": 32768, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0,
            "tie_word_embeddings": true, "vocab_size": 151936, "use_sliding_window": false}"#;
        let c = ModelConfig::from_hf_json(json).expect("valid");
        assert_eq!(c.architecture, Architecture::Qwen2);
        assert!(c.attention_bias);
        assert_eq!(c.head_dim, 64);
    }

    /// Llama-3.2-1B's rope_scaling. Expected factors from the converter's formula, evaluated with
    /// numpy in float32 (`freqs = 1 / 500000 ** (np.arange(0, 64, 2, dtype=np.float32) / 64)`,
    /// then the branch per frequency): the first 15 frequencies are kept (1.0), the last 14
    /// divided by 32, and the 3 between blended.
    #[test]
    fn llama3_rope_scaling_gives_converter_factors() {
        let json = r#"{"architectures": ["LlamaForCausalLM"], "hidden_size": 2048, "intermediate_size": 8192,
            "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 64,
            "max_position_embeddings": 131072, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
            "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                             "original_max_position_embeddings": 8192, "rope_type": "llama3"},
            "tie_word_embeddings": true, "vocab_size": 128256}"#;
        let c = ModelConfig::from_hf_json(json).expect("valid");
        let f = c.rope_freq_factors.expect("llama3 scaling gives factors");
        assert_eq!(f.len(), 32);
        let kept = f.iter().take_while(|&&v| v == 1.0).count();
        let divided = f.iter().rev().take_while(|&&v| v == 32.0).count();
        assert_eq!((kept, divided), (LLAMA32_KEPT, LLAMA32_DIVIDED));
        for (i, (got, want)) in f.iter().zip(LLAMA32_FACTORS).enumerate() {
            assert!(
                (got - want).abs() <= want * 1e-5,
                "factor {i}: {got} vs {want}"
            );
        }
        assert!(
            f.windows(2).all(|w| w[0] <= w[1]),
            "factors grow with wavelength: {f:?}"
        );
    }

    const LLAMA32_KEPT: usize = 15;
    const LLAMA32_DIVIDED: usize = 14;
    #[rustfmt::skip]
    const LLAMA32_FACTORS: [f32; 32] = [
        1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
        1.651_329_3, 3.292_262_8, 9.666_731,
        32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0,
    ];

    #[test]
    fn bad_configs_are_refused_with_the_key() {
        let cases = [
            (
                SMOLLM2_135M.replace("\"num_key_value_heads\": 3", "\"num_key_value_heads\": 4"),
                "n_kv_heads",
            ),
            (
                SMOLLM2_135M.replace("\"num_hidden_layers\": 30", "\"num_hidden_layers\": 0"),
                "n_layers",
            ),
            (
                SMOLLM2_135M.replace("\"num_attention_heads\": 9", "\"num_attention_heads\": 7"),
                "num_attention_heads",
            ),
            (
                SMOLLM2_135M.replace("\"hidden_size\": 576", "\"hidden_size\": 1000008"),
                "hidden",
            ),
            (
                SMOLLM2_135M.replace("\"rope_theta\": 100000", "\"rope_theta\": -1"),
                "rope_base",
            ),
            (
                SMOLLM2_135M.replace("\"rms_norm_eps\": 1e-05", "\"rms_norm_eps\": 0"),
                "rms_eps",
            ),
        ];
        for (json, key) in cases {
            match ModelConfig::from_hf_json(&json) {
                Err(ConfigError::Invalid { key: k, .. }) => assert_eq!(k, key),
                other => panic!("{key}: expected Invalid, got {other:?}"),
            }
        }
        let arch = SMOLLM2_135M.replace("LlamaForCausalLM", "GPT2LMHeadModel");
        assert!(matches!(
            ModelConfig::from_hf_json(&arch),
            Err(ConfigError::UnsupportedArchitecture { .. })
        ));
        let yarn = SMOLLM2_135M.replace(
            "\"rope_scaling\": null",
            r#""rope_scaling": {"type": "yarn", "factor": 4}"#,
        );
        assert!(matches!(
            ModelConfig::from_hf_json(&yarn),
            Err(ConfigError::Unsupported { .. })
        ));
        let missing = SMOLLM2_135M.replace("\"vocab_size\": 49152", "\"vocab\": 1");
        let err = ModelConfig::from_hf_json(&missing).expect_err("vocab_size is required");
        assert!(err.to_string().contains("vocab_size"), "{err}");
        assert!(matches!(
            ModelConfig::from_hf_json("[1, 2"),
            Err(ConfigError::Json(_))
        ));
    }
}
