//! Plan editing by the supervision office (store/admin): permissions, audit rows, optimistic
//! locking of tasks, deletion that keeps history, department merges, the last admin, imports.
//! The fixture (tests/common): alice is an editor of 区经济和信息化局, bob the admin.

#[path = "support/cli.rs"]
mod cli;

mod common;

use chrono::{DateTime, Utc};
use common::{Fixture, at, day, fixture};
use duban::domain::{ClerkRole, Denied, Percent, Resolution, Role, resolve};
use duban::import::units::match_existing;
use duban::import::{PlanDraft, TaskDraft, UnitRef};
use duban::store::{
    AuditEntry, Clerk, Db, DepartmentKind, EditRefusal, JournalQuery, NewPlan, NewTaskSpec,
    ProgressReport, Scope, StoreError, TaskQuery,
};
use serde_json::json;

const JXJ: i64 = 1; // 区经济和信息化局 (alias 经信局)
const FGJ: i64 = 2; // 区发改局
const XH: i64 = 3; // 星海街道
const CJ: i64 = 4; // 城建公司

fn now() -> DateTime<Utc> {
    at("2024-07-01T08:00:00")
}

fn open(f: &Fixture) -> Db {
    Db::open(&f.path).unwrap()
}

/// Every row of every table, as text, sorted: "nothing changed" means this is equal.
fn snapshot(f: &Fixture) -> Vec<String> {
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rows = Vec::new();
    for t in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            rows.push(format!("{t}: {}", cells.join(" | ")));
        }
    }
    rows.sort();
    rows
}

fn audit_rows(f: &Fixture) -> i64 {
    let c = rusqlite::Connection::open(&f.path).unwrap();
    c.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

fn last_audit(db: &Db, entity: &str, id: &str) -> AuditEntry {
    db.audit_trail(entity, id)
        .unwrap()
        .pop()
        .unwrap_or_else(|| panic!("no audit row for {entity} {id}"))
}

fn spec(title: &str, units: Vec<(i64, Role)>) -> NewTaskSpec {
    NewTaskSpec {
        plan_id: 1,
        section_id: None,
        number: "6".into(),
        title: title.into(),
        body: "正文".into(),
        deadline: Some(day("2024-09-30")),
        deadline_text: Some("9月底前".into()),
        weight: 1.0,
        units,
    }
}

fn edit_refusal<T: std::fmt::Debug>(r: Result<T, StoreError>) -> EditRefusal {
    match r {
        Err(StoreError::Edit(why)) => why,
        other => panic!("expected an edit refusal, got {other:?}"),
    }
}

fn tiny_draft() -> PlanDraft {
    PlanDraft {
        title: "新计划".into(),
        doc_no: None,
        issued_on: None,
        starts_on: day("2025-01-01"),
        ends_on: day("2025-12-31"),
        common_units_note: None,
        sections: Vec::new(),
        tasks: vec![TaskDraft {
            number: "1".into(),
            title: "新任务".into(),
            body: String::new(),
            section: None,
            units: vec![UnitRef {
                name: "区发改局".into(),
                role: Role::Lead,
            }],
            deadline: None,
            line: 1,
            project: None,
            milestones: Vec::new(),
        }],
        indicators: Vec::new(),
        doubts: Vec::new(),
        mappings: Vec::new(),
    }
}

#[test]
fn every_write_is_refused_for_editors_viewers_and_strangers_and_nothing_changes() {
    let f = fixture();
    let mut db = open(&f);
    db.load(now(), |w| w.clerk("vic", None, None, ClerkRole::Viewer))
        .unwrap();
    let before = snapshot(&f);
    let version = db.task_for_edit(2).unwrap().version;
    for (user, why) in [
        ("alice", Denied::NotAdmin),
        ("vic", Denied::NotAdmin),
        ("mallory", Denied::NotAClerk),
    ] {
        let forbidden = |r: Result<(), StoreError>, what: &str| match r {
            Err(StoreError::Forbidden { user: u, why: w }) => {
                assert_eq!((u.as_str(), w), (user, why), "{what}")
            }
            other => panic!("{user} {what}: expected Forbidden, got {other:?}"),
        };
        let t = now();
        let s = spec("新任务", vec![(JXJ, Role::Lead)]);
        forbidden(db.create_task(&s, user, t).map(|_| ()), "create_task");
        let mut s2 = db.task_for_edit(2).unwrap().spec();
        s2.title = "改过的标题".into();
        forbidden(
            db.update_task(2, version, &s2, user, t).map(|_| ()),
            "update_task",
        );
        forbidden(db.delete_task(4, false, user, t), "delete_task");
        forbidden(db.delete_task(1, true, user, t), "delete_task confirmed");
        forbidden(
            db.add_department("区文旅局", DepartmentKind::Bureau, user, t)
                .map(|_| ()),
            "add_department",
        );
        forbidden(
            db.rename_department(FGJ, "区发展和改革局", user, t),
            "rename_department",
        );
        forbidden(
            db.merge_departments(FGJ, JXJ, user, t).map(|_| ()),
            "merge_departments",
        );
        forbidden(db.add_alias(FGJ, "发改局", user, t), "add_alias");
        let clerk = Clerk {
            username: "erin".into(),
            display_name: None,
            department_id: Some(XH),
            role: ClerkRole::Editor,
        };
        forbidden(db.add_clerk(&clerk, user, t), "add_clerk");
        forbidden(
            db.set_clerk_role("alice", ClerkRole::Admin, None, user, t),
            "set_clerk_role",
        );
        forbidden(db.remove_clerk("bob", user, t), "remove_clerk");
        forbidden(
            db.save_draft(&tiny_draft(), match_existing, user, t)
                .map(|_| ()),
            "save_draft",
        );
    }
    assert_eq!(snapshot(&f), before);
}

#[test]
fn create_task_saves_units_in_order_and_audits_it() {
    let f = fixture();
    let mut db = open(&f);
    let s = spec(
        "  推进数据要素市场建设  ",
        vec![(XH, Role::Co), (JXJ, Role::Lead)],
    );
    let created = db.create_task(&s, "bob", now()).unwrap();
    assert_eq!(created.title, "推进数据要素市场建设");
    assert_eq!(created.version, 1);
    assert_eq!(created.updated_by.as_deref(), Some("bob"));
    assert_eq!(created.created_at, "2024-07-01T08:00:00Z");
    assert_eq!(
        created
            .units
            .iter()
            .map(|u| (u.name.as_str(), u.role, u.entries))
            .collect::<Vec<_>>(),
        vec![
            ("星海街道", Role::Co, 0),
            ("区经济和信息化局", Role::Lead, 0)
        ]
    );
    assert_eq!(db.task_for_edit(created.id).unwrap(), created);
    // Last in the plan, in the reads everyone uses.
    let tasks = db.tasks(Scope::default()).unwrap();
    assert_eq!(tasks.len(), 6);
    let last = tasks.last().unwrap();
    assert_eq!(
        (last.id, last.deadline, last.deadline_text.as_deref()),
        (created.id, Some(day("2024-09-30")), Some("9月底前"))
    );
    let row = last_audit(&db, "task", &created.id.to_string());
    assert_eq!((row.by.as_str(), row.action.as_str()), ("bob", "create"));
    assert_eq!(row.at, "2024-07-01T08:00:00Z");
    assert_eq!(row.before, None);
    let after = row.after.unwrap();
    assert_eq!(after["title"], json!("推进数据要素市场建设"));
    assert_eq!(after["deadline"], json!("2024-09-30"));
    assert_eq!(
        after["units"],
        json!([
            {"department_id": XH, "name": "星海街道", "role": "co"},
            {"department_id": JXJ, "name": "区经济和信息化局", "role": "lead"},
        ])
    );
}

#[test]
fn a_new_task_goes_to_the_end_of_its_section() {
    let f = fixture();
    let mut db = open(&f);
    let (plan, first, second) = db
        .load(now(), |w| {
            let plan = w.plan(&NewPlan {
                title: "第二个计划",
                doc_no: None,
                issuer: None,
                issued_on: None,
                starts_on: day("2024-01-01"),
                ends_on: day("2024-12-31"),
                common_units_note: None,
            })?;
            let first = w.section(plan, None, "一", "总体要求", 0)?;
            let second = w.section(plan, None, "二", "重点任务", 1)?;
            for (n, section) in [(0, first), (1, second)] {
                let number = format!("{}", n + 1);
                w.task(&duban::store::NewTask {
                    plan_id: plan,
                    section_id: Some(section),
                    number: &number,
                    title: "原有任务",
                    body: "",
                    starts_on: None,
                    deadline: None,
                    deadline_text: None,
                    weight: 1.0,
                    position: n,
                    created_at: at("2024-01-01T00:00:00"),
                })?;
            }
            Ok((plan, first, second))
        })
        .unwrap();
    let sections = db.sections(plan).unwrap();
    assert_eq!(
        sections
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>(),
        vec!["一 总体要求", "二 重点任务"]
    );
    let add = |db: &mut Db, title: &str, section| {
        let s = NewTaskSpec {
            plan_id: plan,
            section_id: section,
            ..spec(title, vec![])
        };
        db.create_task(&s, "bob", now()).unwrap()
    };
    add(&mut db, "第一节新增", Some(first));
    add(&mut db, "第二节新增", Some(second));
    add(&mut db, "无节新增", None);
    let titles: Vec<(String, Option<String>)> = db
        .tasks(Scope::default())
        .unwrap()
        .into_iter()
        .filter(|t| t.plan_id == plan)
        .map(|t| (t.title, t.section))
        .collect();
    let s1 = Some("一 总体要求".to_string());
    let s2 = Some("二 重点任务".to_string());
    assert_eq!(
        titles,
        vec![
            ("原有任务".to_string(), s1.clone()),
            ("第一节新增".to_string(), s1),
            ("原有任务".to_string(), s2.clone()),
            ("第二节新增".to_string(), s2),
            ("无节新增".to_string(), None),
        ]
    );
    // A section of another plan is refused.
    let wrong = NewTaskSpec {
        section_id: Some(first),
        ..spec("错节", vec![])
    };
    assert_eq!(
        edit_refusal(db.create_task(&wrong, "bob", now())),
        EditRefusal::SectionNotInPlan {
            section_id: first,
            plan_id: 1
        }
    );
}

#[test]
fn update_task_changes_fields_and_units_in_one_transaction() {
    let f = fixture();
    let mut db = open(&f);
    // Task 2: 区发改局 leads (1 report), 星海街道 co (1 report).
    let read = db.task_for_edit(2).unwrap();
    assert_eq!(read.version, 1);
    assert_eq!(read.updated_by, None);
    assert_eq!(
        read.units
            .iter()
            .map(|u| (u.department_id, u.role, u.entries))
            .collect::<Vec<_>>(),
        vec![(FGJ, Role::Lead, 1), (XH, Role::Co, 1)]
    );
    assert_eq!(read.plan_starts_on, day("2024-01-01"));
    let mut s = read.spec();
    s.title = "建设数字经济产业园区".into();
    s.deadline = Some(day("2024-10-31"));
    s.deadline_text = Some("10月底前".into());
    s.weight = 2.0;
    s.units = vec![(XH, Role::Lead), (FGJ, Role::Co), (CJ, Role::Co)];
    let saved = db.update_task(2, read.version, &s, "bob", now()).unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(saved.updated_by.as_deref(), Some("bob"));
    assert_eq!(saved.spec(), s);
    // Percents and journals of kept units are untouched.
    assert_eq!(
        saved
            .units
            .iter()
            .map(|u| (u.department_id, u.role, u.percent.value(), u.entries))
            .collect::<Vec<_>>(),
        vec![
            (XH, Role::Lead, 10, 1),
            (FGJ, Role::Co, 40, 1),
            (CJ, Role::Co, 0, 0)
        ]
    );
    let t = db.tasks_by_id(&[2], None).unwrap().remove(0);
    assert_eq!(t.title, "建设数字经济产业园区");
    assert_eq!(t.weight, 2.0);
    assert_eq!(t.units.len(), 3);

    let row = last_audit(&db, "task", "2");
    assert_eq!(row.action, "update");
    let (before, after) = (row.before.unwrap(), row.after.unwrap());
    assert_eq!(before["title"], json!("建设产业园区"));
    assert_eq!(before["version"], json!(1));
    assert_eq!(after["title"], json!("建设数字经济产业园区"));
    assert_eq!(after["units"][2]["name"], json!("城建公司"));

    // A unit with no reports can be taken off again.
    let mut fewer = saved.spec();
    fewer.units.pop();
    let saved = db
        .update_task(2, saved.version, &fewer, "bob", now())
        .unwrap();
    assert_eq!(saved.version, 3);
    assert_eq!(saved.units.len(), 2);
    assert!(db.assignment(2, CJ).unwrap().is_none());

    // One that reported cannot: the journal is never deleted. Nothing of the edit is saved.
    let audits = audit_rows(&f);
    let snap = snapshot(&f);
    let mut without_xh = saved.spec();
    without_xh.title = "不该保存的标题".into();
    without_xh.units.retain(|u| u.0 != XH);
    assert_eq!(
        edit_refusal(db.update_task(2, saved.version, &without_xh, "bob", now())),
        EditRefusal::UnitHasHistory {
            department: "星海街道".into(),
            entries: 1
        }
    );
    assert_eq!(snapshot(&f), snap);

    // Saving an unchanged form writes nothing.
    let same = db
        .update_task(2, saved.version, &saved.spec(), "bob", now())
        .unwrap();
    assert_eq!(same.version, saved.version);
    assert_eq!(audit_rows(&f), audits);
}

#[test]
fn a_stale_version_is_a_conflict_carrying_the_current_task() {
    let f = fixture();
    let mut db = open(&f);
    let read = db.task_for_edit(3).unwrap();
    let mut mine = read.spec();
    mine.title = "第一位管理员的标题".into();
    db.update_task(3, read.version, &mine, "bob", now())
        .unwrap();
    let snap = snapshot(&f);
    let mut theirs = read.spec();
    theirs.title = "第二位管理员的标题".into();
    match db.update_task(3, read.version, &theirs, "bob", at("2024-07-01T09:00:00")) {
        Err(StoreError::TaskConflict(current)) => {
            assert_eq!(current.title, "第一位管理员的标题");
            assert_eq!(current.version, read.version + 1);
            assert_eq!(current.updated_by.as_deref(), Some("bob"));
            assert_eq!(current.updated_at, "2024-07-01T08:00:00Z");
        }
        other => panic!("expected a task conflict, got {other:?}"),
    }
    assert_eq!(snapshot(&f), snap);
    // Deleting bumps the version too: a form open on a deleted task cannot save over it.
    let v = db.task_for_edit(3).unwrap().version;
    db.delete_task(3, true, "bob", now()).unwrap();
    assert!(matches!(
        db.update_task(3, v, &theirs, "bob", now()),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn bad_task_input_is_refused_with_specific_errors_and_nothing_changes() {
    let f = fixture();
    let mut db = open(&f);
    let snap = snapshot(&f);
    let create = |db: &mut Db, s: NewTaskSpec| db.create_task(&s, "bob", now());
    assert_eq!(
        edit_refusal(create(&mut db, spec("   ", vec![]))),
        EditRefusal::EmptyTitle
    );
    for w in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let s = NewTaskSpec {
            weight: w,
            ..spec("任务", vec![])
        };
        assert!(matches!(
            edit_refusal(create(&mut db, s)),
            EditRefusal::BadWeight(_)
        ));
    }
    assert_eq!(
        edit_refusal(create(
            &mut db,
            spec(
                "任务",
                vec![(JXJ, Role::Lead), (XH, Role::Co), (JXJ, Role::Co)]
            )
        )),
        EditRefusal::DuplicateUnit {
            department: "区经济和信息化局".into()
        }
    );
    assert!(matches!(
        create(&mut db, spec("任务", vec![(99, Role::Lead)])),
        Err(StoreError::NotFound(what)) if what == "department 99"
    ));
    assert!(matches!(
        create(&mut db, NewTaskSpec { plan_id: 7, ..spec("任务", vec![]) }),
        Err(StoreError::NotFound(what)) if what == "plan 7"
    ));
    assert!(matches!(
        create(&mut db, NewTaskSpec { section_id: Some(42), ..spec("任务", vec![]) }),
        Err(StoreError::NotFound(what)) if what == "section 42"
    ));
    let read = db.task_for_edit(1).unwrap();
    let moved = NewTaskSpec {
        plan_id: 2,
        ..read.spec()
    };
    assert_eq!(
        edit_refusal(db.update_task(1, read.version, &moved, "bob", now())),
        EditRefusal::OtherPlan {
            task_plan: 1,
            asked: 2
        }
    );
    assert!(matches!(
        db.update_task(99, 1, &read.spec(), "bob", now()),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        db.delete_task(99, true, "bob", now()),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(db.task_for_edit(99), Err(StoreError::NotFound(_))));
    assert_eq!(snapshot(&f), snap);
}

#[test]
fn a_deadline_before_the_tasks_start_is_refused() {
    let f = fixture();
    let mut db = open(&f);
    {
        let c = rusqlite::Connection::open(&f.path).unwrap();
        c.execute("UPDATE task SET starts_on = '2024-03-01' WHERE id = 3", [])
            .unwrap();
    }
    let read = db.task_for_edit(3).unwrap();
    assert_eq!(read.starts_on, Some(day("2024-03-01")));
    let early = NewTaskSpec {
        deadline: Some(day("2024-02-01")),
        ..read.spec()
    };
    assert_eq!(
        edit_refusal(db.update_task(3, read.version, &early, "bob", now())),
        EditRefusal::DeadlineBeforeStart {
            deadline: day("2024-02-01"),
            starts_on: day("2024-03-01")
        }
    );
}

#[test]
fn deleting_a_task_with_reports_needs_confirmation_and_keeps_its_history() {
    let f = fixture();
    let mut db = open(&f);
    let snap = snapshot(&f);
    // Task 1: four reports (three by 区经济和信息化局, one by 区发改局).
    assert_eq!(
        edit_refusal(db.delete_task(1, false, "bob", now())),
        EditRefusal::TaskHasHistory { entries: 4 }
    );
    assert_eq!(snapshot(&f), snap);
    db.delete_task(1, true, "bob", now()).unwrap();

    // Gone from every current read.
    let ids = |tasks: Vec<duban::store::TaskRow>| tasks.iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(ids(db.tasks(Scope::default()).unwrap()), vec![2, 3, 4, 5]);
    assert_eq!(db.task_count().unwrap(), 4);
    assert_eq!(db.task_counts(Scope::default()).unwrap(), (4, 1));
    let mine = Scope {
        department: Some(JXJ),
        as_of: None,
        plan: None,
    };
    assert!(db.tasks(mine).unwrap().is_empty());
    assert_eq!(db.task_counts(mine).unwrap(), (0, 0));
    let keys = db.task_keys(&TaskQuery::default()).unwrap();
    assert_eq!(
        keys.iter().map(|k| k.id).collect::<Vec<_>>(),
        vec![2, 3, 4, 5]
    );
    assert!(
        db.tasks_by_id(&[1, 2], None)
            .unwrap()
            .iter()
            .all(|t| t.id != 1)
    );
    assert_eq!(db.task_detail(1, None).unwrap(), None);
    assert!(matches!(db.task_for_edit(1), Err(StoreError::NotFound(_))));
    assert_eq!(db.assignment(1, JXJ).unwrap(), None);
    let mut facts = Vec::new();
    db.for_each_fact(Scope::default(), |f| facts.push(f.task_id))
        .unwrap();
    assert!(!facts.contains(&1));

    // Its journal stays readable, and takes no more reports.
    let percents: Vec<u8> = db
        .history(1, JXJ)
        .unwrap()
        .iter()
        .map(|e| e.percent.value())
        .collect();
    assert_eq!(percents, vec![20, 60, 100]);
    assert_eq!(db.history(1, FGJ).unwrap().len(), 1);
    let report = ProgressReport {
        task_id: 1,
        department_id: JXJ,
        percent: Percent::new(100).unwrap(),
        note: String::new(),
        by: "alice".into(),
        at: at("2024-07-02T00:00:00"),
        expected_version: 3,
    };
    assert!(matches!(
        db.report_progress(&report),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(db.history(1, JXJ).unwrap().len(), 3);

    // As of a day before the deletion, the task was there (a past quarter's circular counts it).
    let before = Scope {
        department: None,
        as_of: Some(at("2024-06-30T00:00:00")),
        plan: None,
    };
    assert_eq!(ids(db.tasks(before).unwrap()), vec![1, 2, 3, 4, 5]);
    assert_eq!(db.task_counts(before).unwrap(), (5, 1));
    assert!(
        db.task_detail(1, Some(at("2024-06-30T00:00:00")))
            .unwrap()
            .is_some()
    );
    let after = Scope {
        department: None,
        as_of: Some(at("2024-07-02T00:00:00")),
        plan: None,
    };
    assert_eq!(ids(db.tasks(after).unwrap()), vec![2, 3, 4, 5]);

    let row = last_audit(&db, "task", "1");
    assert_eq!((row.action.as_str(), row.by.as_str()), ("delete", "bob"));
    assert_eq!(row.before.unwrap()["title"], json!("推进企业数字化改造"));
    assert_eq!(
        row.after.unwrap(),
        json!({"deleted_at": "2024-07-01T08:00:00Z", "entries_kept": 4})
    );

    // A task nobody reported on needs no confirmation.
    db.delete_task(4, false, "bob", now()).unwrap();
    assert_eq!(db.task_count().unwrap(), 3);
}

#[test]
fn adding_a_department_warns_of_close_names_and_refuses_taken_ones() {
    let f = fixture();
    let mut db = open(&f);
    let added = db
        .add_department("区发改委", DepartmentKind::Bureau, "bob", now())
        .unwrap();
    assert_eq!(
        added
            .similar
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        vec!["区发改局"]
    );
    assert_eq!(
        db.similar_departments("经济和信息化局").unwrap()[0].department_id,
        JXJ
    );
    let departments = db.departments().unwrap();
    let last = departments.last().unwrap();
    assert_eq!(
        (last.id, last.name.as_str(), last.kind.as_str()),
        (added.id, "区发改委", "bureau")
    );
    let row = last_audit(&db, "department", &added.id.to_string());
    assert_eq!((row.action.as_str(), row.before), ("create", None));
    assert_eq!(
        row.after.unwrap(),
        json!({"id": added.id, "name": "区发改委", "kind": "bureau", "aliases": []})
    );
    let plain = db
        .add_department("区文旅局", DepartmentKind::Bureau, "bob", now())
        .unwrap();
    assert!(plain.similar.is_empty());

    let snap = snapshot(&f);
    assert_eq!(
        edit_refusal(db.add_department("经信局", DepartmentKind::Bureau, "bob", now())),
        EditRefusal::NameTaken {
            name: "经信局".into(),
            owner: "区经济和信息化局".into()
        }
    );
    assert_eq!(
        edit_refusal(db.add_department(" 星海街道 ", DepartmentKind::Street, "bob", now())),
        EditRefusal::NameTaken {
            name: "星海街道".into(),
            owner: "星海街道".into()
        }
    );
    assert_eq!(
        edit_refusal(db.add_department("  ", DepartmentKind::Other, "bob", now())),
        EditRefusal::EmptyName
    );
    assert_eq!(snapshot(&f), snap);
}

#[test]
fn renaming_keeps_the_old_name_as_an_alias() {
    let f = fixture();
    let mut db = open(&f);
    db.rename_department(FGJ, "区发展和改革局", "bob", now())
        .unwrap();
    let names = db.department_names().unwrap();
    let fgj = names.iter().find(|d| d.id == FGJ).unwrap();
    assert_eq!(fgj.name, "区发展和改革局");
    assert_eq!(fgj.aliases, vec!["区发改局".to_string()]);
    assert_eq!(resolve("区发改局", &names), Resolution::Found(FGJ));
    // Tasks show the new name.
    let t2 = db.tasks_by_id(&[2], None).unwrap().remove(0);
    assert_eq!(t2.units[0].name, "区发展和改革局");
    let row = last_audit(&db, "department", &FGJ.to_string());
    assert_eq!(row.action, "rename");
    assert_eq!(row.before.unwrap()["name"], json!("区发改局"));
    assert_eq!(row.after.unwrap()["aliases"], json!(["区发改局"]));

    // To one of its own aliases: that alias becomes the name.
    db.rename_department(JXJ, "经信局", "bob", now()).unwrap();
    let jxj = db
        .department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.id == JXJ)
        .unwrap();
    assert_eq!(
        (jxj.name.as_str(), jxj.aliases),
        ("经信局", vec!["区经济和信息化局".to_string()])
    );

    let snap = snapshot(&f);
    // Another department's name or alias is taken; the same name writes nothing.
    assert_eq!(
        edit_refusal(db.rename_department(XH, "经信局", "bob", now())),
        EditRefusal::NameTaken {
            name: "经信局".into(),
            owner: "经信局".into()
        }
    );
    assert_eq!(
        edit_refusal(db.rename_department(XH, "区发改局", "bob", now())),
        EditRefusal::NameTaken {
            name: "区发改局".into(),
            owner: "区发展和改革局".into()
        }
    );
    assert_eq!(
        edit_refusal(db.rename_department(XH, "", "bob", now())),
        EditRefusal::EmptyName
    );
    db.rename_department(XH, "星海街道", "bob", now()).unwrap();
    assert!(matches!(
        db.rename_department(99, "新名", "bob", now()),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(snapshot(&f), snap);
}

#[test]
fn an_alias_finds_the_department_and_may_not_shadow_another_name() {
    let f = fixture();
    let mut db = open(&f);
    db.add_alias(FGJ, " 发改局 ", "bob", now()).unwrap();
    let names = db.department_names().unwrap();
    assert_eq!(resolve("发改局", &names), Resolution::Found(FGJ));
    let row = last_audit(&db, "department", &FGJ.to_string());
    assert_eq!(row.action, "alias");
    assert_eq!(row.before.unwrap()["aliases"], json!([]));
    assert_eq!(row.after.unwrap()["aliases"], json!(["发改局"]));
    let snap = snapshot(&f);
    assert_eq!(
        edit_refusal(db.add_alias(XH, "发改局", "bob", now())),
        EditRefusal::NameTaken {
            name: "发改局".into(),
            owner: "区发改局".into()
        }
    );
    assert_eq!(
        edit_refusal(db.add_alias(XH, "城建公司", "bob", now())),
        EditRefusal::NameTaken {
            name: "城建公司".into(),
            owner: "城建公司".into()
        }
    );
    assert_eq!(
        edit_refusal(db.add_alias(XH, "星海街道", "bob", now())),
        EditRefusal::NameTaken {
            name: "星海街道".into(),
            owner: "星海街道".into()
        }
    );
    assert!(matches!(
        db.add_alias(99, "某局", "bob", now()),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(snapshot(&f), snap);
}

#[test]
fn merging_keeps_the_history_with_its_maker_and_the_survivors_figures() {
    let f = fixture();
    let mut db = open(&f);
    db.load(now(), |w| {
        w.clerk("wang", Some("王芳"), Some(FGJ), ClerkRole::Editor)?;
        w.alias("发改局", FGJ)?;
        w.indicator(1, "固定资产投资增速", "%", Some(FGJ), true, None, 0)?;
        Ok(())
    })
    .unwrap();
    let history = |db: &Db, task, dept| {
        db.history(task, dept)
            .unwrap()
            .iter()
            .map(|e| (e.percent.value(), e.reported_by.clone(), e.note.clone()))
            .collect::<Vec<_>>()
    };
    let jxj_on_1 = history(&db, 1, JXJ);
    let fgj_on_1 = history(&db, 1, FGJ);
    let fgj_on_2 = history(&db, 2, FGJ);

    // 区发改局 into 区经济和信息化局: task 1 had both (joined), task 2 only 区发改局 (taken over).
    let merged = db.merge_departments(FGJ, JXJ, "bob", now()).unwrap();
    let changes: Vec<_> = merged
        .changes
        .iter()
        .map(|c| (c.task_id, c.theirs, c.before, c.after))
        .collect();
    let p = |n| Percent::new(n).unwrap();
    assert_eq!(
        changes,
        vec![
            (
                1,
                (Role::Co, p(30)),
                Some((Role::Lead, p(100))),
                (Role::Lead, p(100))
            ),
            (2, (Role::Lead, p(40)), None, (Role::Lead, p(40))),
        ]
    );
    assert_eq!(
        (merged.assignments_moved(), merged.assignments_joined()),
        (1, 1)
    );
    assert_eq!((merged.clerks_moved, merged.indicators_moved), (1, 1));
    assert_eq!(merged.aliases, vec!["区发改局", "发改局", "经信局"]);

    // Nothing already written changes hands: each journal row keeps the department that made it.
    assert_eq!(history(&db, 1, JXJ), jxj_on_1);
    assert_eq!(history(&db, 1, FGJ), fgj_on_1);
    assert_eq!(history(&db, 2, FGJ), fgj_on_2);
    // Taking over task 2 is a row of its own, by the admin, saying where the figure came from.
    assert_eq!(
        history(&db, 2, JXJ),
        vec![(
            40,
            "bob".to_string(),
            "部门合并:承接「区发改局」的进度".to_string()
        )]
    );
    let mut log = Vec::new();
    db.for_each_journal_row(
        &JournalQuery {
            task_id: Some(1),
            ..JournalQuery::default()
        },
        |r| {
            log.push((r.department, r.merged_into));
            std::ops::ControlFlow::Continue(())
        },
    )
    .unwrap();
    assert!(log.contains(&("区发改局".to_string(), Some("区经济和信息化局".to_string()))));

    // The reads everyone uses: one unit per task, the stronger role, the survivor's own figure.
    let tasks = db.tasks(Scope::default()).unwrap();
    let units = |tasks: &[duban::store::TaskRow], id: i64| {
        tasks
            .iter()
            .find(|t| t.id == id)
            .unwrap()
            .units
            .iter()
            .map(|u| (u.department_id, u.role, u.percent.value()))
            .collect::<Vec<_>>()
    };
    assert_eq!(units(&tasks, 1), vec![(JXJ, Role::Lead, 100)]);
    assert_eq!(
        units(&tasks, 2),
        vec![(JXJ, Role::Lead, 40), (XH, Role::Co, 10)]
    );
    let mine = Scope {
        department: Some(JXJ),
        as_of: None,
        plan: None,
    };
    assert_eq!(
        db.tasks(mine)
            .unwrap()
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        vec![1, 2]
    );
    // As of 21 June, before the merge, both units stand as they were.
    let june = Scope {
        department: None,
        as_of: Some(at("2024-06-21T00:00:00")),
        plan: None,
    };
    let then = db.tasks(june).unwrap();
    assert_eq!(
        units(&then, 1),
        vec![(JXJ, Role::Lead, 20), (FGJ, Role::Co, 30)]
    );
    assert_eq!(
        units(&then, 2),
        vec![(FGJ, Role::Lead, 40), (XH, Role::Co, 0)]
    );

    // The old department stays in the file, marked merged: left out of current lists, listed as
    // of a day before the merge; its names find the new one.
    assert!(db.departments().unwrap().iter().all(|d| d.id != FGJ));
    assert!(
        db.departments_at(Some("2024-06-30T00:00:00Z"))
            .unwrap()
            .iter()
            .any(|d| d.id == FGJ)
    );
    let names = db.department_names().unwrap();
    assert_eq!(resolve("区发改局", &names), Resolution::Found(JXJ));
    assert_eq!(resolve("发改局", &names), Resolution::Found(JXJ));
    let found = db
        .task_keys(&TaskQuery {
            text: "区发改局".into(),
            ..TaskQuery::default()
        })
        .unwrap();
    assert_eq!(found.iter().map(|k| k.id).collect::<Vec<_>>(), vec![1, 2]);

    // 区发改局's clerk now reports for the new department, on the taken-over assignment.
    assert_eq!(db.clerk("wang").unwrap().unwrap().department_id, Some(JXJ));
    let state = db.assignment(2, JXJ).unwrap().unwrap();
    db.report_progress(&ProgressReport {
        task_id: 2,
        department_id: JXJ,
        percent: Percent::new(50).unwrap(),
        note: String::new(),
        by: "wang".into(),
        at: at("2024-07-02T00:00:00"),
        expected_version: state.version,
    })
    .unwrap();
    // The merged department's own assignment is closed to reports.
    assert!(db.assignment(2, FGJ).unwrap().is_none());
    let c = rusqlite::Connection::open(&f.path).unwrap();
    let indicator_dept: i64 = c
        .query_row("SELECT department_id FROM indicator", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indicator_dept, JXJ);
    let marked: (Option<i64>, Option<String>) = c
        .query_row(
            "SELECT merged_into, merged_at FROM department WHERE id = ?1",
            [FGJ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        marked,
        (Some(JXJ), Some("2024-07-01T08:00:00Z".to_string()))
    );

    let row = last_audit(&db, "department", &FGJ.to_string());
    assert_eq!((row.action.as_str(), row.by.as_str()), ("merge", "bob"));
    let before = row.before.unwrap();
    assert_eq!(before["from"]["name"], json!("区发改局"));
    assert_eq!(before["from"]["aliases"], json!(["发改局"]));
    assert_eq!(before["into"]["name"], json!("区经济和信息化局"));
    let after = row.after.unwrap();
    assert_eq!(
        after["assignments"],
        json!([
            { "task": 1, "theirs": ["co", 30], "before": ["lead", 100], "after": ["lead", 100] },
            { "task": 2, "theirs": ["lead", 40], "before": null, "after": ["lead", 40] },
        ])
    );
}

#[test]
fn a_unit_that_takes_the_lead_keeps_the_leads_figure() {
    let f = fixture();
    let mut db = open(&f);
    // Task 1: 区经济和信息化局 leads (newest report 100%, 1 August), 区发改局 co (30%, 20 June).
    let version = db.assignment(1, FGJ).unwrap().unwrap().version;
    db.merge_departments(JXJ, FGJ, "bob", now()).unwrap();
    let t1 = db.tasks_by_id(&[1], None).unwrap().remove(0);
    assert_eq!(
        t1.units
            .iter()
            .map(|u| (u.department_id, u.role, u.percent.value()))
            .collect::<Vec<_>>(),
        vec![(FGJ, Role::Lead, 100)]
    );
    let state = db.assignment(1, FGJ).unwrap().unwrap();
    assert_eq!(state.updated_by.as_deref(), Some("bob"));
    assert_eq!(state.updated_at.as_deref(), Some("2024-07-01T08:00:00Z"));
    // A form that read the old value must not save over the new one.
    assert!(state.version > version);
    assert_eq!(db.history(1, FGJ).unwrap().len(), 2);
    // alice now reports for 区发改局.
    assert_eq!(db.clerk("alice").unwrap().unwrap().department_id, Some(FGJ));
}

#[test]
fn merge_refusals_change_nothing() {
    let f = fixture();
    let mut db = open(&f);
    db.load(now(), |w| {
        w.indicator(1, "数字经济增加值", "亿元", Some(FGJ), true, None, 0)?;
        w.indicator(1, "数字经济增加值", "亿元", Some(JXJ), true, None, 1)?;
        Ok(())
    })
    .unwrap();
    let snap = snapshot(&f);
    assert_eq!(
        edit_refusal(db.merge_departments(FGJ, FGJ, "bob", now())),
        EditRefusal::SameDepartment
    );
    assert!(matches!(
        db.merge_departments(FGJ, 99, "bob", now()),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(
        edit_refusal(db.merge_departments(FGJ, JXJ, "bob", now())),
        EditRefusal::IndicatorClash {
            names: vec!["数字经济增加值".into()]
        }
    );
    assert_eq!(snapshot(&f), snap);
}

#[test]
fn clerks_are_managed_and_the_last_admin_is_kept() {
    let f = fixture();
    let mut db = open(&f);
    let clerk = |name: &str, role, department| Clerk {
        username: name.into(),
        display_name: Some("某人".into()),
        department_id: department,
        role,
    };
    db.add_clerk(&clerk("carol", ClerkRole::Editor, Some(XH)), "bob", now())
        .unwrap();
    assert_eq!(db.clerk("carol").unwrap().unwrap().department_id, Some(XH));
    let row = last_audit(&db, "clerk", "carol");
    assert_eq!((row.action.as_str(), row.before), ("create", None));
    assert_eq!(
        row.after.unwrap(),
        json!({"username": "carol", "display_name": "某人", "department_id": XH, "role": "editor"})
    );

    let snap = snapshot(&f);
    assert_eq!(
        edit_refusal(db.add_clerk(&clerk("carol", ClerkRole::Viewer, None), "bob", now())),
        EditRefusal::ClerkExists("carol".into())
    );
    assert_eq!(
        edit_refusal(db.add_clerk(&clerk("li lei", ClerkRole::Viewer, None), "bob", now())),
        EditRefusal::BadUsername("li lei".into())
    );
    assert_eq!(
        edit_refusal(db.add_clerk(&clerk("", ClerkRole::Viewer, None), "bob", now())),
        EditRefusal::BadUsername(String::new())
    );
    assert_eq!(
        edit_refusal(db.add_clerk(&clerk("dan", ClerkRole::Editor, None), "bob", now())),
        EditRefusal::EditorWithoutDepartment
    );
    assert!(matches!(
        db.add_clerk(&clerk("dan", ClerkRole::Editor, Some(99)), "bob", now()),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(
        edit_refusal(db.set_clerk_role("bob", ClerkRole::Viewer, None, "bob", now())),
        EditRefusal::LastAdmin("bob".into())
    );
    assert_eq!(
        edit_refusal(db.remove_clerk("bob", "bob", now())),
        EditRefusal::LastAdmin("bob".into())
    );
    assert_eq!(
        edit_refusal(db.set_clerk_role("alice", ClerkRole::Editor, None, "bob", now())),
        EditRefusal::EditorWithoutDepartment
    );
    assert!(matches!(
        db.remove_clerk("nobody", "bob", now()),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(snapshot(&f), snap);

    // Moving alice to another department; then a second admin lets bob step down.
    db.set_clerk_role("alice", ClerkRole::Editor, Some(FGJ), "bob", now())
        .unwrap();
    let row = last_audit(&db, "clerk", "alice");
    assert_eq!(row.action, "update");
    assert_eq!(row.before.unwrap()["department_id"], json!(JXJ));
    assert_eq!(row.after.unwrap()["department_id"], json!(FGJ));
    db.set_clerk_role("carol", ClerkRole::Admin, None, "bob", now())
        .unwrap();
    db.set_clerk_role("bob", ClerkRole::Viewer, None, "bob", now())
        .unwrap();
    // bob reads only now: his own role changed inside the transaction that checks it.
    assert!(matches!(
        db.remove_clerk("alice", "bob", now()),
        Err(StoreError::Forbidden { .. })
    ));
    db.remove_clerk("bob", "carol", now()).unwrap();
    assert_eq!(db.clerk("bob").unwrap(), None);
    let row = last_audit(&db, "clerk", "bob");
    assert_eq!((row.action.as_str(), row.after), ("delete", None));
    assert_eq!(row.before.unwrap()["role"], json!("viewer"));
    assert_eq!(
        edit_refusal(db.remove_clerk("carol", "carol", now())),
        EditRefusal::LastAdmin("carol".into())
    );
    // What bob reported stays under his name.
    assert_eq!(db.history(2, FGJ).unwrap()[0].reported_by, "bob");
}

#[test]
fn importing_a_plan_needs_an_admin_unless_the_file_has_no_clerks() {
    let f = fixture();
    let mut db = open(&f);
    let saved = db
        .save_draft(&tiny_draft(), match_existing, "bob", now())
        .unwrap();
    assert_eq!(saved.tasks, 1);
    assert_eq!(saved.existing_departments, vec!["区发改局".to_string()]);

    // A file made without `duban init` has no clerks: nobody could be an admin yet.
    let dir = tempfile::tempdir().unwrap();
    let mut empty = Db::create(&dir.path().join("empty.db")).unwrap();
    let saved = empty
        .save_draft(&tiny_draft(), match_existing, "anyone", now())
        .unwrap();
    assert_eq!(saved.new_departments, vec!["区发改局".to_string()]);
    // Once it has clerks, only their admins import.
    empty.add_first_admin("root").unwrap();
    assert!(matches!(
        empty.save_draft(&tiny_draft(), match_existing, "anyone", now()),
        Err(StoreError::Forbidden {
            why: Denied::NotAClerk,
            ..
        })
    ));
}

#[test]
fn refusals_are_worded_in_both_languages() {
    use duban::i18n::{Lang, store_error};
    let e = StoreError::Edit(EditRefusal::UnitHasHistory {
        department: "星海街道".into(),
        entries: 3,
    });
    assert!(store_error(Lang::Zh, &e).contains("星海街道"));
    assert!(store_error(Lang::Zh, &e).contains('3'));
    assert!(store_error(Lang::En, &e).contains("cannot be removed"));
    let f = fixture();
    let db = open(&f);
    let conflict = StoreError::TaskConflict(Box::new(db.task_for_edit(1).unwrap()));
    assert!(store_error(Lang::En, &conflict).contains("your edit was not saved"));
    assert!(store_error(Lang::Zh, &conflict).contains("修改未保存"));
}

#[test]
fn duban_import_by_a_clerk_who_is_not_an_admin_is_refused_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let duban = |args: &[&str]| {
        cli::command()
            .arg("--db")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
    };
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/restart_star.txt"
    );
    assert!(duban(&["init"]).status.success());
    // The user who ran init is its admin; make them an editor, with someone else as admin.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "INSERT INTO department (name) VALUES ('区发改局');
             UPDATE clerk SET role = 'editor', department_id = 1;
             INSERT INTO clerk (username, role) VALUES ('chief', 'admin');",
        )
        .unwrap();
    }
    let o = duban(&["import", "plan", plan]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("只有管理员"), "{err}");
    let db = Db::open(&path).unwrap();
    assert!(db.plans().unwrap().is_empty());
}

/// A unit taken off a task and named again, and a merge into a unit that was taken off: each
/// stands on the task when it did, as of any instant (issue 18's review).
#[test]
fn units_taken_off_named_again_and_merged_stand_when_they_did() {
    let f = fixture();
    let mut db = open(&f);
    let spec = |units: Vec<(i64, Role)>| NewTaskSpec {
        plan_id: 1,
        section_id: None,
        number: "9".into(),
        title: "新任务".into(),
        body: String::new(),
        deadline: None,
        deadline_text: None,
        weight: 1.0,
        units,
    };
    let created = db
        .create_task(
            &spec(vec![(JXJ, Role::Lead), (CJ, Role::Co)]),
            "bob",
            at("2024-09-01T00:00:00"),
        )
        .unwrap();
    let units_at = |db: &Db, t: &str| {
        db.tasks_by_id(&[created.id], Some(at(t)))
            .unwrap()
            .first()
            .map(|row| {
                row.units
                    .iter()
                    .map(|u| (u.department_id, u.role))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    // 城建公司 off on 2 September, back on 4 September (after the fixture's last report, 1
    // August: a row dated earlier would be flagged by `check` as backdated).
    let v = db.task_for_edit(created.id).unwrap().version;
    let off = db
        .update_task(
            created.id,
            v,
            &spec(vec![(JXJ, Role::Lead)]),
            "bob",
            at("2024-09-02T00:00:00"),
        )
        .unwrap();
    db.update_task(
        created.id,
        off.version,
        &spec(vec![(JXJ, Role::Lead), (CJ, Role::Co)]),
        "bob",
        at("2024-09-04T00:00:00"),
    )
    .unwrap();
    assert_eq!(
        units_at(&db, "2024-09-01T12:00:00"),
        vec![(JXJ, Role::Lead), (CJ, Role::Co)]
    );
    assert_eq!(
        units_at(&db, "2024-09-03T00:00:00"),
        vec![(JXJ, Role::Lead)]
    );
    assert_eq!(
        units_at(&db, "2024-09-05T00:00:00"),
        vec![(JXJ, Role::Lead), (CJ, Role::Co)]
    );

    // 城建公司 off again on the 6th; on the 8th 区经信局 merges into it: it leads the task again.
    let v = db.task_for_edit(created.id).unwrap().version;
    db.update_task(
        created.id,
        v,
        &spec(vec![(JXJ, Role::Lead)]),
        "bob",
        at("2024-09-06T00:00:00"),
    )
    .unwrap();
    db.merge_departments(JXJ, CJ, "bob", at("2024-09-08T00:00:00"))
        .unwrap();
    let now = db.tasks_by_id(&[created.id], None).unwrap().remove(0);
    assert_eq!(
        now.units
            .iter()
            .map(|u| (u.department_id, u.role))
            .collect::<Vec<_>>(),
        vec![(CJ, Role::Lead)]
    );
    assert_eq!(
        units_at(&db, "2024-09-07T00:00:00"),
        vec![(JXJ, Role::Lead)]
    );
    assert_eq!(
        units_at(&db, "2024-09-05T00:00:00"),
        vec![(JXJ, Role::Lead), (CJ, Role::Co)]
    );
    assert!(
        duban::store::maintenance::check(&f.path)
            .unwrap()
            .is_clean()
    );
}

/// `--dept` tries the indexes first (`Db::department_named`): whatever it finds is what resolving
/// over every name finds, before and after a merge (a merged name then means its survivor, so
/// the indexes give up on it), for names, aliases, padded names, prefixes and strangers.
#[test]
fn a_department_found_by_its_exact_name_is_the_one_resolve_finds() {
    let f = fixture();
    let mut db = open(&f);
    db.load(now(), |w| {
        w.alias("发改局", FGJ)?;
        Ok(())
    })
    .unwrap();
    let agree = |db: &Db, expect_found: &[&str]| {
        let names = db.department_names().unwrap();
        let mut queries: Vec<String> = vec!["区".into(), "无此单位".into(), "".into()];
        for d in &names {
            queries.push(d.name.clone());
            queries.push(format!("  {} ", d.name));
            queries.extend(d.aliases.iter().cloned());
        }
        queries.push("区发改局".into());
        for q in &queries {
            let fast = db.department_named(q).unwrap();
            if let Some(id) = fast {
                assert_eq!(resolve(q, &names), Resolution::Found(id), "{q:?}");
            }
            if expect_found.contains(&q.as_str()) {
                assert!(fast.is_some(), "{q:?} is found by the indexes");
            }
        }
    };
    agree(
        &db,
        &[
            "区发改局",
            "发改局",
            "区经济和信息化局",
            "经信局",
            "星海街道",
        ],
    );
    db.merge_departments(FGJ, JXJ, "bob", now()).unwrap();
    assert_eq!(db.department_named("区发改局").unwrap(), None);
    agree(&db, &["发改局", "区经济和信息化局", "经信局"]);
}
