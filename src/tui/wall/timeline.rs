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
            let gap = i64::from(crate::i18n::wall::wants_gap(&label));
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
