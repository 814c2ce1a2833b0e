//! Personas: who an NPC is and how it speaks, as `.persona.ron` assets.

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use natter_runtime::SamplerConfig;
use serde::Deserialize;

/// Who an NPC is, loaded from a `.persona.ron` file:
///
/// ```ron
/// (
///     name: "Hilda",
///     identity: "You are Hilda, the blacksmith of Oakvale. You are proud of your work.",
///     style: "Plain words, short sentences. You call everyone 'traveller'.",
///     examples: [("What do you sell?", "Horseshoes, nails and good steel, traveller.")],
///     sampling: (temperature: 0.7, top_k: 40, top_p: 0.9, min_p: 0.05, repetition_penalty: 1.1),
///     max_reply_tokens: 60,
///     stop: ["\n\n"],
///     greeting: Some("Mind the sparks, traveller."),
/// )
/// ```
///
/// Every field but `name` and `identity` may be left out.
#[derive(Asset, TypePath, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// The NPC's name, as others address it.
    pub name: String,
    /// Who the NPC is: the heart of the system prompt.
    pub identity: String,
    /// How the NPC speaks.
    #[serde(default)]
    pub style: String,
    /// Example exchanges `(someone says, the NPC answers)`, shown to the model before the
    /// conversation.
    #[serde(default)]
    pub examples: Vec<(String, String)>,
    #[serde(default)]
    pub sampling: Sampling,
    /// The longest reply, in tokens.
    #[serde(default = "default_max_reply_tokens")]
    pub max_reply_tokens: usize,
    /// Text that ends a reply where it appears.
    #[serde(default)]
    pub stop: Vec<String>,
    /// What the NPC says first, without the model.
    #[serde(default)]
    pub greeting: Option<String>,
}

fn default_max_reply_tokens() -> usize {
    80
}

/// Sampling settings of a persona (see [`SamplerConfig`]); omitted fields take its defaults.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sampling {
    pub temperature: f32,
    pub top_k: usize,
    pub top_p: f32,
    pub min_p: f32,
    pub repetition_penalty: f32,
    /// Fixed seed for repeatable replies; `None` draws a new one for each reply.
    pub seed: Option<u64>,
}

impl Default for Sampling {
    fn default() -> Self {
        let d = SamplerConfig::default();
        Sampling {
            temperature: d.temperature,
            top_k: d.top_k,
            top_p: d.top_p,
            min_p: d.min_p,
            repetition_penalty: d.repetition_penalty,
            seed: None,
        }
    }
}

impl Sampling {
    /// The sampler settings for one reply, with `seed` unless the persona fixes one.
    pub fn config(&self, seed: u64) -> SamplerConfig {
        SamplerConfig {
            temperature: self.temperature,
            top_k: self.top_k,
            top_p: self.top_p,
            min_p: self.min_p,
            repetition_penalty: self.repetition_penalty,
            repetition_window: 64,
            seed: self.seed.unwrap_or(seed),
        }
    }
}

impl Persona {
    /// The system prompt: identity, style, and the rules of a spoken reply.
    pub fn system_prompt(&self) -> String {
        let mut s = self.identity.trim().to_string();
        if !self.style.trim().is_empty() {
            s.push('\n');
            s.push_str(self.style.trim());
        }
        s.push_str("\nStay in character. Answer in one to three short spoken sentences.");
        s
    }

    /// Checks every field's value; the error names the field.
    pub fn validate(&self) -> Result<(), PersonaError> {
        let field =
            |field: &'static str, message: String| Err(PersonaError::Field { field, message });
        if self.name.trim().is_empty() {
            return field("name", "must not be empty".into());
        }
        if self.identity.trim().is_empty() {
            return field("identity", "must not be empty".into());
        }
        if self.max_reply_tokens == 0 || self.max_reply_tokens > 4096 {
            return field(
                "max_reply_tokens",
                format!("must be 1 to 4096, not {}", self.max_reply_tokens),
            );
        }
        if let Some(i) = self.stop.iter().position(String::is_empty) {
            return field("stop", format!("entry {i} is empty"));
        }
        let s = &self.sampling;
        if !(s.temperature.is_finite() && s.temperature >= 0.0) {
            return field(
                "sampling.temperature",
                format!("must be ≥ 0, not {}", s.temperature),
            );
        }
        if !(s.top_p > 0.0 && s.top_p <= 1.0) {
            return field(
                "sampling.top_p",
                format!("must be in (0, 1], not {}", s.top_p),
            );
        }
        if !(0.0..1.0).contains(&s.min_p) {
            return field(
                "sampling.min_p",
                format!("must be in [0, 1), not {}", s.min_p),
            );
        }
        if !(s.repetition_penalty.is_finite() && s.repetition_penalty > 0.0) {
            return field(
                "sampling.repetition_penalty",
                format!("must be > 0, not {}", s.repetition_penalty),
            );
        }
        Ok(())
    }

    /// Parses and validates a persona from RON text.
    pub fn from_ron(text: &str) -> Result<Self, PersonaError> {
        let p: Persona = ron::from_str(text).map_err(|e| PersonaError::Syntax {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        p.validate()?;
        Ok(p)
    }
}

/// Why a persona file was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PersonaError {
    #[error("persona file is not valid RON at {line}:{column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("persona field `{field}` {message}")]
    Field {
        field: &'static str,
        message: String,
    },
    #[error("persona file is not UTF-8 text")]
    NotText,
    #[error("persona file could not be read: {0}")]
    Io(#[from] std::io::Error),
}

/// Loads `.persona.ron` files into [`Persona`]s.
#[derive(Default, TypePath)]
pub struct PersonaLoader;

impl AssetLoader for PersonaLoader {
    type Asset = Persona;
    type Settings = ();
    type Error = PersonaError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _: &(),
        _: &mut LoadContext<'_>,
    ) -> Result<Persona, PersonaError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let text = std::str::from_utf8(&bytes).map_err(|_| PersonaError::NotText)?;
        Persona::from_ron(text)
    }

    fn extensions(&self) -> &[&str] {
        &["persona.ron"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_persona_parses_and_a_minimal_one_takes_defaults() {
        let full = r#"(
            name: "Hilda",
            identity: "You are Hilda, the blacksmith.",
            style: "Plain words.",
            examples: [("What do you sell?", "Steel.")],
            sampling: (temperature: 0.5, seed: Some(7)),
            max_reply_tokens: 40,
            stop: ["\n\n"],
            greeting: Some("Mind the sparks."),
        )"#;
        let p = Persona::from_ron(full).unwrap();
        assert_eq!(p.sampling.temperature, 0.5);
        assert_eq!(p.sampling.config(99).seed, 7);
        assert_eq!(p.sampling.top_k, SamplerConfig::default().top_k);
        let min = Persona::from_ron(r#"(name: "Brom", identity: "You guard the gate.")"#).unwrap();
        assert_eq!(min.max_reply_tokens, 80);
        assert!(min.system_prompt().starts_with("You guard the gate."));
    }

    #[test]
    fn errors_name_the_field_or_the_place() {
        let e = Persona::from_ron(r#"(name: "", identity: "x")"#).unwrap_err();
        assert!(e.to_string().contains("`name`"), "{e}");
        let e =
            Persona::from_ron(r#"(name: "a", identity: "x", sampling: (top_p: 2.0))"#).unwrap_err();
        assert!(e.to_string().contains("sampling.top_p"), "{e}");
        let e = Persona::from_ron(r#"(name: "a", identity: "x", mood: "grim")"#).unwrap_err();
        assert!(e.to_string().contains("mood"), "{e}");
        let e = Persona::from_ron(r#"(name: "a")"#).unwrap_err();
        assert!(e.to_string().contains("identity"), "{e}");
        let e = Persona::from_ron("(name: \"a\", identity: \"x\"").unwrap_err();
        assert!(matches!(e, PersonaError::Syntax { .. }), "{e}");
    }
}
