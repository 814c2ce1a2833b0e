// linear.wgsl — the fused "linear" kernel family: y = epilogue(W · prologue(x)).
//
// One template serves every matrix product of the forward pass (see natter_compiler's
// `LinearKey`): an optional RMSNorm prologue (the norm is folded into the matmul: every
// workgroup recomputes the column's scale, which is cheaper than a dispatch), one, two or four
// rows per work unit, and an epilogue: plain store, residual add, SiLU·mul of a gate/up pair,
// or Q/K/V with RoPE and the KV-cache write.
//
// Work decomposition: a workgroup of WG threads is split into WG/TPU units of TPU threads.
// A unit owns one output row (or a pair of rows, with PAIR: a gate/up or RoPE pair, or with
// TWO_ROWS two neighbours; with QUAD four rows: two neighbouring gate/up pairs, or four
// neighbours) for B columns (tokens); its threads stride over the row's 32-element blocks, then
// reduce their partial sums across the unit.
// Grid: x = ceil(UNITS / (ROUNDS * WG/TPU)), y = ceil(n_cols / B): with ROUNDS > 1 (kernels of
// several columns only) a workgroup computes that many rounds of rows in turn.
//
// Specialised by the compiler: every double-braced name is a constant, every `#if` a switch.

// Subgroup operations need no `enable` directive in naga 29 (it rejects `enable subgroups;`);
// the device feature `SUBGROUP` is what allows them.

struct Params {
    // Columns (tokens) in this step.
    n_cols: u32,
    // Columns that need this kernel's output when INDIRECT (the LM head): `logit_cols[0..n_out]`.
    n_out: u32,
    // Keys per attention split in this step (COMBINE).
    span: u32,
    _pad1: u32,
}

// One token of the step: which KV slot (conversation) it belongs to and its position there.
struct Column {
    slot: u32,
    pos: u32,
    token: u32,
    _pad: u32,
}

const WG: u32 = 128u;
const TPU: u32 = 16u;
const UNITS_PER_WG: u32 = WG / TPU;
// Input width and its number of 32-element blocks.
const K: u32 = 576u;
const BLOCKS: u32 = K / 32u;
// Work units (rows, or row pairs with PAIR).
const UNITS: u32 = 576u;
// Width of one column of `y`.
const Y_STRIDE: u32 = 576u;
// Columns per workgroup.
const B: u32 = 1u;
const ROUNDS: u32 = 1u;
// Weight blocks per lane loaded before the prologue.
const PF: u32 = 2u;
const NR: u32 = 1u;

@group(0) @binding(0) var<uniform> params: Params;
// [n_cols] token columns of this step.
@group(0) @binding(1) var<storage, read> cols: array<Column>;
// Weights, repacked at load: [rows][BLOCKS] blocks of 32 elements.
//   Q4: one vec4<u32> per block (32 nibbles: byte k holds elements k and k+16).
//   Q8: two vec4<u32> per block (32 signed bytes).
//   F16: four vec4<u32> per block (32 halves). F32: eight vec4<u32> per block (bitcast).
@group(0) @binding(2) var<storage, read> w_q: array<vec4<u32>>;
// [rows][BLOCKS] block scales as an f16 pair (d, m): value = q * d + m. Unused for F16/F32.
@group(0) @binding(3) var<storage, read> w_s: array<u32>;
// [n_cols][K] input activations; with COMBINE, attention partials (see `combined`).
@group(0) @binding(4) var<storage, read> x: array<vec4<f32>>;
// [n_cols][Y_STRIDE] output (read too by the residual-add epilogue, which updates it in place).
@group(0) @binding(5) var<storage, read_write> y: array<f32>;

// The input is split attention's partial results (see attention.wgsl), merged while staged.
const A_D4: u32 = 64u / 4u;
const A_HEADS: u32 = 9u;
const A_SPLITS: u32 = 32u;

// Input vector `e` (elements 4e..4e+3) of column `col`: its head's splits merged as one
// softmax over all keys would weigh them, with a running maximum (as the splits themselves
// run). Four splits a round, loaded together whether or not all exist (absent ones weigh 0):
// a dependent load per split would serialise L2 latencies.
fn combined(col: u32, e: u32) -> vec4<f32> {
    let d = e % A_D4;
    let n = cols[col].pos / params.span + 1u;
    let base = (col * A_HEADS + e / A_D4) * A_SPLITS;
    let rec = A_D4 + 1u;
    var m = -3.0e38;
    var sum = 0.0;
    var acc = vec4<f32>(0.0);
    for (var s = 0u; s < n; s = s + 4u) {
        let r = (base + s) * rec;
        let t0 = x[r + A_D4];
        let o0 = x[r + d];
        var t1 = vec4<f32>(-3.0e38, 0.0, 0.0, 0.0);
        var t2 = t1;
        var t3 = t1;
        var o1 = vec4<f32>(0.0);
        var o2 = o1;
        var o3 = o1;
        if (s + 1u < n) {
            t1 = x[r + rec + A_D4];
            o1 = x[r + rec + d];
        }
        if (s + 2u < n) {
            t2 = x[r + 2u * rec + A_D4];
            o2 = x[r + 2u * rec + d];
        }
        if (s + 3u < n) {
            t3 = x[r + 3u * rec + A_D4];
            o3 = x[r + 3u * rec + d];
        }
        let mn = max(max(m, max(t0.x, t1.x)), max(t2.x, t3.x));
        let c = exp(m - mn);
        let w = exp(vec4<f32>(t0.x, t1.x, t2.x, t3.x) - mn);
        sum = sum * c + dot(w, vec4<f32>(t0.y, t1.y, t2.y, t3.y));
        acc = acc * c + (o0 * w.x + o1 * w.y) + (o2 * w.z + o3 * w.w);
        m = mn;
    }
    return acc / sum;
}

// Inputs are staged through workgroup memory KC elements at a time, normed once per workgroup
// instead of once per row: [B][KC/4].
const KC: u32 = 576u;
const KC4: u32 = KC / 4u;
// Each 32-element block takes 9 vec4 slots, not 8: the lanes of a unit read different blocks
// at once, and without the pad their reads would all fall in the same banks.
const KCP: u32 = KC4 / 8u * 9u;
const XBS: u32 = 9u;
var<workgroup> x_sh: array<vec4<f32>, B * KCP>;
// Reductions: a tree over the workgroup, or one partial per subgroup and column.
var<workgroup> red: array<f32, 128>;

fn output_columns() -> u32 {
    return params.n_cols;
}

// The input column that output column `c` reads.
fn source_column(c: u32) -> u32 {
    return c;
}

// Sum of `v` over all WG threads, through workgroup memory. Every thread must call it.
fn workgroup_sum(tid: u32, v: f32) -> f32 {
    red[tid] = v;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s = s / 2u) {
        if (tid < s) {
            red[tid] = red[tid] + red[tid + s];
        }
        workgroupBarrier();
    }
    let total = red[0];
    workgroupBarrier();
    return total;
}

// Sum of `v` over the TPU threads of this thread's unit. Every thread must call it.
fn unit_sum(tid: u32, v: f32) -> f32 {
    red[tid] = v;
    workgroupBarrier();
    let lane = tid % TPU;
    for (var s = TPU / 2u; s > 0u; s = s / 2u) {
        if (lane < s) {
            red[tid] = red[tid] + red[tid + s];
        }
        workgroupBarrier();
    }
    let total = red[tid - lane];
    workgroupBarrier();
    return total;
}


// Copies inputs [k0, k0 + kc) of the workgroup's columns into `x_sh` (with Q8X: `xq_sh` and
// `xd_sh`, quantised), normed, then waits for the whole workgroup. Every thread must call it.
fn stage_inputs(tid: u32, col0: u32, n_cols: u32, k0: u32, kc: u32) {
    // Written out SN times (each thread's share): every load is issued before the first store
    // waits for one, so they are in flight together.
    let i0 = tid + 0u * WG;
    let c0 = i0 / KC4;
    let e0 = i0 % KC4;
    var v0 = vec4<f32>(0.0);
    var g0 = vec4<f32>(1.0);
    if (i0 < B * KC4 && col0 + c0 < n_cols && e0 * 4u < kc) {
        v0 = combined(source_column(col0 + c0), k0 / 4u + e0);
    }
    let i1 = tid + 1u * WG;
    let c1 = i1 / KC4;
    let e1 = i1 % KC4;
    var v1 = vec4<f32>(0.0);
    var g1 = vec4<f32>(1.0);
    if (i1 < B * KC4 && col0 + c1 < n_cols && e1 * 4u < kc) {
        v1 = combined(source_column(col0 + c1), k0 / 4u + e1);
    }
    if (i0 < B * KC4) {
        x_sh[c0 * KCP + e0 + e0 / 8u] = v0;
    }
    if (i1 < B * KC4) {
        x_sh[c1 * KCP + e1 + e1 / 8u] = v1;
    }
    workgroupBarrier();
}


// The rows a unit computes. With PAIR the two rows are combined by the epilogue.
fn unit_rows(unit: u32) -> vec2<u32> {
    return vec2<u32>(unit, unit);
}

// Input vector `i` (elements 4i..4i+3) of the block starting at vec4 `xb` of `x`, normed with
// `scale` and the norm weights of the block starting at vec4 `nb`.
fn input(xb: u32, nb: u32, i: u32, scale: f32) -> vec4<f32> {
    // Staged in workgroup memory, already normed: `xb` indexes `x_sh`.
    return x_sh[xb + i];
}

// The dot product of Q4 block (`q`, its scale pair `s`) with the 32 inputs at `xb` (see `input`).
fn q4_dot(q: vec4<u32>, s: u32, xb: u32, nb: u32, scale: f32) -> f32 {
    // Byte k of a block holds elements k (low nibble) and k + 16 (high nibble).
    let dm = unpack2x16float(s);
    let m = vec4<u32>(0xfu);
    let x0 = input(xb, nb, 0u, scale);
    let x1 = input(xb, nb, 1u, scale);
    let x2 = input(xb, nb, 2u, scale);
    let x3 = input(xb, nb, 3u, scale);
    let x4 = input(xb, nb, 4u, scale);
    let x5 = input(xb, nb, 5u, scale);
    let x6 = input(xb, nb, 6u, scale);
    let x7 = input(xb, nb, 7u, scale);
    let shifts_lo = vec4<u32>(0u, 8u, 16u, 24u);
    let shifts_hi = vec4<u32>(4u, 12u, 20u, 28u);
    var acc = dot(vec4<f32>((vec4<u32>(q.x) >> shifts_lo) & m), x0) + dot(vec4<f32>((vec4<u32>(q.x) >> shifts_hi) & m), x4);
    acc = acc + dot(vec4<f32>((vec4<u32>(q.y) >> shifts_lo) & m), x1) + dot(vec4<f32>((vec4<u32>(q.y) >> shifts_hi) & m), x5);
    acc = acc + dot(vec4<f32>((vec4<u32>(q.z) >> shifts_lo) & m), x2) + dot(vec4<f32>((vec4<u32>(q.z) >> shifts_hi) & m), x6);
    acc = acc + dot(vec4<f32>((vec4<u32>(q.w) >> shifts_lo) & m), x3) + dot(vec4<f32>((vec4<u32>(q.w) >> shifts_hi) & m), x7);
    let one = vec4<f32>(1.0);
    let sum = dot(x0 + x1 + x2 + x3, one) + dot(x4 + x5 + x6 + x7, one);
    return dm.x * acc + dm.y * sum;
}

// The dot product of weight block `blk` of `row` with the 32 inputs at `xb` (see `input`).
// Loops are written out: indices stay compile-time constants, so nothing spills.
fn block_dot(row: u32, blk: u32, xb: u32, scale: f32) -> f32 {
    let b = row * BLOCKS + blk;
    let nb = blk * 8u;
    return q4_dot(w_q[b], w_s[b], xb, nb, scale);
}

// One weight block as stored (its quantised words and scales), loaded ahead of its use.
struct Raw {
    q: vec4<u32>, s: u32,
}

fn load_raw(row: u32, blk: u32) -> Raw {
    let b = row * BLOCKS + blk;
    return Raw(w_q[b], w_s[b]);
}

// The dot product of a block loaded ahead (see `load_raw`) with the 32 staged inputs at `xb`.
fn raw_dot(r: Raw, xb: u32) -> f32 {
    return q4_dot(r.q, r.s, xb, 0u, 1.0);
}


// Four signed bytes as floats.
fn bytes(word: u32) -> vec4<f32> {
    let w = bitcast<i32>(word);
    return vec4<f32>(vec4<i32>(extractBits(w, 0u, 8u), extractBits(w, 8u, 8u), extractBits(w, 16u, 8u), extractBits(w, 24u, 8u)));
}

// What the epilogue reads besides the dot products: with QKV the (cos, sin) of the pair's RoPE
// angle, with ADD the residual (two with TWO_ROWS) it adds to. Kernels load them before their
// main loop (one-column kernels first thing), so that their latency hides under the rest of
// the kernel instead of adding to its end; only the unit itself writes those residuals.
fn epilogue_operands(rows: vec2<u32>, col: u32) -> vec4<f32> {
    return vec4<f32>(y[col * Y_STRIDE + rows.x], 0.0, 0.0, 0.0);
}

// Writes one unit's result for column `col`: `a` (and `b`, with PAIR) are the finished dot
// products, `ops` what `epilogue_operands` loaded for them.
fn epilogue(unit: u32, rows: vec2<u32>, col: u32, dot_a: f32, dot_b: f32, ops: vec4<f32>) {
    var a = dot_a;
    var b = dot_b;
    y[col * Y_STRIDE + unit] = ops.x + a;
}

@compute @workgroup_size(128)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>) {
    let sg_size = 1u;
    let lane = tid % TPU;
    let col0 = wg.y * B;
    let n_cols = output_columns();
    // One column: this thread's unit and rows, and the epilogue's operands, which load now
    // (see `epilogue_operands`).
    let unit = wg.x * UNITS_PER_WG + tid / TPU;
    let rows = unit_rows(min(unit, UNITS - 1u));
    let ops = epilogue_operands(rows, min(col0, n_cols - 1u));

    // A kernel for one column that stages its whole input loads its first PF weight blocks
    // per lane before the norm and the staging: they do not depend on the input, so their
    // latency runs under that of the prologue. (Lanes past the last block load it again.)
    let pf_b0 = min(lane + 0u * TPU, BLOCKS - 1u);
    let pf_ra0 = load_raw(rows.x, pf_b0);
    let pf_b1 = min(lane + 1u * TPU, BLOCKS - 1u);
    let pf_ra1 = load_raw(rows.x, pf_b1);


    // One column (B is 1): the block dot products read the quantised weights directly.
    var acc_a = 0.0;
    var acc_b = 0.0;
    // The whole input at once (KC == K): the prefetched blocks first, then the rest.
    stage_inputs(tid, col0, n_cols, 0u, K);
    if (unit < UNITS) {
        if (lane + 0u * TPU < BLOCKS) {
            acc_a = acc_a + raw_dot(pf_ra0, pf_b0 * 9u);
        }
        if (lane + 1u * TPU < BLOCKS) {
            acc_a = acc_a + raw_dot(pf_ra1, pf_b1 * 9u);
        }
        for (var blk = lane + PF * TPU; blk < BLOCKS; blk = blk + TPU) {
            acc_a = acc_a + block_dot(rows.x, blk, blk * 9u, 1.0);
        }
    }
    let a = unit_sum(tid, acc_a);
    let b = 0.0;
    if (lane == 0u && unit < UNITS && col0 < n_cols) {
        epilogue(unit, rows, col0, a, b, ops);
    }
}
