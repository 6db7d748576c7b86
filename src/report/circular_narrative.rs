//! The 通报's narrative (一、总体情况; 三、存在问题): the figures a clerk would pick out of the
//! circular, chosen here from the same `Circular` the Markdown and xlsx forms print, then put
//! into sentences by `i18n::circular_doc`. Pure: the same circular always reads the same.

use super::circular::{Circular, TaskLine};
use crate::domain::{CycleTally, Light};
use crate::i18n::{Lang, circular_doc as words};

/// What the overview says, picked from the circular.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview<'a> {
    pub circular: &'a Circular,
    /// The weighted completion of every task at the period's end, and its change in points
    /// since the previous period's end (`None`: nothing to compare).
    pub completion: Option<f64>,
    pub change: Option<f64>,
    /// Every department's reports summed (a unit of several tasks reports for each).
    pub reports: CycleTally,
    /// The departments at the head of the ranking, with their scores, best first.
    pub best: Vec<(&'a str, f64)>,
    /// The departments at its foot, last first.
    pub lagging: Vec<&'a str>,
}

/// How many departments the narrative names at each end of a ranking of `ranked`: up to three,
/// never more than half, so that no department is both.
fn named(ranked: usize) -> usize {
    (ranked / 2).min(3)
}

pub fn overview(c: &Circular) -> Overview<'_> {
    let completion = c.tasks.completion();
    let change = match (completion, c.previous_tasks.completion()) {
        (Some(now), Some(before)) if c.previous_tasks.assigned > 0 => Some(now - before),
        _ => None,
    };
    let mut reports = CycleTally::default();
    for d in &c.departments {
        reports.required += d.reports.required;
        reports.on_time += d.reports.on_time;
        reports.late += d.reports.late;
        reports.missing += d.reports.missing;
        reports.pending += d.reports.pending;
    }
    // `departments` is in rank order, ranked first.
    let ranked: Vec<_> = c.departments.iter().filter(|d| d.rank.is_some()).collect();
    let k = named(ranked.len());
    let best = ranked[..k]
        .iter()
        .map(|d| (d.name.as_str(), d.score.as_ref().map_or(0.0, |s| s.total)))
        .collect();
    let lagging = ranked[ranked.len() - k..]
        .iter()
        .rev()
        .map(|d| d.name.as_str())
        .collect();
    Overview {
        circular: c,
        completion,
        change,
        reports,
        best,
        lagging,
    }
}

/// 一、总体情况: its paragraphs.
pub fn overview_paragraphs(c: &Circular, lang: Lang) -> Vec<String> {
    let o = overview(c);
    let mut out = vec![words::tasks_paragraph(lang, &o)];
    out.push(words::reports_paragraph(lang, &o.reports));
    if !o.best.is_empty() {
        out.push(words::ranking_paragraph(lang, &o.best, &o.lagging));
    }
    if c.notices.any() {
        out.push(words::notices_paragraph(lang, &c.notices));
    }
    if let Some(inv) = &c.investment {
        out.push(super::investment_text::overview_sentence(inv, lang));
    }
    out
}

/// A red task as 三、存在问题 lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RedTask {
    pub number: String,
    pub title: String,
    pub leads: String,
    pub completion: Option<f64>,
    pub reason: String,
}

/// The red tasks, kept as `circular::read` shows the tasks. A document is built whole in
/// memory: past `MAX_LISTED` only the count grows, and the text says how many more there are.
#[derive(Debug, Default)]
pub struct RedList {
    pub tasks: Vec<RedTask>,
    pub more: usize,
}

pub const MAX_LISTED: usize = 200;

impl RedList {
    pub fn see(&mut self, line: &TaskLine<'_>, lang: Lang) {
        if line.light != Some(Light::Red) {
            return;
        }
        if self.tasks.len() >= MAX_LISTED {
            self.more += 1;
            return;
        }
        self.tasks.push(RedTask {
            number: line.number.to_string(),
            title: line.title.to_string(),
            leads: line
                .leads
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join("、"),
            completion: line.completion,
            reason: line
                .reason
                .map(|r| crate::i18n::reason(lang, r))
                .unwrap_or_default(),
        });
    }
}

/// 三、存在问题 (二): the departments that reported late or not at all, most missing first, as
/// one sentence; `None` when everyone reported on time.
pub fn reporting_sentence(c: &Circular, lang: Lang) -> Option<String> {
    let mut late: Vec<(&str, u32, u32)> = c
        .departments
        .iter()
        .filter(|d| d.reports.missing + d.reports.late > 0)
        .map(|d| (d.name.as_str(), d.reports.late, d.reports.missing))
        .collect();
    if late.is_empty() {
        return None;
    }
    // The order of the Markdown's table (`circular_rows::reporting_rows`).
    late.sort_by(|a, b| (b.2, b.1).cmp(&(a.2, a.1)).then_with(|| a.0.cmp(b.0)));
    Some(words::reporting_sentence(lang, &late))
}

#[cfg(test)]
mod tests {
    use super::named;

    #[test]
    fn no_department_is_named_both_best_and_lagging() {
        assert_eq!(named(0), 0);
        assert_eq!(named(1), 0);
        assert_eq!(named(2), 1);
        assert_eq!(named(5), 2);
        assert_eq!(named(6), 3);
        assert_eq!(named(40), 3);
    }
}
