//! 督办单 (issue 22): a numbered notice from the supervision office to one unit about one task.
//! An admin issues it at a level (蓝 提醒 / 黄 督办 / 红 挂牌督办) with a reason, what is
//! required and a reply-by date; the unit replies (反馈); an admin accepts the reply (the notice
//! is closed) or returns it (open again). A notice left unanswered past its reply-by date is
//! overdue; the next notice to the same unit on the same task `follows` it, one level up, and
//! the unanswered one then stands as escalated (已升级): the unit answers the newer one.
//!
//! A pure state machine, as `closing.rs`: the store replays a notice's steps into a `State` and
//! asks `decide` (a step) or `decide_issue` (a new notice) inside the write's transaction. What
//! duban proposes from the lights is in `notice_rule.rs`.

use chrono::NaiveDate;

use super::{Actor, ClerkRole, Denied};

/// How pressing a notice is: the ladder offices use. Ordered, so `max` is the most pressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 蓝色 提醒: a reminder, usually near the deadline.
    Blue,
    /// 黄色 督办: behind its expected progress.
    Yellow,
    /// 红色 挂牌督办: overdue, or a reminder left unanswered twice.
    Red,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Blue, Level::Yellow, Level::Red];

    /// The stable name stored in `notice.level` and used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Blue => "blue",
            Level::Yellow => "yellow",
            Level::Red => "red",
        }
    }

    /// The level as typed: the stored name, its letter, or the office's words (蓝, 黄督办,
    /// 挂牌督办 …).
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s.trim().to_lowercase().as_str() {
            "blue" | "b" | "蓝" | "蓝色" | "提醒" | "蓝色提醒" => Level::Blue,
            "yellow" | "y" | "黄" | "黄色" | "督办" | "黄色督办" => Level::Yellow,
            "red" | "r" | "红" | "红色" | "挂牌督办" | "红色挂牌督办" => Level::Red,
            _ => return None,
        })
    }

    /// The next rung of the ladder for a notice left unanswered: blue → yellow → red; red
    /// stays red (a red notice is issued again, following the first).
    pub fn next(self) -> Level {
        match self {
            Level::Blue => Level::Yellow,
            Level::Yellow | Level::Red => Level::Red,
        }
    }

    /// A letter that tells the level without colour (lists, `duban tasks`).
    pub fn letter(self) -> char {
        match self {
            Level::Blue => 'B',
            Level::Yellow => 'Y',
            Level::Red => 'R',
        }
    }
}

/// One row of `notice_step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// 反馈: the unit's answer.
    Reply,
    /// The office takes the answer: the notice is closed (办结).
    Accept,
    /// The answer is not enough (with why): the notice is open again.
    Return,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Reply => "reply",
            Step::Accept => "accept",
            Step::Return => "return",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        Some(match s {
            "reply" => Step::Reply,
            "accept" => Step::Accept,
            "return" => Step::Return,
            _ => return None,
        })
    }
}

/// Where a notice stands. Overdue is not a state of its own but a fact on a day
/// (`State::is_overdue`): an open notice becomes overdue by the calendar, with no row written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Issued, not answered yet.
    Open,
    /// The unit replied; waiting for the office.
    Answered,
    /// The office accepted the reply.
    Closed,
    /// The reply was returned: waiting for the unit again (same reply-by date).
    Returned,
    /// Unanswered when a newer notice followed it (one level up): the unit answers that one.
    Escalated,
}

impl State {
    /// The state after the last step (`None`: no step yet) of a notice, `escalated` when a newer
    /// notice follows it. Only an unanswered notice is ever followed (`decide_issue`), and a
    /// followed one takes no step, so the follower wins over an open or returned state only.
    pub fn after(last: Option<Step>, escalated: bool) -> State {
        let state = match last {
            None => State::Open,
            Some(Step::Reply) => State::Answered,
            Some(Step::Accept) => State::Closed,
            Some(Step::Return) => State::Returned,
        };
        if escalated && state.awaits_reply() {
            State::Escalated
        } else {
            state
        }
    }

    /// Waiting for the unit's reply: open, or returned.
    pub fn awaits_reply(self) -> bool {
        matches!(self, State::Open | State::Returned)
    }

    /// Still on the office's desk: waiting for a reply or for review.
    pub fn is_live(self) -> bool {
        matches!(self, State::Open | State::Answered | State::Returned)
    }

    /// Waiting for a reply after its reply-by date, on `day`.
    pub fn is_overdue(self, reply_by: NaiveDate, day: NaiveDate) -> bool {
        self.awaits_reply() && day > reply_by
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Answered => "answered",
            State::Closed => "closed",
            State::Returned => "returned",
            State::Escalated => "escalated",
        }
    }
}

/// A step someone asks for on a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request<'a> {
    /// 反馈 for the notice's unit.
    Reply {
        text: &'a str,
    },
    Accept,
    Return {
        reason: &'a str,
    },
}

impl Request<'_> {
    pub fn step(&self) -> Step {
        match self {
            Request::Reply { .. } => Step::Reply,
            Request::Accept => Step::Accept,
            Request::Return { .. } => Step::Return,
        }
    }
}

/// Why a step or a new notice was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The person may not (`Denied::NotAdmin`: issuing and review are the office's).
    Denied(Denied),
    /// Replying to a notice already answered and waiting for review.
    AlreadyAnswered,
    /// A step on a closed notice.
    AlreadyClosed,
    /// A step on a notice a newer one followed (its number).
    Escalated { by: String },
    /// Accept or return when no reply waits for review.
    NotAnswered(State),
    /// A reply needs its text.
    EmptyReply,
    /// A return needs its reason; a notice needs one too.
    EmptyReason,
    /// A notice of this level or higher is already waiting for the unit's reply, and is not
    /// overdue (its number and reply-by date).
    AlreadyOpen {
        number: String,
        level: Level,
        reply_by: NaiveDate,
    },
    /// The department is not a unit of the task.
    NotAUnit,
    /// The task is closed (已办结): nothing to press for.
    TaskClosed,
    /// The reply-by date is before the day of issue.
    ReplyByPast {
        reply_by: NaiveDate,
        today: NaiveDate,
    },
    /// The number pattern setting has no `{n}` (set by hand in the file).
    BadPattern,
}

/// The state after `request` by `actor` on a notice to `department` in `state`, or why not.
pub fn decide(
    state: State,
    department: i64,
    actor: &Actor,
    request: &Request<'_>,
) -> Result<State, Refusal> {
    match request {
        Request::Reply { text } => {
            actor.may_report(department).map_err(Refusal::Denied)?;
            match state {
                State::Open | State::Returned => {}
                State::Answered => return Err(Refusal::AlreadyAnswered),
                State::Closed => return Err(Refusal::AlreadyClosed),
                // The store names the follower; the rule only knows it is there.
                State::Escalated => return Err(Refusal::Escalated { by: String::new() }),
            }
            if text.trim().is_empty() {
                return Err(Refusal::EmptyReply);
            }
            Ok(State::Answered)
        }
        Request::Accept | Request::Return { .. } => {
            admin(actor)?;
            if state != State::Answered {
                return Err(Refusal::NotAnswered(state));
            }
            match request {
                Request::Return { reason } if reason.trim().is_empty() => Err(Refusal::EmptyReason),
                Request::Return { .. } => Ok(State::Returned),
                _ => Ok(State::Closed),
            }
        }
    }
}

/// A notice already issued to the same unit on the same task, as the rule for a new one sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub id: i64,
    pub number: String,
    pub level: Level,
    pub state: State,
    pub reply_by: NaiveDate,
}

/// The notice waiting for the unit's reply that a new one would follow: the most pressing
/// one (the latest of those).
pub fn awaiting(standing: &[Standing]) -> Option<&Standing> {
    standing
        .iter()
        .filter(|s| s.state.awaits_reply())
        .max_by_key(|s| (s.level, s.id))
}

/// What a new notice needs besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issue<'a> {
    pub level: Level,
    pub reason: &'a str,
    pub reply_by: NaiveDate,
    /// The day it is issued.
    pub today: NaiveDate,
    pub is_unit: bool,
    pub task_closed: bool,
}

/// Whether `actor` may issue `issue` beside the `standing` notices of the same task and unit,
/// and which one it follows: the notice waiting for a reply, when the new one is a level up or
/// that one is overdue. A new notice at or below the level of one still in time is refused:
/// the unit has one notice to answer at a time.
pub fn decide_issue(
    actor: &Actor,
    issue: &Issue<'_>,
    standing: &[Standing],
) -> Result<Option<i64>, Refusal> {
    admin(actor)?;
    if !issue.is_unit {
        return Err(Refusal::NotAUnit);
    }
    if issue.task_closed {
        return Err(Refusal::TaskClosed);
    }
    if issue.reason.trim().is_empty() {
        return Err(Refusal::EmptyReason);
    }
    if issue.reply_by < issue.today {
        return Err(Refusal::ReplyByPast {
            reply_by: issue.reply_by,
            today: issue.today,
        });
    }
    let Some(open) = awaiting(standing) else {
        return Ok(None);
    };
    if issue.level > open.level || open.state.is_overdue(open.reply_by, issue.today) {
        Ok(Some(open.id))
    } else {
        Err(Refusal::AlreadyOpen {
            number: open.number.clone(),
            level: open.level,
            reply_by: open.reply_by,
        })
    }
}

fn admin(actor: &Actor) -> Result<(), Refusal> {
    match actor.role {
        Some(ClerkRole::Admin) => Ok(()),
        None => Err(Refusal::Denied(Denied::NotAClerk)),
        Some(_) => Err(Refusal::Denied(Denied::NotAdmin)),
    }
}

/// The pattern a notice's number is written by, when no setting says otherwise.
pub const DEFAULT_PATTERN: &str = "督办〔{year}〕第{n}号";

/// The longest number pattern accepted (characters).
pub const MAX_PATTERN_CHARS: usize = 40;

/// Whether `pattern` can number notices: `{n}` once, `{year}` at most once, no other braces,
/// no control characters, not too long.
pub fn pattern_ok(pattern: &str) -> bool {
    if pattern.chars().count() > MAX_PATTERN_CHARS || pattern.chars().any(char::is_control) {
        return false;
    }
    if pattern.matches("{n}").count() != 1 || pattern.matches("{year}").count() > 1 {
        return false;
    }
    let rest = pattern.replace("{n}", "").replace("{year}", "");
    !rest.contains('{') && !rest.contains('}')
}

/// The number as printed: the pattern with the year and the number within the year.
pub fn format_number(pattern: &str, year: i32, n: i64) -> String {
    pattern
        .replace("{year}", &year.to_string())
        .replace("{n}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Option<ClerkRole>, department: Option<i64>) -> Actor {
        Actor {
            username: "x".into(),
            role,
            department,
        }
    }

    fn admin() -> Actor {
        actor(Some(ClerkRole::Admin), None)
    }

    const UNIT: i64 = 4;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn levels_parse_from_the_office_words_and_climb_the_ladder() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
        }
        assert_eq!(Level::parse("挂牌督办"), Some(Level::Red));
        assert_eq!(Level::parse(" 黄 "), Some(Level::Yellow));
        assert_eq!(Level::parse("Y"), Some(Level::Yellow));
        assert_eq!(Level::parse("提醒"), Some(Level::Blue));
        assert_eq!(Level::parse("green"), None);
        assert_eq!(Level::Blue.next(), Level::Yellow);
        assert_eq!(Level::Yellow.next(), Level::Red);
        assert_eq!(Level::Red.next(), Level::Red);
        assert!(Level::Red > Level::Yellow && Level::Yellow > Level::Blue);
        let letters: Vec<char> = Level::ALL.iter().map(|l| l.letter()).collect();
        assert_eq!(letters, ['B', 'Y', 'R']);
    }

    #[test]
    fn the_steps_replay_into_the_state_and_a_follower_escalates_only_an_unanswered_one() {
        assert_eq!(State::after(None, false), State::Open);
        assert_eq!(State::after(Some(Step::Reply), false), State::Answered);
        assert_eq!(State::after(Some(Step::Accept), false), State::Closed);
        assert_eq!(State::after(Some(Step::Return), false), State::Returned);
        assert_eq!(State::after(None, true), State::Escalated);
        assert_eq!(State::after(Some(Step::Return), true), State::Escalated);
        assert_eq!(State::after(Some(Step::Reply), true), State::Answered);
        assert_eq!(State::after(Some(Step::Accept), true), State::Closed);
        for s in [Step::Reply, Step::Accept, Step::Return] {
            assert_eq!(Step::parse(s.as_str()), Some(s));
        }
        assert_eq!(Step::parse("close"), None);
    }

    #[test]
    fn overdue_is_waiting_for_a_reply_after_the_reply_by_day() {
        let by = day("2026-05-10");
        assert!(!State::Open.is_overdue(by, day("2026-05-10")));
        assert!(State::Open.is_overdue(by, day("2026-05-11")));
        assert!(State::Returned.is_overdue(by, day("2026-05-11")));
        for s in [State::Answered, State::Closed, State::Escalated] {
            assert!(!s.is_overdue(by, day("2027-01-01")), "{s:?}");
        }
        assert!(State::Answered.is_live() && !State::Escalated.is_live());
    }

    #[test]
    fn the_unit_replies_the_office_accepts_or_returns() {
        let editor = actor(Some(ClerkRole::Editor), Some(UNIT));
        let reply = Request::Reply { text: "已整改" };
        assert_eq!(
            decide(State::Open, UNIT, &editor, &reply),
            Ok(State::Answered)
        );
        assert_eq!(
            decide(State::Returned, UNIT, &admin(), &reply),
            Ok(State::Answered)
        );
        assert_eq!(
            decide(State::Answered, UNIT, &admin(), &Request::Accept),
            Ok(State::Closed)
        );
        assert_eq!(
            decide(
                State::Answered,
                UNIT,
                &admin(),
                &Request::Return {
                    reason: "未附材料"
                }
            ),
            Ok(State::Returned)
        );
    }

    #[test]
    fn every_refusal_of_a_step() {
        let editor = actor(Some(ClerkRole::Editor), Some(UNIT));
        let other = actor(Some(ClerkRole::Editor), Some(UNIT + 1));
        let viewer = actor(Some(ClerkRole::Viewer), Some(UNIT));
        let reply = Request::Reply { text: "已整改" };
        assert_eq!(
            decide(State::Open, UNIT, &other, &reply),
            Err(Refusal::Denied(Denied::OtherDepartment))
        );
        assert_eq!(
            decide(State::Open, UNIT, &viewer, &reply),
            Err(Refusal::Denied(Denied::Viewer))
        );
        assert_eq!(
            decide(State::Open, UNIT, &actor(None, None), &reply),
            Err(Refusal::Denied(Denied::NotAClerk))
        );
        assert_eq!(
            decide(State::Answered, UNIT, &editor, &reply),
            Err(Refusal::AlreadyAnswered)
        );
        assert_eq!(
            decide(State::Closed, UNIT, &editor, &reply),
            Err(Refusal::AlreadyClosed)
        );
        assert!(matches!(
            decide(State::Escalated, UNIT, &editor, &reply),
            Err(Refusal::Escalated { .. })
        ));
        assert_eq!(
            decide(State::Open, UNIT, &editor, &Request::Reply { text: " \n" }),
            Err(Refusal::EmptyReply)
        );
        for req in [Request::Accept, Request::Return { reason: "x" }] {
            assert_eq!(
                decide(State::Answered, UNIT, &editor, &req),
                Err(Refusal::Denied(Denied::NotAdmin))
            );
            for s in [
                State::Open,
                State::Returned,
                State::Closed,
                State::Escalated,
            ] {
                assert_eq!(
                    decide(s, UNIT, &admin(), &req),
                    Err(Refusal::NotAnswered(s))
                );
            }
        }
        assert_eq!(
            decide(
                State::Answered,
                UNIT,
                &admin(),
                &Request::Return { reason: "" }
            ),
            Err(Refusal::EmptyReason)
        );
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

    fn issue(level: Level) -> Issue<'static> {
        Issue {
            level,
            reason: "逾期3天",
            reply_by: day("2026-06-05"),
            today: day("2026-06-01"),
            is_unit: true,
            task_closed: false,
        }
    }

    #[test]
    fn a_new_notice_follows_the_unanswered_one_a_level_up_or_once_it_is_overdue() {
        assert_eq!(decide_issue(&admin(), &issue(Level::Blue), &[]), Ok(None));
        let blue_in_time = [standing(7, Level::Blue, State::Open, "2026-06-03")];
        assert_eq!(
            decide_issue(&admin(), &issue(Level::Yellow), &blue_in_time),
            Ok(Some(7))
        );
        assert_eq!(
            decide_issue(&admin(), &issue(Level::Blue), &blue_in_time),
            Err(Refusal::AlreadyOpen {
                number: "第7号".into(),
                level: Level::Blue,
                reply_by: day("2026-06-03"),
            })
        );
        // Overdue: the same level again follows it (red stays red).
        let red_overdue = [standing(9, Level::Red, State::Returned, "2026-05-20")];
        assert_eq!(
            decide_issue(&admin(), &issue(Level::Red), &red_overdue),
            Ok(Some(9))
        );
        // An answered notice waits for the office, not the unit: nothing to follow.
        let answered = [standing(3, Level::Red, State::Answered, "2026-05-20")];
        assert_eq!(
            decide_issue(&admin(), &issue(Level::Blue), &answered),
            Ok(None)
        );
        // Closed and escalated ones are history.
        let done = [
            standing(1, Level::Blue, State::Escalated, "2026-05-01"),
            standing(2, Level::Yellow, State::Closed, "2026-05-10"),
        ];
        assert_eq!(decide_issue(&admin(), &issue(Level::Blue), &done), Ok(None));
    }

    #[test]
    fn issuing_is_for_admins_to_a_unit_of_an_open_task_with_a_reason_and_a_date_ahead() {
        let editor = actor(Some(ClerkRole::Editor), Some(UNIT));
        assert_eq!(
            decide_issue(&editor, &issue(Level::Blue), &[]),
            Err(Refusal::Denied(Denied::NotAdmin))
        );
        let mut i = issue(Level::Blue);
        i.is_unit = false;
        assert_eq!(decide_issue(&admin(), &i, &[]), Err(Refusal::NotAUnit));
        let mut i = issue(Level::Blue);
        i.task_closed = true;
        assert_eq!(decide_issue(&admin(), &i, &[]), Err(Refusal::TaskClosed));
        let mut i = issue(Level::Blue);
        i.reason = "  ";
        assert_eq!(decide_issue(&admin(), &i, &[]), Err(Refusal::EmptyReason));
        let mut i = issue(Level::Blue);
        i.reply_by = day("2026-05-31");
        assert!(matches!(
            decide_issue(&admin(), &i, &[]),
            Err(Refusal::ReplyByPast { .. })
        ));
        // Today itself is a reply-by date.
        i.reply_by = i.today;
        assert_eq!(decide_issue(&admin(), &i, &[]), Ok(None));
    }

    #[test]
    fn numbers_follow_the_pattern_and_a_pattern_needs_n_once() {
        assert_eq!(format_number(DEFAULT_PATTERN, 2026, 7), "督办〔2026〕第7号");
        assert_eq!(
            format_number("青督〔{year}〕{n}号", 2027, 12),
            "青督〔2027〕12号"
        );
        assert_eq!(format_number("DB-{n}", 2027, 3), "DB-3");
        assert!(pattern_ok(DEFAULT_PATTERN));
        assert!(pattern_ok("DB-{n}"));
        for bad in [
            "督办〔{year}〕",
            "{n}{n}",
            "{year}{year}{n}",
            "{n}{x}",
            "{n}}",
            "a\u{1b}[2J{n}",
            &"长".repeat(41),
        ] {
            assert!(!pattern_ok(bad), "{bad}");
        }
    }
}
