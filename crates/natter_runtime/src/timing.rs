//! Measuring what each submission costs on the GPU, for the per-frame budget.
//!
//! With `TIMESTAMP_QUERY` the engine writes a timestamp at the start and end of each compute
//! pass and reads them back asynchronously: the GPU's own time for the work. Without it, the
//! cost is estimated from the wall time between submission and the moment the engine sees the
//! work completed, which includes queueing behind other work and so errs on the high side.

use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Where a timing came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimingSource {
    /// GPU timestamp queries: the time the work took on the GPU.
    Timestamps,
    /// Wall time from submission to observed completion: an upper bound.
    Estimated,
}

/// The measured cost of one submission.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepTiming {
    /// The submission's number (see [`Engine::submissions`](crate::Engine::submissions)).
    pub seq: u64,
    /// Dispatch segments (blocks, or the embedding/LM head) the submission ran.
    pub segments: usize,
    /// Token columns of the step.
    pub columns: u32,
    pub gpu_ms: f64,
    pub source: TimingSource,
}

const RING: usize = 16;
/// Each slot's two timestamps resolve to their own 256-byte-aligned place
/// (`QUERY_RESOLVE_BUFFER_ALIGNMENT`).
const STRIDE: u64 = wgpu::QUERY_RESOLVE_BUFFER_ALIGNMENT;

struct Slot {
    seq: u64,
    segments: usize,
    columns: u32,
    submitted: Instant,
    done: Arc<Mutex<Option<Instant>>>,
}

/// Timestamp queries (or wall-clock estimates) for up to `RING` submissions in flight.
pub(crate) struct GpuTimer {
    queries: Option<Queries>,
    slots: Vec<Option<Slot>>,
    results: Vec<StepTiming>,
}

struct Queries {
    set: wgpu::QuerySet,
    resolve: wgpu::Buffer,
    readback: Vec<wgpu::Buffer>,
    period_ns: f32,
}

impl GpuTimer {
    pub(crate) fn new(device: &wgpu::Device, queue: &wgpu::Queue) -> Self {
        let queries = device
            .features()
            .contains(wgpu::Features::TIMESTAMP_QUERY)
            .then(|| Queries {
                set: device.create_query_set(&wgpu::QuerySetDescriptor {
                    label: Some("natter_timestamps"),
                    ty: wgpu::QueryType::Timestamp,
                    count: 2 * RING as u32,
                }),
                resolve: device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("natter_timestamps_resolve"),
                    size: STRIDE * RING as u64,
                    usage: wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
                    mapped_at_creation: false,
                }),
                readback: (0..RING)
                    .map(|_| {
                        device.create_buffer(&wgpu::BufferDescriptor {
                            label: Some("natter_timestamps_readback"),
                            size: 16,
                            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                            mapped_at_creation: false,
                        })
                    })
                    .collect(),
                period_ns: queue.get_timestamp_period(),
            });
        GpuTimer {
            queries,
            slots: (0..RING).map(|_| None).collect(),
            results: Vec::new(),
        }
    }

    pub(crate) fn source(&self) -> TimingSource {
        if self.queries.is_some() {
            TimingSource::Timestamps
        } else {
            TimingSource::Estimated
        }
    }

    /// A free slot for the next submission, if any.
    pub(crate) fn reserve(&self) -> Option<usize> {
        self.slots.iter().position(Option::is_none)
    }

    /// Timestamp writes for a compute pass measured in `slot`.
    pub(crate) fn pass_writes(&self, slot: usize) -> Option<wgpu::ComputePassTimestampWrites<'_>> {
        self.queries
            .as_ref()
            .map(|q| wgpu::ComputePassTimestampWrites {
                query_set: &q.set,
                beginning_of_pass_write_index: Some(2 * slot as u32),
                end_of_pass_write_index: Some(2 * slot as u32 + 1),
            })
    }

    /// Records the copy of `slot`'s timestamps after its pass.
    pub(crate) fn resolve(&self, encoder: &mut wgpu::CommandEncoder, slot: usize) {
        if let Some(q) = &self.queries {
            let range = 2 * slot as u32..2 * slot as u32 + 2;
            encoder.resolve_query_set(&q.set, range, &q.resolve, STRIDE * slot as u64);
            encoder.copy_buffer_to_buffer(
                &q.resolve,
                STRIDE * slot as u64,
                &q.readback[slot],
                0,
                16,
            );
        }
    }

    /// Starts reading `slot` back once the submission holding it is done.
    pub(crate) fn submitted(
        &mut self,
        queue: &wgpu::Queue,
        slot: usize,
        seq: u64,
        segments: usize,
        columns: u32,
    ) {
        let done = Arc::new(Mutex::new(None));
        let cell = done.clone();
        let mark = move || {
            if let Ok(mut d) = cell.lock() {
                *d = Some(Instant::now());
            }
        };
        match &self.queries {
            Some(q) => q.readback[slot]
                .slice(..)
                .map_async(wgpu::MapMode::Read, move |_| mark()),
            None => queue.on_submitted_work_done(mark),
        }
        self.slots[slot] = Some(Slot {
            seq,
            segments,
            columns,
            submitted: Instant::now(),
            done,
        });
    }

    /// Moves finished measurements to the results. Call after polling the device.
    pub(crate) fn collect(&mut self) {
        for i in 0..RING {
            let Some(slot) = &self.slots[i] else { continue };
            let Some(done_at) = slot.done.lock().ok().and_then(|d| *d) else {
                continue;
            };
            let (gpu_ms, source) = match &self.queries {
                Some(q) => {
                    let ticks: [u64; 2] = {
                        let view = q.readback[i].slice(..).get_mapped_range();
                        let words: &[u64] = bytemuck::cast_slice(&view);
                        [words[0], words[1]]
                    };
                    q.readback[i].unmap();
                    let ns = ticks[1].saturating_sub(ticks[0]) as f64 * q.period_ns as f64;
                    (ns / 1e6, TimingSource::Timestamps)
                }
                None => (
                    done_at.duration_since(slot.submitted).as_secs_f64() * 1e3,
                    TimingSource::Estimated,
                ),
            };
            self.results.push(StepTiming {
                seq: slot.seq,
                segments: slot.segments,
                columns: slot.columns,
                gpu_ms,
                source,
            });
            self.slots[i] = None;
        }
    }

    pub(crate) fn take(&mut self) -> Vec<StepTiming> {
        std::mem::take(&mut self.results)
    }
}
