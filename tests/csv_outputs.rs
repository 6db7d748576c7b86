//! Every CSV the binary writes (issue 24): a UTF-8 BOM first (Excel on Chinese Windows needs it),
//! a header in one language — the UI's —, and `status --csv` ends with a total row made of the
//! same figures as `status --json`'s total.

#[path = "support/cli.rs"]
mod cli;

use cli::{demo_db, duban, duban_en, err, p};

const BOM: &str = "\u{FEFF}";

/// The CSV commands, each as a user types it after `--db FILE`.
const CSV_COMMANDS: [&[&str]; 5] = [
    &["status", "--csv"],
    &["tasks", "--csv"],
    &["tasks", "--csv", "--dept", "区自然资源局"],
    &["report", "--period", "2026-Q3", "--format", "csv"],
    &["export", "csv"],
];

fn records(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix(BOM).expect("a BOM first");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn run(zh: bool, db: &str, args: &[&str]) -> String {
    let mut all = vec!["--db", db];
    all.extend_from_slice(args);
    let o = if zh { duban(&all) } else { duban_en(&all) };
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// The header row: the export's first row is its title, its headings come second.
fn header(args: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    if args[0] == "export" {
        rows[1].clone()
    } else {
        rows[0].clone()
    }
}

#[test]
fn every_csv_starts_with_a_bom_and_has_a_header_in_one_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for args in CSV_COMMANDS {
        let zh = run(true, p(&db), args);
        assert!(zh.starts_with(BOM), "{args:?}: {zh:.80}");
        let head = header(args, &records(&zh));
        for cell in &head {
            assert!(
                !cell.chars().any(|c| c.is_ascii_alphabetic()),
                "{args:?}: English in the Chinese header: {head:?}"
            );
        }
        // The office sheet's layout is Chinese whatever the UI (import reads it back).
        if args[0] == "export" {
            continue;
        }
        let en = run(false, p(&db), args);
        assert!(en.starts_with(BOM), "{args:?}: {en:.80}");
        let head = header(args, &records(&en));
        for cell in &head {
            assert!(
                !cell.chars().any(is_cjk),
                "{args:?}: Chinese in the English header: {head:?}"
            );
            assert!(
                cell.starts_with(|c: char| !c.is_ascii_lowercase()),
                "{args:?}: English headers are capitalised: {head:?}"
            );
        }
    }
}

#[test]
fn the_status_csv_ends_with_the_total_of_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let json: serde_json::Value =
        serde_json::from_str(&run(false, p(&db), &["status", "--json"])).unwrap();
    for (zh, word) in [(true, "合计"), (false, "Total")] {
        let rows = records(&run(zh, p(&db), &["status", "--csv"]));
        let total = rows.last().unwrap();
        assert_eq!(total[0], word);
        let departments = &rows[1..rows.len() - 1];
        assert_eq!(
            departments.len(),
            json["departments"].as_array().unwrap().len()
        );
        // Led, co, done, red, yellow: the total is the sum of the rows and the JSON's total.
        for (col, key) in [
            (1, "led"),
            (2, "co"),
            (3, "done"),
            (5, "red"),
            (6, "yellow"),
        ] {
            let sum: u64 = departments
                .iter()
                .map(|r| r[col].parse::<u64>().unwrap())
                .sum();
            assert_eq!(total[col].parse::<u64>().unwrap(), sum, "{key}");
            assert_eq!(json["total"][key].as_u64().unwrap(), sum, "{key}");
        }
        assert_eq!(
            total[4].parse::<f64>().unwrap(),
            json["total"]["avg_percent"].as_f64().unwrap()
        );
        assert_eq!(total[7], json["total"]["next_deadline"].as_str().unwrap());
    }
}

#[test]
fn the_english_task_table_is_capitalised_like_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for args in [
        &["tasks"][..],
        &["status"],
        &["cycle"],
        &["indicators"],
        &["log"],
        &["dept", "list"],
    ] {
        let text = run(false, p(&db), args);
        let head = text
            .lines()
            .find(|l| {
                ["No.", "Department", "Indicator", "Time"]
                    .iter()
                    .any(|w| l.starts_with(w))
            })
            .unwrap_or_else(|| panic!("{args:?}: no header in {text}"));
        for word in head.split("  ").map(str::trim).filter(|w| !w.is_empty()) {
            assert!(
                word.starts_with(|c: char| !c.is_ascii_lowercase()),
                "{args:?}: {head:?}"
            );
        }
    }
}
