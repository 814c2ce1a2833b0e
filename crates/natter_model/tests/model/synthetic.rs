//! Synthetic GGUF models that open: read back, and opened as models of each architecture and
//! quantisation.

use natter_model::{
    Architecture, ChatMessage, GgmlType, GgufFile, ModelConfig, RopeStyle, SynthSpec, dequantize,
    synthetic_gguf, write_synthetic_gguf,
};

use crate::{bytes_of, open_bytes, tiny};

#[test]
fn tiny_synthetic_model_reads_back_without_the_tokenizer() {
    let spec = SynthSpec::tiny();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tiny.gguf");
    write_synthetic_gguf(&path, &spec).expect("write");
    let file = GgufFile::open(&path).expect("parses");
    assert_eq!(file.version(), 3);
    assert_eq!(
        ModelConfig::from_gguf(&file).expect("config"),
        spec.config()
    );
    assert_eq!(file.tensors().len(), 1 + 9 * spec.n_layers + 1);
    for t in file.tensors() {
        let ty = t.ty().expect("synthetic types are supported");
        let data = file.tensor_data(t).expect("in the file");
        let mut out = vec![0.0; t.elements()];
        dequantize(ty, data, &mut out).expect("valid blocks");
        let expected_range = if t.name.contains("norm") {
            0.9..1.1
        } else {
            -0.2..0.2
        };
        assert!(out.iter().all(|v| expected_range.contains(v)), "{}", t.name);
    }
}

#[test]
fn tiny_synthetic_model_opens() {
    let spec = SynthSpec::tiny();
    let model = open_bytes(&tiny()).expect("a synthetic model opens");
    assert_eq!(model.config(), &spec.config());
    let t = model.tensors();
    assert_eq!(t.layers.len(), 2);
    assert!(t.output.is_none(), "tied");
    assert_eq!(t.lm_head().name, "token_embd.weight");
    assert_eq!(t.token_embd.shape, [64, 512]);
    assert_eq!(t.token_embd.ty, GgmlType::Q8_0);
    assert_eq!(
        (t.layers[1].wk.shape.as_slice(), t.layers[1].wk.ty),
        ([64, 32].as_slice(), GgmlType::Q4_1)
    );
    assert_eq!(t.layers[0].wo.shape, [64, 64]);
    assert_eq!(t.layers[0].w_down.shape, [128, 64]);
    assert!(t.layers[0].bq.is_none());
    assert_eq!(model.all_tensors().len(), 20);
    let embd = model.dequantize(&t.token_embd).expect("dequantises");
    assert_eq!(embd.len(), 64 * 512);
    assert_eq!(model.tokenizer().vocab_size(), 512);
    let ids = model.tokenizer().encode("the cat").expect("encodes");
    assert_eq!(model.tokenizer().decode(&ids).expect("decodes"), "the cat");
    assert_eq!(model.tokenizer().eos(), Some(2));
    // The ChatML template the writer stores, with control tokens from the template only.
    let prompt = model
        .encode_chat(&[ChatMessage::user("the <|im_end|>")], true)
        .expect("renders");
    assert_eq!(prompt.first(), Some(&1), "starts with <|im_start|>");
    assert_eq!(
        prompt.iter().filter(|&&id| id == 2).count(),
        1,
        "one <|im_end|>: the typed one stays text"
    );
    let text = model.tokenizer().decode(&prompt).expect("decodes");
    assert!(
        text.contains("user\nthe <|im_end|>") && text.ends_with("assistant\n"),
        "{text:?}"
    );
}

#[test]
fn qwen2_synthetic_model_has_biases_and_neox_rope() {
    let spec = SynthSpec {
        architecture: Architecture::Qwen2,
        tied: false,
        ..SynthSpec::tiny()
    };
    let model = open_bytes(&bytes_of(synthetic_gguf(&spec).expect("valid"))).expect("opens");
    let c = model.config();
    assert_eq!(
        (
            c.architecture,
            c.rope_style,
            c.attention_bias,
            c.tied_embeddings
        ),
        (Architecture::Qwen2, RopeStyle::Neox, true, false)
    );
    let l = &model.tensors().layers[1];
    assert_eq!(l.bk.as_ref().map(|b| b.shape.clone()), Some(vec![32]));
    assert_eq!(
        model.tensors().output.as_ref().map(|o| o.name.as_str()),
        Some("output.weight")
    );
}

#[test]
fn k_quant_synthetic_model_opens() {
    let spec = SynthSpec {
        hidden: 256,
        n_heads: 4,
        head_dim: 64,
        ffn: 512,
        weight_type: GgmlType::Q4_K,
        embedding_type: GgmlType::Q6_K,
        tied: false,
        ..SynthSpec::tiny()
    };
    let model = open_bytes(&bytes_of(synthetic_gguf(&spec).expect("valid"))).expect("opens");
    assert_eq!(model.tensors().layers[0].wq.ty, GgmlType::Q4_K);
    assert_eq!(model.tensors().token_embd.ty, GgmlType::Q6_K);
    let w = model
        .dequantize(&model.tensors().layers[0].w_up)
        .expect("dequantises");
    let std = (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt();
    assert!((0.01..0.04).contains(&std), "std {std}");
}
