//! The head of a plan: its title, the years it runs over, its document number (文号) and date, read
//! from the lines before the first numbered item.

use chrono::NaiveDate;

use crate::domain::Deadline;
use crate::domain::deadline::DeadlineKind;

use super::numbering::ascii_digit;
use super::plan_text::Line;

pub(super) const TITLE_WORDS: &[&str] = &[
    "计划", "方案", "要点", "决定", "意见", "规划", "办法", "清单", "措施", "安排",
];

/// The plan's title: the last standalone title-like line before the first numbered line, or the
/// longer 《》 quote that ends with it (a title broken over lines), or "关于印发…的通知".
pub(super) fn find_title(preamble: &[Line]) -> Option<String> {
    let quotes: Vec<String> = preamble.iter().flat_map(|l| quoted(&l.text)).collect();
    let candidate = preamble
        .iter()
        .rev()
        .map(|l| l.text.as_str())
        .find(|t| {
            let n = t.chars().count();
            (4..=80).contains(&n)
                && TITLE_WORDS.iter().any(|w| t.contains(w))
                && !t.contains('。')
                && !t.contains('《')
                && !t.contains('|')
                && !t.starts_with("关于印发")
                && !t.ends_with(['：', ':'])
        })
        .map(str::to_string);
    if let Some(c) = candidate {
        let longer = quotes
            .iter()
            .filter(|q| q.ends_with(c.as_str()) && q.chars().count() > c.chars().count())
            .max_by_key(|q| q.chars().count());
        return Some(longer.cloned().unwrap_or(c));
    }
    for l in preamble {
        if let Some(rest) = l.text.strip_prefix("关于印发") {
            let rest = rest.strip_suffix("的通知").unwrap_or(rest);
            let rest = rest.trim_matches(['《', '》']);
            if !rest.is_empty() {
                return Some(rest.to_string());
            }
        }
    }
    quotes
        .into_iter()
        .find(|q| TITLE_WORDS.iter().any(|w| q.contains(w)))
}

/// The texts between 《 and 》.
pub(super) fn quoted(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for c in t.chars() {
        match (c, &mut current) {
            ('《', _) => current = Some(String::new()),
            ('》', Some(q)) => {
                out.push(std::mem::take(q));
                current = None;
            }
            (c, Some(q)) => q.push(c),
            _ => {}
        }
    }
    out
}

pub(super) fn year_span(from: i32, to: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(from, 1, 1)?,
        NaiveDate::from_ymd_opt(to, 12, 31)?,
    ))
}

/// Four-digit years (1990..=2100) in `t`, in order, with the char index after each.
pub(super) fn years_in(t: &str) -> Vec<(i32, usize, usize)> {
    let chars: Vec<char> = t.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let n = chars[i..]
            .iter()
            .take_while(|c| ascii_digit(**c).is_some())
            .count();
        if n == 4 && (i == 0 || ascii_digit(chars[i - 1]).is_none()) {
            let y = chars[i..i + 4]
                .iter()
                .fold(0i32, |v, c| v * 10 + ascii_digit(*c).unwrap_or(0) as i32);
            if (1990..=2100).contains(&y) {
                out.push((y, i, i + 4));
            }
        }
        i += n.max(1);
    }
    out
}

/// The plan's span: "2021-2023年" in the title, else a year in the title, else the year of the
/// document's date.
pub(super) fn plan_years(title: &str, preamble: &[Line]) -> Option<(NaiveDate, NaiveDate)> {
    let chars: Vec<char> = title.chars().collect();
    let ys = years_in(title);
    for w in ys.windows(2) {
        let (a, _, a_end) = w[0];
        let (b, b_start, _) = w[1];
        let between: String = chars[a_end..b_start].iter().collect();
        let between = between.trim_start_matches('年').trim();
        if matches!(
            between,
            "-" | "—" | "–" | "~" | "～" | "至" | "到" | "－" | "——"
        ) && b >= a
            && b - a <= 20
        {
            return year_span(a, b);
        }
    }
    if let Some((y, _, _)) = ys.first() {
        return year_span(*y, *y);
    }
    let issued = find_issued_on(preamble).map(|d| chrono::Datelike::year(&d));
    let any = preamble
        .iter()
        .find_map(|l| years_in(&l.text).first().map(|y| y.0));
    issued.or(any).and_then(|y| year_span(y, y))
}

/// "成文日期:2018-11-05", else the last line that is only a date ("2015年7月10日").
pub(super) fn find_issued_on(preamble: &[Line]) -> Option<NaiveDate> {
    for l in preamble {
        if let Some(pos) = l.text.find("成文日期") {
            let rest = &l.text[pos + "成文日期".len()..];
            let rest = rest.trim_start_matches([':', '：', ' ', '|']);
            let d = Deadline::parse(rest, 2000);
            if d.kind == DeadlineKind::Date
                && let Some(date) = d.date
            {
                return Some(date);
            }
        }
    }
    preamble.iter().rev().find_map(|l| {
        let t = l.text.trim();
        let n = t.chars().count();
        if !(8..=12).contains(&n) || !t.ends_with('日') {
            return None;
        }
        let d = Deadline::parse(t, 2000);
        (d.text == t).then_some(d.date).flatten()
    })
}

/// "温瓯政发〔2021〕217号".
pub(super) fn find_doc_no(preamble: &[Line]) -> Option<String> {
    for l in preamble {
        // The document's own number is on a line of its own or after a label; a number inside a
        // sentence is another document's ("根据…(温政办〔2017〕79号)").
        let labelled = l.text.contains("文号") || l.text.contains("编号");
        if !labelled && l.text.chars().count() > 30 {
            continue;
        }
        let chars: Vec<char> = l.text.chars().collect();
        let Some(open) = chars.iter().position(|c| matches!(c, '〔' | '[' | '［')) else {
            continue;
        };
        let Some(hao) = chars[open..]
            .iter()
            .position(|c| *c == '号')
            .map(|p| p + open)
        else {
            continue;
        };
        if hao - open > 12 {
            continue;
        }
        let stop = |c: &char| {
            c.is_whitespace()
                || matches!(c, '|' | ':' | '：' | '，' | ',' | '。' | '《' | '》' | '、')
        };
        let start = chars[..open]
            .iter()
            .rposition(stop)
            .map(|p| p + 1)
            .unwrap_or(0);
        let no: String = chars[start..=hao].iter().collect();
        let no = no.trim_start_matches(['(', '（']).to_string();
        if years_in(&no).len() == 1 {
            return Some(no);
        }
    }
    None
}
