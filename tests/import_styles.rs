//! Plan import on the styles of real plans (issue 20), each on a fixture written for the project:
//! national notes (等和, 会同, 负责部门 with 适用范围), local labelled lines (分别牵头, a first-listed
//! rule in a remark, 〔〕 notes, 数据提供单位, a copy cut off mid-name), and task tables (one cell
//! per line with people and deadline columns, section rows and a merged row; rows on one line).

use duban::import::{DoubtKind, Options, PlanDraft, read_plan};

fn opts() -> Options {
    Options {
        fallback_title: "untitled".into(),
        fallback_year: 2030,
    }
}

fn parse_fixture(name: &str) -> PlanDraft {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    read_plan(&std::fs::read(path).unwrap(), &opts())
        .expect("imports")
        .0
}

/// (number, "*lead、co" units)
fn units(d: &PlanDraft) -> Vec<(String, String)> {
    d.tasks
        .iter()
        .map(|t| (t.number.clone(), duban::report::import::units_line(t)))
        .collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn national_notes_top_level_tasks_and_fields_that_are_not_units() {
    let d = parse_fixture("national.txt");
    assert_eq!(
        units(&d),
        pairs(&[
            ("二(一)", "*商务部、农业农村部、各有关省级人民政府"),
            // Each note leads its own sentence (as seed 003 reads): 教育部 leads the second.
            ("二(二)", "*人力资源社会保障部、*教育部"),
            ("二(三)", "*市场监管总局、商务部"),
            ("三", "*国家发展改革委、有关部门"),
            ("四", "*市场监管总局、海关总署"),
        ])
    );
    // 适用范围 names no unit: kept as the task's text.
    assert!(
        d.tasks[2].body.contains("所有试验区"),
        "{}",
        d.tasks[2].body
    );
    // 总体要求 is not a task.
    assert!(
        d.tasks
            .iter()
            .all(|t| !t.title.contains("高质量发展为主题"))
    );
}

#[test]
fn local_labelled_lines_verb_forms_and_a_copy_cut_short() {
    let d = parse_fixture("local_notes.txt");
    assert_eq!(
        units(&d),
        pairs(&[
            ("1", "*市发改委"),
            ("2", "*市人社局、*市农业农村局"),
            ("3", "*市发改委、市住建局、市交通局"),
            ("4", "*市发改委、市财政局、市自然资源局、各县（市、区）政府"),
            ("5", "*市政务服务局、市司法局、各乡镇（街道）"),
            ("6", "*市人社局"),
            ("7", "*市大数据局"),
        ])
    );
    assert!(d.tasks[5].body.contains("数据提供单位:市统计局"));
    let cut: Vec<_> = d
        .doubts
        .iter()
        .filter(|x| x.kind == DoubtKind::CutOff)
        .collect();
    assert_eq!(cut.len(), 1);
    assert!(cut[0].text.contains('市'), "{:?}", cut[0]);
}

#[test]
fn a_table_one_cell_per_line_with_people_deadlines_sections_and_a_merged_row() {
    let d = parse_fixture("task_table_cells.txt");
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.number.as_str(),
                t.title.as_str(),
                duban::report::import::units_line(t),
                t.deadline.as_ref().map(|x| x.text.as_str()).unwrap_or("-"),
                t.deadline
                    .as_ref()
                    .and_then(|x| x.date)
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        got,
        vec![
            (
                "1",
                "改造老旧小区12个",
                s("*县住建局、县城投公司"),
                "10月底前",
                s("2030-10-31")
            ),
            (
                "2",
                "新建停车泊位800个",
                s("*县交通局"),
                "6月底前开工",
                s("2030-06-30")
            ),
            (
                "2-2",
                "建成智慧停车平台",
                s("*县交通局"),
                "12月底前",
                s("2030-12-31")
            ),
            (
                "3",
                "新增托育托位200个",
                s("*县卫健局"),
                "11月底前",
                s("2030-11-30")
            ),
        ]
    );
    // The 分管领导 column is a person: text of the task, never a unit.
    assert!(d.tasks[0].body.contains("分管领导:张某某"));
    assert!(d.unit_names().iter().all(|n| !n.contains("某某")));
    // Section rows group the rows.
    let sec = |i: usize| d.tasks[i].section.map(|s| d.section_path(s)).unwrap();
    assert!(sec(0).ends_with("城乡建设"), "{}", sec(0));
    assert!(sec(3).ends_with("社会事业"), "{}", sec(3));
    // The notice's own numbered requests are not tasks, and are listed to check.
    assert_eq!(
        d.doubts
            .iter()
            .filter(|x| x.kind == DoubtKind::NoticeItems)
            .count(),
        2
    );
}

#[test]
fn a_table_with_rows_on_one_line_and_a_cut_last_cell() {
    let d = parse_fixture("task_table_rows.txt");
    assert_eq!(
        units(&d),
        pairs(&[("1", "*县农业农村局"), ("2", "*县人社局"), ("3", "")])
    );
    assert_eq!(d.tasks[0].title, "粮食产量稳定在50万吨以上");
    assert!(d.unit_names().iter().all(|n| *n != "县发展"));
    assert!(
        d.doubts
            .iter()
            .any(|x| x.kind == DoubtKind::NoUnits && x.text.starts_with('3'))
    );
}

#[test]
fn a_plan_s_own_items_without_notes_stay_beside_its_task_table() {
    let text = "某镇2030年人居环境整治方案\n一、重点任务\n1.开展村庄清洁行动。\n2.推进厕所改造。\n附件\n重点工作分解表\n序号\n工作任务\n牵头单位\n1\n建成示范村3个。\n镇农业办\n";
    let (d, _) = read_plan(text.as_bytes(), &opts()).unwrap();
    let titles: Vec<&str> = d.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["开展村庄清洁行动", "推进厕所改造", "建成示范村3个"]
    );
    assert!(d.doubts.iter().all(|x| x.kind != DoubtKind::NoticeItems));
}

/// Found in review: a table with a column of quantities (目标数量 5, 800, 4) read the small
/// numbers as row numbers and garbled the rows.
#[test]
fn a_column_of_quantities_is_cells_not_row_numbers() {
    let text = "2025年民生实事项目\n序号\n实事项目\n目标数量\n责任单位\n完成时限\n1\n新建城市书房\n5\n区文旅局\n2025年10月底前\n2\n改造老旧小区加装电梯\n800\n区住建局\n2025年12月底前\n3\n新增公交线路\n4\n区交通局\n2025年9月底前\n";
    let (d, _) = read_plan(text.as_bytes(), &opts()).unwrap();
    let got: Vec<(String, String)> = d
        .tasks
        .iter()
        .map(|t| (t.number.clone(), t.title.clone()))
        .collect();
    assert_eq!(
        got,
        pairs(&[
            ("1", "新建城市书房"),
            ("2", "改造老旧小区加装电梯"),
            ("3", "新增公交线路")
        ])
    );
    let leads: Vec<&str> = d.tasks.iter().map(|t| t.units[0].name.as_str()).collect();
    assert_eq!(leads, ["区文旅局", "区住建局", "区交通局"]);
}

/// Found in review: `2.2025年底前建成…` is item 2 whose text starts with its deadline, not a
/// decimal that folds it into item 1.
#[test]
fn an_item_that_starts_with_its_deadline_year_is_an_item() {
    let text = "2025年工作要点\n一、重点任务\n1.推进企业数字化诊断。（区经信局负责）\n2.2025年底前建成智慧平台。（区数据局负责）\n3.完善考核机制。（区发改局负责）\n";
    let (d, _) = read_plan(text.as_bytes(), &opts()).unwrap();
    assert_eq!(d.tasks.len(), 3);
    assert_eq!(d.tasks[1].units[0].name, "区数据局");
    assert_eq!(d.tasks[0].units.len(), 1, "task 1 keeps only its own unit");
}
