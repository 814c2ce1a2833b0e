//! llama.cpp's SentencePiece-style tokenizer for GGUF `"llama"` vocabularies.
//!
//! `tokenizers`' BPE model ranks merges by their position in a list, so it cannot express
//! llama.cpp's rule that merges are ranked by the *score of the merged token*, equal scores
//! falling back to the leftmost pair. The algorithm is short; this is a port of
//! `llm_tokenizer_spm_session` from `llama-vocab.cpp`.

use std::collections::{BinaryHeap, HashMap};

use super::{TokenKind, TokenizerError};

/// llama.cpp's SentencePiece-style BPE (`llm_tokenizer_spm_session`): start from characters,
/// repeatedly merge the adjacent pair whose concatenation is the highest-scoring token
/// (leftmost on ties), and spell characters that are not tokens as byte tokens.
#[derive(Clone, Debug)]
pub(super) struct SentencePiece {
    scores: Vec<f32>,
    /// Which tokens a merge may produce (normal and user-defined ones).
    mergeable: Vec<bool>,
    byte_tokens: [Option<u32>; 256],
    unknown: Option<u32>,
    add_space_prefix: bool,
}

/// One candidate merge. Ordered so that `BinaryHeap::pop` gives llama.cpp's `work_queue.top()`:
/// highest score, then leftmost.
#[derive(Clone, Copy, Debug)]
struct Bigram {
    score: f32,
    left: usize,
    right: usize,
    size: usize,
}

impl PartialEq for Bigram {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Bigram {}
impl PartialOrd for Bigram {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Bigram {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.left.cmp(&self.left))
    }
}

/// A span of the text being merged, linked to its neighbours.
#[derive(Clone, Copy, Debug)]
struct Symbol {
    start: usize,
    len: usize,
    prev: Option<usize>,
    next: Option<usize>,
}

impl SentencePiece {
    pub(super) fn new(
        texts: &[String],
        kinds: &[TokenKind],
        scores: Option<&[f32]>,
        unknown: Option<u32>,
        text_to_id: &HashMap<String, u32>,
    ) -> Self {
        let mut byte_tokens = [None; 256];
        for (b, slot) in byte_tokens.iter_mut().enumerate() {
            // llama.cpp's `byte_to_token`: `<0xAB>`, else the byte itself as a one-byte token.
            *slot = text_to_id
                .get(&format!("<0x{b:02X}>"))
                .copied()
                .or_else(|| {
                    let c = char::from_u32(b as u32).filter(|c| c.is_ascii())?;
                    text_to_id.get(c.encode_utf8(&mut [0; 4]) as &str).copied()
                });
        }
        SentencePiece {
            scores: scores.map_or_else(|| vec![0.0; texts.len()], |s| s[..texts.len()].to_vec()),
            mergeable: kinds
                .iter()
                .map(|k| matches!(k, TokenKind::Normal | TokenKind::UserDefined))
                .collect(),
            byte_tokens,
            unknown,
            add_space_prefix: true,
        }
    }

    pub(super) fn with_space_prefix(mut self, add_space_prefix: bool) -> Self {
        self.add_space_prefix = add_space_prefix;
        self
    }

    pub(super) fn encode(
        &self,
        fragment: &str,
        prev_special: bool,
        text_to_id: &HashMap<String, u32>,
        kinds: &[TokenKind],
        out: &mut Vec<u32>,
    ) -> Result<(), TokenizerError> {
        let mut text = String::with_capacity(fragment.len() + 3);
        if self.add_space_prefix && prev_special {
            text.push('\u{2581}');
        }
        for c in fragment.chars() {
            text.push(if c == ' ' { '\u{2581}' } else { c });
        }
        let mut symbols: Vec<Symbol> = Vec::with_capacity(text.len());
        for (i, (start, c)) in text.char_indices().enumerate() {
            symbols.push(Symbol {
                start,
                len: c.len_utf8(),
                prev: i.checked_sub(1),
                next: None,
            });
            if i > 0 {
                symbols[i - 1].next = Some(i);
            }
        }
        let mut queue = BinaryHeap::with_capacity(symbols.len());
        let try_add = |queue: &mut BinaryHeap<Bigram>,
                       symbols: &[Symbol],
                       left: Option<usize>,
                       right: Option<usize>| {
            let (Some(left), Some(right)) = (left, right) else {
                return;
            };
            let start = symbols[left].start;
            let size = symbols[left].len + symbols[right].len;
            let Some(&id) = text_to_id.get(&text[start..start + size]) else {
                return;
            };
            if !self.mergeable.get(id as usize).copied().unwrap_or(false) {
                return;
            }
            queue.push(Bigram {
                score: self.scores[id as usize],
                left,
                right,
                size,
            });
        };
        for i in 1..symbols.len() {
            try_add(&mut queue, &symbols, Some(i - 1), Some(i));
        }
        while let Some(bigram) = queue.pop() {
            let (left, right) = (symbols[bigram.left], symbols[bigram.right]);
            // A stale candidate: one side was merged away or has grown since.
            if left.len == 0 || right.len == 0 || left.len + right.len != bigram.size {
                continue;
            }
            symbols[bigram.left].len += right.len;
            symbols[bigram.right].len = 0;
            symbols[bigram.left].next = right.next;
            if let Some(next) = right.next {
                symbols[next].prev = Some(bigram.left);
            }
            try_add(&mut queue, &symbols, left.prev, Some(bigram.left));
            try_add(&mut queue, &symbols, Some(bigram.left), right.next);
        }
        let mut at = if symbols.is_empty() { None } else { Some(0) };
        while let Some(i) = at {
            let s = symbols[i];
            let piece = &text[s.start..s.start + s.len];
            match text_to_id.get(piece) {
                Some(&id)
                    if !kinds[id as usize].is_special()
                        && kinds[id as usize] != TokenKind::Byte =>
                {
                    out.push(id)
                }
                _ => {
                    for &b in piece.as_bytes() {
                        match self.byte_tokens[b as usize].or(self.unknown) {
                            Some(id) => out.push(id),
                            None => return Err(TokenizerError::MissingByteToken { byte: b }),
                        }
                    }
                }
            }
            at = s.next;
        }
        Ok(())
    }
}
