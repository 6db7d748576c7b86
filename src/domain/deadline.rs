//! `Deadline`: a date plus the text as the plan wrote it.
//!
//! Plans write deadlines as phrases ("2021年底前", "到2023年", "6月底前", "每季度", "长期"). The parser
//! finds such a phrase in a field or in a task's text and turns it into a date where the phrase names
//! one. A phrase without a year ("6月底前") is read in the plan's year. Recurring ("每年") and ongoing
//! ("长期") work has no single date: the task then runs to the plan's end. Text it cannot read is kept
//! as written, with no date, never guessed.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// The phrase names a day (or a month, quarter or year, read as its last day).
    Date,
    /// 每年 / 每季度 / 每月: repeated work; no single date.
    Recurring(Recurrence),
    /// 长期 / 持续推进 / 常态化: no end date.
    Ongoing,
    /// Text we could not read; kept as written.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub date: Option<NaiveDate>,
    pub text: String,
    pub kind: DeadlineKind,
}

impl Deadline {
    /// A deadline on a known day, with the day itself as its text.
    pub fn on(date: NaiveDate) -> Deadline {
        Deadline {
            date: Some(date),
            text: date.format("%Y-%m-%d").to_string(),
            kind: DeadlineKind::Date,
        }
    }

    /// Reads a deadline field or a task text. The first phrase found wins; for a field that is
    /// nothing but an unknown phrase the whole (trimmed) text is kept with no date.
    pub fn parse(text: &str, plan_year: i32) -> Deadline {
        match scan(text, plan_year).into_iter().next() {
            Some(found) => found,
            None => Deadline {
                date: None,
                text: text.trim().to_string(),
                kind: DeadlineKind::Unknown,
            },
        }
    }
}

/// Every deadline phrase in `text`, in order of appearance. The importer uses this to choose among
/// several phrases in one task ("2021年底前…, 到2023年…").
pub fn scan(text: &str, plan_year: i32) -> Vec<Deadline> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((deadline, end)) = phrase_at(&chars, i, plan_year) {
            found.push(deadline);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

const ONGOING: &[&str] = &[
    "长期坚持",
    "长期",
    "持续推进",
    "持续开展",
    "常态化",
    "长效推进",
];
const RECURRING: &[(&str, Recurrence)] = &[
    ("每半年", Recurrence::HalfYearly),
    ("每季度", Recurrence::Quarterly),
    ("每季", Recurrence::Quarterly),
    ("每月", Recurrence::Monthly),
    ("每年", Recurrence::Yearly),
];

fn phrase_at(c: &[char], i: usize, plan_year: i32) -> Option<(Deadline, usize)> {
    for word in ONGOING {
        if starts_with(c, i, word) {
            let end = i + word.chars().count();
            return Some((undated(c, i, end, DeadlineKind::Ongoing), end));
        }
    }
    for (word, rec) in RECURRING {
        if starts_with(c, i, word) {
            let end = i + word.chars().count();
            return Some((undated(c, i, end, DeadlineKind::Recurring(*rec)), end));
        }
    }
    // A leading 到/至/于/在 is part of the phrase ("到2023年"): it makes a bare year a deadline.
    let (lead, start) = match c.get(i) {
        Some('到' | '至' | '于' | '在') => (true, i + 1),
        _ => (false, i),
    };
    if let Some(found) = dated_at(c, start, plan_year, lead) {
        let (date, end) = found;
        let end = swallow_before(c, end);
        let text: String = c[i..end].iter().collect();
        return Some((
            Deadline {
                date: Some(date),
                text,
                kind: DeadlineKind::Date,
            },
            end,
        ));
    }
    None
}

fn undated(c: &[char], i: usize, end: usize, kind: DeadlineKind) -> Deadline {
    Deadline {
        date: None,
        text: c[i..end].iter().collect(),
        kind,
    }
}

/// A date phrase starting exactly at `i`. A bare "2023年" is read as the year's end only after
/// 到/至 (`lead`) or when it is the whole field: inside a sentence ("2021年举办…") it is not a deadline.
fn dated_at(c: &[char], i: usize, plan_year: i32, lead: bool) -> Option<(NaiveDate, usize)> {
    // ISO-like: 2024-06-30, 2024/6/30, 2024.06.30
    if let Some((y, j)) = number(c, i, 4, 4)
        && let Some(sep @ ('-' | '/' | '.')) = c.get(j).copied()
        && let Some((m, k)) = number(c, j + 1, 1, 2)
        && c.get(k) == Some(&sep)
        && let Some((d, l)) = number(c, k + 1, 1, 2)
    {
        return NaiveDate::from_ymd_opt(y as i32, m, d).map(|date| (date, l));
    }
    // With a year: 2024年…
    if let Some((y, j)) = number(c, i, 4, 4)
        && c.get(j) == Some(&'年')
        && (1990..=2100).contains(&y)
    {
        let year = y as i32;
        if let Some(found) = within_year(c, j + 1, year) {
            return Some(found);
        }
        let after = j + 1;
        let closing = matches!(c.get(after), Some('前' | '内'));
        if starts_with(c, after, "年底") || starts_with(c, after, "年末") {
            return Some((year_end(year)?, after + 2));
        }
        if matches!(c.get(after), Some('底' | '末')) {
            return Some((year_end(year)?, after + 1));
        }
        let whole_field = i == 0 && after == c.len();
        if closing || lead || whole_field {
            return Some((year_end(year)?, after));
        }
        return None;
    }
    // Without a year: in the plan's year.
    if starts_with(c, i, "年底") || starts_with(c, i, "年末") {
        return Some((year_end(plan_year)?, i + 2));
    }
    if starts_with(c, i, "年内") {
        return Some((year_end(plan_year)?, i + 2));
    }
    within_year(c, i, plan_year)
}

/// The part after "YYYY年" (or the whole phrase when the plan's year is implied): 6月底, 6月30日,
/// 上半年, 第三季度, 三季度末.
fn within_year(c: &[char], i: usize, year: i32) -> Option<(NaiveDate, usize)> {
    if starts_with(c, i, "上半年") {
        return Some((NaiveDate::from_ymd_opt(year, 6, 30)?, i + 3));
    }
    if starts_with(c, i, "下半年") {
        return Some((year_end(year)?, i + 3));
    }
    let q_start = if c.get(i) == Some(&'第') { i + 1 } else { i };
    if let Some((q, j)) = small_number(c, q_start)
        && (1..=4).contains(&q)
        && (starts_with(c, j, "季度") || (c.get(j) == Some(&'季') && q_start > i))
    {
        let end = if starts_with(c, j, "季度") {
            j + 2
        } else {
            j + 1
        };
        let end = if matches!(c.get(end), Some('末' | '底')) {
            end + 1
        } else {
            end
        };
        return Some((month_end(year, q * 3)?, end));
    }
    if let Some((m, j)) = small_number(c, i)
        && (1..=12).contains(&m)
        && c.get(j) == Some(&'月')
    {
        let after = j + 1;
        if let Some((d, k)) = number(c, after, 1, 2)
            && matches!(c.get(k), Some('日' | '号'))
        {
            return NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, k + 1));
        }
        if starts_with(c, after, "上旬") {
            return Some((NaiveDate::from_ymd_opt(year, m, 10)?, after + 2));
        }
        if starts_with(c, after, "中旬") {
            return Some((NaiveDate::from_ymd_opt(year, m, 20)?, after + 2));
        }
        if starts_with(c, after, "下旬") {
            return Some((month_end(year, m)?, after + 2));
        }
        let end = if matches!(c.get(after), Some('底' | '末' | '份')) {
            after + 1
        } else if c.get(after) == Some(&'前') {
            after
        } else {
            // "6月" alone inside a sentence is too weak to be a deadline ("6月举办…" is an event).
            return None;
        };
        return Some((month_end(year, m)?, end));
    }
    None
}

/// "前" / "以前" / "之前" closing a phrase belong to its text.
fn swallow_before(c: &[char], end: usize) -> usize {
    if starts_with(c, end, "以前") || starts_with(c, end, "之前") {
        end + 2
    } else if c.get(end) == Some(&'前') {
        end + 1
    } else {
        end
    }
}

fn year_end(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

/// The last day of a month; `None` for a month that does not exist.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_next.pred_opt()
}

/// The last day of the quarter holding `date`.
pub fn quarter_end(date: NaiveDate) -> NaiveDate {
    let q_last_month = (date.month0() / 3 + 1) * 3;
    month_end(date.year(), q_last_month).unwrap_or(date)
}

fn starts_with(c: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(k, w)| c.get(k) == Some(&w))
}

fn digit(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' => Some(ch as u32 - '0' as u32),
        '０'..='９' => Some(ch as u32 - '０' as u32),
        _ => None,
    }
}

/// A run of `min..=max` digits at `i` (ASCII or full-width) not followed by another digit.
fn number(c: &[char], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    if i > 0 && c.get(i - 1).copied().and_then(digit).is_some() {
        return None; // the middle of a longer number
    }
    let mut value = 0u32;
    let mut k = i;
    while k < c.len() && k - i < max {
        match digit(c[k]) {
            Some(d) => value = value * 10 + d,
            None => break,
        }
        k += 1;
    }
    let n = k - i;
    if n < min || c.get(k).copied().and_then(digit).is_some() {
        return None;
    }
    Some((value, k))
}

/// 1..=12 written in digits or Chinese numerals (六, 十, 十二).
fn small_number(c: &[char], i: usize) -> Option<(u32, usize)> {
    if let Some(found) = number(c, i, 1, 2) {
        return Some(found);
    }
    let cn = |ch: char| "一二三四五六七八九".find(ch).map(|b| b as u32 / 3 + 1);
    match (c.get(i).copied(), c.get(i + 1).copied()) {
        (Some('十'), Some(d)) if cn(d).is_some_and(|d| d <= 2) => Some((10 + cn(d)?, i + 2)),
        (Some('十'), _) => Some((10, i + 1)),
        (Some(d), _) => cn(d).map(|v| (v, i + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn deadline_phrase_table() {
        // (text, plan year, expected date, expected kept text)
        let table: &[(&str, i32, Option<NaiveDate>, &str)] = &[
            ("2021年底前", 2020, d(2021, 12, 31), "2021年底前"),
            ("2021年年底前", 2020, d(2021, 12, 31), "2021年年底前"),
            ("到2023年", 2021, d(2023, 12, 31), "到2023年"),
            (
                "到2023年累计培育企业40家",
                2021,
                d(2023, 12, 31),
                "到2023年",
            ),
            ("6月底前", 2024, d(2024, 6, 30), "6月底前"),
            ("六月底前", 2024, d(2024, 6, 30), "六月底前"),
            ("2月底", 2024, d(2024, 2, 29), "2月底"),
            ("2024年6月30日前", 2020, d(2024, 6, 30), "2024年6月30日前"),
            ("2024-06-30", 2020, d(2024, 6, 30), "2024-06-30"),
            ("2024/6/30", 2020, d(2024, 6, 30), "2024/6/30"),
            ("2022年上半年", 2020, d(2022, 6, 30), "2022年上半年"),
            ("2022年第三季度", 2020, d(2022, 9, 30), "2022年第三季度"),
            ("三季度末", 2023, d(2023, 9, 30), "三季度末"),
            ("年底前", 2023, d(2023, 12, 31), "年底前"),
            ("2023年", 2021, d(2023, 12, 31), "2023年"),
            ("2024年10月份", 2021, d(2024, 10, 31), "2024年10月份"),
            (
                "力争2021年底前完成合规检查",
                2021,
                d(2021, 12, 31),
                "2021年底前",
            ),
        ];
        for (text, year, date, kept) in table {
            let got = Deadline::parse(text, *year);
            assert_eq!(got.date, *date, "date of {text:?}");
            assert_eq!(got.text, *kept, "text of {text:?}");
            assert_eq!(got.kind, DeadlineKind::Date, "kind of {text:?}");
        }
    }

    #[test]
    fn recurring_and_ongoing_have_no_date() {
        let table: &[(&str, DeadlineKind)] = &[
            ("每年", DeadlineKind::Recurring(Recurrence::Yearly)),
            (
                "每年申报国家省市级攻关项目",
                DeadlineKind::Recurring(Recurrence::Yearly),
            ),
            ("每季度", DeadlineKind::Recurring(Recurrence::Quarterly)),
            ("每月", DeadlineKind::Recurring(Recurrence::Monthly)),
            ("长期", DeadlineKind::Ongoing),
            ("持续推进", DeadlineKind::Ongoing),
        ];
        for (text, kind) in table {
            let got = Deadline::parse(text, 2024);
            assert_eq!(got.kind, *kind, "{text:?}");
            assert_eq!(got.date, None, "{text:?}");
        }
    }

    #[test]
    fn unknown_text_is_kept_without_a_date() {
        for text in [
            "尽快",
            "视情况而定",
            "2021年举办",
            "6月举办推介会",
            "20210年",
            "2024-02-30",
        ] {
            let got = Deadline::parse(text, 2024);
            assert_eq!(got.date, None, "{text:?}");
            assert_eq!(got.kind, DeadlineKind::Unknown, "{text:?}");
            assert_eq!(got.text, text);
        }
    }

    #[test]
    fn scan_finds_every_phrase_in_order() {
        let found = scan(
            "2021年底前完成整治方案,到2023年腾出低效用地200亩,每年开展评价",
            2021,
        );
        let dates: Vec<_> = found.iter().map(|f| f.date).collect();
        assert_eq!(dates, vec![d(2021, 12, 31), d(2023, 12, 31), None]);
    }

    #[test]
    fn quarter_end_of_a_day() {
        assert_eq!(Some(quarter_end(d(2024, 5, 3).unwrap())), d(2024, 6, 30));
        assert_eq!(Some(quarter_end(d(2024, 12, 31).unwrap())), d(2024, 12, 31));
    }
}
