//! 督办单 (issue 22): the `notice` and `notice_step` journals. Issuing a notice and each step on
//! it are one row, written in an `IMMEDIATE` transaction that reads what the rule needs (the
//! clerk, the task and unit, the notices already issued to it, the number pattern) and asks
//! `domain::notice` first; the number within the year is allocated there too, so two admins
//! issuing at once get two numbers (the table's UNIQUE (year, seq) backs it). Reads give the
//! notices as they stood before an instant: a notice's state comes from its last step then, and
//! from whether a newer notice followed it by then. Proposals are in `notice_read.rs`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::Db;
use super::error::{Result, StoreError, check_text};
use super::journal::TaskRef;
use super::model::instant;
use crate::domain::notice::{
    self, Issue, Level, Refusal, Request, Standing, State, Step, format_number, pattern_ok,
};
use crate::domain::notice_rule::NoticeSettings;
use crate::domain::{Denied, TextField};

/// A notice an admin issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewNotice<'a> {
    pub task_id: i64,
    pub department_id: i64,
    pub level: Level,
    /// Why (the light's reason by default, worded by the caller).
    pub reason: &'a str,
    /// What the unit is required to do (may be empty).
    pub required: &'a str,
    pub reply_by: NaiveDate,
}

/// A step someone asks for on a notice, with its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction<'a> {
    /// 反馈 by the unit (its editor, or an admin for it).
    Reply { text: &'a str },
    /// The office takes the reply: the notice is closed. The note may be empty.
    Accept { note: &'a str },
    /// The reply is not enough: the notice waits for the unit again.
    Return { reason: &'a str },
}

/// One row of `notice_step`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeStepEntry {
    pub id: i64,
    pub notice_id: i64,
    pub step: Step,
    pub text: String,
    pub by: String,
    /// ISO UTC, as stored.
    pub at: String,
}

/// A notice as it stood at the read's instant, with its steps then (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub year: i32,
    pub seq: i64,
    /// As issued (the pattern may have changed since; the number does not).
    pub number: String,
    pub task: TaskRef,
    pub department_id: i64,
    pub department: String,
    pub level: Level,
    pub reason: String,
    pub required: String,
    pub reply_by: NaiveDate,
    /// The unanswered notice this one escalates (id, number).
    pub follows: Option<(i64, String)>,
    /// The newer notice that escalated this one (id, number), when one did by then.
    pub followed_by: Option<(i64, String)>,
    pub by: String,
    /// ISO UTC, as stored.
    pub at: String,
    pub state: State,
    pub steps: Vec<NoticeStepEntry>,
}

impl Notice {
    /// Waiting for a reply after its reply-by date, on `day`.
    pub fn is_overdue(&self, day: NaiveDate) -> bool {
        self.state.is_overdue(self.reply_by, day)
    }

    /// The unit's latest reply, if any.
    pub fn last_reply(&self) -> Option<&NoticeStepEntry> {
        self.steps.iter().rev().find(|s| s.step == Step::Reply)
    }

    /// As the rule for a new notice sees it.
    pub fn standing(&self) -> Standing {
        Standing {
            id: self.id,
            number: self.number.clone(),
            level: self.level,
            state: self.state,
            reply_by: self.reply_by,
        }
    }
}

/// Which notices to read. `None` filters nothing; `as_of` `None` is now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoticeQuery {
    pub task: Option<i64>,
    pub department: Option<i64>,
    /// Only the notices of tasks of this plan.
    pub plan: Option<i64>,
    pub as_of: Option<DateTime<Utc>>,
}

/// Notices by where they stand (one department's, or all), as of an instant, for the status line
/// and the circular. `issued`, `answered` and `closed` count within a window (the circular's
/// period; everything before the instant for `notice_counts`), the others the state at its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoticeCounts {
    /// Issued in the window.
    pub issued: u64,
    /// Replied to in the window (a notice counts once, however many replies).
    pub answered: u64,
    /// Accepted (closed) in the window.
    pub closed: u64,
    /// Waiting for the unit's reply at the end (open or returned).
    pub awaiting: u64,
    /// Of those, past their reply-by date.
    pub overdue: u64,
    /// Replied to, waiting for the office's review at the end.
    pub under_review: u64,
}

impl NoticeCounts {
    pub fn any(&self) -> bool {
        self.issued + self.answered + self.closed + self.awaiting + self.under_review > 0
    }

    pub fn absorb(&mut self, o: &NoticeCounts) {
        self.issued += o.issued;
        self.answered += o.answered;
        self.closed += o.closed;
        self.awaiting += o.awaiting;
        self.overdue += o.overdue;
        self.under_review += o.under_review;
    }
}

/// The bound of a read: rows before `as_of`, or every row ("\u{10FFFF}" sorts after any instant).
pub(super) fn bound(as_of: Option<DateTime<Utc>>) -> String {
    as_of.map_or_else(|| "\u{10FFFF}".to_string(), instant)
}

const NOTICE_COLUMNS: &str = "n.id, n.year, n.seq, n.number, n.task_id, t.number, t.title, \
                              p.title, n.department_id, d.name, n.level, n.reason, n.required, \
                              n.reply_by, n.follows, n.by, n.at";

const NOTICE_FROM: &str = "FROM notice n JOIN task t ON t.id = n.task_id
     JOIN plan p ON p.id = t.plan_id JOIN department d ON d.id = n.department_id
     WHERE n.at < ?1 AND (?2 IS NULL OR n.task_id = ?2)
       AND (?3 IS NULL OR n.department_id = ?3) AND (?4 IS NULL OR t.plan_id = ?4)";

fn notice_row(r: &Row<'_>) -> rusqlite::Result<Notice> {
    let level: String = r.get(10)?;
    let reply_by: String = r.get(13)?;
    let follows: Option<i64> = r.get(14)?;
    Ok(Notice {
        id: r.get(0)?,
        year: r.get(1)?,
        seq: r.get(2)?,
        number: r.get(3)?,
        task: TaskRef {
            id: r.get(4)?,
            number: r.get(5)?,
            title: r.get(6)?,
            plan_title: r.get(7)?,
        },
        department_id: r.get(8)?,
        department: r.get(9)?,
        // The table's CHECKs allow only these.
        level: Level::parse(&level).unwrap_or(Level::Red),
        reason: r.get(11)?,
        required: r.get(12)?,
        reply_by: reply_by.parse().unwrap_or(NaiveDate::MIN),
        follows: follows.map(|id| (id, String::new())),
        followed_by: None,
        by: r.get(15)?,
        at: r.get(16)?,
        state: State::Open,
        steps: Vec::new(),
    })
}

fn step_row(r: &Row<'_>) -> rusqlite::Result<NoticeStepEntry> {
    let step: String = r.get(2)?;
    Ok(NoticeStepEntry {
        id: r.get(0)?,
        notice_id: r.get(1)?,
        step: Step::parse(&step).unwrap_or(Step::Reply),
        text: r.get(3)?,
        by: r.get(4)?,
        at: r.get(5)?,
    })
}

/// The notices `q` selects as they stood before its instant, newest first, each with its steps
/// and state. A follower is always of the same task and unit (`decide_issue`), so whatever `q`
/// narrows to, a notice's follower is read with it.
pub(super) fn read_notices(conn: &Connection, q: &NoticeQuery) -> Result<Vec<Notice>> {
    let bound = bound(q.as_of);
    let args = params![bound, q.task, q.department, q.plan];
    let mut notices: Vec<Notice> = conn
        .prepare_cached(&format!(
            "SELECT {NOTICE_COLUMNS} {NOTICE_FROM} ORDER BY n.id DESC"
        ))?
        .query_map(args, notice_row)?
        .collect::<rusqlite::Result<_>>()?;
    if notices.is_empty() {
        return Ok(notices);
    }
    let index: std::collections::HashMap<i64, usize> =
        notices.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, s.notice_id, s.step, s.text, s.by, s.at FROM notice_step s
         WHERE s.at < ?1 AND s.notice_id IN (SELECT n.id {NOTICE_FROM})
         ORDER BY s.id"
    ))?;
    let steps = stmt.query_map(args, step_row)?;
    for step in steps {
        let step = step?;
        if let Some(&i) = index.get(&step.notice_id) {
            notices[i].steps.push(step);
        }
    }
    // Newest first: the first follower met is the one that escalated (ids grow with time).
    let links: Vec<(usize, i64, String)> = notices
        .iter()
        .filter_map(|n| {
            let (followed, _) = n.follows.as_ref()?;
            Some((*index.get(followed)?, n.id, n.number.clone()))
        })
        .collect();
    for (i, id, number) in links.into_iter().rev() {
        notices[i].followed_by = Some((id, number));
    }
    let numbers: Vec<(i64, String)> = notices.iter().map(|n| (n.id, n.number.clone())).collect();
    for n in &mut notices {
        if let Some((id, number)) = n.follows.as_mut()
            && let Some((_, found)) = numbers.iter().find(|(i, _)| i == id)
        {
            *number = found.clone();
        }
        let last = n.steps.last().map(|s| s.step);
        n.state = State::after(last, n.followed_by.is_some());
    }
    Ok(notices)
}

/// The notice's task and unit, when there is such a notice.
fn notice_place(conn: &Connection, id: i64) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .prepare_cached("SELECT task_id, department_id FROM notice WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// One notice as it stands in `conn` now (inside a write's transaction) or before `as_of`.
fn read_one(conn: &Connection, id: i64, as_of: Option<DateTime<Utc>>) -> Result<Option<Notice>> {
    let Some((task, department)) = notice_place(conn, id)? else {
        return Ok(None);
    };
    let q = NoticeQuery {
        task: Some(task),
        department: Some(department),
        plan: None,
        as_of,
    };
    Ok(read_notices(conn, &q)?.into_iter().find(|n| n.id == id))
}

/// The notice settings from the rows of `setting` (`None`: as they stand now; else as they stood
/// before the instant, from the kept past).
pub(super) fn notice_settings_of(rows: &[(String, String)]) -> NoticeSettings {
    let mut s = NoticeSettings::default();
    for (key, value) in rows {
        // A value set by hand in the file that the rules do not take keeps the default.
        let _ = crate::domain::setting::apply_notice(&mut s, key, value);
    }
    s
}

fn refusal(by: &str) -> impl Fn(Refusal) -> StoreError + '_ {
    move |r| match r {
        // "Not an admin" has words of its own: issuing and review are the office's.
        Refusal::Denied(why) if why != Denied::NotAdmin => StoreError::Forbidden {
            user: by.to_string(),
            why,
        },
        other => StoreError::Notice(other),
    }
}

impl Db {
    /// Issues a notice on `today` (its year numbers it) for `by`, or refuses: `Forbidden` for
    /// someone not a clerk or not allowed, `Notice` for what the rule refuses (not an admin, not
    /// a unit of the task, a closed task, a notice still in time, a reply-by date past, no
    /// reason), `Edit` for a text the record does not accept, `NotFound` for a task that is not
    /// there. The number is the next of the year, allocated in this transaction.
    pub fn issue_notice(
        &mut self,
        new: &NewNotice<'_>,
        by: &str,
        at: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Notice> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let who = super::write::actor(&tx, by)?;
        let live: Option<i64> = tx
            .prepare_cached("SELECT id FROM task WHERE id = ?1 AND deleted_at IS NULL")?
            .query_row([new.task_id], |r| r.get(0))
            .optional()?;
        if live.is_none() {
            return Err(StoreError::NotFound(format!("task {}", new.task_id)));
        }
        let is_unit = tx
            .prepare_cached(
                "SELECT 1 FROM assignment
                 WHERE task_id = ?1 AND department_id = ?2 AND ended_at IS NULL",
            )?
            .query_row([new.task_id, new.department_id], |_| Ok(()))
            .optional()?
            .is_some();
        let last_closing: Option<String> = tx
            .prepare_cached("SELECT step FROM closing WHERE task_id = ?1 ORDER BY id DESC LIMIT 1")?
            .query_row([new.task_id], |r| r.get(0))
            .optional()?;
        let q = NoticeQuery {
            task: Some(new.task_id),
            department: Some(new.department_id),
            plan: None,
            as_of: None,
        };
        let standing: Vec<Standing> = read_notices(&tx, &q)?
            .iter()
            .map(Notice::standing)
            .collect();
        let issue = Issue {
            level: new.level,
            reason: new.reason,
            reply_by: new.reply_by,
            today,
            is_unit,
            task_closed: last_closing.as_deref() == Some("approve"),
        };
        let follows = notice::decide_issue(&who, &issue, &standing).map_err(refusal(by))?;
        let reason = new.reason.trim();
        let required = new.required.trim();
        check_text(TextField::NoticeText, reason)?;
        check_text(TextField::NoticeText, required)?;
        let rows: Vec<(String, String)> = tx
            .prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'notice.%'")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let pattern = notice_settings_of(&rows).number_pattern;
        if !pattern_ok(&pattern) {
            return Err(StoreError::Notice(Refusal::BadPattern));
        }
        let year = today.year();
        // In this transaction, which holds the write lock: nobody else takes this number.
        let seq: i64 = tx
            .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM notice WHERE year = ?1")?
            .query_row([year], |r| r.get(0))?;
        let number = format_number(&pattern, year, seq);
        tx.prepare_cached(
            "INSERT INTO notice (year, seq, number, task_id, department_id, level, reason,
                                 required, reply_by, follows, by, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            year,
            seq,
            number,
            new.task_id,
            new.department_id,
            new.level.as_str(),
            reason,
            required,
            super::model::day(new.reply_by),
            follows,
            by,
            instant(at),
        ])?;
        let id = tx.last_insert_rowid();
        let notice =
            read_one(&tx, id, None)?.ok_or_else(|| StoreError::NotFound(format!("notice {id}")))?;
        tx.commit()?;
        Ok(notice)
    }

    /// Takes one step on notice `notice_id` for `by`, or refuses: `Forbidden` (not a clerk, a
    /// viewer, another department's editor), `Notice` (the state does not allow it, no text,
    /// review by a non-admin), `Edit` for a text the record does not accept, `NotFound`.
    pub fn notice_step(
        &mut self,
        notice_id: i64,
        action: &NoticeAction<'_>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<NoticeStepEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let who = super::write::actor(&tx, by)?;
        let n = read_one(&tx, notice_id, None)?
            .ok_or_else(|| StoreError::NotFound(format!("notice {notice_id}")))?;
        let (request, text) = match *action {
            NoticeAction::Reply { text } => (Request::Reply { text }, text),
            NoticeAction::Accept { note } => (Request::Accept, note),
            NoticeAction::Return { reason } => (Request::Return { reason }, reason),
        };
        notice::decide(n.state, n.department_id, &who, &request).map_err(|r| match r {
            Refusal::Escalated { .. } => StoreError::Notice(Refusal::Escalated {
                by: n
                    .followed_by
                    .clone()
                    .map(|(_, number)| number)
                    .unwrap_or_default(),
            }),
            other => refusal(by)(other),
        })?;
        let text = text.trim();
        check_text(TextField::NoticeText, text)?;
        tx.prepare_cached(
            "INSERT INTO notice_step (notice_id, step, text, by, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            notice_id,
            request.step().as_str(),
            text,
            by,
            instant(at)
        ])?;
        let id = tx.last_insert_rowid();
        let entry = tx
            .prepare_cached(
                "SELECT id, notice_id, step, text, by, at FROM notice_step WHERE id = ?1",
            )?
            .query_row([id], step_row)?;
        tx.commit()?;
        Ok(entry)
    }

    /// The notices `q` selects as they stood before its instant (now, when `None`), newest
    /// first, each with its steps and state.
    pub fn notices(&self, q: &NoticeQuery) -> Result<Vec<Notice>> {
        read_notices(&self.conn, q)
    }

    /// A task's notices (every unit's), newest first: the task's detail.
    pub fn task_notices(&self, task_id: i64, as_of: Option<DateTime<Utc>>) -> Result<Vec<Notice>> {
        self.notices(&NoticeQuery {
            task: Some(task_id),
            as_of,
            ..NoticeQuery::default()
        })
    }

    /// A department's notices, newest first: the unit's list.
    pub fn department_notices(
        &self,
        department_id: i64,
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Vec<Notice>> {
        self.notices(&NoticeQuery {
            department: Some(department_id),
            as_of,
            ..NoticeQuery::default()
        })
    }

    /// One notice as it stood before `as_of` (now, when `None`); `None` when there is no such
    /// notice then.
    pub fn notice(&self, id: i64, as_of: Option<DateTime<Utc>>) -> Result<Option<Notice>> {
        read_one(&self.conn, id, as_of)
    }

    /// The ids of the notices whose number, as issued, is `number` (one, unless a pattern
    /// without `{year}` numbered two years alike).
    pub fn notice_ids_by_number(&self, number: &str) -> Result<Vec<i64>> {
        let rows = self
            .conn
            .prepare_cached("SELECT id FROM notice WHERE number = ?1 ORDER BY id")?
            .query_map([number.trim()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The notice settings as they stood before `end` (ISO UTC; `None`: now).
    pub fn notice_settings_at(&self, end: Option<&str>) -> Result<NoticeSettings> {
        Ok(notice_settings_of(&self.settings_like_at("notice.%", end)?))
    }
}
