//! `NatterPlugin`: registers natter's assets, messages and systems, and builds the engine on
//! Bevy's own render device.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use bevy::diagnostic::{Diagnostic, RegisterDiagnostic};
use bevy::prelude::*;
use bevy::render::renderer::{RenderDevice, RenderQueue};
use bevy::render::settings::{WgpuSettings, WgpuSettingsPriority};
use bevy::tasks::{AsyncComputeTaskPool, futures::check_ready};
use natter_runtime::tune::TuneOptions;
use natter_runtime::{Engine, EngineOptions, TuningCache};

use crate::budget::{FrameBudget, GenerationStats, diagnostics};
use crate::dialogue::{
    CancelReply, Conversation, Npc, NpcSpeech, PersonaHandle, PlayerFocus, Replying, Say,
};
use crate::model_asset::{GgufLoader, HfManifestLoader, NatterModel};
use crate::persona::{Persona, PersonaLoader};
use crate::scheduler::{
    Dialogue, EarlyReplies, EngineTask, NatterStatus, drive, forget_removed, receive,
};

/// Adds NPC dialogue to an app with Bevy's renderer.
///
/// The fields are the plugin's settings. The engine is built on the render device Bevy already
/// created (taken in [`Plugin::finish`], once the renderer exists): one device, one queue.
///
/// ```no_run
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// // A bigger model; four NPCs' conversations kept on the GPU.
/// let natter = NatterPlugin {
///     model: "models/SmolLM2-360M-Instruct.Q4_1.gguf".into(),
///     conversations: 4,
///     ..default()
/// };
/// App::new().add_plugins((DefaultPlugins, natter)).run();
/// ```
#[derive(Clone, Debug)]
pub struct NatterPlugin {
    /// The model, as an asset path: a `.gguf` file or a `.hfmodel.ron` manifest.
    pub model: String,
    /// KV-cache positions per conversation: persona, conversation and reply must fit.
    pub context: u32,
    /// Conversations kept on the GPU at once; more NPCs than this share slots (the least
    /// recently used conversation is recomputed when its NPC speaks again).
    pub conversations: u32,
    /// Tokens one step runs at most: prompt chunks plus one token per replying NPC.
    pub step_tokens: u32,
    /// Whether to prefill NPCs' personas while no reply needs the GPU (within the frame budget,
    /// into free conversation slots only), so that an NPC's first reply runs only the new line.
    pub warm_up: bool,
    /// Whether to measure the fastest kernel shapes on the player's GPU the first time the game
    /// runs there with this model ([`AutoTune::FirstRun`] by default).
    pub auto_tune: AutoTune,
    /// Whether steps in which several NPCs reply at once quantise the inputs of their matrix
    /// products to 8 bits, as llama.cpp's GPU backends do for every step
    /// (`EngineOptions::quantise_batches`): on a 1.7B model such steps take 0.7-0.8× the GPU
    /// time, and their logits differ from f32's by about 2 %. One NPC replying and personas
    /// always run in f32. Default true.
    pub quantise_batches: bool,
}

/// Whether natter measures kernel shapes on the player's GPU (the autotuner of
/// `natter_runtime::tune`) when the tuning cache has none for it and the model. The cache is
/// `natter tune`'s (`~/.cache/natter/tuning.txt`, or `$NATTER_TUNING_CACHE`): later runs, and
/// the `natter` CLI, use what a run measured. While it measures, [`NatterStatus`] is
/// `Tuning`; NPCs talk once the engine is built after it.
///
/// ```no_run
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// // Shapes from the cache or the defaults; never measure.
/// let natter = NatterPlugin { auto_tune: AutoTune::Off, ..default() };
/// # App::new().add_plugins((DefaultPlugins, natter)).run();
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AutoTune {
    /// Never: the cached shapes where there are some, else the defaults.
    Off,
    /// The quick tuning (nine workgroup shapes; on a fresh H100 machine 24 s for SmolLM2-135M
    /// and 63 s for the 1.7B shapes, picking the shapes the full `natter tune` picks for one
    /// conversation;
    /// batch widths and the attention span keep their defaults), on hardware GPUs only: a
    /// software renderer such as lavapipe gains nothing from it. The default.
    FirstRun,
    /// Tune with these options when the cache has nothing for this GPU and model, on any
    /// adapter, software ones too.
    With(TuneOptions),
}

impl Default for NatterPlugin {
    fn default() -> Self {
        NatterPlugin {
            model: "models/SmolLM2-135M-Instruct.Q4_1.gguf".into(),
            context: 1024,
            conversations: 8,
            step_tokens: 32,
            warm_up: true,
            auto_tune: AutoTune::FirstRun,
            quantise_batches: true,
        }
    }
}

/// natter's systems, all in `Update`, in this order. Order your own systems around them: write
/// [`Say`] before [`NatterSystems::Receive`], read [`NpcSpeech`] after [`NatterSystems::Generate`].
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn ask(mut say: MessageWriter<Say>, npc: Single<Entity, With<PlayerFocus>>) {
///     say.write(Say::from_player(*npc, "Any work for me?"));
/// }
/// fn show(mut speech: MessageReader<NpcSpeech>) {
///     speech.read().for_each(|s| print!("{}", s.delta));
/// }
/// App::new().add_systems(
///     Update,
///     (ask.before(NatterSystems::Receive), show.after(NatterSystems::Generate)),
/// );
/// ```
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NatterSystems {
    /// Loads the model and builds the engine in the background (`Update`).
    Load,
    /// Takes `Say` and `CancelReply` messages into conversations and the reply queue (`Update`).
    Receive,
    /// Collects finished work, streams `NpcSpeech`, and submits new work within the
    /// [`FrameBudget`] (`Update`).
    Generate,
}

/// The model asset natter loads.
#[derive(Resource)]
struct ModelHandle(Handle<NatterModel>);

/// Bevy's device and queue, taken in `finish`.
#[derive(Resource, Clone)]
struct SharedGpu {
    device: wgpu::Device,
    queue: wgpu::Queue,
}

/// The engine's sizing and the scheduler's settings, from the plugin's.
#[derive(Resource, Clone, Copy)]
struct Sizing {
    options: EngineOptions,
    warm_up: bool,
    auto_tune: AutoTune,
}

impl Plugin for NatterPlugin {
    fn build(&self, app: &mut App) {
        app.init_asset::<Persona>()
            .init_asset::<NatterModel>()
            .register_asset_loader(PersonaLoader)
            .register_asset_loader(GgufLoader)
            .register_asset_loader(HfManifestLoader)
            .add_message::<Say>()
            .add_message::<NpcSpeech>()
            .add_message::<CancelReply>()
            .init_resource::<FrameBudget>()
            .init_resource::<GenerationStats>()
            .init_resource::<NatterStatus>()
            .init_resource::<EarlyReplies>()
            .insert_resource(Sizing {
                options: EngineOptions {
                    context: self.context,
                    slots: self.conversations,
                    max_step_tokens: self.step_tokens.max(self.conversations),
                    max_batch: self.conversations,
                    subgroups: true,
                    tuning: Default::default(),
                    quantise_batches: self.quantise_batches,
                    // Experimental, and only for one NPC decoding alone: a game's frames
                    // interleave NPCs, and its GPU runs other work beside natter's.
                    persistent_workgroups: 0,
                },
                warm_up: self.warm_up,
                auto_tune: self.auto_tune,
            })
            .register_type::<Npc>()
            .register_type::<PersonaHandle>()
            .register_type::<PlayerFocus>()
            .register_type::<Conversation>()
            .register_type::<FrameBudget>()
            .register_type::<GenerationStats>()
            .register_type::<NatterStatus>()
            .register_type::<Replying>()
            .register_diagnostic(Diagnostic::new(diagnostics::GPU_MS).with_suffix("ms"))
            .register_diagnostic(
                Diagnostic::new(diagnostics::TOKENS_PER_SECOND).with_suffix("tok/s"),
            )
            .register_diagnostic(Diagnostic::new(diagnostics::QUEUE))
            .configure_sets(
                Update,
                (
                    NatterSystems::Load,
                    NatterSystems::Receive,
                    NatterSystems::Generate,
                )
                    .chain(),
            )
            .add_systems(
                Update,
                (start_engine, finish_engine)
                    .chain()
                    .in_set(NatterSystems::Load),
            )
            .add_systems(
                Update,
                (forget_removed, receive)
                    .chain()
                    .in_set(NatterSystems::Receive),
            )
            .add_systems(Update, drive.in_set(NatterSystems::Generate));
    }

    fn finish(&self, app: &mut App) {
        let world = app.world_mut();
        let gpu = match (
            world.get_resource::<RenderDevice>(),
            world.get_resource::<RenderQueue>(),
        ) {
            (Some(device), Some(queue)) => SharedGpu {
                device: device.wgpu_device().clone(),
                queue: (**queue.0).clone(),
            },
            _ => {
                let why = "no render device: natter needs Bevy's RenderPlugin (DefaultPlugins with bevy_render)";
                error!("natter: {why}");
                world.insert_resource(NatterStatus::Failed(why.into()));
                return;
            }
        };
        world.insert_resource(gpu);
        let handle = world
            .resource::<AssetServer>()
            .load::<NatterModel>(self.model.clone());
        world.insert_resource(ModelHandle(handle));
        world.insert_resource(NatterStatus::LoadingModel);
    }
}

/// The WGPU settings for a game that wants natter at full speed: Bevy's default already asks
/// the adapter for every feature and its best limits ([`WgpuSettingsPriority::Functionality`]);
/// this keeps that, and says so explicitly for games that change other settings.
///
/// Without `SUBGROUP` the kernels reduce through workgroup memory (correct, slower); without
/// `TIMESTAMP_QUERY` the budget is kept with an estimate of GPU time from wall-clock time;
/// without large storage bindings, models whose tensors exceed them fail to load with an error
/// naming the tensor.
///
/// ```no_run
/// # use bevy::prelude::*;
/// # use bevy::render::{RenderPlugin, settings::RenderCreation};
/// App::new().add_plugins(DefaultPlugins.set(RenderPlugin {
///     render_creation: RenderCreation::Automatic(Box::new(bevy_natter::wgpu_settings())),
///     ..default()
/// }));
/// ```
pub fn wgpu_settings() -> WgpuSettings {
    WgpuSettings {
        priority: WgpuSettingsPriority::Functionality,
        ..default()
    }
}

/// Starts building the engine once the model is loaded.
#[allow(clippy::too_many_arguments)] // A Bevy system: each argument is a resource it reads.
fn start_engine(
    mut commands: Commands,
    gpu: Option<Res<SharedGpu>>,
    sizing: Res<Sizing>,
    handle: Option<Res<ModelHandle>>,
    models: Res<Assets<NatterModel>>,
    server: Res<AssetServer>,
    task: Option<Res<EngineTask>>,
    dialogue: Option<Res<Dialogue>>,
    mut status: ResMut<NatterStatus>,
) {
    if task.is_some() || dialogue.is_some() || matches!(*status, NatterStatus::Failed(_)) {
        return;
    }
    let (Some(gpu), Some(handle)) = (gpu, handle) else {
        return;
    };
    let Some(model) = models.get(&handle.0) else {
        if let Some(bevy::asset::LoadState::Failed(e)) = server.get_load_state(&handle.0) {
            let why = format!("the model failed to load: {e}");
            error!("natter: {why}");
            *status = NatterStatus::Failed(why);
        }
        return;
    };
    let model: Arc<natter_model::Model> = model.0.clone();
    let gpu = gpu.clone();
    let mut options = sizing.options;
    // Kernel shapes measured on this GPU and model (by `natter tune` or a first run), if any.
    let adapter = gpu.device.adapter_info();
    let cached = TuningCache::lookup(&adapter, model.config());
    if let Some(t) = cached {
        options.tuning = t;
    }
    let tune = match sizing.auto_tune {
        _ if cached.is_some() => None,
        AutoTune::Off => None,
        AutoTune::FirstRun if adapter.device_type == wgpu::DeviceType::Cpu => None,
        AutoTune::FirstRun => Some(TuneOptions::quick()),
        AutoTune::With(t) => Some(t),
    };
    *status = match tune {
        Some(_) => NatterStatus::Tuning { progress: 0.0 },
        None => NatterStatus::Compiling { progress: 0.0 },
    };
    // One value for both stages, so that the status never reads one stage's progress with
    // the other's name: below 1 the tuning's, from 1 on the build's (see `EngineTask`).
    let start = if tune.is_some() { 0.0f32 } else { 1.0 };
    let progress = Arc::new(AtomicU32::new(start.to_bits()));
    let report = progress.clone();
    let task = AsyncComputeTaskPool::get().spawn(async move {
        // With a tuning first, the build takes the second half of `Compiling`'s progress.
        let mut done_before = 0.0;
        if let Some(tune) = tune {
            info!(
                "natter: measuring kernel shapes on {} (first run)",
                adapter.name
            );
            let measured =
                natter_runtime::tune::tune(&gpu.device, &gpu.queue, &model, &tune, |_, done| {
                    report.store(done.min(0.999).to_bits(), Ordering::Relaxed)
                });
            match measured {
                Ok(r) => {
                    info!("natter: fastest kernel shapes here: {:?}", r.tuning);
                    options.tuning = r.tuning;
                    save_tuning(&adapter, model.config(), r.tuning);
                }
                // The shapes only change speed: carry on with the defaults.
                Err(e) => warn!("natter: tuning failed ({e}); default kernel shapes"),
            }
            done_before = 0.5f32;
            report.store((1.0 + done_before).to_bits(), Ordering::Relaxed);
        }
        let engine = Engine::with_progress(gpu.device, gpu.queue, &model, options, |done| {
            let done = done_before + (1.0 - done_before) * done;
            report.store((1.0 + done).to_bits(), Ordering::Relaxed);
        })?;
        Ok((engine, model))
    });
    commands.insert_resource(EngineTask { task, progress });
}

/// Keeps a first run's tuning in the tuning cache, so that later runs skip it.
fn save_tuning(
    adapter: &wgpu::AdapterInfo,
    config: &natter_model::ModelConfig,
    tuning: natter_runtime::Tuning,
) {
    let Some(path) = TuningCache::default_path() else {
        warn!(
            "natter: no cache directory (set NATTER_TUNING_CACHE): the tuning serves this run only"
        );
        return;
    };
    let mut cache = TuningCache::load(&path);
    cache.insert(TuningCache::key(adapter, config), tuning);
    match cache.save(&path) {
        Ok(()) => info!("natter: kernel shapes saved to {}", path.display()),
        Err(e) => warn!(
            "natter: could not save the tuning to {}: {e}",
            path.display()
        ),
    }
}

/// Installs the engine when its task is done.
fn finish_engine(
    mut commands: Commands,
    task: Option<ResMut<EngineTask>>,
    sizing: Res<Sizing>,
    mut status: ResMut<NatterStatus>,
) {
    let Some(mut task) = task else { return };
    let Some(result) = check_ready(&mut task.task) else {
        let progress = f32::from_bits(task.progress.load(Ordering::Relaxed));
        status.set_if_neq(match progress < 1.0 {
            true => NatterStatus::Tuning { progress },
            false => NatterStatus::Compiling {
                progress: progress - 1.0,
            },
        });
        return;
    };
    commands.remove_resource::<EngineTask>();
    match result {
        Ok((engine, model)) => {
            info!(
                "natter: ready on {}; {} MiB of GPU memory",
                engine.adapter(),
                engine.memory().total() >> 20
            );
            commands.insert_resource(Dialogue::new(engine, model, sizing.warm_up));
            *status = NatterStatus::Ready;
        }
        Err(e) => {
            error!("natter: could not build the engine: {e}");
            *status = NatterStatus::Failed(e.to_string());
        }
    }
}
