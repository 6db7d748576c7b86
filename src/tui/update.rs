//! `update`: the only code that changes the state. Pure: no database, no terminal, no clock
//! (time comes in with the action). What needs I/O goes out as an `Effect`.

use std::time::Duration;

use crate::i18n::tui as t;

use super::action::{Action, Command, Effect};
use super::lists::*;
pub use super::nav::{follow, move_selection};
use super::state::*;
use super::ui::layout;
use super::{entry, figure, import, indicator_view, people, plan_edit, plans, report_view};

/// How long "updated by …" and other notices stay up.
pub const NOTICE_FOR: Duration = Duration::from_secs(5);

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    // Quit from a screen too small to show anything: whatever is open (a form's text is kept as
    // a draft at the end of the session).
    if matches!(action, Action::Command(Command::Quit)) && state.viewport.too_small() {
        state.quit = true;
        plans::remember(state, &mut fx);
        return fx;
    }
    if matches!(action, Action::Nothing) {
        return fx;
    }
    let before_notice = state.notice.clone();
    match action {
        Action::Tick { now } => {
            if state
                .notice
                .as_ref()
                .is_some_and(|n| n.until.is_some_and(|u| u <= now))
            {
                state.notice = None;
            }
            if state.notice != before_notice {
                state.dirty = true;
            }
            return fx;
        }
        action @ (Action::Mouse { .. } | Action::Command(Command::Mouse)) => {
            super::mouse::update(state, action, &mut fx)
        }
        Action::Command(cmd) => command(state, cmd, &mut fx),
        Action::FilterChar(c) => {
            let slot = state.filter_slot();
            state.filters[slot].push(c);
            apply_filter(state, &mut fx);
        }
        Action::FilterBackspace => {
            let slot = state.filter_slot();
            state.filters[slot].pop();
            apply_filter(state, &mut fx);
        }
        Action::FilterAccept => state.mode = Mode::Normal,
        Action::FilterCancel => {
            state.mode = Mode::Normal;
            clear_filter(state, &mut fx);
        }
        Action::Resize { width, height } => {
            state.viewport = layout::viewport(width, height);
            follow_all(state);
            indicator_view::follow_indicators(state);
            if state.viewport.wide {
                detail_if_needed(state, false, &mut fx);
            }
            rows_if_needed(state, &mut fx);
        }
        Action::Opened {
            plan_title,
            plans: items,
            remembered,
            thresholds,
            sections,
        } => {
            plans::opened(state, items, remembered, &mut fx);
            state.plan_title = plan_title;
            state.thresholds = thresholds;
            state.sections = sections;
            fx.push(Effect::LoadOverview);
            fx.push(Effect::LoadDrafts);
        }
        Action::Overview {
            departments,
            summary,
            milestones,
            keep,
        } => {
            state.milestones = milestones;
            if let Some(keep) = keep {
                fx.push(Effect::KeepRollup(keep));
            }
            // The check replays a month of the journal: about a second at 100,000 tasks. A big
            // file gets it at start and on `r`, not after every save.
            if !state.unreported_loaded || summary.tasks <= BIG_FILE_TASKS {
                fx.push(Effect::LoadCycle);
            }
            // The first list opens on the clerk's own department (an editor works there);
            // others start on the worst department, the list's first row.
            let editor = state.session.role == Some(crate::domain::ClerkRole::Editor);
            let first = !state.depts.loaded;
            let keep = match state.depts.loaded {
                true => state.depts.selected_item().map(|d| d.id),
                false if editor => state.session.department,
                // Admins and viewers where this login left off (`prefs`), if it is still there.
                false => state.restore_department.take(),
            };
            state.summary = summary;
            state.depts.items = departments;
            state.depts.loaded = true;
            sort_departments(state);
            refilter_departments(state, keep);
            // An editor's keys start on their own tasks: `j` moves to the next task, not to
            // another department (where `e` would be refused).
            if first
                && editor
                && state.view == View::Departments
                && state.depts.selected_item().map(|d| d.id) == state.session.department
            {
                state.pane = Pane::Tasks;
            }
            department_tasks(state, true, &mut fx);
        }
        Action::DepartmentTasks { department, items } => {
            if state.depts.selected_item().map(|d| d.id) == Some(department) {
                let keep = state.dept_tasks.selected_item().map(|t| t.row.id);
                let same = state.dept_tasks.department == Some(department);
                state.dept_tasks.department = Some(department);
                state.dept_tasks.items = items;
                state.dept_tasks.loaded = true;
                refilter_dept_tasks(state, if same { keep } else { None });
                if state.view == View::Departments {
                    detail_if_needed(state, true, &mut fx);
                }
            }
        }
        Action::TaskKeys { view, keys } => keys_loaded(state, view, keys, &mut fx),
        Action::WallKeys { keys, leads } => super::wall::keys_loaded(state, keys, leads, &mut fx),
        Action::WallRows {
            items,
            milestones,
            ids,
        } => super::wall::rows_loaded(state, items, milestones, &ids),
        Action::Queue(items) => super::queue::loaded(state, items),
        Action::Rows { view, items } => {
            let list = list_of(state, view);
            // The cache holds about a screen or two; start over rather than grow without end.
            if list.rows.len() > 1000 {
                list.rows.clear();
            }
            for item in items {
                list.rows.insert(item.row.id, item);
            }
        }
        Action::Detail {
            task,
            data,
            unit,
            history,
        } => {
            if state.selected_task() == Some(task) || state.mode == Mode::Detail {
                if state.detail.task != Some(task) {
                    state.detail.scroll = 0;
                }
                state.detail.task = Some(task);
                state.detail.data = data;
                state.detail.unit = unit;
                state.detail.history = history;
            }
        }
        Action::Changed { by, now } => {
            if !by.is_empty() {
                state.notice = Some(Notice {
                    text: t::updated_by(state.session.lang, &by),
                    alert: false,
                    until: Some(now + NOTICE_FOR),
                });
            }
            reload(state, &mut fx);
            // The open form shows the assignment as it is now, not as it was when it opened.
            if let Some(form) = &state.form {
                fx.push(Effect::RefreshForm {
                    task: form.data.task_id,
                    department: form.data.department_id,
                });
            }
        }
        Action::Failed(why) => {
            state.notice = Some(Notice {
                text: t::read_failed(state.session.lang, &why),
                alert: true,
                until: None,
            });
            // A form waiting for its data or its save must not hang there.
            if let Some(form) = state.form.as_mut() {
                form.saving = false;
            }
            if let Some(entry) = state.figure.as_mut() {
                entry.saving = false;
            }
            super::project_entry::unstick(state);
        }
        Action::FormEdit(edit) => entry::edit(state, edit),
        Action::FormOpened(data, draft) => entry::opened(state, data, draft),
        Action::FormRefreshed(data) => entry::refreshed(state, data),
        Action::Saved(saved, attached) => entry::saved(state, saved, attached, &mut fx),
        Action::PathCompleted {
            typed,
            prompt: false,
            completion,
        } => entry::path_completed(state, &typed, completion),
        Action::PathCompleted {
            typed,
            prompt: true,
            completion,
        } => super::closing::path_completed(state, &typed, completion),
        Action::SaveConflict(conflict) => entry::conflict(state, conflict),
        Action::SaveFailed(message) => entry::save_failed(state, message),
        Action::Undone(undone) => entry::undone(state, &undone, &mut fx),
        Action::UndoFailed { message, forget } => entry::undo_failed(state, message, forget),
        Action::EditorOpened(data) => plan_edit::opened(state, *data),
        Action::EditorEdit(edit) => plan_edit::edit(state, edit),
        Action::TaskSaved(task) => plan_edit::saved(state, *task, &mut fx),
        Action::TaskSaveConflict(current) => plan_edit::conflict(state, *current),
        Action::EditFailed(message) => plan_edit::failed(state, message),
        Action::DepartmentAdded { id, name } => {
            plan_edit::department_added(state, id, name, &mut fx)
        }
        Action::People {
            departments,
            clerks,
        } => people::loaded(state, departments, clerks),
        Action::AdminDone(message) => people::done(state, message, &mut fx),
        Action::ClosingDone(result) => super::closing::done(state, result, &mut fx),
        Action::ExtensionDone(result) => super::extension::done(state, result, &mut fx),
        Action::NoticeProposed(result) => super::notice::proposed(state, result),
        Action::NoticeDone(result) => super::notice::done(state, result, &mut fx),
        Action::ReportLoaded { period, circular } => {
            report_view::report_loaded(state, period, *circular)
        }
        Action::TrendLoaded {
            period,
            plan,
            generation,
            trend,
        } => report_view::trend::loaded(state, (period, plan, generation), *trend),
        Action::CycleLoaded(counts) => {
            state.unreported = counts;
            state.unreported_loaded = true;
        }
        Action::SettingsLoaded(settings) => report_view::settings_loaded(state, *settings),
        Action::SettingsSaved(result) => report_view::settings_saved(state, result, &mut fx),
        Action::IndicatorsLoaded(v) => indicator_view::loaded(state, *v),
        Action::FigureOpened(data) => figure::opened(state, data.map(|d| *d)),
        Action::FigureEdit(edit) => figure::edit(state, edit),
        Action::FigureSaved => figure::saved(state, &mut fx),
        Action::FigureConflict(theirs) => figure::conflict(state, *theirs),
        Action::FigureFailed(message) => figure::failed(state, message),
        Action::DeleteAsk {
            task,
            label,
            entries,
        } => plan_edit::delete_ask(state, task, label, entries),
        Action::TaskDeleted(label) => plan_edit::deleted(state, label, &mut fx),
        Action::PlanRead(read) => import::read(state, *read),
        Action::PlanReadFailed(why) => import::read_failed(state, why),
        Action::ImportSaved(message) => import::saved(state, message, &mut fx),
        Action::ImportFailed(message) => import::save_failed(state, message),
        Action::Loading(kinds) => {
            if state.loading == kinds {
                return fx;
            }
            state.loading = kinds;
        }
        Action::KeepDraft => super::draft::keep(state, &mut fx),
        // Returned before the match (nothing changes on screen).
        Action::Nothing => {}
        Action::DraftKept {
            task,
            department,
            draft,
            kept,
            replaced,
        } => {
            super::draft::kept(state, (task, department), draft, kept, replaced);
            // The table may hold another session's text still: the rows' marks read it again.
            fx.push(Effect::LoadDrafts);
        }
        Action::Copied(done) => {
            let lang = state.session.lang;
            match done {
                Ok(line) => state.say(crate::i18n::batch::copied(lang, &line), false),
                Err(why) => state.say(crate::i18n::batch::copy_failed(lang, &why), true),
            }
        }
        Action::DraftsListed(pairs) => state.drafted = pairs.into_iter().collect(),
        Action::DraftNotKept {
            task,
            department,
            busy,
            message,
        } => super::draft::not_kept(state, (task, department), busy, message),
        Action::BatchOpened {
            who,
            department,
            rows,
        } => super::batch::opened(state, who, department, rows),
        Action::BatchEdit(edit) => super::batch::edit(state, edit),
        Action::BatchSaved(saved) => super::batch::saved(state, saved, &mut fx),
        Action::BatchFailed {
            row,
            message,
            conflict,
        } => super::batch::failed(state, row, message, conflict, &mut fx),
        Action::Project(action) => super::project_entry::update(state, action, &mut fx),
    }
    state.dirty = true;
    fx
}

fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    // A notice without an expiry (a failure, "reloaded") stays until the next key.
    if state.notice.as_ref().is_some_and(|n| n.until.is_none()) {
        state.notice = None;
    }
    match state.mode {
        Mode::Form | Mode::ConfirmDiscard | Mode::Conflict => {
            entry::command(state, cmd, fx);
            return;
        }
        Mode::Editor | Mode::Picker | Mode::Ask => {
            plan_edit::command(state, cmd, fx);
            return;
        }
        Mode::Import => {
            import::command(state, cmd, fx);
            return;
        }
        Mode::Figure => {
            figure::command(state, cmd, fx);
            return;
        }
        Mode::Batch => {
            super::batch::command(state, cmd, fx);
            return;
        }
        Mode::Plans => {
            plans::command(state, cmd, fx);
            return;
        }
        Mode::Queue => {
            super::queue::command(state, cmd, fx);
            return;
        }
        Mode::Project => {
            super::project_entry::command(state, cmd, fx);
            return;
        }
        Mode::Prompt => {
            let import_prompt = state
                .prompt
                .as_ref()
                .is_some_and(|p| import::is_import_prompt(&p.kind));
            let setting_prompt = state
                .prompt
                .as_ref()
                .is_some_and(|p| matches!(p.kind, people::PromptKind::Setting(_)));
            let closing_prompt = state.prompt.as_ref().is_some_and(|p| p.kind.is_closing());
            if state
                .prompt
                .as_ref()
                .is_some_and(|p| matches!(p.kind, people::PromptKind::Extend(_)))
            {
                return super::extension::prompt_command(state, cmd, fx);
            }
            if state
                .prompt
                .as_ref()
                .is_some_and(|p| matches!(p.kind, people::PromptKind::Notice(_)))
            {
                return super::notice::prompt_command(state, cmd, fx);
            }
            match cmd {
                Command::Yes if closing_prompt => super::closing::submit(state, fx),
                Command::NextField if closing_prompt => super::closing::tab(state, fx),
                Command::Cancel | Command::No if closing_prompt => super::closing::back(state),
                Command::Yes if setting_prompt => report_view::submit_setting(state, fx),
                Command::Yes if import_prompt => import::submit(state, fx),
                Command::Yes => people::submit(state, fx),
                Command::Cancel | Command::No => people::cancel(state),
                _ => {}
            }
            return;
        }
        Mode::Help => {
            match cmd {
                Command::Up => state.help_scroll = state.help_scroll.saturating_sub(1),
                Command::Down => state.help_scroll = state.help_scroll.saturating_add(1),
                Command::Quit => {
                    state.quit = true;
                    plans::remember(state, fx);
                }
                _ => state.mode = Mode::Normal,
            }
            return;
        }
        Mode::Detail => match cmd {
            Command::Up => {
                state.detail.scroll = state.detail.scroll.saturating_sub(1);
                return;
            }
            Command::Down => {
                state.detail.scroll = state.detail.scroll.saturating_add(1);
                return;
            }
            Command::PageUp => {
                state.detail.scroll = state.detail.scroll.saturating_sub(10);
                return;
            }
            Command::PageDown => {
                state.detail.scroll = state.detail.scroll.saturating_add(10);
                return;
            }
            Command::NextPane | Command::PrevPane => {
                cycle_unit(state, cmd == Command::NextPane, fx);
                return;
            }
            Command::Close | Command::Open => {
                state.mode = Mode::Normal;
                return;
            }
            // Views, help, reload, entry and quit work from the detail too.
            Command::View(_)
            | Command::Help
            | Command::Reload
            | Command::Quit
            | Command::Report
            | Command::Undo
            | Command::EditTask
            | Command::DeleteTask
            | Command::CloseApply
            | Command::CloseApprove
            | Command::CloseReturn
            | Command::Extend
            | Command::NoticeReply
            | Command::NoticeIssue
            | Command::Investment
            | Command::Milestone
            | Command::Plans => {
                if matches!(cmd, Command::View(_) | Command::Plans) {
                    state.mode = Mode::Normal;
                }
            }
            _ => return,
        },
        Mode::Normal | Mode::Filter => {}
    }
    if state.view == View::People && state.mode == Mode::Normal && people::command(state, cmd, fx) {
        return;
    }
    if state.mode == Mode::Normal && report_view::command(state, cmd, fx) {
        return;
    }
    if state.view == View::Wall
        && state.mode == Mode::Normal
        && super::wall::command(state, cmd, fx)
    {
        return;
    }
    match cmd {
        Command::Up => step(state, Step::Up, fx),
        Command::Down => step(state, Step::Down, fx),
        Command::PageUp => step(state, Step::PageUp, fx),
        Command::PageDown => step(state, Step::PageDown, fx),
        Command::First => step(state, Step::First, fx),
        Command::Last => step(state, Step::Last, fx),
        Command::NextPane | Command::PrevPane => {
            if state.view == View::Departments {
                state.pane = match state.pane {
                    Pane::Departments => Pane::Tasks,
                    Pane::Tasks => Pane::Departments,
                };
            }
        }
        Command::Open => match (state.view, state.pane) {
            (View::Departments, Pane::Departments) => state.pane = Pane::Tasks,
            _ => {
                if state.selected_task().is_some() {
                    state.mode = Mode::Detail;
                    detail_if_needed(state, false, fx);
                }
            }
        },
        Command::Close => {
            if !state.filter().is_empty() {
                clear_filter(state, fx);
            } else {
                // Then the marks of batch entry.
                super::batch::clear_marks(state);
            }
        }
        Command::Mark => {
            if super::batch::toggle_mark(state) {
                step(state, Step::Down, fx);
            }
        }
        Command::Batch => super::batch::open(state, fx),
        Command::Copy => {
            let row = match state.view {
                View::Departments => state.dept_tasks.selected_item().map(|t| &t.row),
                _ => state
                    .selected_task()
                    .and_then(|id| state.list().and_then(|l| l.rows.get(&id)))
                    .map(|t| &t.row),
            };
            match row {
                Some(r) => {
                    let units: Vec<&str> = r.units.iter().map(|u| u.name.as_str()).collect();
                    let line = super::clipboard::copy_line(&r.number, &r.title, &units);
                    fx.push(Effect::Copy(line));
                }
                None => state.say(t::nothing_to_report(state.session.lang), true),
            }
        }
        Command::View(view) => switch_view(state, view, fx),
        Command::Filter => state.mode = Mode::Filter,
        Command::Sort => {
            if state.view == View::Departments {
                let keep = state.depts.selected_item().map(|d| d.id);
                state.sort = state.sort.next();
                sort_departments(state);
                refilter_departments(state, keep);
                state.notice = Some(Notice {
                    text: t::sorted_by(state.session.lang, state.sort),
                    alert: false,
                    until: None,
                });
            }
        }
        Command::OnlyAlert => {
            state.only_alert = !state.only_alert;
            reapply_toggles(state, fx);
        }
        Command::OnlyMine => {
            if state.session.department.is_none() && !state.only_mine {
                state.notice = Some(Notice {
                    text: t::no_department(state.session.lang),
                    alert: true,
                    until: None,
                });
                return;
            }
            state.only_mine = !state.only_mine;
            // The task lists read "mine" in the query.
            state.tasks.loaded = false;
            state.deadlines.loaded = false;
            state.wall.list.loaded = false;
            if let Some(view) = list_view(state) {
                fx.push(Effect::LoadTaskKeys {
                    view,
                    query: query_for(state, view),
                });
            }
            reapply_toggles(state, fx);
        }
        Command::Reload => {
            state.notice = Some(Notice {
                text: t::reloaded(state.session.lang),
                alert: false,
                until: None,
            });
            // `r` refreshes the "not yet reported" marks even on a big file.
            state.unreported_loaded = false;
            reload(state, fx);
        }
        Command::Help => {
            state.mode = Mode::Help;
            state.help_scroll = 0;
        }
        Command::Quit => {
            state.quit = true;
            plans::remember(state, fx);
        }
        Command::Plans => plans::start(state),
        Command::Queue => super::queue::start(state, fx),
        Command::Report => entry::report(state, fx),
        Command::Undo => entry::undo(state, fx),
        Command::NewTask | Command::EditTask | Command::DeleteTask => {
            plan_edit::command_from_list(state, cmd, fx)
        }
        Command::Import => import::start(state),
        Command::CloseApply | Command::CloseApprove | Command::CloseReturn => {
            super::closing::command(state, cmd)
        }
        Command::Extend => super::extension::command(state),
        Command::NoticeReply => super::notice::reply_command(state),
        Command::NoticeIssue => super::notice::issue_command(state, fx),
        Command::Investment => {
            super::project_entry::start(state, super::project_entry::EntryKind::Investment, fx)
        }
        Command::Milestone => {
            super::project_entry::start(state, super::project_entry::EntryKind::Milestone, fx)
        }
        // Form keys mean nothing outside the form.
        Command::NextField
        | Command::PrevField
        | Command::Save
        | Command::CopyLast
        | Command::Cancel
        | Command::Yes
        | Command::No
        | Command::TakeTheirs
        | Command::Pick
        | Command::PeopleAdd
        | Command::PeopleRename
        | Command::PeopleAlias
        | Command::PeopleMerge
        | Command::PeopleRole
        | Command::PeopleRemove
        | Command::PrevPeriod
        | Command::NextPeriod
        | Command::Settings
        | Command::LightPreset
        | Command::DropTask
        | Command::EditUnits
        | Command::MapUnit
        | Command::Mouse
        | Command::ZoomIn
        | Command::ZoomOut
        | Command::PanLeft
        | Command::PanRight
        | Command::Today
        | Command::Group => {}
    }
}

/// Shows view `view`, asking for what it needs that is not read yet.
pub(super) fn switch_view(state: &mut State, view: View, fx: &mut Vec<Effect>) {
    state.view = view;
    match view {
        View::Departments => department_tasks(state, false, fx),
        View::People => fx.push(Effect::LoadPeople),
        View::Report | View::Indicators => report_view::load(state, fx),
        View::Tasks | View::Deadlines | View::Wall => {
            if view == View::Wall {
                super::wall::enter(state);
            }
            if !list_of(state, view).loaded {
                fx.push(Effect::LoadTaskKeys {
                    view,
                    query: query_for(state, view),
                });
            }
            rows_if_needed(state, fx);
        }
    }
    detail_if_needed(state, false, fx);
}
