//! Key projects' investment as text: the block under `duban status`'s table, its JSON, the
//! circular's Markdown table and CSV cells, and the rows the xlsx and docx forms print.

use serde::Serialize;

use super::investment::{Investment, Sum, json_amount, json_rate};
use super::text::{Align, Paint, fit, paint, width};
use crate::domain::project::amount_text;
use crate::i18n::{Lang, csv as csv_words, investment as words};

/// 50 → "50.0%", none planned → "—".
/// Rounded as the JSON rounds it (half away from zero), so the two never differ.
pub fn rate_text(r: Option<f64>) -> String {
    json_rate(r).map_or_else(|| "—".into(), |r| format!("{r:.1}%"))
}

/// The table's rows as text: each department, then the total.
pub fn rows(inv: &Investment, lang: Lang) -> Vec<[String; 5]> {
    let row = |name: &str, s: &Sum| {
        [
            name.to_string(),
            s.projects.to_string(),
            amount_text(s.planned),
            amount_text(s.completed),
            rate_text(s.rate()),
        ]
    };
    let mut out: Vec<[String; 5]> = inv
        .departments
        .iter()
        .map(|d| row(&d.name, &d.sum))
        .collect();
    out.push(row(csv_words::total(lang), &inv.total));
    out
}

/// The block under the status table: the caption, a row per department that leads a project,
/// the total, and how they are counted; at most `max_width` columns (names cut with …).
pub fn status_block(inv: &Investment, lang: Lang, max_width: usize, color: bool) -> String {
    let head = words::columns(lang).map(String::from);
    let body = rows(inv, lang);
    let mut widths = head.clone().map(|h| width(&h));
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    const GAP: &str = "  ";
    let fixed: usize = widths[1..].iter().sum::<usize>() + GAP.len() * (widths.len() - 1);
    widths[0] = widths[0].min(max_width.saturating_sub(fixed).max(8));
    let line_width = widths.iter().sum::<usize>() + GAP.len() * (widths.len() - 1);
    let line = |row: &[String; 5], bold: bool| {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let align = if i == 0 { Align::Left } else { Align::Right };
                let p = if bold { Paint::Bold } else { Paint::Plain };
                paint(&fit(c, widths[i], align), p, color)
            })
            .collect();
        let mut s = cells.join(GAP);
        s.push('\n');
        s
    };
    let mut out = paint(&words::caption(lang, inv.year), Paint::Bold, color);
    out.push('\n');
    out.push_str(&line(&head, true));
    let (total, departments) = body.split_last().expect("the total row is always there");
    for row in departments {
        out.push_str(&line(row, false));
    }
    out.push_str(&paint(&"─".repeat(line_width), Paint::Dim, color));
    out.push('\n');
    out.push_str(&line(total, false));
    out.push_str(&wrap(words::footnote(lang), max_width));
    out
}

/// `text` broken into lines of at most `max` columns, by display width: Chinese anywhere, English
/// at the last space of a line (a word longer than a line is cut).
fn wrap(text: &str, max: usize) -> String {
    let max = max.max(2);
    let mut out = String::new();
    let mut line = String::new();
    for c in text.chars() {
        line.push(c);
        if width(&line) <= max {
            continue;
        }
        let cut = match line.rfind(' ') {
            Some(i) if c.is_ascii() && c != ' ' && i > 0 => i,
            _ => line.len() - c.len_utf8(),
        };
        out.push_str(line[..cut].trim_end());
        out.push('\n');
        line = line[cut..].trim_start().to_string();
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The `investment` object of `status --json` (amounts in 万元).
#[derive(Serialize)]
pub struct JsonInvestment<'a> {
    year: i32,
    /// How a department's figures are counted: the projects it leads.
    basis: &'static str,
    departments: Vec<JsonLine<'a>>,
    total: JsonSum,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    department: &'a str,
    #[serde(flatten)]
    sum: JsonSum,
}

#[derive(Serialize)]
struct JsonSum {
    projects: u32,
    planned: f64,
    completed: f64,
    rate: Option<f64>,
}

fn json_sum(s: &Sum) -> JsonSum {
    JsonSum {
        projects: s.projects,
        planned: json_amount(s.planned),
        completed: json_amount(s.completed),
        rate: json_rate(s.rate()),
    }
}

pub fn json(inv: &Investment) -> JsonInvestment<'_> {
    JsonInvestment {
        year: inv.year,
        basis: words::BASIS,
        departments: inv
            .departments
            .iter()
            .map(|d| JsonLine {
                department: &d.name,
                sum: json_sum(&d.sum),
            })
            .collect(),
        total: json_sum(&inv.total),
    }
}

/// A CSV's three cells for a department's line (or the total): plain numbers, blank for a
/// department that leads no project.
pub fn csv_cells(s: Option<&Sum>) -> [String; 3] {
    match s {
        Some(s) => [
            amount_text(s.planned),
            amount_text(s.completed),
            json_rate(s.rate())
                .map(|r| r.to_string())
                .unwrap_or_default(),
        ],
        None => Default::default(),
    }
}

/// The circular's Markdown: the caption, the table and the footnote, a blank line before.
pub fn markdown(inv: &Investment, lang: Lang) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("\n{}\n\n", words::caption(lang, inv.year));
    out.push_str(&format!("| {} |\n", words::columns(lang).join(" | ")));
    out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
    for row in rows(inv, lang) {
        let cells: Vec<String> = row.iter().map(|c| esc(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push_str(&format!("\n{}\n", words::footnote(lang)));
    out
}

/// The 通报's sentence in 一、总体情况.
pub fn overview_sentence(inv: &Investment, lang: Lang) -> String {
    let t = &inv.total;
    words::overview_sentence(lang, inv.year, t.projects, t.planned, t.completed, t.rate())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::investment::DeptInvestment;

    fn sample() -> Investment {
        Investment {
            year: 2024,
            as_of: "2024-06-30".parse().unwrap(),
            departments: vec![DeptInvestment {
                department_id: 1,
                name: "区发改局".into(),
                sum: Sum {
                    projects: 1,
                    planned: 18000.0,
                    completed: 9000.5,
                },
            }],
            total: Sum {
                projects: 2,
                planned: 20000.0,
                completed: 9000.5,
            },
        }
    }

    #[test]
    fn the_status_block_lines_up_and_says_how_it_counts() {
        let text = status_block(&sample(), Lang::Zh, 80, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "重点项目年度投资完成情况(2024年,单位:万元)");
        assert_eq!(
            lines[1],
            "单位      牵头项目  年度计划投资  本年累计完成  完成率"
        );
        assert_eq!(
            lines[2],
            "区发改局         1         18000        9000.5   50.0%"
        );
        assert!(lines[4].starts_with("合计"), "{text}");
        assert!(lines[4].ends_with("45.0%"), "{text}");
        assert!(text.contains("牵头单位"));
        assert!(text.lines().all(|l| width(l) <= 80), "{text}");
        let en = status_block(&sample(), Lang::En, 80, false);
        assert!(en.contains("Total"));
        assert!(en.contains("leads"));
        for l in en.lines() {
            assert!(width(l) <= 80, "{en}");
        }
        assert!(en.contains("(as lead\nunit);"), "words are not cut: {en}");
        assert_eq!(rate_text(Some(86.25)), "86.3%");
        assert_eq!(wrap("abc def ghi", 7), "abc def\nghi\n");
        assert_eq!(wrap("一二三四五", 4), "一二\n三四\n五\n");
    }

    #[test]
    fn markdown_and_csv_cells() {
        let md = markdown(&sample(), Lang::Zh);
        assert!(
            md.contains("| 区发改局 | 1 | 18000 | 9000.5 | 50.0% |"),
            "{md}"
        );
        assert!(md.contains("| 合计 | 2 | 20000 | 9000.5 | 45.0% |"), "{md}");
        assert_eq!(
            csv_cells(Some(&sample().total)),
            ["20000".to_string(), "9000.5".into(), "45".into()]
        );
        assert_eq!(
            csv_cells(None),
            [String::new(), String::new(), String::new()]
        );
        assert_eq!(
            overview_sentence(&sample(), Lang::Zh),
            "纳入督办的重点项目共2个,2024年度计划投资20000万元,已完成9000.5万元,年度投资完成率45.0%。"
        );
    }
}
