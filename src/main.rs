//! `natter`: generate, chat, tokenize, inspect and benchmark from the command line.
//!
//! Its interface is a contract scripts rely on: `generate` prints only the generated text on
//! stdout (statistics go to stderr), `tokenize` prints a JSON array, and every failure is one
//! line on stderr with a non-zero exit status.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand};
use natter::model::{ChatMessage, Model, Reference};
use natter::runtime::{
    Engine, EngineOptions, GenerateOptions, Sampler, SamplerConfig, StopReason, TuningCache,
    create_device,
};

mod bench;

const DEFAULT_MODEL: &str = "assets/models/SmolLM2-135M-Instruct.Q4_1.gguf";

#[derive(Parser)]
#[command(
    name = "natter",
    version,
    about = "NPCs that talk: a small language model on your GPU",
    // A flag given twice takes its last value, so a script can append overrides to a preset.
    args_override_self = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate text: prints only the generated text on stdout.
    Generate(GenerateArgs),
    /// Interactive chat with streaming output.
    Chat {
        #[command(flatten)]
        model: ModelArg,
        /// System prompt (the NPC's persona).
        #[arg(long)]
        system: Option<String>,
        #[command(flatten)]
        sampling: SamplingArgs,
    },
    /// Print the token ids of TEXT (as plain text: special-token strings stay text) as JSON.
    Tokenize {
        #[command(flatten)]
        model: ModelArg,
        #[arg(long)]
        text: String,
    },
    /// Print the model's architecture, shapes, tensor types and chat template.
    Inspect {
        #[command(flatten)]
        model: ModelArg,
        /// Also print the compiled program: fused graph, kernels and memory plan.
        #[arg(long)]
        program: bool,
    },
    /// Measure decode and prefill speed on the GPU; prints JSON.
    Bench(bench::BenchArgs),
    /// Find the fastest kernel shapes for this GPU and model; saves them in the tuning cache.
    Tune(bench::TuneArgs),
}

#[derive(Args)]
struct ModelArg {
    /// GGUF file or Hugging Face directory.
    #[arg(long, default_value = DEFAULT_MODEL)]
    model: PathBuf,
}

#[derive(Args, Clone)]
struct SamplingArgs {
    /// Maximum tokens to generate.
    #[arg(long, default_value_t = 256)]
    max_tokens: usize,
    /// 0 is greedy.
    #[arg(long, default_value_t = 0.7)]
    temperature: f32,
    /// 0 disables top-k.
    #[arg(long, default_value_t = 40)]
    top_k: usize,
    #[arg(long, default_value_t = 0.9)]
    top_p: f32,
    #[arg(long, default_value_t = 0.05)]
    min_p: f32,
    #[arg(long, default_value_t = 1.1)]
    repeat_penalty: f32,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Stop when this text appears (repeatable).
    #[arg(long = "stop")]
    stop: Vec<String>,
}

impl SamplingArgs {
    fn sampler(&self) -> SamplerConfig {
        SamplerConfig {
            temperature: self.temperature,
            top_k: self.top_k,
            top_p: self.top_p,
            min_p: self.min_p,
            repetition_penalty: if self.temperature == 0.0 {
                1.0
            } else {
                self.repeat_penalty
            },
            repetition_window: 64,
            seed: self.seed,
        }
    }
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Raw prompt text (no chat template; special-token strings are parsed).
    #[arg(long, conflicts_with_all = ["user", "system"], required_unless_present = "user")]
    prompt: Option<String>,
    /// A user message, rendered with the model's chat template.
    #[arg(long)]
    user: Option<String>,
    /// System prompt for --user.
    #[arg(long, requires = "user")]
    system: Option<String>,
    #[command(flatten)]
    sampling: SamplingArgs,
    /// Run the CPU reference instead of the GPU.
    #[arg(long)]
    cpu: bool,
    /// Experimental: persistent block kernels of this many workgroups for the decode steps
    /// (`EngineOptions::persistent_workgroups`: at most the GPU's multiprocessors; 0: off).
    #[arg(long, default_value_t = 0)]
    persistent: u32,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", one_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, leaving out causes whose text the line already holds
/// (library errors often quote their source in their own message).
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line.replace('\n', " ")
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Generate(args) => generate(args),
        Command::Chat {
            model,
            system,
            sampling,
        } => chat(&model.model, system, &sampling),
        Command::Tokenize { model, text } => {
            let model = open(&model.model)?;
            let ids = model.tokenizer().encode(&text)?;
            println!("{}", serde_json::to_string(&ids)?);
            Ok(())
        }
        Command::Inspect { model, program } => inspect(&model.model, program),
        Command::Bench(args) => bench::run(args),
        Command::Tune(args) => bench::tune(args),
    }
}

fn open(path: &std::path::Path) -> Result<Model> {
    if !path.exists() && path == std::path::Path::new(DEFAULT_MODEL) {
        bail!(
            "model file {} not found; run `cargo xtask fetch` to download it",
            path.display()
        );
    }
    // natter_model's errors name the file (and the tensor, key or offset) themselves.
    Ok(Model::open(path)?)
}

fn gpu_engine(model: &Model, options: EngineOptions) -> Result<Engine> {
    let t = Instant::now();
    let (adapter, device, queue) = pollster::block_on(create_device())?;
    // Kernel shapes `natter tune` found fastest on this GPU, if it has been run.
    let tuning = TuningCache::lookup(&adapter.get_info(), model.config()).unwrap_or(options.tuning);
    let engine = Engine::new(device, queue, model, EngineOptions { tuning, ..options })?;
    eprintln!(
        "[natter] {} — ready in {:.2}s",
        engine.adapter(),
        t.elapsed().as_secs_f32()
    );
    Ok(engine)
}

fn generate(args: GenerateArgs) -> Result<()> {
    let model = open(&args.model.model)?;
    let prompt = match (&args.prompt, &args.user) {
        (Some(p), _) => model.tokenizer().encode_with_special(p)?,
        (None, Some(u)) => {
            let mut messages = Vec::new();
            if let Some(s) = &args.system {
                messages.push(ChatMessage::system(s.clone()));
            }
            messages.push(ChatMessage::user(u.clone()));
            model.encode_chat(&messages, true)?
        }
        (None, None) => bail!("give --prompt or --user"),
    };
    if prompt.is_empty() {
        bail!("the prompt is empty");
    }
    let options = GenerateOptions {
        max_tokens: args.sampling.max_tokens,
        sampler: args.sampling.sampler(),
        stop_strings: args.sampling.stop.clone(),
        stop_tokens: None,
    };
    options.sampler.validate()?;
    let mut stdout = std::io::stdout().lock();
    if args.cpu {
        return generate_cpu(&model, &prompt, &options, &mut stdout);
    }
    let context = (prompt.len() + options.max_tokens).min(model.config().context_length) as u32;
    let mut engine = gpu_engine(
        &model,
        EngineOptions {
            context,
            persistent_workgroups: args.persistent,
            ..EngineOptions::default()
        },
    )?;
    let mut session = engine.session()?;
    let reply = engine.generate(&mut session, model.tokenizer(), &prompt, &options, |t| {
        let _ = stdout.write_all(t.as_bytes());
        let _ = stdout.flush();
        true
    })?;
    writeln!(stdout)?;
    let decode = reply.decode_time.as_secs_f64();
    eprintln!(
        "[natter] prompt {} tokens in {:.3}s, generated {} tokens in {:.3}s ({:.1} tok/s), stop: {:?}",
        reply.prefilled,
        reply.prefill_time.as_secs_f64(),
        reply.tokens.len(),
        decode,
        reply.tokens.len() as f64 / decode.max(1e-9),
        reply.reason
    );
    Ok(())
}

/// The same generation on the CPU reference (slow; for checking the GPU).
fn generate_cpu(
    model: &Model,
    prompt: &[u32],
    options: &GenerateOptions,
    out: &mut impl Write,
) -> Result<()> {
    let t = Instant::now();
    let mut reference = Reference::with_capacity(model, prompt.len() + options.max_tokens + 1)?;
    let mut sampler = Sampler::new(options.sampler.clone())?;
    let stops = model.tokenizer().stop_tokens().to_vec();
    let mut history = prompt.to_vec();
    let mut logits = reference.prefill(prompt)?;
    let mut tokens = Vec::new();
    let mut printed = 0;
    let mut reason = StopReason::Length;
    while tokens.len() < options.max_tokens {
        let next = sampler.sample(&logits, &history);
        if stops.contains(&next) {
            reason = StopReason::EndOfTurn;
            break;
        }
        tokens.push(next);
        history.push(next);
        let text = model.tokenizer().decode(&tokens)?;
        let safe = text.trim_end_matches('\u{FFFD}');
        if safe.len() > printed {
            out.write_all(&safe.as_bytes()[printed..])?;
            out.flush()?;
            printed = safe.len();
        }
        if tokens.len() < options.max_tokens {
            logits = reference.forward(next)?;
        }
    }
    writeln!(out)?;
    eprintln!(
        "[natter] CPU reference: {} tokens in {:.2}s, stop: {reason:?}",
        tokens.len(),
        t.elapsed().as_secs_f32()
    );
    Ok(())
}

fn chat(path: &std::path::Path, system: Option<String>, sampling: &SamplingArgs) -> Result<()> {
    let model = open(path)?;
    let mut messages = Vec::new();
    if let Some(s) = system {
        messages.push(ChatMessage::system(s));
    }
    let options = GenerateOptions {
        max_tokens: sampling.max_tokens,
        sampler: sampling.sampler(),
        stop_strings: sampling.stop.clone(),
        stop_tokens: None,
    };
    options.sampler.validate()?;
    let mut engine = gpu_engine(&model, EngineOptions::default())?;
    let mut session = engine.session()?;
    eprintln!("[natter] type a message and press Enter; an empty line or Ctrl-D quits");
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    loop {
        write!(stdout, "> ")?;
        stdout.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 || line.trim().is_empty() {
            return Ok(());
        }
        messages.push(ChatMessage::user(line.trim_end().to_string()));
        let mut prompt = model.encode_chat(&messages, true)?;
        let capacity = engine.program().options.context as usize;
        // Keep the system prompt and drop the oldest turns when the conversation outgrows the context.
        while prompt.len() + options.max_tokens > capacity && messages.len() > 2 {
            let first_turn = usize::from(messages[0].role == natter::model::Role::System);
            messages.remove(first_turn);
            prompt = model.encode_chat(&messages, true)?;
        }
        let reply = engine.generate(&mut session, model.tokenizer(), &prompt, &options, |t| {
            let _ = stdout.write_all(t.as_bytes());
            let _ = stdout.flush();
            true
        })?;
        writeln!(stdout)?;
        messages.push(ChatMessage::assistant(reply.text));
    }
}

fn inspect(path: &std::path::Path, show_program: bool) -> Result<()> {
    let model = open(path)?;
    let c = model.config();
    println!("model:        {}", model.path().display());
    println!("architecture: {:?}", c.architecture);
    println!("layers:       {}", c.n_layers);
    println!("hidden:       {}", c.hidden);
    println!(
        "heads:        {} query, {} key/value, {} wide",
        c.n_heads, c.n_kv_heads, c.head_dim
    );
    println!("ffn:          {}", c.ffn);
    println!("vocabulary:   {}", c.vocab);
    println!("context:      {}", c.context_length);
    println!(
        "rope:         base {}, {:?} pairs{}",
        c.rope_base,
        c.rope_style,
        if c.rope_freq_factors.is_some() {
            ", scaled"
        } else {
            ""
        }
    );
    println!("rms eps:      {}", c.rms_eps);
    println!(
        "embeddings:   {}",
        if c.tied_embeddings {
            "tied (LM head = token_embd)"
        } else {
            "separate LM head"
        }
    );
    let mut types = std::collections::BTreeMap::new();
    for t in model.all_tensors() {
        *types.entry(t.ty.to_string()).or_insert(0usize) += 1;
    }
    let types: Vec<String> = types.iter().map(|(t, n)| format!("{t} ×{n}")).collect();
    println!(
        "tensors:      {} ({})",
        model.all_tensors().len(),
        types.join(", ")
    );
    for t in model.all_tensors() {
        println!("  {:<28} {:<6} {:?}", t.name, t.ty.to_string(), t.shape);
    }
    println!("chat template:\n{}", model.chat_template().source());
    if show_program {
        let program = natter::compiler::compile(
            c,
            model.tensors(),
            natter::compiler::CompileOptions::default(),
        )?;
        println!(
            "\nfused graph ({} nodes):\n{}",
            program.graph.nodes.len(),
            program.graph
        );
        println!("kernels ({}):", program.kernels.len());
        for k in &program.kernels {
            println!("  {}", k.label);
        }
        println!("activation buffers ({}):", program.plan.buffers.len());
        for b in &program.plan.buffers {
            println!(
                "  {:<12} {} floats × {:?} columns",
                b.label, b.floats, b.columns
            );
        }
    }
    Ok(())
}
