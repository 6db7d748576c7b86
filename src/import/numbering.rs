//! Numbered lines of a plan: `一、` (level one), `(一)`/`（一）` (two), `1.`/`1、`/`1．` (three).
//! `(1)`/`①` are sub-items and stay in their task's text. Every slice is by `char`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    One,
    Two,
    Three,
}

pub(super) const CN_DIGITS: &str = "一二三四五六七八九十";

pub(super) fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| CN_DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => digit(*c),
        ['十', c] => Some(10 + digit(*c)?.min(9)),
        [c, '十'] => Some(digit(*c)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

pub(super) fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A numbered heading or item at the start of a line: (level, number as shown, value, rest).
pub(super) fn numbered(text: &str) -> Option<(Level, String, u32, String)> {
    let chars: Vec<char> = text.chars().collect();
    // 一、
    let n = chars.iter().take_while(|c| CN_DIGITS.contains(**c)).count();
    if (1..=3).contains(&n) && chars.get(n) == Some(&'、') {
        let num: String = chars[..n].iter().collect();
        let value = cn_value(&num)?;
        let rest: String = chars[n + 1..].iter().collect();
        return (!rest.trim().is_empty())
            .then(|| (Level::One, num, value, rest.trim().to_string()));
    }
    // (一)
    if matches!(chars.first(), Some('(' | '（')) {
        let n = chars[1..]
            .iter()
            .take_while(|c| CN_DIGITS.contains(**c))
            .count();
        if (1..=3).contains(&n) && matches!(chars.get(n + 1), Some(')' | '）')) {
            let num: String = chars[1..=n].iter().collect();
            let value = cn_value(&num)?;
            let rest: String = chars[n + 2..].iter().collect();
            let rest = rest
                .trim_start_matches(['、', '.', '．', ' '])
                .trim()
                .to_string();
            return (!rest.is_empty()).then(|| (Level::Two, format!("({num})"), value, rest));
        }
        return None;
    }
    // 1. 1、 1．  (not 2.5: a digit after the dot is a decimal, except a year: `2.2025年底前建成…`
    // is item 2 whose text starts with its deadline, as plans often write them)
    let n = chars
        .iter()
        .take_while(|c| ascii_digit(**c).is_some())
        .count();
    // (`2.2025年度重点项目表` stays a caption: 年度 names a table, not a deadline.)
    let year_after = |at: usize| {
        (at..at + 4).all(|i| chars.get(i).is_some_and(|c| ascii_digit(*c).is_some()))
            && chars.get(at + 4) == Some(&'年')
            && chars.get(at + 5) != Some(&'度')
    };
    // Up to seven digits; four and more only continue a count (see `parse`).
    if (1..=7).contains(&n)
        && matches!(chars.get(n), Some('.' | '、' | '．'))
        && chars
            .get(n + 1)
            .is_some_and(|c| (ascii_digit(*c).is_none() && *c != '%') || year_after(n + 1))
    {
        let value = chars[..n]
            .iter()
            .try_fold(0u32, |v, c| Some(v * 10 + ascii_digit(*c)?))?;
        let rest: String = chars[n + 1..].iter().collect();
        let rest = rest.trim().to_string();
        return (!rest.is_empty() && value > 0)
            .then(|| (Level::Three, value.to_string(), value, rest));
    }
    None
}
