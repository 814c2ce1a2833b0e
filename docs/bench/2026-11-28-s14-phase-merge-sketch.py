# Fourteenth session: a sketch (not used by natter) of building one persistent kernel from generated one-column
# kernels, for the plan in ARCHITECTURE.md. Each kernel's module-scope names (structs, consts, vars, fns) get a
# per-phase prefix wherever they are not a field access, its entry point becomes fn pN_main(tid, wg, sg_size), its
# bindings move up by 16 a phase, and a new main calls the phases with an atomic grid barrier between them.
# Run on crates/natter_compiler/tests/out/linear_add_Q4_k576_u576_b1_sg_kc576_comb32x64.wgsl and
# linear_silu_Q4_k576_u1536_b1_norm_sg_kc576.wgsl (both 128 threads), the merged module passes naga 29's validation
# with every flag. Not handled: phases of different workgroup sizes (respecialise them at one size), workgroup
# memory adding up across phases, bindings shared by resource.

import re, sys
KW = set("""fn let var const struct return if else for loop break continue true false u32 i32 f32 f16 bool vec2 vec3 vec4 array atomic ptr storage uniform workgroup function read read_write
select min max dot exp inverseSqrt unpack2x16float subgroupAdd subgroupMax subgroupShuffleXor workgroupBarrier storageBarrier extractBits bitcast sqrt abs floor round clamp""".split())
def phaseify(src, i, binding_base):
    # module-scope names: struct, const, var (module level), fn
    names = set()
    for m in re.finditer(r'^(?:struct|const|fn)\s+([A-Za-z_][A-Za-z0-9_]*)', src, re.M): names.add(m.group(1))
    for m in re.finditer(r'^(?:@group\(\d+\) @binding\(\d+\) )?var(?:<[^>]*>)?\s+([A-Za-z_][A-Za-z0-9_]*)', src, re.M): names.add(m.group(1))
    names -= KW
    # strip comments
    src = re.sub(r'//[^\n]*', '', src)
    out = re.sub(r'(?<![.\w])([A-Za-z_][A-Za-z0-9_]*)\b', lambda m: f"p{i}_{m.group(1)}" if m.group(1) in names else m.group(1), src)
    out = re.sub(r'@binding\((\d+)\)', lambda m: f"@binding({int(m.group(1)) + binding_base})", out)
    out = re.sub(r'@compute @workgroup_size\(\d+\)\s*\n', '', out)
    out = out.replace(f"fn p{i}_main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_size) sg_size: u32)",
                      f"fn p{i}_main(tid: u32, wg: vec3<u32>, sg_size: u32)")
    return out
files = sys.argv[1:]
parts = [phaseify(open(f).read(), i, 16 * i) for i, f in enumerate(files)]
main = """
@group(1) @binding(0) var<storage, read_write> grid_bar: array<atomic<u32>>;
fn grid_barrier(tid: u32, goal: u32) {
    storageBarrier();
    if (tid == 0u) {
        atomicAdd(&grid_bar[0], 1u);
        var spins = 0u;
        loop { if (atomicLoad(&grid_bar[0]) >= goal || spins > 100000u) { break; } spins = spins + 1u; }
    }
    storageBarrier();
}
@compute @workgroup_size(128)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_size) sg_size: u32) {
""" + "".join(f"    p{i}_main(tid, wg, sg_size);\n    grid_barrier(tid, {i + 1}u * 132u);\n" for i in range(len(files))) + "}\n"
print("\n".join(parts) + main)
