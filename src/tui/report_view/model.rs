//! --write

use crate::domain::Period;
use crate::report::circular::Circular;
use crate::report::settings::Settings;

#[derive(Debug, Clone, Default)]
pub struct ReportScreen {
    pub period: Option<Period>,
    /// `None` inside: the period has not begun.
    pub circular: Option<Option<Circular>>,
    /// The period `circular` is of: while another one is computed, the last one stays on
    /// screen, marked.
    pub shown: Option<Period>,
    pub selected: usize,
    pub offset: usize,
    /// The selected department's score breakdown is shown.
    pub open: bool,
    /// The settings screen, shown instead of the ranking.
    pub settings: Option<SettingsScreen>,
    /// Every department's month-end trend, per period, as read (`super::trend`).
    pub trends: std::collections::HashMap<Period, TrendEntry>,
    /// Goes up whenever the file changes: an entry of an older generation is shown, marked,
    /// and read again.
    pub trend_generation: u64,
    /// The trend asked for and not yet come: (period, generation).
    pub trend_asked: Option<(Period, u64)>,
}

/// One period's trend as read (`None`: the period has not begun), and for which generation.
#[derive(Debug, Clone)]
pub struct TrendEntry {
    pub trend: Option<crate::report::trend::Trend>,
    pub generation: u64,
}

#[derive(Debug, Clone, Default)]
pub struct SettingsScreen {
    pub settings: Option<Settings>,
    pub selected: usize,
    pub offset: usize,
}

impl ReportScreen {
    /// Departments in the ranking's order (ranked, then the rest).
    pub fn rows(&self) -> usize {
        self.circular
            .as_ref()
            .and_then(|c| c.as_ref())
            .map_or(0, |c| c.departments.len())
    }
}
