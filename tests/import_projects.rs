//! Key projects and milestones through the importer into the database (issue 23): seed 000's
//! appendix 2 (ten projects, each row carrying its owner company between the name and the amount
//! though the header lists only 序号/项目名称/总投资), a table with 年度计划投资/开工时间/竣工时间
//! columns and a milestone table (a fixture written for the project), the preview, and `check`
//! on the saved file.

use std::path::Path;

use chrono::NaiveDate;
use duban::domain::Role;
use duban::import::units::match_existing;
use duban::import::{DoubtKind, Options, PlanDraft, TaskDraft, read_plan};
use duban::store::Db;

fn opts() -> Options {
    Options {
        fallback_title: "untitled".into(),
        fallback_year: 2030,
    }
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn parse(bytes: &[u8]) -> PlanDraft {
    read_plan(bytes, &opts()).expect("imports").0
}

/// The seed documents (real public plans), when the shared directory is there.
fn seed(name: &str) -> Option<PlanDraft> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(parse(&bytes)),
        Err(_) => {
            eprintln!("skipped: seed {} not found", path.display());
            None
        }
    }
}

fn fixture() -> PlanDraft {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/key_projects.txt");
    parse(&std::fs::read(path).unwrap())
}

/// Saves the draft into a new file; returns the directory, the path and the open database.
fn saved(draft: &PlanDraft) -> (tempfile::TempDir, std::path::PathBuf, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut db = Db::create(&path).unwrap();
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    let saved = db.save_draft(draft, match_existing, "office", now).unwrap();
    assert_eq!(saved.tasks, draft.tasks.len());
    (dir, path, db)
}

fn task_id(db: &Db, number: &str) -> i64 {
    db.tasks(duban::store::Scope::default())
        .unwrap()
        .into_iter()
        .find(|t| t.number == number)
        .unwrap_or_else(|| panic!("task {number}"))
        .id
}

fn units(t: &TaskDraft) -> String {
    duban::report::import::units_line(t)
}

/// Seed 000's appendix 2, the values copied by hand from the seed's text (附件2, lines 264–343):
/// number, name, owner, 总投资(万元).
const SEED_000_PROJECTS: [(&str, &str, &str, f64); 10] = [
    (
        "附件2-1",
        "年产5000台高低温高端特种阀门技改项目",
        "浙江石化阀门有限公司",
        9800.0,
    ),
    (
        "附件2-2",
        "年新增20万套汽车电器控制盒及部件项目",
        "浙江正泰汽车零部件有限公司",
        2340.0,
    ),
    (
        "附件2-3",
        "年产3000万套精密搞笑节能汽车轴承技术改造项目",
        "温州人本汽车轴承股份有限公司",
        50000.0,
    ),
    (
        "附件2-4",
        "年新增6000吨高强度汽车紧固件技改项目",
        "浙江华远汽车零部件有限公司",
        2299.0,
    ),
    (
        "附件2-5",
        "年产6万吨汽车高强度紧固件项目",
        "浙江明泰标准件有限公司",
        80000.0,
    ),
    (
        "附件2-6",
        "轿车用高强度铝合金螺栓批量生产工程实施方案",
        "浙江明泰标准件有限公司",
        4100.0,
    ),
    (
        "附件2-7",
        "年新增2500吨铝合金导线技改项目",
        "威尔鹰集团有限公司",
        5843.0,
    ),
    (
        "附件2-8",
        "高精密多层线路板自动化生产技改项目",
        "浙江欧珑电气有限公司",
        2548.0,
    ),
    (
        "附件2-9",
        "生产流水线自动化包装和年新增25万双皮鞋技改项目(新增)",
        "金帝集团有限公司",
        1624.0,
    ),
    (
        "附件2-10",
        "年新增300万只美容美发电器技改项目",
        "浙江美森电器有限公司",
        3505.0,
    ),
];

#[test]
fn seed_000_appendix_2_imports_ten_projects_with_owners_and_amounts() {
    let Some(d) = seed("000_e8534a3dcf47a5b8.txt") else {
        return;
    };
    let projects: Vec<&TaskDraft> = d.tasks.iter().filter(|t| t.project.is_some()).collect();
    assert_eq!(projects.len(), 10);
    for (t, (number, name, owner, total)) in projects.iter().zip(SEED_000_PROJECTS) {
        let p = t.project.as_ref().unwrap();
        assert_eq!(
            (t.number.as_str(), t.title.as_str()),
            (number, name),
            "{t:?}"
        );
        assert_eq!(p.owner.as_deref(), Some(owner), "owner of {name}");
        assert_eq!(p.investment, Some(total), "总投资 of {name}");
        assert_eq!(p.year_plan, None, "the table has no yearly plan");
        assert!(t.milestones.is_empty());
        // The section is the appendix, titled by the table's title.
        let section = &d.sections[t.section.unwrap()];
        assert_eq!(section.number, "附件2");
        assert!(section.title.contains("十大重点项目"), "{}", section.title);
        // Its units: those of the item that refers to the projects ((二)1 "…重点技改项目10项
        // (详见附件1)…", the plan's own misnumbering; the quoted “机器换人” names the table).
        assert_eq!(units(t), "*经济发展局、各街道办事处", "{name}");
    }
    // The text says the ten total over 15亿元: 162,059万元.
    let sum: f64 = SEED_000_PROJECTS.iter().map(|p| p.3).sum();
    assert_eq!(sum, 162_059.0);
    let d_project_units = d
        .doubts
        .iter()
        .find(|x| x.kind == DoubtKind::ProjectUnits)
        .expect("the borrowed units are listed to check");
    assert!(
        d_project_units.text.contains("(二)1"),
        "{}",
        d_project_units.text
    );
    assert!(!d.doubts.iter().any(|x| x.kind == DoubtKind::NoUnits));

    // Into the database: the project journal holds each owner and total; `check` is clean.
    let (_dir, path, db) = saved(&d);
    let all = db.projects(None, None).unwrap();
    assert_eq!(all.len(), 10);
    for (number, _, owner, total) in SEED_000_PROJECTS {
        let info = &all[&task_id(&db, number)];
        assert_eq!(info.project.owner, owner);
        assert_eq!(info.project.total, Some(total));
        assert!(info.plans.is_empty() && info.figures.is_empty());
    }
    let detail = db
        .task_detail(task_id(&db, "附件2-3"), None)
        .unwrap()
        .unwrap();
    assert_eq!(detail.units[0].name, "经济发展局");
    assert_eq!(detail.units[0].role, Role::Lead);
    drop(db);
    let report = duban::store::maintenance::check(&path).unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn yearly_plan_and_date_columns_and_a_milestone_table() {
    let d = fixture();
    let rows: Vec<(&str, &str, String, Option<NaiveDate>)> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.number.as_str(),
                t.title.as_str(),
                units(t),
                t.deadline.as_ref().and_then(|x| x.date),
            )
        })
        .collect();
    let leads = "*区发改局、区住建局".to_string();
    assert_eq!(
        rows,
        vec![
            ("1", "抓好重大产业项目建设", leads.clone(), None),
            (
                "2",
                "强化要素保障",
                "*区自然资源局".into(),
                Some(day("2025-09-30"))
            ),
            // A project runs to its 竣工; 开工 is a milestone, not its deadline.
            (
                "附件1-1",
                "智能装备产业园一期",
                leads.clone(),
                Some(day("2026-10-31"))
            ),
            (
                "附件1-2",
                "新能源电池材料项目",
                leads.clone(),
                Some(day("2027-06-30"))
            ),
            (
                "附件1-3",
                "冷链物流中心",
                leads.clone(),
                Some(day("2025-12-31"))
            ),
            (
                "附件1-4",
                "工业互联网创新中心",
                leads.clone(),
                Some(day("2026-06-30"))
            ),
            (
                "附件1-5",
                "城西小微企业园改造提升",
                leads.clone(),
                Some(day("2025-12-31"))
            ),
            // In the milestone table only: a task of its own, with the referring item's units.
            (
                "附件2-1",
                "城东人才公寓",
                leads.clone(),
                Some(day("2026-12-31"))
            ),
        ]
    );
    // 总投资 in 亿元 becomes 万元; 年度计划投资 is the plan's year's (the title says 2025).
    let p = d.tasks[2].project.as_ref().unwrap();
    assert_eq!(p.owner.as_deref(), Some("青川智造科技有限公司"));
    assert_eq!(p.investment, Some(32_000.0));
    assert_eq!(p.year_plan, Some((2025, 12_000.0)));
    let p = d.tasks[4].project.as_ref().unwrap();
    assert_eq!(p.investment, Some(8_600.0));
    assert_eq!(p.year_plan, Some((2025, 6_000.0)));
    let nodes = |k: usize| -> Vec<(String, NaiveDate)> {
        d.tasks[k]
            .milestones
            .iter()
            .map(|m| (m.name.clone(), m.planned_on))
            .collect()
    };
    let n = |s: &str, on: &str| (s.to_string(), day(on));
    // The table's 开工/竣工 and the milestone table's nodes, in time order.
    assert_eq!(
        nodes(2),
        vec![
            n("开工", "2025-03-31"),
            n("主体结顶", "2025-09-30"),
            n("设备安装", "2026-04-30"),
            n("竣工", "2026-10-31"),
        ]
    );
    assert_eq!(
        nodes(3),
        vec![
            n("开工", "2025-05-31"),
            n("主体结顶", "2026-03-31"),
            n("竣工", "2027-06-30"),
        ]
    );
    // "已开工" is no date: only 竣工; "2025.7.15" is a day.
    assert_eq!(nodes(4), vec![n("竣工", "2025-12-31")]);
    assert!(d.tasks[4].body.contains("开工时间:已开工"));
    assert_eq!(nodes(5)[0], n("开工", "2025-07-15"));
    assert_eq!(
        nodes(7),
        vec![n("开工", "2025-06-30"), n("竣工", "2026-12-31")]
    );
    assert!(d.tasks[7].project.is_none());
    assert!(d.doubts.iter().any(|x| x.kind == DoubtKind::MilestoneTask));

    // Into the database: projects with their yearly plan, milestones in order; `check` clean.
    let (_dir, path, db) = saved(&d);
    let t = task_id(&db, "附件1-1");
    let info = &db.projects(Some(&[t]), None).unwrap()[&t];
    assert_eq!(info.project.total, Some(32_000.0));
    assert_eq!(info.planned(2025), Some(12_000.0));
    let ms = &db.milestones(Some(&[t]), None).unwrap()[&t];
    let names: Vec<&str> = ms.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["开工", "主体结顶", "设备安装", "竣工"]);
    assert!(
        ms.iter()
            .all(|m| m.reached_on.is_none() && m.share.is_none())
    );
    let all = db.milestones(None, None).unwrap();
    assert_eq!(
        all.values().map(Vec::len).sum::<usize>(),
        4 + 3 + 1 + 2 + 2 + 2
    );
    assert_eq!(db.projects(None, None).unwrap().len(), 5);
    drop(db);
    let report = duban::store::maintenance::check(&path).unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn the_preview_shows_the_amounts_and_milestones() {
    let d = fixture();
    let units = duban::import::plan_units(&d.unit_names(), &[]);
    let zh = duban::report::import::render_preview(&d, &units, duban::i18n::Lang::Zh);
    assert!(
        zh.contains("建设单位:青川智造科技有限公司  总投资:32000万元  2025年计划投资:12000万元"),
        "{zh}"
    );
    assert!(
        zh.contains(
            "节点:开工 2025-03-31 · 主体结顶 2025-09-30 · 设备安装 2026-04-30 · 竣工 2026-10-31"
        ),
        "{zh}"
    );
    let en = duban::report::import::render_preview(&d, &units, duban::i18n::Lang::En);
    assert!(
        en.contains(
            "owner: 青川智造科技有限公司  total: 32000 (10k yuan)  2025 plan: 12000 (10k yuan)"
        ),
        "{en}"
    );
    let json = duban::report::import::preview_json(&d, &units);
    let t = &json["tasks"][2];
    assert_eq!(t["project"]["investment"], 32_000.0);
    assert_eq!(t["project"]["year_plan"]["year"], 2025);
    assert_eq!(t["milestones"][3]["name"], "竣工");
    assert_eq!(t["milestones"][3]["planned_on"], "2026-10-31");
}

/// A table whose header holds a unit column gives each project its own units; nothing is borrowed
/// from the text.
#[test]
fn a_unit_column_gives_each_project_its_units() {
    let text = "2026年重点项目推进方案\n一、任务\n1.推进重点项目建设(详见附件)。(责任单位:区发改局)\n附件\n2026年重点项目表\n序号 | 项目名称 | 建设单位 | 总投资(万元) | 牵头单位 |\n1 | 智慧停车场 | 青川停车管理有限公司 | 2400 | 区住建局 |\n2 | 污水处理厂扩建 | 青川水务集团有限公司 | 15000 | 区生态环境分局 |\n";
    let d = parse(text.as_bytes());
    let p: Vec<(&str, String)> = d
        .tasks
        .iter()
        .filter(|t| t.project.is_some())
        .map(|t| (t.title.as_str(), units(t)))
        .collect();
    assert_eq!(
        p,
        vec![
            ("智慧停车场", "*区住建局".to_string()),
            ("污水处理厂扩建", "*区生态环境分局".to_string()),
        ]
    );
    assert!(!d.doubts.iter().any(|x| x.kind == DoubtKind::ProjectUnits));
    assert_eq!(
        d.tasks[1].project.as_ref().unwrap().owner.as_deref(),
        Some("青川停车管理有限公司")
    );
}

/// Nothing in the text says who leads the projects: they are imported unassigned (shown, never
/// dropped), each listed to check.
#[test]
fn projects_nobody_leads_are_unassigned_and_listed() {
    let text = "2026年工作要点\n一、任务\n1.优化营商环境。(责任单位:区发改局)\n附件\n重点项目表\n序号\n项目名称\n建设单位\n总投资(万元)\n1\n冷链仓储中心\n某农业发展有限公司\n3200\n2\n智慧灌溉改造\n某水务有限公司\n880\n";
    let d = parse(text.as_bytes());
    let projects: Vec<&TaskDraft> = d.tasks.iter().filter(|t| t.project.is_some()).collect();
    assert_eq!(projects.len(), 2);
    assert!(projects.iter().all(|t| t.units.is_empty()));
    assert_eq!(
        d.doubts
            .iter()
            .filter(|x| x.kind == DoubtKind::NoUnits)
            .count(),
        2
    );
    let (_dir, _path, db) = saved(&d);
    let status =
        duban::report::status::build(&db, day("2026-06-01"), duban::store::Scope::default())
            .unwrap();
    assert_eq!(status.unassigned, 2);
}
