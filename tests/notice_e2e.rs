//! `duban notice` as a user runs it (issue 22): propose, issue with the proposal's defaults,
//! reply as the unit's editor, return and accept as the admin, list and show as of a day, the
//! status and tasks marks, and `print -o` refusing the database, an existing file without
//! --force, a FIFO and a device. Every refusal is one line, exit 2.

#[path = "support/cli.rs"]
mod cli;

mod common;

use common::at;
use duban::domain::ClerkRole;
use duban::identity::os_login;
use duban::store::{Clerk, Db};

/// The binary on `day` (its clock at 09:00 UTC then), in Chinese.
fn on(day: &str, args: &[&str]) -> std::process::Output {
    cli::command()
        .env("DUBAN_TODAY", day)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn notice(path: &std::path::Path, day: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["notice", "--db", cli::p(path)];
    all.extend_from_slice(args);
    on(day, &all)
}

/// Makes the login running the tests a clerk with `role` (of `dept`), at 08:00 UTC on `day`.
fn me(path: &std::path::Path, day: &str, role: ClerkRole, dept_name: Option<&str>) {
    let mut db = Db::open(path).unwrap();
    let department_id = dept_name.map(|n| {
        db.department_names()
            .unwrap()
            .into_iter()
            .find(|d| d.name == n)
            .unwrap()
            .id
    });
    let now = at(&format!("{day}T08:00:00"));
    if db.clerk(&os_login()).unwrap().is_some() {
        db.set_clerk_role(&os_login(), role, department_id, "bob", now)
            .unwrap();
    } else {
        let clerk = Clerk {
            username: os_login(),
            display_name: None,
            department_id,
            role,
        };
        db.add_clerk(&clerk, "bob", now).unwrap();
    }
}

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", cli::err(o));
    cli::out(o)
}

#[test]
fn propose_issue_reply_return_accept_and_read_it_back() {
    let f = common::fixture();
    let path = f.path.as_path();
    me(path, "2024-12-28", ClerkRole::Admin, None);
    // 2024-12-28: 区发改局 at 40% on task 2 due in 3 days: yellow (behind), never issued by itself.
    let text = ok(&notice(path, "2024-12-28", &["propose"]));
    assert!(text.contains("[Y 黄色督办]"), "{text}");
    assert!(text.contains("区发改局"), "{text}");
    let v: serde_json::Value =
        serde_json::from_str(&ok(&notice(path, "2024-12-28", &["propose", "--json"]))).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|p| p["task_id"] == 2 && p["level"] == "yellow"),
        "{v}"
    );
    let o = notice(path, "2024-12-28", &["list"]);
    assert_eq!(ok(&o).trim(), "没有督办单");

    // Level, reason and reply-by from the proposal and notice.reply_days (5).
    let o = notice(
        path,
        "2024-12-28",
        &["issue", "--task", "2", "--required", "报送整改方案"],
    );
    assert_eq!(
        ok(&o).trim(),
        "已签发 督办〔2024〕第1号(黄色督办),致区发改局,请于2025-01-02前反馈"
    );
    // Issued again while it is in time: refused, naming it.
    let o = notice(path, "2024-12-28", &["issue", "--task", "2"]);
    cli::assert_refused(&o, 2, "督办〔2024〕第1号");
    let shown = ok(&notice(path, "2024-12-28", &["show", "1"]));
    assert!(shown.contains("落后序时"), "{shown}");
    assert!(shown.contains("报送整改方案"), "{shown}");

    // The unit's editor replies (by the number as issued); another's may not.
    me(
        path,
        "2024-12-29",
        ClerkRole::Editor,
        Some("区经济和信息化局"),
    );
    let o = notice(
        path,
        "2024-12-29",
        &["reply", "--notice", "1", "--text", "已整改"],
    );
    cli::assert_refused(&o, 2, "本单位");
    me(path, "2024-12-29", ClerkRole::Editor, Some("区发改局"));
    let o = notice(
        path,
        "2024-12-29",
        &[
            "reply",
            "--notice",
            "督办〔2024〕第1号",
            "--text",
            "已召开专题会",
        ],
    );
    assert!(ok(&o).contains("已反馈"));
    let o = notice(path, "2024-12-29", &["accept", "--notice", "1"]);
    cli::assert_refused(&o, 2, "管理员");

    me(path, "2024-12-30", ClerkRole::Admin, None);
    let o = notice(
        path,
        "2024-12-30",
        &["return", "--notice", "#1", "--reason", ""],
    );
    cli::assert_refused(&o, 2, "--reason");
    let o = notice(
        path,
        "2024-12-30",
        &["return", "--notice", "#1", "--reason", "未说明完成时间"],
    );
    assert!(ok(&o).contains("已退回"));
    // Past its reply-by date, returned and unanswered: overdue, and red is proposed after it.
    let text = ok(&notice(path, "2025-01-03", &["list", "--overdue"]));
    assert!(text.contains("逾期未反馈"), "{text}");
    assert!(text.contains("未说明完成时间"), "{text}");
    let text = ok(&notice(
        path,
        "2025-01-03",
        &["propose", "--dept", "区发改局"],
    ));
    assert!(text.contains("[R 红色挂牌督办]"), "{text}");
    assert!(text.contains("督办〔2024〕第1号逾期未反馈"), "{text}");
    let status = ok(&on("2025-01-03", &["status", "--db", cli::p(path)]));
    assert!(status.contains("督办单 1 件待反馈(逾期 1 件)"), "{status}");
    let tasks = ok(&on("2025-01-03", &["tasks", "--db", cli::p(path)]));
    assert!(tasks.contains("[Y!]"), "{tasks}");
    for line in tasks.lines() {
        assert!(duban::report::text::width(line) <= 80, "{line}");
    }

    me(path, "2025-01-04", ClerkRole::Editor, Some("区发改局"));
    ok(&notice(
        path,
        "2025-01-04",
        &["reply", "--notice", "1", "--text", "12月底前完成"],
    ));
    me(path, "2025-01-05", ClerkRole::Admin, None);
    let o = notice(path, "2025-01-05", &["accept", "--notice", "1"]);
    assert!(ok(&o).contains("已办结"));
    // As of each day: open on the 28th, closed now.
    let v: serde_json::Value = serde_json::from_str(&ok(&notice(
        path,
        "2025-01-05",
        &["list", "--json", "--as-of", "2024-12-28"],
    )))
    .unwrap();
    assert_eq!(v[0]["state"], "open");
    let v: serde_json::Value =
        serde_json::from_str(&ok(&notice(path, "2025-01-05", &["list", "--json"]))).unwrap();
    assert_eq!(v[0]["state"], "closed");
    assert_eq!(v[0]["steps"].as_array().unwrap().len(), 4);
    let text = ok(&notice(path, "2025-01-05", &["list", "--open"]));
    assert_eq!(text.trim(), "没有督办单");
    let o = on("2025-01-05", &["check", "--db", cli::p(path)]);
    assert!(o.status.success(), "{}", cli::out(&o));
}

#[test]
fn print_writes_the_one_page_document_and_refuses_the_database_and_an_existing_file() {
    let f = common::fixture();
    let path = f.path.as_path();
    me(path, "2025-01-02", ClerkRole::Admin, None);
    let o = notice(
        path,
        "2025-01-02",
        &[
            "issue",
            "--task",
            "3",
            "--level",
            "挂牌督办",
            "--reason",
            "逾期|未完成\n# 伪造标题",
        ],
    );
    ok(&o);
    let doc = ok(&notice(path, "2025-01-02", &["print", "1"]));
    assert!(doc.starts_with("# 挂牌督办通知单\n"), "{doc}");
    assert!(doc.contains("督办〔2025〕第1号"), "{doc}");
    assert!(doc.contains("| 督办对象 | 星海街道(牵头单位) |"), "{doc}");
    assert!(doc.contains("牵头单位进度 45%"), "{doc}");
    // The typed text stays inside its cell: no new heading, no broken table.
    assert!(doc.contains("逾期\\|未完成<br># 伪造标题"), "{doc}");
    assert_eq!(doc.matches("\n# ").count(), 0, "{doc}");
    assert!(doc.contains("签发单位：督查室"), "{doc}");
    let en = cli::command()
        .env("DUBAN_TODAY", "2025-01-02")
        .args(["--lang", "en", "notice", "--db", cli::p(path), "print", "1"])
        .output()
        .unwrap();
    assert!(ok(&en).starts_with("# Listed supervision notice\n"));

    // Onto the database, by its name or through a link: refused, the file untouched.
    let before = std::fs::read(path).unwrap();
    let o = notice(
        path,
        "2025-01-02",
        &["print", "1", "-o", cli::p(path), "--force"],
    );
    cli::assert_refused(&o, 2, "t.db");
    let link = f.dir.path().join("link.md");
    std::os::unix::fs::symlink(path, &link).unwrap();
    let o = notice(path, "2025-01-02", &["print", "1", "-o", cli::p(&link)]);
    assert_eq!(o.status.code(), Some(2), "{}", cli::err(&o));
    assert_eq!(std::fs::read(path).unwrap(), before);
    // A new file; then the same without --force is refused; with it, replaced.
    let out = f.dir.path().join("督办单.md");
    ok(&notice(
        path,
        "2025-01-02",
        &["print", "1", "-o", cli::p(&out)],
    ));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("督办〔2025〕第1号")
    );
    std::fs::write(&out, "旧内容").unwrap();
    let o = notice(path, "2025-01-02", &["print", "1", "-o", cli::p(&out)]);
    cli::assert_refused(&o, 2, "--force");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "旧内容");
    ok(&notice(
        path,
        "2025-01-02",
        &["print", "1", "-o", cli::p(&out), "--force"],
    ));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("挂牌督办通知单")
    );
    // A FIFO and a device are not files to write a document into (and nothing hangs).
    let fifo = f.dir.path().join("fifo");
    let c = std::ffi::CString::new(cli::p(&fifo)).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let o = notice(
        path,
        "2025-01-02",
        &["print", "1", "-o", cli::p(&fifo), "--force"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", cli::err(&o));
    let o = notice(
        path,
        "2025-01-02",
        &["print", "1", "-o", "/dev/null", "--force"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", cli::err(&o));
}

#[test]
fn bad_input_is_one_line_each() {
    let f = common::fixture();
    let path = f.path.as_path();
    me(path, "2025-01-02", ClerkRole::Admin, None);
    for (args, needle) in [
        (
            vec!["issue", "--task", "2", "--reply-by", "2025-02-30"],
            "2025-02-30",
        ),
        (
            vec!["issue", "--task", "2", "--level", "green"],
            "blue|yellow|red",
        ),
        (
            vec!["issue", "--task", "2", "--reply-by", "2024-12-01"],
            "早于今天",
        ),
        (vec!["issue", "--task", "99"], "99"),
        (
            vec![
                "issue",
                "--task",
                "5",
                "--dept",
                "星海街道",
                "--level",
                "red",
                "--reason",
                "x",
            ],
            "不是这项任务的责任单位",
        ),
        (
            vec!["reply", "--notice", "7", "--text", "x"],
            "找不到督办单",
        ),
        (vec!["show", "督办〔2099〕第1号"], "找不到督办单"),
        (vec!["list", "--as-of", "yesterday"], "yesterday"),
    ] {
        let o = notice(path, "2025-01-02", &args);
        cli::assert_refused(&o, 2, needle);
    }
    // Escape sequences typed into a reason are refused, not stored.
    let o = notice(
        path,
        "2025-01-02",
        &["issue", "--task", "2", "--reason", "\u{1b}[2J清屏"],
    );
    cli::assert_refused(&o, 2, "ESC");
    // Help says how, with an example.
    let help = ok(&on(
        "2025-01-02",
        &["--lang", "en", "notice", "issue", "--help"],
    ));
    assert!(help.contains("Example: duban notice issue"), "{help}");
    let help = ok(&on("2025-01-02", &["notice", "issue", "--help"]));
    assert!(help.contains("示例:duban notice issue"), "{help}");
}
