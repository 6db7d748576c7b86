//! --write

use crate::report::indicators::IndicatorView;

#[derive(Debug, Clone, Default)]
pub struct IndicatorScreen {
    /// The year shown (this year until `[`/`]`).
    pub year: Option<i32>,
    pub view: Option<IndicatorView>,
    /// Index into `lines()` of the selected line (never a heading).
    pub selected: usize,
    /// First line on screen.
    pub offset: usize,
}

/// A line of view 6's list, by what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListLine {
    /// `view.indicators[i]`.
    Indicator(usize),
    /// The title of `view.matrices[m]`.
    MatrixTitle(usize),
    /// Its column heads (the years).
    MatrixHead(usize),
    /// `view.matrices[m].rows[r]`: one department's targets and figure.
    MatrixRow(usize, usize),
}

impl ListLine {
    pub fn selectable(self) -> bool {
        matches!(self, ListLine::Indicator(_) | ListLine::MatrixRow(..))
    }
}

/// The lines of the list in screen order.
pub fn lines(v: &IndicatorView) -> Vec<ListLine> {
    let mut out: Vec<ListLine> = (0..v.indicators.len()).map(ListLine::Indicator).collect();
    for (m, matrix) in v.matrices.iter().enumerate() {
        out.push(ListLine::MatrixTitle(m));
        out.push(ListLine::MatrixHead(m));
        out.extend((0..matrix.rows.len()).map(|r| ListLine::MatrixRow(m, r)));
    }
    out
}

impl IndicatorScreen {
    pub fn lines(&self) -> Vec<ListLine> {
        self.view.as_ref().map(lines).unwrap_or_default()
    }

    /// Indicators and departments' lines (what the cursor can be on).
    pub fn rows(&self) -> usize {
        self.lines().iter().filter(|l| l.selectable()).count()
    }

    /// The indicator of the line at `i`: an indicator's own, or a department's in a table.
    pub(super) fn indicator_at(&self, i: usize) -> Option<i64> {
        let v = self.view.as_ref()?;
        match lines(v).get(i)? {
            ListLine::Indicator(k) => v.indicators.get(*k).map(|l| l.id),
            ListLine::MatrixRow(m, r) => v.matrices.get(*m)?.rows.get(*r).map(|r| r.id),
            ListLine::MatrixTitle(_) | ListLine::MatrixHead(_) => None,
        }
    }

    pub fn selected_indicator(&self) -> Option<i64> {
        self.indicator_at(self.selected)
    }
}
