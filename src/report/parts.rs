//! Reading a big plan's assignments in parts side by side: ranges of task ids (a task's units
//! stay in one part), each on its own thread and connection, then added up. At 100,000 tasks one
//! pass over the assignments is 50–100 ms of one core, and a `duban status`, or the TUI's first
//! frame and its ○ marks, wait for it.

use crate::store::{Db, Result};

/// When a read is split, and into how many parts.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    /// Below this span of task ids, one pass: another connection costs more than it saves.
    pub from: i64,
    /// This many parts, each on its own thread and connection.
    pub parts: usize,
}

impl Split {
    /// Never split (the tests' one-pass reference).
    pub const ONE_PASS: Split = Split {
        from: i64::MAX,
        parts: 1,
    };
}

impl Default for Split {
    /// One part per core, up to four, from 20,000 task ids on.
    fn default() -> Self {
        Split {
            from: 20_000,
            parts: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        }
    }
}

/// `read` of each range of task ids, in order, side by side: the first on `db`, the others on
/// connections of their own to the same file.
///
/// `None` (read it in one pass instead) for a small plan, one part, a part that failed, or a
/// write committed meanwhile: each connection reads its own snapshot, and the parts are only one
/// picture of the file when no commit came between the first and the last.
pub fn in_parts<T: Send>(
    db: &Db,
    split: Split,
    read: impl Fn(&Db, (i64, i64)) -> Result<T> + Sync,
) -> Result<Option<Vec<T>>> {
    let parts = split.parts;
    // Before the ids are read: a task added after them, beyond the last part, moves it too.
    let before = db.data_version()?;
    let Some((first, last)) = db.assigned_task_ids()? else {
        return Ok(None);
    };
    if parts < 2 || last - first < split.from {
        return Ok(None);
    }
    let step = (last - first) / parts as i64 + 1;
    let ranges: Vec<(i64, i64)> = (0..parts as i64)
        .map(|k| (first + k * step, (first + (k + 1) * step - 1).min(last)))
        .collect();
    let path = db.path();
    let read = &read;
    let results: Vec<Option<T>> = std::thread::scope(|s| {
        let others: Vec<_> = ranges[1..]
            .iter()
            .map(|&range| s.spawn(move || read(&Db::open_reader(path)?, range)))
            .collect();
        let mut results = vec![read(db, ranges[0]).ok()];
        results.extend(
            others
                .into_iter()
                .map(|h| h.join().ok().and_then(|r| r.ok())),
        );
        results
    });
    if db.data_version()? != before {
        return Ok(None);
    }
    Ok(results.into_iter().collect())
}

/// `other` on a connection of its own to `db`'s file, on a thread, while `mine` runs on `db`.
/// `None` (read it in one pass instead) when `other` failed or a write committed meanwhile, for
/// the reason `in_parts` gives.
pub fn side_by_side<A: Send, B>(
    db: &Db,
    other: impl FnOnce(&Db) -> Result<A> + Send,
    mine: impl FnOnce(&Db) -> Result<B>,
) -> Result<Option<(A, B)>> {
    let before = db.data_version()?;
    let path = db.path();
    let (theirs, mine) = std::thread::scope(|s| {
        let theirs = s.spawn(move || other(&Db::open_reader(path)?));
        let mine = mine(db);
        (theirs.join().ok().and_then(|r| r.ok()), mine)
    });
    let mine = mine?;
    if db.data_version()? != before {
        return Ok(None);
    }
    Ok(theirs.map(|a| (a, mine)))
}
