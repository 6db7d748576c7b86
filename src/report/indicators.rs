//! `duban indicators`: each indicator's target for the year, its latest figure, completion against
//! the target and growth over the same period a year earlier (or the plan's base year); indicators
//! with one target per department (the streets' tables) as a matrix.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::text::{Align, columns};
use crate::domain::Period;
use crate::domain::indicator::{completion, growth, is_rate, latest_in_year};
use crate::i18n::{Lang, report as words};
use crate::store::IndicatorRow;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorLine {
    pub id: i64,
    /// The indicator's plan (a file may hold several, with names in common).
    pub plan_id: i64,
    pub name: String,
    pub unit: String,
    pub department: Option<String>,
    pub higher_is_better: bool,
    pub target: Option<f64>,
    pub latest_period: Option<String>,
    pub latest: Option<f64>,
    pub completion: Option<f64>,
    pub growth: Option<f64>,
}

/// One indicator name with a target per department: departments down, years across.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub plan_id: i64,
    pub name: String,
    pub unit: String,
    pub years: Vec<i32>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    /// The department's own indicator (a figure is reported against it).
    pub id: i64,
    pub department: String,
    pub targets: Vec<Option<f64>>,
    pub latest_period: Option<String>,
    pub latest: Option<f64>,
    pub completion: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorView {
    pub year: i32,
    pub as_of: String,
    pub indicators: Vec<IndicatorLine>,
    pub matrices: Vec<Matrix>,
}

fn year_earlier(p: Period) -> Period {
    match p {
        Period::Month { year, month } => Period::Month {
            year: year - 1,
            month,
        },
        Period::Quarter { year, quarter } => Period::Quarter {
            year: year - 1,
            quarter,
        },
        Period::Year(y) => Period::Year(y - 1),
    }
}

pub fn line(row: &IndicatorRow, year: i32) -> IndicatorLine {
    let figures: Vec<(Period, f64)> = row
        .actuals
        .iter()
        .filter_map(|a| a.period.parse().ok().map(|p| (p, a.value)))
        .collect();
    let target = row
        .targets
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, v)| *v);
    let latest = latest_in_year(&figures, year);
    let before = latest.and_then(|(p, _)| {
        let earlier = year_earlier(p);
        figures
            .iter()
            .rev()
            .find(|(q, _)| *q == earlier)
            .map(|(_, v)| *v)
            .or_else(|| {
                row.base
                    .filter(|(y, _)| matches!(p, Period::Year(_)) && *y == year - 1)
                    .map(|(_, v)| v)
            })
    });
    IndicatorLine {
        id: row.id,
        plan_id: row.plan_id,
        name: row.name.clone(),
        unit: row.unit.clone(),
        department: row.department.clone(),
        higher_is_better: row.higher_is_better,
        target,
        latest_period: latest.map(|(p, _)| p.to_string()),
        latest: latest.map(|(_, v)| v),
        completion: match (latest, target) {
            (Some((_, v)), Some(t)) => completion(v, t, row.higher_is_better).map(hundredths),
            _ => None,
        },
        // A rate's growth is no figure anyone reports (`is_rate`): shown as —.
        growth: match (latest, before) {
            (Some((_, v)), Some(b)) if !is_rate(&row.name, &row.unit) => {
                growth(v, b).map(hundredths)
            }
            _ => None,
        },
    }
}

/// Rounded to 0.01 so JSON says 96.0, not 96.00000000000001.
fn hundredths(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

pub fn build(rows: &[IndicatorRow], year: i32, as_of: NaiveDate) -> IndicatorView {
    // A name that several departments carry in one plan is a per-department table.
    let shared = |r: &IndicatorRow| {
        rows.iter()
            .filter(|o| o.plan_id == r.plan_id && o.name == r.name)
            .count()
            > 1
    };
    let mut indicators = Vec::new();
    let mut matrices: Vec<Matrix> = Vec::new();
    for r in rows {
        if !shared(r) {
            indicators.push(line(r, year));
            continue;
        }
        if matrices.iter().any(|m| m.name == r.name) {
            continue;
        }
        let group: Vec<&IndicatorRow> = rows
            .iter()
            .filter(|o| o.plan_id == r.plan_id && o.name == r.name)
            .collect();
        let years: Vec<i32> = group
            .iter()
            .flat_map(|g| g.targets.iter().map(|(y, _)| *y))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let rows = group
            .iter()
            .map(|g| {
                let l = line(g, year);
                MatrixRow {
                    id: g.id,
                    department: g.department.clone().unwrap_or_default(),
                    targets: years
                        .iter()
                        .map(|y| g.targets.iter().find(|(t, _)| t == y).map(|(_, v)| *v))
                        .collect(),
                    latest_period: l.latest_period,
                    latest: l.latest,
                    completion: l.completion,
                }
            })
            .collect();
        matrices.push(Matrix {
            plan_id: r.plan_id,
            name: r.name.clone(),
            unit: r.unit.clone(),
            years,
            rows,
        });
    }
    IndicatorView {
        year,
        as_of: as_of.format("%Y-%m-%d").to_string(),
        indicators,
        matrices,
    }
}

/// 7.5 → "7.5", 65 → "65", 1234.56 → "1234.56".
fn num(v: Option<f64>) -> String {
    match v {
        Some(v) => {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        None => "—".into(),
    }
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1}%"))
}

pub fn render_table(v: &IndicatorView, lang: Lang) -> String {
    let mut out = words::indicators_title(lang, v.year, &v.as_of);
    out.push_str("\n\n");
    let head = words::indicator_columns(lang, v.year);
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| s.to_string()).collect()];
    for l in &v.indicators {
        rows.push(vec![
            l.name.clone(),
            l.unit.clone(),
            l.department.clone().unwrap_or_default(),
            num(l.target),
            match (&l.latest_period, l.latest) {
                (Some(p), Some(x)) => format!("{}({p})", num(Some(x))),
                _ => "—".into(),
            },
            pct(l.completion),
            l.growth.map_or_else(|| "—".into(), |g| format!("{g:+.1}%")),
        ]);
    }
    let aligns = [
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    out.push_str(&columns(&rows, &aligns));
    for m in &v.matrices {
        out.push('\n');
        out.push_str(&words::matrix_title(lang, &m.name, &m.unit));
        out.push('\n');
        let mut head: Vec<String> = vec![words::department_word(lang).to_string()];
        head.extend(m.years.iter().map(|y| words::target_of(lang, *y)));
        head.push(words::latest_of(lang, v.year));
        head.push(words::completion_word(lang).to_string());
        let mut rows = vec![head];
        for r in &m.rows {
            let mut row = vec![r.department.clone()];
            row.extend(r.targets.iter().map(|t| num(*t)));
            row.push(num(r.latest));
            row.push(pct(r.completion));
            rows.push(row);
        }
        let mut aligns = vec![Align::Left];
        aligns.extend(std::iter::repeat_n(Align::Right, m.years.len() + 2));
        out.push_str(&columns(&rows, &aligns));
    }
    out
}

pub fn render_json(v: &IndicatorView) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ActualRow;

    fn street(id: i64, name: &str, targets: &[(i32, f64)], actual: Option<f64>) -> IndicatorRow {
        IndicatorRow {
            id,
            plan_id: 1,
            name: "规上工业产值".into(),
            unit: "亿元".into(),
            department_id: Some(id),
            department: Some(name.into()),
            higher_is_better: true,
            base: None,
            targets: targets.to_vec(),
            actuals: actual
                .map(|v| ActualRow {
                    id,
                    period: "2024-Q2".into(),
                    value: v,
                    reported_by: "x".into(),
                    reported_at: "2024-07-01T00:00:00Z".into(),
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn one_target_per_department_is_a_matrix() {
        let rows = vec![
            street(1, "星海街道", &[(2024, 100.0), (2025, 120.0)], Some(60.0)),
            street(2, "三垟街道", &[(2024, 80.0)], None),
        ];
        let v = build(&rows, 2024, "2024-08-01".parse().unwrap());
        assert!(v.indicators.is_empty());
        assert_eq!(v.matrices.len(), 1);
        let m = &v.matrices[0];
        assert_eq!(m.years, vec![2024, 2025]);
        assert_eq!(m.rows[0].targets, vec![Some(100.0), Some(120.0)]);
        assert_eq!(m.rows[0].completion, Some(60.0));
        assert_eq!(m.rows[1].targets, vec![Some(80.0), None]);
        let text = render_table(&v, Lang::Zh);
        assert!(text.contains("各单位目标:规上工业产值(亿元)"), "{text}");
        assert!(
            text.contains("星海街道       100       120        60   60.0%"),
            "{text}"
        );
    }
}
