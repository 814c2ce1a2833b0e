//! Frame time with and without NPC dialogue, at several per-frame GPU budgets.
//!
//! A headless Bevy app renders a lit 3D scene offscreen at 1280×800 while four NPCs talk
//! continuously (each reply is answered with a new line). For each budget it reports the mean
//! and 99th-percentile frame time, the dialogue's measured GPU milliseconds per frame and the
//! tokens per second achieved; the first row is the same scene with no dialogue.
//!
//! There is no window and so no vsync: each frame is timed from the start of `App::update`
//! until the GPU is idle again (the bench waits on the device after every update), so the
//! frame time includes the GPU work the frame queued, rendering and dialogue alike.
//!
//! ```sh
//! cargo bench --bench frame_budget -- [--model assets/models/…gguf | --synthetic 135m]
//!     [--frames 600] [--budgets 1,2,4,8]
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bevy::app::PluginsState;
use bevy::asset::RenderAssetUsages;
use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::render::render_resource::{PollType, TextureFormat, TextureUsages};
use bevy::render::renderer::RenderDevice;
use bevy::window::ExitCondition;
use bevy_natter::prelude::*;

struct Args {
    model: Option<PathBuf>,
    synthetic: Option<String>,
    frames: usize,
    budgets: Vec<f32>,
}

fn args() -> Args {
    let mut a = Args {
        model: None,
        synthetic: None,
        frames: 600,
        budgets: vec![1.0, 2.0, 4.0, 8.0],
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--model" => a.model = it.next().map(PathBuf::from),
            "--synthetic" => a.synthetic = it.next(),
            "--frames" => a.frames = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.frames),
            "--budgets" => {
                a.budgets = it
                    .next()
                    .map(|v| v.split(',').filter_map(|b| b.parse().ok()).collect())
                    .unwrap_or_default()
            }
            // `cargo bench` passes `--bench`; anything else is ignored too.
            _ => {}
        }
    }
    a
}

const PERSONAS: [(&str, &str); 4] = [
    ("smith", "You are Hilda, the blacksmith of Oakvale."),
    ("inn", "You are Tam, the innkeeper of the Drowsy Duck."),
    ("guard", "You are Brom, the gate guard."),
    ("merchant", "You are Mira, a travelling merchant."),
];

/// An asset folder with the model and four personas.
fn assets(model: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("models")).unwrap();
    std::fs::create_dir_all(dir.path().join("personas")).unwrap();
    std::os::unix::fs::symlink(
        model.canonicalize().expect("model path"),
        dir.path().join("models/model.gguf"),
    )
    .unwrap();
    for (file, identity) in PERSONAS {
        let ron = format!(
            "(name: \"{file}\", identity: \"{identity}\", max_reply_tokens: 48, sampling: (temperature: 0.8))"
        );
        std::fs::write(dir.path().join(format!("personas/{file}.persona.ron")), ron).unwrap();
    }
    dir
}

#[derive(Resource)]
struct Talking(bool);

fn scene(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
) {
    let mut image = Image::new_target_texture(1280, 800, TextureFormat::Rgba8UnormSrgb, None);
    image.texture_descriptor.usage |= TextureUsages::COPY_SRC;
    image.asset_usage = RenderAssetUsages::RENDER_WORLD;
    let target = images.add(image);
    commands.spawn((
        Camera3d::default(),
        RenderTarget::Image(target.into()),
        Transform::from_xyz(0.0, 12.0, 24.0).looking_at(Vec3::ZERO, Vec3::Y),
    ));
    commands.spawn((
        DirectionalLight {
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::from_xyz(5.0, 10.0, 4.0).looking_at(Vec3::ZERO, Vec3::Y),
    ));
    commands.spawn((
        Mesh3d(meshes.add(Plane3d::default().mesh().size(60.0, 60.0))),
        MeshMaterial3d(materials.add(Color::srgb(0.3, 0.5, 0.3))),
    ));
    let cube = meshes.add(Cuboid::new(1.0, 1.0, 1.0));
    for i in 0..400 {
        let (x, z) = ((i % 20) as f32 * 2.5 - 25.0, (i / 20) as f32 * 2.5 - 25.0);
        let color = Color::hsl((i * 37 % 360) as f32, 0.6, 0.5);
        commands.spawn((
            Mesh3d(cube.clone()),
            MeshMaterial3d(materials.add(color)),
            Transform::from_xyz(x, 0.5 + (i % 3) as f32, z),
        ));
    }
}

fn spawn_npcs(mut commands: Commands, server: Res<AssetServer>) {
    for (i, (file, _)) in PERSONAS.iter().enumerate() {
        let handle = server.load(format!("personas/{file}.persona.ron"));
        let mut e = commands.spawn((Npc, PersonaHandle(handle)));
        if i == 0 {
            e.insert(PlayerFocus);
        }
    }
}

/// Keeps every NPC talking: a new line whenever it is idle.
fn keep_talking(
    talking: Res<Talking>,
    status: Res<NatterStatus>,
    stats: Res<GenerationStats>,
    npcs: Query<Entity, With<Npc>>,
    mut say: MessageWriter<Say>,
) {
    if talking.0 && *status == NatterStatus::Ready && stats.queue == 0 {
        for npc in &npcs {
            say.write(Say::from_player(
                npc,
                "Tell me about your day in the village.",
            ));
        }
    }
}

struct Row {
    label: String,
    mean_ms: f64,
    p99_ms: f64,
    gpu_ms: f32,
    tokens_per_s: f32,
}

fn measure(assets: &Path, budget: Option<f32>, frames: usize) -> Row {
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: None,
                exit_condition: ExitCondition::DontExit,
                ..default()
            })
            .set(AssetPlugin {
                file_path: assets.to_string_lossy().into_owned(),
                ..default()
            })
            .disable::<bevy::winit::WinitPlugin>(),
    )
    .add_plugins(NatterPlugin {
        model: "models/model.gguf".into(),
        context: 512,
        conversations: 4,
        // The baseline runs no dialogue work at all, not even warming personas up.
        warm_up: budget.is_some(),
        // The cached shapes or the defaults: a benchmark measures, it does not tune.
        auto_tune: AutoTune::Off,
        ..default()
    })
    .insert_resource(FrameBudget::from_millis(budget.unwrap_or(2.0)))
    .insert_resource(Talking(budget.is_some()))
    .add_systems(Startup, (scene, spawn_npcs))
    .add_systems(Update, keep_talking.before(NatterSystems::Receive));
    while app.plugins_state() == PluginsState::Adding {
        bevy::tasks::tick_global_task_pools_on_main_thread();
    }
    app.finish();
    app.cleanup();
    // Warm up: the model loaded, pipelines compiled, replies flowing.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        app.update();
        let ready = *app.world().resource::<NatterStatus>() == NatterStatus::Ready;
        if let NatterStatus::Failed(why) = app.world().resource::<NatterStatus>() {
            panic!("natter failed: {why}");
        }
        if ready && start.elapsed() > Duration::from_secs(5) {
            break;
        }
    }
    for _ in 0..120 {
        app.update();
    }
    let mut times = Vec::with_capacity(frames);
    let (mut gpu, mut tps) = (0.0, 0.0);
    for _ in 0..frames {
        let t = Instant::now();
        app.update();
        if let Some(device) = app.world().get_resource::<RenderDevice>() {
            let _ = device.poll(PollType::wait_indefinitely());
        }
        times.push(t.elapsed());
        let s = app.world().resource::<GenerationStats>();
        gpu += s.gpu_ms_last_frame;
        tps += s.tokens_per_second;
    }
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    let mean = ms.iter().sum::<f64>() / ms.len() as f64;
    ms.sort_by(f64::total_cmp);
    let p99 = ms[(ms.len() * 99 / 100).min(ms.len() - 1)];
    let label = budget.map_or("no dialogue".to_string(), |b| format!("{b} ms budget"));
    Row {
        label,
        mean_ms: mean,
        p99_ms: p99,
        gpu_ms: gpu / frames as f32,
        tokens_per_s: tps / frames as f32,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs bench targets without it.
    // Minutes of frames on a software GPU are not a test: say how to run it and stop.
    if !std::env::args().any(|a| a == "--bench") {
        println!("frame_budget: a benchmark; run it with `cargo bench --bench frame_budget`");
        return;
    }
    let a = args();
    let (model, name) = match (&a.model, &a.synthetic) {
        (Some(m), _) => (m.clone(), m.display().to_string()),
        (None, Some(s)) => {
            let spec = match s.as_str() {
                "360m" => natter_model::SynthSpec::smollm2_360m(),
                "1.7b" => natter_model::SynthSpec::smollm2_1_7b(),
                "tiny" => natter_model::SynthSpec::tiny(),
                _ => natter_model::SynthSpec::smollm2_135m(),
            };
            let path = std::env::temp_dir().join(format!("natter-frame-bench-{s}.gguf"));
            natter_model::write_synthetic_gguf(&path, &spec).expect("write the synthetic model");
            (path, format!("synthetic SmolLM2-{s} shapes"))
        }
        (None, None) => (
            PathBuf::from("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf"),
            "SmolLM2-135M-Instruct Q4_1".into(),
        ),
    };
    let dir = assets(&model);
    let mut rows = vec![measure(dir.path(), None, a.frames)];
    for &b in &a.budgets {
        rows.push(measure(dir.path(), Some(b), a.frames));
    }
    println!(
        "frame time over {} frames, 1280×800 offscreen, 400 lit cubes, 4 NPCs talking ({name})",
        a.frames
    );
    println!("| dialogue | mean frame ms | p99 frame ms | dialogue GPU ms/frame | tokens/s |");
    println!("|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.0} |",
            r.label, r.mean_ms, r.p99_ms, r.gpu_ms, r.tokens_per_s
        );
    }
}
