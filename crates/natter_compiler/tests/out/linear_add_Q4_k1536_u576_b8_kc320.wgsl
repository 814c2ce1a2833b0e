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
const K: u32 = 1536u;
const BLOCKS: u32 = K / 32u;
// Work units (rows, or row pairs with PAIR).
const UNITS: u32 = 576u;
// Width of one column of `y`.
const Y_STRIDE: u32 = 576u;
// Columns per workgroup.
const B: u32 = 8u;
const ROUNDS: u32 = 1u;
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


// Inputs are staged through workgroup memory KC elements at a time, normed once per workgroup
// instead of once per row: [B][KC/4].
const KC: u32 = 320u;
const KC4: u32 = KC / 4u;
// Each 32-element block takes 9 vec4 slots, not 8: the lanes of a unit read different blocks
// at once, and without the pad their reads would all fall in the same banks.
const KCP: u32 = KC4 / 8u * 9u;
const XBS: u32 = 9u;
var<workgroup> x_sh: array<vec4<f32>, B * KCP>;
// Reductions: a tree over the workgroup, or one partial per subgroup and column.
var<workgroup> red: array<f32, 1024>;

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
        v0 = x[source_column(col0 + c0) * (K / 4u) + k0 / 4u + e0];
    }
    let i1 = tid + 1u * WG;
    let c1 = i1 / KC4;
    let e1 = i1 % KC4;
    var v1 = vec4<f32>(0.0);
    var g1 = vec4<f32>(1.0);
    if (i1 < B * KC4 && col0 + c1 < n_cols && e1 * 4u < kc) {
        v1 = x[source_column(col0 + c1) * (K / 4u) + k0 / 4u + e1];
    }
    let i2 = tid + 2u * WG;
    let c2 = i2 / KC4;
    let e2 = i2 % KC4;
    var v2 = vec4<f32>(0.0);
    var g2 = vec4<f32>(1.0);
    if (i2 < B * KC4 && col0 + c2 < n_cols && e2 * 4u < kc) {
        v2 = x[source_column(col0 + c2) * (K / 4u) + k0 / 4u + e2];
    }
    let i3 = tid + 3u * WG;
    let c3 = i3 / KC4;
    let e3 = i3 % KC4;
    var v3 = vec4<f32>(0.0);
    var g3 = vec4<f32>(1.0);
    if (i3 < B * KC4 && col0 + c3 < n_cols && e3 * 4u < kc) {
        v3 = x[source_column(col0 + c3) * (K / 4u) + k0 / 4u + e3];
    }
    let i4 = tid + 4u * WG;
    let c4 = i4 / KC4;
    let e4 = i4 % KC4;
    var v4 = vec4<f32>(0.0);
    var g4 = vec4<f32>(1.0);
    if (i4 < B * KC4 && col0 + c4 < n_cols && e4 * 4u < kc) {
        v4 = x[source_column(col0 + c4) * (K / 4u) + k0 / 4u + e4];
    }
    if (i0 < B * KC4) {
        x_sh[c0 * KCP + e0 + e0 / 8u] = v0;
    }
    if (i1 < B * KC4) {
        x_sh[c1 * KCP + e1 + e1 / 8u] = v1;
    }
    if (i2 < B * KC4) {
        x_sh[c2 * KCP + e2 + e2 / 8u] = v2;
    }
    if (i3 < B * KC4) {
        x_sh[c3 * KCP + e3 + e3 / 8u] = v3;
    }
    if (i4 < B * KC4) {
        x_sh[c4 * KCP + e4 + e4 / 8u] = v4;
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

// One weight block, dequantised: elements 4i..4i+3 in `v[i]`. Several columns share it.
struct Block {
    v0: vec4<f32>, v1: vec4<f32>, v2: vec4<f32>, v3: vec4<f32>,
    v4: vec4<f32>, v5: vec4<f32>, v6: vec4<f32>, v7: vec4<f32>,
}

fn dequant_raw(r: Raw) -> Block {
    let q = r.q;
    let dm = unpack2x16float(r.s);
    let m = vec4<u32>(0xfu);
    let lo = vec4<u32>(0u, 8u, 16u, 24u);
    let hi = vec4<u32>(4u, 12u, 20u, 28u);
    let d = vec4<f32>(dm.x);
    let o = vec4<f32>(dm.y);
    return Block(
        fma(vec4<f32>((vec4<u32>(q.x) >> lo) & m), d, o), fma(vec4<f32>((vec4<u32>(q.y) >> lo) & m), d, o),
        fma(vec4<f32>((vec4<u32>(q.z) >> lo) & m), d, o), fma(vec4<f32>((vec4<u32>(q.w) >> lo) & m), d, o),
        fma(vec4<f32>((vec4<u32>(q.x) >> hi) & m), d, o), fma(vec4<f32>((vec4<u32>(q.y) >> hi) & m), d, o),
        fma(vec4<f32>((vec4<u32>(q.z) >> hi) & m), d, o), fma(vec4<f32>((vec4<u32>(q.w) >> hi) & m), d, o),
    );
}

fn dequant(row: u32, blk: u32) -> Block {
    return dequant_raw(load_raw(row, blk));
}

// The dot product of a dequantised block with 32 inputs (elements 4i..4i+3 in `xi`).
fn dot8(
    w: Block,
    x0: vec4<f32>, x1: vec4<f32>, x2: vec4<f32>, x3: vec4<f32>,
    x4: vec4<f32>, x5: vec4<f32>, x6: vec4<f32>, x7: vec4<f32>,
) -> f32 {
    return dot(w.v0, x0) + dot(w.v1, x1) + dot(w.v2, x2) + dot(w.v3, x3)
        + dot(w.v4, x4) + dot(w.v5, x5) + dot(w.v6, x6) + dot(w.v7, x7);
}

// The dot products of two dequantised blocks (a row pair) with the same 32 inputs, read once.
fn dot_pair(wa: Block, wb: Block, xb: u32, nb: u32, scale: f32) -> vec2<f32> {
    let x0 = input(xb, nb, 0u, scale);
    let x1 = input(xb, nb, 1u, scale);
    let x2 = input(xb, nb, 2u, scale);
    let x3 = input(xb, nb, 3u, scale);
    let x4 = input(xb, nb, 4u, scale);
    let x5 = input(xb, nb, 5u, scale);
    let x6 = input(xb, nb, 6u, scale);
    let x7 = input(xb, nb, 7u, scale);
    return vec2<f32>(dot8(wa, x0, x1, x2, x3, x4, x5, x6, x7), dot8(wb, x0, x1, x2, x3, x4, x5, x6, x7));
}



// The dot product of a dequantised block with the 32 inputs at `xb` (see `input`).
fn dot_block(w: Block, xb: u32, nb: u32, scale: f32) -> f32 {
    let a = dot(w.v0, input(xb, nb, 0u, scale)) + dot(w.v1, input(xb, nb, 1u, scale))
        + dot(w.v2, input(xb, nb, 2u, scale)) + dot(w.v3, input(xb, nb, 3u, scale));
    let b = dot(w.v4, input(xb, nb, 4u, scale)) + dot(w.v5, input(xb, nb, 5u, scale))
        + dot(w.v6, input(xb, nb, 6u, scale)) + dot(w.v7, input(xb, nb, 7u, scale));
    return a + b;
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



    // Each weight block is loaded and dequantised once and used for all B columns; the
    // accumulators are written out per column so they stay in registers. A workgroup computes
    // ROUNDS rounds of rows; inputs staged whole are staged once for all of them.
    // Columns of this workgroup's group that the step has (the last group may be short).
    let live = n_cols - min(col0, n_cols);
    for (var round = 0u; round < ROUNDS; round = round + 1u) {
    let unit = (wg.x * ROUNDS + round) * UNITS_PER_WG + tid / TPU;
    let rows = unit_rows(min(unit, UNITS - 1u));
    var acc_a0 = 0.0;
    var acc_b0 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops0 = epilogue_operands(rows, min(col0 + 0u, n_cols - 1u));
    var acc_a1 = 0.0;
    var acc_b1 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops1 = epilogue_operands(rows, min(col0 + 1u, n_cols - 1u));
    var acc_a2 = 0.0;
    var acc_b2 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops2 = epilogue_operands(rows, min(col0 + 2u, n_cols - 1u));
    var acc_a3 = 0.0;
    var acc_b3 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops3 = epilogue_operands(rows, min(col0 + 3u, n_cols - 1u));
    var acc_a4 = 0.0;
    var acc_b4 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops4 = epilogue_operands(rows, min(col0 + 4u, n_cols - 1u));
    var acc_a5 = 0.0;
    var acc_b5 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops5 = epilogue_operands(rows, min(col0 + 5u, n_cols - 1u));
    var acc_a6 = 0.0;
    var acc_b6 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops6 = epilogue_operands(rows, min(col0 + 6u, n_cols - 1u));
    var acc_a7 = 0.0;
    var acc_b7 = 0.0;
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops7 = epilogue_operands(rows, min(col0 + 7u, n_cols - 1u));
    let k_lo = 0u;
    let k_hi = K;
    // Each lane's first weight blocks load before the staging, and every later one while the
    // lane computes the block before it, so their latency runs under the work: `ra`..`rd` hold
    // the blocks of `blk`. (H100, 1.7B shapes: 4 NPCs 0.96x a step, 8 NPCs 0.99x, prefill 1.02x.)
    let last_blk = k_hi / 32u - 1u;
    var ra = load_raw(rows.x, min(k_lo / 32u + lane, last_blk));
    for (var k0 = k_lo; k0 < k_hi; k0 = k0 + KC) {
        let kc = min(KC, k_hi - k0);
        if (KC < K || round == 0u) {
            stage_inputs(tid, col0, n_cols, k0, kc);
        }
        if (unit < UNITS) {
            for (var blk = k0 / 32u + lane; blk < (k0 + kc) / 32u; blk = blk + TPU) {
                let local = (blk - k0 / 32u) * XBS;
                // This lane's next block: in this chunk, or the first of the next.
                var nb = blk + TPU;
                if (nb >= (k0 + kc) / 32u) {
                    nb = (k0 + kc) / 32u + lane;
                }
                nb = min(nb, last_blk);
                let wa = dequant_raw(ra);
                ra = load_raw(rows.x, nb);
                acc_a0 = acc_a0 + dot_block(wa, 0u * KCP + local, 0u, 1.0);
                acc_a1 = acc_a1 + dot_block(wa, 1u * KCP + local, 0u, 1.0);
                acc_a2 = acc_a2 + dot_block(wa, 2u * KCP + local, 0u, 1.0);
                acc_a3 = acc_a3 + dot_block(wa, 3u * KCP + local, 0u, 1.0);
                acc_a4 = acc_a4 + dot_block(wa, 4u * KCP + local, 0u, 1.0);
                acc_a5 = acc_a5 + dot_block(wa, 5u * KCP + local, 0u, 1.0);
                acc_a6 = acc_a6 + dot_block(wa, 6u * KCP + local, 0u, 1.0);
                acc_a7 = acc_a7 + dot_block(wa, 7u * KCP + local, 0u, 1.0);
            }
        }
        if (KC < K) {
            workgroupBarrier();
        }
    }
    {
        let a = unit_sum(tid, acc_a0);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 0u < live) {
            epilogue(unit, rows, col0 + 0u, a, b, ops0);
        }
    }
    {
        let a = unit_sum(tid, acc_a1);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 1u < live) {
            epilogue(unit, rows, col0 + 1u, a, b, ops1);
        }
    }
    {
        let a = unit_sum(tid, acc_a2);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 2u < live) {
            epilogue(unit, rows, col0 + 2u, a, b, ops2);
        }
    }
    {
        let a = unit_sum(tid, acc_a3);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 3u < live) {
            epilogue(unit, rows, col0 + 3u, a, b, ops3);
        }
    }
    {
        let a = unit_sum(tid, acc_a4);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 4u < live) {
            epilogue(unit, rows, col0 + 4u, a, b, ops4);
        }
    }
    {
        let a = unit_sum(tid, acc_a5);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 5u < live) {
            epilogue(unit, rows, col0 + 5u, a, b, ops5);
        }
    }
    {
        let a = unit_sum(tid, acc_a6);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 6u < live) {
            epilogue(unit, rows, col0 + 6u, a, b, ops6);
        }
    }
    {
        let a = unit_sum(tid, acc_a7);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 7u < live) {
            epilogue(unit, rows, col0 + 7u, a, b, ops7);
        }
    }
    }
}
