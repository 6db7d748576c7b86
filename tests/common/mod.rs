//! A small fixed database for integration tests: one plan over 2024, Chinese names of different
//! widths, every light, a task with no unit, and a journal row after the as-of date.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use duban::domain::{ClerkRole, Percent, Role};
use duban::store::{Db, DepartmentKind, NewPlan, NewTask};

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&s.parse::<chrono::NaiveDateTime>().unwrap())
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    build(&path);
    Fixture { dir, path }
}

pub fn build(path: &Path) {
    let mut db = Db::create(path).unwrap();
    db.load(at("2024-01-01T00:00:00"), |w| {
        let plan = w.plan(&NewPlan {
            title: "测试行动计划(2024年)",
            doc_no: None,
            issuer: None,
            issued_on: None,
            starts_on: day("2024-01-01"),
            ends_on: day("2024-12-31"),
            common_units_note: None,
        })?;
        let jxj = w.department("区经济和信息化局", DepartmentKind::Bureau, 0)?;
        w.alias("经信局", jxj)?;
        let fgj = w.department("区发改局", DepartmentKind::Bureau, 1)?;
        let xh = w.department("星海街道", DepartmentKind::Street, 2)?;
        let cj = w.department("城建公司", DepartmentKind::Company, 3)?;
        w.clerk("alice", Some("张丽"), Some(jxj), ClerkRole::Editor)?;
        w.clerk("bob", Some("李波"), None, ClerkRole::Admin)?;
        let created_at = at("2024-01-01T00:00:00");
        let task = |w: &mut duban::store::Loader<'_>,
                    n: i64,
                    title: &str,
                    deadline: Option<&str>,
                    text: Option<&str>| {
            let number = n.to_string();
            w.task(&NewTask {
                plan_id: plan,
                section_id: None,
                number: &number,
                title,
                body: "",
                starts_on: None,
                deadline: deadline.map(day),
                deadline_text: text,
                weight: 1.0,
                position: n,
                created_at,
            })
        };
        let t1 = task(
            w,
            1,
            "推进企业数字化改造",
            Some("2024-06-30"),
            Some("6月底前"),
        )?;
        let t2 = task(w, 2, "建设产业园区", Some("2024-12-31"), Some("年底前"))?;
        let t3 = task(w, 3, "盘活低效工业用地", None, Some("长期"))?;
        let _t4 = task(w, 4, "没有责任单位的任务", None, None)?;
        let t5 = task(w, 5, "已经完成的任务", Some("2024-05-31"), None)?;
        w.assign(t1, jxj, Role::Lead, 0)?;
        w.assign(t1, fgj, Role::Co, 1)?;
        w.assign(t2, fgj, Role::Lead, 0)?;
        w.assign(t2, xh, Role::Co, 1)?;
        w.assign(t3, xh, Role::Lead, 0)?;
        w.assign(t5, cj, Role::Lead, 0)?;
        let p = |n| Percent::new(n).unwrap();
        w.progress(
            t1,
            jxj,
            p(20),
            "进展情况:启动",
            "alice",
            at("2024-03-25T02:00:00"),
        )?;
        w.progress(
            t1,
            jxj,
            p(60),
            "进展情况:过半",
            "alice",
            at("2024-06-25T02:00:00"),
        )?;
        w.progress(t1, fgj, p(30), "", "bob", at("2024-06-20T02:00:00"))?;
        w.progress(t2, fgj, p(40), "", "bob", at("2024-06-20T03:00:00"))?;
        w.progress(t2, xh, p(10), "", "carol", at("2024-06-21T02:00:00"))?;
        w.progress(t3, xh, p(45), "", "carol", at("2024-06-21T03:00:00"))?;
        w.progress(t5, cj, p(100), "", "dave", at("2024-05-20T02:00:00"))?;
        // After the as-of date of the golden test: must not show there.
        w.progress(
            t1,
            jxj,
            p(100),
            "进展情况:完成",
            "alice",
            at("2024-08-01T02:00:00"),
        )?;
        Ok(())
    })
    .unwrap();
}

/// A file made by `duban gen` (a plan over 2026, generated on 2026-03-01): for the tests that need
/// thousands of tasks rather than the small fixture.
pub fn generated(tasks: u64, departments: u64, seed: u64) -> (tempfile::TempDir, PathBuf, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.db");
    let mut db = Db::create(&path).unwrap();
    let spec = duban::sample::synth::GenSpec {
        tasks,
        departments,
        seed,
        year: 2026,
    };
    duban::sample::synth::generate(&mut db, spec, at("2026-03-01T00:00:00"), "admin", |_| {})
        .unwrap();
    (dir, path, db)
}

/// Takes a file back from schema 12 to 11 (the kept rollup's tables and triggers): for the tests
/// that make an older file to migrate.
pub const UNDO_SCHEMA_12: &str = "
    DROP TRIGGER rollup_assignment_insert; DROP TRIGGER rollup_assignment_update;
    DROP TRIGGER rollup_assignment_delete; DROP TRIGGER rollup_milestone;
    DROP TRIGGER rollup_milestone_reached; DROP TRIGGER rollup_setting_insert;
    DROP TRIGGER rollup_setting_update; DROP TRIGGER rollup_setting_delete;
    DROP TABLE rollup_state; DROP TABLE rollup_department; DROP TABLE rollup_tasks;";
