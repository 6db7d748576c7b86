//! Under the points preset the circular prints what each score is made of (issue 24): per ranked
//! department the count of every item, with the points each is worth in the head, so a reader
//! recomputes the score by hand. The test does just that for every row, in Markdown (zh and en)
//! and from the CSV's counts.

#[path = "support/cli.rs"]
mod cli;

use std::collections::HashMap;

use cli::{demo_db, duban, duban_en, err, p};

fn ok(o: std::process::Output) -> String {
    assert!(o.status.success(), "{}", err(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// The Markdown table that follows the line starting with `caption`: its head and rows.
fn table_after(md: &str, caption: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = md
        .lines()
        .skip_while(|l| !l.starts_with(caption))
        .skip(1)
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.starts_with('|'));
    let cells = |l: &str| -> Vec<String> {
        l.trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().to_string())
            .collect()
    };
    let head = cells(
        lines
            .next()
            .unwrap_or_else(|| panic!("no table after {caption}: {md}")),
    );
    lines.next(); // the alignment line
    (head, lines.map(cells).collect())
}

/// The points in a head cell: `牵头按期完成(+2)` → 2.
fn points_of(head: &str) -> f64 {
    let open = head.rfind('(').unwrap();
    head[open + '('.len_utf8()..head.len() - ')'.len_utf8()]
        .parse()
        .unwrap()
}

/// Checks every row of the breakdown; returns each department's score as printed.
fn recompute(md: &str, caption: &str) -> HashMap<String, f64> {
    let (head, rows) = table_after(md, caption);
    assert_eq!(head.len(), 8, "{head:?}");
    let points: Vec<f64> = head[1..7].iter().map(|h| points_of(h)).collect();
    assert!(!rows.is_empty());
    let mut scores = HashMap::new();
    for row in rows {
        let sum: f64 = row[1..7]
            .iter()
            .zip(&points)
            .map(|(n, each)| n.parse::<f64>().unwrap() * each)
            .sum();
        let printed: f64 = row[7].parse().unwrap();
        assert_eq!(format!("{sum:.2}"), row[7], "{row:?} under {head:?}");
        scores.insert(row[0].clone(), printed);
    }
    scores
}

#[test]
fn every_points_score_is_recomputed_from_the_printed_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let db = p(&db);
    // Under min-max there is no such table: its parts are the ranking's own columns.
    let md = ok(duban(&["--db", db, "report"]));
    assert!(!md.contains("得分构成"), "{md}");
    ok(duban(&["--db", db, "setting", "preset", "score", "points"]));
    // Points other than the defaults, so that a head that did not follow them would fail.
    ok(duban(&[
        "--db",
        db,
        "setting",
        "set",
        "score.points.missing_report=-0.3",
        "score.points.lead_done=3",
    ]));
    let md = ok(duban(&["--db", db, "report"]));
    let scores = recompute(&md, "得分构成");
    assert!(
        md.contains("漏报(-0.3)") && md.contains("牵头按期完成(+3)"),
        "{md}"
    );
    // Every ranked department has its row, with the ranking's score.
    let (head, ranking) = table_after(&md, "## 一、");
    let score_col = head.iter().position(|h| h == "得分").unwrap();
    assert_eq!(ranking.len(), scores.len());
    for row in &ranking {
        assert_eq!(
            scores[&row[2]],
            row[score_col].parse::<f64>().unwrap(),
            "{row:?}"
        );
    }
    // Somebody's score has more than one part, or the test proves little.
    assert!(scores.values().any(|s| s.fract().abs() > 1e-9 && *s < -1.0));

    let en = ok(duban_en(&["--db", db, "report"]));
    assert_eq!(recompute(&en, "How each score is made"), scores);

    // The CSV carries the same counts: the score again, from its columns.
    let csv = ok(duban(&["--db", db, "report", "--format", "csv"]));
    let mut lines = csv.trim_start_matches('\u{FEFF}').lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let items = [
        ("牵头按期完成", 3.0),
        ("配合按期完成", 1.0),
        ("牵头逾期", -5.0),
        ("配合逾期", -2.5),
        ("迟报", -0.1),
        ("漏报", -0.3),
    ];
    let mut checked = 0;
    for line in lines {
        let row: Vec<&str> = line.split(',').collect();
        let Some(printed) = scores.get(row[col("单位")]) else {
            continue; // unranked
        };
        let sum: f64 = items
            .iter()
            .map(|(name, each)| row[col(name)].parse::<f64>().unwrap() * each)
            .sum();
        assert_eq!(format!("{sum:.2}"), format!("{printed:.2}"), "{line}");
        assert_eq!(row[col("得分")], format!("{printed:.2}"));
        checked += 1;
    }
    assert_eq!(checked, scores.len());
}
