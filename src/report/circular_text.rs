//! The circular as Markdown (for pasting into a document or a message) and as CSV (the ranking,
//! for other tools).

use super::circular::Circular;
use super::circular_rows::{Cell, ranking_rows, red_row, reporting_rows, unranked_names};
use super::text::csv_line;
use crate::domain::ScorePreset;
use crate::i18n::{Lang, report as words};

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn md_table(head: &[&str], rows: &[Vec<Cell>], out: &mut String) {
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    let aligns: Vec<&str> = match rows.first() {
        Some(r) => r
            .iter()
            .map(|c| if c.is_number() { "---:" } else { "---" })
            .collect(),
        None => head.iter().map(|_| "---").collect(),
    };
    out.push_str(&format!("| {} |\n", aligns.join(" | ")));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| md_escape(&c.text())).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

pub fn render_markdown(c: &Circular, lang: Lang) -> String {
    let h = words::headings(lang);
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", words::circular_title(lang, c.period)));
    for plan in &c.plans {
        out.push_str(&format!("{plan}\n\n"));
    }
    out.push_str(&format!(
        "{}\n\n",
        words::as_of_line(lang, &c.as_of.format("%Y-%m-%d").to_string(), c.previous)
    ));

    out.push_str(&format!("## {}\n\n", h.ranking));
    md_table(
        &words::ranking_columns(lang),
        &ranking_rows(lang, c),
        &mut out,
    );
    let unranked = unranked_names(c);
    if !unranked.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            words::unranked(lang, &unranked.join("、"))
        ));
    }

    out.push_str(&format!("\n## {}\n\n", h.red));
    if c.red_tasks.is_empty() {
        out.push_str(&format!("{}\n", words::no_red_tasks(lang)));
    } else {
        out.push_str(&format!(
            "{}\n\n",
            words::red_count(lang, c.red_tasks.len())
        ));
        let rows: Vec<Vec<Cell>> = c.red_tasks.iter().map(|t| red_row(lang, t)).collect();
        md_table(&words::red_columns(lang), &rows, &mut out);
    }

    out.push_str(&format!("\n## {}\n\n", h.not_reported));
    let late = reporting_rows(c);
    if late.is_empty() {
        out.push_str(&format!("{}\n", words::everyone_reported(lang)));
    } else {
        md_table(&words::reporting_columns(lang), &late, &mut out);
    }

    out.push_str(&format!("\n## {}\n\n", h.method));
    out.push_str(&method_text(c, lang));
    out
}

/// The formula, the weights or points, the cycle and the light rule: printed with every circular
/// so that a department can check its own score.
pub fn method_text(c: &Circular, lang: Lang) -> String {
    let mut out = String::new();
    match c.rule.preset {
        ScorePreset::MinMax => {
            out.push_str(&format!("{}\n\n", words::min_max_formula(lang)));
            let rows: Vec<Vec<Cell>> = c
                .rule
                .weights
                .iter()
                .map(|(m, w)| {
                    let (name, meaning) = words::metric_name(lang, *m);
                    vec![
                        Cell::Text(name.into()),
                        Cell::Text(meaning.into()),
                        Cell::Text(trim_number(*w)),
                    ]
                })
                .collect();
            md_table(&words::weight_columns(lang), &rows, &mut out);
        }
        ScorePreset::Points => {
            out.push_str(&format!("{}\n\n", words::points_formula(lang)));
            let rows: Vec<Vec<Cell>> = c
                .rule
                .points
                .iter()
                .map(|(i, p)| {
                    vec![
                        Cell::Text(words::point_name(lang, *i).into()),
                        Cell::Text(format!("{p:+}")),
                    ]
                })
                .collect();
            md_table(&words::points_columns(lang), &rows, &mut out);
        }
    }
    out.push_str(&format!(
        "\n{}\n\n{}\n",
        words::cycle_rule(lang, c.cycle.kind, c.cycle.due_day),
        words::light_rule(lang, &c.thresholds)
    ));
    out
}

/// 50 → "50", 12.5 → "12.5".
pub fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The ranking as CSV (UTF-8 with BOM, as Excel on Chinese Windows needs), one row per department
/// including the unranked, with the period and as-of date on each row and the score's parts.
pub fn render_csv(c: &Circular, lang: Lang) -> String {
    let mut out = String::from("\u{FEFF}");
    let mut head: Vec<String> = vec!["period".into(), "as_of".into()];
    head.extend(words::ranking_columns(lang).iter().map(|s| s.to_string()));
    head.extend(["late", "missing"].iter().map(|s| s.to_string()));
    out.push_str(&csv_line(&head));
    for d in &c.departments {
        let mut row = vec![c.period.to_string(), c.as_of.format("%Y-%m-%d").to_string()];
        let cells = super::circular_rows::ranking_row(lang, d);
        row.extend(cells.iter().map(|cell| match cell {
            // Plain numbers for other tools: no % sign, no dash.
            Cell::Percent(p) => p.map(|v| format!("{v:.1}")).unwrap_or_default(),
            Cell::Score(s) => s.map(|v| format!("{v:.2}")).unwrap_or_default(),
            Cell::Delta(d) => d.map(|v| format!("{v:.1}")).unwrap_or_default(),
            other => other.text(),
        }));
        if d.rank.is_none() {
            row[2] = String::new();
        }
        row.push(d.reports.late.to_string());
        row.push(d.reports.missing.to_string());
        out.push_str(&csv_line(&row));
    }
    out
}
