//! A reporting period replayed from the journal: each assignment's percent when the window began
//! and its reports inside it, dated by the clerk's local day. The circular, the cycle check and
//! the reminders all read periods this way, so they agree on who reported when.

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};

use super::parts::{Split, side_by_side};
use crate::domain::cycle::{classify, must_report};
use crate::domain::{CycleSettings, Percent, Period, Role, Timeliness};
use crate::store::{Db, Result};

/// Where a period's reading stops and what it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub period: Period,
    /// The first day of the replay window (the first reporting period's first day).
    pub first: NaiveDate,
    /// The day figures are for: the period's last day, or `today` while it is still running.
    pub as_of: NaiveDate,
    pub start: DateTime<Utc>,
    /// The end of `as_of` (the next local midnight): nothing reported later is read.
    pub end: DateTime<Utc>,
    /// The period is over on `today`: its last day has passed, and with it a due day that falls
    /// on that last day (a quarterly cycle due on the 31st). Read while it runs, the due day
    /// itself is still in time.
    pub closed: bool,
}

impl Bounds {
    /// `None` when the period has not begun on `today`.
    pub fn new(period: Period, cycle: &CycleSettings, today: NaiveDate) -> Option<Bounds> {
        if period.first_day() > today {
            return None;
        }
        let first = period
            .cycles(cycle.kind)
            .first()
            .map_or(period.first_day(), |c| c.first_day())
            .min(period.first_day());
        let as_of = period.last_day().min(today);
        Some(Bounds {
            period,
            first,
            as_of,
            start: local_midnight(first),
            end: local_midnight(as_of + Duration::days(1)),
            closed: period.last_day() < today,
        })
    }

    /// The day reports are judged on (`Track::timeliness`): `as_of` while the period runs; once
    /// it is over, the day after its end — the whole last day has passed, so a report due that
    /// day and not made is missing, as it is for every later reading.
    pub fn judged_on(&self) -> NaiveDate {
        if self.closed {
            self.as_of + Duration::days(1)
        } else {
            self.as_of
        }
    }
}

/// The instant a local day begins (the server's time zone is the clerks').
pub fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// The clerk's local day of an instant.
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Local).date_naive()
}

/// One assignment in a window: its percent before the window and its journal rows inside, in
/// order.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    pub task_id: i64,
    pub department_id: i64,
    pub role: Role,
    pub before: Percent,
    pub reports: Vec<Step>,
}

/// One journal row of a track, on the clerk's local day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub day: NaiveDate,
    /// The value from that day on: every row sets it, an undo's too (the value it put back).
    pub percent: Percent,
    /// A report that counts as one (the net journal, `PeriodReport::stands`): only these make
    /// a report on time or late, or a completion. An undone report's value still stood from
    /// its day to its undo's.
    pub stands: bool,
}

impl Step {
    pub fn of(r: &crate::store::PeriodReport) -> Step {
        Step {
            day: local_date(r.reported_at),
            percent: r.percent,
            stands: r.stands,
        }
    }
}

impl Track {
    /// The percent at the start of `day`.
    pub fn percent_before(&self, day: NaiveDate) -> Percent {
        self.reports
            .iter()
            .rev()
            .find(|s| s.day < day)
            .map_or(self.before, |s| s.percent)
    }

    /// The percent at the end of `day`.
    pub fn percent_on(&self, day: NaiveDate) -> Percent {
        self.reports
            .iter()
            .rev()
            .find(|s| s.day <= day)
            .map_or(self.before, |s| s.percent)
    }

    /// The day of the first report inside `p` that stands (an undone one was not made).
    pub fn first_report_in(&self, p: Period) -> Option<NaiveDate> {
        self.reports
            .iter()
            .filter(|s| s.stands)
            .map(|s| s.day)
            .find(|d| p.contains(*d))
    }

    /// The day a standing report first made it 100% on or after `from`, if one did.
    pub fn completed_since(&self, from: NaiveDate) -> Option<NaiveDate> {
        self.reports
            .iter()
            .find(|s| s.stands && s.day >= from && s.percent.is_done())
            .map(|s| s.day)
    }

    /// Whether and how it reported for reporting period `c`, judged on `as_of`
    /// (`Bounds::judged_on`); `None` when it owed nothing (done before `c`, or its task not begun
    /// by `c`'s end). Only reports inside `c` count, so judging on the day after the period
    /// reads no report that the period's own end would not.
    pub fn timeliness(
        &self,
        c: Period,
        cycle: &CycleSettings,
        as_of: NaiveDate,
        task_starts: NaiveDate,
    ) -> Option<Timeliness> {
        self.timeliness_in(&CycleDays::new(c, cycle), as_of, task_starts)
    }

    /// `timeliness` with the period's days worked out beforehand (`CycleDays`): the circular
    /// judges every unit in each of the quarter's months, twice (a million tasks: fifteen million
    /// times), and the dates' arithmetic was most of that.
    pub fn timeliness_in(
        &self,
        c: &CycleDays,
        as_of: NaiveDate,
        task_starts: NaiveDate,
    ) -> Option<Timeliness> {
        if c.first > as_of || task_starts > c.last || !must_report(self.percent_before(c.first)) {
            return None;
        }
        // `first_report_in`, with the period's days known.
        let first = self
            .reports
            .iter()
            .filter(|s| s.stands)
            .map(|s| s.day)
            .find(|d| c.first <= *d && *d <= c.last)
            .filter(|d| *d <= as_of);
        Some(classify(first, c.due, as_of))
    }
}

/// A reporting period's first and last day and its due day, worked out once for the many tracks
/// judged in it (`Track::timeliness_in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleDays {
    pub period: Period,
    first: NaiveDate,
    last: NaiveDate,
    due: NaiveDate,
}

impl CycleDays {
    pub fn new(c: Period, cycle: &CycleSettings) -> CycleDays {
        CycleDays {
            period: c,
            first: c.first_day(),
            last: c.last_day(),
            due: c.due_date(cycle.due_day),
        }
    }
}

/// The journal rows of a window by assignment, in time within one: a task's units' tracks are
/// made from them as the task is read (`tracks_of`), with the percents the read gives as of the
/// window's start, so that no track is held for every assignment of the file.
#[derive(Debug, PartialEq)]
pub struct WindowReports {
    list: Vec<(i64, i64, Step)>,
}

/// From this long on, a window's journal rows are read in two halves side by side: the year a
/// circular's trend replays walks the journal in time order, a third of the reading of a
/// 100,000-task circular, while the other core waits for the tasks.
const SPLIT_FROM: Duration = Duration::days(60);

/// Which way a window's journal rows are read: each gives the same rows in the same order (the
/// tests compare them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Through the time index, in time.
    ByTime,
    /// Through the table by id, sorted afterwards (`Db::period_reports_by_id`); by time if an
    /// instant was written around duban.
    ById,
    /// By id when the window holds a sixth of the journal or more (walking the table costs
    /// about a sixth of looking each row up by time), else by time.
    BySize,
}

impl WindowReports {
    pub fn read(db: &Db, start: DateTime<Utc>, end: DateTime<Utc>) -> Result<WindowReports> {
        let split = end - start >= SPLIT_FROM && Split::default().parts > 1;
        WindowReports::read_with(db, start, end, split, Walk::BySize)
    }

    /// `read`, in two halves side by side when `split` (the tests compare both ways). The
    /// halves are the same rows only when no write commits while they are read: otherwise the
    /// window is read again in one pass, as `parts::in_parts` does.
    pub fn read_with(
        db: &Db,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        split: bool,
        walk: Walk,
    ) -> Result<WindowReports> {
        if walk != Walk::ByTime
            && let Some(list) = WindowReports::read_by_id(db, start..end, split, walk)?
        {
            return Ok(WindowReports { list });
        }
        let rows = |db: &Db, part: std::ops::Range<DateTime<Utc>>| -> Result<Vec<_>> {
            let mut list: Vec<(i64, i64, Step)> = Vec::new();
            db.period_reports_part(part, end, |r| {
                list.push((r.task_id, r.department_id, Step::of(&r)));
            })?;
            Ok(list)
        };
        let halves = if split {
            let middle = start + (end - start) / 2;
            side_by_side(
                db,
                |other| rows(other, start..middle),
                |db| rows(db, middle..end),
            )?
        } else {
            None
        };
        let mut list = match halves {
            // The halves are in time order and the first ends where the second begins.
            Some((mut first, second)) => {
                first.extend(second);
                first
            }
            None => rows(db, start..end)?,
        };
        // By assignment, and in time within one (the sort is stable).
        list.sort_by_key(|r| (r.0, r.1));
        Ok(WindowReports { list })
    }

    /// The window read through the table in the order stored and sorted here
    /// (`Db::period_reports_by_id`), in two halves of the ids side by side when `split`. `None`
    /// for a window with an instant written around duban, and under `Walk::BySize` for one that
    /// holds less than a sixth of the journal (a year's trend holds most of it).
    fn read_by_id(
        db: &Db,
        window: std::ops::Range<DateTime<Utc>>,
        split: bool,
        walk: Walk,
    ) -> Result<Option<Vec<(i64, i64, Step)>>> {
        let last = db.journal_last_id()?;
        let enough = last / 6;
        if walk == Walk::BySize
            && (enough == 0 || !db.period_reports_reach(window.clone(), enough)?)
        {
            return Ok(None);
        }
        type Timed = Vec<(i64, i64, i64, Step)>;
        let rows = |db: &Db, ids: std::ops::RangeInclusive<i64>| -> Result<Option<Timed>> {
            let mut list = Vec::new();
            let whole = db.period_reports_by_id(window.clone(), ids, |r| {
                list.push((
                    r.task_id,
                    r.department_id,
                    r.reported_at.timestamp(),
                    Step::of(&r),
                ));
            })?;
            Ok(whole.then_some(list))
        };
        let halves = if split {
            let middle = last / 2;
            side_by_side(
                db,
                |other| rows(other, i64::MIN..=middle),
                |db| rows(db, middle + 1..=i64::MAX),
            )?
        } else {
            None
        };
        let list = match halves {
            // In id order, the first half's ids below the second's.
            Some((Some(mut first), Some(second))) => {
                first.extend(second);
                Some(first)
            }
            Some(_) => None,
            None => rows(db, i64::MIN..=i64::MAX)?,
        };
        let Some(mut list) = list else {
            return Ok(None);
        };
        // By assignment, and in time within one; rows of one second stay in id order (the sort
        // is stable), as `period_reports` gives them.
        list.sort_by_key(|r| (r.0, r.1, r.2));
        Ok(Some(
            list.into_iter().map(|(t, d, _, s)| (t, d, s)).collect(),
        ))
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The tracks of `row`'s units into `tracks`, one per unit in order (their buffers reused):
    /// each unit's percent is its percent just before the window (`for_each_task_existing_at_from`).
    pub fn tracks_of(&self, row: &crate::store::TaskRow, tracks: &mut Vec<Track>) {
        tracks.truncate(row.units.len());
        // The task's rows, searched for once: a task's units are few, and so are their reports
        // in one window, so each unit's are walked to within them.
        let from = self.list.partition_point(|r| r.0 < row.id);
        let end = from + self.list[from..].partition_point(|r| r.0 == row.id);
        let task = &self.list[from..end];
        for (i, u) in row.units.iter().enumerate() {
            if tracks.len() == i {
                tracks.push(Track {
                    task_id: 0,
                    department_id: 0,
                    role: u.role,
                    before: u.percent,
                    reports: Vec::new(),
                });
            }
            let t = &mut tracks[i];
            t.task_id = row.id;
            t.department_id = u.department_id;
            t.role = u.role;
            t.before = u.percent;
            t.reports.clear();
            t.reports.extend(
                task.iter()
                    .skip_while(|r| r.1 < u.department_id)
                    .take_while(|r| r.1 == u.department_id)
                    .map(|r| r.2),
            );
        }
    }
}

/// Every assignment of the window with its reports, sorted by (task, department).
pub struct Tracks {
    pub list: Vec<Track>,
}

impl Tracks {
    /// One assignment's track. A search of the sorted list, not a hash index: the index of
    /// 250,000 assignments (100,000 tasks) was half the memory of a circular, and its lookups,
    /// scattered over 12 MB, a tenth of the time; tasks are read in about the order of their ids,
    /// so successive searches touch the same few pages.
    pub fn get(&self, task_id: i64, department_id: i64) -> Option<&Track> {
        self.list
            .binary_search_by_key(&(task_id, department_id), |t| (t.task_id, t.department_id))
            .ok()
            .map(|i| &self.list[i])
    }
}

/// The assignments existing at `end` (of `plan`, or of every plan), replayed from `start`.
pub fn tracks(
    db: &Db,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    plan: Option<i64>,
) -> Result<Tracks> {
    let mut list = Vec::new();
    db.period_assignments(start, end, crate::store::ALL_TASKS, plan, |a| {
        list.push(Track {
            task_id: a.task_id,
            department_id: a.department_id,
            role: a.role,
            before: a.before,
            reports: Vec::new(),
        });
    })?;
    // They come in key order already (the read walks tasks by id, each task's assignments by
    // primary key): only checked, as a stable sort would take a scratch buffer of 8 MB to find
    // that out. The keys are unique, so any sort gives the same order.
    if !list.is_sorted_by_key(|t| (t.task_id, t.department_id)) {
        list.sort_unstable_by_key(|t| (t.task_id, t.department_id));
    }
    let mut tracks = Tracks { list };
    db.period_reports(start, end, |r| {
        if let Ok(i) = tracks
            .list
            .binary_search_by_key(&(r.task_id, r.department_id), |t| {
                (t.task_id, t.department_id)
            })
        {
            tracks.list[i].reports.push(Step::of(&r));
        }
    })?;
    Ok(tracks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CycleKind;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn pct(n: i64) -> Percent {
        Percent::new(n).unwrap()
    }
    fn step(d: &str, p: i64, stands: bool) -> Step {
        Step {
            day: day(d),
            percent: pct(p),
            stands,
        }
    }

    #[test]
    fn a_track_replays_its_reports() {
        let t = Track {
            task_id: 1,
            department_id: 1,
            role: Role::Lead,
            before: pct(40),
            reports: vec![step("2024-04-20", 60, true), step("2024-06-26", 100, true)],
        };
        let cycle = CycleSettings {
            kind: CycleKind::Monthly,
            due_day: 25,
        };
        let as_of = day("2024-06-30");
        let start = day("2024-01-01");
        let m = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(
            t.timeliness(m("2024-04"), &cycle, as_of, start),
            Some(Timeliness::OnTime)
        );
        assert_eq!(
            t.timeliness(m("2024-05"), &cycle, as_of, start),
            Some(Timeliness::Missing)
        );
        assert_eq!(
            t.timeliness(m("2024-06"), &cycle, as_of, start),
            Some(Timeliness::Late)
        );
        // Done in June: owes nothing for July.
        assert_eq!(
            t.timeliness(m("2024-07"), &cycle, day("2024-07-31"), start),
            None
        );
        // A task that begins in August owes nothing for June.
        assert_eq!(
            t.timeliness(m("2024-06"), &cycle, as_of, day("2024-08-01")),
            None
        );
        assert_eq!(t.percent_before(day("2024-05-01")), pct(60));
        assert_eq!(t.percent_before(day("2024-04-20")), pct(40));
        assert_eq!(
            t.completed_since(day("2024-04-01")),
            Some(day("2024-06-26"))
        );
        assert_eq!(t.percent_on(day("2024-06-30")), pct(100));
        assert_eq!(t.percent_on(day("2024-06-25")), pct(60));
    }

    #[test]
    fn an_undone_report_is_no_report_and_its_undo_none_either() {
        // May: reported 100 on the 20th, taken back on the 21st (the undo's row puts 40 back).
        let t = Track {
            task_id: 1,
            department_id: 1,
            role: Role::Lead,
            before: pct(40),
            reports: vec![
                step("2024-05-20", 100, false),
                step("2024-05-21", 40, false),
            ],
        };
        let cycle = CycleSettings {
            kind: CycleKind::Monthly,
            due_day: 25,
        };
        let start = day("2024-01-01");
        let may = "2024-05".parse::<Period>().unwrap();
        assert_eq!(
            t.timeliness(may, &cycle, day("2024-05-31"), start),
            Some(Timeliness::Missing)
        );
        assert_eq!(t.first_report_in(may), None);
        assert_eq!(t.completed_since(day("2024-05-01")), None);
        // Its value stood from its day to the undo's.
        assert_eq!(t.percent_on(day("2024-05-20")), pct(100));
        assert_eq!(t.percent_on(day("2024-05-31")), pct(40));
    }
}
