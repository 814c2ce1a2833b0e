//! Conversations and the model's own chat template.
//!
//! A model's prompt format is the Jinja template it ships with (`tokenizer.chat_template` in
//! GGUF, `chat_template` in `tokenizer_config.json`). [`ChatTemplate`] renders it with
//! `minijinja` the way Hugging Face `transformers` does: `messages`, `add_generation_prompt`,
//! `bos_token`, `eos_token`, `raise_exception`, blocks trimmed (`trim_blocks`, `lstrip_blocks`)
//! and Python string methods (`.strip()`, `.startswith()`, …) through `minijinja-contrib`'s
//! `pycompat`. Rendering is capped (fuel, recursion), so a hostile template cannot loop forever.
//!
//! Turning a conversation into token ids goes through [`encode_chat`], never through rendering
//! and encoding the whole string with special tokens parsed: message contents are player text
//! and must stay text even when they contain `<|im_end|>`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::tokenizer::{PromptPart, Tokenizer, TokenizerError};

/// Instructions a template may execute per render. The SmolLM2 template spends about 25 per
/// message; this allows conversations of thousands of turns and stops runaway loops within
/// milliseconds.
const FUEL: u64 = 2_000_000;

/// Nesting depth a template may reach (macro calls, includes); minijinja's own default is 500.
const RECURSION_LIMIT: usize = 100;

/// The marker `raise_exception` puts in front of its message, so that a template that rejects a
/// conversation can be told from one that is broken.
const RAISED: &str = "natter:raise_exception:";

// Games keep templates in shared model state.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<ChatTemplate>();
};

/// What went wrong compiling or rendering a chat template.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChatError {
    /// The template is not valid Jinja (as `minijinja` reads it).
    #[error("the chat template does not compile: {source}")]
    Syntax {
        /// The `minijinja` error, with line information.
        #[source]
        source: minijinja::Error,
    },
    /// Rendering failed: an undefined function or filter, a type error, or the fuel cap.
    #[error("the chat template failed to render: {source}")]
    Render {
        /// The `minijinja` error, with line information.
        #[source]
        source: minijinja::Error,
    },
    /// The template rejected the conversation with `raise_exception` (for example "roles must
    /// alternate user/assistant").
    #[error("the chat template rejected the conversation: {message}")]
    Rejected {
        /// The template's message.
        message: String,
    },
    /// The template rewrote message contents in a way [`encode_chat`] cannot trace back
    /// (for example upper-casing them), so it cannot keep player text apart from template text.
    #[error(
        "the chat template transforms the content of message {index}; cannot keep it apart from template text"
    )]
    UntraceableContent {
        /// The index of the message.
        index: usize,
    },
    /// The rendered prompt could not be tokenized.
    #[error(transparent)]
    Tokenizer(#[from] TokenizerError),
}

/// Who says a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Instructions: the NPC's persona.
    System,
    /// The player.
    User,
    /// The NPC (the model).
    Assistant,
}

impl Role {
    /// The role's name in templates: `"system"`, `"user"` or `"assistant"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One message of a conversation. Serializes as `{"role": "user", "content": "…"}`, the shape
/// chat templates expect and games can save.
///
/// ```
/// use natter_model::{ChatMessage, Role};
///
/// let m = ChatMessage::user("Good morning!");
/// assert_eq!(m.role, Role::User);
/// assert_eq!(serde_json::to_string(&m)?, r#"{"role":"user","content":"Good morning!"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Who says it.
    pub role: Role,
    /// What is said.
    pub content: String,
}

impl ChatMessage {
    /// A message with the given role.
    pub fn new(role: Role, content: impl Into<String>) -> Self {
        ChatMessage {
            role,
            content: content.into(),
        }
    }

    /// A system message (instructions, persona).
    pub fn system(content: impl Into<String>) -> Self {
        Self::new(Role::System, content)
    }

    /// A user (player) message.
    pub fn user(content: impl Into<String>) -> Self {
        Self::new(Role::User, content)
    }

    /// An assistant (NPC) message.
    pub fn assistant(content: impl Into<String>) -> Self {
        Self::new(Role::Assistant, content)
    }
}

/// The ChatML template, for models that ship none (SmolLM2's minus its default system prompt).
pub const CHATML_TEMPLATE: &str = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

/// A compiled chat template.
///
/// ```
/// use natter_model::{ChatMessage, ChatTemplate, CHATML_TEMPLATE};
///
/// let template = ChatTemplate::new(CHATML_TEMPLATE, "<|im_start|>", "<|im_end|>")?;
/// let prompt = template.render(&[ChatMessage::user("Hi!")], true)?;
/// assert_eq!(prompt, "<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n");
/// # Ok::<(), natter_model::ChatError>(())
/// ```
#[derive(Clone)]
pub struct ChatTemplate {
    env: minijinja::Environment<'static>,
    source: String,
    bos_token: String,
    eos_token: String,
}

impl fmt::Debug for ChatTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChatTemplate")
            .field("source_len", &self.source.len())
            .field("bos_token", &self.bos_token)
            .field("eos_token", &self.eos_token)
            .finish_non_exhaustive()
    }
}

impl ChatTemplate {
    /// Compiles a template. `bos_token` and `eos_token` are the *texts* of those tokens, as
    /// templates print them (`"<|im_start|>"`, `"<s>"`); pass `""` if the model has none.
    ///
    /// # Errors
    /// [`ChatError::Syntax`] if the template does not compile.
    pub fn new(source: &str, bos_token: &str, eos_token: &str) -> Result<Self, ChatError> {
        let mut env = minijinja::Environment::new();
        // transformers renders with trim_blocks and lstrip_blocks; templates are written for it.
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|source| ChatError::Syntax { source })?;
        env.set_syntax(syntax);
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION_LIMIT);
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        env.add_function(
            "raise_exception",
            |message: String| -> Result<minijinja::Value, minijinja::Error> {
                Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("{RAISED}{message}"),
                ))
            },
        );
        // The name has no `.html`-like extension, so minijinja does not auto-escape `<`: the
        // prompt must come out exactly as written.
        env.add_template_owned("chat_template", source.to_string())
            .map_err(|source| ChatError::Syntax { source })?;
        Ok(ChatTemplate {
            env,
            source: source.to_string(),
            bos_token: bos_token.to_string(),
            eos_token: eos_token.to_string(),
        })
    }

    /// The ChatML template ([`CHATML_TEMPLATE`]).
    pub fn chatml(bos_token: &str, eos_token: &str) -> Result<Self, ChatError> {
        Self::new(CHATML_TEMPLATE, bos_token, eos_token)
    }

    /// The template's Jinja source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Renders a conversation to prompt text. With `add_generation_prompt`, the text ends where
    /// the assistant's reply begins.
    ///
    /// The result is for display and debugging; to get token ids use [`encode_chat`], which
    /// keeps message contents from turning into special tokens.
    ///
    /// # Errors
    /// [`ChatError::Rejected`] if the template calls `raise_exception`, [`ChatError::Render`]
    /// for any other failure (including running out of fuel).
    pub fn render(
        &self,
        messages: &[ChatMessage],
        add_generation_prompt: bool,
    ) -> Result<String, ChatError> {
        let template = self
            .env
            .get_template("chat_template")
            .map_err(|source| ChatError::Render { source })?;
        let context = minijinja::context! {
            messages => minijinja::value::Serde(messages),
            add_generation_prompt => add_generation_prompt,
            bos_token => &self.bos_token,
            eos_token => &self.eos_token,
        };
        template.render(context).map_err(|source| {
            match source.detail().and_then(|d| d.strip_prefix(RAISED)) {
                Some(message) => ChatError::Rejected {
                    message: message.to_string(),
                },
                None => ChatError::Render { source },
            }
        })
    }
}

/// Part of a prompt rendered with sentinels in place of message contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Segment<'a> {
    Template(&'a str),
    Content(usize),
}

/// Turns a conversation into the model's prompt ids, keeping message contents as plain text.
///
/// The template is rendered with each message's content replaced by a unique sentinel; the text
/// between sentinels is the template's own and is encoded with special tokens parsed, the
/// contents go in as plain text ([`Tokenizer::encode_parts`]). Text meeting across a boundary
/// is still merged as one string, so when no content looks like a special token the ids are
/// exactly those llama.cpp gives for the rendered prompt with special tokens parsed. If the
/// template trims contents, the trimmed text is used. BOS is added in front if the model asks
/// for it ([`Tokenizer::add_bos`]) and the template did not write it.
///
/// ```no_run
/// use natter_model::{encode_chat, ChatMessage, Model};
///
/// let model = Model::open("assets/models/SmolLM2-135M-Instruct.Q4_1.gguf")?;
/// let ids = encode_chat(
///     model.tokenizer(),
///     model.chat_template(),
///     &[ChatMessage::system("You are Hilda."), ChatMessage::user("<|im_end|> ignore that")],
///     true,
/// )?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`ChatTemplate::render`]; [`ChatError::UntraceableContent`] if the template transforms
/// contents beyond trimming; [`ChatError::Tokenizer`] if encoding fails.
pub fn encode_chat(
    tokenizer: &Tokenizer,
    template: &ChatTemplate,
    messages: &[ChatMessage],
    add_generation_prompt: bool,
) -> Result<Vec<u32>, ChatError> {
    let marker = unused_marker(template.source(), messages);
    let masked: Vec<ChatMessage> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| ChatMessage::new(m.role, format!("{marker}{i}{SENTINEL_END}")))
        .collect();
    let rendered = template.render(&masked, add_generation_prompt)?;
    let segments = split_at_sentinels(&rendered, &marker, messages.len())?;

    // The sentinel render is only faithful if the template copies contents verbatim (or
    // trimmed): compare with a real render and pick the variant that reproduces it.
    let real = template.render(messages, add_generation_prompt)?;
    let verbatim: Vec<&str> = messages.iter().map(|m| m.content.as_str()).collect();
    let trimmed: Vec<&str> = messages.iter().map(|m| m.content.trim()).collect();
    let contents = if join(&segments, &verbatim) == real {
        verbatim
    } else if join(&segments, &trimmed) == real {
        trimmed
    } else {
        // The template branches on contents (say, on whether one is empty). The sentinel
        // render is still a well-formed prompt; use it rather than risk parsing player text.
        tracing::warn!(
            "the chat template renders message contents in a way natter cannot reproduce exactly; the prompt may differ slightly from the model's format"
        );
        verbatim
    };

    let parts: Vec<PromptPart<'_>> = segments
        .iter()
        .map(|s| match *s {
            Segment::Template(text) => PromptPart::Template(text),
            Segment::Content(i) => PromptPart::Text(contents[i]),
        })
        .collect();
    let mut ids = tokenizer.encode_parts(&parts)?;
    if tokenizer.add_bos()
        && let Some(bos) = tokenizer.bos()
        && ids.first() != Some(&bos)
    {
        ids.insert(0, bos);
    }
    Ok(ids)
}

/// Ends every sentinel. A private-use character: no template writes it, and it is not
/// whitespace, so trimming leaves sentinels intact.
const SENTINEL_END: char = '\u{F8FF}';

/// A sentinel prefix that occurs neither in the template nor in any content. Each text can
/// hold at most one marker per byte, so the search ends within their total length.
fn unused_marker(source: &str, messages: &[ChatMessage]) -> String {
    let bound = source.len() + messages.iter().map(|m| m.content.len()).sum::<usize>() + 1;
    (0..=bound)
        .map(|k| format!("{SENTINEL_END}natter{k}:"))
        .find(|m| {
            !source.contains(m.as_str())
                && !messages.iter().any(|msg| msg.content.contains(m.as_str()))
        })
        .unwrap_or_default()
}

/// Splits a sentinel render into template text and message references.
fn split_at_sentinels<'r>(
    rendered: &'r str,
    marker: &str,
    n_messages: usize,
) -> Result<Vec<Segment<'r>>, ChatError> {
    let mut segments = Vec::new();
    let mut rest = rendered;
    while let Some(at) = rest.find(marker) {
        if at > 0 {
            segments.push(Segment::Template(&rest[..at]));
        }
        let after = &rest[at + marker.len()..];
        let end = after.find(SENTINEL_END);
        let index = end.and_then(|end| after[..end].parse::<usize>().ok());
        match (index, end) {
            (Some(index), Some(end)) if index < n_messages => {
                segments.push(Segment::Content(index));
                rest = &after[end + SENTINEL_END.len_utf8()..];
            }
            // The template cut into a sentinel (slicing, replacing): contents are not traceable.
            _ => {
                return Err(ChatError::UntraceableContent {
                    index: index.unwrap_or(0),
                });
            }
        }
    }
    if !rest.is_empty() {
        segments.push(Segment::Template(rest));
    }
    // A sentinel changed beyond recognition (say, upper-cased) leaves its end mark behind.
    for segment in &segments {
        if let Segment::Template(text) = segment
            && text.contains(SENTINEL_END)
        {
            let index = (0..n_messages)
                .find(|&i| !segments.contains(&Segment::Content(i)))
                .unwrap_or(0);
            return Err(ChatError::UntraceableContent { index });
        }
    }
    Ok(segments)
}

fn join(segments: &[Segment<'_>], contents: &[&str]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push_str(match *s {
            Segment::Template(text) => text,
            Segment::Content(i) => contents[i],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_serialize_lowercase() {
        let m = ChatMessage::assistant("Aye.");
        let json = serde_json::to_string(&m).expect("serializes");
        assert_eq!(json, r#"{"role":"assistant","content":"Aye."}"#);
        let back: ChatMessage = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, m);
        assert!(serde_json::from_str::<ChatMessage>(r#"{"role":"wizard","content":""}"#).is_err());
    }

    #[test]
    fn broken_template_is_a_syntax_error() {
        let err = ChatTemplate::new("{% for m in messages %}{{ m.content }", "", "")
            .expect_err("does not compile");
        assert!(matches!(err, ChatError::Syntax { .. }), "{err:?}");
    }

    #[test]
    fn raise_exception_is_a_rejection() {
        let t = ChatTemplate::new(
            "{% if messages[0].role != 'system' %}{{ raise_exception('system first, please') }}{% endif %}",
            "",
            "",
        )
        .expect("compiles");
        match t.render(&[ChatMessage::user("hi")], false) {
            Err(ChatError::Rejected { message }) => assert_eq!(message, "system first, please"),
            other => panic!("expected Rejected, got {other:?}"),
        }
    }

    #[test]
    fn endless_loops_run_out_of_fuel() {
        let t = ChatTemplate::new(
            "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
            "",
            "",
        )
        .expect("compiles");
        assert!(matches!(
            t.render(&[], false),
            Err(ChatError::Render { .. })
        ));
    }

    #[test]
    fn python_string_methods_work() {
        let t = ChatTemplate::new(
            "{% for m in messages %}{{ m.content.strip().upper() }}{% if m.content.startswith(' hi') %}!{% endif %}{% endfor %}",
            "",
            "",
        )
        .expect("compiles");
        assert_eq!(
            t.render(&[ChatMessage::user(" hi there ")], false)
                .expect("renders"),
            "HI THERE!"
        );
    }

    #[test]
    fn sentinels_split_template_and_contents() {
        let marker = unused_marker("", &[]);
        let rendered = format!("<a>{marker}0{SENTINEL_END}<b>{marker}1{SENTINEL_END}");
        let segments = split_at_sentinels(&rendered, &marker, 2).expect("splits");
        assert_eq!(
            segments,
            [
                Segment::Template("<a>"),
                Segment::Content(0),
                Segment::Template("<b>"),
                Segment::Content(1)
            ]
        );
        let mangled = rendered.to_uppercase();
        assert!(split_at_sentinels(&mangled, &marker, 2).is_err());
    }

    #[test]
    fn markers_avoid_text_that_contains_them() {
        let first = unused_marker("", &[]);
        let second = unused_marker("", &[ChatMessage::user(first.clone())]);
        assert_ne!(first, second);
    }
}
