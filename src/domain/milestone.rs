//! Milestones (节点) of a task: a name, a planned date, the date it was reached, and optionally
//! the completion expected when it is reached (its share). They change the light: a milestone
//! past its planned date and not reached makes the task behind ("节点'主体结顶'逾期5天"), and
//! when any milestone carries a share, expected progress (序时进度) follows the milestones —
//! a straight line from the start (0) through each (planned date, share) to the deadline (100) —
//! instead of one straight line from start to deadline.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use super::light::{
    Assessment, Schedule, Thresholds, assess, assess_with_milestones, expected_progress,
};
use super::percent::Percent;
use super::role::Role;

/// One milestone as it stands (now, or as of an instant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// The milestone's id: its first version's, kept across edits.
    pub id: i64,
    pub task_id: i64,
    pub name: String,
    pub planned_on: NaiveDate,
    /// The completion expected when it is reached; `None` when not given.
    pub share: Option<Percent>,
    pub reached_on: Option<NaiveDate>,
    pub position: i64,
}

impl Milestone {
    /// Days late on `today`: past the planned date and not reached (0 or less: not late).
    pub fn days_late(&self, today: NaiveDate) -> i64 {
        if self.reached_on.is_some() {
            return 0;
        }
        (today - self.planned_on).num_days()
    }

    /// Reached late: the days between the planned date and the date reached (reached on time: 0).
    pub fn reached_late(&self) -> i64 {
        self.reached_on
            .map_or(0, |r| (r - self.planned_on).num_days().max(0))
    }
}

/// Every task's milestones as of a read, for judging lights: most tasks have none, and a lookup
/// of one that has none costs a hash probe of an empty or small map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MilestoneBook {
    by_task: HashMap<i64, Vec<Milestone>, BuildHasherDefault<IdHasher>>,
}

/// Hashes a task id with one multiplication: the book is asked once per unit and once per
/// task of a status (3.4 million times at 1,000,000 tasks), where SipHash was a tenth of it.
/// The ids are the file's own, not an adversary's.
#[derive(Debug, Default, Clone, Copy)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_i64(&mut self, id: i64) {
        self.0 = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl MilestoneBook {
    pub fn new(by_task: HashMap<i64, Vec<Milestone>>) -> MilestoneBook {
        MilestoneBook {
            by_task: by_task.into_iter().collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_task.is_empty()
    }

    /// The task's milestones (none: empty).
    pub fn of(&self, task_id: i64) -> &[Milestone] {
        // Most files have no milestone: no hash of the id then (twice a unit in a status).
        if self.by_task.is_empty() {
            return &[];
        }
        self.by_task.get(&task_id).map_or(&[], Vec::as_slice)
    }

    /// The light of a task's completion, or of a unit's part in it: the milestones are the
    /// task's, so they judge the task and its lead units; a co-unit is judged on its own
    /// percent alone (`role` `Some(Role::Co)`).
    pub fn assess(
        &self,
        task_id: i64,
        role: Option<Role>,
        percent: Percent,
        schedule: Schedule,
        today: NaiveDate,
        thresholds: &Thresholds,
    ) -> Assessment {
        let milestones = self.of(task_id);
        if milestones.is_empty() || role == Some(Role::Co) {
            assess(percent, schedule, today, thresholds)
        } else {
            assess_with_milestones(percent, schedule, milestones, today, thresholds)
        }
    }
}

/// A name short enough to copy: the light's reason carries the late milestone's name, and the
/// reason is a small `Copy` value read by every list. Names longer than this are cut at a
/// character boundary (offices name nodes in a few words: 开工, 主体结顶, 设备安装调试).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShortName {
    bytes: [u8; ShortName::CAPACITY],
    len: u8,
}

impl ShortName {
    pub const CAPACITY: usize = 46;

    pub fn new(s: &str) -> ShortName {
        let mut end = s.len().min(Self::CAPACITY);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0u8; Self::CAPACITY];
        bytes[..end].copy_from_slice(&s.as_bytes()[..end]);
        ShortName {
            bytes,
            len: end as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        // Built from a `&str` cut at a boundary: always UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl std::fmt::Debug for ShortName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// The most overdue milestone not reached on `today` (the earliest planned), with its days late.
pub fn most_late(milestones: &[Milestone], today: NaiveDate) -> Option<(&Milestone, i64)> {
    milestones
        .iter()
        .map(|m| (m, m.days_late(today)))
        .filter(|(_, late)| *late > 0)
        .max_by_key(|(m, late)| (*late, std::cmp::Reverse(m.position)))
}

/// Expected progress on `today` following the milestones that carry a share: piecewise linear
/// through (start, 0), each (planned date, share) in date order, and (deadline, 100). `None`
/// when no milestone carries a share (the straight line applies).
pub fn expected_by_milestones(
    schedule: Schedule,
    milestones: &[Milestone],
    today: NaiveDate,
) -> Option<Percent> {
    let mut points: Vec<(NaiveDate, i64)> = milestones
        .iter()
        .filter_map(|m| m.share.map(|s| (m.planned_on, i64::from(s.value()))))
        .filter(|(d, _)| *d > schedule.starts_on && *d < schedule.deadline)
        .collect();
    if points.is_empty() {
        return None;
    }
    points.sort();
    let mut knots = vec![(schedule.starts_on, 0)];
    for (d, s) in points {
        // Shares may not fall along the way: a later node expects at least what an earlier did.
        let floor = knots.last().map_or(0, |k| k.1);
        knots.push((d, s.max(floor)));
    }
    knots.push((schedule.deadline, 100));
    if today >= schedule.deadline {
        return Some(Percent::FULL);
    }
    if today <= schedule.starts_on {
        return Some(Percent::ZERO);
    }
    for pair in knots.windows(2) {
        let ((d0, s0), (d1, s1)) = (pair[0], pair[1]);
        if today <= d1 {
            let span = (d1 - d0).num_days().max(1);
            let into = (today - d0).num_days();
            let value = s0 + (s1 - s0) * into / span;
            return Some(Percent::new(value).unwrap_or(Percent::FULL));
        }
    }
    Some(expected_progress(schedule, today))
}

/// Completion read from milestones: the highest share among those reached when shares are
/// given, else the share of milestones reached (rounded down). `None` with no milestone.
pub fn completion_by_milestones(milestones: &[Milestone]) -> Option<Percent> {
    if milestones.is_empty() {
        return None;
    }
    let reached: Vec<&Milestone> = milestones
        .iter()
        .filter(|m| m.reached_on.is_some())
        .collect();
    if milestones.iter().any(|m| m.share.is_some()) {
        let best = reached
            .iter()
            .filter_map(|m| m.share)
            .max()
            .unwrap_or(Percent::ZERO);
        return Some(best);
    }
    let n = i64::try_from(milestones.len()).unwrap_or(i64::MAX);
    let r = i64::try_from(reached.len()).unwrap_or(0);
    Percent::new(r * 100 / n).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn m(
        id: i64,
        name: &str,
        planned: &str,
        share: Option<i64>,
        reached: Option<&str>,
    ) -> Milestone {
        Milestone {
            id,
            task_id: 1,
            name: name.into(),
            planned_on: day(planned),
            share: share.map(|s| Percent::new(s).unwrap()),
            reached_on: reached.map(day),
            position: id,
        }
    }

    fn year() -> Schedule {
        Schedule {
            starts_on: day("2026-01-01"),
            deadline: day("2026-12-31"),
        }
    }

    #[test]
    fn the_most_late_unreached_milestone() {
        let ms = [
            m(1, "开工", "2026-03-01", None, Some("2026-03-05")),
            m(2, "主体结顶", "2026-06-30", None, None),
            m(3, "竣工", "2026-10-31", None, None),
        ];
        let (late, days) = most_late(&ms, day("2026-07-05")).unwrap();
        assert_eq!((late.name.as_str(), days), ("主体结顶", 5));
        assert!(
            most_late(&ms, day("2026-06-30")).is_none(),
            "due today is not late"
        );
        assert_eq!(ms[0].reached_late(), 4);
    }

    #[test]
    fn expected_progress_follows_the_shares() {
        let ms = [
            m(1, "开工", "2026-03-01", Some(10), None),
            m(2, "主体结顶", "2026-07-01", Some(60), None),
        ];
        let s = year();
        let at = |d| expected_by_milestones(s, &ms, day(d)).unwrap().value();
        assert_eq!(at("2026-01-01"), 0);
        assert_eq!(at("2026-03-01"), 10);
        assert_eq!(at("2026-07-01"), 60);
        // Halfway from 1 March (10) to 1 July (60): 61 of 122 days → 35.
        assert_eq!(at("2026-05-01"), 35);
        assert_eq!(at("2026-12-31"), 100);
        assert!(
            expected_by_milestones(
                s,
                &[m(1, "开工", "2026-03-01", None, None)],
                day("2026-05-01")
            )
            .is_none()
        );
    }

    #[test]
    fn completion_from_milestones() {
        let plain = [
            m(1, "开工", "2026-03-01", None, Some("2026-03-01")),
            m(2, "结顶", "2026-06-01", None, None),
            m(3, "竣工", "2026-09-01", None, None),
        ];
        assert_eq!(completion_by_milestones(&plain).unwrap().value(), 33);
        let shared = [
            m(1, "开工", "2026-03-01", Some(10), Some("2026-03-01")),
            m(2, "结顶", "2026-06-01", Some(60), Some("2026-06-03")),
            m(3, "竣工", "2026-09-01", Some(90), None),
        ];
        assert_eq!(completion_by_milestones(&shared).unwrap().value(), 60);
        assert!(completion_by_milestones(&[]).is_none());
    }

    #[test]
    fn short_names_cut_at_a_character() {
        let long = "设备安装调试及试生产阶段性验收工作全部完成并投产";
        let n = ShortName::new(long);
        assert!(n.as_str().len() <= ShortName::CAPACITY);
        assert!(long.starts_with(n.as_str()));
        assert_eq!(ShortName::new("主体结顶").as_str(), "主体结顶");
    }
}
