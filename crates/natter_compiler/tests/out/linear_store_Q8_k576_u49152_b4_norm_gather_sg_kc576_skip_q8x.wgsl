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
const TPU: u32 = 2u;
const UNITS_PER_WG: u32 = WG / TPU;
// Input width and its number of 32-element blocks.
const K: u32 = 576u;
const BLOCKS: u32 = K / 32u;
// Work units (rows, or row pairs with PAIR).
const UNITS: u32 = 49152u;
// Width of one column of `y`.
const Y_STRIDE: u32 = 49152u;
// Columns per workgroup.
const B: u32 = 4u;
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
// [K] RMSNorm weight folded into this product.
@group(0) @binding(6) var<storage, read> norm_w: array<vec4<f32>>;
// [n_out] which input column each output column reads (the LM head reads only the last token of a prompt).
@group(0) @binding(8) var<storage, read> out_cols: array<u32>;


// Inputs are staged through workgroup memory KC elements at a time, normed once per workgroup
// instead of once per row: [B][KC/4].
const KC: u32 = 576u;
const KC4: u32 = KC / 4u;
// Quantised while staged, 32 inputs a block (see `stage_inputs`): the 16 signed bytes of every
// block's first half, then those of every second half, [2][B][KC/32] (lanes reading
// neighbouring blocks read neighbouring words), and each block's (scale, scale × the sum of its
// bytes), [B][KC/32]. KCP: a column's stride, XBS: a block's, in blocks.
const KCP: u32 = KC / 32u;
const XBS: u32 = 1u;
var<workgroup> xq_sh: array<vec4<u32>, 2u * B * KCP>;
var<workgroup> xd_sh: array<vec2<f32>, B * KCP>;
// Reductions: a tree over the workgroup, or one partial per subgroup and column.
var<workgroup> red: array<f32, 512>;
var<workgroup> col_scale: array<f32, B>;

fn output_columns() -> u32 {
    return params.n_out;
}

// The input column that output column `c` reads.
fn source_column(c: u32) -> u32 {
    return out_cols[c];
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
    // A unit's TPU lanes are consecutive and TPU divides the subgroup size, so a butterfly
    // over the low bits of the lane index stays inside the unit.
    var s = v;
    for (var m = TPU / 2u; m > 0u; m = m / 2u) {
        s = s + subgroupShuffleXor(s, m);
    }
    return s;
}

// Sums each column's partial sums of squares over the workgroup and stores the RMSNorm scales
// in `col_scale`. Every thread must call it.
fn column_scales(tid: u32, sg_size: u32, ss: ptr<function, array<f32, B>>) {
    // One subgroup sum per column, then the subgroups' partials through workgroup memory:
    // two barriers instead of a tree. Subgroups are consecutive runs of `sg_size` threads.
    for (var c = 0u; c < B; c = c + 1u) {
        let part = subgroupAdd((*ss)[c]);
        if (tid % sg_size == 0u) {
            red[(tid / sg_size) * B + c] = part;
        }
    }
    workgroupBarrier();
    if (tid < B) {
        var total = 0.0;
        for (var i = 0u; i < WG / sg_size; i = i + 1u) {
            total = total + red[i * B + tid];
        }
        col_scale[tid] = inverseSqrt(total / f32(K) + 1e-5);
    }
    workgroupBarrier();
}

// Four inputs of a block whose largest magnitude is `amax`, as signed bytes (rounded to
// nearest, ties to even; the CPU reference quantises the same way): the block's value is
// `amax / 127` times them.
fn quantise(v: vec4<f32>, amax: f32) -> vec4<i32> {
    let inv = select(0.0, 127.0 / amax, amax > 0.0);
    return vec4<i32>(clamp(round(v * inv), vec4<f32>(-127.0), vec4<f32>(127.0)));
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
    let i3 = tid + 3u * WG;
    let c3 = i3 / KC4;
    let e3 = i3 % KC4;
    var v3 = vec4<f32>(0.0);
    var g3 = vec4<f32>(1.0);
    if (i3 < B * KC4 && col0 + c3 < n_cols && e3 * 4u < kc) {
        v3 = x[source_column(col0 + c3) * (K / 4u) + k0 / 4u + e3];
        g3 = norm_w[k0 / 4u + e3];
    }
    let i4 = tid + 4u * WG;
    let c4 = i4 / KC4;
    let e4 = i4 % KC4;
    var v4 = vec4<f32>(0.0);
    var g4 = vec4<f32>(1.0);
    if (i4 < B * KC4 && col0 + c4 < n_cols && e4 * 4u < kc) {
        v4 = x[source_column(col0 + c4) * (K / 4u) + k0 / 4u + e4];
        g4 = norm_w[k0 / 4u + e4];
    }
    {
        // A block's 8 inputs vec4s are 8 neighbouring lanes of a subgroup (KC4 and WG are
        // multiples of 8): they find its largest magnitude, each quantises its 4 inputs, and
        // the first of every 4 lanes stores their 16 bytes.
        let v = v0 * (col_scale[min(c0, B - 1u)] * g0);
        let a = abs(v);
        var amax = max(max(a.x, a.y), max(a.z, a.w));
        amax = max(amax, subgroupShuffleXor(amax, 1u));
        amax = max(amax, subgroupShuffleXor(amax, 2u));
        amax = max(amax, subgroupShuffleXor(amax, 4u));
        let q = quantise(v, amax);
        var q_sum = q.x + q.y + q.z + q.w;
        q_sum = q_sum + subgroupShuffleXor(q_sum, 1u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 2u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 4u);
        let word = (u32(q.x) & 0xffu) | ((u32(q.y) & 0xffu) << 8u) | ((u32(q.z) & 0xffu) << 16u)
            | (u32(q.w) << 24u);
        let w1 = subgroupShuffleXor(word, 1u);
        let w2 = subgroupShuffleXor(word, 2u);
        let w3 = subgroupShuffleXor(word, 3u);
        if (i0 < B * KC4) {
            let blk = c0 * KCP + e0 / 8u;
            if (e0 % 4u == 0u) {
                xq_sh[(e0 / 4u) % 2u * (B * KCP) + blk] = vec4<u32>(word, w1, w2, w3);
            }
            if (e0 % 8u == 0u) {
                let d = amax / 127.0;
                xd_sh[blk] = vec2<f32>(d, d * f32(q_sum));
            }
        }
    }
    {
        // A block's 8 inputs vec4s are 8 neighbouring lanes of a subgroup (KC4 and WG are
        // multiples of 8): they find its largest magnitude, each quantises its 4 inputs, and
        // the first of every 4 lanes stores their 16 bytes.
        let v = v1 * (col_scale[min(c1, B - 1u)] * g1);
        let a = abs(v);
        var amax = max(max(a.x, a.y), max(a.z, a.w));
        amax = max(amax, subgroupShuffleXor(amax, 1u));
        amax = max(amax, subgroupShuffleXor(amax, 2u));
        amax = max(amax, subgroupShuffleXor(amax, 4u));
        let q = quantise(v, amax);
        var q_sum = q.x + q.y + q.z + q.w;
        q_sum = q_sum + subgroupShuffleXor(q_sum, 1u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 2u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 4u);
        let word = (u32(q.x) & 0xffu) | ((u32(q.y) & 0xffu) << 8u) | ((u32(q.z) & 0xffu) << 16u)
            | (u32(q.w) << 24u);
        let w1 = subgroupShuffleXor(word, 1u);
        let w2 = subgroupShuffleXor(word, 2u);
        let w3 = subgroupShuffleXor(word, 3u);
        if (i1 < B * KC4) {
            let blk = c1 * KCP + e1 / 8u;
            if (e1 % 4u == 0u) {
                xq_sh[(e1 / 4u) % 2u * (B * KCP) + blk] = vec4<u32>(word, w1, w2, w3);
            }
            if (e1 % 8u == 0u) {
                let d = amax / 127.0;
                xd_sh[blk] = vec2<f32>(d, d * f32(q_sum));
            }
        }
    }
    {
        // A block's 8 inputs vec4s are 8 neighbouring lanes of a subgroup (KC4 and WG are
        // multiples of 8): they find its largest magnitude, each quantises its 4 inputs, and
        // the first of every 4 lanes stores their 16 bytes.
        let v = v2 * (col_scale[min(c2, B - 1u)] * g2);
        let a = abs(v);
        var amax = max(max(a.x, a.y), max(a.z, a.w));
        amax = max(amax, subgroupShuffleXor(amax, 1u));
        amax = max(amax, subgroupShuffleXor(amax, 2u));
        amax = max(amax, subgroupShuffleXor(amax, 4u));
        let q = quantise(v, amax);
        var q_sum = q.x + q.y + q.z + q.w;
        q_sum = q_sum + subgroupShuffleXor(q_sum, 1u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 2u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 4u);
        let word = (u32(q.x) & 0xffu) | ((u32(q.y) & 0xffu) << 8u) | ((u32(q.z) & 0xffu) << 16u)
            | (u32(q.w) << 24u);
        let w1 = subgroupShuffleXor(word, 1u);
        let w2 = subgroupShuffleXor(word, 2u);
        let w3 = subgroupShuffleXor(word, 3u);
        if (i2 < B * KC4) {
            let blk = c2 * KCP + e2 / 8u;
            if (e2 % 4u == 0u) {
                xq_sh[(e2 / 4u) % 2u * (B * KCP) + blk] = vec4<u32>(word, w1, w2, w3);
            }
            if (e2 % 8u == 0u) {
                let d = amax / 127.0;
                xd_sh[blk] = vec2<f32>(d, d * f32(q_sum));
            }
        }
    }
    {
        // A block's 8 inputs vec4s are 8 neighbouring lanes of a subgroup (KC4 and WG are
        // multiples of 8): they find its largest magnitude, each quantises its 4 inputs, and
        // the first of every 4 lanes stores their 16 bytes.
        let v = v3 * (col_scale[min(c3, B - 1u)] * g3);
        let a = abs(v);
        var amax = max(max(a.x, a.y), max(a.z, a.w));
        amax = max(amax, subgroupShuffleXor(amax, 1u));
        amax = max(amax, subgroupShuffleXor(amax, 2u));
        amax = max(amax, subgroupShuffleXor(amax, 4u));
        let q = quantise(v, amax);
        var q_sum = q.x + q.y + q.z + q.w;
        q_sum = q_sum + subgroupShuffleXor(q_sum, 1u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 2u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 4u);
        let word = (u32(q.x) & 0xffu) | ((u32(q.y) & 0xffu) << 8u) | ((u32(q.z) & 0xffu) << 16u)
            | (u32(q.w) << 24u);
        let w1 = subgroupShuffleXor(word, 1u);
        let w2 = subgroupShuffleXor(word, 2u);
        let w3 = subgroupShuffleXor(word, 3u);
        if (i3 < B * KC4) {
            let blk = c3 * KCP + e3 / 8u;
            if (e3 % 4u == 0u) {
                xq_sh[(e3 / 4u) % 2u * (B * KCP) + blk] = vec4<u32>(word, w1, w2, w3);
            }
            if (e3 % 8u == 0u) {
                let d = amax / 127.0;
                xd_sh[blk] = vec2<f32>(d, d * f32(q_sum));
            }
        }
    }
    {
        // A block's 8 inputs vec4s are 8 neighbouring lanes of a subgroup (KC4 and WG are
        // multiples of 8): they find its largest magnitude, each quantises its 4 inputs, and
        // the first of every 4 lanes stores their 16 bytes.
        let v = v4 * (col_scale[min(c4, B - 1u)] * g4);
        let a = abs(v);
        var amax = max(max(a.x, a.y), max(a.z, a.w));
        amax = max(amax, subgroupShuffleXor(amax, 1u));
        amax = max(amax, subgroupShuffleXor(amax, 2u));
        amax = max(amax, subgroupShuffleXor(amax, 4u));
        let q = quantise(v, amax);
        var q_sum = q.x + q.y + q.z + q.w;
        q_sum = q_sum + subgroupShuffleXor(q_sum, 1u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 2u);
        q_sum = q_sum + subgroupShuffleXor(q_sum, 4u);
        let word = (u32(q.x) & 0xffu) | ((u32(q.y) & 0xffu) << 8u) | ((u32(q.z) & 0xffu) << 16u)
            | (u32(q.w) << 24u);
        let w1 = subgroupShuffleXor(word, 1u);
        let w2 = subgroupShuffleXor(word, 2u);
        let w3 = subgroupShuffleXor(word, 3u);
        if (i4 < B * KC4) {
            let blk = c4 * KCP + e4 / 8u;
            if (e4 % 4u == 0u) {
                xq_sh[(e4 / 4u) % 2u * (B * KCP) + blk] = vec4<u32>(word, w1, w2, w3);
            }
            if (e4 % 8u == 0u) {
                let d = amax / 127.0;
                xd_sh[blk] = vec2<f32>(d, d * f32(q_sum));
            }
        }
    }
    workgroupBarrier();
}


// The rows a unit computes. With PAIR the two rows are combined by the epilogue.
fn unit_rows(unit: u32) -> vec2<u32> {
    return vec2<u32>(unit, unit);
}

// (Kernels of quantised inputs read them through `dot_q8x` alone.)

// One weight block as stored (its quantised words and scales), loaded ahead of its use.
struct Raw {
    qa: vec4<u32>, qb: vec4<u32>, s: u32,
}

fn load_raw(row: u32, blk: u32) -> Raw {
    let b = row * BLOCKS + blk;
    return Raw(w_q[2u * b], w_q[2u * b + 1u], w_s[b]);
}

// One weight block, ready for 4x8-bit dot products with quantised inputs: the bytes of its
// elements 0-15 (`lo`) and 16-31 (`hi`), four a word, and its scale and offset (Q8: none).
struct Block {
    lo: vec4<u32>, hi: vec4<u32>, d: f32, m: f32,
}

fn dequant_raw(r: Raw) -> Block {
    return Block(r.qa, r.qb, unpack2x16float(r.s).x, 0.0);
}

// The dot product of weight block `w` with the quantised input block at `xb` of `xq_sh`/`xd_sh`:
// sum(w_k x_k) = d_w d_x sum(q_k p_k) + m_w d_x sum(p_k), the integer sum exact.
fn dot_q8x(w: Block, xb: u32) -> f32 {
    let xa = xq_sh[xb];
    let xc = xq_sh[B * KCP + xb];
    let xd = xd_sh[xb];
    let acc = dot4I8Packed(w.lo.x, xa.x) + dot4I8Packed(w.lo.y, xa.y) + dot4I8Packed(w.lo.z, xa.z)
        + dot4I8Packed(w.lo.w, xa.w) + dot4I8Packed(w.hi.x, xc.x) + dot4I8Packed(w.hi.y, xc.y)
        + dot4I8Packed(w.hi.z, xc.z) + dot4I8Packed(w.hi.w, xc.w);
    return f32(acc) * (w.d * xd.x) + w.m * xd.y;
}

fn dot_pair(wa: Block, wb: Block, xb: u32, nb: u32, scale: f32) -> vec2<f32> {
    return vec2<f32>(dot_q8x(wa, xb), dot_q8x(wb, xb));
}



// The dot product of a dequantised block with the 32 inputs at `xb` (see `input`).
fn dot_block(w: Block, xb: u32, nb: u32, scale: f32) -> f32 {
    return dot_q8x(w, xb);
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
    return vec4<f32>(0.0);
}

// Writes one unit's result for column `col`: `a` (and `b`, with PAIR) are the finished dot
// products, `ops` what `epilogue_operands` loaded for them.
fn epilogue(unit: u32, rows: vec2<u32>, col: u32, dot_a: f32, dot_b: f32, ops: vec4<f32>) {
    var a = dot_a;
    var b = dot_b;
    y[col * Y_STRIDE + unit] = a;
}

@compute @workgroup_size(128)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_size) sg_size: u32) {
    let lane = tid % TPU;
    let col0 = wg.y * B;
    let n_cols = output_columns();


    // RMSNorm scale of each column: every workgroup recomputes it (K values per column), all
    // columns in one pass over the input.
    var ss: array<f32, B>;
    // Every column's loads first, then the sums: they are all in flight together.
    let nb0 = source_column(min(col0 + 0u, n_cols - 1u)) * (K / 4u);
    var n0_0 = vec4<f32>(0.0);
    if (col0 + 0u < n_cols && tid + 0u * WG < K / 4u) {
        n0_0 = x[nb0 + tid + 0u * WG];
    }
    var n0_1 = vec4<f32>(0.0);
    if (col0 + 0u < n_cols && tid + 1u * WG < K / 4u) {
        n0_1 = x[nb0 + tid + 1u * WG];
    }
    let nb1 = source_column(min(col0 + 1u, n_cols - 1u)) * (K / 4u);
    var n1_0 = vec4<f32>(0.0);
    if (col0 + 1u < n_cols && tid + 0u * WG < K / 4u) {
        n1_0 = x[nb1 + tid + 0u * WG];
    }
    var n1_1 = vec4<f32>(0.0);
    if (col0 + 1u < n_cols && tid + 1u * WG < K / 4u) {
        n1_1 = x[nb1 + tid + 1u * WG];
    }
    let nb2 = source_column(min(col0 + 2u, n_cols - 1u)) * (K / 4u);
    var n2_0 = vec4<f32>(0.0);
    if (col0 + 2u < n_cols && tid + 0u * WG < K / 4u) {
        n2_0 = x[nb2 + tid + 0u * WG];
    }
    var n2_1 = vec4<f32>(0.0);
    if (col0 + 2u < n_cols && tid + 1u * WG < K / 4u) {
        n2_1 = x[nb2 + tid + 1u * WG];
    }
    let nb3 = source_column(min(col0 + 3u, n_cols - 1u)) * (K / 4u);
    var n3_0 = vec4<f32>(0.0);
    if (col0 + 3u < n_cols && tid + 0u * WG < K / 4u) {
        n3_0 = x[nb3 + tid + 0u * WG];
    }
    var n3_1 = vec4<f32>(0.0);
    if (col0 + 3u < n_cols && tid + 1u * WG < K / 4u) {
        n3_1 = x[nb3 + tid + 1u * WG];
    }
    ss[0] = 0.0;
    ss[0] = ss[0] + dot(n0_0, n0_0);
    ss[0] = ss[0] + dot(n0_1, n0_1);
    ss[1] = 0.0;
    ss[1] = ss[1] + dot(n1_0, n1_0);
    ss[1] = ss[1] + dot(n1_1, n1_1);
    ss[2] = 0.0;
    ss[2] = ss[2] + dot(n2_0, n2_0);
    ss[2] = ss[2] + dot(n2_1, n2_1);
    ss[3] = 0.0;
    ss[3] = ss[3] + dot(n3_0, n3_0);
    ss[3] = ss[3] + dot(n3_1, n3_1);
    column_scales(tid, sg_size, &ss);

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
                // Only the columns this step has: a batch kernel may run fewer than B.
                if (0u < live) {
                acc_a0 = acc_a0 + dot_block(wa, 0u * KCP + local, 0u, 1.0);
                }
                // Only the columns this step has: a batch kernel may run fewer than B.
                if (1u < live) {
                acc_a1 = acc_a1 + dot_block(wa, 1u * KCP + local, 0u, 1.0);
                }
                // Only the columns this step has: a batch kernel may run fewer than B.
                if (2u < live) {
                acc_a2 = acc_a2 + dot_block(wa, 2u * KCP + local, 0u, 1.0);
                }
                // Only the columns this step has: a batch kernel may run fewer than B.
                if (3u < live) {
                acc_a3 = acc_a3 + dot_block(wa, 3u * KCP + local, 0u, 1.0);
                }
            }
        }
        if (KC < K) {
            workgroupBarrier();
        }
    }
    // The condition is the same for the whole workgroup, so the unit's shuffles stay uniform.
    if (0u < live) {
        let a = unit_sum(tid, acc_a0);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 0u < live) {
            epilogue(unit, rows, col0 + 0u, a, b, ops0);
        }
    }
    // The condition is the same for the whole workgroup, so the unit's shuffles stay uniform.
    if (1u < live) {
        let a = unit_sum(tid, acc_a1);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 1u < live) {
            epilogue(unit, rows, col0 + 1u, a, b, ops1);
        }
    }
    // The condition is the same for the whole workgroup, so the unit's shuffles stay uniform.
    if (2u < live) {
        let a = unit_sum(tid, acc_a2);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 2u < live) {
            epilogue(unit, rows, col0 + 2u, a, b, ops2);
        }
    }
    // The condition is the same for the whole workgroup, so the unit's shuffles stay uniform.
    if (3u < live) {
        let a = unit_sum(tid, acc_a3);
        let b = 0.0;
        if (lane == 0u && unit < UNITS && 3u < live) {
            epilogue(unit, rows, col0 + 3u, a, b, ops3);
        }
    }
    }
}
