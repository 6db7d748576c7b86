//! `duban tasks`: the task list, one row per task.

use chrono::NaiveDate;
use serde::Serialize;

use super::text::{Align, Paint, csv_line, fit, paint, width};
use crate::domain::{Assessment, Closing, Light, Percent, Role, task_completion};
use crate::i18n::{self, Lang};
use crate::store::{Db, Result, Scope, TaskRow};

#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub task: TaskRow,
    /// Mean of the lead units' percent; `None` for a task with no unit.
    pub completion: Option<f64>,
    pub assessment: Option<Assessment>,
    /// Where the task stands in closing (办结销号): 待审核 and 已办结 show in place of the light.
    pub closing: Closing,
    /// 已延期 (issue 22): the deadline the task had before its first approved extension.
    pub extended_from: Option<NaiveDate>,
    /// The most pressing live 督办单 on the task (any unit's), if any.
    pub notice: Option<crate::store::NoticeMark>,
    /// With `--dept`: that department's own assignment, whose percent and light `completion` and
    /// `assessment` then are (a co-unit's red is its own, as `status` counts it), not the task's.
    pub own: Option<crate::store::TaskUnit>,
}

impl TaskLine {
    fn names(&self, role: Role) -> Vec<&str> {
        self.task
            .units
            .iter()
            .filter(|u| u.role == role)
            .map(|u| u.name.as_str())
            .collect()
    }
}

pub fn build(db: &Db, today: NaiveDate, scope: Scope, overdue_only: bool) -> Result<Vec<TaskLine>> {
    let thresholds = db.thresholds_at(scope.as_of.map(crate::store::instant).as_deref())?;
    let closing = db.closing_states(scope.as_of)?;
    let tasks = db.tasks(scope)?;
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let mut marks = db.extension_marks(&ids, scope.as_of)?;
    let notices = db.notice_marks(scope.as_of, today)?;
    let milestones = crate::domain::MilestoneBook::new(db.milestones(None, scope.as_of)?);
    let lines = tasks.into_iter().map(|task| {
        let own = scope
            .department
            .and_then(|id| task.units.iter().find(|u| u.department_id == id).cloned());
        let (completion, assessment) = match &own {
            // The department's own part, assessed as `status` assesses each assignment.
            Some(u) => (
                Some(f64::from(u.percent.value())),
                Some(milestones.assess(
                    task.id,
                    Some(u.role),
                    u.percent,
                    task.schedule,
                    today,
                    &thresholds,
                )),
            ),
            None => {
                let units: Vec<(Role, Percent)> =
                    task.units.iter().map(|u| (u.role, u.percent)).collect();
                let completion = task_completion(&units);
                let assessment = completion.map(|c| {
                    // Round down: a task at 99.5% is not done.
                    let p = Percent::new(c.floor() as i64).unwrap_or(Percent::ZERO);
                    milestones.assess(task.id, None, p, task.schedule, today, &thresholds)
                });
                (completion, assessment)
            }
        };
        TaskLine {
            closing: closing.get(&task.id).copied().unwrap_or(Closing::Open),
            extended_from: marks.remove(&task.id).and_then(|m| m.extended_from),
            notice: notices.get(&task.id).copied(),
            task,
            completion,
            assessment,
            own,
        }
    });
    Ok(if overdue_only {
        lines
            .filter(|l| l.task.schedule.deadline < today && l.completion.is_none_or(|c| c < 100.0))
            .collect()
    } else {
        lines.collect()
    })
}

fn light_paint(line: &TaskLine) -> Paint {
    if line.closing == Closing::Closed {
        return Paint::Green;
    }
    let light = line.assessment.map(|a| a.light);
    match light {
        Some(Light::Red) => Paint::Red,
        Some(Light::Yellow) => Paint::Yellow,
        Some(Light::Done) => Paint::Green,
        Some(Light::Green | Light::Notice) | None => Paint::Plain,
    }
}

/// The light cell: a live 督办单's level first ("[R]", "[Y!]" when one is overdue), so a task
/// under supervision shows in the table without a column of its own.
fn light_text(lang: Lang, line: &TaskLine) -> String {
    match line.notice {
        Some(m) => format!(
            "[{}{}]{}",
            m.level.letter(),
            if m.overdue { "!" } else { "" },
            light_cell(lang, line)
        ),
        None => light_cell(lang, line),
    }
}

fn light_cell(lang: Lang, line: &TaskLine) -> String {
    // 待审核 and 已办结 are states of their own; a task sent back is open again, its light shown.
    let closing = i18n::closing::state(lang, line.closing);
    let glyph = i18n::closing::glyph(line.closing);
    match line.closing {
        Closing::Pending | Closing::Closed => return format!("{glyph}{closing}"),
        Closing::Returned => return format!("{glyph}{closing} {}", light_only(lang, line)),
        Closing::Open => {}
    }
    light_only(lang, line)
}

fn light_only(lang: Lang, line: &TaskLine) -> String {
    match line.assessment {
        Some(a) => format!("{}{}", a.light.glyph(), i18n::reason(lang, a.reason)),
        None => format!("·{}", i18n::unassigned(lang)),
    }
}

/// The table: number, title, lead units, co units (when there is room), deadline, %, light and
/// reason. At most `max_width` columns; titles and names are cut by display width.
pub fn render_table(lines: &[TaskLine], lang: Lang, max_width: usize, color: bool) -> String {
    let l = i18n::labels(lang);
    let with_co = max_width >= 110;
    let mut header = vec![l.number, l.task, l.lead_units];
    if with_co {
        header.push(l.co_units);
    }
    header.extend([l.deadline, l.percent, l.light]);
    let rows: Vec<(Vec<String>, Paint)> = lines
        .iter()
        .map(|line| {
            let mut cells = vec![
                line.task.number.clone(),
                line.task.title.clone(),
                line.names(Role::Lead).join("、"),
            ];
            if with_co {
                cells.push(line.names(Role::Co).join("、"));
            }
            // A task without its own date shows the words the plan used ("长期", "每季度").
            let deadline = match (line.task.deadline, &line.task.deadline_text) {
                (None, Some(text)) if !text.is_empty() => text.clone(),
                _ => line.task.schedule.deadline.format("%Y-%m-%d").to_string(),
            };
            cells.push(match line.extended_from {
                Some(_) => format!("{deadline}{}", i18n::extension::table_mark(lang)),
                None => deadline,
            });
            cells.push(
                line.completion
                    .map(|c| format!("{}%", crate::domain::shown_percent(c)))
                    .unwrap_or_else(|| "—".into()),
            );
            cells.push(light_text(lang, line));
            (cells, light_paint(line))
        })
        .collect();
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for (cells, _) in &rows {
        for (w, c) in widths.iter_mut().zip(cells) {
            *w = (*w).max(width(c));
        }
    }
    // Caps so the title keeps room: numbers 8, unit names 14 (co 12), light and reason 20.
    let title = 1;
    let caps: Vec<(usize, usize)> = if with_co {
        vec![(0, 8), (2, 14), (3, 12), (n - 1, 20)]
    } else {
        vec![(0, 8), (2, 14), (n - 1, 20)]
    };
    for (i, cap) in caps {
        widths[i] = widths[i].min(cap);
    }
    const GAP: &str = "  ";
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != title)
        .map(|(_, w)| w)
        .sum();
    let room = max_width.saturating_sub(others + GAP.len() * (n - 1));
    widths[title] = widths[title].min(room).max(8);

    let format_row = |cells: &[String], paint_last: Paint, header: bool| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let align = if i == n - 2 {
                    Align::Right
                } else {
                    Align::Left
                };
                let cell = fit(c, widths[i], align);
                let p = if header {
                    Paint::Bold
                } else if i == n - 1 {
                    paint_last
                } else {
                    Paint::Plain
                };
                paint(&cell, p, color)
            })
            .collect();
        let mut s = parts.join(GAP).trim_end().to_string();
        s.push('\n');
        s
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut out = String::new();
    if let Some(own) = lines.iter().find_map(|l| l.own.as_ref()) {
        out.push_str(&i18n::own_caption(lang, &own.name));
        out.push('\n');
    }
    out.push_str(&format_row(&header, Paint::Bold, true));
    for (cells, p) in &rows {
        out.push_str(&format_row(cells, *p, false));
    }
    out
}

#[derive(Serialize)]
struct JsonTask<'a> {
    id: i64,
    /// The task's plan (numbers repeat across the plans of a file).
    plan_id: i64,
    number: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    lead: Vec<&'a str>,
    co: Vec<&'a str>,
    deadline: String,
    deadline_text: Option<&'a str>,
    percent: Option<f64>,
    light: &'static str,
    reason: Option<String>,
    /// open, pending, closed or returned (办结销号).
    closing: &'static str,
    /// 已延期: the deadline before the first approved extension; null when never extended.
    extended_from: Option<String>,
    /// The most pressing live 督办单: {"level", "overdue"}, or null.
    notice: Option<serde_json::Value>,
    /// With --dept: that department's role on the task ("lead" or "co"); percent, light and
    /// reason are then its own. Absent without --dept.
    #[serde(skip_serializing_if = "Option::is_none")]
    own_role: Option<&'static str>,
}

/// The stable JSON list documented in the README. `deadline` is the effective one (the plan's end
/// when the task has none); `reason` is in English so scripts can match it.
pub fn render_json(lines: &[TaskLine]) -> String {
    let list: Vec<JsonTask<'_>> = lines
        .iter()
        .map(|line| JsonTask {
            id: line.task.id,
            plan_id: line.task.plan_id,
            number: &line.task.number,
            title: &line.task.title,
            section: line.task.section.as_deref(),
            lead: line.names(Role::Lead),
            co: line.names(Role::Co),
            deadline: line.task.schedule.deadline.format("%Y-%m-%d").to_string(),
            deadline_text: line.task.deadline_text.as_deref(),
            percent: line.completion.map(|c| (c * 10.0).round() / 10.0),
            light: line
                .assessment
                .map(|a| a.light.as_str())
                .unwrap_or("unassigned"),
            reason: line.assessment.map(|a| i18n::reason(Lang::En, a.reason)),
            closing: line.closing.as_str(),
            extended_from: line.extended_from.map(|d| d.format("%Y-%m-%d").to_string()),
            notice: line
                .notice
                .map(|m| serde_json::json!({"level": m.level.as_str(), "overdue": m.overdue})),
            own_role: line.own.as_ref().map(|u| u.role.as_str()),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).expect("plain data always serialises");
    s.push('\n');
    s
}

/// CSV for spreadsheets: a BOM, the UI language's column names and light words.
pub fn render_csv(lines: &[TaskLine], lang: Lang) -> String {
    render_csv_with_plans(lines, lang, None)
}

/// The CSV with a first plan column when `plans` gives each line's plan title (a list of
/// several plans' tasks, whose numbers repeat): the field and a comma before each line.
pub fn render_csv_with_plans(lines: &[TaskLine], lang: Lang, plans: Option<&[String]>) -> String {
    let mut out = String::from(super::text::BOM);
    if plans.is_some() {
        out.push_str(i18n::csv::plan(lang));
        out.push(',');
    }
    let own = lines.iter().any(|l| l.own.is_some());
    out.push_str(&csv_line(
        &i18n::csv::task_columns(lang, own).map(String::from),
    ));
    for (i, line) in lines.iter().enumerate() {
        if let Some(titles) = plans {
            out.push_str(&super::text::csv_field(
                titles.get(i).map_or("", String::as_str),
            ));
            out.push(',');
        }
        out.push_str(&csv_line(&[
            line.task.id.to_string(),
            line.task.number.clone(),
            line.task.title.clone(),
            line.task.section.clone().unwrap_or_default(),
            line.names(Role::Lead).join("、"),
            line.names(Role::Co).join("、"),
            line.task.schedule.deadline.format("%Y-%m-%d").to_string(),
            line.task.deadline_text.clone().unwrap_or_default(),
            line.completion
                .map(|c| ((c * 10.0).round() / 10.0).to_string())
                .unwrap_or_default(),
            line.assessment
                .map(|a| i18n::light(lang, a.light))
                .unwrap_or(i18n::unassigned(lang))
                .to_string(),
        ]));
    }
    out
}
