//! Batch entry for the supervision office: several rows marked with Space, one percent or note
//! for all of them, written in one transaction (all or nothing), each row journaled and
//! permission-checked as a single save is.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ui.rs"]
mod support;

use duban::domain::Percent;
use duban::store::{Db, ProgressReport, StoreError};
use support::{NOW, demo};

fn department_id(db: &Db, name: &str) -> i64 {
    db.departments()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

/// The first `n` tasks of a department, with their current versions there.
fn parts(db: &Db, dept: i64, n: usize) -> Vec<(i64, i64, i64)> {
    db.tasks(duban::store::Scope {
        department: Some(dept),
        as_of: None,
    })
    .unwrap()
    .into_iter()
    .take(n)
    .map(|t| {
        let a = db.assignment(t.id, dept).unwrap().unwrap();
        (t.id, dept, a.version)
    })
    .collect()
}

fn report(
    (task, dept, version): (i64, i64, i64),
    percent: i64,
    note: &str,
    by: &str,
) -> ProgressReport {
    ProgressReport {
        task_id: task,
        department_id: dept,
        percent: Percent::new(percent).unwrap(),
        note: note.into(),
        by: by.into(),
        at: NOW,
        expected_version: version,
    }
}

fn journal_len(db: &Db, (task, dept, _): (i64, i64, i64)) -> usize {
    db.history(task, dept).unwrap().len()
}

fn check_is_clean(path: &std::path::Path) {
    let out = cli::duban(&["check", "--db", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "duban check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_batch_writes_every_row_journaled_and_the_chain_checks() {
    let (dir, mut db) = demo();
    let jxj = department_id(&db, "区经信局");
    let rows = parts(&db, jxj, 3);
    let before: Vec<usize> = rows.iter().map(|r| journal_len(&db, *r)).collect();
    let reports: Vec<ProgressReport> = rows
        .iter()
        .map(|r| report(*r, 55, "进展情况:统一调度", "zhangli"))
        .collect();
    let saved = db.report_batch(&reports).unwrap();
    assert_eq!(saved.len(), 3);
    for (i, r) in rows.iter().enumerate() {
        let history = db.history(r.0, r.1).unwrap();
        assert_eq!(history.len(), before[i] + 1, "one journal row each");
        let last = history.last().unwrap();
        assert_eq!(last.percent.value(), 55);
        assert_eq!(last.note, "进展情况:统一调度");
        assert_eq!(last.reported_by, "zhangli");
        assert_eq!(saved[i].entry_id, last.id);
        let now = db.assignment(r.0, r.1).unwrap().unwrap();
        assert_eq!((now.percent.value(), now.version), (55, r.2 + 1));
    }
    // Each row of the batch is undoable as a single save is.
    db.undo_progress(saved[1].entry_id, "zhangli", NOW).unwrap();
    drop(db);
    check_is_clean(&dir.path().join("demo.db"));
}

#[test]
fn one_refused_row_writes_nothing_and_names_the_row() {
    let (dir, mut db) = demo();
    let jxj = department_id(&db, "区经信局");
    let fgj = department_id(&db, "区发改局");
    let mut rows = parts(&db, jxj, 2);
    rows.push(parts(&db, fgj, 1)[0]);
    let lens: Vec<usize> = rows.iter().map(|r| journal_len(&db, *r)).collect();
    // zhangli (区经信局's editor) may not report for 区发改局: the third row is refused.
    let reports: Vec<ProgressReport> = rows.iter().map(|r| report(*r, 70, "", "zhangli")).collect();
    let err = db.report_batch(&reports).unwrap_err();
    assert_eq!(err.row, Some(2));
    assert!(matches!(err.error, StoreError::Forbidden { .. }), "{err:?}");
    // A stale version (another clerk saved the first row meanwhile) refuses the whole batch too.
    let mut stale = reports.clone();
    stale.truncate(2);
    stale[1].expected_version -= 1;
    let err = db.report_batch(&stale).unwrap_err();
    assert_eq!(err.row, Some(1));
    assert!(matches!(err.error, StoreError::Conflict(_)), "{err:?}");
    // Text with a control character is refused, by row, like a single save's.
    let mut bad = reports.clone();
    bad.truncate(2);
    bad[0].note = "进展\u{1b}[2J".into();
    let err = db.report_batch(&bad).unwrap_err();
    assert_eq!(err.row, Some(0));
    for (r, len) in rows.iter().zip(&lens) {
        assert_eq!(journal_len(&db, *r), *len, "nothing written for {r:?}");
        assert_eq!(db.assignment(r.0, r.1).unwrap().unwrap().version, r.2);
    }
    drop(db);
    check_is_clean(&dir.path().join("demo.db"));
}
