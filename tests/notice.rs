//! 督办单 (issue 22) in the store: numbers within the year (a year change, a changed pattern, two
//! writers at once on two handles), who may issue, reply and review, the ladder (an overdue
//! notice proposes the next level and a follower escalates it), proposals from the lights with
//! the notice settings, reads as of an instant, the journals in the hash chain, and the
//! circular's counts.

mod common;

use std::sync::{Arc, Barrier};

use common::{at, day};
use duban::domain::{ClerkRole, Denied, NoticeLevel as Level, NoticeRefusal, NoticeState};
use duban::store::{Clerk, Db, NewNotice, NoticeAction, NoticeCounts, StoreError};

/// The fixture's tasks: 1 区经济和信息化局 leads (100% since 2024-08-01, deadline 2024-06-30),
/// 区发改局 assists; 2 区发改局 leads at 40% (due 2024-12-31), 星海街道 assists; 3 星海街道
/// leads at 45% (the plan's end); 5 城建公司 alone at 100%.
const T1: i64 = 1;
const T2: i64 = 2;
const T3: i64 = 3;

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

fn new(task_id: i64, department_id: i64, level: Level, reply_by: &str) -> NewNotice<'static> {
    NewNotice {
        task_id,
        department_id,
        level,
        reason: "逾期未完成",
        required: "报送整改方案",
        reply_by: day(reply_by),
    }
}

fn refusal(e: StoreError) -> NoticeRefusal {
    match e {
        StoreError::Notice(r) => r,
        other => panic!("expected a notice refusal, got {other:?}"),
    }
}

#[test]
fn numbers_run_within_the_year_start_again_in_the_next_and_keep_the_pattern_they_had() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let (fgj, xh) = (dept(&db, "区发改局"), dept(&db, "星海街道"));
    let a = db
        .issue_notice(
            &new(T2, fgj, Level::Blue, "2025-01-05"),
            "bob",
            at("2024-12-30T02:00:00"),
            day("2024-12-30"),
        )
        .unwrap();
    let b = db
        .issue_notice(
            &new(T3, xh, Level::Blue, "2025-01-05"),
            "bob",
            at("2024-12-31T02:00:00"),
            day("2024-12-31"),
        )
        .unwrap();
    assert_eq!(
        (a.year, a.seq, a.number.as_str()),
        (2024, 1, "督办〔2024〕第1号")
    );
    assert_eq!(
        (b.year, b.seq, b.number.as_str()),
        (2024, 2, "督办〔2024〕第2号")
    );
    // A new year, a new pattern: numbers start again at 1; the old ones keep their text.
    db.set_settings(
        &[(
            "notice.number_pattern".to_string(),
            "青督〔{year}〕{n}号".to_string(),
        )],
        "bob",
        at("2025-01-01T01:00:00"),
    )
    .unwrap();
    let c = db
        .issue_notice(
            &new(T2, fgj, Level::Yellow, "2025-01-10"),
            "bob",
            at("2025-01-02T02:00:00"),
            day("2025-01-02"),
        )
        .unwrap();
    assert_eq!(
        (c.year, c.seq, c.number.as_str()),
        (2025, 1, "青督〔2025〕1号")
    );
    assert_eq!(
        db.notice(a.id, None).unwrap().unwrap().number,
        "督办〔2024〕第1号"
    );
    // It followed the blue one still waiting (a level up): that one stands escalated.
    assert_eq!(c.follows.as_ref().map(|f| f.0), Some(a.id));
    let a_now = db.notice(a.id, None).unwrap().unwrap();
    assert_eq!(a_now.state, NoticeState::Escalated);
    assert_eq!(
        a_now.followed_by.map(|f| f.1).as_deref(),
        Some("青督〔2025〕1号")
    );
    assert_eq!(
        db.notice_ids_by_number("督办〔2024〕第2号").unwrap(),
        [b.id]
    );
}

#[test]
fn two_writers_issuing_at_once_never_get_the_same_number() {
    let f = common::fixture();
    let db = Db::open(&f.path).unwrap();
    let places = [
        (T1, dept(&db, "区经济和信息化局")),
        (T2, dept(&db, "区发改局")),
        (T3, dept(&db, "星海街道")),
    ];
    drop(db);
    let start = Arc::new(Barrier::new(places.len()));
    let handles: Vec<_> = places
        .into_iter()
        .map(|(task, department)| {
            let path = f.path.clone();
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let mut db = Db::open(&path).unwrap();
                start.wait();
                // Each climbs its own ladder: each notice follows the one before, a level up.
                Level::ALL
                    .iter()
                    .map(|&level| {
                        db.issue_notice(
                            &new(task, department, level, "2024-09-20"),
                            "bob",
                            // After the fixture's last row: the chain's times only go forward.
                            at("2024-09-10T02:00:00"),
                            day("2024-09-10"),
                        )
                        .unwrap()
                        .seq
                    })
                    .collect::<Vec<i64>>()
            })
        })
        .collect();
    let mut seqs: Vec<i64> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=9).collect::<Vec<i64>>());
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn who_may_issue_reply_and_review() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let (jxj, xh, fgj) = (
        dept(&db, "区经济和信息化局"),
        dept(&db, "星海街道"),
        dept(&db, "区发改局"),
    );
    db.add_clerk(
        &Clerk {
            username: "vera".into(),
            display_name: None,
            department_id: Some(jxj),
            role: ClerkRole::Viewer,
        },
        "bob",
        at("2024-07-01T00:00:00"),
    )
    .unwrap();
    let now = at("2024-07-10T02:00:00");
    let today = day("2024-07-10");
    // Issuing is the office's: an editor, a viewer and a stranger are refused.
    let e = db
        .issue_notice(&new(T1, jxj, Level::Red, "2024-07-15"), "alice", now, today)
        .unwrap_err();
    assert_eq!(refusal(e), NoticeRefusal::Denied(Denied::NotAdmin));
    assert!(matches!(
        db.issue_notice(
            &new(T1, jxj, Level::Red, "2024-07-15"),
            "mallory",
            now,
            today
        ),
        Err(StoreError::Forbidden {
            why: Denied::NotAClerk,
            ..
        })
    ));
    // Not a unit of the task; a reply-by date already past; a reason of spaces; a control
    // character.
    let e = db
        .issue_notice(&new(T1, xh, Level::Red, "2024-07-15"), "bob", now, today)
        .unwrap_err();
    assert_eq!(refusal(e), NoticeRefusal::NotAUnit);
    let e = db
        .issue_notice(&new(T1, jxj, Level::Red, "2024-07-09"), "bob", now, today)
        .unwrap_err();
    assert!(matches!(refusal(e), NoticeRefusal::ReplyByPast { .. }));
    let mut blank = new(T1, jxj, Level::Red, "2024-07-15");
    blank.reason = "  ";
    assert_eq!(
        refusal(db.issue_notice(&blank, "bob", now, today).unwrap_err()),
        NoticeRefusal::EmptyReason
    );
    let mut escape = new(T1, jxj, Level::Red, "2024-07-15");
    escape.required = "\u{1b}[2J清屏";
    assert!(matches!(
        db.issue_notice(&escape, "bob", now, today),
        Err(StoreError::Edit(_))
    ));

    let n = db
        .issue_notice(&new(T1, jxj, Level::Red, "2024-07-15"), "bob", now, today)
        .unwrap();
    let other = db
        .issue_notice(
            &new(T2, fgj, Level::Yellow, "2024-07-15"),
            "bob",
            now,
            today,
        )
        .unwrap();
    // The same level again while it is in time: refused, naming the one standing.
    let e = db
        .issue_notice(&new(T1, jxj, Level::Red, "2024-07-20"), "bob", now, today)
        .unwrap_err();
    assert!(matches!(
        refusal(e),
        NoticeRefusal::AlreadyOpen { ref number, .. } if *number == n.number
    ));
    let reply = NoticeAction::Reply {
        text: "已召开专题会",
    };
    // Another department's editor, a viewer of the unit: refused.
    assert!(matches!(
        db.notice_step(other.id, &reply, "alice", now),
        Err(StoreError::Forbidden {
            why: Denied::OtherDepartment,
            ..
        })
    ));
    assert!(matches!(
        db.notice_step(n.id, &reply, "vera", now),
        Err(StoreError::Forbidden {
            why: Denied::Viewer,
            ..
        })
    ));
    let e = db
        .notice_step(n.id, &NoticeAction::Accept { note: "" }, "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), NoticeRefusal::NotAnswered(NoticeState::Open));
    db.notice_step(n.id, &reply, "alice", now).unwrap();
    let e = db.notice_step(n.id, &reply, "alice", now).unwrap_err();
    assert_eq!(refusal(e), NoticeRefusal::AlreadyAnswered);
    // Review is the office's.
    let e = db
        .notice_step(n.id, &NoticeAction::Accept { note: "" }, "alice", now)
        .unwrap_err();
    assert_eq!(refusal(e), NoticeRefusal::Denied(Denied::NotAdmin));
    let e = db
        .notice_step(n.id, &NoticeAction::Return { reason: " " }, "bob", now)
        .unwrap_err();
    assert_eq!(refusal(e), NoticeRefusal::EmptyReason);
    db.notice_step(
        n.id,
        &NoticeAction::Return {
            reason: "未说明完成时间",
        },
        "bob",
        now,
    )
    .unwrap();
    assert_eq!(
        db.notice(n.id, None).unwrap().unwrap().state,
        NoticeState::Returned
    );
    db.notice_step(n.id, &reply, "alice", now).unwrap();
    db.notice_step(n.id, &NoticeAction::Accept { note: "" }, "bob", now)
        .unwrap();
    let closed = db.notice(n.id, None).unwrap().unwrap();
    assert_eq!(closed.state, NoticeState::Closed);
    assert_eq!(closed.steps.len(), 4);
    let e = db.notice_step(n.id, &reply, "alice", now).unwrap_err();
    assert_eq!(refusal(e), NoticeRefusal::AlreadyClosed);
    assert!(matches!(
        db.notice_step(999, &reply, "bob", now),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn an_overdue_notice_proposes_the_next_level_and_the_follower_escalates_it_as_of_each_day() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let fgj = dept(&db, "区发改局");
    // 2024-12-28: 区发改局 at 40% on task 2, due 2024-12-31: behind, so yellow.
    let proposals = db.notice_proposals(day("2024-12-28"), Some(fgj)).unwrap();
    let p = proposals.iter().find(|p| p.task.id == T2).unwrap();
    assert_eq!(p.proposal.level, Level::Yellow);
    assert!(p.follows.is_none());
    let yellow = db
        .issue_notice(
            &new(T2, fgj, Level::Yellow, "2024-12-30"),
            "bob",
            at("2024-12-28T02:00:00"),
            day("2024-12-28"),
        )
        .unwrap();
    // Issued and in time: nothing more is proposed for it.
    let again = db.notice_proposals(day("2024-12-29"), Some(fgj)).unwrap();
    assert!(again.iter().all(|p| p.task.id != T2), "{again:?}");
    // Past its reply-by date unanswered (and the task overdue too): red, following it.
    let late = db
        .notice_proposal(T2, fgj, day("2025-01-02"))
        .unwrap()
        .unwrap();
    assert_eq!(late.proposal.level, Level::Red);
    assert!(late.proposal.unanswered);
    assert_eq!(late.follows.as_ref().map(|s| s.id), Some(yellow.id));
    assert_eq!(
        db.notice_counts(None, day("2025-01-02"), Some(fgj), None)
            .unwrap(),
        NoticeCounts {
            issued: 1,
            awaiting: 1,
            overdue: 1,
            ..NoticeCounts::default()
        }
    );
    let red = db
        .issue_notice(
            &new(T2, fgj, Level::Red, "2025-01-06"),
            "bob",
            at("2025-01-02T02:00:00"),
            day("2025-01-02"),
        )
        .unwrap();
    assert_eq!(red.follows.as_ref().map(|f| f.0), Some(yellow.id));
    // The escalated one takes no reply: the unit answers the red one.
    let e = db
        .notice_step(
            yellow.id,
            &NoticeAction::Reply { text: "已整改" },
            "bob",
            at("2025-01-03T02:00:00"),
        )
        .unwrap_err();
    assert_eq!(
        refusal(e),
        NoticeRefusal::Escalated {
            by: red.number.clone()
        }
    );
    // A red left unanswered proposes red again, following it (red stays red).
    let p = db
        .notice_proposal(T2, fgj, day("2025-01-08"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.proposal.level, p.follows.map(|s| s.id)),
        (Level::Red, Some(red.id))
    );
    db.notice_step(
        red.id,
        &NoticeAction::Reply { text: "已整改" },
        "bob",
        at("2025-01-09T02:00:00"),
    )
    .unwrap();
    // As of each instant: before the red, the yellow was open; after, escalated; the red
    // answered only from the 9th.
    let state = |id, when: &str| db.notice(id, Some(at(when))).unwrap().map(|n| n.state);
    assert_eq!(state(yellow.id, "2024-12-28T01:00:00"), None);
    assert_eq!(
        state(yellow.id, "2025-01-01T00:00:00"),
        Some(NoticeState::Open)
    );
    assert_eq!(
        state(yellow.id, "2025-01-03T00:00:00"),
        Some(NoticeState::Escalated)
    );
    assert_eq!(
        state(red.id, "2025-01-08T00:00:00"),
        Some(NoticeState::Open)
    );
    assert_eq!(
        state(red.id, "2025-01-10T00:00:00"),
        Some(NoticeState::Answered)
    );
    let listed = db
        .department_notices(fgj, Some(at("2025-01-03T00:00:00")))
        .unwrap();
    assert_eq!(
        listed.iter().map(|n| n.id).collect::<Vec<_>>(),
        [red.id, yellow.id]
    );
    assert_eq!(db.task_notices(T2, None).unwrap().len(), 2);
    // Both journals are in the chain, which holds.
    drop(db);
    let report = duban::store::maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let links: i64 = c
        .query_row(
            "SELECT count(*) FROM chain WHERE journal IN ('notice', 'notice_step')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(links, 3);
    // A changed row breaks it: the append-only trigger refuses, and around it, check sees it.
    assert!(
        c.execute("UPDATE notice SET reason = 'x' WHERE id = ?1", [red.id])
            .is_err()
    );
}

#[test]
fn proposals_follow_the_notice_settings() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let (fgj, xh) = (dept(&db, "区发改局"), dept(&db, "星海街道"));
    let levels = |db: &Db, d: &str| -> Vec<(i64, i64, Level)> {
        db.notice_proposals(day(d), None)
            .unwrap()
            .iter()
            .map(|p| (p.task.id, p.department_id, p.proposal.level))
            .collect()
    };
    // 2024-07-15: expected 53; 区发改局 40% (13 behind), 星海街道 45% (8 behind); the default
    // asks for more than 20: nothing. Task 1's lead is at 100% now, task 5's too.
    assert_eq!(levels(&db, "2024-07-15"), []);
    db.set_settings(
        &[("notice.yellow_behind".to_string(), "10".to_string())],
        "bob",
        at("2024-07-01T00:00:00"),
    )
    .unwrap();
    assert_eq!(levels(&db, "2024-07-15"), [(T2, fgj, Level::Yellow)]);
    // Near the deadline, not behind by the setting: blue, within notice.blue_days_before.
    db.set_settings(
        &[
            ("notice.yellow_behind".to_string(), "100".to_string()),
            ("notice.blue_days_before".to_string(), "3".to_string()),
        ],
        "bob",
        at("2024-07-02T00:00:00"),
    )
    .unwrap();
    assert_eq!(levels(&db, "2024-12-27"), []);
    assert_eq!(
        levels(&db, "2024-12-28"),
        [(T2, fgj, Level::Blue), (T3, xh, Level::Blue)]
    );
    // Overdue: red, most pressing first. Co-units are not measured (星海街道 on task 2).
    assert_eq!(
        levels(&db, "2025-01-02"),
        [(T2, fgj, Level::Red), (T3, xh, Level::Red)]
    );
}

#[test]
fn the_circular_counts_each_departments_notices_in_its_period() {
    use duban::report::circular;
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let (fgj, xh) = (dept(&db, "区发改局"), dept(&db, "星海街道"));
    // Q3: one to 区发改局, answered and accepted in Q3; one to 星海街道, never answered.
    let a = db
        .issue_notice(
            &new(T2, fgj, Level::Yellow, "2024-08-10"),
            "bob",
            at("2024-08-01T02:00:00"),
            day("2024-08-01"),
        )
        .unwrap();
    db.notice_step(
        a.id,
        &NoticeAction::Reply { text: "已整改" },
        "bob",
        at("2024-08-05T02:00:00"),
    )
    .unwrap();
    db.notice_step(
        a.id,
        &NoticeAction::Accept { note: "" },
        "bob",
        at("2024-08-06T02:00:00"),
    )
    .unwrap();
    db.issue_notice(
        &new(T3, xh, Level::Blue, "2024-09-10"),
        "bob",
        at("2024-09-01T02:00:00"),
        day("2024-09-01"),
    )
    .unwrap();
    let q = |p: &str| {
        circular::build(&db, p.parse().unwrap(), day("2025-01-15"), None)
            .unwrap()
            .unwrap()
    };
    let q3 = q("2024-Q3");
    let line = |c: &circular::Circular, name: &str| {
        c.departments
            .iter()
            .find(|d| d.name == name)
            .unwrap()
            .notices
    };
    let fgj_q3 = line(&q3, "区发改局");
    assert_eq!(
        (
            fgj_q3.issued,
            fgj_q3.answered,
            fgj_q3.closed,
            fgj_q3.overdue
        ),
        (1, 1, 1, 0)
    );
    let xh_q3 = line(&q3, "星海街道");
    assert_eq!((xh_q3.issued, xh_q3.overdue), (1, 1));
    assert_eq!((q3.notices.issued, q3.notices.overdue), (2, 1));
    // Q4: nothing issued, the unanswered one still overdue at its end.
    let q4 = q("2024-Q4");
    assert_eq!((q4.notices.issued, q4.notices.overdue), (0, 1));
    // Q2 was before any: no table in its text.
    let q2 = q("2024-Q2");
    assert!(!q2.notices.any());
    let text = {
        let mut out = Vec::new();
        let red = duban::report::circular_text::RedTasks::new(duban::i18n::Lang::Zh).unwrap();
        duban::report::circular_text::write_markdown(&q3, red, duban::i18n::Lang::Zh, &mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    };
    assert!(text.contains("| 区发改局 | 1 | 1 | 1 | 0 |"), "{text}");
    assert!(text.contains("| 合计 | 2 | 1 | 1 | 1 |"), "{text}");
}
