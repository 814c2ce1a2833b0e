// sample.wgsl — picks each out column's next token on the GPU, so decode steps chain in one
// submission without a trip to the CPU.
//
// One workgroup per out column. Greedy (temperature 0) takes the first largest logit, exactly
// as the CPU sampler does. Otherwise it draws from softmax(logits / T) restricted to tokens
// within min_p of the best, by the Gumbel-max trick: argmax(l/T + g) with g = -ln(-ln u) is a
// draw from the softmax, and needs no sort. u comes from a hash of (seed, position, token), so
// a seed gives the same tokens every run. The chosen token becomes the column's next input
// (position + 1) and is recorded for the CPU to read back.
// Grid: x = n_out.

struct Params {
    n_cols: u32,
    n_out: u32,
    _pad0: u32,
    _pad1: u32,
}

struct Column {
    slot: u32,
    pos: u32,
    token: u32,
    _pad: u32,
}

struct Sampling {
    // 0: greedy.
    temperature: f32,
    // ln(min_p), or a large negative number for none.
    log_min_p: f32,
    seed_lo: u32,
    seed_hi: u32,
}

const WG: u32 = 256u;
const VOCAB: u32 = 49152u;

@group(0) @binding(0) var<uniform> params: Params;
// [n_cols] the step's columns: each sampled column's token and position advance here.
@group(0) @binding(1) var<storage, read_write> cols: array<Column>;
// [n_out][VOCAB] logits of the out columns.
// (Read as vec4s: VOCAB is a multiple of 4, so every row starts on one.)
@group(0) @binding(2) var<storage, read> logits: array<vec4<f32>>;
// [n_out] which column each logits row belongs to.
@group(0) @binding(3) var<storage, read> out_cols: array<u32>;
@group(0) @binding(4) var<uniform> sampling: Sampling;
// [n_out] the tokens chosen in this step.
@group(0) @binding(5) var<storage, read_write> chosen: array<u32>;

// A tree's (value, index) pairs, or with SUBGROUP one per subgroup and the `winner`.
var<workgroup> best_val: array<f32, WG>;
var<workgroup> best_idx: array<u32, WG>;
var<workgroup> winner: u32;

// PCG-style hash to a uniform float in (0, 1).
fn rand01(a: u32, b: u32, c: u32) -> f32 {
    var h = a * 747796405u + 2891336453u;
    h = ((h >> ((h >> 28u) + 4u)) ^ h) * 277803737u;
    h = (h >> 22u) ^ h ^ (b * 2654435761u);
    h = h * 747796405u + 2891336453u;
    h = ((h >> ((h >> 28u) + 4u)) ^ h) * 277803737u;
    h = (h >> 22u) ^ h ^ (c * 2246822519u);
    h = h * 747796405u + 2891336453u;
    h = ((h >> ((h >> 28u) + 4u)) ^ h) * 277803737u;
    h = (h >> 22u) ^ h;
    return (f32(h >> 8u) + 0.5) / 16777216.0;
}

// The subgroup's best (value, index): the largest value, and of its equals the lowest index.
fn subgroup_best(v: f32, i: u32) -> vec2<u32> {
    let m = subgroupMax(v);
    return vec2<u32>(bitcast<u32>(m), subgroupMin(select(0xffffffffu, i, v == m)));
}

// Workgroup argmax of (value, index); ties go to the lower index. Every thread must call it.
// Each subgroup's best through workgroup memory, then the best of those: two
// barriers instead of a tree's one a level.
fn argmax(tid: u32, sg_size: u32, v: f32, i: u32) -> u32 {
    let mine = subgroup_best(v, i);
    if (tid % sg_size == 0u) {
        best_val[tid / sg_size] = bitcast<f32>(mine.x);
        best_idx[tid / sg_size] = mine.y;
    }
    workgroupBarrier();
    // Every subgroup reduces the partials alike (subgroup operations stay in uniform control
    // flow); the first thread's result is the one kept.
    var bv = -3.0e38;
    var bi = 0xffffffffu;
    for (var s = tid % sg_size; s < WG / sg_size; s = s + sg_size) {
        let ov = best_val[s];
        let oi = best_idx[s];
        if (ov > bv || (ov == bv && oi < bi)) {
            bv = ov;
            bi = oi;
        }
    }
    let best = subgroup_best(bv, bi);
    if (tid == 0u) {
        winner = best.y;
    }
    workgroupBarrier();
    let r = winner;
    workgroupBarrier();
    return r;
}

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_size) sg_size: u32) {
    let row = wg.x;
    if (row >= params.n_out) {
        return;
    }
    let col = out_cols[row];
    let pos = cols[col].pos;
    let greedy = !(sampling.temperature > 0.0);
    // Each thread keeps the first best of its share, visiting its logits in increasing index:
    // LR vec4s a round, loaded together, so a round costs one memory latency (one round
    // where the vocabulary is at most LR vec4s a thread).
    let base = row * (VOCAB / 4u);
    var v = -3.0e38;
    var i = 0xffffffffu;
    for (var r = 0u; r < VOCAB / 4u; r = r + 4u * WG) {
        let t0 = r + 0u * WG + tid;
        let l0 = select(vec4<f32>(-3.0e38), logits[base + min(t0, VOCAB / 4u - 1u)], t0 < VOCAB / 4u);
        let t1 = r + 1u * WG + tid;
        let l1 = select(vec4<f32>(-3.0e38), logits[base + min(t1, VOCAB / 4u - 1u)], t1 < VOCAB / 4u);
        let t2 = r + 2u * WG + tid;
        let l2 = select(vec4<f32>(-3.0e38), logits[base + min(t2, VOCAB / 4u - 1u)], t2 < VOCAB / 4u);
        let t3 = r + 3u * WG + tid;
        let l3 = select(vec4<f32>(-3.0e38), logits[base + min(t3, VOCAB / 4u - 1u)], t3 < VOCAB / 4u);
        if (l0[0] > v) {
            v = l0[0];
            i = t0 * 4u + 0u;
        }
        if (l0[1] > v) {
            v = l0[1];
            i = t0 * 4u + 1u;
        }
        if (l0[2] > v) {
            v = l0[2];
            i = t0 * 4u + 2u;
        }
        if (l0[3] > v) {
            v = l0[3];
            i = t0 * 4u + 3u;
        }
        if (l1[0] > v) {
            v = l1[0];
            i = t1 * 4u + 0u;
        }
        if (l1[1] > v) {
            v = l1[1];
            i = t1 * 4u + 1u;
        }
        if (l1[2] > v) {
            v = l1[2];
            i = t1 * 4u + 2u;
        }
        if (l1[3] > v) {
            v = l1[3];
            i = t1 * 4u + 3u;
        }
        if (l2[0] > v) {
            v = l2[0];
            i = t2 * 4u + 0u;
        }
        if (l2[1] > v) {
            v = l2[1];
            i = t2 * 4u + 1u;
        }
        if (l2[2] > v) {
            v = l2[2];
            i = t2 * 4u + 2u;
        }
        if (l2[3] > v) {
            v = l2[3];
            i = t2 * 4u + 3u;
        }
        if (l3[0] > v) {
            v = l3[0];
            i = t3 * 4u + 0u;
        }
        if (l3[1] > v) {
            v = l3[1];
            i = t3 * 4u + 1u;
        }
        if (l3[2] > v) {
            v = l3[2];
            i = t3 * 4u + 2u;
        }
        if (l3[3] > v) {
            v = l3[3];
            i = t3 * 4u + 3u;
        }
    }
    var token = argmax(tid, sg_size, v, i);
    if (!greedy) {
        let best = logits[base + token / 4u][token % 4u];
        let floor = best + sampling.temperature * sampling.log_min_p;
        var gv = -3.0e38;
        var gi = 0xffffffffu;
        for (var t4 = tid; t4 < VOCAB / 4u; t4 = t4 + WG) {
            let l = logits[base + t4];
            if (l[0] >= floor) {
                let t = t4 * 4u + 0u;
                let g = -log(-log(rand01(sampling.seed_lo ^ (col * 0x9E3779B9u), sampling.seed_hi ^ pos, t)));
                let s = l[0] / sampling.temperature + g;
                if (s > gv) {
                    gv = s;
                    gi = t;
                }
            }
            if (l[1] >= floor) {
                let t = t4 * 4u + 1u;
                let g = -log(-log(rand01(sampling.seed_lo ^ (col * 0x9E3779B9u), sampling.seed_hi ^ pos, t)));
                let s = l[1] / sampling.temperature + g;
                if (s > gv) {
                    gv = s;
                    gi = t;
                }
            }
            if (l[2] >= floor) {
                let t = t4 * 4u + 2u;
                let g = -log(-log(rand01(sampling.seed_lo ^ (col * 0x9E3779B9u), sampling.seed_hi ^ pos, t)));
                let s = l[2] / sampling.temperature + g;
                if (s > gv) {
                    gv = s;
                    gi = t;
                }
            }
            if (l[3] >= floor) {
                let t = t4 * 4u + 3u;
                let g = -log(-log(rand01(sampling.seed_lo ^ (col * 0x9E3779B9u), sampling.seed_hi ^ pos, t)));
                let s = l[3] / sampling.temperature + g;
                if (s > gv) {
                    gv = s;
                    gi = t;
                }
            }
        }
        token = argmax(tid, sg_size, gv, gi);
    }
    if (tid == 0u) {
        chosen[row] = token;
        cols[col].token = token;
        cols[col].pos = cols[col].pos + 1u;
    }
}
