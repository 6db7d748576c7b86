//! Reading a plan document from disk, for the CLI and the TUI alike: the checks that come before
//! decoding (a directory, a device, a file too large to be a plan) and the capped read itself.

use std::path::Path;

use super::decode::{DecodeError, MAX_BYTES};
use super::{ImportError, Options, PlanDraft, read_plan};
use crate::infile::{self, InputError};

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    PermissionDenied,
    Directory,
    /// A FIFO, a socket or a device.
    NotRegular,
    Other(String),
}

fn refused(e: InputError) -> ImportError {
    match e {
        InputError::NotFound => ImportError::Read(ReadError::NotFound),
        InputError::PermissionDenied => ImportError::Read(ReadError::PermissionDenied),
        InputError::Directory => ImportError::Read(ReadError::Directory),
        InputError::NotRegular => ImportError::Read(ReadError::NotRegular),
        InputError::TooLarge { bytes, limit } => {
            ImportError::Decode(DecodeError::TooLarge { bytes, limit })
        }
        InputError::Other(why) => ImportError::Read(ReadError::Other(why)),
    }
}

/// The file's size, refusing what is not a regular file and a file too large to be a plan before
/// reading it.
pub fn check(path: &Path) -> Result<u64, ImportError> {
    infile::checked_size(path, MAX_BYTES).map_err(refused)
}

/// Reads and parses a plan document: a regular file, never more than `MAX_BYTES` read.
pub fn read_plan_file(path: &Path, opts: &Options) -> Result<PlanDraft, ImportError> {
    let bytes = infile::read_capped(path, MAX_BYTES).map_err(refused)?;
    read_plan(&bytes, opts).map(|(draft, _)| draft)
}
