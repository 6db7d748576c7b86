//! Views 5 (the circular's ranking, with a department's score breakdown) and 6 (indicators), and
//! the department list's mark for reports not yet made this period, at 80x24 with Chinese names.

#[path = "support/ui.rs"]
mod support;

use duban::domain::{ClerkRole, LightPreset};
use duban::i18n::Lang;
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::state::{Mode, View};
use support::{Ui, demo, session};

#[test]
fn report_view_ranks_and_explains_a_score() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report)]);
    let screen = ui.screen();
    assert!(screen.contains("排名 变化 单位"), "{screen}");
    // The previous quarter, then the breakdown of its second department.
    ui.cmd(&[Command::PrevPeriod, Command::Down, Command::Open]);
    insta::assert_snapshot!("report_breakdown_80x24_zh", ui.screen());
    let screen = ui.screen();
    assert!(screen.contains("得分明细"), "{screen}");
    assert!(screen.contains("合计"), "{screen}");
    ui.cmd(&[Command::Close]);
    assert!(!ui.screen().contains("── 得分明细"));
}

#[test]
fn indicators_view_80x24() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    insta::assert_snapshot!("indicators_80x24_zh", ui.screen());
}

#[test]
fn departments_show_who_has_not_reported_this_period() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let ui = Ui::new(&mut db, &s, 80, 24);
    let screen = ui.screen();
    assert!(screen.contains("○"), "{screen}");
}

#[test]
fn an_admin_changes_settings_on_the_settings_screen() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report), Command::Settings]);
    insta::assert_snapshot!("settings_80x24_zh", ui.screen());
    // cycle.due_day is the second row: a bad value stays in the line with the reason.
    ui.cmd(&[Command::Down, Command::Open]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    ui.send([Action::EditorEdit(Edit::ClearToStart)]);
    ui.send("40".chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    assert!(ui.screen().contains("1..31"), "{}", ui.screen());
    ui.send([Action::EditorEdit(Edit::ClearToStart)]);
    ui.send("20".chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.runner.db.cycle_settings().unwrap().due_day, 20);
    assert!(
        ui.screen().contains("每期报送截止日    20"),
        "{}",
        ui.screen()
    );
    // p switches the light preset; the runner's thresholds follow.
    ui.cmd(&[Command::LightPreset]);
    assert_eq!(
        LightPreset::of(&ui.runner.db.thresholds().unwrap()),
        Some(LightPreset::Strict)
    );
    assert_eq!(ui.runner.thresholds, LightPreset::Strict.thresholds());
    assert_eq!(ui.state.thresholds, LightPreset::Strict.thresholds());
    ui.cmd(&[Command::Close]);
    assert!(ui.screen().contains("排名 变化 单位"));
}

/// Weights that would not total 100 are refused in the line, which names the total and each
/// weight; three numbers set all three at once.
#[test]
fn score_weights_must_total_100() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report), Command::Settings]);
    // score.weight.completion is the eighth row.
    ui.cmd(&[Command::Down; 7]);
    ui.cmd(&[Command::Open]);
    ui.send([Action::EditorEdit(Edit::ClearToStart)]);
    ui.send("60".chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    let why = ui
        .state
        .prompt
        .as_ref()
        .and_then(|p| p.error.clone())
        .unwrap();
    assert!(
        why.contains("权重合计须为 100,改后为 110(完成率 60+序时进度 30+按时报送 20)"),
        "{why}"
    );
    assert_eq!(ui.runner.db.score_rule().unwrap().weights[0].1, 50.0);
    ui.send([Action::EditorEdit(Edit::ClearToStart)]);
    ui.send(
        "60 20 20"
            .chars()
            .map(|c| Action::EditorEdit(Edit::Insert(c))),
    );
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Normal);
    let weights: Vec<f64> = ui
        .runner
        .db
        .score_rule()
        .unwrap()
        .weights
        .iter()
        .map(|w| w.1)
        .collect();
    assert_eq!(weights, [60.0, 20.0, 20.0]);
}

/// Enumerated values read in the UI's language, the prompt names the setting rather than its key,
/// and the shown words are taken as typed (trial: monthly, yellow, minmax in the Chinese UI, and
/// "score.weight.completion 的新值").
#[test]
fn settings_speak_the_ui_language() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report), Command::Settings]);
    let screen = ui.screen();
    for token in ["monthly", "yellow", "minmax"] {
        let row = screen.lines().find(|l| l.contains(token));
        assert!(
            row.is_none_or(|l| !l.contains(&format!(" {token} "))),
            "{screen}"
        );
    }
    assert!(screen.contains("报送周期          每月"), "{screen}");
    // cycle.kind is the first row; its prompt is in words and takes 每季度.
    ui.cmd(&[Command::Open]);
    let label = ui.screen().lines().nth(22).unwrap().to_string();
    assert!(label.starts_with("报送周期的新值(每月/每季度)"), "{label}");
    ui.send([Action::EditorEdit(Edit::ClearToStart)]);
    ui.send(
        "每季度"
            .chars()
            .map(|c| Action::EditorEdit(Edit::Insert(c))),
    );
    ui.cmd(&[Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Normal, "{}", ui.screen());
    assert_eq!(
        ui.runner.db.cycle_settings().unwrap().kind,
        duban::domain::CycleKind::Quarterly
    );
    assert!(
        ui.screen().contains("报送周期          每季度"),
        "{}",
        ui.screen()
    );
    // A weight's prompt names it too.
    ui.cmd(&[Command::Down; 7]);
    ui.cmd(&[Command::Open]);
    let label = ui.screen().lines().nth(22).unwrap().to_string();
    assert!(
        label.starts_with("权重:完成率的新值(三项合计 100;可输三个数,如 50 30 20):"),
        "{label}"
    );
    assert!(!label.contains("score.weight"), "{label}");
}

/// In English the values are words too, and the default mark is whole (it was cut to "(defa…").
#[test]
fn english_settings_show_whole_default_marks() {
    let (_dir, mut db) = demo();
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report), Command::Settings]);
    let screen = ui.screen();
    let row = screen.lines().find(|l| l.contains("cycle.kind")).unwrap();
    assert!(
        row.contains("monthly") && row.contains("(default)"),
        "{screen}"
    );
    assert!(screen.contains("Score preset: min-max"), "{screen}");
}

#[test]
fn others_may_look_at_settings_but_not_change_them() {
    let (_dir, mut db) = demo();
    let mut s = session(Lang::Zh);
    s.role = Some(ClerkRole::Viewer);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[
        Command::View(View::Report),
        Command::Settings,
        Command::Open,
    ]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(
        ui.screen().contains("只有管理员可以修改设置"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::LightPreset]);
    assert_eq!(
        LightPreset::of(&ui.runner.db.thresholds().unwrap()),
        Some(LightPreset::Default)
    );
}

/// The footer row of a screen.
fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

#[test]
fn the_settings_screen_footer_lists_its_own_keys() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report)]);
    let ranking = ui.screen();
    assert!(
        footer(&ranking).starts_with("Enter 得分明细  [ ] 上/下一季度  o 设置"),
        "{ranking}"
    );
    ui.cmd(&[Command::Settings]);
    let screen = ui.screen();
    assert!(
        footer(&screen).starts_with("Enter 修改  p 红黄灯预设  o/Esc 返回"),
        "{screen}"
    );
    assert!(!screen.contains("得分明细"), "{screen}");
    assert!(!screen.contains("上/下一季度"), "{screen}");
    // `[` means nothing here and changes nothing.
    ui.cmd(&[Command::PrevPeriod]);
    assert_eq!(ui.screen(), screen);
}

#[test]
fn a_viewer_sees_the_settings_as_read_only() {
    let (_dir, mut db) = demo();
    let mut s = session(Lang::Zh);
    s.role = Some(ClerkRole::Viewer);
    s.user = "zhouming".into();
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Report), Command::Settings]);
    let screen = ui.screen();
    assert!(screen.contains("只读:只有管理员可以修改"), "{screen}");
    assert!(footer(&screen).starts_with("o/Esc 返回"), "{screen}");
}

#[test]
fn help_lists_the_keys_of_views_5_and_6() {
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 40);
    ui.cmd(&[Command::View(View::Report), Command::Help]);
    let help = ui.screen();
    for want in [
        "展开/收起所选单位的得分明细",
        "上一季度 / 下一季度",
        "设置 (o)",
        "修改所选设置",
        "红黄灯预设在默认与从严之间切换",
        "返回通报排名",
    ] {
        assert!(help.contains(want), "{want} in\n{help}");
    }
    // Keys of the task views do nothing here, and are not listed.
    for absent in ["填报进展", "关闭详情", "修改所选任务", "筛选"] {
        assert!(!help.contains(absent), "{absent} in\n{help}");
    }
    ui.cmd(&[
        Command::Close,
        Command::View(View::Indicators),
        Command::Help,
    ]);
    let help = ui.screen();
    for want in [
        "填报所选指标某一期的实际值",
        "上一年 / 下一年",
        "填报指标 (e/Enter)",
        "在期间和数值两栏之间切换",
        "2026年第四季度",
    ] {
        assert!(help.contains(want), "{want} in\n{help}");
    }
    assert!(!help.contains("得分明细"), "{help}");
    insta::assert_snapshot!("help_indicators_80x40_zh", help);
}

#[test]
fn the_unreported_legend_fits_80_columns() {
    let (_dir, mut db) = demo();
    for (lang, legend) in [(Lang::Zh, "○本期未报"), (Lang::En, "○ unreported")] {
        let s = session(lang);
        let ui = Ui::new(&mut db, &s, 80, 24);
        let screen = ui.screen();
        let title = screen.lines().nth(2).unwrap();
        assert!(title.contains(legend), "{title}");
        assert!(!title.contains('…'), "{title}");
    }
}

/// A file with a two-task plan, no reports and no indicators, as a new office starts.
fn small_plan() -> (tempfile::TempDir, duban::store::Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = duban::store::Db::create(&dir.path().join("new.db")).unwrap();
    db.add_first_admin("sunhui").unwrap();
    let text = "2026年工作要点\n一、重点任务\n1.推进数字化诊断。(责任单位:区经信局)\n2.建设平台。(责任单位:区发改局)\n";
    let opts = duban::import::Options {
        fallback_title: "t".into(),
        fallback_year: 2026,
    };
    let (draft, _) = duban::import::read_plan(text.as_bytes(), &opts).unwrap();
    db.save_draft(
        &draft,
        duban::import::units::match_existing,
        "sunhui",
        support::NOW,
    )
    .unwrap();
    (dir, db)
}

/// Issue 21 item 12: a metric on which every department is equal (a new plan: nobody has
/// reported yet) says in the breakdown why each department gets its full weight.
#[test]
fn a_metric_all_departments_share_says_why_it_gives_full_weight() {
    let (_dir, mut db) = small_plan();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 120, 40);
    ui.cmd(&[Command::View(View::Report), Command::Open]);
    assert!(
        ui.screen().contains("该项无先后,均得满分"),
        "{}",
        ui.screen()
    );
}

/// Issue 21 item 11: view 6 of a file without indicators says so, not "no tasks".
#[test]
fn view_6_without_indicators_says_so() {
    let (_dir, mut db) = small_plan();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    let screen = ui.screen();
    assert!(screen.contains("(没有指标"), "{screen}");
    assert!(!screen.contains("没有任务"), "{screen}");
}

/// Moving in view 6 of a file without indicators does nothing; it panicked (an empty list's
/// first line was looked at) and took the clerk's session down.
#[test]
fn moving_in_an_empty_view_6_does_not_panic() {
    let (_dir, mut db) = small_plan();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::View(View::Indicators)]);
    for cmd in [
        Command::Down,
        Command::Up,
        Command::PageDown,
        Command::PageUp,
        Command::First,
        Command::Last,
    ] {
        ui.cmd(&[cmd]);
    }
    assert!(ui.screen().contains("(没有指标"), "{}", ui.screen());
}
