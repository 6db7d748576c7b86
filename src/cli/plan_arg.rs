//! `--plan NAME|ID`: which plan of the file a read covers, and how an output that covers several
//! says so. Task numbers start from 1 in every plan, so where rows of several plans are shown
//! together each carries the plan's short label (A, B …, as the terminal UI's lists do) and a line
//! above names the plans behind the labels. A file with one plan prints exactly as before.

use super::{Ctx, Failure};
use crate::domain::plan_choice::{PlanChoice, PlanName, choose_plan};
use crate::i18n::plan_scope as words;
use crate::store::{Db, Plan};

/// The plans a command reads.
pub struct PlanScope {
    /// The plan chosen with `--plan`; `None`: every plan of the file.
    pub id: Option<i64>,
    /// Every plan of the file, in id order (the labels' order).
    pub all: Vec<Plan>,
}

impl PlanScope {
    /// True when the output mixes several plans' tasks: no `--plan` and more than one plan.
    pub fn several(&self) -> bool {
        self.id.is_none() && self.all.len() > 1
    }

    /// The short label of plan `id` where several are shown, else `None`.
    pub fn label(&self, id: i64) -> Option<String> {
        if !self.several() {
            return None;
        }
        self.all
            .iter()
            .position(|p| p.id == id)
            .map(crate::tui::state::plan_short)
    }

    /// `number` with its plan's label in front where several plans are shown (`B 3`).
    pub fn number(&self, plan_id: i64, number: &str) -> String {
        match self.label(plan_id) {
            Some(l) => format!("{l} {number}"),
            None => number.to_string(),
        }
    }

    /// A plan's title.
    pub fn title(&self, id: i64) -> &str {
        self.all
            .iter()
            .find(|p| p.id == id)
            .map_or("", |p| p.title.as_str())
    }

    /// The line that names the plans covered, with a newline, where several are; else nothing.
    pub fn header(&self, lang: crate::i18n::Lang) -> String {
        if !self.several() {
            return String::new();
        }
        let items: Vec<(String, String)> = self
            .all
            .iter()
            .enumerate()
            .map(|(i, p)| (crate::tui::state::plan_short(i), p.title.clone()))
            .collect();
        format!("{}\n", words::plans_covered(lang, &items))
    }

    /// Whether the file has several plans (a JSON output then names the plans it covers).
    pub fn file_has_several(&self) -> bool {
        self.all.len() > 1
    }
}

/// Reads the plans and resolves `query` among them; a refusal lists the candidates.
pub fn plan_scope(ctx: &Ctx, db: &Db, query: Option<&str>) -> Result<PlanScope, Failure> {
    let all = db.plans().map_err(ctx.store_err_at(db.path()))?;
    let Some(query) = query else {
        return Ok(PlanScope { id: None, all });
    };
    let names: Vec<PlanName> = all
        .iter()
        .map(|p| PlanName {
            id: p.id,
            title: p.title.clone(),
        })
        .collect();
    match choose_plan(query, &names) {
        PlanChoice::Found(id) => Ok(PlanScope { id: Some(id), all }),
        PlanChoice::Ambiguous(m) => Err(Failure::User(words::ambiguous_plan(ctx.lang, query, &m))),
        PlanChoice::NotFound => Err(Failure::User(words::unknown_plan(ctx.lang, query, &names))),
    }
}
