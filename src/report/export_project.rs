//! Key projects and milestones in `duban export` (issue 23): columns after 基于版本 on each task
//! row (建设单位, 总投资, 年度计划投资, 本年累计完成, 投资完成率; blank for a task that is not a
//! project), and the milestones: a sheet of their own in the xlsx (节点, 计划时间, 达到时间, 状态),
//! a column of lines in the CSV. Only in a file whose exported plans have key projects (or
//! milestones): an export without them is as it was.
//!
//! The office sheet is Chinese whatever the UI (the importer reads it back), so its headings are
//! the Chinese ones. None of them is a column the importer reads: 投资完成率 would be taken for
//! 完成率, but the first column of a kind wins and the export's 完成率 comes first; the
//! milestones sheet has no 任务 column, so the importer skips it.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::export::excel_width;
use super::xlsx_cell::fit;
use crate::domain::sheet::{SheetTask, sheet_name};
use crate::domain::{Milestone, Role, project};
use crate::i18n::Lang;
use crate::i18n::investment::{self as words, MilestoneState};
use crate::store::{Db, ProjectInfo, Result};

/// The export's language: the office form's.
const LANG: Lang = Lang::Zh;

/// A cell after the layout's columns.
#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    Text(String),
    /// 万元; `None` is blank.
    Amount(Option<f64>),
    /// Percent, 0..; `None` is blank.
    Rate(Option<f64>),
}

impl Extra {
    /// Writes `cells` on row `r` from column `col` on, with the formats of text, amounts and
    /// rates (blank cells keep the text's border).
    pub fn write_all(
        sheet: &mut Worksheet,
        (r, col): (u32, u16),
        cells: &[Extra],
        [text, amount, rate]: [&Format; 3],
    ) -> std::result::Result<(), XlsxError> {
        for (k, cell) in cells.iter().enumerate() {
            let col = col + k as u16;
            match cell {
                Extra::Text(t) if !t.is_empty() => {
                    sheet.write_string_with_format(r, col, &*fit(t), text)?;
                }
                Extra::Amount(Some(a)) => {
                    sheet.write_number_with_format(r, col, *a, amount)?;
                }
                Extra::Rate(Some(p)) => {
                    sheet.write_number_with_format(r, col, p / 100.0, rate)?;
                }
                _ => {
                    sheet.write_blank(r, col, text)?;
                }
            }
        }
        Ok(())
    }

    /// As a CSV writes it: plain numbers, the rate in percent to a tenth.
    pub fn text(&self) -> String {
        match self {
            Extra::Text(s) => s.clone(),
            Extra::Amount(a) => a.map(project::amount_text).unwrap_or_default(),
            Extra::Rate(r) => r
                .map(|r| format!("{}%", (r * 10.0).round() / 10.0))
                .unwrap_or_default(),
        }
    }
}

/// What the export adds for key projects, read once before the rows stream.
pub struct ProjectColumns {
    projects: HashMap<i64, ProjectInfo>,
    milestones: HashMap<i64, Vec<Milestone>>,
    today: NaiveDate,
    /// Some task of the exported plans is a key project: the five columns are there.
    with_projects: bool,
    /// Some task of the exported plans has milestones: the sheet (xlsx) or column (CSV).
    pub with_milestones: bool,
}

/// A milestone's state on `today`.
pub fn state(m: &Milestone, today: NaiveDate) -> MilestoneState {
    match m.reached_on {
        Some(_) if m.reached_late() > 0 => MilestoneState::ReachedLate(m.reached_late()),
        Some(_) => MilestoneState::Reached,
        None if m.days_late(today) > 0 => MilestoneState::Late(m.days_late(today)),
        None => MilestoneState::Pending,
    }
}

impl ProjectColumns {
    /// `None` when the exported plans (`plan`, or all) have no key project and no milestone:
    /// two reads of empty tables in a file without them.
    pub fn read(db: &Db, today: NaiveDate, plan: Option<i64>) -> Result<Option<ProjectColumns>> {
        let projects = db.projects(None, None)?;
        let milestones = db.milestones(None, None)?;
        if projects.is_empty() && milestones.is_empty() {
            return Ok(None);
        }
        let mut ids: Vec<i64> = projects.keys().chain(milestones.keys()).copied().collect();
        ids.sort_unstable();
        ids.dedup();
        let plan_of: HashMap<i64, i64> = db
            .tasks_by_id(&ids, None)?
            .into_iter()
            .map(|t| (t.id, t.plan_id))
            .collect();
        let in_scope = |id: &i64| {
            plan_of
                .get(id)
                .is_some_and(|p| plan.is_none_or(|want| want == *p))
        };
        let with_projects = projects.keys().any(in_scope);
        let with_milestones = milestones.keys().any(in_scope);
        if !with_projects && !with_milestones {
            return Ok(None);
        }
        Ok(Some(ProjectColumns {
            projects,
            milestones,
            today,
            with_projects,
            with_milestones,
        }))
    }

    /// The headings after the layout's; `csv` adds the milestones' column.
    pub fn heads(&self, csv: bool) -> Vec<&'static str> {
        let mut heads = Vec::new();
        if self.with_projects {
            heads.extend(words::export_columns(LANG));
        }
        if csv && self.with_milestones {
            heads.push(words::export_milestones_column(LANG));
        }
        heads
    }

    /// A task's cells under `heads(csv)`.
    pub fn cells(&self, task_id: i64, csv: bool) -> Vec<Extra> {
        let mut cells = Vec::new();
        if self.with_projects {
            let year = self.today.year();
            match self.projects.get(&task_id) {
                Some(p) => {
                    let planned = p.planned(year);
                    let done = p.completed_in_year(year, self.today);
                    cells.extend([
                        Extra::Text(p.project.owner.clone()),
                        Extra::Amount(p.project.total),
                        Extra::Amount(planned),
                        Extra::Amount(done),
                        Extra::Rate(planned.and_then(|pl| project::rate(done.unwrap_or(0.0), pl))),
                    ]);
                }
                None => cells.extend([
                    Extra::Text(String::new()),
                    Extra::Amount(None),
                    Extra::Amount(None),
                    Extra::Amount(None),
                    Extra::Rate(None),
                ]),
            }
        }
        if csv && self.with_milestones {
            let lines: Vec<String> = self
                .milestones
                .get(&task_id)
                .into_iter()
                .flatten()
                .map(|m| {
                    words::milestone_line(
                        LANG,
                        &m.name,
                        m.planned_on,
                        m.reached_on,
                        state(m, self.today),
                    )
                })
                .collect();
            cells.push(Extra::Text(lines.join("\n")));
        }
        cells
    }

    /// Writes the xlsx headings of the extra cells in row 1 from column `first` on, each unit
    /// on a line of its own (the heading row grows to two lines), and sets their widths: the
    /// owner's to fit its names, the others' to their heading. Returns how many there are.
    pub fn write_heads(
        &self,
        sheet: &mut Worksheet,
        first: u16,
        format: &Format,
    ) -> std::result::Result<usize, XlsxError> {
        let heads = self.heads(false);
        let owners = self
            .projects
            .values()
            .map(|p| p.project.owner.width())
            .max()
            .unwrap_or(0);
        for (k, h) in heads.iter().enumerate() {
            let col = first + k as u16;
            let shown = h.replace('(', "\n(");
            let widest = shown.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
            let w = if k == 0 {
                owners.clamp(widest, 24)
            } else {
                widest.max(10)
            };
            sheet.write_string_with_format(1, col, &shown, format)?;
            sheet.set_column_width(col, excel_width(w))?;
        }
        if !heads.is_empty() {
            sheet.set_row_height(1, 32)?;
        }
        Ok(heads.len())
    }

    /// The task's milestones as the xlsx sheet lists them (kept as the tasks stream by).
    pub fn see(&self, task: &SheetTask, plan: Option<&str>, sheet: &mut MilestoneSheet) {
        let Some(list) = self.milestones.get(&task.id) else {
            return;
        };
        let leads = task
            .units
            .iter()
            .filter(|u| u.role == Role::Lead)
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        for m in list {
            let mut row = Vec::with_capacity(8);
            if let Some(p) = plan {
                row.push(p.to_string());
            }
            row.extend([
                task.number.clone(),
                task.title.clone(),
                leads.clone(),
                m.name.clone(),
                m.planned_on.to_string(),
                m.reached_on.map(|d| d.to_string()).unwrap_or_default(),
                words::milestone_state(LANG, state(m, self.today)),
            ]);
            sheet.late.push(matches!(
                state(m, self.today),
                MilestoneState::Late(_) | MilestoneState::ReachedLate(_)
            ));
            sheet.rows.push(row);
        }
    }
}

/// The milestones sheet's rows, in plan order.
#[derive(Default)]
pub struct MilestoneSheet {
    rows: Vec<Vec<String>>,
    /// Each row's milestone is or was late (its state is shown in red).
    late: Vec<bool>,
}

impl MilestoneSheet {
    /// Adds the sheet to `book` (after the plans' sheets), named apart from `taken`; with
    /// `plans`, a first 计划 column (an export of several plans).
    pub fn write(
        self,
        book: &mut Workbook,
        taken: &[String],
        plans: bool,
    ) -> std::result::Result<(), XlsxError> {
        let mut head: Vec<&str> = Vec::new();
        if plans {
            head.push(crate::domain::sheet::Column::Plan.heading());
        }
        head.extend(words::milestone_columns(LANG));
        let mut s = Worksheet::new();
        s.set_name(sheet_name(words::milestone_sheet_name(LANG), taken))?;
        let heading = super::xlsx_cell::heading_format();
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let center = cell.clone().set_align(FormatAlign::Center);
        let late = center.clone().set_font_color("#C00000");
        let mut widest: Vec<usize> = head.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, c) in widest.iter_mut().zip(row) {
                *w = (*w).max(c.width());
            }
        }
        for (i, w) in widest.iter().enumerate() {
            s.set_column_width(i as u16, excel_width((*w).clamp(6, 40)))?;
        }
        for (i, h) in head.iter().enumerate() {
            s.write_string_with_format(0, i as u16, *h, &heading)?;
        }
        let last = head.len() - 1;
        for (r, (row, is_late)) in self.rows.iter().zip(&self.late).enumerate() {
            let r = r as u32 + 1;
            for (i, text) in row.iter().enumerate() {
                // 项目名称, 牵头单位, 节点 (and 计划) are text; the number, dates and state centred.
                let offset = usize::from(plans);
                let text_col = i < offset || (1..=3).contains(&(i - offset));
                let format = if i == last && *is_late {
                    &late
                } else if text_col {
                    &cell
                } else {
                    &center
                };
                s.write_string_with_format(r, i as u16, &*fit(text), format)?;
            }
        }
        let end = (self.rows.len() as u32).max(1);
        s.autofilter(0, 0, end, last as u16)?;
        s.set_freeze_panes(1, 0)?;
        s.set_landscape();
        s.set_paper_size(9);
        s.set_print_fit_to_pages(1, 0);
        s.set_repeat_rows(0, 0)?;
        book.push_worksheet(s);
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
