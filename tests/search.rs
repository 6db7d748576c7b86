//! The filter's in-memory corpus (`TaskIndex`) finds exactly what `Db::task_keys` finds in SQL,
//! with the same sort keys and completions, before and after edits; and the change stamp moves
//! with writes from this connection and from another one.

mod common;

use duban::domain::Percent;
use duban::store::{Db, ProgressReport, Scope, TaskQuery};

fn database() -> (tempfile::TempDir, std::path::PathBuf, Db) {
    common::generated(2000, 40, 3)
}

/// Texts a clerk would type, and the ones `LIKE` treats specially.
fn needles(db: &Db) -> Vec<String> {
    let names = db.department_names().unwrap();
    let mut out: Vec<String> = [
        "",
        "建",
        "建设",
        "区",
        "3",
        "(二)",
        "  建设 ",
        "%",
        "_",
        "\\",
        "abc",
        "ABC",
        "x%y",
        "简称",
        "没有这个词",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.push(names[0].name.clone());
    out.push(names[5].name.chars().skip(1).collect());
    out
}

fn assert_same(db: &Db, department: Option<i64>) {
    let index = db.task_index().unwrap();
    let all = db
        .task_keys(&TaskQuery {
            scope: Scope {
                department,
                ..Scope::default()
            },
            ..TaskQuery::default()
        })
        .unwrap()
        .len();
    let mut narrowing = 0;
    for text in needles(db) {
        let q = TaskQuery {
            text: text.clone(),
            scope: Scope {
                department,
                ..Scope::default()
            },
        };
        let want = db.task_keys(&q).unwrap();
        let got = index.keys(&q);
        assert_eq!(
            got.len(),
            want.len(),
            "{text:?} in {department:?}: counts differ"
        );
        assert_eq!(got, want, "{text:?} in {department:?}");
        narrowing += usize::from(!want.is_empty() && want.len() < all);
    }
    assert!(
        narrowing >= 5,
        "the needles must find something: {narrowing}"
    );
}

#[test]
fn the_corpus_finds_what_sql_finds() {
    let (_dir, path, db) = database();
    assert_same(&db, None);
    assert_same(&db, Some(2));

    // Edits the corpus must follow, written around duban as another program would.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "UPDATE task SET title = 'ABC_x%y 数据\\平台' WHERE id = 7;
         UPDATE task SET number = '(二)9' WHERE id = 8;
         UPDATE task SET position = -1 WHERE id = 1500; -- plan order is no longer id order
         UPDATE task SET deleted_at = '2026-03-02T00:00:00Z' WHERE id = 9;
         INSERT INTO department_alias (department_id, alias) VALUES (3, '简称三');
         UPDATE assignment SET percent = 55 WHERE task_id = 10;
         INSERT INTO task (id, plan_id, number, title, position, created_at, updated_at)
         VALUES (5000, 1, '999', '无单位的任务', 5000,
                 '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z');",
    )
    .unwrap();
    drop(raw);
    assert_same(&db, None);
    assert_same(&db, Some(3));
    let index = db.task_index().unwrap();
    let all = index.keys(&TaskQuery::default());
    assert!(all.iter().all(|k| k.id != 9), "a deleted task is left out");
    assert_eq!(
        all.iter().find(|k| k.id == 5000).map(|k| k.completion),
        Some(None),
        "a task without units has no completion"
    );
}

#[test]
fn the_stamp_moves_with_every_write() {
    let (_dir, path, mut db) = database();
    let index = db.task_index().unwrap();
    assert!(index.is_current(db.change_stamp().unwrap()));

    // This connection's own write.
    let state = db.assignment(1, first_unit(&db, 1)).unwrap().unwrap();
    db.report_progress(&ProgressReport {
        task_id: 1,
        department_id: first_unit(&db, 1),
        percent: Percent::new(42).unwrap(),
        note: String::new(),
        by: "admin".into(),
        at: common::at("2026-11-23T09:00:00"),
        expected_version: state.version,
    })
    .unwrap();
    assert!(!index.is_current(db.change_stamp().unwrap()));
    let index = db.task_index().unwrap();
    let task = |index: &duban::store::TaskIndex| {
        index
            .keys(&TaskQuery::default())
            .into_iter()
            .find(|k| k.id == 1)
            .unwrap()
    };
    assert_eq!(
        task(&index),
        db.task_keys(&TaskQuery::default()).unwrap()[0]
    );

    // Another connection's write.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE task SET title = '新的标题' WHERE id = 2", [])
        .unwrap();
    assert!(!index.is_current(db.change_stamp().unwrap()));
    let found = db.task_index().unwrap().keys(&TaskQuery {
        text: "新的标题".into(),
        ..TaskQuery::default()
    });
    assert_eq!(found.iter().map(|k| k.id).collect::<Vec<_>>(), vec![2]);
}

fn first_unit(db: &Db, task: i64) -> i64 {
    db.task_detail(task, None).unwrap().unwrap().units[0].department_id
}
