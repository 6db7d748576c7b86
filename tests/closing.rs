//! Closing a task (办结销号, issue 22): every transition and refusal in the store and through
//! `duban close`, the state as of each day, the closing journal in the hash chain and `check`,
//! and a file of schema 7 brought to 8 with its chain intact.

#[path = "support/cli.rs"]
mod cli;

mod common;

use common::at;
use duban::domain::{Closing, ClosingRefusal, ClosingStep, Denied};
use duban::store::{ClosingAction, Db, StoreError};

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
    let queue = db.closings(None, true).unwrap();
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
        .closings(None, true)
        .unwrap()
        .iter()
        .map(|i| i.task.id)
        .collect();
    assert_eq!(queue, [T1]);
    let all: Vec<(i64, Closing)> = db
        .closings(None, false)
        .unwrap()
        .iter()
        .map(|i| (i.task.id, i.state))
        .collect();
    assert_eq!(all, [(T1, Closing::Pending), (T5, Closing::Closed)]);
    // As of the day before the approval, both waited; before any step, nothing.
    let then: Vec<(i64, Closing)> = db
        .closings(Some(at("2024-09-03T00:00:00")), false)
        .unwrap()
        .iter()
        .map(|i| (i.task.id, i.state))
        .collect();
    assert_eq!(then, [(T5, Closing::Pending), (T1, Closing::Pending)]);
    assert!(
        db.closings(Some(at("2024-09-01T00:00:00")), false)
            .unwrap()
            .is_empty()
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
        c.execute_batch(
            "DROP TRIGGER closing_link; DROP TRIGGER closing_append_only;
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
