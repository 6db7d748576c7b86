//! Reading a plan document from disk, for the CLI and the TUI alike: the checks that come before
//! decoding (a directory, a file too large to be a plan) and the read itself.

use std::io::ErrorKind;
use std::path::Path;

use super::decode::{DecodeError, MAX_BYTES};
use super::{ImportError, Options, PlanDraft, read_plan};

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    PermissionDenied,
    Directory,
    Other(String),
}

fn io(e: &std::io::Error) -> ReadError {
    match e.kind() {
        ErrorKind::NotFound => ReadError::NotFound,
        ErrorKind::PermissionDenied => ReadError::PermissionDenied,
        _ => ReadError::Other(e.to_string()),
    }
}

/// The file's size, refusing a directory and a file too large to be a plan before reading it.
pub fn check(path: &Path) -> Result<u64, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| ImportError::Read(io(&e)))?;
    if meta.is_dir() {
        return Err(ImportError::Read(ReadError::Directory));
    }
    if meta.len() > MAX_BYTES {
        return Err(ImportError::Decode(DecodeError::TooLarge {
            bytes: meta.len(),
            limit: MAX_BYTES,
        }));
    }
    Ok(meta.len())
}

/// Reads and parses a plan document.
pub fn read_plan_file(path: &Path, opts: &Options) -> Result<PlanDraft, ImportError> {
    check(path)?;
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read(io(&e)))?;
    read_plan(&bytes, opts).map(|(draft, _)| draft)
}
