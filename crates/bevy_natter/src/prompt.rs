//! Conversation rules: the persona leads the prompt, player text is user content, and when a
//! conversation outgrows the context the oldest turns go while the persona stays.

use natter_model::{ChatMessage, Model, ModelError, Role};

use crate::dialogue::{Conversation, Speaker, Turn};
use crate::persona::Persona;

/// The chat messages of a prompt for `persona` after `turns`: system prompt, example
/// exchanges, then the conversation. Consecutive messages of one role are merged (some
/// templates refuse two user turns in a row); lines of other speakers carry their name.
///
/// ```
/// # use bevy_natter::prelude::*;
/// use bevy_natter::prompt_messages;
/// use natter_model::Role;
///
/// let brom = Persona::from_ron(r#"(name: "Brom", identity: "You guard the gate.")"#)?;
/// let mut talk = Conversation::default();
/// talk.push(Speaker::Player, "Can I pass?");
/// talk.push(Speaker::Named("Hilda".into()), "Let them, Brom.");
/// let m = prompt_messages(&brom, true, &talk.turns);
/// assert_eq!((m[0].role, m[1].role, m.len()), (Role::System, Role::User, 2));
/// assert_eq!(m[1].content, "Can I pass?\nHilda: Let them, Brom.");
/// # Ok::<(), bevy_natter::PersonaError>(())
/// ```
pub fn messages(persona: &Persona, examples: bool, turns: &[Turn]) -> Vec<ChatMessage> {
    let mut out = vec![ChatMessage::system(persona.system_prompt())];
    if examples {
        for (said, answer) in &persona.examples {
            out.push(ChatMessage::user(said.clone()));
            out.push(ChatMessage::assistant(answer.clone()));
        }
    }
    for t in turns {
        let (role, text) = match &t.speaker {
            Speaker::Player => (Role::User, t.text.clone()),
            Speaker::Named(name) => (Role::User, format!("{name}: {}", t.text)),
            Speaker::Me => (Role::Assistant, t.text.clone()),
        };
        let n = out.len();
        match out.last_mut() {
            Some(last) if last.role == role && n > 1 => {
                last.content.push('\n');
                last.content.push_str(&text);
            }
            _ => out.push(ChatMessage {
                role,
                content: text,
            }),
        }
    }
    out
}

/// The prompt tokens for `persona` to reply to `conversation`, leaving room for a reply of
/// `reply_tokens` in a context of `context` positions: drops the oldest turns first, then the
/// examples; the persona always stays. Errors when even the persona alone does not fit.
///
/// ```
/// # use bevy_natter::prelude::*;
/// use bevy_natter::encode_prompt;
/// # let mut gguf = Vec::new();
/// # natter_model::synthetic_gguf(&natter_model::SynthSpec::tiny())?.write_to(&mut gguf)?;
/// # let model = natter_model::Model::from_gguf_bytes("tiny.gguf", gguf)?;
///
/// let brom = Persona::from_ron(r#"(name: "Brom", identity: "You guard the gate.")"#)?;
/// let mut talk = Conversation::default();
/// talk.push(Speaker::Player, "Can I pass?");
/// // A 1024-token context, 80 of them kept for the reply.
/// let tokens = encode_prompt(&model, &brom, &talk, 1024, 80)?;
/// assert!(tokens.len() <= 1024 - 80);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode(
    model: &Model,
    persona: &Persona,
    conversation: &Conversation,
    context: usize,
    reply_tokens: usize,
) -> Result<Vec<u32>, PromptError> {
    let budget = context.saturating_sub(reply_tokens);
    let turns = &conversation.turns;
    // The prompt after dropping the `first` oldest turns.
    let after = |examples: bool, first: usize| {
        model.encode_chat(&messages(persona, examples, &turns[first..]), true)
    };
    for examples in [true, false] {
        let whole = after(examples, 0)?;
        if whole.len() <= budget {
            return Ok(whole);
        }
        let bare = after(examples, turns.len())?;
        if bare.len() > budget {
            continue;
        }
        // A prompt only shrinks as its oldest turns go, so the fewest to drop is found by
        // bisection: each try renders and tokenizes the whole prompt, and a long conversation
        // would otherwise take one try per turn, on the game's thread. `lo` turns dropped do
        // not fit, `hi` do.
        let (mut lo, mut hi, mut fits) = (0, turns.len(), bare);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let tokens = after(examples, mid)?;
            if tokens.len() <= budget {
                (hi, fits) = (mid, tokens);
            } else {
                lo = mid;
            }
        }
        return Ok(fits);
    }
    Err(PromptError::PersonaTooLong {
        context,
        reply_tokens,
    })
}

/// Why no prompt could be built.
///
/// ```
/// # use bevy_natter::prelude::*;
/// use bevy_natter::{PromptError, encode_prompt};
/// # let mut gguf = Vec::new();
/// # natter_model::synthetic_gguf(&natter_model::SynthSpec::tiny())?.write_to(&mut gguf)?;
/// # let model = natter_model::Model::from_gguf_bytes("tiny.gguf", gguf)?;
///
/// let brom = Persona::from_ron(r#"(name: "Brom", identity: "You guard the gate.")"#)?;
/// let err = encode_prompt(&model, &brom, &Conversation::default(), 64, 60).unwrap_err();
/// assert!(matches!(err, PromptError::PersonaTooLong { context: 64, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PromptError {
    /// The persona's system prompt alone leaves no room for the reply.
    #[error(
        "the persona alone does not fit in a context of {context} tokens with {reply_tokens} left for the reply"
    )]
    PersonaTooLong {
        /// The context, in tokens.
        context: usize,
        /// The tokens kept for the reply.
        reply_tokens: usize,
    },
    /// The model's chat template or tokenizer failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persona() -> Persona {
        Persona::from_ron(r#"(name: "Hilda", identity: "You are Hilda.", examples: [("Hi", "Hello, traveller.")])"#).unwrap()
    }

    #[test]
    fn persona_leads_and_speakers_map_to_roles() {
        let turns = vec![
            Turn {
                speaker: Speaker::Player,
                text: "Nice sword.".into(),
            },
            Turn {
                speaker: Speaker::Named("Brom".into()),
                text: "It is.".into(),
            },
            Turn {
                speaker: Speaker::Me,
                text: "Thanks.".into(),
            },
        ];
        let m = messages(&persona(), true, &turns);
        assert_eq!(m[0].role, Role::System);
        assert!(m[0].content.starts_with("You are Hilda."));
        assert_eq!((m[1].role, m[2].role), (Role::User, Role::Assistant));
        // Player and Brom are merged into one user turn, Brom's line named.
        assert_eq!(m[3].content, "Nice sword.\nBrom: It is.");
        assert_eq!(m[4].role, Role::Assistant);
        assert_eq!(m.len(), 5);
    }

    fn tiny_model() -> Model {
        let mut gguf = Vec::new();
        natter_model::synthetic_gguf(&natter_model::SynthSpec::tiny())
            .unwrap()
            .write_to(&mut gguf)
            .unwrap();
        Model::from_gguf_bytes("tiny.gguf", gguf).unwrap()
    }

    /// A conversation longer than the context keeps as many of its newest turns as fit: the
    /// same prompt as dropping the oldest turn one at a time until it fits, examples going only
    /// when no turn fits beside them.
    #[test]
    fn long_conversations_keep_the_newest_turns_that_fit() {
        let model = tiny_model();
        let hilda = persona();
        let mut talk = Conversation::default();
        for i in 0..120 {
            let speaker = match i % 3 {
                0 => Speaker::Player,
                1 => Speaker::Named("Brom".into()),
                _ => Speaker::Me,
            };
            talk.push(
                speaker,
                format!(
                    "Line {i}: the well by the mill ran dry in {}.",
                    1000 + i * 7
                ),
            );
        }
        // One turn at a time, as the rule says.
        let oldest_first = |context: usize| -> Option<Vec<u32>> {
            for examples in [true, false] {
                for first in 0..=talk.turns.len() {
                    let msgs = messages(&hilda, examples, &talk.turns[first..]);
                    let tokens = model.encode_chat(&msgs, true).unwrap();
                    if tokens.len() <= context {
                        return Some(tokens);
                    }
                }
            }
            None
        };
        let bare = model
            .encode_chat(&messages(&hilda, false, &[]), true)
            .unwrap()
            .len();
        let whole = model
            .encode_chat(&messages(&hilda, true, &talk.turns), true)
            .unwrap()
            .len();
        let mut contexts: Vec<usize> = (bare..whole + 20).step_by(37).collect();
        contexts.extend([bare + 1, whole, whole + 1]);
        for context in contexts {
            let got = encode(&model, &hilda, &talk, context, 0).ok();
            assert_eq!(got, oldest_first(context), "context {context}");
            if let Some(tokens) = got {
                assert!(tokens.len() <= context);
            }
        }
        assert!(matches!(
            encode(&model, &hilda, &talk, bare - 1, 0),
            Err(PromptError::PersonaTooLong { .. })
        ));
    }
}
