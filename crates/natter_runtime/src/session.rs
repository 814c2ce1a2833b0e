//! Sessions (one per conversation) and generation on top of the engine's steps.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use natter_compiler::Column;
use natter_model::Tokenizer;

use crate::engine::{Engine, FIRST_CHAIN, GpuSampling, MAX_CHAINS_IN_FLIGHT, next_chain};

/// Most tokens decoded per GPU-sampled chain in [`Engine::generate`]: long enough to hide the
/// round trip, short enough to stop soon after the reply ends.
const CHAIN: usize = 16;

use crate::error::RuntimeError;
use crate::sampler::{Sampler, SamplerConfig};
use crate::slots::{SlotPool, common_prefix};

/// A conversation's place in the engine's KV cache: a slot and the tokens it holds.
///
/// Dropping a session frees its slot; the keys and values stay there for a later conversation
/// that starts the same way (see [`Engine::session_for`]). A session is only valid with the
/// engine that made it.
#[derive(Debug)]
pub struct Session {
    lease: SlotLease,
    /// Tokens whose keys and values are in the slot, positions `0..tokens.len()`. The pool keeps
    /// a copy, so that other conversations can share what this one holds.
    tokens: Vec<u32>,
}

#[derive(Debug)]
struct SlotLease {
    pool: Arc<Mutex<SlotPool>>,
    slot: u32,
}

impl Drop for SlotLease {
    fn drop(&mut self) {
        lock(&self.pool).release(self.slot);
    }
}

/// The pool's lock. Every critical section is a few assignments that cannot panic, so a poisoned
/// lock still guards consistent data.
pub(crate) fn lock(pool: &Mutex<SlotPool>) -> MutexGuard<'_, SlotPool> {
    pool.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    /// The KV-cache slot this conversation uses.
    pub fn slot(&self) -> u32 {
        self.lease.slot
    }

    /// Tokens in the cache, oldest first.
    pub fn tokens(&self) -> &[u32] {
        &self.tokens
    }

    /// Positions used.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// How many leading tokens of `tokens` the cache holds already: what a prompt that starts
    /// the same way need not run again.
    pub fn held_prefix(&self, tokens: &[u32]) -> usize {
        common_prefix(&self.tokens, tokens)
    }

    /// Forgets everything after the first `len` tokens; the next token goes at position `len`.
    pub fn truncate(&mut self, len: usize) {
        if len < self.tokens.len() {
            self.tokens.truncate(len);
            lock(&self.lease.pool).truncate_tokens(self.lease.slot, len);
        }
    }

    /// Forgets the whole conversation.
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Counts `tokens` as held (their step has been begun).
    /// The pool mirrors the change (an append, not a copy of the whole history each step).
    fn extend(&mut self, tokens: &[u32]) {
        self.tokens.extend_from_slice(tokens);
        lock(&self.lease.pool).extend_tokens(self.lease.slot, tokens);
    }
}

/// Why generation stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// The model ended its turn (an end-of-turn or end-of-sequence token).
    EndOfTurn,
    /// `max_tokens` were generated.
    Length,
    /// A stop string appeared; the text ends before it.
    StopString,
    /// The caller's callback asked to stop.
    Cancelled,
    /// The session's KV slot is full.
    ContextFull,
}

/// Settings of one generation.
#[derive(Clone, Debug)]
pub struct GenerateOptions {
    pub max_tokens: usize,
    pub sampler: SamplerConfig,
    /// Text that ends the reply where it first appears (not included).
    pub stop_strings: Vec<String>,
    /// Tokens that end the reply; `None` uses the tokenizer's end-of-turn tokens.
    pub stop_tokens: Option<Vec<u32>>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            max_tokens: 256,
            sampler: SamplerConfig::default(),
            stop_strings: Vec::new(),
            stop_tokens: None,
        }
    }
}

/// The result of a generation.
#[derive(Clone, Debug)]
pub struct Generation {
    /// Generated tokens, without the stop token.
    pub tokens: Vec<u32>,
    /// Their text, cut before any stop string.
    pub text: String,
    pub reason: StopReason,
    /// Prompt tokens actually run (those already in the session's cache are reused).
    pub prefilled: usize,
    pub prefill_time: Duration,
    pub decode_time: Duration,
}

/// One conversation's share of a step: `tokens` run after what its session holds.
#[derive(Debug)]
pub struct StepPart<'a> {
    pub session: &'a mut Session,
    pub tokens: &'a [u32],
    /// Return the logits after the last of `tokens`.
    pub logits: bool,
}

impl Engine {
    /// Begins one step over several conversations (continuous batching: a prompt chunk of one
    /// and the next token of others run as columns of the same kernels). Logits come back in
    /// the order of the parts that asked for them. The tokens count as part of their sessions
    /// from here on; submit the step with [`Engine::advance`].
    pub fn begin_parts(&mut self, parts: &mut [StepPart<'_>]) -> Result<(), RuntimeError> {
        let capacity = self.program().options.context as usize;
        let mut columns = Vec::new();
        let mut out = Vec::new();
        for p in parts.iter() {
            self.owns(p.session)?;
            if p.tokens.is_empty() {
                return Err(RuntimeError::EmptyPrompt);
            }
            let start = p.session.len();
            if start + p.tokens.len() > capacity {
                return Err(RuntimeError::ContextFull {
                    needed: start + p.tokens.len(),
                    capacity,
                });
            }
            if parts
                .iter()
                .filter(|q| q.session.slot() == p.session.slot())
                .count()
                > 1
            {
                return Err(RuntimeError::DuplicateSession {
                    slot: p.session.slot(),
                });
            }
            for (i, &t) in p.tokens.iter().enumerate() {
                columns.push(Column::new(p.session.slot(), (start + i) as u32, t));
            }
            if p.logits {
                out.push(columns.len() as u32 - 1);
            }
        }
        self.begin(&columns, &out)?;
        for p in parts.iter_mut() {
            p.session.extend(p.tokens);
        }
        Ok(())
    }

    /// Opens a conversation on a free KV slot (one that holds nothing, or else the one left
    /// longest ago).
    pub fn session(&self) -> Result<Session, RuntimeError> {
        let mut pool = lock(&self.slots);
        let placed = pool.place(&[]).ok_or(RuntimeError::NoFreeSlot {
            slots: pool.len() as u32,
        })?;
        Ok(Session {
            lease: SlotLease {
                pool: self.slots.clone(),
                slot: placed.slot,
            },
            tokens: Vec::new(),
        })
    }

    /// Opens a conversation that will start with `prompt`, on the free slot that lets it skip
    /// the most of it: the session already holds the longest prefix of `prompt` that any slot
    /// of the cache holds — left by an earlier conversation, or copied on the GPU (before the
    /// next step runs) from another one in progress. A persona prompt seen before costs no
    /// prefill the second time; [`Engine::feed_prefix`] then runs only the rest.
    pub fn session_for(&mut self, prompt: &[u32]) -> Result<Session, RuntimeError> {
        let placed = {
            let mut pool = lock(&self.slots);
            pool.place(prompt).ok_or(RuntimeError::NoFreeSlot {
                slots: pool.len() as u32,
            })?
        };
        if let Some(copy) = placed.copy {
            self.copies.push(copy);
        }
        Ok(Session {
            lease: SlotLease {
                pool: self.slots.clone(),
                slot: placed.slot,
            },
            tokens: prompt[..placed.kept].to_vec(),
        })
    }

    fn owns(&self, s: &Session) -> Result<(), RuntimeError> {
        if Arc::ptr_eq(&s.lease.pool, &self.slots) {
            Ok(())
        } else {
            Err(RuntimeError::ForeignSession)
        }
    }

    /// Runs `tokens` after what `session` holds, in chunks of the engine's step size, and
    /// returns the logits after the last one. Blocks until the GPU is done.
    pub fn feed(
        &mut self,
        session: &mut Session,
        tokens: &[u32],
    ) -> Result<Vec<f32>, RuntimeError> {
        self.owns(session)?;
        if tokens.is_empty() {
            return Err(RuntimeError::EmptyPrompt);
        }
        let capacity = self.program().options.context as usize;
        if session.len() + tokens.len() > capacity {
            return Err(RuntimeError::ContextFull {
                needed: session.len() + tokens.len(),
                capacity,
            });
        }
        let chunk = self.program().options.max_columns as usize;
        let mut logits = Vec::new();
        for (i, part) in tokens.chunks(chunk).enumerate() {
            let start = session.len();
            let columns: Vec<Column> = part
                .iter()
                .enumerate()
                .map(|(j, &t)| Column::new(session.slot(), (start + j) as u32, t))
                .collect();
            let last = (i + 1) * chunk >= tokens.len();
            let out: &[u32] = if last { &[part.len() as u32 - 1] } else { &[] };
            self.submit(&columns, out)?;
            logits = match self.wait() {
                // The step's persistent block kernels gave up (the engine has switched them
                // off): the same step again without them.
                Err(RuntimeError::Persistent { .. }) => {
                    self.submit(&columns, out)?;
                    self.wait()?
                }
                other => other?,
            };
            session.extend(part);
        }
        Ok(logits)
    }

    /// Makes `session` hold exactly `tokens`, reusing the longest common prefix already in its
    /// cache (a persona prompt seen before costs nothing), and returns the logits after the last
    /// token. At least the last token is always run, to produce those logits.
    pub fn feed_prefix(
        &mut self,
        session: &mut Session,
        tokens: &[u32],
    ) -> Result<(Vec<f32>, usize), RuntimeError> {
        let common = session.held_prefix(tokens);
        let keep = common.min(tokens.len().saturating_sub(1));
        session.truncate(keep);
        let run = &tokens[keep..];
        Ok((self.feed(session, run)?, run.len()))
    }

    /// Generates a reply after `prompt` (the whole conversation so far, as tokens), calling
    /// `on_text` with each new piece of text as it is decoded; returning `false` from it stops.
    pub fn generate(
        &mut self,
        session: &mut Session,
        tokenizer: &Tokenizer,
        prompt: &[u32],
        options: &GenerateOptions,
        mut on_text: impl FnMut(&str) -> bool,
    ) -> Result<Generation, RuntimeError> {
        let mut sampler = Sampler::new(options.sampler.clone())?;
        let stop_tokens = options
            .stop_tokens
            .clone()
            .unwrap_or_else(|| tokenizer.stop_tokens().to_vec());
        let capacity = self.program().options.context as usize;
        let t0 = Instant::now();
        let (mut logits, prefilled) = self.feed_prefix(session, prompt)?;
        let prefill_time = t0.elapsed();
        let t1 = Instant::now();
        let mut out = TextStream::new(options.stop_strings.clone());
        let mut tokens = Vec::new();
        // Where the sampler allows, decode in chains sampled on the GPU: no CPU round trip per
        // token. The first token comes from the prompt's logits on the CPU either way.
        let gpu = GpuSampling::from_config(&options.sampler);
        // Takes one new token; says why to stop, if it is time.
        let mut accept =
            |next: u32, tokens: &mut Vec<u32>| -> Result<Option<StopReason>, RuntimeError> {
                if stop_tokens.contains(&next) {
                    return Ok(Some(StopReason::EndOfTurn));
                }
                tokens.push(next);
                let text = tokenizer
                    .decode(tokens)
                    .map_err(|e| RuntimeError::Model(e.into()))?;
                let (delta, stopped) = out.update(&text);
                if !delta.is_empty() && !on_text(&delta) {
                    return Ok(Some(StopReason::Cancelled));
                }
                if stopped {
                    return Ok(Some(StopReason::StopString));
                }
                Ok((tokens.len() >= options.max_tokens).then_some(StopReason::Length))
            };
        let reason = 'outer: {
            if options.max_tokens == 0 {
                break 'outer StopReason::Length;
            }
            let mut next = sampler.sample(&logits, session.tokens());
            if let Some(r) = accept(next, &mut tokens)? {
                break 'outer r;
            }
            'decode: loop {
                let room = capacity.saturating_sub(session.len());
                if room == 0 {
                    break 'outer StopReason::ContextFull;
                }
                match gpu {
                    Some(g) => {
                        // Chains of steps, the next one queued while the GPU runs the last (so
                        // the GPU does not wait while the CPU records): each starts where the
                        // one before it ends, and tokens past a stop are dropped.
                        let sampling = |start: usize| GpuSampling {
                            seed: g.seed ^ start as u64,
                            ..g
                        };
                        // Steps of the chain queued after `ahead` tokens already asked for.
                        let mut size = FIRST_CHAIN;
                        let mut plan = |done: usize, len: usize, ahead: usize| {
                            let steps = size;
                            size = next_chain(size).min(CHAIN);
                            steps
                                .min(options.max_tokens.saturating_sub(done + ahead))
                                .min(capacity.saturating_sub(len + ahead))
                        };
                        let steps = plan(tokens.len(), session.len(), 0);
                        let start = session.len();
                        let column = Column::new(session.slot(), start as u32, next);
                        self.submit_chain(&[column], steps, &sampling(start))?;
                        let mut queued = std::collections::VecDeque::from([steps]);
                        while let Some(&steps) = queued.front() {
                            let ahead: usize = queued.iter().sum();
                            if queued.len() < MAX_CHAINS_IN_FLIGHT {
                                let more = plan(tokens.len(), session.len(), ahead);
                                if more > 0 {
                                    self.continue_chain(more, &sampling(session.len() + ahead))?;
                                    queued.push_back(more);
                                }
                            }
                            let chained = match self.wait_chain() {
                                Err(RuntimeError::Persistent { workgroups }) => {
                                    // That chain's tokens are wrong, and the engine now runs
                                    // without persistent block kernels: let the chains queued
                                    // behind it finish unread (wrong too) and go on from the
                                    // last token accepted, whose keys the next chain rewrites.
                                    tracing::warn!(
                                        "persistent block kernels of {workgroups} workgroups \
                                         gave up; decoding on without them"
                                    );
                                    for _ in 1..queued.len() {
                                        let _ = self.wait_chain();
                                    }
                                    continue 'decode;
                                }
                                other => other?,
                            };
                            queued.pop_front();
                            for (j, &t) in chained.iter().enumerate().take(steps) {
                                // Step j ran the previous token (its keys and values are cached now).
                                let input = if j == 0 { next } else { chained[j - 1] };
                                session.extend(&[input]);
                                if let Some(r) = accept(t, &mut tokens)? {
                                    // Let the chains queued behind this one finish unread.
                                    for _ in 0..queued.len() {
                                        self.wait_chain()?;
                                    }
                                    break 'outer r;
                                }
                            }
                            next = *chained.last().unwrap_or(&next);
                        }
                    }
                    None => {
                        logits = self.feed(session, &[next])?;
                        next = sampler.sample(&logits, session.tokens());
                        if let Some(r) = accept(next, &mut tokens)? {
                            break 'outer r;
                        }
                    }
                }
            }
        };
        let tail = out.finish();
        if !tail.is_empty() && reason != StopReason::Cancelled {
            on_text(&tail);
        }
        Ok(Generation {
            tokens,
            text: out.text,
            reason,
            prefilled,
            prefill_time,
            decode_time: t1.elapsed(),
        })
    }
}

/// Turns the growing decoded text of a reply into deltas, holding back what might still turn
/// into a stop string or is an incomplete character.
///
/// ```
/// # use natter_runtime::TextStream;
/// let mut s = TextStream::new(vec!["\nPlayer:".into()]);
/// assert_eq!(s.update("Hello\nPla"), ("Hello".to_string(), false)); // "\nPla" may be a stop
/// assert_eq!(s.update("Hello\nPlayer: hi"), (String::new(), true));
/// assert_eq!(s.text(), "Hello");
/// ```
#[derive(Clone, Debug, Default)]
pub struct TextStream {
    stops: Vec<String>,
    /// The reply so far, cut before a stop string once one appears.
    text: String,
    /// Bytes of `text` already handed out.
    emitted: usize,
}

impl TextStream {
    pub fn new(stops: Vec<String>) -> Self {
        TextStream {
            stops,
            text: String::new(),
            emitted: 0,
        }
    }

    /// The reply so far (cut before a stop string once one appeared).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The part of the reply already handed out as deltas.
    pub fn emitted(&self) -> &str {
        &self.text[..self.emitted]
    }

    /// Takes the full decoded text so far; returns the new safe delta and whether a stop
    /// string appeared.
    pub fn update(&mut self, full: &str) -> (String, bool) {
        self.text = full.to_string();
        let first_stop = self
            .stops
            .iter()
            .filter(|s| !s.is_empty())
            .filter_map(|s| self.text.find(s.as_str()))
            .min();
        if let Some(i) = first_stop {
            self.text.truncate(i);
            return (self.take(i), true);
        }
        // Hold back an unfinished character (byte-level tokens can split one) and any tail
        // that a stop string could still start with.
        let complete = self.text.trim_end_matches('\u{FFFD}').len();
        let text = &self.text[..complete];
        let held = self
            .stops
            .iter()
            .flat_map(|s| {
                (1..s.len()).filter(|&k| s.is_char_boundary(k) && text.ends_with(&s[..k]))
            })
            .max()
            .unwrap_or(0);
        (self.take(complete - held), false)
    }

    fn take(&mut self, end: usize) -> String {
        if end <= self.emitted {
            return String::new();
        }
        let d = self.text[self.emitted..end].to_string();
        self.emitted = end;
        d
    }

    /// What was held back, once generation is over.
    pub fn finish(&mut self) -> String {
        let end = self.text.len();
        self.take(end)
    }
}

#[cfg(test)]
mod tests {
    use super::TextStream;

    #[test]
    fn stop_strings_are_cut_and_held_back_until_decided() {
        let stops = vec!["\nPlayer:".to_string()];
        let mut s = TextStream::new(stops);
        assert_eq!(s.update("Hello"), ("Hello".into(), false));
        assert_eq!(s.update("Hello\nPla"), ("".into(), false));
        assert_eq!(s.update("Hello\nPlayer: hi"), ("".into(), true));
        assert_eq!(s.text, "Hello");
        assert_eq!(s.finish(), "");
    }

    #[test]
    fn a_false_alarm_is_released() {
        let stops = vec!["END".to_string()];
        let mut s = TextStream::new(stops);
        assert_eq!(s.update("the E"), ("the ".into(), false));
        assert_eq!(s.update("the Ex"), ("Ex".into(), false));
    }

    #[test]
    fn chains_grow_by_a_third_to_the_longest() {
        use crate::engine::{FIRST_CHAIN, MAX_CHAIN, next_chain};
        let mut steps = FIRST_CHAIN;
        let mut chains = 1;
        while steps < MAX_CHAIN {
            let next = next_chain(steps);
            // Longer each time, so decodes reach the longest chains, but by at most a third
            // (and one step), so that recording the next hides under running this one.
            assert!(next > steps, "{steps} -> {next}");
            assert!(3 * next <= 4 * steps + 3, "{steps} -> {next}");
            steps = next;
            chains += 1;
        }
        assert_eq!(steps, MAX_CHAIN);
        assert_eq!(next_chain(MAX_CHAIN), MAX_CHAIN);
        assert!(chains <= 16, "{chains} chains to reach {MAX_CHAIN} steps");
    }

    #[test]
    fn incomplete_characters_wait() {
        let mut s = TextStream::new(vec![]);
        assert_eq!(s.update("caf\u{FFFD}"), ("caf".into(), false));
        assert_eq!(s.update("café"), ("é".into(), false));
    }
}
