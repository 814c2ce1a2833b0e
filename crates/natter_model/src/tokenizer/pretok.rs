//! llama.cpp's pre-tokenizers for byte-level BPE, ported line for line.
//!
//! A BPE vocabulary only reproduces the ids a model was trained on if text is cut into the same
//! words before merging. llama.cpp does not run the regexes of `tokenizer.json` as written: it
//! runs hand-written matchers for the common ones (`unicode_regex_split_custom_gpt2`, `_llama3`,
//! `_qwen2` in `src/unicode.cpp`) and `std::regex` over a "collapsed" text for the rest, and it
//! classifies characters with its own Unicode table. Running the original regexes through
//! `fancy-regex` disagrees with it at the edges (unassigned code points, characters whose class
//! changed between Unicode versions, lone trailing spaces), so this module ports llama.cpp's
//! matchers and uses its table ([`super::unicode_classes`]).
//!
//! Every splitter works like llama.cpp's: it takes a list of segments (lengths in code points)
//! and cuts each one further, never merging across segment boundaries. A pre-tokenizer is a
//! sequence of such stages.

use super::unicode_classes::{CLASS_RANGES, WHITESPACE};

/// The class of a code point, as far as the pre-tokenizers care (llama.cpp `unicode_cpt_flags`
/// reduced to the categories any supported regex names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// `\p{L}`.
    Letter,
    /// `\p{N}`.
    Number,
    /// `\p{P}`.
    Punctuation,
    /// Everything else (symbols, marks, separators, controls, unassigned).
    Other,
}

/// The flags of one code point inside the current segment. Positions outside the segment have
/// no flags at all (llama.cpp's `unicode_cpt_flags{}` whose `as_uint()` is 0), which is why
/// lookups return `Option`.
#[derive(Clone, Copy, Debug)]
struct Flags {
    class: Class,
    whitespace: bool,
}

impl Flags {
    fn of(c: char) -> Self {
        let cp = c as u32;
        // `CLASS_RANGES` starts at 0 and is sorted, so the partition point is at least 1.
        let i = CLASS_RANGES.partition_point(|&(start, _)| start <= cp);
        let class = CLASS_RANGES[i.saturating_sub(1)].1;
        let whitespace = WHITESPACE.binary_search(&cp).is_ok();
        Flags { class, whitespace }
    }
}

fn is_letter(f: Option<Flags>) -> bool {
    matches!(
        f,
        Some(Flags {
            class: Class::Letter,
            ..
        })
    )
}

fn is_number(f: Option<Flags>) -> bool {
    matches!(
        f,
        Some(Flags {
            class: Class::Number,
            ..
        })
    )
}

fn is_whitespace(f: Option<Flags>) -> bool {
    matches!(
        f,
        Some(Flags {
            whitespace: true,
            ..
        })
    )
}

/// `[^\s\p{L}\p{N}]` in llama.cpp's hand-written matchers: a code point of the segment that is
/// neither whitespace, letter nor number (`flags.as_uint() != 0` excludes positions outside).
fn is_other(f: Option<Flags>) -> bool {
    match f {
        Some(f) => !f.whitespace && !matches!(f.class, Class::Letter | Class::Number),
        None => false,
    }
}

/// One stage of a pre-tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)` (GPT-2).
    Gpt2,
    /// `(?i:'s|…)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,MAX}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
    /// with `MAX` = 3 (LLaMA 3) or 1 (Qwen2).
    Llama3 { max_digits: usize },
    /// `\p{N}` through `std::regex`: every number character on its own.
    EachNumber,
    /// `\p{N}+` through `std::regex`: runs of number characters.
    NumberRuns,
    /// `[0-9][0-9][0-9]` through `std::regex`: groups of three ASCII digits, left to right.
    AsciiDigitTriples,
    /// `[\p{P}\$\+<=>\^~\|]+` through `std::regex`: runs of punctuation and a few ASCII symbols.
    PunctuationRuns,
}

/// A llama.cpp pre-tokenizer (`LLAMA_VOCAB_PRE_TYPE_*`) that natter reproduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PreSplit {
    /// `LLAMA_VOCAB_PRE_TYPE_DEFAULT`: used when a GGUF names no pre-tokenizer.
    Default,
    /// `LLAMA_VOCAB_PRE_TYPE_GPT2` and the types that share its regex.
    Gpt2,
    /// `LLAMA_VOCAB_PRE_TYPE_STARCODER`/`SMOLLM` and friends: digits split one by one, then GPT-2.
    DigitsThenGpt2,
    /// `LLAMA_VOCAB_PRE_TYPE_LLAMA3` and the types that share its regex.
    Llama3,
    /// `LLAMA_VOCAB_PRE_TYPE_QWEN2` and the types that share its regex.
    Qwen2,
}

impl PreSplit {
    fn stages(self) -> &'static [Stage] {
        match self {
            PreSplit::Default => &[
                Stage::PunctuationRuns,
                Stage::Gpt2,
                Stage::NumberRuns,
                Stage::AsciiDigitTriples,
            ],
            PreSplit::Gpt2 => &[Stage::Gpt2],
            PreSplit::DigitsThenGpt2 => &[Stage::EachNumber, Stage::Gpt2],
            PreSplit::Llama3 => &[Stage::Llama3 { max_digits: 3 }],
            PreSplit::Qwen2 => &[Stage::Llama3 { max_digits: 1 }],
        }
    }

    /// Cut `text` into the words llama.cpp would hand to BPE, appending them to `out`.
    pub(super) fn split<'t>(self, text: &'t str, out: &mut Vec<&'t str>) {
        if text.is_empty() {
            return;
        }
        let cpts: Vec<char> = text.chars().collect();
        let flags: Vec<Flags> = cpts.iter().map(|&c| Flags::of(c)).collect();
        let mut segments = vec![cpts.len()];
        let mut next = Vec::with_capacity(cpts.len() / 2 + 1);
        for &stage in self.stages() {
            next.clear();
            let mut start = 0;
            for &len in &segments {
                let seg = Segment {
                    cpts: &cpts,
                    flags: &flags,
                    ini: start,
                    end: start + len,
                };
                match stage {
                    Stage::Gpt2 => seg.gpt2(&mut next),
                    Stage::Llama3 { max_digits } => seg.llama3(max_digits, &mut next),
                    Stage::EachNumber => seg.runs(|_, f| f.class == Class::Number, 1, &mut next),
                    Stage::NumberRuns => {
                        seg.runs(|_, f| f.class == Class::Number, usize::MAX, &mut next)
                    }
                    Stage::AsciiDigitTriples => seg.ascii_digit_triples(&mut next),
                    Stage::PunctuationRuns => seg.runs(in_punctuation_class, usize::MAX, &mut next),
                }
                start += len;
            }
            std::mem::swap(&mut segments, &mut next);
        }
        // Code point lengths back to byte ranges of `text`.
        let mut byte = 0;
        let mut cp = 0;
        for len in segments {
            let from = byte;
            for c in &cpts[cp..cp + len] {
                byte += c.len_utf8();
            }
            cp += len;
            out.push(&text[from..byte]);
        }
    }
}

/// The character class `[\p{P}\$\+<=>\^~\|]` as llama.cpp's `std::regex` sees it: ASCII
/// characters are matched as themselves; any other code point is first "collapsed" to one byte
/// standing for its category, whitespace taking precedence over the category.
fn in_punctuation_class(c: char, f: Flags) -> bool {
    if c.is_ascii() {
        f.class == Class::Punctuation || matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '~' | '|')
    } else {
        !f.whitespace && f.class == Class::Punctuation
    }
}

/// One segment `[ini, end)` of the code points being split.
struct Segment<'a> {
    cpts: &'a [char],
    flags: &'a [Flags],
    ini: usize,
    end: usize,
}

/// Appends the lengths of the pieces of one segment; `prev_end` is where the next piece starts.
struct Pieces<'o> {
    out: &'o mut Vec<usize>,
    prev_end: usize,
}

impl Pieces<'_> {
    /// llama.cpp's `_add_token`: end the current piece at `end` (empty pieces are dropped).
    fn add(&mut self, end: usize) {
        let len = end - self.prev_end;
        if len > 0 {
            self.out.push(len);
        }
        self.prev_end = end;
    }
}

impl Segment<'_> {
    fn cpt(&self, pos: usize) -> Option<char> {
        (self.ini <= pos && pos < self.end).then(|| self.cpts[pos])
    }

    fn flags(&self, pos: usize) -> Option<Flags> {
        (self.ini <= pos && pos < self.end).then(|| self.flags[pos])
    }

    /// `unicode_regex_split_stl` for a pattern of the form `[class]{1,max}`: matches become
    /// pieces, and so does the text between them.
    fn runs(&self, in_class: impl Fn(char, Flags) -> bool, max: usize, out: &mut Vec<usize>) {
        let mut pieces = Pieces {
            out,
            prev_end: self.ini,
        };
        let mut pos = self.ini;
        while pos < self.end {
            if in_class(self.cpts[pos], self.flags[pos]) {
                pieces.add(pos);
                let start = pos;
                while pos < self.end
                    && pos - start < max
                    && in_class(self.cpts[pos], self.flags[pos])
                {
                    pos += 1;
                }
                pieces.add(pos);
            } else {
                pos += 1;
            }
        }
        pieces.add(self.end);
    }

    /// `[0-9][0-9][0-9]` through `std::regex_iterator`: non-overlapping matches, left to right.
    fn ascii_digit_triples(&self, out: &mut Vec<usize>) {
        let mut pieces = Pieces {
            out,
            prev_end: self.ini,
        };
        let mut pos = self.ini;
        while pos + 3 <= self.end {
            if self.cpts[pos..pos + 3].iter().all(char::is_ascii_digit) {
                pieces.add(pos);
                pieces.add(pos + 3);
                pos += 3;
            } else {
                pos += 1;
            }
        }
        pieces.add(self.end);
    }

    /// The contractions `'s|'t|'re|'ve|'m|'ll|'d` at `pos`, case-insensitively or not; the
    /// length matched (2 or 3), if any. Only ASCII letters lower-case to these letters in
    /// llama.cpp's table, so ASCII case folding is exact.
    fn contraction(&self, pos: usize, ignore_case: bool) -> Option<usize> {
        if self.cpts[pos] != '\'' || pos + 1 >= self.end {
            return None;
        }
        let fold = |c: char| {
            if ignore_case {
                c.to_ascii_lowercase()
            } else {
                c
            }
        };
        let next = fold(self.cpts[pos + 1]);
        if matches!(next, 's' | 't' | 'm' | 'd') {
            return Some(2);
        }
        if pos + 2 < self.end {
            let next_next = fold(self.cpts[pos + 2]);
            if matches!((next, next_next), ('r', 'e') | ('v', 'e') | ('l', 'l')) {
                return Some(3);
            }
        }
        None
    }

    /// `unicode_regex_split_custom_gpt2`.
    fn gpt2(&self, out: &mut Vec<usize>) {
        let mut pieces = Pieces {
            out,
            prev_end: self.ini,
        };
        let mut pos = self.ini;
        while pos < self.end {
            let cpt = self.cpts[pos];
            let flags = self.flags(pos);

            // 's|'t|'re|'ve|'m|'ll|'d
            if let Some(len) = self.contraction(pos, false) {
                pos += len;
                pieces.add(pos);
                continue;
            }

            let space = usize::from(cpt == ' ');
            let mut flags2 = if cpt == ' ' {
                self.flags(pos + 1)
            } else {
                flags
            };
            // <space>?\p{L}+
            if is_letter(flags2) {
                pos += space;
                while is_letter(flags2) {
                    pos += 1;
                    flags2 = self.flags(pos);
                }
                pieces.add(pos);
                continue;
            }
            // <space>?\p{N}+
            if is_number(flags2) {
                pos += space;
                while is_number(flags2) {
                    pos += 1;
                    flags2 = self.flags(pos);
                }
                pieces.add(pos);
                continue;
            }
            // <space>?[^\s\p{L}\p{N}]+
            if is_other(flags2) {
                pos += space;
                while is_other(flags2) {
                    pos += 1;
                    flags2 = self.flags(pos);
                }
                pieces.add(pos);
                continue;
            }

            let mut num_whitespaces = 0;
            while is_whitespace(self.flags(pos + num_whitespaces)) {
                num_whitespaces += 1;
            }
            // \s+(?!\S)
            if num_whitespaces > 1 && self.cpt(pos + num_whitespaces).is_some() {
                pos += num_whitespaces - 1;
                pieces.add(pos);
                continue;
            }
            // \s+
            if num_whitespaces > 0 {
                pos += num_whitespaces;
                pieces.add(pos);
                continue;
            }
            // no match
            pos += 1;
            pieces.add(pos);
        }
    }

    /// `unicode_regex_split_custom_llama3` (`max_digits` 3) and `_qwen2` (`max_digits` 1).
    fn llama3(&self, max_digits: usize, out: &mut Vec<usize>) {
        let mut pieces = Pieces {
            out,
            prev_end: self.ini,
        };
        let mut pos = self.ini;
        while pos < self.end {
            let cpt = self.cpts[pos];
            let flags = self.flags(pos);

            // (?i:'s|'t|'re|'ve|'m|'ll|'d)
            if let Some(len) = self.contraction(pos, true) {
                pos += len;
                pieces.add(pos);
                continue;
            }

            // [^\r\n\p{L}\p{N}]?\p{L}+
            if !(cpt == '\r' || cpt == '\n' || is_number(flags))
                && (is_letter(flags) || is_letter(self.flags(pos + 1)))
            {
                pos += 1;
                while is_letter(self.flags(pos)) {
                    pos += 1;
                }
                pieces.add(pos);
                continue;
            }

            // \p{N}{1,max_digits}
            if is_number(flags) {
                let mut ini = pos;
                while is_number(self.flags(pos)) {
                    pos += 1;
                    if pos - ini >= max_digits {
                        pieces.add(pos);
                        ini = pos;
                    }
                }
                pieces.add(pos);
                continue;
            }

            // <space>?[^\s\p{L}\p{N}]+[\r\n]*
            // llama.cpp tests the flags of `cpt` itself for being inside the segment, not those of
            // the character after the space, so a lone trailing space also lands here.
            let mut flags2 = if cpt == ' ' {
                self.flags(pos + 1)
            } else {
                flags
            };
            let not_wln = |f: Option<Flags>| match f {
                Some(f) => !f.whitespace && !matches!(f.class, Class::Letter | Class::Number),
                None => true,
            };
            if not_wln(flags2) && flags.is_some() {
                pos += usize::from(cpt == ' ');
                while is_other(flags2) {
                    pos += 1;
                    flags2 = self.flags(pos);
                }
                while matches!(self.cpt(pos), Some('\r' | '\n')) {
                    pos += 1;
                }
                pieces.add(pos);
                continue;
            }

            let mut num_whitespaces = 0;
            let mut last_end_r_or_n = 0;
            while is_whitespace(self.flags(pos + num_whitespaces)) {
                if matches!(self.cpts[pos + num_whitespaces], '\r' | '\n') {
                    last_end_r_or_n = pos + num_whitespaces + 1;
                }
                num_whitespaces += 1;
            }
            // \s*[\r\n]+
            if last_end_r_or_n > 0 {
                pos = last_end_r_or_n;
                pieces.add(pos);
                continue;
            }
            // \s+(?!\S)
            if num_whitespaces > 1 && self.cpt(pos + num_whitespaces).is_some() {
                pos += num_whitespaces - 1;
                pieces.add(pos);
                continue;
            }
            // \s+
            if num_whitespaces > 0 {
                pos += num_whitespaces;
                pieces.add(pos);
                continue;
            }
            // no match
            pos += 1;
            pieces.add(pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(pre: PreSplit, text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        pre.split(text, &mut out);
        assert_eq!(out.concat(), text, "pieces must cover the text");
        out
    }

    #[test]
    fn gpt2_keeps_the_last_space_for_the_next_word() {
        assert_eq!(split(PreSplit::Gpt2, "a   b"), ["a", "  ", " b"]);
        assert_eq!(split(PreSplit::Gpt2, "trailing   "), ["trailing", "   "]);
        assert_eq!(
            split(PreSplit::Gpt2, "it's THE'S"),
            ["it", "'s", " THE", "'", "S"]
        );
    }

    #[test]
    fn smollm_isolates_digits() {
        assert_eq!(
            split(PreSplit::DigitsThenGpt2, "x 123"),
            ["x", " ", "1", "2", "3"]
        );
    }

    #[test]
    fn llama3_groups_digits_by_three_and_folds_contractions() {
        assert_eq!(
            split(PreSplit::Llama3, "12345 I'LL"),
            ["123", "45", " I", "'LL"]
        );
        assert_eq!(split(PreSplit::Qwen2, "123"), ["1", "2", "3"]);
        assert_eq!(split(PreSplit::Llama3, "a\n\n b"), ["a", "\n\n", " b"]);
    }

    #[test]
    fn default_splits_punctuation_runs_and_digit_triples() {
        assert_eq!(
            split(PreSplit::Default, "a+=b 12345"),
            ["a", "+=", "b", " ", "123", "45"]
        );
    }

    #[test]
    fn class_table_covers_unicode() {
        assert_eq!(Flags::of('a').class, Class::Letter);
        assert_eq!(Flags::of('٣').class, Class::Number);
        assert_eq!(Flags::of('、').class, Class::Punctuation);
        assert!(Flags::of('\u{00A0}').whitespace);
        assert_eq!(Flags::of('\u{10FFFF}').class, Class::Other);
    }
}
