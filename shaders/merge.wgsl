// merge.wgsl — finishes a split-K residual add: y[col] += the sum of its splits' partials.
//
// A split-K linear kernel (`SPLITK` in linear.wgsl) writes each split's dot products to
// `partials`; this kernel adds them, in split order, to the residual stream, so the result is
// the same whichever split finished first. One thread per vec4 of each column.
// Grid: x = ceil(WIDTH / 4 / WG), y = n_cols.
//
// Specialised by the compiler: every double-braced name is a constant.

struct Params {
    n_cols: u32,
    n_out: u32,
    span: u32,
    _pad1: u32,
}

const WG: u32 = {{WG}}u;
// Width of one column of `y`, in vec4s.
const W4: u32 = {{WIDTH}}u / 4u;
const KS: u32 = {{KS}}u;
const P_COLS: u32 = {{P_COLS}}u;

@group(0) @binding(0) var<uniform> params: Params;
// [n_cols][WIDTH] the residual stream, updated in place.
@group(0) @binding(1) var<storage, read_write> y: array<vec4<f32>>;
// [KS][P_COLS][WIDTH] the splits' dot products.
@group(0) @binding(2) var<storage, read> partials: array<vec4<f32>>;

@compute @workgroup_size({{WG}})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let e = gid.x;
    let col = gid.y;
    if (e >= W4 || col >= params.n_cols) {
        return;
    }
    // All splits' loads first (written out: they stay in registers and are in flight
    // together), then the sum in split order.
    let i = col * W4 + e;
#for s in KS
    let p{{s}} = partials[({{s}}u * P_COLS + col) * W4 + e];
#endfor
    var sum = vec4<f32>(0.0);
#for s in KS
    sum = sum + p{{s}};
#endfor
    y[i] = y[i] + sum;
}
