//! Strings of view 7, the wall chart (挂图作战): its name, the zoom levels and groupings, the
//! time axis's labels and the legend, in Chinese and English.

use super::Lang;

pub struct WallWords {
    /// The view's tab (short: seven tabs share 80 columns).
    pub tab: &'static str,
    /// The pane's title and the help screen's heading.
    pub title: &'static str,
    /// Grouped by each task's lead unit, or by the plan's sections.
    pub by_unit: &'static str,
    pub by_section: &'static str,
    /// The zoom levels, widest first.
    pub zooms: [&'static str; 4],
    /// The legend's heading, and a line each: the glyphs of the bars and of the lights.
    pub legend_title: &'static str,
    pub legend: [&'static str; 5],
    /// After a grouping toggle.
    pub grouped: &'static str,
}

static ZH: WallWords = WallWords {
    tab: "挂图",
    title: "挂图作战",
    by_unit: "按牵头单位",
    by_section: "按章节",
    zooms: ["年", "季", "月", "周"],
    legend_title: "图例",
    legend: [
        "█ 已完成部分  ░ 未完成部分(开始到期限)  ▏▎▍▌▋▊▉ 完成到的位置(八分之一格)",
        "× 逾期部分(期限到今天)  │ 今天(时间轴上 ▼)  ◂ ▸ 横条在左边/右边,按 h/l 移过去",
        "◇ 节点未达成  ◆ 节点已达成(在计划日期处)",
        "横条末端与左栏:✖ 红灯  ▲ 黄灯  ◆ 临期  ● 正常  ✓ 完成  · 无责任单位",
        "左栏办结状态(代替灯):◇ 待审核  ■ 已办结  ↺ 已退回;左栏末尾是完成百分比",
    ],
    grouped: "分组:",
};

static EN: WallWords = WallWords {
    tab: "Wall",
    title: "Wall chart",
    by_unit: "by lead unit",
    by_section: "by section",
    zooms: ["year", "quarter", "month", "week"],
    legend_title: "Legend",
    legend: [
        "█ done  ░ still to do (start to deadline)  ▏▎▍▌▋▊▉ where done ends (eighths of a cell)",
        "× overdue (deadline to today)  │ today (▼ on the axis)  ◂ ▸ bar off to the left/right: h/l",
        "◇ milestone not reached  ◆ milestone reached (at its planned date)",
        "end of the bar and left column: ✖ red  ▲ yellow  ◆ due soon  ● on track  ✓ done  · no unit",
        "closing, in the left column instead of the light: ◇ to review  ■ closed  ↺ sent back; the percent ends the column",
    ],
    grouped: "grouped ",
};

pub fn words(lang: Lang) -> &'static WallWords {
    if lang.zh() { &ZH } else { &EN }
}

/// The axis label of a month: "3月", "Mar".
pub fn month(lang: Lang, month: u32) -> String {
    const EN_MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    if lang.zh() {
        format!("{month}月")
    } else {
        EN_MONTHS[i].to_string()
    }
}

/// Whether an axis label wants a blank column after it: a Chinese month name ends in 月, which
/// closes it ("11月12月" reads), anything else does.
pub fn wants_gap(label: &str) -> bool {
    !label.ends_with('月')
}

/// The axis label of an ISO week: "第48周", "W48".
pub fn week(lang: Lang, week: u32) -> String {
    if lang.zh() {
        format!("第{week}周")
    } else {
        format!("W{week}")
    }
}

/// The axis label of a day of the month: "24日", "24".
pub fn day(lang: Lang, day: u32) -> String {
    if lang.zh() {
        format!("{day}日")
    } else {
        format!("{day}")
    }
}

/// The span shown, for the pane's title: "2026-06-01—2027-06-14".
pub fn span(first: chrono::NaiveDate, last: chrono::NaiveDate) -> String {
    format!("{}—{}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d"))
}

/// The years of the window, under the label column on the axis row: "2026年", "2026—2027年".
pub fn years(lang: Lang, first: chrono::NaiveDate, last: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let (a, b) = (first.year(), last.year());
    match (a == b, lang.zh()) {
        (true, true) => format!("{a}年"),
        (true, false) => a.to_string(),
        (false, true) => format!("{a}—{b}年"),
        (false, false) => format!("{a}–{b}"),
    }
}

/// What `+`/`-` say when there is no closer or wider zoom.
pub fn zoom_limit(lang: Lang, closer: bool) -> String {
    match (lang.zh(), closer) {
        (true, true) => "已是最细(周)".into(),
        (true, false) => "已是最粗(年)".into(),
        (false, true) => "closest zoom already (week)".into(),
        (false, false) => "widest zoom already (year)".into(),
    }
}

/// The view tabs' short names, for a status line too narrow for the full ones (seven tabs and
/// the counts in 80 columns of English).
pub fn tabs_short(lang: Lang) -> [&'static str; 7] {
    if lang.zh() {
        ["单位", "任务", "时限", "人员", "通报", "指标", "挂图"]
    } else {
        [
            "Depts", "Tasks", "Due", "People", "Report", "Indic.", "Wall",
        ]
    }
}
