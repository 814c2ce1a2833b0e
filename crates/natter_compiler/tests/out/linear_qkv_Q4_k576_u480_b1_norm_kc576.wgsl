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

const WG: u32 = 64u;
const TPU: u32 = 16u;
const UNITS_PER_WG: u32 = WG / TPU;
// Input width and its number of 32-element blocks.
const K: u32 = 576u;
const BLOCKS: u32 = K / 32u;
// Work units (rows, or row pairs with PAIR).
const UNITS: u32 = 480u;
// Width of one column of `y`.
const Y_STRIDE: u32 = 576u;
// Columns per workgroup.
const B: u32 = 1u;
const ROUNDS: u32 = 1u;
// Weight blocks per lane loaded before the prologue.
const PF: u32 = 2u;
const NR: u32 = 2u;

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
// [K] RMSNorm weight folded into this product.
@group(0) @binding(6) var<storage, read> norm_w: array<vec4<f32>>;
// [slots][KV_HEADS][CTX][HEAD_DIM] this layer's key and value caches.
@group(0) @binding(9) var<storage, read_write> k_cache: array<f32>;
@group(0) @binding(10) var<storage, read_write> v_cache: array<f32>;
// [CTX][HEAD_DIM/2] (cos, sin) of every RoPE angle, computed on the CPU exactly as the reference does.
@group(0) @binding(11) var<storage, read> rope: array<vec2<f32>>;
const Q_DIM: u32 = 576u;
const KV_DIM: u32 = 192u;
const HEAD_DIM: u32 = 64u;
const KV_HEADS: u32 = 3u;
const CTX: u32 = 2048u;


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
var<workgroup> red: array<f32, 64>;
var<workgroup> col_scale: array<f32, B>;

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

// Sums each column's partial sums of squares over the workgroup and stores the RMSNorm scales
// in `col_scale`. Every thread must call it.
fn column_scales(tid: u32, sg_size: u32, ss: ptr<function, array<f32, B>>) {
    for (var c = 0u; c < B; c = c + 1u) {
        let total = workgroup_sum(tid, (*ss)[c]);
        if (tid == 0u) {
            col_scale[c] = inverseSqrt(total / f32(K) + 1e-5);
        }
    }
    workgroupBarrier();
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
        g0 = norm_w[k0 / 4u + e0];
    }
    let i1 = tid + 1u * WG;
    let c1 = i1 / KC4;
    let e1 = i1 % KC4;
    var v1 = vec4<f32>(0.0);
    var g1 = vec4<f32>(1.0);
    if (i1 < B * KC4 && col0 + c1 < n_cols && e1 * 4u < kc) {
        v1 = x[source_column(col0 + c1) * (K / 4u) + k0 / 4u + e1];
        g1 = norm_w[k0 / 4u + e1];
    }
    let i2 = tid + 2u * WG;
    let c2 = i2 / KC4;
    let e2 = i2 % KC4;
    var v2 = vec4<f32>(0.0);
    var g2 = vec4<f32>(1.0);
    if (i2 < B * KC4 && col0 + c2 < n_cols && e2 * 4u < kc) {
        v2 = x[source_column(col0 + c2) * (K / 4u) + k0 / 4u + e2];
        g2 = norm_w[k0 / 4u + e2];
    }
    if (i0 < B * KC4) {
        x_sh[c0 * KCP + e0 + e0 / 8u] = v0 * (col_scale[c0] * g0);
    }
    if (i1 < B * KC4) {
        x_sh[c1 * KCP + e1 + e1 / 8u] = v1 * (col_scale[c1] * g1);
    }
    if (i2 < B * KC4) {
        x_sh[c2 * KCP + e2 + e2 / 8u] = v2 * (col_scale[c2] * g2);
    }
    workgroupBarrier();
}

// Inputs per thread that a one-column kernel keeps between its norm and its staging.
const NV: u32 = 3u;

// `stage_inputs` for one column staged whole, from the inputs each thread kept (already
// multiplied by the norm weights): no second read of `x`. Every thread must call it.
fn stage_kept(tid: u32, kept: ptr<function, array<vec4<f32>, NV>>) {
    {
        let e = tid + 0u * WG;
        if (e < K / 4u) {
            x_sh[e + e / 8u] = (*kept)[0] * col_scale[0];
        }
    }
    {
        let e = tid + 1u * WG;
        if (e < K / 4u) {
            x_sh[e + e / 8u] = (*kept)[1] * col_scale[0];
        }
    }
    {
        let e = tid + 2u * WG;
        if (e < K / 4u) {
            x_sh[e + e / 8u] = (*kept)[2] * col_scale[0];
        }
    }
    workgroupBarrier();
}

// The rows a unit computes. With PAIR the two rows are combined by the epilogue.
fn unit_rows(unit: u32) -> vec2<u32> {
    // Units [0, Q_DIM/2) are query pairs, then key pairs, then value pairs. Query and key pairs
    // are the two elements RoPE rotates together.
    let half = HEAD_DIM / 2u;
    var base = 0u;
    var p = unit;
    if (p >= Q_DIM / 2u) {
        p = p - Q_DIM / 2u;
        base = Q_DIM;
        if (p >= KV_DIM / 2u) {
            p = p - KV_DIM / 2u;
            base = Q_DIM + KV_DIM;
            return vec2<u32>(base + 2u * p, base + 2u * p + 1u);
        }
    }
    let head = p / half;
    let i = p % half;
    return vec2<u32>(base + head * HEAD_DIM + 2u * i, base + head * HEAD_DIM + 2u * i + 1u);
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
    if (rows.x < Q_DIM + KV_DIM) {
        let i = (rows.x % HEAD_DIM) / 2u;
        return vec4<f32>(rope[cols[col].pos * (HEAD_DIM / 2u) + i], 0.0, 0.0);
    }
    return vec4<f32>(0.0);
}

// Writes one unit's result for column `col`: `a` (and `b`, with PAIR) are the finished dot
// products, `ops` what `epilogue_operands` loaded for them.
fn epilogue(unit: u32, rows: vec2<u32>, col: u32, dot_a: f32, dot_b: f32, ops: vec4<f32>) {
    var a = dot_a;
    var b = dot_b;
    let info = cols[col];
    if (rows.x < Q_DIM + KV_DIM) {
        // Query or key pair: rotate by the column's position.
        let cs = ops.xy;
        let ra = a * cs.x - b * cs.y;
        let rb = a * cs.y + b * cs.x;
        a = ra;
        b = rb;
    }
    if (rows.x < Q_DIM) {
        y[col * Y_STRIDE + rows.x] = a;
        y[col * Y_STRIDE + rows.y] = b;
        return;
    }
    // Keys and values go straight to this layer's cache: [slot][kv head][position][dim].
    let ra = (rows.x - Q_DIM) % KV_DIM;
    let rb = (rows.y - Q_DIM) % KV_DIM;
    let ia = ((info.slot * KV_HEADS + ra / HEAD_DIM) * CTX + info.pos) * HEAD_DIM + ra % HEAD_DIM;
    let ib = ((info.slot * KV_HEADS + rb / HEAD_DIM) * CTX + info.pos) * HEAD_DIM + rb % HEAD_DIM;
    if (rows.x < Q_DIM + KV_DIM) {
        k_cache[ia] = a;
        k_cache[ib] = b;
    } else {
        v_cache[ia] = a;
        v_cache[ib] = b;
    }
}

@compute @workgroup_size(64)
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
    let pf_rb0 = load_raw(rows.y, pf_b0);
    let pf_b1 = min(lane + 1u * TPU, BLOCKS - 1u);
    let pf_ra1 = load_raw(rows.x, pf_b1);
    let pf_rb1 = load_raw(rows.y, pf_b1);

    // RMSNorm scale of each column: every workgroup recomputes it (K values per column), all
    // columns in one pass over the input.
    var ss: array<f32, B>;
    // One column staged whole: each thread reads its inputs once, for the sum of squares and,
    // kept in registers with their norm weights applied, for the staging (see `stage_kept`).
    var kept: array<vec4<f32>, NV>;
    ss[0] = 0.0;
    let kbase = source_column(min(col0, n_cols - 1u)) * (K / 4u);
    {
        let i = tid + 0u * WG;
        var v = vec4<f32>(0.0);
        var g = vec4<f32>(0.0);
        if (i < K / 4u) {
            v = x[kbase + i];
            g = norm_w[i];
        }
        ss[0] = ss[0] + dot(v, v);
        kept[0] = v * g;
    }
    {
        let i = tid + 1u * WG;
        var v = vec4<f32>(0.0);
        var g = vec4<f32>(0.0);
        if (i < K / 4u) {
            v = x[kbase + i];
            g = norm_w[i];
        }
        ss[0] = ss[0] + dot(v, v);
        kept[1] = v * g;
    }
    {
        let i = tid + 2u * WG;
        var v = vec4<f32>(0.0);
        var g = vec4<f32>(0.0);
        if (i < K / 4u) {
            v = x[kbase + i];
            g = norm_w[i];
        }
        ss[0] = ss[0] + dot(v, v);
        kept[2] = v * g;
    }
    column_scales(tid, sg_size, &ss);

    // One column (B is 1): the block dot products read the quantised weights directly.
    var acc_a = 0.0;
    var acc_b = 0.0;
    // The whole input at once (KC == K): the prefetched blocks first, then the rest.
    stage_kept(tid, &kept);
    if (unit < UNITS) {
        if (lane + 0u * TPU < BLOCKS) {
            acc_a = acc_a + raw_dot(pf_ra0, pf_b0 * 9u);
            acc_b = acc_b + raw_dot(pf_rb0, pf_b0 * 9u);
        }
        if (lane + 1u * TPU < BLOCKS) {
            acc_a = acc_a + raw_dot(pf_ra1, pf_b1 * 9u);
            acc_b = acc_b + raw_dot(pf_rb1, pf_b1 * 9u);
        }
        for (var blk = lane + PF * TPU; blk < BLOCKS; blk = blk + TPU) {
            acc_a = acc_a + block_dot(rows.x, blk, blk * 9u, 1.0);
            acc_b = acc_b + block_dot(rows.y, blk, blk * 9u, 1.0);
        }
    }
    let a = unit_sum(tid, acc_a);
    let b = unit_sum(tid, acc_b);
    if (lane == 0u && unit < UNITS && col0 < n_cols) {
        epilogue(unit, rows, col0, a, b, ops);
    }
}
