//! The 通报 as a Word document (issue 24): `duban report --format docx` read back from its zip —
//! the number line, the headings, the ranking in the circular's order, the narrative in Chinese
//! and English on the demo at the pinned day; `--issue` numbering 1, 2 and again 1 in a new year,
//! refused to a non-admin, recorded in the chained journal with the file's SHA-256, leaving the
//! circular as of its period as it was; the 督办单 as .docx. Every refusal one line, exit 2.

#[path = "support/cli.rs"]
mod cli;

mod common;

use std::io::Read;
use std::path::Path;

use duban::domain::ClerkRole;
use duban::identity::os_login;
use duban::store::Db;
use sha2::{Digest, Sha256};

fn on(day: &str, lang: &str, args: &[&str]) -> std::process::Output {
    cli::command()
        .env("DUBAN_TODAY", day)
        .env("LANG", lang)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", cli::err(o));
    cli::out(o)
}

/// One part of a .docx (a zip) as text.
fn part(file: &Path, name: &str) -> String {
    let bytes = std::fs::read(file).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The document's paragraphs as text (each `<w:p>`'s `<w:t>` runs joined), table cells
/// included, in order.
fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in xml.split("</w:p>") {
        let mut text = String::new();
        let mut rest = chunk;
        while let Some(i) = rest.find("<w:t") {
            let after = &rest[i..];
            // <w:t> or <w:t xml:space="preserve">, not <w:tbl>, <w:tc>…
            let Some(close) = after.find('>') else { break };
            let tag = &after[..close];
            if tag == "<w:t" || tag.starts_with("<w:t ") {
                let body = &after[close + 1..];
                let end = body.find("</w:t>").unwrap_or(body.len());
                text.push_str(&body[..end]);
                rest = &body[end..];
            } else {
                rest = &after[close..];
            }
        }
        if !text.is_empty() {
            out.push(
                text.replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            );
        }
    }
    out
}

/// The paragraphs between two headings.
fn between(ps: &[String], from: &str, to: &str) -> Vec<String> {
    let start = ps.iter().position(|p| p == from).unwrap() + 1;
    let end = ps.iter().position(|p| p == to).unwrap();
    ps[start..end].to_vec()
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = cli::demo_db(dir.path());
    (dir, path)
}

fn report(db: &Path, day: &str, lang: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["report", "--db", cli::p(db), "--period", "2026-Q3"];
    args.extend_from_slice(extra);
    on(day, lang, &args)
}

#[test]
fn the_draft_reads_like_an_office_wrote_it_from_the_circulars_figures() {
    let (dir, db) = demo();
    let file = dir.path().join("q3.docx");
    ok(&report(
        &db,
        cli::TODAY,
        "zh_CN.UTF-8",
        &["--format", "docx", "-o", cli::p(&file)],
    ));
    let xml = part(&file, "word/document.xml");
    let ps = paragraphs(&xml);
    // The 红头, a draft's number line with a blank, the title, the as-of line.
    assert_eq!(ps[0], "督查室");
    assert_eq!(ps[1], "督查通报〔2026〕\u{3000}\u{3000}号");
    assert_eq!(ps[2], "2026年第三季度工作推进情况通报");
    assert_eq!(ps[3], "(统计截至2026年9月30日)");
    for h in [
        "一、总体情况",
        "二、排名情况",
        "三、存在问题",
        "四、下步要求",
        "附件",
    ] {
        assert!(ps.iter().any(|p| p == h), "{h} in {ps:?}");
    }
    // The narrative, a golden: the figures are the circular's (below: the same as the csv's).
    // The narrative's paragraphs, then the key projects' sentence (its table follows).
    assert_eq!(
        between(&ps, "一、总体情况", "二、排名情况")[..4],
        [
            "截至2026年9月30日,《青川区数字经济与先进制造业高质量发展三年行动计划(2025—2027年)》纳入督办的任务共34项,已完成5项,总体完成进度64.4%,较2026年第二季度末提高10.7个百分点。其中亮红灯7项、黄灯1项。",
            "本期应报送进度224次,按时报送81次,逾期报送19次,未报送124次,按时报送率36.2%。",
            "按综合得分排名,区市场监管局(100.00分)、区发改局(91.31分)、区投资促进中心(89.47分)位居前列;区人力社保局、区科技局、区商务局排名靠后,需加快推进。",
            "纳入督办的重点项目共6个,2026年度计划投资55000万元,已完成29420万元,年度投资完成率53.5%。",
        ]
    );
    // The ranking table lists the departments in the circular's order: the csv's.
    let csv = ok(&report(
        &db,
        cli::TODAY,
        "zh_CN.UTF-8",
        &["--format", "csv"],
    ));
    let ranked: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| !c[2].is_empty())
        .map(|c| c[4].to_string())
        .collect();
    assert!(ranked.len() > 5, "{csv}");
    // (Searched from 二、: the key projects' table in 一、 names departments too.)
    let ranking = ps.iter().position(|p| p == "二、排名情况").unwrap();
    let at: Vec<usize> = ranked
        .iter()
        .map(|name| ranking + ps[ranking..].iter().position(|p| p == name).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{ranked:?} at {at:?}");
    // Four tables: the key projects' investment, the ranking, the red tasks; one in the annex
    // (the weights).
    assert_eq!(xml.matches("<w:tbl>").count(), 4);
    // Each table's head row repeats on a page a table runs onto.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 4);
    // The red tasks with their units and why; who did not report.
    let problems = between(&ps, "三、存在问题", "四、下步要求");
    assert!(
        problems[0].starts_with("(一)进度滞后的任务。共有7项任务亮红灯"),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p == "推进规上企业数字化诊断全覆盖"));
    assert!(problems.iter().any(|p| p == "逾期273天"), "{problems:?}");
    assert!(
        problems
            .last()
            .unwrap()
            .starts_with("(二)进度报送不及时的单位。区经信局逾期报送5次、未报送25次;")
    );
    // 四、下步要求: the default text, its (一) in 楷体.
    let asks = between(&ps, "四、下步要求", "附件:评分规则和计算方法");
    assert_eq!(asks.len(), 3);
    assert!(asks[0].starts_with("(一)加快推进滞后任务。"));
    // The fonts by name, with fallbacks in the font table; the page number in the footer.
    for font in ["仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"] {
        assert!(xml.contains(&format!("w:eastAsia=\"{font}\"")), "{font}");
    }
    let fonts = part(&file, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    assert!(fonts.contains(r#"<w:charset w:val="86"/>"#));
    let footer = part(&file, "word/footer1.xml");
    assert!(footer.contains("PAGE"), "{footer}");
    // A4.
    assert!(xml.contains(r#"w:w="11906" w:h="16838""#), "A4");
    // The same circular gives the same bytes (no clock inside): a recorded hash can be checked.
    let again = dir.path().join("again.docx");
    ok(&report(
        &db,
        cli::TODAY,
        "zh_CN.UTF-8",
        &["--format", "docx", "-o", cli::p(&again)],
    ));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn the_narrative_in_english() {
    let (dir, db) = demo();
    let file = dir.path().join("q3.docx");
    ok(&report(
        &db,
        cli::TODAY,
        "en_US.UTF-8",
        &["--format", "docx", "-o", cli::p(&file)],
    ));
    let ps = paragraphs(&part(&file, "word/document.xml"));
    assert_eq!(ps[0], "Supervision Office");
    assert_eq!(ps[2], "Progress circular, Q3 2026");
    assert_eq!(
        between(&ps, "1. Overview", "2. Ranking")[..4],
        [
            "As of 30 September 2026, 34 tasks are under supervision in “青川区数字经济与先进制造业高质量发展三年行动计划(2025—2027年)”; 5 are done. Overall completion stands at 64.4%, up 10.7 points on the end of Q2 2026. 7 tasks are red and 1 yellow.",
            "Of 224 progress reports due this period, 81 came in on time, 19 late and 124 not at all: 36.2% on time.",
            "By published score, 区市场监管局 (100.00), 区发改局 (91.31) and 区投资促进中心 (89.47) lead; 区人力社保局, 区科技局 and 区商务局 trail and must speed up.",
            "The 6 key projects under supervision plan 55000 (10k yuan) of investment in 2026; 29420 completed, 53.5% of the year&apos;s plan.",
        ]
    );
}

/// Makes the login running the tests (the demo's admin) an editor of `dept`: another admin,
/// bob, is added first, and demotes it.
fn make_me_an_editor(path: &Path, dept: &str) {
    let mut db = Db::open(path).unwrap();
    let now = common::at("2026-11-20T08:00:00");
    let bob = duban::store::Clerk {
        username: "bob".into(),
        display_name: None,
        department_id: None,
        role: ClerkRole::Admin,
    };
    db.add_clerk(&bob, &os_login(), now).unwrap();
    let department_id = db
        .department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == dept)
        .unwrap()
        .id;
    db.set_clerk_role(
        &os_login(),
        ClerkRole::Editor,
        Some(department_id),
        "bob",
        now,
    )
    .unwrap();
}

fn number_line(file: &Path) -> String {
    paragraphs(&part(file, "word/document.xml"))[1].clone()
}

#[test]
fn issuing_numbers_per_year_never_reuses_and_is_recorded_in_the_chain() {
    let (dir, db) = demo();
    // The demo makes the login that ran it the office's admin.
    let md_before = ok(&report(&db, cli::TODAY, "zh_CN.UTF-8", &[]));
    let one = dir.path().join("1.docx");
    let two = dir.path().join("2.docx");
    let o = report(
        &db,
        cli::TODAY,
        "zh_CN.UTF-8",
        &["--format", "docx", "-o", cli::p(&one), "--issue"],
    );
    ok(&o);
    assert!(
        cli::err(&o).contains("督查通报〔2026〕1号"),
        "{}",
        cli::err(&o)
    );
    assert_eq!(number_line(&one), "督查通报〔2026〕1号");
    // The same period again: the next number, never the first again (a .docx name picks docx).
    ok(&report(
        &db,
        cli::TODAY,
        "zh_CN.UTF-8",
        &["-o", cli::p(&two), "--issue"],
    ));
    assert_eq!(number_line(&two), "督查通报〔2026〕2号");
    // A new year starts at 1; the pattern is a setting.
    ok(&on(
        cli::TODAY,
        "zh_CN.UTF-8",
        &[
            "setting",
            "--db",
            cli::p(&db),
            "set",
            "circular.number_pattern=青督通〔{year}〕第{n}期",
        ],
    ));
    let three = dir.path().join("3.docx");
    ok(&report(
        &db,
        "2027-01-05",
        "zh_CN.UTF-8",
        &["--format", "docx", "-o", cli::p(&three), "--issue"],
    ));
    assert_eq!(number_line(&three), "青督通〔2027〕第1期");
    // The record: numbers, period, as of, who, and each file's SHA-256.
    let list = ok(&report_issued(&db));
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 3, "{list}");
    assert_eq!(rows[0][0], "青督通〔2027〕第1期");
    assert_eq!(rows[2][0], "督查通报〔2026〕1号");
    assert_eq!(rows[2][1], "2026-Q3");
    assert_eq!(rows[2][2], "2026-09-30");
    assert_eq!(rows[2][3], "全部计划");
    assert_eq!(rows[2][4], os_login());
    for (row, file) in [(&rows[2], &one), (&rows[1], &two), (&rows[0], &three)] {
        let hash: String = Sha256::digest(std::fs::read(file).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(row[6], hash);
    }
    // The circular as of its period is as it was: issuing came after the period's end.
    assert_eq!(ok(&report(&db, cli::TODAY, "zh_CN.UTF-8", &[])), md_before);
    // The chain covers the journal: clean now, and a changed hash is found.
    let check = on(cli::TODAY, "zh_CN.UTF-8", &["check", "--db", cli::p(&db)]);
    ok(&check);
    let c = rusqlite::Connection::open(&db).unwrap();
    // The table refuses the change itself; only with its trigger dropped can a file be forged.
    assert!(
        c.execute("UPDATE circular_issue SET seq = 1 WHERE seq = 2", [])
            .is_err()
    );
    assert!(c.execute("DELETE FROM circular_issue", []).is_err());
    c.execute_batch(
        "DROP TRIGGER circular_issue_append_only;
         UPDATE circular_issue SET sha256 = replace(sha256, substr(sha256, 1, 1), 'f') WHERE id = 1;",
    )
    .unwrap();
    drop(c);
    let check = on(cli::TODAY, "zh_CN.UTF-8", &["check", "--db", cli::p(&db)]);
    assert!(!check.status.success(), "{}", cli::out(&check));
    assert!(
        cli::out(&check).contains("circular_issue") || cli::err(&check).contains("circular_issue"),
        "{}{}",
        cli::out(&check),
        cli::err(&check)
    );
}

fn report_issued(db: &Path) -> std::process::Output {
    on(
        cli::TODAY,
        "zh_CN.UTF-8",
        &["report", "--db", cli::p(db), "--issued"],
    )
}

#[test]
fn a_non_admin_may_not_issue_and_nothing_is_written() {
    let (dir, db) = demo();
    make_me_an_editor(&db, "区经信局");
    let file = dir.path().join("x.docx");
    let o = report(
        &db,
        cli::TODAY,
        "zh_CN.UTF-8",
        &["--format", "docx", "-o", cli::p(&file), "--issue"],
    );
    cli::assert_refused(&o, 2, "");
    assert!(!file.exists());
    assert!(ok(&report_issued(&db)).contains("尚未印发通报"));
    // A draft is anyone's.
    ok(&report(
        &db,
        cli::TODAY,
        "zh_CN.UTF-8",
        &["--format", "docx", "-o", cli::p(&file)],
    ));
    assert!(file.exists());
}

#[test]
fn refusals_are_one_line() {
    let (dir, db) = demo();
    // A docx needs a file.
    cli::assert_refused(
        &report(&db, cli::TODAY, "zh_CN.UTF-8", &["--format", "docx"]),
        2,
        "-o",
    );
    // --issue with a text format.
    let md = dir.path().join("c.md");
    cli::assert_refused(
        &report(
            &db,
            cli::TODAY,
            "zh_CN.UTF-8",
            &["--format", "md", "-o", cli::p(&md), "--issue"],
        ),
        2,
        "--issue",
    );
    assert!(!md.exists());
    cli::assert_refused(
        &report(&db, cli::TODAY, "zh_CN.UTF-8", &["--issue"]),
        2,
        "--issue",
    );
    cli::assert_refused(
        &report(&db, cli::TODAY, "zh_CN.UTF-8", &["--issued"]),
        2,
        "--issued",
    );
    // Never over an existing file without --force, never onto the database.
    let file = dir.path().join("q.docx");
    std::fs::write(&file, b"keep").unwrap();
    cli::assert_refused(
        &report(
            &db,
            cli::TODAY,
            "zh_CN.UTF-8",
            &["--format", "docx", "-o", cli::p(&file)],
        ),
        2,
        "",
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
    let before = std::fs::read(&db).unwrap();
    cli::assert_refused(
        &report(
            &db,
            cli::TODAY,
            "zh_CN.UTF-8",
            &["--format", "docx", "-o", cli::p(&db), "--force"],
        ),
        2,
        "",
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // A period not begun.
    cli::assert_refused(
        &on(
            cli::TODAY,
            "zh_CN.UTF-8",
            &[
                "report",
                "--db",
                cli::p(&db),
                "--period",
                "2030-Q1",
                "--format",
                "docx",
                "-o",
                cli::p(&dir.path().join("f.docx")),
            ],
        ),
        2,
        "",
    );
}

#[test]
fn the_notice_prints_as_a_one_page_docx() {
    let (dir, db) = demo();
    let file = dir.path().join("n.docx");
    ok(&on(
        cli::TODAY,
        "zh_CN.UTF-8",
        &[
            "notice",
            "--db",
            cli::p(&db),
            "print",
            "2",
            "-o",
            cli::p(&file),
        ],
    ));
    let xml = part(&file, "word/document.xml");
    let ps = paragraphs(&xml);
    assert_eq!(ps[0], "督查室");
    assert_eq!(ps[1], "督办〔2026〕第2号");
    assert_eq!(ps[2], "挂牌督办通知单");
    assert_eq!(ps[3], "红色挂牌督办");
    let at = |label: &str| ps[ps.iter().position(|p| p == label).unwrap() + 1].clone();
    assert_eq!(at("督办对象"), "区经信局(牵头单位)");
    assert_eq!(at("反馈期限"), "2026年11月28日");
    // Dates in words (a hyphenated date breaks at a line's end).
    assert!(
        at("进展情况").ends_with("完成期限 2025年12月31日"),
        "{}",
        at("进展情况")
    );
    assert!(!xml.contains("duban notice reply"));
    assert_eq!(xml.matches("<w:tbl>").count(), 1);
    // No page break: one page as laid out (checked by eye in LibreOffice, not here).
    assert!(!xml.contains("pageBreakBefore"));
    // --format docx to standard output is refused; md stays the default without .docx.
    cli::assert_refused(
        &on(
            cli::TODAY,
            "zh_CN.UTF-8",
            &[
                "notice",
                "--db",
                cli::p(&db),
                "print",
                "2",
                "--format",
                "docx",
            ],
        ),
        2,
        "-o",
    );
    let md = ok(&on(
        cli::TODAY,
        "zh_CN.UTF-8",
        &["notice", "--db", cli::p(&db), "print", "2"],
    ));
    assert!(md.starts_with("# 挂牌督办通知单"), "{md}");
}
