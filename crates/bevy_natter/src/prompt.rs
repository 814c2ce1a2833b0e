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
    for examples in [true, false] {
        for first in 0..=turns.len() {
            let msgs = messages(persona, examples, &turns[first..]);
            let tokens = model.encode_chat(&msgs, true)?;
            if tokens.len() <= budget {
                return Ok(tokens);
            }
        }
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
}
