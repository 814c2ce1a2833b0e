//! The per-frame GPU budget for dialogue, what generation actually costs, and the cost model
//! the scheduler plans with.

use bevy::diagnostic::DiagnosticPath;
use bevy::prelude::*;
use natter_runtime::{StepTiming, TimingSource};

/// GPU time per frame that dialogue generation may take.
///
/// The default, 2 ms, leaves a 60 fps frame (16.7 ms) almost whole on a handheld such as the
/// Steam Deck; desktop GPUs get through several tokens in that time. The scheduler measures
/// what it spends and keeps to the budget, down to running one transformer block per frame;
/// it always makes some progress, so a budget below one block's cost means one block a frame.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// App::new().insert_resource(FrameBudget::from_millis(4.0));
/// ```
#[derive(Resource, Reflect, Clone, Copy, Debug, PartialEq)]
#[reflect(Resource)]
pub struct FrameBudget {
    /// Milliseconds of GPU time per frame.
    pub gpu_ms: f32,
}

impl FrameBudget {
    /// A budget of `gpu_ms` milliseconds of GPU time per frame.
    ///
    /// ```
    /// # use bevy::prelude::*;
    /// # use bevy_natter::prelude::*;
    /// // In a conversation the player stands still: let dialogue take more of the frame.
    /// fn conversation_budget(mut budget: ResMut<FrameBudget>) {
    ///     *budget = FrameBudget::from_millis(6.0);
    /// }
    /// # App::new().add_systems(Update, conversation_budget);
    /// ```
    pub fn from_millis(gpu_ms: f32) -> Self {
        FrameBudget { gpu_ms }
    }
}

impl Default for FrameBudget {
    fn default() -> Self {
        FrameBudget::from_millis(2.0)
    }
}

/// What generation costs and achieves, updated every frame; show it in a debug overlay.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// fn dialogue_overlay(stats: Res<GenerationStats>, budget: Res<FrameBudget>) {
///     info!(
///         "dialogue: {:.2} of {:.1} ms a frame, {:.0} tok/s, {} replies queued",
///         stats.gpu_ms_per_frame, budget.gpu_ms, stats.tokens_per_second, stats.queue
///     );
/// }
/// # App::new().add_systems(Update, dialogue_overlay);
/// ```
#[derive(Resource, Reflect, Clone, Debug, Default)]
#[reflect(Resource)]
pub struct GenerationStats {
    /// GPU milliseconds of the dialogue work submitted in the last measured frame.
    pub gpu_ms_last_frame: f32,
    /// The same, averaged over recent frames that had work.
    pub gpu_ms_per_frame: f32,
    /// Tokens (prompt and reply) processed per second, recently.
    pub tokens_per_second: f32,
    /// Replies waiting or in progress.
    pub queue: usize,
    /// Replies being generated now.
    pub active: usize,
    /// Whether GPU timestamps measure the cost (otherwise it is estimated from wall time).
    pub timestamps: bool,
    /// Prompt tokens run since the engine started (replies' prompts and warm-ups; a prompt
    /// prefix already in the KV cache is not run again and not counted).
    pub prompt_tokens: u64,
    /// NPCs whose persona was prefilled while dialogue was idle, ready for their first line
    /// (see [`NatterPlugin::warm_up`](crate::NatterPlugin::warm_up)).
    pub warmed: usize,
}

/// Diagnostic paths natter reports through Bevy's diagnostics, the same numbers as
/// [`GenerationStats`]. Read them from [`DiagnosticsStore`](bevy::diagnostic::DiagnosticsStore),
/// or log them with [`LogDiagnosticsPlugin`](bevy::diagnostic::LogDiagnosticsPlugin).
///
/// ```
/// # use bevy::prelude::*;
/// use bevy::diagnostic::DiagnosticsStore;
/// use bevy_natter::diagnostics;
///
/// fn log_dialogue_cost(store: Res<DiagnosticsStore>) {
///     let ms = store.get(&diagnostics::GPU_MS).and_then(|d| d.smoothed());
///     let rate = store.get(&diagnostics::TOKENS_PER_SECOND).and_then(|d| d.smoothed());
///     let queue = store.get(&diagnostics::QUEUE).and_then(|d| d.value());
///     info!("dialogue: {ms:?} ms a frame, {rate:?} tok/s, {queue:?} replies queued");
/// }
/// # App::new().add_systems(Update, log_dialogue_cost);
/// ```
pub mod diagnostics {
    use super::DiagnosticPath;

    /// GPU milliseconds of dialogue work per frame (see the [module example](crate::diagnostics)).
    ///
    /// ```
    /// # use bevy::prelude::*;
    /// # use bevy::diagnostic::LogDiagnosticsPlugin;
    /// # use bevy_natter::diagnostics;
    /// App::new().add_plugins(LogDiagnosticsPlugin::filtered([diagnostics::GPU_MS].into()));
    /// ```
    pub const GPU_MS: DiagnosticPath = DiagnosticPath::const_new("natter/gpu_ms_per_frame");
    /// Tokens processed per second (see the [module example](crate::diagnostics)).
    ///
    /// ```
    /// # use bevy::prelude::*;
    /// # use bevy::diagnostic::DiagnosticsStore;
    /// # use bevy_natter::diagnostics;
    /// # fn system(store: Res<DiagnosticsStore>) {
    /// let rate = store.get(&diagnostics::TOKENS_PER_SECOND).and_then(|d| d.smoothed());
    /// # }
    /// ```
    pub const TOKENS_PER_SECOND: DiagnosticPath =
        DiagnosticPath::const_new("natter/tokens_per_second");
    /// Replies waiting or in progress (see the [module example](crate::diagnostics)).
    ///
    /// ```
    /// # use bevy::prelude::*;
    /// # use bevy::diagnostic::DiagnosticsStore;
    /// # use bevy_natter::diagnostics;
    /// # fn system(store: Res<DiagnosticsStore>) {
    /// let queued = store.get(&diagnostics::QUEUE).and_then(|d| d.value()).unwrap_or(0.0);
    /// # }
    /// ```
    pub const QUEUE: DiagnosticPath = DiagnosticPath::const_new("natter/queue");
}

/// Learns milliseconds per byte of weights read, per step width, from measured submissions.
///
/// A segment's cost is dominated by the weights it streams (the LM head of a small model reads
/// ten times what a block does), so costs are modelled as `ms = rate(width) · bytes + fixed`.
#[derive(Debug)]
pub(crate) struct CostModel {
    /// Per width bucket (1, 2, 4, … columns): ms per MiB of weights, and fixed ms per submission.
    rates: [Option<f64>; 8],
    fixed_ms: f64,
}

const MIB: f64 = 1024.0 * 1024.0;
/// Before anything is measured: a conservative guess for a handheld GPU, ~10 GB/s effective.
const INITIAL_MS_PER_MIB: f64 = 0.1;

fn bucket(columns: u32) -> usize {
    (columns.max(1).next_power_of_two().trailing_zeros() as usize).min(7)
}

impl CostModel {
    pub(crate) fn new() -> Self {
        CostModel {
            rates: [None; 8],
            fixed_ms: 0.02,
        }
    }

    /// Milliseconds per MiB for a step of `columns`, from the nearest measured width when its
    /// own is not measured yet. Guesses err high, so a new width keeps to the budget until it is
    /// measured: a wider step never costs less than a narrower one, and a narrower step's rate
    /// is scaled up by the ratio of widths (what a GPU bound by arithmetic pays; one bound by
    /// memory pays less, and the first measurement says so).
    fn rate(&self, columns: u32) -> f64 {
        let b = bucket(columns);
        if let Some(r) = self.rates[b] {
            return r;
        }
        let below = (0..b)
            .rev()
            .find_map(|k| self.rates[k].map(|r| r * (1u32 << (b - k)) as f64));
        let above = self.rates[b + 1..].iter().flatten().next().copied();
        below.or(above).unwrap_or(INITIAL_MS_PER_MIB)
    }

    /// Predicted ms of a submission of segments reading `bytes` for `columns`.
    pub(crate) fn predict(&self, bytes: u64, columns: u32) -> f64 {
        self.fixed_ms + self.rate(columns) * bytes as f64 / MIB
    }

    /// Folds in a measurement of a submission that read `bytes`.
    pub(crate) fn observe(&mut self, t: &StepTiming, bytes: u64) {
        if bytes == 0 || !t.gpu_ms.is_finite() {
            return;
        }
        let rate = (t.gpu_ms - self.fixed_ms).max(0.0) / (bytes as f64 / MIB);
        let b = bucket(t.columns);
        // Estimates from wall time also catch queueing: adapt to them more slowly.
        let alpha = if t.source == TimingSource::Timestamps {
            0.3
        } else {
            0.1
        };
        self.rates[b] = Some(match self.rates[b] {
            Some(old) => old + alpha * (rate - old),
            None => rate,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing(columns: u32, ms: f64) -> StepTiming {
        StepTiming {
            seq: 0,
            segments: 1,
            columns,
            gpu_ms: ms,
            source: TimingSource::Timestamps,
        }
    }

    #[test]
    fn the_model_learns_a_rate_and_borrows_it_for_unmeasured_widths() {
        let mut m = CostModel::new();
        let mib = 1024 * 1024;
        m.observe(&timing(1, 1.02), 2 * mib);
        assert!((m.predict(2 * mib, 1) - 1.02).abs() < 1e-9);
        // Width 8 unmeasured: width 1's rate, scaled up 8 times (erring high keeps the budget).
        assert!((m.predict(4 * mib, 8) - 16.02).abs() < 1e-9);
        // Width 1 unmeasured but width 8 is: a narrower step costs no more than a wider one.
        let mut wide = CostModel::new();
        wide.observe(&timing(8, 4.02), 2 * mib);
        assert!((wide.predict(2 * mib, 1) - 4.02).abs() < 1e-9);
        m.observe(&timing(8, 4.02), 2 * mib);
        assert!(m.predict(2 * mib, 8) > m.predict(2 * mib, 1));
    }
}
