//! The people: a capsule body, a round head with eyes (so you can tell where they look), and
//! what marks each trade — an apron, a helmet and spear, a wide hat, a backpack.

use bevy::prelude::*;

use crate::world::Kit;

/// Whose figure this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Smith,
    Innkeeper,
    Guard,
    Merchant,
    Traveller,
}

/// The animated part of a person (a child of the entity that moves and turns): it bobs and
/// sways around its parent, on its own phase.
#[derive(Component)]
pub struct Figure {
    pub phase: f32,
}

/// Builds a figure under `parent`, facing the parent's −Z.
pub fn spawn_figure(
    commands: &mut Commands,
    kit: &Kit,
    materials: &mut Assets<StandardMaterial>,
    parent: Entity,
    look: Look,
    phase: f32,
) {
    let mut matte = |r: f32, g: f32, b: f32| {
        materials.add(StandardMaterial {
            base_color: Color::srgb(r, g, b),
            perceptual_roughness: 0.85,
            ..default()
        })
    };
    let skin = matte(0.93, 0.74, 0.60);
    let dark = matte(0.08, 0.07, 0.07);
    let (tunic, belly) = match look {
        Look::Smith => (matte(0.62, 0.22, 0.14), 1.05),
        Look::Innkeeper => (matte(0.28, 0.52, 0.30), 1.25),
        Look::Guard => (matte(0.26, 0.34, 0.58), 1.0),
        Look::Merchant => (matte(0.52, 0.26, 0.64), 0.95),
        Look::Traveller => (matte(0.20, 0.44, 0.72), 1.0),
    };
    let boots = matte(0.25, 0.17, 0.11);
    let m = &kit.m;
    commands
        .spawn((
            Figure { phase },
            Transform::default(),
            Visibility::default(),
            ChildOf(parent),
        ))
        .with_children(|f| {
            // Boots, body, arms, head, eyes and nose.
            for x in [-0.12, 0.12] {
                f.spawn(kit.block(
                    &boots,
                    Vec3::new(x, 0.06, -0.03),
                    Vec3::new(0.16, 0.12, 0.28),
                ));
            }
            f.spawn(kit.part(
                &kit.sphere,
                &tunic,
                Vec3::Y * 0.78,
                Vec3::new(0.6 * belly, 1.3, 0.5 * belly),
            ));
            for x in [-1.0, 1.0] {
                let arm = Transform::from_xyz(x * 0.33 * belly, 0.86, 0.0)
                    .with_rotation(Quat::from_rotation_z(x * 0.18));
                f.spawn(kit.shape(
                    &kit.sphere,
                    &tunic,
                    arm.with_scale(Vec3::new(0.16, 0.7, 0.16)),
                ));
                f.spawn(kit.part(
                    &kit.sphere,
                    &skin,
                    Vec3::new(x * 0.39 * belly, 0.52, 0.0),
                    Vec3::splat(0.12),
                ));
            }
            f.spawn(kit.part(&kit.sphere, &skin, Vec3::Y * 1.58, Vec3::splat(0.44)));
            for x in [-0.08, 0.08] {
                f.spawn(kit.part(
                    &kit.sphere,
                    &dark,
                    Vec3::new(x, 1.62, -0.19),
                    Vec3::splat(0.06),
                ));
            }
            f.spawn(kit.part(
                &kit.sphere,
                &skin,
                Vec3::new(0.0, 1.56, -0.22),
                Vec3::new(0.07, 0.09, 0.08),
            ));
            match look {
                Look::Smith => {
                    // Auburn hair in a bun, and a leather apron.
                    let hair = matte(0.55, 0.22, 0.10);
                    f.spawn(kit.part(
                        &kit.sphere,
                        &hair,
                        Vec3::new(0.0, 1.65, 0.04),
                        Vec3::new(0.47, 0.4, 0.44),
                    ));
                    f.spawn(kit.part(
                        &kit.sphere,
                        &hair,
                        Vec3::new(0.0, 1.72, 0.23),
                        Vec3::splat(0.18),
                    ));
                    f.spawn(kit.block(
                        &m.timber,
                        Vec3::new(0.0, 0.72, -0.25),
                        Vec3::new(0.42, 0.8, 0.04),
                    ));
                }
                Look::Innkeeper => {
                    // Bald, a white beard, a white apron over the round belly.
                    let white = matte(0.92, 0.92, 0.88);
                    f.spawn(kit.part(
                        &kit.sphere,
                        &white,
                        Vec3::new(0.0, 1.46, -0.13),
                        Vec3::new(0.3, 0.26, 0.2),
                    ));
                    f.spawn(kit.block(
                        &white,
                        Vec3::new(0.0, 0.65, -0.3),
                        Vec3::new(0.5, 0.7, 0.04),
                    ));
                }
                Look::Guard => {
                    // An iron helmet and a spear.
                    f.spawn(kit.part(
                        &kit.sphere,
                        &m.iron,
                        Vec3::Y * 1.68,
                        Vec3::new(0.48, 0.34, 0.48),
                    ));
                    f.spawn(kit.part(&kit.cone, &m.iron, Vec3::Y * 1.9, Vec3::new(0.1, 0.2, 0.1)));
                    f.spawn(kit.part(
                        &kit.log,
                        &m.wood,
                        Vec3::new(0.45, 1.1, -0.05),
                        Vec3::new(0.05, 2.2, 0.05),
                    ));
                    f.spawn(kit.part(
                        &kit.cone,
                        &m.iron,
                        Vec3::new(0.45, 2.32, -0.05),
                        Vec3::new(0.1, 0.28, 0.1),
                    ));
                }
                Look::Merchant => {
                    // A wide hat and a golden sash.
                    let hat = matte(0.36, 0.14, 0.42);
                    f.spawn(kit.part(
                        &kit.cylinder,
                        &hat,
                        Vec3::Y * 1.76,
                        Vec3::new(0.8, 0.03, 0.8),
                    ));
                    f.spawn(kit.part(&kit.cone, &hat, Vec3::Y * 1.95, Vec3::new(0.36, 0.4, 0.36)));
                    f.spawn(kit.part(
                        &kit.torus,
                        &m.cloth_gold,
                        Vec3::Y * 0.82,
                        Vec3::new(0.58, 0.5, 0.5),
                    ));
                }
                Look::Traveller => {
                    // A hood, a cloak and a pack: someone from far away.
                    let cloak = matte(0.40, 0.28, 0.18);
                    f.spawn(kit.part(
                        &kit.sphere,
                        &cloak,
                        Vec3::new(0.0, 1.64, 0.05),
                        Vec3::new(0.48, 0.44, 0.46),
                    ));
                    f.spawn(kit.block(
                        &cloak,
                        Vec3::new(0.0, 0.85, 0.24),
                        Vec3::new(0.5, 1.0, 0.06),
                    ));
                    f.spawn(kit.block(
                        &m.wood,
                        Vec3::new(0.0, 1.05, 0.33),
                        Vec3::new(0.4, 0.5, 0.22),
                    ));
                }
            }
        });
}
