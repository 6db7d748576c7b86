//! Where things go on a screen of a given size. Pure arithmetic on `Rect`s, shared by drawing
//! and by `update` (which needs to know how many rows a page has).

use ratatui::layout::Rect;

use crate::tui::state::Viewport;

/// Below this the screen says it is too small instead of drawing a cramped mess.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// From this size on, the task detail sits beside (or below) the list.
pub const WIDE_WIDTH: u16 = 120;
pub const WIDE_HEIGHT: u16 = 30;

pub struct Areas {
    pub header: Rect,
    pub status: Rect,
    pub body: Rect,
    pub footer: Rect,
}

/// The progress form: labels on the left, text to their right.
pub const FORM_LABEL_WIDTH: u16 = 12;

/// Columns for the form's text at a terminal width (`update` needs it to move by screen row).
pub fn form_text_width(width: u16) -> usize {
    usize::from(width.saturating_sub(FORM_LABEL_WIDTH + 2)).max(8)
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn is_wide(area: Rect) -> bool {
    area.width >= WIDE_WIDTH && area.height >= WIDE_HEIGHT
}

pub fn areas(area: Rect) -> Areas {
    let row = |y: u16, h: u16| Rect::new(area.x, area.y + y, area.width, h);
    let body_h = area.height.saturating_sub(3);
    Areas {
        header: row(0, 1.min(area.height)),
        status: row(1, 1.min(area.height.saturating_sub(1))),
        body: row(2, body_h),
        footer: row(area.height.saturating_sub(1), 1.min(area.height)),
    }
}

/// The departments view: the department list, its tasks, and (wide) the detail under them.
pub fn department_panes(body: Rect, wide: bool) -> (Rect, Rect, Option<Rect>) {
    let left_w = if wide {
        40
    } else {
        ((u32::from(body.width) * 2 / 5) as u16).clamp(26, 33)
    }
    .min(body.width);
    let left = Rect::new(body.x, body.y, left_w, body.height);
    let right_x = body.x + left_w + 1;
    let right_w = body.width.saturating_sub(left_w + 1);
    if wide {
        let top_h = (u32::from(body.height) * 11 / 20) as u16;
        let top = Rect::new(right_x, body.y, right_w, top_h);
        let bottom = Rect::new(right_x, body.y + top_h, right_w, body.height - top_h);
        (left, top, Some(bottom))
    } else {
        (left, Rect::new(right_x, body.y, right_w, body.height), None)
    }
}

/// The tasks and deadlines views: the list and (wide) the detail beside it.
pub fn list_panes(body: Rect, wide: bool) -> (Rect, Option<Rect>) {
    if wide {
        let list_w = (u32::from(body.width) * 3 / 5) as u16;
        let list = Rect::new(body.x, body.y, list_w, body.height);
        let detail = Rect::new(
            body.x + list_w + 1,
            body.y,
            body.width.saturating_sub(list_w + 1),
            body.height,
        );
        (list, Some(detail))
    } else {
        (body, None)
    }
}

/// Rows of each list for a terminal of this size (each pane spends one row on its title).
pub fn viewport(width: u16, height: u16) -> Viewport {
    let area = Rect::new(0, 0, width, height);
    let wide = is_wide(area);
    let body = areas(area).body;
    let (left, right, _) = department_panes(body, wide);
    let (list, _) = list_panes(body, wide);
    let rows = |r: Rect| usize::from(r.height.saturating_sub(1)).max(1);
    Viewport {
        width,
        height,
        dept_rows: rows(left),
        dept_task_rows: rows(right),
        list_rows: rows(list),
        wide,
    }
}

/// View 4: the departments on the left half, the clerks right of a one-column gap.
pub fn people_panes(body: Rect) -> (Rect, Rect) {
    let left_w = body.width / 2;
    let left = Rect::new(body.x, body.y, left_w, body.height);
    let right = Rect::new(
        body.x + left_w + 1,
        body.y,
        body.width.saturating_sub(left_w + 1),
        body.height,
    );
    (left, right)
}

/// View 5: the ranking, and (open) the selected department's score breakdown under it.
pub fn report_panes(body: Rect, open: bool) -> (Rect, Option<Rect>) {
    let breakdown_h = if open { 9.min(body.height / 2) } else { 0 };
    let list = Rect::new(body.x, body.y, body.width, body.height - breakdown_h);
    let breakdown = (breakdown_h > 0).then(|| {
        Rect::new(
            body.x,
            body.y + body.height - breakdown_h,
            body.width,
            breakdown_h,
        )
    });
    (list, breakdown)
}

/// A table pane's rows: under its title and its row of column heads (views 5 and 6).
pub fn table_rows(pane: Rect) -> Rect {
    Rect::new(
        pane.x,
        pane.y + 2,
        pane.width,
        pane.height.saturating_sub(2),
    )
}

/// Rows of the import preview's detail (a rule and four lines) under its list.
pub const PREVIEW_DETAIL: u16 = 5;

/// The import preview: a line of counts, the list (tasks or units), the detail of the selected one
/// (`extra` more lines of it when the draft has key projects or milestones).
pub fn preview_panes(body: Rect, extra: u16) -> (Rect, Rect, Rect) {
    let counts = Rect::new(body.x, body.y, body.width, 1.min(body.height));
    let detail_h = (PREVIEW_DETAIL + extra).min(body.height.saturating_sub(3));
    let list_h = body.height.saturating_sub(1 + detail_h);
    let list = Rect::new(body.x, body.y + 1, body.width, list_h);
    let detail = Rect::new(body.x, body.y + 1 + list_h, body.width, detail_h);
    (counts, list, detail)
}

/// Rows of the preview's list (its pane spends one on its title).
pub fn preview_rows(v: &Viewport, extra: u16) -> usize {
    let body = areas(Rect::new(0, 0, v.width, v.height)).body;
    let (_, list, _) = preview_panes(body, extra);
    usize::from(list.height.saturating_sub(1)).max(1)
}

/// Rows of view 6's figure entry, under the indicators when open.
pub const FIGURE_PANEL: u16 = 6;

/// View 6: the indicators' rows, and (entering a figure) the entry under them.
pub fn indicator_panes(body: Rect, entry: bool) -> (Rect, Option<Rect>) {
    if !entry {
        return (body, None);
    }
    let panel_h = FIGURE_PANEL.min(body.height.saturating_sub(4));
    let list = Rect::new(body.x, body.y, body.width, body.height - panel_h);
    let panel = Rect::new(body.x, body.y + list.height, body.width, panel_h);
    (list, Some(panel))
}

/// Lines of view 6's list on screen: the pane's title and the column heads take two.
pub fn indicator_rows(v: &Viewport, entry: bool) -> usize {
    let body = areas(Rect::new(0, 0, v.width, v.height)).body;
    let (list, _) = indicator_panes(body, entry);
    usize::from(list.height.saturating_sub(2)).max(1)
}

/// View 7: the label column's width and the time axis's, for a screen `width` wide (a column
/// between them). 80 columns give the axis 55.
pub fn wall_columns(width: u16) -> (u16, u16) {
    let label = ((u32::from(width) * 3 / 10).clamp(16, 40) as u16).min(width);
    (label, width.saturating_sub(label + 1))
}

/// View 7's pane: its title, the axis row under it, then the rows.
pub fn wall_rows_area(body: Rect) -> Rect {
    Rect::new(
        body.x,
        body.y + 2,
        body.width,
        body.height.saturating_sub(2),
    )
}

/// Lines of view 7's list on screen.
pub fn wall_rows(v: &Viewport) -> usize {
    let body = areas(Rect::new(0, 0, v.width, v.height)).body;
    usize::from(wall_rows_area(body).height).max(1)
}
