//! GGUF, llama.cpp's model format (versions 2 and 3, little endian): a reader over a memory map
//! or bytes in memory, and a writer.
//!
//! A GGUF file is a header (magic, version, counts), typed key/value metadata, tensor infos
//! (name, dimensions, ggml type, offset), then the tensor data, aligned. The reader trusts none of
//! it: every length, count, offset and dimension is checked against the file's size and against
//! caps before anything is allocated or indexed, so a crafted file yields a [`GgufError`] that
//! names the byte offset and the key or tensor — never a panic or an allocation of its choosing
//! (the same stance as candle's `gguf_file.rs` and llama.cpp's `gguf.cpp`).

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use crate::file_bytes::FileBytes;
use crate::quant::{self, GgmlType, QuantError};

/// The four bytes every GGUF file starts with.
pub const GGUF_MAGIC: [u8; 4] = *b"GGUF";
/// Alignment of the data section and of each tensor when `general.alignment` is absent.
pub const DEFAULT_ALIGNMENT: u64 = 32;

// Caps. The true bound on everything is the file's size (each element takes file bytes), so the
// caps only need to be far above what real models use: token lists are 32k–256k strings, merges
// similar, and a 70B model has under a thousand tensors.
/// Most tensors a file may declare.
const MAX_TENSORS: u64 = 1 << 20;
/// Most metadata entries a file may declare.
const MAX_KV: u64 = 1 << 20;
/// Longest metadata key (the GGUF spec's limit).
const MAX_KEY_LEN: u64 = 65_535;
/// Longest tensor name; ggml itself stops at 64 bytes.
const MAX_NAME_LEN: u64 = 1024;
/// Longest string value. Chat templates are a few KiB, but some converters store a whole
/// `tokenizer.json` in `tokenizer.huggingface.json`, so this is generous.
const MAX_STRING_LEN: u64 = 64 << 20;
/// Most elements in one array.
const MAX_ARRAY_LEN: u64 = 1 << 24;
/// Deepest nesting of arrays in arrays (real files use none); bounds the reader's recursion.
const MAX_ARRAY_DEPTH: usize = 4;
/// ggml's `GGML_MAX_DIMS`.
const MAX_DIMS: u32 = 4;
/// Largest `general.alignment`.
const MAX_ALIGNMENT: u64 = 1 << 20;

/// What went wrong reading or writing a GGUF file, with the byte offset and the key or tensor.
///
/// Paths are added by the caller ([`crate::ModelError::Gguf`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GgufError {
    #[error("cannot read the file: {source}")]
    Io {
        #[source]
        source: io::Error,
    },
    #[error("not a GGUF file: it starts with \"{}\", not \"GGUF\"", found.escape_ascii())]
    BadMagic { found: [u8; 4] },
    #[error("GGUF version {version} is not supported (natter reads versions 2 and 3)")]
    UnsupportedVersion { version: u32 },
    #[error(
        "this is a big-endian GGUF file (version {version}); natter reads little-endian files only"
    )]
    BigEndian { version: u32 },
    #[error("the file ends (at byte {file_len}) inside {what}, which starts at byte {offset}")]
    Truncated {
        what: String,
        offset: u64,
        file_len: u64,
    },
    #[error("{what} at byte {offset} is {value}, more than the limit of {max}")]
    TooLarge {
        what: String,
        offset: u64,
        value: u64,
        max: u64,
    },
    #[error("{what} at byte {offset} is not valid UTF-8")]
    InvalidUtf8 { what: String, offset: u64 },
    #[error("metadata key `{key}`: unknown value type {raw} at byte {offset}")]
    UnknownValueType { key: String, offset: u64, raw: u32 },
    #[error("metadata key `{key}`: arrays nested more than {max} deep at byte {offset}")]
    NestedTooDeep {
        key: String,
        offset: u64,
        max: usize,
    },
    #[error("metadata key `{key}` appears twice (again at byte {offset})")]
    DuplicateKey { key: String, offset: u64 },
    #[error(
        "`general.alignment` (at byte {offset}) is {value}: it must be a power of two no larger than {max}"
    )]
    BadAlignment { value: u64, offset: u64, max: u64 },
    #[error(
        "tensor `{name}` (info at byte {offset}) has {n_dims} dimensions; ggml allows at most {MAX_DIMS}"
    )]
    TooManyDims {
        name: String,
        offset: u64,
        n_dims: u32,
    },
    #[error("tensor `{name}` (info at byte {offset}) has dimensions {dims:?}, too many elements")]
    TooManyElements {
        name: String,
        offset: u64,
        dims: Vec<u64>,
    },
    #[error("tensor `{name}` (info at byte {offset}) has unknown ggml type {raw}")]
    UnknownTensorType { name: String, offset: u64, raw: u32 },
    #[error(
        "tensor `{name}` (info at byte {offset}): rows of {cols} elements are not a whole number of {ty} blocks of {block_len}"
    )]
    PartialBlock {
        name: String,
        offset: u64,
        ty: &'static str,
        cols: u64,
        block_len: usize,
    },
    #[error("tensor `{name}` appears twice (again at byte {offset})")]
    DuplicateTensor { name: String, offset: u64 },
    #[error(
        "tensor `{name}`: data offset {data_offset} is not a multiple of the alignment {alignment}"
    )]
    MisalignedTensor {
        name: String,
        data_offset: u64,
        alignment: u64,
    },
    #[error(
        "tensor `{name}`: its data, bytes {start}..{end}, lies outside the file ({file_len} bytes)"
    )]
    TensorOutOfBounds {
        name: String,
        start: u64,
        end: u64,
        file_len: u64,
    },
    #[error("metadata key `{key}` is missing")]
    MissingKey { key: String },
    #[error("metadata key `{key}` (at byte {offset}) is {found}, expected {expected}")]
    WrongType {
        key: String,
        offset: u64,
        expected: &'static str,
        found: String,
    },
    #[error("metadata key `{key}` (at byte {offset}) is {value}, which does not fit in {expected}")]
    OutOfRange {
        key: String,
        offset: u64,
        value: String,
        expected: &'static str,
    },
    #[error("cannot write tensor `{name}`: {source}")]
    WriteTensor {
        name: String,
        #[source]
        source: QuantError,
    },
}

/// A metadata value.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GgufValue {
    U8(u8),
    I8(i8),
    U16(u16),
    I16(i16),
    U32(u32),
    I32(i32),
    F32(f32),
    Bool(bool),
    String(String),
    Array(GgufArray),
    U64(u64),
    I64(i64),
    F64(f64),
}

/// A metadata array. Arrays are typed as a whole (as in the file), so a token list of 150k
/// strings is one `Vec<String>` and an array of bytes costs a byte per element.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GgufArray {
    U8(Vec<u8>),
    I8(Vec<i8>),
    U16(Vec<u16>),
    I16(Vec<i16>),
    U32(Vec<u32>),
    I32(Vec<i32>),
    F32(Vec<f32>),
    Bool(Vec<bool>),
    String(Vec<String>),
    /// Each element is an array of its own type.
    Array(Vec<GgufArray>),
    U64(Vec<u64>),
    I64(Vec<i64>),
    F64(Vec<f64>),
}

/// GGUF's value type ids (`gguf_type`).
mod type_id {
    pub const U8: u32 = 0;
    pub const I8: u32 = 1;
    pub const U16: u32 = 2;
    pub const I16: u32 = 3;
    pub const U32: u32 = 4;
    pub const I32: u32 = 5;
    pub const F32: u32 = 6;
    pub const BOOL: u32 = 7;
    pub const STRING: u32 = 8;
    pub const ARRAY: u32 = 9;
    pub const U64: u32 = 10;
    pub const I64: u32 = 11;
    pub const F64: u32 = 12;

    pub fn name(id: u32) -> &'static str {
        match id {
            U8 => "u8",
            I8 => "i8",
            U16 => "u16",
            I16 => "i16",
            U32 => "u32",
            I32 => "i32",
            F32 => "f32",
            BOOL => "bool",
            STRING => "string",
            ARRAY => "array",
            U64 => "u64",
            I64 => "i64",
            F64 => "f64",
            _ => "unknown",
        }
    }

    /// The fewest file bytes one element of this type takes (strings: the length; arrays: type
    /// and length). Multiplied by an array's length, it bounds what the array can make us
    /// allocate by what the file holds.
    pub fn min_size(id: u32) -> Option<u64> {
        Some(match id {
            U8 | I8 | BOOL => 1,
            U16 | I16 => 2,
            U32 | I32 | F32 => 4,
            U64 | I64 | F64 | STRING => 8,
            ARRAY => 12,
            _ => return None,
        })
    }
}

impl GgufValue {
    fn type_id(&self) -> u32 {
        match self {
            Self::U8(_) => type_id::U8,
            Self::I8(_) => type_id::I8,
            Self::U16(_) => type_id::U16,
            Self::I16(_) => type_id::I16,
            Self::U32(_) => type_id::U32,
            Self::I32(_) => type_id::I32,
            Self::F32(_) => type_id::F32,
            Self::Bool(_) => type_id::BOOL,
            Self::String(_) => type_id::STRING,
            Self::Array(_) => type_id::ARRAY,
            Self::U64(_) => type_id::U64,
            Self::I64(_) => type_id::I64,
            Self::F64(_) => type_id::F64,
        }
    }

    /// The value's type for messages: `"u32"`, `"string"`, `"array of string"`.
    pub fn type_name(&self) -> String {
        match self {
            Self::Array(a) => format!("array of {}", type_id::name(a.elem_type_id())),
            other => type_id::name(other.type_id()).to_owned(),
        }
    }

    /// The value as an integer, if it is one of the integer types.
    fn as_integer(&self) -> Option<i128> {
        Some(match *self {
            Self::U8(v) => v.into(),
            Self::I8(v) => v.into(),
            Self::U16(v) => v.into(),
            Self::I16(v) => v.into(),
            Self::U32(v) => v.into(),
            Self::I32(v) => v.into(),
            Self::U64(v) => v.into(),
            Self::I64(v) => v.into(),
            _ => return None,
        })
    }
}

impl fmt::Display for GgufValue {
    /// Scalars as themselves; strings quoted and cut at 60 characters; arrays by type and length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::U8(v) => write!(f, "{v}"),
            Self::I8(v) => write!(f, "{v}"),
            Self::U16(v) => write!(f, "{v}"),
            Self::I16(v) => write!(f, "{v}"),
            Self::U32(v) => write!(f, "{v}"),
            Self::I32(v) => write!(f, "{v}"),
            Self::U64(v) => write!(f, "{v}"),
            Self::I64(v) => write!(f, "{v}"),
            Self::F32(v) => write!(f, "{v}"),
            Self::F64(v) => write!(f, "{v}"),
            Self::Bool(v) => write!(f, "{v}"),
            Self::String(s) if s.chars().count() > 60 => {
                write!(f, "{:?}…", s.chars().take(60).collect::<String>())
            }
            Self::String(s) => write!(f, "{s:?}"),
            Self::Array(a) => write!(f, "[{} × {}]", a.len(), type_id::name(a.elem_type_id())),
        }
    }
}

impl GgufArray {
    fn elem_type_id(&self) -> u32 {
        match self {
            Self::U8(_) => type_id::U8,
            Self::I8(_) => type_id::I8,
            Self::U16(_) => type_id::U16,
            Self::I16(_) => type_id::I16,
            Self::U32(_) => type_id::U32,
            Self::I32(_) => type_id::I32,
            Self::F32(_) => type_id::F32,
            Self::Bool(_) => type_id::BOOL,
            Self::String(_) => type_id::STRING,
            Self::Array(_) => type_id::ARRAY,
            Self::U64(_) => type_id::U64,
            Self::I64(_) => type_id::I64,
            Self::F64(_) => type_id::F64,
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Self::U8(v) => v.len(),
            Self::I8(v) => v.len(),
            Self::U16(v) => v.len(),
            Self::I16(v) => v.len(),
            Self::U32(v) => v.len(),
            Self::I32(v) => v.len(),
            Self::F32(v) => v.len(),
            Self::Bool(v) => v.len(),
            Self::String(v) => v.len(),
            Self::Array(v) => v.len(),
            Self::U64(v) => v.len(),
            Self::I64(v) => v.len(),
            Self::F64(v) => v.len(),
        }
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

macro_rules! value_from {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl From<$t> for GgufValue {
            fn from(v: $t) -> Self {
                Self::$variant(v)
            }
        }
        impl From<Vec<$t>> for GgufValue {
            fn from(v: Vec<$t>) -> Self {
                Self::Array(GgufArray::$variant(v))
            }
        }
    )*};
}
value_from!(u8 => U8, i8 => I8, u16 => U16, i16 => I16, u32 => U32, i32 => I32, f32 => F32, bool => Bool,
    String => String, u64 => U64, i64 => I64, f64 => F64);

impl From<&str> for GgufValue {
    fn from(v: &str) -> Self {
        Self::String(v.to_owned())
    }
}

impl From<&[&str]> for GgufValue {
    fn from(v: &[&str]) -> Self {
        Self::Array(GgufArray::String(
            v.iter().map(|s| (*s).to_owned()).collect(),
        ))
    }
}

impl From<GgufArray> for GgufValue {
    fn from(v: GgufArray) -> Self {
        Self::Array(v)
    }
}

/// One metadata entry, with where it was in the file for error messages.
#[derive(Clone, Debug)]
struct Entry {
    key: String,
    value: GgufValue,
    offset: u64,
}

/// A GGUF file's key/value metadata, in file order, with typed lookups.
///
/// Integer lookups accept any integer type whose value fits (converters are not consistent about
/// widths); everything else must have exactly the expected type, or the lookup fails with
/// [`GgufError::WrongType`] naming the key.
#[derive(Clone, Debug, Default)]
pub struct GgufMetadata {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
}

impl GgufMetadata {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&GgufValue> {
        self.index.get(key).map(|&i| &self.entries[i].value)
    }

    /// Whether `key` is present.
    pub fn contains(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// All entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &GgufValue)> {
        self.entries.iter().map(|e| (e.key.as_str(), &e.value))
    }

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.index.get(key).map(|&i| &self.entries[i])
    }

    /// Looks `key` up and converts it with `convert`, which returns `None` for a wrong type.
    fn typed<'s, T>(
        &'s self,
        key: &str,
        expected: &'static str,
        convert: impl FnOnce(&'s GgufValue) -> Option<T>,
    ) -> Result<Option<T>, GgufError> {
        let Some(entry) = self.entry(key) else {
            return Ok(None);
        };
        match convert(&entry.value) {
            Some(v) => Ok(Some(v)),
            None => Err(GgufError::WrongType {
                key: key.to_owned(),
                offset: entry.offset,
                expected,
                found: entry.value.type_name(),
            }),
        }
    }

    /// An integer of any stored width, converted to `T` if it fits.
    fn integer<T: TryFrom<i128>>(
        &self,
        key: &str,
        expected: &'static str,
    ) -> Result<Option<T>, GgufError> {
        let Some(v) = self.typed(key, expected, GgufValue::as_integer)? else {
            return Ok(None);
        };
        match T::try_from(v) {
            Ok(v) => Ok(Some(v)),
            Err(_) => Err(GgufError::OutOfRange {
                key: key.to_owned(),
                offset: self.entry(key).map_or(0, |e| e.offset),
                value: v.to_string(),
                expected,
            }),
        }
    }

    fn required<T>(key: &str, v: Option<T>) -> Result<T, GgufError> {
        v.ok_or_else(|| GgufError::MissingKey {
            key: key.to_owned(),
        })
    }

    /// `key` as a `u32`, if present.
    pub fn opt_u32(&self, key: &str) -> Result<Option<u32>, GgufError> {
        self.integer(key, "u32")
    }
    /// `key` as a `u64`, if present.
    pub fn opt_u64(&self, key: &str) -> Result<Option<u64>, GgufError> {
        self.integer(key, "u64")
    }
    /// `key` as an `f32`, if present (an `f64` is narrowed).
    pub fn opt_f32(&self, key: &str) -> Result<Option<f32>, GgufError> {
        self.typed(key, "f32", |v| match *v {
            GgufValue::F32(x) => Some(x),
            GgufValue::F64(x) => Some(x as f32),
            _ => None,
        })
    }
    /// `key` as a `bool`, if present.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, GgufError> {
        self.typed(key, "bool", |v| match *v {
            GgufValue::Bool(b) => Some(b),
            _ => None,
        })
    }
    /// `key` as a string, if present.
    pub fn opt_str(&self, key: &str) -> Result<Option<&str>, GgufError> {
        self.typed(key, "string", |v| match v {
            GgufValue::String(s) => Some(s.as_str()),
            _ => None,
        })
    }
    /// `key` as an array of strings, if present.
    pub fn opt_str_array(&self, key: &str) -> Result<Option<&[String]>, GgufError> {
        self.typed(key, "array of string", |v| match v {
            GgufValue::Array(GgufArray::String(s)) => Some(s.as_slice()),
            _ => None,
        })
    }
    /// `key` as an array of `i32`, if present.
    pub fn opt_i32_array(&self, key: &str) -> Result<Option<&[i32]>, GgufError> {
        self.typed(key, "array of i32", |v| match v {
            GgufValue::Array(GgufArray::I32(s)) => Some(s.as_slice()),
            _ => None,
        })
    }
    /// `key` as an array of `f32`, if present.
    pub fn opt_f32_array(&self, key: &str) -> Result<Option<&[f32]>, GgufError> {
        self.typed(key, "array of f32", |v| match v {
            GgufValue::Array(GgufArray::F32(s)) => Some(s.as_slice()),
            _ => None,
        })
    }

    /// `key` as a `u32`; [`GgufError::MissingKey`] if absent.
    pub fn get_u32(&self, key: &str) -> Result<u32, GgufError> {
        Self::required(key, self.opt_u32(key)?)
    }
    /// `key` as a `u64`; [`GgufError::MissingKey`] if absent.
    pub fn get_u64(&self, key: &str) -> Result<u64, GgufError> {
        Self::required(key, self.opt_u64(key)?)
    }
    /// `key` as an `f32`; [`GgufError::MissingKey`] if absent.
    pub fn get_f32(&self, key: &str) -> Result<f32, GgufError> {
        Self::required(key, self.opt_f32(key)?)
    }
    /// `key` as a `bool`; [`GgufError::MissingKey`] if absent.
    pub fn get_bool(&self, key: &str) -> Result<bool, GgufError> {
        Self::required(key, self.opt_bool(key)?)
    }
    /// `key` as a string; [`GgufError::MissingKey`] if absent.
    pub fn get_str(&self, key: &str) -> Result<&str, GgufError> {
        Self::required(key, self.opt_str(key)?)
    }
    /// `key` as an array of strings; [`GgufError::MissingKey`] if absent.
    pub fn get_str_array(&self, key: &str) -> Result<&[String], GgufError> {
        Self::required(key, self.opt_str_array(key)?)
    }
    /// `key` as an array of `i32`; [`GgufError::MissingKey`] if absent.
    pub fn get_i32_array(&self, key: &str) -> Result<&[i32], GgufError> {
        Self::required(key, self.opt_i32_array(key)?)
    }
    /// `key` as an array of `f32`; [`GgufError::MissingKey`] if absent.
    pub fn get_f32_array(&self, key: &str) -> Result<&[f32], GgufError> {
        Self::required(key, self.opt_f32_array(key)?)
    }
}

/// One tensor as described by the file: name, shape, type and where its data is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct GgufTensorInfo {
    pub name: String,
    /// Dimensions in ggml order (`shape[0]` is contiguous).
    pub shape: Vec<usize>,
    /// The ggml type id as stored. It may be a type natter does not compute with (Q5_K, IQ*):
    /// see [`GgufTensorInfo::ty`].
    pub raw_type: u32,
    /// Absolute byte offset of the data in the file.
    pub offset: usize,
    /// Byte length of the data.
    pub len: usize,
}

impl GgufTensorInfo {
    /// The tensor's type, if natter supports it.
    pub fn ty(&self) -> Option<GgmlType> {
        GgmlType::from_raw(self.raw_type)
    }

    /// ggml's name for the tensor's type, supported or not.
    pub fn type_name(&self) -> &'static str {
        quant::type_layout(self.raw_type).map_or("unknown", |l| l.name)
    }

    /// Total number of elements.
    pub fn elements(&self) -> usize {
        self.shape.iter().product()
    }
}

/// Everything in a GGUF file but the tensor data.
#[derive(Clone, Debug)]
pub(crate) struct GgufHeader {
    pub version: u32,
    pub metadata: GgufMetadata,
    pub tensors: Vec<GgufTensorInfo>,
    pub alignment: u64,
    pub data_offset: u64,
}

/// An open GGUF file: parsed header over the whole file's bytes, memory-mapped
/// ([`GgufFile::open`]) or owned ([`GgufFile::from_bytes`]).
#[derive(Debug)]
pub struct GgufFile {
    bytes: FileBytes,
    header: GgufHeader,
}

impl GgufFile {
    /// Opens, maps and parses the file; every tensor's data range is checked to lie inside it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, GgufError> {
        let bytes = FileBytes::open(path.as_ref()).map_err(|source| GgufError::Io { source })?;
        Self::parse(bytes)
    }

    /// Parses a whole GGUF file already in memory, with the same checks as [`GgufFile::open`].
    /// The bytes are kept, not copied.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, GgufError> {
        Self::parse(FileBytes::Owned(bytes))
    }

    fn parse(bytes: FileBytes) -> Result<Self, GgufError> {
        let header = parse(&bytes)?;
        Ok(Self { bytes, header })
    }

    /// The format version (2 or 3).
    pub fn version(&self) -> u32 {
        self.header.version
    }

    /// The key/value metadata.
    pub fn metadata(&self) -> &GgufMetadata {
        &self.header.metadata
    }

    /// Every tensor, in file order.
    pub fn tensors(&self) -> &[GgufTensorInfo] {
        &self.header.tensors
    }

    /// The tensor named `name`.
    pub fn tensor(&self, name: &str) -> Option<&GgufTensorInfo> {
        self.header.tensors.iter().find(|t| t.name == name)
    }

    /// Alignment of the data section and tensors.
    pub fn alignment(&self) -> u64 {
        self.header.alignment
    }

    /// Byte offset where the data section starts.
    pub fn data_offset(&self) -> u64 {
        self.header.data_offset
    }

    /// The bytes of a tensor of this file; `None` if `info` does not describe a range inside it
    /// (an info from another file).
    pub fn tensor_data(&self, info: &GgufTensorInfo) -> Option<&[u8]> {
        self.bytes
            .get(info.offset..info.offset.checked_add(info.len)?)
    }

    /// The file's bytes and the parsed header, for [`crate::Model`] to keep.
    pub(crate) fn into_parts(self) -> (FileBytes, GgufHeader) {
        (self.bytes, self.header)
    }
}

/// A bounds-checked little-endian reader over the file's bytes.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn pos(&self) -> u64 {
        self.pos as u64
    }

    fn remaining(&self) -> u64 {
        (self.data.len() - self.pos) as u64
    }

    fn truncated(&self, what: &dyn Fn() -> String) -> GgufError {
        GgufError::Truncated {
            what: what(),
            offset: self.pos(),
            file_len: self.data.len() as u64,
        }
    }

    fn take(&mut self, n: u64, what: &dyn Fn() -> String) -> Result<&'a [u8], GgufError> {
        if n > self.remaining() {
            return Err(self.truncated(what));
        }
        // `n <= remaining`, which is a `usize`.
        let n = n as usize;
        let bytes = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self, what: &dyn Fn() -> String) -> Result<[u8; N], GgufError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N as u64, what)?);
        Ok(out)
    }

    fn u32(&mut self, what: &dyn Fn() -> String) -> Result<u32, GgufError> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }

    fn u64(&mut self, what: &dyn Fn() -> String) -> Result<u64, GgufError> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }

    /// A length-prefixed UTF-8 string of at most `max` bytes.
    fn string(&mut self, max: u64, what: &dyn Fn() -> String) -> Result<String, GgufError> {
        let offset = self.pos();
        let len = self.u64(what)?;
        if len > max {
            return Err(GgufError::TooLarge {
                what: format!("the length of {}", what()),
                offset,
                value: len,
                max,
            });
        }
        let bytes = self.take(len, what)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(GgufError::InvalidUtf8 {
                what: what(),
                offset,
            }),
        }
    }
}

/// Parses everything but the tensor data, and checks that every tensor's data lies in `data`.
pub(crate) fn parse(data: &[u8]) -> Result<GgufHeader, GgufError> {
    let mut r = Reader { data, pos: 0 };
    let magic: [u8; 4] = r.array(&|| "the GGUF magic".into())?;
    if magic != GGUF_MAGIC {
        return Err(GgufError::BadMagic { found: magic });
    }
    let version = r.u32(&|| "the GGUF version".into())?;
    match version {
        // v2 widened counts and lengths to 64 bits; v3 only added big-endian files, which are
        // told apart by the version's byte order. Both read the same here.
        2 | 3 => {}
        v if (1..=3).contains(&v.swap_bytes()) => {
            return Err(GgufError::BigEndian {
                version: v.swap_bytes(),
            });
        }
        v => return Err(GgufError::UnsupportedVersion { version: v }),
    }

    let count_offset = r.pos();
    let n_tensors = r.u64(&|| "the tensor count".into())?;
    if n_tensors > MAX_TENSORS {
        return Err(GgufError::TooLarge {
            what: "the tensor count".into(),
            offset: count_offset,
            value: n_tensors,
            max: MAX_TENSORS,
        });
    }
    let kv_offset = r.pos();
    let n_kv = r.u64(&|| "the metadata entry count".into())?;
    if n_kv > MAX_KV {
        return Err(GgufError::TooLarge {
            what: "the metadata entry count".into(),
            offset: kv_offset,
            value: n_kv,
            max: MAX_KV,
        });
    }

    let metadata = parse_metadata(&mut r, n_kv)?;
    let alignment = match metadata.entry("general.alignment") {
        None => DEFAULT_ALIGNMENT,
        Some(e) => match e.value {
            // llama.cpp insists on u32 here; so do we, to read files the same way.
            GgufValue::U32(a) if a.is_power_of_two() && u64::from(a) <= MAX_ALIGNMENT => {
                u64::from(a)
            }
            GgufValue::U32(a) => {
                return Err(GgufError::BadAlignment {
                    value: a.into(),
                    offset: e.offset,
                    max: MAX_ALIGNMENT,
                });
            }
            ref other => {
                return Err(GgufError::WrongType {
                    key: e.key.clone(),
                    offset: e.offset,
                    expected: "u32",
                    found: other.type_name(),
                });
            }
        },
    };

    let mut tensors = parse_tensor_infos(&mut r, n_tensors)?;

    // The data section starts at the next multiple of the alignment; each tensor's offset is
    // relative to it. `pos` is at most the file length and the alignment at most 2^20, so this
    // cannot overflow.
    let data_offset = r.pos().next_multiple_of(alignment);
    let file_len = data.len() as u64;
    for t in &mut tensors {
        let rel = t.offset as u64;
        if !rel.is_multiple_of(alignment) {
            return Err(GgufError::MisalignedTensor {
                name: t.name.clone(),
                data_offset: rel,
                alignment,
            });
        }
        let start = data_offset.checked_add(rel);
        let end = start.and_then(|s| s.checked_add(t.len as u64));
        match (start, end) {
            (Some(start), Some(end)) if end <= file_len => {
                // In bounds of a slice, so it fits in a usize.
                t.offset = start as usize;
            }
            _ => {
                return Err(GgufError::TensorOutOfBounds {
                    name: t.name.clone(),
                    start: start.unwrap_or(u64::MAX),
                    end: end.unwrap_or(u64::MAX),
                    file_len,
                });
            }
        }
    }

    Ok(GgufHeader {
        version,
        metadata,
        tensors,
        alignment,
        data_offset,
    })
}

fn parse_metadata(r: &mut Reader<'_>, n_kv: u64) -> Result<GgufMetadata, GgufError> {
    // Every entry takes at least 13 bytes (key length, type, one byte of value), so never
    // reserve more than the file could hold.
    let cap = n_kv.min(r.remaining() / 13) as usize;
    let mut meta = GgufMetadata {
        entries: Vec::with_capacity(cap),
        index: HashMap::with_capacity(cap),
    };
    for i in 0..n_kv {
        let offset = r.pos();
        let key = r.string(MAX_KEY_LEN, &|| format!("the key of metadata entry {i}"))?;
        let ty = r.u32(&|| format!("the type of metadata key `{key}`"))?;
        let value = read_value(r, ty, &key, 0)?;
        if meta.index.contains_key(&key) {
            return Err(GgufError::DuplicateKey { key, offset });
        }
        meta.index.insert(key.clone(), meta.entries.len());
        meta.entries.push(Entry { key, value, offset });
    }
    Ok(meta)
}

fn read_value(
    r: &mut Reader<'_>,
    ty: u32,
    key: &str,
    depth: usize,
) -> Result<GgufValue, GgufError> {
    let what = || format!("the value of `{key}`");
    Ok(match ty {
        type_id::U8 => GgufValue::U8(u8::from_le_bytes(r.array(&what)?)),
        type_id::I8 => GgufValue::I8(i8::from_le_bytes(r.array(&what)?)),
        type_id::U16 => GgufValue::U16(u16::from_le_bytes(r.array(&what)?)),
        type_id::I16 => GgufValue::I16(i16::from_le_bytes(r.array(&what)?)),
        type_id::U32 => GgufValue::U32(u32::from_le_bytes(r.array(&what)?)),
        type_id::I32 => GgufValue::I32(i32::from_le_bytes(r.array(&what)?)),
        type_id::F32 => GgufValue::F32(f32::from_le_bytes(r.array(&what)?)),
        type_id::BOOL => GgufValue::Bool(r.array::<1>(&what)?[0] != 0),
        type_id::STRING => GgufValue::String(r.string(MAX_STRING_LEN, &what)?),
        type_id::ARRAY => GgufValue::Array(read_array(r, key, depth)?),
        type_id::U64 => GgufValue::U64(u64::from_le_bytes(r.array(&what)?)),
        type_id::I64 => GgufValue::I64(i64::from_le_bytes(r.array(&what)?)),
        type_id::F64 => GgufValue::F64(f64::from_le_bytes(r.array(&what)?)),
        raw => {
            return Err(GgufError::UnknownValueType {
                key: key.to_owned(),
                offset: r.pos() - 4,
                raw,
            });
        }
    })
}

/// Reads an array's element type, length and elements. `depth` counts enclosing arrays.
fn read_array(r: &mut Reader<'_>, key: &str, depth: usize) -> Result<GgufArray, GgufError> {
    let offset = r.pos();
    if depth >= MAX_ARRAY_DEPTH {
        return Err(GgufError::NestedTooDeep {
            key: key.to_owned(),
            offset,
            max: MAX_ARRAY_DEPTH,
        });
    }
    let what = || format!("the array `{key}`");
    let elem = r.u32(&what)?;
    let Some(min_size) = type_id::min_size(elem) else {
        return Err(GgufError::UnknownValueType {
            key: key.to_owned(),
            offset,
            raw: elem,
        });
    };
    let len_offset = r.pos();
    let len = r.u64(&what)?;
    if len > MAX_ARRAY_LEN {
        return Err(GgufError::TooLarge {
            what: format!("the length of the array `{key}`"),
            offset: len_offset,
            value: len,
            max: MAX_ARRAY_LEN,
        });
    }
    // The elements must fit in what is left of the file before anything is allocated for them.
    if len * min_size > r.remaining() {
        return Err(GgufError::Truncated {
            what: format!("the {len} elements of the array `{key}`"),
            offset: r.pos(),
            file_len: r.data.len() as u64,
        });
    }
    let n = len as usize;
    macro_rules! fixed {
        ($variant:ident, $t:ty) => {{
            let bytes = r.take(len * size_of::<$t>() as u64, &what)?;
            GgufArray::$variant(
                bytes
                    .chunks_exact(size_of::<$t>())
                    .map(|c| {
                        let mut b = [0u8; size_of::<$t>()];
                        b.copy_from_slice(c);
                        <$t>::from_le_bytes(b)
                    })
                    .collect(),
            )
        }};
    }
    Ok(match elem {
        type_id::U8 => GgufArray::U8(r.take(len, &what)?.to_vec()),
        type_id::I8 => fixed!(I8, i8),
        type_id::U16 => fixed!(U16, u16),
        type_id::I16 => fixed!(I16, i16),
        type_id::U32 => fixed!(U32, u32),
        type_id::I32 => fixed!(I32, i32),
        type_id::F32 => fixed!(F32, f32),
        type_id::U64 => fixed!(U64, u64),
        type_id::I64 => fixed!(I64, i64),
        type_id::F64 => fixed!(F64, f64),
        type_id::BOOL => GgufArray::Bool(r.take(len, &what)?.iter().map(|&b| b != 0).collect()),
        type_id::STRING => {
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                v.push(r.string(MAX_STRING_LEN, &|| {
                    format!("element {i} of the array `{key}`")
                })?);
            }
            GgufArray::String(v)
        }
        type_id::ARRAY => {
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(read_array(r, key, depth + 1)?);
            }
            GgufArray::Array(v)
        }
        // `min_size` returned `Some`, so `elem` is one of the ids above.
        raw => {
            return Err(GgufError::UnknownValueType {
                key: key.to_owned(),
                offset,
                raw,
            });
        }
    })
}

fn parse_tensor_infos(
    r: &mut Reader<'_>,
    n_tensors: u64,
) -> Result<Vec<GgufTensorInfo>, GgufError> {
    // A tensor info takes at least 24 bytes (name length, dimension count, type, offset).
    let mut tensors = Vec::with_capacity(n_tensors.min(r.remaining() / 24) as usize);
    let mut seen = HashMap::with_capacity(tensors.capacity());
    for i in 0..n_tensors {
        let offset = r.pos();
        let name = r.string(MAX_NAME_LEN, &|| format!("the name of tensor {i}"))?;
        let what = || format!("the info of tensor `{name}`");
        let n_dims = r.u32(&what)?;
        if n_dims > MAX_DIMS {
            return Err(GgufError::TooManyDims {
                name,
                offset,
                n_dims,
            });
        }
        let mut dims = Vec::with_capacity(n_dims as usize);
        for _ in 0..n_dims {
            dims.push(r.u64(&what)?);
        }
        let raw_type = r.u32(&what)?;
        let data_offset = r.u64(&what)?;

        let Some(layout) = quant::type_layout(raw_type) else {
            return Err(GgufError::UnknownTensorType {
                name,
                offset,
                raw: raw_type,
            });
        };
        // ggml keeps dimensions in int64_t; stay within that and within usize throughout.
        let elements = dims
            .iter()
            .try_fold(1u64, |acc, &d| {
                if d > i64::MAX as u64 {
                    None
                } else {
                    acc.checked_mul(d)
                }
            })
            .filter(|&n| n <= i64::MAX as u64);
        let cols = dims.first().copied().unwrap_or(1);
        let Some(elements) = elements else {
            return Err(GgufError::TooManyElements { name, offset, dims });
        };
        if !cols.is_multiple_of(layout.block_len as u64) {
            return Err(GgufError::PartialBlock {
                name,
                offset,
                ty: layout.name,
                cols,
                block_len: layout.block_len,
            });
        }
        let len = (elements / layout.block_len as u64).checked_mul(layout.block_bytes as u64);
        let (Some(len), Ok(shape)) = (
            len.and_then(|l| usize::try_from(l).ok()),
            dims.iter()
                .map(|&d| usize::try_from(d))
                .collect::<Result<Vec<usize>, _>>(),
        ) else {
            return Err(GgufError::TooManyElements { name, offset, dims });
        };
        // Offsets are checked against the data section once its start is known; until then
        // `offset` holds the relative offset, bounded by `len` checks in `parse`.
        let Ok(rel) = usize::try_from(data_offset) else {
            return Err(GgufError::TensorOutOfBounds {
                name,
                start: data_offset,
                end: u64::MAX,
                file_len: r.data.len() as u64,
            });
        };
        if seen.insert(name.clone(), ()).is_some() {
            return Err(GgufError::DuplicateTensor { name, offset });
        }
        tensors.push(GgufTensorInfo {
            name,
            shape,
            raw_type,
            offset: rel,
            len,
        });
    }
    Ok(tensors)
}

/// The data of a tensor to write: bytes now, or a function that fills them at write time (so a
/// gigabyte of synthetic weights need never be held in memory at once).
enum TensorData<'a> {
    Bytes(Vec<u8>),
    Fill(FillFn<'a>),
}

/// Writes a tensor's bytes into a zeroed buffer of its exact size.
type FillFn<'a> = Box<dyn FnMut(&mut [u8]) + 'a>;

struct PendingTensor<'a> {
    name: String,
    raw_type: u32,
    dims: Vec<u64>,
    len: usize,
    data: TensorData<'a>,
}

/// Writes GGUF v3 files: metadata in insertion order, tensors in insertion order, each tensor's
/// data aligned to `general.alignment` (32 by default), as gguf-py does.
///
/// [`GgufWriter::add_raw_tensor`] and [`GgufWriter::set_version`] write exactly what they are
/// given, so tests can craft invalid files.
///
/// ```
/// # use natter_model::{GgmlType, GgufWriter};
/// let mut w = GgufWriter::new();
/// w.set("general.architecture", "llama");
/// w.add_tensor("x", GgmlType::F32, &[2], vec![0; 8])?;
/// let mut bytes = Vec::new();
/// w.write_to(&mut bytes)?;
/// assert_eq!(&bytes[..4], b"GGUF");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct GgufWriter<'a> {
    version: u32,
    metadata: Vec<(String, GgufValue)>,
    tensors: Vec<PendingTensor<'a>>,
}

impl Default for GgufWriter<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> GgufWriter<'a> {
    /// An empty version-3 file.
    pub fn new() -> Self {
        Self {
            version: 3,
            metadata: Vec::new(),
            tensors: Vec::new(),
        }
    }

    /// Sets the version number written in the header (the layout stays v3's).
    pub fn set_version(&mut self, version: u32) -> &mut Self {
        self.version = version;
        self
    }

    /// Sets `key` to `value`, replacing an earlier value in place.
    pub fn set(&mut self, key: impl Into<String>, value: impl Into<GgufValue>) -> &mut Self {
        let key = key.into();
        let value = value.into();
        match self.metadata.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.metadata.push((key, value)),
        }
        self
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<GgufValue> {
        let i = self.metadata.iter().position(|(k, _)| k == key)?;
        Some(self.metadata.remove(i).1)
    }

    /// Removes the tensor `name`; whether it was there.
    pub fn remove_tensor(&mut self, name: &str) -> bool {
        let before = self.tensors.len();
        self.tensors.retain(|t| t.name != name);
        self.tensors.len() != before
    }

    /// Names of the tensors added so far, in order.
    pub fn tensor_names(&self) -> impl Iterator<Item = &str> {
        self.tensors.iter().map(|t| t.name.as_str())
    }

    /// Adds a tensor of `ty` with `shape` in ggml order; `data` must be exactly its size.
    pub fn add_tensor(
        &mut self,
        name: impl Into<String>,
        ty: GgmlType,
        shape: &[usize],
        data: Vec<u8>,
    ) -> Result<&mut Self, GgufError> {
        let name = name.into();
        let len = tensor_len(&name, ty, shape)?;
        if len != data.len() {
            let source = QuantError::LengthMismatch {
                ty,
                elements: shape.iter().product(),
                expected: len,
                found: data.len(),
            };
            return Err(GgufError::WriteTensor { name, source });
        }
        self.push(name, ty.raw(), shape, len, TensorData::Bytes(data));
        Ok(self)
    }

    /// Adds a tensor whose bytes `fill` writes, when the file is written, into a zeroed buffer of
    /// exactly the tensor's size.
    pub fn add_tensor_with(
        &mut self,
        name: impl Into<String>,
        ty: GgmlType,
        shape: &[usize],
        fill: impl FnMut(&mut [u8]) + 'a,
    ) -> Result<&mut Self, GgufError> {
        let name = name.into();
        let len = tensor_len(&name, ty, shape)?;
        self.push(name, ty.raw(), shape, len, TensorData::Fill(Box::new(fill)));
        Ok(self)
    }

    /// Adds a tensor info and data exactly as given, unchecked: any type id, any dimensions.
    /// For crafting files that readers must reject.
    pub fn add_raw_tensor(
        &mut self,
        name: impl Into<String>,
        raw_type: u32,
        dims: &[u64],
        data: Vec<u8>,
    ) -> &mut Self {
        self.tensors.push(PendingTensor {
            name: name.into(),
            raw_type,
            dims: dims.to_vec(),
            len: data.len(),
            data: TensorData::Bytes(data),
        });
        self
    }

    fn push(
        &mut self,
        name: String,
        raw_type: u32,
        shape: &[usize],
        len: usize,
        data: TensorData<'a>,
    ) {
        let dims = shape.iter().map(|&d| d as u64).collect();
        self.tensors.push(PendingTensor {
            name,
            raw_type,
            dims,
            len,
            data,
        });
    }

    /// The alignment the data will be written with: `general.alignment` if it is a usable `u32`,
    /// else 32. (An unusable value is still written, for tests of the reader.)
    fn alignment(&self) -> u64 {
        match self.metadata.iter().find(|(k, _)| k == "general.alignment") {
            Some((_, GgufValue::U32(a))) if a.is_power_of_two() => u64::from(*a),
            _ => DEFAULT_ALIGNMENT,
        }
    }

    /// Writes the file to `w`.
    pub fn write_to(mut self, w: impl Write) -> io::Result<()> {
        let mut w = CountingWriter {
            inner: w,
            written: 0,
        };
        let alignment = self.alignment();
        w.write_all(&GGUF_MAGIC)?;
        w.write_all(&self.version.to_le_bytes())?;
        w.write_all(&(self.tensors.len() as u64).to_le_bytes())?;
        w.write_all(&(self.metadata.len() as u64).to_le_bytes())?;
        for (key, value) in &self.metadata {
            write_str(&mut w, key)?;
            w.write_all(&value.type_id().to_le_bytes())?;
            write_value(&mut w, value)?;
        }
        let mut offset = 0u64;
        for t in &self.tensors {
            write_str(&mut w, &t.name)?;
            w.write_all(&(t.dims.len() as u32).to_le_bytes())?;
            for d in &t.dims {
                w.write_all(&d.to_le_bytes())?;
            }
            w.write_all(&t.raw_type.to_le_bytes())?;
            w.write_all(&offset.to_le_bytes())?;
            offset = (offset + t.len as u64).next_multiple_of(alignment);
        }
        w.pad_to(alignment)?;
        for t in &mut self.tensors {
            match &mut t.data {
                TensorData::Bytes(bytes) => w.write_all(bytes)?,
                TensorData::Fill(fill) => {
                    let mut buf = vec![0u8; t.len];
                    fill(&mut buf);
                    w.write_all(&buf)?;
                }
            }
            w.pad_to(alignment)?;
        }
        w.inner.flush()
    }

    /// Writes the file at `path`, replacing it.
    pub fn write_file(self, path: impl AsRef<Path>) -> io::Result<()> {
        let file = File::create(path)?;
        self.write_to(io::BufWriter::with_capacity(1 << 20, file))
    }
}

fn tensor_len(name: &str, ty: GgmlType, shape: &[usize]) -> Result<usize, GgufError> {
    let elements = shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d));
    let cols = shape.first().copied().unwrap_or(1);
    let error = |source| GgufError::WriteTensor {
        name: name.to_owned(),
        source,
    };
    let Some(elements) = elements else {
        return Err(error(QuantError::TooLarge {
            ty,
            elements: usize::MAX,
        }));
    };
    if !cols.is_multiple_of(ty.block_len()) {
        return Err(error(QuantError::NotBlockAligned {
            ty,
            elements: cols,
            block_len: ty.block_len(),
        }));
    }
    ty.row_bytes(elements)
        .ok_or_else(|| error(QuantError::TooLarge { ty, elements }))
}

struct CountingWriter<W> {
    inner: W,
    written: u64,
}

impl<W: Write> CountingWriter<W> {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn pad_to(&mut self, alignment: u64) -> io::Result<()> {
        let pad = self.written.next_multiple_of(alignment) - self.written;
        self.write_all(&vec![0u8; pad as usize])
    }
}

fn write_str<W: Write>(w: &mut CountingWriter<W>, s: &str) -> io::Result<()> {
    w.write_all(&(s.len() as u64).to_le_bytes())?;
    w.write_all(s.as_bytes())
}

fn write_value<W: Write>(w: &mut CountingWriter<W>, value: &GgufValue) -> io::Result<()> {
    match value {
        GgufValue::U8(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::I8(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::U16(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::I16(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::U32(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::I32(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::F32(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::Bool(v) => w.write_all(&[u8::from(*v)]),
        GgufValue::String(s) => write_str(w, s),
        GgufValue::Array(a) => write_array(w, a),
        GgufValue::U64(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::I64(v) => w.write_all(&v.to_le_bytes()),
        GgufValue::F64(v) => w.write_all(&v.to_le_bytes()),
    }
}

fn write_array<W: Write>(w: &mut CountingWriter<W>, a: &GgufArray) -> io::Result<()> {
    w.write_all(&a.elem_type_id().to_le_bytes())?;
    w.write_all(&(a.len() as u64).to_le_bytes())?;
    macro_rules! each {
        ($v:expr) => {{
            for x in $v {
                w.write_all(&x.to_le_bytes())?;
            }
            Ok(())
        }};
    }
    match a {
        GgufArray::U8(v) => w.write_all(v),
        GgufArray::I8(v) => each!(v),
        GgufArray::U16(v) => each!(v),
        GgufArray::I16(v) => each!(v),
        GgufArray::U32(v) => each!(v),
        GgufArray::I32(v) => each!(v),
        GgufArray::F32(v) => each!(v),
        GgufArray::U64(v) => each!(v),
        GgufArray::I64(v) => each!(v),
        GgufArray::F64(v) => each!(v),
        GgufArray::Bool(v) => w.write_all(&v.iter().map(|&b| u8::from(b)).collect::<Vec<u8>>()),
        GgufArray::String(v) => v.iter().try_for_each(|s| write_str(w, s)),
        GgufArray::Array(v) => v.iter().try_for_each(|a| write_array(w, a)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes_of(w: GgufWriter<'_>) -> Vec<u8> {
        let mut out = Vec::new();
        w.write_to(&mut out).expect("writing to a Vec cannot fail");
        out
    }

    fn every_value_type() -> Vec<(&'static str, GgufValue)> {
        vec![
            ("u8", GgufValue::U8(200)),
            ("i8", GgufValue::I8(-100)),
            ("u16", GgufValue::U16(60_000)),
            ("i16", GgufValue::I16(-30_000)),
            ("u32", GgufValue::U32(4_000_000_000)),
            ("i32", GgufValue::I32(-2_000_000_000)),
            ("f32", GgufValue::F32(1.5e-5)),
            ("bool", GgufValue::Bool(true)),
            ("string", GgufValue::String("héllo {{ x }}".into())),
            ("u64", GgufValue::U64(u64::MAX)),
            ("i64", GgufValue::I64(i64::MIN)),
            ("f64", GgufValue::F64(-2.25)),
            ("a.u8", vec![1u8, 2, 3].into()),
            ("a.i8", vec![-1i8, 2].into()),
            ("a.u16", vec![1u16, 65_535].into()),
            ("a.i16", vec![-1i16].into()),
            ("a.u32", vec![7u32].into()),
            ("a.i32", vec![1i32, -3, 6].into()),
            ("a.f32", vec![0.5f32, -0.25].into()),
            ("a.bool", vec![true, false].into()),
            ("a.string", GgufValue::from(&["a", "", "Ġthe"][..])),
            ("a.u64", vec![u64::MAX].into()),
            ("a.i64", vec![-5i64].into()),
            ("a.f64", vec![1e300f64].into()),
            ("a.empty", GgufValue::Array(GgufArray::String(vec![]))),
            (
                "a.nested",
                GgufValue::Array(GgufArray::Array(vec![
                    GgufArray::U8(vec![1]),
                    GgufArray::String(vec!["x".into()]),
                ])),
            ),
        ]
    }

    #[test]
    fn every_value_type_round_trips() {
        let mut w = GgufWriter::new();
        for (k, v) in every_value_type() {
            w.set(k, v);
        }
        let header = parse(&bytes_of(w)).expect("valid file");
        assert_eq!(header.version, 3);
        let got: Vec<(&str, &GgufValue)> = header.metadata.iter().collect();
        let expected = every_value_type();
        assert_eq!(got.len(), expected.len());
        for ((k, v), (ek, ev)) in got.into_iter().zip(&expected) {
            assert_eq!((k, v), (*ek, ev));
        }
    }

    #[test]
    fn tensors_round_trip_aligned() {
        let mut w = GgufWriter::new();
        w.set("general.alignment", 64u32);
        w.add_tensor("a", GgmlType::F32, &[3], vec![1; 12])
            .expect("ok");
        w.add_tensor("b", GgmlType::Q8_0, &[64, 2], vec![2; 136])
            .expect("ok");
        w.add_tensor_with("c", GgmlType::F16, &[5], |buf| buf.fill(3))
            .expect("ok");
        let bytes = bytes_of(w);
        let h = parse(&bytes).expect("valid");
        assert_eq!(h.alignment, 64);
        assert!(h.data_offset.is_multiple_of(64));
        let names: Vec<&str> = h.tensors.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        for (t, (shape, fill, len)) in
            h.tensors
                .iter()
                .zip([(vec![3], 1, 12), (vec![64, 2], 2, 136), (vec![5], 3, 10)])
        {
            assert_eq!(t.shape, shape);
            assert_eq!(t.len, len);
            assert_eq!(t.offset % 64, 0);
            assert!(bytes[t.offset..t.offset + t.len].iter().all(|&b| b == fill));
        }
        assert_eq!(h.tensors[1].ty(), Some(GgmlType::Q8_0));
        assert_eq!(h.tensors[1].type_name(), "Q8_0");
    }

    #[test]
    fn version_2_reads_and_1_is_refused() {
        let mut w = GgufWriter::new();
        w.set_version(2).set("k", 1u32);
        assert_eq!(parse(&bytes_of(w)).expect("v2").version, 2);
        let mut w = GgufWriter::new();
        w.set_version(1);
        assert!(matches!(
            parse(&bytes_of(w)),
            Err(GgufError::UnsupportedVersion { version: 1 })
        ));
        let mut w = GgufWriter::new();
        w.set_version(3u32.swap_bytes());
        assert!(matches!(
            parse(&bytes_of(w)),
            Err(GgufError::BigEndian { version: 3 })
        ));
    }

    #[test]
    fn lookups_are_typed() {
        let mut w = GgufWriter::new();
        w.set("n", 30u32)
            .set("small", 7u8)
            .set("neg", -1i32)
            .set("s", "llama")
            .set("f", 0.5f32)
            .set("d", 0.25f64);
        w.set("toks", GgufValue::from(&["a", "b"][..]))
            .set("types", vec![1i32, 3])
            .set("scores", vec![0.5f32]);
        let h = parse(&bytes_of(w)).expect("valid");
        let m = &h.metadata;
        assert_eq!(m.get_u32("n").expect("u32"), 30);
        assert_eq!(m.get_u32("small").expect("u8 widens"), 7);
        assert_eq!(m.get_u64("n").expect("u32 widens"), 30);
        assert!(
            matches!(m.get_u32("neg"), Err(GgufError::OutOfRange { ref key, .. }) if key == "neg")
        );
        assert_eq!(m.get_str("s").expect("str"), "llama");
        assert_eq!(m.get_f32("f").expect("f32"), 0.5);
        assert_eq!(m.get_f32("d").expect("f64 narrows"), 0.25);
        assert_eq!(m.get_str_array("toks").expect("strs"), ["a", "b"]);
        assert_eq!(m.get_i32_array("types").expect("i32s"), [1, 3]);
        assert_eq!(m.get_f32_array("scores").expect("f32s"), [0.5]);
        assert!(
            matches!(m.get_u32("missing"), Err(GgufError::MissingKey { ref key }) if key == "missing")
        );
        assert_eq!(m.opt_u32("missing").expect("absent is fine"), None);
        let err = m.get_u32("s").expect_err("string is not u32");
        assert!(
            matches!(err, GgufError::WrongType { expected: "u32", ref found, .. } if found == "string")
        );
        assert!(err.to_string().contains("`s`"), "{err}");
        assert!(
            matches!(m.get_str_array("types"), Err(GgufError::WrongType { ref found, .. }) if found == "array of i32")
        );
        assert!(matches!(m.get_f32("n"), Err(GgufError::WrongType { .. })));
    }

    #[test]
    fn duplicate_keys_and_tensors_are_refused() {
        // `set` replaces, so make the duplicate by renaming the second key in the bytes: the
        // header is 24 bytes, the first entry 8 + 1 + 4 + 4, then the second key's length.
        let mut w = GgufWriter::new();
        w.set("k", 1u32).set("j", 2u32);
        let mut bytes = bytes_of(w);
        assert_eq!(bytes[24 + 17 + 8], b'j');
        bytes[24 + 17 + 8] = b'k';
        assert!(
            matches!(parse(&bytes), Err(GgufError::DuplicateKey { ref key, .. }) if key == "k")
        );

        let mut w = GgufWriter::new();
        w.add_raw_tensor("t", 0, &[1], vec![0; 4])
            .add_raw_tensor("t", 0, &[1], vec![0; 4]);
        assert!(
            matches!(parse(&bytes_of(w)), Err(GgufError::DuplicateTensor { ref name, .. }) if name == "t")
        );
    }

    #[test]
    fn nesting_is_limited() {
        let mut a = GgufArray::U8(vec![1]);
        for _ in 0..MAX_ARRAY_DEPTH {
            a = GgufArray::Array(vec![a]);
        }
        let mut w = GgufWriter::new();
        w.set("deep", a);
        assert!(
            matches!(parse(&bytes_of(w)), Err(GgufError::NestedTooDeep { ref key, .. }) if key == "deep")
        );
    }

    #[test]
    fn bad_alignment_is_refused() {
        for (value, ok) in [
            (GgufValue::U32(0), false),
            (GgufValue::U32(48), false),
            (GgufValue::U64(32), false),
            (GgufValue::U32(16), true),
        ] {
            let mut w = GgufWriter::new();
            w.set("general.alignment", value.clone());
            let result = parse(&bytes_of(w));
            assert_eq!(result.is_ok(), ok, "{value:?}: {result:?}");
        }
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let mut w = GgufWriter::new();
        for (k, v) in every_value_type() {
            w.set(k, v);
        }
        w.add_tensor("t", GgmlType::Q4_1, &[32, 2], vec![7; 40])
            .expect("ok");
        let bytes = bytes_of(w);
        assert!(parse(&bytes).is_ok());
        let data_end = bytes.len() - 24; // 40 bytes of data, padded to 64
        for cut in 0..data_end {
            assert!(parse(&bytes[..cut]).is_err(), "cut at {cut} parsed");
        }
    }

    #[test]
    fn display_is_one_line_with_context() {
        let e = GgufError::BadMagic { found: *b"\x7fELF" };
        assert_eq!(
            e.to_string(),
            "not a GGUF file: it starts with \"\\x7fELF\", not \"GGUF\""
        );
        assert_eq!(GgufValue::from("x").to_string(), "\"x\"");
        assert_eq!(GgufValue::from(vec![1u32, 2]).to_string(), "[2 × u32]");
    }
}
