//! Talking with a villager: opening and closing the conversation, the line being typed, the
//! suggested lines, and sending what the player says to natter. Keys, the gamepad and scripts
//! all act through [`TalkIntent`], so a script plays exactly what a player would.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy_natter::prelude::*;

use crate::npcs::{Speech, VILLAGERS, Villager};
use crate::player::Nearby;

pub struct TalkPlugin;

impl Plugin for TalkPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Talk>()
            .add_message::<TalkIntent>()
            .add_systems(
                Update,
                (read_input, apply_intents)
                    .chain()
                    .in_set(TalkSystems)
                    .before(NatterSystems::Receive),
            )
            .add_observer(reply_finished)
            .add_observer(reply_failed);
    }
}

/// Reading input and acting on intents; scripts write their intents before it.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TalkSystems;

/// The longest line the player may type, in characters.
const MAX_LINE: usize = 160;

/// The conversation the panel shows.
#[derive(Resource, Default)]
pub struct Talk {
    /// The villager in the open panel.
    pub with: Option<Entity>,
    /// The villager whose reply to the player is on its way.
    pub awaiting: Option<Entity>,
    /// The line being typed.
    pub input: String,
    /// Which row is picked: a suggestion, or (at `suggestions.len()`) the typed line.
    pub selected: usize,
    pub suggestions: Vec<String>,
    /// The greeting shown on opening; it joins the villager's conversation when the player
    /// first answers, so the model knows it said it.
    pub greeting: Option<String>,
    /// Why the last reply failed, for the panel.
    pub error: Option<String>,
    /// Replies to the player that have arrived, over the whole game (scripts wait on it).
    pub answered: u64,
    /// Which of each villager's suggestions the player has said (bit `i`: suggestion `i`), so
    /// the offer moves on.
    said: [u64; VILLAGERS.len()],
}

impl Talk {
    /// The row that sends what was typed.
    pub fn input_row(&self) -> usize {
        self.suggestions.len()
    }
}

/// What the player wants to do; written by the input system and by scripts.
#[derive(Message, Clone, Debug)]
pub enum TalkIntent {
    Open(Entity),
    /// Send this line (`None`: the selected suggestion or the typed line).
    Say(Option<String>),
    Close,
    Select(isize),
}

/// Turns keys and buttons into intents. E / Ⓐ opens near a villager; in the panel letters
/// type, Up/Down or the D-pad pick a row, Enter / Ⓐ sends, Esc / Ⓑ closes.
fn read_input(
    mut typed: MessageReader<KeyboardInput>,
    keys: Res<ButtonInput<KeyCode>>,
    pads: Query<&Gamepad>,
    nearby: Res<Nearby>,
    mut talk: ResMut<Talk>,
    mut intents: MessageWriter<TalkIntent>,
) {
    let pressed = |key: KeyCode, button: GamepadButton| {
        keys.just_pressed(key) || pads.iter().any(|p| p.just_pressed(button))
    };
    let Some(_) = talk.with else {
        // Drain what was typed while walking, so the E that opens the panel is not typed in it.
        typed.clear();
        if let Some(npc) = nearby
            .0
            .filter(|_| pressed(KeyCode::KeyE, GamepadButton::South))
        {
            intents.write(TalkIntent::Open(npc));
        }
        return;
    };
    if pressed(KeyCode::Escape, GamepadButton::East) {
        typed.clear();
        intents.write(TalkIntent::Close);
        return;
    }
    for key in typed.read().filter(|k| k.state == ButtonState::Pressed) {
        match &key.logical_key {
            Key::Enter => {
                intents.write(TalkIntent::Say(None));
            }
            Key::Backspace => {
                talk.input.pop();
            }
            Key::ArrowUp => {
                intents.write(TalkIntent::Select(-1));
            }
            Key::ArrowDown => {
                intents.write(TalkIntent::Select(1));
            }
            _ => {
                // Printable text only: control characters never reach the line.
                let text = key.text.as_deref().unwrap_or_default();
                let printable: String = text.chars().filter(|c| !c.is_control()).collect();
                if !printable.is_empty() && talk.input.chars().count() < MAX_LINE {
                    talk.input.push_str(&printable);
                    talk.selected = talk.input_row();
                }
            }
        }
    }
    for pad in &pads {
        if pad.just_pressed(GamepadButton::DPadUp) {
            intents.write(TalkIntent::Select(-1));
        }
        if pad.just_pressed(GamepadButton::DPadDown) {
            intents.write(TalkIntent::Select(1));
        }
        if pad.just_pressed(GamepadButton::South) {
            intents.write(TalkIntent::Say(None));
        }
    }
}

/// Acts on intents: opens and closes the panel, moves the selection, sends lines.
#[allow(clippy::too_many_arguments)]
fn apply_intents(
    mut intents: MessageReader<TalkIntent>,
    mut talk: ResMut<Talk>,
    mut commands: Commands,
    mut npcs: Query<(&Villager, &PersonaHandle, &mut Speech, &mut Conversation)>,
    personas: Res<Assets<Persona>>,
    time: Res<Time<Real>>,
    mut say: MessageWriter<Say>,
    mut cancel: MessageWriter<CancelReply>,
) {
    let now = time.elapsed_secs();
    for intent in intents.read() {
        match intent.clone() {
            TalkIntent::Open(npc) => {
                let Ok((villager, persona, mut speech, conversation)) = npcs.get_mut(npc) else {
                    continue;
                };
                if let Some(old) = talk.with.replace(npc) {
                    commands.entity(old).remove::<PlayerFocus>();
                }
                // The player takes precedence over small talk: a reply to another villager stops.
                if speech.streaming && talk.awaiting != Some(npc) {
                    cancel.write(CancelReply { npc });
                }
                commands.entity(npc).insert(PlayerFocus);
                let greeting = personas.get(&persona.0).and_then(|p| p.greeting.clone());
                let greeted = conversation
                    .turns
                    .iter()
                    .any(|t| Some(&t.text) == greeting.as_ref());
                talk.greeting = greeting.filter(|_| !greeted);
                if let Some(g) = &talk.greeting {
                    speech.say(g.clone(), now);
                }
                talk.error = None;
                talk.input.clear();
                talk.suggestions = offer(villager, talk.said[villager.0]);
                talk.selected = 0;
            }
            TalkIntent::Close => {
                if let Some(npc) = talk.with.take() {
                    commands.entity(npc).remove::<PlayerFocus>();
                }
                talk.input.clear();
            }
            TalkIntent::Select(step) => {
                let rows = talk.input_row() as isize + 1;
                talk.selected = (talk.selected as isize + step).rem_euclid(rows) as usize;
            }
            TalkIntent::Say(line) => {
                let Some(npc) = talk.with else {
                    warn!("nobody to talk to: walk up to a villager first");
                    continue;
                };
                if talk.awaiting == Some(npc) {
                    continue; // One line at a time: the villager is still answering.
                }
                let line = line.unwrap_or_else(|| match talk.suggestions.get(talk.selected) {
                    Some(s) => s.clone(),
                    None => talk.input.clone(),
                });
                let line: String = line.trim().chars().take(MAX_LINE).collect();
                if line.is_empty() {
                    continue;
                }
                let Ok((villager, _, mut speech, mut conversation)) = npcs.get_mut(npc) else {
                    continue;
                };
                if let Some(greeting) = talk.greeting.take() {
                    conversation.push(Speaker::Me, greeting);
                }
                say.write(Say::from_player(npc, line.clone()));
                speech.expect_reply(now);
                talk.awaiting = Some(npc);
                talk.error = None;
                talk.input.clear();
                // A said suggestion is used up: the next unsaid one takes its place.
                let all = villager.info().suggestions;
                if let Some(k) = all.iter().position(|s| *s == line) {
                    talk.said[villager.0] |= 1 << k;
                }
                talk.suggestions = offer(villager, talk.said[villager.0]);
                talk.selected = talk.selected.min(talk.suggestions.len().saturating_sub(1));
            }
        }
    }
}

/// Three of the villager's suggested lines the player has not said yet (when fewer are left,
/// the said ones come round again).
fn offer(villager: &Villager, said: u64) -> Vec<String> {
    let all = villager.info().suggestions;
    let unsaid = (0..all.len()).filter(|k| said & (1 << k) == 0);
    let again = (0..all.len()).filter(|k| said & (1 << k) != 0);
    unsaid
        .chain(again)
        .take(3)
        .map(|k| all[k].to_string())
        .collect()
}

fn reply_finished(done: On<ReplyFinished>, mut talk: ResMut<Talk>) {
    if talk.awaiting == Some(done.entity) {
        talk.awaiting = None;
        talk.answered += 1;
    }
}

fn reply_failed(failed: On<ReplyFailed>, mut talk: ResMut<Talk>) {
    if talk.awaiting == Some(failed.entity) {
        talk.awaiting = None;
        talk.error = Some(failed.error.clone());
    }
}
