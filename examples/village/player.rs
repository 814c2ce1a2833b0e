//! The player: walking (keyboard or gamepad), bumping into things, the follow camera, and which
//! villager is close enough to talk to.

use bevy::prelude::*;

use crate::npcs::{Look, Villager, spawn_figure};
use crate::talk::Talk;
use crate::world::{BOUNDS, Collider, Kit, PLAYER_START};

pub struct PlayerPlugin;

impl Plugin for PlayerPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Nearby>()
            .add_systems(Startup, spawn_player)
            .add_systems(
                Update,
                (walk, collide, find_nearby, follow_camera)
                    .chain()
                    .in_set(Movement),
            );
    }
}

/// The player's movement and the camera; scripts that teleport the player run before it.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Movement;

#[derive(Component)]
#[require(Visibility)]
pub struct Player;

/// The closest villager within talking distance, if any.
#[derive(Resource, Default)]
pub struct Nearby(pub Option<Entity>);

/// How close the player must be to talk, in metres.
pub const TALK_RANGE: f32 = 2.8;
const RADIUS: f32 = 0.35;
const WALK_SPEED: f32 = 4.5;
const RUN_SPEED: f32 = 7.5;

/// A camera that trails the player from behind and above; while a conversation is open it
/// swings round to frame both speakers.
#[derive(Component)]
pub struct FollowCamera {
    /// Turn around the player (radians); Z/C or the right stick change it.
    pub yaw: f32,
    pub pitch: f32,
    pub distance: f32,
    /// The point the camera looks at, eased towards its goal.
    focus: Vec3,
    /// Set by scripts after a teleport: jump to the goal instead of easing.
    pub snap: bool,
}

fn spawn_player(
    mut commands: Commands,
    kit: Res<Kit>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let player = commands
        .spawn((
            Player,
            Name::new("Player"),
            Transform::from_translation(PLAYER_START).looking_to(Vec3::Z, Vec3::Y),
        ))
        .id();
    spawn_figure(
        &mut commands,
        &kit,
        &mut materials,
        player,
        Look::Traveller,
        0.4,
    );
    commands.spawn((
        Camera3d::default(),
        // Facing south from behind the player, down the road to the plaza.
        FollowCamera {
            yaw: std::f32::consts::PI,
            pitch: 0.38,
            distance: 8.0,
            focus: PLAYER_START,
            snap: true,
        },
        Transform::from_translation(PLAYER_START + Vec3::new(0.0, 4.0, -8.0))
            .looking_at(PLAYER_START, Vec3::Y),
        DistanceFog {
            color: crate::world::SKY,
            falloff: FogFalloff::Linear {
                start: 45.0,
                end: 120.0,
            },
            ..default()
        },
    ));
}

/// The stick or keys as a direction on the ground, relative to where the camera looks.
fn walk(
    time: Res<Time>,
    keys: Res<ButtonInput<KeyCode>>,
    pads: Query<&Gamepad>,
    talk: Res<Talk>,
    mut camera: Single<&mut FollowCamera>,
    mut player: Single<&mut Transform, With<Player>>,
) {
    // Typing into the panel must not walk the player around.
    if talk.with.is_some() {
        return;
    }
    let dt = time.delta_secs();
    let key = |codes: [KeyCode; 2]| if keys.any_pressed(codes) { 1.0 } else { 0.0 };
    let mut input = Vec2::new(
        key([KeyCode::KeyD, KeyCode::ArrowRight]) - key([KeyCode::KeyA, KeyCode::ArrowLeft]),
        key([KeyCode::KeyW, KeyCode::ArrowUp]) - key([KeyCode::KeyS, KeyCode::ArrowDown]),
    );
    let mut turn = key([KeyCode::KeyC, KeyCode::KeyC]) - key([KeyCode::KeyZ, KeyCode::KeyZ]);
    let mut run = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    for pad in &pads {
        let stick = pad.left_stick();
        if stick.length() > 0.15 {
            input += stick;
        }
        let right = pad.right_stick();
        if right.x.abs() > 0.15 {
            turn += right.x;
        }
        run |=
            pad.pressed(GamepadButton::LeftTrigger2) || pad.pressed(GamepadButton::RightTrigger2);
    }
    camera.yaw -= turn * 2.0 * dt;
    let input = input.clamp_length_max(1.0);
    if input == Vec2::ZERO {
        return;
    }
    // The camera sits at `yaw` around the player, so "forward" points away from it.
    let forward = -Vec3::new(camera.yaw.sin(), 0.0, camera.yaw.cos());
    let right = forward.cross(Vec3::Y);
    let direction = forward * input.y + right * input.x;
    let speed = if run { RUN_SPEED } else { WALK_SPEED };
    player.translation += direction * speed * dt;
    let goal = Transform::IDENTITY.looking_to(direction, Vec3::Y).rotation;
    let k = 1.0 - (-12.0 * dt).exp();
    player.rotation = player.rotation.slerp(goal, k);
}

/// Pushes the player out of anything solid, and keeps them inside the palisade.
fn collide(
    mut player: Single<&mut Transform, With<Player>>,
    solids: Query<(&Collider, &GlobalTransform), Without<Player>>,
) {
    let mut p = player.translation.xz();
    for (collider, at) in &solids {
        let (_, rotation, center) = at.to_scale_rotation_translation();
        let center = center.xz();
        match *collider {
            Collider::Circle(r) => {
                let d = p - center;
                let min = r + RADIUS;
                if d.length_squared() < min * min && d != Vec2::ZERO {
                    p = center + d.normalize() * min;
                }
            }
            Collider::Box(half) => {
                // Into the box's frame, out along the shallowest side, and back.
                let yaw = rotation.to_euler(EulerRot::YXZ).0;
                let local = Vec2::from_angle(yaw).rotate(p - center);
                let reach = half + Vec2::splat(RADIUS);
                let pen = reach - local.abs();
                if pen.x > 0.0 && pen.y > 0.0 {
                    let mut out = local;
                    if pen.x < pen.y {
                        out.x = reach.x * local.x.signum();
                    } else {
                        out.y = reach.y * local.y.signum();
                    }
                    p = center + Vec2::from_angle(-yaw).rotate(out);
                }
            }
        }
    }
    p = p.clamp(BOUNDS.min, BOUNDS.max);
    player.translation.x = p.x;
    player.translation.z = p.y;
}

fn find_nearby(
    mut nearby: ResMut<Nearby>,
    player: Single<&Transform, With<Player>>,
    npcs: Query<(Entity, &Transform), (With<Villager>, Without<Player>)>,
) {
    nearby.0 = npcs
        .iter()
        .map(|(e, t)| (e, t.translation.distance(player.translation)))
        .filter(|(_, d)| *d < TALK_RANGE)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(e, _)| e);
}

/// Eases the camera towards its goal. Walking, it trails the player; talking, it looks over
/// the player's shoulder at the villager, from a little to the side, so both faces, the
/// bubble and the panel fit on screen.
fn follow_camera(
    time: Res<Time>,
    talk: Res<Talk>,
    player: Single<&Transform, (With<Player>, Without<FollowCamera>)>,
    npcs: Query<&Transform, (With<Villager>, Without<FollowCamera>, Without<Player>)>,
    camera: Single<(&mut Transform, &mut FollowCamera)>,
) {
    let (mut transform, mut camera) = camera.into_inner();
    let head = player.translation + Vec3::Y * 1.5;
    let (focus, eye) = match talk.with.and_then(|npc| npcs.get(npc).ok()) {
        Some(npc) => {
            // Aimed at chest height, so the heads sit in the upper part of the screen, above
            // the panel, with room for the bubble over them.
            let (me, them) = (player.translation, npc.translation);
            let across = (them - me).with_y(0.0).normalize_or(Vec3::Z);
            let side = across.cross(Vec3::Y);
            let focus = me.lerp(them, 0.55) + Vec3::Y * 0.8;
            (focus, me - across * 3.4 + side * 3.2 + Vec3::Y * 2.0)
        }
        None => {
            let back = Vec3::new(
                camera.yaw.sin() * camera.pitch.cos(),
                camera.pitch.sin(),
                camera.yaw.cos() * camera.pitch.cos(),
            );
            (head, head + back * camera.distance)
        }
    };
    let k = if camera.snap {
        1.0
    } else {
        1.0 - (-4.0 * time.delta_secs()).exp()
    };
    camera.snap = false;
    camera.focus = camera.focus.lerp(focus, k);
    transform.translation = transform.translation.lerp(eye, k);
    let focus = camera.focus;
    transform.look_at(focus, Vec3::Y);
}
