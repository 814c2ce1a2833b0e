//! The model as a Bevy asset: a GGUF file, or a Hugging Face safetensors checkout described by a
//! small `.hfmodel.ron` manifest.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, AssetPath, LoadContext};
use bevy::prelude::*;
use natter_model::{HfFiles, Model};
use serde::Deserialize;

/// A loaded language model, shared by every NPC. It derefs to [`natter_model::Model`]: its
/// config, tokenizer and chat template.
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::NatterModel;
/// fn model_loaded(
///     mut events: MessageReader<AssetEvent<NatterModel>>,
///     models: Res<Assets<NatterModel>>,
/// ) {
///     for event in events.read() {
///         if let AssetEvent::LoadedWithDependencies { id } = event
///             && let Some(model) = models.get(*id)
///         {
///             info!("{}: {} layers", model.path().display(), model.config().n_layers);
///         }
///     }
/// }
/// # App::new().add_systems(Update, model_loaded);
/// ```
#[derive(Asset, TypePath, Clone, Debug, Deref)]
pub struct NatterModel(pub Arc<Model>);

/// Why a model asset failed to load. The game sees it in [`NatterStatus::Failed`]'s text.
///
/// [`NatterStatus::Failed`]: crate::NatterStatus::Failed
///
/// ```
/// # use bevy_natter::ModelAssetError;
/// let e = ModelAssetError::ManifestFile {
///     path: "models/smollm2/model.safetensors".into(),
///     message: "file not found".into(),
/// };
/// assert!(e.to_string().contains("`models/smollm2/model.safetensors`"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelAssetError {
    /// The file could not be read.
    #[error("could not read the model: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not a model natter can run.
    #[error(transparent)]
    Model(#[from] natter_model::ModelError),
    /// The `.hfmodel.ron` manifest is not valid.
    #[error("bad model manifest: {0}")]
    Manifest(String),
    /// A file the manifest lists could not be read.
    #[error("could not read `{path}` listed in the model manifest: {message}")]
    ManifestFile {
        /// The file's asset path.
        path: String,
        /// Why it could not be read.
        message: String,
    },
}

/// Loads `.gguf` files into [`NatterModel`]s. The bytes are read on Bevy's IO task pool and the
/// tokenizer is built there: the game keeps running meanwhile.
///
/// [`NatterPlugin`](crate::NatterPlugin) registers it; a tool that loads models without the
/// plugin registers it itself:
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_natter::{GgufLoader, NatterModel};
/// App::new()
///     .add_plugins((MinimalPlugins, AssetPlugin::default()))
///     .init_asset::<NatterModel>()
///     .register_asset_loader(GgufLoader);
/// ```
#[derive(Default, TypePath)]
pub struct GgufLoader;

impl AssetLoader for GgufLoader {
    type Asset = NatterModel;
    type Settings = ();
    type Error = ModelAssetError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _: &(),
        ctx: &mut LoadContext<'_>,
    ) -> Result<NatterModel, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let name = PathBuf::from(ctx.path().to_string());
        Ok(NatterModel(Arc::new(Model::from_gguf_bytes(name, bytes)?)))
    }

    fn extensions(&self) -> &[&str] {
        &["gguf"]
    }
}

/// The files of a Hugging Face checkout, relative to the manifest:
///
/// ```ron
/// (
///     config: "config.json",
///     tokenizer: "tokenizer.json",
///     tokenizer_config: Some("tokenizer_config.json"),
///     weights: ["model.safetensors"],
/// )
/// ```
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HfManifest {
    /// `config.json`.
    pub config: String,
    /// `tokenizer.json`.
    pub tokenizer: String,
    /// `tokenizer_config.json`, which holds the chat template in most checkouts.
    #[serde(default)]
    pub tokenizer_config: Option<String>,
    /// `chat_template.jinja`, where newer checkouts keep the template.
    #[serde(default)]
    pub chat_template: Option<String>,
    /// The `.safetensors` files, all shards.
    pub weights: Vec<String>,
}

/// Loads `.hfmodel.ron` manifests (and the files they list) into [`NatterModel`]s.
/// [`NatterPlugin`](crate::NatterPlugin) registers it: name a manifest as the model to use a
/// Hugging Face checkout.
///
/// ```no_run
/// # use bevy::prelude::*;
/// # use bevy_natter::prelude::*;
/// // assets/models/smollm2/ holds the checkout and this manifest of its files.
/// let natter = NatterPlugin { model: "models/smollm2/smollm2.hfmodel.ron".into(), ..default() };
/// App::new().add_plugins((DefaultPlugins, natter)).run();
/// ```
#[derive(Default, TypePath)]
pub struct HfManifestLoader;

impl AssetLoader for HfManifestLoader {
    type Asset = NatterModel;
    type Settings = ();
    type Error = ModelAssetError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _: &(),
        ctx: &mut LoadContext<'_>,
    ) -> Result<NatterModel, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| ModelAssetError::Manifest("not UTF-8 text".into()))?;
        let manifest: HfManifest =
            ron::from_str(text).map_err(|e| ModelAssetError::Manifest(e.to_string()))?;
        let base = ctx.path().parent().unwrap_or_else(|| AssetPath::from(""));
        async fn read(
            ctx: &mut LoadContext<'_>,
            base: &AssetPath<'static>,
            file: &str,
        ) -> Result<Vec<u8>, ModelAssetError> {
            let path = base
                .resolve_str(file)
                .map_err(|e| ModelAssetError::Manifest(e.to_string()))?;
            ctx.read_asset_bytes(path.clone())
                .await
                .map_err(|e| ModelAssetError::ManifestFile {
                    path: path.to_string(),
                    message: e.to_string(),
                })
        }
        let base = base.into_owned();
        let mut safetensors = Vec::new();
        for w in &manifest.weights {
            safetensors.push((w.clone(), read(ctx, &base, w).await?));
        }
        let files = HfFiles {
            name: PathBuf::from(ctx.path().to_string()),
            config_json: read(ctx, &base, &manifest.config).await?,
            tokenizer_json: read(ctx, &base, &manifest.tokenizer).await?,
            tokenizer_config_json: match &manifest.tokenizer_config {
                Some(f) => Some(read(ctx, &base, f).await?),
                None => None,
            },
            chat_template_jinja: match &manifest.chat_template {
                Some(f) => Some(read(ctx, &base, f).await?),
                None => None,
            },
            safetensors,
        };
        Ok(NatterModel(Arc::new(Model::from_hf_files(files)?)))
    }

    fn extensions(&self) -> &[&str] {
        &["hfmodel.ron"]
    }
}
