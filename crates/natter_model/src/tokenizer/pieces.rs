//! The bytes each token stands for: GPT-2's byte-level alphabet, SentencePiece's `▁` and
//! `<0xAB>` byte tokens.

use super::TokenKind;

/// GPT-2's byte-to-character table: printable bytes map to themselves, the rest to code points
/// from U+0100 on, so every byte has a visible character.
pub(super) fn byte_to_char(b: u8) -> char {
    BYTE_CHARS[b as usize]
}

static BYTE_CHARS: [char; 256] = {
    let mut table = ['\0'; 256];
    let mut next = 256u32;
    let mut b = 0usize;
    while b < 256 {
        let printable =
            (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        let cp = if printable {
            b as u32
        } else {
            let cp = next;
            next += 1;
            cp
        };
        table[b] = match char::from_u32(cp) {
            Some(c) => c,
            None => '\0',
        };
        b += 1;
    }
    table
};

/// The inverse of [`byte_to_char`].
pub(super) fn char_to_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    match cp {
        0x21..=0x7E | 0xA1..=0xAC | 0xAE..=0xFF => Some(cp as u8),
        0x100..=0x143 => BYTE_CHARS.iter().position(|&x| x == c).map(|b| b as u8),
        _ => None,
    }
}

/// `<0xAB>` → `0xAB`.
pub(super) fn parse_byte_token(text: &str) -> Option<u8> {
    let hex = text.strip_prefix("<0x")?.strip_suffix('>')?;
    if hex.len() != 2 {
        return None;
    }
    u8::from_str_radix(hex, 16).ok()
}

/// How a normal token's text maps to the bytes it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PieceStyle {
    /// GPT-2 byte-level characters.
    ByteLevel,
    /// SentencePiece: `▁` is a space.
    Metaspace,
}

/// Every token's bytes, as llama.cpp's `token_to_piece` with `special = true` gives them.
pub(super) fn pieces(
    texts: &[String],
    kinds: &[TokenKind],
    style: PieceStyle,
) -> (Vec<u8>, Vec<usize>) {
    let mut bytes = Vec::with_capacity(texts.iter().map(String::len).sum());
    let mut ends = Vec::with_capacity(texts.len());
    for (text, kind) in texts.iter().zip(kinds) {
        match kind {
            TokenKind::Normal => match style {
                PieceStyle::ByteLevel => {
                    for c in text.chars() {
                        match char_to_byte(c) {
                            Some(b) => bytes.push(b),
                            // Not a byte-level character: keep it as it is written.
                            None => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                        }
                    }
                }
                PieceStyle::Metaspace => {
                    bytes.extend_from_slice(text.replace('\u{2581}', " ").as_bytes())
                }
            },
            TokenKind::Byte => match parse_byte_token(text) {
                Some(b) => bytes.push(b),
                None => bytes.extend(text.chars().filter_map(char_to_byte)),
            },
            TokenKind::Control | TokenKind::Unknown | TokenKind::UserDefined => {
                bytes.extend_from_slice(text.as_bytes())
            }
            TokenKind::Unused | TokenKind::Undefined => {}
        }
        ends.push(bytes.len());
    }
    (bytes, ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_table_round_trips() {
        for b in 0..=255u8 {
            assert_eq!(char_to_byte(byte_to_char(b)), Some(b), "byte {b}");
        }
        assert_eq!(byte_to_char(b' '), 'Ġ');
        assert_eq!(byte_to_char(b'\n'), 'Ċ');
    }

    #[test]
    fn byte_tokens_parse() {
        assert_eq!(parse_byte_token("<0x0A>"), Some(b'\n'));
        assert_eq!(parse_byte_token("<0xG0>"), None);
        assert_eq!(parse_byte_token("<0x0A0>"), None);
    }
}
