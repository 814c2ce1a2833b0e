// attention.wgsl — causal grouped-query attention of each token column over its KV slot.
//
// One workgroup per (query head, column, split). Keys are visited in tiles of WG positions
// with an online softmax (running max and sum), so any context length fits in fixed workgroup
// memory: thread t scores key `tile + t`, then threads stride over the head's dimensions to
// accumulate the weighted values. Grid: x = N_HEADS, y = n_cols, z = SPLITS.
//
// With SPLIT (flash-decoding), split z takes keys [z * span, (z + 1) * span) only (span: the
// step's parameter; a prompt chunk takes one split of the whole context), so a short step still
// fills the GPU, and writes its unnormalised partial result; the next kernel (the
// output projection, see COMBINE in linear.wgsl) merges the splits as it stages its input.
// Partials: record r = (col * N_HEADS + head) * SPLITS + split is D4 + 1 vec4s at r * (D4 + 1):
// the weighted values, then (running max, running sum, 0, 0). Without SPLIT, one split covers
// every key and the output is finished: [n_cols][N_HEADS * HEAD_DIM].

struct Params {
    n_cols: u32,
    n_out: u32,
    // Keys per split in this step (the runtime's `Program::step_span`).
    span: u32,
    _pad1: u32,
}

struct Column {
    slot: u32,
    pos: u32,
    token: u32,
    _pad: u32,
}

const WG: u32 = 64u;
const HEAD_DIM: u32 = 64u;
const N_HEADS: u32 = 9u;
const KV_HEADS: u32 = 3u;
const GROUP: u32 = N_HEADS / KV_HEADS;
const CTX: u32 = 2048u;
const SPLITS: u32 = 32u;
// The weighted sum of values runs on vec4s: D4 threads cover a head, and the workgroup's
// WG / D4 groups of them take every (WG / D4)-th key of a tile.
const D4: u32 = HEAD_DIM / 4u;
const GROUPS: u32 = WG / D4;

@group(0) @binding(0) var<uniform> params: Params;
// [n_cols] token columns of this step.
@group(0) @binding(1) var<storage, read> cols: array<Column>;
// [n_cols][N_HEADS * HEAD_DIM] queries, already rotated.
@group(0) @binding(2) var<storage, read> q: array<vec4<f32>>;
// [slots][KV_HEADS][CTX][HEAD_DIM] this layer's caches.
@group(0) @binding(3) var<storage, read> k_cache: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> v_cache: array<vec4<f32>>;
// Attention output, or partials with SPLIT (see above).
@group(0) @binding(5) var<storage, read_write> out: array<vec4<f32>>;

var<workgroup> q_sh: array<vec4<f32>, D4>;
var<workgroup> p_sh: array<f32, WG>;
var<workgroup> red: array<f32, WG>;
var<workgroup> part: array<vec4<f32>, WG>;

// Maximum of `v` over the workgroup. Every thread must call it.
fn reduce_max(tid: u32, sg_size: u32, v: f32) -> f32 {
    // One partial per subgroup, then every thread folds the partials: two barriers.
    let m = subgroupMax(v);
    if (tid % sg_size == 0u) {
        red[tid / sg_size] = m;
    }
    workgroupBarrier();
    var r = red[0];
    for (var i = 1u; i < WG / sg_size; i = i + 1u) {
        r = max(r, red[i]);
    }
    workgroupBarrier();
    return r;
}

// Sum of `v` over the workgroup. Every thread must call it.
fn reduce_sum(tid: u32, sg_size: u32, v: f32) -> f32 {
    let m = subgroupAdd(v);
    if (tid % sg_size == 0u) {
        red[tid / sg_size] = m;
    }
    workgroupBarrier();
    var r = red[0];
    for (var i = 1u; i < WG / sg_size; i = i + 1u) {
        r = r + red[i];
    }
    workgroupBarrier();
    return r;
}

// The query's dot product with the key at vec4 `kb` of the cache: the key's vec4s all load
// before the first is used, so they are in flight together.
fn score(kb: u32) -> f32 {
    let k0 = k_cache[kb + 0u];
    let k1 = k_cache[kb + 1u];
    let k2 = k_cache[kb + 2u];
    let k3 = k_cache[kb + 3u];
    let k4 = k_cache[kb + 4u];
    let k5 = k_cache[kb + 5u];
    let k6 = k_cache[kb + 6u];
    let k7 = k_cache[kb + 7u];
    let k8 = k_cache[kb + 8u];
    let k9 = k_cache[kb + 9u];
    let k10 = k_cache[kb + 10u];
    let k11 = k_cache[kb + 11u];
    let k12 = k_cache[kb + 12u];
    let k13 = k_cache[kb + 13u];
    let k14 = k_cache[kb + 14u];
    let k15 = k_cache[kb + 15u];
    var d = 0.0;
    d = d + dot(q_sh[0u], k0);
    d = d + dot(q_sh[1u], k1);
    d = d + dot(q_sh[2u], k2);
    d = d + dot(q_sh[3u], k3);
    d = d + dot(q_sh[4u], k4);
    d = d + dot(q_sh[5u], k5);
    d = d + dot(q_sh[6u], k6);
    d = d + dot(q_sh[7u], k7);
    d = d + dot(q_sh[8u], k8);
    d = d + dot(q_sh[9u], k9);
    d = d + dot(q_sh[10u], k10);
    d = d + dot(q_sh[11u], k11);
    d = d + dot(q_sh[12u], k12);
    d = d + dot(q_sh[13u], k13);
    d = d + dot(q_sh[14u], k14);
    d = d + dot(q_sh[15u], k15);
    return d;
}

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_size) sg_size: u32) {
    let head = wg.x;
    let col = wg.y;
    if (col >= params.n_cols) {
        return;
    }
    let q_base = (col * N_HEADS + head) * D4;
    // The query loads first: it does not depend on the column's position, so its latency runs
    // under that of the column's record.
    var qv = vec4<f32>(0.0);
    if (tid < D4) {
        qv = q[q_base + tid];
    }
    let info = cols[col];
    let span = params.span;
    let first = wg.z * span;
    if (first > info.pos) {
        // Past this column's keys: the combine never reads this split.
        return;
    }
    let len = min(info.pos + 1u, first + span);
    // First key of this head's cache, in positions.
    let kv_base = (info.slot * KV_HEADS + head / GROUP) * CTX;
    let scale = inverseSqrt(f32(HEAD_DIM));
    // This thread's key of the first tile, loaded before the query is shared: its latency runs
    // under the query's. (Threads past the last key load it again and score nothing.)
    let kb0 = (kv_base + min(first + tid, len - 1u)) * D4;
    let k0_0 = k_cache[kb0 + 0u];
    let k0_1 = k_cache[kb0 + 1u];
    let k0_2 = k_cache[kb0 + 2u];
    let k0_3 = k_cache[kb0 + 3u];
    let k0_4 = k_cache[kb0 + 4u];
    let k0_5 = k_cache[kb0 + 5u];
    let k0_6 = k_cache[kb0 + 6u];
    let k0_7 = k_cache[kb0 + 7u];
    let k0_8 = k_cache[kb0 + 8u];
    let k0_9 = k_cache[kb0 + 9u];
    let k0_10 = k_cache[kb0 + 10u];
    let k0_11 = k_cache[kb0 + 11u];
    let k0_12 = k_cache[kb0 + 12u];
    let k0_13 = k_cache[kb0 + 13u];
    let k0_14 = k_cache[kb0 + 14u];
    let k0_15 = k_cache[kb0 + 15u];
    if (tid < D4) {
        q_sh[tid] = qv;
    }
    workgroupBarrier();

    let d4 = tid % D4;
    let group = tid / D4;
    var run_max = -3.0e38;
    var run_sum = 0.0;
    var acc = vec4<f32>(0.0);
    for (var tile = first; tile < len; tile = tile + WG) {
        let count = min(WG, len - tile);
        // This thread's values of the tile (keys group, group + GROUPS, ...), loaded before the
        // scores: their latency then runs under the scores' and the softmax's, rather than
        // after them. (Heads of up to 64 dimensions: KPT vec4s stay in registers.)
        let vb = (kv_base + tile) * D4 + d4;
        var v0 = vec4<f32>(0.0);
        if (group < GROUPS && group + 0u * GROUPS < count) {
            v0 = v_cache[vb + (group + 0u * GROUPS) * D4];
        }
        var v1 = vec4<f32>(0.0);
        if (group < GROUPS && group + 1u * GROUPS < count) {
            v1 = v_cache[vb + (group + 1u * GROUPS) * D4];
        }
        var v2 = vec4<f32>(0.0);
        if (group < GROUPS && group + 2u * GROUPS < count) {
            v2 = v_cache[vb + (group + 2u * GROUPS) * D4];
        }
        var v3 = vec4<f32>(0.0);
        if (group < GROUPS && group + 3u * GROUPS < count) {
            v3 = v_cache[vb + (group + 3u * GROUPS) * D4];
        }
        var v4 = vec4<f32>(0.0);
        if (group < GROUPS && group + 4u * GROUPS < count) {
            v4 = v_cache[vb + (group + 4u * GROUPS) * D4];
        }
        var v5 = vec4<f32>(0.0);
        if (group < GROUPS && group + 5u * GROUPS < count) {
            v5 = v_cache[vb + (group + 5u * GROUPS) * D4];
        }
        var v6 = vec4<f32>(0.0);
        if (group < GROUPS && group + 6u * GROUPS < count) {
            v6 = v_cache[vb + (group + 6u * GROUPS) * D4];
        }
        var v7 = vec4<f32>(0.0);
        if (group < GROUPS && group + 7u * GROUPS < count) {
            v7 = v_cache[vb + (group + 7u * GROUPS) * D4];
        }
        var v8 = vec4<f32>(0.0);
        if (group < GROUPS && group + 8u * GROUPS < count) {
            v8 = v_cache[vb + (group + 8u * GROUPS) * D4];
        }
        var v9 = vec4<f32>(0.0);
        if (group < GROUPS && group + 9u * GROUPS < count) {
            v9 = v_cache[vb + (group + 9u * GROUPS) * D4];
        }
        var v10 = vec4<f32>(0.0);
        if (group < GROUPS && group + 10u * GROUPS < count) {
            v10 = v_cache[vb + (group + 10u * GROUPS) * D4];
        }
        var v11 = vec4<f32>(0.0);
        if (group < GROUPS && group + 11u * GROUPS < count) {
            v11 = v_cache[vb + (group + 11u * GROUPS) * D4];
        }
        var v12 = vec4<f32>(0.0);
        if (group < GROUPS && group + 12u * GROUPS < count) {
            v12 = v_cache[vb + (group + 12u * GROUPS) * D4];
        }
        var v13 = vec4<f32>(0.0);
        if (group < GROUPS && group + 13u * GROUPS < count) {
            v13 = v_cache[vb + (group + 13u * GROUPS) * D4];
        }
        var v14 = vec4<f32>(0.0);
        if (group < GROUPS && group + 14u * GROUPS < count) {
            v14 = v_cache[vb + (group + 14u * GROUPS) * D4];
        }
        var v15 = vec4<f32>(0.0);
        if (group < GROUPS && group + 15u * GROUPS < count) {
            v15 = v_cache[vb + (group + 15u * GROUPS) * D4];
        }
        // Scores: thread t takes key tile + t.
        let j = tile + tid;
        var s = -3.0e38;
        if (j < len) {
            var d = 0.0;
            if (tile == first) {
                d = d + dot(q_sh[0u], k0_0);
                d = d + dot(q_sh[1u], k0_1);
                d = d + dot(q_sh[2u], k0_2);
                d = d + dot(q_sh[3u], k0_3);
                d = d + dot(q_sh[4u], k0_4);
                d = d + dot(q_sh[5u], k0_5);
                d = d + dot(q_sh[6u], k0_6);
                d = d + dot(q_sh[7u], k0_7);
                d = d + dot(q_sh[8u], k0_8);
                d = d + dot(q_sh[9u], k0_9);
                d = d + dot(q_sh[10u], k0_10);
                d = d + dot(q_sh[11u], k0_11);
                d = d + dot(q_sh[12u], k0_12);
                d = d + dot(q_sh[13u], k0_13);
                d = d + dot(q_sh[14u], k0_14);
                d = d + dot(q_sh[15u], k0_15);
            } else {
                d = score((kv_base + j) * D4);
            }
            s = d * scale;
        }
        let new_max = max(run_max, reduce_max(tid, sg_size, s));
        var p = 0.0;
        if (j < len) {
            p = exp(s - new_max);
        }
        p_sh[tid] = p;
        let correction = exp(run_max - new_max);
        run_sum = run_sum * correction + reduce_sum(tid, sg_size, p);
        run_max = new_max;
        // Weighted values: this thread's vec4 of the head, over every GROUPS-th key of the tile.
        acc = acc * correction;
        if (group < GROUPS) {
            // Keys past `count` have p = 0 and values 0.
            acc = acc + p_sh[min(group + 0u * GROUPS, WG - 1u)] * v0;
            acc = acc + p_sh[min(group + 1u * GROUPS, WG - 1u)] * v1;
            acc = acc + p_sh[min(group + 2u * GROUPS, WG - 1u)] * v2;
            acc = acc + p_sh[min(group + 3u * GROUPS, WG - 1u)] * v3;
            acc = acc + p_sh[min(group + 4u * GROUPS, WG - 1u)] * v4;
            acc = acc + p_sh[min(group + 5u * GROUPS, WG - 1u)] * v5;
            acc = acc + p_sh[min(group + 6u * GROUPS, WG - 1u)] * v6;
            acc = acc + p_sh[min(group + 7u * GROUPS, WG - 1u)] * v7;
            acc = acc + p_sh[min(group + 8u * GROUPS, WG - 1u)] * v8;
            acc = acc + p_sh[min(group + 9u * GROUPS, WG - 1u)] * v9;
            acc = acc + p_sh[min(group + 10u * GROUPS, WG - 1u)] * v10;
            acc = acc + p_sh[min(group + 11u * GROUPS, WG - 1u)] * v11;
            acc = acc + p_sh[min(group + 12u * GROUPS, WG - 1u)] * v12;
            acc = acc + p_sh[min(group + 13u * GROUPS, WG - 1u)] * v13;
            acc = acc + p_sh[min(group + 14u * GROUPS, WG - 1u)] * v14;
            acc = acc + p_sh[min(group + 15u * GROUPS, WG - 1u)] * v15;
        }
        workgroupBarrier();
    }
    part[tid] = acc;
    workgroupBarrier();
    if (tid < D4) {
        var total = vec4<f32>(0.0);
        for (var g = 0u; g < GROUPS; g = g + 1u) {
            total = total + part[g * D4 + tid];
        }
        let rec = ((col * N_HEADS + head) * SPLITS + wg.z) * (D4 + 1u);
        out[rec + tid] = total;
        if (tid == 0u) {
            out[rec + D4] = vec4<f32>(run_max, run_sum, 0.0, 0.0);
        }
    }
}
