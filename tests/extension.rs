//! Extensions (延期申请, issue 22): every step and refusal in the store and through `duban
//! extend`; the approval moves the deadline through the task editor's own write (task_past and
//! audit keep the old one), so as-of reads, `duban tasks --as-of` and a circular of an earlier
//! period still show the old deadline; the journal in the hash chain and `check`.

#[path = "support/cli.rs"]
mod cli;

mod common;

use common::{at, day};
use duban::domain::{ClerkRole, Denied, ExtensionRefusal, ExtensionStep};
use duban::identity::os_login;
use duban::store::{Clerk, Db, ExtensionAction, Scope, StoreError};

/// The fixture's task 1 (推进企业数字化改造): deadline 2024-06-30 ("6月底前"), 区经济和信息化局
/// leads (alice is its editor), 区发改局 is a co-unit. Task 5: 城建公司 alone, 2024-05-31.
const T1: i64 = 1;
const T5: i64 = 5;

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn ask<'a>(department_id: i64, to: &str, reason: &'a str, today: &str) -> ExtensionAction<'a> {
    ExtensionAction::Request {
        department_id,
        to: day(to),
        reason,
        today: day(today),
    }
}

fn refusal(e: StoreError) -> ExtensionRefusal {
    match e {
        StoreError::Extension(r) => r,
        other => panic!("expected an extension refusal, got {other:?}"),
    }
}

/// Task `id`'s effective deadline as of `as_of` (now when `None`).
fn deadline(db: &Db, id: i64, as_of: Option<&str>) -> chrono::NaiveDate {
    let scope = Scope {
        as_of: as_of.map(at),
        ..Scope::default()
    };
    db.tasks(scope)
        .unwrap()
        .into_iter()
        .find(|t| t.id == id)
        .unwrap()
        .schedule
        .deadline
}

#[test]
fn a_unit_asks_an_admin_approves_and_the_old_deadline_stays_in_the_past() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let fgj = dept(&db, "区发改局");
    let xh = dept(&db, "星海街道");
    let asked_at = at("2024-06-01T02:00:00");
    let req = ask(jxj, "2024-09-30", "企业改造设备到货延迟", "2024-06-01");

    // Who may not ask, and for whom.
    assert!(matches!(
        db.extension_step(T1, &req, "mallory", asked_at),
        Err(StoreError::Forbidden {
            why: Denied::NotAClerk,
            ..
        })
    ));
    let for_fgj = ask(fgj, "2024-09-30", "x", "2024-06-01");
    assert!(matches!(
        db.extension_step(T1, &for_fgj, "alice", asked_at),
        Err(StoreError::Forbidden {
            why: Denied::OtherDepartment,
            ..
        })
    ));
    let for_xh = ask(xh, "2024-09-30", "x", "2024-06-01");
    let e = db.extension_step(T1, &for_xh, "bob", asked_at).unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::NotAUnit);
    // Not later, no reason.
    let e = db
        .extension_step(
            T1,
            &ask(jxj, "2024-06-30", "x", "2024-06-01"),
            "alice",
            asked_at,
        )
        .unwrap_err();
    assert_eq!(
        refusal(e),
        ExtensionRefusal::NotLater {
            deadline: day("2024-06-30")
        }
    );
    let e = db
        .extension_step(
            T1,
            &ask(jxj, "2024-09-30", "  ", "2024-06-01"),
            "alice",
            asked_at,
        )
        .unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::EmptyReason);
    // Nothing to answer yet.
    let approve = ExtensionAction::Approve { to: None, note: "" };
    let e = db
        .extension_step(T1, &approve, "bob", asked_at)
        .unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::NothingPending);

    let request = db.extension_step(T1, &req, "alice", asked_at).unwrap();
    assert_eq!(request.step, ExtensionStep::Request);
    assert_eq!(request.old_deadline, day("2024-06-30"));
    assert_eq!(request.new_deadline, Some(day("2024-09-30")));
    assert_eq!(request.department.as_deref(), Some("区经济和信息化局"));
    // One at a time, from any unit.
    let e = db
        .extension_step(
            T1,
            &ask(fgj, "2024-10-31", "x", "2024-06-01"),
            "bob",
            asked_at,
        )
        .unwrap_err();
    assert_eq!(
        refusal(e),
        ExtensionRefusal::AlreadyPending {
            asked: day("2024-09-30")
        }
    );
    // Only an admin answers.
    let e = db
        .extension_step(T1, &approve, "alice", asked_at)
        .unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::Denied(Denied::NotAdmin));
    // Waiting: the deadline has not moved; the mark says so.
    assert_eq!(deadline(&db, T1, None), day("2024-06-30"));
    let marks = db.extension_marks(&[T1, T5], None).unwrap();
    assert_eq!(marks[&T1].pending.as_ref().map(|p| p.id), Some(request.id));
    assert_eq!(marks[&T1].extended_from, None);
    assert!(!marks.contains_key(&T5));

    let approved_at = at("2024-06-10T02:00:00");
    let approved = db.extension_step(T1, &approve, "bob", approved_at).unwrap();
    assert_eq!(approved.request_id, Some(request.id));
    assert_eq!(approved.new_deadline, Some(day("2024-09-30")));
    // The task carries the new deadline (the plan's words for the old one no longer hold)…
    let task = db.task_for_edit(T1).unwrap();
    assert_eq!(task.deadline, Some(day("2024-09-30")));
    assert_eq!(task.deadline_text, None);
    assert_eq!(deadline(&db, T1, None), day("2024-09-30"));
    // …from the approval on; before it, the old one.
    assert_eq!(
        deadline(&db, T1, Some("2024-06-10T02:00:00")),
        day("2024-06-30")
    );
    assert_eq!(
        deadline(&db, T1, Some("2024-06-10T02:00:01")),
        day("2024-09-30")
    );
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let past: (String, String, String) = c
        .query_row(
            "SELECT until, deadline, deadline_text FROM task_past WHERE task_id = ?1",
            [T1],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        past,
        (
            "2024-06-10T02:00:00Z".to_string(),
            "2024-06-30".to_string(),
            "6月底前".to_string()
        )
    );
    // The editor's audit row, by the admin who approved.
    let audit = db.audit_trail("task", "1").unwrap();
    let last = audit.last().unwrap();
    assert_eq!((last.action.as_str(), last.by.as_str()), ("update", "bob"));
    assert_eq!(last.before.as_ref().unwrap()["deadline"], "2024-06-30");
    assert_eq!(last.after.as_ref().unwrap()["deadline"], "2024-09-30");
    // Answered once: nothing waits any more, and the table takes no second answer.
    let e = db
        .extension_step(T1, &approve, "bob", approved_at)
        .unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::NothingPending);
    assert!(
        c.execute(
            "INSERT INTO extension (task_id, step, request_id, old_deadline, new_deadline, reason,
                                    by, at)
             VALUES (1, 'refuse', ?1, '2024-06-30', NULL, 'x', 'bob', '2024-06-11T00:00:00Z')",
            [request.id],
        )
        .is_err()
    );
    // The marks, now and as of before the approval.
    let marks = db.extension_marks(&[T1], None).unwrap();
    assert_eq!(marks[&T1].extended_from, Some(day("2024-06-30")));
    assert_eq!(marks[&T1].granted, 1);
    assert!(marks[&T1].pending.is_none());
    let before = db
        .extension_marks(&[T1], Some(at("2024-06-05T00:00:00")))
        .unwrap();
    assert_eq!(before[&T1].extended_from, None);
    assert!(before[&T1].pending.is_some());
    // The history, and the task's detail as of each day.
    let history = db.extension_history(T1, None).unwrap();
    assert_eq!(
        history.iter().map(|e| e.step).collect::<Vec<_>>(),
        [ExtensionStep::Request, ExtensionStep::Approve]
    );
    let detail = db.task_detail(T1, None).unwrap().unwrap();
    assert_eq!(detail.extensions.len(), 2);
    let detail = db
        .task_detail(T1, Some(at("2024-06-05T00:00:00")))
        .unwrap()
        .unwrap();
    assert_eq!(detail.extensions.len(), 1);
    assert_eq!(detail.schedule.deadline, day("2024-06-30"));
}

/// After the fixture's last row (2024-08-01), so no step is backdated: every step and the
/// deadline's move verify in the chain.
#[test]
fn every_step_and_the_deadlines_move_verify_in_the_chain() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let fgj = dept(&db, "区发改局");
    let now = at("2024-09-02T02:00:00");
    let t2 = 2;
    db.extension_step(
        t2,
        &ask(fgj, "2025-03-31", "资金未到位", "2024-09-02"),
        "bob",
        now,
    )
    .unwrap();
    db.extension_step(
        t2,
        &ExtensionAction::Refuse {
            reason: "不同意"
        },
        "bob",
        now,
    )
    .unwrap();
    db.extension_step(
        t2,
        &ask(fgj, "2025-02-28", "补充材料", "2024-09-02"),
        "bob",
        now,
    )
    .unwrap();
    db.extension_step(
        t2,
        &ExtensionAction::Approve { to: None, note: "" },
        "bob",
        now,
    )
    .unwrap();
    assert_eq!(deadline(&db, t2, None), day("2025-02-28"));
    drop(db);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert!(report.chain_links >= 4 + 2, "{report:?}");
}

#[test]
fn after_the_deadline_a_unit_is_refused_and_an_admin_files_it_then_the_admin_grants_another_date() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let now = at("2024-07-01T02:00:00");
    // The deadline day itself is still in time; the day after is not.
    let on_the_day = ask(jxj, "2024-08-31", "x", "2024-06-30");
    let late = ask(jxj, "2024-08-31", "等待上级批复", "2024-07-01");
    let e = db.extension_step(T1, &late, "alice", now).unwrap_err();
    assert_eq!(
        refusal(e),
        ExtensionRefusal::Late {
            deadline: day("2024-06-30")
        }
    );
    let filed = db.extension_step(T1, &late, "bob", now).unwrap();
    assert_eq!(filed.by, "bob");
    assert_eq!(filed.department_id, Some(jxj));
    // Granted a date other than the one asked: still later than the deadline.
    let e = db
        .extension_step(
            T1,
            &ExtensionAction::Approve {
                to: Some(day("2024-06-15")),
                note: "",
            },
            "bob",
            now,
        )
        .unwrap_err();
    assert_eq!(
        refusal(e),
        ExtensionRefusal::NotLater {
            deadline: day("2024-06-30")
        }
    );
    let granted = db
        .extension_step(
            T1,
            &ExtensionAction::Approve {
                to: Some(day("2024-07-31")),
                note: "只同意延至7月底",
            },
            "bob",
            now,
        )
        .unwrap();
    assert_eq!(granted.new_deadline, Some(day("2024-07-31")));
    assert_eq!(deadline(&db, T1, None), day("2024-07-31"));
    // And in another file, a unit on the deadline day is in time.
    let g = common::fixture();
    let mut other = Db::open(&g.path).unwrap();
    assert!(
        other
            .extension_step(T1, &on_the_day, "alice", at("2024-06-30T02:00:00"))
            .is_ok()
    );
}

#[test]
fn a_refusal_needs_a_reason_keeps_the_deadline_and_lets_the_unit_ask_again() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let cj = dept(&db, "城建公司");
    let now = at("2024-06-01T02:00:00");
    db.extension_step(T1, &ask(jxj, "2024-09-30", "x", "2024-06-01"), "alice", now)
        .unwrap();
    let e = db
        .extension_step(T1, &ExtensionAction::Refuse { reason: " " }, "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::EmptyReason);
    let e = db
        .extension_step(T1, &ExtensionAction::Refuse { reason: "x" }, "alice", now)
        .unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::Denied(Denied::NotAdmin));
    let refused = db
        .extension_step(
            T1,
            &ExtensionAction::Refuse {
                reason: "理由不充分",
            },
            "bob",
            now,
        )
        .unwrap();
    assert_eq!(refused.new_deadline, None);
    assert_eq!(deadline(&db, T1, None), day("2024-06-30"));
    assert!(db.extension_marks(&[T1], None).unwrap().is_empty());
    db.extension_step(
        T1,
        &ask(jxj, "2024-08-31", "补充说明", "2024-06-02"),
        "alice",
        now,
    )
    .unwrap();
    // The queue: the waiting request first, then the answered ones, latest first.
    let items = db.extension_requests(None, false, None).unwrap();
    assert_eq!(items.len(), 2);
    assert!(items[0].is_pending());
    assert_eq!(
        items[1].answer.as_ref().map(|a| a.reason.as_str()),
        Some("理由不充分")
    );
    assert_eq!(db.extension_requests(None, true, None).unwrap().len(), 1);
    assert!(
        db.extension_requests(None, false, Some(cj))
            .unwrap()
            .is_empty()
    );
    // A closed task needs no more time.
    db.close_step(
        T5,
        &duban::store::ClosingAction::Apply {
            department_id: cj,
            note: "已完成",
            why: "",
        },
        "bob",
        now,
    )
    .unwrap();
    db.close_step(
        T5,
        &duban::store::ClosingAction::Approve { note: "" },
        "bob",
        now,
    )
    .unwrap();
    let e = db
        .extension_step(T5, &ask(cj, "2024-09-30", "x", "2024-05-01"), "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), ExtensionRefusal::Closed);
}

#[test]
fn the_extension_journal_is_append_only_and_a_changed_row_breaks_the_chain() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    db.extension_step(
        T1,
        &ask(jxj, "2024-09-30", "x", "2024-06-01"),
        "alice",
        at("2024-06-01T02:00:00"),
    )
    .unwrap();
    drop(db);
    let c = rusqlite::Connection::open(&f.path).unwrap();
    assert!(c.execute("UPDATE extension SET reason = 'y'", []).is_err());
    assert!(c.execute("DELETE FROM extension", []).is_err());
    c.execute_batch(
        "DROP TRIGGER extension_append_only;
         UPDATE extension SET new_deadline = '2025-12-31' WHERE id = 1;",
    )
    .unwrap();
    drop(c);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(!report.is_clean());
    assert!(
        report.chain.iter().any(|b| b.journal == "extension"),
        "{:?}",
        report.chain
    );
}

// ---- `duban extend` as a user runs it ------------------------------------------------------

/// The binary on `day` (its clock at 09:00 UTC then), in Chinese.
fn on(day: &str, args: &[&str]) -> std::process::Output {
    cli::command()
        .env("DUBAN_TODAY", day)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Makes the login running the tests a clerk with `role` (of `dept`), at 08:00 UTC on `day`.
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

fn extend(path: &std::path::Path, day: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["extend", "--db", cli::p(path)];
    all.extend_from_slice(args);
    on(day, &all)
}

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", cli::err(o));
    cli::out(o)
}

#[test]
fn extend_request_approve_through_the_command_line_and_every_list_keeps_the_past() {
    let f = common::fixture();
    let path = f.path.as_path();
    // The circular of Q2 as issued, before any extension (after the fixture's last row, so no
    // step below is backdated and `check` stays clean).
    let circular = |day: &str| {
        ok(&on(
            day,
            &["report", "--db", cli::p(path), "--period", "2024-Q2"],
        ))
    };
    let issued = circular("2024-09-01");
    assert!(issued.contains("6月底前(2024-06-30)"), "{issued}");

    // 区发改局 leads task 2 (deadline 2024-12-31): its editor asks.
    me(path, "2024-09-02", ClerkRole::Editor, Some("区发改局"));
    let out = ok(&extend(
        path,
        "2024-09-02",
        &[
            "request",
            "--task",
            "2",
            "--to",
            "2025-03-31",
            "--reason",
            "设备到货延迟",
        ],
    ));
    assert_eq!(
        out,
        "任务 2「建设产业园区」已申请延期至 2025-03-31,等待督查科审批\n"
    );
    let list = ok(&extend(path, "2024-09-02", &["list", "--pending"]));
    assert!(list.starts_with("◇ 待审批  2 建设产业园区\n"), "{list}");
    assert!(list.contains("理由: 设备到货延迟"), "{list}");
    // An editor may not answer; task 1 is past its deadline for a unit.
    cli::assert_refused(
        &extend(path, "2024-09-02", &["approve", "--task", "2"]),
        2,
        "只有督查科的管理员可以批准或驳回延期申请",
    );

    me(path, "2024-09-03", ClerkRole::Admin, None);
    let out = ok(&extend(
        path,
        "2024-09-03",
        &[
            "approve",
            "--task",
            "2",
            "--to",
            "2025-02-28",
            "--note",
            "同意延至2月底",
        ],
    ));
    assert!(out.contains("完成期限改为 2025-02-28"), "{out}");
    // After task 1's deadline the office files for its lead unit, and approves.
    ok(&extend(
        path,
        "2024-09-03",
        &[
            "request",
            "--task",
            "1",
            "--to",
            "2024-10-31",
            "--reason",
            "补办:等待上级批复",
        ],
    ));
    ok(&extend(path, "2024-09-03", &["approve", "--task", "1"]));
    let v: serde_json::Value =
        serde_json::from_str(&ok(&extend(path, "2024-09-03", &["list", "--json"]))).unwrap();
    let t2 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["task_id"] == 2)
        .unwrap();
    assert_eq!(t2["state"], "approved");
    assert_eq!(t2["request"]["new_deadline"], "2025-03-31");
    assert_eq!(t2["answer"]["new_deadline"], "2025-02-28");
    assert_eq!(t2["answer"]["reason"], "同意延至2月底");
    // As of the day of the request, it was waiting.
    let v: serde_json::Value = serde_json::from_str(&ok(&extend(
        path,
        "2024-09-03",
        &["list", "--json", "--as-of", "2024-09-02"],
    )))
    .unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["state"], "pending");
    assert_eq!(v[0]["answer"], serde_json::Value::Null);

    // The task list: 已延期 now, the old deadline as of before.
    let tasks = |as_of: &str| {
        let o = on(
            "2024-09-04",
            &["tasks", "--db", cli::p(path), "--as-of", as_of],
        );
        ok(&o)
            .lines()
            .find(|l| l.contains("推进企业数字"))
            .unwrap()
            .to_string()
    };
    let now = tasks("2024-09-04");
    assert!(now.contains("2024-10-31(延)"), "{now}");
    let before = tasks("2024-09-02");
    assert!(
        before.contains("2024-06-30") && !before.contains("(延)"),
        "{before}"
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&on(
        "2024-09-04",
        &["tasks", "--db", cli::p(path), "--json"],
    )))
    .unwrap();
    let task = |id: i64| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
    };
    assert_eq!(task(1)["deadline"], "2024-10-31");
    assert_eq!(task(1)["extended_from"], "2024-06-30");
    assert_eq!(task(2)["extended_from"], "2024-12-31");
    assert_eq!(task(3)["extended_from"], serde_json::Value::Null);
    // The circular of Q2, recomputed after the extensions, is the one issued.
    assert_eq!(circular("2024-09-04"), issued);
    let o = on("2024-09-04", &["check", "--db", cli::p(path)]);
    assert!(o.status.success(), "{}", cli::out(&o));
}

#[test]
fn extend_refuses_in_one_line_what_cannot_be() {
    let f = common::fixture();
    let path = f.path.as_path();
    me(
        path,
        "2024-06-01",
        ClerkRole::Editor,
        Some("区经济和信息化局"),
    );
    let req = |day: &str, to: &str, reason: &str| {
        extend(
            path,
            day,
            &["request", "--task", "1", "--to", to, "--reason", reason],
        )
    };
    cli::assert_refused(&req("2024-06-01", "2024-02-30", "x"), 2, "无法识别");
    cli::assert_refused(
        &req("2024-06-01", "2024-05-01", "x"),
        2,
        "须晚于现在的期限 2024-06-30",
    );
    cli::assert_refused(&req("2024-06-01", "9999-01-01", "x"), 2, "超出范围");
    cli::assert_refused(&req("2024-07-01", "2024-09-30", "x"), 2, "由管理员补办");
    cli::assert_refused(&req("2024-06-01", "2024-09-30", "\u{1b}[31m红"), 2, "");
    let huge = "很".repeat(20_000);
    cli::assert_refused(&req("2024-06-01", "2024-09-30", &huge), 2, "");
    cli::assert_refused(
        &extend(
            path,
            "2024-06-01",
            &[
                "request",
                "--task",
                "2",
                "--to",
                "2025-01-31",
                "--reason",
                "x",
            ],
        ),
        2,
        "不是这项任务的责任单位",
    );
    cli::assert_refused(
        &extend(
            path,
            "2024-06-01",
            &["refuse", "--task", "1", "--reason", "x"],
        ),
        2,
        "只有督查科的管理员",
    );
    ok(&req("2024-06-01", "2024-09-30", "设备到货延迟"));
    cli::assert_refused(
        &req("2024-06-01", "2024-10-31", "x"),
        2,
        "正在等待督查科审批",
    );
    me(
        path,
        "2024-06-02",
        ClerkRole::Viewer,
        Some("区经济和信息化局"),
    );
    cli::assert_refused(&req("2024-06-02", "2024-10-31", "x"), 2, "只能查看");
    // Nothing was written by any refusal: one request in the journal.
    let db = Db::open(path).unwrap();
    assert_eq!(db.extension_history(T1, None).unwrap().len(), 1);
}
