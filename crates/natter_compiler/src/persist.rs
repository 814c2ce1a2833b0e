//! Persistent block kernels: a decoder block's one-column kernels run as phases of one
//! dispatch, with a grid-wide barrier between them, instead of one dispatch each.
//!
//! On a big GPU a one-NPC decode step is latency-bound: its ~150 dispatches each cost the
//! GPU a drain and a ramp (≈2.3 µs on an H100), more than most of them compute. A persistent
//! kernel keeps a fixed number of workgroups alive through all of a block's phases; each phase
//! hands out its workgroups' work in turn (virtual workgroup `v` to workgroup `v % N`), and an
//! atomic counter keeps the phases apart. That needs every workgroup of the dispatch resident
//! on the GPU at once — a spinning workgroup waiting for one that cannot start would wait
//! forever — so the workgroup count is the caller's (one per multiprocessor is safe where the
//! workgroup fits), the spins are bounded, and a spin that gives up raises a flag the runtime
//! reads back (see `Engine`). Results are then wrong, never hung.
//!
//! The phases are the kernels the compiler generates anyway, specialised at one workgroup size:
//! [`merge_block`] renames each one's module-scope names with a per-phase prefix (not where they
//! follow a `.`, nor struct members), turns its entry point into a function of
//! `(tid, wg, sg_size)`, and binds each resource once per type: storage bindings of a resource
//! that some phase writes become `read_write` in every phase, since a dispatch may not bind one
//! buffer both read-only and writable.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::error::CompileError;
use crate::program::Resource;
use crate::validate::{KernelBinding, bindings_of, validate};

/// How many virtual workgroups a phase has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseGroups {
    /// A fixed count along x (the one-column linear kernels).
    Fixed(u32),
    /// Split attention: `heads` along x times the splits the step's column reaches
    /// (`pos / span + 1`, at most `splits`) along z, read from the phase's own `cols` and
    /// `params` bindings on the GPU. `splits == 1`: one split, no `span` read.
    Attention { heads: u32, splits: u32 },
}

/// One phase of a block kernel: a generated kernel, the resources its bindings take, and its
/// workgroup count.
#[derive(Clone, Debug)]
pub struct Phase<'a> {
    pub wgsl: &'a str,
    pub resources: &'a [(u32, Resource)],
    pub groups: PhaseGroups,
}

/// A merged block kernel.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockKernel {
    pub label: String,
    pub wgsl: String,
    /// Its group-0 bindings (for the layout), in binding order.
    pub bindings: Vec<KernelBinding>,
    /// Where each binding but the grid barrier's comes from: (binding, phase, the phase
    /// kernel's binding), so that blocks of the same shapes share the kernel and each binds its
    /// own resources ([`BlockKernel::resources`]).
    pub sources: Vec<(u32, usize, u32)>,
    /// The grid barrier's binding.
    pub barrier: u32,
    /// Workgroup memory its phases declare, together.
    pub workgroup_bytes: u32,
}

impl BlockKernel {
    /// The resource of each binding for a block whose phases bind `phases` (each phase's
    /// dispatch bindings, in phase order), the grid barrier's included.
    pub fn resources(&self, phases: &[&[(u32, Resource)]]) -> Vec<(u32, Resource)> {
        self.sources
            .iter()
            .filter_map(|&(binding, phase, from)| {
                let r = phases.get(phase)?.iter().find(|(b, _)| *b == from)?.1;
                Some((binding, r))
            })
            .chain(std::iter::once((self.barrier, Resource::GridBarrier)))
            .collect()
    }
}

/// Most spins a workgroup waits at a grid barrier before it gives up and raises the failure
/// flag (word 1 of the barrier buffer), after which no barrier waits: a second or less on a
/// big GPU, far beyond any phase.
const SPIN_LIMIT: u32 = 1 << 20;

/// Most loads a thread of an idle workgroup makes of one weight matrix to pull it into L2
/// ahead of its phase. Measured on an H100 (SmolLM2-135M shapes, one NPC, GPU us a step, two
/// runs each in one call): 661.7 / 661.1 without the prefetch, 655.6 / 654.5 with it; unbounded
/// on the 1.7B shapes (14 loads a thread for gate/up) it made a step 5x slower, as the busy
/// workgroups waited for the idle ones at the next barrier.
const PREFETCH_LOADS: u32 = 2;

/// Merges `phases` into one kernel of `workgroups` workgroups of `workgroup` threads (every
/// phase must have been generated with that workgroup size), with a grid barrier between
/// consecutive phases. The barrier counts arrivals in word 0 of [`Resource::GridBarrier`],
/// which the runtime clears before each command buffer that runs such kernels.
pub fn merge_block(
    label: &str,
    phases: &[Phase<'_>],
    workgroup: u32,
    workgroups: u32,
    subgroups: bool,
) -> Result<BlockKernel, CompileError> {
    let invalid = |message: String| CompileError::Invalid {
        kernel: label.to_string(),
        message,
    };
    if phases.is_empty() || workgroups == 0 {
        return Err(invalid("a block kernel needs phases and workgroups".into()));
    }
    let parsed: Vec<Parsed> = phases
        .iter()
        .map(|p| parse(p.wgsl).map_err(&invalid))
        .collect::<Result<_, _>>()?;

    // Resources some phase writes: every storage binding of theirs is read_write.
    let mut written: Vec<Resource> = Vec::new();
    for (p, phase) in parsed.iter().zip(phases) {
        for b in &p.bindings {
            if let (Some(r), "storage, read_write") =
                (resource_of(phase, b.binding), b.space.as_str())
            {
                written.push(r);
            }
        }
    }

    // Workgroup arrays: phases never run at once, so they share a pool, by element type; a
    // phase's arrays of one type, largest first, take slots 0, 1, ... of that type's pool, each
    // as long as the longest array that takes it.
    let mut pool: BTreeMap<(String, usize), u32> = BTreeMap::new();
    let mut pooled: Vec<BTreeMap<String, String>> = Vec::new();
    let pool_name = |element: &str, slot: usize| {
        let tag: String = element
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        format!("pool_{tag}_{slot}")
    };
    for p in &parsed {
        let mut arrays = p.shared.clone();
        arrays.sort_by_key(|a| std::cmp::Reverse(a.2));
        let mut taken: BTreeMap<String, usize> = BTreeMap::new();
        let mut names = BTreeMap::new();
        for (name, element, n) in arrays {
            let slot = taken.entry(element.clone()).or_insert(0);
            let len = pool.entry((element.clone(), *slot)).or_insert(0);
            *len = (*len).max(n);
            names.insert(name, pool_name(&element, *slot));
            *slot += 1;
        }
        pooled.push(names);
    }

    // One binding per (resource, address space, type); phases that bind the same resource the
    // same way share it.
    let mut shared: BTreeMap<(String, String, String), (u32, String)> = BTreeMap::new();
    let mut header = String::new();
    let mut sources = Vec::new();
    let mut bodies = String::new();
    let mut renames: Vec<BTreeMap<String, String>> = Vec::new();
    // Each phase's weight bindings (none for attention), for the idle workgroups' prefetch.
    let mut weights: Vec<Vec<String>> = Vec::new();
    for (i, (p, phase)) in parsed.iter().zip(phases).enumerate() {
        let prefix = format!("p{i}_");
        let mut names: BTreeMap<String, String> = p
            .names
            .iter()
            .map(|n| (n.clone(), format!("{prefix}{n}")))
            .collect();
        names.extend(pooled[i].clone());
        for b in &p.bindings {
            // A binding the dispatch gives no resource is one no kernel of it uses: declared
            // all the same (unused code may name it), left out of the layout by reflection.
            let r = resource_of(phase, b.binding);
            // The type after this phase's renaming: phase-local structs keep bindings apart.
            let ty = rename(&b.ty, &names, false);
            let space = match b.space.as_str() {
                "uniform" => "uniform".to_string(),
                _ if r.is_some_and(|r| written.contains(&r)) => "storage, read_write".to_string(),
                s => s.to_string(),
            };
            let owner = match r {
                Some(r) => format!("{r:?}"),
                None => format!("unused {i} {}", b.binding),
            };
            let key = (owner, space.clone(), ty.clone());
            let next = shared.len() as u32;
            let (binding, global) = shared
                .entry(key)
                .or_insert_with(|| (next, format!("bind{next}_{}", b.name)))
                .clone();
            if binding == next {
                // Written here and read by other workgroups after a grid barrier: coherent, so
                // no read hits a stale line of a multiprocessor's own cache.
                let coherent = match space.as_str() {
                    "storage, read_write" => "@coherent ",
                    _ => "",
                };
                writeln!(
                    header,
                    "@group(0) @binding({binding}) {coherent}var<{space}> {global}: {ty};"
                )
                .ok();
                if r.is_some() {
                    sources.push((binding, i, b.binding));
                }
            }
            names.insert(b.name.clone(), global);
        }
        weights.push(
            ["w_q", "w_s"]
                .iter()
                .filter_map(|w| names.get(*w).filter(|g| g.starts_with("bind")).cloned())
                .collect::<Vec<String>>(),
        );
        bodies.push_str(&rename(&p.body, &names, true));
        bodies.push('\n');
        renames.push(names);
    }
    let barrier = shared.len() as u32;

    let mut wgsl = String::new();
    writeln!(
        wgsl,
        "// Persistent block kernel `{label}`: {} phases, {workgroups} workgroups of \
         {workgroup} threads (generated by natter_compiler's persist.rs).",
        phases.len()
    )
    .ok();
    wgsl.push_str(&header);
    writeln!(
        wgsl,
        "@group(0) @binding({barrier}) var<storage, read_write> grid_barrier: array<atomic<u32>>;"
    )
    .ok();
    writeln!(wgsl, "const BLOCK_WORKGROUPS: u32 = {workgroups}u;").ok();
    writeln!(wgsl, "const SPIN_LIMIT: u32 = {SPIN_LIMIT}u;").ok();
    writeln!(wgsl, "const PREFETCH_LOADS: u32 = {PREFETCH_LOADS}u;").ok();
    wgsl.push_str(GRID_SYNC);
    wgsl.push_str("var<workgroup> phase_groups: u32;\n");
    for ((element, slot), len) in &pool {
        writeln!(
            wgsl,
            "var<workgroup> {}: array<{element}, {len}>;",
            pool_name(element, *slot)
        )
        .ok();
    }
    wgsl.push('\n');
    wgsl.push_str(&bodies);

    let sg_param = if subgroups {
        ", @builtin(subgroup_size) sg_size: u32"
    } else {
        ""
    };
    writeln!(
        wgsl,
        "@compute @workgroup_size({workgroup})\nfn main(@builtin(local_invocation_index) tid: u32, \
         @builtin(workgroup_id) wg: vec3<u32>{sg_param}) {{"
    )
    .ok();
    if !subgroups {
        wgsl.push_str("    let sg_size = 1u;\n");
    }
    for (i, phase) in phases.iter().enumerate() {
        if i > 0 {
            wgsl.push_str("    grid_sync(tid);\n");
        }
        // Workgroups the phase leaves idle pull the weights of the next two phases that have
        // any into L2, a load per 32-byte sector, at most PREFETCH_LOADS a thread and matrix
        // (the busy ones wait for them at the next barrier).
        let ahead: Vec<&String> = weights[i + 1..]
            .iter()
            .filter(|w| !w.is_empty())
            .take(2)
            .flatten()
            .collect();
        let busy = match phase.groups {
            PhaseGroups::Fixed(n) => n,
            // Its count is known on the GPU only: the most it can be.
            PhaseGroups::Attention { heads, splits } => heads * splits,
        };
        if !ahead.is_empty() && busy < workgroups {
            writeln!(
                wgsl,
                "    if (wg.x >= {busy}u) {{\n        \
                 let t = (wg.x - {busy}u) * {workgroup}u + tid;\n        \
                 let n = (BLOCK_WORKGROUPS - {busy}u) * {workgroup}u;\n        \
                 var acc = 0u;"
            )
            .ok();
            for w in ahead {
                // `w_q` holds vec4<u32>s (two a sector), `w_s` u32s (eight).
                let (step, x) = match w.ends_with("w_q") {
                    true => (2, ".x"),
                    false => (8, ""),
                };
                writeln!(
                    wgsl,
                    "        for (var j = t * {step}u; j < min(arrayLength(&{w}), (t + \
                     PREFETCH_LOADS * n) * {step}u); j = j + n * {step}u) {{\n            \
                     acc = acc ^ {w}[j]{x};\n        }}"
                )
                .ok();
            }
            // A use of the loads the compiler cannot drop (word 2 of the barrier buffer is a
            // sink).
            wgsl.push_str(
                "        if (acc == 0x9e3779b9u) {\n            \
                 atomicOr(&grid_barrier[2], 1u);\n        }\n    }\n",
            );
        }
        let call = |v: &str| format!("p{i}_main(tid, {v}, sg_size)");
        match phase.groups {
            PhaseGroups::Fixed(n) => {
                writeln!(
                    wgsl,
                    "    for (var v = wg.x; v < {n}u; v = v + BLOCK_WORKGROUPS) {{\n        \
                     {};\n        workgroupBarrier();\n    }}",
                    call("vec3<u32>(v, 0u, 0u)")
                )
                .ok();
            }
            PhaseGroups::Attention { heads, splits } => {
                let count = if splits > 1 {
                    let cols = renames[i].get("cols");
                    let params = renames[i].get("params");
                    let (Some(cols), Some(params)) = (cols, params) else {
                        return Err(invalid(format!(
                            "phase {i} (attention) binds no `cols` or `params`"
                        )));
                    };
                    format!("{heads}u * min({cols}[0].pos / {params}.span + 1u, {splits}u)")
                } else {
                    format!("{heads}u")
                };
                writeln!(
                    wgsl,
                    "    if (tid == 0u) {{\n        phase_groups = {count};\n    }}\n    \
                     let n{i} = workgroupUniformLoad(&phase_groups);\n    \
                     for (var v = wg.x; v < n{i}; v = v + BLOCK_WORKGROUPS) {{\n        \
                     {};\n        workgroupBarrier();\n    }}",
                    call(&format!("vec3<u32>(v % {heads}u, 0u, v / {heads}u)"))
                )
                .ok();
            }
        }
    }
    wgsl.push_str("}\n");
    let (module, info) = validate(label, &wgsl, subgroups)?;
    let bindings = bindings_of(label, &module, &info)?;
    sources.retain(|(b, _, _)| bindings.iter().any(|k| k.binding == *b));
    if let Some(b) = bindings
        .iter()
        .find(|k| k.binding != barrier && sources.iter().all(|s| s.0 != k.binding))
    {
        return Err(invalid(format!("binding {} has no resource", b.binding)));
    }
    let workgroup_bytes = module
        .global_variables
        .iter()
        .filter(|(_, v)| v.space == naga::AddressSpace::WorkGroup)
        .map(|(_, v)| module.types[v.ty].inner.size(module.to_ctx()))
        .sum();
    Ok(BlockKernel {
        label: label.to_string(),
        wgsl,
        bindings,
        sources,
        barrier,
        workgroup_bytes,
    })
}

/// The grid barrier: every workgroup's thread 0 counts its arrival, then waits until all of
/// this barrier's arrivals are in. Arrivals of one barrier are consecutive counts (no workgroup
/// passes a barrier before all reach it), so `old / N + 1` is this one's goal, with no reset
/// between barriers.
const GRID_SYNC: &str = "
fn grid_sync(tid: u32) {
    storageBarrier();
    workgroupBarrier();
    if (tid == 0u) {
        let old = atomicAdd(&grid_barrier[0], 1u);
        let goal = (old / BLOCK_WORKGROUPS + 1u) * BLOCK_WORKGROUPS;
        var spins = 0u;
        loop {
            if (atomicLoad(&grid_barrier[0]) >= goal) {
                break;
            }
            spins = spins + 1u;
            // Once a barrier has given up, results are wrong anyway: no more waiting.
            if (spins > SPIN_LIMIT || ((spins & 1023u) == 0u && atomicLoad(&grid_barrier[1]) != 0u)) {
                atomicStore(&grid_barrier[1], 1u);
                break;
            }
        }
    }
    workgroupBarrier();
    storageBarrier();
}
";

fn resource_of(phase: &Phase<'_>, binding: u32) -> Option<Resource> {
    phase
        .resources
        .iter()
        .find(|(b, _)| *b == binding)
        .map(|(_, r)| *r)
}

/// A binding declaration of a generated kernel.
#[derive(Debug)]
struct BindingDecl {
    binding: u32,
    /// `uniform`, `storage, read` or `storage, read_write`.
    space: String,
    name: String,
    ty: String,
}

/// A generated kernel taken apart: its module-scope names, bindings, and the rest of its text
/// with comments, binding declarations and the entry point's attributes gone.
#[derive(Debug)]
struct Parsed {
    names: Vec<String>,
    bindings: Vec<BindingDecl>,
    /// Workgroup arrays: name, element type, length (declarations left out of `body`).
    shared: Vec<(String, String, u32)>,
    body: String,
}

fn parse(wgsl: &str) -> Result<Parsed, String> {
    // Array lengths as naga evaluates them (they are constant expressions in the source).
    let module = naga::front::wgsl::parse_str(wgsl).map_err(|e| e.emit_to_string(wgsl))?;
    let lengths: BTreeMap<String, u32> = module
        .global_variables
        .iter()
        .filter(|(_, v)| v.space == naga::AddressSpace::WorkGroup)
        .filter_map(|(_, v)| match module.types[v.ty].inner {
            naga::TypeInner::Array {
                size: naga::ArraySize::Constant(n),
                ..
            } => Some((v.name.clone()?, n.get())),
            _ => None,
        })
        .collect();
    let mut shared = Vec::new();
    let mut names = Vec::new();
    let mut bindings = Vec::new();
    let mut body = String::new();
    let lines = wgsl
        .lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .filter(|l| !l.trim().is_empty());
    let mut entry = false;
    for line in lines {
        if let Some(rest) = line.strip_prefix("@group(0) @binding(") {
            let (number, rest) = rest.split_once(')').ok_or("bad binding")?;
            let binding = number
                .parse()
                .map_err(|_| format!("bad binding `{line}`"))?;
            let rest = rest
                .trim_start()
                .strip_prefix("var<")
                .ok_or("bad binding")?;
            let (space, rest) = rest.split_once('>').ok_or("bad binding")?;
            let (name, ty) = rest.split_once(':').ok_or("bad binding")?;
            let ty = ty.trim().trim_end_matches(';').trim();
            bindings.push(BindingDecl {
                binding,
                space: space
                    .split(',')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(", "),
                name: name.trim().to_string(),
                ty: ty.to_string(),
            });
            continue;
        }
        if line.starts_with("@compute") {
            entry = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix("var<workgroup> ") {
            let (name, ty) = rest.split_once(':').ok_or("bad workgroup variable")?;
            let name = name.trim();
            if let (Some(&n), Some(array)) = (lengths.get(name), ty.trim().strip_prefix("array<")) {
                let element = array.rsplit_once(',').ok_or("bad workgroup array")?.0;
                shared.push((name.to_string(), element.trim().to_string(), n));
                continue;
            }
        }
        if entry && line.starts_with("fn main(") {
            entry = false;
            let params = line
                .strip_prefix("fn main(")
                .and_then(|l| l.rsplit_once(')'))
                .map(|(p, _)| p)
                .ok_or("bad entry point")?;
            let mut tid = None;
            let mut wg = None;
            let mut sg = None;
            for param in params.split(", ") {
                let (attr, rest) = param.split_once(' ').ok_or("bad entry point parameter")?;
                let name = rest.split(':').next().unwrap_or("").trim().to_string();
                match attr {
                    "@builtin(local_invocation_index)" => tid = Some(name),
                    "@builtin(workgroup_id)" => wg = Some(name),
                    "@builtin(subgroup_size)" => sg = Some(name),
                    _ => return Err(format!("entry point takes `{param}`")),
                }
            }
            let sg = sg.unwrap_or_else(|| "_subgroup_size".into());
            writeln!(
                body,
                "fn main({}: u32, {}: vec3<u32>, {sg}: u32) {{",
                tid.unwrap_or_else(|| "_tid".into()),
                wg.unwrap_or_else(|| "_wg".into())
            )
            .ok();
            names.push("main".into());
            continue;
        }
        if !line.starts_with(' ') {
            let decl = line
                .strip_prefix("const ")
                .or_else(|| line.strip_prefix("fn "))
                .or_else(|| line.strip_prefix("struct "))
                .or_else(|| line.strip_prefix("alias "))
                .or_else(|| {
                    line.strip_prefix("var<")
                        .and_then(|l| l.split_once('>'))
                        .map(|(_, r)| r)
                })
                .or_else(|| line.strip_prefix("var "));
            if let Some(decl) = decl {
                let name: String = decl
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if name.is_empty() {
                    return Err(format!("bad declaration `{line}`"));
                }
                names.push(name);
            }
        }
        body.push_str(line);
        body.push('\n');
    }
    Ok(Parsed {
        names,
        bindings,
        shared,
        body,
    })
}

/// `text` with every identifier in `names` replaced, except after a `.` (a member access)
/// and, with `structs`, the member names of struct declarations.
fn rename(text: &str, names: &BTreeMap<String, String>, structs: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut in_struct = false;
    for line in text.lines() {
        if structs && line.starts_with("struct ") {
            in_struct = true;
        }
        let bytes = line.as_bytes();
        let mut i = 0;
        let mut prev = b' ';
        while i < bytes.len() {
            let c = bytes[i];
            if c.is_ascii_digit() {
                // A number with its suffix and exponent: not an identifier.
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                    i += 1;
                }
                out.push_str(&line[start..i]);
                prev = b'0';
                continue;
            }
            if c.is_ascii_alphabetic() || c == b'_' {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let word = &line[start..i];
                let member = in_struct && line[i..].trim_start().starts_with(':');
                match names.get(word) {
                    Some(new) if prev != b'.' && !member => out.push_str(new),
                    _ => out.push_str(word),
                }
                prev = b'a';
                continue;
            }
            if !c.is_ascii_whitespace() {
                prev = c;
            }
            out.push(c as char);
            i += 1;
        }
        if in_struct && line.starts_with('}') {
            in_struct = false;
        }
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_module_names_but_not_members_or_numbers() {
        let names: BTreeMap<String, String> =
            [("x", "p0_x"), ("Params", "p0_Params"), ("e", "p0_e")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        let text = "struct Params {\n    x: u32,\n}\nfn f(p: Params) -> f32 { return p.x + x[1u] * 1.0e-5 + e; }\n";
        assert_eq!(
            rename(text, &names, true),
            "struct p0_Params {\n    x: u32,\n}\nfn f(p: p0_Params) -> f32 { return p.x + p0_x[1u] * 1.0e-5 + p0_e; }\n"
        );
    }
}
