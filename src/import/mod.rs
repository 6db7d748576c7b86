//! Document text -> `PlanDraft`. Nothing here writes to the database: `store` saves drafts
//! (`Db::save_draft`), the CLI previews them.
//!
//! - `file`: reading the document from disk;
//! - `decode`: bytes -> text (UTF-8, GB18030), refusing binary and empty files;
//! - `plan_text`: lines -> a draft, in stages: `plan_head` (title, years, 文号), `layout` (where
//!   the text ends, page noise, appendices), `numbering`, `structure` (sections and tasks),
//!   `note_cut` (notes out of a task's text), `plan_tables` (tables into the draft);
//! - `units`: responsibility notes -> units and roles; `unit_names`: the names, matching against
//!   existing departments;
//! - `tables`: indicator tables, per-unit target tables; `key_projects`: key-project tables
//!   (owner, 总投资, 年度计划投资, 开工/竣工 dates) and milestone tables;
//! - `task_table`: task tables (序号 / 任务 / 牵头单位 / 完成时限…), one cell per line or one row per line;
//! - `mapping`: the user's corrections of unit names (`--map`);
//! - `draft`: the plain types.

pub mod decode;
pub mod draft;
pub mod file;
pub mod key_projects;
pub mod layout;
pub mod mapping;
pub mod note_cut;
pub mod numbering;
pub mod plan_head;
pub mod plan_tables;
pub mod plan_text;
mod project_cells;
pub mod sheet;
pub mod sheet_cells;
pub mod sheet_changes;
pub mod sheet_diff;
mod sheet_index;
pub mod structure;
pub mod tables;
pub mod task_table;
pub mod unit_names;
pub mod units;

pub use decode::{DecodeError, Encoding, MAX_BYTES};
pub use draft::{
    Doubt, DoubtKind, IndicatorDraft, KeyProject, MilestoneDraft, PlanDraft, SectionDraft,
    TaskDraft, UnitMapping, UnitRef,
};
pub use plan_text::Options;
pub use units::{NewUnit, UnitPlan, plan_units};

/// Why a document cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Read(file::ReadError),
    Decode(DecodeError),
    NoTasks,
}

/// Reads a plan document's bytes into a draft.
pub fn read_plan(bytes: &[u8], opts: &Options) -> Result<(PlanDraft, Encoding), ImportError> {
    let (text, encoding) = decode::decode(bytes).map_err(ImportError::Decode)?;
    let mut draft = plan_text::parse(&text, opts).map_err(|e| match e {
        plan_text::ParseError::NoTasks => ImportError::NoTasks,
    })?;
    one_line_fields(&mut draft);
    Ok((draft, encoding))
}

/// A tab left inside a name or a title (a table cell copied whole) is a space: the record keeps
/// names and titles as one line of visible text (`domain::text`), and the decoder has already
/// made every other control character a newline or dropped it.
fn one_line_fields(draft: &mut PlanDraft) {
    let one_line = |s: &mut String| {
        if s.contains('\t') {
            *s = s.replace('\t', " ").trim().to_string();
        }
    };
    one_line(&mut draft.title);
    draft.doc_no.iter_mut().for_each(one_line);
    for section in &mut draft.sections {
        one_line(&mut section.number);
        one_line(&mut section.title);
    }
    for task in &mut draft.tasks {
        one_line(&mut task.number);
        one_line(&mut task.title);
        task.units.iter_mut().for_each(|u| one_line(&mut u.name));
        if let Some(d) = &mut task.deadline {
            one_line(&mut d.text);
        }
    }
    for indicator in &mut draft.indicators {
        one_line(&mut indicator.name);
        one_line(&mut indicator.unit);
        indicator.department.iter_mut().for_each(one_line);
    }
    for m in &mut draft.mappings {
        one_line(&mut m.from);
        one_line(&mut m.to);
    }
}
