//! What the plugin's test binaries share: a headless app on the real render device (lavapipe
//! where there is no GPU), and frames run until a condition holds.

use bevy::app::PluginsState;
use bevy::prelude::*;
use bevy::window::ExitCondition;
use bevy_natter::prelude::*;

/// An app with Bevy's default plugins but no window (nor winit), assets read from `assets`,
/// and `natter`; `setup` adds the test's own resources, systems and observers. Its plugins are
/// built and finished, so the first `update` runs frames.
pub fn headless_app(
    assets: &std::path::Path,
    natter: NatterPlugin,
    setup: impl FnOnce(&mut App),
) -> App {
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
    .add_plugins(natter);
    setup(&mut app);
    while app.plugins_state() == PluginsState::Adding {
        bevy::tasks::tick_global_task_pools_on_main_thread();
    }
    app.finish();
    app.cleanup();
    app
}

/// Runs frames until `done`, or fails after `seconds` (lavapipe is slow: loading, compiling
/// and a short reply take tens of seconds), or as soon as natter fails or the app wants to
/// exit. Returns the frames run.
pub fn run_until(app: &mut App, seconds: u64, mut done: impl FnMut(&mut App) -> bool) -> usize {
    let start = std::time::Instant::now();
    let mut frames = 0;
    while start.elapsed().as_secs() < seconds {
        app.update();
        frames += 1;
        if let NatterStatus::Failed(why) = app.world().resource::<NatterStatus>() {
            panic!("natter failed: {why}");
        }
        // Bevy's render error handler asks the app to quit on a device error.
        if let Some(exit) = app.should_exit() {
            panic!("the app wants to exit ({exit:?}): a GPU error? see the log");
        }
        if done(app) {
            return frames;
        }
        // A game's frame takes time; an empty loop would only spin.
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!(
        "not done after {seconds} s ({frames} frames); status {:?}",
        app.world().resource::<NatterStatus>()
    );
}
