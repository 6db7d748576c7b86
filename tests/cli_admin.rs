//! `duban clerk …` and `duban dept …` as an office runs them: the real binary, acting as the OS
//! user of the test process (the creator, hence first admin, of every file made here with
//! `duban init` or `duban demo`). Each write is checked through the store and its audit row;
//! each refusal is one line with exit 2 and leaves the file exactly as it was.

#[path = "support/cli.rs"]
mod cli;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use duban::domain::{ClerkRole, Denied, Role};
use duban::identity::os_login;
use duban::store::{Clerk, Db, Scope, StoreError};
use portable_pty::{PtySize, native_pty_system};
use tempfile::TempDir;

fn duban(args: &[&str]) -> Output {
    cli::command().args(args).output().expect("the binary runs")
}

/// Runs `duban --db FILE ARGS…` and insists on success.
fn ok(path: &Path, args: &[&str]) -> String {
    let o = duban(&with_db(path, args));
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn with_db<'a>(path: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--db", path.to_str().unwrap()];
    all.extend_from_slice(args);
    all
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Runs a command that must be refused: exit 2, one line on stderr containing `needle`, no
/// panic, and not one row of the file changed.
fn refused(path: &Path, args: &[&str], needle: &str) -> Output {
    let before = dump(path);
    let o = duban(&with_db(path, args));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected {needle:?} in {err:?}"
    );
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{args:?}: one line: {err:?}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(dump(path), before, "{args:?} changed the file");
    o
}

/// Every row of the tables these commands can touch, in a fixed order: equal dumps mean an
/// unchanged file (the audit table included, so a refused write left no trace either).
fn dump(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut out = String::new();
    for (table, order) in [
        ("clerk", "username"),
        ("department", "id"),
        ("department_alias", "alias"),
        ("assignment", "task_id, department_id"),
        ("progress", "id"),
        ("indicator", "id"),
        ("audit", "id"),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push_str(&format!("{table}: {}\n", cells.join(" | ")));
        }
    }
    out
}

/// An empty file made by `duban init`: the test's user is its only clerk, an admin.
fn init() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let o = duban(&["init", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (dir, path)
}

/// The demo plan (19 departments, 21 clerks besides the test's user, who is an admin).
fn demo() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let o = duban(&["demo", path.to_str().unwrap(), "--no-open"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (dir, path)
}

/// An init file with three departments, two of which share the prefix 区发.
fn office() -> (TempDir, PathBuf) {
    let (dir, path) = init();
    for name in ["区经济和信息化局", "区发改局", "区发展研究中心"] {
        ok(&path, &["dept", "add", name]);
    }
    (dir, path)
}

fn db(path: &Path) -> Db {
    Db::open(path).unwrap()
}

fn dept_id(path: &Path, name: &str) -> i64 {
    db(path)
        .department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no department {name}"))
        .id
}

fn actions(path: &Path, entity: &str, id: &str) -> Vec<(String, String)> {
    db(path)
        .audit_trail(entity, id)
        .unwrap()
        .into_iter()
        .map(|a| (a.action, a.by))
        .collect()
}

#[test]
fn the_creator_of_a_file_is_its_first_admin_and_nobody_else_can_claim_that() {
    let (_dir, path) = init();
    let me = os_login();
    let clerks = db(&path).clerks().unwrap();
    assert_eq!(clerks.len(), 1);
    assert_eq!(
        (clerks[0].username.as_str(), clerks[0].role),
        (me.as_str(), ClerkRole::Admin)
    );

    // The store's one write without `permit` works only on a file with no clerks.
    let mut db = db(&path);
    assert!(matches!(
        db.add_first_admin("mallory"),
        Err(StoreError::Forbidden {
            why: Denied::NotAClerk,
            ..
        })
    ));
    db.add_first_admin(&me).unwrap();
    assert_eq!(
        db.clerks().unwrap().len(),
        1,
        "an admin claiming again changes nothing"
    );
}

#[test]
fn clerks_are_added_changed_and_removed_with_an_audit_row_each() {
    let (_dir, path) = office();
    let me = os_login();
    let jxj = dept_id(&path, "区经济和信息化局");
    let fgj = dept_id(&path, "区发改局");

    // --dept takes a unique prefix, as everywhere else.
    let out = ok(
        &path,
        &[
            "clerk", "add", "zhangli", "--role", "editor", "--dept", "区经", "--name", "张丽",
        ],
    );
    assert_eq!(out, "已添加 zhangli:填报人员(「区经济和信息化局」)\n");
    let expected = Clerk {
        username: "zhangli".into(),
        display_name: Some("张丽".into()),
        department_id: Some(jxj),
        role: ClerkRole::Editor,
    };
    assert_eq!(db(&path).clerk("zhangli").unwrap(), Some(expected));
    assert_eq!(
        actions(&path, "clerk", "zhangli"),
        [("create".into(), me.clone())]
    );

    // A role given in capitals is still a role; a viewer needs no department.
    ok(
        &path,
        &[
            "--lang", "en", "clerk", "add", "zhouming", "--role", "Viewer",
        ],
    );
    assert_eq!(
        db(&path).clerk("zhouming").unwrap().unwrap().role,
        ClerkRole::Viewer
    );

    let list = ok(&path, &["clerk", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["登录名", "姓名", "角色", "单位"]
    );
    assert!(
        lines.iter().any(|l| l.split_whitespace().eq([
            "zhangli",
            "张丽",
            "填报人员",
            "区经济和信息化局"
        ])),
        "{list}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&me) && l.contains("管理员")),
        "{list}"
    );
    assert_eq!(lines.len(), 4, "{list}");

    let json: serde_json::Value =
        serde_json::from_str(&ok(&path, &["clerk", "list", "--json"])).unwrap();
    let zhangli = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["username"] == "zhangli")
        .unwrap();
    assert_eq!(
        zhangli,
        &serde_json::json!({"username": "zhangli", "display_name": "张丽", "role": "editor",
                            "department": "区经济和信息化局"})
    );

    // Changing only the role keeps the department.
    let out = ok(
        &path,
        &[
            "--lang", "en", "clerk", "role", "zhangli", "--role", "admin",
        ],
    );
    assert_eq!(out, "zhangli is now admin of 区经济和信息化局\n");
    let c = db(&path).clerk("zhangli").unwrap().unwrap();
    assert_eq!((c.role, c.department_id), (ClerkRole::Admin, Some(jxj)));
    // --dept moves them; --no-dept takes them out.
    ok(
        &path,
        &[
            "clerk",
            "role",
            "zhangli",
            "--role",
            "editor",
            "--dept",
            "区发改局",
        ],
    );
    let c = db(&path).clerk("zhangli").unwrap().unwrap();
    assert_eq!((c.role, c.department_id), (ClerkRole::Editor, Some(fgj)));
    ok(
        &path,
        &["clerk", "role", "zhangli", "--role", "viewer", "--no-dept"],
    );
    let c = db(&path).clerk("zhangli").unwrap().unwrap();
    assert_eq!((c.role, c.department_id), (ClerkRole::Viewer, None));
    let trail = db(&path).audit_trail("clerk", "zhangli").unwrap();
    assert_eq!(trail.len(), 4);
    assert_eq!(trail[3].action, "update");
    assert_eq!(trail[3].before.as_ref().unwrap()["department_id"], fgj);
    assert_eq!(trail[3].after.as_ref().unwrap()["role"], "viewer");

    // The same role again writes nothing and says so.
    let before = dump(&path);
    let out = ok(
        &path,
        &[
            "--lang", "en", "clerk", "role", "zhangli", "--role", "viewer",
        ],
    );
    assert_eq!(out, "already so; nothing changed\n");
    assert_eq!(dump(&path), before);

    let out = ok(&path, &["clerk", "remove", "zhangli"]);
    assert!(out.contains("已移除 zhangli"), "{out}");
    assert_eq!(db(&path).clerk("zhangli").unwrap(), None);
    let trail = actions(&path, "clerk", "zhangli");
    assert_eq!(trail.last().unwrap(), &("delete".to_string(), me.clone()));
    assert!(!ok(&path, &["clerk", "list"]).contains("zhangli"));
}

#[test]
fn clerk_refusals_are_one_line_with_exit_2_and_change_nothing() {
    let (_dir, path) = office();
    let me = os_login();
    ok(
        &path,
        &[
            "clerk",
            "add",
            "zhangli",
            "--role",
            "editor",
            "--dept",
            "区发改局",
        ],
    );

    refused(
        &path,
        &["clerk", "add", "x", "--role", "boss"],
        "角色 \"boss\" 无效",
    );
    refused(
        &path,
        &["--lang", "en", "clerk", "add", "x", "--role", "boss"],
        "unknown role \"boss\": use admin, editor or viewer",
    );
    refused(
        &path,
        &["clerk", "add", "x", "--role", "editor"],
        "填报人员必须属于一个单位:请加 --dept",
    );
    refused(
        &path,
        &["--lang", "en", "clerk", "add", "x", "--role", "editor"],
        "an editor must belong to a department: add --dept NAME",
    );
    // Unknown, and ambiguous (区发 begins 区发改局 and 区发展研究中心), departments.
    refused(
        &path,
        &[
            "clerk",
            "add",
            "x",
            "--role",
            "editor",
            "--dept",
            "区财政局",
        ],
        "没有名为 \"区财政局\" 的单位",
    );
    refused(
        &path,
        &[
            "--lang", "en", "clerk", "add", "x", "--role", "editor", "--dept", "区发",
        ],
        "matches several departments: 区发改局, 区发展研究中心",
    );
    refused(
        &path,
        &["clerk", "add", "zhangli", "--role", "viewer"],
        "zhangli 已是本数据库的人员",
    );
    refused(
        &path,
        &["--lang", "en", "clerk", "add", "li si", "--role", "viewer"],
        "is not a login name",
    );
    refused(
        &path,
        &["clerk", "role", "nobody", "--role", "viewer"],
        "nobody 不是本数据库的人员",
    );
    refused(
        &path,
        &["--lang", "en", "clerk", "remove", "nobody"],
        "nobody is not a clerk of this database",
    );
    refused(
        &path,
        &["clerk", "role", "zhangli", "--role", "editor", "--no-dept"],
        "--dept",
    );
    refused(
        &path,
        &["clerk", "role", "zhangli", "--role", "guest"],
        "角色 \"guest\" 无效",
    );

    // The only admin can neither step down nor leave.
    refused(
        &path,
        &["clerk", "role", &me, "--role", "viewer"],
        &format!("{me} 是唯一的管理员,不能移除或降级"),
    );
    refused(
        &path,
        &["--lang", "en", "clerk", "remove", &me],
        &format!("{me} is the only admin and cannot be removed or demoted"),
    );
    assert_eq!(
        db(&path).clerk(&me).unwrap().unwrap().role,
        ClerkRole::Admin
    );
}

#[test]
fn once_demoted_the_user_is_refused_every_write_but_still_reads() {
    let (_dir, path) = office();
    let me = os_login();
    ok(
        &path,
        &[
            "clerk", "add", "sunhui", "--role", "admin", "--name", "孙慧",
        ],
    );
    // With another admin in the file, the user may step down.
    ok(&path, &["clerk", "role", &me, "--role", "viewer"]);
    let c = db(&path).clerk(&me).unwrap().unwrap();
    assert_eq!(c.role, ClerkRole::Viewer);

    let not_admin = format!("only an admin may take this step ({me} is not one)");
    let en = |args: &[&'static str]| -> Vec<String> {
        ["--lang", "en"]
            .iter()
            .chain(args)
            .map(|s| s.to_string())
            .collect()
    };
    let writes: Vec<Vec<String>> = vec![
        en(&["clerk", "add", "x", "--role", "viewer"]),
        en(&["clerk", "role", "sunhui", "--role", "viewer"]),
        en(&["clerk", "remove", "sunhui"]),
        en(&["dept", "add", "区财政局"]),
        en(&["dept", "rename", "区发改局", "区发展和改革局"]),
        en(&["dept", "alias", "区发改局", "发改局"]),
        en(&["dept", "merge", "区发改局", "区经济和信息化局", "--yes"]),
        // Without --yes the preview is refused too, before anything is shown or asked.
        en(&["dept", "merge", "区发改局", "区经济和信息化局"]),
        // Taking back the role is a write like any other.
        vec![
            "--lang".into(),
            "en".into(),
            "clerk".into(),
            "role".into(),
            me.clone(),
            "--role".into(),
            "admin".into(),
        ],
    ];
    for args in &writes {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = refused(&path, &args, &not_admin);
        assert!(stdout(&o).is_empty(), "{args:?} printed {}", stdout(&o));
    }
    refused(
        &path,
        &["clerk", "remove", "sunhui"],
        "只有管理员可以办理这一步",
    );

    // Reading needs no role.
    assert!(ok(&path, &["clerk", "list"]).contains("sunhui"));
    assert!(ok(&path, &["dept", "list"]).contains("区发改局"));

    // The end state, stated plainly: the user is a viewer, 孙慧 the only admin, and the user's
    // own demotion is the last thing the audit trail holds about them.
    let clerks = db(&path).clerks().unwrap();
    let admins: Vec<&str> = clerks
        .iter()
        .filter(|c| c.role == ClerkRole::Admin)
        .map(|c| c.username.as_str())
        .collect();
    assert_eq!(admins, ["sunhui"]);
    assert_eq!(
        db(&path).clerk(&me).unwrap().unwrap().role,
        ClerkRole::Viewer
    );
    let trail = db(&path).audit_trail("clerk", &me).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].after.as_ref().unwrap()["role"], "viewer");
}

#[test]
fn a_login_that_is_not_a_clerk_is_told_to_ask_an_admin() {
    let (_dir, path) = office();
    let me = os_login();
    ok(&path, &["clerk", "add", "sunhui", "--role", "admin"]);
    ok(&path, &["clerk", "remove", &me]);
    assert_eq!(db(&path).clerk(&me).unwrap(), None);
    refused(
        &path,
        &["--lang", "en", "clerk", "add", "x", "--role", "viewer"],
        &format!("{me} is not a clerk of this database and may only read; ask an admin to add you"),
    );
    refused(
        &path,
        &["dept", "add", "区财政局"],
        &format!("{me} 不是本数据库的填报人员"),
    );
}

#[test]
fn departments_are_added_renamed_and_given_aliases_with_an_audit_row_each() {
    let (_dir, path) = init();
    let me = os_login();

    let out = ok(&path, &["dept", "add", "区经济和信息化局"]);
    assert_eq!(out, "已添加单位「区经济和信息化局」(部门)\n");
    // The kind is guessed from the name unless given.
    ok(&path, &["dept", "add", "城东街道"]);
    ok(
        &path,
        &[
            "--lang",
            "en",
            "dept",
            "add",
            "青川数字产业园",
            "--kind",
            "COMPANY",
        ],
    );
    let kinds: Vec<(String, String)> = db(&path)
        .departments()
        .unwrap()
        .into_iter()
        .map(|d| (d.name, d.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("区经济和信息化局".to_string(), "bureau".to_string()),
            ("城东街道".to_string(), "street".to_string()),
            ("青川数字产业园".to_string(), "company".to_string()),
        ]
    );
    let jxj = dept_id(&path, "区经济和信息化局");
    assert_eq!(
        actions(&path, "department", &jxj.to_string()),
        [("create".into(), me.clone())]
    );

    // A close name is added, with a warning naming the existing one and the way to join them.
    let o = duban(&with_db(&path, &["dept", "add", "区经信局"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "注意:「区经信局」与已有单位相近:「区经济和信息化局」。若是同一单位,可用 duban dept merge 区经信局 区经济和信息化局 合并\n"
    );
    assert!(
        db(&path)
            .department_names()
            .unwrap()
            .iter()
            .any(|d| d.name == "区经信局")
    );
    // A name close to nothing gets no warning.
    let o = duban(&with_db(&path, &["dept", "add", "白云街道"]));
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(0), ""));

    let out = ok(
        &path,
        &["dept", "rename", "区经济和信息化局", "区经济信息化局"],
    );
    assert_eq!(
        out,
        "已将「区经济和信息化局」改名为「区经济信息化局」;旧名称保留为别名\n"
    );
    let out = ok(
        &path,
        &["--lang", "en", "dept", "alias", "区经济信息化", "经信局"],
    );
    assert_eq!(out, "经信局 is now an alias of 区经济信息化局\n");
    let names = db(&path).department_names().unwrap();
    let d = names.iter().find(|d| d.id == jxj).unwrap();
    assert_eq!(d.name, "区经济信息化局");
    assert_eq!(d.aliases, ["区经济和信息化局", "经信局"]);
    let trail = db(&path)
        .audit_trail("department", &jxj.to_string())
        .unwrap();
    let acts: Vec<&str> = trail.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(acts, ["create", "rename", "alias"]);
    assert!(trail.iter().all(|a| a.by == me));
    assert_eq!(
        trail[1].before.as_ref().unwrap()["name"],
        "区经济和信息化局"
    );

    // An alias finds the department everywhere a name does.
    let out = ok(&path, &["dept", "rename", "经信局", "区经济信息化局"]);
    assert_eq!(out, "已是如此,没有改动\n");

    let list = ok(&path, &["dept", "list"]);
    assert_eq!(
        list.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["单位", "类别", "牵头", "配合", "人员", "别名"]
    );
    assert!(
        list.contains("区经济信息化局  部门       0     0     0  区经济和信息化局、经信局"),
        "{list}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&path, &["dept", "list", "--json"])).unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({"id": jxj, "name": "区经济信息化局", "kind": "bureau",
                           "aliases": ["区经济和信息化局", "经信局"], "led": 0, "co": 0,
                           "clerks": 0})
    );
}

#[test]
fn the_department_list_counts_what_the_task_list_shows() {
    let (_dir, path) = demo();
    let db = db(&path);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&path, &["dept", "list", "--json"])).unwrap();
    let listed = json.as_array().unwrap();
    assert_eq!(listed.len(), db.departments().unwrap().len());
    let tasks = db.tasks(Scope::default()).unwrap();
    let clerks = db.clerks().unwrap();
    for d in listed {
        let id = d["id"].as_i64().unwrap();
        let count = |role: Role| {
            tasks
                .iter()
                .filter(|t| {
                    t.units
                        .iter()
                        .any(|u| u.department_id == id && u.role == role)
                })
                .count()
        };
        let staff = clerks
            .iter()
            .filter(|c| c.department_id == Some(id))
            .count();
        assert_eq!(d["led"], count(Role::Lead), "{d}");
        assert_eq!(d["co"], count(Role::Co), "{d}");
        assert_eq!(d["clerks"], staff, "{d}");
    }
    assert!(listed.iter().any(|d| d["led"].as_i64().unwrap() > 0));
    let zh = ok(&path, &["dept", "list"]);
    assert_eq!(zh.lines().count(), listed.len() + 1, "{zh}");
}

#[test]
fn department_refusals_are_one_line_with_exit_2_and_change_nothing() {
    let (_dir, path) = office();
    ok(&path, &["dept", "alias", "区经济和信息化局", "经信局"]);

    refused(
        &path,
        &["dept", "add", "区发改局"],
        "「区发改局」已是「区发改局」的名称或别名",
    );
    refused(
        &path,
        &["--lang", "en", "dept", "add", "经信局"],
        "“经信局” is already the name or an alias of 区经济和信息化局",
    );
    refused(&path, &["dept", "add", "  "], "名称不能为空");
    refused(
        &path,
        &["dept", "add", "区财政局", "--kind", "ministry"],
        "类别 \"ministry\" 无效",
    );
    refused(
        &path,
        &[
            "--lang",
            "en",
            "dept",
            "add",
            "区财政局",
            "--kind",
            "ministry",
        ],
        "unknown kind \"ministry\": use bureau, street, company or other",
    );
    refused(
        &path,
        &["dept", "rename", "区发改局", "经信局"],
        "已是「区经济和信息化局」的名称或别名",
    );
    refused(&path, &["dept", "rename", "区发改局", ""], "名称不能为空");
    refused(
        &path,
        &["dept", "alias", "区发改局", "区发展研究中心"],
        "已是「区发展研究中心」的名称或别名",
    );
    refused(
        &path,
        &["dept", "alias", "经信局", "经信局"],
        "「经信局」已是「区经济和信息化局」的名称或别名",
    );
    // Unknown departments list close names; an ambiguous prefix lists the candidates.
    refused(
        &path,
        &["dept", "rename", "区发改委", "区发展和改革局"],
        "没有名为 \"区发改委\" 的单位。是否要找:区发改局",
    );
    refused(
        &path,
        &["--lang", "en", "dept", "alias", "税务所", "税务"],
        "no department called \"税务所\"; `duban dept list` lists them all",
    );
    refused(
        &path,
        &["dept", "alias", "区发", "发改局"],
        "\"区发\" 对应多个单位:区发改局、区发展研究中心",
    );
    refused(
        &path,
        &["dept", "merge", "区财政局", "区发改局", "--yes"],
        "没有名为 \"区财政局\" 的单位",
    );
    refused(
        &path,
        &["dept", "merge", "区发改局", "区发改局", "--yes"],
        "不能把单位合并到它自己",
    );
    // A merge, which cannot be undone, takes no prefix, however unique.
    refused(
        &path,
        &["dept", "merge", "区发改局", "区经济", "--yes"],
        "合并须写单位全称或别名:\"区经济\" 只是「区经济和信息化局」的开头",
    );
    refused(
        &path,
        &[
            "--lang",
            "en",
            "dept",
            "merge",
            "区发改",
            "区经济和信息化局",
            "--yes",
        ],
        "a merge needs a department's full name or an alias: \"区发改\" only begins 区发改局",
    );
}

#[test]
fn a_merge_without_yes_off_a_terminal_shows_what_would_move_and_refuses() {
    let (_dir, path) = demo();
    let (from, into, moved, joined) = merge_pair(&path);
    let o = refused(
        &path,
        &["--lang", "en", "dept", "merge", &from, &into],
        "a merge cannot be undone, so nothing was done; check the above and run again with --yes",
    );
    let shown = stdout(&o);
    assert!(
        shown.starts_with(&format!("merging {from} into {into} would change:\n")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "{into} takes over {moved} tasks and joins {joined} it is already on"
        )),
        "{shown}"
    );
    // An alias names a department for a merge as well as its name does.
    let zh = refused(
        &path,
        &["dept", "merge", &from, "经信局"],
        "加 --yes 再运行",
    );
    assert!(
        stdout(&zh).starts_with(&format!("将把「{from}」合并到「区经信局」")),
        "{}",
        stdout(&zh)
    );
}

/// The departments of the demo's first task with two units (so a merge both moves and joins):
/// the co-unit, the lead, and how many of the co-unit's tasks would move and join.
fn merge_pair(path: &Path) -> (String, String, usize, usize) {
    let db = db(path);
    let tasks = db.tasks(Scope::default()).unwrap();
    let shared = tasks
        .iter()
        .find(|t| t.units.len() >= 2 && t.units[0].name == "区经信局")
        .unwrap();
    let (into, from) = (&shared.units[0], &shared.units[1]);
    let on = |id: i64| -> BTreeSet<i64> {
        tasks
            .iter()
            .filter(|t| t.units.iter().any(|u| u.department_id == id))
            .map(|t| t.id)
            .collect()
    };
    let (f, i) = (on(from.department_id), on(into.department_id));
    (
        from.name.clone(),
        into.name.clone(),
        f.difference(&i).count(),
        f.intersection(&i).count(),
    )
}

#[test]
fn a_merge_with_yes_moves_tasks_reports_and_clerks_and_leaves_an_alias() {
    let (_dir, path) = demo();
    let me = os_login();
    let (from, into, moved, joined) = merge_pair(&path);
    let from_id = dept_id(&path, &from);
    let into_id = dept_id(&path, &into);
    let before = db(&path);
    let tasks = before.tasks(Scope::default()).unwrap();
    let union: BTreeSet<i64> = tasks
        .iter()
        .filter(|t| {
            t.units
                .iter()
                .any(|u| u.department_id == from_id || u.department_id == into_id)
        })
        .map(|t| t.id)
        .collect();
    let reports: usize = tasks
        .iter()
        .flat_map(|t| t.units.iter().map(move |u| (t.id, u.department_id)))
        .filter(|(_, d)| *d == from_id || *d == into_id)
        .map(|(t, d)| before.history(t, d).unwrap().len())
        .sum();
    let from_clerks: Vec<String> = before
        .clerks()
        .unwrap()
        .into_iter()
        .filter(|c| c.department_id == Some(from_id))
        .map(|c| c.username)
        .collect();
    assert!(!from_clerks.is_empty(), "the demo has a clerk in {from}");
    drop(before);

    let out = ok(
        &path,
        &["--lang", "en", "dept", "merge", &from, &into, "--yes"],
    );
    assert!(
        out.starts_with(&format!(
            "merged {from} into {into}: {moved} tasks taken over, {joined} joined"
        )),
        "{out}"
    );

    let after = db(&path);
    let names = after.department_names().unwrap();
    assert!(names.iter().all(|d| d.id != from_id), "{from} is gone");
    let kept = names.iter().find(|d| d.id == into_id).unwrap();
    assert!(kept.aliases.contains(&from), "{:?}", kept.aliases);
    let tasks = after.tasks(Scope::default()).unwrap();
    let now_on: BTreeSet<i64> = tasks
        .iter()
        .filter(|t| t.units.iter().any(|u| u.department_id == into_id))
        .map(|t| t.id)
        .collect();
    assert_eq!(now_on, union);
    // No report lost, none moved: each stays with the department that made it; the survivor
    // has at most one row more per task (a figure it took over).
    let kept: usize = now_on
        .iter()
        .map(|t| {
            after.history(*t, into_id).unwrap().len() + after.history(*t, from_id).unwrap().len()
        })
        .sum();
    assert!(
        kept >= reports && kept <= reports + now_on.len(),
        "{kept} vs {reports}"
    );
    for c in &from_clerks {
        assert_eq!(
            after.clerk(c).unwrap().unwrap().department_id,
            Some(into_id)
        );
    }
    let trail = after
        .audit_trail("department", &from_id.to_string())
        .unwrap();
    let last = trail.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.by.as_str()),
        ("merge", me.as_str())
    );
    assert_eq!(
        last.after.as_ref().unwrap()["clerks_moved"],
        from_clerks.len()
    );
    // The old name now finds the surviving department.
    assert!(ok(&path, &["status", "--dept", &from, "--json"]).contains(&into));
}

/// `duban dept merge` in a pseudo-terminal: it shows the figures and asks; `answer` is typed.
fn merge_on_a_terminal(path: &Path, from: &str, into: &str, answer: &str) -> (u32, String) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = cli::pty_command();
    cmd.args([
        "--db",
        path.to_str().unwrap(),
        "--lang",
        "en",
        "dept",
        "merge",
        from,
        into,
    ]);
    cmd.env("NO_COLOR", "1");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let screen = Arc::new(Mutex::new(String::new()));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&screen);
    // Reads until the terminal closes (an error once the child is gone): no sleeps to guess.
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let end = Instant::now() + Duration::from_secs(20);
    while !screen.lock().unwrap().contains("[y/N]") {
        assert!(
            Instant::now() < end,
            "no question: {}",
            screen.lock().unwrap()
        );
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "exited {status:?} without asking: {}",
                screen.lock().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut writer = pair.master.take_writer().unwrap();
    writer.write_all(answer.as_bytes()).unwrap();
    writer.flush().unwrap();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.exit_code();
        }
        assert!(
            Instant::now() < end,
            "did not exit: {}",
            screen.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    // What the child wrote before exiting is in the terminal's buffer; let the reader take it.
    let settle = Instant::now() + Duration::from_secs(2);
    let want = if code == 0 { "merged " } else { "cancelled" };
    while !screen.lock().unwrap().contains(want) && Instant::now() < settle {
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = screen.lock().unwrap().clone();
    (code, text)
}

#[test]
fn on_a_terminal_a_merge_asks_and_only_yes_merges() {
    let (_dir, path) = demo();
    let (from, into, moved, _) = merge_pair(&path);
    let before = dump(&path);

    let (code, screen) = merge_on_a_terminal(&path, &from, &into, "n\r");
    assert_eq!(code, 2, "{screen}");
    assert!(
        screen.contains(&format!("merging {from} into {into} would change:")),
        "{screen}"
    );
    assert!(
        screen.contains("A merge cannot be undone. Merge? [y/N]"),
        "{screen}"
    );
    assert!(screen.contains("cancelled; nothing was merged"), "{screen}");
    assert_eq!(dump(&path), before, "answering n changed the file");

    let (code, screen) = merge_on_a_terminal(&path, &from, &into, "y\r");
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains(&format!(
            "merged {from} into {into}: {moved} tasks taken over"
        )),
        "{screen}"
    );
    assert!(
        db(&path)
            .department_names()
            .unwrap()
            .iter()
            .all(|d| d.name != from)
    );
}

#[test]
fn every_admin_command_has_help() {
    for (args, usage) in [
        (&["clerk"][..], "Usage: duban clerk"),
        (&["clerk", "list"], "Usage: duban clerk list"),
        (&["clerk", "add"], "Usage: duban clerk add"),
        (&["clerk", "role"], "Usage: duban clerk role"),
        (&["clerk", "remove"], "Usage: duban clerk remove"),
        (&["dept"], "Usage: duban dept"),
        (&["dept", "list"], "Usage: duban dept list"),
        (&["dept", "add"], "Usage: duban dept add"),
        (&["dept", "rename"], "Usage: duban dept rename"),
        (&["dept", "alias"], "Usage: duban dept alias"),
        (&["dept", "merge"], "Usage: duban dept merge"),
    ] {
        // The English help: the Chinese is checked in tests/help.rs.
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        all.push("--help");
        let o = duban(&all);
        assert_eq!(o.status.code(), Some(0), "{all:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains(usage), "{all:?}: {out}");
    }
    let merge = stdout(&duban(&["--lang", "en", "dept", "merge", "--help"]));
    assert!(
        merge.contains("--yes") && merge.contains("cannot be undone"),
        "{merge}"
    );
    let add = stdout(&duban(&["--lang", "en", "clerk", "add", "--help"]));
    assert!(
        add.contains("--role") && add.contains("--dept") && add.contains("--name"),
        "{add}"
    );
    // The top-level help lists both groups.
    let top = stdout(&duban(&["--help"]));
    assert!(top.contains("clerk") && top.contains("dept"), "{top}");
}
