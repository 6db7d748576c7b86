//! Effects against the database. Each effect is one or two indexed queries and comes back as an
//! `Action` for `update`; nothing here decides what the screen shows.

use std::collections::{HashMap, VecDeque};

use crate::domain::Thresholds;
use crate::report::status;

use crate::store::{
    ChangeStamp, DRAFT_BUSY_WAIT, Db, DepartmentKind, NewActual, ProgressReport, Result, Scope,
    StoreError, TaskIndex, TaskRow,
};

use super::action::{Action, Effect};
use super::editor::EditorData;
use super::figure::FigureData;
use super::form::FormData;
use super::import::PlanRead;
use super::people::AdminOp;
use super::state::State;
use super::state::{DeptItem, Mode, PlanItem, Session, Summary, TaskItem, View};
use super::update::update;
use super::worker::{Worker, load_of};

pub struct Runner<'a> {
    pub db: &'a mut Db,
    pub session: &'a Session,
    pub thresholds: Thresholds,
    /// Every task's milestones, read with each overview (the lights of the rows read after).
    milestones: std::sync::Arc<crate::domain::MilestoneBook>,
    /// Whether this runner reads the milestones itself (it has run an overview).
    reads_milestones: bool,
    trace: bool,
    /// The filter's corpus, read on the first task list and kept until the file changes.
    task_index: Option<TaskIndex>,
    /// Departments' task rows read ahead while the clerk looked at the screen (see
    /// `read_ahead`), valid while the file has not changed.
    read_ahead: DepartmentRows,
    /// Standard output is the UI's terminal (`tui::run` says so): `y` writes its OSC 52 there.
    /// Off in tests, which draw into a buffer.
    pub terminal: bool,
    /// The plan the screens show (`Effect::UsePlan`); `None`: every plan.
    plan: Option<i64>,
    /// View 7's lead units, read with its keys and kept until the file changes.
    leads: Option<(ChangeStamp, std::sync::Arc<crate::store::LeadUnits>)>,
}

/// Task rows by department, kept for the file as it was at `stamp`.
#[derive(Default)]
struct DepartmentRows {
    stamp: Option<ChangeStamp>,
    rows: VecDeque<(i64, Vec<TaskRow>)>,
}

/// How many departments' rows are kept: the shown one and its neighbours, with room to turn.
const READ_AHEAD_KEPT: usize = 4;

impl<'a> Runner<'a> {
    /// Plan title, thresholds and section names: read at start (and after an import).
    pub fn open(db: &'a mut Db, session: &'a Session) -> Result<(Runner<'a>, Action)> {
        let thresholds = session_thresholds(db, session)?;
        let mut action = Runner::opened(db, session)?;
        // What this login last looked at in this file, read once, at the start.
        if let Action::Opened { remembered, .. } = &mut action {
            *remembered = Some(
                session
                    .remember
                    .as_ref()
                    .and_then(|p| p.load())
                    .unwrap_or_default(),
            );
        }
        Ok((
            Runner {
                db,
                session,
                thresholds,
                milestones: Default::default(),
                reads_milestones: false,
                trace: std::env::var_os("DUBAN_TRACE").is_some(),
                task_index: None,
                read_ahead: DepartmentRows::default(),
                terminal: false,
                plan: None,
                leads: None,
            },
            action,
        ))
    }

    /// The milestones the UI holds (from the last overview, read on the worker's own runner):
    /// the rows this runner reads are judged with them, as the overview's counts were.
    /// Once this runner has read an overview itself (no worker, or it stopped), its own book is
    /// as new as the UI's or newer, and is kept.
    pub fn use_milestones(&mut self, book: &std::sync::Arc<crate::domain::MilestoneBook>) {
        if !self.reads_milestones && !std::sync::Arc::ptr_eq(&self.milestones, book) {
            self.milestones = book.clone();
        }
    }

    pub fn run(&mut self, effect: Effect) -> Action {
        if !self.trace {
            return self.try_run(effect).unwrap_or_else(|e| {
                Action::Failed(crate::i18n::store_error(self.session.lang, &e))
            });
        }
        // DUBAN_TRACE=1: how long each query took, on stderr (redirect it: 2>trace.txt).
        let t0 = std::time::Instant::now();
        let name = format!("{effect:?}").chars().take(40).collect::<String>();
        let r = self.try_run(effect);
        eprintln!("{name}: {:?}", t0.elapsed());
        r.unwrap_or_else(|e| Action::Failed(crate::i18n::store_error(self.session.lang, &e)))
    }

    fn try_run(&mut self, effect: Effect) -> Result<Action> {
        let s = self.session;
        let plan = self.plan;
        let scope = |department| Scope {
            department,
            as_of: s.as_of,
            plan,
        };
        Ok(match effect {
            Effect::LoadOverview => {
                let (report, keep) = status::build_keeping(self.db, s.today, scope(None))?;
                let mut aliases: HashMap<i64, Vec<String>> = self
                    .db
                    .department_names()?
                    .into_iter()
                    .map(|d| (d.id, d.aliases))
                    .collect();
                let departments = report
                    .rows
                    .into_iter()
                    .map(|r| DeptItem {
                        id: r.department_id,
                        aliases: aliases.remove(&r.department_id).unwrap_or_default(),
                        name: r.department,
                        rollup: r.rollup,
                    })
                    .collect();
                let lights = report.task_lights;
                self.milestones = std::sync::Arc::new(crate::domain::MilestoneBook::new(
                    self.db.milestones(None, s.as_of)?,
                ));
                self.reads_milestones = true;
                Action::Overview {
                    milestones: self.milestones.clone(),
                    keep,
                    departments,
                    summary: Summary {
                        tasks: report.tasks as usize,
                        done: lights.done as usize,
                        red: lights.red as usize,
                        yellow: lights.yellow as usize,
                    },
                }
            }
            Effect::LoadDepartmentTasks { department } => {
                let items = self
                    .department_rows(department)?
                    .into_iter()
                    .map(|row| {
                        TaskItem::new(
                            row,
                            Some(department),
                            s.today,
                            &self.thresholds,
                            &self.milestones,
                        )
                    })
                    .collect();
                let items = self.with_closing(items, s.as_of)?;
                Action::DepartmentTasks { department, items }
            }
            Effect::LoadTaskKeys { view, query } => {
                let mut keys = match query.scope.as_of {
                    // A past date is a different corpus each time: asked of SQLite.
                    Some(_) => self.db.task_keys(&query)?,
                    None => self.current_index()?.keys(&query),
                };
                if view == View::Deadlines {
                    // In the order the list shows them, here on the worker: the UI's own stable
                    // sort (lists::rebuild) then finds them sorted in one pass (at a million
                    // tasks the sort held the UI ~100 ms).
                    keys.sort_by_key(|k| {
                        (super::state::Bucket::of(k, s.today), k.schedule.deadline)
                    });
                }
                match view {
                    View::Wall => Action::WallKeys {
                        keys,
                        leads: self.lead_units()?,
                    },
                    _ => Action::TaskKeys { view, keys },
                }
            }
            Effect::LoadRows { view, ids } => {
                let items = self
                    .db
                    .tasks_by_id(&ids, s.as_of)?
                    .into_iter()
                    .map(|row| {
                        TaskItem::new(row, None, s.today, &self.thresholds, &self.milestones)
                    })
                    .collect();
                let items = self.with_closing(items, s.as_of)?;
                match view {
                    // The chart's rows bring their milestones: only the rows near the screen.
                    View::Wall => Action::WallRows {
                        items,
                        milestones: self.db.milestones(Some(&ids), s.as_of)?,
                        ids,
                    },
                    _ => Action::Rows { view, items },
                }
            }
            Effect::LoadDetail {
                task,
                department,
                unit,
            } => {
                let data = self.db.task_detail(task, s.as_of)?;
                let (unit, history) = match &data {
                    Some(d) if !d.units.is_empty() => {
                        let i = department
                            .and_then(|id| d.units.iter().position(|u| u.department_id == id))
                            .unwrap_or(unit)
                            .min(d.units.len() - 1);
                        let history =
                            self.db
                                .history_as_of(task, d.units[i].department_id, s.as_of)?;
                        (i, history)
                    }
                    _ => (0, Vec::new()),
                };
                Action::Detail {
                    task,
                    data,
                    unit,
                    history,
                }
            }
            Effect::OpenForm { task, department } => Action::FormOpened(
                self.form_data(task, department)?,
                self.db.draft(&s.user, task, department)?,
            ),
            Effect::RefreshForm { task, department } => {
                Action::FormRefreshed(self.form_data(task, department)?)
            }
            Effect::KeepRollup(parts) => {
                // A file this login may not write, or another clerk's lock: the parts are read
                // again next time, which is all keeping saves.
                let kept = self.db.keep_rollup(&parts);
                if self.trace {
                    eprintln!("rollup kept: {kept:?}");
                }
                Action::Nothing
            }
            Effect::KeepDraft {
                task,
                department,
                draft,
                kept,
            } => self.keep_draft(task, department, draft, kept, DRAFT_BUSY_WAIT),
            Effect::SaveProgress {
                task,
                department,
                percent,
                note,
                version,
                files,
            } => {
                let report = ProgressReport {
                    task_id: task,
                    department_id: department,
                    percent,
                    note,
                    by: s.user.clone(),
                    at: s.clock.now(),
                    expected_version: version,
                };
                match self.db.report_progress(&report) {
                    Ok(saved) => {
                        // The report stands whatever becomes of its files.
                        let attached = super::attach_files::attach_all(
                            self.db,
                            (task, department),
                            crate::domain::attachment::AttachTo::Report(saved.entry_id),
                            &files,
                            (&s.user, s.lang, s.clock.now()),
                        );
                        Action::Saved(saved, attached)
                    }
                    Err(StoreError::Conflict(c)) => Action::SaveConflict(c),
                    Err(e) => Action::SaveFailed(crate::i18n::store_error(s.lang, &e)),
                }
            }
            Effect::OpenEditor { task, near } => match self.editor_data(task, near)? {
                Some(data) => Action::EditorOpened(Box::new(data)),
                None => Action::EditFailed(crate::i18n::tui::no_plan(s.lang)),
            },
            Effect::SaveTask {
                id,
                version,
                spec,
                project,
            } => {
                let now = s.clock.now();
                let saved = match (id, &project) {
                    // With the project page: one transaction (`store::task_project`).
                    (_, Some(p)) => self
                        .db
                        .save_task_with_project(id, version, &spec, p, &s.user, now),
                    (None, None) => self.db.create_task(&spec, &s.user, now),
                    (Some(id), None) => self.db.update_task(id, version, &spec, &s.user, now),
                };
                match saved {
                    Ok(task) => Action::TaskSaved(Box::new(task)),
                    Err(StoreError::TaskConflict(current)) if project.is_some() => {
                        let stamp = self.db.project_stamp(current.id)?;
                        Action::Project(super::project_entry::ProjectAction::EditorConflict {
                            current,
                            stamp,
                        })
                    }
                    Err(StoreError::TaskConflict(current)) => Action::TaskSaveConflict(current),
                    Err(e) => Action::EditFailed(crate::i18n::store_error(s.lang, &e)),
                }
            }
            Effect::Project(effect) => super::project_entry::run(self.db, s, effect)?,
            Effect::AddDepartment { name } => {
                let kind = DepartmentKind::from_name(&name);
                match self.db.add_department(&name, kind, &s.user, s.clock.now()) {
                    Ok(added) => Action::DepartmentAdded {
                        id: added.id,
                        name: name.trim().to_string(),
                    },
                    Err(e) => Action::EditFailed(crate::i18n::store_error(s.lang, &e)),
                }
            }
            Effect::AskDelete { task } => {
                let t = self.db.task_for_edit(task)?;
                Action::DeleteAsk {
                    task,
                    label: format!("{} {}", t.number, t.title),
                    entries: t.entries(),
                }
            }
            Effect::DeleteTask { task } => {
                let t = self.db.task_for_edit(task)?;
                match self.db.delete_task(task, true, &s.user, s.clock.now()) {
                    Ok(()) => Action::TaskDeleted(format!("{} {}", t.number, t.title)),
                    Err(e) => Action::EditFailed(crate::i18n::store_error(s.lang, &e)),
                }
            }
            Effect::LoadReport { period } => Action::ReportLoaded {
                period,
                circular: Box::new(crate::report::circular::build(
                    self.db, period, s.today, plan,
                )?),
            },
            Effect::LoadTrend {
                period,
                plan,
                generation,
            } => Action::TrendLoaded {
                period,
                plan,
                generation,
                trend: Box::new(crate::report::trend::monthly(
                    self.db, period, s.today, plan,
                )?),
            },
            Effect::LoadSettings => {
                Action::SettingsLoaded(Box::new(crate::report::settings::read(self.db)?))
            }
            Effect::SaveSettings(changes) => {
                match self.db.set_settings(&changes, &s.user, s.clock.now()) {
                    Ok(saved) => Action::SettingsSaved(Ok(
                        crate::i18n::report::settings_saved_tui(s.lang, &saved),
                    )),
                    Err(e) => Action::SettingsSaved(Err(crate::i18n::store_error(s.lang, &e))),
                }
            }
            Effect::LoadCycle => {
                let period = self.db.cycle_settings()?.kind.period_of(s.today);
                Action::CycleLoaded(crate::report::cycle::unreported_counts(
                    self.db, period, s.today, plan,
                )?)
            }
            Effect::LoadIndicators { year } => {
                let mut rows = self.db.indicators(s.as_of)?;
                rows.retain(|r| plan.is_none_or(|p| p == r.plan_id));
                Action::IndicatorsLoaded(Box::new(crate::report::indicators::build(
                    &rows, year, s.today,
                )))
            }
            Effect::OpenFigure { indicator, year } => {
                let cycle = self.db.cycle_settings()?.kind;
                let data = self
                    .db
                    .indicators(None)?
                    .into_iter()
                    .find(|r| r.id == indicator)
                    .map(|r| {
                        Box::new(FigureData {
                            indicator_id: r.id,
                            name: r.name,
                            unit: r.unit,
                            department_id: r.department_id,
                            department: r.department,
                            targets: r.targets,
                            figures: r.actuals,
                            year,
                            cycle,
                        })
                    });
                Action::FigureOpened(data)
            }
            Effect::SaveFigure {
                indicator,
                period,
                value,
                expected_last,
            } => {
                let figure = NewActual {
                    indicator_id: indicator,
                    period: period.to_string(),
                    value,
                    by: s.user.clone(),
                    at: s.clock.now(),
                    expected_last,
                };
                match self.db.report_actual(&figure) {
                    Ok(_) => Action::FigureSaved,
                    Err(StoreError::FigureConflict(theirs)) => Action::FigureConflict(theirs),
                    Err(e) => Action::FigureFailed(crate::i18n::store_error(s.lang, &e)),
                }
            }
            Effect::LoadPeople => Action::People {
                departments: self.db.department_summaries()?,
                clerks: self.db.clerks()?,
            },
            Effect::LoadQueue {
                department,
                pending_only,
            } => {
                use super::queue::model::QueueItem;
                use crate::domain::NoticeState;
                let mut closings = self.db.closings(s.as_of, pending_only, department)?;
                // A unit's queue: what waits on a review or on the unit, not what is done.
                closings.retain(|c| c.state != crate::domain::Closing::Closed);
                let mut items: Vec<QueueItem> =
                    closings.into_iter().map(QueueItem::Closing).collect();
                let extensions = self.db.extension_requests(s.as_of, true, department)?;
                items.extend(extensions.into_iter().map(QueueItem::Extension));
                // Notices: an admin reviews replies; a unit answers what is addressed to it.
                let notices = self.db.notices(&crate::store::NoticeQuery {
                    department,
                    as_of: s.as_of,
                    ..Default::default()
                })?;
                items.extend(
                    notices
                        .into_iter()
                        .filter(|n| match department {
                            None => n.state == NoticeState::Answered,
                            Some(_) => {
                                matches!(n.state, NoticeState::Open | NoticeState::Returned)
                            }
                        })
                        .map(|n| QueueItem::Notice(Box::new(n))),
                );
                // Oldest first, whatever the kind: the stored instants sort as text.
                items.sort_by(|a, b| a.since().cmp(b.since()));
                Action::Queue(items)
            }
            Effect::CompletePath { typed, prompt } => Action::PathCompleted {
                completion: super::attach_files::complete(&typed),
                typed,
                prompt,
            },
            Effect::CloseStep { task, spec } => {
                use super::closing::CloseSpec;
                let action = match &spec {
                    CloseSpec::Apply {
                        department,
                        note,
                        why,
                        ..
                    } => crate::store::ClosingAction::Apply {
                        department_id: *department,
                        note,
                        why,
                    },
                    CloseSpec::Approve { note } => crate::store::ClosingAction::Approve { note },
                    CloseSpec::Return { reason } => crate::store::ClosingAction::Return { reason },
                    CloseSpec::Reopen { reason } => crate::store::ClosingAction::Reopen { reason },
                };
                let label = self
                    .db
                    .tasks_by_id(&[task], None)?
                    .into_iter()
                    .next()
                    .map(|t| (t.number, t.title))
                    .unwrap_or_default();
                match self.db.close_step(task, &action, &s.user, s.clock.now()) {
                    Ok(entry) => {
                        let text = crate::i18n::closing::saved(
                            s.lang,
                            entry.step,
                            &label.0,
                            &crate::report::text::truncate(&label.1, 24),
                        );
                        match &spec {
                            // The application stands whatever becomes of its files.
                            CloseSpec::Apply {
                                department, files, ..
                            } if !files.trim().is_empty() => {
                                let a = super::attach_files::attach_all(
                                    self.db,
                                    (task, *department),
                                    crate::domain::attachment::AttachTo::LatestApplication,
                                    files,
                                    (&s.user, s.lang, s.clock.now()),
                                );
                                let line = crate::i18n::attachment::after_save(
                                    s.lang,
                                    &text,
                                    a.kept,
                                    a.failed.as_deref(),
                                );
                                match a.failed {
                                    None => Action::ClosingDone(Ok(line)),
                                    Some(_) => Action::ClosingDone(Err(line)),
                                }
                            }
                            _ => Action::ClosingDone(Ok(text)),
                        }
                    }
                    Err(e) => Action::ClosingDone(Err(crate::i18n::store_error(s.lang, &e))),
                }
            }
            Effect::ExtendStep { task, spec } => {
                super::extension::run_step(self.db, s, task, &spec)?
            }
            Effect::NoticePropose { task, department } => {
                super::notice::run_propose(self.db, s, task, department)?
            }
            Effect::NoticeStep(spec) => super::notice::run_step(self.db, s, &spec)?,
            Effect::Admin(op) => {
                // Names as they were before the change, for the message.
                let before = self.db.department_names()?;
                let names = |id: i64| {
                    before
                        .iter()
                        .find(|d| d.id == id)
                        .map(|d| d.name.clone())
                        .unwrap_or_default()
                };
                let (by, now) = (s.user.as_str(), s.clock.now());
                let done = match &op {
                    AdminOp::AddDepartment(name) => self
                        .db
                        .add_department(name, DepartmentKind::from_name(name), by, now)
                        .map(|_| ()),
                    AdminOp::Rename { id, name } => self.db.rename_department(*id, name, by, now),
                    AdminOp::Alias { id, alias } => self.db.add_alias(*id, alias, by, now),
                    AdminOp::Merge { from, into } => {
                        self.db.merge_departments(*from, *into, by, now).map(|_| ())
                    }
                    AdminOp::AddClerk(clerk) => self.db.add_clerk(clerk, by, now),
                    AdminOp::SetRole {
                        username,
                        role,
                        department,
                    } => self
                        .db
                        .set_clerk_role(username, *role, *department, by, now),
                    AdminOp::RemoveClerk(username) => self.db.remove_clerk(username, by, now),
                };
                match done {
                    Ok(()) => Action::AdminDone(crate::i18n::tui::admin_done(s.lang, &op, &names)),
                    Err(e) => Action::EditFailed(crate::i18n::store_error(s.lang, &e)),
                }
            }
            Effect::ReadPlan { path } => self.read_plan(path)?,
            Effect::SaveImport(draft) => match self.db.save_draft(
                &draft,
                crate::import::units::match_existing,
                &s.user,
                s.clock.now(),
            ) {
                Ok(saved) => Action::ImportSaved(crate::i18n::msg(
                    s.lang,
                    crate::i18n::Msg::ImportSaved {
                        title: &draft.title,
                        tasks: saved.tasks,
                        sections: saved.sections,
                        indicators: saved.indicators,
                        new_units: saved.new_departments.len(),
                        existing_units: saved.existing_departments.len(),
                        doubts: draft.doubts.len(),
                    },
                )),
                Err(e) => Action::ImportFailed(crate::i18n::store_error(s.lang, &e)),
            },
            Effect::UsePlan { plan } => {
                if self.plan != plan {
                    self.plan = plan;
                    self.read_ahead = DepartmentRows::default();
                }
                Action::Nothing
            }
            Effect::Remember(what) => {
                if let Some(prefs) = &s.remember {
                    prefs.save(&what);
                }
                Action::Nothing
            }
            Effect::Reopen => {
                // Thresholds may have changed (the settings screen): lights follow them.
                self.thresholds = session_thresholds(self.db, self.session)?;
                Runner::opened(self.db, self.session)?
            }
            Effect::OpenBatch { tasks, who } => self.batch_rows(&tasks, who)?,
            Effect::Copy(line) => {
                let written = if self.terminal {
                    use std::io::Write;
                    let mut out = std::io::stdout();
                    out.write_all(super::clipboard::osc52(&line).as_bytes())
                        .and_then(|()| out.flush())
                } else {
                    Ok(())
                };
                Action::Copied(written.map(|()| line).map_err(|e| e.to_string()))
            }
            Effect::MouseCapture(on) => {
                if self.terminal {
                    use std::io::Write;
                    let seq = if on {
                        super::mouse::ENABLE
                    } else {
                        super::mouse::DISABLE
                    };
                    let mut out = std::io::stdout();
                    // As bracketed paste: a terminal that cannot is left as it is.
                    let _ = out.write_all(seq.as_bytes()).and_then(|()| out.flush());
                }
                Action::Nothing
            }
            Effect::LoadDrafts => Action::DraftsListed(
                self.db
                    .drafts(&s.user)?
                    .into_iter()
                    .map(|d| (d.task_id, d.department_id))
                    .collect(),
            ),
            Effect::SaveBatch(rows) => {
                let (by, at) = (s.user.clone(), s.clock.now());
                let reports: Vec<ProgressReport> = rows
                    .into_iter()
                    .map(|r| ProgressReport {
                        task_id: r.task,
                        department_id: r.department,
                        percent: r.percent,
                        note: r.note,
                        by: by.clone(),
                        at,
                        expected_version: r.version,
                    })
                    .collect();
                match self.db.report_batch(&reports) {
                    Ok(saved) => Action::BatchSaved(saved),
                    Err(e) => Action::BatchFailed {
                        row: e.row,
                        conflict: matches!(e.error, StoreError::Conflict(_)),
                        message: crate::i18n::store_error(s.lang, &e.error),
                    },
                }
            }
            Effect::Undo { entry_id } => {
                match self.db.undo_progress(entry_id, &s.user, s.clock.now()) {
                    Ok(undone) => Action::Undone(Box::new(undone)),
                    Err(e) => Action::UndoFailed {
                        // Only a busy or full file may let the same undo work later; otherwise
                        // the entry is dropped so that `u` reaches the saves before it.
                        forget: !matches!(
                            e,
                            StoreError::Busy
                                | StoreError::DiskFull
                                | StoreError::DeviceIo(_)
                                | StoreError::ReadOnly
                        ),
                        message: crate::i18n::store_error(s.lang, &e),
                    },
                }
            }
        })
    }

    /// A department's task rows: the ones read ahead when the file has not changed since.
    /// The rows with their tasks' last closing steps, read in one query for the rows on screen.
    fn with_closing(
        &self,
        mut items: Vec<TaskItem>,
        as_of: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Vec<TaskItem>> {
        let ids: Vec<i64> = items.iter().map(|i| i.row.id).collect();
        let mut lasts = self.db.last_closing_steps(&ids, as_of)?;
        let mut marks = self.db.extension_marks(&ids, as_of)?;
        // The live notices of every task (few: the office's desk), kept for the rows on screen.
        let mut live: HashMap<i64, Vec<crate::store::Notice>> = HashMap::new();
        for n in self.db.notices(&crate::store::NoticeQuery {
            as_of,
            ..Default::default()
        })? {
            if n.state.is_live() {
                live.entry(n.task.id).or_default().push(n);
            }
        }
        for item in &mut items {
            item.closing = lasts.remove(&item.row.id);
            item.extension = marks.remove(&item.row.id).unwrap_or_default();
            item.notices = live.remove(&item.row.id).unwrap_or_default();
            item.notice = crate::store::notice_marks_of(&item.notices, self.session.today)
                .remove(&item.row.id);
        }
        Ok(items)
    }

    fn department_rows(&mut self, department: i64) -> Result<Vec<TaskRow>> {
        let stamp = self.db.change_stamp()?;
        let kept = &mut self.read_ahead;
        if kept.stamp != Some(stamp) {
            kept.rows.clear();
            kept.stamp = Some(stamp);
        }
        if let Some(i) = kept.rows.iter().position(|(id, _)| *id == department) {
            // Kept longest now: it is the one on screen.
            let entry = kept.rows.remove(i).expect("found");
            let rows = entry.1.clone();
            kept.rows.push_back(entry);
            return Ok(rows);
        }
        let scope = Scope {
            department: Some(department),
            as_of: self.session.as_of,
            plan: self.plan,
        };
        let rows = self.db.tasks(scope)?;
        kept.rows.push_back((department, rows.clone()));
        if kept.rows.len() > READ_AHEAD_KEPT {
            kept.rows.pop_front();
        }
        Ok(rows)
    }

    /// While no key is waiting: reads the tasks of the departments next to the selected one, so
    /// that `j` or `k` in the department list shows them at once. One department per call (a
    /// few milliseconds at 100,000 tasks, so a key typed meanwhile waits no longer than that);
    /// `false` when there is nothing left to read.
    pub fn read_ahead(&mut self, state: &State) -> bool {
        if state.view != View::Departments || state.mode != Mode::Normal {
            return false;
        }
        let pane = &state.depts;
        let next = [pane.selected + 1, pane.selected.wrapping_sub(1)]
            .into_iter()
            .filter_map(|i| pane.shown.get(i).map(|&j| pane.items[j].id))
            .find(|id| !self.read_ahead.rows.iter().any(|(kept, _)| kept == id));
        let Some(department) = next else {
            return false;
        };
        let stamp_kept = self.db.change_stamp().ok() == self.read_ahead.stamp;
        // A failed read here is left to the real load, which reports it.
        stamp_kept && self.department_rows(department).is_ok()
    }

    /// View 7's lead units as the file is now: read again only when something was written.
    fn lead_units(&mut self) -> Result<std::sync::Arc<crate::store::LeadUnits>> {
        let stamp = self.db.change_stamp()?;
        if let Some((kept, leads)) = &self.leads
            && *kept == stamp
        {
            return Ok(leads.clone());
        }
        let leads = std::sync::Arc::new(self.db.lead_units(self.session.as_of)?);
        self.leads = Some((stamp, leads.clone()));
        Ok(leads)
    }

    /// The filter's corpus as the file is now: read again only when something was written.
    fn current_index(&mut self) -> Result<&TaskIndex> {
        let stamp = self.db.change_stamp()?;
        if !self
            .task_index
            .as_ref()
            .is_some_and(|i| i.is_current(stamp))
        {
            self.task_index = Some(self.db.task_index()?);
        }
        Ok(self.task_index.as_ref().expect("just read"))
    }

    fn opened(db: &Db, session: &Session) -> Result<Action> {
        let plans = db.plans()?;
        let titles: Vec<String> = plans.iter().map(|p| p.title.clone()).collect();
        let mut items = Vec::with_capacity(plans.len());
        for p in plans {
            // Only a file with several plans needs the counts (the switcher's list).
            let tasks = if titles.len() > 1 {
                let of_plan = Scope {
                    plan: Some(p.id),
                    as_of: session.as_of,
                    ..Scope::default()
                };
                db.task_counts(of_plan)?.0
            } else {
                0
            };
            items.push(PlanItem {
                id: p.id,
                title: p.title,
                tasks,
            });
        }
        Ok(Action::Opened {
            plan_title: titles.join(" / "),
            plans: items,
            remembered: None,
            thresholds: session_thresholds(db, session)?,
            sections: db.section_labels()?,
        })
    }

    /// A plan document for the import preview, with the departments its names meet. A file
    /// that cannot be read is the user's to fix, not a failure of the screen.
    fn read_plan(&self, path: String) -> Result<Action> {
        use chrono::Datelike;
        let p = std::path::Path::new(&path);
        let opts = crate::import::Options {
            fallback_title: p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.clone()),
            fallback_year: self.session.today.year(),
        };
        Ok(match crate::import::file::read_plan_file(p, &opts) {
            Ok(draft) => Action::PlanRead(Box::new(PlanRead {
                path,
                draft,
                existing: self.db.department_names()?,
            })),
            Err(e) => {
                Action::PlanReadFailed(crate::i18n::import_error(self.session.lang, &path, &e))
            }
        })
    }

    /// What the task editor needs: the task (or, for a new one, the plan and section of the task
    /// `near`, else the first plan), the plan's sections and every department for the picker.
    fn editor_data(&self, task: Option<i64>, near: Option<i64>) -> Result<Option<EditorData>> {
        let existing = task.map(|id| self.db.task_for_edit(id)).transpose()?;
        let neighbour = match (&existing, near) {
            (None, Some(id)) => Some(self.db.task_for_edit(id)?),
            _ => None,
        };
        let (plan_id, plan_title, plan_starts_on, plan_ends_on, section_id) =
            match existing.as_ref().or(neighbour.as_ref()) {
                Some(t) => (
                    t.plan_id,
                    t.plan_title.clone(),
                    t.plan_starts_on,
                    t.plan_ends_on,
                    t.section_id,
                ),
                None => match self.db.plans()?.into_iter().next() {
                    Some(p) => (p.id, p.title, p.starts_on, p.ends_on, None),
                    None => return Ok(None),
                },
            };
        let project = match &existing {
            Some(t) => super::project_edit::ProjectData {
                info: self.db.projects(Some(&[t.id]), None)?.remove(&t.id),
                milestones: self.db.milestone_rows(t.id)?,
                stamp: self.db.project_stamp(t.id)?,
            },
            None => Default::default(),
        };
        Ok(Some(EditorData {
            project,
            task: existing,
            plan_id,
            plan_title,
            plan_starts_on,
            plan_ends_on,
            sections: self.db.sections(plan_id)?,
            section_id,
            departments: self.db.department_names()?,
        }))
    }

    /// The batch form's rows: for each marked task, the assignment `who` writes (`batch::part_for`)
    /// as the progress form would read it, or why there is none.
    fn batch_rows(&self, tasks: &[i64], who: super::batch::Who) -> Result<Action> {
        use super::batch::{BatchRow, Unwritable, part_for};
        let found = self.db.tasks_by_id(tasks, None)?;
        let mut rows = Vec::with_capacity(tasks.len());
        for &id in tasks {
            let Some(task) = found.iter().find(|t| t.id == id) else {
                rows.push(BatchRow {
                    task_id: id,
                    number: format!("#{id}"),
                    title: String::new(),
                    part: Err(Unwritable::Gone),
                });
                continue;
            };
            let part = match part_for(&task.units, who) {
                Ok(d) => self.form_data(id, d)?.ok_or(Unwritable::Gone),
                Err(why) => Err(why),
            };
            rows.push(BatchRow {
                task_id: id,
                number: task.number.clone(),
                title: task.title.clone(),
                part,
            });
        }
        let department = match who.department {
            Some(d) => self
                .db
                .department_names()?
                .into_iter()
                .find(|n| n.id == d)
                .map(|n| n.name),
            None => None,
        };
        Ok(Action::BatchOpened {
            who,
            department,
            rows,
        })
    }

    /// What the progress form shows: the task, the unit's part, its version and last report.
    fn form_data(&self, task: i64, department: i64) -> Result<Option<FormData>> {
        let Some(mut detail) = self.db.task_detail(task, None)? else {
            return Ok(None);
        };
        let returned = detail
            .closing
            .take()
            .filter(|c| c.step.leaves() == crate::domain::Closing::Returned)
            .map(|c| c.note);
        let Some(unit) = detail
            .units
            .into_iter()
            .find(|u| u.department_id == department)
        else {
            return Ok(None);
        };
        let Some(current) = self.db.assignment(task, department)? else {
            return Ok(None);
        };
        Ok(Some(FormData {
            task_id: task,
            department_id: department,
            department: unit.name,
            number: detail.number,
            title: detail.title,
            role: unit.role,
            schedule: detail.schedule,
            deadline_text: detail.deadline_text,
            current: current.percent,
            version: current.version,
            previous: unit.last,
            returned,
        }))
    }
}

/// Runs a batch of effects, keeping only the last of each kind where a later one makes an
/// earlier one pointless (a burst of filter keys, a run of `j`).
pub fn coalesce(effects: Vec<Effect>) -> Vec<Effect> {
    let mut out: Vec<Effect> = Vec::with_capacity(effects.len());
    for e in effects {
        let same_kind = |o: &Effect| match (o, &e) {
            (Effect::LoadOverview, Effect::LoadOverview) => true,
            (Effect::LoadCycle, Effect::LoadCycle) => true,
            (Effect::LoadDrafts, Effect::LoadDrafts) => true,
            (Effect::LoadDepartmentTasks { .. }, Effect::LoadDepartmentTasks { .. }) => true,
            (Effect::LoadTaskKeys { view: a, .. }, Effect::LoadTaskKeys { view: b, .. }) => a == b,
            (Effect::LoadDetail { .. }, Effect::LoadDetail { .. }) => true,
            _ => false,
        };
        out.retain(|o| !same_kind(o));
        out.push(e);
    }
    out
}

/// Applies queued actions and runs the effects they ask for until nothing is left to do.
pub fn settle(state: &mut State, runner: &mut Runner<'_>, queue: &mut VecDeque<Action>) {
    settle_showing(state, runner, None, queue, &mut |_| {});
}

/// Like `settle`, with the slow reads handed to `worker` (their results come back later, see
/// `Worker::take`). Without one, before a read that takes a while at 100,000 tasks it lets
/// `show` draw what is already known: after a save the clerk sees "saved" and the next task at
/// once, and the figures follow.
pub fn settle_showing(
    state: &mut State,
    runner: &mut Runner<'_>,
    mut worker: Option<&mut Worker>,
    queue: &mut VecDeque<Action>,
    show: &mut dyn FnMut(&mut State),
) {
    loop {
        let mut effects = Vec::new();
        while let Some(action) = queue.pop_front() {
            effects.extend(update(state, action));
        }
        if effects.is_empty() {
            return;
        }
        let effects = coalesce(effects);
        let off_thread = worker.as_deref().is_some_and(Worker::alive);
        let slow = effects.iter().any(|e| load_of(e).is_some());
        if slow && !off_thread && state.dirty {
            show(state);
        }
        for effect in effects {
            let effect = match worker.as_deref_mut() {
                Some(w) => match w.offer(effect, std::time::Instant::now()) {
                    None => continue,
                    Some(effect) => effect,
                },
                None => effect,
            };
            runner.use_milestones(&state.milestones);
            queue.push_back(runner.run(effect));
        }
        if let Some(w) = worker.as_deref() {
            let pending = w.pending(std::time::Instant::now());
            if pending != state.loading {
                queue.push_back(Action::Loading(pending));
            }
        }
    }
}

/// The light rule of the session's day: as it stood then with `--as-of`, else today's.
fn session_thresholds(db: &Db, session: &Session) -> Result<crate::domain::Thresholds> {
    db.thresholds_at(session.as_of.map(crate::store::instant).as_deref())
}
