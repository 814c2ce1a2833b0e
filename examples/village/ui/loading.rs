//! The loading screen: natter's stage and a progress bar, over the village, which already
//! renders (and can be walked) behind it.

use bevy::prelude::*;
use bevy_natter::prelude::*;

use super::{DIM, INK, PANEL, label, set_text};
use crate::Phase;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Phase::Loading), spawn)
        .add_systems(Update, update.run_if(in_state(Phase::Loading)));
}

#[derive(Component)]
struct StageText;

#[derive(Component)]
struct Fill;

fn spawn(mut commands: Commands) {
    commands
        .spawn((
            DespawnOnExit(Phase::Loading),
            Node {
                position_type: PositionType::Absolute,
                width: Val::Percent(100.0),
                height: Val::Percent(100.0),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                ..default()
            },
            BackgroundColor(Color::srgba(0.03, 0.04, 0.06, 0.45)),
            GlobalZIndex(20),
        ))
        .with_children(|screen| {
            screen
                .spawn((
                    Node {
                        flex_direction: FlexDirection::Column,
                        align_items: AlignItems::Center,
                        padding: UiRect::axes(Val::Px(48.0), Val::Px(32.0)),
                        row_gap: Val::Px(14.0),
                        border_radius: BorderRadius::all(Val::Px(14.0)),
                        ..default()
                    },
                    BackgroundColor(PANEL),
                ))
                .with_children(|card| {
                    card.spawn(label("Oakvale", 54.0, INK));
                    card.spawn(label("the villagers are waking up", 20.0, DIM));
                    card.spawn((StageText, label("", 20.0, INK)));
                    card.spawn((
                        Node {
                            width: Val::Px(440.0),
                            height: Val::Px(12.0),
                            border_radius: BorderRadius::all(Val::Px(6.0)),
                            ..default()
                        },
                        BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.12)),
                    ))
                    .with_children(|bar| {
                        bar.spawn((
                            Fill,
                            Node {
                                width: Val::Percent(0.0),
                                height: Val::Percent(100.0),
                                border_radius: BorderRadius::all(Val::Px(6.0)),
                                ..default()
                            },
                            BackgroundColor(Color::srgb(0.95, 0.62, 0.25)),
                        ));
                    });
                    card.spawn(label(
                        "You can look around while they do: WASD or the left stick.",
                        16.0,
                        DIM,
                    ));
                });
        });
}

/// What each stage means to a player.
fn stage(status: &NatterStatus) -> String {
    match status {
        NatterStatus::WaitingForDevice => "Starting the renderer".into(),
        NatterStatus::LoadingModel => "Reading the language model".into(),
        NatterStatus::Tuning { progress } => format!(
            "Measuring the fastest kernels for this GPU, once ({:.0}%)",
            progress * 100.0
        ),
        NatterStatus::Compiling { progress } => format!(
            "Compiling kernels and uploading weights to the GPU ({:.0}%)",
            progress * 100.0
        ),
        NatterStatus::Ready => "Ready".into(),
        NatterStatus::Failed(why) => format!("The villagers cannot talk: {why}"),
    }
}

/// The bar eases towards the stage's progress: tuning and compilation report their own, and
/// the other stages creep on, so a long one still shows life.
fn update(
    time: Res<Time<Real>>,
    status: Res<NatterStatus>,
    mut shown: Local<f32>,
    mut stage_start: Local<Option<(f32, f32)>>,
    text: Single<&mut Text, With<StageText>>,
    mut fill: Single<&mut Node, With<Fill>>,
) {
    let now = time.elapsed_secs();
    let base = status.progress();
    let (since, at) = match *stage_start {
        Some((since, at)) if at == base => (since, at),
        _ => {
            *stage_start = Some((now, base));
            (now, base)
        }
    };
    let next = match *status {
        NatterStatus::WaitingForDevice => 0.2,
        NatterStatus::LoadingModel => 0.6,
        _ => 1.0,
    };
    let creep = (1.0 - (-(now - since) / 12.0).exp()) * 0.85 * (next - at);
    // Tuning and compilation report their own progress; the other stages creep. The bar never
    // goes back.
    let goal = match *status {
        NatterStatus::Compiling { .. } | NatterStatus::Tuning { .. } => base,
        _ => at + creep,
    };
    *shown += (goal - *shown).max(0.0) * (1.0 - (-6.0 * time.delta_secs()).exp());
    fill.width = Val::Percent(100.0 * shown.clamp(0.0, 1.0));
    set_text(text.into_inner(), &stage(&status));
}
