//! Name tags and speech bubbles over the villagers' heads: UI nodes placed each frame where
//! the head projects on screen (`Camera::world_to_viewport`), so they stay crisp at any
//! distance and need no world-space text.

use bevy::prelude::*;
use bevy_natter::prelude::*;

use super::{INK, displayable, label, set_text};
use crate::npcs::{Chatter, Speech, Villager, name_of};
use crate::player::{FollowCamera, Movement, Player};
use crate::talk::Talk;

pub fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            spawn,
            (decide, fill, place)
                .chain()
                .after(Movement)
                .after(NatterSystems::Generate),
        ),
    );
}

/// How far from the player a name tag shows, and a speech bubble.
const NAME_RANGE: f32 = 14.0;
const SPEECH_RANGE: f32 = 40.0;
/// The widest a bubble's text runs before it wraps.
const BUBBLE_WIDTH: f32 = 300.0;
/// Above the head (and the tallest hat).
const HEAD_HEIGHT: f32 = 2.35;

#[derive(Component)]
struct Bubble {
    npc: Entity,
    /// Whether it shows words this frame (else just the name).
    speaking: bool,
}

#[derive(Component)]
struct BubbleName;

#[derive(Component)]
struct BubbleText;

/// One bubble per villager, made when the villager appears.
fn spawn(mut commands: Commands, npcs: Query<(Entity, &Villager), Added<Villager>>) {
    for (npc, villager) in &npcs {
        commands
            .spawn((
                Bubble {
                    npc,
                    speaking: false,
                },
                Node {
                    position_type: PositionType::Absolute,
                    max_width: Val::Px(BUBBLE_WIDTH + 20.0),
                    flex_direction: FlexDirection::Column,
                    align_items: AlignItems::Center,
                    padding: UiRect::axes(Val::Px(10.0), Val::Px(5.0)),
                    border_radius: BorderRadius::all(Val::Px(10.0)),
                    ..default()
                },
                BackgroundColor(Color::srgba(0.07, 0.065, 0.06, 0.55)),
                Visibility::Hidden,
            ))
            .with_children(|b| {
                b.spawn((
                    BubbleName,
                    label(villager.info().name, 15.0, villager.info().color),
                ));
                // The text has its own width limit: measured against the window's width it
                // would wrap too little and overflow the bubble's background.
                b.spawn((
                    BubbleText,
                    label("", 17.0, INK),
                    TextLayout::justify(Justify::Center),
                    Node {
                        display: Display::None,
                        max_width: Val::Px(BUBBLE_WIDTH),
                        ..default()
                    },
                ));
            });
    }
}

/// Decides which bubbles show words: while the villager speaks and a while after; and a line
/// stays up while the player talks with them, or while the villager they said it to answers.
fn decide(
    time: Res<Time<Real>>,
    talk: Res<Talk>,
    chatter: Res<Chatter>,
    speech: Query<&Speech>,
    mut bubbles: Query<(&mut Bubble, &mut BackgroundColor)>,
) {
    let now = time.elapsed_secs();
    for (mut bubble, mut background) in &mut bubbles {
        let Ok(said) = speech.get(bubble.npc) else {
            continue;
        };
        let answering = chatter
            .partner_of(bubble.npc)
            .and_then(|partner| speech.get(partner).ok())
            .is_some_and(|partner| partner.streaming);
        let holding = talk.with == Some(bubble.npc) || answering;
        bubble.speaking = said.visible(now) || (holding && !said.text.is_empty());
        let alpha = if bubble.speaking { 0.88 } else { 0.55 };
        background.set_if_neq(BackgroundColor(Color::srgba(0.07, 0.065, 0.06, alpha)));
    }
}

/// Fills each bubble: the name always, the words when it speaks (dots while the model has
/// not produced any yet).
fn fill(
    time: Res<Time<Real>>,
    npcs: Query<(&Villager, Option<&PersonaHandle>, &Speech)>,
    personas: Res<Assets<Persona>>,
    bubbles: Query<(&Bubble, &Children)>,
    mut names: Query<&mut Text, (With<BubbleName>, Without<BubbleText>)>,
    mut words: Query<(&mut Text, &mut Node), (With<BubbleText>, Without<BubbleName>)>,
) {
    let now = time.elapsed_secs();
    for (bubble, children) in &bubbles {
        let Ok((villager, persona, speech)) = npcs.get(bubble.npc) else {
            continue;
        };
        for child in children.iter() {
            if let Ok(name) = names.get_mut(child) {
                set_text(name, &displayable(name_of(villager, persona, &personas)));
            }
            if let Ok((text, mut node)) = words.get_mut(child) {
                let display = if bubble.speaking {
                    Display::Flex
                } else {
                    Display::None
                };
                if node.display != display {
                    node.display = display;
                }
                if bubble.speaking {
                    let said = tail(&displayable(speech.text.trim()));
                    let value = if said.is_empty() {
                        ".".repeat(1 + (now * 3.0) as usize % 3)
                    } else {
                        said
                    };
                    set_text(text, &value);
                }
            }
        }
    }
}

/// The end of a long line: a bubble shows the latest words, the panel has the whole reply.
fn tail(said: &str) -> String {
    const MAX: usize = 150;
    if said.len() <= MAX {
        return said.to_string();
    }
    // `said` is ASCII (see `displayable`), so any byte index is a character boundary.
    let cut = said.len() - MAX;
    let cut = said[cut..].find(' ').map_or(cut, |space| cut + space + 1);
    format!("...{}", &said[cut..])
}

/// Puts each bubble above its villager's head on screen, centred; hides it behind the camera
/// or too far away. The camera moved this frame already, so its `Transform` is the truth (its
/// `GlobalTransform` catches up later in the frame).
fn place(
    camera: Single<(&Camera, &Transform), With<FollowCamera>>,
    player: Single<&Transform, (With<Player>, Without<FollowCamera>)>,
    npcs: Query<&Transform, (With<Villager>, Without<FollowCamera>, Without<Player>)>,
    mut bubbles: Query<(&Bubble, &mut Node, &mut Visibility, &ComputedNode)>,
) {
    let (camera, eye) = camera.into_inner();
    let eye_global = GlobalTransform::from(*eye);
    for (bubble, mut node, mut visibility, computed) in &mut bubbles {
        let Ok(npc) = npcs.get(bubble.npc) else {
            continue;
        };
        let head = npc.translation + Vec3::Y * HEAD_HEIGHT;
        let distance = npc.translation.distance(player.translation);
        let range = if bubble.speaking {
            SPEECH_RANGE
        } else {
            NAME_RANGE
        };
        let at = camera
            .world_to_viewport(&eye_global, head)
            .ok()
            .filter(|_| distance < range);
        let Some(at) = at else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        visibility.set_if_neq(Visibility::Inherited);
        // The node's size is from the last layout, in physical pixels.
        let size = computed.size() * computed.inverse_scale_factor;
        // Kept on screen: a long line near the top edge hangs down over the head instead.
        let screen = camera
            .logical_viewport_size()
            .unwrap_or(Vec2::new(1280.0, 800.0));
        let x = (at.x - size.x / 2.0).clamp(8.0, (screen.x - size.x - 8.0).max(8.0));
        let y = (at.y - size.y).max(8.0);
        let (left, top) = (Val::Px(x.round()), Val::Px(y.round()));
        if node.left != left || node.top != top {
            node.left = left;
            node.top = top;
        }
    }
}
