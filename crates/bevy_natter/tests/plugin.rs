//! Headless Bevy apps on a real render device (lavapipe where there is no GPU) with the real
//! model: NPCs answer, stream, batch, save and restore, despawn safely, and keep to the budget.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use bevy_natter::prelude::*;

mod common;
use common::{headless_app, run_until};

const MODEL: &str = "../../assets/models/SmolLM2-135M-Instruct.Q4_1.gguf";

/// An asset folder for one test: the real model linked in, and the personas it writes.
struct Assets {
    dir: tempfile::TempDir,
}

impl Assets {
    fn new() -> Self {
        let model = Path::new(env!("CARGO_MANIFEST_DIR")).join(MODEL);
        assert!(
            model.exists(),
            "{} is missing: run `cargo xtask fetch`",
            model.display()
        );
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("models")).unwrap();
        std::fs::create_dir_all(dir.path().join("personas")).unwrap();
        std::os::unix::fs::symlink(
            model.canonicalize().unwrap(),
            dir.path().join("models/SmolLM2-135M-Instruct.Q4_1.gguf"),
        )
        .expect("link the model");
        Assets { dir }
    }

    fn persona(&self, file: &str, text: &str) -> String {
        std::fs::write(self.dir.path().join("personas").join(file), text).unwrap();
        format!("personas/{file}")
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

const SMITH: &str = r#"(
    name: "Hilda",
    identity: "You are Hilda, the blacksmith of Oakvale. You are proud of your work.",
    style: "You speak plainly.",
    sampling: (temperature: 0.0, repetition_penalty: 1.0),
    max_reply_tokens: 12,
)"#;

const GUARD: &str = r#"(
    name: "Brom",
    identity: "You are Brom, the gate guard of Oakvale. You distrust strangers.",
    sampling: (temperature: 0.7, seed: Some(3)),
    max_reply_tokens: 10,
)"#;

/// Replies seen by observers and readers, per NPC.
#[derive(Resource, Default, Clone)]
struct Seen(Arc<Mutex<Seen_>>);

#[derive(Default)]
struct Seen_ {
    deltas: Vec<(Entity, String)>,
    finished: Vec<(Entity, String, FinishReason)>,
    failed: Vec<(Entity, String)>,
}

/// Lavapipe runs every dispatch on all CPU cores and its timestamps are CPU time: tests take
/// turns so that one test's work does not inflate another's measurements.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn app(assets: &Assets, budget_ms: f32) -> App {
    let natter = NatterPlugin {
        context: 512,
        conversations: 2,
        ..default()
    };
    headless_app(&assets.path(), natter, |app| {
        app.insert_resource(FrameBudget::from_millis(budget_ms))
            .init_resource::<Seen>()
            .add_systems(Update, record_speech.after(NatterSystems::Generate))
            .add_observer(|e: On<ReplyFinished>, seen: Res<Seen>| {
                seen.0
                    .lock()
                    .unwrap()
                    .finished
                    .push((e.entity, e.text.clone(), e.reason));
            })
            .add_observer(|e: On<ReplyFailed>, seen: Res<Seen>| {
                seen.0
                    .lock()
                    .unwrap()
                    .failed
                    .push((e.entity, e.error.clone()));
            });
    })
}

fn record_speech(mut speech: MessageReader<NpcSpeech>, seen: Res<Seen>) {
    let mut s = seen.0.lock().unwrap();
    for m in speech.read() {
        s.deltas.push((m.npc, m.delta.clone()));
    }
}

fn seen(app: &App) -> Arc<Mutex<Seen_>> {
    app.world().resource::<Seen>().0.clone()
}

fn spawn_npc(app: &mut App, persona: &str, focus: bool) -> Entity {
    let handle = app
        .world()
        .resource::<AssetServer>()
        .load(persona.to_string());
    let mut e = app.world_mut().spawn((Npc, PersonaHandle(handle)));
    if focus {
        e.insert(PlayerFocus);
    }
    e.id()
}

fn say(app: &mut App, npc: Entity, text: &str) {
    app.world_mut().write_message(Say::from_player(npc, text));
}

fn finished(app: &App, npc: Entity) -> Option<(String, FinishReason)> {
    seen(app)
        .lock()
        .unwrap()
        .finished
        .iter()
        .find(|f| f.0 == npc)
        .map(|f| (f.1.clone(), f.2))
}

#[test]
fn an_npc_answers_and_its_deltas_make_the_reply() {
    let _turn = serial();
    let assets = Assets::new();
    let smith = assets.persona("smith.persona.ron", SMITH);
    let mut app = app(&assets, 1000.0);
    let npc = spawn_npc(&mut app, &smith, true);
    say(&mut app, npc, "Good morning! What are you working on?");
    let mut states = Vec::new();
    let mut streamed_at_finish = None;
    run_until(&mut app, 300, |app| {
        let state = app.world().get::<Replying>(npc).copied();
        if states.last() != Some(&state) {
            states.push(state);
        }
        let done = finished(app, npc).is_some();
        if done {
            streamed_at_finish = Some(seen(app).lock().unwrap().deltas.len());
        }
        done
    });
    // Thinking while the prompt is read, Speaking once words come, gone when finished.
    assert_eq!(
        states,
        [
            None,
            Some(Replying::Thinking),
            Some(Replying::Speaking),
            None
        ],
        "Replying states over the reply"
    );
    let (text, reason) = finished(&app, npc).unwrap();
    assert!(!text.trim().is_empty(), "empty reply");
    let streamed: String = seen(&app)
        .lock()
        .unwrap()
        .deltas
        .iter()
        .filter(|d| d.0 == npc)
        .map(|d| d.1.as_str())
        .collect();
    assert_eq!(
        streamed_at_finish,
        Some(seen(&app).lock().unwrap().deltas.len()),
        "every delta arrives before ReplyFinished"
    );
    assert_eq!(
        streamed.trim(),
        text,
        "the deltas must concatenate to the finished text"
    );
    assert!(
        matches!(reason, FinishReason::Length | FinishReason::EndOfTurn),
        "{reason:?}"
    );
    // The conversation holds the line and the reply.
    let c = app.world().get::<Conversation>(npc).unwrap();
    assert_eq!(c.turns.len(), 2);
    assert_eq!(c.turns[1].speaker, Speaker::Me);
    assert_eq!(c.turns[1].text, text);
}

#[test]
fn a_persona_is_prefilled_before_anyone_speaks() {
    let _turn = serial();
    let assets = Assets::new();
    let smith = assets.persona("smith.persona.ron", SMITH);
    let mut app = app(&assets, 1000.0);
    let npc = spawn_npc(&mut app, &smith, true);
    let stats = |app: &App| app.world().resource::<GenerationStats>().clone();
    // Idle dialogue warms the NPC up: its persona runs before the player says anything.
    run_until(&mut app, 300, |app| stats(app).warmed == 1);
    let persona = stats(&app).prompt_tokens;
    assert!(persona > 0);
    assert!(
        app.world().get::<Replying>(npc).is_none(),
        "warming is no reply"
    );
    say(&mut app, npc, "Good morning!");
    run_until(&mut app, 300, |app| finished(app, npc).is_some());
    // The reply ran only the player's turn (in its chat-template markers), not the persona.
    let line = stats(&app).prompt_tokens - persona;
    assert!(
        line <= 16 && 2 * line < persona,
        "the reply ran {line} prompt tokens after a warm-up of {persona}"
    );
    let (text, _) = finished(&app, npc).unwrap();
    assert!(!text.trim().is_empty());
    assert!(seen(&app).lock().unwrap().failed.is_empty());
}

#[test]
fn two_npcs_talking_at_once_both_finish() {
    let _turn = serial();
    let assets = Assets::new();
    let smith = assets.persona("smith.persona.ron", SMITH);
    let guard = assets.persona("guard.persona.ron", GUARD);
    let mut app = app(&assets, 1000.0);
    let a = spawn_npc(&mut app, &smith, true);
    let b = spawn_npc(&mut app, &guard, false);
    say(&mut app, a, "What do you sell?");
    say(&mut app, b, "Can I pass the gate?");
    let mut both_active = false;
    run_until(&mut app, 300, |app| {
        both_active |= app.world().resource::<GenerationStats>().active == 2;
        finished(app, a).is_some() && finished(app, b).is_some()
    });
    assert!(both_active, "the two replies never ran at the same time");
    assert!(seen(&app).lock().unwrap().failed.is_empty());
}

#[test]
fn a_saved_conversation_loads_and_the_reply_continues() {
    let _turn = serial();
    let assets = Assets::new();
    let smith = assets.persona("smith.persona.ron", SMITH);
    let mut app = app(&assets, 1000.0);
    let npc = spawn_npc(&mut app, &smith, true);
    say(&mut app, npc, "I need a new horseshoe.");
    run_until(&mut app, 300, |app| finished(app, npc).is_some());
    let saved = ron::to_string(app.world().get::<Conversation>(npc).unwrap()).unwrap();

    // A new game: a new NPC gets the saved conversation, then a new line.
    let mut app2 = self::app(&assets, 1000.0);
    let npc2 = spawn_npc(&mut app2, &smith, true);
    let loaded: Conversation = ron::from_str(&saved).unwrap();
    assert_eq!(
        &loaded,
        app.world().get::<Conversation>(npc).unwrap(),
        "round trip"
    );
    app2.world_mut().entity_mut(npc2).insert(loaded);
    say(&mut app2, npc2, "How much will it cost?");
    run_until(&mut app2, 300, |app| finished(app, npc2).is_some());
    let c = app2.world().get::<Conversation>(npc2).unwrap();
    assert_eq!(c.turns.len(), 4, "{c:?}");
    assert_eq!(c.turns[0].text, "I need a new horseshoe.");
    assert_eq!(c.turns[2].text, "How much will it cost?");
    assert_eq!(c.turns[3].speaker, Speaker::Me);
}

#[test]
fn despawning_mid_reply_is_safe_and_frees_the_slot() {
    let _turn = serial();
    let assets = Assets::new();
    let smith = assets.persona("smith.persona.ron", SMITH);
    let guard = assets.persona("guard.persona.ron", GUARD);
    let mut app = app(&assets, 1000.0);
    let a = spawn_npc(&mut app, &smith, true);
    let b = spawn_npc(&mut app, &guard, false);
    say(&mut app, a, "Tell me about your forge.");
    say(&mut app, b, "Who goes there?");
    // Despawn the smith once its reply has started streaming.
    run_until(&mut app, 300, |app| {
        seen(app).lock().unwrap().deltas.iter().any(|d| d.0 == a)
    });
    app.world_mut().despawn(a);
    run_until(&mut app, 300, |app| finished(app, b).is_some());
    assert!(
        finished(&app, a).is_none(),
        "a despawned NPC must not finish"
    );
    // With two slots, two new NPCs can both talk: the despawned NPC's slot was freed.
    let c = spawn_npc(&mut app, &smith, true);
    let d = spawn_npc(&mut app, &guard, false);
    say(&mut app, c, "Hello?");
    say(&mut app, d, "Hello?");
    run_until(&mut app, 300, |app| {
        finished(app, c).is_some() && finished(app, d).is_some()
    });
    assert!(seen(&app).lock().unwrap().failed.is_empty());
}

#[test]
fn generation_keeps_to_the_frame_budget() {
    let _turn = serial();
    let assets = Assets::new();
    let smith = assets.persona("smith.persona.ron", SMITH);
    // First a budget too small for any segment: every frame submits exactly one (work always
    // advances), so the frames measure single segments, the unit of work. A fixed budget would
    // test this machine's speed (one prompt-chunk block costs ~100 ms on lavapipe and twice
    // that on a busy CPU), not the scheduler.
    let mut app = app(&assets, 0.001);
    let npc = spawn_npc(&mut app, &smith, true);
    say(&mut app, npc, "What are you working on?");
    let mut segments = Vec::new();
    run_until(&mut app, 300, |app| {
        let ms = app.world().resource::<GenerationStats>().gpu_ms_last_frame;
        if ms > 0.0 {
            segments.push(ms);
        }
        // More frames than one step has segments (embedding, 30 blocks, head).
        segments.len() >= 40 || finished(app, npc).is_some()
    });
    assert!(
        finished(&app, npc).is_none(),
        "the reply finished while measuring segments"
    );
    let segment = segments.iter().copied().fold(0.0, f32::max);
    // Then a budget two segments wide: steps must span frames, and frames hold up to two
    // segments each.
    let budget_ms = 2.0 * segment;
    app.insert_resource(FrameBudget::from_millis(budget_ms));
    let mut per_frame = Vec::new();
    run_until(&mut app, 300, |app| {
        let stats = app.world().resource::<GenerationStats>();
        per_frame.push(stats.gpu_ms_last_frame);
        finished(app, npc).is_some()
    });
    let measured: Vec<f32> = per_frame.iter().copied().filter(|ms| *ms > 0.0).collect();
    assert!(measured.len() > 10, "too few measured frames: {measured:?}");
    // After the cost model has seen a few frames at the new budget, frames keep to it: the
    // mean within 25 %, and no frame past the budget by more than one segment (a prediction
    // can be off by one segment; half a segment more for timing noise on a shared CPU).
    let settled = &measured[measured.len() / 4..];
    let mean = settled.iter().sum::<f32>() / settled.len() as f32;
    let worst = settled.iter().copied().fold(0.0, f32::max);
    eprintln!(
        "segments up to {segment:.1} ms; budget {budget_ms:.1} ms: mean {mean:.1} ms, worst \
         {worst:.1} ms over {} frames: {settled:?}",
        settled.len()
    );
    assert!(
        mean <= budget_ms * 1.25,
        "mean {mean} ms per frame over a {budget_ms} ms budget"
    );
    assert!(
        worst <= budget_ms + 1.5 * segment,
        "a frame took {worst} ms of GPU on a {budget_ms} ms budget (segments up to {segment} ms)"
    );
}

#[test]
fn a_broken_persona_is_an_asset_error_not_a_panic() {
    let _turn = serial();
    let assets = Assets::new();
    let broken = assets.persona(
        "broken.persona.ron",
        r#"(name: "Nobody", identity: "x", sampling: (top_p: 7.0))"#,
    );
    let mut app = app(&assets, 1000.0);
    let handle: Handle<Persona> = app.world().resource::<AssetServer>().load(broken);
    let mut state = None;
    run_until(&mut app, 120, |app| {
        state = app
            .world()
            .resource::<AssetServer>()
            .get_load_state(&handle);
        matches!(state, Some(bevy::asset::LoadState::Failed(_)))
    });
    let Some(bevy::asset::LoadState::Failed(e)) = state else {
        unreachable!()
    };
    assert!(e.to_string().contains("sampling.top_p"), "{e}");
}
