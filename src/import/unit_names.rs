//! Unit names: the noise around a name (负责, 等, 按职责分工), the stored form (no spaces, no
//! control characters, full-width balanced brackets), what ends like a unit (局, 委, 中心, 街道…),
//! collective names (各街道, 有关部门), and how a draft's names meet the existing departments
//! (exact name or alias; close names are reported, never merged by guess).

use crate::domain::names::closeness;
use crate::domain::{DepartmentName, Role};

use super::draft::UnitRef;

const UNIT_ENDINGS: &[&str] = &[
    "局",
    "委",
    "办",
    "院",
    "会",
    "部",
    "中心",
    "部门",
    "中央",
    "街道",
    "街",
    "镇",
    "乡",
    "公司",
    "政府",
    "所",
    "队",
    "处",
    "厅",
    "室",
    "集团",
    "组",
    "单位",
    "开发区",
    "园区",
    "区",
    "站",
    "社",
    "联",
    "行",
    "馆",
    "团",
    "署",
    "科",
];

/// A name ending like a unit: 局, 委, 办, 中心, 街道, 公司, 政府…
pub fn looks_like_unit(name: &str) -> bool {
    let n = name.chars().count();
    // "各乡镇（街道）", "各街道(功能区)": the name before the bracket ends like a unit.
    let before_bracket = match name.strip_suffix([')', '）']) {
        Some(inner) => inner
            .rfind(['(', '（'])
            .map(|at| &inner[..at])
            .unwrap_or(name),
        None => name,
    };
    (2..=40).contains(&n)
        && (UNIT_ENDINGS.iter().any(|e| name.ends_with(e))
            || UNIT_ENDINGS.iter().any(|e| before_bracket.ends_with(e)))
}

/// A name that stands for several units ("各街道办事处", "各县(市、区)政府", "有关部门",
/// "相关街道"): the preview says so, so that the office maps it onto the real units instead of
/// creating one department of that name.
pub fn is_collective(name: &str) -> bool {
    ["各", "有关", "相关", "其他", "其它"]
        .iter()
        .any(|p| name.starts_with(p))
        || ["有关部门", "有关单位", "相关部门", "相关单位", "成员单位"]
            .iter()
            .any(|w| name.contains(w))
}

/// Surrounding noise: 负责, 等, 按职责分工, 共同, punctuation.
pub(super) fn strip_noise(raw: &str) -> String {
    let punct = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '。' | ',' | '，' | '、' | ';' | '；' | ':' | '：' | '.' | '"' | '“' | '”' | '\''
            )
    };
    let mut name: String = raw.trim_matches(punct).to_string();
    for _ in 0..4 {
        let before = name.clone();
        for noise in [
            "按职责分工负责",
            "按职责分工",
            "按职能分工",
            "分工负责",
            "按职责",
            "负责落实",
            "负责",
            "等单位",
            "等部门",
            "共同",
            "落实",
            "等",
        ] {
            if let Some(n) = name.strip_suffix(noise) {
                name = n.to_string();
            }
        }
        for noise in ["由", "各项工作由"] {
            if let Some(n) = name.strip_prefix(noise) {
                name = n.to_string();
            }
        }
        name = name.trim_matches(punct).to_string();
        if name == before {
            break;
        }
    }
    name
}

/// A unit name as stored: noise stripped, no inner spaces, brackets full-width and balanced.
/// `None` for a name that is empty or too long to be a unit.
pub fn normalise(raw: &str) -> Option<String> {
    let stripped = strip_noise(raw);
    let mut out = String::new();
    for c in stripped.chars() {
        match c {
            // Control and zero-width characters are never part of a name (an escape sequence
            // pasted into a plan must not reach a terminal as a department's name).
            c if c.is_whitespace() || c.is_control() => {}
            '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => {}
            '(' | '<' | '〈' => out.push('（'),
            ')' | '>' | '〉' => out.push('）'),
            c => out.push(c),
        }
    }
    let out = balance(&out);
    let out = strip_noise(&out);
    let n = out.chars().count();
    if n == 0 || n > 40 || out.chars().all(|c| !c.is_alphanumeric()) {
        return None;
    }
    Some(out)
}

/// Drops brackets that do not pair up ("财政局（地税分局））" -> "财政局（地税分局）").
fn balance(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut keep = vec![true; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '（' => open.push(i),
            '）' if open.pop().is_none() => keep[i] = false,
            _ => {}
        }
    }
    for i in open {
        keep[i] = false;
    }
    chars
        .iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(*c))
        .collect()
}

/// Splits at any of `seps` outside brackets.
pub fn split_depth0(text: &str, seps: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' | '<' | '〈' | '《' => depth += 1,
            ')' | '）' | '>' | '〉' | '》' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && seps.contains(&c) {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out.retain(|s| !s.trim().is_empty());
    out
}

/// Unions `more` into `units`: a name already there keeps its place and becomes lead if `more`
/// names it lead.
pub fn merge_units(units: &mut Vec<UnitRef>, more: Vec<UnitRef>) {
    for u in more {
        match units.iter_mut().find(|x| x.name == u.name) {
            Some(x) => {
                if u.role == Role::Lead {
                    x.role = Role::Lead;
                }
            }
            None => units.push(u),
        }
    }
}

/// Two unit names that are probably the same unit written differently: one inside the other
/// (经信局 / 区经信局), or differing by about a character (市场监管局 / 市场监督局).
pub fn is_close(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) >= 2 && (a.contains(b) || b.contains(a)) {
        return true;
    }
    // The same start, a different ending: 区经信委 / 区经信局, 区自然资源局 / 区自然资源和规划分局.
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    if la.min(lb) >= 4 && prefix >= 3 && prefix * 5 >= la.min(lb) * 3 {
        return true;
    }
    let common = closeness(a, b);
    common * 5 >= la.max(lb) * 4 && la.max(lb) >= 3
}

/// The existing department a name denotes: its name or one of its aliases, exactly (after the
/// same normalisation as imported names). Never a prefix or a guess: 市经信局 and 区经信局 are
/// different units.
pub fn match_existing(name: &str, existing: &[DepartmentName]) -> Option<i64> {
    let norm = |s: &str| normalise(s).unwrap_or_else(|| s.to_string());
    existing
        .iter()
        .find(|d| d.name == name || d.aliases.iter().any(|a| a == name))
        .or_else(|| {
            existing
                .iter()
                .find(|d| norm(&d.name) == name || d.aliases.iter().any(|a| norm(a) == name))
        })
        .map(|d| d.id)
}

/// How a draft's unit names meet the departments already in the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitPlan {
    /// (name in the document, existing department's name).
    pub existing: Vec<(String, String)>,
    /// Names that would create a department, each with the close names it may duplicate (existing
    /// departments or aliases, and other new names).
    pub new: Vec<NewUnit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    pub name: String,
    pub close: Vec<String>,
}

/// The closeness check is quadratic in names; beyond this many, only exact matches are reported.
const MAX_CLOSE_CHECK: usize = 2000;

pub fn plan_units(names: &[&str], existing: &[DepartmentName]) -> UnitPlan {
    let mut plan = UnitPlan::default();
    let mut new_names: Vec<&str> = Vec::new();
    for &name in names {
        match match_existing(name, existing) {
            Some(id) => {
                let found = existing
                    .iter()
                    .find(|d| d.id == id)
                    .map(|d| d.name.clone())
                    .unwrap_or_default();
                plan.existing.push((name.to_string(), found));
            }
            None => new_names.push(name),
        }
    }
    let check = new_names.len() + existing.len() <= MAX_CLOSE_CHECK;
    for &name in &new_names {
        let mut close: Vec<String> = Vec::new();
        if check {
            for d in existing {
                if is_close(name, &d.name) || d.aliases.iter().any(|a| is_close(name, a)) {
                    close.push(d.name.clone());
                }
            }
            for &other in &new_names {
                if is_close(name, other) {
                    close.push(other.to_string());
                }
            }
        }
        plan.new.push(NewUnit {
            name: name.to_string(),
            close,
        });
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_stripped() {
        assert_eq!(normalise(" 区农业局负责 ").as_deref(), Some("区农业局"));
        assert_eq!(
            normalise("各有关单位按职责分工负责").as_deref(),
            Some("各有关单位")
        );
        assert_eq!(normalise("区水利局等").as_deref(), Some("区水利局"));
        assert_eq!(
            normalise("财政局<税务分局>)").as_deref(),
            Some("财政局（税务分局）")
        );
        assert_eq!(normalise("、。"), None);
        assert_eq!(
            normalise("\u{1b}[2J区\u{200b}农业局\u{7}").as_deref(),
            Some("[2J区农业局")
        );
    }

    #[test]
    fn collective_names() {
        for n in [
            "各街道办事处",
            "各县（市、区）政府",
            "有关部门",
            "相关街道",
            "区政府有关部门",
        ] {
            assert!(is_collective(n), "{n}");
        }
        for n in ["区发改局", "市场监管局", "区各界联合会"] {
            assert!(!is_collective(n), "{n}");
        }
    }

    #[test]
    fn closeness_of_unit_names() {
        assert!(is_close("经信局", "区经信局"));
        assert!(is_close("市场监管局", "市场监督局"));
        assert!(!is_close("区发改局", "区经信局"));
        assert!(!is_close("区税务局", "区商务局"));
        assert!(!is_close("区财政局", "区财政局"));
        assert!(is_close("区经信委", "区经信局"));
        assert!(is_close("区自然资源局", "区自然资源和规划分局"));
        assert!(!is_close("城东街道", "城西街道"));
        assert!(!is_close("市经信局", "区经信局"));
    }

    #[test]
    fn new_and_existing_units() {
        let existing = vec![DepartmentName {
            id: 7,
            name: "区经济和信息化局".into(),
            aliases: vec!["区经信局".into()],
        }];
        let plan = plan_units(&["区经信局", "经信局", "区农业局"], &existing);
        assert_eq!(
            plan.existing,
            vec![("区经信局".to_string(), "区经济和信息化局".to_string())]
        );
        assert_eq!(plan.new.len(), 2);
        assert_eq!(plan.new[0].name, "经信局");
        assert_eq!(plan.new[0].close, vec!["区经济和信息化局".to_string()]);
        assert!(plan.new[1].close.is_empty());
    }
}
