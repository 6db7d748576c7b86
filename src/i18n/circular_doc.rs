//! Strings of the 通报 as a Word document (`duban report --format docx`): its headings, the
//! narrative's sentences (the figures are picked by `report::circular_narrative`), the default
//! requirements, and the issued circulars' list, in Chinese and English.

use chrono::NaiveDate;

use super::{Lang, en_n, pick};
use crate::domain::CycleTally;
use crate::report::circular_narrative::Overview;
use crate::store::NoticeCounts;

/// 2024年6月30日; 30 June 2024.
pub fn long_date(lang: Lang, d: NaiveDate) -> String {
    if lang.zh() {
        d.format("%Y年%-m月%-d日").to_string()
    } else {
        d.format("%-d %B %Y").to_string()
    }
}

pub struct Headings {
    pub overall: &'static str,
    pub ranking: &'static str,
    pub problems: &'static str,
    pub requirements: &'static str,
    pub red: &'static str,
    pub reporting: &'static str,
    pub annex: &'static str,
    pub annex_title: &'static str,
}

pub fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Zh => Headings {
            overall: "一、总体情况",
            ranking: "二、排名情况",
            problems: "三、存在问题",
            requirements: "四、下步要求",
            red: "(一)进度滞后的任务。",
            reporting: "(二)进度报送不及时的单位。",
            annex: "附件:评分规则和计算方法",
            annex_title: "评分规则和计算方法",
        },
        Lang::En => Headings {
            overall: "1. Overview",
            ranking: "2. Ranking",
            problems: "3. Problems",
            requirements: "4. Requirements",
            red: "(1) Tasks behind schedule. ",
            reporting: "(2) Reports late or missing. ",
            annex: "Annex: the scoring rule and formula",
            annex_title: "The scoring rule and formula",
        },
    }
}

/// Under the title: what the figures are as of.
pub fn as_of_line(lang: Lang, as_of: NaiveDate) -> String {
    pick(
        lang,
        format!("(统计截至{})", long_date(lang, as_of)),
        format!("(figures as of {})", long_date(lang, as_of)),
    )
}

fn points(v: f64) -> String {
    format!("{:.1}", v.abs())
}

/// 一、总体情况's first paragraph: the tasks, done, completion and its change, red and yellow.
pub fn tasks_paragraph(lang: Lang, o: &Overview<'_>) -> String {
    let c = o.circular;
    let t = &c.tasks;
    let date = long_date(lang, c.as_of);
    let previous = super::report::period(lang, c.previous);
    let plan = match c.plans.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
    if lang.zh() {
        let mut s = format!("截至{date},");
        if let Some(p) = plan {
            s.push_str(&format!("《{p}》"));
        }
        s.push_str(&format!("纳入督办的任务共{}项,已完成{}项", t.tasks, t.done));
        if let Some(done) = o.completion {
            s.push_str(&format!(",总体完成进度{done:.1}%"));
            match o.change {
                Some(d) if d.abs() < 0.05 => s.push_str(&format!(",与{previous}末持平")),
                Some(d) if d > 0.0 => {
                    s.push_str(&format!(",较{previous}末提高{}个百分点", points(d)))
                }
                Some(d) => s.push_str(&format!(",较{previous}末下降{}个百分点", points(d))),
                None => {}
            }
        }
        s.push('。');
        if t.red + t.yellow == 0 {
            s.push_str("暂无亮红灯、黄灯的任务。");
        } else {
            s.push_str(&format!("其中亮红灯{}项、黄灯{}项。", t.red, t.yellow));
        }
        s
    } else {
        let mut s = format!(
            "As of {date}, {} under supervision{}; {} done.",
            en_n(t.tasks, "task is", "tasks are"),
            plan.map(|p| format!(" in “{p}”")).unwrap_or_default(),
            en_n(t.done, "is", "are")
        );
        if let Some(done) = o.completion {
            s.push_str(&format!(" Overall completion stands at {done:.1}%"));
            match o.change {
                Some(d) if d.abs() < 0.05 => {
                    s.push_str(&format!(", level with the end of {previous}"))
                }
                Some(d) if d > 0.0 => s.push_str(&format!(
                    ", up {} points on the end of {previous}",
                    points(d)
                )),
                Some(d) => s.push_str(&format!(
                    ", down {} points on the end of {previous}",
                    points(d)
                )),
                None => {}
            }
            s.push('.');
        }
        if t.red + t.yellow == 0 {
            s.push_str(" No task is red or yellow.");
        } else {
            s.push_str(&format!(
                " {} red and {} yellow.",
                en_n(t.red, "task is", "tasks are"),
                t.yellow
            ));
        }
        s
    }
}

/// The reports due in the period: on time, late, missing.
pub fn reports_paragraph(lang: Lang, r: &CycleTally) -> String {
    let due = r.required - r.pending;
    if due == 0 {
        return pick(
            lang,
            "本期尚无到期的进度报送。",
            "No progress report has fallen due this period yet.",
        );
    }
    let rate = f64::from(r.on_time) * 100.0 / f64::from(due);
    if lang.zh() {
        format!(
            "本期应报送进度{due}次,按时报送{}次,逾期报送{}次,未报送{}次,按时报送率{rate:.1}%。",
            r.on_time, r.late, r.missing
        )
    } else {
        format!(
            "Of {} due this period, {} came in on time, {} late and {} not at all: {rate:.1}% on time.",
            en_n(due, "progress report", "progress reports"),
            r.on_time,
            r.late,
            r.missing
        )
    }
}

fn zh_list(names: &[String]) -> String {
    names.join("、")
}

fn en_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The head and the foot of the ranking by the published score.
pub fn ranking_paragraph(lang: Lang, best: &[(&str, f64)], lagging: &[&str]) -> String {
    let lagging: Vec<String> = lagging.iter().map(|s| s.to_string()).collect();
    if lang.zh() {
        let best: Vec<String> = best.iter().map(|(n, s)| format!("{n}({s:.2}分)")).collect();
        let mut s = format!("按综合得分排名,{}位居前列", zh_list(&best));
        if !lagging.is_empty() {
            s.push_str(&format!(";{}排名靠后,需加快推进", zh_list(&lagging)));
        }
        s.push('。');
        s
    } else {
        let best: Vec<String> = best.iter().map(|(n, s)| format!("{n} ({s:.2})")).collect();
        let mut s = format!("By published score, {} lead", en_list(&best));
        if best.len() == 1 {
            s.push('s');
        }
        if !lagging.is_empty() {
            s.push_str(&format!(
                "; {} trail{} and must speed up",
                en_list(&lagging),
                if lagging.len() == 1 { "s" } else { "" }
            ));
        }
        s.push('.');
        s
    }
}

pub fn notices_paragraph(lang: Lang, n: &NoticeCounts) -> String {
    if lang.zh() {
        let mut s = format!(
            "本期签发督办单{}件,已反馈{}件,已办结{}件",
            n.issued, n.answered, n.closed
        );
        if n.overdue > 0 {
            s.push_str(&format!(",逾期未反馈{}件", n.overdue));
        }
        s.push('。');
        s
    } else {
        let mut s = format!(
            "{} issued this period, {} answered, {} closed",
            en_n(
                i64::try_from(n.issued).unwrap_or(i64::MAX),
                "notice",
                "notices"
            ),
            n.answered,
            n.closed
        );
        if n.overdue > 0 {
            s.push_str(&format!("; {} overdue without a reply", n.overdue));
        }
        s.push('.');
        s
    }
}

/// Before the ranking table.
pub fn ranking_intro(lang: Lang, preset: crate::domain::ScorePreset) -> String {
    let how = match (lang, preset) {
        (Lang::Zh, crate::domain::ScorePreset::MinMax) => "按附件所列指标和权重",
        (Lang::Zh, crate::domain::ScorePreset::Points) => "按附件所列计分事项",
        (Lang::En, crate::domain::ScorePreset::MinMax) => "by the metrics and weights in the annex",
        (Lang::En, crate::domain::ScorePreset::Points) => "by the points in the annex",
    };
    pick(
        lang,
        format!("{how}计算,各牵头单位综合得分及排名如下:"),
        format!("Scored {how}, the lead departments rank as follows:"),
    )
}

pub fn none_ranked(lang: Lang) -> String {
    pick(
        lang,
        "本期无参与排名的单位。",
        "No department is ranked this period.",
    )
}

/// Before the red tasks' table.
pub fn red_intro(lang: Lang, n: usize) -> String {
    pick(
        lang,
        format!("共有{n}项任务亮红灯,具体如下:"),
        format!("{} red:", en_n(n as i64, "task is", "tasks are")),
    )
}

pub fn no_red(lang: Lang) -> String {
    pick(lang, "本期无亮红灯的任务。", "No task is red this period.")
}

/// Under the table when more red tasks were found than it lists.
pub fn red_more(lang: Lang, more: usize) -> String {
    pick(
        lang,
        format!("另有{more}项红灯任务未列出,详见 xlsx 通报。"),
        format!("{more} more red tasks are not listed here; see the xlsx circular."),
    )
}

pub fn red_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["编号", "任务", "牵头单位", "完成进度", "原因"],
        Lang::En => ["No.", "Task", "Lead units", "Completion", "Why red"],
    }
}

/// How many departments the sentence names; the rest are counted.
pub const NAMED_LATE: usize = 8;

/// The departments that reported late or not at all, most missing first: (name, late,
/// missing). The first `NAMED_LATE` are named, the others counted (the xlsx lists them all).
pub fn reporting_sentence(lang: Lang, late: &[(&str, u32, u32)]) -> String {
    let rest = late.len().saturating_sub(NAMED_LATE);
    let mut parts: Vec<String> = late
        .iter()
        .take(NAMED_LATE)
        .map(|(name, l, m)| match (lang.zh(), *l, *m) {
            (true, 0, m) => format!("{name}未报送{m}次"),
            (true, l, 0) => format!("{name}逾期报送{l}次"),
            (true, l, m) => format!("{name}逾期报送{l}次、未报送{m}次"),
            (false, 0, m) => format!("{name} missed {}", en_n(m, "report", "reports")),
            (false, l, 0) => format!("{name} was late {}", en_n(l, "time", "times")),
            (false, l, m) => format!(
                "{name} was late {} and missed {m}",
                en_n(l, "time", "times")
            ),
        })
        .collect();
    if rest > 0 {
        parts.push(pick(
            lang,
            format!("另有{rest}个单位存在逾期或未报送情况"),
            format!("{rest} more departments were late or missed reports"),
        ));
    }
    if lang.zh() {
        format!("{}。", parts.join(";"))
    } else {
        format!("{}.", parts.join("; "))
    }
}

pub fn everyone_reported(lang: Lang) -> String {
    pick(
        lang,
        "各单位均按时报送进度。",
        "Every department reported on time.",
    )
}

/// 四、下步要求 when `circular.requirements` is not set.
pub fn default_requirements(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "(一)加快推进滞后任务。亮红灯、黄灯任务的牵头单位要逐项分析原因,制定整改措施,明确完成时限,确保按期完成。\n(二)按时如实报送进度。各单位要严格按照报送时限如实报送工作进展,逾期未报送的将在下期通报中予以说明。\n(三)压实工作责任。各牵头单位主要负责同志要亲自过问、靠前调度,配合单位要主动对接,形成工作合力。"
        }
        Lang::En => {
            "(1) Speed up the tasks behind schedule. The lead units of red and yellow tasks find out why, set out what they will do and by when, and finish on time.\n(2) Report on time and truthfully. Every department reports its progress by the due day; a missing report is named in the next circular.\n(3) Own the work. The heads of lead units follow their tasks in person; co-units work with the lead units without waiting to be asked."
        }
    }
}

/// The issuing office when `circular.office` is not set.
pub fn default_office(lang: Lang) -> &'static str {
    super::notice::default_office(lang)
}

/// The number line of a draft: the pattern with the year and a blank where the number goes.
pub const BLANK_NUMBER: &str = "\u{3000}\u{3000}";

/// `duban report --issue`: the number given and the file.
pub fn issued(lang: Lang, number: &str, file: &str) -> String {
    pick(
        lang,
        format!("已编号印发:{number},写入 {file}"),
        format!("Issued as {number}, written to {file}"),
    )
}

/// `--issue` needs a file to write to: the number and the file's hash are recorded together.
pub fn issue_needs_file(lang: Lang) -> String {
    pick(
        lang,
        "--issue 需要 --format docx 和 -o 文件:编号与所写文件的校验值一并留痕",
        "--issue needs --format docx and -o FILE: the number is recorded with the written file's hash",
    )
}

/// Under a printed 督办单's table.
pub fn notice_reply_line(lang: Lang) -> String {
    pick(
        lang,
        "请于反馈期限前将落实情况书面反馈。",
        "Please reply in writing by the date above.",
    )
}

/// `--issued` lists; it takes no period, file or --issue.
pub fn issued_alone(lang: Lang) -> String {
    pick(
        lang,
        "--issued 只列出已印发的通报,不与 --period、-o、--issue 同用",
        "--issued only lists the issued circulars; it takes no --period, -o or --issue",
    )
}

/// A .docx asked for on standard output.
pub fn docx_needs_file(lang: Lang) -> String {
    pick(
        lang,
        "docx 需要 -o 文件(不能写到标准输出)",
        "a docx needs -o FILE (not standard output)",
    )
}

pub fn issued_columns(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => [
            "文号",
            "期间",
            "统计截至",
            "计划",
            "印发人",
            "印发时间",
            "SHA-256",
        ],
        Lang::En => ["Number", "Period", "As of", "Plan", "By", "At", "SHA-256"],
    }
}

/// `--issue`: the number is recorded (with the document's hash) but the file could not be
/// written after; the same document can be made again, and `--issued` shows the record.
pub fn issued_not_written(lang: Lang, number: &str, file: &str, why: &str) -> String {
    pick(
        lang,
        format!(
            "已印发并留痕为 {number},但写入 {file} 失败:{why}(duban report --issued 可查该记录)"
        ),
        format!(
            "issued and recorded as {number}, but writing {file} failed: {why} (duban report \
             --issued shows the record)"
        ),
    )
}

/// `--issued`: a circular issued without `--plan` covers every plan of the file.
pub fn every_plan(lang: Lang) -> &'static str {
    if lang.zh() {
        "全部计划"
    } else {
        "all plans"
    }
}

pub fn none_issued(lang: Lang) -> String {
    pick(lang, "尚未印发通报。", "No circular has been issued.")
}

/// A 督办单 as a document: the signature's words.
pub fn signature_date(lang: Lang, d: NaiveDate) -> String {
    long_date(lang, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranking_sentence_names_the_head_and_the_foot() {
        assert_eq!(
            ranking_paragraph(Lang::Zh, &[("甲局", 98.5)], &["乙局"]),
            "按综合得分排名,甲局(98.50分)位居前列;乙局排名靠后,需加快推进。"
        );
        assert_eq!(
            ranking_paragraph(Lang::En, &[("A", 98.5), ("B", 90.0)], &["D", "C"]),
            "By published score, A (98.50) and B (90.00) lead; D and C trail and must speed up."
        );
        assert_eq!(
            ranking_paragraph(Lang::En, &[("A", 98.5)], &["B"]),
            "By published score, A (98.50) leads; B trails and must speed up."
        );
    }

    #[test]
    fn the_late_are_named_up_to_a_limit_and_the_rest_counted() {
        assert_eq!(
            reporting_sentence(Lang::Zh, &[("甲局", 0, 2), ("乙局", 1, 0), ("丙局", 3, 1)]),
            "甲局未报送2次;乙局逾期报送1次;丙局逾期报送3次、未报送1次。"
        );
        let many: Vec<(&str, u32, u32)> = (0..NAMED_LATE + 2).map(|_| ("局", 0, 1)).collect();
        let s = reporting_sentence(Lang::En, &many);
        assert!(
            s.ends_with("; 2 more departments were late or missed reports."),
            "{s}"
        );
        assert_eq!(s.matches("missed 1 report").count(), NAMED_LATE);
    }

    #[test]
    fn reports_due_give_the_on_time_rate() {
        let r = CycleTally {
            required: 12,
            on_time: 6,
            late: 2,
            missing: 2,
            pending: 2,
        };
        assert_eq!(
            reports_paragraph(Lang::Zh, &r),
            "本期应报送进度10次,按时报送6次,逾期报送2次,未报送2次,按时报送率60.0%。"
        );
        assert_eq!(
            reports_paragraph(Lang::Zh, &CycleTally::default()),
            "本期尚无到期的进度报送。"
        );
    }
}
