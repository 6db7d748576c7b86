//! Finding a department by the pinyin initials of its name, as clerks type it without switching
//! their IME: `jxj` finds 经信局 (and 区经信局, whose initials `qjxj` contain it), `fgj` 发改局,
//! `cdjd` 城东街道.
//!
//! The character table is the `pinyin` crate (mozillazg's pinyin-data, every CJK block including
//! the extensions; built with only its `plain` feature: about 1 s to compile, no dependencies). A
//! character it does not know is skipped, like punctuation. Each character gets the initial of the
//! crate's first reading, except the polyphones in `READINGS`, which take the reading government
//! names use and also accept their other one: 长 is `c` (长江, 长期) and also `z` (区长), 行 `x`
//! (行政审批局) and also `h` (银行), 重 `z` (重点项目) and also `c` (重庆).

use pinyin::ToPinyin;

/// Polyphones met in department and task names: (character, initial used by `initials`, the
/// other initial that `matches` also accepts).
const READINGS: &[(char, char, char)] = &[
    ('长', 'c', 'z'), // 长江 / 区长
    ('行', 'x', 'h'), // 行政审批局 / 银行
    ('重', 'z', 'c'), // 重点项目 / 重庆
    ('会', 'h', 'k'), // 委员会 / 会计
    ('调', 'd', 't'), // 调查队 / 调解
    ('单', 'd', 's'), // 单位 / 单县
    ('乐', 'l', 'y'), // 乐清 / 音乐
    ('朝', 'c', 'z'), // 朝阳 / 朝夕
    ('厦', 'x', 's'), // 厦门 / 大厦
    ('藏', 'z', 'c'), // 西藏 / 收藏
    ('参', 'c', 's'), // 参事室 / 人参
    ('率', 'l', 's'), // 效率 / 率先
];

/// One character's initial, and the other one a polyphone also accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letter {
    main: char,
    other: Option<char>,
}

impl Letter {
    fn accepts(self, c: char) -> bool {
        self.main == c || self.other == Some(c)
    }
}

/// Full-width ASCII (ＡＢＣ１２３, as some IMEs type it) as ASCII.
fn half_width(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// What text matching compares: trimmed, half-width, lowercase.
fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(half_width)
        .collect::<String>()
        .to_lowercase()
}

fn letters(name: &str) -> Vec<Letter> {
    name.chars()
        .filter_map(|c| {
            let c = half_width(c);
            if c.is_ascii_alphanumeric() {
                return Some(Letter {
                    main: c.to_ascii_lowercase(),
                    other: None,
                });
            }
            if let Some(&(_, main, other)) = READINGS.iter().find(|r| r.0 == c) {
                return Some(Letter {
                    main,
                    other: Some(other),
                });
            }
            let first = c.to_pinyin()?.first_letter().chars().next()?;
            // The table's few readings that start with ê or ḿ have no key on a keyboard.
            first.is_ascii_lowercase().then_some(Letter {
                main: first,
                other: None,
            })
        })
        .collect()
}

/// The pinyin initials of `name`: one lowercase letter per Han character (`区经信局` → `qjxj`),
/// ASCII letters (lowercased) and digits kept (`5G专班` → `5gzb`), everything else skipped.
pub fn initials(name: &str) -> String {
    letters(name).into_iter().map(|l| l.main).collect()
}

/// A key that sorts Chinese names the way a Chinese reader looks for them, by pinyin (`白云街道`
/// before `城东街道` before `区财政局`), not by code point: each character's plain pinyin, then the
/// name itself to keep the order total (and tones and homophones in a stable order).
pub fn sort_key(name: &str) -> (String, String) {
    let spelled: String = name
        .chars()
        .map(|c| {
            let c = half_width(c);
            match c.to_pinyin() {
                Some(p) => format!("{} ", p.plain()),
                None => format!("{} ", c.to_ascii_lowercase()),
            }
        })
        .collect();
    (spelled, name.to_string())
}

/// How a query matched: better matches compare greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Found inside the name or its initials.
    Substring,
    /// The name or its initials start with it.
    Prefix,
    /// It is the whole name or all the initials.
    Exact,
}

/// What matched: the department's own name ranks above an alias, and the text above initials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchedOn {
    AliasInitials,
    NameInitials,
    Alias,
    Name,
}

/// The score of a match; sort descending to rank. `kind` counts first (exact > prefix >
/// substring), then `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score {
    pub kind: MatchKind,
    pub on: MatchedOn,
}

/// Whether `query` finds the department called `name` (or one of its `aliases`): as a part of the
/// text, or as a part of the pinyin initials, ignoring case and surrounding spaces. The best
/// score over the name and the aliases; `None` when nothing matches or the query is empty (a
/// list shows everything for an empty filter without asking).
pub fn matches(query: &str, name: &str, aliases: &[String]) -> Option<Score> {
    let query = fold(query);
    if query.is_empty() {
        return None;
    }
    let keys: Vec<char> = query.chars().collect();
    let by_initials = keys.iter().all(|c| c.is_ascii_alphanumeric());
    let mut best: Option<Score> = None;
    let mut consider = |text: &str, own: bool| {
        let text_kind = text_match(&query, &fold(text));
        let initials_kind = if by_initials {
            initials_match(&keys, &letters(text))
        } else {
            None
        };
        let candidates = [
            text_kind.map(|kind| Score {
                kind,
                on: if own {
                    MatchedOn::Name
                } else {
                    MatchedOn::Alias
                },
            }),
            initials_kind.map(|kind| Score {
                kind,
                on: if own {
                    MatchedOn::NameInitials
                } else {
                    MatchedOn::AliasInitials
                },
            }),
        ];
        for score in candidates.into_iter().flatten() {
            best = best.max(Some(score));
        }
    };
    consider(name, true);
    for alias in aliases {
        consider(alias, false);
    }
    best
}

fn text_match(query: &str, text: &str) -> Option<MatchKind> {
    if text == query {
        Some(MatchKind::Exact)
    } else if text.starts_with(query) {
        Some(MatchKind::Prefix)
    } else if text.contains(query) {
        Some(MatchKind::Substring)
    } else {
        None
    }
}

/// `keys` against the initials, each position accepting either reading of a polyphone.
fn initials_match(keys: &[char], letters: &[Letter]) -> Option<MatchKind> {
    if keys.is_empty() || keys.len() > letters.len() {
        return None;
    }
    let at = |start: usize| {
        keys.iter()
            .zip(&letters[start..])
            .all(|(k, l)| l.accepts(*k))
    };
    if at(0) {
        return Some(if keys.len() == letters.len() {
            MatchKind::Exact
        } else {
            MatchKind::Prefix
        });
    }
    (1..=letters.len() - keys.len())
        .any(at)
        .then_some(MatchKind::Substring)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_pinyin() {
        let mut names = vec!["区财政局", "城东街道", "白云街道", "江口街道", "区发改局"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["白云街道", "城东街道", "江口街道", "区财政局", "区发改局"]
        );
    }

    fn none() -> Vec<String> {
        Vec::new()
    }

    fn kind(query: &str, name: &str) -> Option<MatchKind> {
        matches(query, name, &none()).map(|s| s.kind)
    }

    #[test]
    fn initials_of_common_department_names() {
        assert_eq!(initials("经信局"), "jxj");
        assert_eq!(initials("区经信局"), "qjxj");
        assert_eq!(initials("发改局"), "fgj");
        assert_eq!(initials("人社局"), "rsj");
        assert_eq!(initials("城东街道"), "cdjd");
        // ASCII kept and lowercased, full-width folded, punctuation skipped.
        assert_eq!(initials("5G专班"), "5gzb");
        assert_eq!(initials("ＡＢ办(临时)"), "abbls");
        assert_eq!(initials(""), "");
        assert_eq!(initials("、·—"), "");
    }

    #[test]
    fn polyphones_take_the_reading_names_use() {
        assert_eq!(initials("重点项目"), "zdxm");
        assert_eq!(initials("银行"), "yx");
        assert_eq!(initials("行政审批局"), "xzspj");
        assert_eq!(initials("长江"), "cj");
        // The other reading is accepted too.
        assert_eq!(kind("yh", "银行"), Some(MatchKind::Exact));
        assert_eq!(kind("qz", "区长"), Some(MatchKind::Exact));
        assert_eq!(kind("cq", "重庆市"), Some(MatchKind::Prefix));
    }

    #[test]
    fn queries_from_the_brief() {
        assert_eq!(kind("jxj", "经信局"), Some(MatchKind::Exact));
        assert_eq!(kind("jxj", "区经信局"), Some(MatchKind::Substring));
        assert_eq!(kind("fgj", "发改局"), Some(MatchKind::Exact));
        assert_eq!(kind("fgj", "区发改局"), Some(MatchKind::Substring));
        assert_eq!(kind("rsj", "人社局"), Some(MatchKind::Exact));
        assert_eq!(kind("cdjd", "城东街道"), Some(MatchKind::Exact));
        assert_eq!(kind("qdjd", "城东街道"), None);
        assert_eq!(kind("qjx", "区经信局"), Some(MatchKind::Prefix));
    }

    #[test]
    fn text_case_and_ranking() {
        assert_eq!(kind("经信", "区经信局"), Some(MatchKind::Substring));
        assert_eq!(kind("区经", "区经信局"), Some(MatchKind::Prefix));
        assert_eq!(kind(" 区经信局 ", "区经信局"), Some(MatchKind::Exact));
        assert_eq!(kind("JXJ", "经信局"), Some(MatchKind::Exact));
        assert_eq!(kind("ｊｘｊ", "经信局"), Some(MatchKind::Exact));
        assert_eq!(kind("5g", "5G专班"), Some(MatchKind::Prefix));
        assert_eq!(kind("", "经信局"), None);
        assert_eq!(kind("   ", "经信局"), None);
        assert_eq!(kind("xyz", "经信局"), None);
        assert_eq!(kind("经信局x", "经信局"), None);
        // Exact beats prefix beats substring, whatever matched.
        let aliases = vec!["经信局".to_string()];
        let exact_alias = matches("jxj", "区经济和信息化局", &aliases).unwrap();
        assert_eq!(
            exact_alias,
            Score {
                kind: MatchKind::Exact,
                on: MatchedOn::AliasInitials
            }
        );
        let prefix_name = matches("qjj", "区经济和信息化局", &aliases).unwrap();
        assert_eq!(prefix_name.kind, MatchKind::Prefix);
        assert!(exact_alias > prefix_name);
        // Same kind: the name beats an alias, text beats initials.
        assert!(
            matches("区", "区经信局", &none()).unwrap()
                > matches("区", "城东", &["区城东".to_string()]).unwrap()
        );
        assert!(
            Score {
                kind: MatchKind::Prefix,
                on: MatchedOn::Alias
            } > Score {
                kind: MatchKind::Prefix,
                on: MatchedOn::NameInitials
            }
        );
    }

    #[test]
    fn every_demo_department_is_found_by_its_initials() {
        use crate::sample::demo_plan::DEPARTMENTS;
        let expected = [
            ("区经信局", "qjxj"),
            ("区发改局", "qfgj"),
            ("区科技局", "qkjj"),
            ("区财政局", "qczj"),
            ("区人力社保局", "qrlsbj"),
            ("区自然资源局", "qzrzyj"),
            ("区生态环境分局", "qsthjfj"),
            ("区市场监管局", "qscjgj"),
            ("区商务局", "qswj"),
            ("区统计局", "qtjj"),
            ("区税务局", "qswj"),
            ("区住建局", "qzjj"),
            ("区大数据中心", "qdsjzx"),
            ("区投资促进中心", "qtzcjzx"),
            ("城东街道", "cdjd"),
            ("城西街道", "cxjd"),
            ("江口街道", "jkjd"),
            ("白云街道", "byjd"),
            ("区城投集团", "qctjt"),
        ];
        assert_eq!(DEPARTMENTS.len(), expected.len());
        for ((name, aliases), (want_name, want)) in DEPARTMENTS.iter().zip(expected) {
            assert_eq!(*name, want_name);
            assert_eq!(initials(name), want, "{name}");
            let aliases: Vec<String> = aliases.iter().map(|a| a.to_string()).collect();
            assert_eq!(
                matches(want, name, &aliases).map(|s| s.kind),
                Some(MatchKind::Exact),
                "{name}"
            );
            // Without the leading 区: the initials of the alias (经信局) or a substring.
            let short = &want[1..];
            assert!(matches(short, name, &aliases).is_some(), "{short} {name}");
        }
    }
}
