//! duban (督办): a terminal tool that tracks a government action plan's tasks, responsible units,
//! deadlines and progress in one local SQLite file.
//!
//! Dependencies point one way: `domain` <- `store` <- `report` <- `cli` (see DESIGN.md).

pub mod cli;
pub mod clock;
pub mod domain;
pub mod evidence;
pub mod i18n;
pub mod identity;
pub mod import;
pub mod infile;
pub mod outfile;
pub mod report;
pub mod sample;
pub mod store;
pub mod tui;
