//! Houses, the forge, the inn, and the palisade with its gate.

use std::f32::consts::FRAC_PI_2;

use bevy::prelude::*;

use super::{Collider, Flicker, Kit, site};
use crate::rng::Rng;

pub fn spawn(mut commands: Commands, mut meshes: ResMut<Assets<Mesh>>, kit: Res<Kit>) {
    let m = &kit.m;
    // Cottages around the plaza and along the road; their doors face the road.
    let houses = [
        (
            -12.5,
            7.5,
            90.0,
            House {
                width: 6.0,
                depth: 4.5,
                walls: 2.6,
                storeys: 1,
                roof: &m.roof_red,
                plaster: &m.plaster,
            },
        ),
        (
            13.0,
            8.5,
            -90.0,
            House {
                width: 5.5,
                depth: 4.5,
                walls: 2.5,
                storeys: 1,
                roof: &m.thatch,
                plaster: &m.plaster_warm,
            },
        ),
        (
            -12.0,
            -18.0,
            90.0,
            House {
                width: 5.0,
                depth: 4.0,
                walls: 2.5,
                storeys: 1,
                roof: &m.roof_brown,
                plaster: &m.plaster,
            },
        ),
        (
            13.5,
            -19.0,
            -90.0,
            House {
                width: 6.5,
                depth: 4.5,
                walls: 2.4,
                storeys: 2,
                roof: &m.roof_red,
                plaster: &m.plaster,
            },
        ),
        (
            -9.0,
            24.0,
            180.0,
            House {
                width: 5.5,
                depth: 4.5,
                walls: 2.6,
                storeys: 1,
                roof: &m.thatch,
                plaster: &m.plaster_warm,
            },
        ),
        (
            11.0,
            23.5,
            180.0,
            House {
                width: 6.0,
                depth: 4.0,
                walls: 2.5,
                storeys: 1,
                roof: &m.roof_brown,
                plaster: &m.plaster,
            },
        ),
    ];
    for (x, z, yaw, house) in houses {
        house.spawn(&mut commands, &kit, site(x, z, yaw));
    }
    inn(&mut commands, &kit);
    forge(&mut commands, &kit);
    palisade(&mut commands, &mut meshes, &kit);
}

/// A timber-framed cottage: stone footing, plastered walls with dark beams, a pitched roof, a
/// chimney, a door on the front (local +Z) and lit windows.
struct House<'a> {
    width: f32,
    depth: f32,
    /// Height of one storey's walls.
    walls: f32,
    storeys: u32,
    roof: &'a Handle<StandardMaterial>,
    plaster: &'a Handle<StandardMaterial>,
}

impl House<'_> {
    fn spawn(&self, commands: &mut Commands, kit: &Kit, at: impl Bundle) -> Entity {
        let m = &kit.m;
        let (w, d) = (self.width, self.depth);
        let h = self.walls * self.storeys as f32;
        let footing = 0.3;
        let roof_h = 0.55 * d;
        commands
            .spawn((at, Collider::Box(Vec2::new(w / 2.0 + 0.2, d / 2.0 + 0.2))))
            .with_children(|b| {
                b.spawn(kit.block(
                    &m.stone,
                    Vec3::Y * footing / 2.0,
                    Vec3::new(w + 0.3, footing, d + 0.3),
                ));
                b.spawn(kit.block(
                    self.plaster,
                    Vec3::Y * (footing + h / 2.0),
                    Vec3::new(w, h, d),
                ));
                // Corner posts and a beam between storeys: the timber frame.
                for (x, z) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
                    let at = Vec3::new(
                        x * (w / 2.0 - 0.05),
                        footing + h / 2.0,
                        z * (d / 2.0 - 0.05),
                    );
                    b.spawn(kit.block(&m.timber, at, Vec3::new(0.22, h, 0.22)));
                }
                for s in 1..=self.storeys {
                    let y = footing + self.walls * s as f32 - 0.08;
                    b.spawn(kit.block(&m.timber, Vec3::Y * y, Vec3::new(w + 0.06, 0.18, d + 0.06)));
                }
                // Roof, ridge along the width, overhanging the walls.
                let top = footing + h;
                b.spawn(kit.part(
                    &kit.prism,
                    self.roof,
                    Vec3::Y * (top + roof_h / 2.0),
                    Vec3::new(w + 0.7, roof_h, d + 0.9),
                ));
                b.spawn(kit.block(
                    &m.dark_stone,
                    Vec3::new(w * 0.28, top + roof_h * 0.7, -d * 0.12),
                    Vec3::new(0.6, roof_h * 1.1, 0.6),
                ));
                // Door and windows on the front; a window on each gable end.
                b.spawn(kit.block(
                    &m.timber,
                    Vec3::new(0.0, footing + 0.95, d / 2.0 + 0.03),
                    Vec3::new(1.0, 1.9, 0.08),
                ));
                for s in 0..self.storeys {
                    let y = footing + self.walls * s as f32 + 1.35;
                    let xs: &[f32] = if s == 0 {
                        &[-w * 0.3, w * 0.3]
                    } else {
                        &[-w * 0.3, 0.0, w * 0.3]
                    };
                    for &x in xs {
                        window(b, kit, Vec3::new(x, y, d / 2.0 + 0.03), 0.0);
                    }
                    for side in [-1.0, 1.0] {
                        window(b, kit, Vec3::new(side * (w / 2.0 + 0.03), y, 0.0), 90.0);
                    }
                }
            })
            .id()
    }
}

/// A lit window with a sill and shutters, facing local +Z after turning by `yaw_degrees`.
fn window(b: &mut ChildSpawnerCommands, kit: &Kit, at: Vec3, yaw_degrees: f32) {
    let m = &kit.m;
    b.spawn((
        Transform::from_translation(at)
            .with_rotation(Quat::from_rotation_y(yaw_degrees.to_radians())),
        Visibility::default(),
    ))
    .with_children(|w| {
        w.spawn(kit.block(&m.window, Vec3::ZERO, Vec3::new(0.7, 0.65, 0.06)));
        w.spawn(kit.block(
            &m.timber,
            Vec3::new(0.0, -0.36, 0.04),
            Vec3::new(0.85, 0.08, 0.14),
        ));
        w.spawn(kit.block(
            &m.timber,
            Vec3::new(0.0, 0.0, 0.02),
            Vec3::new(0.06, 0.65, 0.08),
        ));
        for s in [-1.0, 1.0] {
            w.spawn(kit.block(
                &m.wood,
                Vec3::new(s * 0.52, 0.0, 0.04),
                Vec3::new(0.32, 0.68, 0.05),
            ));
        }
    });
}

/// The Drowsy Duck: the biggest house, two storeys, with a hanging sign (a duck, of course),
/// barrels and a bench by the door.
fn inn(commands: &mut Commands, kit: &Kit) {
    let m = &kit.m;
    let house = House {
        width: 8.0,
        depth: 5.5,
        walls: 2.6,
        storeys: 2,
        roof: &m.roof_brown,
        plaster: &m.plaster_warm,
    };
    let inn = house.spawn(commands, kit, site(12.0, -8.5, -90.0));
    commands.entity(inn).with_children(|b| {
        // The sign on a bracket beside the door: a board with a yellow duck on top.
        b.spawn(kit.block(
            &m.timber,
            Vec3::new(-1.5, 3.1, 3.4),
            Vec3::new(0.12, 0.12, 1.0),
        ));
        b.spawn(kit.block(
            &m.planks,
            Vec3::new(-1.5, 2.6, 3.7),
            Vec3::new(0.1, 0.7, 0.95),
        ));
        b.spawn(kit.part(
            &kit.sphere,
            &m.duck,
            Vec3::new(-1.5, 3.15, 3.72),
            Vec3::new(0.32, 0.26, 0.5),
        ));
        b.spawn(kit.part(
            &kit.sphere,
            &m.duck,
            Vec3::new(-1.5, 3.38, 3.92),
            Vec3::splat(0.2),
        ));
        let beak =
            Transform::from_xyz(-1.5, 3.37, 4.06).with_rotation(Quat::from_rotation_x(FRAC_PI_2));
        b.spawn(kit.shape(
            &kit.cone,
            &m.beak,
            beak.with_scale(Vec3::new(0.09, 0.14, 0.09)),
        ));
        // Barrels and a bench.
        for (x, z) in [(2.6, 3.4), (3.3, 3.6), (2.9, 4.2)] {
            b.spawn(kit.part(
                &kit.cylinder,
                &m.wood,
                Vec3::new(x, 0.45, z),
                Vec3::new(0.6, 0.9, 0.6),
            ));
            b.spawn(kit.part(
                &kit.cylinder,
                &m.iron,
                Vec3::new(x, 0.65, z),
                Vec3::new(0.62, 0.06, 0.62),
            ));
        }
        b.spawn(kit.block(
            &m.planks,
            Vec3::new(-2.6, 0.45, 3.3),
            Vec3::new(1.8, 0.1, 0.45),
        ));
        for x in [-3.3, -1.9] {
            b.spawn(kit.block(&m.timber, Vec3::new(x, 0.2, 3.3), Vec3::new(0.1, 0.4, 0.4)));
        }
    });
}

/// The forge: an open smithy under a roof on posts, a stone hearth with glowing coals (an
/// emissive mesh and a flickering point light), a chimney, an anvil and a quench trough.
fn forge(commands: &mut Commands, kit: &Kit) {
    let m = &kit.m;
    let (w, d, h) = (6.0, 4.6, 2.7);
    commands.spawn(site(-11.5, -8.5, 55.0)).with_children(|b| {
        // Solid at the back (wall, hearth, trough); open under the front of the roof.
        b.spawn((
            Collider::Box(Vec2::new(w / 2.0, d / 2.0 - 0.4)),
            Transform::from_xyz(0.0, 0.0, -0.4),
        ));
        b.spawn(kit.block(&m.stone, Vec3::Y * 0.08, Vec3::new(w + 0.4, 0.16, d + 0.4)));
        // Back wall of stone; the front and sides stand open.
        b.spawn(kit.block(
            &m.stone,
            Vec3::new(0.0, h / 2.0, -d / 2.0 + 0.25),
            Vec3::new(w, h, 0.5),
        ));
        for (x, z) in [(-1.0, 1.0), (1.0, 1.0), (-1.0, -1.0), (1.0, -1.0)] {
            b.spawn(kit.part(
                &kit.log,
                &m.timber,
                Vec3::new(x * (w / 2.0 - 0.2), h / 2.0, z * (d / 2.0 - 0.2)),
                Vec3::new(0.28, h, 0.28),
            ));
        }
        b.spawn(kit.part(
            &kit.prism,
            &m.roof_brown,
            Vec3::Y * (h + 0.7),
            Vec3::new(w + 0.8, 1.4, d + 1.0),
        ));
        // The hearth against the back wall, coals on top, chimney above.
        b.spawn(kit.block(
            &m.dark_stone,
            Vec3::new(-1.0, 0.5, -d / 2.0 + 1.1),
            Vec3::new(1.9, 1.0, 1.3),
        ));
        // A heap of coals, the hottest glowing through in the middle.
        let hearth = Vec3::new(-1.0, 1.0, -d / 2.0 + 1.1);
        let heap = [
            (-0.45, -0.2, 0.45),
            (0.4, -0.15, 0.5),
            (-0.2, 0.25, 0.4),
            (0.35, 0.3, 0.38),
        ];
        for (x, z, s) in heap {
            let at = hearth + Vec3::new(x, 0.02, z);
            b.spawn(kit.part(&kit.sphere, &m.coals, at, Vec3::new(s, s * 0.45, s)));
        }
        b.spawn(kit.part(&kit.sphere, &m.embers, hearth, Vec3::new(0.6, 0.25, 0.55)));
        b.spawn(kit.block(
            &m.dark_stone,
            Vec3::new(-1.0, h + 1.2, -d / 2.0 + 0.6),
            Vec3::new(1.0, 3.4, 1.0),
        ));
        b.spawn(kit.block(
            &m.dark_stone,
            Vec3::new(-1.0, 1.9, -d / 2.0 + 0.75),
            Vec3::new(1.6, 1.2, 0.8),
        ));
        b.spawn((
            PointLight {
                color: Color::srgb(1.0, 0.55, 0.2),
                intensity: 250_000.0,
                range: 12.0,
                ..default()
            },
            Flicker {
                base: 250_000.0,
                phase: 0.0,
            },
            Transform::from_xyz(-1.0, 1.5, -d / 2.0 + 1.6),
        ));
        // The anvil on a stump stands out front, in daylight, where Hilda works.
        let anvil = Vec3::new(1.7, 0.0, 3.5);
        b.spawn((Collider::Circle(0.45), Transform::from_translation(anvil)));
        b.spawn(kit.part(
            &kit.log,
            &m.bark,
            anvil + Vec3::Y * 0.35,
            Vec3::new(0.6, 0.7, 0.6),
        ));
        b.spawn(kit.block(&m.iron, anvil + Vec3::Y * 0.8, Vec3::new(0.8, 0.22, 0.35)));
        b.spawn(kit.block(&m.iron, anvil + Vec3::Y * 0.68, Vec3::new(0.35, 0.2, 0.25)));
        let horn = Transform::from_translation(anvil + Vec3::new(0.52, 0.82, 0.0))
            .with_rotation(Quat::from_rotation_z(-FRAC_PI_2));
        b.spawn(kit.shape(
            &kit.cone,
            &m.iron,
            horn.with_scale(Vec3::new(0.18, 0.3, 0.18)),
        ));
        // Quench trough and a rack of tools on the back wall.
        b.spawn(kit.block(&m.wood, Vec3::new(2.1, 0.3, -0.9), Vec3::new(0.7, 0.6, 1.4)));
        b.spawn(kit.block(
            &m.water,
            Vec3::new(2.1, 0.58, -0.9),
            Vec3::new(0.55, 0.04, 1.25),
        ));
        for i in 0..4 {
            let x = 0.6 + i as f32 * 0.35;
            b.spawn(kit.block(
                &m.iron,
                Vec3::new(x, 1.6, -d / 2.0 + 0.53),
                Vec3::new(0.06, 0.7, 0.04),
            ));
        }
    });
}

/// The palisade: sharpened logs of slightly uneven heights, merged into one mesh per wall so
/// hundreds of logs are a handful of draws; and the gate, two towers with the doors open.
fn palisade(commands: &mut Commands, meshes: &mut Assets<Mesh>, kit: &Kit) {
    let m = &kit.m;
    let (x0, x1, z0, z1) = (-27.0, 27.0, -25.0, 27.0);
    let gate = 2.6;
    let walls = [
        (Vec2::new(x0, z0), Vec2::new(-gate, z0)),
        (Vec2::new(gate, z0), Vec2::new(x1, z0)),
        (Vec2::new(x1, z0), Vec2::new(x1, z1)),
        (Vec2::new(x1, z1), Vec2::new(x0, z1)),
        (Vec2::new(x0, z1), Vec2::new(x0, z0)),
    ];
    let mut rng = Rng::new(7);
    for (a, b) in walls {
        let mesh = meshes.add(stakes(&mut rng, a, b));
        commands.spawn((
            Mesh3d(mesh),
            MeshMaterial3d(m.bark.clone()),
            Transform::default(),
        ));
    }
    // The gate towers, and a beam across with a lantern for each side.
    for side in [-1.0, 1.0] {
        let x = side * (gate + 0.7);
        commands.spawn(site(x, z0, 0.0)).with_children(|t| {
            t.spawn(kit.block(&m.timber, Vec3::Y * 2.4, Vec3::new(1.4, 4.8, 1.4)));
            t.spawn(kit.block(&m.planks, Vec3::Y * 3.9, Vec3::new(1.7, 0.15, 1.7)));
            t.spawn(kit.part(
                &kit.pyramid,
                &m.roof_red,
                Vec3::Y * 5.4,
                Vec3::new(2.0, 1.3, 2.0),
            ));
            for (px, pz) in [(-0.75, -0.75), (0.75, -0.75), (-0.75, 0.75), (0.75, 0.75)] {
                t.spawn(kit.block(
                    &m.timber,
                    Vec3::new(px, 4.3, pz),
                    Vec3::new(0.14, 0.8, 0.14),
                ));
            }
            // The door, swung open inwards.
            let hinge = Vec3::new(-side * 0.7, 1.5, 0.4);
            t.spawn((
                Transform::from_translation(hinge)
                    .with_rotation(Quat::from_rotation_y(side * 1.25)),
                Visibility::default(),
            ))
            .with_children(|door| {
                door.spawn(kit.block(
                    &m.planks,
                    Vec3::new(-side * 1.25, 0.0, 0.0),
                    Vec3::new(2.5, 3.0, 0.14),
                ));
                for y in [-0.9, 0.9] {
                    door.spawn(kit.block(
                        &m.iron,
                        Vec3::new(-side * 1.25, y, 0.08),
                        Vec3::new(2.4, 0.12, 0.03),
                    ));
                }
            });
        });
        commands.spawn((
            Collider::Box(Vec2::splat(0.8)),
            Transform::from_xyz(x, 0.0, z0),
        ));
    }
    commands.spawn(kit.block(
        &m.timber,
        Vec3::new(0.0, 4.2, z0),
        Vec3::new(2.0 * gate + 2.6, 0.45, 0.5),
    ));
    commands.spawn(kit.block(
        &m.planks,
        Vec3::new(0.0, 3.6, z0 + 0.26),
        Vec3::new(2.6, 0.55, 0.06),
    ));
}

/// One wall of logs from `a` to `b`, as a single mesh.
fn stakes(rng: &mut Rng, a: Vec2, b: Vec2) -> Mesh {
    let log = Mesh::from(Cylinder::new(0.21, 1.0).mesh().resolution(7));
    let tip = Mesh::from(Cone::new(0.21, 0.45).mesh().resolution(7));
    let n = (a.distance(b) / 0.42).ceil() as usize;
    let mut wall: Option<Mesh> = None;
    for i in 0..=n {
        let p = a.lerp(b, i as f32 / n as f32);
        let h = 2.5 + rng.range(-0.25, 0.3);
        let lean = Quat::from_rotation_x(rng.range(-0.03, 0.03))
            * Quat::from_rotation_z(rng.range(-0.03, 0.03));
        let base = Transform::from_xyz(p.x, 0.0, p.y).with_rotation(lean);
        let body = log.clone().transformed_by(
            base * Transform::from_xyz(0.0, h / 2.0 - 0.3, 0.0).with_scale(Vec3::new(1.0, h, 1.0)),
        );
        let point = tip
            .clone()
            .transformed_by(base * Transform::from_xyz(0.0, h - 0.3 + 0.22, 0.0));
        for part in [body, point] {
            match &mut wall {
                Some(w) => {
                    if let Err(e) = w.merge(&part) {
                        warn!("a palisade log was left out: {e}");
                    }
                }
                None => wall = Some(part),
            }
        }
    }
    wall.unwrap_or_else(|| log.clone())
}
