//! The ground: one generated mesh. Its heights make the river bed and the hills outside the
//! palisade; its vertex colours paint grass, dirt paths and muddy banks, so paths need no
//! geometry of their own (and cannot z-fight with the grass).

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

use super::Kit;

/// Half the ground's side, in metres; the fog hides its edge.
const HALF: f32 = 90.0;
/// Quads per side: one metre each near the village is enough for soft path edges.
const CELLS: u32 = 180;
/// The water surface, a little below the banks.
pub const WATER_LEVEL: f32 = -0.35;

/// The river's centre line: it crosses the south of the village, west to east, meandering.
pub fn river_z(x: f32) -> f32 {
    17.0 + 1.6 * (x * 0.07).sin() + 0.8 * (x * 0.19 + 1.0).sin()
}

/// Half the river's width.
pub const RIVER_HALF_WIDTH: f32 = 2.2;

/// The paths, as segments (from, to, half width).
const PATHS: &[(Vec2, Vec2, f32)] = &[
    // The main road: gate, plaza, bridge, south.
    (Vec2::new(0.0, -40.0), Vec2::new(0.0, 40.0), 1.6),
    // To the forge, the inn, the cart, and the houses.
    (Vec2::new(0.0, 0.0), Vec2::new(-9.5, -6.5), 1.1),
    (Vec2::new(0.0, -2.0), Vec2::new(8.5, -8.0), 1.1),
    (Vec2::new(0.0, 1.0), Vec2::new(6.5, 6.0), 1.0),
    (Vec2::new(0.0, 5.0), Vec2::new(-10.0, 8.0), 0.8),
    (Vec2::new(0.0, -17.0), Vec2::new(-10.0, -17.0), 0.8),
    (Vec2::new(0.0, -17.0), Vec2::new(12.0, -18.0), 0.8),
];

/// The plaza around the well.
const PLAZA_RADIUS: f32 = 5.5;

pub fn spawn(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    kit: Res<Kit>,
) {
    // Vertex colours carry the colour; the material only adds how light falls on it.
    let ground = materials.add(StandardMaterial {
        perceptual_roughness: 0.95,
        ..default()
    });
    commands.spawn((
        Mesh3d(meshes.add(ground_mesh())),
        MeshMaterial3d(ground),
        Transform::default(),
    ));
    // The river: one long flat strip per stretch, following the meander.
    let mut x = -HALF;
    while x < HALF {
        let step = 6.0;
        let (a, b) = (
            Vec2::new(x, river_z(x)),
            Vec2::new(x + step, river_z(x + step)),
        );
        let mid = (a + b) / 2.0;
        let dir = b - a;
        commands.spawn((
            Mesh3d(kit.cube.clone()),
            MeshMaterial3d(kit.m.water.clone()),
            Transform::from_xyz(mid.x, WATER_LEVEL, mid.y)
                .with_rotation(Quat::from_rotation_y(-dir.y.atan2(dir.x)))
                .with_scale(Vec3::new(
                    dir.length() + 0.6,
                    0.02,
                    RIVER_HALF_WIDTH * 2.0 + 0.6,
                )),
        ));
        x += step;
    }
}

/// Height of the ground at `p`: flat in the village, a river bed, hills beyond the palisade.
pub fn height(p: Vec2) -> f32 {
    let d_river = (p.y - river_z(p.x)).abs();
    let bed = smoothstep(RIVER_HALF_WIDTH - 0.8, RIVER_HALF_WIDTH + 1.0, d_river) - 1.0;
    let out = (p.x.abs() - 32.0).max(p.y.abs() - 32.0).max(0.0);
    let hills = smoothstep(0.0, 30.0, out) * (5.0 + 7.0 * noise(p * 0.05));
    bed + hills
}

fn ground_mesh() -> Mesh {
    let n = CELLS + 1;
    let mut positions = Vec::with_capacity((n * n) as usize);
    let mut colors = Vec::with_capacity((n * n) as usize);
    for j in 0..n {
        for i in 0..n {
            let p = Vec2::new(
                -HALF + 2.0 * HALF * i as f32 / CELLS as f32,
                -HALF + 2.0 * HALF * j as f32 / CELLS as f32,
            );
            positions.push([p.x, height(p), p.y]);
            colors.push(ground_color(p).to_f32_array());
        }
    }
    let mut indices = Vec::with_capacity((CELLS * CELLS * 6) as usize);
    for j in 0..CELLS {
        for i in 0..CELLS {
            let a = j * n + i;
            let (b, c, d) = (a + 1, a + n, a + n + 1);
            // Counter-clockwise seen from above, so the faces point up.
            indices.extend_from_slice(&[a, c, b, b, c, d]);
        }
    }
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, colors)
    .with_inserted_indices(Indices::U32(indices))
    .with_computed_smooth_normals()
}

fn ground_color(p: Vec2) -> LinearRgba {
    let grass_dark = LinearRgba::from(Color::srgb(0.24, 0.42, 0.14));
    let grass_light = LinearRgba::from(Color::srgb(0.42, 0.58, 0.20));
    let dirt = LinearRgba::from(Color::srgb(0.55, 0.43, 0.29));
    let mud = LinearRgba::from(Color::srgb(0.36, 0.30, 0.22));
    let rock = LinearRgba::from(Color::srgb(0.45, 0.46, 0.40));

    let mut c = mix(
        grass_dark,
        grass_light,
        noise(p * 0.12) * 0.7 + noise(p * 0.5) * 0.3,
    );
    // Worn paths: soft-edged, a little patchy.
    let d_path = PATHS
        .iter()
        .map(|(a, b, w)| segment_distance(p, *a, *b) - w)
        .fold(p.length() - PLAZA_RADIUS, f32::min);
    let worn = 1.0 - smoothstep(-0.3, 0.7, d_path + 0.4 * noise(p * 0.9));
    c = mix(c, dirt, worn);
    // Muddy banks and the river bed.
    let d_river = (p.y - river_z(p.x)).abs();
    c = mix(
        c,
        mud,
        1.0 - smoothstep(RIVER_HALF_WIDTH - 0.2, RIVER_HALF_WIDTH + 1.2, d_river),
    );
    // Rocky hilltops.
    let out = (p.x.abs() - 32.0).max(p.y.abs() - 32.0).max(0.0);
    c = mix(c, rock, smoothstep(18.0, 40.0, out) * noise(p * 0.2));
    c
}

fn mix(a: LinearRgba, b: LinearRgba, t: f32) -> LinearRgba {
    let t = t.clamp(0.0, 1.0);
    a * (1.0 - t) + b * t
}

fn smoothstep(e0: f32, e1: f32, x: f32) -> f32 {
    let t = ((x - e0) / (e1 - e0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

fn segment_distance(p: Vec2, a: Vec2, b: Vec2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_squared()).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// Smooth value noise in `[0, 1]`: hashed lattice values, blended with smoothstep.
pub fn noise(p: Vec2) -> f32 {
    let i = p.floor();
    let f = p - i;
    let u = f * f * (Vec2::splat(3.0) - 2.0 * f);
    let h = |x: f32, y: f32| {
        let n = (x as i32).wrapping_mul(374_761_393) ^ (y as i32).wrapping_mul(668_265_263);
        let n = (n ^ (n >> 13)).wrapping_mul(1_274_126_177);
        ((n ^ (n >> 16)) & 0xFFFF) as f32 / 65535.0
    };
    let (a, b, c, d) = (
        h(i.x, i.y),
        h(i.x + 1.0, i.y),
        h(i.x, i.y + 1.0),
        h(i.x + 1.0, i.y + 1.0),
    );
    a + (b - a) * u.x + (c - a) * u.y + (a - b - c + d) * u.x * u.y
}
