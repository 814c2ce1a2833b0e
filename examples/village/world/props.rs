//! The smaller things: the well, the merchant's cart, lamp posts, the bridge, crates.

use std::f32::consts::FRAC_PI_2;

use bevy::prelude::*;

use super::ground::{RIVER_HALF_WIDTH, river_z};
use super::{Collider, Flicker, Kit, site};

pub fn spawn(mut commands: Commands, kit: Res<Kit>) {
    well(&mut commands, &kit);
    cart(&mut commands, &kit);
    bridge(&mut commands, &kit);
    // Lamps along the road and around the plaza; only these few carry real lights.
    for (x, z) in [
        (2.4, -19.0),
        (-2.4, -10.0),
        (4.6, -3.0),
        (-4.6, 3.0),
        (2.4, 11.0),
    ] {
        lamp(&mut commands, &kit, x, z);
    }
    // Stacks of crates and sacks by the houses and the gate.
    for (x, z, yaw) in [(-3.8, -21.5, 10.0), (9.2, 10.5, -20.0), (-9.3, 10.5, 35.0)] {
        crates(&mut commands, &kit, x, z, yaw);
    }
}

/// The well in the middle of the plaza: a stone ring, water, a little roof on two posts, a
/// winch and a bucket.
fn well(commands: &mut Commands, kit: &Kit) {
    let m = &kit.m;
    commands
        .spawn((site(0.0, 0.0, 0.0), Collider::Circle(1.3)))
        .with_children(|b| {
            b.spawn(kit.part(
                &kit.cylinder,
                &m.stone,
                Vec3::Y * 0.45,
                Vec3::new(2.3, 0.9, 2.3),
            ));
            b.spawn(kit.part(
                &kit.torus,
                &m.dark_stone,
                Vec3::Y * 0.9,
                Vec3::new(2.2, 1.2, 2.2),
            ));
            b.spawn(kit.part(
                &kit.cylinder,
                &m.water,
                Vec3::Y * 0.8,
                Vec3::new(1.8, 0.02, 1.8),
            ));
            for x in [-1.05, 1.05] {
                b.spawn(kit.block(
                    &m.timber,
                    Vec3::new(x, 1.3, 0.0),
                    Vec3::new(0.16, 2.6, 0.16),
                ));
            }
            b.spawn(
                kit.shape(
                    &kit.log,
                    &m.wood,
                    Transform::from_xyz(0.0, 1.9, 0.0)
                        .with_rotation(Quat::from_rotation_z(FRAC_PI_2))
                        .with_scale(Vec3::new(0.16, 2.3, 0.16)),
                ),
            );
            b.spawn(kit.part(
                &kit.prism,
                &m.roof_red,
                Vec3::Y * 2.85,
                Vec3::new(2.8, 0.8, 1.7),
            ));
            b.spawn(kit.part(
                &kit.cylinder,
                &m.wood,
                Vec3::new(0.0, 1.35, 0.0),
                Vec3::new(0.32, 0.34, 0.32),
            ));
            b.spawn(kit.part(
                &kit.cylinder,
                &m.iron,
                Vec3::new(0.0, 1.6, 0.0),
                Vec3::new(0.02, 0.5, 0.02),
            ));
        });
}

/// Mira's cart: a bed on four spoked wheels under a striped canvas arch, shafts resting on
/// the ground, and her wares around it.
fn cart(commands: &mut Commands, kit: &Kit) {
    let m = &kit.m;
    commands
        .spawn((site(7.0, 5.2, -25.0), Collider::Box(Vec2::new(1.7, 1.0))))
        .with_children(|b| {
            b.spawn(kit.block(&m.planks, Vec3::Y * 0.95, Vec3::new(3.0, 0.18, 1.6)));
            for z in [-0.78, 0.78] {
                b.spawn(kit.block(&m.wood, Vec3::new(0.0, 1.2, z), Vec3::new(3.0, 0.35, 0.08)));
            }
            for (x, z) in [(-1.0, -0.9), (1.0, -0.9), (-1.0, 0.9), (1.0, 0.9)] {
                let wheel =
                    Transform::from_xyz(x, 0.55, z).with_rotation(Quat::from_rotation_x(FRAC_PI_2));
                b.spawn(kit.shape(
                    &kit.torus,
                    &m.timber,
                    wheel.with_scale(Vec3::new(1.1, 1.3, 1.1)),
                ));
                for i in 0..3 {
                    let spoke =
                        wheel * Transform::from_rotation(Quat::from_rotation_y(i as f32 * 1.047));
                    b.spawn(kit.shape(
                        &kit.cube,
                        &m.wood,
                        spoke.with_scale(Vec3::new(0.95, 0.06, 0.06)),
                    ));
                }
            }
            b.spawn(
                kit.shape(
                    &kit.log,
                    &m.iron,
                    Transform::from_xyz(-1.0, 0.55, 0.0)
                        .with_rotation(Quat::from_rotation_x(FRAC_PI_2))
                        .with_scale(Vec3::new(0.08, 1.9, 0.08)),
                ),
            );
            b.spawn(
                kit.shape(
                    &kit.log,
                    &m.iron,
                    Transform::from_xyz(1.0, 0.55, 0.0)
                        .with_rotation(Quat::from_rotation_x(FRAC_PI_2))
                        .with_scale(Vec3::new(0.08, 1.9, 0.08)),
                ),
            );
            // The canvas: cream with red bands.
            b.spawn(kit.part(
                &kit.arch,
                &m.canvas,
                Vec3::Y * 1.35,
                Vec3::new(2.6, 2.2, 1.7),
            ));
            for x in [-0.9, 0.0, 0.9] {
                b.spawn(kit.part(
                    &kit.arch,
                    &m.cloth_red,
                    Vec3::new(x, 1.34, 0.0),
                    Vec3::new(0.25, 2.24, 1.74),
                ));
            }
            // Shafts, down on the ground in front.
            for z in [-0.45, 0.45] {
                let shaft =
                    Transform::from_xyz(2.3, 0.55, z).with_rotation(Quat::from_rotation_z(0.3));
                b.spawn(kit.shape(
                    &kit.cube,
                    &m.wood,
                    shaft.with_scale(Vec3::new(1.9, 0.09, 0.09)),
                ));
            }
            // Wares: bolts of cloth on the bed, a chest and sacks beside.
            for (i, cloth) in [&m.cloth_blue, &m.cloth_gold, &m.cloth_red]
                .into_iter()
                .enumerate()
            {
                let roll = Transform::from_xyz(
                    -1.25 + i as f32 * 0.05,
                    1.2 + i as f32 * 0.18,
                    -0.3 + i as f32 * 0.25,
                )
                .with_rotation(Quat::from_rotation_x(FRAC_PI_2));
                b.spawn(kit.shape(
                    &kit.cylinder,
                    cloth,
                    roll.with_scale(Vec3::new(0.28, 1.2, 0.28)),
                ));
            }
            b.spawn(kit.block(&m.wood, Vec3::new(-0.6, 0.3, 1.5), Vec3::new(0.9, 0.6, 0.6)));
            b.spawn(kit.block(
                &m.iron,
                Vec3::new(-0.6, 0.45, 1.5),
                Vec3::new(0.92, 0.06, 0.62),
            ));
            b.spawn(kit.block(
                &m.cloth_gold,
                Vec3::new(-0.6, 0.62, 1.5),
                Vec3::new(0.5, 0.06, 0.4),
            ));
            for (x, z) in [(0.6, 1.4), (0.95, 1.6)] {
                b.spawn(kit.part(
                    &kit.sphere,
                    &m.canvas,
                    Vec3::new(x, 0.3, z),
                    Vec3::new(0.55, 0.65, 0.5),
                ));
            }
        });
}

/// A wooden bridge where the road crosses the river.
fn bridge(commands: &mut Commands, kit: &Kit) {
    let m = &kit.m;
    let z = river_z(0.0);
    let length = RIVER_HALF_WIDTH * 2.0 + 3.0;
    commands.spawn(site(0.0, z, 0.0)).with_children(|b| {
        b.spawn(kit.block(&m.planks, Vec3::Y * 0.12, Vec3::new(3.4, 0.2, length)));
        for x in [-1.6, 1.6] {
            b.spawn(kit.block(
                &m.timber,
                Vec3::new(x, 0.85, 0.0),
                Vec3::new(0.12, 0.1, length),
            ));
            for i in 0..5 {
                let pz = -length / 2.0 + 0.3 + i as f32 * (length - 0.6) / 4.0;
                b.spawn(kit.block(&m.timber, Vec3::new(x, 0.5, pz), Vec3::new(0.14, 0.8, 0.14)));
            }
        }
        for pz in [-1.2, 1.2] {
            b.spawn(kit.part(
                &kit.log,
                &m.timber,
                Vec3::new(0.0, -0.4, pz),
                Vec3::new(0.3, 1.0, 0.3),
            ));
        }
    });
    // The railings keep the player on the deck.
    for x in [-1.8, 1.8] {
        commands.spawn((
            Collider::Box(Vec2::new(0.15, length / 2.0)),
            Transform::from_xyz(x, 0.0, z),
        ));
    }
}

/// An iron lamp post with a glowing lantern and a small warm light.
fn lamp(commands: &mut Commands, kit: &Kit, x: f32, z: f32) {
    let m = &kit.m;
    commands
        .spawn((site(x, z, 0.0), Collider::Circle(0.25)))
        .with_children(|b| {
            b.spawn(kit.part(&kit.log, &m.iron, Vec3::Y * 1.6, Vec3::new(0.12, 3.2, 0.12)));
            b.spawn(kit.part(
                &kit.cylinder,
                &m.dark_stone,
                Vec3::Y * 0.15,
                Vec3::new(0.4, 0.3, 0.4),
            ));
            b.spawn(kit.block(&m.lantern, Vec3::Y * 3.35, Vec3::new(0.3, 0.4, 0.3)));
            b.spawn(kit.part(
                &kit.pyramid,
                &m.iron,
                Vec3::Y * 3.7,
                Vec3::new(0.5, 0.3, 0.5),
            ));
            b.spawn((
                PointLight {
                    color: Color::srgb(1.0, 0.78, 0.45),
                    intensity: 60_000.0,
                    range: 9.0,
                    ..default()
                },
                Flicker {
                    base: 60_000.0,
                    phase: x * 3.1 + z,
                },
                Transform::from_xyz(0.0, 3.3, 0.0),
            ));
        });
}

/// A stack of crates with a sack on top.
fn crates(commands: &mut Commands, kit: &Kit, x: f32, z: f32, yaw: f32) {
    let m = &kit.m;
    commands
        .spawn((site(x, z, yaw), Collider::Box(Vec2::new(1.0, 0.6))))
        .with_children(|b| {
            b.spawn(kit.block(&m.wood, Vec3::new(-0.4, 0.35, 0.0), Vec3::splat(0.7)));
            b.spawn(kit.block(&m.planks, Vec3::new(0.4, 0.3, 0.1), Vec3::splat(0.6)));
            b.spawn(kit.block(&m.planks, Vec3::new(-0.3, 0.95, 0.05), Vec3::splat(0.5)));
            b.spawn(kit.part(
                &kit.sphere,
                &m.canvas,
                Vec3::new(0.45, 0.8, 0.1),
                Vec3::new(0.45, 0.45, 0.4),
            ));
        });
}
