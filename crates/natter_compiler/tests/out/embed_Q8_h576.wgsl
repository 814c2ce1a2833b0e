// embed.wgsl — token embedding lookup: x[col] = dequantised row `cols[col].token` of the table.
//
// One thread per element of the hidden vector. Grid: x = ceil(HIDDEN / WG), y = n_cols.

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
const HIDDEN: u32 = 576u;
const BLOCKS: u32 = HIDDEN / 32u;
const VOCAB: u32 = 49152u;

@group(0) @binding(0) var<uniform> params: Params;
// [n_cols] token columns of this step; `token` was checked against VOCAB on the CPU.
@group(0) @binding(1) var<storage, read> cols: array<Column>;
// [VOCAB][BLOCKS] blocks, repacked as in linear.wgsl.
@group(0) @binding(2) var<storage, read> w_q: array<vec4<u32>>;
// [VOCAB][BLOCKS] f16 (d, m) scale pairs.
@group(0) @binding(3) var<storage, read> w_s: array<u32>;
// [n_cols][HIDDEN] the residual stream.
@group(0) @binding(4) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let e = gid.x;
    let col = gid.y;
    if (e >= HIDDEN || col >= params.n_cols) {
        return;
    }
    let token = min(cols[col].token, VOCAB - 1u);
    let b = token * BLOCKS + e / 32u;
    let i = e % 32u;
    let word = bitcast<i32>(w_q[2u * b + i / 16u][(i % 16u) / 4u]);
    let q = extractBits(word, 8u * (i % 4u), 8u);
    x[col * HIDDEN + e] = f32(q) * unpack2x16float(w_s[b]).x;
}
