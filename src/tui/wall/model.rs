//! View 7's state: the task list it shares its machinery with views 2 and 3 for (keys for every
//! task, text only for the rows on screen), how it is grouped, the zoom and the window of time,
//! and the milestones of the rows read with them.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::timeline::{BarSpec, Scale, Zoom};
use crate::domain::{Closing, Light, Milestone, Thresholds, assess_with_milestones};
use crate::store::LeadUnits;
use crate::tui::state::{TaskItem, TaskList, floor_percent};

/// How the rows are grouped (`s` toggles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WallGroup {
    /// Under each task's lead unit, in the department list's order.
    #[default]
    Unit,
    /// Under the plan's sections, in plan order (as view 2).
    Section,
}

#[derive(Debug, Clone, Default)]
pub struct Wall {
    pub list: TaskList,
    pub group: WallGroup,
    pub zoom: Zoom,
    /// The day at the left edge of the time axis; `None` until the view is first shown, when
    /// today goes a third of the way in.
    pub start: Option<NaiveDate>,
    /// Each task's lead unit, read with the keys (for the grouping and its headings).
    pub leads: Arc<LeadUnits>,
    /// The milestones of the rows read (an empty list for a task without any), cached with
    /// `list.rows` and dropped with them.
    pub milestones: HashMap<i64, Vec<Milestone>>,
    /// `w` or `m` changed while another view was shown: the list is rebuilt on entering.
    pub stale: bool,
}

impl Wall {
    /// The window at a time axis `width` columns wide (today a third in before the first move).
    pub fn scale(&self, today: NaiveDate, width: u16) -> Scale {
        Scale {
            start: self
                .start
                .unwrap_or_else(|| super::timeline::start_for(today, self.zoom, width)),
            zoom: self.zoom,
            width,
        }
    }

    /// The milestones of task `task` as read with its row.
    pub fn milestones_of(&self, task: i64) -> &[Milestone] {
        self.milestones.get(&task).map_or(&[], Vec::as_slice)
    }
}

/// The light of a row of the chart: the task's, with its milestones (a milestone past its day
/// and not reached makes it behind), `None` for a task no unit reports on.
pub fn light(
    item: &TaskItem,
    milestones: &[Milestone],
    today: NaiveDate,
    thresholds: &Thresholds,
) -> Option<Light> {
    let completion = item.completion?;
    Some(
        assess_with_milestones(
            floor_percent(completion),
            item.row.schedule,
            milestones,
            today,
            thresholds,
        )
        .light,
    )
}

/// What the bar of a row is drawn from.
pub fn spec(item: &TaskItem, milestones: &[Milestone]) -> BarSpec {
    let closed = item.closing_state() == Closing::Closed;
    BarSpec {
        starts_on: item.row.schedule.starts_on,
        deadline: item.row.schedule.deadline,
        completion: item.completion,
        done: closed || item.completion.is_some_and(|c| c >= 100.0),
        milestones: milestones
            .iter()
            .map(|m| (m.planned_on, m.reached_on.is_some()))
            .collect(),
    }
}
