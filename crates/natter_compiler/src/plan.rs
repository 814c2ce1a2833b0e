//! Memory planning: activation buffers shared between values whose lifetimes do not overlap.
//!
//! Values that a node updates in place (the residual stream through `AddInPlace`) form one
//! class and share a buffer by construction. Classes are then packed greedily, in order of
//! their first definition, into the fewest buffers: a buffer is reused once its last value has
//! been read for the last time. The graph output is kept live to the end (it is read back).

use std::collections::BTreeMap;

use crate::ir::{Columns, Epilogue, Graph, Op, ValueId};

/// One activation buffer of the plan: `[columns][floats]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedBuffer {
    /// The first value that lives in it, for labels and diagnostics.
    pub label: String,
    /// Widest value it holds, in `f32`s per column.
    pub floats: usize,
    pub columns: Columns,
}

/// Where every value lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoryPlan {
    pub buffers: Vec<PlannedBuffer>,
    /// Buffer index of each materialised value.
    pub assignment: BTreeMap<ValueId, usize>,
}

impl MemoryPlan {
    /// The buffer of `v`, if it is materialised.
    pub fn buffer_of(&self, v: ValueId) -> Option<usize> {
        self.assignment.get(&v).copied()
    }

    /// Total floats per column over all buffers of a column kind (for reports).
    pub fn floats(&self, columns: Columns) -> usize {
        self.buffers
            .iter()
            .filter(|b| b.columns == columns)
            .map(|b| b.floats)
            .sum()
    }
}

/// Plans `g`'s activations. Values produced by no node (dropped by passes) get no buffer.
pub fn plan_memory(g: &Graph) -> MemoryPlan {
    // Union values that alias: an in-place node's output shares its residual input's class.
    let mut class: BTreeMap<ValueId, ValueId> = BTreeMap::new();
    let mut def: BTreeMap<ValueId, usize> = BTreeMap::new();
    for (i, n) in g.nodes.iter().enumerate() {
        let Some(out) = n.output else { continue };
        let root = match &n.op {
            Op::Linear(l) if l.epilogue == Epilogue::AddInPlace => n
                .inputs
                .get(1)
                .and_then(|r| class.get(r))
                .copied()
                .unwrap_or(out),
            _ => out,
        };
        class.insert(out, root);
        def.insert(out, i);
    }
    // Live range of each class: first definition to last use.
    let mut range: BTreeMap<ValueId, (usize, usize)> = BTreeMap::new();
    for (&v, &root) in &class {
        let start = def[&v];
        let end = g.users(v).into_iter().max().unwrap_or(start);
        let end = if v == g.output { usize::MAX } else { end };
        let e = range.entry(root).or_insert((start, end));
        e.0 = e.0.min(start);
        e.1 = e.1.max(end);
    }
    let mut roots: Vec<(ValueId, (usize, usize))> = range.into_iter().collect();
    roots.sort_by_key(|(v, (start, _))| (*start, *v));

    let mut buffers: Vec<PlannedBuffer> = Vec::new();
    let mut free_after: Vec<usize> = Vec::new();
    let mut root_buffer: BTreeMap<ValueId, usize> = BTreeMap::new();
    for (root, (start, end)) in roots {
        let members: Vec<ValueId> = class
            .iter()
            .filter(|(_, r)| **r == root)
            .map(|(v, _)| *v)
            .collect();
        let floats = members.iter().map(|v| g.value(*v).width).max().unwrap_or(0);
        let columns = g.value(root).columns;
        let name = &g.value(root).name;
        // A buffer is free when its last reader ran strictly before this definition.
        let reuse =
            (0..buffers.len()).find(|&b| buffers[b].columns == columns && free_after[b] < start);
        let b = match reuse {
            Some(b) => {
                buffers[b].floats = buffers[b].floats.max(floats);
                free_after[b] = end;
                b
            }
            None => {
                buffers.push(PlannedBuffer {
                    label: name.clone(),
                    floats,
                    columns,
                });
                free_after.push(end);
                buffers.len() - 1
            }
        };
        root_buffer.insert(root, b);
    }
    let assignment = class
        .iter()
        .map(|(v, root)| (*v, root_buffer[root]))
        .collect();
    MemoryPlan {
        buffers,
        assignment,
    }
}
