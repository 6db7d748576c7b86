//! Responsibility notes (责任单位) -> units and roles. The names themselves (normalising, what
//! looks like a unit, matching departments) are `unit_names`, re-exported here.
//!
//! A note is the inside of "(责任单位:*区经信局、区发改局;标记*的为牵头单位,下同)", or a line
//! "牵头单位:区经信局". It may carry labels (牵头单位 / 配合单位 / 协同责任单位), role words after
//! names ("A牵头,B、C配合"), `*` marks, a declaration for the rest of the document ("标记*的为牵头
//! 单位", "列第一位者为牵头单位"), and a note for every later task ("以下各项工作均需…不再列出").
//! When a note marks no lead, its first-named unit leads (DESIGN.md: the first-named unit is the
//! lead when none is marked).

use crate::domain::Role;

use super::draft::UnitRef;
use super::unit_names::strip_noise;
pub use super::unit_names::{
    NewUnit, UnitPlan, is_close, is_collective, looks_like_unit, match_existing, merge_units,
    normalise, plan_units, split_depth0,
};

/// What one note says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    pub units: Vec<UnitRef>,
    /// A clause for every later task ("以下各项工作均需…负责落实,不再列出").
    pub common: Option<String>,
    /// The note declares `*` as the lead mark ("标记*的为牵头单位,下同").
    pub star_declared: bool,
    /// The note declares the first-named unit the lead ("列第一位者为牵头单位").
    pub first_lead_declared: bool,
    /// A name had to be dropped or repaired.
    pub repaired: bool,
    /// Fields of the note that name no responsible unit ("适用范围:所有试验区"), as written:
    /// the task keeps them as text.
    pub other: Vec<String>,
}

/// Between the names of one list.
const NAME_SEPARATORS: &[char] = &['、', ',', '，', ' ', '\u{3000}', '\t', '/'];

/// Words that join two names in national and local notes: "A等和各省级人民政府" (A, and the
/// provinces), "A等有关部门" (A, and the collective), "A会同B负责" (A with B). Written as a plain
/// separator so that each side is a name of its own.
fn joined_names(text: &str) -> String {
    let mut t = text.to_string();
    if !t.contains(['等', '会', '以', '和']) {
        return t;
    }
    for (joint, keep) in [
        ("等和", ""),
        ("等有关", "有关"),
        ("等相关", "相关"),
        ("等各", "各"),
        ("会同", ""),
        ("以及", ""),
        ("和各", "各"),
    ] {
        if t.contains(joint) {
            t = t.replace(joint, &format!("、{keep}"));
        }
    }
    t
}

/// Bracketed remarks inside a list of names that declare a rule rather than name a unit:
/// "市卫健委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)". Returns the text without
/// them and the remarks.
fn take_remarks(text: &str) -> (String, Vec<String>) {
    if !text.contains(['(', '（']) {
        return (text.to_string(), Vec::new());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut remarks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '(' | '（') {
            let mut depth = 0usize;
            let close = (i..chars.len()).find(|&k| {
                match chars[k] {
                    '(' | '（' => depth += 1,
                    ')' | '）' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                depth == 0
            });
            if let Some(k) = close {
                let inner: String = chars[i + 1..k].iter().collect();
                let declares = ["下同", "第一位", "标注", "标记", "为牵头"]
                    .iter()
                    .any(|w| inner.contains(w));
                if declares {
                    remarks.push(inner);
                    i = k + 1;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, remarks)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Lead,
    Co,
    /// Not said: the first such unit leads unless the note marks a lead.
    Unsaid,
    /// A field that names no responsible unit (适用范围, 数据提供单位, 牵头负责领导: a person):
    /// kept as the task's text, never read as units.
    Text,
}

/// Labels, longest first so that 协同责任单位 is not read as 责任单位.
const LABELS: &[(&str, Slot)] = &[
    ("协同责任单位", Slot::Co),
    ("配合责任单位", Slot::Co),
    ("牵头负责部门", Slot::Lead),
    ("牵头负责单位", Slot::Lead),
    ("牵头责任单位", Slot::Lead),
    ("主要责任单位", Slot::Lead),
    ("牵头单位", Slot::Lead),
    ("牵头部门", Slot::Lead),
    ("主办单位", Slot::Lead),
    ("责任单位", Slot::Unsaid),
    ("责任部门", Slot::Unsaid),
    ("实施单位", Slot::Unsaid),
    ("责任主体", Slot::Unsaid),
    ("负责部门", Slot::Unsaid),
    ("负责单位", Slot::Unsaid),
    ("承办单位", Slot::Unsaid),
    ("配合单位", Slot::Co),
    ("配合部门", Slot::Co),
    ("协同单位", Slot::Co),
    ("协同部门", Slot::Co),
    ("协办单位", Slot::Co),
    ("参与单位", Slot::Co),
    ("协助单位", Slot::Co),
];

/// Whether `text` starts with a note label followed by a colon; returns the label's role and the
/// text after the colon.
fn label_at(text: &str) -> Option<(Slot, &str)> {
    let t = text.trim_start();
    for (label, slot) in LABELS {
        if let Some(rest) = t.strip_prefix(label) {
            let rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix([':', '：']) {
                return Some((*slot, after));
            }
        }
    }
    None
}

/// Any other "label:" at the start of `text` (2 to 10 letters, then a colon): a field of the note
/// that is not a responsibility ("适用范围:", "数据提供单位:", "分管领导:"). Returns the text
/// after the colon.
fn other_label_at(text: &str) -> Option<&str> {
    let t = text.trim_start();
    // A label is short: look no further than its longest length (this runs at every separator).
    let (at, _) = t
        .char_indices()
        .take(11)
        .find(|(_, c)| matches!(c, ':' | '：'))?;
    let label = &t[..at];
    let n = label.chars().count();
    let letters = label
        .chars()
        .all(|c| c.is_alphabetic() && !c.is_ascii_alphabetic());
    let colon = t[at..].chars().next()?.len_utf8();
    (letters && (2..=10).contains(&n)).then(|| &t[at + colon..])
}

/// A line (or a bracket's inside) that starts with a responsibility label: "牵头单位:区经信局".
pub fn starts_with_label(text: &str) -> bool {
    label_at(text).is_some()
}

/// Whether a bracket's inside is a responsibility note: a label, or a list of unit names with
/// role words ("区经信局牵头,区财政局配合", "区经信局、区财政局负责").
pub fn looks_like_note(inner: &str) -> bool {
    if starts_with_label(inner) {
        return true;
    }
    let t = inner.trim();
    let has_role_word = t.contains("牵头")
        || ["负责", "配合", "参与", "指导"]
            .iter()
            .any(|w| t.ends_with(w));
    if !has_role_word || t.contains('。') {
        return false;
    }
    let items = split_depth0(&joined_names(t), &['、', ',', '，', ';', '；']);
    !items.is_empty()
        && items.iter().all(|item| {
            let name = strip_role_words(item.trim()).0;
            let name = strip_noise(&name);
            looks_like_unit(&name)
        })
}

/// Parses a note's inside.
pub fn parse_note(inner: &str) -> Note {
    let mut note = Note::default();
    // (slot, raw item) in order.
    let mut items: Vec<(Slot, String)> = Vec::new();
    let (inner, remarks) = take_remarks(inner);
    let clauses = split_depth0(&inner, &['。', ';', '；']).into_iter().chain(
        remarks
            .iter()
            .flat_map(|r| split_depth0(r, &['。', ';', '；'])),
    );
    for clause in clauses {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        if (clause.contains('*') || clause.contains('＊')) && clause.contains("牵头") {
            // "标记*的为牵头单位,下同", "带*号的为牵头单位"
            let without_names = !clause.starts_with(['*', '＊']);
            if without_names {
                note.star_declared = true;
                continue;
            }
        }
        if clause.contains("第一") && clause.contains("牵头") && !starts_with_label(clause) {
            note.first_lead_declared = true;
            continue;
        }
        if clause.contains("以下")
            && ["不再列出", "下同", "均需", "均由", "不再一一列出"]
                .iter()
                .any(|w| clause.contains(w))
        {
            note.common = Some(clause.to_string());
            continue;
        }
        for (slot, text) in labelled_parts(clause) {
            if slot == Slot::Text {
                note.other.push(text.trim().to_string());
                continue;
            }
            let mut pending: Vec<String> = Vec::new();
            for raw in split_depth0(&joined_names(&text), NAME_SEPARATORS) {
                let raw = raw.trim();
                if raw.is_empty() {
                    continue;
                }
                let (name, said) = strip_role_words(raw);
                pending.push(name);
                if let Some(role) = said {
                    for p in pending.drain(..) {
                        items.push((role, p));
                    }
                }
            }
            for p in pending {
                items.push((slot, p));
            }
        }
    }
    // Names, `*` marks and noise.
    let mut named: Vec<(Slot, String)> = Vec::new();
    for (slot, raw) in items {
        let (starred, rest) = match raw.trim().strip_prefix(['*', '＊']) {
            Some(rest) => (true, rest),
            None => (false, raw.as_str()),
        };
        let Some(name) = normalise(rest) else {
            note.repaired = true;
            continue;
        };
        let slot = if starred { Slot::Lead } else { slot };
        if let Some(existing) = named.iter_mut().find(|(_, n)| *n == name) {
            if slot == Slot::Lead {
                existing.0 = Slot::Lead;
            }
            continue;
        }
        named.push((slot, name));
    }
    let any_lead = named.iter().any(|(s, _)| *s == Slot::Lead);
    let mut first_unsaid = !any_lead;
    for (slot, name) in named {
        let role = match slot {
            Slot::Lead => Role::Lead,
            Slot::Co => Role::Co,
            Slot::Unsaid if first_unsaid => {
                first_unsaid = false;
                Role::Lead
            }
            Slot::Unsaid | Slot::Text => Role::Co,
        };
        note.units.push(UnitRef { name, role });
    }
    note
}

/// Splits a clause at its labels: "牵头单位:A 配合单位:B" -> [(Lead, "A "), (Co, "B")]. Text
/// before the first label is unlabelled.
fn labelled_parts(clause: &str) -> Vec<(Slot, String)> {
    let mut parts: Vec<(Slot, String)> = Vec::new();
    let mut slot = Slot::Unsaid;
    let mut current = String::new();
    let mut prev: Option<char> = None;
    let mut skip_to = 0usize;
    for (at, c) in clause.char_indices() {
        if at < skip_to {
            prev = Some(c);
            continue;
        }
        // A label starts a part only at the start or after a separator.
        let at_boundary = prev.is_none_or(|p| {
            matches!(
                p,
                ' ' | '\u{3000}' | ',' | '，' | '、' | ';' | '；' | '\t' | '。'
            )
        });
        let found = at_boundary
            .then(|| {
                label_at(&clause[at..])
                    .or_else(|| other_label_at(&clause[at..]).map(|after| (Slot::Text, after)))
            })
            .flatten();
        if let Some((s, after)) = found {
            if !current.trim().is_empty() {
                parts.push((slot, std::mem::take(&mut current)));
            }
            current.clear();
            slot = s;
            skip_to = clause.len() - after.len();
            // A field kept as text keeps its label: "适用范围:所有试验区".
            if s == Slot::Text {
                current.push_str(clause[at..skip_to].trim_start());
            }
            prev = Some(c);
            continue;
        }
        current.push(c);
        prev = Some(c);
    }
    if !current.trim().is_empty() {
        parts.push((slot, current));
    }
    parts
}

/// "区经信局牵头" -> ("区经信局", Lead); "区财政局配合" -> ("区财政局", Co).
fn strip_role_words(raw: &str) -> (String, Option<Slot>) {
    let mut name = raw.trim().to_string();
    let mut role = None;
    for _ in 0..3 {
        let before = name.clone();
        // "X指导": the unit that guides, named like any other.
        for noise in ["负责落实", "负责", "具体实施", "落实", "指导"] {
            if let Some(n) = name.strip_suffix(noise) {
                name = n.to_string();
            }
        }
        // "A、B分别牵头": both lead; "共同牵头" likewise.
        for noise in ["分别", "共同"] {
            if let Some(n) = name.strip_suffix(noise) {
                name = n.to_string();
            }
        }
        for (word, slot) in [
            ("牵头", Slot::Lead),
            ("配合", Slot::Co),
            ("协同", Slot::Co),
            ("参与", Slot::Co),
            ("协助", Slot::Co),
        ] {
            if let Some(n) = name.strip_suffix(word) {
                name = n.to_string();
                role = role.or(Some(slot));
            }
        }
        if let Some(n) = name.strip_prefix('由') {
            name = n.to_string();
        }
        if name == before {
            break;
        }
    }
    (name, role)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(note: &Note) -> Vec<(String, Role)> {
        note.units
            .iter()
            .map(|u| (u.name.clone(), u.role))
            .collect()
    }

    fn lead(n: &str) -> (String, Role) {
        (n.to_string(), Role::Lead)
    }

    fn co(n: &str) -> (String, Role) {
        (n.to_string(), Role::Co)
    }

    #[test]
    fn plain_list_first_leads() {
        let n = parse_note("责任单位:区农业局、区林业局,区水利局");
        assert_eq!(
            names(&n),
            vec![lead("区农业局"), co("区林业局"), co("区水利局")]
        );
        let n = parse_note("责任单位：区农业局、区林业局");
        assert_eq!(names(&n), vec![lead("区农业局"), co("区林业局")]);
    }

    #[test]
    fn stars_mark_leads_and_declaration_is_seen() {
        let n = parse_note("责任单位:区林业局、*区农业局,各乡镇;带*的为牵头单位,下同");
        assert_eq!(
            names(&n),
            vec![co("区林业局"), lead("区农业局"), co("各乡镇")]
        );
        assert!(n.star_declared);
    }

    #[test]
    fn labels_and_role_words() {
        let n = parse_note("牵头单位:区交通局 配合单位:区公安分局、区城管局");
        assert_eq!(
            names(&n),
            vec![lead("区交通局"), co("区公安分局"), co("区城管局")]
        );
        let n = parse_note("区交通局牵头,区公安分局、区城管局配合");
        assert_eq!(
            names(&n),
            vec![lead("区交通局"), co("区公安分局"), co("区城管局")]
        );
        let n = parse_note("牵头单位:区交通局;协同责任单位:区公安分局");
        assert_eq!(names(&n), vec![lead("区交通局"), co("区公安分局")]);
    }

    #[test]
    fn nested_brackets_and_common_note() {
        let n = parse_note(
            "责任单位:市交通局,各县(市、区)政府。以下各项工作均需各县(市、区)政府负责落实,不再列出",
        );
        assert_eq!(names(&n), vec![lead("市交通局"), co("各县（市、区）政府")]);
        assert!(n.common.as_deref().unwrap().contains("不再列出"));
    }

    #[test]
    fn unlabelled_notes_are_recognised() {
        assert!(looks_like_note("区交通局牵头,区城管局配合"));
        assert!(looks_like_note("区交通局、区城管局负责"));
        assert!(looks_like_note("责任单位:区交通局"));
        assert!(!looks_like_note("含技改"));
        assert!(!looks_like_note("2021年底前完成,由企业负责"));
    }

    #[test]
    fn national_and_local_verb_forms() {
        let n = parse_note("水利局、农业局等和各省级人民政府负责");
        assert_eq!(
            names(&n),
            vec![lead("水利局"), co("农业局"), co("各省级人民政府")]
        );
        let n = parse_note("市交通局会同有关部门负责");
        assert_eq!(names(&n), vec![lead("市交通局"), co("有关部门")]);
        let n = parse_note("牵头单位:区城管局;责任单位:区建设局等有关部门");
        assert_eq!(
            names(&n),
            vec![lead("区城管局"), co("区建设局"), co("有关部门")]
        );
        let n = parse_note("区教育局、区卫健局分别牵头");
        assert_eq!(names(&n), vec![lead("区教育局"), lead("区卫健局")]);
        assert!(looks_like_note("区住建局牵头,区财政局、区级相关部门配合"));
        assert!(looks_like_note("市交通局会同有关部门负责"));
    }

    #[test]
    fn fields_that_name_no_unit_are_kept_as_text() {
        let n = parse_note("负责部门:区商务局、区海关;适用范围:全部试验片区,下文另有标注的除外");
        assert_eq!(names(&n), vec![lead("区商务局"), co("区海关")]);
        assert_eq!(
            n.other,
            vec!["适用范围:全部试验片区,下文另有标注的除外".to_string()]
        );
        let n = parse_note("牵头单位:县财政局;数据提供单位:县统计局");
        assert_eq!(names(&n), vec![lead("县财政局")]);
        let n = parse_note("牵头负责领导:王某某;牵头负责部门:县发改局");
        assert_eq!(names(&n), vec![lead("县发改局")]);
    }

    #[test]
    fn a_remark_declaring_a_rule_is_not_part_of_a_name() {
        let n =
            parse_note("责任单位:县发改局、县财政局(除注明“分别牵头”外,列第一位的为牵头单位,下同)");
        assert_eq!(names(&n), vec![lead("县发改局"), co("县财政局")]);
        assert!(n.first_lead_declared);
        assert!(looks_like_unit("各乡镇（街道）"));
        assert!(!looks_like_unit("市人"));
    }
}
