//! `duban notice list|show|propose`: 督办单 as text for people and as JSON for scripts. Each
//! notice names its level by letter and words ([Y 黄色督办]), so a list reads without colour.

use chrono::{FixedOffset, NaiveDate};
use serde_json::{Value, json};

use crate::domain::notice::Standing;
use crate::i18n::{self, Lang, notice as words};
use crate::store::{Notice, NoticeProposal, NoticeStepEntry};

/// An instant as stored (ISO UTC) in local time, to the minute; as stored when unreadable.
pub fn local(at: &str, offset: FixedOffset) -> String {
    at.parse::<chrono::DateTime<chrono::Utc>>()
        .map(|t| {
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// The state, with "逾期未反馈" when it is overdue on `today`.
fn state_text(n: &Notice, lang: Lang, today: NaiveDate) -> String {
    let s = words::state(lang, n.state);
    if n.is_overdue(today) {
        format!("{s} {}", words::overdue(lang))
    } else {
        s.to_string()
    }
}

/// The proposal's reason in words: the light's, then the unanswered notice it escalates.
pub fn proposal_reason(lang: Lang, p: &NoticeProposal) -> String {
    let mut parts = Vec::new();
    if let Some(r) = p.proposal.light {
        parts.push(i18n::reason(lang, r));
    }
    if p.proposal.unanswered
        && let Some(f) = &p.follows
    {
        parts.push(words::unanswered(lang, &f.number, f.reply_by));
    }
    parts.join(if lang.zh() { ";" } else { "; " })
}

/// The list: one block per notice, newest first.
pub fn render_list(notices: &[Notice], lang: Lang, today: NaiveDate) -> String {
    if notices.is_empty() {
        return format!("{}\n", words::none(lang));
    }
    let w = words::words(lang);
    let mut out = String::new();
    for n in notices {
        out.push_str(&format!(
            "#{} {}  {}  {}\n",
            n.id,
            n.number,
            words::tag(lang, n.level),
            state_text(n, lang, today)
        ));
        out.push_str(&format!(
            "    {} {} · {} {} {} · {} {}\n",
            w.to,
            n.department,
            w.task_short,
            n.task.number,
            crate::report::text::truncate(&n.task.title, 30),
            w.reply_by,
            n.reply_by
        ));
        out.push_str(&format!("    {}: {}\n", w.reason, first_line(&n.reason)));
        // The last step says where it stands: the reply, or why it was returned.
        if let Some(last) = n.steps.last().filter(|s| !s.text.is_empty()) {
            out.push_str(&format!(
                "    {}: {}\n",
                words::step_name(lang, last.step),
                first_line(&last.text)
            ));
        }
    }
    out
}

/// The first line of a text, cut to what a list line holds.
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let cut = crate::report::text::truncate(line, 60);
    if cut != text {
        if cut.ends_with('…') {
            cut
        } else {
            format!("{cut}…")
        }
    } else {
        cut
    }
}

/// One notice in full: what it says, where it stands and every step.
pub fn render_show(n: &Notice, lang: Lang, today: NaiveDate, offset: FixedOffset) -> String {
    let w = words::words(lang);
    let mut out = format!(
        "#{} {}  {}  {}\n",
        n.id,
        n.number,
        words::tag(lang, n.level),
        state_text(n, lang, today)
    );
    let mut field = |label: &str, value: &str| {
        let mut lines = value.lines();
        out.push_str(&format!("{label}: {}\n", lines.next().unwrap_or("")));
        for more in lines {
            out.push_str(&format!("    {more}\n"));
        }
    };
    field(w.to, &n.department);
    field(w.task, &format!("{} {}", n.task.number, n.task.title));
    field(w.plan, &n.task.plan_title);
    field(w.reason, &n.reason);
    field(
        w.required,
        if n.required.is_empty() {
            w.none_required
        } else {
            &n.required
        },
    );
    field(w.reply_by, &n.reply_by.to_string());
    field(w.issued, &format!("{} {}", local(&n.at, offset), n.by));
    if let Some((_, number)) = &n.follows {
        field(w.follows, number);
    }
    if let Some((_, number)) = &n.followed_by {
        field(w.followed_by, number);
    }
    if !n.steps.is_empty() {
        out.push_str(&format!("{}:\n", w.history));
        for s in &n.steps {
            out.push_str(&step_text(s, lang, offset));
        }
    }
    out
}

fn step_text(s: &NoticeStepEntry, lang: Lang, offset: FixedOffset) -> String {
    let mut out = format!(
        "    {} {} {}",
        local(&s.at, offset),
        s.by,
        words::step_name(lang, s.step)
    );
    let mut lines = s.text.lines();
    if let Some(first) = lines.next() {
        out.push_str(&format!(": {first}"));
    }
    out.push('\n');
    for more in lines {
        out.push_str(&format!("        {more}\n"));
    }
    out
}

fn step_json(s: &NoticeStepEntry) -> Value {
    json!({
        "id": s.id,
        "step": s.step.as_str(),
        "text": s.text,
        "by": s.by,
        "at": s.at,
    })
}

/// One notice as JSON, with stable keys.
pub fn notice_json(n: &Notice, today: NaiveDate) -> Value {
    json!({
        "id": n.id,
        "number": n.number,
        "year": n.year,
        "seq": n.seq,
        "level": n.level.as_str(),
        "state": n.state.as_str(),
        "overdue": n.is_overdue(today),
        "task_id": n.task.id,
        "task_number": n.task.number,
        "task_title": n.task.title,
        "department_id": n.department_id,
        "department": n.department,
        "reason": n.reason,
        "required": n.required,
        "reply_by": n.reply_by.to_string(),
        "follows": n.follows.as_ref().map(|(_, number)| number),
        "followed_by": n.followed_by.as_ref().map(|(_, number)| number),
        "by": n.by,
        "at": n.at,
        "steps": n.steps.iter().map(step_json).collect::<Vec<_>>(),
    })
}

pub fn render_json(notices: &[Notice], today: NaiveDate) -> String {
    let list: Vec<Value> = notices.iter().map(|n| notice_json(n, today)).collect();
    format!("{}\n", Value::Array(list))
}

/// The proposals: one line each, most pressing first, then the reason.
pub fn render_proposals(proposals: &[NoticeProposal], lang: Lang) -> String {
    if proposals.is_empty() {
        return format!("{}\n", words::none_proposed(lang));
    }
    let w = words::words(lang);
    let mut out = String::new();
    for p in proposals {
        out.push_str(&format!(
            "{}  {} {}  {} → {}\n",
            words::tag(lang, p.proposal.level),
            w.task_short,
            p.task.number,
            crate::report::text::truncate(&p.task.title, 28),
            p.department,
        ));
        // An overdue one is named in the reason already.
        let follows = p
            .follows
            .as_ref()
            .filter(|_| !p.proposal.unanswered)
            .map(|f: &Standing| format!(" · {} {}", w.follows, f.number))
            .unwrap_or_default();
        out.push_str(&format!(
            "    {} {}% · {} {} · {}{follows}\n",
            w.percent,
            p.percent.value(),
            w.deadline,
            p.deadline,
            proposal_reason(lang, p)
        ));
    }
    out
}

pub fn render_proposals_json(proposals: &[NoticeProposal]) -> String {
    let list: Vec<Value> = proposals
        .iter()
        .map(|p| {
            json!({
                "task_id": p.task.id,
                "task_number": p.task.number,
                "task_title": p.task.title,
                "department_id": p.department_id,
                "department": p.department,
                "role": match p.role { crate::domain::Role::Lead => "lead", crate::domain::Role::Co => "co" },
                "percent": p.percent.value(),
                "deadline": p.deadline.to_string(),
                "level": p.proposal.level.as_str(),
                // In English so scripts can match it.
                "reason": proposal_reason(Lang::En, p),
                "follows": p.follows.as_ref().map(|f| &f.number),
            })
        })
        .collect();
    format!("{}\n", Value::Array(list))
}
