//! Loading a Hugging Face checkpoint, from a directory or from its files' contents.
//!
//! Both ways first gather the files into [`HfParts`] (the directory's weights memory-mapped,
//! handed-over ones owned), then [`Model::from_hf`] parses and checks them: one code path, so a
//! bad file gives the same error whichever way it came.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{Model, check_vocab, config_error};
use crate::chat::{CHATML_TEMPLATE, ChatTemplate};
use crate::config::{ConfigError, ModelConfig};
use crate::error::ModelError;
use crate::file_bytes::{self, FileBytes};
use crate::safetensors::{self, Index, Shards};
use crate::tensors::{self, TensorRef};
use crate::tokenizer::{self, HfJson, Tokenizer};

/// Largest `config.json`, `tokenizer_config.json` or `chat_template.jinja` read.
const MAX_JSON: u64 = 16 << 20;

/// The files of a Hugging Face checkpoint, in memory, for [`Model::from_hf_files`]: what a game's
/// asset loader has read, rather than a directory natter reads itself.
///
/// ```no_run
/// use natter_model::{HfFiles, Model};
///
/// let dir = std::path::Path::new("assets/models/SmolLM2-135M-Instruct");
/// let read = |name: &str| std::fs::read(dir.join(name));
/// let model = Model::from_hf_files(HfFiles {
///     name: dir.into(),
///     config_json: read("config.json")?,
///     tokenizer_json: read("tokenizer.json")?,
///     tokenizer_config_json: Some(read("tokenizer_config.json")?),
///     safetensors: vec![("model.safetensors".into(), read("model.safetensors")?)],
///     ..Default::default()
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Default)]
pub struct HfFiles {
    /// Stands for the checkpoint's directory: [`Model::path`] returns it, and errors name the
    /// files joined to it (`name/config.json`).
    pub name: PathBuf,
    /// `config.json`.
    pub config_json: Vec<u8>,
    /// `tokenizer.json`.
    pub tokenizer_json: Vec<u8>,
    /// `tokenizer_config.json`, which gives BOS/EOS and the chat template.
    pub tokenizer_config_json: Option<Vec<u8>>,
    /// `chat_template.jinja`, where newer `transformers` keep the template when
    /// `tokenizer_config.json` has none.
    pub chat_template_jinja: Option<Vec<u8>>,
    /// The safetensors files by file name: `model.safetensors`, or every shard
    /// (`model-00001-of-00002.safetensors`, …) in any order. No index is needed: tensor names
    /// come from the files' headers, and a tensor may be in only one of them.
    pub safetensors: Vec<(String, Vec<u8>)>,
}

/// Names and lengths only: a derived `Debug` would print every byte of the weights.
impl fmt::Debug for HfFiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let len = |b: &Option<Vec<u8>>| b.as_ref().map(Vec::len);
        f.debug_struct("HfFiles")
            .field("name", &self.name)
            .field("config_json", &self.config_json.len())
            .field("tokenizer_json", &self.tokenizer_json.len())
            .field("tokenizer_config_json", &len(&self.tokenizer_config_json))
            .field("chat_template_jinja", &len(&self.chat_template_jinja))
            .field(
                "safetensors",
                &self
                    .safetensors
                    .iter()
                    .map(|(name, bytes)| (name, bytes.len()))
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// A checkpoint's files gathered, not yet parsed: the one input of [`Model::from_hf`].
pub(super) struct HfParts {
    /// What [`Model::path`] returns.
    path: PathBuf,
    /// The directory (or its stand-in) that file names are joined to in errors.
    dir: PathBuf,
    config_json: Vec<u8>,
    tokenizer_json: Vec<u8>,
    tokenizer_config_json: Option<Vec<u8>>,
    chat_template_jinja: Option<Vec<u8>>,
    shards: Shards,
    /// `model.safetensors.index.json`, where there was one: it must agree with the shards.
    index: Option<Index>,
}

impl From<HfFiles> for HfParts {
    fn from(files: HfFiles) -> Self {
        Self {
            dir: files.name.clone(),
            path: files.name,
            config_json: files.config_json,
            tokenizer_json: files.tokenizer_json,
            tokenizer_config_json: files.tokenizer_config_json,
            chat_template_jinja: files.chat_template_jinja,
            shards: files
                .safetensors
                .into_iter()
                .map(|(name, bytes)| (name, FileBytes::from(bytes)))
                .collect(),
            index: None,
        }
    }
}

impl HfParts {
    /// Reads the checkpoint in `dir`, mapping its weights; `path` is what the caller named.
    pub(super) fn read_dir(path: &Path, dir: &Path) -> Result<Self, ModelError> {
        let optional = |name: &str| {
            let p = dir.join(name);
            p.is_file()
                .then(|| file_bytes::read_capped(&p, MAX_JSON))
                .transpose()
        };
        let config_json = file_bytes::read_capped(&dir.join("config.json"), MAX_JSON)?;
        let (shards, index) = safetensors::map_shards(dir)?;
        let tokenizer_path = dir.join("tokenizer.json");
        if !tokenizer_path.is_file() {
            return Err(ModelError::Io {
                path: tokenizer_path,
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the checkpoint has no tokenizer.json",
                ),
            });
        }
        let tokenizer_json = tokenizer::read_hf_json(&tokenizer_path)?;
        Ok(Self {
            path: path.to_owned(),
            dir: dir.to_owned(),
            config_json,
            tokenizer_json,
            tokenizer_config_json: optional("tokenizer_config.json")?,
            chat_template_jinja: optional("chat_template.jinja")?,
            shards,
            index,
        })
    }
}

impl Model {
    /// The Hugging Face loader behind [`Model::open`] and [`Model::from_hf_files`].
    pub(super) fn from_hf(parts: HfParts) -> Result<Self, ModelError> {
        let dir = parts.dir.as_path();
        let config_path = dir.join("config.json");
        let tokenizer_config_path = dir.join("tokenizer_config.json");
        let jinja_path = dir.join("chat_template.jinja");
        let text = file_bytes::capped_text(&config_path, &parts.config_json, MAX_JSON)?;
        let tokenizer_config = parts
            .tokenizer_config_json
            .as_deref()
            .map(|b| file_bytes::capped_text(&tokenizer_config_path, b, MAX_JSON))
            .transpose()?;
        let jinja = parts
            .chat_template_jinja
            .as_deref()
            .map(|b| file_bytes::capped_text(&jinja_path, b, MAX_JSON))
            .transpose()?;

        let mut config =
            ModelConfig::from_hf_json(text).map_err(|source| config_error(&config_path, source))?;
        let checkpoint = safetensors::checkpoint(dir, parts.shards, parts.index.as_ref())?;
        let all_tensors = checkpoint.tensors;
        let by_name: HashMap<&str, &TensorRef> =
            all_tensors.iter().map(|t| (t.name.as_str(), t)).collect();
        // A checkpoint without `lm_head.weight` ties it to the embeddings whatever the config says
        // (transformers would otherwise initialise it at random, which is never what is meant).
        if !by_name.contains_key(tensors::HF_NAMES.output) {
            config.tied_embeddings = true;
        }
        let tensors = tensors::resolve(&tensors::HF_NAMES, &by_name, &config)?;

        let tokenizer = Tokenizer::from_hf_json(
            HfJson {
                path: &dir.join("tokenizer.json"),
                bytes: &parts.tokenizer_json,
            },
            tokenizer_config.map(|text| HfJson {
                path: &tokenizer_config_path,
                bytes: text.as_bytes(),
            }),
        )?;
        // Hugging Face embedding tables are often padded past the tokenizer (Qwen2.5: 151936 rows
        // for 151665 tokens), so only a tokenizer that could produce ids past the table is wrong.
        check_vocab(
            tokenizer.vocab_size(),
            &by_name,
            tensors::HF_NAMES.token_embd,
            false,
        )?;

        let chat = match tokenizer_config {
            Some(text) => HfChatConfig::parse(&tokenizer_config_path, text)?,
            None => HfChatConfig::default(),
        };
        let source = chat
            .template
            .as_deref()
            .or(jinja)
            .unwrap_or(CHATML_TEMPLATE);
        let chat_template = ChatTemplate::new(source, &chat.bos, &chat.eos)?;

        tracing::info!(
            tensors = all_tensors.len(),
            layers = config.n_layers,
            "opened Hugging Face model"
        );
        Ok(Model {
            path: parts.path,
            config,
            tensors,
            tokenizer,
            chat_template,
            files: checkpoint.files,
            all_tensors,
        })
    }
}

/// What the chat template needs from `tokenizer_config.json`.
#[derive(Debug, Default)]
struct HfChatConfig {
    template: Option<String>,
    bos: String,
    eos: String,
}

impl HfChatConfig {
    /// Reads `chat_template` (a string, or a list of `{name, template}` of which `default` is
    /// taken) and `bos_token` / `eos_token` (strings or `{content: ...}` objects). `path` is for
    /// errors.
    fn parse(path: &Path, text: &str) -> Result<Self, ModelError> {
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|e| config_error(path, ConfigError::Json(e)))?;
        let token = |key: &str| match &json[key] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(o) => o
                .get("content")
                .and_then(|c| c.as_str())
                .unwrap_or("")
                .to_owned(),
            _ => String::new(),
        };
        let template = match &json["chat_template"] {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Array(list) => list
                .iter()
                .find(|t| t["name"] == "default")
                .or(list.first())
                .and_then(|t| t["template"].as_str())
                .map(str::to_owned),
            _ => None,
        };
        Ok(Self {
            template,
            bos: token("bos_token"),
            eos: token("eos_token"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_config_accepts_strings_objects_and_lists() {
        let p = Path::new("tokenizer_config.json");
        let c = HfChatConfig::parse(
            p,
            r#"{"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"}],
                "bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>"}"#,
        )
        .expect("valid");
        assert_eq!(
            (c.template.as_deref(), c.bos.as_str(), c.eos.as_str()),
            (Some("D"), "<s>", "</s>")
        );

        let c = HfChatConfig::parse(p, r#"{"eos_token": null}"#).expect("valid");
        assert_eq!(
            (c.template.as_deref(), c.bos.as_str(), c.eos.as_str()),
            (None, "", "")
        );

        assert!(matches!(
            HfChatConfig::parse(p, "{"),
            Err(ModelError::Config {
                source: ConfigError::Json(_),
                ..
            })
        ));
    }

    #[test]
    fn debug_prints_lengths_not_bytes() {
        let files = HfFiles {
            name: "m".into(),
            config_json: b"{}".to_vec(),
            safetensors: vec![("model.safetensors".into(), vec![0; 1000])],
            ..Default::default()
        };
        let text = format!("{files:?}");
        assert!(text.contains("(\"model.safetensors\", 1000)"), "{text}");
        assert!(text.len() < 300, "{text}");
    }
}
