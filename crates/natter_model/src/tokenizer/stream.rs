//! Decoding tokens as they arrive, whole characters at a time.

use super::{Tokenizer, TokenizerError};

/// Turns tokens arriving one at a time into text deltas, never splitting a UTF-8 character.
///
/// Byte-level BPE tokens can end in the middle of a character (an emoji is often three or four
/// tokens); the decoder holds such bytes back until the character is complete. Control tokens
/// produce no text. It owns no reference to the tokenizer, so a game can keep one per
/// conversation next to its session.
///
/// ```no_run
/// use natter_model::{Model, StreamDecoder};
///
/// let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
/// let tokenizer = model.tokenizer();
/// let mut stream = StreamDecoder::new();
/// let mut shown = String::new();
/// for id in tokenizer.encode("Grüß dich 🙂")? {
///     shown += &stream.push(tokenizer, id)?;
/// }
/// shown += &stream.finish();
/// assert_eq!(shown, "Grüß dich 🙂");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct StreamDecoder {
    pending: Vec<u8>,
    started: bool,
}

impl StreamDecoder {
    /// A decoder at the start of a text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one token and returns the text it completes (possibly empty).
    ///
    /// # Errors
    /// [`TokenizerError::TokenOutOfRange`] for an id outside the vocabulary; the decoder is
    /// unchanged then.
    pub fn push(&mut self, tokenizer: &Tokenizer, id: u32) -> Result<String, TokenizerError> {
        let piece = tokenizer.display_piece(id, !self.started)?;
        self.started = true;
        self.pending.extend_from_slice(piece);
        let mut out = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(text) => {
                    out.push_str(text);
                    self.pending.clear();
                    break;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    // The prefix up to `valid_up_to` is valid UTF-8 by definition.
                    out.push_str(&String::from_utf8_lossy(&self.pending[..valid]));
                    match e.error_len() {
                        // Bytes that can never start a character: show U+FFFD, as `decode` does.
                        Some(bad) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            self.pending.drain(..valid + bad);
                        }
                        // An incomplete character at the end: wait for the next token.
                        None => {
                            self.pending.drain(..valid);
                            break;
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Ends the text: bytes of a character that never completed come out as U+FFFD.
    pub fn finish(&mut self) -> String {
        let out = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending.clear();
        self.started = false;
        out
    }

    /// Bytes held back, waiting for the rest of a character.
    pub fn pending_bytes(&self) -> usize {
        self.pending.len()
    }
}
