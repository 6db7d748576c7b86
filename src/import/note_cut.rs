//! Responsibility notes inside a task's text: the bracket groups that are notes ("(责任单位:…)",
//! "〔牵头单位:…〕", "(A牵头,B配合)") are cut out of the text; `units` reads their inside.

use super::units;

/// A bracket group found in a task's text.
pub(super) struct Found {
    pub(super) inner: String,
    pub(super) repaired: bool,
}

/// The longest bracket group looked at as a note.
pub(super) const MAX_NOTE: usize = 2000;

/// Cuts responsibility notes out of `text`: returns the text without them and the notes.
pub(super) fn cut_notes(text: &str) -> (String, Vec<Found>) {
    let chars: Vec<char> = text.chars().collect();
    // Matching brackets in one pass, line by line (a note never spans lines); unmatched: None.
    let mut close_of: Vec<Option<usize>> = vec![None; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (k, c) in chars.iter().enumerate() {
        match c {
            '(' | '（' | '〔' | '[' | '【' => open.push(k),
            ')' | '）' | '〕' | ']' | '】' => {
                if let Some(o) = open.pop() {
                    close_of[o] = Some(k);
                }
            }
            '\n' => open.clear(),
            _ => {}
        }
    }
    let mut next_newline = vec![chars.len(); chars.len()];
    let mut at = chars.len();
    for k in (0..chars.len()).rev() {
        if chars[k] == '\n' {
            at = k;
        }
        next_newline[k] = at;
    }
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Notes come in round brackets, and in 〔〕 [] 【】 in some local plans.
        if matches!(c, '(' | '（' | '〔' | '[' | '【') {
            // Looking no further than MAX_NOTE chars.
            let limit = chars.len().min(i + MAX_NOTE);
            let close = close_of[i].filter(|k| *k < limit);
            let line_end = next_newline[i].min(limit);
            if close.is_none() {
                // An unclosed note must at least start with its label.
                let head: String = chars[i + 1..(i + 13).min(chars.len())].iter().collect();
                if !units::starts_with_label(&head) {
                    out.push(c);
                    i += 1;
                    continue;
                }
            }
            // (end of the inside, exclusive; where to go on; repaired)
            let (inner_end, next, repaired) = match close {
                Some(k) => {
                    // "(责任单位:A、B<C>)、D、E)": the note went on after a stray close.
                    let rest_end = next_newline.get(k + 1).copied().unwrap_or(limit).min(limit);
                    let rest = &chars[k + 1..rest_end];
                    let extends = matches!(rest.first(), Some('、' | ',' | '，'))
                        && !rest.contains(&'。')
                        && rest.iter().any(|c| is_close_bracket(*c));
                    if extends {
                        let last = rest.iter().rposition(|c| is_close_bracket(*c)).unwrap_or(0);
                        (k + 1 + last, k + 2 + last, true)
                    } else {
                        (k, k + 1, false)
                    }
                }
                None => (line_end, line_end, true),
            };
            let inner: String = chars[i + 1..inner_end.max(i + 1)].iter().collect();
            // A repaired note may end with the stray close; a name's own "(街道)" stays.
            let mut inner_clean = inner;
            while inner_clean.ends_with(is_close_bracket)
                && inner_clean.chars().filter(|c| is_close_bracket(*c)).count()
                    > inner_clean.chars().filter(|c| is_open_bracket(*c)).count()
            {
                inner_clean.pop();
            }
            if units::looks_like_note(&inner_clean) {
                notes.push(Found {
                    inner: inner_clean,
                    repaired,
                });
                i = next;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (out, notes)
}

pub(super) fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '（' | '〔' | '[' | '【')
}

pub(super) fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | '）' | '〕' | ']' | '】')
}
