//! Builds the unfused graph of one forward step from a model's config: the model as a program.

use natter_model::ModelConfig;

use crate::ir::{Columns, Graph, Kv, LayerRole, Node, Op, TensorRole, Value, ValueId};

struct Builder {
    values: Vec<Value>,
    nodes: Vec<Node>,
    layer: Option<usize>,
}

impl Builder {
    fn value(&mut self, name: String, width: usize, columns: Columns) -> ValueId {
        self.values.push(Value {
            name,
            width,
            columns,
        });
        ValueId(self.values.len() - 1)
    }

    /// Appends a node that produces a value of `width`, with as many columns as its first input.
    fn op(&mut self, op: Op, inputs: &[ValueId], name: String, width: usize) -> ValueId {
        let columns = inputs
            .first()
            .map_or(Columns::Step, |v| self.values[v.0].columns);
        let output = self.value(name, width, columns);
        self.nodes.push(Node {
            op,
            inputs: inputs.to_vec(),
            output: Some(output),
            layer: self.layer,
        });
        output
    }

    /// Appends a node run for its effect only (`StoreKv`).
    fn effect(&mut self, op: Op, inputs: &[ValueId]) {
        self.nodes.push(Node {
            op,
            inputs: inputs.to_vec(),
            output: None,
            layer: self.layer,
        });
    }
}

/// The forward step of a LLaMA-family model, unfused:
/// embed → for each block (RMSNorm → Q/K/V → RoPE → KV store → attention → O → residual →
/// RMSNorm → gate/up → SiLU·mul → down → residual) → gather out columns → RMSNorm → LM head.
pub fn forward_graph(c: &ModelConfig) -> Graph {
    let mut b = Builder {
        values: Vec::new(),
        nodes: Vec::new(),
        layer: None,
    };
    let mut x = b.op(Op::Embed, &[], "x".into(), c.hidden);
    for l in 0..c.n_layers {
        b.layer = Some(l);
        let w = |r| TensorRole::Layer(l, r);
        let bias = |r| c.attention_bias.then_some(TensorRole::Layer(l, r));

        let n = b.op(
            Op::RmsNorm {
                weight: w(LayerRole::AttnNorm),
            },
            &[x],
            format!("attn_in{l}"),
            c.hidden,
        );
        let q = b.op(
            Op::MatMul {
                weight: w(LayerRole::Wq),
                bias: bias(LayerRole::Bq),
            },
            &[n],
            format!("q{l}"),
            c.q_dim(),
        );
        let k = b.op(
            Op::MatMul {
                weight: w(LayerRole::Wk),
                bias: bias(LayerRole::Bk),
            },
            &[n],
            format!("k{l}"),
            c.kv_dim(),
        );
        let v = b.op(
            Op::MatMul {
                weight: w(LayerRole::Wv),
                bias: bias(LayerRole::Bv),
            },
            &[n],
            format!("v{l}"),
            c.kv_dim(),
        );
        let q = b.op(Op::Rope, &[q], format!("q_rot{l}"), c.q_dim());
        let k = b.op(Op::Rope, &[k], format!("k_rot{l}"), c.kv_dim());
        b.effect(
            Op::StoreKv {
                layer: l,
                kv: Kv::Keys,
            },
            &[k],
        );
        b.effect(
            Op::StoreKv {
                layer: l,
                kv: Kv::Values,
            },
            &[v],
        );
        let a = b.op(
            Op::Attention { layer: l },
            &[q],
            format!("attn{l}"),
            c.q_dim(),
        );
        let o = b.op(
            Op::MatMul {
                weight: w(LayerRole::Wo),
                bias: None,
            },
            &[a],
            format!("o{l}"),
            c.hidden,
        );
        x = b.op(Op::Add, &[x, o], format!("x_attn{l}"), c.hidden);

        let n = b.op(
            Op::RmsNorm {
                weight: w(LayerRole::FfnNorm),
            },
            &[x],
            format!("ffn_in{l}"),
            c.hidden,
        );
        let g = b.op(
            Op::MatMul {
                weight: w(LayerRole::Gate),
                bias: None,
            },
            &[n],
            format!("gate{l}"),
            c.ffn,
        );
        let u = b.op(
            Op::MatMul {
                weight: w(LayerRole::Up),
                bias: None,
            },
            &[n],
            format!("up{l}"),
            c.ffn,
        );
        let h = b.op(Op::SiluMul, &[g, u], format!("act{l}"), c.ffn);
        let d = b.op(
            Op::MatMul {
                weight: w(LayerRole::Down),
                bias: None,
            },
            &[h],
            format!("down{l}"),
            c.hidden,
        );
        x = b.op(Op::Add, &[x, d], format!("x{l}"), c.hidden);
    }
    b.layer = None;
    let last = b.value("x_out".into(), c.hidden, Columns::Out);
    b.nodes.push(Node {
        op: Op::Gather,
        inputs: vec![x],
        output: Some(last),
        layer: None,
    });
    let n = b.op(
        Op::RmsNorm {
            weight: TensorRole::OutputNorm,
        },
        &[last],
        "head_in".into(),
        c.hidden,
    );
    let logits = b.op(
        Op::MatMul {
            weight: TensorRole::LmHead,
            bias: None,
        },
        &[n],
        "logits".into(),
        c.vocab,
    );
    Graph {
        values: b.values,
        nodes: b.nodes,
        output: logits,
    }
}
