//! The plugin's first-run tuning, in a test binary of its own: it points the tuning cache at a
//! temporary file through `NATTER_TUNING_CACHE`, which no other test may see change.
//!
//! A headless app on a real render device (lavapipe where there is no GPU) with a tiny
//! synthetic model (the check is the plugin's path, not speed): the first run measures kernel
//! shapes, says so in its status, saves them, and becomes ready; the second finds them in the
//! cache and only compiles.

use bevy::prelude::*;
use bevy::render::renderer::RenderDevice;
use bevy_natter::prelude::*;
use natter_runtime::TuningCache;
use natter_runtime::tune::{TuneOptions, TuneScope};

mod common;
use common::{headless_app, run_until};

fn app(assets: &std::path::Path) -> App {
    let natter = NatterPlugin {
        model: "models/tiny.gguf".into(),
        context: 64,
        conversations: 2,
        warm_up: false,
        // On any adapter (lavapipe too), two steps a measurement.
        auto_tune: AutoTune::With(TuneOptions {
            scope: TuneScope::Quick,
            tokens: 2,
            chain: 2,
        }),
        ..default()
    };
    headless_app(assets, natter, |_| {})
}

/// Updates `app` until natter is ready; returns every status seen, in order, without repeats.
fn statuses_until_ready(app: &mut App) -> Vec<NatterStatus> {
    let mut seen: Vec<NatterStatus> = Vec::new();
    run_until(app, 600, |app| {
        let status = app.world().resource::<NatterStatus>().clone();
        if seen.last() != Some(&status) {
            seen.push(status.clone());
        }
        status == NatterStatus::Ready
    });
    seen
}

#[test]
fn the_first_run_tunes_the_kernels_and_later_runs_use_the_cache() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("tuning.txt");
    // SAFETY: set before any app (or other thread of this test binary) runs; this binary's
    // only test.
    unsafe { std::env::set_var("NATTER_TUNING_CACHE", &cache) };
    std::fs::create_dir_all(dir.path().join("models")).unwrap();
    let spec = natter_model::SynthSpec::tiny();
    natter_model::write_synthetic_gguf(dir.path().join("models/tiny.gguf"), &spec)
        .expect("synthetic model");

    let mut first = app(dir.path());
    let seen = statuses_until_ready(&mut first);
    assert!(
        seen.iter()
            .any(|s| matches!(s, NatterStatus::Tuning { .. })),
        "a first run tunes: {seen:?}"
    );
    let progress: Vec<f32> = seen.iter().map(NatterStatus::progress).collect();
    assert!(
        progress.windows(2).all(|w| w[0] <= w[1]),
        "the loading progress never goes back: {seen:?}"
    );
    let adapter = first
        .world()
        .resource::<RenderDevice>()
        .wgpu_device()
        .adapter_info();
    let model = natter_model::Model::open(dir.path().join("models/tiny.gguf")).unwrap();
    let tuned = TuningCache::load(&cache)
        .get(&TuningCache::key(&adapter, model.config()))
        .expect("the tuning is saved for this GPU and model");
    drop(first);

    let mut second = app(dir.path());
    let seen = statuses_until_ready(&mut second);
    assert!(
        !seen
            .iter()
            .any(|s| matches!(s, NatterStatus::Tuning { .. })),
        "a later run uses the cache: {seen:?}"
    );
    assert_eq!(
        TuningCache::load(&cache).get(&TuningCache::key(&adapter, model.config())),
        Some(tuned)
    );
}
