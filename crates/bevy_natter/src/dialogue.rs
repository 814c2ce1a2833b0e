//! What a game touches: NPC components, the messages that carry speech, the events that end a
//! reply.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::persona::Persona;

/// An NPC that can talk. Give it a [`PersonaHandle`]; natter adds its [`Conversation`].
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn spawn_smith(mut commands: Commands, assets: Res<AssetServer>) {
///     commands.spawn((Npc, PersonaHandle(assets.load("personas/blacksmith.persona.ron")), Transform::default()));
/// }
/// ```
#[derive(Component, Reflect, Clone, Copy, Debug, Default)]
#[reflect(Component)]
#[require(Conversation)]
pub struct Npc;

/// The persona an NPC speaks as.
#[derive(Component, Reflect, Clone, Debug, Default, Deref)]
#[reflect(Component)]
pub struct PersonaHandle(pub Handle<Persona>);

/// Marks the NPC the player is talking to: its replies go ahead of the others'.
#[derive(Component, Reflect, Clone, Copy, Debug, Default)]
#[reflect(Component)]
pub struct PlayerFocus;

/// Who said a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub enum Speaker {
    /// The player.
    Player,
    /// The NPC whose conversation this is.
    Me,
    /// Someone else, by name (another NPC, a narrator…).
    Named(String),
}

/// One line of a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub struct Turn {
    pub speaker: Speaker,
    pub text: String,
}

/// An NPC's conversation so far, oldest first. Serde-serialisable, so a game can save it and
/// put it back on the NPC later; the next reply continues from it.
///
/// ```
/// # use bevy_natter::prelude::*;
/// let mut c = Conversation::default();
/// c.push(Speaker::Player, "Nice sword.");
/// c.push(Speaker::Me, "Forged it myself.");
/// let saved = ron::to_string(&c).unwrap();
/// let loaded: Conversation = ron::from_str(&saved).unwrap();
/// assert_eq!(loaded, c);
/// ```
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct Conversation {
    pub turns: Vec<Turn>,
}

impl Conversation {
    pub fn push(&mut self, speaker: Speaker, text: impl Into<String>) {
        self.turns.push(Turn {
            speaker,
            text: text.into(),
        });
    }
}

/// Someone says `text` to the NPC `to`; the NPC replies. Player text is always plain text:
/// it never becomes control tokens and cannot replace the NPC's persona.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn greet(mut say: MessageWriter<Say>, npc: Single<Entity, With<PlayerFocus>>) {
///     say.write(Say::from_player(*npc, "Good morning!"));
/// }
/// ```
#[derive(Message, Clone, Debug)]
pub struct Say {
    pub to: Entity,
    pub from: Speaker,
    pub text: String,
}

impl Say {
    /// The player says `text` to `npc`.
    pub fn from_player(npc: Entity, text: impl Into<String>) -> Self {
        Say {
            to: npc,
            from: Speaker::Player,
            text: text.into(),
        }
    }

    /// Someone named `name` (another NPC) says `text` to `npc`.
    pub fn from_named(npc: Entity, name: impl Into<String>, text: impl Into<String>) -> Self {
        Say {
            to: npc,
            from: Speaker::Named(name.into()),
            text: text.into(),
        }
    }
}

/// The next piece of an NPC's reply, as it streams in. The deltas of one reply concatenate to
/// the text of its [`ReplyFinished`].
#[derive(Message, Clone, Debug)]
pub struct NpcSpeech {
    pub npc: Entity,
    pub delta: String,
}

/// Stop the NPC's reply now (it finishes with [`FinishReason::Cancelled`]).
#[derive(Message, Clone, Copy, Debug)]
pub struct CancelReply {
    pub npc: Entity,
}

/// Why a reply ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Reflect)]
pub enum FinishReason {
    /// The model ended its turn.
    EndOfTurn,
    /// The persona's reply length was reached.
    Length,
    /// One of the persona's stop strings appeared (not included in the text).
    StopString,
    /// A [`CancelReply`] arrived.
    Cancelled,
}

/// Present on an NPC while it is replying: `Thinking` while its prompt is read, `Speaking` once
/// the first words have streamed out. Removed when the reply finishes, is cancelled or fails.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn thinking_dots(npcs: Query<(&Name, &Replying)>) {
///     for (name, replying) in &npcs {
///         if *replying == Replying::Thinking {
///             info!("{name} is thinking…");
///         }
///     }
/// }
/// # App::new().add_systems(Update, thinking_dots);
/// ```
#[derive(Component, Reflect, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replying {
    /// The prompt is being read; no words yet.
    Thinking,
    /// Words are streaming out as [`NpcSpeech`].
    Speaking,
}

/// An NPC finished a reply; observe it with `On<ReplyFinished>`. The reply is also appended to
/// the NPC's [`Conversation`]. It arrives the frame after the reply's last [`NpcSpeech`], so a
/// reader of the stream has seen all of it.
#[derive(EntityEvent, Clone, Debug)]
pub struct ReplyFinished {
    pub entity: Entity,
    pub text: String,
    pub reason: FinishReason,
}

/// An NPC could not reply (the model failed to load, the persona is broken, the GPU failed…).
/// The conversation is left as it was before the reply.
#[derive(EntityEvent, Clone, Debug)]
pub struct ReplyFailed {
    pub entity: Entity,
    pub error: String,
}
