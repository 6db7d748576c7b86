//! Strings of progress over time (issue 23 §4): the task detail's month sparklines, a
//! department's trend in view 5, the circular workbook's charts and their table.

use super::Lang;
use crate::domain::Period;

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month with its year, at either end of a sparkline that may cross a year: 2026年1月, Jan 2026.
pub fn month(lang: Lang, m: Period) -> String {
    match (lang, m) {
        (Lang::Zh, Period::Month { year, month }) => format!("{year}年{month}月"),
        (Lang::En, Period::Month { year, month }) => {
            format!("{} {year}", EN_MONTHS[(month as usize + 11) % 12])
        }
        (_, other) => other.to_string(),
    }
}

/// A month inside one year (the year is said elsewhere): 1月, Jan.
pub fn month_short(lang: Lang, m: Period) -> String {
    match (lang, m) {
        (Lang::Zh, Period::Month { month, .. }) => format!("{month}月"),
        (Lang::En, Period::Month { month, .. }) => EN_MONTHS[(month as usize + 11) % 12].into(),
        (_, other) => other.to_string(),
    }
}

pub struct Words {
    /// The task detail's heading over the units' sparklines.
    pub detail_heading: &'static str,
    /// A unit whose task has not begun by the day shown: no month to draw.
    pub not_begun: &'static str,
    /// View 5's breakdown: the label before the department's sparkline.
    pub department: &'static str,
    /// A department that led nothing in any month shown.
    pub none_led: &'static str,
    /// The xlsx: the heads of the table of the total's months.
    pub table_columns: [&'static str; 2],
    /// The charts' titles.
    pub scores_chart: &'static str,
    pub trend_chart: &'static str,
    pub score_axis: &'static str,
}

const ZH: Words = Words {
    detail_heading: "进度走势(各月末)",
    not_begun: "尚未开始",
    department: "完成率走势",
    none_led: "各月均无牵头任务",
    table_columns: ["月份", "完成率"],
    scores_chart: "各单位得分",
    trend_chart: "全部任务完成率(各月末)",
    score_axis: "得分",
};

const EN: Words = Words {
    detail_heading: "Progress at each month's end",
    not_begun: "not begun",
    department: "Completion by month",
    none_led: "led no task in these months",
    table_columns: ["Month", "Completion"],
    scores_chart: "Score by department",
    trend_chart: "Completion of all tasks at each month's end",
    score_axis: "Score",
};

/// The xlsx: the caption over the table of the total's months.
pub fn table_caption(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("{year}年全部任务完成率走势(各月末,按任务权重;图表据此表绘制)"),
        Lang::En => format!(
            "Completion of all tasks at each month's end of {year} (weighted by task; the chart is drawn from this table)"
        ),
    }
}

/// The title of one part of a long ranking's score chart: its rows `first..=last` of `of`.
pub fn scores_chart_part(lang: Lang, first: u32, last: u32, of: u32) -> String {
    match lang {
        Lang::Zh => format!("{}(第{first}—{last}位,共{of}个单位)", ZH.scores_chart),
        Lang::En => format!("{} ({first}–{last} of {of})", EN.scores_chart),
    }
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_in_each_language() {
        let m = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(month(Lang::Zh, m("2026-01")), "2026年1月");
        assert_eq!(month(Lang::En, m("2026-12")), "Dec 2026");
        assert_eq!(month_short(Lang::Zh, m("2026-11")), "11月");
        assert_eq!(month_short(Lang::En, m("2026-01")), "Jan");
    }
}
