//! Key projects on the demo file for the CLI tests of issue 23 (tests/project_cli.rs,
//! tests/milestone_cli.rs): this login's role, a task by title, a key project set up, JSON read.
#![allow(dead_code)]

use super::cli::{self, duban, err, out, p};
use duban::domain::ClerkRole;
use duban::identity::os_login;
use duban::store::{Clerk, Db};
use serde_json::Value;
use std::path::Path;

/// 推动企业研发机构建设: 区科技局 leads it, 区经信局 assists.
pub const PROJECT: &str = "推动企业研发机构建设";
/// 培育高新技术企业: never made a key project here.
pub const PLAIN: &str = "培育高新技术企业";

/// This login's role in the file (sunhui stays an admin of the demo and makes the change).
pub fn be(path: &Path, role: ClerkRole, dept: Option<&str>) {
    let mut db = Db::open(path).unwrap();
    let department = dept.map(|name| {
        db.department_names()
            .unwrap()
            .into_iter()
            .find(|d| d.name == name)
            .unwrap()
            .id
    });
    let me = os_login();
    let now = cli::pinned_now();
    if db.clerks().unwrap().iter().any(|c| c.username == me) {
        db.set_clerk_role(&me, role, department, "sunhui", now)
            .unwrap();
    } else {
        let clerk = Clerk {
            username: me,
            display_name: None,
            department_id: department,
            role,
        };
        db.add_clerk(&clerk, "sunhui", now).unwrap();
    }
}

pub fn json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "{}", err(o));
    serde_json::from_str(&out(o)).unwrap_or_else(|e| panic!("{e}: {}", out(o)))
}

/// `#id` of the demo task with this title.
pub fn task(db: &Path, title: &str) -> String {
    let tasks = json(&duban(&["--db", p(db), "tasks", "--json"]));
    let id = tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == title)
        .unwrap_or_else(|| panic!("the demo has {title}"))["id"]
        .as_i64()
        .unwrap();
    format!("#{id}")
}

pub fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", err(o));
    out(o)
}

/// The demo with `PROJECT` a key project of 18,600 万元, 6,000 planned for 2026.
pub fn setup() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = cli::demo_db(dir.path());
    be(&db, ClerkRole::Admin, None);
    let t = task(&db, PROJECT);
    let o = duban(&[
        "--db",
        p(&db),
        "project",
        "set",
        "--task",
        &t,
        "--owner",
        "青川研发科技有限公司",
        "--total",
        "18,600",
        "--planned",
        "6000",
    ]);
    let said = ok(&o);
    assert!(said.contains("已保存重点项目"), "{said}");
    assert!(said.contains("青川研发科技有限公司"), "{said}");
    assert!(
        said.contains("18600万元") && said.contains("2026年计划投资 6000万元"),
        "{said}"
    );
    (dir, db, t)
}

pub fn assert_check_clean(db: &Path) {
    let o = duban(&["--db", p(db), "check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
}
