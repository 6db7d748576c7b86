//! The draft types now live in `domain::plan_draft` (the store saves them and depends only on
//! `domain`); kept here under their old path for the importer's code.

pub use crate::domain::plan_draft::*;
