//! Scoring and ranking departments (赛马), with the two presets the plans' assessment schemes use.
//!
//! (a) Min-max, as in the plans' own schemes: for each metric,
//!     `score = [(v − min)/(max − min) × 40 + 60] / 100 × weight`, summed over the metrics. The
//!     best department gets the full weight, the worst 60% of it. When every department has the
//!     same value (max = min) the formula divides by zero; we give everyone the full weight: no one
//!     is behind anyone on that metric.
//! (b) Points per item: a fixed number of points for each on-time completion, overdue task, late
//!     or missing report, summed (no base: a department with nothing counted scores 0).

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScorePreset {
    MinMax,
    Points,
}

impl ScorePreset {
    pub fn as_str(self) -> &'static str {
        match self {
            ScorePreset::MinMax => "minmax",
            ScorePreset::Points => "points",
        }
    }
}

impl FromStr for ScorePreset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "minmax" | "min-max" | "a" => Ok(ScorePreset::MinMax),
            "points" | "b" => Ok(ScorePreset::Points),
            other => Err(other.to_string()),
        }
    }
}

/// What a department is measured on, each 0..=100, higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Weighted mean completion of the tasks it leads.
    Completion,
    /// Share of its led tasks that are done or green (not behind, not overdue).
    OnSchedule,
    /// Share of the reports it owed that came on time.
    Timeliness,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::Completion, Metric::OnSchedule, Metric::Timeliness];

    /// The setting key's last part: `score.weight.completion`.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Completion => "completion",
            Metric::OnSchedule => "on_schedule",
            Metric::Timeliness => "timeliness",
        }
    }
}

/// An item counted by the points preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PointItem {
    LeadDoneOnTime,
    CoDoneOnTime,
    LeadOverdue,
    CoOverdue,
    LateReport,
    MissingReport,
}

impl PointItem {
    pub const ALL: [PointItem; 6] = [
        PointItem::LeadDoneOnTime,
        PointItem::CoDoneOnTime,
        PointItem::LeadOverdue,
        PointItem::CoOverdue,
        PointItem::LateReport,
        PointItem::MissingReport,
    ];

    /// The setting key's last part: `score.points.lead_done`.
    pub fn key(self) -> &'static str {
        match self {
            PointItem::LeadDoneOnTime => "lead_done",
            PointItem::CoDoneOnTime => "co_done",
            PointItem::LeadOverdue => "lead_overdue",
            PointItem::CoOverdue => "co_overdue",
            PointItem::LateReport => "late_report",
            PointItem::MissingReport => "missing_report",
        }
    }
}

/// The whole scoring rule, as stored in `setting`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRule {
    pub preset: ScorePreset,
    /// Min-max weights per metric (the plans' 分值).
    pub weights: Vec<(Metric, f64)>,
    /// Points per counted item.
    pub points: Vec<(PointItem, f64)>,
    /// `score.done_requires_closing`: a task is done only once 已办结 (办结销号, issue 22). Off
    /// (the default), a unit at 100% is done, as before closing existed.
    pub done_requires_closing: bool,
}

impl Default for ScoreRule {
    fn default() -> Self {
        ScoreRule {
            preset: ScorePreset::MinMax,
            weights: vec![
                (Metric::Completion, 50.0),
                (Metric::OnSchedule, 30.0),
                (Metric::Timeliness, 20.0),
            ],
            points: vec![
                (PointItem::LeadDoneOnTime, 2.0),
                (PointItem::CoDoneOnTime, 1.0),
                (PointItem::LeadOverdue, -5.0),
                (PointItem::CoOverdue, -2.5),
                (PointItem::LateReport, -0.1),
                (PointItem::MissingReport, -0.5),
            ],
            done_requires_closing: false,
        }
    }
}

impl ScoreRule {
    pub fn weight(&self, m: Metric) -> f64 {
        self.weights
            .iter()
            .find(|(k, _)| *k == m)
            .map_or(0.0, |(_, w)| *w)
    }

    pub fn point(&self, i: PointItem) -> f64 {
        self.points
            .iter()
            .find(|(k, _)| *k == i)
            .map_or(0.0, |(_, w)| *w)
    }

    /// The percent a unit's `percent` counts as in the circular, its task `closed` (已办结) or
    /// not at the period's end: as reported; but with `done_requires_closing`, 100% on a task
    /// not closed counts as 99%: not done, lit by the usual rules (overdue once the deadline has
    /// passed), 99 in the completion rate.
    pub fn counted(&self, percent: super::Percent, closed: bool) -> super::Percent {
        if self.done_requires_closing && !closed && percent.is_done() {
            super::Percent::new(99).unwrap_or(percent)
        } else {
            percent
        }
    }
}

/// One department's inputs to either preset.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScoreInput {
    pub completion: f64,
    pub on_schedule: f64,
    pub timeliness: f64,
    pub lead_done_on_time: u32,
    pub co_done_on_time: u32,
    pub lead_overdue: u32,
    pub co_overdue: u32,
    pub late_reports: u32,
    pub missing_reports: u32,
}

impl ScoreInput {
    pub fn metric(&self, m: Metric) -> f64 {
        match m {
            Metric::Completion => self.completion,
            Metric::OnSchedule => self.on_schedule,
            Metric::Timeliness => self.timeliness,
        }
    }

    pub fn count(&self, i: PointItem) -> u32 {
        match i {
            PointItem::LeadDoneOnTime => self.lead_done_on_time,
            PointItem::CoDoneOnTime => self.co_done_on_time,
            PointItem::LeadOverdue => self.lead_overdue,
            PointItem::CoOverdue => self.co_overdue,
            PointItem::LateReport => self.late_reports,
            PointItem::MissingReport => self.missing_reports,
        }
    }
}

/// One line of a department's score: what was measured, its value, and the points it gave.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScorePart {
    pub item: ScoreItem,
    /// The metric's value (0..=100) or the item's count.
    pub value: f64,
    /// The lowest and highest value among the departments (min-max only).
    pub range: Option<(f64, f64)>,
    /// The weight (min-max) or the points per item.
    pub weight: f64,
    pub points: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoreItem {
    Metric(Metric),
    Item(PointItem),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub parts: Vec<ScorePart>,
    pub total: f64,
}

/// The min-max form for one metric: `[(v − min)/(max − min) × 40 + 60] / 100 × weight`; the full
/// weight when max = min (see the module's note).
pub fn min_max(v: f64, min: f64, max: f64, weight: f64) -> f64 {
    let share = if max - min > f64::EPSILON {
        ((v - min) / (max - min)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    (share * 40.0 + 60.0) / 100.0 * weight
}

/// Scores every department by `rule`; the breakdowns come in the order of `inputs`.
pub fn score_all(inputs: &[ScoreInput], rule: &ScoreRule) -> Vec<Breakdown> {
    match rule.preset {
        ScorePreset::MinMax => {
            let ranges: Vec<(Metric, f64, f64)> = rule
                .weights
                .iter()
                .map(|(m, _)| {
                    let values = inputs.iter().map(|i| i.metric(*m));
                    let min = values.clone().fold(f64::INFINITY, f64::min);
                    let max = values.fold(f64::NEG_INFINITY, f64::max);
                    (*m, min, max)
                })
                .collect();
            inputs
                .iter()
                .map(|input| {
                    let parts: Vec<ScorePart> = ranges
                        .iter()
                        .map(|(m, min, max)| {
                            let weight = rule.weight(*m);
                            let v = input.metric(*m);
                            ScorePart {
                                item: ScoreItem::Metric(*m),
                                value: v,
                                range: Some((*min, *max)),
                                weight,
                                points: min_max(v, *min, *max, weight),
                            }
                        })
                        .collect();
                    let total = parts.iter().map(|p| p.points).sum();
                    Breakdown { parts, total }
                })
                .collect()
        }
        ScorePreset::Points => inputs
            .iter()
            .map(|input| {
                let parts: Vec<ScorePart> = rule
                    .points
                    .iter()
                    .map(|(item, each)| {
                        let n = input.count(*item);
                        ScorePart {
                            item: ScoreItem::Item(*item),
                            value: f64::from(n),
                            range: None,
                            weight: *each,
                            points: f64::from(n) * each,
                        }
                    })
                    .collect();
                let total = parts.iter().map(|p| p.points).sum();
                Breakdown { parts, total }
            })
            .collect(),
    }
}

/// Competition ranks (1, 2, 2, 4) by score, highest first. Scores equal to two decimals (as
/// printed) share a rank, so that a reader never sees two equal scores ranked apart.
pub fn ranks(scores: &[f64]) -> Vec<u32> {
    let key = |s: f64| (s * 100.0).round() as i64;
    let keys: Vec<i64> = scores.iter().map(|s| key(*s)).collect();
    // A score's rank is one more than the number of higher keys: found in the keys sorted from
    // the highest, not by comparing every pair (10,000 departments made that 10^8 comparisons,
    // a tenth of a province-sized circular).
    let mut high_first = keys.clone();
    high_first.sort_unstable_by(|a, b| b.cmp(a));
    keys.iter()
        .map(|k| 1 + high_first.partition_point(|o| o > k) as u32)
        .collect()
}

impl fmt::Display for ScorePreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn ranks_are_competition_ranks_as_every_pair_compared_gives_them() {
        assert_eq!(ranks(&[]), Vec::<u32>::new());
        assert_eq!(
            ranks(&[70.0, 90.0, 90.004, 80.0, 90.0]),
            vec![5, 1, 1, 4, 1]
        );
        // Against the definition, on scores with many ties at two decimals.
        let scores: Vec<f64> = (0..500u32)
            .map(|i| f64::from(i.wrapping_mul(2_654_435_761) % 997) / 7.0)
            .collect();
        let key = |s: f64| (s * 100.0).round() as i64;
        let by_pairs: Vec<u32> = scores
            .iter()
            .map(|s| 1 + scores.iter().filter(|o| key(**o) > key(*s)).count() as u32)
            .collect();
        assert_eq!(ranks(&scores), by_pairs);
    }

    #[test]
    fn min_max_by_hand() {
        // Values 50, 80, 100 with weight 30: the worst gets 60% of 30 = 18, the best 30, and 80
        // gets [(80−50)/(100−50)×40+60]/100×30 = (0.6×40+60)/100×30 = 84/100×30 = 25.2.
        assert!(close(min_max(50.0, 50.0, 100.0, 30.0), 18.0));
        assert!(close(min_max(100.0, 50.0, 100.0, 30.0), 30.0));
        assert!(close(min_max(80.0, 50.0, 100.0, 30.0), 25.2));
        // All equal: the full weight.
        assert!(close(min_max(70.0, 70.0, 70.0, 20.0), 20.0));
    }

    #[test]
    fn min_max_preset_sums_the_metrics() {
        let rule = ScoreRule::default(); // 50 / 30 / 20
        let a = ScoreInput {
            completion: 80.0,
            on_schedule: 50.0,
            timeliness: 100.0,
            ..Default::default()
        };
        let b = ScoreInput {
            completion: 40.0,
            on_schedule: 100.0,
            timeliness: 100.0,
            ..Default::default()
        };
        let c = ScoreInput {
            completion: 60.0,
            on_schedule: 75.0,
            timeliness: 100.0,
            ..Default::default()
        };
        let got = score_all(&[a, b, c], &rule);
        // a: completion best 50; on_schedule worst 18; timeliness all equal 20 → 88.
        assert!(close(got[0].total, 88.0), "{}", got[0].total);
        // b: completion worst 30; on_schedule best 30; 20 → 80.
        assert!(close(got[1].total, 80.0), "{}", got[1].total);
        // c: completion (60−40)/40 = 0.5 → (20+60)/100×50 = 40; on_schedule 0.5 → 80/100×30 = 24;
        // 20 → 84.
        assert!(close(got[2].total, 84.0), "{}", got[2].total);
        assert_eq!(got[2].parts[0].range, Some((40.0, 80.0)));
        assert_eq!(ranks(&[88.0, 80.0, 84.0]), vec![1, 3, 2]);
    }

    #[test]
    fn points_preset_by_hand() {
        let rule = ScoreRule {
            preset: ScorePreset::Points,
            ..Default::default()
        };
        let input = ScoreInput {
            lead_done_on_time: 3,
            co_done_on_time: 2,
            lead_overdue: 1,
            co_overdue: 1,
            late_reports: 4,
            missing_reports: 2,
            ..Default::default()
        };
        // 3×2 + 2×1 − 5 − 2.5 − 4×0.1 − 2×0.5 = 6 + 2 − 7.5 − 0.4 − 1 = −0.9
        let got = score_all(&[input], &rule);
        assert!(close(got[0].total, -0.9), "{}", got[0].total);
        assert_eq!(got[0].parts.len(), 6);
    }

    #[test]
    fn a_single_department_gets_full_marks() {
        let got = score_all(&[ScoreInput::default()], &ScoreRule::default());
        assert!(close(got[0].total, 100.0));
    }

    #[test]
    fn done_requires_closing_counts_an_unclosed_100_as_99() {
        use super::super::Percent;
        let full = Percent::FULL;
        let half = Percent::new(50).unwrap();
        let off = ScoreRule::default();
        assert_eq!(off.counted(full, false), full);
        let on = ScoreRule {
            done_requires_closing: true,
            ..Default::default()
        };
        assert_eq!(on.counted(full, false), Percent::new(99).unwrap());
        assert_eq!(on.counted(full, true), full);
        assert_eq!(on.counted(half, false), half);
    }

    #[test]
    fn equal_scores_share_a_rank() {
        assert_eq!(ranks(&[90.0, 95.0, 90.0, 80.0]), vec![2, 1, 2, 4]);
        assert_eq!(ranks(&[]), Vec::<u32>::new());
        // Equal as printed (two decimals).
        assert_eq!(ranks(&[90.001, 90.0]), vec![1, 1]);
    }
}
