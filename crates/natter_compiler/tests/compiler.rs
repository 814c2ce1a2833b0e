//! The compiler's integration tests: passes checked by the interpreter, the graph checked
//! against the CPU reference, the memory plan, and every generated kernel validated and
//! snapshotted as WGSL, SPIR-V, MSL and HLSL under `tests/out`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use natter_compiler::{
    Column, CompileOptions, CpuKv, CpuWeights, Epilogue, Graph, Op, compile, forward_graph,
    fuse_gate_up_silu, fuse_norm_matmul, fuse_qkv_rope, fuse_residual_add, interpret,
    matmul_to_linear, plan_memory, validate,
};
use natter_model::{Model, Reference, SynthSpec, write_synthetic_gguf};

const REAL_MODEL: &str = "../../assets/models/SmolLM2-135M-Instruct.Q4_1.gguf";

fn real_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        assert!(
            Path::new(REAL_MODEL).exists(),
            "the real model is missing: run `cargo xtask fetch`"
        );
        Model::open(REAL_MODEL).expect("the real model loads")
    })
}

/// A tiny random model (2 layers), written once per test run.
fn tiny_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let path =
            std::env::temp_dir().join(format!("natter-compiler-tiny-{}.gguf", std::process::id()));
        write_synthetic_gguf(&path, &SynthSpec::tiny()).expect("writing the tiny model");
        Model::open(&path).expect("the tiny model loads")
    })
}

/// Runs a prompt chunk of three tokens and then one decode token through `g`; returns both logits.
fn run(model: &Model, g: &Graph) -> (Vec<f32>, Vec<f32>) {
    let c = model.config();
    let w = CpuWeights::load(model, g).unwrap();
    let mut kv = CpuKv::new(c, 2, 16);
    let prompt = [
        Column::new(1, 0, 5),
        Column::new(1, 1, 17),
        Column::new(1, 2, 3),
    ];
    let a = interpret(g, c, &w, &mut kv, &prompt, &[2]).unwrap();
    let b = interpret(g, c, &w, &mut kv, &[Column::new(1, 3, 9)], &[0]).unwrap();
    (a, b)
}

#[test]
fn every_fusion_pass_preserves_the_function() {
    let model = tiny_model();
    let mut g = forward_graph(model.config());
    let expected = run(model, &g);
    type Pass = fn(&mut Graph) -> usize;
    let passes: [(&str, Pass); 4] = [
        ("qkv_rope", fuse_qkv_rope),
        ("gate_up_silu", fuse_gate_up_silu),
        ("residual_add", fuse_residual_add),
        ("norm_matmul", fuse_norm_matmul),
    ];
    for (name, pass) in passes {
        let rewrites = pass(&mut g);
        assert!(rewrites > 0, "pass {name} found nothing to fuse");
        g.check().unwrap_or_else(|e| panic!("after {name}: {e}"));
        // Fused nodes compute exactly the sequences they replace, so the logits are bitwise equal.
        assert_eq!(run(model, &g), expected, "pass {name} changed the logits");
    }
    // Nothing is left for the fallback lowering: every product got a fused kernel.
    assert_eq!(matmul_to_linear(&mut g), 0);
}

#[test]
fn plain_lowering_of_every_matmul_preserves_the_function() {
    let model = tiny_model();
    let mut g = forward_graph(model.config());
    let expected = run(model, &g);
    assert_eq!(matmul_to_linear(&mut g), 7 * model.config().n_layers + 1);
    assert_eq!(run(model, &g), expected);
}

#[test]
fn fused_step_is_five_kernels_per_block() {
    let model = tiny_model();
    let c = model.config();
    let p = compile(c, model.tensors(), CompileOptions::default()).unwrap();
    // embed, 5 per block, LM head (final norm folded in).
    assert_eq!(p.dispatches.len(), 1 + 5 * c.n_layers + 1, "{}", p.graph);
    let counts = p.graph.op_counts();
    assert_eq!(counts.get("linear_qkv"), Some(&c.n_layers));
    assert_eq!(counts.get("linear_silu"), Some(&c.n_layers));
    assert_eq!(counts.get("linear_add"), Some(&(2 * c.n_layers)));
    assert_eq!(counts.get("attention"), Some(&c.n_layers));
    let head = p.graph.nodes.last().unwrap();
    assert!(
        matches!(&head.op, Op::Linear(l) if l.gather && l.norm.is_some() && l.epilogue == Epilogue::Store)
    );
}

#[test]
fn unfused_graph_is_the_reference_forward_pass() {
    let model = tiny_model();
    let c = model.config();
    let g = forward_graph(c);
    let w = CpuWeights::load(model, &g).unwrap();
    let mut kv = CpuKv::new(c, 1, 32);
    let mut reference = Reference::with_capacity(model, 32).unwrap();
    for (pos, token) in [1u32, 7, 42, 3, 99, 5].into_iter().enumerate() {
        let graph_logits = interpret(
            &g,
            c,
            &w,
            &mut kv,
            &[Column::new(0, pos as u32, token)],
            &[0],
        )
        .unwrap();
        assert_eq!(
            graph_logits,
            reference.forward(token).unwrap(),
            "position {pos}"
        );
    }
}

#[test]
fn prefill_columns_equal_one_token_at_a_time() {
    let model = tiny_model();
    let c = model.config();
    let mut g = forward_graph(c);
    natter_compiler::fuse_all(&mut g);
    let w = CpuWeights::load(model, &g).unwrap();
    let tokens = [4u32, 8, 15, 16, 23];
    let mut kv = CpuKv::new(c, 1, 16);
    let cols: Vec<Column> = tokens
        .iter()
        .enumerate()
        .map(|(i, &t)| Column::new(0, i as u32, t))
        .collect();
    let chunk = interpret(&g, c, &w, &mut kv, &cols, &[4]).unwrap();
    let mut kv = CpuKv::new(c, 1, 16);
    let mut last = Vec::new();
    for col in &cols {
        last = interpret(&g, c, &w, &mut kv, &[*col], &[0]).unwrap();
    }
    assert_eq!(chunk, last);
}

#[test]
fn memory_plan_reuses_buffers_without_overlap() {
    let model = tiny_model();
    let mut g = forward_graph(model.config());
    natter_compiler::fuse_all(&mut g);
    let plan = plan_memory(&g);
    // Residual stream, queries/MLP activations, attention output, logits.
    assert!(plan.buffers.len() <= 4, "{:?}", plan.buffers);
    // No two values share a buffer while both are live (unless one updates the other in place).
    let live = |v| {
        let def = g.producer(v).unwrap();
        let end = g.users(v).into_iter().max().unwrap_or(def);
        (def, end)
    };
    let vals: Vec<_> = plan.assignment.keys().copied().collect();
    for (i, &a) in vals.iter().enumerate() {
        for &b in &vals[i + 1..] {
            if plan.buffer_of(a) != plan.buffer_of(b) {
                continue;
            }
            let (sa, ea) = live(a);
            let (sb, eb) = live(b);
            let in_place = g.nodes[sb].inputs.contains(&a) || g.nodes[sa].inputs.contains(&b);
            assert!(
                ea <= sb || eb <= sa || in_place,
                "{} and {} overlap in one buffer",
                g.value(a).name,
                g.value(b).name
            );
        }
    }
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/out")
}

/// Compares `bytes` with the committed snapshot `name`, or writes it when
/// `NATTER_UPDATE_SNAPSHOTS=1`. Returns a description of the mismatch.
/// A generated kernel's label and source.
struct Snapshotted<'a> {
    label: &'a str,
    wgsl: &'a str,
}

fn check_snapshot(name: &str, bytes: &[u8]) -> Option<String> {
    let path = snapshot_dir().join(name);
    if std::env::var_os("NATTER_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(snapshot_dir()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        return None;
    }
    match std::fs::read(&path) {
        Ok(old) if old == bytes => None,
        Ok(_) => Some(format!("{name} changed")),
        Err(_) => Some(format!("{name} is missing")),
    }
}

#[test]
fn generated_kernels_validate_and_match_snapshots() {
    use naga::back::{hlsl, msl, spv};
    let model = real_model();
    let mut mismatches = Vec::new();
    let mut names = Vec::new();
    for subgroup_size in [None, Some(32)] {
        // With persistent block kernels, which are snapshotted too.
        let options = CompileOptions {
            subgroup_size,
            persistent_workgroups: 132,
            ..CompileOptions::default()
        };
        let p = compile(model.config(), model.tensors(), options).unwrap();
        assert_eq!(p.block_kernels.len(), 1);
        let kernels = p
            .kernels
            .iter()
            .map(|k| (&k.label, &k.wgsl, k.key.uses_subgroups()));
        let blocks = p
            .block_kernels
            .iter()
            .map(|k| (&k.label, &k.wgsl, subgroup_size.is_some()));
        for (label, wgsl, subgroups) in kernels.chain(blocks) {
            let k = Snapshotted { label, wgsl };
            let (module, info) = validate(k.label, k.wgsl, subgroups).unwrap();
            let spv_words = spv::write_vec(&module, &info, &spv::Options::default(), None)
                .unwrap_or_else(|e| panic!("{}: SPIR-V: {e}", k.label));
            let msl_options = msl::Options {
                lang_version: (2, 4),
                ..Default::default()
            };
            let pipeline = msl::PipelineOptions::default();
            let (msl_src, _) = msl::write_string(&module, &info, &msl_options, &pipeline)
                .unwrap_or_else(|e| panic!("{}: MSL: {e}", k.label));
            let hlsl_options = hlsl::Options {
                shader_model: hlsl::ShaderModel::V6_0,
                ..Default::default()
            };
            let mut hlsl_src = String::new();
            hlsl::Writer::new(
                &mut hlsl_src,
                &hlsl_options,
                &hlsl::PipelineOptions::default(),
            )
            .write(&module, &info, None)
            .unwrap_or_else(|e| panic!("{}: HLSL: {e}", k.label));
            let spv_bytes: Vec<u8> = spv_words.iter().flat_map(|w| w.to_le_bytes()).collect();
            for (ext, bytes) in [
                ("wgsl", k.wgsl.as_bytes().to_vec()),
                ("spv", spv_bytes),
                ("msl", msl_src.into_bytes()),
                ("hlsl", hlsl_src.into_bytes()),
            ] {
                let name = format!("{}.{ext}", k.label);
                mismatches.extend(check_snapshot(&name, &bytes));
                names.push(name);
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "generated kernels differ from tests/out ({}); review and rerun with NATTER_UPDATE_SNAPSHOTS=1",
        mismatches.join(", ")
    );
    // Snapshots of kernels the compiler no longer generates are stale.
    if let Ok(dir) = std::fs::read_dir(snapshot_dir()) {
        for e in dir.flatten() {
            let n = e.file_name().to_string_lossy().to_string();
            if names.contains(&n) {
                continue;
            }
            if std::env::var_os("NATTER_UPDATE_SNAPSHOTS").is_some() {
                std::fs::remove_file(e.path()).unwrap();
            } else {
                panic!("tests/out/{n} is stale: no kernel generates it");
            }
        }
    }
}

#[test]
fn unsupported_shapes_are_errors_not_panics() {
    let model = tiny_model();
    let mut c = model.config().clone();
    c.ffn = 100;
    let e = compile(&c, model.tensors(), CompileOptions::default()).unwrap_err();
    assert!(e.to_string().contains("ffn"), "{e}");
    let e = compile(
        model.config(),
        model.tensors(),
        CompileOptions {
            max_columns: 0,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("positive"), "{e}");
}

#[test]
fn split_k_keys_of_other_shapes_are_errors() {
    use natter_compiler::{KernelKey, LinearEpilogue, LinearKey, WeightFormat};
    // A split-K residual add for large batches, as the 1.7B shapes' down projection has.
    let good = LinearKey {
        workgroup: 256,
        threads_per_unit: 8,
        k: 8192,
        units: 1024,
        y_stride: 2048,
        columns: 4,
        format: WeightFormat::Q4,
        norm_eps_bits: None,
        bias: false,
        gather: false,
        epilogue: LinearEpilogue::Add,
        subgroups: true,
        chunk: 1024,
        rounds: 1,
        combine: None,
        unit_rows: 2,
        skip_absent: true,
        tiled: false,
        k_splits: 8,
        partial_columns: 16,
        quantised_inputs: false,
    };
    let wgsl = KernelKey::Linear(good)
        .wgsl()
        .expect("a split-K add compiles");
    natter_compiler::validate("split", &wgsl, true).expect("valid WGSL");
    let bad = [
        LinearKey {
            epilogue: LinearEpilogue::Store,
            ..good
        },
        LinearKey { columns: 1, ..good },
        LinearKey {
            k: 8192 + 32,
            ..good
        },
        LinearKey {
            partial_columns: 0,
            ..good
        },
        LinearKey { rounds: 2, ..good },
    ];
    for key in bad {
        let e = KernelKey::Linear(key).wgsl().unwrap_err();
        assert!(e.to_string().contains("split-K"), "{e}");
    }
    // Quantised inputs: the same kernel can, other shapes cannot.
    let quantised = LinearKey {
        quantised_inputs: true,
        ..good
    };
    let wgsl = KernelKey::Linear(quantised)
        .wgsl()
        .expect("a split-K add of quantised inputs compiles");
    natter_compiler::validate("split-q8x", &wgsl, true).expect("valid WGSL");
    let bad = [
        LinearKey {
            columns: 1,
            k_splits: 1,
            partial_columns: 0,
            ..quantised
        },
        LinearKey {
            chunk: 0,
            ..quantised
        },
        LinearKey {
            subgroups: false,
            ..quantised
        },
        LinearKey {
            format: WeightFormat::F16,
            ..quantised
        },
    ];
    for key in bad {
        let e = KernelKey::Linear(key).wgsl().unwrap_err();
        assert!(e.to_string().contains("quantised inputs"), "{e}");
    }
}

#[test]
fn steps_pick_the_kernel_for_their_width() {
    use natter_compiler::{BatchColumns, KernelKey, Tuning};
    let model = tiny_model();
    let c = model.config();
    let tuning = Tuning {
        wide_columns: 8,
        batch_columns: BatchColumns::from_array([1, 2, 4, 3]),
        ..Tuning::default()
    };
    let options = CompileOptions {
        max_columns: 32,
        max_out_columns: 8,
        tuning,
        ..CompileOptions::default()
    };
    let p = compile(c, model.tensors(), options).unwrap();
    // Columns a workgroup of each linear dispatch's kernel takes in a step of `n` tokens.
    let widths = |n: u32| -> Vec<(String, u32)> {
        p.dispatches
            .iter()
            .filter_map(
                |d| match p.kernels[p.launch(d, n, n.min(8), 1, false).0].key {
                    KernelKey::Linear(l) => Some((d.label.clone(), l.columns)),
                    _ => None,
                },
            )
            .collect()
    };
    let expect = |label: &str, batch: u32| {
        if label.ends_with("linear_qkv") {
            (1, 1)
        } else if label.ends_with("linear_silu") {
            (1, 2)
        } else if label.ends_with("linear_add") {
            (1, 4)
        } else {
            assert_eq!(label, "linear", "the LM head");
            (1, 3.min(batch))
        }
    };
    for (label, w) in widths(1) {
        assert_eq!(w, expect(&label, 1).0, "{label}, one token");
    }
    for (label, w) in widths(8) {
        assert_eq!(w, expect(&label, 8).1, "{label}, a batch of eight");
    }
    for (label, w) in widths(16) {
        assert_eq!(w, expect(&label, 16).1, "{label}, a batch of sixteen");
    }
    // Prompt chunks: the wide kernels (the LM head's columns are the step's logits, at most 8).
    for (label, w) in widths(17) {
        assert_eq!(w, 8, "{label}, a prompt chunk");
    }
    // Without steps longer than a batch, no kernels for prompt chunks are compiled.
    let small = compile(
        c,
        model.tensors(),
        CompileOptions {
            max_columns: 16,
            ..options
        },
    )
    .unwrap();
    let linear_widths = |p: &natter_compiler::Program| -> std::collections::BTreeSet<u32> {
        p.kernels
            .iter()
            .filter_map(|k| match k.key {
                KernelKey::Linear(l) => Some(l.columns),
                _ => None,
            })
            .collect()
    };
    assert_eq!(linear_widths(&p), [1, 2, 3, 4, 8].into());
    assert_eq!(linear_widths(&small), [1, 2, 3, 4].into());
    // Widths outside 1..=32 are errors.
    let e = compile(
        c,
        model.tensors(),
        CompileOptions {
            tuning: Tuning {
                batch_columns: BatchColumns::all(0),
                ..tuning
            },
            ..options
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("positive"), "{e}");
}

/// A one-layer model of the 1.7B shapes' row lengths (hidden 2048, ffn 4096; random weights).
fn long_rows_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let path = std::env::temp_dir().join(format!(
            "natter-compiler-long-rows-{}.gguf",
            std::process::id()
        ));
        write_synthetic_gguf(&path, &SynthSpec::long_rows()).expect("writing the long-rows model");
        Model::open(&path).expect("the long-rows model loads")
    })
}

/// On long rows, with 16 threads a unit tuned: the one-column residual-add and LM head kernels
/// take 32 a unit in a workgroup twice the size where the device allows, Q/K/V half the tuned
/// workgroup, gate/up the tuned shape; the output projection's kernel for large batches takes
/// 16 a unit the same way; a step of eight columns records the split down projection's merge
/// kernel; and a program whose steps have one column compiles (no split kernel of one column).
#[test]
fn one_column_kernels_on_long_rows_take_a_subgroup_a_unit() {
    let model = long_rows_model();
    let options = |max_columns: u32, threads: u32| CompileOptions {
        max_columns,
        max_out_columns: max_columns.min(8),
        subgroup_size: Some(32),
        max_workgroup_threads: threads,
        tuning: natter_compiler::Tuning {
            linear_workgroup: 256,
            max_threads_per_unit: 16,
            ..Default::default()
        },
        ..CompileOptions::default()
    };
    for threads in [1024, 256] {
        let p = compile(model.config(), model.tensors(), options(16, threads)).unwrap();
        for d in &p.dispatches {
            let natter_compiler::KernelKey::Linear(l) = p.kernels[d.narrow].key else {
                continue;
            };
            let grows =
                threads >= 512 && (l.gather || l.epilogue == natter_compiler::LinearEpilogue::Add);
            let qkv = matches!(l.epilogue, natter_compiler::LinearEpilogue::QkvRope { .. });
            let want = match (grows, qkv) {
                (true, _) => (512, 32),
                (false, true) => (128, 16),
                (false, false) => (256, 16),
            };
            assert_eq!(
                (l.workgroup, l.threads_per_unit),
                want,
                "{} with at most {threads} threads a workgroup",
                d.label
            );
        }
        // The output projection's kernel for large batches: 16 threads a unit, units kept.
        let o_proj = p
            .dispatches
            .iter()
            .filter_map(|d| match p.kernels[d.batch_large].key {
                natter_compiler::KernelKey::Linear(l)
                    if l.epilogue == natter_compiler::LinearEpilogue::Add && l.k_splits == 1 =>
                {
                    Some((l.workgroup, l.threads_per_unit))
                }
                _ => None,
            })
            .collect::<Vec<_>>();
        let want = if threads >= 512 { (512, 16) } else { (256, 8) };
        assert_eq!(
            o_proj,
            vec![want],
            "the output projection for large batches"
        );
        let merges = p.dispatches.iter().filter(|d| d.merge.is_some()).count();
        assert_eq!(merges, 1, "the down projection of the one layer splits");
        assert_eq!(p.step_dispatches(1), p.dispatches.len() + 1);
        assert_eq!(p.step_dispatches(8), p.dispatches.len() + 1 + merges);
    }
    let one = compile(model.config(), model.tensors(), options(1, 1024)).unwrap();
    assert_eq!(one.step_dispatches(1), one.dispatches.len() + 1);
    assert!(one.dispatches.iter().all(|d| d.merge.is_none()));
}

/// The LM head's kernels for batches take two threads a unit on short rows (each thread walks
/// a row's blocks for all its columns) and keep the long-row shapes on long rows; its one-column
/// kernel and every other kernel keep theirs.
#[test]
fn lm_head_batch_kernels_take_two_threads_a_unit_on_short_rows() {
    use natter_compiler::KernelKey;
    let tuned = |model: &Model| {
        let options = CompileOptions {
            max_columns: 16,
            max_out_columns: 16,
            subgroup_size: Some(32),
            tuning: natter_compiler::Tuning {
                linear_workgroup: 256,
                max_threads_per_unit: 32,
                ..Default::default()
            },
            ..CompileOptions::default()
        };
        compile(model.config(), model.tensors(), options).unwrap()
    };
    for (model, short) in [(real_model(), true), (long_rows_model(), false)] {
        let p = tuned(model);
        let head = p.dispatches.last().expect("the LM head");
        let tpu = |k: usize| match p.kernels[k].key {
            KernelKey::Linear(l) => {
                assert!(l.gather, "{} is the LM head", head.label);
                l.threads_per_unit
            }
            _ => panic!("the LM head is a linear kernel"),
        };
        assert!(tpu(head.narrow) > 2, "one column keeps the tuned shape");
        for k in [head.batch, head.batch_large] {
            match short {
                true => assert_eq!(tpu(k), 2, "{}", p.kernels[k].label),
                false => assert!(tpu(k) >= 8, "{}", p.kernels[k].label),
            }
        }
        // Other batch kernels keep more threads a unit.
        let others = p.dispatches[..p.dispatches.len() - 1]
            .iter()
            .filter_map(|d| match p.kernels[d.batch].key {
                KernelKey::Linear(l) if l.columns > 1 => Some(l.threads_per_unit),
                _ => None,
            });
        assert!(others.into_iter().all(|t| t > 2));
    }
}

/// One-column kernels load their weight blocks before the prologue where that measured faster:
/// at most two blocks a lane (the LM head on long rows at 32 threads a unit); three or four
/// with a norm and subgroups (Q/K/V and gate/up on long rows at 16 threads a unit), which then
/// apply the norm scale to the finished dot products; up to eight without a norm (the down
/// projection). Without subgroups none defers.
#[test]
fn one_column_kernels_prefetch_their_blocks_and_long_normed_rows_defer_the_scale() {
    let model = long_rows_model();
    for subgroups in [Some(32), None] {
        let o = CompileOptions {
            max_columns: 16,
            max_out_columns: 8,
            subgroup_size: subgroups,
            max_workgroup_threads: 1024,
            // An H100's: the down projection's 4,096 inputs are staged whole.
            workgroup_memory: 49152,
            tuning: natter_compiler::Tuning {
                linear_workgroup: 256,
                max_threads_per_unit: 16,
                ..Default::default()
            },
            ..CompileOptions::default()
        };
        let p = compile(model.config(), model.tensors(), o).unwrap();
        let mut deferred = Vec::new();
        let mut prefetching = Vec::new();
        for d in &p.dispatches {
            let kernel = &p.kernels[d.narrow];
            let natter_compiler::KernelKey::Linear(l) = kernel.key else {
                continue;
            };
            let prefetched = (0..16)
                .filter(|i| kernel.wgsl.contains(&format!("let pf_ra{i} =")))
                .count();
            let per_lane = (l.k / 32).div_ceil(l.threads_per_unit) as usize;
            // A deferred kernel computes its scale in the epilogue, for its one column.
            let defers = kernel.wgsl.contains("deferred_scale(sg_size)");
            if defers {
                deferred.push(d.label.clone());
            }
            let normed = l.norm_eps_bits.is_some();
            let want = match per_lane {
                _ if l.chunk != l.k => 0,
                0..=2 => per_lane,
                3..=4 if normed && subgroups.is_some() => per_lane,
                3..=8 if !normed => per_lane,
                _ => 0,
            };
            assert_eq!(prefetched, want, "{}: {per_lane} blocks a lane", d.label);
            assert_eq!(defers, normed && want > 2, "{}: deferred scale", d.label);
            if prefetched > 2 && l.epilogue == natter_compiler::LinearEpilogue::Add {
                prefetching.push(l.k);
            }
        }
        // The rules reach the kernels they were measured on: the down projection always,
        // Q/K/V, gate/up and the LM head with subgroups.
        assert_eq!(prefetching, vec![4096], "the down projection's inputs");
        match subgroups {
            Some(_) => assert_eq!(deferred.len(), 2, "Q/K/V, gate/up: {deferred:?}"),
            None => assert!(deferred.is_empty(), "{deferred:?}"),
        }
    }
}

/// Persistent block kernels (`CompileOptions::persistent_workgroups`): each decoder block's
/// one-token dispatches become one kernel whose phases are those dispatches' kernels at one
/// workgroup size, with a grid barrier between them; blocks of one shape share the kernel,
/// which naga validates. Numerically they are checked on the GPU (`tests/gpu.rs`).
#[test]
fn persistent_blocks_merge_each_layer_into_one_kernel() {
    let model = real_model();
    let c = model.config();
    let options = CompileOptions {
        subgroup_size: Some(32),
        workgroup_memory: 49152,
        max_workgroup_threads: 1024,
        tuning: natter_compiler::Tuning {
            linear_workgroup: 256,
            attention_workgroup: 64,
            ..Default::default()
        },
        persistent_workgroups: 132,
        ..CompileOptions::default()
    };
    let p = compile(c, model.tensors(), options).unwrap();
    assert_eq!(p.blocks.len(), c.n_layers);
    assert_eq!(p.block_kernels.len(), 1, "every block has the same shapes");
    for (l, b) in p.blocks.iter().enumerate() {
        assert!(
            p.dispatches[b.first..b.first + b.count]
                .iter()
                .all(|d| d.layer == Some(l))
        );
        assert_eq!(b.count, 5, "Q/K/V, attention, O, gate/up, down");
        assert_eq!(b.resources.len(), p.block_kernels[0].bindings.len());
    }
    let k = &p.block_kernels[0];
    assert!(k.wgsl.contains("@workgroup_size(256)"), "{}", k.label);
    assert!(k.wgsl.matches("grid_sync(tid);").count() == 4);
    assert!(k.workgroup_bytes <= 49152);
    if let Ok(path) = std::env::var("NATTER_DUMP_BLOCK") {
        std::fs::write(path, &k.wgsl).unwrap();
        eprintln!(
            "{} bindings, {} bytes of workgroup memory",
            k.bindings.len(),
            k.workgroup_bytes
        );
    }
    // Off by default: no blocks.
    let p = compile(c, model.tensors(), CompileOptions::default()).unwrap();
    assert!(p.blocks.is_empty() && p.block_kernels.is_empty());
}
