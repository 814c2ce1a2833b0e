//! Everything drawn over the village: the loading screen, the talk prompt, the dialogue panel,
//! speech bubbles over heads, and the F3 overlay.

mod bubbles;
mod dialogue;
mod hud;
mod loading;
mod overlay;

use bevy::prelude::*;

pub use overlay::ShowOverlay;

pub struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins((
            loading::plugin,
            hud::plugin,
            dialogue::plugin,
            bubbles::plugin,
            overlay::plugin,
        ));
    }
}

/// Panel backgrounds: dark, a little see-through, so the village shows behind.
const PANEL: Color = Color::srgba(0.07, 0.065, 0.06, 0.86);
/// Body text: warm off-white.
const INK: Color = Color::srgb(0.95, 0.92, 0.85);
/// Hints and secondary text.
const DIM: Color = Color::srgb(0.62, 0.60, 0.56);
/// The player's colour in the transcript.
const PLAYER_COLOR: Color = Color::srgb(0.55, 0.78, 1.0);

/// Text as the default font can draw it: it has ASCII only, and models like curly quotes,
/// dashes and ellipses, so those are mapped and anything else left out.
pub fn displayable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            '\u{2013}' | '\u{2014}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            _ => {}
        }
    }
    out
}

/// Sets a text only when it changed, so unchanged text is not laid out again every frame.
pub fn set_text(mut text: Mut<Text>, value: &str) {
    if text.0 != value {
        text.0 = value.to_string();
    }
}

/// A text bundle in the default font.
pub fn label(value: impl Into<String>, size: f32, color: Color) -> (Text, TextFont, TextColor) {
    (
        Text::new(value),
        TextFont::from_font_size(size),
        TextColor(color),
    )
}
