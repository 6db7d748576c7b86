//! A unit's entry on a key project from views 1 to 3 and the detail (issue 23): `v` opens the
//! month's investment figure (本年累计完成投资: month, amount in 万元, note, and the reason a
//! figure lower than the year's previous one needs), `M` a milestone reached (the milestone, the
//! date, a note; on one already reached, the reason its mark is taken back). The permission is
//! asked before anything is typed (viewers and other units' clerks are told why not), the rules
//! are asked again here before the save, and the store asks both inside its write. A figure or a
//! mark another clerk wrote first refuses the save (`Refusal::Stale`) with one line: the form
//! shows what stands now and keeps what was typed, and the next save goes on top of it.

pub mod model;
pub use model::{
    EntryData, EntryKind, EntryTask, InvestmentData, InvestmentForm, MilestoneData, MilestoneForm,
    ProjectAction, ProjectEffect, ProjectEntry,
};

use crate::domain::project::{Figure, Month, Refusal};
use crate::i18n::{self, Lang, project as refusals, project_tui as words};
use crate::store::{Db, InvestmentReport, MilestoneReach, Result, StoreError};

use super::action::{Action, Command, Effect};
use super::editor::Question;
use super::state::{Mode, Session, State};
use model::{FIELD_WIDTH, InvField, InvestmentSave, MsField, ReachSave};

/// `v` or `M` on the selected task: asks the store for the form's data, or says why not.
pub fn start(state: &mut State, kind: EntryKind, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    if let Some(why) = state.session.entry_refusal() {
        return state.say(why, true);
    }
    let Some((task, department)) = super::entry::target(state) else {
        return state.say(i18n::tui::nothing_to_report(lang), true);
    };
    if let Err(why) = state.actor().may_report(department) {
        let text = state.session.denied(why);
        return state.say(text, true);
    }
    state.project_return = match state.mode {
        Mode::Detail => Mode::Detail,
        _ => Mode::Normal,
    };
    fx.push(Effect::Project(ProjectEffect::Open {
        task,
        department,
        kind,
    }));
}

/// What the runner brought back, and the keys typed into the forms.
pub fn update(state: &mut State, action: ProjectAction, fx: &mut Vec<Effect>) {
    match action {
        ProjectAction::Opened(data) => opened(state, *data),
        ProjectAction::Edit(edit) => {
            if state.mode != Mode::Project {
                return;
            }
            match state.project_entry.as_mut() {
                Some(ProjectEntry::Investment(f)) => f.edit(edit, FIELD_WIDTH),
                Some(ProjectEntry::Milestone(f)) => f.edit(edit, FIELD_WIDTH),
                None => {}
            }
        }
        ProjectAction::Saved(text) => {
            close(state);
            state.say(text, false);
            super::lists::reload(state, fx);
        }
        ProjectAction::Stale(data, line) => {
            match (state.project_entry.as_mut(), *data) {
                (Some(ProjectEntry::Investment(f)), EntryData::Investment(d)) => {
                    f.data = d;
                    f.saving = false;
                    f.error = Some((None, line));
                }
                (Some(ProjectEntry::Milestone(f)), EntryData::Milestone(d)) => {
                    let id = f.row().map(|r| r.milestone.id);
                    f.data = d;
                    f.reselect(id);
                    f.saving = false;
                    f.error = Some((None, line));
                }
                _ => state.say(line, true),
            }
            // Our own write does not wake the change poll: the lists read again.
            super::lists::reload(state, fx);
        }
        ProjectAction::Failed(line) => match state.project_entry.as_mut() {
            Some(ProjectEntry::Investment(f)) => {
                f.saving = false;
                f.error = Some((None, line));
            }
            Some(ProjectEntry::Milestone(f)) => {
                f.saving = false;
                f.error = Some((None, line));
            }
            None => state.say(line, true),
        },
        ProjectAction::EditorConflict { current, stamp } => {
            if let Some(e) = state.editor.as_mut() {
                e.project.stamp = stamp;
            }
            super::plan_edit::conflict(state, *current);
        }
    }
}

fn opened(state: &mut State, data: EntryData) {
    let lang = state.session.lang;
    let today = state.session.today;
    let entry = match data {
        EntryData::Investment(d) if d.info.is_none() => {
            return state.say(refusals::refusal(lang, Refusal::NotAProject), true);
        }
        EntryData::Investment(d) => {
            ProjectEntry::Investment(Box::new(InvestmentForm::open(d, today)))
        }
        EntryData::Milestone(d) if d.rows.is_empty() => {
            return state.say(words::entry(lang).no_milestones.to_string(), true);
        }
        EntryData::Milestone(d) => ProjectEntry::Milestone(Box::new(MilestoneForm::open(d, today))),
    };
    state.project_entry = Some(entry);
    state.mode = Mode::Project;
}

/// A read failed while a save was out: the form must not wait for ever.
pub fn unstick(state: &mut State) {
    if let Some(e) = state.project_entry.as_mut() {
        *e.saving_mut() = false;
    }
}

pub fn close(state: &mut State) {
    state.project_entry = None;
    if matches!(state.mode, Mode::Project | Mode::Ask) {
        state.mode = state.project_return;
    }
}

/// Keys of the open form.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let Some(entry) = state.project_entry.as_mut() else {
        state.mode = Mode::Normal;
        return;
    };
    match cmd {
        Command::NextField | Command::PrevField => {
            let forward = cmd == Command::NextField;
            match entry {
                ProjectEntry::Investment(f) => f.focus = f.focus.step(forward),
                ProjectEntry::Milestone(f) => f.next_field(forward),
            }
        }
        Command::Save => save(state, fx),
        Command::Cancel if entry.is_changed() => {
            state.question = Some(Question::DiscardProject);
            state.ask_return = Mode::Project;
            state.mode = Mode::Ask;
        }
        Command::Cancel => close(state),
        _ => {}
    }
}

fn save(state: &mut State, fx: &mut Vec<Effect>) {
    let lang = state.session.lang;
    let today = state.session.today;
    match state.project_entry.as_mut() {
        Some(ProjectEntry::Investment(f)) if !f.saving => {
            if let Some(effect) = investment_save(f, lang, today) {
                f.saving = true;
                f.error = None;
                fx.push(Effect::Project(effect));
            }
        }
        Some(ProjectEntry::Milestone(f)) if !f.saving => {
            if let Some(effect) = reach_save(f, lang, today) {
                f.saving = true;
                f.error = None;
                fx.push(Effect::Project(effect));
            }
        }
        _ => {}
    }
}

/// The figure as the store will take it, or the first thing wrong with it (on its field).
fn investment_save(
    f: &mut InvestmentForm,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Option<ProjectEffect> {
    let w = words::entry(lang);
    let refuse = |f: &mut InvestmentForm, field: InvField, why: String| -> Option<ProjectEffect> {
        f.error = Some((Some(field), why));
        f.focus = field;
        None
    };
    let Some(month) = f.typed_month() else {
        let typed = f.month.text().trim().to_string();
        return refuse(f, InvField::Month, words::bad_month(lang, &typed));
    };
    if month > Month::of(today) {
        return refuse(
            f,
            InvField::Month,
            refusals::refusal(lang, Refusal::FutureMonth),
        );
    }
    if f.amount.text().trim().is_empty() {
        return refuse(f, InvField::Amount, w.empty_amount.to_string());
    }
    let Some(amount) = f.typed_amount() else {
        return refuse(
            f,
            InvField::Amount,
            refusals::refusal(lang, Refusal::BadAmount),
        );
    };
    if let Some(prev) = f.falls_below()
        && f.reason.text().trim().is_empty()
    {
        let why = words::falls_without_reason(lang, &prev.month.to_string(), prev.amount);
        return refuse(f, InvField::Reason, why);
    }
    // As it will be stored: 2026年10月 shows as 2026-10.
    f.month.set(&month.to_string());
    Some(ProjectEffect::SaveInvestment(InvestmentSave {
        task: f.data.task.task_id,
        department: f.data.task.department_id,
        month,
        amount,
        note: f.note.text().trim().to_string(),
        reason: f.reason.text().trim().to_string(),
        expected_last: f.data.info.as_ref().and_then(|i| i.last_figure),
    }))
}

/// The mark (or its taking back) as the store will take it, or what is wrong with it.
fn reach_save(
    f: &mut MilestoneForm,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Option<ProjectEffect> {
    let w = words::entry(lang);
    let back = f.taking_back();
    let row = f.row()?.clone();
    let note = f.note.text().trim().to_string();
    let refuse = |f: &mut MilestoneForm, field: MsField, why: String| -> Option<ProjectEffect> {
        f.error = Some((Some(field), why));
        f.focus = field;
        None
    };
    let reached_on = if back {
        if note.is_empty() {
            return refuse(f, MsField::Note, w.empty_why.to_string());
        }
        None
    } else {
        let typed = f.date.text().trim().to_string();
        let Some(on) = super::project_edit::read_date(&typed, chrono::Datelike::year(&today))
        else {
            return refuse(f, MsField::Date, words::bad_day(lang, &typed));
        };
        if on > today {
            return refuse(
                f,
                MsField::Date,
                refusals::refusal(lang, Refusal::FutureDate),
            );
        }
        f.date.set(&on.format("%Y-%m-%d").to_string());
        Some(on)
    };
    Some(ProjectEffect::SaveReach(ReachSave {
        task: f.data.task.task_id,
        department: f.data.task.department_id,
        milestone: row.milestone.id,
        name: row.milestone.name.clone(),
        reached_on,
        note,
        expected_last: row.last_reached,
    }))
}

/// The runner's part: reads the form's data and writes the entry (the user, the instant and
/// local today added: a session left open past midnight writes with the day it is).
pub fn run(db: &mut Db, s: &Session, effect: ProjectEffect) -> Result<Action> {
    let now = s.clock.now();
    let today = now.with_timezone(&s.utc_offset).date_naive();
    let lang = s.lang;
    let action = match effect {
        ProjectEffect::Open {
            task,
            department,
            kind,
        } => match read(db, task, department, kind)? {
            Some(data) => ProjectAction::Opened(Box::new(data)),
            None => ProjectAction::Failed(i18n::tui::nothing_to_report(lang)),
        },
        ProjectEffect::SaveInvestment(v) => {
            let progress_note =
                |done: f64, total: f64| refusals::from_investment(lang, done, total);
            let report = InvestmentReport {
                task_id: v.task,
                department_id: v.department,
                month: v.month,
                amount: v.amount,
                note: &v.note,
                reason: &v.reason,
                expected_last: v.expected_last,
                by: &s.user,
                at: now,
                today,
                progress_note: &progress_note,
            };
            match db.report_investment(&report) {
                Ok(_) => {
                    let (number, title) = label(db, v.task)?;
                    ProjectAction::Saved(words::investment_saved(
                        lang,
                        &number,
                        &title,
                        &v.month.to_string(),
                        v.amount,
                    ))
                }
                Err(e) => refused(db, lang, e, v.task, v.department, EntryKind::Investment)?,
            }
        }
        ProjectEffect::SaveReach(r) => {
            let progress_note = |name: &str, reached: usize, all: usize| {
                refusals::from_milestones(lang, name, reached, all)
            };
            let reach = MilestoneReach {
                task_id: r.task,
                milestone_id: r.milestone,
                department_id: r.department,
                reached_on: r.reached_on,
                note: &r.note,
                expected_last: r.expected_last,
                by: &s.user,
                at: now,
                today,
                progress_note: &progress_note,
            };
            match db.reach_milestone(&reach) {
                Ok(_) => {
                    let (number, _) = label(db, r.task)?;
                    let on = r.reached_on.map(|d| d.format("%Y-%m-%d").to_string());
                    ProjectAction::Saved(words::reached_saved(
                        lang,
                        &number,
                        &crate::report::text::visible(&r.name),
                        on.as_deref(),
                    ))
                }
                Err(e) => refused(db, lang, e, r.task, r.department, EntryKind::Milestone)?,
            }
        }
    };
    Ok(Action::Project(action))
}

/// A refusal as one line; a stale one with the data as it stands now.
fn refused(
    db: &Db,
    lang: Lang,
    e: StoreError,
    task: i64,
    department: i64,
    kind: EntryKind,
) -> Result<ProjectAction> {
    Ok(match e {
        StoreError::Project(Refusal::Stale) => {
            let line = refusals::refusal(lang, Refusal::Stale);
            match read(db, task, department, kind)? {
                Some(data) => ProjectAction::Stale(Box::new(data), line),
                None => ProjectAction::Failed(line),
            }
        }
        // The form asks first; the store's own words name the command line's flag.
        StoreError::Project(Refusal::FallsWithoutReason { previous, month }) => {
            ProjectAction::Failed(words::falls_without_reason(
                lang,
                &month.to_string(),
                previous,
            ))
        }
        e => ProjectAction::Failed(i18n::store_error(lang, &e)),
    })
}

fn label(db: &Db, task: i64) -> Result<(String, String)> {
    Ok(db
        .tasks_by_id(&[task], None)?
        .into_iter()
        .next()
        .map(|t| (t.number, crate::report::text::truncate(&t.title, 24)))
        .unwrap_or_default())
}

/// What a form shows, as it stands now; `None` when the task or the unit is not there.
fn read(db: &Db, task: i64, department: i64, kind: EntryKind) -> Result<Option<EntryData>> {
    let Some(row) = db.tasks_by_id(&[task], None)?.into_iter().next() else {
        return Ok(None);
    };
    let Some(unit) = row.units.iter().find(|u| u.department_id == department) else {
        return Ok(None);
    };
    let t = EntryTask {
        task_id: task,
        number: row.number.clone(),
        title: row.title.clone(),
        department_id: department,
        department: unit.name.clone(),
    };
    Ok(Some(match kind {
        EntryKind::Investment => EntryData::Investment(InvestmentData {
            task: t,
            info: db.projects(Some(&[task]), None)?.remove(&task),
            history: db.investment_history(task, None)?,
        }),
        EntryKind::Milestone => EntryData::Milestone(MilestoneData {
            task: t,
            rows: db.milestone_rows(task)?,
        }),
    }))
}

/// The year's figures as the form lists them: the last few, the newest with who and when.
pub fn year_figures(data: &InvestmentData, year: i32) -> Vec<&Figure> {
    data.info
        .as_ref()
        .map(|i| i.figures.iter().filter(|f| f.month.year == year).collect())
        .unwrap_or_default()
}
