//! Criterion benchmarks of the compiled kernels on this machine's GPU (wall time per step,
//! submit to readback): a decode step of one conversation, a batched step of eight, a 64-token
//! prompt chunk, and eight decode steps chained with GPU sampling; and the CPU time of
//! recording a decode step of one and of eight (`Engine::recording_cost`, nothing submitted).
//!
//! ```sh
//! cargo bench --bench kernels                       # SmolLM2-135M shapes (synthetic weights)
//! NATTER_BENCH_SHAPES=1.7b cargo bench --bench kernels
//! ```
//!
//! Under `cargo test --all-targets` each benchmark runs once, as a smoke test, on the tiny
//! shapes. `natter bench` gives tokens/s and a per-kernel GPU-time profile as JSON.

use criterion::{Criterion, criterion_group, criterion_main};
use natter::compiler::Column;
use natter::model::{Model, SynthSpec, write_synthetic_gguf};
use natter::runtime::{Engine, EngineOptions, GpuSampling, create_device};

fn kernels(c: &mut Criterion) {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let shapes = std::env::var("NATTER_BENCH_SHAPES")
        .unwrap_or_else(|_| if bench_mode { "135m" } else { "tiny" }.into());
    let spec = match shapes.as_str() {
        "tiny" => SynthSpec::tiny(),
        "360m" => SynthSpec::smollm2_360m(),
        "1.7b" => SynthSpec::smollm2_1_7b(),
        _ => SynthSpec::smollm2_135m(),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.gguf");
    write_synthetic_gguf(&path, &spec).expect("synthetic model");
    let model = Model::open(&path).expect("synthetic model opens");
    let (_adapter, device, queue) = match pollster::block_on(create_device()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("kernels: no GPU to measure ({e})");
            return;
        }
    };
    let options = EngineOptions {
        context: 256,
        slots: 8,
        max_step_tokens: 64,
        max_batch: 8,
        ..EngineOptions::default()
    };
    let mut engine = Engine::new(device, queue, &model, options).expect("engine");
    let mut group = c.benchmark_group(format!("step ({shapes} shapes)"));
    group.sample_size(20);
    // Keys at position 128, so attention reads a realistic context.
    let one = [Column::new(0, 128, 42)];
    group.bench_function("decode, 1 conversation", |b| {
        b.iter(|| {
            engine.submit(&one, &[0]).expect("submit");
            engine.wait().expect("step")
        })
    });
    let eight: Vec<Column> = (0..8).map(|s| Column::new(s, 128, 42 + s)).collect();
    let outs: Vec<u32> = (0..8).collect();
    group.bench_function("decode, 8 conversations", |b| {
        b.iter(|| {
            engine.submit(&eight, &outs).expect("submit");
            engine.wait().expect("step")
        })
    });
    let chunk: Vec<Column> = (0..64).map(|i| Column::new(0, i, 100 + i)).collect();
    group.bench_function("prefill, 64-token chunk", |b| {
        b.iter(|| {
            engine.submit(&chunk, &[63]).expect("submit");
            engine.wait().expect("step")
        })
    });
    group.bench_function("decode, 8 chained steps with GPU sampling", |b| {
        b.iter(|| {
            engine
                .submit_chain(&one, 8, &GpuSampling::greedy())
                .expect("submit");
            engine.wait_chain().expect("chain")
        })
    });
    group.finish();

    // The CPU side alone: recording a step's dispatches and finishing the command buffer,
    // which games pay on the thread that advances dialogue. Nothing is submitted.
    let mut group = c.benchmark_group(format!("recording ({shapes} shapes)"));
    group.sample_size(20);
    for columns in [&one[..], &eight[..]] {
        group.bench_function(format!("a decode step of {}", columns.len()), |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| engine.recording_cost(columns, 1).expect("recording"))
                    .sum::<std::time::Duration>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);
