//! Small talk: every 20 to 40 seconds two idle villagers strike up a conversation. One opens
//! with a stock line; the other answers through the model, and the first answers back. Several
//! chats and the player's own conversation share the frame budget at once.

use bevy::prelude::*;
use bevy_natter::prelude::*;

use super::{Speech, Villager, name_of};
use crate::rng::Rng;
use crate::talk::Talk;

pub struct ChatterPlugin;

impl Plugin for ChatterPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Chatter>()
            .add_systems(Update, start_chat.before(NatterSystems::Receive))
            .add_observer(continue_chat)
            .add_observer(drop_failed_chat);
    }
}

/// Lines that open a chat with anyone in the village.
const OPENERS: &[&str] = &[
    "Good day! Busy as ever?",
    "Did you hear the wolves on the ridge last night?",
    "What do you make of that stranger walking about?",
    "The river's running high this week, isn't it?",
    "Any news from the road?",
    "How is business treating you?",
    "Smells like rain. Will it hold off, do you think?",
    "Have you seen the merchant's cart? Full of silk, they say.",
];

/// How many replies a chat runs to after its opener.
const REPLIES_PER_CHAT: u32 = 2;

/// The chats going on, and when the next one starts.
#[derive(Resource)]
pub struct Chatter {
    /// Scripts turn chatter off so a smoke run's only reply is the one it waits for.
    pub enabled: bool,
    /// When the next chat starts (seconds of `Time<Real>`); set once natter is ready.
    next_at: Option<f32>,
    chats: Vec<Chat>,
    rng: Rng,
    /// Replies villagers have finished to each other so far.
    pub replies: u64,
}

impl Default for Chatter {
    fn default() -> Self {
        Chatter {
            enabled: true,
            next_at: None,
            chats: Vec::new(),
            rng: Rng::new(99),
            replies: 0,
        }
    }
}

/// Two villagers talking; `replying` is the one whose reply is on its way.
struct Chat {
    replying: Entity,
    other: Entity,
    replies_left: u32,
}

impl Chatter {
    /// No small talk until a script turns it on.
    pub fn off() -> Self {
        Chatter {
            enabled: false,
            ..default()
        }
    }

    /// The villager that `npc` is chatting with, if any.
    pub fn partner_of(&self, npc: Entity) -> Option<Entity> {
        self.chats.iter().find_map(|c| match npc {
            n if n == c.replying => Some(c.other),
            n if n == c.other => Some(c.replying),
            _ => None,
        })
    }
}

/// Starts a chat between two idle villagers when one is due.
fn start_chat(
    mut chatter: ResMut<Chatter>,
    status: Res<NatterStatus>,
    talk: Res<Talk>,
    time: Res<Time<Real>>,
    mut npcs: Query<(
        Entity,
        &Villager,
        Option<&PersonaHandle>,
        &mut Speech,
        &mut Conversation,
    )>,
    personas: Res<Assets<Persona>>,
    mut say: MessageWriter<Say>,
) {
    if !chatter.enabled || *status != NatterStatus::Ready {
        return;
    }
    let now = time.elapsed_secs();
    // The first chat comes soon after the model is ready, so there is life at once.
    let next = *chatter.next_at.get_or_insert(now + 6.0);
    if now < next {
        return;
    }
    let wait = chatter.rng.range(20.0, 40.0);
    chatter.next_at = Some(now + wait);

    let mut idle: Vec<Entity> = npcs
        .iter()
        .filter(|(e, _, _, speech, _)| {
            talk.with != Some(*e) && !speech.streaming && chatter.partner_of(*e).is_none()
        })
        .map(|(e, ..)| e)
        .collect();
    if idle.len() < 2 {
        return;
    }
    let a = idle.swap_remove(chatter.rng.index(idle.len()));
    let b = idle.swap_remove(chatter.rng.index(idle.len()));
    let opener = OPENERS[chatter.rng.index(OPENERS.len())];
    let Ok((_, villager, persona, mut speech, mut conversation)) = npcs.get_mut(a) else {
        return;
    };
    let name = name_of(villager, persona, &personas).to_string();
    speech.say(opener, now);
    // The opener is the first villager's line too: when they answer back, the model knows
    // what they asked.
    conversation.push(Speaker::Me, opener);
    if let Ok((.., mut speech, _)) = npcs.get_mut(b) {
        speech.expect_reply(now);
    }
    say.write(Say::from_named(b, name, opener));
    chatter.chats.push(Chat {
        replying: b,
        other: a,
        replies_left: REPLIES_PER_CHAT - 1,
    });
}

/// When a villager in a chat finishes its reply, the other answers it, until the chat has run
/// its course or the player has taken one of them aside.
fn continue_chat(
    done: On<ReplyFinished>,
    mut chatter: ResMut<Chatter>,
    talk: Res<Talk>,
    time: Res<Time<Real>>,
    mut npcs: Query<(&Villager, Option<&PersonaHandle>, &mut Speech)>,
    personas: Res<Assets<Persona>>,
    mut say: MessageWriter<Say>,
) {
    let Some(i) = chatter.chats.iter().position(|c| c.replying == done.entity) else {
        return;
    };
    let chat = chatter.chats.remove(i);
    if done.reason != FinishReason::Cancelled && !done.text.trim().is_empty() {
        chatter.replies += 1;
    }
    let taken_aside = talk.with == Some(chat.other) || talk.with == Some(chat.replying);
    if done.reason == FinishReason::Cancelled
        || chat.replies_left == 0
        || taken_aside
        || done.text.trim().is_empty()
    {
        return;
    }
    let Ok((villager, persona, _)) = npcs.get(done.entity) else {
        return;
    };
    let name = name_of(villager, persona, &personas).to_string();
    if let Ok((.., mut speech)) = npcs.get_mut(chat.other) {
        speech.expect_reply(time.elapsed_secs());
    }
    say.write(Say::from_named(chat.other, name, done.text.trim()));
    chatter.chats.push(Chat {
        replying: chat.other,
        other: chat.replying,
        replies_left: chat.replies_left - 1,
    });
}

fn drop_failed_chat(failed: On<ReplyFailed>, mut chatter: ResMut<Chatter>) {
    chatter.chats.retain(|c| c.replying != failed.entity);
}
