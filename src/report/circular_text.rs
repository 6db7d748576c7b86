//! The circular as Markdown (for pasting into a document or a message) and as CSV (the ranking,
//! for other tools).

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek, SeekFrom, Write};

use super::circular::{Circular, TaskLine};
use super::circular_rows::{
    Cell, closing_rows, notice_rows, points_rows, ranking_rows, red_row, reporting_rows,
    unranked_names,
};
use super::keeper::Keeper;
use super::text::csv_line;
use crate::domain::{Light, ScorePreset};
use crate::i18n::{self, Lang, report as words};

/// `s` into `out` as a Markdown cell: `|` escaped, a line break a space.
fn push_md_escaped(out: &mut String, s: &str) {
    if !s.contains(['|', '\n']) {
        out.push_str(s);
        return;
    }
    for ch in s.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A Markdown table written a row at a time: the head and the alignment line (numbers to the
/// right, as the first row's cells are) go out with the first row, or alone after none.
struct MdTable<'h> {
    head: &'h [&'h str],
    begun: bool,
}

impl<'h> MdTable<'h> {
    fn new(head: &'h [&'h str]) -> MdTable<'h> {
        MdTable { head, begun: false }
    }

    fn begin(&mut self, first: Option<&[Cell]>, out: &mut String) {
        self.begun = true;
        out.push_str(&format!("| {} |\n", self.head.join(" | ")));
        let aligns: Vec<&str> = match first {
            Some(r) => r
                .iter()
                .map(|c| if c.is_number() { "---:" } else { "---" })
                .collect(),
            None => self.head.iter().map(|_| "---").collect(),
        };
        out.push_str(&format!("| {} |\n", aligns.join(" | ")));
    }

    fn row(&mut self, row: &[Cell], out: &mut String) {
        if !self.begun {
            self.begin(Some(row), out);
        }
        // Straight into `out`: a String per cell and per row was a tenth of a circular's time
        // at 100,000 tasks.
        out.push_str("| ");
        for (i, c) in row.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            push_md_escaped(out, &c.text());
        }
        out.push_str(" |\n");
    }

    fn end(mut self, out: &mut String) {
        if !self.begun {
            self.begin(None, out);
        }
    }
}

fn md_table(head: &[&str], rows: &[Vec<Cell>], out: &mut String) {
    let mut table = MdTable::new(head);
    for row in rows {
        table.row(row, out);
    }
    table.end(out);
}

/// The red tasks' rows, kept aside as `circular::read` shows the tasks: they are printed after
/// the ranking, and at 100,000 tasks can be most of them. They are made into Markdown as they
/// come, on a thread of their own (`keep`), into a temporary file the circular then copies: at a
/// million tasks, making them and writing them out were a fifth of a single-threaded circular,
/// which the other core now does meanwhile.
pub struct RedTasks {
    lang: Lang,
    rows: Keeper<Vec<Cell>, RedTable>,
}

/// The red tasks' table as Markdown, its heading and alignment line included, in an unnamed
/// temporary file (gone when dropped, or if the process dies).
struct RedTable {
    file: File,
    rows: usize,
}

impl RedTasks {
    pub fn new(lang: Lang) -> std::io::Result<RedTasks> {
        let file = tempfile::tempfile()?;
        Ok(RedTasks {
            lang,
            rows: Keeper::new("red tasks", move |rows| keep(lang, file, rows))?,
        })
    }

    pub fn see(&mut self, line: &TaskLine<'_>) -> std::io::Result<()> {
        if line.light != Some(Light::Red) {
            return Ok(());
        }
        self.rows.push(red_row(self.lang, line))
    }
}

/// The keeper: each row into the table's Markdown, written out in pieces of a few pages.
fn keep(
    lang: Lang,
    file: File,
    seen: &mut dyn Iterator<Item = Vec<Cell>>,
) -> std::io::Result<RedTable> {
    let head = words::red_columns(lang);
    let mut table = MdTable::new(&head);
    let mut out = BufWriter::with_capacity(1 << 16, file);
    let mut text = String::new();
    let mut rows = 0;
    for row in seen {
        table.row(&row, &mut text);
        rows += 1;
        if text.len() >= 1 << 16 {
            out.write_all(text.as_bytes())?;
            text.clear();
        }
    }
    out.write_all(text.as_bytes())?;
    let mut file = out.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    Ok(RedTable { file, rows })
}

/// Writes the circular as Markdown to `out`, with the red tasks `read` showed to `red`.
pub fn write_markdown(
    c: &Circular,
    mut red: RedTasks,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let h = words::headings(lang);
    let mut text = String::new();
    text.push_str(&format!("# {}\n\n", words::circular_title(lang, c.period)));
    for plan in &c.plans {
        text.push_str(&format!("{plan}\n\n"));
    }
    text.push_str(&format!(
        "{}\n\n",
        words::as_of_line(lang, &c.as_of.format("%Y-%m-%d").to_string(), c.previous)
    ));
    text.push_str(&format!(
        "{}\n\n",
        crate::i18n::maintenance::code_line(lang, &c.code, &c.as_of.format("%Y-%m-%d").to_string())
    ));

    text.push_str(&format!("## {}\n\n", h.ranking));
    md_table(
        &words::ranking_columns(lang),
        &ranking_rows(lang, c),
        &mut text,
    );
    let unranked = unranked_names(c);
    if !unranked.is_empty() {
        text.push_str(&format!(
            "\n{}\n",
            words::unranked(lang, &unranked.join("、"))
        ));
    }
    if let Some((head, rows)) = points_rows(lang, c) {
        text.push_str(&format!("\n{}\n\n", words::points_breakdown_caption(lang)));
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        md_table(&head, &rows, &mut text);
    }
    text.push_str(&format!("\n{}\n\n", words::closing_caption(lang)));
    md_table(
        &words::closing_columns(lang),
        &closing_rows(lang, c),
        &mut text,
    );
    // Only once the office issues notices: a circular of a file without any stays as it was.
    if c.notices.any() {
        text.push_str(&format!("\n{}\n\n", words::notice_caption(lang)));
        md_table(
            &words::notice_columns(lang),
            &notice_rows(lang, c),
            &mut text,
        );
    }
    // Likewise key projects' investment, once the file has key projects.
    if let Some(inv) = &c.investment {
        text.push_str(&super::investment_text::markdown(inv, lang));
    }

    text.push_str(&format!("\n## {}\n\n", h.red));
    let red = red.rows.finish()?;
    if red.rows == 0 {
        text.push_str(&format!("{}\n", words::no_red_tasks(lang)));
    } else {
        text.push_str(&format!("{}\n\n", words::red_count(lang, red.rows)));
        out.write_all(text.as_bytes())?;
        text.clear();
        // Copied as the keeper made it: the text never grows with the plan.
        std::io::copy(&mut BufReader::with_capacity(1 << 16, red.file), out)?;
    }

    text.push_str(&format!("\n## {}\n\n", h.not_reported));
    let late = reporting_rows(c);
    if late.is_empty() {
        text.push_str(&format!("{}\n", words::everyone_reported(lang)));
    } else {
        md_table(&words::reporting_columns(lang), &late, &mut text);
    }

    text.push_str(&format!("\n## {}\n\n", h.method));
    text.push_str(&method_text(c, lang));
    out.write_all(text.as_bytes())?;
    Ok(())
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
        "\n{}\n\n{}\n\n{}\n",
        words::done_rule(lang, c.rule.done_requires_closing),
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
    // A circular of several plans (a file with several and no --plan) names them in a first
    // column, as `status --csv` does, so the ranking is not read as one plan's.
    let plans = (c.plans.len() > 1).then(|| c.plans.join("; "));
    let mut out = String::from(super::text::BOM);
    let mut head: Vec<String> = Vec::new();
    if plans.is_some() {
        head.push(i18n::csv::plans(lang).to_string());
    }
    head.extend(i18n::csv::circular_lead(lang).map(String::from));
    head.extend(words::ranking_columns(lang).iter().map(|s| s.to_string()));
    head.extend(i18n::csv::circular_tail(lang).map(String::from));
    if c.investment.is_some() {
        head.extend(i18n::investment::csv_columns(lang).map(String::from));
    }
    out.push_str(&csv_line(&head));
    for d in &c.departments {
        let mut row = vec![c.period.to_string(), c.as_of.format("%Y-%m-%d").to_string()];
        let lead = usize::from(plans.is_some());
        if let Some(p) = &plans {
            row.insert(0, p.clone());
        }
        let cells = super::circular_rows::ranking_row(lang, d);
        row.extend(cells.iter().map(|cell| match cell {
            // Plain numbers for other tools: no % sign, no dash.
            Cell::Percent(p) => p.map(|v| format!("{v:.1}")).unwrap_or_default(),
            Cell::Score(s) => s.map(|v| format!("{v:.2}")).unwrap_or_default(),
            Cell::Delta(d) => d.map(|v| format!("{v:.1}")).unwrap_or_default(),
            other => other.text().into_owned(),
        }));
        if d.rank.is_none() {
            row[lead + 2] = String::new();
        }
        row.push(d.input.lead_done_on_time.to_string());
        row.push(d.input.co_done_on_time.to_string());
        row.push(d.input.lead_overdue.to_string());
        row.push(d.input.co_overdue.to_string());
        row.push(d.reports.late.to_string());
        row.push(d.reports.missing.to_string());
        row.push(d.closing.closed.to_string());
        row.push(d.closing.pending.to_string());
        row.push(d.closing.returned.to_string());
        row.push(d.notices.issued.to_string());
        row.push(d.notices.answered.to_string());
        row.push(d.notices.closed.to_string());
        row.push(d.notices.overdue.to_string());
        row.push(c.code.shown());
        if let Some(inv) = &c.investment {
            row.extend(super::investment_text::csv_cells(inv.of(d.department_id)));
        }
        out.push_str(&csv_line(&row));
    }
    out
}
