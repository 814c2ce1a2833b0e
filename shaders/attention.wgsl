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

const WG: u32 = {{WG}}u;
const HEAD_DIM: u32 = {{HEAD_DIM}}u;
const N_HEADS: u32 = {{N_HEADS}}u;
const KV_HEADS: u32 = {{KV_HEADS}}u;
const GROUP: u32 = N_HEADS / KV_HEADS;
const CTX: u32 = {{CTX}}u;
#if SPLIT
const SPLITS: u32 = {{SPLITS}}u;
#endif
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
#if SUBGROUP
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
#else
    red[tid] = v;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s = s / 2u) {
        if (tid < s) {
            red[tid] = max(red[tid], red[tid + s]);
        }
        workgroupBarrier();
    }
    let r = red[0];
    workgroupBarrier();
    return r;
#endif
}

// Sum of `v` over the workgroup. Every thread must call it.
fn reduce_sum(tid: u32, sg_size: u32, v: f32) -> f32 {
#if SUBGROUP
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
#else
    red[tid] = v;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s = s / 2u) {
        if (tid < s) {
            red[tid] = red[tid] + red[tid + s];
        }
        workgroupBarrier();
    }
    let r = red[0];
    workgroupBarrier();
    return r;
#endif
}

// The query's dot product with the key at vec4 `kb` of the cache: the key's vec4s all load
// before the first is used, so they are in flight together.
fn score(kb: u32) -> f32 {
#for i in D4N
    let k{{i}} = k_cache[kb + {{i}}u];
#endfor
    var d = 0.0;
#for i in D4N
    d = d + dot(q_sh[{{i}}u], k{{i}});
#endfor
    return d;
}

@compute @workgroup_size({{WG}})
#if SUBGROUP
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_size) sg_size: u32) {
#else
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>) {
    let sg_size = 1u;
#endif
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
#if SPLIT
    let span = params.span;
#else
    let span = CTX;
#endif
    let first = wg.z * span;
    if (first > info.pos) {
        // Past this column's keys: the combine never reads this split.
        return;
    }
    let len = min(info.pos + 1u, first + span);
    // First key of this head's cache, in positions.
    let kv_base = (info.slot * KV_HEADS + head / GROUP) * CTX;
    let scale = inverseSqrt(f32(HEAD_DIM));
#if KPREFETCH
    // This thread's key of the first tile, loaded before the query is shared: its latency runs
    // under the query's. (Threads past the last key load it again and score nothing.)
    let kb0 = (kv_base + min(first + tid, len - 1u)) * D4;
#for i in D4N
    let k0_{{i}} = k_cache[kb0 + {{i}}u];
#endfor
#endif
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
#if VPREFETCH
        // This thread's values of the tile (keys group, group + GROUPS, ...), loaded before the
        // scores: their latency then runs under the scores' and the softmax's, rather than
        // after them. (Heads of up to 64 dimensions: KPT vec4s stay in registers.)
        let vb = (kv_base + tile) * D4 + d4;
#for i in KPT
        var v{{i}} = vec4<f32>(0.0);
        if (group < GROUPS && group + {{i}}u * GROUPS < count) {
            v{{i}} = v_cache[vb + (group + {{i}}u * GROUPS) * D4];
        }
#endfor
#endif
        // Scores: thread t takes key tile + t.
        let j = tile + tid;
        var s = -3.0e38;
        if (j < len) {
            var d = 0.0;
#if KPREFETCH
            if (tile == first) {
#for i in D4N
                d = d + dot(q_sh[{{i}}u], k0_{{i}});
#endfor
            } else {
                d = score((kv_base + j) * D4);
            }
#else
            d = score((kv_base + j) * D4);
#endif
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
#if VPREFETCH
        if (group < GROUPS) {
            // Keys past `count` have p = 0 and values 0.
#for i in KPT
            acc = acc + p_sh[min(group + {{i}}u * GROUPS, WG - 1u)] * v{{i}};
#endfor
        }
#else
        if (group < GROUPS) {
            // Four keys a round, with their own sums, so four loads are in flight at once
            // rather than one per loop trip.
            let vb = (kv_base + tile) * D4 + d4;
            var a1 = vec4<f32>(0.0);
            var a2 = vec4<f32>(0.0);
            var a3 = vec4<f32>(0.0);
            var k = group;
            for (; k + 3u * GROUPS < count; k = k + 4u * GROUPS) {
                let v0 = v_cache[vb + k * D4];
                let v1 = v_cache[vb + (k + GROUPS) * D4];
                let v2 = v_cache[vb + (k + 2u * GROUPS) * D4];
                let v3 = v_cache[vb + (k + 3u * GROUPS) * D4];
                acc = acc + p_sh[k] * v0;
                a1 = a1 + p_sh[k + GROUPS] * v1;
                a2 = a2 + p_sh[k + 2u * GROUPS] * v2;
                a3 = a3 + p_sh[k + 3u * GROUPS] * v3;
            }
            for (; k < count; k = k + GROUPS) {
                acc = acc + p_sh[k] * v_cache[vb + k * D4];
            }
            acc = acc + ((a1 + a2) + a3);
        }
#endif
        workgroupBarrier();
    }
    part[tid] = acc;
    workgroupBarrier();
    if (tid < D4) {
        var total = vec4<f32>(0.0);
        for (var g = 0u; g < GROUPS; g = g + 1u) {
            total = total + part[g * D4 + tid];
        }
#if SPLIT
        let rec = ((col * N_HEADS + head) * SPLITS + wg.z) * (D4 + 1u);
        out[rec + tid] = total;
        if (tid == 0u) {
            out[rec + D4] = vec4<f32>(run_max, run_sum, 0.0, 0.0);
        }
#else
        out[q_base + tid] = total / run_sum;
#endif
    }
}
