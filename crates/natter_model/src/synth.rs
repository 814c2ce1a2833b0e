//! Synthetic models: GGUF files with real shapes and random weights, for tests and benchmarks.
//!
//! Speed does not depend on the values of the weights, so a benchmark of a 1.7B-parameter shape
//! needs only a file of that shape. The files are complete models that [`crate::Model::open`]
//! loads: llama.cpp's tensor names and metadata, a small but valid GPT-2-style byte-level BPE
//! vocabulary of exactly `vocab` tokens, and a ChatML template.
//!
//! Weights are random blocks written directly in their quantised form (no `f32` detour), so the
//! 1 GB of a 1.7B-shape file takes seconds. Scales are chosen so values look like trained weights
//! (spread ≈ 0.02, centred) and norms sit near 1, which keeps activations in a sane range for
//! anything that runs the model.

use std::path::Path;

use half::{bf16, f16};
use rayon::prelude::*;

use crate::chat::CHATML_TEMPLATE;
use crate::config::{Architecture, ConfigError, ModelConfig, RopeStyle};
use crate::error::ModelError;
use crate::gguf::{GgufError, GgufWriter};
use crate::quant::{self, GgmlType};

/// The shape, types and seed of a synthetic model.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthSpec {
    /// `Llama` writes a `llama` file (adjacent-pair RoPE); `Qwen2` a `qwen2` file with Q/K/V
    /// biases.
    pub architecture: Architecture,
    pub n_layers: usize,
    pub hidden: usize,
    pub n_heads: usize,
    pub n_kv_heads: usize,
    pub head_dim: usize,
    pub ffn: usize,
    /// Vocabulary size; at least 259 (three special tokens and the 256 bytes).
    pub vocab: usize,
    pub context_length: usize,
    pub rope_base: f32,
    pub rms_eps: f32,
    /// Type of the attention and MLP matrices (and of the LM head when untied).
    pub weight_type: GgmlType,
    /// Type of the embedding table.
    pub embedding_type: GgmlType,
    /// Tie the LM head to the embeddings (no `output.weight`).
    pub tied: bool,
    /// Seed of the weights; the same spec always writes the same bytes.
    pub seed: u64,
}

impl SynthSpec {
    /// SmolLM2-135M's shape, as in the real `SmolLM2-135M-Instruct.Q4_1.gguf`: 30 layers,
    /// hidden 576, 9 query and 3 KV heads of 64, FFN 1536, vocabulary 49152, Q8_0 tied
    /// embeddings, Q4_1 matrices.
    pub fn smollm2_135m() -> Self {
        Self {
            architecture: Architecture::Llama,
            n_layers: 30,
            hidden: 576,
            n_heads: 9,
            n_kv_heads: 3,
            head_dim: 64,
            ffn: 1536,
            vocab: 49152,
            context_length: 8192,
            rope_base: 100_000.0,
            rms_eps: 1e-5,
            weight_type: GgmlType::Q4_1,
            embedding_type: GgmlType::Q8_0,
            tied: true,
            seed: 0x5eed,
        }
    }

    /// SmolLM2-360M's shape: 32 layers, hidden 960, 15 query and 5 KV heads, FFN 2560.
    pub fn smollm2_360m() -> Self {
        Self {
            n_layers: 32,
            hidden: 960,
            n_heads: 15,
            n_kv_heads: 5,
            ffn: 2560,
            ..Self::smollm2_135m()
        }
    }

    /// SmolLM2-1.7B's shape: 24 layers, hidden 2048, 32 query and 32 KV heads, FFN 8192, RoPE
    /// base 130000.
    pub fn smollm2_1_7b() -> Self {
        Self {
            n_layers: 24,
            hidden: 2048,
            n_heads: 32,
            n_kv_heads: 32,
            ffn: 8192,
            rope_base: 130_000.0,
            ..Self::smollm2_135m()
        }
    }

    /// A model small enough for any unit test: 2 layers, hidden 64, 4 query and 2 KV heads of 16,
    /// FFN 128, vocabulary 512, context 256.
    pub fn tiny() -> Self {
        Self {
            n_layers: 2,
            hidden: 64,
            n_heads: 4,
            n_kv_heads: 2,
            head_dim: 16,
            ffn: 128,
            vocab: 512,
            context_length: 256,
            rope_base: 10_000.0,
            ..Self::smollm2_135m()
        }
    }

    /// One block of the 1.7B shapes' row lengths (hidden 2048, 32 heads of 64, FFN 4096: rows of
    /// 2048 and 4096 inputs), the rest as [`SynthSpec::tiny`]: for tests of the kernels and
    /// rules that only long rows get.
    pub fn long_rows() -> Self {
        Self {
            n_layers: 1,
            hidden: 2048,
            n_heads: 32,
            n_kv_heads: 32,
            head_dim: 64,
            ffn: 4096,
            ..Self::tiny()
        }
    }

    /// The config [`crate::Model::open`] reads back from the file.
    pub fn config(&self) -> ModelConfig {
        let qwen = self.architecture == Architecture::Qwen2;
        ModelConfig {
            architecture: self.architecture,
            n_layers: self.n_layers,
            hidden: self.hidden,
            n_heads: self.n_heads,
            n_kv_heads: self.n_kv_heads,
            head_dim: self.head_dim,
            ffn: self.ffn,
            vocab: self.vocab,
            context_length: self.context_length,
            rope_base: self.rope_base,
            rope_style: if qwen {
                RopeStyle::Neox
            } else {
                RopeStyle::Adjacent
            },
            rope_freq_factors: None,
            rms_eps: self.rms_eps,
            tied_embeddings: self.tied,
            attention_bias: qwen,
        }
    }
}

/// Special tokens at the start of the vocabulary, as in SmolLM2: `<|endoftext|>` (unknown),
/// `<|im_start|>` (BOS), `<|im_end|>` (EOS and padding).
const SPECIALS: [&str; 3] = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];
/// `tokenizer.ggml.token_type` values.
const TOKEN_NORMAL: i32 = 1;
const TOKEN_CONTROL: i32 = 3;
const TOKEN_USER_DEFINED: i32 = 4;
/// Spread of the random weights, like a trained small model's.
const WEIGHT_STD: f32 = 0.02;

/// Writes a synthetic model of `spec` to `path`.
pub fn write_synthetic_gguf(path: impl AsRef<Path>, spec: &SynthSpec) -> Result<(), ModelError> {
    let path = path.as_ref();
    let _span = tracing::info_span!("write_synthetic_gguf", path = %path.display()).entered();
    synthetic_gguf(spec)?
        .write_file(path)
        .map_err(|source| ModelError::Io {
            path: path.to_owned(),
            source,
        })
}

/// A [`GgufWriter`] holding a synthetic model of `spec`, for callers that want to change it
/// before writing (tests craft broken models this way). Weights are generated when written.
pub fn synthetic_gguf(spec: &SynthSpec) -> Result<GgufWriter<'static>, ModelError> {
    let config = spec.config();
    let synthetic = Path::new("<synthetic model>");
    config.validate().map_err(|source| ModelError::Config {
        path: synthetic.to_owned(),
        source,
    })?;
    if spec.vocab < SPECIALS.len() + 256 {
        let source = ConfigError::Invalid {
            key: "vocab".into(),
            value: spec.vocab.to_string(),
            reason: "a byte-level vocabulary needs at least 259 tokens".into(),
        };
        return Err(ModelError::Config {
            path: synthetic.to_owned(),
            source,
        });
    }

    let mut w = GgufWriter::new();
    let arch = match spec.architecture {
        Architecture::Qwen2 => "qwen2",
        _ => "llama",
    };
    let key = |k: &str| format!("{arch}.{k}");
    let u32_of = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    w.set("general.architecture", arch);
    w.set(
        "general.name",
        format!("natter synthetic {arch} {}x{}", spec.n_layers, spec.hidden),
    );
    w.set(key("block_count"), u32_of(spec.n_layers));
    w.set(key("context_length"), u32_of(spec.context_length));
    w.set(key("embedding_length"), u32_of(spec.hidden));
    w.set(key("feed_forward_length"), u32_of(spec.ffn));
    w.set(key("attention.head_count"), u32_of(spec.n_heads));
    w.set(key("attention.head_count_kv"), u32_of(spec.n_kv_heads));
    w.set(key("rope.freq_base"), spec.rope_base);
    w.set(key("attention.layer_norm_rms_epsilon"), spec.rms_eps);
    w.set(key("vocab_size"), u32_of(spec.vocab));
    w.set(key("rope.dimension_count"), u32_of(spec.head_dim));
    if spec.head_dim * spec.n_heads != spec.hidden {
        w.set(key("attention.key_length"), u32_of(spec.head_dim));
        w.set(key("attention.value_length"), u32_of(spec.head_dim));
    }
    let (tokens, token_types, merges) = byte_level_vocab(spec.vocab);
    w.set("tokenizer.ggml.model", "gpt2");
    w.set("tokenizer.ggml.pre", "smollm");
    w.set("tokenizer.ggml.tokens", tokens);
    w.set("tokenizer.ggml.token_type", token_types);
    w.set("tokenizer.ggml.merges", merges);
    w.set("tokenizer.ggml.bos_token_id", 1u32);
    w.set("tokenizer.ggml.eos_token_id", 2u32);
    w.set("tokenizer.ggml.unknown_token_id", 0u32);
    w.set("tokenizer.ggml.padding_token_id", 2u32);
    w.set("tokenizer.ggml.add_bos_token", false);
    w.set("tokenizer.chat_template", CHATML_TEMPLATE);

    // Tensors in llama.cpp's order, which puts a layer's tensors together.
    let (h, q, kv, ffn) = (spec.hidden, config.q_dim(), config.kv_dim(), spec.ffn);
    let mut tensors: Vec<(String, GgmlType, Vec<usize>, Fill)> = Vec::new();
    tensors.push((
        "token_embd.weight".into(),
        spec.embedding_type,
        vec![h, spec.vocab],
        Fill::Weights,
    ));
    for l in 0..spec.n_layers {
        let name = |s: &str| format!("blk.{l}.{s}");
        let wt = spec.weight_type;
        tensors.push((name("attn_norm.weight"), GgmlType::F32, vec![h], Fill::Norm));
        tensors.push((name("ffn_down.weight"), wt, vec![ffn, h], Fill::Weights));
        tensors.push((name("ffn_gate.weight"), wt, vec![h, ffn], Fill::Weights));
        tensors.push((name("ffn_up.weight"), wt, vec![h, ffn], Fill::Weights));
        tensors.push((name("ffn_norm.weight"), GgmlType::F32, vec![h], Fill::Norm));
        tensors.push((name("attn_k.weight"), wt, vec![h, kv], Fill::Weights));
        tensors.push((name("attn_output.weight"), wt, vec![q, h], Fill::Weights));
        tensors.push((name("attn_q.weight"), wt, vec![h, q], Fill::Weights));
        tensors.push((name("attn_v.weight"), wt, vec![h, kv], Fill::Weights));
        if config.attention_bias {
            tensors.push((name("attn_q.bias"), GgmlType::F32, vec![q], Fill::Weights));
            tensors.push((name("attn_k.bias"), GgmlType::F32, vec![kv], Fill::Weights));
            tensors.push((name("attn_v.bias"), GgmlType::F32, vec![kv], Fill::Weights));
        }
    }
    tensors.push((
        "output_norm.weight".into(),
        GgmlType::F32,
        vec![h],
        Fill::Norm,
    ));
    if !spec.tied {
        tensors.push((
            "output.weight".into(),
            spec.weight_type,
            vec![h, spec.vocab],
            Fill::Weights,
        ));
    }

    for (i, (name, ty, shape, fill)) in tensors.into_iter().enumerate() {
        let seed =
            SplitMix64::new(spec.seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407)).next();
        let added = w.add_tensor_with(name, ty, &shape, move |buf: &mut [u8]| {
            fill_random(ty, fill, seed, buf)
        });
        added.map_err(|e| match e {
            GgufError::WriteTensor { name, source } => ModelError::Tensor { name, source },
            other => ModelError::Gguf {
                path: synthetic.to_owned(),
                source: other,
            },
        })?;
    }
    Ok(w)
}

/// What a tensor's values should look like.
#[derive(Clone, Copy, Debug)]
enum Fill {
    /// Centred, spread ≈ [`WEIGHT_STD`].
    Weights,
    /// Near 1, as RMSNorm weights are.
    Norm,
}

/// GPT-2's byte-to-character map (`bytes_to_unicode`): printable Latin-1 bytes stand for
/// themselves, the rest are shifted to U+0100 and up. Returned in GPT-2's order (printable ones
/// first), which is the order of the byte tokens in SmolLM2's vocabulary.
fn bytes_to_unicode() -> Vec<(u8, char)> {
    let printable = |b: u8| matches!(b, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF);
    let mut out: Vec<(u8, char)> = (0..=255u8)
        .filter(|&b| printable(b))
        .map(|b| (b, char::from(b)))
        .collect();
    for (n, b) in (0..=255u8).filter(|&b| !printable(b)).enumerate() {
        // 256 + n is below 512, always a valid char.
        out.push((b, char::from_u32(256 + n as u32).unwrap_or('?')));
    }
    out
}

/// A valid byte-level BPE vocabulary of exactly `size` tokens (at least 259): the special
/// tokens, the 256 byte tokens, then tokens made by merges of letters (`Ġ` stands for a leading
/// space, as in GPT-2), and `<|extra_N|>` user-defined tokens if merges run out. Every merge joins
/// two existing tokens into one listed later.
fn byte_level_vocab(size: usize) -> (Vec<String>, Vec<i32>, Vec<String>) {
    let mut tokens: Vec<String> = SPECIALS.iter().map(|s| (*s).to_owned()).collect();
    let mut types = vec![TOKEN_CONTROL; SPECIALS.len()];
    for (_, c) in bytes_to_unicode() {
        tokens.push(c.to_string());
        types.push(TOKEN_NORMAL);
    }
    let letters: Vec<String> = "etaoinshrdlcumwfgypbvkjxqz"
        .chars()
        .map(String::from)
        .collect();
    let mut starts: Vec<String> = std::iter::once("Ġ".to_owned())
        .chain(letters.iter().cloned())
        .collect();
    let mut merges = Vec::new();
    // Each round appends a letter to every token of the previous round: "Ġ"+"t", then "Ġt"+"h"…
    // Token lengths differ between rounds and words within one, so every token is new.
    'rounds: while tokens.len() < size && starts.len() < 1 << 22 {
        let mut next = Vec::with_capacity(starts.len() * letters.len());
        for a in &starts {
            for b in &letters {
                if tokens.len() == size {
                    break 'rounds;
                }
                merges.push(format!("{a} {b}"));
                let t = format!("{a}{b}");
                tokens.push(t.clone());
                types.push(TOKEN_NORMAL);
                next.push(t);
            }
        }
        starts = next;
    }
    while tokens.len() < size {
        tokens.push(format!("<|extra_{}|>", tokens.len()));
        types.push(TOKEN_USER_DEFINED);
    }
    (tokens, types, merges)
}

/// SplitMix64: tiny, fast, and good enough for weights nobody will train.
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Uniform in `[lo, hi)`.
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }

    fn fill_bytes(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

/// A value of a tensor of kind `fill`: uniform with the spread of [`WEIGHT_STD`] (half-width
/// std·√3), or near 1 for norms.
fn sample(fill: Fill, rng: &mut SplitMix64) -> f32 {
    match fill {
        Fill::Weights => rng.range(-1.0, 1.0) * WEIGHT_STD * 3f32.sqrt(),
        Fill::Norm => 1.0 + rng.range(-0.05, 0.05),
    }
}

/// Fills `buf` with valid random data of type `ty`. Work is split into fixed chunks, each with its
/// own generator seeded from `seed` and its index, so the bytes do not depend on thread count.
fn fill_random(ty: GgmlType, fill: Fill, seed: u64, buf: &mut [u8]) {
    const BLOCKS_PER_CHUNK: usize = 4096;
    let chunk = BLOCKS_PER_CHUNK * ty.block_bytes();
    buf.par_chunks_mut(chunk).enumerate().for_each(|(i, part)| {
        let mut rng = SplitMix64::new(seed ^ (i as u64).wrapping_mul(0xD134_2543_DE82_EF95));
        fill_chunk(ty, fill, &mut rng, part);
    });
}

fn fill_chunk(ty: GgmlType, fill: Fill, rng: &mut SplitMix64, part: &mut [u8]) {
    let h = |v: f32| f16::from_f32(v).to_le_bytes();
    match ty {
        GgmlType::F32 => part
            .chunks_exact_mut(4)
            .for_each(|b| b.copy_from_slice(&sample(fill, rng).to_le_bytes())),
        GgmlType::F16 => part
            .chunks_exact_mut(2)
            .for_each(|b| b.copy_from_slice(&h(sample(fill, rng)))),
        GgmlType::BF16 => part
            .chunks_exact_mut(2)
            .for_each(|b| b.copy_from_slice(&bf16::from_f32(sample(fill, rng)).to_le_bytes())),
        // Quantised types: random payload bits, then a scale per block so that the values spread
        // like the float case (norms in a quantised type are not worth the trouble: they come
        // out as weights). Uniform 4-bit codes have a spread of 4.61 steps, uniform bytes 73.9.
        _ => {
            rng.fill_bytes(part);
            let jitter = |rng: &mut SplitMix64| rng.range(0.75, 1.25);
            for block in part.chunks_exact_mut(ty.block_bytes()) {
                match ty {
                    GgmlType::Q4_0 => {
                        block[..2].copy_from_slice(&h(WEIGHT_STD / 4.61 * jitter(rng)))
                    }
                    GgmlType::Q4_1 => {
                        let d = WEIGHT_STD / 4.61 * jitter(rng);
                        block[..2].copy_from_slice(&h(d));
                        block[2..4].copy_from_slice(&h(-7.5 * d));
                    }
                    GgmlType::Q8_0 => {
                        block[..2].copy_from_slice(&h(WEIGHT_STD / 73.9 * jitter(rng)))
                    }
                    GgmlType::Q4_K => {
                        // value = d·sc·q − dmin·m; with m = sc and dmin = 7.5·d each sub-block is
                        // centred: d·sc·(q − 7.5). Scales 32..63 average 47.5.
                        let sc: [u8; 8] = std::array::from_fn(|_| 32 + (rng.next() % 32) as u8);
                        let d = WEIGHT_STD / (47.5 * 4.61) * jitter(rng);
                        block[..2].copy_from_slice(&h(d));
                        block[2..4].copy_from_slice(&h(7.5 * d));
                        block[4..16].copy_from_slice(&quant::pack_scale_min_k4(sc, sc));
                    }
                    GgmlType::Q6_K => {
                        // value = d·sc·(q − 32), q uniform in 0..64 (spread 18.5); scales 16..63.
                        for s in &mut block[192..208] {
                            *s = 16 + (rng.next() % 48) as u8;
                        }
                        let d = WEIGHT_STD / (39.5 * 18.5) * jitter(rng);
                        block[208..210].copy_from_slice(&h(d));
                    }
                    // Float types are handled above; a new quantised type must get a case here.
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gguf::parse;
    use std::collections::HashSet;

    fn write(spec: &SynthSpec) -> Vec<u8> {
        let mut out = Vec::new();
        synthetic_gguf(spec)
            .expect("valid spec")
            .write_to(&mut out)
            .expect("to a Vec");
        out
    }

    #[test]
    fn byte_level_vocab_is_exact_and_consistent() {
        for size in [259, 260, 512, 49152] {
            let (tokens, types, merges) = byte_level_vocab(size);
            assert_eq!(tokens.len(), size);
            assert_eq!(types.len(), size);
            assert_eq!(merges.len(), size - 259);
            let set: HashSet<&str> = tokens.iter().map(String::as_str).collect();
            assert_eq!(set.len(), size, "tokens are unique");
            for m in &merges {
                let (a, b) = m.split_once(' ').expect("merge is two tokens");
                assert!(set.contains(a) && set.contains(b), "{m}");
                assert!(set.contains(format!("{a}{b}").as_str()), "{m}");
            }
        }
        let (tokens, types, _) = byte_level_vocab(512);
        assert_eq!(
            &tokens[..4],
            ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "!"]
        );
        assert_eq!(&types[..4], [3, 3, 3, 1]);
        assert!(tokens.contains(&"Ġ".to_owned()) && tokens.contains(&"Ċ".to_owned()));
    }

    #[test]
    fn byte_map_is_gpt2s() {
        let map = bytes_to_unicode();
        assert_eq!(map.len(), 256);
        let chars: HashSet<char> = map.iter().map(|&(_, c)| c).collect();
        assert_eq!(chars.len(), 256);
        let of = |b: u8| map.iter().find(|&&(x, _)| x == b).map(|&(_, c)| c);
        assert_eq!(of(b' '), Some('Ġ'));
        assert_eq!(of(b'\n'), Some('Ċ'));
        assert_eq!(of(b'a'), Some('a'));
        assert_eq!(of(0xAD), Some('Ń'));
    }

    #[test]
    fn tiny_model_has_llama_cpp_layout() {
        let spec = SynthSpec::tiny();
        let bytes = write(&spec);
        let h = parse(&bytes).expect("valid");
        assert_eq!(h.tensors.len(), 1 + 9 * spec.n_layers + 1);
        assert_eq!(
            h.metadata.get_str("general.architecture").expect("arch"),
            "llama"
        );
        assert_eq!(
            h.metadata
                .get_str_array("tokenizer.ggml.tokens")
                .expect("tokens")
                .len(),
            spec.vocab
        );
        let q = h
            .tensors
            .iter()
            .find(|t| t.name == "blk.1.attn_q.weight")
            .expect("present");
        assert_eq!(
            (q.shape.as_slice(), q.ty()),
            ([64, 64].as_slice(), Some(GgmlType::Q4_1))
        );
        let e = &h.tensors[0];
        assert_eq!(
            (e.name.as_str(), e.shape.as_slice(), e.ty()),
            (
                "token_embd.weight",
                [64, 512].as_slice(),
                Some(GgmlType::Q8_0)
            )
        );
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = write(&SynthSpec::tiny());
        assert_eq!(a, write(&SynthSpec::tiny()));
        assert_ne!(
            a,
            write(&SynthSpec {
                seed: 7,
                ..SynthSpec::tiny()
            })
        );
    }

    #[test]
    fn random_blocks_have_realistic_values_for_every_type() {
        for ty in GgmlType::ALL {
            let n = 256 * 64;
            let mut buf = vec![0u8; ty.row_bytes(n).expect("aligned")];
            fill_random(ty, Fill::Weights, 42, &mut buf);
            let mut y = vec![0.0; n];
            quant::dequantize(ty, &buf, &mut y).expect("valid blocks");
            let mean = y.iter().sum::<f32>() / n as f32;
            let std = (y.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n as f32).sqrt();
            assert!(y.iter().all(|v| v.is_finite()), "{ty}");
            assert!(mean.abs() < 0.003, "{ty}: mean {mean}");
            assert!((0.012..0.03).contains(&std), "{ty}: std {std}");
        }
        let mut norms = vec![0u8; 4 * 64];
        fill_random(GgmlType::F32, Fill::Norm, 1, &mut norms);
        let mut y = vec![0.0; 64];
        quant::dequantize(GgmlType::F32, &norms, &mut y).expect("f32");
        assert!(y.iter().all(|v| (0.9..1.1).contains(v)));
    }

    #[test]
    fn qwen2_spec_writes_biases() {
        let spec = SynthSpec {
            architecture: Architecture::Qwen2,
            ..SynthSpec::tiny()
        };
        let h = parse(&write(&spec)).expect("valid");
        assert_eq!(
            h.metadata.get_str("general.architecture").expect("arch"),
            "qwen2"
        );
        assert!(
            h.tensors
                .iter()
                .any(|t| t.name == "blk.1.attn_v.bias" && t.shape == [32])
        );
    }

    #[test]
    fn impossible_specs_are_errors() {
        let small_vocab = SynthSpec {
            vocab: 100,
            ..SynthSpec::tiny()
        };
        assert!(matches!(
            synthetic_gguf(&small_vocab),
            Err(ModelError::Config { .. })
        ));
        let bad_heads = SynthSpec {
            n_kv_heads: 3,
            ..SynthSpec::tiny()
        };
        assert!(matches!(
            synthetic_gguf(&bad_heads),
            Err(ModelError::Config { .. })
        ));
        // Rows of 64 are not a whole number of 256-element Q4_K blocks.
        let k_quant = SynthSpec {
            weight_type: GgmlType::Q4_K,
            ..SynthSpec::tiny()
        };
        assert!(matches!(
            synthetic_gguf(&k_quant),
            Err(ModelError::Tensor { .. })
        ));
    }
}
