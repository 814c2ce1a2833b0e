//! The real SmolLM2-135M-Instruct file: its layout, its dequantised values, and the synthetic
//! preset that stands in for it.

use std::collections::HashMap;

use natter_model::{
    Architecture, GgmlType, GgufFile, Model, ModelConfig, RopeStyle, SynthSpec, dequantize,
    write_synthetic_gguf,
};

use crate::real_model_path;

#[test]
fn real_smollm2_file_parses_as_documented() {
    let file = GgufFile::open(real_model_path()).expect("the real model parses");
    assert_eq!(file.version(), 3);
    assert_eq!(file.tensors().len(), 272);
    let c = ModelConfig::from_gguf(&file).expect("config");
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
    assert_eq!(c.rope_base, 100_000.0);
    assert_eq!(c.rope_style, RopeStyle::Adjacent);
    assert!((c.rms_eps - 1e-5).abs() < 1e-9);
    assert_eq!(c.context_length, 8192);
    assert!(c.tied_embeddings);
    assert!(!c.attention_bias);
    assert_eq!(c.rope_freq_factors, None);

    let mut types: HashMap<&str, usize> = HashMap::new();
    for t in file.tensors() {
        let expected = if t.name == "token_embd.weight" {
            GgmlType::Q8_0
        } else if t.name.ends_with("norm.weight") {
            GgmlType::F32
        } else {
            GgmlType::Q4_1
        };
        assert_eq!(t.ty(), Some(expected), "{}", t.name);
        *types.entry(t.type_name()).or_default() += 1;
    }
    assert_eq!(
        types,
        HashMap::from([("Q4_1", 210), ("F32", 61), ("Q8_0", 1)])
    );
    let m = file.metadata();
    assert_eq!(m.get_str("tokenizer.ggml.model").expect("model"), "gpt2");
    assert_eq!(
        m.get_str_array("tokenizer.ggml.tokens")
            .expect("tokens")
            .len(),
        49152
    );
    assert_eq!(
        m.get_i32_array("tokenizer.ggml.token_type")
            .expect("types")
            .len(),
        49152
    );
    assert_eq!(
        m.get_str_array("tokenizer.ggml.merges")
            .expect("merges")
            .len(),
        48900
    );
    assert!(
        m.get_str("tokenizer.chat_template")
            .expect("template")
            .contains("<|im_start|>")
    );
}

/// Dequantised values of the real file from gguf-py 0.19 (`gguf.quants.dequantize` on
/// `GGUFReader(path).tensors[i].data`), as f32 bits, with the f64 sum of each whole tensor.
#[test]
fn real_smollm2_dequantises_like_gguf_py() {
    let file = GgufFile::open(real_model_path()).expect("the real model parses");
    // (tensor, [(element, f32 bits)], sum)
    type Case = (&'static str, &'static [(usize, u32)], f64);
    let cases: [Case; 4] = [
        (
            "token_embd.weight",
            &[
                (0, 0xbdda3400),
                (1, 0x3d071400),
                (31, 0xbe4d3700),
                (32, 0xbdbf7600),
                (576_005, 0xbc23c000),
                (28_311_551, 0xbd2ad000),
            ],
            -15353.04449415207,
        ),
        (
            "blk.0.attn_q.weight",
            &[
                (0, 0xbdc54000),
                (1, 0x3e212000),
                (15, 0x3f09b000),
                (16, 0xbe648000),
                (31, 0xbdc54000),
                (331_775, 0xbe830000),
            ],
            59.22322082519531,
        ),
        (
            "blk.29.ffn_down.weight",
            &[(0, 0xbe8bf000), (17, 0x3d464000), (884_735, 0x3d680000)],
            49.83570861816406,
        ),
        (
            "output_norm.weight",
            &[(0, 0x3fe10000), (575, 0x3ffe0000)],
            1038.33203125,
        ),
    ];
    for (name, values, sum) in cases {
        let t = file.tensor(name).expect("present");
        let mut out = vec![0.0f32; t.elements()];
        dequantize(
            t.ty().expect("supported"),
            file.tensor_data(t).expect("in file"),
            &mut out,
        )
        .expect("valid");
        for &(i, bits) in values {
            assert_eq!(
                out[i].to_bits(),
                bits,
                "{name}[{i}]: {} vs {}",
                out[i],
                f32::from_bits(bits)
            );
        }
        let total: f64 = out.iter().map(|&v| f64::from(v)).sum();
        assert!(
            (total - sum).abs() < 1e-6 * sum.abs().max(1.0),
            "{name}: sum {total} vs {sum}"
        );
    }
}

#[test]
fn real_smollm2_model_opens() {
    let model = Model::open(real_model_path()).expect("the real model opens");
    let t = model.tensors();
    assert_eq!(t.layers.len(), 30);
    assert!(t.output.is_none());
    assert_eq!(t.token_embd.shape, [576, 49152]);
    assert_eq!(t.layers[29].wk.shape, [576, 192]);
    assert_eq!(model.all_tensors().len(), 272);
    assert_eq!(model.tokenizer().vocab_size(), 49152);
    assert_eq!(model.tokenizer().eos(), Some(2));
}

#[test]
fn smollm2_135m_preset_has_the_real_files_layout() {
    // The synthetic preset must be a drop-in for the real file: same names, types and shapes,
    // same config.
    let real = GgufFile::open(real_model_path()).expect("the real model parses");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("synthetic-135m.gguf");
    write_synthetic_gguf(&path, &SynthSpec::smollm2_135m()).expect("write");
    let synth = GgufFile::open(&path).expect("parses");
    let layout = |f: &GgufFile| -> Vec<(String, Option<GgmlType>, Vec<usize>)> {
        let mut v: Vec<_> = f
            .tensors()
            .iter()
            .map(|t| (t.name.clone(), t.ty(), t.shape.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(layout(&synth), layout(&real));
    assert_eq!(
        ModelConfig::from_gguf(&synth).expect("config"),
        ModelConfig::from_gguf(&real).expect("config")
    );
    Model::open(&path).expect("the synthetic 135M model opens");
}
