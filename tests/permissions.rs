//! Who may report progress, in the store, below both the TUI and the CLI: every role against
//! its own department's assignment and another's. (Plan, department, clerk and import writes:
//! tests/admin.rs; undo: tests/journal.rs; spreadsheets: tests/sheet.rs; restore:
//! tests/maintenance.rs.)

mod common;

use common::{at, fixture};
use duban::domain::{ClerkRole, Denied, Percent};
use duban::store::{Db, ProgressReport, Scope, StoreError};

#[test]
fn each_role_reports_only_where_it_may_and_a_refusal_changes_nothing() {
    let f = fixture();
    let mut db = Db::open(&f.path).unwrap();
    db.load(at("2024-07-01T00:00:00"), |w| {
        w.clerk("vic", None, None, ClerkRole::Viewer)
    })
    .unwrap();
    // alice is 区经济和信息化局's editor (department 1); bob an admin.
    let mut own = None;
    let mut other = None;
    for t in db.tasks(Scope::default()).unwrap() {
        for u in &t.units {
            if u.department_id == 1 && own.is_none() {
                own = Some((t.id, u.department_id));
            } else if u.department_id != 1 && other.is_none() {
                other = Some((t.id, u.department_id));
            }
        }
    }
    let (own, other) = (own.unwrap(), other.unwrap());
    let count = || -> i64 {
        rusqlite::Connection::open(&f.path)
            .unwrap()
            .query_row("SELECT count(*) FROM progress", [], |r| r.get(0))
            .unwrap()
    };
    let cases = [
        ("alice", own, Ok(())),
        ("alice", other, Err(Denied::OtherDepartment)),
        ("bob", other, Ok(())),
        ("vic", own, Err(Denied::Viewer)),
        ("mallory", own, Err(Denied::NotAClerk)),
    ];
    for (user, (task, dept), want) in cases {
        let before = count();
        let version = db.assignment(task, dept).unwrap().unwrap().version;
        let got = db.report_progress(&ProgressReport {
            task_id: task,
            department_id: dept,
            percent: Percent::new(77).unwrap(),
            note: format!("{user} 的报送"),
            by: user.into(),
            at: at("2024-07-02T00:00:00"),
            expected_version: version,
        });
        match (got, want) {
            (Ok(_), Ok(())) => assert_eq!(count(), before + 1, "{user}"),
            (Err(StoreError::Forbidden { user: u, why }), Err(w)) => {
                assert_eq!((u.as_str(), why), (user, w));
                assert_eq!(count(), before, "{user}: nothing written");
            }
            (got, want) => panic!("{user} on ({task}, {dept}): got {got:?}, wanted {want:?}"),
        }
    }
}
