//! Small always-on pieces: "E / Ⓐ Talk to Hilda" near a villager, the controls, and a banner
//! when natter cannot run.

use bevy::prelude::*;
use bevy_natter::prelude::*;

use super::{DIM, INK, PANEL, displayable, label, set_text};
use crate::npcs::{Villager, name_of};
use crate::player::Nearby;
use crate::talk::Talk;

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn)
        .add_systems(Update, (prompt, controls, banner));
}

#[derive(Component)]
struct Prompt;

#[derive(Component)]
struct PromptName;

#[derive(Component)]
struct Controls;

#[derive(Component)]
struct Banner;

#[derive(Component)]
struct BannerText;

/// A key cap: the key's letter on a light square.
fn key_cap(letter: &str) -> impl Bundle {
    (
        Node {
            width: Val::Px(26.0),
            height: Val::Px(26.0),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(Val::Px(5.0)),
            ..default()
        },
        BackgroundColor(INK),
        children![label(letter, 17.0, Color::BLACK)],
    )
}

/// A gamepad face button: the letter on a coloured disc (the default font has no Ⓐ).
fn pad_button(letter: &str, color: Color) -> impl Bundle {
    (
        Node {
            width: Val::Px(26.0),
            height: Val::Px(26.0),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BackgroundColor(color),
        children![label(letter, 16.0, Color::WHITE)],
    )
}

pub const BUTTON_A: Color = Color::srgb(0.24, 0.62, 0.26);
pub const BUTTON_B: Color = Color::srgb(0.78, 0.22, 0.20);

fn spawn(mut commands: Commands) {
    commands
        .spawn((
            Node {
                position_type: PositionType::Absolute,
                bottom: Val::Px(120.0),
                width: Val::Percent(100.0),
                justify_content: JustifyContent::Center,
                ..default()
            },
            Visibility::Hidden,
            Prompt,
        ))
        .with_children(|row| {
            row.spawn((
                Node {
                    align_items: AlignItems::Center,
                    column_gap: Val::Px(8.0),
                    padding: UiRect::axes(Val::Px(16.0), Val::Px(10.0)),
                    border_radius: BorderRadius::all(Val::Px(10.0)),
                    ..default()
                },
                BackgroundColor(PANEL),
            ))
            .with_children(|p| {
                p.spawn(key_cap("E"));
                p.spawn(label("/", 18.0, DIM));
                p.spawn(pad_button("A", BUTTON_A));
                p.spawn((PromptName, label("", 20.0, INK)));
            });
        });
    commands.spawn((
        Controls,
        Node { position_type: PositionType::Absolute, left: Val::Px(14.0), bottom: Val::Px(10.0), ..default() },
        label("WASD / left stick: walk    Shift: run    Z C / right stick: turn    F3 / Select: stats", 14.0, DIM),
    ));
    commands.spawn((
        Banner,
        Visibility::Hidden,
        Node {
            position_type: PositionType::Absolute,
            top: Val::Px(12.0),
            left: Val::Px(12.0),
            right: Val::Px(12.0),
            padding: UiRect::all(Val::Px(10.0)),
            border_radius: BorderRadius::all(Val::Px(8.0)),
            ..default()
        },
        BackgroundColor(Color::srgba(0.45, 0.08, 0.06, 0.9)),
        children![(label("", 16.0, INK), BannerText)],
    ));
}

fn prompt(
    nearby: Res<Nearby>,
    talk: Res<Talk>,
    npcs: Query<(&Villager, Option<&PersonaHandle>)>,
    personas: Res<Assets<Persona>>,
    mut root: Single<&mut Visibility, With<Prompt>>,
    name: Single<&mut Text, With<PromptName>>,
) {
    let target = nearby
        .0
        .filter(|_| talk.with.is_none())
        .and_then(|npc| npcs.get(npc).ok());
    match target {
        Some((villager, persona)) => {
            **root = Visibility::Inherited;
            set_text(
                name.into_inner(),
                &format!(
                    "Talk to {}",
                    displayable(name_of(villager, persona, &personas))
                ),
            );
        }
        None => **root = Visibility::Hidden,
    }
}

fn controls(talk: Res<Talk>, mut hint: Single<&mut Visibility, With<Controls>>) {
    let shown = if talk.with.is_none() {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    hint.set_if_neq(shown);
}

fn banner(
    status: Res<NatterStatus>,
    mut root: Single<&mut Visibility, With<Banner>>,
    text: Single<&mut Text, With<BannerText>>,
) {
    match &*status {
        NatterStatus::Failed(why) => {
            root.set_if_neq(Visibility::Inherited);
            set_text(
                text.into_inner(),
                &format!("The villagers cannot talk: {}", displayable(why)),
            );
        }
        _ => {
            root.set_if_neq(Visibility::Hidden);
        }
    }
}
