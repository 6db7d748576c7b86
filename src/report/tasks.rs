//! `duban tasks`: the task list, one row per task.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::text::{Paint, csv_line};
use crate::domain::{Assessment, Closing, Light, Percent, Role, task_completion};
use crate::i18n::{self, Lang};
use crate::store::{Db, Result, Scope, StoreError, TaskRow};

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

/// What the lines need beside their tasks, read once before the tasks stream by: each map holds
/// only the tasks that have such a mark.
struct Marks {
    thresholds: crate::domain::Thresholds,
    closing: HashMap<i64, Closing>,
    extended_from: HashMap<i64, NaiveDate>,
    notices: HashMap<i64, crate::store::NoticeMark>,
    milestones: crate::domain::MilestoneBook,
}

/// The lines of `scope` (only those overdue and not done with `overdue_only`) shown to `each` one
/// at a time, in plan order: the list written while it is read, so that no size of plan makes it
/// hold every task. A failure of `each` (a closed pipe) stops the reading and comes back as it was.
pub fn for_each_line<E: From<StoreError>>(
    db: &Db,
    today: NaiveDate,
    scope: Scope,
    overdue_only: bool,
    mut each: impl FnMut(&TaskLine) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let marks = Marks {
        thresholds: db.thresholds_at(scope.as_of.map(crate::store::instant).as_deref())?,
        closing: db.closing_states(scope.as_of)?,
        extended_from: db.extended_from_all(scope.as_of)?,
        notices: db.notice_marks(scope.as_of, today)?,
        milestones: crate::domain::MilestoneBook::new(db.milestones(None, scope.as_of)?),
    };
    let mut failure: Option<E> = None;
    let read = db.for_each_task(scope, |row| {
        // The row's texts lent to the line for the call, and given back for the next task.
        let line = line_of(std::mem::take(row), &marks, scope.department, today);
        let shown = !overdue_only
            || (line.task.schedule.deadline < today && line.completion.is_none_or(|c| c < 100.0));
        let seen = if shown { each(&line) } else { Ok(()) };
        *row = line.task;
        seen.map_err(|e| {
            failure = Some(e);
            StoreError::Refused("writing the task list stopped".into())
        })
    });
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(read?)
}

/// Every line of `scope` at once (`for_each_line`, collected): for a caller that counts them.
pub fn build(db: &Db, today: NaiveDate, scope: Scope, overdue_only: bool) -> Result<Vec<TaskLine>> {
    let mut lines = Vec::new();
    for_each_line(db, today, scope, overdue_only, |line| {
        lines.push(line.clone());
        Ok::<(), StoreError>(())
    })?;
    Ok(lines)
}

fn line_of(task: TaskRow, marks: &Marks, department: Option<i64>, today: NaiveDate) -> TaskLine {
    let own = department.and_then(|id| task.units.iter().find(|u| u.department_id == id).cloned());
    let (completion, assessment) = match &own {
        // The department's own part, assessed as `status` assesses each assignment.
        Some(u) => (
            Some(f64::from(u.percent.value())),
            Some(marks.milestones.assess(
                task.id,
                Some(u.role),
                u.percent,
                task.schedule,
                today,
                &marks.thresholds,
            )),
        ),
        None => {
            let units: Vec<(Role, Percent)> =
                task.units.iter().map(|u| (u.role, u.percent)).collect();
            let completion = task_completion(&units);
            let assessment = completion.map(|c| {
                // Round down: a task at 99.5% is not done.
                let p = Percent::new(c.floor() as i64).unwrap_or(Percent::ZERO);
                marks
                    .milestones
                    .assess(task.id, None, p, task.schedule, today, &marks.thresholds)
            });
            (completion, assessment)
        }
    };
    TaskLine {
        closing: marks
            .closing
            .get(&task.id)
            .copied()
            .unwrap_or(Closing::Open),
        extended_from: marks.extended_from.get(&task.id).copied(),
        notice: marks.notices.get(&task.id).copied(),
        task,
        completion,
        assessment,
        own,
    }
}

pub(super) fn light_paint(line: &TaskLine) -> Paint {
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
pub(super) fn light_text(lang: Lang, line: &TaskLine) -> String {
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

/// The stable JSON list documented in the README, written line by line as the tasks are read
/// (`for_each_line`): what `serde_json::to_string_pretty` made of the whole list. `deadline` is
/// the effective one (the plan's end when the task has none); `reason` is in English so scripts
/// can match it.
pub fn write_json<E: From<StoreError> + From<std::io::Error>>(
    db: &Db,
    today: NaiveDate,
    scope: Scope,
    overdue_only: bool,
    out: &mut impl Write,
) -> std::result::Result<(), E> {
    {
        let mut json = serde_json::Serializer::pretty(&mut *out);
        let mut list = json.serialize_seq(None).map_err(std::io::Error::from)?;
        for_each_line(db, today, scope, overdue_only, |line| {
            list.serialize_element(&json_task(line))
                .map_err(|e| E::from(std::io::Error::from(e)))
        })?;
        SerializeSeq::end(list).map_err(std::io::Error::from)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

fn json_task(line: &TaskLine) -> JsonTask<'_> {
    JsonTask {
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
    }
}

/// CSV for spreadsheets, written line by line: a BOM, the UI language's column names and light
/// words; with `plans` (a list of several plans' tasks, whose numbers repeat), a first column
/// with each line's plan title.
pub struct Csv {
    lang: Lang,
    plans: bool,
    /// The BOM and the column names are written with the first line (or at the end of an empty
    /// list): with `--dept` they name the department's own columns, which the lines then carry.
    started: bool,
}

impl Csv {
    pub fn new(lang: Lang, plans: bool) -> Csv {
        Csv {
            lang,
            plans,
            started: false,
        }
    }

    fn start(&mut self, out: &mut impl Write, own: bool) -> std::io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let mut head = String::from(super::text::BOM);
        if self.plans {
            head.push_str(i18n::csv::plan(self.lang));
            head.push(',');
        }
        head.push_str(&csv_line(
            &i18n::csv::task_columns(self.lang, own).map(String::from),
        ));
        out.write_all(head.as_bytes())
    }

    /// One line; `plan` its plan's title when the list has a plan column.
    pub fn see(
        &mut self,
        out: &mut impl Write,
        line: &TaskLine,
        plan: &str,
    ) -> std::io::Result<()> {
        self.start(out, line.own.is_some())?;
        let lang = self.lang;
        let mut text = String::new();
        if self.plans {
            text.push_str(&super::text::csv_field(plan));
            text.push(',');
        }
        text.push_str(&csv_line(&[
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
        out.write_all(text.as_bytes())
    }

    /// The end of the list (the column names, if no line came).
    pub fn end(mut self, out: &mut impl Write) -> std::io::Result<()> {
        self.start(out, false)
    }
}
