//! Expected progress (序时进度) and the traffic light with its reason.

use chrono::NaiveDate;

use super::milestone::{Milestone, ShortName, expected_by_milestones, most_late};
use super::percent::Percent;

/// The light thresholds; stored in `setting` so an office can tune them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Red when behind expected progress by more than this many points.
    pub red_behind: u8,
    /// Yellow when behind by more than this many points.
    pub yellow_behind: u8,
    /// Near the deadline: due within this many days and not done.
    pub due_soon_days: i64,
    /// What "near the deadline" shows: yellow (the default) or a notice (the strict preset).
    pub near_deadline: Light,
}

/// The named threshold sets an office picks from (`light.preset` in `setting`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LightPreset {
    /// DESIGN.md: red beyond 30 points behind or overdue, yellow beyond 10 or due within 14 days.
    Default,
    /// Yellow from 10 points behind (10 included), red beyond 30 or overdue; within 14 days of
    /// the deadline a notice (blue), not a warning.
    Strict,
}

impl LightPreset {
    pub fn as_str(self) -> &'static str {
        match self {
            LightPreset::Default => "default",
            LightPreset::Strict => "strict",
        }
    }

    pub fn thresholds(self) -> Thresholds {
        match self {
            LightPreset::Default => Thresholds::default(),
            // The rule compares "more than N points behind", so "10 or more" is "more than 9".
            LightPreset::Strict => Thresholds {
                red_behind: 30,
                yellow_behind: 9,
                due_soon_days: 14,
                near_deadline: Light::Notice,
            },
        }
    }

    /// The preset these thresholds are, if any (an office may have tuned them by hand).
    pub fn of(t: &Thresholds) -> Option<LightPreset> {
        [LightPreset::Default, LightPreset::Strict]
            .into_iter()
            .find(|p| p.thresholds() == *t)
    }
}

impl std::str::FromStr for LightPreset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "default" => Ok(LightPreset::Default),
            "strict" => Ok(LightPreset::Strict),
            other => Err(other.to_string()),
        }
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            red_behind: 30,
            yellow_behind: 10,
            due_soon_days: 14,
            near_deadline: Light::Yellow,
        }
    }
}

/// The light, ordered from best to worst so that `max` is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Light {
    Done,
    Green,
    /// Near the deadline, under the strict preset: worth a look, not yet a warning (blue).
    Notice,
    Yellow,
    Red,
}

impl Light {
    /// The stable name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Done => "done",
            Light::Green => "green",
            Light::Notice => "notice",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }

    /// A glyph that carries the meaning without colour (NO_COLOR, monochrome terminals).
    pub fn glyph(self) -> char {
        match self {
            Light::Done => '✓',
            Light::Green => '●',
            Light::Notice => '◆',
            Light::Yellow => '▲',
            Light::Red => '✖',
        }
    }
}

/// Why a light is what it is; `i18n` words it ("逾期12天", "落后序时18个百分点").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    Complete,
    Overdue {
        days: i64,
    },
    Behind {
        points: u8,
    },
    DueSoon {
        days: i64,
    },
    NotStarted,
    OnSchedule,
    /// A milestone past its planned date and not reached ("节点'主体结顶'逾期5天").
    MilestoneLate {
        days: i64,
        name: ShortName,
    },
}

/// A milestone late by more than this many days makes the task red; late by fewer, yellow.
pub const MILESTONE_RED_DAYS: i64 = 30;

/// The window a piece of work is expected to progress through evenly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub starts_on: NaiveDate,
    pub deadline: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub light: Light,
    pub reason: Reason,
    pub expected: Percent,
}

/// Expected progress on `today`: the elapsed share of [starts_on, deadline], rounded down.
pub fn expected_progress(schedule: Schedule, today: NaiveDate) -> Percent {
    if today >= schedule.deadline {
        return Percent::FULL;
    }
    if today <= schedule.starts_on {
        return Percent::ZERO;
    }
    let total = (schedule.deadline - schedule.starts_on).num_days();
    let elapsed = (today - schedule.starts_on).num_days();
    Percent::new(elapsed * 100 / total).unwrap_or(Percent::FULL)
}

/// The light of one piece of work (an assignment, or a task's rolled-up completion) on `today`.
pub fn assess(
    percent: Percent,
    schedule: Schedule,
    today: NaiveDate,
    thresholds: &Thresholds,
) -> Assessment {
    let expected = expected_progress(schedule, today);
    let verdict = |light, reason| Assessment {
        light,
        reason,
        expected,
    };
    if percent.is_done() {
        return verdict(Light::Done, Reason::Complete);
    }
    if today > schedule.deadline {
        let days = (today - schedule.deadline).num_days();
        return verdict(Light::Red, Reason::Overdue { days });
    }
    let behind = expected.value().saturating_sub(percent.value());
    if behind > thresholds.red_behind {
        return verdict(Light::Red, Reason::Behind { points: behind });
    }
    if behind > thresholds.yellow_behind {
        return verdict(Light::Yellow, Reason::Behind { points: behind });
    }
    let days_left = (schedule.deadline - today).num_days();
    if days_left <= thresholds.due_soon_days {
        return verdict(
            thresholds.near_deadline,
            Reason::DueSoon { days: days_left },
        );
    }
    if today < schedule.starts_on {
        return verdict(Light::Green, Reason::NotStarted);
    }
    verdict(Light::Green, Reason::OnSchedule)
}

/// The light of a task that has milestones: expected progress follows the milestones that carry
/// a share (else the straight line), and the most overdue unreached milestone makes the task at
/// least yellow (red beyond `MILESTONE_RED_DAYS`), with that milestone as the reason when it is
/// the worse verdict. Overdue tasks and finished ones are judged as without milestones.
pub fn assess_with_milestones(
    percent: Percent,
    schedule: Schedule,
    milestones: &[Milestone],
    today: NaiveDate,
    thresholds: &Thresholds,
) -> Assessment {
    let mut a = assess(percent, schedule, today, thresholds);
    if milestones.is_empty() || matches!(a.reason, Reason::Complete | Reason::Overdue { .. }) {
        return a;
    }
    if let Some(expected) = expected_by_milestones(schedule, milestones, today) {
        let behind = expected.value().saturating_sub(percent.value());
        let by_line = if behind > thresholds.red_behind {
            Some((Light::Red, Reason::Behind { points: behind }))
        } else if behind > thresholds.yellow_behind {
            Some((Light::Yellow, Reason::Behind { points: behind }))
        } else {
            None
        };
        a.expected = expected;
        match by_line {
            Some((light, reason)) => {
                a.light = light;
                a.reason = reason;
            }
            // On the milestones' line: what is left of the straight line's verdict is the
            // deadline's nearness.
            None if matches!(a.reason, Reason::Behind { .. }) => {
                a.light = Light::Green;
                a.reason = Reason::OnSchedule;
            }
            None => {}
        }
    }
    if let Some((late, days)) = most_late(milestones, today) {
        let light = if days > MILESTONE_RED_DAYS {
            Light::Red
        } else {
            Light::Yellow
        };
        if light > a.light || (light == a.light && !matches!(a.reason, Reason::Behind { .. })) {
            a.light = light;
            a.reason = Reason::MilestoneLate {
                days,
                name: ShortName::new(&late.name),
            };
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn pct(n: i64) -> Percent {
        Percent::new(n).unwrap()
    }
    fn year_2024() -> Schedule {
        Schedule {
            starts_on: day("2024-01-01"),
            deadline: day("2024-12-31"),
        }
    }

    #[test]
    fn expected_progress_is_the_elapsed_share() {
        let s = year_2024();
        assert_eq!(expected_progress(s, day("2023-06-01")), pct(0));
        assert_eq!(expected_progress(s, day("2024-01-01")), pct(0));
        // 182 of 365 days elapsed on 1 July (2024 is a leap year).
        assert_eq!(expected_progress(s, day("2024-07-01")), pct(49));
        assert_eq!(expected_progress(s, day("2024-12-31")), pct(100));
        assert_eq!(expected_progress(s, day("2025-03-01")), pct(100));
        let same_day = Schedule {
            starts_on: day("2024-05-01"),
            deadline: day("2024-05-01"),
        };
        assert_eq!(expected_progress(same_day, day("2024-04-30")), pct(0));
        assert_eq!(expected_progress(same_day, day("2024-05-01")), pct(100));
    }

    #[test]
    fn light_table() {
        let t = Thresholds::default();
        let s = year_2024();
        let cases: &[(i64, &str, Light, Reason)] = &[
            (100, "2025-06-01", Light::Done, Reason::Complete),
            (99, "2025-01-12", Light::Red, Reason::Overdue { days: 12 }),
            // 1 July: expected 49.
            (10, "2024-07-01", Light::Red, Reason::Behind { points: 39 }),
            // The thresholds are "more than": 30 points behind is still yellow.
            (18, "2024-07-01", Light::Red, Reason::Behind { points: 31 }),
            (
                19,
                "2024-07-01",
                Light::Yellow,
                Reason::Behind { points: 30 },
            ),
            (
                31,
                "2024-07-01",
                Light::Yellow,
                Reason::Behind { points: 18 },
            ),
            (39, "2024-07-01", Light::Green, Reason::OnSchedule),
            (80, "2024-07-01", Light::Green, Reason::OnSchedule),
            (
                95,
                "2024-12-20",
                Light::Yellow,
                Reason::DueSoon { days: 11 },
            ),
            (0, "2023-12-01", Light::Green, Reason::NotStarted),
        ];
        for (p, today, light, reason) in cases {
            let got = assess(pct(*p), s, day(today), &t);
            assert_eq!(
                (got.light, got.reason),
                (*light, *reason),
                "{p}% on {today}"
            );
        }
    }

    #[test]
    fn thresholds_come_from_settings() {
        let strict = Thresholds {
            red_behind: 5,
            yellow_behind: 2,
            due_soon_days: 0,
            near_deadline: Light::Yellow,
        };
        let got = assess(pct(40), year_2024(), day("2024-07-01"), &strict);
        assert_eq!(got.light, Light::Red);
        assert_eq!(got.reason, Reason::Behind { points: 9 });
    }

    #[test]
    fn strict_preset_by_hand() {
        let t = LightPreset::Strict.thresholds();
        let s = year_2024();
        // 1 July: expected 49. Exactly 10 behind is yellow under strict, green by default.
        assert_eq!(
            assess(pct(39), s, day("2024-07-01"), &t).light,
            Light::Yellow
        );
        assert_eq!(
            assess(pct(39), s, day("2024-07-01"), &Thresholds::default()).light,
            Light::Green
        );
        assert_eq!(
            assess(pct(40), s, day("2024-07-01"), &t).light,
            Light::Green
        );
        // 30 behind yellow, 31 red, as by default.
        assert_eq!(
            assess(pct(19), s, day("2024-07-01"), &t).light,
            Light::Yellow
        );
        assert_eq!(assess(pct(18), s, day("2024-07-01"), &t).light, Light::Red);
        // 14 days before the deadline: a notice; 15 days: green; overdue: red.
        let got = assess(pct(99), s, day("2024-12-17"), &t);
        assert_eq!(
            (got.light, got.reason),
            (Light::Notice, Reason::DueSoon { days: 14 })
        );
        assert_eq!(
            assess(pct(99), s, day("2024-12-16"), &t).light,
            Light::Green
        );
        assert_eq!(assess(pct(99), s, day("2025-01-01"), &t).light, Light::Red);
        assert_eq!(LightPreset::of(&t), Some(LightPreset::Strict));
        assert_eq!(
            LightPreset::of(&Thresholds::default()),
            Some(LightPreset::Default)
        );
    }

    #[test]
    fn milestones_make_the_task_behind() {
        use crate::domain::milestone::Milestone;
        let node =
            |name: &str, planned: &str, share: Option<i64>, reached: Option<&str>| Milestone {
                id: 1,
                task_id: 1,
                name: name.into(),
                planned_on: day(planned),
                share: share.map(pct),
                reached_on: reached.map(day),
                position: 0,
            };
        let t = Thresholds::default();
        let s = year_2024();
        // On the straight line (expected 49 on 1 July) but 主体结顶 five days late: yellow.
        let late = [node("主体结顶", "2024-06-26", None, None)];
        let got = assess_with_milestones(pct(60), s, &late, day("2024-07-01"), &t);
        assert_eq!(got.light, Light::Yellow);
        assert!(
            matches!(got.reason, Reason::MilestoneLate { days: 5, name } if name.as_str() == "主体结顶")
        );
        // Forty days late: red.
        let got = assess_with_milestones(pct(60), s, &late, day("2024-08-05"), &t);
        assert_eq!(got.light, Light::Red);
        // Reached: the straight line's verdict.
        let reached = [node("主体结顶", "2024-06-26", None, Some("2024-06-30"))];
        let got = assess_with_milestones(pct(60), s, &reached, day("2024-07-01"), &t);
        assert_eq!((got.light, got.reason), (Light::Green, Reason::OnSchedule));
        // A share makes expected progress follow the milestone: 80% due by 1 April → on 1 April
        // expected 80, so 60% is 20 behind (yellow), where the straight line (24) says green.
        let shared = [node("主体结顶", "2024-04-01", Some(80), Some("2024-04-01"))];
        let got = assess_with_milestones(pct(60), s, &shared, day("2024-04-01"), &t);
        assert_eq!(
            (got.light, got.reason),
            (Light::Yellow, Reason::Behind { points: 20 })
        );
        assert_eq!(got.expected, pct(80));
        // Overdue stays overdue; done stays done.
        let got = assess_with_milestones(pct(60), s, &late, day("2025-01-05"), &t);
        assert_eq!(got.reason, Reason::Overdue { days: 5 });
        let got = assess_with_milestones(pct(100), s, &late, day("2024-07-01"), &t);
        assert_eq!(got.light, Light::Done);
    }

    #[test]
    fn worst_light_is_the_max() {
        assert_eq!(
            [Light::Green, Light::Red, Light::Done].into_iter().max(),
            Some(Light::Red)
        );
    }
}
