//! When duban proposes a 督办单 (issue 22), from the rules offices use: near the deadline → 蓝
//! 提醒; behind expected progress (序时进度) → 黄 督办; overdue → 红 挂牌督办; a notice left
//! unanswered past its reply-by date → the next level, following it. The thresholds are settings
//! (`notice.*`, with a preset); duban proposes, an admin issues.

use chrono::NaiveDate;

use super::light::{Reason, Schedule, expected_progress};
use super::notice::{DEFAULT_PATTERN, Level, Standing, awaiting};
use super::percent::Percent;

/// The notice settings (`setting` keys `notice.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeSettings {
    /// 蓝: due within this many days and not done (`notice.blue_days_before`).
    pub blue_days_before: i64,
    /// 黄: behind expected progress by more than this many points (`notice.yellow_behind`).
    pub yellow_behind: u8,
    /// The reply-by date a notice gets by default: this many days after the day of issue
    /// (`notice.reply_days`).
    pub reply_days: i64,
    /// How a notice is numbered: `{year}` and `{n}` (`notice.number_pattern`).
    pub number_pattern: String,
    /// The office named at the foot of a printed notice (`notice.office`); empty: the words of
    /// the language ("督查室").
    pub office: String,
}

impl Default for NoticeSettings {
    fn default() -> Self {
        let (blue_days_before, yellow_behind, reply_days) = NoticePreset::Default.thresholds();
        NoticeSettings {
            blue_days_before,
            yellow_behind,
            reply_days,
            number_pattern: DEFAULT_PATTERN.to_string(),
            office: String::new(),
        }
    }
}

/// The named threshold sets for proposals (`duban setting preset notice default|strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticePreset {
    /// 蓝 within 7 days of the deadline, 黄 beyond 20 points behind, 5 days to reply.
    Default,
    /// 蓝 within 14 days, 黄 beyond 10 points behind, 3 days to reply.
    Strict,
}

impl NoticePreset {
    pub const ALL: [NoticePreset; 2] = [NoticePreset::Default, NoticePreset::Strict];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticePreset::Default => "default",
            NoticePreset::Strict => "strict",
        }
    }

    /// (blue_days_before, yellow_behind, reply_days).
    pub fn thresholds(self) -> (i64, u8, i64) {
        match self {
            NoticePreset::Default => (7, 20, 5),
            NoticePreset::Strict => (14, 10, 3),
        }
    }

    /// The preset the settings' thresholds are, if any (an office may have tuned them).
    pub fn of(s: &NoticeSettings) -> Option<NoticePreset> {
        Self::ALL
            .into_iter()
            .find(|p| p.thresholds() == (s.blue_days_before, s.yellow_behind, s.reply_days))
    }
}

impl std::str::FromStr for NoticePreset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "default" => Ok(NoticePreset::Default),
            "strict" => Ok(NoticePreset::Strict),
            other => Err(other.to_string()),
        }
    }
}

/// The level the rules give a unit's part of a task on `today`, with the light's reason, or
/// `None` when nothing calls for a notice (done, in time and on schedule).
pub fn rule_level(
    percent: Percent,
    schedule: Schedule,
    today: NaiveDate,
    s: &NoticeSettings,
) -> Option<(Level, Reason)> {
    if percent.is_done() {
        return None;
    }
    if today > schedule.deadline {
        let days = (today - schedule.deadline).num_days();
        return Some((Level::Red, Reason::Overdue { days }));
    }
    let behind = expected_progress(schedule, today)
        .value()
        .saturating_sub(percent.value());
    if behind > s.yellow_behind {
        return Some((Level::Yellow, Reason::Behind { points: behind }));
    }
    let days = (schedule.deadline - today).num_days();
    if days <= s.blue_days_before {
        return Some((Level::Blue, Reason::DueSoon { days }));
    }
    None
}

/// A notice duban proposes for one task and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    pub level: Level,
    /// The light's reason, when the rules call for a notice by themselves.
    pub light: Option<Reason>,
    /// The notice waiting for a reply that this one would follow (its id).
    pub follows: Option<i64>,
    /// That notice is overdue (the proposal escalates it, whatever the light says).
    pub unanswered: bool,
}

/// What to propose for a task and unit, from the rules' level and the notices already issued
/// to it (`standing`), on `today`. An overdue unanswered notice proposes the next level; a
/// proposal never repeats a live notice (waiting for a reply or for review) of the same or a
/// higher level, except the overdue one it escalates.
pub fn propose(
    rule: Option<(Level, Reason)>,
    standing: &[Standing],
    today: NaiveDate,
) -> Option<Proposal> {
    let open = awaiting(standing);
    let overdue = open.filter(|o| o.state.is_overdue(o.reply_by, today));
    let escalate = overdue.map(|o| o.level.next());
    let level = match (rule.map(|(l, _)| l), escalate) {
        (Some(a), Some(b)) => a.max(b),
        (a, b) => a.or(b)?,
    };
    let blocked = standing
        .iter()
        .filter(|s| s.state.is_live() && s.level >= level)
        .any(|s| overdue.is_none_or(|o| o.id != s.id));
    if blocked {
        return None;
    }
    // Issued, it follows the one waiting for a reply (`decide_issue` says the same).
    let follows = open
        .filter(|o| level > o.level || overdue.is_some())
        .map(|o| o.id);
    Some(Proposal {
        level,
        light: rule.map(|(_, r)| r),
        follows,
        unanswered: overdue.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::notice::State;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn pct(n: i64) -> Percent {
        Percent::new(n).unwrap()
    }

    /// 2026: expected progress 50 on 2 July (182 of 364 days).
    fn year() -> Schedule {
        Schedule {
            starts_on: day("2026-01-01"),
            deadline: day("2026-12-31"),
        }
    }

    #[test]
    fn the_rules_give_red_overdue_yellow_behind_blue_near_the_deadline() {
        let s = NoticeSettings::default();
        let on = |p, d| rule_level(pct(p), year(), day(d), &s);
        assert_eq!(on(100, "2027-02-01"), None);
        assert_eq!(
            on(90, "2027-01-03"),
            Some((Level::Red, Reason::Overdue { days: 3 }))
        );
        // Expected 50 on 2 July: 21 points behind is yellow, 20 is not (the rule is "more than").
        assert_eq!(
            on(29, "2026-07-02"),
            Some((Level::Yellow, Reason::Behind { points: 21 }))
        );
        assert_eq!(on(30, "2026-07-02"), None);
        // Seven days left, not done: blue; eight: nothing.
        assert_eq!(
            on(97, "2026-12-24"),
            Some((Level::Blue, Reason::DueSoon { days: 7 }))
        );
        assert_eq!(on(97, "2026-12-23"), None);
        // Behind beats near the deadline.
        assert_eq!(
            on(10, "2026-12-28"),
            Some((Level::Yellow, Reason::Behind { points: 89 }))
        );
    }

    #[test]
    fn the_thresholds_are_the_settings_and_the_presets_name_them() {
        let mut s = NoticeSettings::default();
        assert_eq!(NoticePreset::of(&s), Some(NoticePreset::Default));
        let (b, y, r) = NoticePreset::Strict.thresholds();
        s.blue_days_before = b;
        s.yellow_behind = y;
        s.reply_days = r;
        assert_eq!(NoticePreset::of(&s), Some(NoticePreset::Strict));
        // Strict: 11 points behind is yellow, 14 days left is blue.
        assert_eq!(
            rule_level(pct(39), year(), day("2026-07-02"), &s),
            Some((Level::Yellow, Reason::Behind { points: 11 }))
        );
        assert_eq!(
            rule_level(pct(97), year(), day("2026-12-17"), &s),
            Some((Level::Blue, Reason::DueSoon { days: 14 }))
        );
        s.reply_days = 9;
        assert_eq!(NoticePreset::of(&s), None);
        for p in NoticePreset::ALL {
            assert_eq!(p.as_str().parse::<NoticePreset>(), Ok(p));
        }
    }

    fn standing(id: i64, level: Level, state: State, reply_by: &str) -> Standing {
        Standing {
            id,
            number: format!("第{id}号"),
            level,
            state,
            reply_by: day(reply_by),
        }
    }

    const TODAY: &str = "2026-06-10";
    const RED: Option<(Level, Reason)> = Some((Level::Red, Reason::Overdue { days: 3 }));
    const BLUE: Option<(Level, Reason)> = Some((Level::Blue, Reason::DueSoon { days: 5 }));

    #[test]
    fn a_proposal_from_the_light_alone() {
        assert_eq!(
            propose(RED, &[], day(TODAY)),
            Some(Proposal {
                level: Level::Red,
                light: Some(Reason::Overdue { days: 3 }),
                follows: None,
                unanswered: false,
            })
        );
        assert_eq!(propose(None, &[], day(TODAY)), None);
    }

    #[test]
    fn an_open_notice_of_the_same_or_higher_level_is_not_proposed_again() {
        let red_open = [standing(1, Level::Red, State::Open, "2026-06-15")];
        assert_eq!(propose(RED, &red_open, day(TODAY)), None);
        assert_eq!(propose(BLUE, &red_open, day(TODAY)), None);
        // Answered and waiting for review counts too; closed and escalated do not.
        let answered = [standing(1, Level::Red, State::Answered, "2026-06-01")];
        assert_eq!(propose(RED, &answered, day(TODAY)), None);
        let history = [
            standing(1, Level::Red, State::Closed, "2026-06-01"),
            standing(2, Level::Red, State::Escalated, "2026-06-01"),
        ];
        assert!(propose(RED, &history, day(TODAY)).is_some());
    }

    #[test]
    fn a_higher_level_follows_the_open_lower_one() {
        let blue = [standing(4, Level::Blue, State::Open, "2026-06-15")];
        let p = propose(RED, &blue, day(TODAY)).unwrap();
        assert_eq!(
            (p.level, p.follows, p.unanswered),
            (Level::Red, Some(4), false)
        );
    }

    #[test]
    fn an_overdue_notice_proposes_the_next_level_and_red_stays_red() {
        let blue_late = [standing(4, Level::Blue, State::Open, "2026-06-09")];
        let p = propose(None, &blue_late, day(TODAY)).unwrap();
        assert_eq!(
            p,
            Proposal {
                level: Level::Yellow,
                light: None,
                follows: Some(4),
                unanswered: true,
            }
        );
        // The light asks for more than the ladder: the light's level, still following it.
        let p = propose(RED, &blue_late, day(TODAY)).unwrap();
        assert_eq!((p.level, p.follows), (Level::Red, Some(4)));
        let red_late = [standing(6, Level::Red, State::Returned, "2026-06-01")];
        let p = propose(BLUE, &red_late, day(TODAY)).unwrap();
        assert_eq!(
            (p.level, p.follows, p.unanswered),
            (Level::Red, Some(6), true)
        );
        // On its reply-by day it is not overdue yet.
        assert_eq!(propose(None, &blue_late, day("2026-06-09")), None);
        // Once a yellow follows the late blue (which then stands escalated), nothing more.
        let followed = [
            standing(4, Level::Blue, State::Escalated, "2026-06-09"),
            standing(5, Level::Yellow, State::Open, "2026-06-20"),
        ];
        assert_eq!(propose(None, &followed, day(TODAY)), None);
    }
}
