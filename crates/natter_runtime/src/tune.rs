//! The autotuner: kernel shapes measured on this GPU for this model, as TVM and MLC tune
//! schedules per target. `natter tune` runs it in full and stores the winner in the
//! [`TuningCache`](crate::TuningCache); a game can run its quick form on a player's GPU.
//!
//! Decode is scored by the GPU time of *chained* steps ([`chained_step_us`]), what a game's
//! decoding runs. Per-kernel profiles (each kernel timed alone, what this tuner used before)
//! ranked kernels that prefetch wrong, and wall-clock rates varied by ±15 % between runs of one
//! shape on an H100; chained GPU time repeats within ~0.3 %.
//!
//! ```no_run
//! use natter_runtime::{TuningCache, create_device, tune};
//!
//! let model = natter_model::Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
//! let (adapter, device, queue) = pollster::block_on(create_device())?;
//! let report = tune::tune(&device, &queue, &model, &tune::TuneOptions::quick(), |m, done| {
//!     eprintln!("{:.0} % {m}", done * 100.0);
//! })?;
//! let path = TuningCache::default_path().expect("a cache directory");
//! let mut cache = TuningCache::load(&path);
//! cache.insert(TuningCache::key(&adapter.get_info(), model.config()), report.tuning);
//! cache.save(&path)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::time::{Duration, Instant};

use natter_compiler::{BatchColumns, Column, Tuning};
use natter_model::Model;

use crate::{
    Engine, EngineOptions, FIRST_CHAIN, GpuSampling, MAX_CHAIN, MAX_CHAINS_IN_FLIGHT, RuntimeError,
    TimingSource, next_chain,
};

/// How much a tuning run tries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TuneScope {
    /// Every stage: the 36 combinations of workgroup size, threads a unit, attention workgroup
    /// and staging; then each kind of batch kernel's columns a workgroup (coordinate descent),
    /// the prompt-chunk kernels' columns, and the attention span. About a minute for
    /// SmolLM2-135M on an H100, four for the 1.7B shapes.
    Full,
    /// The workgroup size and threads a unit only (9 shapes, the 3 leaders measured again; one
    /// and eight conversations' steps), the shapes that move one conversation's speed most; the
    /// rest keep their defaults. For a first run on a player's GPU: on a fresh H100 machine
    /// (shader caches cold) 24 s for SmolLM2-135M and 63 s for the 1.7B shapes, picking the
    /// one-conversation shapes the full run picks.
    Quick,
}

/// What [`tune`] tries and how long it measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TuneOptions {
    pub scope: TuneScope,
    /// Decode steps of each chained measurement (1 to [`MAX_CHAIN`]).
    pub tokens: usize,
    /// Most steps one submission chains (1 to [`MAX_CHAIN`]): a game's frames wait behind a
    /// submission, so a tuning that runs while the game renders keeps them short.
    pub chain: usize,
}

impl TuneOptions {
    /// Every stage, 64 steps a measurement in chains of up to [`MAX_CHAIN`].
    pub fn full() -> TuneOptions {
        TuneOptions {
            scope: TuneScope::Full,
            tokens: 64,
            chain: MAX_CHAIN,
        }
    }

    /// Workgroup shapes only, 32 steps a measurement in chains of up to 8 (a game renders
    /// meanwhile).
    pub fn quick() -> TuneOptions {
        TuneOptions {
            scope: TuneScope::Quick,
            tokens: 32,
            chain: 8,
        }
    }
}

impl Default for TuneOptions {
    fn default() -> Self {
        TuneOptions::full()
    }
}

/// One configuration [`tune`] measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurement {
    pub tuning: Tuning,
    pub measured: Measured,
}

/// What was measured of a configuration: GPU µs a chained decode step, prefill tokens/s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measured {
    /// Workgroup shapes: one conversation's step, eight's, and a prefill.
    Shapes {
        one_us: f64,
        eight_us: f64,
        prefill_tok_s: f64,
    },
    /// Batch kernels' columns: GPU µs a token summed over steps of 4, 8 and 16 conversations.
    BatchColumns { us_per_token: f64 },
    /// Prompt-chunk kernels' columns: the prefill rate.
    WideColumns { prefill_tok_s: f64 },
    /// Attention span: one and eight conversations' steps from `from_position`.
    Span {
        from_position: u32,
        one_us: f64,
        eight_us: f64,
    },
}

impl fmt::Display for Measurement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.tuning;
        match self.measured {
            Measured::Shapes {
                one_us,
                eight_us,
                prefill_tok_s,
            } => write!(
                f,
                "workgroup {} / {} threads a unit / attention {} / staged {}: {one_us:.1} us a step alone, {eight_us:.1} us for 8, {prefill_tok_s:.1} tok/s prefill",
                t.linear_workgroup, t.max_threads_per_unit, t.attention_workgroup, t.stage_inputs
            ),
            Measured::BatchColumns { us_per_token } => write!(
                f,
                "batch columns {:?} (QKV, gate/up, adds, LM head): {us_per_token:.1} us a token, summed over 4, 8 and 16 conversations",
                t.batch_columns.to_array()
            ),
            Measured::WideColumns { prefill_tok_s } => write!(
                f,
                "prompt-chunk columns {}: {prefill_tok_s:.1} tok/s prefill",
                t.wide_columns
            ),
            Measured::Span {
                from_position,
                one_us,
                eight_us,
            } => write!(
                f,
                "attention span {}: {one_us:.1} us a step alone, {eight_us:.1} us for 8, from position {from_position}",
                t.attention_span
            ),
        }
    }
}

/// The shapes [`tune`] found fastest, and everything it measured.
#[derive(Clone, Debug)]
pub struct TuneReport {
    pub tuning: Tuning,
    pub measurements: Vec<Measurement>,
}

/// Measures kernel shapes for `model` on `device` and returns the fastest. Each stage keeps
/// the best of the earlier ones: workgroup shapes first, as they change every kernel. A shape
/// the device cannot compile is skipped (logged). `progress` hears of every measurement with
/// the fraction of the run done. Blocks for the whole run (seconds to minutes: run it off the
/// frame loop); engines are built and dropped one at a time on `device`.
pub fn tune(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    model: &Model,
    options: &TuneOptions,
    mut progress: impl FnMut(&Measurement, f32),
) -> Result<TuneReport, RuntimeError> {
    if options.tokens == 0 || options.tokens > MAX_CHAIN {
        return Err(RuntimeError::Tuning(format!(
            "a measurement runs 1 to {MAX_CHAIN} steps, not {}",
            options.tokens
        )));
    }
    if options.chain == 0 || options.chain > MAX_CHAIN {
        return Err(RuntimeError::Tuning(format!(
            "a submission chains 1 to {MAX_CHAIN} steps, not {}",
            options.chain
        )));
    }
    // Positions a conversation holds in the tuning engines (fewer where the model has fewer)
    // and the conversations they hold: a quick run measures one and eight conversations from
    // the start and a prompt, so its engines hold a third of a full run's KV cache (1.7B
    // shapes: 250 MB, not 800), which matters on a first run on a handheld's shared memory.
    let (context, slots) = match options.scope {
        TuneScope::Full => (512, 16),
        TuneScope::Quick => (320, 8),
    };
    let context = context.min(model.config().context_length as u32);
    let mut tuner = Tuner {
        model,
        device,
        queue,
        context,
        slots,
        // A measurement's steps must fit the context (with the warm-up's, from `deep`).
        tokens: options.tokens.min(context as usize / 4).max(1),
        chain: options.chain,
        // The prompt measured (with room for decode steps after it), and where the attention
        // splits are measured from: a persona's length into a conversation, or what the
        // model's context leaves.
        prompt_len: 256.min(context.saturating_sub(64).max(context / 2)),
        deep: 256.min(context / 2),
        measurements: Vec::new(),
        planned: match options.scope {
            TuneScope::Full => {
                SHAPES_FULL + SHAPES_AGAIN + 1 + 4 * (BATCH_WIDTHS.len() - 1) + 3 + 5
            }
            TuneScope::Quick => SHAPES_QUICK + SHAPES_AGAIN,
        },
        progress: &mut progress,
    };
    let mut tuning = tuner.shapes(options.scope)?;
    if options.scope == TuneScope::Full {
        tuner.batch_columns(&mut tuning)?;
        tuner.wide_columns(&mut tuning)?;
        tuner.attention_span(&mut tuning)?;
    }
    Ok(TuneReport {
        tuning,
        measurements: tuner.measurements,
    })
}

/// Combinations of workgroup shapes a full and a quick run try.
const SHAPES_FULL: usize = 36;
const SHAPES_QUICK: usize = 9;
/// The leading shapes measured a second time.
const SHAPES_AGAIN: usize = 3;

/// Widths tried for each kind of batch kernel.
const BATCH_WIDTHS: [u32; 4] = [1, 2, 4, 8];

struct Tuner<'a> {
    model: &'a Model,
    device: &'a wgpu::Device,
    queue: &'a wgpu::Queue,
    context: u32,
    /// Conversations each engine holds (the most a step of it measures).
    slots: u32,
    /// Steps of each chained measurement.
    tokens: usize,
    /// Most steps a submission chains.
    chain: usize,
    /// The prompt whose prefill is measured.
    prompt_len: u32,
    /// Where the attention splits are measured from.
    deep: u32,
    measurements: Vec<Measurement>,
    /// Measurements the run plans (for `progress`).
    planned: usize,
    progress: &'a mut dyn FnMut(&Measurement, f32),
}

impl Tuner<'_> {
    /// An engine with `tuning` for the run's conversations (steps of up to 64 tokens, so
    /// every width of `wide_columns` tried compiles as asked); `None` for a shape that does not
    /// compile here.
    fn engine(&self, tuning: Tuning) -> Option<Engine> {
        let options = EngineOptions {
            context: self.context,
            slots: self.slots,
            // Prompt chunks of 64 tokens run the wide kernels; steps of 4-16 the batch kernels.
            max_step_tokens: 64,
            max_batch: self.slots,
            subgroups: true,
            tuning,
            // As games run them (the default).
            quantise_batches: true,
            persistent_workgroups: 0,
        };
        Engine::new(self.device.clone(), self.queue.clone(), self.model, options)
            .inspect_err(|e| tracing::warn!("natter tune: {tuning:?} does not run here: {e}"))
            .ok()
    }

    fn record(&mut self, tuning: Tuning, measured: Measured) {
        let m = Measurement { tuning, measured };
        self.measurements.push(m);
        let done = (self.measurements.len() as f32 / self.planned as f32).min(1.0);
        (self.progress)(&m, done);
    }

    fn prefill(&self, engine: &mut Engine) -> Result<f64, RuntimeError> {
        prefill_tok_s(engine, self.prompt_len)
    }

    /// Workgroup sizes and threads a unit (with `Full`, also the attention workgroup and
    /// staging): each combination scored against the first by one conversation's step
    /// (weighing most: games wait on one conversation's latency first), eight's, and the
    /// prefill rate, so that a shape a little faster for one conversation cannot win at the
    /// price of a third of the prefill rate, as workgroups of 64 threads did on an H100.
    fn shapes(&mut self, scope: TuneScope) -> Result<Tuning, RuntimeError> {
        let default = Tuning::default();
        let (attention, staging): (&[u32], &[bool]) = match scope {
            TuneScope::Full => (&[64, 256], &[true, false]),
            TuneScope::Quick => (&[default.attention_workgroup], &[default.stage_inputs]),
        };
        // (tuning, one conversation's µs, eight's, prefill tok/s): the best seen of each.
        let mut measured: Vec<(Tuning, f64, f64, f64)> = Vec::new();
        for linear_workgroup in [64, 128, 256] {
            for max_threads_per_unit in [8, 16, 32] {
                for &attention_workgroup in attention {
                    for &stage_inputs in staging {
                        let tuning = Tuning {
                            linear_workgroup,
                            max_threads_per_unit,
                            stage_inputs,
                            attention_workgroup,
                            ..default
                        };
                        if let Some(m) = self.measure_shape(tuning)? {
                            measured.push(m);
                        }
                    }
                }
            }
        }
        let Some(&(_, one, eight, prefill)) = measured.first() else {
            return Err(RuntimeError::Tuning(
                "no kernel shape ran on this device".into(),
            ));
        };
        // Each against the first shape's measurements.
        let score = |&(_, o, e, p): &(Tuning, f64, f64, f64)| {
            0.6 * one / o + 0.2 * eight / e + 0.2 * p / prefill
        };
        // Noise only ever makes a measurement slower (a shape measured right after an engine
        // build sometimes ran 1.5-3x slow on an H100): the leaders are measured again, on new
        // engines, and keep their better figures.
        measured.sort_by(|a, b| score(b).total_cmp(&score(a)));
        for m in measured.iter_mut().take(SHAPES_AGAIN) {
            if let Some((_, o, e, p)) = self.measure_shape(m.0)? {
                (m.1, m.2, m.3) = (m.1.min(o), m.2.min(e), m.3.max(p));
            }
        }
        let best = measured
            .iter()
            .max_by(|a, b| score(a).total_cmp(&score(b)))
            .map(|m| m.0);
        best.ok_or_else(|| RuntimeError::Tuning("no kernel shape ran on this device".into()))
    }

    /// One conversation's step, eight's and a prefill with `tuning`; `None` where it does not
    /// compile here.
    fn measure_shape(
        &mut self,
        tuning: Tuning,
    ) -> Result<Option<(Tuning, f64, f64, f64)>, RuntimeError> {
        let Some(mut engine) = self.engine(tuning) else {
            return Ok(None);
        };
        let one_us = chained_step_us(&mut engine, 1, self.tokens, self.chain, 0)?;
        let eight_us = chained_step_us(&mut engine, 8, self.tokens, self.chain, 0)?;
        let prefill_tok_s = self.prefill(&mut engine)?;
        self.record(
            tuning,
            Measured::Shapes {
                one_us,
                eight_us,
                prefill_tok_s,
            },
        );
        Ok(Some((tuning, one_us, eight_us, prefill_tok_s)))
    }

    /// Columns per workgroup of the batch kernels, per kind of kernel: which width is fastest
    /// depends on each kernel's shape (see `BatchColumns`) and on how many conversations decode
    /// together (a width past the step's columns idles). One kind at a time (QKV, gate/up,
    /// adds, LM head), each width is tried with the others' best so far and kept where it makes
    /// the chained steps of 4, 8 and 16 conversations faster, by GPU time a token summed over
    /// the three.
    fn batch_columns(&mut self, tuning: &mut Tuning) -> Result<(), RuntimeError> {
        let mut columns = tuning.batch_columns.to_array();
        let Some(mut best) = self.batch_cost(tuning, columns)? else {
            return Ok(());
        };
        for kind in 0..columns.len() {
            let start = columns;
            for width in BATCH_WIDTHS.into_iter().filter(|&w| w != start[kind]) {
                let mut trial = start;
                trial[kind] = width;
                if let Some(cost) = self.batch_cost(tuning, trial)?
                    && cost < best
                {
                    (best, columns) = (cost, trial);
                }
            }
        }
        tuning.batch_columns = BatchColumns::from_array(columns);
        Ok(())
    }

    /// GPU µs a token of chained steps of 4, 8 and 16 conversations, summed, with `tuning` and
    /// batch widths `columns`; `None` where those do not compile here.
    fn batch_cost(
        &mut self,
        tuning: &Tuning,
        columns: [u32; 4],
    ) -> Result<Option<f64>, RuntimeError> {
        let t = Tuning {
            batch_columns: BatchColumns::from_array(columns),
            ..*tuning
        };
        let Some(mut engine) = self.engine(t) else {
            return Ok(None);
        };
        let mut us_per_token = 0.0;
        for batch in [4, 8, 16] {
            us_per_token +=
                chained_step_us(&mut engine, batch, self.tokens, self.chain, 0)? / batch as f64;
        }
        self.record(t, Measured::BatchColumns { us_per_token });
        Ok(Some(us_per_token))
    }

    /// Columns per workgroup of the kernels for prompt chunks: tuned by a prefill.
    fn wide_columns(&mut self, tuning: &mut Tuning) -> Result<(), RuntimeError> {
        let mut best: Option<(f64, u32)> = None;
        for wide_columns in [4, 8, 16] {
            let t = Tuning {
                wide_columns,
                ..*tuning
            };
            let Some(mut engine) = self.engine(t) else {
                continue;
            };
            let prefill_tok_s = self.prefill(&mut engine)?;
            self.record(t, Measured::WideColumns { prefill_tok_s });
            if best.is_none_or(|(s, _)| prefill_tok_s > s) {
                best = Some((prefill_tok_s, wide_columns));
            }
        }
        if let Some((_, w)) = best {
            tuning.wide_columns = w;
        }
        Ok(())
    }

    /// Keys per attention split: they matter once a conversation has some length, so they are
    /// tuned `deep` positions in, where a persona prompt leaves a conversation; one
    /// conversation's step weighs most, eight's too.
    fn attention_span(&mut self, tuning: &mut Tuning) -> Result<(), RuntimeError> {
        let mut best: Option<(f64, u32)> = None;
        let mut first: Option<(f64, f64)> = None;
        let from_position = self.deep;
        for attention_span in [0, 16, 32, 64, 128] {
            let t = Tuning {
                attention_span,
                ..*tuning
            };
            let Some(mut engine) = self.engine(t) else {
                continue;
            };
            let one_us = chained_step_us(&mut engine, 1, self.tokens, self.chain, from_position)?;
            let eight_us = chained_step_us(&mut engine, 8, self.tokens, self.chain, from_position)?;
            let base = *first.get_or_insert((one_us, eight_us));
            let score = 0.8 * base.0 / one_us + 0.2 * base.1 / eight_us;
            self.record(
                t,
                Measured::Span {
                    from_position,
                    one_us,
                    eight_us,
                },
            );
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, attention_span));
            }
        }
        if let Some((_, span)) = best {
            tuning.attention_span = span;
        }
        Ok(())
    }
}

/// One chained decode run ([`chained_run`]): its wall-clock time, the CPU time spent
/// recording and submitting its chains, and the GPU time a step by the chains' timestamps
/// (`None` without timestamps).
#[derive(Clone, Copy, Debug)]
pub struct ChainRun {
    pub wall: Duration,
    pub encode: Duration,
    pub gpu_us_per_step: Option<f64>,
}

/// Runs `tokens` greedy decode steps of `columns` in chains as a game's decoding does
/// ([`Engine::submit_chain`], then [`Engine::continue_chain`] queueing the next chain while the
/// GPU runs the last): chains of [`FIRST_CHAIN`] steps, then each a third longer than the last
/// ([`next_chain`]), up to `chain` (at most [`MAX_CHAIN`]). A chain of up to 4 steps runs
/// first, untimed. The keys before the columns' positions are whatever the cache holds: speed
/// does not depend on their values.
pub fn chained_run(
    engine: &mut Engine,
    columns: &[Column],
    tokens: usize,
    chain: usize,
) -> Result<ChainRun, RuntimeError> {
    let greedy = GpuSampling::greedy();
    let tokens = tokens.max(1);
    let chain = chain.clamp(1, MAX_CHAIN);
    engine.submit_chain(columns, chain.min(4), &greedy)?;
    engine.wait_chain()?;
    engine.take_timings();
    let t = Instant::now();
    let mut encode = Duration::ZERO;
    let (mut submitted, mut size) = (0, FIRST_CHAIN);
    while submitted < tokens || engine.chains_in_flight() > 0 {
        while submitted < tokens && engine.chains_in_flight() < MAX_CHAINS_IN_FLIGHT {
            // Nothing hides the recording of the first chain, so it is short.
            let steps = size.min(chain).min(tokens - submitted);
            size = next_chain(size);
            let e = Instant::now();
            match submitted {
                0 => engine.submit_chain(columns, steps, &greedy)?,
                _ => engine.continue_chain(steps, &greedy)?,
            }
            encode += e.elapsed();
            submitted += steps;
        }
        engine.wait_chain()?;
    }
    let wall = t.elapsed();
    let timings = engine.take_timings();
    let timed = !timings.is_empty() && timings.iter().all(|t| t.source == TimingSource::Timestamps);
    Ok(ChainRun {
        wall,
        encode,
        gpu_us_per_step: timed
            .then(|| timings.iter().map(|t| t.gpu_ms).sum::<f64>() * 1e3 / tokens as f64),
    })
}

/// Keeps the GPU busy for a quarter of a second with chained decode steps of `columns` (up
/// to 16 a chain), so that what is measured next runs at the clocks a game's steady work
/// gets: after the seconds of building an engine, or a pause between measurements, the
/// clocks idle, and on an H100 one conversation's steps measured after 50 ms of warm-up came
/// out up to 3.3× slow where the runs were short (32 steps), though not at 64.
pub fn warm_up(engine: &mut Engine, columns: &[Column], chain: usize) -> Result<(), RuntimeError> {
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(250) {
        engine.submit_chain(columns, chain.clamp(1, 16), &GpuSampling::greedy())?;
        engine.wait_chain()?;
    }
    Ok(())
}

/// GPU µs a decode step of `batch` conversations (slots 0..batch) from position `start`: the
/// median of three [`chained_run`]s of `tokens` steps in chains of up to `chain`, by their
/// timestamps; without timestamps, by the wall clock; after a [`warm_up`].
pub fn chained_step_us(
    engine: &mut Engine,
    batch: u32,
    tokens: usize,
    chain: usize,
    start: u32,
) -> Result<f64, RuntimeError> {
    let columns: Vec<Column> = (0..batch).map(|s| Column::new(s, start, 1 + s)).collect();
    warm_up(engine, &columns, chain)?;
    let mut runs = Vec::with_capacity(3);
    for _ in 0..3 {
        let run = chained_run(engine, &columns, tokens, chain)?;
        let wall_us = run.wall.as_secs_f64() * 1e6 / tokens.max(1) as f64;
        runs.push(run.gpu_us_per_step.unwrap_or(wall_us));
    }
    runs.sort_by(f64::total_cmp);
    Ok(runs[1])
}

/// Tokens a second of prefilling an `n`-token prompt in a new session, the best of three.
pub fn prefill_tok_s(engine: &mut Engine, n: u32) -> Result<f64, RuntimeError> {
    let vocab = (engine.program().config.vocab as u32).max(2);
    let prompt: Vec<u32> = (0..n.max(1))
        .map(|i| 1 + (i * 7919) % (vocab - 1))
        .collect();
    let mut best = f64::MAX;
    for _ in 0..3 {
        let mut session = engine.session()?;
        let t = Instant::now();
        engine.feed(&mut session, &prompt)?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    Ok(prompt.len() as f64 / best)
}
