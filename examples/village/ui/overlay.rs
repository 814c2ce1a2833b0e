//! The F3 / Select overlay: frame rate, a graph of recent frame times, and what dialogue costs
//! — GPU milliseconds per frame against the budget, tokens per second, the queue.

use std::collections::VecDeque;

use bevy::prelude::*;
use bevy_natter::prelude::*;

use super::{DIM, INK, PANEL, label, set_text};

pub fn plugin(app: &mut App) {
    app.init_resource::<FrameTimes>()
        .init_resource::<ShowOverlay>()
        .add_systems(Startup, spawn)
        .add_systems(
            Update,
            (
                record,
                toggle,
                (graph, numbers).after(NatterSystems::Generate),
            )
                .chain(),
        );
}

/// Bars in the frame-time graph, one per frame.
const BARS: usize = 90;
/// Frame time at the top of the graph, in milliseconds.
const GRAPH_MS: f32 = 50.0;
const GRAPH_HEIGHT: f32 = 60.0;

/// The last frames' durations, in milliseconds, newest last.
#[derive(Resource, Default)]
struct FrameTimes(VecDeque<f32>);

#[derive(Component)]
struct Overlay;

#[derive(Component)]
struct Bar(usize);

#[derive(Component)]
enum Stat {
    Fps,
    Gpu,
    Tokens,
    Timing,
}

#[derive(Component)]
struct BudgetFill;

fn spawn(mut commands: Commands) {
    commands
        .spawn((
            Overlay,
            Node {
                display: Display::None,
                position_type: PositionType::Absolute,
                top: Val::Px(12.0),
                right: Val::Px(12.0),
                width: Val::Px(BARS as f32 * 4.0 + 24.0),
                flex_direction: FlexDirection::Column,
                row_gap: Val::Px(5.0),
                padding: UiRect::all(Val::Px(12.0)),
                border_radius: BorderRadius::all(Val::Px(10.0)),
                ..default()
            },
            BackgroundColor(PANEL),
            GlobalZIndex(30),
        ))
        .with_children(|o| {
            o.spawn((Stat::Fps, label("", 18.0, INK)));
            o.spawn(Node {
                height: Val::Px(GRAPH_HEIGHT),
                align_items: AlignItems::FlexEnd,
                column_gap: Val::Px(1.0),
                ..default()
            })
            .with_children(|graph| {
                for i in 0..BARS {
                    graph.spawn((
                        Bar(i),
                        Node {
                            width: Val::Px(3.0),
                            height: Val::Px(0.0),
                            ..default()
                        },
                        BackgroundColor(INK),
                    ));
                }
            });
            o.spawn(label("dialogue, GPU time per frame", 14.0, DIM));
            o.spawn((Stat::Gpu, label("", 16.0, INK)));
            o.spawn((
                Node {
                    width: Val::Percent(100.0),
                    height: Val::Px(8.0),
                    border_radius: BorderRadius::all(Val::Px(4.0)),
                    ..default()
                },
                BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.12)),
            ))
            .with_children(|bar| {
                bar.spawn((
                    BudgetFill,
                    Node {
                        width: Val::Percent(0.0),
                        height: Val::Percent(100.0),
                        border_radius: BorderRadius::all(Val::Px(4.0)),
                        ..default()
                    },
                    BackgroundColor(Color::srgb(0.4, 0.8, 0.4)),
                ));
            });
            o.spawn((Stat::Tokens, label("", 16.0, INK)));
            o.spawn((Stat::Timing, label("", 13.0, DIM)));
        });
}

fn record(time: Res<Time<Real>>, mut times: ResMut<FrameTimes>) {
    times.0.push_back(time.delta_secs() * 1000.0);
    while times.0.len() > BARS {
        times.0.pop_front();
    }
}

/// Whether the overlay is shown; F3 / Select toggle it, scripts set it.
#[derive(Resource, Default)]
pub struct ShowOverlay(pub bool);

fn toggle(
    keys: Res<ButtonInput<KeyCode>>,
    pads: Query<&Gamepad>,
    mut shown: ResMut<ShowOverlay>,
    mut overlay: Single<&mut Node, With<Overlay>>,
) {
    if keys.just_pressed(KeyCode::F3) || pads.iter().any(|p| p.just_pressed(GamepadButton::Select))
    {
        shown.0 = !shown.0;
    }
    let display = if shown.0 {
        Display::Flex
    } else {
        Display::None
    };
    if overlay.display != display {
        overlay.display = display;
    }
}

/// Green under 60 fps' frame time, yellow under 30 fps', red beyond.
fn frame_color(ms: f32) -> Color {
    if ms <= 17.5 {
        Color::srgb(0.35, 0.85, 0.4)
    } else if ms <= 34.0 {
        Color::srgb(0.95, 0.8, 0.3)
    } else {
        Color::srgb(0.95, 0.35, 0.3)
    }
}

fn graph(
    times: Res<FrameTimes>,
    overlay: Single<&Node, (With<Overlay>, Without<Bar>)>,
    mut bars: Query<(&Bar, &mut Node, &mut BackgroundColor)>,
) {
    if overlay.display == Display::None {
        return;
    }
    let offset = BARS - times.0.len();
    for (bar, mut node, mut color) in &mut bars {
        let ms = bar
            .0
            .checked_sub(offset)
            .and_then(|i| times.0.get(i))
            .copied()
            .unwrap_or(0.0);
        node.height = Val::Px((ms / GRAPH_MS).min(1.0) * GRAPH_HEIGHT);
        color.set_if_neq(BackgroundColor(frame_color(ms)));
    }
}

fn numbers(
    times: Res<FrameTimes>,
    stats: Res<GenerationStats>,
    budget: Res<FrameBudget>,
    status: Res<NatterStatus>,
    overlay: Single<&Node, (With<Overlay>, Without<BudgetFill>)>,
    mut texts: Query<(&Stat, &mut Text)>,
    fill: Single<(&mut Node, &mut BackgroundColor), With<BudgetFill>>,
) {
    if overlay.display == Display::None {
        return;
    }
    let recent = times.0.iter().rev().take(30);
    let n = recent.len().max(1) as f32;
    let mean_ms = recent.sum::<f32>() / n;
    let fps = if mean_ms > 0.0 { 1000.0 / mean_ms } else { 0.0 };
    for (stat, text) in &mut texts {
        let value = match stat {
            Stat::Fps => format!("{fps:5.1} fps   {mean_ms:5.1} ms/frame"),
            Stat::Gpu => format!(
                "{:5.2} ms   budget {:.2} ms",
                stats.gpu_ms_per_frame, budget.gpu_ms
            ),
            Stat::Tokens => format!(
                "{:5.1} tokens/s   queue {} ({} active)",
                stats.tokens_per_second, stats.queue, stats.active
            ),
            Stat::Timing => {
                let source = if stats.timestamps {
                    "timed by GPU timestamps"
                } else {
                    "timed by the wall clock"
                };
                let state = match &*status {
                    NatterStatus::Ready => "ready",
                    NatterStatus::Failed(_) => "failed",
                    _ => "loading",
                };
                format!("natter {state}; {source}")
            }
        };
        set_text(text, &value);
    }
    let (mut node, mut color) = fill.into_inner();
    let share = if budget.gpu_ms > 0.0 {
        stats.gpu_ms_per_frame / budget.gpu_ms
    } else {
        0.0
    };
    node.width = Val::Percent(100.0 * share.clamp(0.0, 1.0));
    let over = share > 1.05;
    color.set_if_neq(BackgroundColor(if over {
        Color::srgb(0.95, 0.35, 0.3)
    } else {
        Color::srgb(0.4, 0.8, 0.4)
    }));
}
