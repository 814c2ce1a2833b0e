//! The villagers: who stands where, what they look like, how they idle and turn, what their
//! speech bubbles hold, and the small talk they make with each other.

mod chatter;
mod figure;

use bevy::prelude::*;
use bevy_natter::prelude::*;

pub use chatter::Chatter;
pub use figure::{Figure, Look, spawn_figure};

use crate::player::Player;
use crate::talk::Talk;

pub struct NpcPlugin;

impl Plugin for NpcPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(chatter::ChatterPlugin)
            .add_systems(Startup, spawn_villagers)
            .add_systems(
                Update,
                (stream_speech.after(NatterSystems::Generate), idle, face),
            )
            .add_observer(on_reply_finished)
            .add_observer(on_reply_failed);
    }
}

/// One villager's place in the game: the persona file holds who they are; this holds where they
/// stand and what the player might ask them.
pub struct VillagerInfo {
    /// The name the game uses before the persona has loaded (the persona's `name` wins after).
    pub name: &'static str,
    pub persona: &'static str,
    pub home: Vec2,
    /// The spot the villager looks at when nobody is talking to them.
    pub looks_at: Vec2,
    pub look: Look,
    /// The panel's colour for their name.
    pub color: Color,
    /// Lines the player can pick instead of typing (three are offered at a time).
    pub suggestions: &'static [&'static str],
}

pub const VILLAGERS: [VillagerInfo; 4] = [
    VillagerInfo {
        name: "Hilda",
        persona: "personas/blacksmith.persona.ron",
        home: Vec2::new(-8.0, -6.7),
        looks_at: Vec2::new(0.0, 0.0),
        look: Look::Smith,
        color: Color::srgb(1.0, 0.55, 0.35),
        suggestions: &[
            "Good morning! What are you working on?",
            "Could you mend a chipped sword?",
            "How hot does your forge get?",
            "What's the best steel you've made?",
            "Do you ever get tired of the heat?",
            "Who taught you smithing?",
        ],
    },
    VillagerInfo {
        name: "Tam",
        persona: "personas/innkeeper.persona.ron",
        home: Vec2::new(7.8, -8.2),
        looks_at: Vec2::new(0.0, -4.0),
        look: Look::Innkeeper,
        color: Color::srgb(0.55, 0.85, 0.45),
        suggestions: &[
            "Do you have a room for the night?",
            "Heard any good rumours lately?",
            "What's in the stew today?",
            "Why is it called the Drowsy Duck?",
            "Who are your best customers?",
            "Is the ale any good?",
        ],
    },
    VillagerInfo {
        name: "Brom",
        persona: "personas/guard.persona.ron",
        home: Vec2::new(1.6, -22.2),
        looks_at: Vec2::new(0.0, -12.0),
        look: Look::Guard,
        color: Color::srgb(0.55, 0.70, 1.0),
        suggestions: &[
            "I'm just passing through.",
            "Seen anything strange on the road?",
            "How long have you guarded this gate?",
            "Is Oakvale a safe place?",
            "When does the gate close at night?",
            "Any work for a traveller?",
        ],
    },
    VillagerInfo {
        name: "Mira",
        persona: "personas/merchant.persona.ron",
        home: Vec2::new(4.7, 4.2),
        looks_at: Vec2::new(0.0, 0.0),
        look: Look::Merchant,
        color: Color::srgb(0.85, 0.60, 1.0),
        suggestions: &[
            "What are you selling?",
            "Where have you travelled from?",
            "That seems expensive.",
            "Do you have any maps?",
            "What's the strangest thing you own?",
            "Will you be staying long in Oakvale?",
        ],
    },
];

/// A villager, by its index in [`VILLAGERS`]: an NPC natter talks for, with a bubble.
#[derive(Component)]
#[require(Npc, Speech, Visibility)]
pub struct Villager(pub usize);

impl Villager {
    pub fn info(&self) -> &'static VillagerInfo {
        &VILLAGERS[self.0]
    }
}

/// What a villager's bubble holds. Whoever sends a villager a `Say` calls
/// [`Speech::expect_reply`]; natter's deltas and finished replies fill it in.
#[derive(Component, Default, Debug)]
pub struct Speech {
    pub text: String,
    /// A reply is on its way (the bubble shows dots until its first words).
    pub streaming: bool,
    /// When the text last changed, in seconds of `Time<Real>`.
    pub since: f32,
}

impl Speech {
    pub fn expect_reply(&mut self, now: f32) {
        self.text.clear();
        self.streaming = true;
        self.since = now;
    }

    pub fn say(&mut self, text: impl Into<String>, now: f32) {
        self.text = text.into();
        self.streaming = false;
        self.since = now;
    }

    /// Whether the bubble shows: while a reply streams, and for a while after, longer for
    /// longer lines.
    pub fn visible(&self, now: f32) -> bool {
        self.streaming
            || (!self.text.is_empty()
                && now - self.since < (5.0 + 0.06 * self.text.len() as f32).min(14.0))
    }
}

/// The name a villager goes by: its persona's, once loaded.
pub fn name_of<'a>(
    villager: &Villager,
    persona: Option<&PersonaHandle>,
    personas: &'a Assets<Persona>,
) -> &'a str {
    persona
        .and_then(|h| personas.get(&h.0))
        .map_or(villager.info().name, |p| p.name.as_str())
}

fn spawn_villagers(
    mut commands: Commands,
    assets: Res<AssetServer>,
    kit: Res<crate::world::Kit>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    for (i, v) in VILLAGERS.iter().enumerate() {
        let at = Vec3::new(v.home.x, 0.0, v.home.y);
        let npc = commands
            .spawn((
                Villager(i),
                PersonaHandle(assets.load(v.persona)),
                Name::new(v.name),
                Transform::from_translation(at)
                    .looking_at(Vec3::new(v.looks_at.x, 0.0, v.looks_at.y), Vec3::Y),
                crate::world::Collider::Circle(0.4),
            ))
            .id();
        spawn_figure(
            &mut commands,
            &kit,
            &mut materials,
            npc,
            v.look,
            i as f32 * 1.7,
        );
    }
}

/// Appends each streamed piece of a reply to its villager's bubble.
fn stream_speech(
    mut speech: MessageReader<NpcSpeech>,
    mut bubbles: Query<&mut Speech>,
    time: Res<Time<Real>>,
) {
    for s in speech.read() {
        // `ReplyFinished` comes the frame after the last piece; a bubble that stopped
        // streaming (the villager was interrupted) takes no more.
        if let Ok(mut bubble) = bubbles.get_mut(s.npc)
            && bubble.streaming
        {
            bubble.text.push_str(&s.delta);
            bubble.since = time.elapsed_secs();
        }
    }
}

/// Every finished reply: the bubble gets the whole text, and stdout one line (scripts and the
/// smoke test read it).
fn on_reply_finished(
    done: On<ReplyFinished>,
    mut npcs: Query<(&Villager, Option<&PersonaHandle>, &mut Speech)>,
    personas: Res<Assets<Persona>>,
    time: Res<Time<Real>>,
) {
    let Ok((villager, persona, mut speech)) = npcs.get_mut(done.entity) else {
        return;
    };
    if done.reason == FinishReason::Cancelled {
        // Cut off (the player took the villager aside): the bubble may already hold the
        // greeting, and half a line is not worth printing.
        if speech.streaming {
            speech.say(done.text.trim(), time.elapsed_secs());
        }
        return;
    }
    speech.say(done.text.trim(), time.elapsed_secs());
    let name = name_of(villager, persona, &personas);
    println!(
        "NPC {name}: {}",
        done.text.trim().replace(['\n', '\r'], " ")
    );
}

fn on_reply_failed(
    failed: On<ReplyFailed>,
    mut npcs: Query<(&Villager, Option<&PersonaHandle>, &mut Speech)>,
    personas: Res<Assets<Persona>>,
    time: Res<Time<Real>>,
) {
    let Ok((villager, persona, mut speech)) = npcs.get_mut(failed.entity) else {
        return;
    };
    eprintln!(
        "village: {} could not reply: {}",
        name_of(villager, persona, &personas),
        failed.error
    );
    speech.say("...", time.elapsed_secs());
}

/// Breathing and shifting weight: each figure bobs and sways on its own phase, a little more
/// when it is speaking.
fn idle(
    time: Res<Time>,
    mut figures: Query<(&Figure, &mut Transform, &ChildOf)>,
    speaking: Query<&Speech>,
) {
    let t = time.elapsed_secs();
    for (figure, mut transform, parent) in &mut figures {
        let talking = speaking
            .get(parent.parent())
            .is_ok_and(|s| s.streaming || s.visible(t) && !s.text.is_empty());
        let p = figure.phase;
        let (amp, speed) = if talking { (1.6, 1.8) } else { (1.0, 1.0) };
        transform.translation.y = 0.025 * amp * ((t * 2.1 * speed + p).sin() * 0.5 + 0.5);
        transform.rotation = Quat::from_rotation_z(0.035 * amp * (t * 0.9 + p).sin())
            * Quat::from_rotation_x(0.02 * amp * (t * 1.3 * speed + p * 0.7).sin());
    }
}

/// Villagers turn to whoever they talk with: the player in the panel, or the other villager in
/// a chat; to a player who comes close; otherwise back to their spot.
fn face(
    time: Res<Time>,
    talk: Res<Talk>,
    chatter: Res<Chatter>,
    player: Single<&Transform, (With<Player>, Without<Villager>)>,
    mut npcs: Query<(Entity, &Villager, &mut Transform)>,
) {
    let positions: Vec<(Entity, Vec3)> = npcs.iter().map(|(e, _, t)| (e, t.translation)).collect();
    let player = player.translation;
    for (entity, villager, mut transform) in &mut npcs {
        let home = villager.info().looks_at;
        let here = transform.translation;
        let partner = chatter
            .partner_of(entity)
            .and_then(|p| positions.iter().find(|(e, _)| *e == p))
            .map(|(_, pos)| *pos);
        let target = if talk.with == Some(entity) || here.distance(player) < 3.5 {
            player
        } else {
            partner.unwrap_or(Vec3::new(home.x, 0.0, home.y))
        };
        let to = (target - here).with_y(0.0);
        if to.length_squared() < 0.01 {
            continue;
        }
        let goal = Transform::from_translation(here)
            .looking_to(to, Vec3::Y)
            .rotation;
        let k = 1.0 - (-5.0 * time.delta_secs()).exp();
        transform.rotation = transform.rotation.slerp(goal, k);
    }
}
