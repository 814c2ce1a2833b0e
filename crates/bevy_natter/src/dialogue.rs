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

/// The persona an NPC speaks as: usually a `.persona.ron` asset, or one built in code.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn spawn_guard(mut commands: Commands, mut personas: ResMut<Assets<Persona>>) {
///     let guard = Persona::from_ron(r#"(name: "Brom", identity: "You guard the gate.")"#);
///     commands.spawn((Npc, PersonaHandle(personas.add(guard.unwrap()))));
/// }
/// # App::new().add_systems(Startup, spawn_guard);
/// ```
#[derive(Component, Reflect, Clone, Debug, Default, Deref)]
#[reflect(Component)]
pub struct PersonaHandle(pub Handle<Persona>);

/// Marks the NPC the player is talking to: its replies go ahead of the others'.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// // The player turns to `npc`: it gets the focus, whoever had it loses it.
/// fn focus_on(npc: Entity, focused: Query<Entity, With<PlayerFocus>>, mut commands: Commands) {
///     for old in &focused {
///         commands.entity(old).remove::<PlayerFocus>();
///     }
///     commands.entity(npc).insert(PlayerFocus);
/// }
/// ```
#[derive(Component, Reflect, Clone, Copy, Debug, Default)]
#[reflect(Component)]
pub struct PlayerFocus;

/// Who said a line.
///
/// ```
/// # use bevy_natter::prelude::*;
/// let mut c = Conversation::default();
/// c.push(Speaker::Player, "Who runs this town?");
/// c.push(Speaker::Named("Brom".into()), "Don't tell the stranger, Hilda.");
/// c.push(Speaker::Me, "The mayor, traveller. Mostly.");
/// assert_eq!(c.turns[1].speaker, Speaker::Named("Brom".into()));
/// ```
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
///
/// ```
/// # use bevy_natter::prelude::*;
/// use bevy_natter::Turn;
///
/// let mut c = Conversation::default();
/// c.push(Speaker::Me, "Mind the sparks.");
/// let last: &Turn = c.turns.last().unwrap();
/// assert_eq!((&last.speaker, last.text.as_str()), (&Speaker::Me, "Mind the sparks."));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub struct Turn {
    /// Who said it.
    pub speaker: Speaker,
    /// What was said.
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
    /// The lines, oldest first.
    pub turns: Vec<Turn>,
}

impl Conversation {
    /// Appends a line said by `speaker`. Lines added this way are not replied to; send a [`Say`]
    /// for that.
    ///
    /// ```
    /// # use bevy::prelude::*;
    /// # use bevy_natter::prelude::*;
    /// // Tell the NPC what happened before the player came in.
    /// fn backstory(mut talk: Single<&mut Conversation, With<PlayerFocus>>) {
    ///     talk.push(Speaker::Named("Brom".into()), "A stranger came through the gate at dawn.");
    /// }
    /// # App::new().add_systems(Update, backstory);
    /// ```
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
    /// The NPC spoken to.
    pub to: Entity,
    /// Who speaks.
    pub from: Speaker,
    /// What is said.
    pub text: String,
}

impl Say {
    /// The player says `text` to `npc`.
    ///
    /// ```
    /// # use bevy::prelude::*;
    /// # use bevy_natter::prelude::*;
    /// # let npc = Entity::PLACEHOLDER;
    /// let say = Say::from_player(npc, "How much for the sword?");
    /// assert_eq!(say.from, Speaker::Player);
    /// ```
    pub fn from_player(npc: Entity, text: impl Into<String>) -> Self {
        Say {
            to: npc,
            from: Speaker::Player,
            text: text.into(),
        }
    }

    /// Someone named `name` (another NPC) says `text` to `npc`.
    ///
    /// ```
    /// # use bevy::prelude::*;
    /// # use bevy_natter::prelude::*;
    /// // The guard asks the smith; the smith replies.
    /// fn gossip(mut say: MessageWriter<Say>, smith: Single<Entity, With<PlayerFocus>>) {
    ///     say.write(Say::from_named(*smith, "Brom", "Seen any strangers today?"));
    /// }
    /// # App::new().add_systems(Update, gossip);
    /// ```
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
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// // Subtitles of the NPC the player is talking to, as the words come.
/// fn subtitles(
///     mut speech: MessageReader<NpcSpeech>,
///     focus: Single<Entity, With<PlayerFocus>>,
///     mut line: Local<String>,
/// ) {
///     for s in speech.read().filter(|s| s.npc == *focus) {
///         line.push_str(&s.delta);
///     }
/// }
/// # App::new().add_systems(Update, subtitles);
/// ```
#[derive(Message, Clone, Debug)]
pub struct NpcSpeech {
    /// The NPC speaking.
    pub npc: Entity,
    /// The text that follows what it has said so far.
    pub delta: String,
}

/// Stop the NPC's reply now (it finishes with [`FinishReason::Cancelled`]).
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// // The player walks away mid-reply.
/// fn walk_away(
///     mut cancel: MessageWriter<CancelReply>,
///     npc: Single<Entity, With<PlayerFocus>>,
///     mut commands: Commands,
/// ) {
///     cancel.write(CancelReply { npc: *npc });
///     commands.entity(*npc).remove::<PlayerFocus>();
/// }
/// # App::new().add_systems(Update, walk_away);
/// ```
#[derive(Message, Clone, Copy, Debug)]
pub struct CancelReply {
    /// The NPC to stop.
    pub npc: Entity,
}

/// Why a reply ended.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn cut_off(done: On<ReplyFinished>) {
///     if done.reason == FinishReason::Length {
///         warn!("{} was cut off: raise the persona's max_reply_tokens", done.entity);
///     }
/// }
/// # App::new().add_observer(cut_off);
/// ```
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
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn quest_log(done: On<ReplyFinished>, names: Query<&Name>) {
///     let name = names.get(done.entity).map_or("Someone", Name::as_str);
///     info!("{name} said: {}", done.text);
/// }
/// # App::new().add_observer(quest_log);
/// ```
#[derive(EntityEvent, Clone, Debug)]
pub struct ReplyFinished {
    /// The NPC that replied.
    pub entity: Entity,
    /// The whole reply.
    pub text: String,
    /// Why it ended.
    pub reason: FinishReason,
}

/// An NPC could not reply (the model failed to load, the persona is broken, the GPU failed…).
/// The conversation is left as it was before the reply.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn cannot_reply(failed: On<ReplyFailed>) {
///     warn!("{} cannot reply: {}", failed.entity, failed.error);
/// }
/// # App::new().add_observer(cannot_reply);
/// ```
#[derive(EntityEvent, Clone, Debug)]
pub struct ReplyFailed {
    /// The NPC that could not reply.
    pub entity: Entity,
    /// Why.
    pub error: String,
}
