//! The dialogue panel: the last lines of the conversation (the villager's reply streaming in),
//! three suggested lines and the typed line to pick from, and the keys and buttons for both.

use bevy::prelude::*;
use bevy_natter::prelude::*;

use super::hud::{BUTTON_A, BUTTON_B};
use super::{DIM, INK, PANEL, PLAYER_COLOR, displayable, label, set_text};
use crate::npcs::{Speech, VILLAGERS, Villager, name_of};
use crate::talk::{Talk, TalkSystems};

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn).add_systems(
        Update,
        (show, header, transcript, rows)
            .after(TalkSystems)
            .after(NatterSystems::Generate),
    );
}

/// Lines of the conversation the panel shows.
const LINES: usize = 5;
/// Rows to pick from: three suggestions and the typed line.
const ROWS: usize = 4;

#[derive(Component)]
struct Panel;

#[derive(Component)]
struct Title;

#[derive(Component)]
struct Status;

/// Line `i` of the transcript: the speaker, and what they said.
#[derive(Component)]
struct Line(usize);

#[derive(Component)]
struct LineSpeaker(usize);

#[derive(Component)]
struct LineText(usize);

/// Row `i` of the choices.
#[derive(Component)]
struct Row(usize);

#[derive(Component)]
struct RowText(usize);

const SELECTED: Color = Color::srgba(0.95, 0.62, 0.25, 0.28);

fn spawn(mut commands: Commands) {
    commands
        .spawn((
            Panel,
            Node {
                display: Display::None,
                position_type: PositionType::Absolute,
                bottom: Val::Px(18.0),
                width: Val::Percent(100.0),
                justify_content: JustifyContent::Center,
                ..default()
            },
            GlobalZIndex(10),
        ))
        .with_children(|outer| {
            outer
                .spawn((
                    Node {
                        width: Val::Px(780.0),
                        flex_direction: FlexDirection::Column,
                        padding: UiRect::axes(Val::Px(20.0), Val::Px(14.0)),
                        row_gap: Val::Px(6.0),
                        border_radius: BorderRadius::all(Val::Px(12.0)),
                        ..default()
                    },
                    BackgroundColor(PANEL),
                ))
                .with_children(|p| {
                    p.spawn(Node {
                        justify_content: JustifyContent::SpaceBetween,
                        align_items: AlignItems::Baseline,
                        ..default()
                    })
                    .with_children(|header| {
                        header.spawn((Title, label("", 26.0, INK)));
                        header.spawn((Status, label("", 16.0, DIM)));
                    });
                    for i in 0..LINES {
                        p.spawn((
                            Line(i),
                            Node {
                                column_gap: Val::Px(8.0),
                                ..default()
                            },
                        ))
                        .with_children(|line| {
                            line.spawn((
                                LineSpeaker(i),
                                label("", 18.0, INK),
                                Node {
                                    flex_shrink: 0.0,
                                    ..default()
                                },
                            ));
                            line.spawn((
                                LineText(i),
                                label("", 18.0, INK),
                                Node {
                                    flex_grow: 1.0,
                                    flex_shrink: 1.0,
                                    ..default()
                                },
                            ));
                        });
                    }
                    p.spawn((
                        Node {
                            height: Val::Px(1.0),
                            margin: UiRect::vertical(Val::Px(4.0)),
                            ..default()
                        },
                        BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.15)),
                    ));
                    for i in 0..ROWS {
                        p.spawn((
                            Row(i),
                            Node {
                                padding: UiRect::axes(Val::Px(10.0), Val::Px(4.0)),
                                border_radius: BorderRadius::all(Val::Px(6.0)),
                                ..default()
                            },
                            BackgroundColor(Color::NONE),
                        ))
                        .with_children(|row| {
                            row.spawn((RowText(i), label("", 17.0, INK)));
                        });
                    }
                    p.spawn(Node {
                        column_gap: Val::Px(6.0),
                        align_items: AlignItems::Center,
                        margin: UiRect::top(Val::Px(4.0)),
                        ..default()
                    })
                    .with_children(|hints| {
                        hints.spawn(label("Enter", 14.0, INK));
                        hints.spawn(label("/", 14.0, DIM));
                        hints.spawn(small_button("A", BUTTON_A));
                        hints.spawn(label(
                            "say     Up Down / D-pad: choose     Esc /",
                            14.0,
                            DIM,
                        ));
                        hints.spawn(small_button("B", BUTTON_B));
                        hints.spawn(label("leave", 14.0, DIM));
                    });
                });
        });
}

fn small_button(letter: &str, color: Color) -> impl Bundle {
    (
        Node {
            width: Val::Px(18.0),
            height: Val::Px(18.0),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BackgroundColor(color),
        children![label(letter, 12.0, Color::WHITE)],
    )
}

/// Opens and closes the panel with the conversation.
fn show(talk: Res<Talk>, mut panel: Single<&mut Node, With<Panel>>) {
    let display = if talk.with.is_some() {
        Display::Flex
    } else {
        Display::None
    };
    if panel.display != display {
        panel.display = display;
    }
}

/// The villager's name, and what is going on: thinking, speaking, waiting for the model.
fn header(
    talk: Res<Talk>,
    time: Res<Time<Real>>,
    npcs: Query<(&Villager, Option<&PersonaHandle>, &Speech)>,
    personas: Res<Assets<Persona>>,
    status: Res<NatterStatus>,
    title: Single<(&mut Text, &mut TextColor), (With<Title>, Without<Status>)>,
    status_text: Single<&mut Text, With<Status>>,
) {
    let Some((villager, persona, speech)) = talk.with.and_then(|npc| npcs.get(npc).ok()) else {
        return;
    };
    let (title, mut color) = title.into_inner();
    set_text(title, &displayable(name_of(villager, persona, &personas)));
    color.set_if_neq(TextColor(villager.info().color));
    let dots = ".".repeat(1 + (time.elapsed_secs() * 3.0) as usize % 3);
    let line = match (&*status, &talk.error) {
        (_, Some(e)) => format!("could not answer: {}", displayable(e)),
        (NatterStatus::Ready, None) if speech.streaming && speech.text.is_empty() => {
            format!("thinking{dots}")
        }
        (NatterStatus::Ready, None) if speech.streaming => format!("speaking{dots}"),
        (NatterStatus::Failed(_), None) => "cannot talk".into(),
        (NatterStatus::Ready, None) => String::new(),
        (_, None) if talk.awaiting.is_some() => format!("waiting for the model{dots}"),
        (_, None) => String::new(),
    };
    set_text(status_text.into_inner(), &line);
}

/// The last lines of the villager's conversation: their chats with others, the greeting, the
/// player's lines, and the reply as it streams.
fn transcript(
    talk: Res<Talk>,
    npcs: Query<(&Villager, Option<&PersonaHandle>, &Speech, &Conversation)>,
    personas: Res<Assets<Persona>>,
    mut lines: Query<(&Line, &mut Node)>,
    mut speakers: Query<(&LineSpeaker, &mut Text, &mut TextColor), Without<LineText>>,
    mut texts: Query<(&LineText, &mut Text), Without<LineSpeaker>>,
) {
    let Some((villager, persona, speech, conversation)) =
        talk.with.and_then(|npc| npcs.get(npc).ok())
    else {
        return;
    };
    let me = name_of(villager, persona, &personas).to_string();
    let mut shown: Vec<(String, Color, String)> = conversation
        .turns
        .iter()
        .map(|turn| match &turn.speaker {
            Speaker::Player => ("You".to_string(), PLAYER_COLOR, turn.text.clone()),
            Speaker::Me => (me.clone(), villager.info().color, turn.text.clone()),
            Speaker::Named(name) => {
                let color = VILLAGERS
                    .iter()
                    .find(|v| v.name == name)
                    .map_or(DIM, |v| v.color);
                (name.clone(), color, turn.text.clone())
            }
        })
        .collect();
    if let Some(greeting) = &talk.greeting {
        shown.push((me.clone(), villager.info().color, greeting.clone()));
    }
    if speech.streaming && talk.awaiting == talk.with {
        let text = if speech.text.trim().is_empty() {
            "...".to_string()
        } else {
            speech.text.trim().to_string()
        };
        shown.push((me.clone(), villager.info().color, text));
    }
    let first = shown.len().saturating_sub(LINES);
    let shown = &shown[first..];
    for (line, mut node) in &mut lines {
        let display = if line.0 < shown.len() {
            Display::Flex
        } else {
            Display::None
        };
        if node.display != display {
            node.display = display;
        }
    }
    for (speaker, text, mut color) in &mut speakers {
        if let Some((name, c, _)) = shown.get(speaker.0) {
            set_text(text, &format!("{}:", displayable(name)));
            color.set_if_neq(TextColor(*c));
        }
    }
    for (line, text) in &mut texts {
        if let Some((_, _, said)) = shown.get(line.0) {
            // Long replies are cut for the panel; the bubble and stdout carry them whole.
            let said = displayable(said.trim());
            let said = if said.len() > 260 {
                format!("{}...", &said[..257])
            } else {
                said
            };
            set_text(text, &said);
        }
    }
}

/// The suggested lines and the typed line, the picked one highlighted.
fn rows(
    talk: Res<Talk>,
    time: Res<Time<Real>>,
    mut rows: Query<(&Row, &mut BackgroundColor)>,
    mut texts: Query<(&RowText, &mut Text, &mut TextColor)>,
) {
    if talk.with.is_none() {
        return;
    }
    let busy = talk.awaiting.is_some();
    for (row, mut background) in &mut rows {
        let color = if row.0 == talk.selected && !busy {
            SELECTED
        } else {
            Color::NONE
        };
        background.set_if_neq(BackgroundColor(color));
    }
    for (row, text, mut color) in &mut texts {
        let (value, c) = match talk.suggestions.get(row.0) {
            Some(s) => (
                format!("{}. {}", row.0 + 1, displayable(s)),
                if busy { DIM } else { INK },
            ),
            None if talk.input.is_empty() => ("> type your own line".to_string(), DIM),
            None => {
                let caret = if ((time.elapsed_secs() * 2.0) as u32).is_multiple_of(2) {
                    "_"
                } else {
                    " "
                };
                (format!("> {}{caret}", displayable(&talk.input)), INK)
            }
        };
        set_text(text, &value);
        color.set_if_neq(TextColor(c));
    }
}
