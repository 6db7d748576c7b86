//! Strings of the spreadsheet commands (`duban export`, `duban import xlsx|csv`), in Chinese and
//! English. Kept apart from `i18n.rs` as the other command groups' are.

use super::{Lang, pick};
use crate::import::sheet::ReadError;
use crate::import::sheet_changes::{Cell, Newer, Problem, StaleRow};
use crate::report::journal::local_time;

/// Where a cell is, as a clerk finds it: the file, the sheet (a CSV has only the file), the row
/// and the column's letter and heading.
pub fn location(lang: Lang, file: &str, csv: bool, at: &Cell) -> String {
    let column = at.column.map(|(c, i)| (Cell::letters(i), c.heading()));
    match lang {
        Lang::Zh => {
            let mut s = file.to_string();
            if !csv {
                s.push_str(&format!(" 工作表「{}」", at.sheet));
            }
            if at.row > 0 {
                s.push_str(&format!(" 第 {} 行", at.row));
            }
            if let Some((letter, heading)) = column {
                s.push_str(&format!(" {letter} 列({heading})"));
            }
            s
        }
        Lang::En => {
            let mut s = file.to_string();
            if !csv {
                s.push_str(&format!(", sheet “{}”", at.sheet));
            }
            if at.row > 0 {
                s.push_str(&format!(", row {}", at.row));
            }
            if let Some((letter, heading)) = column {
                s.push_str(&format!(", column {letter} ({heading})"));
            }
            s
        }
    }
}

/// Why a cell or row is refused.
pub fn problem(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::PercentNotANumber(s) => pick(
            lang,
            format!("完成率「{s}」不是数字;应为 0 到 100 的百分数,如 60%、60 或 0.6"),
            format!("the percent “{s}” is not a number; give 0 to 100, as 60%, 60 or 0.6"),
        ),
        Problem::PercentOutOfRange(s) => pick(
            lang,
            format!("完成率「{s}」超出范围,应在 0% 到 100% 之间"),
            format!("the percent “{s}” is out of range; it must be from 0% to 100%"),
        ),
        Problem::BadDeadline(s) => pick(
            lang,
            format!("完成时限「{s}」无法识别;请写成 2024-06-30、6月底前、2024年底前、每季度或长期"),
            format!(
                "cannot read the deadline “{s}”; write it as 2024-06-30, 6月底前, 2024年底前, 每季度 or 长期"
            ),
        ),
        Problem::UnknownDepartment { name, close } if close.is_empty() => pick(
            lang,
            format!("没有名为「{name}」的单位;用 duban dept list 查看,或先用 duban dept add 添加"),
            format!(
                "no department called “{name}”; `duban dept list` lists them, `duban dept add` adds one"
            ),
        ),
        Problem::UnknownDepartment { name, close } => pick(
            lang,
            format!(
                "没有名为「{name}」的单位。是否要找:{}(也可用 duban dept alias 把它设为别名)",
                close.join("、")
            ),
            format!(
                "no department called “{name}”. Did you mean: {} (or make it an alias with `duban dept alias`)",
                close.join(", ")
            ),
        ),
        Problem::DuplicateUnit(name) => pick(
            lang,
            format!("单位「{name}」重复出现"),
            format!("{name} is named twice"),
        ),
        Problem::NotAUnit { department, units } if units.is_empty() => pick(
            lang,
            format!("「{department}」不是这项任务的责任单位(该任务还没有责任单位)"),
            format!("{department} is not a unit of this task (it has none yet)"),
        ),
        Problem::NotAUnit { department, units } => pick(
            lang,
            format!(
                "「{department}」不是这项任务的责任单位;其责任单位:{}",
                units.join("、")
            ),
            format!(
                "{department} is not a unit of this task; its units are: {}",
                units.join(", ")
            ),
        ),
        Problem::NoUnitToReport => pick(
            lang,
            "这项任务没有责任单位,无法填报进度;请先填写牵头单位",
            "this task has no responsible unit, so no progress can be reported; fill in its lead unit first",
        ),
        Problem::NoTitle => pick(
            lang,
            "这一行有内容但任务名称为空",
            "this row has values but no task title",
        ),
        Problem::UnknownPlan(s) => pick(
            lang,
            format!("没有名为「{s}」的计划"),
            format!("no plan called “{s}”"),
        ),
        Problem::WhichPlan => pick(
            lang,
            "无法确定这张表属于哪个计划:数据库中有多个计划;请在第一行写上计划名称,或加一列「计划」",
            "cannot tell which plan this sheet is for (the database has several): put the plan's title in the first row, or add a 计划 column",
        ),
        Problem::AmbiguousTask { number, count } => pick(
            lang,
            format!("「{number}」对应 {count} 项任务,任务名称也无法区分;请核对序号和任务名称"),
            format!(
                "“{number}” matches {count} tasks and the title does not pick one; check the number and the title"
            ),
        ),
        Problem::SameTaskTwice { first_row } => pick(
            lang,
            format!("与第 {first_row} 行是同一项任务;每项任务只能有一行"),
            format!("the same task as row {first_row}; a task may have one row only"),
        ),
        Problem::ReportedSinceExport { department, by, at } => pick(
            lang,
            format!(
                "{department} 在这张表导出之后({at},{by})又报送了进度,导入会覆盖它;请重新导出后再填写"
            ),
            format!(
                "{department} reported after this sheet was exported ({at}, by {by}); importing it would overwrite that. Export a fresh sheet and fill that in"
            ),
        ),
        Problem::EditedSinceExport { at } => pick(
            lang,
            format!("这项任务在这张表导出之后({at})被修改过;请重新导出后再修改"),
            format!(
                "this task was edited after the sheet was exported (at {at}); export a fresh sheet and edit that"
            ),
        ),
        Problem::StaleRow(stale) => stale_row(lang, stale),
        Problem::BadStamp(Some(s)) => pick(
            lang,
            format!("基于版本「{s}」不是导出时写入的数字;这一列由 duban 填写,请勿修改,或重新导出"),
            format!(
                "the stamp “{s}” is not the number the export wrote; duban fills this column, leave it as it is or export a fresh sheet"
            ),
        ),
        Problem::BadStamp(None) => pick(
            lang,
            "这一行改动了进度,但基于版本为空,无法判断它基于哪次报送;请重新导出后再填写",
            "this row changes the progress but its stamp is empty, so what it was based on is unknown; export a fresh sheet and fill that in",
        ),
    }
}

fn stale_row(lang: Lang, s: &StaleRow) -> String {
    let StaleRow {
        number,
        title,
        stamp,
        current,
        department,
        percent,
        ..
    } = s;
    match (&s.by, &s.at) {
        (Some(by), Some(at)) => pick(
            lang,
            format!(
                "任务 {number}「{title}」的 {department} 在这张表导出之后又报送了进度(现为 {}%,{by},{}),这一行基于版本 {stamp},现为 {current};导入会覆盖它,请重新导出后再填写",
                percent.value(),
                local_time(at)
            ),
            format!(
                "task {number} “{title}”: {department} reported after this sheet was exported (now {}%, by {by}, {}); this row is based on report {stamp}, the newest is now {current}, and importing it would overwrite that. Export a fresh sheet and fill that in",
                percent.value(),
                local_time(at)
            ),
        ),
        _ => pick(
            lang,
            format!(
                "任务 {number}「{title}」在这张表导出之后有变动:这一行基于版本 {stamp},现为 {current};请重新导出后再填写"
            ),
            format!(
                "task {number} “{title}” changed after this sheet was exported: this row is based on report {stamp}, the newest is now {current}. Export a fresh sheet and fill that in"
            ),
        ),
    }
}

/// A row held back under `--sheet-date`: what is newer than the day the sheet reflects.
pub fn held_back(lang: Lang, day: chrono::NaiveDate, newer: &Newer) -> String {
    match newer {
        Newer::Report {
            department,
            percent,
            by,
            at,
        } => pick(
            lang,
            format!(
                "未导入:{department} 在 {day} 之后已报送进度 {}%({by},{}),表格数据较旧",
                percent.value(),
                local_time(at)
            ),
            format!(
                "not imported: {department} reported {}% after {day} (by {by}, {}); the sheet is older",
                percent.value(),
                local_time(at)
            ),
        ),
        Newer::Edit { at } => pick(
            lang,
            format!(
                "未导入:这项任务在 {day} 之后被修改过({}),表格数据较旧",
                local_time(at)
            ),
            format!(
                "not imported: the task was edited after {day} (at {}); the sheet is older",
                local_time(at)
            ),
        ),
    }
}

/// Every refusal, each on its own line with its file, row and column; one alone is one line.
pub fn refused(lang: Lang, file: &str, csv: bool, problems: &[(&Cell, String)]) -> String {
    let line = |(at, text): &(&Cell, String)| {
        let place = location(lang, file, csv, at);
        pick(lang, format!("{place}:{text}"), format!("{place}: {text}"))
    };
    match problems {
        [one] => pick(
            lang,
            format!("{}。未导入任何内容", line(one)),
            format!("{}. Nothing was imported", line(one)),
        ),
        all => {
            let mut out: Vec<String> = all.iter().map(line).collect();
            out.push(pick(
                lang,
                format!("共 {} 处问题;未导入任何内容", all.len()),
                format!("{} problems; nothing was imported", all.len()),
            ));
            out.join("\n")
        }
    }
}

pub fn read_error(lang: Lang, file: &str, e: &ReadError) -> String {
    match e {
        ReadError::Empty => pick(
            lang,
            format!("{file} 是空文件,没有可导入的内容"),
            format!("{file} is empty; nothing to import"),
        ),
        ReadError::NotASpreadsheet(reason) => pick(
            lang,
            format!("{file} 不是可读取的 Excel 表格({reason});请在 Excel 中另存为 .xlsx"),
            format!(
                "{file} is not a spreadsheet that can be read ({reason}); save it as .xlsx in Excel"
            ),
        ),
        ReadError::Binary => pick(
            lang,
            format!("{file} 不是 CSV 文本文件;xlsx 表格请用 duban import xlsx"),
            format!("{file} is not a CSV text file; for an xlsx workbook use `duban import xlsx`"),
        ),
        ReadError::TooLarge { bytes, limit } => pick(
            lang,
            format!(
                "{file} 太大({} MB,上限 {} MB)",
                bytes / (1024 * 1024),
                limit / (1024 * 1024)
            ),
            format!(
                "{file} is too large ({} MB, the limit is {} MB)",
                bytes / (1024 * 1024),
                limit / (1024 * 1024)
            ),
        ),
        ReadError::NoHeadings { sheets } => pick(
            lang,
            format!(
                "{file} 中没有任务表:找不到含「任务」及序号、责任单位、完成率等列名的表头行(已查看:{})",
                sheets.join("、")
            ),
            format!(
                "no task table in {file}: no heading row with 任务 and two more known columns (序号, 牵头单位, 完成率 …) in {}",
                sheets.join(", ")
            ),
        ),
    }
}

/// Messages of `duban export` and of the import's outcome.
pub enum SheetMsg<'a> {
    XlsxNeedsFile,
    XlsxToTerminal,
    CannotWrite {
        path: &'a str,
        reason: &'a str,
    },
    /// Cells a workbook had to cut at Excel's limit (`report::xlsx_cell`).
    CellsCut {
        cells: usize,
    },
    Exported {
        path: &'a str,
        sheets: usize,
        tasks: usize,
    },
    NothingToChange {
        unchanged: usize,
    },
    Imported {
        new_tasks: usize,
        edits: usize,
        reports: usize,
    },
    DryRun,
    /// A sheet with no duban stamp (no 基于版本 column, no export time) and no `--sheet-date`.
    NeedsSheetDate {
        file: &'a str,
        sheet: Option<&'a str>,
    },
    /// Rows held back under `--sheet-date`, after the summary.
    HeldBack {
        rows: usize,
    },
}

pub fn msg(lang: Lang, m: SheetMsg<'_>) -> String {
    match m {
        SheetMsg::XlsxNeedsFile => pick(
            lang,
            "导出 xlsx 需要指定文件:-o 文件名.xlsx",
            "an xlsx export needs a file: -o FILE.xlsx",
        ),
        SheetMsg::XlsxToTerminal => pick(
            lang,
            "不能把 xlsx(二进制)写到终端;请用 -o 文件名.xlsx,或重定向到文件",
            "will not write an xlsx (binary) to a terminal; give -o FILE.xlsx or redirect to a file",
        ),
        SheetMsg::CannotWrite { path, reason } => pick(
            lang,
            format!("无法写入 {path}:{reason}"),
            format!("cannot write {path}: {reason}"),
        ),
        SheetMsg::CellsCut { cells } => pick(
            lang,
            format!(
                "注意:{cells} 个单元格的文字超过 Excel 上限(32767 字),已截断并标明;完整内容见 duban log"
            ),
            format!(
                "note: {cells} cells held more text than Excel allows (32,767 characters) and were cut, with a marker; duban log shows them whole"
            ),
        ),
        SheetMsg::Exported {
            path,
            sheets: 1,
            tasks,
        } => pick(
            lang,
            format!("已导出 {tasks} 项任务到 {path}"),
            format!("exported {tasks} tasks to {path}"),
        ),
        SheetMsg::Exported {
            path,
            sheets,
            tasks,
        } => pick(
            lang,
            format!("已导出 {tasks} 项任务({sheets} 个工作表)到 {path}"),
            format!("exported {tasks} tasks ({sheets} sheets) to {path}"),
        ),
        SheetMsg::NothingToChange { unchanged } => pick(
            lang,
            format!("表格与数据库一致({unchanged} 行),没有需要导入的改动"),
            format!("the sheet matches the database ({unchanged} rows); nothing to import"),
        ),
        SheetMsg::Imported {
            new_tasks,
            edits,
            reports,
        } => pick(
            lang,
            format!("已导入:新任务 {new_tasks} 项,任务修改 {edits} 项,进度报送 {reports} 条"),
            format!(
                "imported: {new_tasks} new tasks, {edits} task edits, {reports} progress reports"
            ),
        ),
        SheetMsg::NeedsSheetDate { file, sheet } => {
            let place = match (lang, sheet) {
                (Lang::Zh, Some(s)) => format!("{file} 工作表「{s}」"),
                (Lang::En, Some(s)) => format!("{file}, sheet “{s}”,"),
                (_, None) => file.to_string(),
            };
            pick(
                lang,
                format!(
                    "{place} 不是 duban 导出的表格(没有「基于版本」列和导出时间),无法判断其数据反映哪一天;请用 --sheet-date YYYY-MM-DD 注明。未导入任何内容"
                ),
                format!(
                    "{place} was not exported by duban (no 基于版本 column, no export time), so the day its figures reflect is unknown; give it with --sheet-date YYYY-MM-DD. Nothing was imported"
                ),
            )
        }
        SheetMsg::HeldBack { rows } => pick(
            lang,
            format!("{rows} 行的数据早于数据库中的报送或修改,未导入(见上)"),
            format!(
                "{rows} rows are older than reports or edits in the database and were not imported (listed above)"
            ),
        ),
        SheetMsg::DryRun => pick(
            lang,
            "预览(--dry-run):未保存任何内容",
            "preview (--dry-run): nothing was saved",
        ),
    }
}

/// Words of the change list.
pub struct ChangeLabels {
    pub new_task: &'static str,
    pub units: &'static str,
    pub deadline: &'static str,
    pub plan_end: &'static str,
    pub progress: &'static str,
    pub note_changed: &'static str,
    pub unchanged_rows: &'static str,
    pub title_kept: &'static str,
    pub skipped_sheets: &'static str,
    pub row: &'static str,
    pub none: &'static str,
}

pub fn labels(lang: Lang) -> &'static ChangeLabels {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: ChangeLabels = ChangeLabels {
    new_task: "新任务",
    units: "责任单位",
    deadline: "完成时限",
    plan_end: "(计划期末)",
    progress: "进度",
    note_changed: "说明已更新",
    unchanged_rows: "未改动的行",
    title_kept: "任务名称与数据库不同,未修改(表中为",
    skipped_sheets: "跳过的工作表(没有任务表头)",
    row: "行",
    none: "(无)",
};

static EN: ChangeLabels = ChangeLabels {
    new_task: "new task",
    units: "units",
    deadline: "deadline",
    plan_end: "(plan's end)",
    progress: "progress",
    note_changed: "note updated",
    unchanged_rows: "rows unchanged",
    title_kept: "title differs from the database, left as it is (the sheet says",
    skipped_sheets: "sheets skipped (no task headings)",
    row: "row",
    none: "(none)",
};
