//! The circular as an xlsx workbook for printing: a sheet for the ranking (with the formula under
//! it), one for the red tasks, one for the full task list; each with a title row and the as-of
//! date, headings repeated on every page, A4 landscape, one page wide.
//!
//! The red tasks and the task list can each be 100,000 rows: they are kept on disk as the tasks
//! are read (`TaskSheets`), then written a row at a time to sheets in constant-memory mode (each
//! row goes to a temporary file as soon as it is complete, its strings inline rather than in the
//! shared-string table), as `duban export` does.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::circular::{Circular, TaskLine};
use super::circular_rows::{
    Cell, closing_rows, notice_rows, points_rows, ranking_rows, red_row, reporting_rows, task_row,
    unranked_names,
};
use super::export::{ExportError, LINE_HEIGHT, lines_in};
use super::keeper::Keeper;
use super::spool::Spool;
use super::xlsx_cell::fit;
use super::xlsx_table::{Fit, Formats, Place, Spec, TableSheet, sheet, stamp_height, table};
use crate::domain::{Light, ScorePreset};
use crate::i18n::{Lang, report as words};

/// The trend's table (month, completion) in the ranking's columns 牵头任务 and 完成率: the
/// completion under the ranking's own, and wide enough for its heading in either language.
fn trend_place(row: u32) -> Place<'static> {
    Place {
        row,
        col: 3,
        centred: &[],
        fit: false,
        min_width: 0.0,
    }
}

/// The red tasks' and every task's rows, kept aside as `circular::read` shows the tasks, with
/// their columns fitted to them: each row's height depends on the widths, and a row written in
/// constant-memory mode cannot be changed, so none is written before all are seen.
///
/// The rows are made where the tasks are read, and measured and written to their spools on a
/// thread of their own (`keep`): at 100,000 tasks that is a sixth of the reading, which the
/// other core then does meanwhile.
pub struct TaskSheets {
    lang: Lang,
    rows: Keeper<SeenRows, Kept>,
}

/// One task's rows: on the red sheet (a red task), and on the task list.
type SeenRows = (Option<Vec<Cell>>, Vec<Cell>);

/// Both lists on disk, with their fitted columns.
struct Kept {
    red: (Spool, Fit),
    tasks: (Spool, Fit),
}

impl TaskSheets {
    pub fn new(lang: Lang) -> std::io::Result<TaskSheets> {
        let kept = Kept {
            red: (Spool::new()?, Fit::new(&words::red_columns(lang))),
            tasks: (Spool::new()?, Fit::new(&words::task_columns(lang))),
        };
        Ok(TaskSheets {
            lang,
            rows: Keeper::new("task lists", move |seen| keep(kept, seen))?,
        })
    }

    pub fn see(&mut self, line: &TaskLine<'_>) -> std::io::Result<()> {
        let red = (line.light == Some(Light::Red)).then(|| red_row(self.lang, line));
        let row = task_row(self.lang, line);
        self.rows.push((red, row))
    }

    /// Both lists, once every row has been written to its spool.
    fn finish(&mut self) -> std::io::Result<Kept> {
        self.rows.finish()
    }
}

/// The keeper: measures each row for the column widths and writes it to its spool.
fn keep(mut kept: Kept, seen: &mut dyn Iterator<Item = SeenRows>) -> std::io::Result<Kept> {
    for (red, row) in seen {
        if let Some(red) = red {
            kept.red.1.add(&red);
            kept.red.0.push(&red)?;
        }
        kept.tasks.1.add(&row);
        kept.tasks.0.push(&row)?;
    }
    Ok(kept)
}

/// The workbook made at `made`, with the task lists `read` showed to `sheets`, and on the first
/// sheet the charts: the scores, and `trend` (the completion of all tasks at each month's end) when given.
pub fn write_xlsx(
    c: &Circular,
    mut sheets: TaskSheets,
    trend: Option<&super::trend::Trend>,
    lang: Lang,
    made: chrono::DateTime<chrono::Utc>,
) -> Result<Workbook, ExportError> {
    let sheets = sheets.finish()?;
    let f = Formats::new();
    let mut book = Workbook::new();
    super::book_save::made_at(&mut book, made);
    // As in the task export, compressing is a large part of the time at 100,000 tasks, and here
    // it is the last step, on one core, after both lists: level 2 (zlib's fast strategy) took
    // two thirds of level 3's time for a file 12% larger (12.3 → 13.7 MB; level 1 halved the
    // time for 41% more).
    book.set_zip_compression_level(2);
    f.register(&mut book)?;
    let names = words::sheet_names(lang);
    let h = words::headings(lang);
    let title = words::circular_title(lang, c.period);
    let stamp = format!(
        "{}  {}  {}",
        c.plans.join(";"),
        words::title_date(lang, &c.as_of.format("%Y-%m-%d").to_string()),
        crate::i18n::maintenance::code_line(lang, &c.code, &c.as_of.format("%Y-%m-%d").to_string())
    );

    // 1. Ranking, then who did not report, then the method.
    let head = words::ranking_columns(lang);
    let (mut s, room) = sheet(
        &mut book,
        &f,
        names[0],
        &title,
        &stamp,
        head.len() as u16,
        false,
    )?;
    let mut column_widths = Vec::new();
    let mut row = table(
        &mut s,
        &f,
        Place {
            row: 2,
            col: 0,
            centred: &[0, 1, 10],
            fit: true,
            min_width: room,
        },
        &head,
        &ranking_rows(lang, c),
        &mut column_widths,
    )?;
    let width: f64 = column_widths.iter().sum();
    stamp_height(&mut s, &stamp, width)?;
    let last = head.len() as u16 - 1;
    let note = |s: &mut Worksheet, row: &mut u32, text: &str| -> Result<(), XlsxError> {
        let lines = lines_in(text, width);
        s.set_row_height(*row, lines as f64 * LINE_HEIGHT + 3.0)?;
        s.merge_range(*row, 0, *row, last, &fit(text), &f.note)?;
        *row += 1;
        Ok(())
    };
    let unranked = unranked_names(c);
    if !unranked.is_empty() {
        note(
            &mut s,
            &mut row,
            &words::unranked(lang, &unranked.join("、")),
        )?;
    }
    // Under the points preset, what each score is made of, in the columns from 单位 on.
    if let Some((head, rows)) = points_rows(lang, c) {
        row += 1;
        note(&mut s, &mut row, words::points_breakdown_caption(lang))?;
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        row = table(
            &mut s,
            &f,
            Place::under_ranking(row),
            &head,
            &rows,
            &mut column_widths,
        )?;
    }
    // The closing table (办结销号) under the ranking, in its columns from 单位 on.
    row += 1;
    note(&mut s, &mut row, words::closing_caption(lang))?;
    row = table(
        &mut s,
        &f,
        Place::under_ranking(row),
        &words::closing_columns(lang),
        &closing_rows(lang, c),
        &mut column_widths,
    )?;
    // The notice table (督办单) under it, in the same columns, once the office issues notices.
    if c.notices.any() {
        row += 1;
        note(&mut s, &mut row, words::notice_caption(lang))?;
        row = table(
            &mut s,
            &f,
            Place::under_ranking(row),
            &words::notice_columns(lang),
            &notice_rows(lang, c),
            &mut column_widths,
        )?;
    }
    row += 1;
    note(&mut s, &mut row, h.method)?;
    let formula = match c.rule.preset {
        ScorePreset::MinMax => {
            let weights: Vec<String> = c
                .rule
                .weights
                .iter()
                .map(|(m, w)| {
                    let (name, meaning) = words::metric_name(lang, *m);
                    format!("{name}({meaning}){}", super::circular_text::trim_number(*w))
                })
                .collect();
            format!("{} {}", words::min_max_formula(lang), weights.join(";"))
        }
        ScorePreset::Points => {
            let points: Vec<String> = c
                .rule
                .points
                .iter()
                .map(|(i, p)| format!("{} {p:+}", words::point_name(lang, *i)))
                .collect();
            format!("{} {}", words::points_formula(lang), points.join(";"))
        }
    };
    note(&mut s, &mut row, &formula)?;
    note(
        &mut s,
        &mut row,
        words::done_rule(lang, c.rule.done_requires_closing),
    )?;
    note(
        &mut s,
        &mut row,
        &words::cycle_rule(lang, c.cycle.kind, c.cycle.due_day),
    )?;
    note(&mut s, &mut row, &words::light_rule(lang, &c.thresholds))?;
    // The year's completion by month and the charts, on a page of their own.
    row += 1;
    let section = row;
    let months = trend.map_or(Vec::new(), |t| super::circular_chart::trend_rows(lang, t));
    let trend_head = if months.is_empty() {
        row
    } else {
        note(
            &mut s,
            &mut row,
            &crate::i18n::trend::table_caption(lang, c.period.year()),
        )?;
        table(
            &mut s,
            &f,
            trend_place(row),
            &crate::i18n::trend::words(lang).table_columns,
            &months,
            &mut column_widths,
        )?;
        row
    };
    super::circular_chart::insert(
        &mut s,
        lang,
        &super::circular_chart::Layout {
            sheet: names[0],
            widths: &column_widths,
            ranking_first: 3,
            ranked: c.departments.iter().filter(|d| d.rank.is_some()).count() as u32,
            name_col: 2,
            score_col: 11,
            score_range: super::circular_chart::score_range(c),
            trend_head,
            trend_col: trend_place(0).col,
            months: months.len() as u32,
            section,
        },
    )?;
    s.set_freeze_panes(3, 0)?;
    book.push_worksheet(s);

    // 2. Red tasks.
    let (rows, fit) = sheets.red;
    let mut red = TableSheet::begin(
        &mut book,
        &f,
        &title,
        &stamp,
        Spec {
            name: names[1],
            head: &words::red_columns(lang),
            centred: &[0],
            // An empty list is the note alone, on a sheet held in memory.
            streamed: rows.rows() > 0,
            filter: false,
            empty: Some(words::no_red_tasks(lang)),
        },
        &fit,
    )?;
    let red_rows = rows;

    // 4. Every task, with filters: begun here, so that both lists are written side by side.
    let (rows, fit) = sheets.tasks;
    let mut all = TableSheet::begin(
        &mut book,
        &f,
        &title,
        &stamp,
        Spec {
            name: names[2],
            head: &words::task_columns(lang),
            centred: &[0, 6],
            streamed: true,
            filter: true,
            empty: None,
        },
        &fit,
    )?;
    write_lists(&f, (&mut red, red_rows), (&mut all, rows))?;
    red.finish(&mut book, &f)?;

    // 3. Who did not report on time: a sheet of its own, so that the ranking's repeated headings
    // never stand over it on a printed page.
    let head = words::reporting_columns(lang);
    let rows = reporting_rows(c);
    let mut fit = Fit::new(&head);
    for r in &rows {
        fit.add(r);
    }
    let mut late = TableSheet::begin(
        &mut book,
        &f,
        &title,
        &stamp,
        Spec {
            name: names[3],
            head: &head,
            centred: &[],
            streamed: false,
            filter: false,
            empty: Some(words::everyone_reported(lang)),
        },
        &fit,
    )?;
    for r in &rows {
        late.push(&f, r)?;
    }
    late.finish(&mut book, &f)?;
    all.finish(&mut book, &f)?;
    // Key projects' investment, a sheet of its own once the file has key projects.
    if let Some(inv) = &c.investment {
        super::investment_sheet::circular_sheet(&mut book, inv, &title, &stamp, lang)?;
    }
    Ok(book)
}

/// The red tasks and every task, written to their sheets on two threads: at 100,000 tasks each
/// list is about half a second of building cells, and they share nothing but the workbook's
/// format table, whose numbers `Formats::register` fixed beforehand.
fn write_lists<'f>(
    f: &'f Formats,
    (red, red_rows): (&mut TableSheet<'f>, Spool),
    (all, all_rows): (&mut TableSheet<'f>, Spool),
) -> Result<(), ExportError> {
    std::thread::scope(|s| {
        let other = s.spawn(|| all.push_all(f, all_rows));
        let mine = red.push_all(f, red_rows);
        let theirs = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        mine.and(theirs)
    })
}
