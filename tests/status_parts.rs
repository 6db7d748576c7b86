//! `duban status` over a big file reads the plan in parts side by side, each on its own
//! connection (report::status::Rolled::in_parts): the figures must be the ones one pass gives.

use chrono::NaiveDate;
mod common;

use duban::report::status::{self, Split};
use duban::store::Scope;

#[test]
fn parts_read_side_by_side_add_up_to_one_pass() {
    let (_dir, path, db) = common::generated(3000, 60, 11);
    // A deleted task, and one without units, at the edges of the parts.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "UPDATE task SET deleted_at = '2026-03-02T00:00:00Z' WHERE id IN (1000, 1001);
         INSERT INTO task (id, plan_id, number, title, position, created_at, updated_at)
         VALUES (3001, 1, '999', '无单位的任务', 3001,
                 '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z');",
    )
    .unwrap();
    drop(raw);

    let one_pass = Split {
        from: i64::MAX,
        parts: 1,
    };
    for today in ["2026-01-05", "2026-06-15", "2026-12-31"] {
        let today: NaiveDate = today.parse().unwrap();
        let whole = status::build_split(&db, today, Scope::default(), one_pass).unwrap();
        assert_eq!(whole.read_in_parts, 1);
        assert!(
            whole.total.red + whole.total.yellow > 0,
            "figures to compare"
        );
        for parts in [2, 3, 7] {
            let split = Split { from: 0, parts };
            let mut side_by_side =
                status::build_split(&db, today, Scope::default(), split).unwrap();
            assert_eq!(
                side_by_side.read_in_parts, parts,
                "read in parts, not one pass"
            );
            side_by_side.read_in_parts = 1;
            assert_eq!(side_by_side, whole, "{parts} parts on {today}");
        }
    }
}
