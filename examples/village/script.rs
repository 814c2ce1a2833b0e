//! Scripted play, for CI and for screenshots: a RON list of steps run one after another
//! through the same intents a player's keys make, plus `--frames` and `--screenshot`.
//!
//! ```ron
//! [WalkTo("Hilda"), Talk, Say("Good morning! What are you working on?"), WaitReply(900), Quit]
//! ```
//!
//! A step that cannot complete (a reply that fails or times out, a villager that is not
//! there) ends the game with a message on stderr and exit status 1.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use bevy::diagnostic::FrameCount;
use bevy::ecs::system::SystemParam;
use bevy::input::ButtonState;
use bevy::input::gamepad::{
    GamepadConnection, GamepadConnectionEvent, RawGamepadAxisChangedEvent,
    RawGamepadButtonChangedEvent, RawGamepadEvent,
};
use bevy::input::keyboard::{Key, KeyboardInput, NativeKeyCode};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy_natter::prelude::*;
use serde::Deserialize;

use crate::headless::Offscreen;
use crate::npcs::{Chatter, Speech, VILLAGERS, Villager, name_of};
use crate::player::{FollowCamera, Movement, Nearby, Player, TALK_RANGE};
use crate::talk::{Talk, TalkIntent, TalkSystems};
use crate::ui::ShowOverlay;

/// One step of a script.
#[derive(Deserialize, Clone, Debug)]
pub enum Step {
    /// Put the player in front of the named villager, facing them.
    WalkTo(String),
    /// Open the conversation with the villager in reach (as E / Ⓐ does).
    Talk,
    /// Say this line to the villager in the open conversation.
    Say(String),
    /// Say the suggested line at this index (0 to 2), as a gamepad player would.
    Pick(usize),
    /// Press and release a button of a virtual gamepad (`South` is Ⓐ, `East` Ⓑ, `DPadDown`…),
    /// through the same input messages a real gamepad sends.
    Pad(GamepadButton),
    /// Hold the virtual gamepad's left stick at (x, y) for this many seconds; fails unless the
    /// player moved.
    Stick(f32, f32, f32),
    /// Hold a key for this many seconds, through the same input messages a keyboard sends
    /// (`KeyW`, `KeyE`, `Escape`…); with a movement key (WASD, arrows) it fails unless the
    /// player moved.
    Key(KeyCode, f32),
    /// Type this line on the keyboard into the open conversation and press Enter.
    Type(String),
    /// Wait until the villager has answered the player's last line; fail after this many
    /// seconds, or at once when no line is waiting for an answer.
    WaitReply(f32),
    /// Wait this many seconds.
    Wait(f32),
    /// Save a PNG of the window (the offscreen image with `--headless`) here.
    Screenshot(String),
    /// Swing the camera round the player: yaw and pitch in degrees, distance in metres (yaw 0
    /// looks north); for screenshots.
    View(f32, f32, f32),
    /// Show or hide the F3 overlay.
    Overlay(bool),
    /// Let villagers chat among themselves (off by default in scripts).
    Chatter(bool),
    /// Wait until one villager has answered another in a chat (since `Chatter(true)` or the
    /// last `WaitChatter`); fail after this many seconds.
    WaitChatter(f32),
    /// Close the conversation (as Esc / Ⓑ does).
    Close,
    /// End the game with exit status 0 (after a pending `--screenshot`).
    Quit,
}

/// A script read from a file, checked before the game starts.
#[derive(Clone, Debug)]
pub struct Script {
    pub path: PathBuf,
    pub steps: Vec<Step>,
}

impl Script {
    pub fn load(path: &Path) -> anyhow::Result<Script> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the script {}", path.display()))?;
        let steps: Vec<Step> = ron::from_str(&text).map_err(|e| {
            anyhow!(
                "{}:{}:{}: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        })?;
        for (i, step) in steps.iter().enumerate() {
            check(step)
                .with_context(|| format!("{}: step {} ({step:?})", path.display(), i + 1))?;
        }
        Ok(Script {
            path: path.to_owned(),
            steps,
        })
    }
}

/// Checks a step's arguments, so a typo fails before a window opens rather than minutes in.
fn check(step: &Step) -> anyhow::Result<()> {
    match step {
        Step::WalkTo(name) if !VILLAGERS.iter().any(|v| v.name.eq_ignore_ascii_case(name)) => {
            let names: Vec<&str> = VILLAGERS.iter().map(|v| v.name).collect();
            bail!(
                "no villager is called {name:?}; there are {}",
                names.join(", ")
            )
        }
        Step::Say(line) | Step::Type(line) if line.trim().is_empty() => bail!("the line is empty"),
        Step::Type(line) if line.chars().any(char::is_control) => {
            bail!("a typed line has no control characters (Enter is pressed after it)")
        }
        Step::Key(_, s) if !(s.is_finite() && *s >= 0.0) => bail!("{s} is not a number of seconds"),
        Step::Pick(i) if *i > 2 => bail!("there are three suggestions, 0 to 2"),
        Step::WaitReply(s) | Step::Wait(s) | Step::WaitChatter(s) | Step::Stick(_, _, s)
            if !(s.is_finite() && *s >= 0.0) =>
        {
            bail!("{s} is not a number of seconds")
        }
        Step::Stick(x, y, _) if !((-1.0..=1.0).contains(x) && (-1.0..=1.0).contains(y)) => {
            bail!("the stick's x and y go from -1 to 1")
        }
        Step::Screenshot(path) => check_screenshot_path(Path::new(path)),
        Step::View(_, pitch, distance)
            if !(-10.0..=89.0).contains(pitch) || !(1.0..=200.0).contains(distance) =>
        {
            bail!("the pitch must be -10 to 89 degrees and the distance 1 to 200 m")
        }
        _ => Ok(()),
    }
}

/// Screenshots are PNG files (the only image encoder the game is built with).
pub fn check_screenshot_path(path: &Path) -> anyhow::Result<()> {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("png") => Ok(()),
        _ => bail!(
            "screenshots are saved as PNG: {} must end in .png",
            path.display()
        ),
    }
}

pub struct ScriptPlugin {
    pub script: Option<Script>,
    pub frames: Option<u64>,
    pub screenshot: Option<PathBuf>,
}

impl Plugin for ScriptPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Shots>()
            .insert_resource(AutoShot {
                path: self.screenshot.clone(),
                replies: 0,
                ready_frame: None,
            })
            .add_observer(count_replies)
            .add_systems(Update, auto_screenshot);
        if let Some(frames) = self.frames {
            app.insert_resource(FrameLimit(frames))
                .add_systems(Last, quit_after_frames);
        }
        if let Some(script) = &self.script {
            info!(
                "playing {} ({} steps)",
                script.path.display(),
                script.steps.len()
            );
            // Small talk would compete with the reply the script waits for.
            app.insert_resource(Chatter::off())
                .insert_resource(Runner {
                    steps: script.steps.clone(),
                    next: 0,
                    started: None,
                    failed: false,
                    logged: 0.0,
                    chat_mark: 0,
                    answered: 0,
                    moved_from: Vec3::ZERO,
                })
                .add_systems(Startup, connect_pad)
                .add_systems(Update, run_script.before(Movement).before(TalkSystems));
        }
    }
}

/// `--screenshot`: taken once the model is ready and a villager has spoken (pipelines compile
/// asynchronously, so early frames are blank; a reply on screen means everything has drawn).
#[derive(Resource)]
struct AutoShot {
    path: Option<PathBuf>,
    replies: u64,
    /// The frame the first reply finished on.
    ready_frame: Option<u32>,
}

/// Screenshots asked for and not yet written.
#[derive(Resource, Default)]
struct Shots {
    pending: u32,
}

#[derive(Resource)]
struct FrameLimit(u64);

#[derive(Resource)]
struct Runner {
    steps: Vec<Step>,
    next: usize,
    /// When the current step began (seconds of `Time<Real>`).
    started: Option<f32>,
    /// A step failed: the game is on its way out with an error.
    failed: bool,
    /// When progress was last logged during a long wait.
    logged: f32,
    /// Chat replies counted at `Chatter(true)` or consumed by `WaitChatter` steps.
    chat_mark: u64,
    /// Replies to the player that `WaitReply` steps have waited for.
    answered: u64,
    /// Where the player stood when a `Stick` or `Key` step began.
    moved_from: Vec3,
}

/// The virtual gamepad scripts press.
#[derive(Resource)]
struct ScriptPad(Entity);

/// Plugs the virtual gamepad in, as gilrs does when a real one connects.
fn connect_pad(mut commands: Commands, mut connections: MessageWriter<GamepadConnectionEvent>) {
    let pad = commands.spawn(Name::new("script gamepad")).id();
    connections.write(GamepadConnectionEvent::new(
        pad,
        GamepadConnection::Connected {
            name: "script gamepad".into(),
            vendor_id: None,
            product_id: None,
        },
    ));
    commands.insert_resource(ScriptPad(pad));
}

fn count_replies(_: On<ReplyFinished>, mut auto: ResMut<AutoShot>) {
    auto.replies += 1;
}

/// Saves the next frame as a PNG: the window's, or the offscreen image's with `--headless`.
fn take_screenshot(
    commands: &mut Commands,
    shots: &mut Shots,
    offscreen: Option<&Offscreen>,
    path: &Path,
) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        error!("cannot create {}: {e}", dir.display());
    }
    shots.pending += 1;
    let screenshot = match offscreen {
        Some(image) => Screenshot::image(image.0.clone()),
        None => Screenshot::primary_window(),
    };
    commands
        .spawn(screenshot)
        .observe(save_to_disk(PathBuf::from(path)))
        .observe(|_: On<ScreenshotCaptured>, mut shots: ResMut<Shots>| {
            shots.pending = shots.pending.saturating_sub(1)
        });
}

fn auto_screenshot(
    mut commands: Commands,
    mut auto: ResMut<AutoShot>,
    mut shots: ResMut<Shots>,
    frame: Res<FrameCount>,
    offscreen: Option<Res<Offscreen>>,
) {
    let AutoShot {
        path: Some(_),
        replies,
        ready_frame,
    } = &mut *auto
    else {
        return;
    };
    if *replies == 0 {
        return;
    }
    // A few frames for the last words to lay out and the bubble to settle.
    let since = *ready_frame.get_or_insert(frame.0);
    if frame.0.wrapping_sub(since) >= 8
        && let Some(path) = auto.path.take()
    {
        take_screenshot(&mut commands, &mut shots, offscreen.as_deref(), &path);
    }
}

/// Quits after `--frames`, saying how fast the second half of them ran (the first half
/// includes compiling pipelines).
fn quit_after_frames(
    frame: Res<FrameCount>,
    limit: Res<FrameLimit>,
    time: Res<Time<Real>>,
    mut half: Local<Option<(u64, f32)>>,
    mut exit: MessageWriter<AppExit>,
) {
    let n = u64::from(frame.0) + 1;
    if n >= limit.0 / 2 && half.is_none() {
        *half = Some((n, time.elapsed_secs()));
    }
    if n >= limit.0 {
        let (from, at) = half.unwrap_or((0, 0.0));
        let ms = 1000.0 * (time.elapsed_secs() - at) / (n - from).max(1) as f32;
        info!(
            "quitting after {n} frames; the last {} took {ms:.1} ms each",
            n - from
        );
        exit.write(AppExit::Success);
    }
}

/// What the script reads of the game.
#[derive(SystemParam)]
struct Scene<'w, 's> {
    time: Res<'w, Time<Real>>,
    frame: Res<'w, FrameCount>,
    talk: Res<'w, Talk>,
    nearby: Res<'w, Nearby>,
    status: Res<'w, NatterStatus>,
    stats: Res<'w, GenerationStats>,
    personas: Res<'w, Assets<Persona>>,
    offscreen: Option<Res<'w, Offscreen>>,
    windows: Query<'w, 's, Entity, With<bevy::window::PrimaryWindow>>,
    npcs: Query<
        'w,
        's,
        (
            Entity,
            &'static Villager,
            Option<&'static PersonaHandle>,
            &'static Transform,
            &'static Speech,
        ),
        Without<Player>,
    >,
}

impl Scene<'_, '_> {
    fn name(&self, npc: Entity) -> String {
        self.npcs
            .get(npc)
            .map_or("the villager".into(), |(_, v, p, ..)| {
                name_of(v, p, &self.personas).to_string()
            })
    }
}

/// Plays the current step; moves to the next when it is done. A step that fails ends the game.
#[allow(clippy::too_many_arguments)]
fn run_script(
    mut runner: ResMut<Runner>,
    scene: Scene,
    mut commands: Commands,
    mut chatter: ResMut<Chatter>,
    mut overlay: ResMut<ShowOverlay>,
    mut shots: ResMut<Shots>,
    mut auto: ResMut<AutoShot>,
    mut intents: MessageWriter<TalkIntent>,
    mut exit: MessageWriter<AppExit>,
    mut player: Single<&mut Transform, With<Player>>,
    mut camera: Single<&mut FollowCamera>,
    pad: Res<ScriptPad>,
    mut gamepad: MessageWriter<RawGamepadEvent>,
    mut keyboard: MessageWriter<KeyboardInput>,
) {
    if runner.failed {
        return;
    }
    let now = scene.time.elapsed_secs();
    let Some(step) = runner.steps.get(runner.next).cloned() else {
        // The end of the script: quit once any screenshot is written.
        if let Some(path) = auto.path.take() {
            take_screenshot(&mut commands, &mut shots, scene.offscreen.as_deref(), &path);
        }
        if shots.pending == 0 {
            info!("script done");
            exit.write(AppExit::Success);
        }
        return;
    };
    let first_frame = runner.started.is_none();
    // Keyboard messages name the window that received them; with `--headless` there is none.
    let window = scene.windows.iter().next().unwrap_or(Entity::PLACEHOLDER);
    let elapsed = now - *runner.started.get_or_insert(now);
    let talk = &scene.talk;
    let outcome: Result<bool, String> = match &step {
        Step::WalkTo(name) => {
            let found = scene
                .npcs
                .iter()
                .find(|(_, v, p, ..)| name_of(v, *p, &scene.personas).eq_ignore_ascii_case(name));
            match found {
                Some((_, villager, _, at, _)) => {
                    // Stand in front of the villager, on the side they look towards.
                    let info = villager.info();
                    let out = (info.looks_at - info.home).normalize_or(Vec2::Y);
                    let spot = at.translation + Vec3::new(out.x, 0.0, out.y) * (TALK_RANGE * 0.6);
                    player.translation = spot;
                    player.look_at(at.translation.with_y(spot.y), Vec3::Y);
                    camera.yaw = out.x.atan2(out.y);
                    camera.snap = true;
                    Ok(true)
                }
                None => Err(format!("no villager called {name:?} is in the village")),
            }
        }
        Step::Talk => match scene.nearby.0 {
            Some(npc) => {
                intents.write(TalkIntent::Open(npc));
                Ok(true)
            }
            None => Err(format!(
                "nobody is within {TALK_RANGE} m to talk to; put a WalkTo first"
            )),
        },
        Step::Say(line) => match talk.with {
            Some(_) => {
                intents.write(TalkIntent::Say(Some(line.clone())));
                Ok(true)
            }
            None => Err("no conversation is open; put a Talk first".into()),
        },
        Step::Pick(i) => match talk.suggestions.get(*i) {
            Some(line) if talk.with.is_some() => {
                intents.write(TalkIntent::Say(Some(line.clone())));
                Ok(true)
            }
            _ => Err("no conversation is open; put a Talk first".into()),
        },
        Step::Pad(button) => {
            // Pressed this frame, seen by the game next frame, released after that.
            let value = if first_frame { 1.0 } else { 0.0 };
            gamepad.write(RawGamepadEvent::Button(RawGamepadButtonChangedEvent::new(
                pad.0, *button, value,
            )));
            Ok(!first_frame)
        }
        Step::Stick(x, y, seconds) => {
            let held = elapsed < *seconds;
            if first_frame {
                runner.moved_from = player.translation;
            }
            for (axis, value) in [(GamepadAxis::LeftStickX, *x), (GamepadAxis::LeftStickY, *y)] {
                let value = if held { value } else { 0.0 };
                gamepad.write(RawGamepadEvent::Axis(RawGamepadAxisChangedEvent::new(
                    pad.0, axis, value,
                )));
            }
            let moved = player.translation.distance(runner.moved_from);
            match held {
                true => Ok(false),
                false if moved < 0.5 => Err(format!(
                    "the left stick moved the player {moved:.2} m in {seconds} s"
                )),
                false => Ok(true),
            }
        }
        Step::Key(code, seconds) => {
            let held = elapsed < *seconds;
            if first_frame {
                runner.moved_from = player.translation;
                keyboard.write(key_message(*code, ButtonState::Pressed, window));
            }
            if held {
                Ok(false)
            } else {
                keyboard.write(key_message(*code, ButtonState::Released, window));
                let moved = player.translation.distance(runner.moved_from);
                if MOVEMENT_KEYS.contains(code) && moved < 0.5 {
                    Err(format!(
                        "{code:?} moved the player {moved:.2} m in {seconds} s"
                    ))
                } else {
                    Ok(true)
                }
            }
        }
        Step::Type(line) => match talk.with {
            Some(_) => {
                for c in line.chars() {
                    let text: String = c.into();
                    for state in [ButtonState::Pressed, ButtonState::Released] {
                        keyboard.write(KeyboardInput {
                            key_code: KeyCode::Unidentified(NativeKeyCode::Unidentified),
                            logical_key: Key::Character(text.as_str().into()),
                            state,
                            text: (state == ButtonState::Pressed).then(|| text.as_str().into()),
                            repeat: false,
                            window,
                        });
                    }
                }
                keyboard.write(key_message(KeyCode::Enter, ButtonState::Pressed, window));
                keyboard.write(key_message(KeyCode::Enter, ButtonState::Released, window));
                Ok(true)
            }
            None => Err("no conversation is open; put a Talk or Key(KeyE, 0.1) first".into()),
        },
        Step::WaitReply(timeout) => match (&talk.error, talk.awaiting) {
            (Some(e), _) => Err(format!("the reply failed: {e}")),
            (None, None) if talk.answered > runner.answered => {
                runner.answered = talk.answered;
                Ok(true)
            }
            (None, None) => Err("no line is waiting for an answer; put a Say or Pick first".into()),
            (None, Some(npc)) if elapsed > *timeout => Err(format!(
                "no reply from {} after {timeout} s (natter: {:?}); a slow GPU needs a larger --budget",
                scene.name(npc),
                *scene.status
            )),
            (None, Some(npc)) => {
                // A slow GPU takes minutes: say how it goes, for whoever reads the CI log.
                if now - runner.logged > 15.0 {
                    runner.logged = now;
                    log_progress(&scene, npc, elapsed);
                }
                Ok(false)
            }
        },
        Step::WaitChatter(_) if !chatter.enabled => {
            Err("villagers only chat when it is on; put a Chatter(true) first".into())
        }
        Step::WaitChatter(timeout) => {
            if chatter.replies > runner.chat_mark {
                runner.chat_mark = chatter.replies;
                Ok(true)
            } else if elapsed > *timeout {
                Err(format!(
                    "no villager answered another within {timeout} s (natter: {:?}); a slow GPU \
                     needs a larger --budget",
                    *scene.status
                ))
            } else {
                if now - runner.logged > 15.0 {
                    runner.logged = now;
                    info!(
                        "waiting for villagers to chat: {:.1} tokens/s, queue {}, {elapsed:.0} s",
                        scene.stats.tokens_per_second, scene.stats.queue
                    );
                }
                Ok(false)
            }
        }
        Step::Wait(seconds) => Ok(elapsed >= *seconds),
        Step::Screenshot(path) => {
            if first_frame {
                take_screenshot(
                    &mut commands,
                    &mut shots,
                    scene.offscreen.as_deref(),
                    Path::new(path),
                );
                Ok(false)
            } else if shots.pending == 0 {
                Ok(true)
            } else if elapsed > 60.0 {
                Err(format!(
                    "the screenshot {path} was not captured within 60 s"
                ))
            } else {
                Ok(false)
            }
        }
        Step::View(yaw, pitch, distance) => {
            camera.yaw = yaw.to_radians() + std::f32::consts::PI;
            camera.pitch = pitch.to_radians();
            camera.distance = *distance;
            camera.snap = true;
            Ok(true)
        }
        Step::Chatter(on) => {
            chatter.enabled = *on;
            runner.chat_mark = chatter.replies;
            Ok(true)
        }
        Step::Overlay(on) => {
            overlay.0 = *on;
            Ok(true)
        }
        Step::Close => {
            intents.write(TalkIntent::Close);
            Ok(true)
        }
        Step::Quit => {
            runner.next = runner.steps.len();
            Ok(false)
        }
    };
    match outcome {
        Ok(true) => {
            info!("script step {} done: {step:?}", runner.next + 1);
            runner.next += 1;
            runner.started = None;
        }
        Ok(false) => {}
        Err(why) => {
            eprintln!(
                "village: script step {} ({step:?}) failed: {why}",
                runner.next + 1
            );
            exit.write(AppExit::error());
            runner.failed = true;
        }
    }
}

/// Keys that walk the player.
const MOVEMENT_KEYS: [KeyCode; 8] = [
    KeyCode::KeyW,
    KeyCode::KeyA,
    KeyCode::KeyS,
    KeyCode::KeyD,
    KeyCode::ArrowUp,
    KeyCode::ArrowLeft,
    KeyCode::ArrowDown,
    KeyCode::ArrowRight,
];

/// A key press or release as a keyboard sends it: letters carry their character.
fn key_message(code: KeyCode, state: ButtonState, window: Entity) -> KeyboardInput {
    let letter = format!("{code:?}")
        .strip_prefix("Key")
        .filter(|l| l.len() == 1)
        .map(str::to_lowercase);
    let logical_key = match (code, &letter) {
        (KeyCode::Enter, _) => Key::Enter,
        (KeyCode::Escape, _) => Key::Escape,
        (KeyCode::Backspace, _) => Key::Backspace,
        (KeyCode::ArrowUp, _) => Key::ArrowUp,
        (KeyCode::ArrowDown, _) => Key::ArrowDown,
        (KeyCode::ArrowLeft, _) => Key::ArrowLeft,
        (KeyCode::ArrowRight, _) => Key::ArrowRight,
        (_, Some(l)) => Key::Character(l.as_str().into()),
        _ => Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
    };
    let text = match (&logical_key, state) {
        (Key::Character(c), ButtonState::Pressed) => Some(c.clone()),
        _ => None,
    };
    KeyboardInput {
        key_code: code,
        logical_key,
        state,
        text,
        repeat: false,
        window,
    }
}

fn log_progress(scene: &Scene, npc: Entity, elapsed: f32) {
    let heard = scene
        .npcs
        .get(npc)
        .map_or(0, |(.., speech)| speech.text.len());
    let stats = &scene.stats;
    info!(
        "waiting for {}'s reply: {heard} characters so far after {elapsed:.0} s (frame {}); \
         natter {:?}, {:.1} tokens/s, {:.1} GPU ms/frame, queue {}",
        scene.name(npc),
        scene.frame.0,
        *scene.status,
        stats.tokens_per_second,
        stats.gpu_ms_per_frame,
        stats.queue
    );
}
