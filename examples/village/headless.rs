//! `--headless`: the village rendered offscreen at 1280×800 with no window, for GPU machines
//! without a display (a benchmark or CI machine). Everything else is the game as played: the
//! same world, UI, villagers and dialogue, driven by a `--script`.
//!
//! There is no vsync without a window, so each frame is timed from the start of `App::update`
//! until the GPU is idle again (the runner waits on the device after every update): the time
//! includes the GPU work the frame queued, rendering and dialogue alike. At exit it prints how
//! long frames took, split by whether any villager was generating words.

use std::time::Instant;

use bevy::app::PluginsState;
use bevy::asset::RenderAssetUsages;
use bevy::camera::{RenderTarget, ShadowLodOrigin};
use bevy::prelude::*;
use bevy::render::render_resource::{PollType, TextureFormat, TextureUsages};
use bevy::render::renderer::RenderDevice;
use bevy::ui::IsDefaultUiCamera;
use bevy_natter::prelude::*;

/// The offscreen image the camera draws into (and screenshots read).
#[derive(Resource, Clone)]
pub struct Offscreen(pub Handle<Image>);

/// The 60 fps line a frame must keep to.
const FRAME_MS_60HZ: f64 = 1000.0 / 60.0;
/// Frames after the model is ready before timing starts: the first frames compile pipelines.
const SETTLE_FRAMES: usize = 120;

pub struct HeadlessPlugin;

impl Plugin for HeadlessPlugin {
    fn build(&self, app: &mut App) {
        let mut image = Image::new_target_texture(1280, 800, TextureFormat::Rgba8UnormSrgb, None);
        image.texture_descriptor.usage |= TextureUsages::COPY_SRC;
        image.asset_usage = RenderAssetUsages::RENDER_WORLD;
        let target = app.world_mut().resource_mut::<Assets<Image>>().add(image);
        app.insert_resource(Offscreen(target))
            .add_systems(PostStartup, draw_offscreen)
            .set_runner(run);
    }
}

/// Points the game's camera, and the UI with it, at the offscreen image (and lights' shadow
/// detail at the camera, as a window's camera gets by itself).
fn draw_offscreen(
    mut commands: Commands,
    target: Res<Offscreen>,
    cameras: Query<Entity, With<Camera3d>>,
) {
    for camera in &cameras {
        commands.entity(camera).insert((
            RenderTarget::Image(target.0.clone().into()),
            IsDefaultUiCamera,
            ShadowLodOrigin,
        ));
    }
}

/// Frame times in milliseconds, those with dialogue work and those without.
#[derive(Default)]
struct FrameTimes {
    talking: Vec<f64>,
    quiet: Vec<f64>,
    gpu_ms: f64,
    tokens_per_second: f64,
}

/// Runs the app until it asks to exit, timing each frame until the GPU is idle.
fn run(mut app: App) -> AppExit {
    while app.plugins_state() == PluginsState::Adding {
        bevy::tasks::tick_global_task_pools_on_main_thread();
    }
    app.finish();
    app.cleanup();
    let mut times = FrameTimes::default();
    let mut ready_for = 0;
    loop {
        let start = Instant::now();
        app.update();
        if let Some(device) = app.world().get_resource::<RenderDevice>() {
            let _ = device.poll(PollType::wait_indefinitely());
        }
        let ms = start.elapsed().as_secs_f64() * 1e3;
        if let Some(exit) = app.should_exit() {
            report(&times);
            return exit;
        }
        let world = app.world();
        if *world.resource::<NatterStatus>() != NatterStatus::Ready {
            continue;
        }
        ready_for += 1;
        if ready_for <= SETTLE_FRAMES {
            continue;
        }
        let stats = world.resource::<GenerationStats>();
        if stats.active > 0 {
            times.talking.push(ms);
            times.gpu_ms += f64::from(stats.gpu_ms_last_frame);
            times.tokens_per_second += f64::from(stats.tokens_per_second);
        } else {
            times.quiet.push(ms);
        }
    }
}

/// One stdout line per kind of frame: count, mean, median, 99th percentile, worst, and how
/// many missed 60 fps; frames with dialogue also say what it cost and achieved.
fn report(times: &FrameTimes) {
    let n = times.talking.len().max(1) as f64;
    let dialogue = format!(
        "; dialogue {:.2} GPU ms a frame, {:.0} tokens/s",
        times.gpu_ms / n,
        times.tokens_per_second / n
    );
    for (label, ms, extra) in [
        ("villagers talking", &times.talking, dialogue.as_str()),
        ("no dialogue", &times.quiet, ""),
    ] {
        if ms.is_empty() {
            println!(
                "frames ({label}): none (timing starts {SETTLE_FRAMES} frames after the model is ready)"
            );
            continue;
        }
        let mut sorted = ms.clone();
        sorted.sort_by(f64::total_cmp);
        let at = |q: usize| sorted[(sorted.len() * q / 100).min(sorted.len() - 1)];
        let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
        let slow = sorted.iter().filter(|t| **t > FRAME_MS_60HZ).count();
        println!(
            "frames ({label}): {} frames, mean {mean:.2} ms, median {:.2} ms, p99 {:.2} ms, \
             worst {:.2} ms, {slow} over 16.7 ms{extra}",
            sorted.len(),
            at(50),
            at(99),
            sorted[sorted.len() - 1],
        );
    }
}
