//! `natter bench`: decode and prefill speed on the GPU, as JSON.
//!
//! Runs on the real model or on a synthetic GGUF of another model's shapes that natter writes
//! itself (random weights: speed does not depend on the values).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;
use natter::compiler::BatchColumns;
use natter::compiler::Column;
use natter::model::{SynthSpec, write_synthetic_gguf};
use natter::runtime::tune::{
    Measured, Measurement, TuneOptions, chained_run, chained_step_us, prefill_tok_s, warm_up,
};
use natter::runtime::{
    Engine, EngineOptions, GpuSampling, MAX_CHAIN, Sampler, SamplerConfig, Tuning, TuningCache,
    create_device,
};
use serde_json::json;

#[derive(Args)]
pub struct BenchArgs {
    /// GGUF file or Hugging Face directory to measure.
    #[arg(long, conflicts_with = "synthetic")]
    model: Option<PathBuf>,
    /// Measure a synthetic model of these shapes instead: 135m, 360m, 1.7b.
    #[arg(long)]
    synthetic: Option<String>,
    /// Where to write the synthetic model (default: the system's temp directory).
    #[arg(long)]
    synthetic_path: Option<PathBuf>,
    /// Tokens to decode per measurement.
    #[arg(long, default_value_t = 128)]
    tokens: usize,
    /// Batch sizes (conversations decoding together) to measure.
    #[arg(long, value_delimiter = ',', default_value = "1,4,8,16")]
    batch: Vec<u32>,
    /// Prompt lengths to measure prefill at.
    #[arg(long, value_delimiter = ',', default_value = "128,512")]
    prefill: Vec<u32>,
    /// Prefill chunk: tokens per step.
    #[arg(long, default_value_t = 64)]
    chunk: u32,
    /// Disable subgroup operations even where the device has them.
    #[arg(long)]
    no_subgroups: bool,
    /// Threads per workgroup of the linear kernels (default: the tuning cache's, or 128).
    #[arg(long)]
    linear_workgroup: Option<u32>,
    /// Most threads sharing one output row (default: the tuning cache's, or 32).
    #[arg(long)]
    threads_per_unit: Option<u32>,
    /// Threads per workgroup of the attention kernel (default: the tuning cache's, or 64).
    #[arg(long)]
    attention_workgroup: Option<u32>,
    /// Read linear kernels' inputs from storage instead of staging them in workgroup memory.
    #[arg(long)]
    no_stage: bool,
    /// Columns per workgroup of the kernels for prompt chunks (default: the tuning cache's, or 8).
    #[arg(long)]
    wide_columns: Option<u32>,
    /// Columns per workgroup of the kernels for steps of 2 to 16 tokens: one width for all, or
    /// four for QKV, gate/up, residual adds and the LM head, as `1,2,1,4` (default: the tuning
    /// cache's, or 2,2,2,4).
    #[arg(long, value_delimiter = ',', num_args = 1..=4, action = clap::ArgAction::Set)]
    batch_columns: Option<Vec<u32>>,
    /// Keys per split of attention, 0 for unsplit (default: the tuning cache's, or 64).
    #[arg(long)]
    attention_span: Option<u32>,
    /// Also measure each kernel's share of a chained decode step (batch 1, and 8 if measured):
    /// the GPU time a step loses with that dispatch of every block left out
    /// (`Engine::omit_dispatches`). Slow: two chained measurements of every kind of dispatch.
    #[arg(long)]
    chained_cost: bool,
    /// Compute steps of several conversations in f32 too, not with their inputs quantised to 8
    /// bits (`EngineOptions::quantise_batches`).
    #[arg(long)]
    exact_batches: bool,
    /// Experimental: run steps of one conversation with persistent block kernels of
    /// this many workgroups (`EngineOptions::persistent_workgroups`; at most the GPU's
    /// multiprocessors), and check their tokens against a second engine without them.
    #[arg(long, default_value_t = 0)]
    persistent: u32,
}

/// `natter tune`: tries kernel shapes on this GPU and keeps the fastest in the tuning cache.
#[derive(Args)]
pub struct TuneArgs {
    /// GGUF file or Hugging Face directory to tune for.
    #[arg(long, conflicts_with = "synthetic")]
    model: Option<PathBuf>,
    /// Tune for a synthetic model of these shapes: 135m, 360m, 1.7b.
    #[arg(long)]
    synthetic: Option<String>,
    #[arg(long)]
    synthetic_path: Option<PathBuf>,
    /// Steps decoded per measurement (default: 64, with --quick 32).
    #[arg(long)]
    tokens: Option<usize>,
    /// Tune only the workgroup size and threads a unit (9 shapes instead of ~57
    /// configurations): what moves one conversation's speed most, in a fraction of the time.
    #[arg(long)]
    quick: bool,
}

/// Loads (or writes) the model a command measures.
fn bench_model(
    model: &Option<PathBuf>,
    synthetic: &Option<String>,
    synthetic_path: &Option<PathBuf>,
) -> Result<(natter::model::Model, String)> {
    let (path, label) = match (model, synthetic) {
        (Some(p), _) => (p.clone(), p.display().to_string()),
        (None, Some(s)) => {
            let spec = synthetic_spec(s)?;
            let path = synthetic_path
                .clone()
                .unwrap_or_else(|| std::env::temp_dir().join(format!("natter-synthetic-{s}.gguf")));
            let t = Instant::now();
            write_synthetic_gguf(&path, &spec)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "[bench] wrote synthetic {s} model to {} in {:.1}s",
                path.display(),
                t.elapsed().as_secs_f32()
            );
            (path, format!("synthetic SmolLM2-{s} shapes"))
        }
        (None, None) => (
            PathBuf::from(super::DEFAULT_MODEL),
            super::DEFAULT_MODEL.to_string(),
        ),
    };
    Ok((super::open(&path)?, label))
}

pub fn tune(args: TuneArgs) -> Result<()> {
    let (model, label) = bench_model(&args.model, &args.synthetic, &args.synthetic_path)?;
    let (adapter, device, queue) = pollster::block_on(create_device())?;
    let key = TuningCache::key(&adapter.get_info(), model.config());
    let mut options = match args.quick {
        true => TuneOptions::quick(),
        false => TuneOptions::full(),
    };
    options.tokens = args.tokens.unwrap_or(options.tokens);
    let t = Instant::now();
    let report = natter::runtime::tune::tune(&device, &queue, &model, &options, |m, done| {
        eprintln!("[tune] {:>3.0} % {m}", done * 100.0);
    })?;
    let tuning = report.tuning;
    let path =
        TuningCache::default_path().context("no cache directory (set NATTER_TUNING_CACHE)")?;
    let mut cache = TuningCache::load(&path);
    cache.insert(key.clone(), tuning);
    cache
        .save(&path)
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!(
        "[tune] best {tuning:?}, saved to {} ({:.0} s)",
        path.display(),
        t.elapsed().as_secs_f64()
    );
    let results: Vec<_> = report.measurements.iter().map(measurement_json).collect();
    println!(
        "{}",
        serde_json::to_string_pretty(
            &json!({ "model": label, "key": key, "best": format!("{tuning:?}"), "results": results })
        )?
    );
    Ok(())
}

/// One of `natter tune`'s measurements as JSON.
fn measurement_json(m: &Measurement) -> serde_json::Value {
    let tuning = format!("{:?}", m.tuning);
    match m.measured {
        Measured::Shapes {
            one_us,
            eight_us,
            prefill_tok_s,
        } => {
            json!({ "tuning": tuning, "batch_1_us": one_us, "batch_8_us": eight_us, "prefill": prefill_tok_s })
        }
        Measured::BatchColumns { us_per_token } => json!({
            "batch_columns": m.tuning.batch_columns.to_array(),
            "gpu_us_per_token_4_8_16": us_per_token,
        }),
        Measured::WideColumns { prefill_tok_s } => {
            json!({ "tuning": tuning, "prefill": prefill_tok_s })
        }
        Measured::Span {
            from_position,
            one_us,
            eight_us,
        } => {
            json!({ "tuning": tuning, "from_position": from_position, "batch_1_us": one_us, "batch_8_us": eight_us })
        }
    }
}

fn synthetic_spec(name: &str) -> Result<SynthSpec> {
    Ok(match name {
        "135m" => SynthSpec::smollm2_135m(),
        "360m" => SynthSpec::smollm2_360m(),
        "1.7b" => SynthSpec::smollm2_1_7b(),
        "tiny" => SynthSpec::tiny(),
        other => bail!("unknown synthetic model `{other}`: use 135m, 360m, 1.7b or tiny"),
    })
}

pub fn run(args: BenchArgs) -> Result<()> {
    let (model, label) = bench_model(&args.model, &args.synthetic, &args.synthetic_path)?;
    let max_batch = args.batch.iter().copied().max().unwrap_or(1).max(1);
    let max_prompt = args.prefill.iter().copied().max().unwrap_or(0);
    let context =
        (max_prompt as usize + args.tokens + 80).min(model.config().context_length) as u32;
    let (adapter, device, queue) = pollster::block_on(create_device())?;
    let cached = TuningCache::lookup(&adapter.get_info(), model.config());
    let base = cached.unwrap_or_default();
    let tuning = Tuning {
        linear_workgroup: args.linear_workgroup.unwrap_or(base.linear_workgroup),
        max_threads_per_unit: args.threads_per_unit.unwrap_or(base.max_threads_per_unit),
        stage_inputs: base.stage_inputs && !args.no_stage,
        attention_workgroup: args.attention_workgroup.unwrap_or(base.attention_workgroup),
        wide_columns: args.wide_columns.unwrap_or(base.wide_columns),
        batch_columns: match args.batch_columns.as_deref() {
            None => base.batch_columns,
            Some(&[n]) => BatchColumns::all(n),
            Some(&[q, g, a, h]) => BatchColumns::from_array([q, g, a, h]),
            Some(other) => bail!(
                "--batch-columns takes one width or four (QKV, gate/up, adds, LM head), not {other:?}"
            ),
        },
        attention_span: args.attention_span.unwrap_or(base.attention_span),
    };
    eprintln!(
        "[bench] kernel shapes {tuning:?}{}; steps of several conversations {}",
        if cached.is_some() {
            " (from the tuning cache)"
        } else {
            ""
        },
        if args.exact_batches {
            "in f32"
        } else {
            "with quantised inputs"
        }
    );
    let options = EngineOptions {
        context,
        slots: max_batch,
        max_step_tokens: args.chunk.max(max_batch),
        max_batch,
        subgroups: !args.no_subgroups,
        tuning,
        quantise_batches: !args.exact_batches,
        persistent_workgroups: args.persistent,
    };
    let t = Instant::now();
    let mut engine = Engine::new(device.clone(), queue.clone(), &model, options)?;
    let setup_s = t.elapsed().as_secs_f64();
    eprintln!(
        "[bench] {} — engine ready in {setup_s:.2}s",
        engine.adapter()
    );

    // Persistent block kernels against the same step without them: greedy tokens of one chain.
    let blocks = engine.program().blocks.len();
    if args.persistent > 0 && blocks == 0 {
        eprintln!(
            "[bench] no persistent blocks: this model's blocks have rows of 2048 inputs or more, where they are slower (`CompileOptions::persistent_workgroups`)"
        );
    }
    let persistent_check = if args.persistent > 0 && blocks > 0 {
        let steps = args.tokens.min(MAX_CHAIN * 4);
        let with = chained_greedy(&mut engine, steps)?;
        let plain_options = EngineOptions {
            persistent_workgroups: 0,
            ..options
        };
        let mut plain = Engine::new(device.clone(), queue.clone(), &model, plain_options)?;
        let without = chained_greedy(&mut plain, steps)?;
        drop(plain);
        let same = with
            .iter()
            .zip(&without)
            .take_while(|(a, b)| a == b)
            .count();
        eprintln!(
            "[bench] {blocks} persistent blocks of {} workgroups: the first {same} of {steps} greedy tokens equal those without",
            args.persistent
        );
        json!({ "workgroups": args.persistent, "steps": steps, "equal_prefix": same, "blocks": blocks })
    } else {
        serde_json::Value::Null
    };
    let vocab = model.config().vocab as u32;
    let mut decode = Vec::new();
    for &b in &args.batch {
        let chained = decode_rate_chained(&mut engine, b, args.tokens, 0)?;
        let stepwise = decode_rate(&mut engine, b, args.tokens.min(64), vocab)?;
        eprintln!(
            "[bench] decode batch {b}: {:.1} tok/s chained on the GPU ({:.1} us a step encoding on the CPU, {:.1} us recording alone, {} on the GPU), {stepwise:.1} tok/s sampled on the CPU",
            chained.tokens_per_s,
            chained.encode_us,
            chained.record_us,
            chained
                .gpu_us
                .map_or("unmeasured".into(), |us| format!("{us:.1} us"))
        );
        let mut entry = json!({ "batch": b, "tokens_per_s": chained.tokens_per_s, "tokens_per_s_cpu_sampling": stepwise });
        entry["chain"] = chained.json();
        decode.push(entry);
    }
    // Decoding deep into a conversation (a persona and some talk before it): attention reads
    // `start` keys and more.
    let start = max_prompt as usize;
    let mut decode_deep = Vec::new();
    if start > 0 && start + args.tokens + 5 <= context as usize {
        for b in [1u32, 8].into_iter().filter(|b| args.batch.contains(b)) {
            let rate = decode_rate_chained(&mut engine, b, args.tokens, start as u32)?;
            eprintln!(
                "[bench] decode batch {b} from position {start}: {:.1} tok/s",
                rate.tokens_per_s
            );
            decode_deep.push(json!({ "batch": b, "from_position": start, "tokens_per_s": rate.tokens_per_s, "chain": rate.json() }));
        }
    }
    let mut prefill = Vec::new();
    for &n in &args.prefill {
        if n == 0 || n as usize + 1 > context as usize {
            continue;
        }
        let tok_s = prefill_tok_s(&mut engine, n)?;
        eprintln!("[bench] prefill {n}: {tok_s:.1} tok/s");
        prefill.push(json!({ "tokens": n, "tokens_per_s": tok_s }));
    }
    // A persona prompt seen before: the prefix cache against a full prefill of the same prompt.
    let persona = args.prefill.iter().copied().max().unwrap_or(0) as usize;
    let prefix_cache = if options.slots >= 5 && persona >= 16 && persona + 17 <= context as usize {
        let (cold, shared, back) = prefix_reuse(&mut engine, persona, vocab)?;
        eprintln!(
            "[bench] persona of {persona} tokens + a 16-token line: {:.2} ms prefilled whole, {:.2} ms sharing another session's persona ({:.1}x), {:.2} ms coming back to its own ({:.1}x)",
            cold * 1e3,
            shared * 1e3,
            cold / shared,
            back * 1e3,
            cold / back
        );
        json!({ "persona_tokens": persona, "line_tokens": 16, "whole_ms": cold * 1e3, "shared_ms": shared * 1e3, "returning_ms": back * 1e3 })
    } else {
        serde_json::Value::Null
    };
    // Where a decode step's time goes, kernel by kernel (batch 1, and batch 8 if measured).
    let mut profile = serde_json::Map::new();
    for b in [1u32, 8].into_iter().filter(|b| args.batch.contains(b)) {
        match profile_by_kind(&mut engine, b) {
            Ok((by_kernel, block0)) => {
                let total: f64 = by_kernel.values().map(|t| t.0).sum();
                eprintln!("[bench] profile batch {b}: {total:.1} us in kernels per step");
                for (k, (us, n)) in &by_kernel {
                    eprintln!(
                        "[bench]   {k:<12} {us:>9.1} us over {n} dispatches ({:.2} us each)",
                        us / *n as f64
                    );
                }
                let block0_text: Vec<String> = block0
                    .iter()
                    .map(|(label, us)| format!("{label} {us:.1}"))
                    .collect();
                eprintln!("[bench]   block 0: {} us", block0_text.join(", "));
                profile.insert(
                    format!("batch_{b}"),
                    json!({
                        "kernel_us_total": total,
                        "by_kernel": by_kernel.iter().map(|(k, (us, n))| (k.clone(), json!({"us": us, "dispatches": n}))).collect::<serde_json::Map<_, _>>(),
                        "block_0": block0.iter().map(|(label, us)| json!([label, us])).collect::<Vec<_>>(),
                    }),
                );
            }
            Err(e) => eprintln!("[bench] no kernel profile: {e}"),
        }
    }
    let mut chained_cost = serde_json::Map::new();
    for b in [1u32, 8]
        .into_iter()
        .filter(|b| args.chained_cost && args.batch.contains(b))
    {
        let (base, costs) = chained_costs(&mut engine, b, args.tokens)?;
        let sum: f64 = costs.iter().map(|c| c.us).sum();
        eprintln!(
            "[bench] chained cost batch {b}: {base:.1} us a step on the GPU, {sum:.1} of it by leaving out each kind of dispatch (every block's):"
        );
        for c in &costs {
            eprintln!(
                "[bench]   {:<18} x{:<3} {:>8.1} us ({:.2} us each)",
                c.name,
                c.dispatches,
                c.us,
                c.us / c.dispatches as f64
            );
        }
        chained_cost.insert(
            format!("batch_{b}"),
            json!({
                "step_us": base,
                "kernels": costs.iter().map(|c| json!({"kernel": c.name, "dispatches": c.dispatches, "us": c.us})).collect::<Vec<_>>(),
            }),
        );
    }
    // What the profile's figures include besides the kernels' own work.
    let floor = match engine.profile_floor() {
        Ok((alone, chained)) => {
            eprintln!(
                "[bench] profile floor: an empty dispatch takes {alone:.2} us timed alone, {chained:.2} us a dispatch in a dependent chain"
            );
            Some(json!({ "alone_us": alone, "chained_us": chained }))
        }
        Err(e) => {
            eprintln!("[bench] no profile floor: {e}");
            None
        }
    };
    let m = engine.memory();
    let report = json!({
        "model": label,
        "adapter": engine.adapter(),
        "setup_s": setup_s,
        "dispatches_per_step": engine.program().dispatches.len(),
        // What a decode step of each measured width records: with the sampler, and with merge
        // kernels where split-K runs (large batches on long rows).
        "dispatches_by_batch": args.batch.iter().map(|&b| (b.to_string(), json!(engine.program().step_dispatches(b)))).collect::<serde_json::Map<_, _>>(),
        "kernels": engine.program().kernels.len(),
        "decode": decode,
        "decode_deep": decode_deep,
        "prefill": prefill,
        "prefix_cache": prefix_cache,
        "profile": profile,
        "profile_floor": floor,
        "chained_cost": chained_cost,
        "persistent": persistent_check,
        "vram_bytes": { "weights": m.weights, "kv_cache": m.kv_cache, "activations": m.activations, "other": m.other, "total": m.total() },
        "options": { "context": context, "slots": max_batch, "chunk": options.max_step_tokens, "subgroups": options.subgroups, "quantise_batches": options.quantise_batches, "tuning": format!("{:?}", options.tuning) },
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

/// One kind of dispatch's share of a chained decode step (see [`chained_costs`]).
struct ChainedCost {
    /// `k.kernel` for the k-th dispatch of every block, or a dispatch outside the blocks.
    name: String,
    dispatches: usize,
    /// GPU µs a step lost with them left out.
    us: f64,
}

/// GPU µs a chained decode step of `batch` conversations takes, and what it takes less with
/// each kind of dispatch left out ([`Engine::omit_dispatches`]): the k-th dispatch of every
/// block together, then each dispatch outside the blocks (the embedding, the LM head). What a
/// chain loses includes each dispatch's share of the launch floor (`profile_floor`'s chained
/// figure) and whatever of its work did not overlap its neighbours'; unlike kernels timed
/// alone, the losses sum to about the step where the GPU's clocks hold (one NPC on an H100:
/// within 0.5 %), while with eight NPCs' arithmetic each loss also frees power and they sum
/// to more (1.7B shapes: 14 %). The sampler is not left out: it advances the columns'
/// positions, and without it every step would attend over the same few keys.
fn chained_costs(
    engine: &mut Engine,
    batch: u32,
    tokens: usize,
) -> Result<(f64, Vec<ChainedCost>)> {
    let program = engine.program();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    // The program's segments are its blocks, each a range of dispatches, with the embedding
    // and the LM head apart.
    for range in program.segments() {
        for i in range.clone() {
            let d = &program.dispatches[i];
            let kind = d.label.split('.').next_back().unwrap_or(&d.label);
            if d.layer.is_none() {
                groups.push((kind.to_string(), vec![i]));
                continue;
            }
            let name = format!("{}.{kind}", i - range.start);
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, members)) => members.push(i),
                None => groups.push((name, vec![i])),
            }
        }
    }
    let base = chained_step_us(engine, batch, tokens, MAX_CHAIN, 0)?;
    let mut costs = Vec::with_capacity(groups.len());
    for (name, members) in groups {
        engine.omit_dispatches(&members);
        let us = chained_step_us(engine, batch, tokens, MAX_CHAIN, 0);
        engine.omit_dispatches(&[]);
        costs.push(ChainedCost {
            name,
            dispatches: members.len(),
            us: base - us?,
        });
    }
    Ok((base, costs))
}

/// Kernel times of a step: by kind, µs and dispatches; and the first block's dispatches in
/// order (its two residual adds, the output and down projections, share a kind).
type StepProfile = (
    std::collections::BTreeMap<String, (f64, usize)>,
    Vec<(String, f64)>,
);

/// GPU time of one decode step of `batch` conversations, each kernel timed alone, summed by
/// kind of kernel (the label after the layer), and block 0's dispatches one by one.
fn profile_by_kind(engine: &mut Engine, batch: u32) -> Result<StepProfile> {
    let columns: Vec<Column> = (0..batch).map(|s| Column::new(s, 64, 1 + s)).collect();
    let out: Vec<u32> = (0..batch).collect();
    let mut by_kind: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
    let mut block0 = Vec::new();
    for (label, us) in engine.profile(&columns, &out)? {
        let kind = label.split('.').next_back().unwrap_or(&label).to_string();
        let e = by_kind.entry(kind).or_default();
        e.0 += us;
        e.1 += 1;
        if label.starts_with("blk0.") {
            block0.push((label, us));
        }
    }
    Ok((by_kind, block0))
}

/// Tokens per second of `batch` conversations decoding together, greedy, sampled on the CPU
/// after each step (the full loop a game runs).
fn decode_rate(engine: &mut Engine, batch: u32, tokens: usize, vocab: u32) -> Result<f64> {
    let mut sampler = Sampler::new(SamplerConfig::greedy())?;
    let mut next: Vec<u32> = (0..batch).map(|i| 1 + i % (vocab - 1)).collect();
    let out: Vec<u32> = (0..batch).collect();
    let warmup = 4;
    let mut start = Instant::now();
    for step in 0..tokens + warmup {
        if step == warmup {
            start = Instant::now();
        }
        let columns: Vec<Column> = (0..batch)
            .map(|s| Column::new(s, step as u32, next[s as usize]))
            .collect();
        engine.submit(&columns, &out)?;
        let logits = engine.wait()?;
        for s in 0..batch as usize {
            next[s] = sampler.sample(&logits[s * vocab as usize..(s + 1) * vocab as usize], &[]);
        }
    }
    Ok((tokens as f64 * batch as f64) / start.elapsed().as_secs_f64())
}

/// A chained decode measurement: tokens per second of wall time, and where a step's time went.
struct ChainRate {
    tokens_per_s: f64,
    /// CPU µs a step spent recording and submitting its commands (inside `submit_chain`).
    encode_us: f64,
    /// GPU µs a step by the chain's timestamps (`None` without `TIMESTAMP_QUERY`).
    gpu_us: Option<f64>,
    /// CPU µs a step of recording a chain and finishing its command buffer, nothing submitted
    /// ([`Engine::recording_cost`]; median of five chains of [`RECORDING_STEPS`]): `encode_us`
    /// without the GPU's or the driver's part.
    record_us: f64,
}

/// Steps of the chains whose recording alone is timed.
const RECORDING_STEPS: usize = 16;

impl ChainRate {
    fn json(&self) -> serde_json::Value {
        json!({
            "encode_us_per_step": self.encode_us,
            "record_us_per_step": self.record_us,
            "gpu_us_per_step": self.gpu_us,
        })
    }
}

/// Tokens per second of `batch` conversations decoding together in chains of GPU-sampled
/// (greedy) steps from position `start`, median of three runs ([`chained_run`]): the runtime's
/// fastest decode. Also the CPU time spent recording a step (from the median run, and recording
/// alone: [`Engine::recording_cost`]) and the median of the runs' GPU time a step.
/// The greedy tokens of `steps` chained steps of one conversation from token 1 at position 0,
/// in chains of [`MAX_CHAIN`].
fn chained_greedy(engine: &mut Engine, steps: usize) -> Result<Vec<u32>> {
    let sampling = GpuSampling::greedy();
    let first = steps.min(MAX_CHAIN);
    engine.submit_chain(&[Column::new(0, 0, 1)], first, &sampling)?;
    let mut tokens = engine.wait_chain()?;
    while tokens.len() < steps {
        engine.continue_chain((steps - tokens.len()).min(MAX_CHAIN), &sampling)?;
        tokens.extend(engine.wait_chain()?);
    }
    Ok(tokens)
}

fn decode_rate_chained(
    engine: &mut Engine,
    batch: u32,
    tokens: usize,
    start: u32,
) -> Result<ChainRate> {
    let columns: Vec<Column> = (0..batch).map(|s| Column::new(s, start, 1 + s)).collect();
    // The median of three runs from `start`, after a warm-up (llama-bench warms up too): a
    // single run of one conversation varied by ±15 % between calls on the same GPU, and the
    // first measurement after building the engine ran at idle clocks.
    warm_up(engine, &columns, MAX_CHAIN)?;
    // Each run's (tok/s, CPU µs a step encoding, GPU µs a step).
    let mut runs = Vec::new();
    for _ in 0..3 {
        let run = chained_run(engine, &columns, tokens, MAX_CHAIN)?;
        runs.push((
            (tokens as f64 * batch as f64) / run.wall.as_secs_f64(),
            run.encode.as_secs_f64() * 1e6 / tokens as f64,
            run.gpu_us_per_step,
        ));
    }
    // The GPU's time a step is the median of the runs' own (the wall clock's median run need
    // not be the GPU's).
    let mut gpu: Vec<f64> = runs.iter().filter_map(|r| r.2).collect();
    gpu.sort_by(f64::total_cmp);
    let gpu_us = (gpu.len() == runs.len()).then(|| gpu[gpu.len() / 2]);
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut recording: Vec<f64> = (0..5)
        .map(|_| {
            let cost = engine.recording_cost(&columns, RECORDING_STEPS)?;
            Ok(cost.as_secs_f64() * 1e6 / RECORDING_STEPS as f64)
        })
        .collect::<Result<_>>()?;
    recording.sort_by(f64::total_cmp);
    let (tokens_per_s, encode_us, _) = runs[1];
    Ok(ChainRate {
        tokens_per_s,
        encode_us,
        gpu_us,
        record_us: recording[2],
    })
}

/// Tokens per second of a prompt of `n` tokens (chunked by the engine's step size).
/// Seconds until the logits of a persona prompt plus a 16-token line are ready (best of 3):
/// prefilled whole; in a new session sharing the persona with one in progress (its rows copied
/// on the GPU); and in a new session coming back to a slot that a finished one left.
fn prefix_reuse(engine: &mut Engine, persona: usize, vocab: u32) -> Result<(f64, f64, f64)> {
    // Token ids unlike `prefill_tok_s`'s, whose sessions leave their prompts in the cache.
    let token = |i: usize| 1 + ((i as u64 + 50_000) * 7919 % (vocab as u64 - 1)) as u32;
    let persona: Vec<u32> = (0..persona).map(token).collect();
    let prompt = |line: usize| {
        let mut p = persona.clone();
        p.extend((0..16).map(|i| token(100_000 + line * 16 + i)));
        p
    };
    let timed = |engine: &mut Engine, session: &mut natter::runtime::Session, line: usize| {
        let t = Instant::now();
        engine.feed_prefix(session, &prompt(line))?;
        Ok::<_, anyhow::Error>(t.elapsed().as_secs_f64())
    };
    let (mut whole, mut shared, mut back) = (f64::MAX, f64::MAX, f64::MAX);
    for rep in 0..3 {
        let mut session = engine.session()?;
        whole = whole.min(timed(engine, &mut session, rep)?);
        // Forget it, so that no free slot holds the persona for the next measurement.
        session.clear();
    }
    // Sessions kept open so that each new one must copy the persona from a busy slot.
    let mut open = vec![engine.session_for(&prompt(10))?];
    let first = open.len() - 1;
    engine.feed_prefix(&mut open[first], &prompt(10))?;
    for rep in 0..3 {
        let t = Instant::now();
        let mut session = engine.session_for(&prompt(20 + rep))?;
        engine.feed_prefix(&mut session, &prompt(20 + rep))?;
        shared = shared.min(t.elapsed().as_secs_f64());
        open.push(session);
    }
    drop(open);
    for _ in 0..3 {
        let t = Instant::now();
        let mut session = engine.session_for(&prompt(10))?;
        engine.feed_prefix(&mut session, &prompt(10))?;
        back = back.min(t.elapsed().as_secs_f64());
    }
    Ok((whole, shared, back))
}
