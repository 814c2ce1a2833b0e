//! Hugging Face safetensors checkpoints: one `model.safetensors`, or shards listed in
//! `model.safetensors.index.json`; read from a directory, or handed over as bytes.
//!
//! A safetensors file is an 8-byte little-endian header length, a JSON header mapping each tensor
//! to `{dtype, shape, data_offsets}`, then the data. The header is parsed here rather than by the
//! `safetensors` crate so that every size and offset is checked against the file and the errors
//! name the tensor; and so that shapes come out in ggml order: a Hugging Face weight is
//! `[out, in]` row-major, which is exactly ggml's `[in, out]`, so the shape is reversed and the
//! bytes are used as they are.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path};

use serde::Deserialize;

use crate::error::ModelError;
use crate::file_bytes::{self, FileBytes};
use crate::quant::GgmlType;
use crate::tensors::TensorRef;

/// Largest JSON header accepted (the `safetensors` crate's own limit).
const MAX_HEADER: u64 = 100 << 20;
/// Largest `model.safetensors.index.json` accepted.
const MAX_INDEX: u64 = 64 << 20;
/// Most dimensions of one tensor.
const MAX_DIMS: usize = 8;

/// What is wrong with a safetensors file or its index. The path is added by
/// [`ModelError::Safetensors`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SafetensorsError {
    #[error("cannot read the file: {source}")]
    Io {
        #[source]
        source: std::io::Error,
    },
    #[error("the file is {file_len} bytes, too short for the 8-byte header length")]
    TooShort { file_len: u64 },
    #[error(
        "the header length is {len} bytes, but only {available} follow it (limit {MAX_HEADER})"
    )]
    HeaderTooLarge { len: u64, available: u64 },
    #[error("the JSON header is invalid: {source}")]
    HeaderJson {
        #[source]
        source: serde_json::Error,
    },
    #[error("tensor `{name}`: {reason}")]
    BadTensor { name: String, reason: String },
    #[error("tensor `{name}` has dtype {dtype}; natter reads F32, F16 and BF16 checkpoints only")]
    UnsupportedDtype { name: String, dtype: String },
    #[error(
        "tensor `{name}`: its data, bytes {start}..{end} of the data section, lies outside it ({available} bytes)"
    )]
    OutOfBounds {
        name: String,
        start: u64,
        end: u64,
        available: u64,
    },
    #[error(
        "tensor `{name}`: {shape:?} of {dtype} takes {expected} bytes, but its data_offsets span {found}"
    )]
    LengthMismatch {
        name: String,
        dtype: String,
        shape: Vec<u64>,
        expected: u64,
        found: u64,
    },
    #[error("the index is invalid: {reason}")]
    Index { reason: String },
    #[error("tensor `{name}` is in two files: `{first}` and `{second}`")]
    DuplicateTensor {
        name: String,
        first: String,
        second: String,
    },
}

/// The single file of an unsharded checkpoint.
const SINGLE_FILE: &str = "model.safetensors";
/// The index of a sharded checkpoint.
const INDEX_FILE: &str = "model.safetensors.index.json";

/// A checkpoint's safetensors files, each with its file name.
pub(crate) type Shards = Vec<(String, FileBytes)>;

/// The weights of a checkpoint: each file's bytes, in file-name order, and every tensor with the
/// index of its file.
#[derive(Debug)]
pub(crate) struct Checkpoint {
    pub files: Vec<FileBytes>,
    pub tensors: Vec<TensorRef>,
}

/// One tensor entry of the JSON header.
#[derive(Deserialize)]
struct HeaderEntry {
    dtype: String,
    shape: Vec<u64>,
    data_offsets: [u64; 2],
}

/// The safetensors dtype's element size and ggml type, if natter reads it.
fn dtype(name: &str) -> Option<GgmlType> {
    match name {
        "F32" => Some(GgmlType::F32),
        "F16" => Some(GgmlType::F16),
        "BF16" => Some(GgmlType::BF16),
        _ => None,
    }
}

/// Parses a safetensors file's header and checks every tensor against the file's size. Returns
/// the tensors sorted by data offset, with absolute offsets and `file` set to `file_index`.
pub(crate) fn parse(bytes: &[u8], file_index: usize) -> Result<Vec<TensorRef>, SafetensorsError> {
    let file_len = bytes.len() as u64;
    let Some(len_bytes) = bytes.first_chunk::<8>() else {
        return Err(SafetensorsError::TooShort { file_len });
    };
    let header_len = u64::from_le_bytes(*len_bytes);
    let available = file_len - 8;
    if header_len > available || header_len > MAX_HEADER {
        return Err(SafetensorsError::HeaderTooLarge {
            len: header_len,
            available,
        });
    }
    // Both bounded by the file's length, so they fit in usize.
    let data_start = 8 + header_len as usize;
    let data_len = file_len - 8 - header_len;
    let header: BTreeMap<String, serde_json::Value> = serde_json::from_slice(&bytes[8..data_start])
        .map_err(|source| SafetensorsError::HeaderJson { source })?;

    let mut tensors = Vec::with_capacity(header.len());
    for (name, value) in header {
        if name == "__metadata__" {
            continue;
        }
        let bad = |reason: String| SafetensorsError::BadTensor {
            name: name.clone(),
            reason,
        };
        let entry: HeaderEntry = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
        let Some(ty) = dtype(&entry.dtype) else {
            return Err(SafetensorsError::UnsupportedDtype {
                name,
                dtype: entry.dtype,
            });
        };
        if entry.shape.len() > MAX_DIMS {
            return Err(bad(format!(
                "{} dimensions, more than {MAX_DIMS}",
                entry.shape.len()
            )));
        }
        let [start, end] = entry.data_offsets;
        if end < start || end > data_len {
            return Err(SafetensorsError::OutOfBounds {
                name,
                start,
                end,
                available: data_len,
            });
        }
        let expected = entry
            .shape
            .iter()
            .try_fold(ty.block_bytes() as u64, |acc, &d| acc.checked_mul(d))
            .ok_or_else(|| bad(format!("shape {:?} has too many elements", entry.shape)))?;
        if expected != end - start {
            return Err(SafetensorsError::LengthMismatch {
                name,
                dtype: entry.dtype,
                shape: entry.shape,
                expected,
                found: end - start,
            });
        }
        // Every dimension is at most the byte length, which is inside the file: no overflow.
        let shape = entry.shape.iter().rev().map(|&d| d as usize).collect();
        tensors.push(TensorRef {
            name,
            ty,
            shape,
            file: file_index,
            offset: data_start + start as usize,
            len: (end - start) as usize,
        });
    }
    tensors.sort_by_key(|t| t.offset);
    Ok(tensors)
}

/// Parses the files of a checkpoint, each with its file name, however their bytes were obtained.
/// Files are taken in name order, so that file indices do not depend on the order they were
/// listed in, and no tensor may be in two of them. An index, where there is one, must agree with
/// the files' headers. Error paths are the file names joined to `dir`.
pub(crate) fn checkpoint(
    dir: &Path,
    mut shards: Shards,
    index: Option<&Index>,
) -> Result<Checkpoint, ModelError> {
    shards.sort_by(|a, b| a.0.cmp(&b.0));
    let mut tensors = Vec::new();
    let mut home: HashMap<String, usize> = HashMap::new();
    for (i, (shard, bytes)) in shards.iter().enumerate() {
        let error = |source| ModelError::Safetensors {
            path: dir.join(shard),
            source,
        };
        for t in parse(bytes, i).map_err(error)? {
            if let Some(&first) = home.get(&t.name) {
                return Err(error(SafetensorsError::DuplicateTensor {
                    name: t.name,
                    first: shards[first].0.clone(),
                    second: shard.clone(),
                }));
            }
            home.insert(t.name.clone(), i);
            tensors.push(t);
        }
    }
    if let Some(index) = index {
        for (name, shard) in &index.weight_map {
            if home.get(name).map(|&i| shards[i].0.as_str()) != Some(shard.as_str()) {
                return Err(ModelError::Safetensors {
                    path: dir.join(INDEX_FILE),
                    source: SafetensorsError::Index {
                        reason: format!("tensor `{name}` is listed in `{shard}` but is not there"),
                    },
                });
            }
        }
    }
    Ok(Checkpoint {
        files: shards.into_iter().map(|(_, bytes)| bytes).collect(),
        tensors,
    })
}

/// `model.safetensors.index.json`: which shard holds which tensor.
#[derive(Debug, Deserialize)]
pub(crate) struct Index {
    weight_map: BTreeMap<String, String>,
}

/// Maps the weights of the Hugging Face checkpoint in `dir`: `model.safetensors`, or the shards
/// named by `model.safetensors.index.json` (returned too, for [`checkpoint`] to check).
pub(crate) fn map_shards(dir: &Path) -> Result<(Shards, Option<Index>), ModelError> {
    let map = |name: &str| {
        let path = dir.join(name);
        FileBytes::open(&path)
            .map(|bytes| (name.to_owned(), bytes))
            .map_err(|source| ModelError::Io { path, source })
    };
    let index_path = dir.join(INDEX_FILE);
    if !index_path.exists() {
        return Ok((vec![map(SINGLE_FILE)?], None));
    }

    let index_error = |reason: String| ModelError::Safetensors {
        path: index_path.clone(),
        source: SafetensorsError::Index { reason },
    };
    let bytes = file_bytes::read_capped(&index_path, MAX_INDEX)?;
    let text = file_bytes::capped_text(&index_path, &bytes, MAX_INDEX)?;
    let index: Index = serde_json::from_str(text).map_err(|e| index_error(e.to_string()))?;
    let mut shards: Vec<&str> = index.weight_map.values().map(String::as_str).collect();
    shards.sort_unstable();
    shards.dedup();
    let mut files = Vec::with_capacity(shards.len());
    for shard in shards {
        // A shard must be a plain file name: an index must not reach outside the directory.
        let mut components = Path::new(shard).components();
        if !matches!(
            (components.next(), components.next()),
            (Some(Component::Normal(_)), None)
        ) {
            return Err(index_error(format!(
                "shard `{shard}` is not a file name in the checkpoint's directory"
            )));
        }
        files.push(map(shard)?);
    }
    Ok((files, Some(index)))
}

/// Builds a safetensors file from `(name, dtype, shape in Hugging Face order, data)`, for the
/// unit tests.
#[cfg(test)]
pub(crate) fn write(tensors: &[(&str, &str, Vec<u64>, Vec<u8>)]) -> Vec<u8> {
    let mut header = serde_json::Map::new();
    let mut offset = 0u64;
    for (name, dtype, shape, data) in tensors {
        let end = offset + data.len() as u64;
        header.insert(
            (*name).to_owned(),
            serde_json::json!({"dtype": dtype, "shape": shape, "data_offsets": [offset, end]}),
        );
        offset = end;
    }
    header.insert("__metadata__".into(), serde_json::json!({"format": "pt"}));
    let json = serde_json::Value::Object(header).to_string();
    let mut out = (json.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(json.as_bytes());
    for (_, _, _, data) in tensors {
        out.extend_from_slice(data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_come_out_in_ggml_order() {
        let bytes = write(&[
            ("w", "BF16", vec![3, 4], vec![0; 24]),
            ("n", "F32", vec![4], vec![0; 16]),
            ("h", "F16", vec![2, 2], vec![0; 8]),
        ]);
        let t = parse(&bytes, 2).expect("valid");
        let by_name: HashMap<&str, &TensorRef> = t.iter().map(|t| (t.name.as_str(), t)).collect();
        assert_eq!(by_name["w"].shape, [4, 3]);
        assert_eq!(by_name["w"].ty, GgmlType::BF16);
        assert_eq!((by_name["w"].cols(), by_name["w"].rows()), (4, 3));
        assert_eq!(by_name["n"].shape, [4]);
        assert_eq!(by_name["h"].ty, GgmlType::F16);
        assert!(t.iter().all(|t| t.file == 2));
        // Sorted by offset, data right after the header.
        assert_eq!(t[0].name, "w");
        assert_eq!(t[0].offset + 24, t[1].offset);
        assert_eq!(t[2].offset + t[2].len, bytes.len());
    }

    #[test]
    fn bad_headers_are_refused() {
        let good = write(&[("w", "F32", vec![2, 2], vec![0; 16])]);
        assert!(parse(&good, 0).is_ok());
        assert!(matches!(
            parse(&good[..5], 0),
            Err(SafetensorsError::TooShort { .. })
        ));
        let mut huge = good.clone();
        huge[..8].copy_from_slice(&(1u64 << 60).to_le_bytes());
        assert!(matches!(
            parse(&huge, 0),
            Err(SafetensorsError::HeaderTooLarge { .. })
        ));
        assert!(matches!(
            parse(&good[..good.len() - 1], 0),
            Err(SafetensorsError::OutOfBounds { .. })
        ));
        let i64s = write(&[("ids", "I64", vec![2], vec![0; 16])]);
        assert!(
            matches!(parse(&i64s, 0), Err(SafetensorsError::UnsupportedDtype { ref dtype, .. }) if dtype == "I64")
        );
        let short = write(&[("w", "F32", vec![2, 3], vec![0; 16])]);
        assert!(matches!(
            parse(&short, 0),
            Err(SafetensorsError::LengthMismatch {
                expected: 24,
                found: 16,
                ..
            })
        ));
        let overflow = write(&[("w", "F32", vec![1 << 40, 1 << 40], vec![0; 16])]);
        assert!(matches!(
            parse(&overflow, 0),
            Err(SafetensorsError::BadTensor { .. })
        ));
        let mut not_json = good.clone();
        not_json[8] = b'!';
        assert!(matches!(
            parse(&not_json, 0),
            Err(SafetensorsError::HeaderJson { .. })
        ));
        let json = br#"{"w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}}"#;
        let mut reversed = (json.len() as u64).to_le_bytes().to_vec();
        reversed.extend_from_slice(json);
        reversed.extend_from_slice(&[0; 4]);
        assert!(matches!(
            parse(&reversed, 0),
            Err(SafetensorsError::OutOfBounds { .. })
        ));
        for cut in 0..good.len() {
            assert!(parse(&good[..cut], 0).is_err(), "cut at {cut}");
        }
    }
}
