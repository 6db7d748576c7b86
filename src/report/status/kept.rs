//! The whole plan's rollup with the parts the file keeps for the day (store::rollup_cache): the
//! parts a write dropped are read again one by one (a department through its index, a chunk of
//! tasks through the primary key), or, when many are missing, everything is read in one whole
//! pass, which then offers every part to keep.

use crate::domain::DepartmentRollup;
use crate::report::parts::Split;
use crate::store::rollup_cache::{KeptRollup, RollupToKeep, TaskCounts, chunk_ids, chunk_of};
use crate::store::{Db, Result};

use super::{Rolled, Sums, TaskTally};

/// This build's rules for the parts it keeps: a part kept by another build is not read (it may
/// judge lights otherwise). Change the suffix when a light, a rollup or a chunk's counting
/// changes within one version number.
const RULES: &str = concat!(env!("CARGO_PKG_VERSION"), "/rollup-1");

/// Whether a whole-plan rollup reads the parts the file keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Read,
    /// Everything read from the assignments, nothing offered to keep.
    Ignore,
    /// Everything read from the assignments, every part offered (`kept_drift` compares them).
    Fresh,
}

/// Above one missing part in this many (and more than `FEW` of a kind), one whole pass reads
/// faster than a read per part.
const WHOLE_PASS_FROM: usize = 8;
/// So many parts of a kind are read one by one in any file (a few thousand rows at most).
const FEW: usize = 8;

/// Whether `missing` parts of `all` are better read in one whole pass.
fn too_many(missing: usize, all: usize) -> bool {
    missing > FEW && missing * WHOLE_PASS_FROM > all
}

/// What the day's parts are kept for: the day and this build's rules.
pub fn basis(today: chrono::NaiveDate) -> String {
    format!("{today} {RULES}")
}

pub(super) struct Whole {
    pub sums: Sums,
    pub read_in_parts: usize,
    pub keep: Option<RollupToKeep>,
}

/// The whole plan's sums for the departments `ids` (in the order of `rolled`'s index).
/// `before`: this connection's `data_version` before `rolled`'s light rule, departments and
/// milestones were read. Commits by other connections after it change `data_version`: the
/// parts are offered to keep only if none came, so that they, the write count and those inputs
/// are one picture of the file.
pub(super) fn whole(
    db: &Db,
    rolled: &Rolled<'_>,
    ids: &[i64],
    split: Split,
    kept: Kept,
    before: i64,
) -> Result<Whole> {
    let basis = basis(rolled.today);
    let (writes, span) = {
        let _snapshot = db.snapshot()?;
        // Kept figures that cannot be read (their tables dropped around duban: `check` says so)
        // are as none: everything is counted, nothing offered to keep.
        let found = db.kept_rollup(&basis).unwrap_or_default();
        let span = db.assigned_task_ids()?;
        // Read in this snapshot: a commit since `before` may have changed the inputs already
        // read, which no part may then be kept with.
        let unchanged = db.data_version()? == before;
        if kept != Kept::Read {
            (found.writes.filter(|_| kept == Kept::Fresh), span)
        } else {
            let writes = found.writes;
            if let Some(mut whole) = from_kept(db, rolled, ids, span, found, &basis)? {
                if !unchanged {
                    whole.keep = None;
                }
                return Ok(whole);
            }
            (writes, span)
        }
    };
    let (mut sums, read_in_parts) = match rolled.in_parts(db, split)? {
        Some(sums) => (sums, split.parts),
        None => {
            let mut sums = rolled.empty();
            db.for_each_fact(crate::store::Scope::default(), |fact| {
                rolled.add(&mut sums, &fact, true)
            })?;
            rolled.finish(&mut sums.tally);
            (sums, 1)
        }
    };
    let keep = match writes {
        Some(writes) if db.data_version()? == before => Some(RollupToKeep {
            basis,
            writes,
            departments: ids
                .iter()
                .copied()
                .zip(sums.rollups.iter().cloned())
                .collect(),
            chunks: every_chunk(span, &sums.tally.chunks),
        }),
        _ => None,
    };
    // The tally's chunks are only for keeping.
    sums.tally.chunks = Vec::new();
    Ok(Whole {
        sums,
        read_in_parts,
        keep,
    })
}

/// Every chunk of `span`, those without a task with units as zeros (so that they too are kept).
fn every_chunk(span: Option<(i64, i64)>, counted: &[(i64, TaskCounts)]) -> Vec<(i64, TaskCounts)> {
    let Some((first, last)) = span else {
        return Vec::new();
    };
    let mut counted = counted.iter().peekable();
    (chunk_of(first)..=chunk_of(last))
        .map(|chunk| {
            while counted.next_if(|(c, _)| *c < chunk).is_some() {}
            match counted.next_if(|(c, _)| *c == chunk) {
                Some(&(_, counts)) => (chunk, counts),
                None => (chunk, TaskCounts::default()),
            }
        })
        .collect()
}

/// The sums from the kept parts and the missing ones read one by one, inside the caller's
/// snapshot; `None` when the file keeps nothing or too much is missing.
fn from_kept(
    db: &Db,
    rolled: &Rolled<'_>,
    ids: &[i64],
    span: Option<(i64, i64)>,
    mut found: KeptRollup,
    basis: &str,
) -> Result<Option<Whole>> {
    let Some(writes) = found.writes else {
        return Ok(None);
    };
    let chunks: Vec<i64> = span.map_or(Vec::new(), |(first, last)| {
        (chunk_of(first)..=chunk_of(last)).collect()
    });
    let missing_departments: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| !found.departments.contains_key(id))
        .collect();
    let missing_chunks: Vec<i64> = chunks
        .iter()
        .copied()
        .filter(|c| !found.chunks.contains_key(c))
        .collect();
    if too_many(missing_departments.len(), ids.len())
        || too_many(missing_chunks.len(), chunks.len())
    {
        return Ok(None);
    }
    let mut keep = RollupToKeep {
        basis: basis.to_string(),
        writes,
        departments: Vec::with_capacity(missing_departments.len()),
        chunks: Vec::with_capacity(missing_chunks.len()),
    };
    for &id in &missing_departments {
        let mut rollup = DepartmentRollup::default();
        db.for_each_current_fact_of(id, |fact| rolled.add_unit(&mut rollup, &fact))?;
        found.departments.insert(id, rollup.clone());
        keep.departments.push((id, rollup));
    }
    for &chunk in &missing_chunks {
        let (first, last) = chunk_ids(chunk);
        let mut tally = TaskTally::default();
        db.for_each_current_fact_between(first, last, |fact| {
            rolled.add_task_unit(&mut tally, &fact)
        })?;
        rolled.finish(&mut tally);
        let counts = tally.chunks.first().map_or(TaskCounts::default(), |c| c.1);
        found.chunks.insert(chunk, counts);
        keep.chunks.push((chunk, counts));
    }
    let rollups = ids
        .iter()
        .map(|id| found.departments.remove(id).unwrap_or_default())
        .collect();
    let mut tally = TaskTally::of_chunks(
        chunks
            .iter()
            .map(|c| (*c, found.chunks.get(c).copied().unwrap_or_default()))
            .collect(),
    );
    tally.chunks = Vec::new();
    let nothing_new = keep.departments.is_empty() && keep.chunks.is_empty();
    Ok(Some(Whole {
        sums: Sums { rollups, tally },
        read_in_parts: 1,
        keep: (!nothing_new).then_some(keep),
    }))
}

/// How the parts the file keeps compare with the same parts counted afresh.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptDrift {
    /// The day they are kept for.
    pub day: chrono::NaiveDate,
    /// Parts compared.
    pub parts: usize,
    /// Those that differ: a department's id, or a chunk of tasks as (first id, last id).
    pub departments: Vec<i64>,
    pub chunks: Vec<(i64, i64)>,
}

/// Whether two kept sums are the same figure: added in another order (a department read alone,
/// or in parts side by side) fractional weights may differ in the last bits.
fn same_sum(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn same_rollup(a: &DepartmentRollup, b: &DepartmentRollup) -> bool {
    let ((sa, ta), (sb, tb)) = (a.sums(), b.sums());
    (a.led, a.co, a.done, a.red, a.yellow, a.next_deadline)
        == (b.led, b.co, b.done, b.red, b.yellow, b.next_deadline)
        && same_sum(sa, sb)
        && same_sum(ta, tb)
}

/// Compares the parts the file keeps with a fresh count on their day (`duban check`); `None`
/// when nothing is kept, they were kept by another build, or clerks' writes kept changing the
/// file (three tries).
pub fn kept_drift(db: &Db) -> Result<Option<KeptDrift>> {
    let Some(stored) = db.kept_basis()? else {
        return Ok(None);
    };
    let Some(day) = stored.get(..10).and_then(|d| d.parse().ok()) else {
        return Ok(None);
    };
    if stored != basis(day) {
        return Ok(None);
    }
    for _ in 0..3 {
        let before = db.data_version()?;
        let scope = crate::store::Scope::default();
        let (_, fresh) = super::build_kept(db, day, scope, Split::default(), Kept::Fresh)?;
        let found = {
            let _snapshot = db.snapshot()?;
            db.kept_rollup(&stored)?
        };
        let (Some(fresh), true) = (fresh, db.data_version()? == before) else {
            continue;
        };
        let mut drift = KeptDrift {
            day,
            parts: 0,
            departments: Vec::new(),
            chunks: Vec::new(),
        };
        for (id, counted) in &fresh.departments {
            if let Some(kept) = found.departments.get(id) {
                drift.parts += 1;
                if !same_rollup(kept, counted) {
                    drift.departments.push(*id);
                }
            }
        }
        for (chunk, counted) in &fresh.chunks {
            if let Some(kept) = found.chunks.get(chunk) {
                drift.parts += 1;
                if kept != counted {
                    drift.chunks.push(chunk_ids(*chunk));
                }
            }
        }
        return Ok(Some(drift));
    }
    Ok(None)
}
