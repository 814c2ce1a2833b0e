//! The bytes of one model file: memory-mapped when natter opened the file itself, owned when a
//! caller handed them over (a Bevy `AssetLoader` reads assets into memory and gives bytes, not
//! paths). Everything after loading sees a `&[u8]` and cannot tell the two apart.

use std::fmt;
use std::fs::File;
use std::io;
use std::ops::Deref;
use std::path::Path;

use memmap2::Mmap;

use crate::error::ModelError;

/// A whole file's bytes. Both variants are `Send + Sync`, so a [`crate::Model`] holding them can
/// be shared between threads.
pub(crate) enum FileBytes {
    Mapped(Mmap),
    Owned(Vec<u8>),
}

impl FileBytes {
    /// Maps the file at `path`. An empty file is read instead, as mapping zero bytes fails on
    /// some platforms; parsing it then reports what is missing.
    pub(crate) fn open(path: &Path) -> io::Result<Self> {
        let file = File::open(path)?;
        if file.metadata()?.len() == 0 {
            return Ok(Self::Owned(Vec::new()));
        }
        // SAFETY: the map is read-only and private to this process. If another process truncates
        // or rewrites the file while it is mapped, reads may fault or see new bytes; that is the
        // accepted contract of every memory-mapped model loader (llama.cpp, candle).
        let mmap = unsafe { Mmap::map(&file) }?;
        Ok(Self::Mapped(mmap))
    }
}

impl Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Mapped(m) => m,
            Self::Owned(v) => v,
        }
    }
}

impl From<Vec<u8>> for FileBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Owned(bytes)
    }
}

/// The length and kind only: a derived `Debug` would print every byte of an owned model.
impl fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            Self::Mapped(_) => "Mapped",
            Self::Owned(_) => "Owned",
        };
        write!(f, "FileBytes::{kind}({} bytes)", self.len())
    }
}

/// Reads a small file (a JSON config) of at most `max` bytes, refusing a larger one before
/// reading it.
pub(crate) fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ModelError> {
    let io_error = |source| ModelError::Io {
        path: path.to_owned(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io_error)?.len();
    if len > max {
        return Err(too_large(path, len, max));
    }
    std::fs::read(path).map_err(io_error)
}

/// The text of a small file read by [`read_capped`] or handed over in memory: at most `max`
/// bytes of UTF-8. Files from disk and from memory go through here, so both give the same
/// errors.
pub(crate) fn capped_text<'a>(
    path: &Path,
    bytes: &'a [u8],
    max: u64,
) -> Result<&'a str, ModelError> {
    let len = bytes.len() as u64;
    if len > max {
        return Err(too_large(path, len, max));
    }
    std::str::from_utf8(bytes).map_err(|e| ModelError::Io {
        path: path.to_owned(),
        source: io::Error::new(io::ErrorKind::InvalidData, e),
    })
}

fn too_large(path: &Path, len: u64, max: u64) -> ModelError {
    ModelError::Io {
        path: path.to_owned(),
        source: io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the file is {len} bytes, more than the {max} allowed"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_and_owned_bytes_read_alike() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        std::fs::write(&path, b"abc").expect("write");
        let mapped = FileBytes::open(&path).expect("maps");
        assert!(matches!(mapped, FileBytes::Mapped(_)));
        assert_eq!(&*mapped, &*FileBytes::from(b"abc".to_vec()));
        assert_eq!(format!("{mapped:?}"), "FileBytes::Mapped(3 bytes)");

        std::fs::write(&path, b"").expect("write");
        assert!(FileBytes::open(&path).expect("reads").is_empty());
        assert!(FileBytes::open(&dir.path().join("missing")).is_err());
    }

    #[test]
    fn small_files_are_capped_and_utf8_from_disk_and_memory_alike() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.json");
        std::fs::write(&path, "{}").expect("write");
        assert_eq!(read_capped(&path, 2).expect("fits"), b"{}");
        assert!(matches!(read_capped(&path, 1), Err(ModelError::Io { .. })));
        assert_eq!(capped_text(&path, b"{}", 2).expect("fits"), "{}");
        let io_kind = |r: Result<&str, ModelError>| match r {
            Err(ModelError::Io { source, .. }) => source.kind(),
            other => panic!("expected an I/O error, got {other:?}"),
        };
        assert_eq!(
            io_kind(capped_text(&path, b"{}", 1)),
            io::ErrorKind::InvalidData
        );
        assert_eq!(
            io_kind(capped_text(&path, b"\xff", 2)),
            io::ErrorKind::InvalidData
        );
    }
}
