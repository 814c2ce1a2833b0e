//! The scheduler: turns queued replies into engine steps under the frame budget.
//!
//! Every frame it (1) folds measured GPU times into the cost model, (2) collects the step that
//! finished, sampling each reply's next token and streaming its text, (3) plans the next step
//! when the engine is idle — one token of every reply that is decoding plus a prompt chunk of
//! the most urgent reply that is not (continuous batching: they share one set of kernel
//! launches), and (4) submits as many of the step's segments (the embedding, each transformer
//! block, the LM head) as the budget allows, so one step may span frames on a slow GPU.
//! When no reply needs the GPU, it warms up: it prefills an NPC's persona (and conversation so
//! far) into a free KV slot before anyone speaks to it, so that its first reply runs only the
//! new line.
//!
//! It runs in the main world: the dialogue state is ECS data there, and wgpu's queue takes
//! submissions from any thread, so nothing needs extracting to the render world. Results come
//! back through mapped buffers that are only checked, never waited on.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use bevy::diagnostic::Diagnostics;
use bevy::prelude::*;
use natter_model::Model;
use natter_runtime::{Engine, RuntimeError, Sampler, Session, StepPart, TextStream, TimingSource};

use crate::budget::{CostModel, FrameBudget, GenerationStats, diagnostics};
use crate::dialogue::{
    CancelReply, Conversation, FinishReason, Npc, NpcSpeech, PersonaHandle, PlayerFocus,
    ReplyFailed, ReplyFinished, Replying, Say, Speaker,
};
use crate::persona::Persona;
use crate::prompt;

/// Where natter is in getting ready; a loading screen shows it.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn loading_screen(status: Res<NatterStatus>) {
///     if status.is_changed() {
///         match &*status {
///             NatterStatus::Ready => info!("NPCs can talk"),
///             NatterStatus::Failed(why) => error!("no dialogue: {why}"),
///             loading => info!("dialogue loading: {:.0}%", loading.progress() * 100.0),
///         }
///     }
/// }
/// # App::new().add_systems(Update, loading_screen);
/// ```
#[derive(Resource, Reflect, Clone, Debug, PartialEq, Default)]
#[reflect(Resource)]
pub enum NatterStatus {
    /// The render device is not there yet (or the app has no renderer).
    #[default]
    WaitingForDevice,
    /// The model asset is loading.
    LoadingModel,
    /// The fastest kernel shapes are being measured on this GPU (the first run here with this
    /// model; see [`AutoTune`](crate::AutoTune)); `progress` goes from 0 to 1.
    Tuning { progress: f32 },
    /// Kernels are being compiled and weights uploaded; `progress` goes from 0 to 1 (from 0.5
    /// after a tuning, which took the first half).
    Compiling { progress: f32 },
    /// NPCs can talk.
    Ready,
    /// natter cannot run; NPCs reply with [`ReplyFailed`]. The text says why.
    Failed(String),
}

impl NatterStatus {
    /// Rough progress from 0 to 1, for a loading bar.
    ///
    /// ```
    /// # use bevy_natter::prelude::*;
    /// assert_eq!(NatterStatus::WaitingForDevice.progress(), 0.0);
    /// let compiling = NatterStatus::Compiling { progress: 0.5 };
    /// assert!(compiling.progress() > NatterStatus::LoadingModel.progress());
    /// assert_eq!(NatterStatus::Ready.progress(), 1.0);
    /// ```
    pub fn progress(&self) -> f32 {
        match self {
            NatterStatus::WaitingForDevice => 0.0,
            NatterStatus::LoadingModel => 0.2,
            NatterStatus::Tuning { progress } => 0.2 + 0.4 * progress.clamp(0.0, 1.0),
            NatterStatus::Compiling { progress } => 0.2 + 0.8 * progress.clamp(0.0, 1.0),
            NatterStatus::Ready | NatterStatus::Failed(_) => 1.0,
        }
    }
}

/// Tokens per second over the recent arrivals: the last two seconds, or the last eight
/// arrivals where those are sparser (a slow GPU finishes a token every few frames). Zero once
/// nothing has arrived for five seconds.
fn token_rate(arrivals: &mut VecDeque<(Instant, usize)>, now: Instant) -> f32 {
    while arrivals.len() > 8
        && arrivals
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t).as_secs_f32() > 2.0)
    {
        arrivals.pop_front();
    }
    match (arrivals.front(), arrivals.back()) {
        (Some((first, _)), Some((last, _))) if now.duration_since(*last).as_secs_f32() < 5.0 => {
            // The first arrival marks the window's start; the tokens after it are its rate.
            let n: usize = arrivals.iter().skip(1).map(|(_, n)| n).sum();
            let span = now.duration_since(*first).as_secs_f32();
            if arrivals.len() < 2 || span <= 0.0 {
                0.0
            } else {
                n as f32 / span
            }
        }
        _ => {
            arrivals.clear();
            0.0
        }
    }
}

/// One reply being produced.
struct Reply {
    npc: Entity,
    /// Set once the persona is loaded and the prompt built.
    prompt: Option<Vec<u32>>,
    /// Prompt tokens already in the NPC's session.
    prefilled: usize,
    /// The token to run next, once the prompt is in.
    next: Option<u32>,
    sampler: Option<Sampler>,
    generated: Vec<u32>,
    text: TextStream,
    max_tokens: usize,
    focus: bool,
    /// Whether words have streamed out yet ([`Replying::Speaking`]).
    speaking: bool,
    /// Arrival order, for fairness.
    order: u64,
}

/// What a column group of the step in flight belongs to.
struct Part {
    npc: Entity,
    /// Prompt tokens this part ran (0 for a decode part).
    prompt_tokens: usize,
    logits: bool,
}

struct SessionEntry {
    session: Session,
    last_used: u64,
}

/// The engine and everything in progress on it.
#[derive(Resource)]
pub(crate) struct Dialogue {
    engine: Engine,
    model: Arc<Model>,
    sessions: HashMap<Entity, SessionEntry>,
    replies: Vec<Reply>,
    step: Option<Vec<Part>>,
    cost: CostModel,
    frame: u64,
    /// Submission number → (frame it was made in, weight bytes it read).
    submissions: BTreeMap<u64, (u64, u64)>,
    /// Frame → (submissions not yet measured, measured ms so far).
    frames: BTreeMap<u64, (usize, f64)>,
    /// Recent (time, tokens processed) for the rate.
    tokens: VecDeque<(Instant, usize)>,
    arrivals: u64,
    /// Replies finished this frame, told to observers at the start of the next.
    finished: Vec<ReplyFinished>,
    /// Prefill personas while idle (see [`warm`]).
    warm_up: bool,
    /// NPCs warmed up (or found impossible to warm), so not tried again.
    warmed: HashSet<Entity>,
    /// The NPC being warmed up.
    warming: Option<Entity>,
    /// The prompt last built for a warm-up, by NPC, persona and conversation length: a warm-up
    /// runs one chunk a step, and the prompt (the chat template rendered, then tokenized) is
    /// the same for every chunk.
    warm_prompt: Option<(WarmKey, Vec<u32>)>,
    /// Prompt tokens run so far, replies and warm-ups.
    prompt_tokens: u64,
}

/// Whose warm-up prompt `Dialogue::warm_prompt` holds: the NPC, its persona and how many turns
/// its conversation had.
type WarmKey = (Entity, AssetId<Persona>, usize);

impl Dialogue {
    pub(crate) fn new(engine: Engine, model: Arc<Model>, warm_up: bool) -> Self {
        Dialogue {
            engine,
            model,
            sessions: HashMap::new(),
            replies: Vec::new(),
            step: None,
            cost: CostModel::new(),
            frame: 0,
            submissions: BTreeMap::new(),
            frames: BTreeMap::new(),
            tokens: VecDeque::new(),
            arrivals: 0,
            finished: Vec::new(),
            warm_up,
            warmed: HashSet::new(),
            warming: None,
            warm_prompt: None,
            prompt_tokens: 0,
        }
    }
}

/// Builds the engine on a task: created by the plugin once the model asset is in.
#[derive(Resource)]
pub(crate) struct EngineTask {
    pub task: bevy::tasks::Task<Result<(Engine, Arc<Model>), RuntimeError>>,
    /// Progress as `f32` bits (written by the task): below 1 a first run's tuning's (0 to 1),
    /// from 1 on the engine build's plus one.
    pub progress: Arc<std::sync::atomic::AtomicU32>,
}

/// Replies asked for before the engine is ready.
#[derive(Resource, Default)]
pub(crate) struct EarlyReplies(Vec<Entity>);

/// Appends what was said to the NPC's conversation and queues its reply.
pub(crate) fn receive(
    mut says: MessageReader<Say>,
    mut cancels: MessageReader<CancelReply>,
    mut npcs: Query<(&mut Conversation, Has<PlayerFocus>), With<Npc>>,
    mut dialogue: Option<ResMut<Dialogue>>,
    mut early: ResMut<EarlyReplies>,
    status: Res<NatterStatus>,
    mut commands: Commands,
) {
    for say in says.read() {
        let Ok((_, focus)) = npcs.get(say.to) else {
            warn!("`Say` to {:?}, which is not an NPC", say.to);
            continue;
        };
        // A new line to an NPC that is replying ends that reply first (as cancelled), so the
        // conversation reads in order.
        if let Some(d) = dialogue.as_deref_mut() {
            d.cancel(
                say.to,
                &mut npcs.transmute_lens::<&mut Conversation>().query(),
                &mut commands,
            );
        }
        if let Ok((mut conversation, _)) = npcs.get_mut(say.to) {
            conversation.push(say.from.clone(), say.text.clone());
        }
        if let NatterStatus::Failed(why) = &*status {
            commands.trigger(ReplyFailed {
                entity: say.to,
                error: why.clone(),
            });
            continue;
        }
        match dialogue.as_deref_mut() {
            Some(d) => d.enqueue(say.to, focus),
            None => early.0.push(say.to),
        }
    }
    for c in cancels.read() {
        if let Some(d) = dialogue.as_deref_mut() {
            d.cancel(
                c.npc,
                &mut npcs.transmute_lens::<&mut Conversation>().query(),
                &mut commands,
            );
            // A reply still waiting for its persona has said nothing yet: drop it quietly.
            d.replies.retain(|r| r.npc != c.npc);
        } else {
            early.0.retain(|e| *e != c.npc);
        }
    }
    if let NatterStatus::Failed(why) = &*status {
        for npc in early.0.drain(..) {
            commands.trigger(ReplyFailed {
                entity: npc,
                error: why.clone(),
            });
        }
    }
    if let Some(d) = dialogue.as_deref_mut() {
        for npc in early.0.drain(..) {
            let focus = npcs.get(npc).is_ok_and(|(_, f)| f);
            d.enqueue(npc, focus);
        }
    }
}

/// Drops the sessions and replies of NPCs that were despawned (or lost their `Npc`).
pub(crate) fn forget_removed(
    mut removed: RemovedComponents<Npc>,
    dialogue: Option<ResMut<Dialogue>>,
) {
    let Some(mut d) = dialogue else {
        removed.clear();
        return;
    };
    for npc in removed.read() {
        d.sessions.remove(&npc);
        d.warmed.remove(&npc);
        if d.warming == Some(npc) {
            d.warming = None;
        }
        d.replies.retain(|r| r.npc != npc);
        // A step in flight may still carry the NPC's tokens: its results are dropped on arrival.
    }
}

impl Dialogue {
    fn enqueue(&mut self, npc: Entity, focus: bool) {
        // A new line to an NPC already replying restarts its reply with the new conversation.
        self.replies.retain(|r| r.npc != npc);
        self.arrivals += 1;
        self.replies.push(Reply {
            npc,
            prompt: None,
            prefilled: 0,
            next: None,
            sampler: None,
            generated: Vec::new(),
            text: TextStream::default(),
            max_tokens: 0,
            focus,
            speaking: false,
            order: self.arrivals,
        });
    }

    /// Ends reply `i`: streams the held-back tail, records the reply, tells the game.
    fn finish(
        &mut self,
        i: usize,
        reason: FinishReason,
        conversations: &mut Query<&mut Conversation>,
        commands: &mut Commands,
        speech: Option<&mut MessageWriter<NpcSpeech>>,
    ) {
        let mut reply = self.replies.remove(i);
        // The finished text is what the game has seen: with a speech writer the held-back tail
        // is streamed first; without one (a cancel) the reply ends where the stream stood.
        let text = match speech {
            Some(speech) => {
                let tail = reply.text.finish();
                if !tail.is_empty() {
                    speech.write(NpcSpeech {
                        npc: reply.npc,
                        delta: tail,
                    });
                }
                reply.text.text().to_string()
            }
            None => reply.text.emitted().to_string(),
        };
        if let Ok(mut c) = conversations.get_mut(reply.npc) {
            c.push(Speaker::Me, text.trim().to_string());
        }
        if let Ok(mut e) = commands.get_entity(reply.npc) {
            e.try_remove::<Replying>();
        }
        // Told next frame, so that readers of `NpcSpeech` have the whole stream first.
        self.finished.push(ReplyFinished {
            entity: reply.npc,
            text,
            reason,
        });
    }

    /// Ends `npc`'s reply in progress, if any, as cancelled.
    fn cancel(
        &mut self,
        npc: Entity,
        conversations: &mut Query<&mut Conversation>,
        commands: &mut Commands,
    ) {
        if let Some(i) = self
            .replies
            .iter()
            .position(|r| r.npc == npc && r.prompt.is_some())
        {
            self.finish(i, FinishReason::Cancelled, conversations, commands, None);
        }
    }

    fn fail(&mut self, i: usize, error: String, commands: &mut Commands) {
        let reply = self.replies.remove(i);
        self.sessions.remove(&reply.npc);
        if let Ok(mut e) = commands.get_entity(reply.npc) {
            e.try_remove::<Replying>();
        }
        commands.trigger(ReplyFailed {
            entity: reply.npc,
            error,
        });
    }

    /// A session for `npc` to run `prompt` in: its own, else a free slot (the one holding the
    /// most of `prompt` already: an earlier conversation of the same NPC, or a persona prompt
    /// another NPC shares), else the least recently used idle one's.
    fn session_for(&mut self, npc: Entity, prompt: &[u32]) -> Option<&mut SessionEntry> {
        if !self.sessions.contains_key(&npc) {
            let session = match self.engine.session_for(prompt) {
                Ok(s) => s,
                Err(_) => {
                    let busy: Vec<Entity> = self
                        .replies
                        .iter()
                        .filter(|r| r.prompt.is_some())
                        .map(|r| r.npc)
                        .collect();
                    let idle = self
                        .sessions
                        .iter()
                        .filter(|(e, _)| !busy.contains(e))
                        .min_by_key(|(_, s)| s.last_used)
                        .map(|(e, _)| *e)?;
                    self.sessions.remove(&idle);
                    self.engine.session_for(prompt).ok()?
                }
            };
            self.sessions.insert(
                npc,
                SessionEntry {
                    session,
                    last_used: self.frame,
                },
            );
        }
        let entry = self.sessions.get_mut(&npc)?;
        entry.last_used = self.frame;
        Some(entry)
    }
}

/// The per-frame driver: measure, collect, plan, submit within the budget.
#[allow(clippy::too_many_arguments)]
pub(crate) fn drive(
    dialogue: Option<ResMut<Dialogue>>,
    budget: Res<FrameBudget>,
    personas: Res<Assets<Persona>>,
    handles: Query<&PersonaHandle>,
    npcs: Query<(Entity, &PersonaHandle), With<Npc>>,
    mut conversations: Query<&mut Conversation>,
    mut speech: MessageWriter<NpcSpeech>,
    mut stats: ResMut<GenerationStats>,
    mut diag: Diagnostics,
    mut commands: Commands,
) {
    let Some(mut d) = dialogue else { return };
    let d = &mut *d;
    d.frame += 1;
    for event in d.finished.drain(..) {
        commands.trigger(event);
    }
    measure(d, &mut stats);

    // Collect the finished step.
    match d.engine.poll() {
        Ok(Some(logits)) => {
            if let Some(parts) = d.step.take() {
                collect(
                    d,
                    parts,
                    &logits,
                    &mut conversations,
                    &mut speech,
                    &mut commands,
                );
            }
        }
        Ok(None) => {}
        Err(e) => {
            error!("natter: a dialogue step failed: {e}");
            d.step = None;
            for i in (0..d.replies.len()).rev() {
                d.fail(i, e.to_string(), &mut commands);
            }
        }
    }

    prepare_prompts(d, &personas, &handles, &conversations, &mut commands);

    if !d.engine.is_busy()
        && let Err(e) = plan(d)
    {
        error!("natter: could not start a dialogue step: {e}");
    }
    if !d.engine.is_busy()
        && d.warm_up
        && let Err(e) = warm(d, &personas, &npcs, &conversations)
    {
        error!("natter: could not warm up an NPC: {e}");
    }

    // Submit what the budget allows (always at least one segment, so work advances).
    let remaining = d.engine.remaining_segments();
    if remaining > 0 {
        let total = d.engine.segment_count();
        let first = total - remaining;
        let columns = d.step.as_ref().map_or(1, |p| {
            p.iter().map(|p| p.prompt_tokens.max(1)).sum::<usize>()
        }) as u32;
        let bytes = d.engine.segment_bytes();
        let mut take = 0;
        let mut spent = 0.0;
        let mut read = 0;
        while first + take < total {
            let cost = d.cost.predict(bytes[first + take], columns);
            if take > 0 && spent + cost > budget.gpu_ms as f64 {
                break;
            }
            spent += cost;
            read += bytes[first + take];
            take += 1;
        }
        match d.engine.advance(take) {
            Ok(_) => {
                let seq = d.engine.submissions();
                d.submissions.insert(seq, (d.frame, read));
                d.frames.entry(d.frame).or_insert((0, 0.0)).0 += 1;
            }
            Err(e) => error!("natter: submitting a dialogue step failed: {e}"),
        }
    }

    stats.queue = d.replies.len();
    stats.prompt_tokens = d.prompt_tokens;
    stats.warmed = d.warmed.len();
    stats.active = d.replies.iter().filter(|r| r.prompt.is_some()).count();
    stats.timestamps = d.engine.timing_source() == TimingSource::Timestamps;
    stats.tokens_per_second = token_rate(&mut d.tokens, Instant::now());
    diag.add_measurement(&diagnostics::GPU_MS, || stats.gpu_ms_last_frame as f64);
    diag.add_measurement(&diagnostics::TOKENS_PER_SECOND, || {
        stats.tokens_per_second as f64
    });
    diag.add_measurement(&diagnostics::QUEUE, || stats.queue as f64);
}

/// Folds finished measurements into the cost model and the per-frame statistics.
fn measure(d: &mut Dialogue, stats: &mut GenerationStats) {
    for t in d.engine.take_timings() {
        let Some((frame, bytes)) = d.submissions.remove(&t.seq) else {
            continue;
        };
        d.cost.observe(&t, bytes);
        if let Some(f) = d.frames.get_mut(&frame) {
            f.0 = f.0.saturating_sub(1);
            f.1 += t.gpu_ms;
        }
    }
    // A frame is measured once all its submissions are; report the latest such frame.
    let done: Vec<u64> = d
        .frames
        .iter()
        .filter(|(_, (left, _))| *left == 0)
        .map(|(f, _)| *f)
        .collect();
    for f in done {
        if let Some((_, ms)) = d.frames.remove(&f) {
            stats.gpu_ms_last_frame = ms as f32;
            stats.gpu_ms_per_frame += 0.2 * (ms as f32 - stats.gpu_ms_per_frame);
        }
    }
    // Submissions whose timing never comes (a full timer ring) must not hold frames forever.
    let stale = d.frame.saturating_sub(600);
    d.submissions.retain(|_, (f, _)| *f >= stale);
    d.frames.retain(|f, _| *f >= stale);
}

/// Builds the prompt of each new reply whose persona has loaded.
fn prepare_prompts(
    d: &mut Dialogue,
    personas: &Assets<Persona>,
    handles: &Query<&PersonaHandle>,
    conversations: &Query<&mut Conversation>,
    commands: &mut Commands,
) {
    let context = d.engine.program().options.context as usize;
    let mut i = 0;
    while i < d.replies.len() {
        if d.replies[i].prompt.is_some() {
            i += 1;
            continue;
        }
        let npc = d.replies[i].npc;
        let Ok(handle) = handles.get(npc) else {
            d.fail(i, "the NPC has no PersonaHandle".into(), commands);
            continue;
        };
        let Some(persona) = personas.get(&handle.0) else {
            // Still loading (a broken persona file reports its asset error; the reply waits).
            i += 1;
            continue;
        };
        let Ok(conversation) = conversations.get(npc) else {
            d.fail(i, "the NPC has no Conversation".into(), commands);
            continue;
        };
        let reply_tokens = persona.max_reply_tokens.min(context / 2);
        let built = prompt::encode(&d.model, persona, conversation, context, reply_tokens);
        let seed = d.replies[i].order.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ npc.to_bits();
        let sampler = Sampler::new(persona.sampling.config(seed));
        match (built, sampler) {
            (Ok(tokens), Ok(sampler)) => {
                let r = &mut d.replies[i];
                r.prompt = Some(tokens);
                commands.entity(npc).try_insert(Replying::Thinking);
                r.sampler = Some(sampler);
                r.max_tokens = reply_tokens;
                r.text = TextStream::new(persona.stop.clone());
                i += 1;
            }
            (Err(e), _) => d.fail(i, e.to_string(), commands),
            (_, Err(e)) => d.fail(i, e.to_string(), commands),
        }
    }
}

/// Plans and begins the next step, if there is work.
fn plan(d: &mut Dialogue) -> Result<(), RuntimeError> {
    let options = d.engine.program().options;
    let max_tokens = options.max_columns as usize;
    let max_out = options.max_out_columns as usize;
    let mut order: Vec<usize> = (0..d.replies.len())
        .filter(|&i| d.replies[i].prompt.is_some())
        .collect();
    order.sort_by_key(|&i| (!d.replies[i].focus, d.replies[i].order));

    // Decode parts first: one token for every reply past its prompt.
    let mut chosen: Vec<(usize, Vec<u32>, bool, usize)> = Vec::new();
    let mut used = 0;
    for &i in &order {
        if let Some(next) = d.replies[i].next
            && used < max_tokens
            && chosen.len() < max_out
        {
            chosen.push((i, vec![next], true, 0));
            used += 1;
        }
    }
    // Then a prompt chunk of the most urgent reply still prefilling.
    let prefill = order.iter().copied().find(|&i| d.replies[i].next.is_none());
    if let Some(i) = prefill.filter(|_| used < max_tokens && chosen.len() < max_out) {
        let npc = d.replies[i].npc;
        let prompt = d.replies[i].prompt.clone().unwrap_or_default();
        let fresh = d.replies[i].prefilled == 0;
        let kept = d.session_for(npc, &prompt).map(|entry| {
            if fresh {
                // Reuse what the NPC's session already holds of this prompt (its persona, and
                // the conversation up to its last reply); at least one token runs for logits.
                let common = entry.session.held_prefix(&prompt);
                let keep = common.min(prompt.len().saturating_sub(1));
                entry.session.truncate(keep);
                keep
            } else {
                entry.session.len()
            }
        });
        if let Some(start) = kept {
            d.replies[i].prefilled = start;
            let end = (start + (max_tokens - used)).min(prompt.len());
            chosen.push((
                i,
                prompt[start..end].to_vec(),
                end == prompt.len(),
                end - start,
            ));
        }
    }
    if chosen.is_empty() {
        return Ok(());
    }
    // Sessions are looked up by entity; take them out for the step and put them back after.
    chosen.retain(|(i, ..)| d.sessions.contains_key(&d.replies[*i].npc));
    let mut taken: Vec<(Entity, SessionEntry)> = chosen
        .iter()
        .filter_map(|(i, ..)| d.sessions.remove_entry(&d.replies[*i].npc))
        .collect();
    if chosen.is_empty() {
        return Ok(());
    }
    let mut parts: Vec<StepPart<'_>> = Vec::new();
    let mut infos = Vec::new();
    for ((npc, entry), (_, tokens, logits, prompt_tokens)) in taken.iter_mut().zip(&chosen) {
        parts.push(StepPart {
            session: &mut entry.session,
            tokens,
            logits: *logits,
        });
        infos.push(Part {
            npc: *npc,
            prompt_tokens: *prompt_tokens,
            logits: *logits,
        });
    }
    let result = d.engine.begin_parts(&mut parts);
    drop(parts);
    for (npc, entry) in taken {
        d.sessions.insert(npc, entry);
    }
    result?;
    for (i, _, _, prompt_tokens) in &chosen {
        d.replies[*i].prefilled += prompt_tokens;
        d.prompt_tokens += *prompt_tokens as u64;
    }
    let n: usize = chosen.iter().map(|c| c.1.len()).sum();
    d.tokens.push_back((Instant::now(), n));
    d.step = Some(infos);
    Ok(())
}

/// While no reply needs the GPU, prefills the persona and conversation so far of one NPC that
/// has neither a session nor a reply waiting, into a free KV slot (warming never evicts a
/// conversation), one chunk per step. Its first reply then runs only the new line: on a
/// handheld's budget a persona prompt takes many frames, a line a few.
fn warm(
    d: &mut Dialogue,
    personas: &Assets<Persona>,
    npcs: &Query<(Entity, &PersonaHandle), With<Npc>>,
    conversations: &Query<&mut Conversation>,
) -> Result<(), RuntimeError> {
    let context = d.engine.program().options.context as usize;
    let chunk = d.engine.program().options.max_columns as usize;
    let waiting: HashSet<Entity> = d.replies.iter().map(|r| r.npc).collect();
    if d.warming.is_some_and(|npc| waiting.contains(&npc)) {
        // Spoken to mid-warm-up: its reply goes on from what the warm-up ran.
        d.warming = None;
    }
    // The NPC being warmed first, else the next that has no session (one that has talked keeps
    // its conversation in its session already).
    let mut candidates: Vec<(Entity, &PersonaHandle)> = npcs
        .iter()
        .filter(|(e, _)| {
            !d.warmed.contains(e)
                && !waiting.contains(e)
                && (d.warming == Some(*e) || !d.sessions.contains_key(e))
        })
        .collect();
    candidates.sort_by_key(|(e, _)| (d.warming != Some(*e), e.to_bits()));
    for (npc, handle) in candidates {
        let Some(persona) = personas.get(&handle.0) else {
            continue; // Still loading.
        };
        let empty = Conversation::default();
        let conversation = conversations.get(npc).unwrap_or(&empty);
        let reply_tokens = persona.max_reply_tokens.min(context / 2);
        let key = (npc, handle.0.id(), conversation.turns.len());
        let tokens = match &d.warm_prompt {
            Some((k, tokens)) if *k == key => tokens.clone(),
            _ => {
                let Ok(tokens) =
                    prompt::encode(&d.model, persona, conversation, context, reply_tokens)
                else {
                    // Its reply will report why; there is nothing to warm.
                    d.warmed.insert(npc);
                    continue;
                };
                d.warm_prompt = Some((key, tokens.clone()));
                tokens
            }
        };
        if !d.sessions.contains_key(&npc) {
            let Ok(session) = d.engine.session_for(&tokens) else {
                // No free slot: every slot holds a conversation worth keeping.
                d.warmed.insert(npc);
                return Ok(());
            };
            d.sessions.insert(
                npc,
                SessionEntry {
                    session,
                    last_used: d.frame,
                },
            );
        }
        let Dialogue {
            sessions, engine, ..
        } = &mut *d;
        let Some(entry) = sessions.get_mut(&npc) else {
            return Ok(());
        };
        let held = entry.session.held_prefix(&tokens);
        entry.session.truncate(held);
        if held == tokens.len() {
            d.warmed.insert(npc);
            d.warming = None;
            continue;
        }
        let end = (held + chunk).min(tokens.len());
        let run = &tokens[held..end];
        engine.begin_parts(&mut [StepPart {
            session: &mut entry.session,
            tokens: run,
            logits: false,
        }])?;
        d.warming = Some(npc);
        d.prompt_tokens += run.len() as u64;
        d.tokens.push_back((Instant::now(), run.len()));
        d.step = Some(vec![Part {
            npc,
            prompt_tokens: run.len(),
            logits: false,
        }]);
        return Ok(());
    }
    Ok(())
}

/// Hands a finished step's logits to the replies that asked for them.
fn collect(
    d: &mut Dialogue,
    parts: Vec<Part>,
    logits: &[f32],
    conversations: &mut Query<&mut Conversation>,
    speech: &mut MessageWriter<NpcSpeech>,
    commands: &mut Commands,
) {
    let vocab = d.model.config().vocab;
    let stops = d.model.tokenizer().stop_tokens().to_vec();
    let context = d.engine.program().options.context as usize;
    let mut row = 0;
    for part in parts {
        if !part.logits {
            continue;
        }
        let l = &logits[row * vocab..(row + 1) * vocab];
        row += 1;
        // The reply may have been cancelled, restarted or despawned since the step began.
        let Some(i) = d
            .replies
            .iter()
            .position(|r| r.npc == part.npc && r.prompt.is_some())
        else {
            continue;
        };
        let Some(history) = d
            .sessions
            .get(&part.npc)
            .map(|s| s.session.tokens().to_vec())
        else {
            continue;
        };
        let r = &mut d.replies[i];
        if part.prompt_tokens > 0 && r.prefilled < r.prompt.as_ref().map_or(0, Vec::len) {
            // The reply was restarted by a new line while its prompt ran: this is the old prompt's
            // last chunk, not the new one's.
            continue;
        }
        let Some(sampler) = r.sampler.as_mut() else {
            continue;
        };
        let next = sampler.sample(l, &history);
        if stops.contains(&next) {
            d.finish(
                i,
                FinishReason::EndOfTurn,
                conversations,
                commands,
                Some(speech),
            );
            continue;
        }
        r.generated.push(next);
        let text = d.model.tokenizer().decode(&r.generated).unwrap_or_default();
        let (delta, stopped) = r.text.update(&text);
        if !delta.is_empty() {
            if !r.speaking {
                r.speaking = true;
                commands.entity(r.npc).try_insert(Replying::Speaking);
            }
            speech.write(NpcSpeech { npc: r.npc, delta });
        }
        if stopped {
            d.finish(
                i,
                FinishReason::StopString,
                conversations,
                commands,
                Some(speech),
            );
        } else if r.generated.len() >= r.max_tokens
            || history.len() + 1 >= context
            || wraps_up(r.text.text(), r.generated.len(), r.max_tokens)
        {
            d.finish(
                i,
                FinishReason::Length,
                conversations,
                commands,
                Some(speech),
            );
        } else {
            r.next = Some(next);
        }
    }
}

/// Whether a reply past three quarters of its length limit has just finished a sentence: it
/// ends there rather than risk being cut mid-sentence at the limit.
fn wraps_up(text: &str, generated: usize, max_tokens: usize) -> bool {
    if generated * 4 < max_tokens * 3 {
        return false;
    }
    text.trim_end()
        .trim_end_matches(['"', '\'', ')', '\u{201D}', '\u{2019}'])
        .ends_with(['.', '!', '?', '\u{2026}'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_long_reply_ends_at_a_sentence_end() {
        // Early on, a sentence end is no reason to stop.
        assert!(!wraps_up("Aye.", 10, 60));
        // Past three quarters of the limit, it is.
        assert!(wraps_up("Aye. The forge is hot.", 45, 60));
        assert!(wraps_up("Who goes there?", 50, 60));
        assert!(wraps_up("He said \"halt!\"", 50, 60));
        assert!(wraps_up("The forge is hot. ", 50, 60));
        // Mid-sentence it goes on.
        assert!(!wraps_up("The best are those with the", 50, 60));
        assert!(!wraps_up("Three o", 50, 60));
    }

    #[test]
    fn token_rate_counts_sparse_arrivals_and_goes_to_zero_when_idle() {
        let t0 = Instant::now();
        let mut a = VecDeque::new();
        assert_eq!(token_rate(&mut a, t0), 0.0);
        // A slow GPU: one token every 1.5 s. The window keeps 8 arrivals, so the rate is
        // steady rather than 0 between arrivals.
        for i in 0..12u64 {
            a.push_back((t0 + Duration::from_millis(1500 * i), 1));
        }
        let now = t0 + Duration::from_millis(1500 * 11);
        let r = token_rate(&mut a, now);
        assert!((r - 1.0 / 1.5).abs() < 0.01, "rate {r}");
        assert_eq!(a.len(), 8);
        // A fast GPU: 100 tokens a frame, 60 frames a second, for three seconds.
        let mut a = VecDeque::new();
        for f in 0..180u64 {
            a.push_back((t0 + Duration::from_micros(16_667 * f), 100));
        }
        let now = t0 + Duration::from_micros(16_667 * 179);
        let r = token_rate(&mut a, now);
        assert!((r - 6000.0).abs() < 100.0, "rate {r}");
        // Nothing for five seconds: zero, and the window empties.
        assert_eq!(token_rate(&mut a, now + Duration::from_secs(6)), 0.0);
        assert!(a.is_empty());
    }
}
