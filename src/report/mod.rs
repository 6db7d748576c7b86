//! Reports for people and scripts: the status table, the task list, and (later) the circular,
//! reminders and exports. Reads through `store`, never the terminal.

pub mod audit;
pub mod circular;
pub mod circular_docx;
pub mod circular_narrative;
pub mod circular_rows;
pub mod circular_text;
pub mod circular_xlsx;
pub mod closing;
pub mod cycle;
pub mod cycle_named;
pub mod cycle_text;
pub mod docx;
pub mod export;
pub mod extension;
pub mod import;
pub mod indicators;
pub mod journal;
pub mod notice;
pub mod notice_print;
pub mod parts;
pub mod period;
pub mod settings;
pub mod sheet_import;
pub mod spool;
pub mod status;
pub mod tasks;
pub mod tasks_table;
pub mod text;
pub mod xlsx_cell;
