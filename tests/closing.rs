//! Closing a task (办结销号, issue 22): every transition and refusal in the store and through
//! `duban close`, the state as of each day, the closing journal in the hash chain and `check`,
//! and a file of schema 7 brought to 8 with its chain intact.

#[path = "support/cli.rs"]
mod cli;

mod common;

use common::at;
use duban::domain::{ClerkRole, Closing, ClosingRefusal, ClosingStep, Denied};
use duban::identity::os_login;
use duban::store::{Clerk, ClosingAction, Db, StoreError};

/// The fixture's tasks: 1 has 区经济和信息化局 as lead (100% since 2024-08-01) and 区发改局
/// as co-unit (30%); 3 has 星海街道 as lead at 45%; 5 has 城建公司 alone, at 100%.
const T1: i64 = 1;
const T3: i64 = 3;
const T5: i64 = 5;

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn jxj(db: &Db) -> i64 {
    dept(db, "区经济和信息化局")
}

fn apply<'a>(department_id: i64, note: &'a str, why: &'a str) -> ClosingAction<'a> {
    ClosingAction::Apply {
        department_id,
        note,
        why,
    }
}

fn refusal(e: StoreError) -> ClosingRefusal {
    match e {
        StoreError::Closing(r) => r,
        other => panic!("expected a closing refusal, got {other:?}"),
    }
}

#[test]
fn apply_approve_reopen_and_return_in_the_store_with_every_refusal() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let lead = jxj(&db);
    let fgj = dept(&db, "区发改局");
    let now = at("2024-09-01T02:00:00");
    assert_eq!(db.closing_state(T1, None).unwrap(), Closing::Open);
    // The co-unit is at 30%: the lead must say why.
    let e = db
        .close_step(T1, &apply(lead, "已全部完成", ""), "alice", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::NeedsWhy { below: 1 });
    // No note.
    let e = db
        .close_step(T1, &apply(lead, " ", "发改局部分已并入"), "alice", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::EmptyNote);
    // The co-unit applying: not a lead (as an admin, so the permission is not what refuses).
    let e = db
        .close_step(T1, &apply(fgj, "已完成", "x"), "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::NotLead);
    // Someone who is not a clerk, and an editor of another department.
    assert!(matches!(
        db.close_step(T1, &apply(lead, "已完成", "x"), "mallory", now),
        Err(StoreError::Forbidden {
            why: Denied::NotAClerk,
            ..
        })
    ));
    // A lead below 100%.
    let xh = dept(&db, "星海街道");
    let e = db
        .close_step(T3, &apply(xh, "已完成", ""), "bob", now)
        .unwrap_err();
    assert!(matches!(
        refusal(e),
        ClosingRefusal::LeadNotDone { percent } if percent.value() == 45
    ));
    // Nothing pending: nothing to review or reopen.
    let e = db
        .close_step(T1, &ClosingAction::Approve { note: "" }, "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::NotPending(Closing::Open));
    let e = db
        .close_step(T1, &ClosingAction::Reopen { reason: "x" }, "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::NotClosed(Closing::Open));

    let applied = db
        .close_step(
            T1,
            &apply(lead, "已全部完成", "发改局部分已并入牵头单位方案"),
            "alice",
            now,
        )
        .unwrap();
    assert_eq!(applied.step, ClosingStep::Apply);
    assert_eq!(applied.department.as_deref(), Some("区经济和信息化局"));
    assert_eq!(db.closing_state(T1, None).unwrap(), Closing::Pending);
    let e = db
        .close_step(T1, &apply(lead, "再次申请", "x"), "alice", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::AlreadyPending);
    // Review is for admins.
    let e = db
        .close_step(T1, &ClosingAction::Approve { note: "" }, "alice", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::Denied(Denied::NotAdmin));
    let e = db
        .close_step(T1, &ClosingAction::Return { reason: "  " }, "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::EmptyReason);

    let later = at("2024-09-02T02:00:00");
    db.close_step(T1, &ClosingAction::Approve { note: "同意" }, "bob", later)
        .unwrap();
    assert_eq!(db.closing_state(T1, None).unwrap(), Closing::Closed);
    let e = db
        .close_step(T1, &apply(lead, "再次申请", "x"), "alice", later)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::AlreadyClosed);
    let e = db
        .close_step(
            T1,
            &ClosingAction::Reopen { reason: "复查" },
            "alice",
            later,
        )
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::Denied(Denied::NotAdmin));
    let e = db
        .close_step(T1, &ClosingAction::Reopen { reason: "" }, "bob", later)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::EmptyReason);

    let reopened = at("2024-09-03T02:00:00");
    db.close_step(
        T1,
        &ClosingAction::Reopen {
            reason: "复查发现园区验收未完成",
        },
        "bob",
        reopened,
    )
    .unwrap();
    assert_eq!(db.closing_state(T1, None).unwrap(), Closing::Returned);
    // Open again: the lead applies again, the office sends it back with a reason.
    let again = at("2024-09-04T02:00:00");
    db.close_step(T1, &apply(lead, "验收已完成", "同上"), "alice", again)
        .unwrap();
    db.close_step(
        T1,
        &ClosingAction::Return {
            reason: "缺少验收报告",
        },
        "bob",
        at("2024-09-05T02:00:00"),
    )
    .unwrap();
    assert_eq!(db.closing_state(T1, None).unwrap(), Closing::Returned);
    let steps: Vec<ClosingStep> = db
        .closing_history(T1, None)
        .unwrap()
        .iter()
        .map(|e| e.step)
        .collect();
    use ClosingStep::*;
    assert_eq!(steps, [Apply, Approve, Reopen, Apply, Return]);

    // The state as it stood on each day.
    for (instant, state) in [
        ("2024-09-01T00:00:00", Closing::Open),
        ("2024-09-02T00:00:00", Closing::Pending),
        ("2024-09-03T00:00:00", Closing::Closed),
        ("2024-09-04T00:00:00", Closing::Returned),
        ("2024-09-05T00:00:00", Closing::Pending),
        ("2024-09-06T00:00:00", Closing::Returned),
    ] {
        assert_eq!(
            db.closing_state(T1, Some(at(instant))).unwrap(),
            state,
            "{instant}"
        );
    }
    // Every step is in the chain, which holds.
    drop(db);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let links: i64 = c
        .query_row(
            "SELECT count(*) FROM chain WHERE journal = 'closing'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(links, 5);
}

#[test]
fn the_review_queue_is_oldest_first_with_every_units_percent_and_reads_as_of() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let lead = jxj(&db);
    let cj = dept(&db, "城建公司");
    db.close_step(
        T5,
        &apply(cj, "已完成", ""),
        "bob",
        at("2024-09-01T02:00:00"),
    )
    .unwrap();
    db.close_step(
        T1,
        &apply(lead, "已完成", "发改局部分已并入"),
        "alice",
        at("2024-09-02T02:00:00"),
    )
    .unwrap();
    let queue = db.closings(None, true, None).unwrap();
    let tasks: Vec<i64> = queue.iter().map(|i| i.task.id).collect();
    assert_eq!(tasks, [T5, T1]);
    let t1 = &queue[1];
    assert_eq!(t1.state, Closing::Pending);
    assert_eq!(t1.applied.as_ref().unwrap().why, "发改局部分已并入");
    let units: Vec<(&str, u8)> = t1
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.percent.value()))
        .collect();
    assert_eq!(units, [("区经济和信息化局", 100), ("区发改局", 30)]);
    // Approved: out of the queue, in the list as closed.
    db.close_step(
        T5,
        &ClosingAction::Approve { note: "" },
        "bob",
        at("2024-09-03T02:00:00"),
    )
    .unwrap();
    let queue: Vec<i64> = db
        .closings(None, true, None)
        .unwrap()
        .iter()
        .map(|i| i.task.id)
        .collect();
    assert_eq!(queue, [T1]);
    let all: Vec<(i64, Closing)> = db
        .closings(None, false, None)
        .unwrap()
        .iter()
        .map(|i| (i.task.id, i.state))
        .collect();
    assert_eq!(all, [(T1, Closing::Pending), (T5, Closing::Closed)]);
    // As of the day before the approval, both waited; before any step, nothing.
    let then: Vec<(i64, Closing)> = db
        .closings(Some(at("2024-09-03T00:00:00")), false, None)
        .unwrap()
        .iter()
        .map(|i| (i.task.id, i.state))
        .collect();
    assert_eq!(then, [(T5, Closing::Pending), (T1, Closing::Pending)]);
    assert!(
        db.closings(Some(at("2024-09-01T00:00:00")), false, None)
            .unwrap()
            .is_empty()
    );
    // A deleted task leaves the list, and stays in it as of a day before.
    db.delete_task(T5, true, "bob", at("2024-09-04T02:00:00"))
        .unwrap();
    let now: Vec<i64> = db
        .closings(None, false, None)
        .unwrap()
        .iter()
        .map(|i| i.task.id)
        .collect();
    assert_eq!(now, [T1]);
    assert_eq!(
        db.closings(Some(at("2024-09-04T00:00:00")), false, None)
            .unwrap()
            .len(),
        2
    );
}

/// A step written with a clock set back (or `DUBAN_TODAY`) still follows the one before it: the
/// state is the last step written, so an application cannot be approved twice.
#[test]
fn the_state_is_the_last_step_written_even_with_a_clock_set_back() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let cj = dept(&db, "城建公司");
    db.close_step(
        T5,
        &apply(cj, "已完成", ""),
        "bob",
        at("2024-09-02T02:00:00"),
    )
    .unwrap();
    let back = at("2024-09-01T02:00:00");
    db.close_step(T5, &ClosingAction::Approve { note: "" }, "bob", back)
        .unwrap();
    assert_eq!(db.closing_state(T5, None).unwrap(), Closing::Closed);
    let e = db
        .close_step(T5, &ClosingAction::Approve { note: "" }, "bob", back)
        .unwrap_err();
    assert_eq!(refusal(e), ClosingRefusal::NotPending(Closing::Closed));
    assert_eq!(
        db.closings(None, false, None).unwrap()[0].state,
        Closing::Closed
    );
}

#[test]
fn the_closing_journal_is_append_only_and_a_changed_row_breaks_the_chain() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let cj = dept(&db, "城建公司");
    db.close_step(
        T5,
        &apply(cj, "已完成", ""),
        "bob",
        at("2024-09-01T02:00:00"),
    )
    .unwrap();
    drop(db);
    let c = rusqlite::Connection::open(&f.path).unwrap();
    assert!(c.execute("UPDATE closing SET note = 'x'", []).is_err());
    assert!(c.execute("DELETE FROM closing", []).is_err());
    // Around the trigger: `check` finds it.
    c.execute_batch(
        "DROP TRIGGER closing_append_only;
         UPDATE closing SET note = '未完成' WHERE id = 1;",
    )
    .unwrap();
    drop(c);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(!report.is_clean());
    assert!(
        report.chain.iter().any(|b| b.journal == "closing"),
        "{:?}",
        report.chain
    );
}

#[test]
fn a_schema_7_file_keeps_its_chain_and_gains_the_closing_journal() {
    let f = common::fixture();
    let chain = |path: &std::path::Path| -> Vec<(i64, String, i64, String, String)> {
        let c = rusqlite::Connection::open(path).unwrap();
        c.prepare("SELECT seq, journal, row_id, at, hash FROM chain ORDER BY seq")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = chain(&f.path);
    assert!(!before.is_empty());
    {
        // Schema 7 as it was: no closing journal, a chain that does not know it.
        let c = rusqlite::Connection::open(&f.path).unwrap();
        c.execute_batch(common::UNDO_SCHEMA_12).unwrap();
        c.execute_batch(
            "DROP TABLE milestone_reached; DROP TABLE milestone; DROP TABLE investment;
             DROP TABLE project_plan; DROP TABLE project;
             DROP TABLE circular_issue;
             DROP TABLE attachment_data; DROP TABLE attachment; DROP TABLE notice_step;
             DROP TABLE notice; DROP TABLE extension;
             DROP TRIGGER closing_link; DROP TRIGGER closing_append_only;
             DROP TRIGGER closing_no_delete; DROP TABLE closing;
             PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    let mut db = Db::open(&f.path).unwrap();
    assert_eq!(
        db.schema_version().unwrap(),
        duban::store::migrate::SCHEMA_VERSION
    );
    assert_eq!(chain(&f.path), before);
    let cj = dept(&db, "城建公司");
    db.close_step(
        T5,
        &apply(cj, "已完成", ""),
        "bob",
        at("2024-09-01T02:00:00"),
    )
    .unwrap();
    drop(db);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.chain_links as usize, before.len() + 1);
}

/// A schema 8 file (closing, but none of the supervision journals) gains them with its chain and
/// its closing rows as they were, and the new journals link onto it.
#[test]
fn a_schema_8_file_keeps_its_chain_and_gains_the_supervision_journals() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let cj = dept(&db, "城建公司");
    db.close_step(
        T5,
        &apply(cj, "已完成", ""),
        "bob",
        at("2024-09-01T02:00:00"),
    )
    .unwrap();
    drop(db);
    let chain = |path: &std::path::Path| -> Vec<(i64, String, i64, String, String)> {
        let c = rusqlite::Connection::open(path).unwrap();
        c.prepare("SELECT seq, journal, row_id, at, hash FROM chain ORDER BY seq")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = chain(&f.path);
    {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        c.execute_batch(common::UNDO_SCHEMA_12).unwrap();
        c.execute_batch(
            "DROP TABLE milestone_reached; DROP TABLE milestone; DROP TABLE investment;
             DROP TABLE project_plan; DROP TABLE project;
             DROP TABLE circular_issue;
             DROP TABLE attachment_data; DROP TABLE attachment; DROP TABLE notice_step;
             DROP TABLE notice; DROP TABLE extension; PRAGMA user_version = 8;",
        )
        .unwrap();
    }
    let db = Db::open(&f.path).unwrap();
    // Migrated to the current schema (10 adds circular_issue after the supervision journals, 11
    // the key projects' and milestones' journals).
    assert_eq!(
        db.schema_version().unwrap(),
        duban::store::migrate::SCHEMA_VERSION
    );
    drop(db);
    assert_eq!(chain(&f.path), before);
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let tables: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN
             ('extension', 'notice', 'notice_step', 'attachment', 'attachment_data',
              'circular_issue', 'project', 'project_plan', 'investment', 'milestone',
              'milestone_reached')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 11);
    drop(c);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.chain_links as usize, before.len());
}

// ---- `duban close` as a user runs it -------------------------------------------------------

/// The binary on `day` (its clock at 09:00 UTC then), in Chinese.
fn on(day: &str, args: &[&str]) -> std::process::Output {
    cli::command()
        .env("DUBAN_TODAY", day)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Makes the login running the tests a clerk with `role` (of `dept`), set by the fixture's admin
/// At 08:00 UTC on `day`: before the steps the binary takes that day, so no row is backdated.
fn me(path: &std::path::Path, day: &str, role: ClerkRole, dept_name: Option<&str>) {
    let mut db = Db::open(path).unwrap();
    let department_id = dept_name.map(|n| dept(&db, n));
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

fn close(path: &std::path::Path, day: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["close", "--db", cli::p(path)];
    all.extend_from_slice(args);
    on(day, &all)
}

fn states(o: &std::process::Output) -> Vec<(i64, String)> {
    assert!(o.status.success(), "{}", cli::err(o));
    let v: serde_json::Value = serde_json::from_str(&cli::out(o)).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["task_id"].as_i64().unwrap(),
                i["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn close_apply_approve_reopen_through_the_command_line_with_as_of() {
    let f = common::fixture();
    let path = f.path.as_path();
    me(
        path,
        "2026-11-24",
        ClerkRole::Editor,
        Some("区经济和信息化局"),
    );
    // The co-unit is at 30%: without --why, refused in one line.
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "1", "--note", "已完成"],
    );
    cli::assert_refused(&o, 2, "--why");
    let o = close(
        path,
        "2026-11-24",
        &[
            "apply",
            "--task",
            "1",
            "--note",
            "已完成",
            "--why",
            "发改局部分已并入",
        ],
    );
    assert!(o.status.success(), "{}", cli::err(&o));
    assert!(cli::out(&o).contains("已申请办结"), "{}", cli::out(&o));
    // Again while pending.
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "1", "--note", "x", "--why", "x"],
    );
    cli::assert_refused(&o, 2, "等待督查科审核");
    // The queue shows every unit's percent beside the lead's, and the why.
    let o = close(path, "2026-11-24", &["list", "--pending"]);
    let text = cli::out(&o);
    assert!(text.contains("待审核"), "{text}");
    assert!(text.contains("区经济和信息化局(牵头) 100%"), "{text}");
    assert!(text.contains("区发改局 30%"), "{text}");
    assert!(text.contains("发改局部分已并入"), "{text}");
    // An editor may not review.
    let o = close(path, "2026-11-25", &["approve", "--task", "1"]);
    cli::assert_refused(&o, 2, "管理员");
    me(path, "2026-11-25", ClerkRole::Admin, None);
    let o = close(
        path,
        "2026-11-25",
        &["approve", "--task", "1", "--note", "同意"],
    );
    assert!(o.status.success(), "{}", cli::err(&o));
    let o = close(path, "2026-11-25", &["approve", "--task", "1"]);
    cli::assert_refused(&o, 2, "没有待审核");
    let o = close(
        path,
        "2026-11-25",
        &["return", "--task", "1", "--reason", "x"],
    );
    cli::assert_refused(&o, 2, "没有待审核");
    let o = close(path, "2026-11-25", &["list", "--pending"]);
    assert_eq!(cli::out(&o).trim(), "没有待审核的办结申请");
    // Reopened with a reason; a blank one is refused.
    let o = close(
        path,
        "2026-11-26",
        &["reopen", "--task", "1", "--reason", " "],
    );
    cli::assert_refused(&o, 2, "--reason");
    let o = close(
        path,
        "2026-11-26",
        &["reopen", "--task", "1", "--reason", "复查发现未完成"],
    );
    assert!(o.status.success(), "{}", cli::err(&o));
    let o = close(
        path,
        "2026-11-26",
        &["reopen", "--task", "1", "--reason", "x"],
    );
    cli::assert_refused(&o, 2, "只有已办结的任务");
    let o = close(path, "2026-11-26", &["list"]);
    assert!(cli::out(&o).contains("复查发现未完成"), "{}", cli::out(&o));
    // As of each day.
    for (day, want) in [
        ("2026-11-23", vec![]),
        ("2026-11-24", vec![(T1, "pending".to_string())]),
        ("2026-11-25", vec![(T1, "closed".to_string())]),
        ("2026-11-26", vec![(T1, "returned".to_string())]),
    ] {
        let o = close(path, "2026-11-27", &["list", "--json", "--as-of", day]);
        assert_eq!(states(&o), want, "{day}");
    }
    // The journal's chain holds.
    let o = on("2026-11-27", &["check", "--db", cli::p(path)]);
    assert!(o.status.success(), "{}", cli::out(&o));
}

#[test]
fn close_refuses_who_may_not_and_what_cannot_be_in_one_line() {
    let f = common::fixture();
    let path = f.path.as_path();
    // Not a clerk of the file.
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "5", "--note", "已完成"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", cli::err(&o));
    me(path, "2026-11-24", ClerkRole::Viewer, Some("城建公司"));
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "5", "--note", "已完成"],
    );
    cli::assert_refused(&o, 2, "查看");
    me(
        path,
        "2026-11-24",
        ClerkRole::Editor,
        Some("区经济和信息化局"),
    );
    // Another department's task.
    let o = close(
        path,
        "2026-11-24",
        &[
            "apply",
            "--task",
            "5",
            "--dept",
            "城建公司",
            "--note",
            "已完成",
        ],
    );
    cli::assert_refused(&o, 2, "本单位");
    me(path, "2026-11-24", ClerkRole::Admin, None);
    // The lead below 100%, the co-unit applying, no note, an unknown task.
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "3", "--note", "已完成"],
    );
    cli::assert_refused(&o, 2, "45%");
    let o = close(
        path,
        "2026-11-24",
        &[
            "apply",
            "--task",
            "1",
            "--dept",
            "区发改局",
            "--note",
            "已完成",
        ],
    );
    cli::assert_refused(&o, 2, "牵头单位");
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "5", "--note", "  "],
    );
    cli::assert_refused(&o, 2, "--note");
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "99", "--note", "x"],
    );
    assert_eq!(o.status.code(), Some(2));
    // A task with no unit.
    let o = close(path, "2026-11-24", &["apply", "--task", "4", "--note", "x"]);
    cli::assert_refused(&o, 2, "没有牵头单位");
    // Nothing was written.
    let db = Db::open(path).unwrap();
    assert!(db.closings(None, false, None).unwrap().is_empty());
}

#[test]
fn check_finds_a_changed_closing_row() {
    let f = common::fixture();
    let path = f.path.as_path();
    me(path, "2026-11-24", ClerkRole::Admin, None);
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "5", "--note", "已完成"],
    );
    assert!(o.status.success(), "{}", cli::err(&o));
    let o = on("2026-11-27", &["check", "--db", cli::p(path)]);
    assert!(o.status.success(), "{}", cli::out(&o));
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(
        "DROP TRIGGER closing_append_only;
         UPDATE closing SET note = '改过的说明';",
    )
    .unwrap();
    drop(c);
    let o = on("2026-11-27", &["check", "--db", cli::p(path)]);
    assert_eq!(o.status.code(), Some(3), "{}", cli::out(&o));
}

#[test]
fn tasks_shows_pending_and_closed_in_place_of_the_light_as_of_each_day() {
    let f = common::fixture();
    let path = f.path.as_path();
    me(path, "2026-11-24", ClerkRole::Admin, None);
    let o = close(
        path,
        "2026-11-24",
        &["apply", "--task", "5", "--note", "已完成"],
    );
    assert!(o.status.success(), "{}", cli::err(&o));
    let o = close(path, "2026-11-25", &["approve", "--task", "5"]);
    assert!(o.status.success(), "{}", cli::err(&o));
    let line = |day: &str, as_of: &str| -> String {
        let o = on(day, &["tasks", "--db", cli::p(path), "--as-of", as_of]);
        assert!(o.status.success(), "{}", cli::err(&o));
        cli::out(&o)
            .lines()
            .find(|l| l.contains("已经完成的任务"))
            .unwrap()
            .to_string()
    };
    assert!(line("2026-11-26", "2026-11-26").contains("■已办结"));
    assert!(line("2026-11-26", "2026-11-24").contains("◇待审核"));
    let before = line("2026-11-26", "2026-11-23");
    assert!(!before.contains('■') && !before.contains('◇'), "{before}");
    let o = on("2026-11-26", &["tasks", "--db", cli::p(path), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&cli::out(&o)).unwrap();
    let closing: Vec<(i64, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_i64().unwrap(), t["closing"].as_str().unwrap()))
        .collect();
    assert!(closing.contains(&(T5, "closed")), "{closing:?}");
    assert!(closing.contains(&(T1, "open")), "{closing:?}");
}

#[test]
fn status_counts_closed_pending_and_sent_back_as_of_each_day_and_per_department() {
    let f = common::fixture();
    let path = f.path.as_path();
    let status = |args: &[&str]| -> std::process::Output {
        let mut all = vec!["status", "--db", cli::p(path)];
        all.extend_from_slice(args);
        on("2026-11-27", &all)
    };
    // No closing step: the summary line is as it was.
    let o = status(&[]);
    assert!(!cli::out(&o).contains("已办结"), "{}", cli::out(&o));
    me(path, "2026-11-24", ClerkRole::Admin, None);
    for (day, args) in [
        (
            "2026-11-24",
            vec!["apply", "--task", "5", "--note", "已完成"],
        ),
        (
            "2026-11-24",
            vec![
                "apply",
                "--task",
                "1",
                "--note",
                "已完成",
                "--why",
                "已统筹",
            ],
        ),
        ("2026-11-25", vec!["approve", "--task", "5"]),
        (
            "2026-11-26",
            vec!["return", "--task", "1", "--reason", "缺少材料"],
        ),
    ] {
        let o = close(path, day, &args);
        assert!(o.status.success(), "{}", cli::err(&o));
    }
    let o = status(&[]);
    assert!(
        cli::out(&o).contains("■已办结 1 项,◇待审核 0 项,↺已退回 1 项"),
        "{}",
        cli::out(&o)
    );
    let o = status(&["--as-of", "2026-11-24"]);
    assert!(
        cli::out(&o).contains("■已办结 0 项,◇待审核 2 项,↺已退回 0 项"),
        "{}",
        cli::out(&o)
    );
    // A unit sees its own tasks, with the reason it was sent back.
    let o = close(path, "2026-11-27", &["list", "--dept", "区发改局"]);
    let text = cli::out(&o);
    assert!(
        text.contains("已退回") && text.contains("缺少材料"),
        "{text}"
    );
    assert!(!text.contains("已经完成的任务"), "{text}");
    let o = close(
        path,
        "2026-11-27",
        &["list", "--dept", "城建公司", "--json"],
    );
    assert_eq!(states(&o), [(T5, "closed".to_string())]);
    let o = status(&["--json", "--dept", "城建公司"]);
    let v: serde_json::Value = serde_json::from_str(&cli::out(&o)).unwrap();
    assert_eq!(v["total"]["closed"], 1);
    assert_eq!(v["total"]["returned"], 0);
    assert_eq!(v["total"]["pending_review"], 0);
}
