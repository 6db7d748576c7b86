//! --write

use crate::domain::indicator::default_period;
use crate::domain::{CycleKind, Period};
use crate::store::ActualRow;

use crate::tui::field::TextField;

/// What the entry shows of one indicator, as the store read it.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureData {
    pub indicator_id: i64,
    pub name: String,
    pub unit: String,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    /// Targets by year.
    pub targets: Vec<(i32, f64)>,
    /// Every figure reported, in journal order.
    pub figures: Vec<ActualRow>,
    /// The year view 6 shows: the default period is in it.
    pub year: i32,
    /// The reporting cycle (月报 / 季报), for the default period when the indicator has no
    /// monthly or quarterly figure yet.
    pub cycle: CycleKind,
}

impl FigureData {
    /// The period the entry opens with (see `domain::indicator::default_period`).
    pub fn default_period(&self, today: chrono::NaiveDate) -> Period {
        let reported: Vec<Period> = self
            .figures
            .iter()
            .filter_map(|f| f.period.parse().ok())
            .collect();
        default_period(&reported, self.cycle, self.year, today)
    }

    /// The newest figure saved for `period` (journal ids only grow).
    pub fn last_of(&self, period: &str) -> Option<&ActualRow> {
        self.figures
            .iter()
            .filter(|f| f.period == period)
            .max_by_key(|f| f.id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureField {
    Period,
    Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FigureEntry {
    pub data: FigureData,
    pub period: TextField,
    pub value: TextField,
    pub focus: FigureField,
    /// Why the last save was refused, and the field it is about (`None`: neither, as for a
    /// permission or a busy file). The text typed stays.
    pub error: Option<(Option<FigureField>, String)>,
    /// Another clerk's figure for the period, saved while this one was typed: shown, and the
    /// next save goes on top of it.
    pub conflict: Option<ActualRow>,
    pub saving: bool,
    initial_period: String,
}

impl FigureEntry {
    pub fn open(data: FigureData, today: chrono::NaiveDate) -> FigureEntry {
        let period = data.default_period(today).to_string();
        FigureEntry {
            period: TextField::single(&period),
            value: TextField::single(""),
            // The period is usually right: the clerk types the figure first.
            focus: FigureField::Value,
            error: None,
            conflict: None,
            saving: false,
            initial_period: period,
            data,
        }
    }

    /// Something typed that closing would lose.
    pub fn is_changed(&self) -> bool {
        !self.value.text().trim().is_empty() || self.period.text() != self.initial_period
    }

    pub(super) fn field_mut(&mut self, f: FigureField) -> &mut TextField {
        match f {
            FigureField::Period => &mut self.period,
            FigureField::Value => &mut self.value,
        }
    }

    /// Moves to the other field with its text selected, so that typing replaces it.
    pub(super) fn switch(&mut self) {
        self.focus = match self.focus {
            FigureField::Period => FigureField::Value,
            FigureField::Value => FigureField::Period,
        };
        let f = self.field_mut(self.focus);
        *f = std::mem::take(f).selecting_all();
    }
}

/// Columns a field scrolls within; long text keeps its end (the caret) in view.
pub const FIELD_WIDTH: usize = 16;
