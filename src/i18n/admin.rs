//! Strings of the administration commands (`duban clerk …`, `duban dept …`), in Chinese and
//! English. Kept apart from `i18n.rs` as the TUI's are, so the command groups can grow without
//! every branch editing one long match.

use super::{Lang, pick};
use crate::domain::{ClerkRole, Role, Similar};
use crate::report::text::truncate;
use crate::store::{DepartmentKind, Merged};

/// A clerk's role in words.
pub fn role(lang: Lang, role: ClerkRole) -> &'static str {
    match (lang, role) {
        (Lang::Zh, ClerkRole::Admin) => "管理员",
        (Lang::Zh, ClerkRole::Editor) => "填报人员",
        (Lang::Zh, ClerkRole::Viewer) => "查看人员",
        (Lang::En, r) => r.as_str(),
    }
}

/// A department's kind in words; an unknown stored value is shown as it is.
pub fn kind(lang: Lang, kind: &str) -> String {
    match (lang, kind) {
        (Lang::Zh, "bureau") => "部门".into(),
        (Lang::Zh, "street") => "街道镇".into(),
        (Lang::Zh, "company") => "企业".into(),
        (Lang::Zh, "other") => "其他".into(),
        (_, other) => other.into(),
    }
}

/// Column headings of `clerk list` and `dept list`.
pub struct Headings {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub department: &'static str,
    pub kind: &'static str,
    pub led: &'static str,
    pub co: &'static str,
    pub clerks: &'static str,
    pub aliases: &'static str,
    pub no_clerks: &'static str,
    pub no_departments: &'static str,
}

pub fn headings(lang: Lang) -> &'static Headings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: Headings = Headings {
    username: "登录名",
    display_name: "姓名",
    role: "角色",
    department: "单位",
    kind: "类别",
    led: "牵头",
    co: "配合",
    clerks: "人员",
    aliases: "别名",
    no_clerks: "(还没有人员;用 duban clerk add 添加)",
    no_departments: "(还没有单位;用 duban dept add 添加,或 duban import plan 导入计划)",
};

static EN: Headings = Headings {
    username: "Login",
    display_name: "Name",
    role: "Role",
    department: "Department",
    kind: "Kind",
    led: "Led",
    co: "Co",
    clerks: "Clerks",
    aliases: "Aliases",
    no_clerks: "(no clerks yet; add them with `duban clerk add`)",
    no_departments: "(no departments yet; add them with `duban dept add`, or import a plan)",
};

/// Messages of the administration commands.
pub enum AdminMsg<'a> {
    BadRole(&'a str),
    BadKind(&'a str),
    /// The store's refusal of an editor without a department, with the flag that fixes it.
    EditorNeedsDept,
    NoSuchClerk(&'a str),
    ClerkAdded {
        user: &'a str,
        role: ClerkRole,
        department: Option<&'a str>,
    },
    ClerkChanged {
        user: &'a str,
        role: ClerkRole,
        department: Option<&'a str>,
    },
    ClerkRemoved(&'a str),
    /// A write that would change nothing: nothing was written.
    Unchanged,
    DeptAdded {
        name: &'a str,
        kind: DepartmentKind,
    },
    DeptSimilar {
        name: &'a str,
        similar: &'a [Similar],
    },
    DeptRenamed {
        old: &'a str,
        new: &'a str,
    },
    AliasAdded {
        name: &'a str,
        alias: &'a str,
    },
    /// A merge names its departments in full (or by an alias): a prefix that happens to be
    /// unique is too easy a way to merge the wrong one.
    MergeNeedsFullName {
        query: &'a str,
        name: &'a str,
    },
    MergePreview {
        from: &'a str,
        into: &'a str,
        merged: &'a Merged,
    },
    MergeNeedsYes,
    MergeAsk,
    MergeCancelled,
    Merged {
        from: &'a str,
        into: &'a str,
        merged: &'a Merged,
    },
}

pub fn msg(lang: Lang, m: AdminMsg<'_>) -> String {
    match m {
        AdminMsg::BadRole(r) => pick(
            lang,
            format!("角色 {r:?} 无效:可选 admin(管理员)、editor(填报人员)、viewer(查看人员)"),
            format!("unknown role {r:?}: use admin, editor or viewer"),
        ),
        AdminMsg::BadKind(k) => pick(
            lang,
            format!(
                "类别 {k:?} 无效:可选 bureau(部门)、street(街道镇)、company(企业)、other(其他)"
            ),
            format!("unknown kind {k:?}: use bureau, street, company or other"),
        ),
        AdminMsg::EditorNeedsDept => pick(
            lang,
            "填报人员必须属于一个单位:请加 --dept 单位名称",
            "an editor must belong to a department: add --dept NAME",
        ),
        AdminMsg::NoSuchClerk(u) => pick(
            lang,
            format!("{u} 不是本数据库的人员;duban clerk list 列出全部人员"),
            format!("{u} is not a clerk of this database; `duban clerk list` lists them"),
        ),
        AdminMsg::ClerkAdded {
            user,
            role: r,
            department,
        } => match department {
            Some(d) => pick(
                lang,
                format!("已添加 {user}:{}(「{d}」)", role(lang, r)),
                format!("added {user} as {} of {d}", role(lang, r)),
            ),
            None => pick(
                lang,
                format!("已添加 {user}:{}", role(lang, r)),
                format!("added {user} as {}", role(lang, r)),
            ),
        },
        AdminMsg::ClerkChanged {
            user,
            role: r,
            department,
        } => match department {
            Some(d) => pick(
                lang,
                format!("{user} 现为{}(「{d}」)", role(lang, r)),
                format!("{user} is now {} of {d}", role(lang, r)),
            ),
            None => pick(
                lang,
                format!("{user} 现为{}", role(lang, r)),
                format!("{user} is now {}", role(lang, r)),
            ),
        },
        AdminMsg::ClerkRemoved(u) => pick(
            lang,
            format!("已移除 {u}:今后只能查看;其报送记录保留"),
            format!("removed {u}: they may only read from now on; their reports stay"),
        ),
        AdminMsg::Unchanged => pick(lang, "已是如此,没有改动", "already so; nothing changed"),
        AdminMsg::DeptAdded { name, kind: k } => pick(
            lang,
            format!("已添加单位「{name}」({})", kind(lang, k.as_str())),
            format!("added the department {name} ({})", k.as_str()),
        ),
        AdminMsg::DeptSimilar { name, similar } => {
            let zh: Vec<String> = similar
                .iter()
                .map(|s| {
                    if s.matched == s.name {
                        format!("「{}」", s.name)
                    } else {
                        format!("「{}」(别名「{}」)", s.name, s.matched)
                    }
                })
                .collect();
            let en: Vec<String> = similar
                .iter()
                .map(|s| {
                    if s.matched == s.name {
                        s.name.clone()
                    } else {
                        format!("{} (alias {})", s.name, s.matched)
                    }
                })
                .collect();
            let first = similar.first().map(|s| s.name.as_str()).unwrap_or("");
            pick(
                lang,
                format!(
                    "注意:「{name}」与已有单位相近:{}。若是同一单位,可用 duban dept merge {name} {first} 合并",
                    zh.join("、")
                ),
                format!(
                    "note: {name} is close to {}. If it is the same unit, `duban dept merge {name} {first}` joins them",
                    en.join(", ")
                ),
            )
        }
        AdminMsg::DeptRenamed { old, new } => pick(
            lang,
            format!("已将「{old}」改名为「{new}」;旧名称保留为别名"),
            format!("renamed {old} to {new}; the old name stays as an alias"),
        ),
        AdminMsg::AliasAdded { name, alias } => pick(
            lang,
            format!("「{alias}」现为「{name}」的别名"),
            format!("{alias} is now an alias of {name}"),
        ),
        AdminMsg::MergeNeedsFullName { query, name } => pick(
            lang,
            format!("合并须写单位全称或别名:{query:?} 只是「{name}」的开头"),
            format!(
                "a merge needs a department's full name or an alias: {query:?} only begins {name}"
            ),
        ),
        AdminMsg::MergePreview { from, into, merged } => {
            let role = |r: Role| match (lang, r) {
                (Lang::Zh, Role::Lead) => "牵头",
                (Lang::Zh, Role::Co) => "配合",
                (Lang::En, Role::Lead) => "lead",
                (Lang::En, Role::Co) => "co",
            };
            let mut lines = String::new();
            for c in &merged.changes {
                let task = format!("{} {}", c.number, truncate(&c.title, 24));
                let (tr, tp) = c.theirs;
                let (ar, ap) = c.after;
                let line = match (lang, c.before) {
                    (Lang::Zh, None) => format!(
                        "  {task}:「{into}」接手 {} {}%(「{from}」原为 {} {}%)\n",
                        role(ar),
                        ap.value(),
                        role(tr),
                        tp.value()
                    ),
                    (Lang::Zh, Some((br, bp))) => format!(
                        "  {task}:「{into}」{} {}% → {} {}%(「{from}」原为 {} {}%)\n",
                        role(br),
                        bp.value(),
                        role(ar),
                        ap.value(),
                        role(tr),
                        tp.value()
                    ),
                    (Lang::En, None) => format!(
                        "  {task}: {into} takes it over, {} {}% ({from} was {} {}%)\n",
                        role(ar),
                        ap.value(),
                        role(tr),
                        tp.value()
                    ),
                    (Lang::En, Some((br, bp))) => format!(
                        "  {task}: {into} {} {}% -> {} {}% ({from} was {} {}%)\n",
                        role(br),
                        bp.value(),
                        role(ar),
                        ap.value(),
                        role(tr),
                        tp.value()
                    ),
                };
                lines.push_str(&line);
            }
            pick(
                lang,
                format!(
                    "将把「{from}」合并到「{into}」:\n\
                     \x20 「{into}」接手任务 {} 项,与已有的 {} 项合并(牵头优先;保留自身进度,接任牵头时取原牵头单位进度中较高者):\n{lines}\
                     \x20 人员 {} 名、指标 {} 个转到「{into}」\n\
                     \x20 「{from}」保留在记录中,标为已并入;它的报送记录仍记在它名下;\
                     合并后「{into}」的别名:{}\n",
                    merged.assignments_moved(),
                    merged.assignments_joined(),
                    merged.clerks_moved,
                    merged.indicators_moved,
                    merged.aliases.join("、"),
                ),
                format!(
                    "merging {from} into {into} would change:\n\
                     \x20 {into} takes over {} tasks and joins {} it is already on (the lead role wins; its own percent stays, or the lead's when it takes the lead):\n{lines}\
                     \x20 {} clerks and {} indicators move to {into}\n\
                     \x20 {from} stays in the record, marked merged; its reports stay its own; \
                     {into}'s aliases then: {}\n",
                    merged.assignments_moved(),
                    merged.assignments_joined(),
                    merged.clerks_moved,
                    merged.indicators_moved,
                    merged.aliases.join(", "),
                ),
            )
        }
        AdminMsg::MergeNeedsYes => pick(
            lang,
            "合并无法撤销,未做改动;核对上面的内容后加 --yes 再运行",
            "a merge cannot be undone, so nothing was done; check the above and run again with --yes",
        ),
        AdminMsg::MergeAsk => pick(
            lang,
            "合并后无法撤销。确定合并吗?[y/N] ",
            "A merge cannot be undone. Merge? [y/N] ",
        ),
        AdminMsg::MergeCancelled => pick(lang, "已取消,没有合并", "cancelled; nothing was merged"),
        AdminMsg::Merged { from, into, merged } => pick(
            lang,
            format!(
                "已将「{from}」合并到「{into}」:接手任务 {} 项,合并 {} 项,人员 {} 名,指标 {} 个;「{from}」标为已并入,其名称现指向「{into}」",
                merged.assignments_moved(),
                merged.assignments_joined(),
                merged.clerks_moved,
                merged.indicators_moved,
            ),
            format!(
                "merged {from} into {into}: {} tasks taken over, {} joined, {} clerks, {} indicators; {from} is marked merged and its name now finds {into}",
                merged.assignments_moved(),
                merged.assignments_joined(),
                merged.clerks_moved,
                merged.indicators_moved,
            ),
        ),
    }
}
