//! Trees, bushes and rocks, scattered from a fixed seed: a forest on the hills outside the
//! palisade, a few shade trees inside.

use bevy::prelude::*;

use super::ground::{RIVER_HALF_WIDTH, height, river_z};
use super::{Collider, Kit, scatter};
use crate::rng::Rng;

/// Places inside the palisade that trees must keep clear of: buildings, the plaza, the road,
/// the villagers' spots (centre, radius).
const CLEAR: &[(Vec2, f32)] = &[
    (Vec2::new(0.0, 0.0), 8.0),
    (Vec2::new(-11.5, -8.5), 6.0),
    (Vec2::new(12.0, -8.5), 7.0),
    (Vec2::new(7.0, 5.2), 4.5),
    (Vec2::new(-12.5, 7.5), 5.0),
    (Vec2::new(13.0, 8.5), 5.0),
    (Vec2::new(-12.0, -18.0), 5.0),
    (Vec2::new(13.5, -19.0), 5.5),
    (Vec2::new(-9.0, 24.0), 4.5),
    (Vec2::new(11.0, 23.5), 4.5),
    (Vec2::new(0.0, -22.0), 6.0),
];

pub fn spawn(mut commands: Commands, kit: Res<Kit>) {
    let mut rng = Rng::new(2024);
    // Inside: a handful of broad oaks, off the road and out of the river.
    let mut inside: Vec<(Vec2, f32)> = CLEAR.to_vec();
    for _ in 0..9 {
        let area = Rect::new(-24.0, -22.0, 24.0, 25.0);
        let Some(p) = scatter(&mut rng, area, &inside, 40) else {
            continue;
        };
        if p.x.abs() < 3.5 || (p.y - river_z(p.x)).abs() < RIVER_HALF_WIDTH + 1.5 {
            continue;
        }
        oak(&mut commands, &kit, &mut rng, p, true);
        inside.push((p, 4.0));
    }
    // Outside: a forest, mostly pines on the hills, leaving the road out of the gate clear.
    let mut placed: Vec<(Vec2, f32)> = Vec::new();
    for _ in 0..160 {
        let p = Vec2::new(rng.range(-80.0, 80.0), rng.range(-80.0, 80.0));
        let outside = p.x.abs() > 30.0 || p.y.abs() > 29.5;
        let on_road = p.x.abs() < 4.0;
        let in_river = (p.y - river_z(p.x)).abs() < RIVER_HALF_WIDTH + 1.0;
        if !outside || on_road || in_river || placed.iter().any(|(c, r)| p.distance(*c) < *r) {
            continue;
        }
        if rng.unit() < 0.65 {
            pine(&mut commands, &kit, &mut rng, p);
        } else {
            oak(&mut commands, &kit, &mut rng, p, false);
        }
        placed.push((p, 3.0));
    }
    // Bushes and rocks fill the gaps along the palisade.
    for _ in 0..40 {
        let Some(p) = scatter(&mut rng, Rect::new(-26.0, -24.0, 26.0, 26.0), &inside, 20) else {
            continue;
        };
        let near_wall = p.x.abs() > 22.0 || p.y < -20.0 || p.y > 23.0;
        if !near_wall || p.x.abs() < 3.5 || (p.y - river_z(p.x)).abs() < RIVER_HALF_WIDTH + 0.8 {
            continue;
        }
        if rng.unit() < 0.7 {
            let s = rng.range(0.6, 1.2);
            commands.spawn(kit.part(
                &kit.sphere,
                &kit.m.leaves_light,
                Vec3::new(p.x, 0.25 * s, p.y),
                Vec3::new(1.3, 0.9, 1.1) * s,
            ));
        } else {
            let s = rng.range(0.4, 0.9);
            commands.spawn(kit.part(
                &kit.sphere,
                &kit.m.stone,
                Vec3::new(p.x, 0.1, p.y),
                Vec3::new(1.2, 0.6, 1.0) * s,
            ));
        }
    }
}

/// A broad tree: a trunk and three overlapping leaf clusters.
fn oak(commands: &mut Commands, kit: &Kit, rng: &mut Rng, p: Vec2, solid: bool) {
    let s = rng.range(0.85, 1.3);
    let leaves = if rng.unit() < 0.5 {
        &kit.m.leaves
    } else {
        &kit.m.leaves_light
    };
    let mut tree = commands.spawn((
        Transform::from_xyz(p.x, height(p) - 0.1, p.y)
            .with_rotation(Quat::from_rotation_y(rng.range(0.0, std::f32::consts::TAU)))
            .with_scale(Vec3::splat(s)),
        Visibility::default(),
    ));
    if solid {
        tree.insert(Collider::Circle(0.45 * s));
    }
    tree.with_children(|t| {
        t.spawn(kit.part(
            &kit.log,
            &kit.m.bark,
            Vec3::Y * 1.3,
            Vec3::new(0.45, 2.6, 0.45),
        ));
        t.spawn(kit.part(
            &kit.sphere,
            leaves,
            Vec3::new(0.0, 3.4, 0.0),
            Vec3::new(3.2, 2.6, 3.0),
        ));
        t.spawn(kit.part(
            &kit.sphere,
            leaves,
            Vec3::new(0.9, 3.0, 0.4),
            Vec3::new(2.2, 1.8, 2.0),
        ));
        t.spawn(kit.part(
            &kit.sphere,
            &kit.m.leaves,
            Vec3::new(-0.8, 3.1, -0.5),
            Vec3::new(2.2, 1.9, 2.1),
        ));
    });
}

/// A pine: a trunk and three stacked cones.
fn pine(commands: &mut Commands, kit: &Kit, rng: &mut Rng, p: Vec2) {
    let s = rng.range(0.9, 1.6);
    commands
        .spawn((
            Transform::from_xyz(p.x, height(p) - 0.1, p.y).with_scale(Vec3::new(
                s,
                s * rng.range(0.9, 1.2),
                s,
            )),
            Visibility::default(),
        ))
        .with_children(|t| {
            t.spawn(kit.part(
                &kit.log,
                &kit.m.bark,
                Vec3::Y * 0.8,
                Vec3::new(0.35, 1.6, 0.35),
            ));
            for (y, w, h) in [(2.0, 2.8, 2.4), (3.3, 2.2, 2.1), (4.5, 1.5, 1.8)] {
                t.spawn(kit.part(&kit.cone, &kit.m.pine, Vec3::Y * y, Vec3::new(w, h, w)));
            }
        });
}
