//! A progress note the way reports are written: 进展情况 / 存在问题 / 下一步计划.
//!
//! Stored as one text, one part per heading line, so that `duban log`, exports and the history
//! read naturally; a note typed freely (from `duban update --note`) is kept whole as its progress
//! part.

/// The three parts of a report. Each may span several lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportNote {
    pub progress: String,
    pub problems: String,
    pub next: String,
}

/// The headings, in order, as they are stored (the text is Chinese whatever the UI language,
/// because the journal is the office's record).
pub const HEADINGS: [&str; 3] = ["进展情况", "存在问题", "下一步计划"];

impl ReportNote {
    pub fn parts(&self) -> [&str; 3] {
        [&self.progress, &self.problems, &self.next]
    }

    pub fn part_mut(&mut self, i: usize) -> &mut String {
        match i {
            0 => &mut self.progress,
            1 => &mut self.problems,
            _ => &mut self.next,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.parts().iter().all(|p| p.trim().is_empty())
    }

    /// The stored text: `进展情况:…` and so on, empty parts left out.
    pub fn to_text(&self) -> String {
        let mut out = Vec::new();
        for (heading, part) in HEADINGS.iter().zip(self.parts()) {
            let part = part.trim();
            if !part.is_empty() {
                out.push(format!("{heading}:{part}"));
            }
        }
        out.join("\n")
    }

    /// Splits a stored note at the headings. Text before any heading belongs to the progress part.
    pub fn parse(text: &str) -> ReportNote {
        let mut note = ReportNote::default();
        let mut current = 0;
        // Any line end is one (an old note or a sheet may hold CR or CRLF): `to_text` writes "\n",
        // so a note read back reads the same.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for line in text.lines() {
            let trimmed = line.trim_start();
            // A heading is the word and its colon, as `to_text` writes it: a line that merely
            // starts with the word ("存在问题已整改") is text.
            let heading = HEADINGS.iter().position(|h| {
                trimmed
                    .strip_prefix(h)
                    .is_some_and(|rest| rest.starts_with([':', ':']))
            });
            let body = match heading {
                Some(i) => {
                    current = i;
                    let rest = &trimmed[HEADINGS[i].len()..];
                    rest.trim_start_matches([':', ':', ' ', ' '])
                }
                None => line,
            };
            let part = note.part_mut(current);
            if !part.is_empty() {
                part.push('\n');
            }
            part.push_str(body);
        }
        note
    }

    /// True when the two notes say the same thing, ignoring spacing and punctuation width: a report
    /// copied unchanged from last time is a known problem the supervisors want to see.
    pub fn same_as(&self, other: &ReportNote) -> bool {
        fn squash(s: &str) -> String {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    ',' => ',',
                    '。' => '.',
                    ';' => ';',
                    ':' => ':',
                    other => other,
                })
                .collect()
        }
        !self.is_empty()
            && self
                .parts()
                .iter()
                .zip(other.parts())
                .all(|(a, b)| squash(a) == squash(b))
    }
}

/// The note of the journal row a department merge writes when the surviving department takes
/// over the merged one's percent on a task: the record says where the figure came from.
pub fn merge_carried(from: &str) -> String {
    format!("部门合并:承接「{from}」的进度")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_three_parts() {
        let note = ReportNote {
            progress: "已完成方案初稿。\n召开协调会两次。".into(),
            problems: "资金未到位".into(),
            next: "6月底前报审".into(),
        };
        let text = note.to_text();
        assert_eq!(
            text,
            "进展情况:已完成方案初稿。\n召开协调会两次。\n存在问题:资金未到位\n下一步计划:6月底前报审"
        );
        assert_eq!(ReportNote::parse(&text), note);
    }

    #[test]
    fn free_text_is_the_progress_part_and_empty_parts_are_left_out() {
        let note = ReportNote::parse("园区主体完工");
        assert_eq!(note.progress, "园区主体完工");
        assert!(note.problems.is_empty() && note.next.is_empty());
        let only_next = ReportNote {
            next: "验收".into(),
            ..Default::default()
        };
        assert_eq!(only_next.to_text(), "下一步计划:验收");
        assert_eq!(ReportNote::parse("下一步计划: 验收"), only_next);
        assert_eq!(ReportNote::parse(""), ReportNote::default());
        let text = ReportNote::parse("完成诊断\n存在问题已全部整改");
        assert_eq!(text.progress, "完成诊断\n存在问题已全部整改");
    }

    #[test]
    fn a_copied_note_is_the_same_despite_spacing() {
        let a = ReportNote::parse("进展情况:已完成初稿,正在征求意见。");
        let b = ReportNote::parse("进展情况:已完成初稿, 正在征求意见.");
        assert!(a.same_as(&b));
        let c = ReportNote::parse("进展情况:已完成初稿,意见已征求。");
        assert!(!a.same_as(&c));
        assert!(!ReportNote::default().same_as(&ReportNote::default()));
    }
}
