//! Typed rows the store reads and writes.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{ClerkRole, Percent, Role, Schedule};

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: i64,
    pub title: String,
    pub doc_no: Option<String>,
    pub issuer: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepartmentKind {
    Bureau,
    Street,
    Company,
    Other,
}

impl DepartmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DepartmentKind::Bureau => "bureau",
            DepartmentKind::Street => "street",
            DepartmentKind::Company => "company",
            DepartmentKind::Other => "other",
        }
    }

    /// A guess from the name as plans write it: 局/委/办 are bureaus, 街道/镇 streets, 公司 companies.
    pub fn from_name(name: &str) -> DepartmentKind {
        if name.ends_with("街道") || name.ends_with('镇') || name.ends_with('乡') {
            DepartmentKind::Street
        } else if name.contains("公司") || name.ends_with("集团") {
            DepartmentKind::Company
        } else if ["局", "委", "办", "院", "会", "部", "中心", "分局", "支队"]
            .iter()
            .any(|s| name.ends_with(s))
        {
            DepartmentKind::Bureau
        } else {
            DepartmentKind::Other
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub kind: String,
}

/// The current value of one assignment, with what a writer needs to save over it safely.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentState {
    pub task_id: i64,
    pub department_id: i64,
    pub role: Role,
    pub percent: Percent,
    pub version: i64,
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
}

/// A progress report as a clerk makes it. `expected_version` is the version the clerk's form read.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReport {
    pub task_id: i64,
    pub department_id: i64,
    pub percent: Percent,
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
    pub expected_version: i64,
}

/// What `duban update` asks for (see `Db::update_progress`).
#[derive(Debug, Clone)]
pub struct Update {
    pub task_id: i64,
    pub department_id: i64,
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
    /// The percent the caller believes is current (`--expect`); `None` takes what is there.
    pub expect: Option<crate::domain::Percent>,
}

/// How `Db::update_progress` ended.
#[derive(Debug)]
pub enum Outcome<E> {
    Saved {
        before: AssignmentState,
        saved: Saved,
    },
    /// The new percent could not be made from the current one (`+50` on 60): nothing written.
    Refused {
        current: crate::domain::Percent,
        error: E,
    },
}

/// A saved report: the assignment's new state and the journal row that holds it (what undo names).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub state: AssignmentState,
    pub entry_id: i64,
}

/// A refused batch (`Db::report_batch`): nothing was written. `row` is the index of the report
/// refused (`None`: the transaction itself failed, a busy or full file).
#[derive(Debug)]
pub struct BatchError {
    pub row: Option<usize>,
    pub error: super::error::StoreError,
}

/// What an undo did: the entry it compensated, and the value it put back.
#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub task_id: i64,
    pub department_id: i64,
    pub undone: ProgressEntry,
    pub restored: Saved,
}

/// One row of the progress journal.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressEntry {
    pub id: i64,
    pub percent: Percent,
    pub note: String,
    pub reported_by: String,
    pub reported_at: String,
}

/// A unit on a task, in the order the plan names them.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskUnit {
    pub department_id: i64,
    pub name: String,
    pub role: Role,
    pub percent: Percent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    pub id: i64,
    pub plan_id: i64,
    pub number: String,
    pub title: String,
    pub section: Option<String>,
    /// The task's own deadline; `None` means the plan's end (see `schedule`).
    pub deadline: Option<NaiveDate>,
    pub deadline_text: Option<String>,
    /// The effective window: the task's dates, or the plan's where the task has none.
    pub schedule: Schedule,
    pub weight: f64,
    /// When the task entered the plan and when it was deleted (ISO UTC instants, as stored): a
    /// caller that reads once for several dates tells which tasks existed at each.
    pub created_at: String,
    pub deleted_at: Option<String>,
    pub units: Vec<TaskUnit>,
}

/// An empty row, for a buffer a stream fills (`Db::for_each_task`).
impl Default for TaskRow {
    fn default() -> TaskRow {
        TaskRow {
            id: 0,
            plan_id: 0,
            number: String::new(),
            title: String::new(),
            section: None,
            deadline: None,
            deadline_text: None,
            schedule: Schedule {
                starts_on: NaiveDate::MIN,
                deadline: NaiveDate::MIN,
            },
            weight: 0.0,
            created_at: String::new(),
            deleted_at: None,
            units: Vec::new(),
        }
    }
}

impl TaskRow {
    /// Whether the task existed just before instant `t`, given as `instant(t)` (the rule of
    /// as-of reads; ISO instants compare as text).
    pub fn existed_before(&self, t: &str) -> bool {
        self.created_at.as_str() < t && self.deleted_at.as_deref().is_none_or(|d| d >= t)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clerk {
    pub username: String,
    pub display_name: Option<String>,
    pub department_id: Option<i64>,
    pub role: ClerkRole,
}

/// A login that was a clerk and was removed (the audit's last `delete` of it): who removed it,
/// and when (an instant in UTC, as stored).
#[derive(Debug, Clone, PartialEq)]
pub struct ClerkRemoval {
    pub by: String,
    pub at: String,
}

/// Which assignments a read covers, and on which date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scope {
    pub department: Option<i64>,
    /// `Some(t)`: the state as it was just before instant `t`, rebuilt from the journal.
    pub as_of: Option<DateTime<Utc>>,
    /// Only the tasks of this plan; `None`: every plan of the file. The one way a read is
    /// narrowed to a plan (a task never moves between plans, so as-of reads need no history).
    pub plan: Option<i64>,
}

/// The format of instants in the database: ISO 8601 UTC, to the second.
pub fn instant(t: DateTime<Utc>) -> String {
    // Digits put by hand: chrono's formatter parses its pattern on every call, a sixth of a bulk
    // load's writing (`gen` stamps 3.7 million reports at a million tasks). Years outside four
    // digits and leap seconds keep chrono's form.
    use chrono::{Datelike, Timelike};
    let (d, time) = (t.date_naive(), t.time());
    if !(0..=9999).contains(&d.year()) || time.nanosecond() >= 1_000_000_000 {
        return t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    }
    let mut out = [0u8; 20];
    put_date(&mut out, d);
    out[10] = b'T';
    put_two(&mut out[11..13], time.hour());
    out[13] = b':';
    put_two(&mut out[14..16], time.minute());
    out[16] = b':';
    put_two(&mut out[17..19], time.second());
    out[19] = b'Z';
    String::from_utf8_lossy(&out).into_owned()
}

pub fn day(d: NaiveDate) -> String {
    use chrono::Datelike;
    if !(0..=9999).contains(&d.year()) {
        return d.format("%Y-%m-%d").to_string();
    }
    let mut out = [0u8; 10];
    put_date(&mut out, d);
    String::from_utf8_lossy(&out).into_owned()
}

/// `YYYY-MM-DD` into the first ten bytes (a year of four digits).
fn put_date(out: &mut [u8], d: NaiveDate) {
    use chrono::Datelike;
    let year = d.year().unsigned_abs();
    put_two(&mut out[0..2], year / 100);
    put_two(&mut out[2..4], year % 100);
    out[4] = b'-';
    put_two(&mut out[5..7], d.month());
    out[7] = b'-';
    put_two(&mut out[8..10], d.day());
}

fn put_two(out: &mut [u8], n: u32) {
    out[0] = b'0' + (n / 10 % 10) as u8;
    out[1] = b'0' + (n % 10) as u8;
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    /// The hand-put digits against chrono's formatter, over instants spread across the years a
    /// file can hold and the edges of four-digit years.
    #[test]
    fn instant_and_day_match_chrono() {
        let mut t = Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap();
        // A step prime to days, hours and minutes, so every field takes many values.
        let step = Duration::seconds(86_400 * 1_013 + 3_607 * 7 + 13);
        let mut seen = 0;
        while t <= end {
            assert_eq!(instant(t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            let d = t.date_naive();
            assert_eq!(day(d), d.format("%Y-%m-%d").to_string());
            t += step;
            seen += 1;
        }
        assert!(seen > 3_000);
        for (y, m, dd, h, mi, s) in [
            (0, 1, 1, 0, 0, 0),
            (9999, 12, 31, 23, 59, 59),
            (2028, 2, 29, 12, 30, 45),
            (-1, 6, 15, 1, 2, 3),
            (10000, 1, 1, 0, 0, 0),
        ] {
            let t = Utc.with_ymd_and_hms(y, m, dd, h, mi, s).unwrap();
            assert_eq!(instant(t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            let d = t.date_naive();
            assert_eq!(day(d), d.format("%Y-%m-%d").to_string());
        }
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_milli_opt(23, 59, 59, 1_500)
            .unwrap()
            .and_utc();
        assert_eq!(instant(leap), leap.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    }
}

/// An assignment as a reporting period sees it: its percent when the period began.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodAssignment {
    pub task_id: i64,
    pub department_id: i64,
    pub role: Role,
    pub before: Percent,
    /// The task's start (its own, else its plan's): a task not begun owes no report.
    pub starts_on: chrono::NaiveDate,
}

/// One journal row inside a period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodReport {
    pub task_id: i64,
    pub department_id: i64,
    /// The value from `reported_at` on (an undo row's is the value it put back).
    pub percent: Percent,
    pub reported_at: DateTime<Utc>,
    /// A report that counts as one at the window's end: not an undo's compensating row, and not
    /// taken back by an undo made before the window ends. An undo takes effect at the instant
    /// it was made (its row's `reported_at`), like every journal row: a window that ends before
    /// it (a period's circular read at or after that period's end) still credits the report, so
    /// what was printed for a period is printed again after any later undo.
    pub stands: bool,
}

/// An indicator with its yearly targets and its journal of reported figures (oldest first).
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub id: i64,
    pub plan_id: i64,
    pub name: String,
    pub unit: String,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub higher_is_better: bool,
    pub base: Option<(i32, f64)>,
    pub targets: Vec<(i32, f64)>,
    pub actuals: Vec<ActualRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActualRow {
    pub id: i64,
    pub period: String,
    pub value: f64,
    pub reported_by: String,
    pub reported_at: String,
}

/// A figure as a clerk reports it for an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct NewActual {
    pub indicator_id: i64,
    /// 2024, 2024-Q2 or 2024-06.
    pub period: String,
    pub value: f64,
    pub by: String,
    pub at: DateTime<Utc>,
    /// The newest figure of this indicator and period the writer saw before typing (`None`:
    /// none yet). A newer one in the file means another clerk reported the period meanwhile:
    /// the write is refused (`FigureConflict`) rather than silently made on top of theirs.
    pub expected_last: Option<i64>,
}
