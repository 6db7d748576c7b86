//! Key projects and milestones from the TUI (issue 23), in-process on the demo file: an admin
//! makes a task a key project and gives it milestones on the task editor's second page; a unit's
//! clerk enters the month's investment (`v`), refused when it falls without a reason, and marks
//! a milestone reached (`M`) or takes a wrong mark back; a stale write is refused with one line
//! and keeps what was typed; viewers, other units and tasks that are not projects are told why
//! before anything is typed.

#[path = "support/ui.rs"]
mod support;

use duban::domain::ClerkRole;
use duban::domain::project::{Month, YearPlan};
use duban::i18n::Lang;
use duban::store::{Db, InvestmentReport, MilestoneEdit, ProjectEdit, Scope};
use duban::tui::action::{Action, Command};
use duban::tui::editor::EditorField;
use duban::tui::field::Edit;
use duban::tui::project_entry::{ProjectAction, ProjectEntry};
use duban::tui::state::{Mode, Session, View};
use support::{NOW, Ui, demo, session};

/// 培育高新技术企业: 区科技局 (liuyang) leads it, deadline 2027-12-31.
const TASK: &str = "培育高新技术企业";

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn task(db: &Db, title: &str) -> i64 {
    db.tasks(Scope::default())
        .unwrap()
        .into_iter()
        .find(|t| t.title == title)
        .unwrap()
        .id
}

fn as_clerk(user: &str, role: ClerkRole, department: Option<i64>, lang: Lang) -> Session {
    let mut s = session(lang);
    s.user = user.into();
    s.role = Some(role);
    s.department = department;
    s
}

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// The task made a key project with a figure for October (800) and three milestones, the
/// first reached, as the store's own API writes them.
fn with_project(db: &mut Db, id: i64) {
    let edit = ProjectEdit {
        owner: Some("青川新材料有限公司"),
        total: Some(Some(12000.0)),
        year_plan: Some(YearPlan {
            year: 2026,
            planned: 3000.0,
        }),
        active: Some(true),
    };
    db.edit_project(id, &edit, "sunhui", NOW).unwrap();
    let note = |_: f64, _: f64| String::new();
    let kjj = dept(db, "区科技局");
    db.report_investment(&InvestmentReport {
        task_id: id,
        department_id: kjj,
        month: Month::parse("2026-10").unwrap(),
        amount: 800.0,
        note: "",
        reason: "",
        expected_last: None,
        by: "liuyang",
        at: NOW,
        today: day("2026-11-23"),
        progress_note: &note,
    })
    .unwrap();
    let m = |name: &str, on: &str| MilestoneEdit {
        id: None,
        name: name.into(),
        planned_on: day(on),
        share: None,
    };
    db.set_milestones(
        id,
        &[
            m("开工", "2026-03-01"),
            m("主体结顶", "2026-09-30"),
            m("竣工", "2027-10-31"),
        ],
        "sunhui",
        NOW,
    )
    .unwrap();
    let first = db.milestone_rows(id).unwrap()[0].milestone.id;
    let pn = |_: &str, _: usize, _: usize| String::new();
    db.reach_milestone(&duban::store::MilestoneReach {
        task_id: id,
        milestone_id: first,
        department_id: kjj,
        reached_on: Some(day("2026-03-05")),
        note: "",
        expected_last: None,
        by: "liuyang",
        at: NOW,
        today: day("2026-11-23"),
        progress_note: &pn,
    })
    .unwrap();
}

impl Ui<'_> {
    fn type_editor(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    }

    fn editor_key(&mut self, e: Edit) {
        self.send([Action::EditorEdit(e)]);
    }

    fn type_form(&mut self, text: &str) {
        self.send(
            text.chars()
                .map(|c| Action::Project(ProjectAction::Edit(Edit::Insert(c)))),
        );
    }

    fn form_key(&mut self, e: Edit) {
        self.send([Action::Project(ProjectAction::Edit(e))]);
    }

    fn notice(&self) -> String {
        self.state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    }

    fn form_error(&self) -> String {
        match &self.state.project_entry {
            Some(ProjectEntry::Investment(f)) => f.error.as_ref().map(|e| e.1.clone()),
            Some(ProjectEntry::Milestone(f)) => f.error.as_ref().map(|e| e.1.clone()),
            None => None,
        }
        .unwrap_or_default()
    }

    fn select(&mut self, id: i64) {
        self.cmd(&[Command::View(View::Tasks), Command::First]);
        while self.state.selected_task() != Some(id) {
            let before = self.state.selected_task();
            self.cmd(&[Command::Down]);
            assert_ne!(
                before,
                self.state.selected_task(),
                "task {id} not in the list"
            );
        }
    }

    /// Adds a milestone in the editor's dialog: name, date, share.
    fn add_milestone(&mut self, name: &str, date: &str, share: &str) {
        self.editor_key(Edit::Insert('a'));
        self.type_editor(name);
        self.cmd(&[Command::NextField]);
        self.type_editor(date);
        self.cmd(&[Command::NextField]);
        self.type_editor(share);
        self.editor_key(Edit::Newline);
    }
}

#[test]
fn an_admin_makes_a_task_a_key_project_with_milestones_in_the_editor() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut db) = demo();
        let id = task(&db, TASK);
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::EditTask]);
        assert_eq!(ui.state.mode, Mode::Editor);
        let tag = if lang == Lang::Zh { "zh" } else { "en" };
        let first = ui.screen();
        assert!(
            first.contains(if lang == Lang::Zh {
                "PgDn 项目与节点"
            } else {
                "PgDn project"
            }),
            "{first}"
        );
        // PgDn: the project page, on the owner.
        ui.cmd(&[Command::PageDown]);
        assert_eq!(ui.state.editor.as_ref().unwrap().focus, EditorField::Owner);
        ui.type_editor("青川新材料有限公司");
        ui.cmd(&[Command::NextField]);
        ui.type_editor("12,000");
        ui.cmd(&[Command::NextField]);
        ui.type_editor("3000");
        ui.cmd(&[Command::NextField]);
        assert_eq!(
            ui.state.editor.as_ref().unwrap().focus,
            EditorField::Milestones
        );
        ui.add_milestone("竣工", "2027-10-31", "");
        ui.add_milestone("开工", "2026-03-01", "10");
        // A date that is none is refused in the dialog, which stays with what was typed.
        ui.editor_key(Edit::Insert('a'));
        ui.type_editor("主体结顶");
        ui.cmd(&[Command::NextField]);
        ui.type_editor("长期");
        ui.editor_key(Edit::Newline);
        let screen = ui.screen();
        assert!(
            screen.contains(if lang == Lang::Zh {
                "“长期”不是日期"
            } else {
                "'长期' is no date"
            }),
            "{screen}"
        );
        for _ in 0..2 {
            ui.editor_key(Edit::Backspace);
        }
        ui.type_editor("9月底前");
        insta::assert_snapshot!(format!("milestone_dialog_80x24_{tag}"), ui.screen());
        ui.cmd(&[Command::NextField]);
        ui.type_editor("60");
        ui.editor_key(Edit::Newline);
        let e = ui.state.editor.as_ref().unwrap();
        let names: Vec<&str> = e
            .project
            .milestones
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["开工", "主体结顶", "竣工"]);
        // J moves the selected one down and K back up.
        ui.editor_key(Edit::Insert('J'));
        assert_eq!(
            ui.state.editor.as_ref().unwrap().project.milestones[2].name,
            "主体结顶"
        );
        ui.editor_key(Edit::Insert('K'));
        insta::assert_snapshot!(format!("editor_project_page_80x24_{tag}"), ui.screen());
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
        let info = ui.runner.db.projects(Some(&[id]), None).unwrap()[&id].clone();
        assert_eq!(info.project.owner, "青川新材料有限公司");
        assert_eq!(info.project.total, Some(12000.0));
        assert_eq!(info.planned(2026), Some(3000.0));
        let ms = &ui.runner.db.milestones(Some(&[id]), None).unwrap()[&id];
        let got: Vec<(&str, String, Option<u8>)> = ms
            .iter()
            .map(|m| {
                (
                    m.name.as_str(),
                    m.planned_on.to_string(),
                    m.share.map(|s| s.value()),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("开工", "2026-03-01".to_string(), Some(10)),
                ("主体结顶", "2026-09-30".to_string(), Some(60)),
                ("竣工", "2027-10-31".to_string(), None),
            ]
        );
        // Opened again: the page shows what was saved; removing one and saving writes it.
        ui.cmd(&[Command::EditTask, Command::PageDown]);
        let e = ui.state.editor.as_ref().unwrap();
        assert_eq!(e.project.owner.text(), "青川新材料有限公司");
        assert_eq!(e.project.total.text(), "12000");
        assert_eq!(e.project.milestones.len(), 3);
        assert!(!e.is_changed());
        ui.focus_milestones();
        ui.editor_key(Edit::Insert('x'));
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
        let ms = &ui.runner.db.milestones(Some(&[id]), None).unwrap()[&id];
        assert_eq!(ms.len(), 2);
    }
}

impl Ui<'_> {
    fn focus_milestones(&mut self) {
        while self.state.editor.as_ref().unwrap().focus != EditorField::Milestones {
            self.cmd(&[Command::NextField]);
        }
    }
}

#[test]
fn another_admins_milestones_are_not_saved_over_unseen() {
    let (dir, mut db) = demo();
    let id = task(&db, TASK);
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.select(id);
    ui.cmd(&[Command::EditTask, Command::PageDown]);
    ui.focus_milestones();
    ui.add_milestone("开工", "2026-03-01", "");
    // Another admin gives the task a milestone meanwhile.
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    let admin2 = duban::store::Clerk {
        username: "admin2".into(),
        display_name: None,
        department_id: None,
        role: ClerkRole::Admin,
    };
    other.add_clerk(&admin2, "sunhui", NOW).unwrap();
    let edit = MilestoneEdit {
        id: None,
        name: "竣工".into(),
        planned_on: day("2027-10-31"),
        share: None,
    };
    other.set_milestones(id, &[edit], "admin2", NOW).unwrap();
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Editor, "{}", ui.screen());
    let e = ui.state.editor.as_ref().unwrap();
    let (message, _) = e.message.clone().unwrap();
    assert!(message.contains("admin2 刚刚修改了这项任务"), "{message}");
    assert_eq!(
        other.milestones(Some(&[id]), None).unwrap()[&id].len(),
        1,
        "nothing of this editor was written"
    );
    // Told, Ctrl-S again saves this editor's list over theirs.
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    let ms = &other.milestones(Some(&[id]), None).unwrap()[&id];
    let names: Vec<&str> = ms.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["开工"]);
}

#[test]
fn a_clerk_enters_a_figure_and_a_falling_one_needs_a_reason() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut db) = demo();
        let id = task(&db, TASK);
        with_project(&mut db, id);
        let kjj = dept(&db, "区科技局");
        let s = as_clerk("liuyang", ClerkRole::Editor, Some(kjj), lang);
        let tag = if lang == Lang::Zh { "zh" } else { "en" };
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::Investment]);
        assert_eq!(ui.state.mode, Mode::Project, "{}", ui.notice());
        let Some(ProjectEntry::Investment(f)) = &ui.state.project_entry else {
            panic!("no investment form");
        };
        // The 23rd: this month.
        assert_eq!(f.month.text(), "2026-11");
        ui.type_form("700");
        ui.form_key(Edit::Newline);
        ui.type_form("设备款延后支付");
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Project);
        let error = ui.form_error();
        assert!(
            error.contains(if lang == Lang::Zh {
                "低于2026-10已报的800万元"
            } else {
                "below the 800 reported for 2026-10: say why"
            }),
            "{error}"
        );
        insta::assert_snapshot!(format!("investment_refused_80x24_{tag}"), ui.screen());
        assert_eq!(ui.runner.db.investment_history(id, None).unwrap().len(), 1);
        // The save went to the reason: typed there, it saves.
        ui.type_form("统计口径调整,扣除土地款");
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
        assert!(ui.notice().contains("2026-11"), "{}", ui.notice());
        let history = ui.runner.db.investment_history(id, None).unwrap();
        let last = history.last().unwrap();
        assert_eq!(
            (last.month.to_string(), last.amount, last.reason.as_str()),
            ("2026-11".into(), 700.0, "统计口径调整,扣除土地款")
        );
        assert_eq!(last.note, "设备款延后支付");
        assert_eq!(last.by, "liuyang");
    }
}

#[test]
fn a_clerk_marks_a_milestone_reached_and_takes_a_wrong_mark_back() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut db) = demo();
        let id = task(&db, TASK);
        with_project(&mut db, id);
        let kjj = dept(&db, "区科技局");
        let s = as_clerk("liuyang", ClerkRole::Editor, Some(kjj), lang);
        let tag = if lang == Lang::Zh { "zh" } else { "en" };
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::Milestone]);
        assert_eq!(ui.state.mode, Mode::Project, "{}", ui.notice());
        // On the first not reached (主体结顶, late), the date today.
        insta::assert_snapshot!(format!("milestone_form_80x24_{tag}"), ui.screen());
        ui.cmd(&[Command::NextField]);
        ui.cmd(&[Command::NextField]);
        ui.type_form("主体结构封顶验收");
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
        let rows = ui.runner.db.milestone_rows(id).unwrap();
        assert_eq!(rows[1].milestone.reached_on, Some(day("2026-11-23")));
        // The first was marked by mistake: taking it back needs the reason.
        ui.cmd(&[Command::Milestone]);
        let Some(ProjectEntry::Milestone(f)) = &ui.state.project_entry else {
            panic!("no milestone form");
        };
        assert_eq!(f.selected, 2, "the next not reached");
        ui.form_key(Edit::Up);
        ui.form_key(Edit::Up);
        ui.cmd(&[Command::Save]);
        assert!(
            ui.form_error().contains(if lang == Lang::Zh {
                "须写明原因"
            } else {
                "needs the reason"
            }),
            "{}",
            ui.form_error()
        );
        ui.type_form("误标:尚未开工");
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
        let rows = ui.runner.db.milestone_rows(id).unwrap();
        assert_eq!(rows[0].milestone.reached_on, None);
        // A date after today is refused before the store is asked.
        ui.cmd(&[Command::Milestone]);
        ui.cmd(&[Command::NextField]);
        ui.form_key(Edit::ClearToStart);
        ui.type_form("2026-12-01");
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Project);
        assert!(!ui.form_error().is_empty());
    }
}

#[test]
fn a_stale_write_is_refused_and_keeps_what_was_typed() {
    let (dir, mut db) = demo();
    let id = task(&db, TASK);
    with_project(&mut db, id);
    let kjj = dept(&db, "区科技局");
    let s = as_clerk("liuyang", ClerkRole::Editor, Some(kjj), Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.select(id);
    ui.cmd(&[Command::Investment]);
    ui.type_form("900");
    ui.form_key(Edit::Newline);
    ui.type_form("完成设备采购");
    // Another clerk of the unit enters November first.
    let mut other = Db::open(&dir.path().join("demo.db")).unwrap();
    let last = other.projects(Some(&[id]), None).unwrap()[&id].last_figure;
    let note = |_: f64, _: f64| String::new();
    other
        .report_investment(&InvestmentReport {
            task_id: id,
            department_id: kjj,
            month: Month::parse("2026-11").unwrap(),
            amount: 950.0,
            note: "",
            reason: "",
            expected_last: last,
            by: "sunhui",
            at: NOW,
            today: day("2026-11-23"),
            progress_note: &note,
        })
        .unwrap();
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Project);
    assert!(
        ui.form_error().contains("别人刚刚更新了这一项"),
        "{}",
        ui.form_error()
    );
    let Some(ProjectEntry::Investment(f)) = &ui.state.project_entry else {
        panic!("no investment form");
    };
    assert_eq!(f.amount.text(), "900");
    assert_eq!(f.note.text(), "完成设备采购");
    let screen = ui.screen();
    assert!(screen.contains("2026-11 950(sunhui"), "{screen}");
    insta::assert_snapshot!("investment_stale_80x24_zh", screen);
    // Seen: the next save goes on top of theirs.
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    let history = other.investment_history(id, None).unwrap();
    assert_eq!(history.last().unwrap().amount, 900.0);

    // The same for a milestone marked meanwhile.
    ui.cmd(&[Command::Milestone]);
    ui.cmd(&[Command::NextField, Command::NextField]);
    ui.type_form("已封顶");
    let row = other.milestone_rows(id).unwrap()[1].clone();
    let pn = |_: &str, _: usize, _: usize| String::new();
    other
        .reach_milestone(&duban::store::MilestoneReach {
            task_id: id,
            milestone_id: row.milestone.id,
            department_id: kjj,
            reached_on: Some(day("2026-10-08")),
            note: "",
            expected_last: row.last_reached,
            by: "sunhui",
            at: NOW,
            today: day("2026-11-23"),
            progress_note: &pn,
        })
        .unwrap();
    ui.cmd(&[Command::Save]);
    assert!(
        ui.form_error().contains("别人刚刚更新了这一项"),
        "{}",
        ui.form_error()
    );
    let Some(ProjectEntry::Milestone(f)) = &ui.state.project_entry else {
        panic!("no milestone form");
    };
    assert_eq!(f.note.text(), "已封顶");
    assert_eq!(f.selected, 1, "still on the milestone chosen");
    assert!(f.taking_back(), "now reached: a save would take it back");
}

#[test]
fn viewers_other_units_and_tasks_without_a_project_are_told_before_typing() {
    let (_dir, mut db) = demo();
    let id = task(&db, TASK);
    with_project(&mut db, id);
    let plain = task(&db, "推进规上企业数字化诊断全覆盖");
    let fgj = dept(&db, "区发改局");
    {
        let viewer = as_clerk("zhouming", ClerkRole::Viewer, None, Lang::Zh);
        let mut ui = Ui::new(&mut db, &viewer, 80, 24);
        ui.select(id);
        for cmd in [Command::Investment, Command::Milestone] {
            ui.cmd(&[cmd]);
            assert_eq!(ui.state.mode, Mode::Normal);
            assert!(ui.notice().contains("查看人员"), "{}", ui.notice());
        }
    }
    {
        let other = as_clerk("wangfang", ClerkRole::Editor, Some(fgj), Lang::En);
        let mut ui = Ui::new(&mut db, &other, 80, 24);
        ui.select(id);
        ui.cmd(&[Command::Investment]);
        assert_eq!(ui.state.mode, Mode::Normal);
        assert!(
            ui.notice().contains("only on their own department"),
            "{}",
            ui.notice()
        );
    }
    let admin = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &admin, 80, 24);
    ui.select(plain);
    ui.cmd(&[Command::Investment]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.notice().contains("不是重点项目"), "{}", ui.notice());
    ui.cmd(&[Command::Milestone]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.notice().contains("还没有节点"), "{}", ui.notice());
    // From the detail too, and Esc with nothing typed closes back to it.
    ui.select(id);
    ui.cmd(&[Command::Open, Command::Investment]);
    assert_eq!(ui.state.mode, Mode::Project);
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Detail);
    // Typed: Esc asks first.
    ui.cmd(&[Command::Investment]);
    ui.type_form("1");
    ui.cmd(&[Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Ask);
    ui.cmd(&[Command::No]);
    assert_eq!(ui.state.mode, Mode::Project);
    ui.cmd(&[Command::Cancel, Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Detail);
}

#[test]
fn a_new_task_is_a_key_project_with_milestones_from_its_first_save() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NewTask]);
    ui.type_editor("99");
    ui.cmd(&[Command::NextField]);
    ui.type_editor("建设智能装备产业园");
    ui.cmd(&[Command::PageDown]);
    ui.type_editor("青川智能装备产业园开发有限公司");
    ui.cmd(&[Command::NextField]);
    ui.type_editor("58000");
    ui.focus_milestones();
    ui.add_milestone("开工", "2026-03-15", "");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    let id = ui
        .runner
        .db
        .find_tasks_by_number("99")
        .unwrap()
        .pop()
        .unwrap()
        .id;
    let info = &ui.runner.db.projects(Some(&[id]), None).unwrap()[&id];
    assert_eq!(info.project.total, Some(58000.0));
    assert_eq!(info.planned(2026), None, "no plan typed");
    let ms = &ui.runner.db.milestones(Some(&[id]), None).unwrap()[&id];
    assert_eq!(ms[0].name, "开工");
    // A bad amount keeps the editor open on its field, with the reason.
    ui.select(id);
    ui.cmd(&[Command::EditTask, Command::PageDown, Command::NextField]);
    assert_eq!(
        ui.state.editor.as_ref().unwrap().project.total.text(),
        "58000"
    );
    ui.editor_key(Edit::ClearToStart);
    ui.type_editor("五万八");
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Editor);
    let e = ui.state.editor.as_ref().unwrap();
    assert_eq!(e.focus, EditorField::Total);
    assert!(
        e.message.as_ref().unwrap().0.contains("不是金额"),
        "{:?}",
        e.message
    );
}
