//! Hugging Face checkpoints (safetensors + JSON) built from the tiny synthetic model's weights.

use std::collections::HashMap;
use std::path::Path;

use natter_model::{
    ConfigError, GgmlType, GgufFile, Model, ModelError, RopeStyle, SafetensorsError, SynthSpec,
    TensorRef, dequantize,
};

use crate::tiny;

/// A safetensors file from `(name, dtype, shape in Hugging Face order, data)`.
fn safetensors_bytes(tensors: &[(String, &str, Vec<usize>, Vec<u8>)]) -> Vec<u8> {
    let mut header = serde_json::Map::new();
    let mut offset = 0;
    for (name, dtype, shape, data) in tensors {
        let end = offset + data.len();
        header.insert(
            name.clone(),
            serde_json::json!({"dtype": dtype, "shape": shape, "data_offsets": [offset, end]}),
        );
        offset = end;
    }
    let json = serde_json::Value::Object(header).to_string();
    let mut out = (json.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(json.as_bytes());
    for (_, _, _, data) in tensors {
        out.extend_from_slice(data);
    }
    out
}

/// The GGUF name of a Hugging Face tensor of a LLaMA checkpoint.
fn gguf_name(hf: &str) -> String {
    let table = [
        ("model.embed_tokens.weight", "token_embd.weight"),
        ("model.norm.weight", "output_norm.weight"),
        ("lm_head.weight", "output.weight"),
    ];
    if let Some((_, g)) = table.iter().find(|(h, _)| *h == hf) {
        return (*g).to_owned();
    }
    let rest = hf.strip_prefix("model.layers.").expect("a layer tensor");
    let (layer, suffix) = rest.split_once('.').expect("layer.suffix");
    let suffix = match suffix {
        "input_layernorm.weight" => "attn_norm.weight",
        "self_attn.q_proj.weight" => "attn_q.weight",
        "self_attn.k_proj.weight" => "attn_k.weight",
        "self_attn.v_proj.weight" => "attn_v.weight",
        "self_attn.o_proj.weight" => "attn_output.weight",
        "post_attention_layernorm.weight" => "ffn_norm.weight",
        "mlp.gate_proj.weight" => "ffn_gate.weight",
        "mlp.up_proj.weight" => "ffn_up.weight",
        "mlp.down_proj.weight" => "ffn_down.weight",
        other => panic!("unexpected {other}"),
    };
    format!("blk.{layer}.{suffix}")
}

/// A Hugging Face checkpoint in `dir` with the tiny synthetic model's weights (matrices BF16,
/// the rest F32) and vocabulary; `shards` > 1 splits the weights with an index. Returns the
/// GGUF weights as `f32` by GGUF name, for comparison.
pub(crate) fn write_hf_checkpoint(
    dir: &Path,
    shards: usize,
    edit: impl FnOnce(&mut Vec<(String, &'static str, Vec<usize>, Vec<u8>)>),
) -> HashMap<String, Vec<f32>> {
    let gguf_path = dir.join("source.gguf");
    std::fs::write(&gguf_path, tiny()).expect("write");
    let file = GgufFile::open(&gguf_path).expect("valid");
    let mut weights = HashMap::new();
    for t in file.tensors() {
        let mut out = vec![0.0; t.elements()];
        dequantize(
            t.ty().expect("supported"),
            file.tensor_data(t).expect("in file"),
            &mut out,
        )
        .expect("valid");
        weights.insert(t.name.clone(), out);
    }
    let spec = SynthSpec::tiny();
    let mut names = vec![
        "model.embed_tokens.weight".to_owned(),
        "model.norm.weight".to_owned(),
    ];
    for l in 0..spec.n_layers {
        for s in [
            "input_layernorm.weight",
            "self_attn.q_proj.weight",
            "self_attn.k_proj.weight",
            "self_attn.v_proj.weight",
            "self_attn.o_proj.weight",
            "post_attention_layernorm.weight",
            "mlp.gate_proj.weight",
            "mlp.up_proj.weight",
            "mlp.down_proj.weight",
        ] {
            names.push(format!("model.layers.{l}.{s}"));
        }
    }
    let mut tensors: Vec<(String, &'static str, Vec<usize>, Vec<u8>)> = names
        .into_iter()
        .map(|hf| {
            let g = gguf_name(&hf);
            let info = file.tensor(&g).expect("present");
            let values = &weights[&g];
            // Hugging Face order is ggml order reversed.
            let shape: Vec<usize> = info.shape.iter().rev().copied().collect();
            if shape.len() == 2 {
                let data = values
                    .iter()
                    .flat_map(|v| half::bf16::from_f32(*v).to_le_bytes())
                    .collect();
                (hf, "BF16", shape, data)
            } else {
                (
                    hf,
                    "F32",
                    shape,
                    values.iter().flat_map(|v| v.to_le_bytes()).collect(),
                )
            }
        })
        .collect();
    edit(&mut tensors);

    if shards <= 1 {
        std::fs::write(dir.join("model.safetensors"), safetensors_bytes(&tensors)).expect("write");
    } else {
        let per = tensors.len().div_ceil(shards);
        let mut map = serde_json::Map::new();
        for (i, chunk) in tensors.chunks(per).enumerate() {
            let shard = format!("model-{:05}-of-{shards:05}.safetensors", i + 1);
            std::fs::write(dir.join(&shard), safetensors_bytes(chunk)).expect("write");
            for (name, ..) in chunk {
                map.insert(name.clone(), serde_json::Value::String(shard.clone()));
            }
        }
        let index = serde_json::json!({"metadata": {"total_size": 0}, "weight_map": map});
        std::fs::write(dir.join("model.safetensors.index.json"), index.to_string()).expect("write");
    }

    let config = serde_json::json!({
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "hidden_size": spec.hidden, "intermediate_size": spec.ffn, "num_hidden_layers": spec.n_layers,
        "num_attention_heads": spec.n_heads, "num_key_value_heads": spec.n_kv_heads,
        "max_position_embeddings": spec.context_length, "rms_norm_eps": spec.rms_eps,
        "rope_theta": spec.rope_base, "rope_scaling": null, "tie_word_embeddings": true,
        "vocab_size": spec.vocab, "torch_dtype": "bfloat16"
    });
    std::fs::write(dir.join("config.json"), config.to_string()).expect("write");

    // tokenizer.json: the same byte-level BPE vocabulary, in the `tokenizers` format.
    let m = file.metadata();
    let tokens = m.get_str_array("tokenizer.ggml.tokens").expect("tokens");
    let merges = m.get_str_array("tokenizer.ggml.merges").expect("merges");
    let vocab: serde_json::Map<String, serde_json::Value> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), serde_json::json!(i)))
        .collect();
    let added: Vec<serde_json::Value> = tokens[..3]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"id": i, "content": t, "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true})
        })
        .collect();
    let byte_level = serde_json::json!({"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true});
    let tokenizer = serde_json::json!({
        "version": "1.0", "truncation": null, "padding": null, "added_tokens": added,
        "normalizer": null, "pre_tokenizer": byte_level, "post_processor": null, "decoder": byte_level,
        "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
            "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "vocab": vocab, "merges": merges}
    });
    std::fs::write(dir.join("tokenizer.json"), tokenizer.to_string()).expect("write");
    let tokenizer_config = serde_json::json!({
        "bos_token": {"content": "<|im_start|>", "lstrip": false}, "eos_token": "<|im_end|>",
        "chat_template": "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    });
    std::fs::write(
        dir.join("tokenizer_config.json"),
        tokenizer_config.to_string(),
    )
    .expect("write");
    std::fs::remove_file(&gguf_path).expect("remove");
    weights
}

fn check_hf_model(model: &Model, gguf_weights: &HashMap<String, Vec<f32>>) {
    let spec = SynthSpec::tiny();
    let c = model.config();
    assert_eq!(
        c.rope_style,
        RopeStyle::Neox,
        "Hugging Face checkpoints rotate NeoX pairs"
    );
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
        (
            spec.n_layers,
            spec.hidden,
            spec.n_heads,
            spec.n_kv_heads,
            spec.head_dim,
            spec.ffn,
            spec.vocab
        )
    );
    assert!(c.tied_embeddings);
    let t = model.tensors();
    let check = |r: &TensorRef, gguf: &str| {
        let got = model.dequantize(r).expect("dequantises");
        let want = &gguf_weights[gguf];
        assert_eq!(got.len(), want.len(), "{}", r.name);
        for (a, b) in got.iter().zip(want) {
            assert!(
                (a - b).abs() <= b.abs() / 128.0 + 1e-9,
                "{}: {a} vs {b}",
                r.name
            );
        }
    };
    assert_eq!(t.layers[1].wk.shape, [64, 32], "ggml order");
    assert_eq!(t.layers[1].wk.ty, GgmlType::BF16);
    check(&t.layers[1].wk, "blk.1.attn_k.weight");
    check(&t.layers[0].w_down, "blk.0.ffn_down.weight");
    check(&t.token_embd, "token_embd.weight");
    check(&t.output_norm, "output_norm.weight");
    assert_eq!(model.tokenizer().vocab_size(), 512);
    assert_eq!(model.tokenizer().eos(), Some(2));
}

#[test]
fn hugging_face_directory_opens_with_ggml_shapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let weights = write_hf_checkpoint(dir.path(), 1, |_| {});
    let model = Model::open(dir.path()).expect("opens");
    check_hf_model(&model, &weights);
    // The path of config.json works too.
    let model = Model::open(dir.path().join("config.json")).expect("opens");
    assert_eq!(model.all_tensors().len(), 20);
}

#[test]
fn sharded_hugging_face_checkpoint_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let weights = write_hf_checkpoint(dir.path(), 3, |_| {});
    let model = Model::open(dir.path()).expect("opens");
    check_hf_model(&model, &weights);
}

#[test]
fn hugging_face_errors_name_the_file_and_tensor() {
    // A missing projection.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |t| {
        t.retain(|(n, ..)| n != "model.layers.1.mlp.up_proj.weight")
    });
    let err = Model::open(dir.path()).expect_err("missing tensor");
    assert!(
        matches!(err, ModelError::MissingTensor { ref name } if name == "model.layers.1.mlp.up_proj.weight"),
        "{err}"
    );

    // An integer tensor.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |t| {
        t.push(("ids".into(), "I64", vec![2], vec![0; 16]))
    });
    let err = Model::open(dir.path()).expect_err("I64");
    assert!(
        matches!(err, ModelError::Safetensors { source: SafetensorsError::UnsupportedDtype { ref dtype, .. }, ref path } if dtype == "I64" && path.ends_with("model.safetensors")),
        "{err}"
    );

    // An index that points outside the directory.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 2, |_| {});
    let index_path = dir.path().join("model.safetensors.index.json");
    let index = std::fs::read_to_string(&index_path).expect("read");
    std::fs::write(
        &index_path,
        index.replace("model-00001-of-00002", "../model-00001-of-00002"),
    )
    .expect("write");
    let err = Model::open(dir.path()).expect_err("escaping shard");
    assert!(
        matches!(
            err,
            ModelError::Safetensors {
                source: SafetensorsError::Index { .. },
                ..
            }
        ),
        "{err}"
    );

    // A truncated shard.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |_| {});
    let st = dir.path().join("model.safetensors");
    let bytes = std::fs::read(&st).expect("read");
    std::fs::write(&st, &bytes[..bytes.len() - 10]).expect("write");
    let err = Model::open(dir.path()).expect_err("truncated");
    assert!(
        matches!(
            err,
            ModelError::Safetensors {
                source: SafetensorsError::OutOfBounds { .. },
                ..
            }
        ),
        "{err}"
    );

    // An architecture natter does not run.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |_| {});
    let config = std::fs::read_to_string(dir.path().join("config.json")).expect("read");
    std::fs::write(
        dir.path().join("config.json"),
        config.replace("LlamaForCausalLM", "GPTNeoXForCausalLM"),
    )
    .expect("write");
    let err = Model::open(dir.path()).expect_err("unsupported");
    assert!(
        matches!(err, ModelError::Config { source: ConfigError::UnsupportedArchitecture { .. }, ref path } if path.ends_with("config.json")),
        "{err}"
    );

    // A tokenizer larger than the embedding table.
    let dir = tempfile::tempdir().expect("tempdir");
    write_hf_checkpoint(dir.path(), 1, |t| {
        for (name, _, shape, data) in t.iter_mut() {
            if name == "model.embed_tokens.weight" {
                shape[0] = 500;
                data.truncate(500 * 64 * 2);
            }
        }
    });
    let config = std::fs::read_to_string(dir.path().join("config.json")).expect("read");
    std::fs::write(
        dir.path().join("config.json"),
        config.replace("\"vocab_size\":512", "\"vocab_size\":500"),
    )
    .expect("write");
    let err = Model::open(dir.path()).expect_err("vocab mismatch");
    assert!(
        matches!(
            err,
            ModelError::VocabMismatch {
                tokenizer: 512,
                embedding: 500,
                ..
            }
        ),
        "{err}"
    );
}
