//! The circular workbook's charts (issue 23 §4), on its first sheet under the tables, from a new
//! page: the completion of all tasks at each month's end as a line, beside the small table that
//! holds its figures; under both, the ranking's scores as bars, one a department in ranking
//! order, in parts of a page each when the ranking is long. Each chart reads cells of the sheet
//! (the scores in the ranking, the months in that table), so what it draws is what the tables
//! say. Never wider than the ranking (the sheet prints one page wide, A4 landscape, and would
//! print smaller), and never cut by a page's end.

use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartDataLabelPosition, ChartFont, ChartMarker,
    ChartMarkerType, ChartType, Worksheet, XlsxError,
};

use super::circular_rows::Cell;
use super::trend::Trend;
use crate::i18n::{Lang, trend as words};

/// Rows of the sheet are 20 pixels high unless set otherwise (15 points).
const ROW_PX: u32 = 20;
/// The line chart's height, and the rows its band takes.
const TREND_PX: u32 = 300;
/// A bar's room in the score chart (its name must stay readable: a spreadsheet leaves out names
/// that crowd), and the room of the chart's title and value axis.
const BAR_PX: u32 = 20;
const BAR_FRAME_PX: u32 = 90;
/// The printed page (A4 landscape, the sheet's margins), in points: the width the sheet is
/// fitted to, and the height under the rows repeated on every page (title, date, headings).
const PAGE_WIDTH_PT: f64 = 784.0;
const PAGE_HEIGHT_PT: f64 = 440.0;
/// Room between a chart and a table beside it.
const GAP_PX: u32 = 12;

/// A column's width in pixels, from its width in Excel units (Calibri 11: 7 pixels a
/// character and 5 of padding).
fn column_px(width: f64) -> u32 {
    if width <= 0.0 {
        0
    } else {
        (width * 7.0 + 5.0).round() as u32
    }
}

/// How many pixels of the sheet one printed page holds under its repeated rows: the sheet is
/// printed one page wide, so a sheet wider than the page is printed smaller and a page holds
/// more of it.
fn page_px(sheet_px: u32) -> u32 {
    let scale = (PAGE_WIDTH_PT / (f64::from(sheet_px.max(1)) * 0.75)).min(1.0);
    (PAGE_HEIGHT_PT / 0.75 / scale) as u32
}

/// Where the charts read from and go.
pub struct Layout<'a> {
    pub sheet: &'a str,
    /// The ranking's columns' widths (Excel units), from column A.
    pub widths: &'a [f64],
    /// The ranking's first data row and how many ranked departments it holds.
    pub ranking_first: u32,
    pub ranked: u32,
    pub name_col: u16,
    pub score_col: u16,
    /// The score axis's bounds, the same for every part of a long ranking (min-max: 0 to 100,
    /// not a spreadsheet's 120).
    pub score_range: (f64, f64),
    /// The trend table's heading row, its first column (months; the figures are in the next),
    /// and its rows of months.
    pub trend_head: u32,
    pub trend_col: u16,
    pub months: u32,
    /// The row the section begins at (its caption): a page begins there.
    pub section: u32,
}

/// The trend table's rows: each month (short: the caption names the year) and the completion
/// of all tasks at its end; none when no month has a figure (no task has a unit), so that no
/// empty chart is drawn.
pub fn trend_rows(lang: Lang, trend: &Trend) -> Vec<Vec<Cell>> {
    if trend.months.iter().all(|m| m.total.is_none()) {
        return Vec::new();
    }
    trend
        .months
        .iter()
        .map(|m| {
            vec![
                Cell::Text(words::month_short(lang, m.month)),
                Cell::Percent(m.total),
            ]
        })
        .collect()
}

/// The score axis's bounds: 0 to 100 under min-max; under points, the scores' range widened
/// to tens and to 0.
pub fn score_range(c: &super::circular::Circular) -> (f64, f64) {
    if c.rule.preset == crate::domain::ScorePreset::MinMax {
        return (0.0, 100.0);
    }
    let scores = c
        .departments
        .iter()
        .filter_map(|d| d.score.as_ref().map(|s| s.total));
    let (lo, hi) = scores.fold((0.0f64, 0.0f64), |(lo, hi), s| (lo.min(s), hi.max(s)));
    let (lo, hi) = ((lo / 10.0).floor() * 10.0, (hi / 10.0).ceil() * 10.0);
    (lo, if hi > lo { hi } else { lo + 10.0 })
}

/// Inserts the charts; returns the first row under them.
pub fn insert(s: &mut Worksheet, lang: Lang, at: &Layout<'_>) -> Result<u32, XlsxError> {
    let w = words::words(lang);
    let px = |cols: std::ops::Range<usize>| -> u32 {
        at.widths
            .iter()
            .skip(cols.start)
            .take(cols.len())
            .map(|w| column_px(*w))
            .sum()
    };
    let total_px = px(0..at.widths.len());
    // The line goes beside the table where there is more room: left of it (the first column
    // is as wide as the sheet's title needs, often much wider than its numbers), or right of
    // it, past a column's gap. Never past the ranking's last column: the sheet would print
    // smaller.
    let table = usize::from(at.trend_col);
    let left_px = px(0..table).saturating_sub(2 * GAP_PX);
    let right_px = px(table + 3..at.widths.len()).saturating_sub(GAP_PX);
    let line_px = left_px.max(right_px).min(TREND_PX * 3);
    // The band of the table and the line: as high as the taller.
    let band_rows = (TREND_PX / ROW_PX + 1).max(at.months + 2);
    if at.months > 0 && line_px >= 240 {
        let mut line = Chart::new(ChartType::Line);
        let first = at.trend_head + 1;
        let last = at.trend_head + at.months;
        line.add_series()
            .set_name(w.table_columns[1])
            .set_categories((at.sheet, first, at.trend_col, last, at.trend_col))
            .set_values((at.sheet, first, at.trend_col + 1, last, at.trend_col + 1))
            .set_marker(
                ChartMarker::new()
                    .set_type(ChartMarkerType::Circle)
                    .set_size(6),
            )
            .set_data_label(
                ChartDataLabel::new()
                    .show_value()
                    .set_position(ChartDataLabelPosition::Above)
                    .set_num_format("0.0%")
                    .set_font(ChartFont::new().set_size(8)),
            );
        line.title()
            .set_name(w.trend_chart)
            .set_font(ChartFont::new().set_size(12).set_bold());
        line.legend().set_hidden();
        line.x_axis().set_font(ChartFont::new().set_size(9));
        line.y_axis()
            .set_min(0)
            .set_max(1)
            .set_major_unit(0.2)
            .set_num_format("0%")
            .set_font(ChartFont::new().set_size(9));
        line.set_width(line_px).set_height(TREND_PX);
        line.set_alt_text(w.trend_chart);
        if left_px >= right_px {
            // Against the table, with a gap at either side.
            let x = GAP_PX + left_px - line_px;
            s.insert_chart_with_offset(at.trend_head, 0, &line, x, 0)?;
        } else {
            s.insert_chart_with_offset(at.trend_head, at.trend_col + 3, &line, GAP_PX, 0)?;
        }
    }
    let page = page_px(total_px);
    let mut breaks = vec![at.section];
    let mut row = if at.months > 0 {
        at.trend_head + band_rows
    } else {
        at.section
    };
    let parts = bar_parts(at.ranked, page);
    let mut page_top = at.section;
    for &(from, count) in &parts {
        let height = BAR_FRAME_PX + BAR_PX * count;
        // Under what is above it when it fits on that page, else at the top of the next.
        if (row - page_top) * ROW_PX + height > page && row > page_top {
            breaks.push(row);
            page_top = row;
        }
        let title = if parts.len() > 1 {
            words::scores_chart_part(lang, from + 1, from + count, at.ranked)
        } else {
            w.scores_chart.to_string()
        };
        let bars = score_bars(
            at,
            (from, count),
            (&title, w.score_axis),
            (total_px.max(480), height),
        );
        s.insert_chart(row, 0, &bars)?;
        row += height.div_ceil(ROW_PX) + 1;
    }
    s.set_page_breaks(&breaks)?;
    Ok(row)
}

/// The parts a ranking of `ranked` departments is drawn in, as (first row, rows): as many a
/// chart as one printed page of `page` pixels holds with room for each name, shared out
/// evenly (17, 17, 16 rather than 24, 24, 2); each part then fits a page and is never cut.
fn bar_parts(ranked: u32, page: u32) -> Vec<(u32, u32)> {
    let fits = (page.saturating_sub(ROW_PX + BAR_FRAME_PX) / BAR_PX).max(1);
    let parts = ranked.div_ceil(fits);
    let per = ranked.div_ceil(parts.max(1)).max(1);
    (0..parts)
        .map(|p| (p * per, per.min(ranked - p * per)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The bars of the ranking's rows `from..from + count` (0 is its first), in ranking order.
fn score_bars(
    at: &Layout<'_>,
    (from, count): (u32, u32),
    (title, series): (&str, &str),
    (width, height): (u32, u32),
) -> Chart {
    let first = at.ranking_first + from;
    let last = first + count - 1;
    let mut bars = Chart::new(ChartType::Bar);
    bars.add_series()
        .set_name(series)
        .set_categories((at.sheet, first, at.name_col, last, at.name_col))
        .set_values((at.sheet, first, at.score_col, last, at.score_col))
        .set_gap(40)
        .set_data_label(
            ChartDataLabel::new()
                .show_value()
                .set_position(ChartDataLabelPosition::OutsideEnd)
                .set_num_format("0.00")
                .set_font(ChartFont::new().set_size(8)),
        );
    bars.title()
        .set_name(title)
        .set_font(ChartFont::new().set_size(12).set_bold());
    bars.legend().set_hidden();
    // The first in the ranking on top, the values' axis under the bars.
    bars.y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_font(ChartFont::new().set_size(9));
    bars.x_axis()
        .set_num_format("0")
        .set_font(ChartFont::new().set_size(9));
    // Every part on one scale.
    let (lo, hi) = at.score_range;
    bars.x_axis().set_min(lo).set_max(hi);
    bars.set_width(width).set_height(height);
    bars.set_alt_text(title);
    bars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_holds_more_of_a_sheet_printed_smaller() {
        // A sheet narrower than the page prints at full size.
        assert_eq!(page_px(800), 586);
        assert!(page_px(2000) > 1000);
    }

    #[test]
    fn a_long_ranking_is_drawn_in_even_parts_each_a_page() {
        assert_eq!(bar_parts(11, 608), vec![(0, 11)]);
        assert_eq!(bar_parts(50, 608), vec![(0, 17), (17, 17), (34, 16)]);
        assert!(bar_parts(0, 608).is_empty());
        for (_, n) in bar_parts(200, 608) {
            assert!(BAR_FRAME_PX + BAR_PX * n + ROW_PX <= 608);
        }
        // A page too small for even one bar still draws every department.
        let parts = bar_parts(3, 10);
        assert_eq!(parts.iter().map(|p| p.1).sum::<u32>(), 3);
    }
}
