//! Extensions (延期申请, issue 22): a unit of a task asks, on or before the deadline, for a later
//! one with a reason; an admin of the supervision office approves it (the asked date, or another
//! later one of the admin's choosing: from then on the task carries it) or refuses it with a
//! reason. After the deadline a unit's request is refused: only an admin may file it (补办), for
//! the unit. A pure rule: the store replays the `extension` journal into a `Standing` and asks
//! `decide` inside the write's transaction.
//!
//! Who may ask: any unit the task stands on, lead or co — the deadline is the task's, and a
//! co-unit whose part holds the task up is the one that knows why; in practice the lead asks. An
//! editor asks for their own department only; an admin for any unit of the task.

use chrono::NaiveDate;

use super::{Actor, ClerkRole, Denied};

/// One journal row's step, as stored in `extension.step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Request,
    Approve,
    Refuse,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Request => "request",
            Step::Approve => "approve",
            Step::Refuse => "refuse",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        Some(match s {
            "request" => Step::Request,
            "approve" => Step::Approve,
            "refuse" => Step::Refuse,
            _ => return None,
        })
    }
}

/// A request no admin has answered yet: at most one per task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    /// The request's journal row: the answer names it.
    pub request_id: i64,
    pub department_id: i64,
    /// The deadline asked for.
    pub asked: NaiveDate,
}

/// Where a task stands, as the store reads it inside the write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The deadline in force now: the task's own, or the plan's end when it has none.
    pub deadline: NaiveDate,
    pub pending: Option<Pending>,
    /// 已办结: a closed task needs no more time.
    pub closed: bool,
    /// The units standing on the task now (lead and co).
    pub units: Vec<i64>,
}

/// What a clerk asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request<'a> {
    /// 申请延期 for `department` to `to`, on `today` (local).
    Ask {
        department: i64,
        to: NaiveDate,
        reason: &'a str,
        today: NaiveDate,
    },
    /// 批准: to the asked date (`None`) or to `to`.
    Approve { to: Option<NaiveDate> },
    /// 不予延期, with the reason.
    Refuse { reason: &'a str },
}

impl Request<'_> {
    pub fn step(&self) -> Step {
        match self {
            Request::Ask { .. } => Step::Request,
            Request::Approve { .. } => Step::Approve,
            Request::Refuse { .. } => Step::Refuse,
        }
    }
}

/// What a step writes: the row's step, the request it answers, the deadline it names (asked or
/// granted; none for a refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub step: Step,
    pub answers: Option<i64>,
    pub new_deadline: Option<NaiveDate>,
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The person may not take this step (`Denied::NotAdmin` for answering).
    Denied(Denied),
    /// The department does not stand on the task.
    NotAUnit,
    /// The task is closed (已办结).
    Closed,
    /// Past the deadline: a unit may no longer ask; an admin may file it.
    Late { deadline: NaiveDate },
    /// A request is waiting for an answer already.
    AlreadyPending { asked: NaiveDate },
    /// Approve or refuse with nothing waiting.
    NothingPending,
    /// The date asked or granted is not after the deadline in force.
    NotLater { deadline: NaiveDate },
    /// A date outside the years the record holds (`day::in_range`).
    OutOfRange { date: NaiveDate },
    /// A request or a refusal needs a reason.
    EmptyReason,
}

/// The row `request` by `actor` writes on a task standing as `standing`, or why not.
pub fn decide(
    standing: &Standing,
    actor: &Actor,
    request: &Request<'_>,
) -> Result<Decision, Refusal> {
    match *request {
        Request::Ask {
            department,
            to,
            reason,
            today,
        } => {
            actor.may_report(department).map_err(Refusal::Denied)?;
            if standing.closed {
                return Err(Refusal::Closed);
            }
            if !standing.units.contains(&department) {
                return Err(Refusal::NotAUnit);
            }
            if let Some(p) = standing.pending {
                return Err(Refusal::AlreadyPending { asked: p.asked });
            }
            // On the deadline day itself a unit may still ask.
            if today > standing.deadline && actor.role != Some(ClerkRole::Admin) {
                return Err(Refusal::Late {
                    deadline: standing.deadline,
                });
            }
            later(standing, to)?;
            if reason.trim().is_empty() {
                return Err(Refusal::EmptyReason);
            }
            Ok(Decision {
                step: Step::Request,
                answers: None,
                new_deadline: Some(to),
            })
        }
        Request::Approve { to } => {
            admin(actor)?;
            let pending = standing.pending.ok_or(Refusal::NothingPending)?;
            let to = to.unwrap_or(pending.asked);
            later(standing, to)?;
            Ok(Decision {
                step: Step::Approve,
                answers: Some(pending.request_id),
                new_deadline: Some(to),
            })
        }
        Request::Refuse { reason } => {
            admin(actor)?;
            let pending = standing.pending.ok_or(Refusal::NothingPending)?;
            if reason.trim().is_empty() {
                return Err(Refusal::EmptyReason);
            }
            Ok(Decision {
                step: Step::Refuse,
                answers: Some(pending.request_id),
                new_deadline: None,
            })
        }
    }
}

fn later(standing: &Standing, to: NaiveDate) -> Result<(), Refusal> {
    if !super::day::in_range(to) {
        return Err(Refusal::OutOfRange { date: to });
    }
    if to <= standing.deadline {
        return Err(Refusal::NotLater {
            deadline: standing.deadline,
        });
    }
    Ok(())
}

fn admin(actor: &Actor) -> Result<(), Refusal> {
    actor.may_administer().map_err(Refusal::Denied)
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

    fn editor(d: i64) -> Actor {
        actor(Some(ClerkRole::Editor), Some(d))
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const LEAD: i64 = 1;
    const CO: i64 = 2;
    const OTHER: i64 = 3;

    fn open() -> Standing {
        Standing {
            deadline: d("2026-06-30"),
            pending: None,
            closed: false,
            units: vec![LEAD, CO],
        }
    }

    fn pending() -> Standing {
        Standing {
            pending: Some(Pending {
                request_id: 7,
                department_id: LEAD,
                asked: d("2026-09-30"),
            }),
            ..open()
        }
    }

    fn ask(department: i64, to: &str, today: &str) -> Request<'static> {
        Request::Ask {
            department,
            to: d(to),
            reason: "征地手续未完成",
            today: d(today),
        }
    }

    #[test]
    fn a_unit_asks_on_or_before_the_deadline_and_an_admin_approves() {
        let asked = decide(
            &open(),
            &editor(LEAD),
            &ask(LEAD, "2026-09-30", "2026-06-30"),
        );
        assert_eq!(
            asked,
            Ok(Decision {
                step: Step::Request,
                answers: None,
                new_deadline: Some(d("2026-09-30")),
            })
        );
        // A co-unit may ask too: the deadline is the task's.
        assert!(decide(&open(), &editor(CO), &ask(CO, "2026-09-30", "2026-05-01")).is_ok());
        assert_eq!(
            decide(&pending(), &admin(), &Request::Approve { to: None }),
            Ok(Decision {
                step: Step::Approve,
                answers: Some(7),
                new_deadline: Some(d("2026-09-30")),
            })
        );
        // The admin may grant another date than the one asked, later than the deadline.
        assert_eq!(
            decide(
                &pending(),
                &admin(),
                &Request::Approve {
                    to: Some(d("2026-08-31"))
                }
            )
            .map(|x| x.new_deadline),
            Ok(Some(d("2026-08-31")))
        );
    }

    #[test]
    fn after_the_deadline_only_an_admin_files_a_request() {
        let late = ask(LEAD, "2026-09-30", "2026-07-01");
        assert_eq!(
            decide(&open(), &editor(LEAD), &late),
            Err(Refusal::Late {
                deadline: d("2026-06-30")
            })
        );
        assert!(decide(&open(), &admin(), &late).is_ok());
    }

    #[test]
    fn asking_is_refused_to_whoever_may_not_and_when_it_may_not() {
        let req = ask(LEAD, "2026-09-30", "2026-06-01");
        assert_eq!(
            decide(&open(), &editor(CO), &req),
            Err(Refusal::Denied(Denied::OtherDepartment))
        );
        assert_eq!(
            decide(&open(), &actor(Some(ClerkRole::Viewer), Some(LEAD)), &req),
            Err(Refusal::Denied(Denied::Viewer))
        );
        assert_eq!(
            decide(&open(), &actor(None, None), &req),
            Err(Refusal::Denied(Denied::NotAClerk))
        );
        assert_eq!(
            decide(
                &open(),
                &editor(OTHER),
                &ask(OTHER, "2026-09-30", "2026-06-01")
            ),
            Err(Refusal::NotAUnit)
        );
        assert_eq!(
            decide(&pending(), &editor(LEAD), &req),
            Err(Refusal::AlreadyPending {
                asked: d("2026-09-30")
            })
        );
        let closed = Standing {
            closed: true,
            ..open()
        };
        assert_eq!(decide(&closed, &editor(LEAD), &req), Err(Refusal::Closed));
    }

    #[test]
    fn the_date_must_be_later_and_the_reason_given() {
        for to in ["2026-06-30", "2026-01-01"] {
            assert_eq!(
                decide(&open(), &editor(LEAD), &ask(LEAD, to, "2026-06-01")),
                Err(Refusal::NotLater {
                    deadline: d("2026-06-30")
                })
            );
        }
        assert_eq!(
            decide(
                &open(),
                &editor(LEAD),
                &ask(LEAD, "9999-01-01", "2026-06-01")
            ),
            Err(Refusal::OutOfRange {
                date: d("9999-01-01")
            })
        );
        let blank = Request::Ask {
            department: LEAD,
            to: d("2026-09-30"),
            reason: " \n ",
            today: d("2026-06-01"),
        };
        assert_eq!(
            decide(&open(), &editor(LEAD), &blank),
            Err(Refusal::EmptyReason)
        );
        assert_eq!(
            decide(
                &pending(),
                &admin(),
                &Request::Approve {
                    to: Some(d("2026-06-30"))
                }
            ),
            Err(Refusal::NotLater {
                deadline: d("2026-06-30")
            })
        );
    }

    #[test]
    fn answering_is_for_admins_and_only_of_a_pending_request() {
        let approve = Request::Approve { to: None };
        let refuse = Request::Refuse {
            reason: "理由不充分",
        };
        for req in [approve, refuse] {
            assert_eq!(
                decide(&pending(), &editor(LEAD), &req),
                Err(Refusal::Denied(Denied::NotAdmin))
            );
            assert_eq!(
                decide(&pending(), &actor(None, None), &req),
                Err(Refusal::Denied(Denied::NotAClerk))
            );
            assert_eq!(
                decide(&open(), &admin(), &req),
                Err(Refusal::NothingPending)
            );
        }
        assert_eq!(
            decide(&pending(), &admin(), &refuse).map(|x| (x.step, x.answers, x.new_deadline)),
            Ok((Step::Refuse, Some(7), None))
        );
        assert_eq!(
            decide(&pending(), &admin(), &Request::Refuse { reason: "" }),
            Err(Refusal::EmptyReason)
        );
    }

    #[test]
    fn steps_read_back_from_their_names() {
        for step in [Step::Request, Step::Approve, Step::Refuse] {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
        assert_eq!(Step::parse("grant"), None);
    }
}
