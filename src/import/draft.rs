//! `PlanDraft`: what the importer read from a document, before anything is saved. Plain data: the
//! store saves it (`Db::save_draft`), the CLI prints it (`--dry-run`).

use chrono::NaiveDate;

use crate::domain::{Deadline, Role};

#[derive(Debug, Clone, PartialEq)]
pub struct PlanDraft {
    pub title: String,
    pub doc_no: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// A responsibility note that applies to every later task ("以下各项工作均需…不再列出").
    pub common_units_note: Option<String>,
    /// Headings in document order; `parent` indexes this list.
    pub sections: Vec<SectionDraft>,
    pub tasks: Vec<TaskDraft>,
    pub indicators: Vec<IndicatorDraft>,
    /// Lines the parser was unsure of, so that nothing is lost silently.
    pub doubts: Vec<Doubt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDraft {
    /// As written, without punctuation: 三 / (一).
    pub number: String,
    pub title: String,
    pub parent: Option<usize>,
    /// 1-based line in the decoded text.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    /// As shown: 3, or (二)3 when numbering restarts per section.
    pub number: String,
    pub title: String,
    /// The task's text without its responsibility notes.
    pub body: String,
    /// Index into `PlanDraft::sections`.
    pub section: Option<usize>,
    /// In the order the document names them; leads marked.
    pub units: Vec<UnitRef>,
    /// From the task text; `None`: the plan's end.
    pub deadline: Option<Deadline>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    /// Normalised name (see `units::normalise`).
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDraft {
    pub name: String,
    /// 亿元, %, 家; empty when the table gives none.
    pub unit: String,
    pub department: Option<String>,
    /// (year, value), years ascending.
    pub targets: Vec<(i32, f64)>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    pub line: usize,
    pub kind: DoubtKind,
    /// The line (or the part of it) concerned, shortened.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoubtKind {
    /// A numbered task with no responsibility note: imported with no unit.
    NoUnits,
    /// A responsibility note that had to be repaired (unbalanced brackets) or had an empty name.
    NoteRepaired,
    /// A table or appendix the importer did not turn into tasks or indicators.
    SkippedTable,
    /// A table row whose targets are not numbers: imported as a task.
    RowAsTask,
    /// No year anywhere in the document: the plan runs over the given fallback year.
    NoYear,
}

impl PlanDraft {
    /// Every distinct unit name the draft uses (tasks first, then indicators), in first-seen order.
    pub fn unit_names(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        let names = self
            .tasks
            .iter()
            .flat_map(|t| t.units.iter().map(|u| u.name.as_str()))
            .chain(
                self.indicators
                    .iter()
                    .filter_map(|i| i.department.as_deref()),
            );
        for name in names {
            if seen.insert(name) {
                out.push(name);
            }
        }
        out
    }

    /// The section's display path: "三、重点任务 / (一)实施淘汰落后攻坚行动".
    pub fn section_path(&self, index: usize) -> String {
        let mut parts = Vec::new();
        let mut at = Some(index);
        let mut guard = 0;
        while let Some(i) = at {
            let Some(s) = self.sections.get(i) else { break };
            parts.push(format!("{} {}", s.number, s.title));
            at = s.parent;
            guard += 1;
            if guard > 16 {
                break;
            }
        }
        parts.reverse();
        parts.join(" / ")
    }
}
