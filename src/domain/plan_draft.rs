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
    /// Names the user said denote another unit (`--map`, or the TUI preview). Saving records each
    /// `from` as an alias of its target, so the next plan that writes it that way matches by itself.
    pub mappings: Vec<UnitMapping>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMapping {
    /// The name as the document wrote it.
    pub from: String,
    /// The unit it denotes: an existing department's name or alias, or another name in the draft.
    pub to: String,
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
    /// A row of a key-project table (重点项目): its owner and investment. Saved as the task's
    /// project (`project`, `project_plan`); the body keeps them as text too.
    pub project: Option<KeyProject>,
    /// Milestones (节点) from a key-project table's date columns (开工时间, 竣工时间) or a
    /// milestone table, in the table's order.
    pub milestones: Vec<MilestoneDraft>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyProject {
    /// The company or unit that builds it (建设单位, 业主单位), as written.
    pub owner: Option<String>,
    /// The total investment (总投资) in 万元, converted from the column's unit (亿元, 元).
    pub investment: Option<f64>,
    /// The column's header, "总投资(万元)".
    pub investment_label: String,
    /// The year's planned investment (年度计划投资) in 万元, with its year: from the column's
    /// header ("2024年计划投资"), else the table's title, else the plan's first year.
    pub year_plan: Option<(i32, f64)>,
}

/// A milestone read from a table: its name (开工, 主体结顶) and planned date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneDraft {
    pub name: String,
    pub planned_on: NaiveDate,
    /// The cell as written ("2024年3月").
    pub text: String,
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
    /// The text ends inside a unit's name (a copy cut short): the piece is left out, not guessed.
    CutOff,
    /// Numbered items of a notice around a task table: the table's rows are the tasks.
    NoticeItems,
    /// A key-project table with no unit column: its projects take the units of the item of the
    /// text that refers to it ("详见附件2"); the text names that item and its units.
    ProjectUnits,
    /// A row of a milestone table names no task of the draft: imported as a task of its own.
    MilestoneTask,
}

impl PlanDraft {
    /// Every use of the unit `from` (tasks and indicators) becomes `to`; a task naming both keeps
    /// one, a lead if either was. Returns how many uses changed (0: the draft has no such name).
    pub fn map_unit(&mut self, from: &str, to: &str) -> usize {
        if from == to {
            return 0;
        }
        let mut changed = 0;
        for t in &mut self.tasks {
            let Some(at) = t.units.iter().position(|u| u.name == from) else {
                continue;
            };
            changed += 1;
            let role = t.units[at].role;
            match t.units.iter().position(|u| u.name == to) {
                Some(other) => {
                    if role == Role::Lead {
                        t.units[other].role = Role::Lead;
                    }
                    t.units.remove(at);
                }
                None => t.units[at].name = to.to_string(),
            }
        }
        for ind in &mut self.indicators {
            if ind.department.as_deref() == Some(from) {
                ind.department = Some(to.to_string());
                changed += 1;
            }
        }
        if changed > 0 {
            // A chain (A→B, then B→C) ends at C for both names.
            for m in &mut self.mappings {
                if m.to == from {
                    m.to = to.to_string();
                }
            }
            self.mappings.retain(|m| m.from != from);
            self.mappings.push(UnitMapping {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        changed
    }

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
