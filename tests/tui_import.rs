//! The import preview (`i`), in-process: a plan file read, shown, corrected from the keyboard
//! (leave a task out, rewrite its units, map a new name onto a department) and saved once; what
//! reaches the database, and what a non-admin and a bad file are told.

#[path = "support/ui.rs"]
mod support;

use duban::i18n::Lang;
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::import::PreviewPane;
use duban::tui::state::Mode;
use support::{Ui, demo, session};

const PLAN: &str = "\
青川区企业服务提升行动方案(2026-2027年)
一、重点任务
1.建设企业服务平台。2026年底前上线。(责任单位:*区经信委、区大数据中心)
2.开展政策直达行动。(责任单位:*区发改局、区财政局)
3.本方案自印发之日起施行。
4.培育专精特新企业。(责任单位:区经信委、区科技局)
";

impl Ui<'_> {
    fn prompt(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::EditorEdit(Edit::Insert(c))));
        self.cmd(&[Command::Yes]);
    }

    fn clear_prompt(&mut self) {
        self.send([Action::EditorEdit(Edit::ClearToStart)]);
    }
}

fn plan_file(dir: &std::path::Path) -> String {
    let path = dir.join("plan.txt");
    std::fs::write(&path, PLAN).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn an_admin_previews_corrects_and_imports_a_plan_in_one_go() {
    let (dir, mut db) = demo();
    let file = plan_file(dir.path());
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let tasks_before = ui.runner.db.task_count().unwrap();

    // A wrong path is said under the prompt, which keeps the text to fix.
    ui.cmd(&[Command::Import]);
    assert_eq!(ui.state.mode, Mode::Prompt);
    ui.prompt("/nonexistent/plan.txt");
    assert_eq!(ui.state.mode, Mode::Prompt);
    assert!(ui.screen().contains("文件不存在"), "{}", ui.screen());
    ui.clear_prompt();
    ui.prompt(&file);
    assert_eq!(ui.state.mode, Mode::Import);
    insta::assert_snapshot!("import_preview_80x24_zh", ui.screen());

    // The third "task" is the plan's closing line: leave it out.
    ui.cmd(&[Command::Down, Command::Down, Command::DropTask]);
    assert!(ui.screen().contains("不导入 1"), "{}", ui.screen());
    // Task 4 has no star: the first named leads; make 区科技局 lead instead.
    ui.cmd(&[Command::EditUnits]);
    ui.clear_prompt();
    ui.prompt("区经信委、*区科技局");
    assert_eq!(ui.state.mode, Mode::Import);
    // 区经信委 is 区经信局 written another way: map it in the units list.
    ui.cmd(&[Command::NextPane]);
    let p = ui.state.import.as_ref().unwrap();
    assert_eq!(p.pane, PreviewPane::Units);
    assert_eq!(p.units.new[0].name, "区经信委");
    ui.cmd(&[Command::MapUnit]);
    ui.clear_prompt();
    ui.prompt("没有这个局");
    assert_eq!(ui.state.mode, Mode::Prompt, "an unknown unit is refused");
    assert!(ui.screen().contains("既不是已有单位"), "{}", ui.screen());
    ui.clear_prompt();
    ui.prompt("经信局");
    assert_eq!(ui.state.mode, Mode::Import);
    assert!(ui.state.import.as_ref().unwrap().units.new.is_empty());

    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.state.import.is_none());
    let notice = ui.state.notice.as_ref().unwrap();
    assert!(notice.text.contains("任务 3 项"), "{}", notice.text);
    assert!(
        ui.state.plan_title.contains("企业服务提升"),
        "titles read again"
    );

    let db = &ui.runner.db;
    assert_eq!(db.task_count().unwrap(), tasks_before + 3);
    let alias = db
        .department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.aliases.iter().any(|a| a == "区经信委"))
        .expect("the mapped name is an alias");
    assert_eq!(alias.name, "区经信局");
    assert!(
        db.department_names()
            .unwrap()
            .iter()
            .all(|d| d.name != "区经信委"),
        "no department made of the close name"
    );
}

#[test]
fn leaving_a_changed_preview_asks_and_saves_nothing() {
    let (dir, mut db) = demo();
    let file = plan_file(dir.path());
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let before = ui.runner.db.task_count().unwrap();
    ui.cmd(&[Command::Import]);
    ui.prompt(&file);
    ui.cmd(&[Command::DropTask, Command::Cancel]);
    assert_eq!(ui.state.mode, Mode::Ask);
    assert!(
        ui.screen().contains("Abandon this import?"),
        "{}",
        ui.screen()
    );
    ui.cmd(&[Command::No]);
    assert_eq!(ui.state.mode, Mode::Import, "no goes back to the preview");
    ui.cmd(&[Command::Cancel, Command::Yes]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.state.import.is_none());
    assert_eq!(ui.runner.db.task_count().unwrap(), before);
}

#[test]
fn a_non_admin_is_told_why_and_a_bad_file_says_what_is_wrong() {
    let (dir, mut db) = demo();
    let mut s = session(Lang::Zh);
    s.user = "zhangli".into();
    s.role = Some(duban::domain::ClerkRole::Editor);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::Import]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert!(ui.state.notice.as_ref().unwrap().alert);
    drop(ui);

    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    let binary = dir.path().join("x.bin");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    ui.cmd(&[Command::Import]);
    ui.prompt(binary.to_str().unwrap());
    assert_eq!(ui.state.mode, Mode::Prompt);
    assert!(ui.screen().contains("不是文本文件"), "{}", ui.screen());
    // Every task left out: nothing to save, said so, the preview stays.
    ui.clear_prompt();
    ui.prompt(&plan_file(dir.path()));
    for _ in 0..4 {
        ui.cmd(&[Command::DropTask]);
    }
    let before = ui.runner.db.task_count().unwrap();
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Import);
    assert_eq!(ui.runner.db.task_count().unwrap(), before);
}

/// Issue 21 item 11: "编号条目没有责任单位" is the parser's doubt about the draft it read; once
/// `u` gave the item units, the preview (its counts and the item's detail) and the saved
/// message no longer say so.
#[test]
fn units_given_with_u_end_the_no_units_doubt() {
    let (dir, mut db) = demo();
    let file = plan_file(dir.path());
    for lang in [Lang::Zh, Lang::En] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.cmd(&[Command::Import]);
        ui.prompt(&file);
        let doubt = duban::i18n::doubt(lang, duban::import::DoubtKind::NoUnits);
        let (one, none) = match lang {
            Lang::Zh => ("存疑 1", "存疑 0"),
            Lang::En => ("1 to check", "0 to check"),
        };
        ui.cmd(&[Command::Down, Command::Down]);
        let screen = ui.screen();
        assert!(screen.contains(doubt), "{screen}");
        assert!(screen.contains(one), "{screen}");
        ui.cmd(&[Command::EditUnits]);
        ui.prompt("*区发改局");
        assert_eq!(ui.state.mode, Mode::Import);
        let screen = ui.screen();
        assert!(!screen.contains(doubt), "{screen}");
        assert!(screen.contains(none), "{screen}");
        // Without units again, the doubt holds again.
        ui.cmd(&[Command::EditUnits]);
        ui.clear_prompt();
        ui.prompt("");
        assert!(ui.screen().contains(doubt), "{}", ui.screen());
        ui.cmd(&[Command::EditUnits]);
        ui.prompt("*区发改局");
        ui.cmd(&[Command::Save]);
        let notice = &ui.state.notice.as_ref().unwrap().text;
        let saved = match lang {
            Lang::Zh => "存疑 0 处",
            Lang::En => "0 lines to check",
        };
        assert!(notice.contains(saved), "{notice}");
    }
}

/// Issue 21 item 11: the import's success message (the plan's title, then its counts) is
/// longer than 80 columns; it takes two rows above the keys rather than lose its end.
#[test]
fn the_import_message_is_shown_whole_at_80_columns() {
    let (dir, mut db) = demo();
    let file = plan_file(dir.path());
    for lang in [Lang::Zh, Lang::En] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.cmd(&[Command::Import]);
        ui.prompt(&file);
        ui.cmd(&[Command::Save]);
        assert_eq!(ui.state.mode, Mode::Normal);
        let text = ui.state.notice.as_ref().unwrap().text.clone();
        assert!(
            unicode_width::UnicodeWidthStr::width(text.as_str()) > 80,
            "{text}"
        );
        let screen = ui.screen();
        let rows: Vec<&str> = screen.lines().collect();
        let shown: String = rows[22..24].concat();
        let squeeze = |s: &str| s.replace(' ', "");
        assert_eq!(squeeze(&shown), squeeze(&text), "\n{screen}");
        // The next key clears it, and the list's last row is back.
        ui.cmd(&[Command::Down]);
        let start: String = text.chars().take(5).collect();
        assert!(!ui.screen().contains(&start), "{}", ui.screen());
    }
}

/// An empty Enter in m's prompt says what it wants under the line, in the prompt still open, so
/// that the next keys are not typed into it unseen (trial: the prompt stayed without a word).
#[test]
fn an_empty_map_prompt_says_what_it_wants() {
    let (dir, mut db) = demo();
    let file = plan_file(dir.path());
    for (lang, want) in [
        (
            Lang::Zh,
            "请输入「区经信委」对应的已有单位名称;它若是新单位,按 Esc",
        ),
        (
            Lang::En,
            "type the existing department \"区经信委\" is, or Esc to keep it new",
        ),
    ] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, 80, 24);
        ui.cmd(&[Command::Import]);
        ui.prompt(&file);
        assert_eq!(ui.state.mode, Mode::Import);
        ui.cmd(&[Command::NextPane, Command::MapUnit]);
        ui.clear_prompt();
        ui.cmd(&[Command::Yes]);
        let screen = ui.screen();
        assert_eq!(ui.state.mode, Mode::Prompt);
        assert!(screen.contains(want), "{screen}");
    }
}

/// A plan with key projects: the detail under the list shows the selected project's owner,
/// total and yearly planned investment, and its milestones; the list keeps its height.
#[test]
fn the_preview_shows_a_key_projects_amounts_and_milestones() {
    let (_dir, mut db) = demo();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/key_projects.txt")
        .to_str()
        .unwrap()
        .to_string();
    for (lang, w, h, name) in [
        (Lang::Zh, 80, 24, "import_projects_80x24_zh"),
        (Lang::En, 120, 40, "import_projects_120x40_en"),
    ] {
        let s = session(lang);
        let mut ui = Ui::new(&mut db, &s, w, h);
        ui.cmd(&[Command::Import]);
        ui.prompt(&file);
        assert_eq!(ui.state.mode, Mode::Import);
        ui.cmd(&[Command::Down, Command::Down]);
        let screen = ui.screen();
        assert!(
            screen.contains("32000")
                && screen.contains("12000")
                && screen.contains("设备安装 2026-04-30"),
            "{screen}"
        );
        insta::assert_snapshot!(name, screen);
        ui.cmd(&[Command::Cancel]);
    }
}
