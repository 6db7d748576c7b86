//! Where the plan's text is: the lines that end the main text (attachments, signatures, page
//! footers, the closing sentence), print and web noise inside it, field lines under an item
//! (完成时限:…), and the appendix blocks after it.

use super::numbering::{CN_DIGITS, ascii_digit};
use super::plan_text::Line;

/// Lines that end the main text: the attachment list, the signature line, web-page footers, the
/// closing sentence ("本文件自…起施行", "各地各部门要按照本决定要求…").
pub(super) fn ends_main_text(t: &str) -> bool {
    let starts = |p: &str| t.starts_with(p);
    if starts("附件") {
        return true;
    }
    const FOOTERS: &[&str] = &[
        "特别声明",
        "版权所有",
        "版权声明",
        "Copyright",
        "copyright",
        "©",
        "责任编辑",
        "打印本页",
        "【打印",
        "关闭窗口",
        "扫一扫",
        "分享到",
        "相关链接",
        "上一篇",
        "下一篇",
        "抄送",
    ];
    if FOOTERS.iter().any(|f| starts(f)) {
        return true;
    }
    if t.ends_with("印发") && t.contains('年') && t.contains('日') && t.chars().count() < 60 {
        return true;
    }
    let closers = [
        "本文件",
        "本方案",
        "本计划",
        "本意见",
        "本决定",
        "本通知",
        "本办法",
        "本要点",
    ];
    let openers = ["各地", "各部门", "各单位", "各级", "各有关"];
    let mentions = closers.iter().any(|c| t.contains(c));
    (closers.iter().any(|c| starts(c))
        && (t.contains("施行") || t.contains("执行") || t.contains("解释")))
        || (openers.iter().any(|o| starts(o)) && mentions && t.chars().count() < 120)
}

/// Print-layout and web noise inside the text: "(上接第1版)", "(本文有删减)".
pub(super) fn is_page_noise(t: &str) -> bool {
    let inner = t
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    inner.len() < t.len()
        && [
            "上接",
            "下转",
            "接上",
            "转下",
            "本文有删减",
            "此件公开发布",
            "此件主动公开",
        ]
        .iter()
        .any(|w| inner.starts_with(w))
}

/// "完成时限:2021年底前" / "时间节点：6月底前" -> the phrase.
pub(super) fn deadline_field(t: &str) -> Option<String> {
    for label in ["完成时限", "完成时间", "时间节点", "时限要求", "完成期限"] {
        if let Some(rest) = t.strip_prefix(label) {
            let rest = rest.trim_start().strip_prefix([':', '：'])?;
            return Some(rest.trim().to_string());
        }
    }
    None
}

/// Appendix blocks after the main text: a line "附件" / "附件2" starts one; its first line is its
/// title. Returns (number, title, lines after the title).
pub(super) fn appendix_blocks(rest: &[Line]) -> Vec<(String, String, Vec<Line>)> {
    let mut blocks: Vec<(String, String, Vec<Line>)> = Vec::new();
    let mut current: Option<(String, Option<String>, Vec<Line>)> = None;
    for l in rest {
        let t = l.text.as_str();
        if let Some(num) = appendix_start(t) {
            if let Some((n, title, lines)) = current.take() {
                blocks.push((n, title.unwrap_or_default(), lines));
            }
            current = Some((num, None, Vec::new()));
            continue;
        }
        if let Some((_, title, lines)) = current.as_mut() {
            if ends_main_text(t) && !t.starts_with("附件") {
                let (n, title, lines) = current.take().expect("checked");
                blocks.push((n, title.unwrap_or_default(), lines));
                continue;
            }
            if title.is_none() && !t.contains('|') {
                *title = Some(t.to_string());
            } else {
                lines.push(l.clone());
            }
        }
    }
    if let Some((n, title, lines)) = current {
        blocks.push((n, title.unwrap_or_default(), lines));
    }
    blocks
}

/// "附件", "附件2", "附件 2:" alone on a line (not the list "附件:1.…").
pub(super) fn appendix_start(t: &str) -> Option<String> {
    let rest = t.strip_prefix("附件")?;
    let rest = rest.trim().trim_end_matches([':', '：']).trim();
    if rest.is_empty() {
        return Some("附件".to_string());
    }
    (rest.chars().count() <= 3
        && rest
            .chars()
            .all(|c| ascii_digit(c).is_some() || CN_DIGITS.contains(c)))
    .then(|| format!("附件{rest}"))
}
