//! Evidence files (佐证材料, issue 22): what a file may be attached to, the limits an office sets
//! (`attach.max_file_mb`, `attach.max_total_mb`) and the name a file is kept under. Pure: the
//! store asks `check_limits` inside its write, the command line and the TUI ask it before they
//! read a byte.

use std::fmt;

/// A megabyte of the limits: 1,048,576 bytes (as `ls -h` and file managers count).
pub const MB: u64 = 1 << 20;
/// The defaults of the two settings, in MB.
pub const DEFAULT_MAX_FILE_MB: u64 = 20;
pub const DEFAULT_MAX_TOTAL_MB: u64 = 500;
/// The most characters a kept file name may have (a Linux file name is at most 255 bytes).
pub const MAX_NAME_CHARS: usize = 255;

/// What a file is evidence for. The task and the unit are always known; the owner narrows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The unit's work on the task in general.
    Assignment,
    /// A progress report (the `progress` row's id).
    Progress(i64),
    /// An application to close the task (the `closing` apply row's id).
    Closing(i64),
    /// A reply to a 督办单 (the `notice_step` row's id).
    NoticeStep(i64),
}

impl Owner {
    /// The `attachment.owner` column.
    pub fn kind(self) -> &'static str {
        match self {
            Owner::Assignment => "assignment",
            Owner::Progress(_) => "progress",
            Owner::Closing(_) => "closing",
            Owner::NoticeStep(_) => "notice_step",
        }
    }

    /// The `attachment.owner_id` column: `None` only for the assignment.
    pub fn id(self) -> Option<i64> {
        match self {
            Owner::Assignment => None,
            Owner::Progress(id) | Owner::Closing(id) | Owner::NoticeStep(id) => Some(id),
        }
    }

    /// From the two columns; `None` for a pair the table's CHECK would not hold.
    pub fn from_columns(kind: &str, id: Option<i64>) -> Option<Owner> {
        Some(match (kind, id) {
            ("assignment", None) => Owner::Assignment,
            ("progress", Some(id)) => Owner::Progress(id),
            ("closing", Some(id)) => Owner::Closing(id),
            ("notice_step", Some(id)) => Owner::NoticeStep(id),
            _ => return None,
        })
    }
}

/// What the clerk asked to attach to, before the store finds the row: the latest report and
/// the latest application are read inside the write's transaction, so they are the ones that
/// stand when the file is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachTo {
    Assignment,
    /// The unit's latest progress report on the task.
    LatestReport,
    /// A given report (the TUI's form: the row it has just written).
    Report(i64),
    /// The unit's latest application to close the task.
    LatestApplication,
    NoticeStep(i64),
}

/// The two limits, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file: u64,
    pub max_total: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file: DEFAULT_MAX_FILE_MB * MB,
            max_total: DEFAULT_MAX_TOTAL_MB * MB,
        }
    }
}

impl Limits {
    /// Applies one stored `(key, value)` (already validated as whole MB); others are left alone.
    pub fn apply(&mut self, key: &str, value: &str) {
        let Ok(mb) = value.trim().parse::<u64>() else {
            return;
        };
        match key {
            "attach.max_file_mb" => self.max_file = mb.saturating_mul(MB),
            "attach.max_total_mb" => self.max_total = mb.saturating_mul(MB),
            _ => {}
        }
    }
}

/// Why a file may not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Larger than `attach.max_file_mb`.
    FileTooLarge { size: u64, limit: u64 },
    /// The file would take the database's attachments past `attach.max_total_mb`.
    TotalFull { stored: u64, size: u64, limit: u64 },
    /// The bytes read differ from the ones hashed first (the file changed while it was read).
    Changed,
    /// `--report`: the unit has not reported on the task.
    NoReport,
    /// `--closing`: the unit has not applied to close the task.
    NoApplication,
    /// `--notice-step`: no such step, or a step of another task's notice.
    NoNoticeStep(i64),
    /// The department is not a unit of the task.
    NotAUnit,
    /// A name with a control character (at this character position) or too long.
    BadName(NameProblem),
    /// The stored bytes do not hash to the recorded SHA-256 (written around duban).
    Tampered { id: i64 },
}

/// Checks a file of `size` bytes against the limits, with `stored` bytes already kept.
pub fn check_limits(limits: Limits, size: u64, stored: u64) -> Result<(), Refusal> {
    if size > limits.max_file {
        return Err(Refusal::FileTooLarge {
            size,
            limit: limits.max_file,
        });
    }
    if stored.saturating_add(size) > limits.max_total {
        return Err(Refusal::TotalFull {
            stored,
            size,
            limit: limits.max_total,
        });
    }
    Ok(())
}

/// Why a file's name cannot be kept as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    /// A control character (an escape sequence would act on every terminal that lists it).
    Control {
        code: u32,
        at: usize,
    },
    TooLong {
        chars: usize,
    },
}

/// The name a file is kept under: its last component only (no directory is ever recorded or
/// written back), refused with a control character in it.
pub fn check_name(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() || name == "." || name == ".." {
        return Err(NameProblem::Empty);
    }
    let mut chars = 0;
    for c in name.chars() {
        chars += 1;
        if c.is_control() {
            return Err(NameProblem::Control {
                code: c as u32,
                at: chars,
            });
        }
    }
    if chars > MAX_NAME_CHARS {
        return Err(NameProblem::TooLong { chars });
    }
    if name.contains('/') {
        return Err(NameProblem::Empty);
    }
    Ok(())
}

/// A size for people: `812 B`, `3.5 KB`, `20.0 MB` (1,024 steps, one decimal).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A SHA-256 as the 64 lowercase hex digits the table keeps.
pub fn hex(digest: &[u8]) -> String {
    let mut s = String::with_capacity(digest.len() * 2);
    for b in digest {
        use fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_file_and_in_all() {
        let l = Limits {
            max_file: 10,
            max_total: 25,
        };
        assert_eq!(check_limits(l, 10, 15), Ok(()));
        assert_eq!(
            check_limits(l, 11, 0),
            Err(Refusal::FileTooLarge {
                size: 11,
                limit: 10
            })
        );
        assert_eq!(
            check_limits(l, 10, 16),
            Err(Refusal::TotalFull {
                stored: 16,
                size: 10,
                limit: 25
            })
        );
        let mut d = Limits::default();
        assert_eq!(d.max_file, 20 * MB);
        d.apply("attach.max_total_mb", "1");
        assert_eq!(d.max_total, MB);
        d.apply("attach.max_file_mb", "x");
        assert_eq!(
            d.max_file,
            20 * MB,
            "an unreadable value leaves the default"
        );
    }

    #[test]
    fn names_with_control_characters_are_refused() {
        assert_eq!(check_name("验收报告.pdf"), Ok(()));
        assert_eq!(
            check_name("a\u{1b}[2Jb.pdf"),
            Err(NameProblem::Control { code: 0x1b, at: 2 })
        );
        assert_eq!(check_name(""), Err(NameProblem::Empty));
        assert_eq!(check_name(".."), Err(NameProblem::Empty));
        assert_eq!(check_name("a/b"), Err(NameProblem::Empty));
        assert_eq!(
            check_name(&"长".repeat(256)),
            Err(NameProblem::TooLong { chars: 256 })
        );
    }

    #[test]
    fn sizes_for_people_and_owners_round_trip() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(3 * 1024 + 512), "3.5 KB");
        assert_eq!(human_size(20 * MB), "20.0 MB");
        for o in [
            Owner::Assignment,
            Owner::Progress(3),
            Owner::Closing(4),
            Owner::NoticeStep(5),
        ] {
            assert_eq!(Owner::from_columns(o.kind(), o.id()), Some(o));
        }
        assert_eq!(Owner::from_columns("assignment", Some(1)), None);
        assert_eq!(hex(&[0, 255, 16]), "00ff10");
    }
}
