//! The change-set types now live in `domain::sheet_changes` (the store applies them and depends
//! only on `domain`); kept here under their old path for the importer's code.

pub use crate::domain::sheet_changes::*;
