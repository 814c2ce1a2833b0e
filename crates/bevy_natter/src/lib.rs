//! NPC dialogue for Bevy games, from a small language model on the game's own GPU.
//!
//! natter shares Bevy's render device: the transformer runs as compute kernels beside the
//! game's rendering, within a per-frame GPU budget, and replies stream into ECS messages.
//!
//! ```no_run
//! use bevy::prelude::*;
//! use bevy_natter::prelude::*;
//!
//! App::new()
//!     .add_plugins((DefaultPlugins, NatterPlugin::default())) // model: assets/models/…gguf
//!     .insert_resource(FrameBudget::from_millis(2.0))
//!     .add_systems(Startup, |mut commands: Commands, assets: Res<AssetServer>| {
//!         commands.spawn((Npc, PersonaHandle(assets.load("personas/blacksmith.persona.ron")), PlayerFocus));
//!     })
//!     .add_systems(Update, |mut speech: MessageReader<NpcSpeech>| speech.read().for_each(|s| print!("{}", s.delta)))
//!     .add_observer(|done: On<ReplyFinished>| println!("\n[{:?}]", done.reason))
//!     .run();
//! ```
//!
//! Send [`Say`] to an NPC; read its reply as [`NpcSpeech`]
//! deltas; observe [`ReplyFinished`] (or `ReplyFailed`). Each NPC's
//! [`Conversation`] holds the history and can be saved and restored.
//! [`NatterStatus`] says when the model is ready, and
//! [`GenerationStats`] what generation costs per frame.
//!
//! **Where the work runs.** The scheduler runs in the main world's `Update`
//! ([`NatterSystems`]): dialogue state is ECS data there, and wgpu's queue
//! accepts submissions from any thread, so nothing is extracted to the render world. It never
//! waits on the GPU: results come back through buffers it maps asynchronously and checks once
//! a frame.

mod budget;
mod dialogue;
mod model_asset;
mod persona;
mod plugin;
mod prompt;
mod scheduler;

pub use budget::{FrameBudget, GenerationStats, diagnostics};
pub use dialogue::{
    CancelReply, Conversation, FinishReason, Npc, NpcSpeech, PersonaHandle, PlayerFocus,
    ReplyFailed, ReplyFinished, Replying, Say, Speaker, Turn,
};
pub use model_asset::{GgufLoader, HfManifest, HfManifestLoader, ModelAssetError, NatterModel};
pub use persona::{Persona, PersonaError, PersonaLoader, Sampling};
pub use plugin::{AutoTune, NatterPlugin, NatterSystems, wgpu_settings};
pub use prompt::{PromptError, encode as encode_prompt, messages as prompt_messages};
pub use scheduler::NatterStatus;

/// Everything a game needs, in one `use`. The rest (the asset loaders, the error types,
/// [`Turn`], [`Sampling`], the prompt functions and [`diagnostics`]) stays at the crate root.
///
/// ```
/// use bevy::prelude::*;
/// use bevy_natter::prelude::*;
///
/// fn greet(mut say: MessageWriter<Say>, npc: Single<Entity, (With<Npc>, With<PlayerFocus>)>) {
///     say.write(Say::from_player(*npc, "Hello!"));
/// }
/// # App::new().add_systems(Update, greet.before(NatterSystems::Receive));
/// ```
pub mod prelude {
    pub use crate::{
        AutoTune, CancelReply, Conversation, FinishReason, FrameBudget, GenerationStats,
        NatterPlugin, NatterStatus, NatterSystems, Npc, NpcSpeech, Persona, PersonaHandle,
        PlayerFocus, ReplyFailed, ReplyFinished, Replying, Say, Speaker,
    };
}
