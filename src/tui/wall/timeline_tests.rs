//! Tests of `timeline`: columns per zoom, bar ends in eighths, overdue, today, milestones,
//! the window, and the axis labels in both languages.

use super::timeline::*;
use crate::i18n::Lang;
use crate::report::text::width;
use chrono::NaiveDate;

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
