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
///
/// ```
/// # use bevy_natter::prelude::*;
/// let brom = Persona::from_ron(r#"(name: "Brom", identity: "You guard the gate of Oakvale.")"#)?;
/// assert_eq!(brom.max_reply_tokens, 80);
/// # Ok::<(), bevy_natter::PersonaError>(())
/// ```
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
    /// How the NPC picks its words.
    #[serde(default)]
    pub sampling: Sampling,
    /// The longest reply, in tokens. Past three quarters of it, a reply ends at the first
    /// sentence end, so a long answer is rarely cut off mid-sentence.
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
///
/// ```
/// # use bevy_natter::prelude::*;
/// use bevy_natter::Sampling;
///
/// // A fixed seed and low temperature: the same question gets the same answer.
/// let oracle = Persona::from_ron(r#"(
///     name: "Oracle",
///     identity: "You speak in riddles.",
///     sampling: (temperature: 0.2, seed: Some(7)),
/// )"#)?;
/// assert_eq!(oracle.sampling.temperature, 0.2);
/// assert_eq!(oracle.sampling.top_k, Sampling::default().top_k);
/// # Ok::<(), bevy_natter::PersonaError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sampling {
    /// 0 picks the most likely token every time; higher is more varied.
    pub temperature: f32,
    /// Keep only the `top_k` most likely tokens (0: all).
    pub top_k: usize,
    /// Keep the smallest set of tokens whose probability reaches `top_p` (1: all).
    pub top_p: f32,
    /// Drop tokens less likely than `min_p` times the most likely one (0: none).
    pub min_p: f32,
    /// Above 1, makes the NPC less likely to repeat recent words (1: off).
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
    ///
    /// ```
    /// # use bevy_natter::Sampling;
    /// let fixed = Sampling { seed: Some(7), ..Default::default() };
    /// assert_eq!(fixed.config(99).seed, 7);
    /// assert_eq!(Sampling::default().config(99).seed, 99);
    /// ```
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
    ///
    /// ```
    /// # use bevy_natter::prelude::*;
    /// let ron = r#"(name: "Brom", identity: "You guard the gate.", style: "Gruff, few words.")"#;
    /// let prompt = Persona::from_ron(ron)?.system_prompt();
    /// assert!(prompt.starts_with("You guard the gate.\nGruff, few words.\nStay in character."));
    /// # Ok::<(), bevy_natter::PersonaError>(())
    /// ```
    pub fn system_prompt(&self) -> String {
        let mut s = self.identity.trim().to_string();
        if !self.style.trim().is_empty() {
            s.push('\n');
            s.push_str(self.style.trim());
        }
        s.push_str("\nStay in character. Answer in one to three short spoken sentences.");
        s
    }

    /// Checks every field's value; the error names the field. [`Persona::from_ron`] and the
    /// asset loader call it; call it again after changing a persona in code.
    ///
    /// ```
    /// # use bevy_natter::prelude::*;
    /// let mut brom = Persona::from_ron(r#"(name: "Brom", identity: "You guard the gate.")"#)?;
    /// brom.sampling.top_p = 1.5;
    /// let err = brom.validate().unwrap_err();
    /// assert!(err.to_string().contains("sampling.top_p"));
    /// # Ok::<(), bevy_natter::PersonaError>(())
    /// ```
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

    /// Parses and validates a persona from RON text, for personas built in code or embedded
    /// in the game rather than loaded as assets.
    ///
    /// ```
    /// # use bevy_natter::prelude::*;
    /// const INNKEEPER: &str = r#"(
    ///     name: "Marta",
    ///     identity: "You run the Oakvale inn.",
    ///     greeting: Some("A room, or just the stew?"),
    /// )"#;
    /// let marta = Persona::from_ron(INNKEEPER)?;
    /// assert_eq!(marta.greeting.as_deref(), Some("A room, or just the stew?"));
    /// # Ok::<(), bevy_natter::PersonaError>(())
    /// ```
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
///
/// ```
/// # use bevy_natter::{Persona, PersonaError};
/// let err = Persona::from_ron(r#"(name: "", identity: "You guard the gate.")"#).unwrap_err();
/// assert!(matches!(err, PersonaError::Field { field: "name", .. }));
/// // A missing field is a syntax error; its message names the field.
/// let err = Persona::from_ron(r#"(name: "Brom")"#).unwrap_err();
/// assert!(matches!(err, PersonaError::Syntax { line: 1, .. }));
/// assert!(err.to_string().contains("identity"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PersonaError {
    /// The text is not RON, or not a persona's fields.
    #[error("persona file is not valid RON at {line}:{column}: {message}")]
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// A field's value is out of range.
    #[error("persona field `{field}` {message}")]
    Field {
        /// The field, such as `"sampling.top_p"`.
        field: &'static str,
        /// What is wrong with its value.
        message: String,
    },
    /// The file is not UTF-8 text.
    #[error("persona file is not UTF-8 text")]
    NotText,
    /// The file could not be read.
    #[error("persona file could not be read: {0}")]
    Io(#[from] std::io::Error),
}

/// Loads `.persona.ron` files into [`Persona`]s. [`NatterPlugin`](crate::NatterPlugin)
/// registers it; a tool without the plugin, such as a persona editor, registers it itself:
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::{Persona, PersonaLoader};
/// App::new()
///     .add_plugins((MinimalPlugins, AssetPlugin::default()))
///     .init_asset::<Persona>()
///     .register_asset_loader(PersonaLoader);
/// ```
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
