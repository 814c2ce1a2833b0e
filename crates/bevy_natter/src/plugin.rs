//! `NatterPlugin`: registers natter's assets, messages and systems, and builds the engine on
//! Bevy's own render device.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use bevy::diagnostic::{Diagnostic, RegisterDiagnostic};
use bevy::prelude::*;
use bevy::render::renderer::{RenderDevice, RenderQueue};
use bevy::render::settings::{WgpuSettings, WgpuSettingsPriority};
use bevy::tasks::{AsyncComputeTaskPool, futures::check_ready};
use natter_runtime::{Engine, EngineOptions};

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
}

impl Default for NatterPlugin {
    fn default() -> Self {
        NatterPlugin {
            model: "models/SmolLM2-135M-Instruct.Q4_1.gguf".into(),
            context: 1024,
            conversations: 8,
            step_tokens: 32,
            warm_up: true,
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
                },
                warm_up: self.warm_up,
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
    // Kernel shapes `natter tune` found fastest on this GPU and model, if it has been run.
    if let Some(t) = natter_runtime::TuningCache::lookup(&gpu.device.adapter_info(), model.config())
    {
        options.tuning = t;
    }
    *status = NatterStatus::Compiling { progress: 0.0 };
    let progress = Arc::new(AtomicU32::new(0));
    let report = progress.clone();
    let task = AsyncComputeTaskPool::get().spawn(async move {
        let engine = Engine::with_progress(gpu.device, gpu.queue, &model, options, |done| {
            report.store(done.to_bits(), Ordering::Relaxed);
        })?;
        Ok((engine, model))
    });
    commands.insert_resource(EngineTask { task, progress });
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
        status.set_if_neq(NatterStatus::Compiling { progress });
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
