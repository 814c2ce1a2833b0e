//! The village: ground, light, buildings and props, all from Bevy primitives and generated
//! meshes. Nothing is downloaded; the layout is seeded, so every run looks the same.
//!
//! North is −Z. The palisade runs around `x ∈ [−27, 27]`, `z ∈ [−25, 27]` with the gate in the
//! north wall; the main road runs from the gate through the plaza (the well, at the origin)
//! and over the river in the south.

mod buildings;
mod ground;
mod nature;
mod props;

use std::f32::consts::PI;

use bevy::light::{CascadeShadowConfigBuilder, DirectionalLightShadowMap, ShadowFilteringMethod};
use bevy::prelude::*;
use bevy::render::renderer::RenderAdapterInfo;

use crate::rng::Rng;

pub struct WorldPlugin;

impl Plugin for WorldPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(ClearColor(SKY))
            .insert_resource(GlobalAmbientLight {
                color: Color::srgb(0.75, 0.82, 1.0),
                brightness: 700.0,
                ..default()
            })
            .init_resource::<Graphics>()
            .add_systems(PreStartup, Kit::init)
            .add_systems(PostStartup, apply_graphics)
            .add_systems(
                Startup,
                (
                    spawn_sun,
                    ground::spawn,
                    buildings::spawn,
                    props::spawn,
                    nature::spawn,
                ),
            )
            .add_systems(Update, flicker);
    }
}

/// The sky behind everything, and the fog that fades distant hills into it.
pub const SKY: Color = Color::srgb(0.62, 0.76, 0.90);

/// Where the player starts: inside the gate, looking down the road to the plaza.
pub const PLAYER_START: Vec3 = Vec3::new(0.5, 0.0, -14.0);

/// The walkable area: inside the palisade.
pub const BOUNDS: Rect = Rect {
    min: Vec2::new(-26.2, -24.2),
    max: Vec2::new(26.2, 26.2),
};

/// Something the player cannot walk through, in its entity's local XZ plane (a box turns with
/// its entity's yaw).
#[derive(Component, Clone, Copy, Debug)]
pub enum Collider {
    /// A box of these half extents (x, z).
    Box(Vec2),
    /// A circle of this radius.
    Circle(f32),
}

/// A light whose intensity flickers like a fire around `base`.
#[derive(Component)]
pub struct Flicker {
    pub base: f32,
    pub phase: f32,
}

/// Shared unit meshes and materials: every box in the village is one mesh scaled, so the
/// renderer batches them, and a material is created once per colour.
#[derive(Resource)]
pub struct Kit {
    pub cube: Handle<Mesh>,
    pub cylinder: Handle<Mesh>,
    /// A cylinder with few sides, for logs and posts.
    pub log: Handle<Mesh>,
    pub sphere: Handle<Mesh>,
    pub cone: Handle<Mesh>,
    /// A four-sided cone: tower and lantern roofs.
    pub pyramid: Handle<Mesh>,
    /// A triangular prism 1×1×1, ridge along X: roofs.
    pub prism: Handle<Mesh>,
    /// Half a cylinder 1×0.5×1, flat side down, axis along X: the cart's canopy.
    pub arch: Handle<Mesh>,
    pub torus: Handle<Mesh>,
    pub m: Materials,
}

/// The village's palette.
pub struct Materials {
    pub plaster: Handle<StandardMaterial>,
    pub plaster_warm: Handle<StandardMaterial>,
    pub timber: Handle<StandardMaterial>,
    pub wood: Handle<StandardMaterial>,
    pub planks: Handle<StandardMaterial>,
    pub stone: Handle<StandardMaterial>,
    pub dark_stone: Handle<StandardMaterial>,
    pub roof_red: Handle<StandardMaterial>,
    pub roof_brown: Handle<StandardMaterial>,
    pub thatch: Handle<StandardMaterial>,
    pub iron: Handle<StandardMaterial>,
    pub window: Handle<StandardMaterial>,
    pub embers: Handle<StandardMaterial>,
    /// Dull red coals around the embers.
    pub coals: Handle<StandardMaterial>,
    pub lantern: Handle<StandardMaterial>,
    pub water: Handle<StandardMaterial>,
    pub canvas: Handle<StandardMaterial>,
    pub cloth_red: Handle<StandardMaterial>,
    pub cloth_blue: Handle<StandardMaterial>,
    pub cloth_gold: Handle<StandardMaterial>,
    pub leaves: Handle<StandardMaterial>,
    pub leaves_light: Handle<StandardMaterial>,
    pub pine: Handle<StandardMaterial>,
    pub bark: Handle<StandardMaterial>,
    pub duck: Handle<StandardMaterial>,
    pub beak: Handle<StandardMaterial>,
}

impl Kit {
    fn init(
        mut commands: Commands,
        mut meshes: ResMut<Assets<Mesh>>,
        mut materials: ResMut<Assets<StandardMaterial>>,
    ) {
        let mut matte = |r: f32, g: f32, b: f32, roughness: f32| {
            materials.add(StandardMaterial {
                base_color: Color::srgb(r, g, b),
                perceptual_roughness: roughness,
                ..default()
            })
        };
        let plaster = matte(0.92, 0.87, 0.76, 0.95);
        let plaster_warm = matte(0.93, 0.80, 0.62, 0.95);
        let timber = matte(0.30, 0.19, 0.11, 0.9);
        let wood = matte(0.50, 0.34, 0.20, 0.9);
        let planks = matte(0.62, 0.45, 0.28, 0.9);
        let stone = matte(0.58, 0.56, 0.52, 0.95);
        let dark_stone = matte(0.33, 0.32, 0.31, 0.95);
        let roof_red = matte(0.62, 0.24, 0.16, 0.85);
        let roof_brown = matte(0.42, 0.26, 0.18, 0.85);
        let thatch = matte(0.74, 0.60, 0.32, 1.0);
        let canvas = matte(0.90, 0.86, 0.74, 1.0);
        let cloth_red = matte(0.70, 0.16, 0.14, 0.9);
        let cloth_blue = matte(0.18, 0.30, 0.62, 0.9);
        let cloth_gold = matte(0.86, 0.64, 0.18, 0.8);
        let leaves = matte(0.20, 0.42, 0.16, 0.9);
        let leaves_light = matte(0.36, 0.55, 0.18, 0.9);
        let pine = matte(0.12, 0.32, 0.18, 0.9);
        let bark = matte(0.36, 0.25, 0.16, 1.0);
        let duck = matte(0.98, 0.82, 0.18, 0.7);
        let beak = matte(0.95, 0.45, 0.10, 0.7);
        let iron = materials.add(StandardMaterial {
            base_color: Color::srgb(0.22, 0.22, 0.24),
            metallic: 0.8,
            perceptual_roughness: 0.45,
            ..default()
        });
        // Lit windows and lanterns glow on their own: emissive, so they read as lights even
        // in full sun, without each needing a real light.
        let glow = |materials: &mut Assets<StandardMaterial>, base: Color, emissive: LinearRgba| {
            materials.add(StandardMaterial {
                base_color: base,
                emissive,
                ..default()
            })
        };
        let window = glow(
            &mut materials,
            Color::srgb(0.95, 0.78, 0.40),
            LinearRgba::rgb(2.2, 1.4, 0.45),
        );
        let lantern = glow(
            &mut materials,
            Color::srgb(1.0, 0.9, 0.6),
            LinearRgba::rgb(6.0, 4.2, 1.6),
        );
        let embers = glow(
            &mut materials,
            Color::srgb(1.0, 0.45, 0.1),
            LinearRgba::rgb(5.0, 1.1, 0.12),
        );
        let coals = glow(
            &mut materials,
            Color::srgb(0.25, 0.1, 0.05),
            LinearRgba::rgb(0.9, 0.15, 0.02),
        );
        let water = materials.add(StandardMaterial {
            base_color: Color::srgba(0.18, 0.38, 0.52, 0.88),
            perceptual_roughness: 0.08,
            reflectance: 0.6,
            alpha_mode: AlphaMode::Blend,
            ..default()
        });

        let prism = Mesh::from(Extrusion::new(
            Triangle2d::new(
                Vec2::new(-0.5, -0.5),
                Vec2::new(0.5, -0.5),
                Vec2::new(0.0, 0.5),
            ),
            1.0,
        ))
        .rotated_by(Quat::from_rotation_y(PI / 2.0));
        let arch = Extrusion::new(CircularSegment::new(0.5, PI / 2.0), 1.0)
            .mesh()
            .build()
            .rotated_by(Quat::from_rotation_y(PI / 2.0));
        commands.insert_resource(Kit {
            cube: meshes.add(Cuboid::new(1.0, 1.0, 1.0)),
            cylinder: meshes.add(Cylinder::new(0.5, 1.0).mesh().resolution(20)),
            log: meshes.add(Cylinder::new(0.5, 1.0).mesh().resolution(8)),
            sphere: meshes.add(Sphere::new(0.5).mesh().uv(20, 14)),
            cone: meshes.add(Cone::new(0.5, 1.0).mesh().resolution(12)),
            pyramid: meshes.add(
                Mesh::from(Cone::new(0.5_f32.sqrt(), 1.0).mesh().resolution(4))
                    .rotated_by(Quat::from_rotation_y(PI / 4.0)),
            ),
            prism: meshes.add(prism),
            arch: meshes.add(arch),
            torus: meshes.add(Torus::new(0.4, 0.5)),
            m: Materials {
                plaster,
                plaster_warm,
                timber,
                wood,
                planks,
                stone,
                dark_stone,
                roof_red,
                roof_brown,
                thatch,
                iron,
                window,
                embers,
                coals,
                lantern,
                water,
                canvas,
                cloth_red,
                cloth_blue,
                cloth_gold,
                leaves,
                leaves_light,
                pine,
                bark,
                duck,
                beak,
            },
        });
    }

    /// A part: `mesh` in `material`, placed at `translation` and stretched to `scale`.
    pub fn part(
        &self,
        mesh: &Handle<Mesh>,
        material: &Handle<StandardMaterial>,
        translation: Vec3,
        scale: Vec3,
    ) -> (Mesh3d, MeshMaterial3d<StandardMaterial>, Transform) {
        self.shape(
            mesh,
            material,
            Transform::from_translation(translation).with_scale(scale),
        )
    }

    /// A part with a full transform (for the few that are turned).
    pub fn shape(
        &self,
        mesh: &Handle<Mesh>,
        material: &Handle<StandardMaterial>,
        transform: Transform,
    ) -> (Mesh3d, MeshMaterial3d<StandardMaterial>, Transform) {
        (
            Mesh3d(mesh.clone()),
            MeshMaterial3d(material.clone()),
            transform,
        )
    }

    /// A box from its centre and size.
    pub fn block(
        &self,
        material: &Handle<StandardMaterial>,
        center: Vec3,
        size: Vec3,
    ) -> (Mesh3d, MeshMaterial3d<StandardMaterial>, Transform) {
        self.part(&self.cube, material, center, size)
    }
}

/// The root of a built thing: where it stands and which way it faces (its front is local +Z).
pub fn site(x: f32, z: f32, yaw_degrees: f32) -> (Transform, Visibility) {
    (
        Transform::from_xyz(x, 0.0, z)
            .with_rotation(Quat::from_rotation_y(yaw_degrees.to_radians())),
        Visibility::default(),
    )
}

/// How much the renderer is asked to do.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Graphics {
    /// High, unless the GPU is a software renderer (lavapipe, WARP): it draws on the same CPU
    /// that runs the game and the model, and would take seconds a frame.
    #[default]
    Auto,
    /// Multisampling, two soft shadow cascades.
    High,
    /// No multisampling, one small hard-edged shadow map.
    Low,
}

/// Turns the renderer's settings down for [`Graphics::Low`].
fn apply_graphics(
    mut commands: Commands,
    graphics: Res<Graphics>,
    adapter: Res<RenderAdapterInfo>,
    cameras: Query<Entity, With<Camera3d>>,
    suns: Query<Entity, With<DirectionalLight>>,
) {
    let software = adapter.device_type == wgpu::DeviceType::Cpu;
    let low = match *graphics {
        Graphics::Auto => software,
        Graphics::High => false,
        Graphics::Low => true,
    };
    info!(
        "graphics: {}{}",
        if low { "low" } else { "high" },
        if software { " (software renderer)" } else { "" }
    );
    if !low {
        return;
    }
    commands.insert_resource(DirectionalLightShadowMap { size: 1024 });
    for camera in &cameras {
        commands
            .entity(camera)
            .insert((Msaa::Off, ShadowFilteringMethod::Hardware2x2));
    }
    for sun in &suns {
        let cascades = CascadeShadowConfigBuilder {
            num_cascades: 1,
            maximum_distance: 35.0,
            ..default()
        };
        commands.entity(sun).insert(cascades.build());
    }
}

/// A late-afternoon sun: warm, low enough for long shadows, with shadow cascades sized to
/// the village so the near cascade stays sharp around the player.
fn spawn_sun(mut commands: Commands) {
    commands.spawn((
        DirectionalLight {
            color: Color::srgb(1.0, 0.93, 0.80),
            illuminance: 9_000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::from_xyz(0.0, 0.0, 0.0).looking_to(Vec3::new(-0.55, -0.62, 0.45), Vec3::Y),
        CascadeShadowConfigBuilder {
            num_cascades: 2,
            first_cascade_far_bound: 18.0,
            maximum_distance: 70.0,
            ..default()
        }
        .build(),
    ));
}

/// Makes fires and lanterns flicker: a sum of two sines is cheap and never looks periodic.
fn flicker(time: Res<Time>, mut lights: Query<(&mut PointLight, &Flicker)>) {
    let t = time.elapsed_secs();
    for (mut light, f) in &mut lights {
        let wobble = 0.12 * (t * 9.0 + f.phase).sin() + 0.08 * (t * 23.0 + f.phase * 2.3).sin();
        light.intensity = f.base * (1.0 + wobble);
    }
}

/// A point on the XZ plane (y = 0) far enough from every spot in `avoid` (centre, radius).
pub fn scatter(rng: &mut Rng, area: Rect, avoid: &[(Vec2, f32)], tries: usize) -> Option<Vec2> {
    (0..tries).find_map(|_| {
        let p = Vec2::new(
            rng.range(area.min.x, area.max.x),
            rng.range(area.min.y, area.max.y),
        );
        avoid.iter().all(|(c, r)| p.distance(*c) > *r).then_some(p)
    })
}
