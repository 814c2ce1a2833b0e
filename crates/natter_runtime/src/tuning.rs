//! The tuning cache: kernel shapes measured fastest on an adapter, kept on disk, as TVM and
//! MLC keep tuning logs. `natter tune` fills it; engines built by the CLI and the Bevy plugin
//! read it.
//!
//! The file is plain text, one line per (adapter, model shape):
//! `key<TAB>linear_workgroup threads_per_unit stage_inputs attention_workgroup wide_columns attention_span batch_qkv batch_gate_up batch_add batch_head`
//! (lines from before `wide_columns`, `attention_span` or the batch widths were tuned have
//! four, five or six numbers and get the defaults).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use natter_compiler::{BatchColumns, Tuning};
use natter_model::ModelConfig;

/// Tunings by adapter and model shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TuningCache {
    entries: BTreeMap<String, Tuning>,
}

impl TuningCache {
    /// Where the cache lives: `$NATTER_TUNING_CACHE`, else the user's cache directory
    /// (`$XDG_CACHE_HOME/natter`, `~/.cache/natter`, or `%LOCALAPPDATA%\natter`).
    pub fn default_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("NATTER_TUNING_CACHE") {
            return Some(PathBuf::from(p));
        }
        let dir = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("LOCALAPPDATA").map(PathBuf::from))
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))?;
        Some(dir.join("natter").join("tuning.txt"))
    }

    /// Reads the cache at `path`; a missing or unreadable file is an empty cache, and lines
    /// that do not parse are skipped (a cache is only ever a hint).
    pub fn load(path: &Path) -> Self {
        let Ok(text) = std::fs::read_to_string(path) else {
            return TuningCache::default();
        };
        let entries = text
            .lines()
            .filter_map(|line| {
                let (key, values) = line.split_once('\t')?;
                let v: Vec<u32> = values
                    .split_whitespace()
                    .map(|w| w.parse().ok())
                    .collect::<Option<_>>()?;
                let d = Tuning::default();
                let batch = d.batch_columns;
                let (lw, tpu, stage, aw, wide, span, batch) = match v[..] {
                    [lw, tpu, stage, aw] => {
                        (lw, tpu, stage, aw, d.wide_columns, d.attention_span, batch)
                    }
                    [lw, tpu, stage, aw, wide] => {
                        (lw, tpu, stage, aw, wide, d.attention_span, batch)
                    }
                    [lw, tpu, stage, aw, wide, span] => (lw, tpu, stage, aw, wide, span, batch),
                    [lw, tpu, stage, aw, wide, span, q, g, a, h] => (
                        lw,
                        tpu,
                        stage,
                        aw,
                        wide,
                        span,
                        BatchColumns::from_array([q, g, a, h]),
                    ),
                    _ => return None,
                };
                Some((
                    key.to_string(),
                    Tuning {
                        linear_workgroup: lw,
                        max_threads_per_unit: tpu,
                        stage_inputs: stage != 0,
                        attention_workgroup: aw,
                        wide_columns: wide,
                        batch_columns: batch,
                        attention_span: span,
                    },
                ))
            })
            .collect();
        TuningCache { entries }
    }

    /// Writes the cache to `path`, creating its directory.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut text = String::new();
        for (key, t) in &self.entries {
            let stage = u32::from(t.stage_inputs);
            let [q, g, a, h] = t.batch_columns.to_array();
            text.push_str(&format!(
                "{key}\t{} {} {stage} {} {} {} {q} {g} {a} {h}\n",
                t.linear_workgroup,
                t.max_threads_per_unit,
                t.attention_workgroup,
                t.wide_columns,
                t.attention_span
            ));
        }
        std::fs::write(path, text)
    }

    /// The key of an adapter and a model shape: tunings do not carry over between them.
    pub fn key(adapter: &wgpu::AdapterInfo, c: &ModelConfig) -> String {
        format!(
            "{} [{:?} {}] h{} f{} l{} q{}/{}x{} v{}",
            adapter.name,
            adapter.backend,
            adapter.driver_info,
            c.hidden,
            c.ffn,
            c.n_layers,
            c.n_heads,
            c.n_kv_heads,
            c.head_dim,
            c.vocab
        )
        .replace(['\t', '\n'], " ")
    }

    pub fn get(&self, key: &str) -> Option<Tuning> {
        self.entries.get(key).copied()
    }

    pub fn insert(&mut self, key: String, tuning: Tuning) {
        self.entries.insert(key, tuning);
    }

    /// The cached tuning for `adapter` and `config` from the default cache file, if any.
    pub fn lookup(adapter: &wgpu::AdapterInfo, config: &ModelConfig) -> Option<Tuning> {
        let path = Self::default_path()?;
        Self::load(&path).get(&Self::key(adapter, config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_round_trips_and_ignores_garbage() {
        let dir = std::env::temp_dir().join(format!("natter-tuning-{}", std::process::id()));
        let path = dir.join("tuning.txt");
        let mut c = TuningCache::default();
        let t = Tuning {
            linear_workgroup: 256,
            max_threads_per_unit: 16,
            stage_inputs: false,
            attention_workgroup: 128,
            wide_columns: 16,
            batch_columns: BatchColumns::from_array([1, 2, 4, 8]),
            attention_span: 256,
        };
        c.insert("GPU A [Vulkan 1] h576".into(), t);
        c.save(&path).unwrap();
        std::fs::write(
            &path,
            format!(
                "{}not a line\nkey\t1 2\nold\t64 16 1 256\nsix\t64 16 1 256 4 32\n",
                std::fs::read_to_string(&path).unwrap()
            ),
        )
        .unwrap();
        let back = TuningCache::load(&path);
        assert_eq!(back.get("GPU A [Vulkan 1] h576"), Some(t));
        assert_eq!(back.entries.len(), 3);
        // A line from before `wide_columns` and `attention_span` were tuned gets the defaults.
        let d = Tuning::default();
        assert_eq!(
            back.get("old")
                .map(|t| (t.wide_columns, t.attention_span, t.batch_columns)),
            Some((d.wide_columns, d.attention_span, d.batch_columns))
        );
        // So does a line from before the batch widths were.
        assert_eq!(
            back.get("six")
                .map(|t| (t.wide_columns, t.attention_span, t.batch_columns)),
            Some((4, 32, d.batch_columns))
        );
        assert_eq!(
            TuningCache::load(&dir.join("missing.txt")),
            TuningCache::default()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
