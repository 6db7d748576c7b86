//! The wall chart's time axis, as arithmetic: which column a date falls in at a zoom, a task's
//! bar as a row of marks (done part with an eighth-block end, the part still to do, the overdue
//! part, milestones, today, the light's place), and the axis's labels. No state, no terminal:
//! `ui::wall` turns the marks into glyphs and colours.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::i18n::Lang;
use crate::report::text::width;

/// How much time a column stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Zoom {
    /// A week a column: about a year on an 80-column screen. The chart opens here.
    #[default]
    Year,
    /// Two days a column: about a quarter.
    Quarter,
    /// Half a day a column: about a month.
    Month,
    /// A seventh of a day a column: a week to a fortnight.
    Week,
}

impl Zoom {
    /// Days one column stands for.
    pub fn days_per_cell(self) -> f64 {
        match self {
            Zoom::Year => 7.0,
            Zoom::Quarter => 2.0,
            Zoom::Month => 0.5,
            Zoom::Week => 1.0 / 7.0,
        }
    }

    /// One step closer (`+`); `None` at the closest.
    pub fn closer(self) -> Option<Zoom> {
        match self {
            Zoom::Year => Some(Zoom::Quarter),
            Zoom::Quarter => Some(Zoom::Month),
            Zoom::Month => Some(Zoom::Week),
            Zoom::Week => None,
        }
    }

    /// One step wider (`-`); `None` at the widest.
    pub fn wider(self) -> Option<Zoom> {
        match self {
            Zoom::Year => None,
            Zoom::Quarter => Some(Zoom::Year),
            Zoom::Month => Some(Zoom::Quarter),
            Zoom::Week => Some(Zoom::Month),
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The window of time on screen: the day at the left edge, the zoom, and how many columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub start: NaiveDate,
    pub zoom: Zoom,
    pub width: u16,
}

impl Scale {
    /// Columns from the left edge to the beginning of day `d` (negative: before the window).
    pub fn x(&self, d: NaiveDate) -> f64 {
        (d - self.start).num_days() as f64 / self.zoom.days_per_cell()
    }

    /// The column of the middle of day `d`, if it is on screen: where a day's mark goes.
    pub fn point(&self, d: NaiveDate) -> Option<u16> {
        let x = self.x(d) + 0.5 / self.zoom.days_per_cell();
        let col = x.floor();
        (col >= 0.0 && col < f64::from(self.width)).then_some(col as u16)
    }

    /// The first day after the window.
    pub fn end(&self) -> NaiveDate {
        add_days(self.start, self.span_days())
    }

    /// The last day shown (at least in part).
    pub fn last(&self) -> NaiveDate {
        add_days(self.start, self.span_days() - 1)
    }

    /// Whole days the window covers (a day in part counts).
    fn span_days(&self) -> i64 {
        ((f64::from(self.width) * self.zoom.days_per_cell()).ceil() as i64).max(1)
    }

    /// The day at column `col` (its beginning).
    pub fn day_at(&self, col: f64) -> NaiveDate {
        add_days(self.start, (col * self.zoom.days_per_cell()).floor() as i64)
    }
}

/// `d` moved by `n` days (either way), kept inside chrono's range.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let days = Days::new(n.unsigned_abs());
    let moved = if n >= 0 {
        d.checked_add_days(days)
    } else {
        d.checked_sub_days(days)
    };
    moved.unwrap_or(d)
}

/// Where the window starts when the view opens (or on `t`): today a third of the way in.
pub fn start_for(today: NaiveDate, zoom: Zoom, width: u16) -> NaiveDate {
    let cols = f64::from(width) / 3.0;
    add_days(today, -((cols * zoom.days_per_cell()).round() as i64))
}

/// How far `h`/`l` move the window: a quarter of its width, at least a day.
pub fn pan_days(zoom: Zoom, width: u16) -> i64 {
    ((f64::from(width) / 4.0 * zoom.days_per_cell()).round() as i64).max(1)
}

/// The window's start after zooming to `zoom` so that `focus` stays in its column (`focus` is
/// today when it is on screen, else the middle of the window).
pub fn rezoom(scale: Scale, zoom: Zoom, focus: NaiveDate) -> NaiveDate {
    let col = scale.x(focus).clamp(0.0, f64::from(scale.width));
    add_days(focus, -((col * zoom.days_per_cell()).round() as i64))
}

/// The day the zoom keeps in place: today when on screen, else the window's middle.
pub fn focus(scale: Scale, today: NaiveDate) -> NaiveDate {
    match scale.point(today) {
        Some(_) => today,
        None => scale.day_at(f64::from(scale.width) / 2.0),
    }
}

/// What one column of a task's row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Empty,
    /// The done part, full.
    Done,
    /// The cell where the done part ends: so many eighths of it filled (1 to 7).
    Part(u8),
    /// Between start and deadline, not done yet.
    ToDo,
    /// After the deadline, up to today, not done.
    Overdue,
    Milestone {
        reached: bool,
    },
    /// The today line where nothing else is.
    Today,
    /// Where the light's glyph goes: after the bar's end.
    Light,
    /// The bar lies wholly before the window (at the left edge) or after it (at the right).
    Before,
    After,
}

/// The eighth blocks, from one eighth to seven.
pub const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

impl Mark {
    /// The glyph: every state has its own, so the chart reads without colour.
    pub fn glyph(self) -> char {
        match self {
            Mark::Empty => ' ',
            Mark::Done => '█',
            Mark::Part(n) => EIGHTHS[usize::from(n.clamp(1, 7)) - 1],
            Mark::ToDo => '░',
            Mark::Overdue => '×',
            Mark::Milestone { reached: true } => '◆',
            Mark::Milestone { reached: false } => '◇',
            Mark::Today => '│',
            // The caller puts the light's own glyph here.
            Mark::Light => '·',
            Mark::Before => '◂',
            Mark::After => '▸',
        }
    }
}

/// One task, as the bar needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSpec {
    pub starts_on: NaiveDate,
    pub deadline: NaiveDate,
    /// Completion, 0 to 100 (`None`: no unit reports on it: nothing filled).
    pub completion: Option<f64>,
    /// Finished (100%, or closed): no overdue part.
    pub done: bool,
    /// Milestones: the planned day, and whether reached.
    pub milestones: Vec<(NaiveDate, bool)>,
}

/// The row of marks of one task at `scale`, with today's line at `today`.
pub fn bar(scale: Scale, spec: &BarSpec, today: NaiveDate) -> Vec<Mark> {
    let w = usize::from(scale.width);
    let mut row = vec![Mark::Empty; w];
    if w == 0 {
        return row;
    }
    let deadline = spec.deadline.max(spec.starts_on);
    let xs = scale.x(spec.starts_on);
    let xe = scale.x(add_days(deadline, 1));
    // The bar starts at the nearest column edge; its done part ends to the eighth.
    let cs = xs.round();
    let share = spec.completion.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0;
    let fill8 = ((cs + (xe.max(cs + 1.0) - cs) * share) * 8.0).round();
    // The part still to do ends at the nearest edge; the done part may end inside the column
    // after it (a finished task's bar ends to the eighth).
    let ce = xe.round().max(cs + 1.0).max((fill8 / 8.0).ceil());
    let overdue_end = if !spec.done && today > deadline {
        scale.x(add_days(today, 1)).round().max(ce + 1.0)
    } else {
        ce
    };
    let end = overdue_end; // the light goes in the column after the last mark
    let lo = cs.max(0.0);
    let hi = overdue_end.min(w as f64);
    let mut c = lo;
    while c < hi {
        let i = c as usize;
        row[i] = if c < ce {
            let filled = (fill8 - c * 8.0).clamp(0.0, 8.0) as u8;
            match filled {
                8 => Mark::Done,
                0 => Mark::ToDo,
                n => Mark::Part(n),
            }
        } else {
            Mark::Overdue
        };
        c += 1.0;
    }
    if let Some(t) = scale.point(today)
        && row[usize::from(t)] == Mark::Empty
    {
        row[usize::from(t)] = Mark::Today;
    }
    // Reached first, so that one not reached wins a shared column.
    let mut marks: Vec<&(NaiveDate, bool)> = spec.milestones.iter().collect();
    marks.sort_by_key(|(_, reached)| !*reached);
    for (day, reached) in marks {
        if let Some(col) = scale.point(*day) {
            row[usize::from(col)] = Mark::Milestone { reached: *reached };
        }
    }
    if end <= 0.0 {
        // Wholly before the window: say so at the left edge, the light beside it.
        row[0] = Mark::Before;
        if w > 1 {
            row[1] = Mark::Light;
        }
    } else if cs >= w as f64 {
        row[w - 1] = Mark::After;
    } else if end < w as f64 {
        row[end as usize] = Mark::Light;
    }
    row
}

/// A label on the axis row at a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub col: u16,
    pub label: String,
}

/// The axis's labels at `scale` in `lang`: month names at the year and quarter zooms, months
/// and ISO weeks (第48周 / W48) at the month zoom, weeks and days at the week zoom. Labels never
/// overlap (a column apart; Chinese month names may touch), the first kinds win, and none covers `keep` (today's
/// column, where the axis shows ▼).
pub fn ticks(scale: Scale, lang: Lang, keep: Option<u16>) -> Vec<Tick> {
    let mut wanted: Vec<Vec<(NaiveDate, String)>> = Vec::new();
    let months = || month_starts(scale).map(|d| (d, crate::i18n::wall::month(lang, d.month())));
    let weeks = || {
        mondays(scale).map(|d| {
            let week = d.iso_week().week();
            (d, crate::i18n::wall::week(lang, week))
        })
    };
    match scale.zoom {
        Zoom::Year | Zoom::Quarter => wanted.push(months().collect()),
        Zoom::Month => {
            wanted.push(months().collect());
            wanted.push(weeks().collect());
        }
        Zoom::Week => {
            wanted.push(weeks().collect());
            wanted.push(
                days(scale)
                    .map(|d| (d, crate::i18n::wall::day(lang, d.day())))
                    .collect(),
            );
        }
    }
    let w = i64::from(scale.width);
    // Columns taken, with the gap each label wants after it: none after a Chinese month name
    // ("11月12月" reads), one after anything else.
    let mut taken: Vec<(i64, i64, i64)> = Vec::new();
    let mut out = Vec::new();
    for kind in wanted {
        for (day, label) in kind {
            // A label starts at the beginning of its day's column.
            let col = scale.x(day).floor() as i64;
            let end = col + width(&label) as i64;
            if col < 0 || end > w {
                continue;
            }
            let gap = i64::from(!label.ends_with('月'));
            let clear = taken
                .iter()
                .all(|&(a, b, g)| end + gap <= a || col >= b + g);
            let on_keep = keep.is_some_and(|k| (col..end).contains(&i64::from(k)));
            if clear && !on_keep {
                taken.push((col, end, gap));
                out.push(Tick {
                    col: col as u16,
                    label,
                });
            }
        }
    }
    out.sort_by_key(|t| t.col);
    out
}

/// First days of months inside the window.
fn month_starts(scale: Scale) -> impl Iterator<Item = NaiveDate> {
    let end = scale.end();
    let first =
        NaiveDate::from_ymd_opt(scale.start.year(), scale.start.month(), 1).unwrap_or(scale.start);
    std::iter::successors(Some(first), |d| {
        d.checked_add_months(chrono::Months::new(1))
    })
    .take_while(move |d| *d < end)
    .filter(move |d| *d >= scale.start)
}

/// Mondays inside the window.
fn mondays(scale: Scale) -> impl Iterator<Item = NaiveDate> {
    days(scale).filter(|d| d.weekday() == Weekday::Mon)
}

/// Every day inside the window.
fn days(scale: Scale) -> impl Iterator<Item = NaiveDate> {
    let end = scale.end();
    scale.start.iter_days().take_while(move |d| *d < end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn glyphs(row: &[Mark]) -> String {
        row.iter().map(|m| m.glyph()).collect()
    }

    fn spec(start: &str, deadline: &str, completion: f64) -> BarSpec {
        BarSpec {
            starts_on: d(start),
            deadline: d(deadline),
            completion: Some(completion),
            done: completion >= 100.0,
            milestones: Vec::new(),
        }
    }

    #[test]
    fn columns_follow_the_zoom() {
        let s = Scale {
            start: d("2026-01-01"),
            zoom: Zoom::Month,
            width: 60,
        };
        // Half a day a column: the tenth day begins at column 18, its middle is column 19.
        assert_eq!(s.x(d("2026-01-10")), 18.0);
        assert_eq!(s.point(d("2026-01-10")), Some(19));
        assert_eq!(s.last(), d("2026-01-30"));
        let year = Scale {
            zoom: Zoom::Year,
            ..s
        };
        assert_eq!(year.point(d("2026-01-07")), Some(0));
        assert_eq!(year.point(d("2026-01-08")), Some(1));
        assert_eq!(year.point(d("2025-12-31")), None);
        let week = Scale {
            zoom: Zoom::Week,
            ..s
        };
        // Seven columns a day: the middle of the second day is column 10.
        assert_eq!(week.point(d("2026-01-02")), Some(10));
        assert_eq!(week.last(), d("2026-01-09"));
    }

    #[test]
    fn the_done_part_ends_in_an_eighth_block() {
        let s = Scale {
            start: d("2026-01-01"),
            zoom: Zoom::Quarter,
            width: 20,
        };
        // 20 days = 10 columns; 45% = 4.5 columns: four full, then a half block.
        let row = bar(s, &spec("2026-01-01", "2026-01-20", 45.0), d("2026-01-05"));
        assert_eq!(glyphs(&row), "████▌░░░░░·         ");
        // 33%: 3.3 columns = three full and two eighths (3.3 × 8 = 26.4, to 26).
        let row = bar(s, &spec("2026-01-01", "2026-01-20", 33.0), d("2026-01-05"));
        assert_eq!(glyphs(&row), "███▎░░░░░░·         ");
        // None done: all still to do; done: all full, the light right after.
        let row = bar(s, &spec("2026-01-01", "2026-01-20", 0.0), d("2026-01-05"));
        assert_eq!(glyphs(&row), "░░░░░░░░░░·         ");
        let row = bar(s, &spec("2026-01-01", "2026-01-20", 100.0), d("2026-02-05"));
        assert_eq!(glyphs(&row), "██████████·      │  ");
    }

    #[test]
    fn a_bar_end_inside_a_column_is_drawn_to_the_eighth() {
        // Year zoom: a week a column. A task of 10 days done: 10/7 = 1.43 columns.
        let s = Scale {
            start: d("2026-01-01"),
            zoom: Zoom::Year,
            width: 10,
        };
        let row = bar(s, &spec("2026-01-01", "2026-01-10", 100.0), d("2026-03-01"));
        // 1.43 columns: one full block and 3/8 (0.43 × 8 = 3.4, to 3).
        assert_eq!(row[0], Mark::Done);
        assert_eq!(row[1], Mark::Part(3));
        assert_eq!(glyphs(&row)[..].chars().nth(1), Some('▍'));
    }

    #[test]
    fn overdue_runs_from_the_deadline_to_today_then_the_light() {
        let s = Scale {
            start: d("2026-01-01"),
            zoom: Zoom::Quarter,
            width: 20,
        };
        let row = bar(s, &spec("2026-01-01", "2026-01-10", 50.0), d("2026-01-20"));
        // Five columns of bar (half done), then ten days over = five columns of ×, the light.
        assert_eq!(glyphs(&row), "██▌░░×××××·         ");
        // A finished task has no overdue part, whatever the day.
        let row = bar(s, &spec("2026-01-01", "2026-01-10", 100.0), d("2026-01-20"));
        assert_eq!(glyphs(&row), "█████·   │          ");
    }

    #[test]
    fn today_is_a_line_where_the_row_is_empty() {
        let s = Scale {
            start: d("2026-01-01"),
            zoom: Zoom::Quarter,
            width: 20,
        };
        let row = bar(s, &spec("2026-01-01", "2026-01-06", 100.0), d("2026-01-21"));
        assert_eq!(glyphs(&row), "███·      │         ");
        // Inside the bar, the bar stays.
        let row = bar(s, &spec("2026-01-01", "2026-01-30", 10.0), d("2026-01-05"));
        assert_eq!(row[2], Mark::ToDo);
    }

    #[test]
    fn milestones_sit_at_their_planned_day_unreached_ones_winning_a_column() {
        let s = Scale {
            start: d("2026-01-01"),
            zoom: Zoom::Quarter,
            width: 20,
        };
        let mut sp = spec("2026-01-01", "2026-01-30", 40.0);
        sp.milestones = vec![
            (d("2026-01-05"), true),
            (d("2026-01-21"), false),
            (d("2026-01-22"), true),
        ];
        let row = bar(s, &sp, d("2026-01-10"));
        assert_eq!(glyphs(&row), "██◆███░░░░◇░░░░·    ");
    }

    #[test]
    fn bars_outside_the_window_point_to_it() {
        let s = Scale {
            start: d("2026-06-01"),
            zoom: Zoom::Quarter,
            width: 20,
        };
        let row = bar(s, &spec("2026-01-01", "2026-03-01", 100.0), d("2026-06-05"));
        assert_eq!(glyphs(&row), "◂·│                 ");
        let row = bar(s, &spec("2026-09-01", "2026-12-01", 0.0), d("2026-06-05"));
        assert_eq!(glyphs(&row), "  │                ▸");
        // Crossing the right edge: drawn to it, no light (the left column has it).
        let row = bar(s, &spec("2026-06-01", "2026-12-01", 0.0), d("2026-06-05"));
        assert_eq!(glyphs(&row), "░".repeat(20));
        // An overdue bar that began before the window: its overdue part still shows.
        let row = bar(s, &spec("2026-01-01", "2026-06-04", 30.0), d("2026-06-09"));
        // Deadline at column 2, the end of today at 4.5: three columns over.
        assert_eq!(glyphs(&row), "░░×××·              ");
    }

    #[test]
    fn zooming_keeps_the_focus_in_its_column_and_panning_moves_a_quarter() {
        let today = d("2026-11-23");
        let start = start_for(today, Zoom::Quarter, 54);
        // A third of 54 columns at two days: 36 days before today.
        assert_eq!(start, d("2026-10-18"));
        let s = Scale {
            start,
            zoom: Zoom::Quarter,
            width: 54,
        };
        assert_eq!(focus(s, today), today);
        let closer = Scale {
            start: rezoom(s, Zoom::Month, today),
            zoom: Zoom::Month,
            width: 54,
        };
        assert_eq!(closer.x(today), s.x(today));
        assert_eq!(pan_days(Zoom::Year, 54), 95);
        assert_eq!(pan_days(Zoom::Week, 54), 2);
        assert_eq!(Zoom::Year.wider(), None);
        assert_eq!(Zoom::Week.closer(), None);
        // Today off screen: the middle stays.
        let away = Scale {
            start: d("2027-06-01"),
            ..s
        };
        assert_eq!(focus(away, today), d("2027-07-25"));
    }

    #[test]
    fn axis_labels_per_zoom_in_both_languages() {
        let s = Scale {
            start: d("2026-10-18"),
            zoom: Zoom::Year,
            width: 55,
        };
        let labels = |s: Scale, lang: Lang| -> Vec<(u16, String)> {
            ticks(s, lang, None)
                .into_iter()
                .map(|t| (t.col, t.label))
                .collect()
        };
        let zh = labels(s, Lang::Zh);
        // A month a little over four columns: "11月12月" may touch (月 ends each), English
        // names keep a gap.
        assert_eq!(zh[0], (2, "11月".to_string()));
        assert_eq!(zh[1], (6, "12月".to_string()));
        assert_eq!(zh[2], (10, "1月".to_string()));
        let en = labels(s, Lang::En);
        assert_eq!(en[0], (2, "Nov".to_string()));
        assert_eq!(en[1], (6, "Dec".to_string()));
        assert_eq!(en[2], (10, "Jan".to_string()));
        // The month zoom: months first, then ISO weeks where they fit.
        let m = Scale {
            start: d("2026-11-20"),
            zoom: Zoom::Month,
            width: 55,
        };
        let zh = labels(m, Lang::Zh);
        assert!(zh.contains(&(22, "12月".to_string())), "{zh:?}");
        assert!(zh.contains(&(6, "第48周".to_string())), "{zh:?}");
        assert!(labels(m, Lang::En).contains(&(6, "W48".to_string())));
        // The week zoom: the week on Monday, the day on the others.
        let w = Scale {
            start: d("2026-11-22"),
            zoom: Zoom::Week,
            width: 55,
        };
        let zh = labels(w, Lang::Zh);
        assert_eq!(zh[0], (0, "22日".to_string()));
        assert_eq!(zh[1], (7, "第48周".to_string()));
        assert_eq!(zh[2], (14, "24日".to_string()));
        let en = labels(w, Lang::En);
        assert_eq!(en[1], (7, "W48".to_string()));
    }

    #[test]
    fn labels_never_overlap_and_leave_todays_column() {
        for zoom in [Zoom::Year, Zoom::Quarter, Zoom::Month, Zoom::Week] {
            for lang in [Lang::Zh, Lang::En] {
                let s = Scale {
                    start: d("2026-09-29"),
                    zoom,
                    width: 41,
                };
                let keep = Some(12);
                let t = ticks(s, lang, keep);
                let mut last_end = -1i64;
                for tick in &t {
                    let start = i64::from(tick.col);
                    let end = start + width(&tick.label) as i64;
                    // Chinese month names may touch (月 closes each); nothing overlaps.
                    assert!(start >= last_end, "{zoom:?} {lang:?} {t:?}");
                    assert!(end <= 41);
                    assert!(!(start..end).contains(&12), "{t:?}");
                    last_end = end;
                }
            }
        }
    }
}
