//! Fusion passes: rewrite groups of primitive nodes into [`Linear`] nodes, one kernel each.
//!
//! Each pass matches a pattern the graph builder emits and leaves anything else alone, so the
//! passes can run in any order and on graphs they do not fully understand. None changes the
//! arithmetic: a fused node means exactly the sequence it replaces (the interpreter runs both
//! and the tests compare them). After all of them a decode step is five dispatches per block:
//! QKV+RoPE+KV store (norm folded in), attention, O + residual, gate/up + SiLU·mul (norm folded
//! in), down + residual.

use crate::ir::{Epilogue, Graph, Kv, LayerRole, Linear, Node, Op, TensorRole, ValueId};

/// Runs every fusion pass in order. Returns the number of rewrites.
pub fn fuse_all(g: &mut Graph) -> usize {
    fuse_qkv_rope(g)
        + fuse_gate_up_silu(g)
        + fuse_residual_add(g)
        + fuse_norm_matmul(g)
        + matmul_to_linear(g)
}

/// The single node reading `v`, if exactly one does.
fn sole_user(g: &Graph, v: ValueId) -> Option<usize> {
    match g.users(v).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

fn output(g: &Graph, node: usize) -> Option<ValueId> {
    g.nodes[node].output
}

/// The matrix product of `weight` among `nodes`, with its bias.
fn find_matmul(
    g: &Graph,
    nodes: &[usize],
    role: LayerRole,
) -> Option<(usize, TensorRole, Option<TensorRole>)> {
    nodes.iter().find_map(|&i| match &g.nodes[i].op {
        Op::MatMul {
            weight: w @ TensorRole::Layer(_, r),
            bias,
        } if *r == role => Some((i, *w, *bias)),
        _ => None,
    })
}

/// RMSNorm → {Wq, Wk, Wv} → RoPE(q), RoPE(k) → store K, store V  ⇒  one `Linear` with the
/// `QkvRope` epilogue writing rotated queries and filling the KV cache.
pub fn fuse_qkv_rope(g: &mut Graph) -> usize {
    let mut count = 0;
    'search: loop {
        for n in 0..g.nodes.len() {
            let Op::RmsNorm { weight: norm } = g.nodes[n].op else {
                continue;
            };
            let Some(normed) = output(g, n) else { continue };
            let users = g.users(normed);
            if users.len() != 3 {
                continue;
            }
            let (Some((iq, wq, bq)), Some((ik, wk, bk)), Some((iv, wv, bv))) = (
                find_matmul(g, &users, LayerRole::Wq),
                find_matmul(g, &users, LayerRole::Wk),
                find_matmul(g, &users, LayerRole::Wv),
            ) else {
                continue;
            };
            let (Some(q), Some(k), Some(v)) = (output(g, iq), output(g, ik), output(g, iv)) else {
                continue;
            };
            let (Some(rq), Some(rk), Some(sv)) =
                (sole_user(g, q), sole_user(g, k), sole_user(g, v))
            else {
                continue;
            };
            if g.nodes[rq].op != Op::Rope || g.nodes[rk].op != Op::Rope {
                continue;
            }
            let Op::StoreKv {
                layer,
                kv: Kv::Values,
            } = g.nodes[sv].op
            else {
                continue;
            };
            let (Some(q_rot), Some(k_rot)) = (output(g, rq), output(g, rk)) else {
                continue;
            };
            let Some(sk) = sole_user(g, k_rot) else {
                continue;
            };
            if g.nodes[sk].op
                != (Op::StoreKv {
                    layer,
                    kv: Kv::Keys,
                })
            {
                continue;
            }
            let biases = match (bq, bk, bv) {
                (Some(a), Some(b), Some(c)) => vec![a, b, c],
                (None, None, None) => vec![],
                _ => continue,
            };
            let node = Node {
                op: Op::Linear(Linear {
                    norm: Some(norm),
                    weights: vec![wq, wk, wv],
                    biases,
                    epilogue: Epilogue::QkvRope { layer },
                    gather: false,
                }),
                inputs: g.nodes[n].inputs.clone(),
                output: Some(q_rot),
                layer: g.nodes[n].layer,
            };
            g.replace(&[n, iq, ik, iv, rq, rk, sk, sv], node);
            count += 1;
            continue 'search;
        }
        return count;
    }
}

/// RMSNorm → {gate, up} → SiLU·mul  ⇒  one `Linear` with the `SiluMul` epilogue.
pub fn fuse_gate_up_silu(g: &mut Graph) -> usize {
    let mut count = 0;
    'search: loop {
        for n in 0..g.nodes.len() {
            let Op::RmsNorm { weight: norm } = g.nodes[n].op else {
                continue;
            };
            let Some(normed) = output(g, n) else { continue };
            let users = g.users(normed);
            if users.len() != 2 {
                continue;
            }
            let (Some((ig, wg, None)), Some((iu, wu, None))) = (
                find_matmul(g, &users, LayerRole::Gate),
                find_matmul(g, &users, LayerRole::Up),
            ) else {
                continue;
            };
            let (Some(gate), Some(up)) = (output(g, ig), output(g, iu)) else {
                continue;
            };
            let (Some(s), Some(s2)) = (sole_user(g, gate), sole_user(g, up)) else {
                continue;
            };
            if s != s2 || g.nodes[s].op != Op::SiluMul || g.nodes[s].inputs != [gate, up] {
                continue;
            }
            let node = Node {
                op: Op::Linear(Linear {
                    norm: Some(norm),
                    weights: vec![wg, wu],
                    biases: vec![],
                    epilogue: Epilogue::SiluMul,
                    gather: false,
                }),
                inputs: g.nodes[n].inputs.clone(),
                output: g.nodes[s].output,
                layer: g.nodes[n].layer,
            };
            g.replace(&[n, ig, iu, s], node);
            count += 1;
            continue 'search;
        }
        return count;
    }
}

/// `x + W a` where nothing reads `x` afterwards  ⇒  one `Linear` adding into `x` in place.
pub fn fuse_residual_add(g: &mut Graph) -> usize {
    let mut count = 0;
    'search: loop {
        for n in 0..g.nodes.len() {
            if g.nodes[n].op != Op::Add {
                continue;
            }
            let [residual, product] = g.nodes[n].inputs[..] else {
                continue;
            };
            let Some(m) = g.producer(product) else {
                continue;
            };
            let Op::MatMul { weight, bias: None } = g.nodes[m].op else {
                continue;
            };
            if sole_user(g, product) != Some(n) || g.users(residual).iter().any(|&u| u > n) {
                continue;
            }
            let node = Node {
                op: Op::Linear(Linear {
                    norm: None,
                    weights: vec![weight],
                    biases: vec![],
                    epilogue: Epilogue::AddInPlace,
                    gather: false,
                }),
                inputs: vec![g.nodes[m].inputs[0], residual],
                output: g.nodes[n].output,
                layer: g.nodes[n].layer,
            };
            g.replace(&[m, n], node);
            count += 1;
            continue 'search;
        }
        return count;
    }
}

/// [Gather →] RMSNorm → W  ⇒  one `Linear` with the norm (and the gather) folded in.
pub fn fuse_norm_matmul(g: &mut Graph) -> usize {
    let mut count = 0;
    'search: loop {
        for m in 0..g.nodes.len() {
            let Op::MatMul { weight, bias } = g.nodes[m].op else {
                continue;
            };
            let Some(n) = g.producer(g.nodes[m].inputs[0]) else {
                continue;
            };
            let Op::RmsNorm { weight: norm } = g.nodes[n].op else {
                continue;
            };
            if output(g, n).and_then(|v| sole_user(g, v)) != Some(m) {
                continue;
            }
            let mut remove = vec![n, m];
            let mut input = g.nodes[n].inputs[0];
            let mut gather = false;
            if let Some(p) = g.producer(input)
                && g.nodes[p].op == Op::Gather
                && sole_user(g, input) == Some(n)
            {
                input = g.nodes[p].inputs[0];
                gather = true;
                remove.push(p);
            }
            let node = Node {
                op: Op::Linear(Linear {
                    norm: Some(norm),
                    weights: vec![weight],
                    biases: bias.into_iter().collect(),
                    epilogue: Epilogue::Store,
                    gather,
                }),
                inputs: vec![input],
                output: g.nodes[m].output,
                layer: g.nodes[m].layer,
            };
            g.replace(&remove, node);
            count += 1;
            continue 'search;
        }
        return count;
    }
}

/// Any matrix product left alone becomes a plain `Linear`.
pub fn matmul_to_linear(g: &mut Graph) -> usize {
    let mut count = 0;
    for node in &mut g.nodes {
        if let Op::MatMul { weight, bias } = node.op {
            node.op = Op::Linear(Linear {
                norm: None,
                weights: vec![weight],
                biases: bias.into_iter().collect(),
                epilogue: Epilogue::Store,
                gather: false,
            });
            count += 1;
        }
    }
    count
}
