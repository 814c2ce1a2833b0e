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

const WG: u32 = {{WG}}u;
const TPU: u32 = {{TPU}}u;
const UNITS_PER_WG: u32 = WG / TPU;
// Input width and its number of 32-element blocks.
const K: u32 = {{K}}u;
const BLOCKS: u32 = K / 32u;
// Work units (rows, or row pairs with PAIR).
const UNITS: u32 = {{UNITS}}u;
// Width of one column of `y`.
const Y_STRIDE: u32 = {{Y_STRIDE}}u;
// Columns per workgroup.
const B: u32 = {{B}}u;
const ROUNDS: u32 = {{ROUNDS}}u;
#if SPLITK
// Split-K: the grid's z splits the input's blocks into KS spans; each workgroup writes its
// span's dot products to `partials`, and a merge kernel (merge.wgsl) adds them to `y`.
const KS: u32 = {{KS}}u;
// Columns of a split's partials: [KS][P_COLS][Y_STRIDE].
const P_COLS: u32 = {{P_COLS}}u;
#endif
#if PREFETCH
// Weight blocks per lane loaded before the prologue.
const PF: u32 = {{PF}}u;
#endif
#if PAIR
const NR: u32 = 2u;
#else
const NR: u32 = 1u;
#endif

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
#if NORM
// [K] RMSNorm weight folded into this product.
@group(0) @binding(6) var<storage, read> norm_w: array<vec4<f32>>;
#endif
#if BIAS
// [rows] bias added before the epilogue.
@group(0) @binding(7) var<storage, read> bias: array<f32>;
#endif
#if INDIRECT
// [n_out] which input column each output column reads (the LM head reads only the last token of a prompt).
@group(0) @binding(8) var<storage, read> out_cols: array<u32>;
#endif
#if SPLITK
// [KS][P_COLS][Y_STRIDE] each split's dot products, for the merge kernel.
@group(0) @binding(12) var<storage, read_write> partials: array<f32>;
// This workgroup's split (`wg.z`).
var<private> split: u32;
#endif
#if QKV
// [slots][KV_HEADS][CTX][HEAD_DIM] this layer's key and value caches.
@group(0) @binding(9) var<storage, read_write> k_cache: array<f32>;
@group(0) @binding(10) var<storage, read_write> v_cache: array<f32>;
// [CTX][HEAD_DIM/2] (cos, sin) of every RoPE angle, computed on the CPU exactly as the reference does.
@group(0) @binding(11) var<storage, read> rope: array<vec2<f32>>;
const Q_DIM: u32 = {{Q_DIM}}u;
const KV_DIM: u32 = {{KV_DIM}}u;
const HEAD_DIM: u32 = {{HEAD_DIM}}u;
const KV_HEADS: u32 = {{KV_HEADS}}u;
const CTX: u32 = {{CTX}}u;
#endif
#if SILU
// Rows of the gate half; the up half follows it in the concatenated weight.
const FFN: u32 = {{FFN}}u;
#endif

#if COMBINE
// The input is split attention's partial results (see attention.wgsl), merged while staged.
const A_D4: u32 = {{A_HEAD_DIM}}u / 4u;
const A_HEADS: u32 = {{A_HEADS}}u;
const A_SPLITS: u32 = {{A_SPLITS}}u;

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
#endif

#if STAGE
// Inputs are staged through workgroup memory KC elements at a time, normed once per workgroup
// instead of once per row: [B][KC/4].
const KC: u32 = {{KC}}u;
const KC4: u32 = KC / 4u;
#if Q8X
// Quantised while staged, 32 inputs a block (see `stage_inputs`): the 16 signed bytes of every
// block's first half, then those of every second half, [2][B][KC/32] (lanes reading
// neighbouring blocks read neighbouring words), and each block's (scale, scale × the sum of its
// bytes), [B][KC/32]. KCP: a column's stride, XBS: a block's, in blocks.
const KCP: u32 = KC / 32u;
const XBS: u32 = 1u;
var<workgroup> xq_sh: array<vec4<u32>, 2u * B * KCP>;
var<workgroup> xd_sh: array<vec2<f32>, B * KCP>;
#else
// Each 32-element block takes 9 vec4 slots, not 8: the lanes of a unit read different blocks
// at once, and without the pad their reads would all fall in the same banks.
const KCP: u32 = KC4 / 8u * 9u;
const XBS: u32 = 9u;
var<workgroup> x_sh: array<vec4<f32>, B * KCP>;
#endif
#endif
// Reductions: a tree over the workgroup, or one partial per subgroup and column.
var<workgroup> red: array<f32, {{RED}}>;
#if NORM
var<workgroup> col_scale: array<f32, B>;
#endif

fn output_columns() -> u32 {
#if INDIRECT
    return params.n_out;
#else
    return params.n_cols;
#endif
}

// The input column that output column `c` reads.
fn source_column(c: u32) -> u32 {
#if INDIRECT
    return out_cols[c];
#else
    return c;
#endif
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
#if SUBGROUP
    // A unit's TPU lanes are consecutive and TPU divides the subgroup size, so a butterfly
    // over the low bits of the lane index stays inside the unit.
    var s = v;
    for (var m = TPU / 2u; m > 0u; m = m / 2u) {
        s = s + subgroupShuffleXor(s, m);
    }
    return s;
#else
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
#endif
}

#if NORM
// Sums each column's partial sums of squares over the workgroup and stores the RMSNorm scales
// in `col_scale`. Every thread must call it.
fn column_scales(tid: u32, sg_size: u32, ss: ptr<function, array<f32, B>>) {
#if SUBGROUP
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
        col_scale[tid] = inverseSqrt(total / f32(K) + {{EPS}});
    }
    workgroupBarrier();
#else
    for (var c = 0u; c < B; c = c + 1u) {
        let total = workgroup_sum(tid, (*ss)[c]);
        if (tid == 0u) {
            col_scale[c] = inverseSqrt(total / f32(K) + {{EPS}});
        }
    }
    workgroupBarrier();
#endif
}
#endif

#if DEFER
// One column's subgroups' sums of squares, written before the staging's barrier. (Its own
// array and loop, not `column_scales`' through `red`: the same arithmetic written that way
// made the 1.7B shapes' one-NPC step 1,075 -> 1,155 us on an H100, the NVIDIA compiler's doing.)
var<workgroup> ss_red: array<f32, WG>;

// The column's RMSNorm scale from the subgroups' sums in `ss_red`, for a unit's epilogue.
fn deferred_scale(sg_size: u32) -> f32 {
    var total = 0.0;
    for (var i = 0u; i < WG / sg_size; i = i + 1u) {
        total = total + ss_red[i];
    }
    return inverseSqrt(total / f32(K) + {{EPS}});
}

#endif
#if Q8X
// Four inputs of a block whose largest magnitude is `amax`, as signed bytes (rounded to
// nearest, ties to even; the CPU reference quantises the same way): the block's value is
// `amax / 127` times them.
fn quantise(v: vec4<f32>, amax: f32) -> vec4<i32> {
    let inv = select(0.0, 127.0 / amax, amax > 0.0);
    return vec4<i32>(clamp(round(v * inv), vec4<f32>(-127.0), vec4<f32>(127.0)));
}

#endif
#if STAGE
// Copies inputs [k0, k0 + kc) of the workgroup's columns into `x_sh` (with Q8X: `xq_sh` and
// `xd_sh`, quantised), normed, then waits for the whole workgroup. Every thread must call it.
fn stage_inputs(tid: u32, col0: u32, n_cols: u32, k0: u32, kc: u32) {
    // Written out SN times (each thread's share): every load is issued before the first store
    // waits for one, so they are in flight together.
#for j in SN
    let i{{j}} = tid + {{j}}u * WG;
    let c{{j}} = i{{j}} / KC4;
    let e{{j}} = i{{j}} % KC4;
    var v{{j}} = vec4<f32>(0.0);
    var g{{j}} = vec4<f32>(1.0);
    if (i{{j}} < B * KC4 && col0 + c{{j}} < n_cols && e{{j}} * 4u < kc) {
#if COMBINE
        v{{j}} = combined(source_column(col0 + c{{j}}), k0 / 4u + e{{j}});
#else
        v{{j}} = x[source_column(col0 + c{{j}}) * (K / 4u) + k0 / 4u + e{{j}}];
#endif
#if NORM
        g{{j}} = norm_w[k0 / 4u + e{{j}}];
#endif
    }
#endfor
#for j in SN
#if Q8X
    {
        // A block's 8 inputs vec4s are 8 neighbouring lanes of a subgroup (KC4 and WG are
        // multiples of 8): they find its largest magnitude, each quantises its 4 inputs, and
        // the first of every 4 lanes stores their 16 bytes.
#if NORM
        let v = v{{j}} * (col_scale[min(c{{j}}, B - 1u)] * g{{j}});
#else
        let v = v{{j}};
#endif
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
        if (i{{j}} < B * KC4) {
            let blk = c{{j}} * KCP + e{{j}} / 8u;
            if (e{{j}} % 4u == 0u) {
                xq_sh[(e{{j}} / 4u) % 2u * (B * KCP) + blk] = vec4<u32>(word, w1, w2, w3);
            }
            if (e{{j}} % 8u == 0u) {
                let d = amax / 127.0;
                xd_sh[blk] = vec2<f32>(d, d * f32(q_sum));
            }
        }
    }
#else
    if (i{{j}} < B * KC4) {
#if NORM
        x_sh[c{{j}} * KCP + e{{j}} + e{{j}} / 8u] = v{{j}} * (col_scale[c{{j}}] * g{{j}});
#else
        x_sh[c{{j}} * KCP + e{{j}} + e{{j}} / 8u] = v{{j}};
#endif
    }
#endif
#endfor
    workgroupBarrier();
}
#endif

#if KEEP
// Inputs per thread that a one-column kernel keeps between its norm and its staging.
const NV: u32 = {{NV}}u;

// `stage_inputs` for one column staged whole, from the inputs each thread kept (already
// multiplied by the norm weights): no second read of `x`. Every thread must call it.
fn stage_kept(tid: u32, kept: ptr<function, array<vec4<f32>, NV>>) {
#for j in NV
    {
        let e = tid + {{j}}u * WG;
        if (e < K / 4u) {
#if DEFER
            x_sh[e + e / 8u] = (*kept)[{{j}}];
#else
            x_sh[e + e / 8u] = (*kept)[{{j}}] * col_scale[0];
#endif
        }
    }
#endfor
    workgroupBarrier();
}
#endif

// The rows a unit computes. With PAIR the two rows are combined by the epilogue.
fn unit_rows(unit: u32) -> vec2<u32> {
#if QKV
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
#if ROPE_NEOX
    return vec2<u32>(base + head * HEAD_DIM + i, base + head * HEAD_DIM + i + half);
#else
    return vec2<u32>(base + head * HEAD_DIM + 2u * i, base + head * HEAD_DIM + 2u * i + 1u);
#endif
#elif SILU
    return vec2<u32>(unit, FFN + unit);
#elif TWO_ROWS
    return vec2<u32>(2u * unit, 2u * unit + 1u);
#else
    return vec2<u32>(unit, unit);
#endif
}

#if Q8X
// (Kernels of quantised inputs read them through `dot_q8x` alone.)
#else
// Input vector `i` (elements 4i..4i+3) of the block starting at vec4 `xb` of `x`, normed with
// `scale` and the norm weights of the block starting at vec4 `nb`.
fn input(xb: u32, nb: u32, i: u32, scale: f32) -> vec4<f32> {
#if STAGE
    // Staged in workgroup memory, already normed: `xb` indexes `x_sh`.
    return x_sh[xb + i];
#elif NORM
    return x[xb + i] * (scale * norm_w[nb + i]);
#else
    return x[xb + i];
#endif
}

#if FMT_Q4
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
#endif

#if FMT_Q8
// The dot product of Q8 block (`qa`, `qb`: its 32 signed bytes; `s`: its scale) with the 32
// inputs at `xb` (see `input`).
fn q8_dot(qa: vec4<u32>, qb: vec4<u32>, s: u32, xb: u32, nb: u32, scale: f32) -> f32 {
    let d = unpack2x16float(s).x;
    var acc = dot(bytes(qa.x), input(xb, nb, 0u, scale)) + dot(bytes(qa.y), input(xb, nb, 1u, scale));
    acc = acc + dot(bytes(qa.z), input(xb, nb, 2u, scale)) + dot(bytes(qa.w), input(xb, nb, 3u, scale));
    acc = acc + dot(bytes(qb.x), input(xb, nb, 4u, scale)) + dot(bytes(qb.y), input(xb, nb, 5u, scale));
    acc = acc + dot(bytes(qb.z), input(xb, nb, 6u, scale)) + dot(bytes(qb.w), input(xb, nb, 7u, scale));
    return d * acc;
}

#endif
// The dot product of weight block `blk` of `row` with the 32 inputs at `xb` (see `input`).
// Loops are written out: indices stay compile-time constants, so nothing spills.
fn block_dot(row: u32, blk: u32, xb: u32, scale: f32) -> f32 {
    let b = row * BLOCKS + blk;
    let nb = blk * 8u;
#if FMT_Q4
    return q4_dot(w_q[b], w_s[b], xb, nb, scale);
#elif FMT_Q8
    return q8_dot(w_q[2u * b], w_q[2u * b + 1u], w_s[b], xb, nb, scale);
#elif FMT_F16
    var acc = 0.0;
    for (var h = 0u; h < 4u; h = h + 1u) {
        let q = w_q[4u * b + h];
        let a = vec4<f32>(unpack2x16float(q.x), unpack2x16float(q.y));
        let c = vec4<f32>(unpack2x16float(q.z), unpack2x16float(q.w));
        acc = acc + dot(a, input(xb, nb, 2u * h, scale)) + dot(c, input(xb, nb, 2u * h + 1u, scale));
    }
    return acc;
#else
    var acc = 0.0;
    for (var h = 0u; h < 8u; h = h + 1u) {
        acc = acc + dot(bitcast<vec4<f32>>(w_q[8u * b + h]), input(xb, nb, h, scale));
    }
    return acc;
#endif
}
#endif

// One weight block as stored (its quantised words and scales), loaded ahead of its use.
struct Raw {
#if FMT_Q4
    q: vec4<u32>, s: u32,
#elif FMT_Q8
    qa: vec4<u32>, qb: vec4<u32>, s: u32,
#elif FMT_F16
    q0: vec4<u32>, q1: vec4<u32>, q2: vec4<u32>, q3: vec4<u32>,
#else
    q0: vec4<u32>, q1: vec4<u32>, q2: vec4<u32>, q3: vec4<u32>,
    q4: vec4<u32>, q5: vec4<u32>, q6: vec4<u32>, q7: vec4<u32>,
#endif
}

fn load_raw(row: u32, blk: u32) -> Raw {
    let b = row * BLOCKS + blk;
#if FMT_Q4
    return Raw(w_q[b], w_s[b]);
#elif FMT_Q8
    return Raw(w_q[2u * b], w_q[2u * b + 1u], w_s[b]);
#elif FMT_F16
    return Raw(w_q[4u * b], w_q[4u * b + 1u], w_q[4u * b + 2u], w_q[4u * b + 3u]);
#else
    return Raw(
        w_q[8u * b], w_q[8u * b + 1u], w_q[8u * b + 2u], w_q[8u * b + 3u],
        w_q[8u * b + 4u], w_q[8u * b + 5u], w_q[8u * b + 6u], w_q[8u * b + 7u],
    );
#endif
}

#if PREFETCH
// The dot product of a block loaded ahead (see `load_raw`) with the 32 staged inputs at `xb`.
fn raw_dot(r: Raw, xb: u32) -> f32 {
#if FMT_Q8
    return q8_dot(r.qa, r.qb, r.s, xb, 0u, 1.0);
#else
    return q4_dot(r.q, r.s, xb, 0u, 1.0);
#endif
}

#endif
#if WIDE
#if Q8X
// One weight block, ready for 4x8-bit dot products with quantised inputs: the bytes of its
// elements 0-15 (`lo`) and 16-31 (`hi`), four a word, and its scale and offset (Q8: none).
struct Block {
    lo: vec4<u32>, hi: vec4<u32>, d: f32, m: f32,
}

fn dequant_raw(r: Raw) -> Block {
#if FMT_Q4
    // Byte k holds elements k (low nibble) and k + 16 (high): nibbles are bytes 0-15 as they are.
    let dm = unpack2x16float(r.s);
    let m = vec4<u32>(0x0f0f0f0fu);
    return Block(r.q & m, (r.q >> vec4<u32>(4u)) & m, dm.x, dm.y);
#else
    return Block(r.qa, r.qb, unpack2x16float(r.s).x, 0.0);
#endif
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

#else
// One weight block, dequantised: elements 4i..4i+3 in `v[i]`. Several columns share it.
struct Block {
    v0: vec4<f32>, v1: vec4<f32>, v2: vec4<f32>, v3: vec4<f32>,
    v4: vec4<f32>, v5: vec4<f32>, v6: vec4<f32>, v7: vec4<f32>,
}

fn dequant_raw(r: Raw) -> Block {
#if FMT_Q4
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
#elif FMT_Q8
    let d = unpack2x16float(r.s).x;
    let qa = r.qa;
    let qb = r.qb;
    return Block(
        bytes(qa.x) * d, bytes(qa.y) * d, bytes(qa.z) * d, bytes(qa.w) * d,
        bytes(qb.x) * d, bytes(qb.y) * d, bytes(qb.z) * d, bytes(qb.w) * d,
    );
#elif FMT_F16
    return Block(
        vec4<f32>(unpack2x16float(r.q0.x), unpack2x16float(r.q0.y)), vec4<f32>(unpack2x16float(r.q0.z), unpack2x16float(r.q0.w)),
        vec4<f32>(unpack2x16float(r.q1.x), unpack2x16float(r.q1.y)), vec4<f32>(unpack2x16float(r.q1.z), unpack2x16float(r.q1.w)),
        vec4<f32>(unpack2x16float(r.q2.x), unpack2x16float(r.q2.y)), vec4<f32>(unpack2x16float(r.q2.z), unpack2x16float(r.q2.w)),
        vec4<f32>(unpack2x16float(r.q3.x), unpack2x16float(r.q3.y)), vec4<f32>(unpack2x16float(r.q3.z), unpack2x16float(r.q3.w)),
    );
#else
    return Block(
        bitcast<vec4<f32>>(r.q0), bitcast<vec4<f32>>(r.q1), bitcast<vec4<f32>>(r.q2), bitcast<vec4<f32>>(r.q3),
        bitcast<vec4<f32>>(r.q4), bitcast<vec4<f32>>(r.q5), bitcast<vec4<f32>>(r.q6), bitcast<vec4<f32>>(r.q7),
    );
#endif
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

#endif

#if QUAD
#if Q8X
fn dot_quad(wa: Block, wb: Block, wc: Block, wd: Block, xb: u32) -> vec4<f32> {
    return vec4<f32>(dot_q8x(wa, xb), dot_q8x(wb, xb), dot_q8x(wc, xb), dot_q8x(wd, xb));
}
#else
// The dot products of four dequantised blocks (a unit's four rows) with the same 32 staged
// inputs, read once.
fn dot_quad(wa: Block, wb: Block, wc: Block, wd: Block, xb: u32) -> vec4<f32> {
    let x0 = input(xb, 0u, 0u, 1.0);
    let x1 = input(xb, 0u, 1u, 1.0);
    let x2 = input(xb, 0u, 2u, 1.0);
    let x3 = input(xb, 0u, 3u, 1.0);
    let x4 = input(xb, 0u, 4u, 1.0);
    let x5 = input(xb, 0u, 5u, 1.0);
    let x6 = input(xb, 0u, 6u, 1.0);
    let x7 = input(xb, 0u, 7u, 1.0);
    return vec4<f32>(
        dot8(wa, x0, x1, x2, x3, x4, x5, x6, x7), dot8(wb, x0, x1, x2, x3, x4, x5, x6, x7),
        dot8(wc, x0, x1, x2, x3, x4, x5, x6, x7), dot8(wd, x0, x1, x2, x3, x4, x5, x6, x7),
    );
}

#endif

// The four rows of a unit: two neighbouring gate rows and their up rows (FFN further), two
// neighbouring RoPE pairs, or four neighbours.
fn quad_rows(unit: u32) -> vec4<u32> {
#if QKV
    let a = unit_rows(2u * unit);
    let b = unit_rows(2u * unit + 1u);
    return vec4<u32>(a, b);
#elif SILU
    return vec4<u32>(2u * unit, 2u * unit + 1u, FFN + 2u * unit, FFN + 2u * unit + 1u);
#else
    return vec4<u32>(4u * unit, 4u * unit + 1u, 4u * unit + 2u, 4u * unit + 3u);
#endif
}

// `epilogue_operands` of a unit's four rows: with ADD, their residuals; with QKV, the two
// pairs' (cos, sin).
fn quad_operands(rows: vec4<u32>, col: u32) -> vec4<f32> {
#if QKV
    return vec4<f32>(epilogue_operands(rows.xy, col).xy, epilogue_operands(rows.zw, col).xy);
#elif ADD
    let r = col * Y_STRIDE;
    return vec4<f32>(y[r + rows.x], y[r + rows.y], y[r + rows.z], y[r + rows.w]);
#else
    return vec4<f32>(0.0);
#endif
}

// Writes a unit's four finished dot products `d` for column `col` (see `quad_rows`).
fn epilogue_quad(rows: vec4<u32>, col: u32, d: vec4<f32>, ops: vec4<f32>) {
    let r = col * Y_STRIDE;
#if QKV
    // Two RoPE pairs (query, key or value), each as a unit of one pair writes it.
    epilogue(0u, rows.xy, col, d.x, d.y, vec4<f32>(ops.xy, 0.0, 0.0));
    epilogue(0u, rows.zw, col, d.z, d.w, vec4<f32>(ops.zw, 0.0, 0.0));
#elif SILU
    // SiLU(gate) · up: the gate rows are the output rows.
    y[r + rows.x] = d.x / (1.0 + exp(-d.x)) * d.z;
    y[r + rows.y] = d.y / (1.0 + exp(-d.y)) * d.w;
#else
    // Store, or with ADD the residual add (ops are 0 without it).
    y[r + rows.x] = ops.x + d.x;
    y[r + rows.y] = ops.y + d.y;
    y[r + rows.z] = ops.z + d.z;
    y[r + rows.w] = ops.w + d.w;
#endif
}
#endif

// The dot product of a dequantised block with the 32 inputs at `xb` (see `input`).
#if Q8X
fn dot_block(w: Block, xb: u32, nb: u32, scale: f32) -> f32 {
    return dot_q8x(w, xb);
}
#else
fn dot_block(w: Block, xb: u32, nb: u32, scale: f32) -> f32 {
    let a = dot(w.v0, input(xb, nb, 0u, scale)) + dot(w.v1, input(xb, nb, 1u, scale))
        + dot(w.v2, input(xb, nb, 2u, scale)) + dot(w.v3, input(xb, nb, 3u, scale));
    let b = dot(w.v4, input(xb, nb, 4u, scale)) + dot(w.v5, input(xb, nb, 5u, scale))
        + dot(w.v6, input(xb, nb, 6u, scale)) + dot(w.v7, input(xb, nb, 7u, scale));
    return a + b;
}
#endif
#endif

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
#if QKV
    if (rows.x < Q_DIM + KV_DIM) {
#if ROPE_NEOX
        let i = rows.x % HEAD_DIM;
#else
        let i = (rows.x % HEAD_DIM) / 2u;
#endif
        return vec4<f32>(rope[cols[col].pos * (HEAD_DIM / 2u) + i], 0.0, 0.0);
    }
    return vec4<f32>(0.0);
#elif SPLITK
    // Split kernels write partial sums; the merge kernel adds the residual.
    return vec4<f32>(0.0);
#elif ADD
#if TWO_ROWS
    return vec4<f32>(y[col * Y_STRIDE + rows.x], y[col * Y_STRIDE + rows.y], 0.0, 0.0);
#else
    return vec4<f32>(y[col * Y_STRIDE + rows.x], 0.0, 0.0, 0.0);
#endif
#else
    return vec4<f32>(0.0);
#endif
}

// Writes one unit's result for column `col`: `a` (and `b`, with PAIR) are the finished dot
// products, `ops` what `epilogue_operands` loaded for them.
fn epilogue(unit: u32, rows: vec2<u32>, col: u32, dot_a: f32, dot_b: f32, ops: vec4<f32>) {
    var a = dot_a;
    var b = dot_b;
#if BIAS
    a = a + bias[rows.x];
#if PAIR
    b = b + bias[rows.y];
#endif
#endif
#if QKV
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
#elif SILU
    y[col * Y_STRIDE + unit] = a / (1.0 + exp(-a)) * b;
#elif SPLITK
    // This split's share of the dot products (see `partials`).
    let p = (split * P_COLS + col) * Y_STRIDE;
    partials[p + rows.x] = a;
#if TWO_ROWS
    partials[p + rows.y] = b;
#endif
#elif TWO_ROWS
    // Two neighbouring rows: each input read serves both.
#if ADD
    y[col * Y_STRIDE + rows.x] = ops.x + a;
    y[col * Y_STRIDE + rows.y] = ops.y + b;
#else
    y[col * Y_STRIDE + rows.x] = a;
    y[col * Y_STRIDE + rows.y] = b;
#endif
#elif ADD
    y[col * Y_STRIDE + unit] = ops.x + a;
#else
    y[col * Y_STRIDE + unit] = a;
#endif
}

@compute @workgroup_size({{WG}})
#if SUBGROUP
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_size) sg_size: u32) {
#else
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>) {
    let sg_size = 1u;
#endif
    let lane = tid % TPU;
    let col0 = wg.y * B;
    let n_cols = output_columns();
#if WIDE
#else
    // One column: this thread's unit and rows, and the epilogue's operands, which load now
    // (see `epilogue_operands`).
    let unit = wg.x * UNITS_PER_WG + tid / TPU;
    let rows = unit_rows(min(unit, UNITS - 1u));
    let ops = epilogue_operands(rows, min(col0, n_cols - 1u));
#endif

#if PREFETCH
    // A kernel for one column that stages its whole input loads its first PF weight blocks
    // per lane before the norm and the staging: they do not depend on the input, so their
    // latency runs under that of the prologue. (Lanes past the last block load it again.)
#for i in PF
    let pf_b{{i}} = min(lane + {{i}}u * TPU, BLOCKS - 1u);
    let pf_ra{{i}} = load_raw(rows.x, pf_b{{i}});
#if PAIR
    let pf_rb{{i}} = load_raw(rows.y, pf_b{{i}});
#endif
#endfor
#endif

#if TILED
    // Lanes take units: thread `tid` computes unit `tid % UNITS_PER_WG` of the workgroup (four
    // rows: two gate/up pairs) for all B columns over slice `tid / UNITS_PER_WG` of the input's
    // blocks (every TPU-th block), so each staged input read is one broadcast to a whole
    // subgroup, used by four rows; the slices' sums meet in workgroup memory at the end, a row
    // at a time. Each thread loads its next weight blocks before computing the current ones, and
    // its first before the norm's prologue.
    let u_local = tid % UNITS_PER_WG;
    let slice = tid / UNITS_PER_WG;
    let unit = wg.x * UNITS_PER_WG + u_local;
    let rows4 = quad_rows(min(unit, UNITS - 1u));
    let live = n_cols - min(col0, n_cols);
#for j in CPT
    let ops{{j}} = quad_operands(rows4, min(col0 + slice + {{j}}u * TPU, n_cols - 1u));
#endfor
#for c in B
    var acc_a{{c}} = 0.0;
    var acc_b{{c}} = 0.0;
    var acc_c{{c}} = 0.0;
    var acc_d{{c}} = 0.0;
#endfor
    var blk = slice;
    var raw_a = load_raw(rows4.x, min(blk, BLOCKS - 1u));
    var raw_b = load_raw(rows4.y, min(blk, BLOCKS - 1u));
    var raw_c = load_raw(rows4.z, min(blk, BLOCKS - 1u));
    var raw_d = load_raw(rows4.w, min(blk, BLOCKS - 1u));
#endif
#if NORM
    // RMSNorm scale of each column: every workgroup recomputes it (K values per column), all
    // columns in one pass over the input.
    var ss: array<f32, B>;
#if KEEP
    // One column staged whole: each thread reads its inputs once, for the sum of squares and,
    // kept in registers with their norm weights applied, for the staging (see `stage_kept`).
    var kept: array<vec4<f32>, NV>;
    ss[0] = 0.0;
    let kbase = source_column(min(col0, n_cols - 1u)) * (K / 4u);
#for j in NV
    {
        let i = tid + {{j}}u * WG;
        var v = vec4<f32>(0.0);
        var g = vec4<f32>(0.0);
        if (i < K / 4u) {
            v = x[kbase + i];
            g = norm_w[i];
        }
        ss[0] = ss[0] + dot(v, v);
        kept[{{j}}] = v * g;
    }
#endfor
#else
    // Every column's loads first, then the sums: they are all in flight together.
#for c in B
    let nb{{c}} = source_column(min(col0 + {{c}}u, n_cols - 1u)) * (K / 4u);
#for j in NV
    var n{{c}}_{{j}} = vec4<f32>(0.0);
    if (col0 + {{c}}u < n_cols && tid + {{j}}u * WG < K / 4u) {
        n{{c}}_{{j}} = x[nb{{c}} + tid + {{j}}u * WG];
    }
#endfor
#endfor
#for c in B
    ss[{{c}}] = 0.0;
#for j in NV
    ss[{{c}}] = ss[{{c}}] + dot(n{{c}}_{{j}}, n{{c}}_{{j}});
#endfor
#endfor
#endif
#if DEFER
    // The scale waits: the inputs are staged unscaled (the norm scale is one factor of the
    // whole dot product) and each subgroup's sum of squares is left in `ss_red` for the
    // epilogue, so the barrier of the staging is the kernel's only one (see `deferred_scale`).
    let ss_part = subgroupAdd(ss[0]);
    if (tid % sg_size == 0u) {
        ss_red[tid / sg_size] = ss_part;
    }
#else
    column_scales(tid, sg_size, &ss);
#endif
#endif

#if TILED
    for (var k0 = 0u; k0 < K; k0 = k0 + KC) {
        let kc = min(KC, K - k0);
        stage_inputs(tid, col0, n_cols, k0, kc);
        for (; blk < (k0 + kc) / 32u; blk = blk + TPU) {
            let next = min(blk + TPU, BLOCKS - 1u);
            let wa = dequant_raw(raw_a);
            let wb = dequant_raw(raw_b);
            let wc = dequant_raw(raw_c);
            let wd = dequant_raw(raw_d);
            raw_a = load_raw(rows4.x, next);
            raw_b = load_raw(rows4.y, next);
            raw_c = load_raw(rows4.z, next);
            raw_d = load_raw(rows4.w, next);
            let local = (blk - k0 / 32u) * XBS;
#for c in B
#if SKIP
            if ({{c}}u < live) {
#else
            {
#endif
                let d = dot_quad(wa, wb, wc, wd, {{c}}u * KCP + local);
                acc_a{{c}} = acc_a{{c}} + d.x;
                acc_b{{c}} = acc_b{{c}} + d.y;
                acc_c{{c}} = acc_c{{c}} + d.z;
                acc_d{{c}} = acc_d{{c}} + d.w;
            }
#endfor
        }
        workgroupBarrier();
    }
    // The slices' partial sums, row by row: [TPU][B][UNITS_PER_WG] in `red`.
#for j in CPT
    var q{{j}} = vec4<f32>(0.0);
#endfor
    for (var r = 0u; r < 4u; r = r + 1u) {
#for c in B
        var v{{c}} = acc_a{{c}};
        if (r == 1u) {
            v{{c}} = acc_b{{c}};
        } else if (r == 2u) {
            v{{c}} = acc_c{{c}};
        } else if (r == 3u) {
            v{{c}} = acc_d{{c}};
        }
        red[(slice * B + {{c}}u) * UNITS_PER_WG + u_local] = v{{c}};
#endfor
        workgroupBarrier();
#for j in CPT
        if (slice + {{j}}u * TPU < B) {
            var t_sum = 0.0;
            for (var t = 0u; t < TPU; t = t + 1u) {
                t_sum = t_sum + red[(t * B + slice + {{j}}u * TPU) * UNITS_PER_WG + u_local];
            }
            q{{j}}[r] = t_sum;
        }
#endfor
        workgroupBarrier();
    }
#for j in CPT
    {
        let c = slice + {{j}}u * TPU;
        if (c < B && c < live && unit < UNITS) {
            epilogue_quad(rows4, col0 + c, q{{j}}, ops{{j}});
        }
    }
#endfor
#elif WIDE
    // Each weight block is loaded and dequantised once and used for all B columns; the
    // accumulators are written out per column so they stay in registers. A workgroup computes
    // ROUNDS rounds of rows; inputs staged whole are staged once for all of them.
    // Columns of this workgroup's group that the step has (the last group may be short).
    let live = n_cols - min(col0, n_cols);
    for (var round = 0u; round < ROUNDS; round = round + 1u) {
    let unit = (wg.x * ROUNDS + round) * UNITS_PER_WG + tid / TPU;
#if QUAD
    let rows4 = quad_rows(min(unit, UNITS - 1u));
#else
    let rows = unit_rows(min(unit, UNITS - 1u));
#endif
#for c in B
    var acc_a{{c}} = 0.0;
    var acc_b{{c}} = 0.0;
#if QUAD
    var acc_c{{c}} = 0.0;
    var acc_d{{c}} = 0.0;
    let ops{{c}} = quad_operands(rows4, min(col0 + {{c}}u, n_cols - 1u));
#else
    // The epilogue's operands load now, not after the sums (see `epilogue_operands`).
    let ops{{c}} = epilogue_operands(rows, min(col0 + {{c}}u, n_cols - 1u));
#endif
#endfor
#if SPLITK
    // This workgroup's span of the input (see `KS`).
    split = wg.z;
    let k_lo = wg.z * (K / KS);
    let k_hi = k_lo + K / KS;
#else
    let k_lo = 0u;
    let k_hi = K;
#endif
#if STAGE
    // Each lane's first weight blocks load before the staging, and every later one while the
    // lane computes the block before it, so their latency runs under the work: `ra`..`rd` hold
    // the blocks of `blk`. (H100, 1.7B shapes: 4 NPCs 0.96x a step, 8 NPCs 0.99x, prefill 1.02x.)
    let last_blk = k_hi / 32u - 1u;
#if QUAD
    var ra = load_raw(rows4.x, min(k_lo / 32u + lane, last_blk));
    var rb = load_raw(rows4.y, min(k_lo / 32u + lane, last_blk));
    var rc = load_raw(rows4.z, min(k_lo / 32u + lane, last_blk));
    var rd = load_raw(rows4.w, min(k_lo / 32u + lane, last_blk));
#else
    var ra = load_raw(rows.x, min(k_lo / 32u + lane, last_blk));
#if PAIR
    var rb = load_raw(rows.y, min(k_lo / 32u + lane, last_blk));
#endif
#endif
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
#if QUAD
                let wa = dequant_raw(ra);
                let wb = dequant_raw(rb);
                let wc = dequant_raw(rc);
                let wd = dequant_raw(rd);
                ra = load_raw(rows4.x, nb);
                rb = load_raw(rows4.y, nb);
                rc = load_raw(rows4.z, nb);
                rd = load_raw(rows4.w, nb);
#else
                let wa = dequant_raw(ra);
                ra = load_raw(rows.x, nb);
#if PAIR
                let wb = dequant_raw(rb);
                rb = load_raw(rows.y, nb);
#endif
#endif
#for c in B
#if SKIP
                // Only the columns this step has: a batch kernel may run fewer than B.
                if ({{c}}u < live) {
#endif
#if QUAD
                let d{{c}} = dot_quad(wa, wb, wc, wd, {{c}}u * KCP + local);
                acc_a{{c}} = acc_a{{c}} + d{{c}}.x;
                acc_b{{c}} = acc_b{{c}} + d{{c}}.y;
                acc_c{{c}} = acc_c{{c}} + d{{c}}.z;
                acc_d{{c}} = acc_d{{c}} + d{{c}}.w;
#elif PAIR
                let d{{c}} = dot_pair(wa, wb, {{c}}u * KCP + local, 0u, 1.0);
                acc_a{{c}} = acc_a{{c}} + d{{c}}.x;
                acc_b{{c}} = acc_b{{c}} + d{{c}}.y;
#else
                acc_a{{c}} = acc_a{{c}} + dot_block(wa, {{c}}u * KCP + local, 0u, 1.0);
#endif
#if SKIP
                }
#endif
#endfor
            }
        }
        if (KC < K) {
            workgroupBarrier();
        }
    }
#else
    if (unit < UNITS) {
        for (var blk = k_lo / 32u + lane; blk < k_hi / 32u; blk = blk + TPU) {
            let wa = dequant(rows.x, blk);
#if PAIR
            let wb = dequant(rows.y, blk);
#endif
#for c in B
#if SKIP
            // Only the columns this step has: a batch kernel may run fewer than B.
            if ({{c}}u < live) {
#else
            {
                // Columns past the end repeat the last one; their results are not stored.
#endif
                let xb = source_column(min(col0 + {{c}}u, n_cols - 1u)) * (K / 4u) + blk * 8u;
#if NORM
                let scale = col_scale[{{c}}u];
#else
                let scale = 1.0;
#endif
#if PAIR
                let d = dot_pair(wa, wb, xb, blk * 8u, scale);
                acc_a{{c}} = acc_a{{c}} + d.x;
                acc_b{{c}} = acc_b{{c}} + d.y;
#else
                acc_a{{c}} = acc_a{{c}} + dot_block(wa, xb, blk * 8u, scale);
#endif
            }
#endfor
        }
    }
#endif
#for c in B
#if SKIP
    // The condition is the same for the whole workgroup, so the unit's shuffles stay uniform.
    if ({{c}}u < live) {
#else
    {
#endif
        let a = unit_sum(tid, acc_a{{c}});
#if QUAD
        let b = unit_sum(tid, acc_b{{c}});
        let c = unit_sum(tid, acc_c{{c}});
        let d = unit_sum(tid, acc_d{{c}});
        if (lane == 0u && unit < UNITS && {{c}}u < live) {
            epilogue_quad(rows4, col0 + {{c}}u, vec4<f32>(a, b, c, d), ops{{c}});
        }
#else
#if PAIR
        let b = unit_sum(tid, acc_b{{c}});
#else
        let b = 0.0;
#endif
        if (lane == 0u && unit < UNITS && {{c}}u < live) {
            epilogue(unit, rows, col0 + {{c}}u, a, b, ops{{c}});
        }
#endif
    }
#endfor
    }
#else
    // One column (B is 1): the block dot products read the quantised weights directly.
    var acc_a = 0.0;
    var acc_b = 0.0;
#if PREFETCH
    // The whole input at once (KC == K): the prefetched blocks first, then the rest.
#if KEEP
    stage_kept(tid, &kept);
#else
    stage_inputs(tid, col0, n_cols, 0u, K);
#endif
    if (unit < UNITS) {
#for i in PF
        if (lane + {{i}}u * TPU < BLOCKS) {
            acc_a = acc_a + raw_dot(pf_ra{{i}}, pf_b{{i}} * 9u);
#if PAIR
            acc_b = acc_b + raw_dot(pf_rb{{i}}, pf_b{{i}} * 9u);
#endif
        }
#endfor
        for (var blk = lane + PF * TPU; blk < BLOCKS; blk = blk + TPU) {
            acc_a = acc_a + block_dot(rows.x, blk, blk * 9u, 1.0);
#if PAIR
            acc_b = acc_b + block_dot(rows.y, blk, blk * 9u, 1.0);
#endif
        }
    }
#elif STAGE
    for (var k0 = 0u; k0 < K; k0 = k0 + KC) {
        let kc = min(KC, K - k0);
#if KEEP
        stage_kept(tid, &kept);
#else
        stage_inputs(tid, col0, n_cols, k0, kc);
#endif
        if (unit < UNITS) {
            for (var blk = k0 / 32u + lane; blk < (k0 + kc) / 32u; blk = blk + TPU) {
                let local = (blk - k0 / 32u) * XBS;
                acc_a = acc_a + block_dot(rows.x, blk, local, 1.0);
#if PAIR
                acc_b = acc_b + block_dot(rows.y, blk, local, 1.0);
#endif
            }
        }
        workgroupBarrier();
    }
#else
    if (unit < UNITS && col0 < n_cols) {
        for (var blk = lane; blk < BLOCKS; blk = blk + TPU) {
            let xb = source_column(col0) * (K / 4u) + blk * 8u;
#if NORM
            let scale = col_scale[0];
#else
            let scale = 1.0;
#endif
            acc_a = acc_a + block_dot(rows.x, blk, xb, scale);
#if PAIR
            acc_b = acc_b + block_dot(rows.y, blk, xb, scale);
#endif
        }
    }
#endif
    let a = unit_sum(tid, acc_a);
#if PAIR
    let b = unit_sum(tid, acc_b);
#else
    let b = 0.0;
#endif
    if (lane == 0u && unit < UNITS && col0 < n_cols) {
#if DEFER
        let scale = deferred_scale(sg_size);
        epilogue(unit, rows, col0, a * scale, b * scale, ops);
#else
        epilogue(unit, rows, col0, a, b, ops);
#endif
    }
#endif
}
