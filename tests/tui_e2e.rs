//! The real binary in a pseudo-terminal, read back through a terminal emulator (vt100): what a
//! clerk on an SSH session would see and do.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use duban::domain::Percent;
use duban::store::{Db, ProgressReport};
use pty::{Tui, WAIT, demo_db};

/// The instant the binary's clock stands at (`DUBAN_TODAY` with TZ=UTC), for a write made "at the
/// same time" from this process: equal instants are ordered by the journal's row id.
fn pinned_now() -> chrono::DateTime<Utc> {
    cli::pinned_now()
}

#[test]
fn shows_departments_moves_filters_in_chinese_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    assert!(tui.parser.screen().alternate_screen());
    let screen = tui.screen();
    assert!(screen.contains("单位  19 项"), "{screen}");
    assert!(screen.contains("区经信局"), "{screen}");
    // The department list is the focused pane: Tab, then j moves within the tasks.
    let first = tui.selected_row(0).expect("a selected department");
    tui.keys("j");
    tui.wait_for("the selection to move", |s| {
        s.cell(4, 0).is_some_and(|c| c.inverse())
    });
    let second = tui.selected_row(0).unwrap();
    assert_ne!(first, second);
    // Filter with Chinese text: only streets remain.
    tui.keys("/街道");
    tui.wait_text("筛选: 街道");
    tui.wait_for("the list to narrow", |s| {
        s.contents().contains("5/19 项") || s.contents().contains("/19 项")
    });
    let screen = tui.screen();
    for line in screen.lines().skip(3).take(5) {
        let name = line.split_whitespace().next().unwrap_or("");
        if !name.is_empty() && !name.starts_with("筛选") {
            assert!(name.ends_with("街道"), "{name} in\n{screen}");
        }
    }
    tui.keys("\x1b");
    tui.wait_text("单位  19 项");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(
        !tui.parser.screen().alternate_screen(),
        "left the alternate screen"
    );
}

#[test]
fn views_switch_with_1_2_3_and_help_opens_on_question_mark() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 120, 40);
    tui.wait_ready();
    tui.keys("2");
    tui.wait_text("任务  34 项");
    tui.keys("3");
    tui.wait_text("已逾期");
    tui.keys("?");
    tui.wait_text("关闭帮助");
    // Esc and 1 arriving together (a fast typist over SSH) read as Alt-1 to a terminal
    // library: duban takes them as the two keys.
    tui.keys("\x1b1");
    tui.wait_text("单位  19 项");
    tui.keys("\x03");
    assert_eq!(tui.wait_exit(), 0);
    assert!(!tui.parser.screen().alternate_screen());
}

#[test]
fn a_second_process_writing_progress_updates_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    let mut tui = Tui::start(&path, 80, 24);
    tui.wait_ready();
    // Write as another clerk would, from this (another) process.
    let mut db = Db::open(&path).unwrap();
    let dept = db
        .departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "区经信局")
        .unwrap();
    let task = db
        .tasks(duban::store::Scope {
            department: Some(dept.id),
            as_of: None,
            plan: None,
        })
        .unwrap()
        .into_iter()
        .find(|t| t.number == "21")
        .unwrap();
    let current = db.assignment(task.id, dept.id).unwrap().unwrap();
    assert_eq!(current.percent.value(), 0);
    db.report_progress(&ProgressReport {
        task_id: task.id,
        department_id: dept.id,
        percent: Percent::new(37).unwrap(),
        note: "进展情况:已完成评价方案初稿。".into(),
        by: "zhangli".into(),
        at: pinned_now(),
        expected_version: current.version,
    })
    .unwrap();
    tui.wait_text("zhangli");
    tui.wait_text("37%");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        let mut tui = Tui::start(&db, 80, 24);
        tui.wait_ready();
        assert!(tui.parser.screen().alternate_screen());
        let pid = tui.child.process_id().unwrap() as i32;
        // SAFETY: sending a signal to the child we started.
        unsafe {
            libc::kill(pid, signal);
        }
        tui.wait_exit();
        assert!(
            !tui.parser.screen().alternate_screen(),
            "signal {signal}: still on the alternate screen"
        );
    }
}

#[test]
fn a_missing_database_is_reported_before_the_screen_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&dir.path().join("nope.db"), 80, 24);
    let code = tui.wait_exit();
    assert_eq!(code, 2);
    assert!(!tui.parser.screen().alternate_screen());
    let screen = tui.screen();
    assert!(screen.contains("nope.db"), "{screen}");
}

#[test]
fn a_dropped_connection_ends_the_process() {
    // An SSH hang-up closes the terminal under the program: it must exit, not spin.
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    tui.hang_up();
    let end = Instant::now() + WAIT;
    loop {
        if tui.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            Instant::now() < end,
            "still running after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn pasted_text_goes_into_the_filter_not_into_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    tui.keys("/");
    tui.wait_text("筛选:");
    // A title copied from a document, with a line break and a `q` in it.
    tui.keys("\x1b[200~街道\nq\x1b[201~");
    tui.wait_text("筛选: 街道 q");
    assert!(
        tui.child.try_wait().unwrap().is_none(),
        "the paste quit the program"
    );
    tui.keys("\x1b");
    tui.wait_text("单位  19 项");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// The journal rows written by the OS user running the test, oldest first.
fn my_reports(path: &Path) -> Vec<(i64, u8, String)> {
    let db = Db::open(path).unwrap();
    let me = duban::identity::os_login();
    let mut out = Vec::new();
    for task in db.tasks(duban::store::Scope::default()).unwrap() {
        for unit in &task.units {
            for e in db.history(task.id, unit.department_id).unwrap() {
                if e.reported_by == me {
                    out.push((e.id, e.percent.value(), e.note));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_clerk_enters_three_reports_in_a_row_with_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    // To the department's task list, then: e, percent, Tab, note, Ctrl-S — three times. (No
    // figure lower than the current one: that is asked first.)
    tui.keys("\t");
    for (i, percent) in ["100", "100%", "+0"].iter().enumerate() {
        tui.keys("e");
        tui.wait_text("填报进展");
        tui.keys(percent);
        tui.keys("\t");
        tui.keys(&format!("第{}项:已完成阶段性工作", i + 1));
        tui.keys("\x13");
        tui.wait_text("已保存");
    }
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let reports = my_reports(&db);
    assert_eq!(reports.len(), 3, "{reports:?}");
    assert_eq!(reports[0].1, 100);
    assert_eq!(reports[1].1, 100);
    assert_eq!(reports[0].2, "进展情况:第1项:已完成阶段性工作");
    assert_eq!(reports[2].2, "进展情况:第3项:已完成阶段性工作");
}

#[test]
fn two_clerks_save_the_same_task_and_the_second_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut first = Tui::start(&db, 80, 24);
    let mut second = Tui::start(&db, 80, 24);
    first.wait_ready();
    second.wait_ready();
    for t in [&mut first, &mut second] {
        t.keys("e");
        t.wait_text("填报进展");
    }
    first.keys("95\t甲的进展");
    second.keys("88\t乙的进展\x13");
    second.wait_text("已保存");
    first.keys("\x13");
    first.wait_text("保存冲突");
    first.wait_text("乙的进展");
    // Keep mine: saved on top of theirs, nothing of theirs lost from the journal.
    first.keys("y");
    first.wait_text("已保存");
    let reports = my_reports(&db);
    let percents: Vec<u8> = reports.iter().map(|r| r.1).collect();
    assert_eq!(percents, vec![88, 95], "{reports:?}");
    assert_eq!(reports[1].2, "进展情况:甲的进展");
    for t in [&mut first, &mut second] {
        t.keys("q");
        assert_eq!(t.wait_exit(), 0);
    }
}

#[test]
fn a_form_open_when_the_connection_drops_comes_back_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for end in ["hang-up", "SIGTERM"] {
        let mut tui = Tui::start(&db, 80, 24);
        tui.wait_ready();
        tui.keys("e");
        tui.wait_text("填报进展");
        tui.keys(&format!("66\t{end}时正在填写的说明"));
        tui.wait_text("正在填写的说明");
        match end {
            "hang-up" => tui.hang_up(),
            _ => {
                let pid = tui.child.process_id().unwrap() as i32;
                // SAFETY: sending a signal to the child we started.
                unsafe {
                    libc::kill(pid, libc::SIGTERM);
                }
            }
        }
        let started = Instant::now();
        while tui.child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < WAIT, "{end}: still running");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(my_reports(&db).is_empty(), "nothing was saved");

        // The next session: `e` on the same task offers the text back.
        let mut tui = Tui::start(&db, 80, 24);
        tui.wait_ready();
        tui.keys("e");
        tui.wait_text(&format!("{end}时正在填写的说明"));
        assert!(tui.screen().contains("66"), "{}", tui.screen());
        // Thrown away on purpose, it is gone for good.
        tui.keys("\x1b");
        tui.wait_text("放弃");
        tui.keys("y");
        tui.keys("q");
        assert_eq!(tui.wait_exit(), 0);
        let stored = Db::open(&db)
            .unwrap()
            .drafts(&duban::identity::os_login())
            .unwrap();
        assert!(stored.is_empty(), "{end}: {stored:?}");
    }
}

#[test]
fn a_crash_restores_the_terminal_and_says_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // Debug builds panic on this key (tests run the debug binary).
    // A tall terminal, so that the whole crash report stays on screen.
    let mut tui = Tui::start_with(&db, 100, 120, &[("DUBAN_DEBUG_PANIC_KEY", "Z")]);
    tui.wait_ready();
    assert!(tui.parser.screen().alternate_screen());
    tui.keys("Z");
    let code = tui.wait_exit();
    assert_ne!(code, 0);
    assert!(
        !tui.parser.screen().alternate_screen(),
        "still on the alternate screen after the panic"
    );
    assert!(
        tui.screen().contains("DUBAN_DEBUG_PANIC_KEY"),
        "the report is readable: {}",
        tui.screen()
    );
}

/// The text between `[` and `]` on the first row that contains `label` (a field of a form).
fn field_on_screen(screen: &str, label: &str) -> String {
    let row = screen
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label} in\n{screen}"));
    let open = row.find('[').expect("a field");
    let close = row[open..].find(']').expect("its end") + open;
    row[open + 1..close].trim().to_string()
}

#[test]
fn views_5_and_6_change_period_and_a_figure_is_entered_with_the_keyboard() {
    use chrono::Datelike;
    use duban::domain::{CycleKind, Period};
    use duban::i18n::{Lang, report::period};

    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    // The binary's today is the pinned one, as the demo's was.
    let today: chrono::NaiveDate = cli::TODAY.parse().unwrap();
    let quarter = CycleKind::Quarterly.period_of(today);
    tui.keys("5");
    tui.wait_text("排名 变化 单位");
    tui.wait_text(&period(Lang::Zh, quarter));
    tui.keys("[");
    tui.wait_text(&period(Lang::Zh, quarter.previous()));
    // The settings screen says its own keys, and Esc comes back to the ranking.
    tui.keys("o");
    tui.wait_text("Enter 修改  p 红黄灯预设  o/Esc 返回");
    tui.keys("\x1b");
    tui.wait_text("Enter 得分明细");

    tui.keys("6");
    let year = today.year();
    tui.wait_text(&format!("指标完成情况 {year}年"));
    tui.keys("]");
    tui.wait_text(&format!("指标完成情况 {}年", year + 1));
    tui.keys("[");
    tui.wait_text(&format!("指标完成情况 {year}年"));
    // 工业投资 is the third indicator.
    tui.keys("jj");
    tui.wait_for("工业投资 to be selected", |s| {
        let (rows, cols) = s.size();
        (3..rows).any(|r| {
            s.cell(r, 0).is_some_and(|c| c.inverse())
                && s.contents_between(r, 0, r, cols).starts_with("工业投资")
        })
    });
    tui.keys("\r");
    tui.wait_text("填报指标:工业投资(亿元)");
    let shown_period = field_on_screen(&tui.screen(), "期间  [");
    let p: Period = shown_period.parse().expect("the entry shows a period");
    // A bad figure is refused and stays in the field.
    tui.keys("abc\r");
    tui.wait_text("数值 \"abc\" 无法识别");
    assert_eq!(field_on_screen(&tui.screen(), "数值  ["), "abc");
    // Ctrl-U empties it; the figure, then Enter.
    tui.keys("\x1541.5\r");
    tui.wait_text("已填报 指标「工业投资」 区经信局");
    tui.wait_text(&format!("41.5({p})"));
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    // Journaled under the clerk's login, and the command line reads it back.
    let store = Db::open(&db).unwrap();
    let row = store
        .indicators(None)
        .unwrap()
        .into_iter()
        .find(|r| r.name == "工业投资")
        .unwrap();
    let mine: Vec<_> = row
        .actuals
        .iter()
        .filter(|a| a.reported_by == duban::identity::os_login() && a.value == 41.5)
        .collect();
    assert_eq!(mine.len(), 1, "{:?}", row.actuals);
    assert_eq!(mine[0].period, p.to_string());
    let out = cli::command()
        .args([
            "--db",
            db.to_str().unwrap(),
            "indicators",
            "--json",
            "--year",
        ])
        .arg(p.year().to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let line = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "工业投资")
        .unwrap();
    assert_eq!(line["latest"], 41.5);
    assert_eq!(line["latest_period"], p.to_string());
}

#[test]
fn the_office_marks_two_rows_and_enters_one_percent_for_both() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut tui = Tui::start(&db, 80, 24);
    tui.wait_ready();
    // To the department's tasks, Space twice (each marks and moves down), B for the form.
    tui.keys("\t  ");
    tui.wait_text("已标记 2 项");
    tui.keys("B");
    tui.wait_text("批量填报 2 项");
    tui.keys("66\t批量推进\x13");
    tui.wait_text("已批量报送 2 项");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let reports = my_reports(&db);
    assert_eq!(reports.len(), 2, "{reports:?}");
    for r in &reports {
        assert_eq!(
            (r.1, r.2.as_str()),
            (66, "进展情况:批量推进"),
            "{reports:?}"
        );
    }
    let out = cli::command()
        .args(["check", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}
