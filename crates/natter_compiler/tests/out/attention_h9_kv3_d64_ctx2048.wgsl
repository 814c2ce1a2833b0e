// attention.wgsl — causal grouped-query attention of each token column over its KV slot.
//
// One workgroup per (query head, column). Keys are visited in tiles of WG positions with an
// online softmax (running max and sum), so any context length fits in fixed workgroup memory:
// thread t scores key `tile + t`, then threads stride over the head's dimensions to
// accumulate the weighted values. Grid: x = N_HEADS, y = n_cols.

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

const WG: u32 = 64u;
const HEAD_DIM: u32 = 64u;
const N_HEADS: u32 = 9u;
const KV_HEADS: u32 = 3u;
const GROUP: u32 = N_HEADS / KV_HEADS;
const CTX: u32 = 2048u;
// Dimensions of the head each thread accumulates.
const PER_THREAD: u32 = (HEAD_DIM + WG - 1u) / WG;

@group(0) @binding(0) var<uniform> params: Params;
// [n_cols] token columns of this step.
@group(0) @binding(1) var<storage, read> cols: array<Column>;
// [n_cols][N_HEADS * HEAD_DIM] queries, already rotated.
@group(0) @binding(2) var<storage, read> q: array<f32>;
// [slots][KV_HEADS][CTX][HEAD_DIM] this layer's caches.
@group(0) @binding(3) var<storage, read> k_cache: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> v_cache: array<f32>;
// [n_cols][N_HEADS * HEAD_DIM] attention output.
@group(0) @binding(5) var<storage, read_write> out: array<f32>;

var<workgroup> q_sh: array<vec4<f32>, HEAD_DIM / 4u>;
var<workgroup> p_sh: array<f32, WG>;
var<workgroup> red: array<f32, WG>;

fn reduce_max(tid: u32, v: f32) -> f32 {
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
}

fn reduce_sum(tid: u32, v: f32) -> f32 {
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
}

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>) {
    let head = wg.x;
    let col = wg.y;
    if (col >= params.n_cols) {
        return;
    }
    let info = cols[col];
    let len = info.pos + 1u;
    let kv_base = (info.slot * KV_HEADS + head / GROUP) * CTX;
    let q_base = col * N_HEADS * HEAD_DIM + head * HEAD_DIM;
    let scale = inverseSqrt(f32(HEAD_DIM));
    for (var i = tid; i < HEAD_DIM / 4u; i = i + WG) {
        q_sh[i] = vec4<f32>(q[q_base + 4u * i], q[q_base + 4u * i + 1u], q[q_base + 4u * i + 2u], q[q_base + 4u * i + 3u]);
    }
    workgroupBarrier();

    var run_max = -3.0e38;
    var run_sum = 0.0;
    var acc: array<f32, PER_THREAD>;
    for (var i = 0u; i < PER_THREAD; i = i + 1u) {
        acc[i] = 0.0;
    }
    for (var tile = 0u; tile < len; tile = tile + WG) {
        let j = tile + tid;
        var s = -3.0e38;
        if (j < len) {
            let kb = (kv_base + j) * (HEAD_DIM / 4u);
            var d = 0.0;
            for (var i = 0u; i < HEAD_DIM / 4u; i = i + 1u) {
                d = d + dot(q_sh[i], k_cache[kb + i]);
            }
            s = d * scale;
        }
        let new_max = max(run_max, reduce_max(tid, s));
        var p = 0.0;
        if (j < len) {
            p = exp(s - new_max);
        }
        p_sh[tid] = p;
        let correction = exp(run_max - new_max);
        run_sum = run_sum * correction + reduce_sum(tid, p);
        run_max = new_max;
        let count = min(WG, len - tile);
        for (var i = 0u; i < PER_THREAD; i = i + 1u) {
            let dim = tid + i * WG;
            if (dim < HEAD_DIM) {
                var a = acc[i] * correction;
                for (var k = 0u; k < count; k = k + 1u) {
                    a = a + p_sh[k] * v_cache[(kv_base + tile + k) * HEAD_DIM + dim];
                }
                acc[i] = a;
            }
        }
        workgroupBarrier();
    }
    for (var i = 0u; i < PER_THREAD; i = i + 1u) {
        let dim = tid + i * WG;
        if (dim < HEAD_DIM) {
            out[q_base + dim] = acc[i] / run_sum;
        }
    }
}
