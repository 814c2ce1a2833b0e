//! The KV cache's slots and the tokens each one holds — also after its conversation has ended —
//! so that a prompt seen before costs no prefill: a new conversation takes the free slot that
//! already holds the longest part of its prompt, or has those rows copied from any slot that
//! holds more (a persona's system prompt shared by many NPCs, or an NPC talked to again after its
//! session was closed).

use std::ops::Range;

/// Every slot's state. Shared by the engine and its sessions behind one mutex.
#[derive(Debug)]
pub(crate) struct SlotPool {
    slots: Vec<SlotState>,
    /// Counts releases, to tell which free slot was left longest ago.
    clock: u64,
}

#[derive(Debug, Default)]
struct SlotState {
    used: bool,
    /// Tokens whose keys and values the slot holds at positions `0..tokens.len()`, including
    /// rows a pending [`KvCopy`] will fill before the next step runs.
    tokens: Vec<u32>,
    /// When it was released (`clock`), for least-recently-used reuse.
    freed: u64,
}

/// Where a new conversation goes, and what it finds there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placement {
    pub slot: u32,
    /// Leading prompt tokens whose keys and values the slot holds (after `copy`, if any).
    pub kept: usize,
    pub copy: Option<KvCopy>,
}

/// Rows (positions) of the KV cache to copy from one slot to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KvCopy {
    pub from: u32,
    pub to: u32,
    pub rows: Range<usize>,
}

/// How many leading tokens `a` and `b` share.
pub(crate) fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

impl SlotPool {
    pub fn new(slots: usize) -> Self {
        SlotPool {
            slots: (0..slots).map(|_| SlotState::default()).collect(),
            clock: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Takes a free slot for a conversation that will start with `prompt` (empty when unknown)
    /// and returns where it went; `None` when every slot is in use.
    ///
    /// A free slot that already holds the longest prefix of `prompt` any slot holds is taken as
    /// it is. Otherwise the least valuable free slot (empty, else the one left longest ago) is
    /// taken, and the rest of that prefix is copied into it from the slot that holds it — so a
    /// residue is only overwritten when its rows are what the new conversation needs.
    pub fn place(&mut self, prompt: &[u32]) -> Option<Placement> {
        let common: Vec<usize> = self
            .slots
            .iter()
            .map(|s| common_prefix(&s.tokens, prompt))
            .collect();
        let best = common.iter().copied().max().unwrap_or(0);
        // Least valuable first: empty, then released longest ago.
        let worth = |i: usize| {
            let s = &self.slots[i];
            (!s.tokens.is_empty(), s.freed)
        };
        let free = || (0..self.slots.len()).filter(|&i| !self.slots[i].used);
        let slot = free()
            .filter(|&i| best > 0 && common[i] == best)
            .min_by_key(|&i| worth(i))
            .or_else(|| free().min_by_key(|&i| worth(i)))?;
        let own = common[slot];
        let copy = (best > own).then(|| {
            let from = (0..self.slots.len())
                .find(|&i| common[i] == best)
                .unwrap_or(slot);
            KvCopy {
                from: from as u32,
                to: slot as u32,
                rows: own..best,
            }
        });
        let kept = if copy.is_some() { best } else { own };
        let s = &mut self.slots[slot];
        s.used = true;
        s.tokens.clear();
        s.tokens.extend_from_slice(&prompt[..kept]);
        Some(Placement {
            slot: slot as u32,
            kept,
            copy,
        })
    }

    /// Frees `slot`; the tokens it holds stay, for a later conversation that starts the same way.
    pub fn release(&mut self, slot: u32) {
        self.clock += 1;
        if let Some(s) = self.slots.get_mut(slot as usize) {
            s.used = false;
            s.freed = self.clock;
        }
    }

    /// Records that `slot` now also holds `tokens`, after what it held.
    pub fn extend_tokens(&mut self, slot: u32, tokens: &[u32]) {
        if let Some(s) = self.slots.get_mut(slot as usize) {
            s.tokens.extend_from_slice(tokens);
        }
    }

    /// Records that `slot` holds only its first `len` tokens.
    pub fn truncate_tokens(&mut self, slot: u32, len: usize) {
        if let Some(s) = self.slots.get_mut(slot as usize) {
            s.tokens.truncate(len);
        }
    }

    #[cfg(test)]
    fn set_tokens(&mut self, slot: u32, tokens: &[u32]) {
        self.truncate_tokens(slot, 0);
        self.extend_tokens(slot, tokens);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_conversation_takes_an_empty_slot_before_a_used_one() {
        let mut pool = SlotPool::new(3);
        let a = pool.place(&[1, 2, 3]).unwrap();
        assert_eq!((a.slot, a.kept, a.copy), (0, 0, None));
        pool.set_tokens(0, &[1, 2, 3, 4]);
        pool.release(0);
        // Nothing in common with slot 0's leftovers: an empty slot keeps them for later.
        let b = pool.place(&[9]).unwrap();
        assert_eq!((b.slot, b.kept, b.copy), (1, 0, None));
        // The same conversation back: slot 0 still holds it.
        let c = pool.place(&[1, 2, 3, 4, 5]).unwrap();
        assert_eq!((c.slot, c.kept, c.copy), (0, 4, None));
    }

    #[test]
    fn a_prefix_held_by_a_busy_slot_is_copied() {
        let mut pool = SlotPool::new(3);
        pool.place(&[]).unwrap();
        pool.set_tokens(0, &[7, 7, 7, 1]);
        // Another NPC with the same persona (tokens 7 7 7): copied into an empty slot.
        let p = pool.place(&[7, 7, 7, 2]).unwrap();
        assert_eq!(p.slot, 1);
        assert_eq!(p.kept, 3);
        assert_eq!(
            p.copy,
            Some(KvCopy {
                from: 0,
                to: 1,
                rows: 0..3
            })
        );
    }

    #[test]
    fn only_the_rows_a_slot_lacks_are_copied() {
        let mut pool = SlotPool::new(2);
        pool.place(&[]).unwrap();
        pool.set_tokens(0, &[5, 6, 7, 8]);
        pool.place(&[]).unwrap();
        pool.set_tokens(1, &[5, 6, 0]);
        pool.release(1);
        let p = pool.place(&[5, 6, 7, 9]).unwrap();
        assert_eq!(p.slot, 1);
        assert_eq!(p.kept, 3);
        assert_eq!(p.copy.map(|c| (c.from, c.rows)), Some((0, 2..3)));
    }

    #[test]
    fn the_slot_left_longest_ago_goes_first_and_a_full_pool_says_so() {
        let mut pool = SlotPool::new(2);
        for slot in 0..2 {
            pool.place(&[]).unwrap();
            pool.set_tokens(slot, &[slot + 10]);
        }
        assert_eq!(pool.place(&[1]), None);
        pool.release(1);
        pool.release(0);
        assert_eq!(pool.place(&[1]).unwrap().slot, 1);
        assert_eq!(pool.place(&[1]).unwrap().slot, 0);
    }
}
