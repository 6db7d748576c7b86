//! Closing a task (办结销号, issue 22): a lead unit at 100% applies (申请办结), an admin of the
//! supervision office approves (通过, the task is 已办结) or sends it back with a reason (退回);
//! an admin may reopen a closed task, with a reason. A pure state machine: the store replays the
//! `closing` journal into a `Closing` and asks `decide` inside the write's transaction.

use super::{Actor, ClerkRole, Denied, Percent};

/// Where a task stands in closing. With no journal row a task is `Open`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Closing {
    /// 推进中: never applied for.
    Open,
    /// 待审核: applied for, waiting for an admin.
    Pending,
    /// 已办结: approved. Counts as done; stays in every list.
    Closed,
    /// Open again with a reason: sent back (退回) or reopened after closing.
    Returned,
}

/// One journal row's step, as stored in `closing.step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Apply,
    Approve,
    Return,
    Reopen,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Apply => "apply",
            Step::Approve => "approve",
            Step::Return => "return",
            Step::Reopen => "reopen",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        Some(match s {
            "apply" => Step::Apply,
            "approve" => Step::Approve,
            "return" => Step::Return,
            "reopen" => Step::Reopen,
            _ => return None,
        })
    }

    /// The state a step leaves the task in.
    pub fn leaves(self) -> Closing {
        match self {
            Step::Apply => Closing::Pending,
            Step::Approve => Closing::Closed,
            Step::Return | Step::Reopen => Closing::Returned,
        }
    }
}

impl Closing {
    /// The state after the last step of a task's journal (`None`: no step yet).
    pub fn after(last: Option<Step>) -> Closing {
        last.map_or(Closing::Open, Step::leaves)
    }

    /// Open for reports and counted as open work: everything but closed.
    pub fn is_open(self) -> bool {
        self != Closing::Closed
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Closing::Open => "open",
            Closing::Pending => "pending",
            Closing::Closed => "closed",
            Closing::Returned => "returned",
        }
    }
}

/// A unit of the task as the application sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitStand {
    pub department_id: i64,
    pub lead: bool,
    pub percent: Percent,
}

/// What a clerk asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request<'a> {
    /// 申请办结 for `department` (a lead unit of the task), with the task's units as they stand.
    Apply {
        department: i64,
        units: &'a [UnitStand],
        note: &'a str,
        /// Why the units below 100% are not finished; needed when there is one.
        why: &'a str,
    },
    Approve,
    Return {
        reason: &'a str,
    },
    Reopen {
        reason: &'a str,
    },
}

impl Request<'_> {
    pub fn step(&self) -> Step {
        match self {
            Request::Apply { .. } => Step::Apply,
            Request::Approve => Step::Approve,
            Request::Return { .. } => Step::Return,
            Request::Reopen { .. } => Step::Reopen,
        }
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The person may not take this step at all (`Denied::NotAdmin` for review and reopening).
    Denied(Denied),
    /// The department is not a lead unit of the task.
    NotLead,
    /// The lead's own part is not at 100%.
    LeadNotDone { percent: Percent },
    /// Already applied for, waiting for review.
    AlreadyPending,
    /// Already closed: an admin may reopen it.
    AlreadyClosed,
    /// Approve or return when nothing is waiting for review.
    NotPending(Closing),
    /// Reopen a task that is not closed.
    NotClosed(Closing),
    /// An application needs a closing note.
    EmptyNote,
    /// Units below 100%: the lead must say why.
    NeedsWhy { below: usize },
    /// A return or reopen needs a reason.
    EmptyReason,
}

/// The state after `request` by `actor` on a task in `state`, or why not.
pub fn decide(state: Closing, actor: &Actor, request: &Request<'_>) -> Result<Closing, Refusal> {
    match request {
        Request::Apply {
            department,
            units,
            note,
            why,
        } => {
            actor.may_report(*department).map_err(Refusal::Denied)?;
            match state {
                Closing::Pending => return Err(Refusal::AlreadyPending),
                Closing::Closed => return Err(Refusal::AlreadyClosed),
                Closing::Open | Closing::Returned => {}
            }
            let Some(lead) = units
                .iter()
                .find(|u| u.department_id == *department && u.lead)
            else {
                return Err(Refusal::NotLead);
            };
            if lead.percent != Percent::FULL {
                return Err(Refusal::LeadNotDone {
                    percent: lead.percent,
                });
            }
            if note.trim().is_empty() {
                return Err(Refusal::EmptyNote);
            }
            let below = units.iter().filter(|u| u.percent != Percent::FULL).count();
            if below > 0 && why.trim().is_empty() {
                return Err(Refusal::NeedsWhy { below });
            }
            Ok(Closing::Pending)
        }
        Request::Approve => {
            admin(actor)?;
            if state != Closing::Pending {
                return Err(Refusal::NotPending(state));
            }
            Ok(Closing::Closed)
        }
        Request::Return { reason } => {
            admin(actor)?;
            if state != Closing::Pending {
                return Err(Refusal::NotPending(state));
            }
            if reason.trim().is_empty() {
                return Err(Refusal::EmptyReason);
            }
            Ok(Closing::Returned)
        }
        Request::Reopen { reason } => {
            admin(actor)?;
            if state != Closing::Closed {
                return Err(Refusal::NotClosed(state));
            }
            if reason.trim().is_empty() {
                return Err(Refusal::EmptyReason);
            }
            Ok(Closing::Returned)
        }
    }
}

fn admin(actor: &Actor) -> Result<(), Refusal> {
    match actor.role {
        Some(ClerkRole::Admin) => Ok(()),
        None => Err(Refusal::Denied(Denied::NotAClerk)),
        Some(_) => Err(Refusal::Denied(Denied::NotAdmin)),
    }
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

    fn lead_editor() -> Actor {
        actor(Some(ClerkRole::Editor), Some(1))
    }

    fn p(n: u8) -> Percent {
        Percent::new(n.into()).unwrap()
    }

    const LEAD: i64 = 1;
    const CO: i64 = 2;

    fn units(lead: u8, co: u8) -> [UnitStand; 2] {
        [
            UnitStand {
                department_id: LEAD,
                lead: true,
                percent: p(lead),
            },
            UnitStand {
                department_id: CO,
                lead: false,
                percent: p(co),
            },
        ]
    }

    fn apply<'a>(units: &'a [UnitStand], note: &'a str, why: &'a str) -> Request<'a> {
        Request::Apply {
            department: LEAD,
            units,
            note,
            why,
        }
    }

    #[test]
    fn a_lead_at_100_applies_and_an_admin_approves() {
        let u = units(100, 100);
        let state = decide(Closing::Open, &lead_editor(), &apply(&u, "已完成", "")).unwrap();
        assert_eq!(state, Closing::Pending);
        let state = decide(state, &admin(), &Request::Approve).unwrap();
        assert_eq!(state, Closing::Closed);
        assert!(!state.is_open());
    }

    #[test]
    fn an_admin_may_apply_for_the_lead_too() {
        let u = units(100, 100);
        assert_eq!(
            decide(Closing::Open, &admin(), &apply(&u, "已完成", "")),
            Ok(Closing::Pending)
        );
    }

    #[test]
    fn a_returned_task_is_open_again_and_may_apply_again() {
        let u = units(100, 100);
        let state = decide(
            Closing::Pending,
            &admin(),
            &Request::Return {
                reason: "佐证不足"
            },
        )
        .unwrap();
        assert_eq!(state, Closing::Returned);
        assert!(state.is_open());
        assert_eq!(
            decide(state, &lead_editor(), &apply(&u, "补充佐证", "")),
            Ok(Closing::Pending)
        );
    }

    #[test]
    fn a_closed_task_is_reopened_by_an_admin_with_a_reason() {
        let reopen = Request::Reopen {
            reason: "复查未完成",
        };
        assert_eq!(
            decide(Closing::Closed, &admin(), &reopen),
            Ok(Closing::Returned)
        );
        assert_eq!(
            decide(Closing::Closed, &admin(), &Request::Reopen { reason: " " }),
            Err(Refusal::EmptyReason)
        );
        assert_eq!(
            decide(Closing::Closed, &lead_editor(), &reopen),
            Err(Refusal::Denied(Denied::NotAdmin))
        );
        for state in [Closing::Open, Closing::Pending, Closing::Returned] {
            assert_eq!(
                decide(state, &admin(), &reopen),
                Err(Refusal::NotClosed(state))
            );
        }
    }

    #[test]
    fn applying_is_refused_to_whoever_may_not_and_when_it_may_not() {
        let u = units(100, 100);
        let req = apply(&u, "已完成", "");
        let co_editor = actor(Some(ClerkRole::Editor), Some(CO));
        assert_eq!(
            decide(Closing::Open, &co_editor, &req),
            Err(Refusal::Denied(Denied::OtherDepartment))
        );
        assert_eq!(
            decide(
                Closing::Open,
                &actor(Some(ClerkRole::Viewer), Some(1)),
                &req
            ),
            Err(Refusal::Denied(Denied::Viewer))
        );
        assert_eq!(
            decide(Closing::Open, &actor(None, None), &req),
            Err(Refusal::Denied(Denied::NotAClerk))
        );
        // The co-unit's own editor applying for it: not a lead.
        let for_co = Request::Apply {
            department: CO,
            units: &u,
            note: "已完成",
            why: "",
        };
        assert_eq!(
            decide(Closing::Open, &co_editor, &for_co),
            Err(Refusal::NotLead)
        );
        assert_eq!(
            decide(Closing::Pending, &lead_editor(), &req),
            Err(Refusal::AlreadyPending)
        );
        assert_eq!(
            decide(Closing::Closed, &lead_editor(), &req),
            Err(Refusal::AlreadyClosed)
        );
    }

    #[test]
    fn applying_needs_the_lead_at_100_a_note_and_a_why_for_units_below() {
        let short = units(90, 100);
        assert_eq!(
            decide(Closing::Open, &lead_editor(), &apply(&short, "已完成", "")),
            Err(Refusal::LeadNotDone { percent: p(90) })
        );
        let u = units(100, 100);
        assert_eq!(
            decide(Closing::Open, &lead_editor(), &apply(&u, "  ", "")),
            Err(Refusal::EmptyNote)
        );
        let co_behind = units(100, 60);
        assert_eq!(
            decide(
                Closing::Open,
                &lead_editor(),
                &apply(&co_behind, "已完成", "")
            ),
            Err(Refusal::NeedsWhy { below: 1 })
        );
        assert_eq!(
            decide(
                Closing::Open,
                &lead_editor(),
                &apply(&co_behind, "已完成", "配合单位事项已由牵头单位统筹完成")
            ),
            Ok(Closing::Pending)
        );
    }

    #[test]
    fn review_is_for_admins_and_only_of_a_pending_application() {
        let ret = Request::Return {
            reason: "佐证不足"
        };
        for req in [Request::Approve, ret] {
            assert_eq!(
                decide(Closing::Pending, &lead_editor(), &req),
                Err(Refusal::Denied(Denied::NotAdmin))
            );
            assert_eq!(
                decide(Closing::Pending, &actor(None, None), &req),
                Err(Refusal::Denied(Denied::NotAClerk))
            );
            for state in [Closing::Open, Closing::Closed, Closing::Returned] {
                assert_eq!(
                    decide(state, &admin(), &req),
                    Err(Refusal::NotPending(state))
                );
            }
        }
        assert_eq!(
            decide(Closing::Pending, &admin(), &Request::Return { reason: "" }),
            Err(Refusal::EmptyReason)
        );
    }

    #[test]
    fn the_journal_replays_into_the_state() {
        assert_eq!(Closing::after(None), Closing::Open);
        assert_eq!(Closing::after(Some(Step::Apply)), Closing::Pending);
        assert_eq!(Closing::after(Some(Step::Approve)), Closing::Closed);
        assert_eq!(Closing::after(Some(Step::Return)), Closing::Returned);
        assert_eq!(Closing::after(Some(Step::Reopen)), Closing::Returned);
        for step in [Step::Apply, Step::Approve, Step::Return, Step::Reopen] {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
        assert_eq!(Step::parse("close"), None);
    }
}
