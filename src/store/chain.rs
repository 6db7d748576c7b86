//! The journals' hash chain (tamper evidence, 全程留痕).
//!
//! Every row appended to a journal (`progress`, `indicator_actual`, `audit`) gets one link in
//! `chain`: SHA-256 over the previous link's hash and the row's whole content, written by an
//! `AFTER INSERT` trigger inside the writer's own transaction. The triggers call `duban_link`, a
//! function every duban connection registers, so no write path can forget its link, and a row
//! added with the `sqlite3` shell (which lacks the function) is refused.
//!
//! A link's `at` is its row's time, or the previous link's when that is later: links are in time
//! order, so "the journal as of an instant" is a prefix of the chain, and a printed code
//! (`rows-head`) names that prefix. `verify` recomputes every link; `code_at` gives the prefix's
//! code. What this proves, and what it cannot, is in the README ("留痕校验码").

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{Db, Result};

/// Hashing of the first link's predecessor and the version of the canonical form.
const DOMAIN: &[u8] = b"duban-chain-1\0";

/// A journal: its table, the columns each link covers (in order; the triggers in schema.sql pass
/// the same columns in the same order), and which of them is the row's own time.
pub struct Journal {
    pub table: &'static str,
    pub columns: &'static str,
    pub time: usize,
}

impl Journal {
    /// The column holding the row's own time.
    pub fn time_column(&self) -> &'static str {
        self.columns
            .split(',')
            .nth(self.time)
            .map_or("id", str::trim)
    }
}

pub const JOURNALS: &[Journal] = &[
    Journal {
        table: "progress",
        columns: "id, task_id, department_id, percent, note, reported_by, reported_at, undoes",
        time: 6,
    },
    Journal {
        table: "indicator_actual",
        columns: "id, indicator_id, period, value, reported_by, reported_at",
        time: 5,
    },
    Journal {
        table: "audit",
        columns: "id, at, by, entity, entity_id, action, before, after",
        time: 1,
    },
    // The structure as it stood before each edit (as-of reads): records too.
    Journal {
        table: "task_past",
        columns: "id, task_id, until, section_id, number, title, starts_on, deadline, \
                  deadline_text, weight",
        time: 2,
    },
    Journal {
        table: "assignment_past",
        columns: "id, task_id, department_id, until, role, position, stood",
        time: 3,
    },
    Journal {
        table: "department_past",
        columns: "id, department_id, until, name",
        time: 2,
    },
    Journal {
        table: "setting_past",
        columns: "id, key, until, value",
        time: 2,
    },
    // Closing a task (办结销号): apply, approve, return, reopen.
    Journal {
        table: "closing",
        columns: "id, task_id, step, department_id, note, why, by, at",
        time: 7,
    },
    // The supervision chain (issue 22): extensions, 督办单 notices and their steps, evidence
    // files (their names, sizes and hashes; `check` hashes the bytes).
    Journal {
        table: "extension",
        columns: "id, task_id, step, request_id, department_id, old_deadline, new_deadline, \
                  reason, by, at",
        time: 9,
    },
    Journal {
        table: "notice",
        columns: "id, year, seq, number, task_id, department_id, level, reason, required, \
                  reply_by, follows, by, at",
        time: 12,
    },
    Journal {
        table: "notice_step",
        columns: "id, notice_id, step, text, by, at",
        time: 5,
    },
    Journal {
        table: "attachment",
        columns: "id, owner, owner_id, task_id, department_id, name, size, sha256, by, at",
        time: 9,
    },
    // Issued circulars (通报, issue 24): each number given, with the written file's hash.
    Journal {
        table: "circular_issue",
        columns: "id, year, seq, number, period, as_of, format, sha256, by, at, plan_id",
        time: 9,
    },
    // Key projects and milestones (挂图作战, issue 23).
    Journal {
        table: "project",
        columns: "id, task_id, owner, total, active, by, at",
        time: 6,
    },
    Journal {
        table: "project_plan",
        columns: "id, task_id, year, planned, by, at",
        time: 5,
    },
    Journal {
        table: "investment",
        columns: "id, task_id, department_id, month, amount, note, reason, by, at",
        time: 8,
    },
    Journal {
        table: "milestone",
        columns: "id, task_id, origin, replaces, name, planned_on, share, position, removed, by, at",
        time: 10,
    },
    Journal {
        table: "milestone_reached",
        columns: "id, milestone_id, task_id, department_id, reached_on, note, by, at",
        time: 7,
    },
];

/// Registers `duban_link(prev, journal, columns…)` on a connection: every duban connection that
/// may write a journal needs it, since the chain triggers call it.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    // The triggers' WHEN: false only inside a bulk load (`Unlinked`), which links afterwards.
    conn.create_scalar_function(
        "duban_linking",
        0,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS,
        |_| Ok(!UNLINKED.get()),
    )?;
    conn.create_scalar_function(
        "duban_link",
        -1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            let prev = match ctx.get_raw(0) {
                ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
                _ => None,
            };
            let fields: Vec<ValueRef<'_>> = (1..ctx.len()).map(|i| ctx.get_raw(i)).collect();
            Ok(link(prev.as_deref(), &fields))
        },
    )
}

/// The hash of one link: SHA-256 over the previous hash and each value with its type and length,
/// so no two different rows (or a row and a reordering of its fields) hash alike. Lower-case hex.
pub fn link(prev: Option<&str>, fields: &[ValueRef<'_>]) -> String {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(prev.unwrap_or("").as_bytes());
    h.update([0u8]);
    for value in fields {
        match value {
            ValueRef::Null => h.update([0u8]),
            ValueRef::Integer(i) => {
                h.update([1u8]);
                h.update(i.to_be_bytes());
            }
            ValueRef::Real(f) => {
                h.update([2u8]);
                h.update(f.to_bits().to_be_bytes());
            }
            ValueRef::Text(t) => {
                h.update([3u8]);
                h.update((t.len() as u64).to_be_bytes());
                h.update(t);
            }
            ValueRef::Blob(b) => {
                h.update([4u8]);
                h.update((b.len() as u64).to_be_bytes());
                h.update(b);
            }
        }
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    // A table, not `write!` per byte: the bulk loads hash millions of rows.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// The chain's prefix up to an instant: how many journal rows, and the hash of the last one. A
/// printed circular carries it (留痕校验码); `duban check --code` compares it with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub rows: i64,
    /// The last link's full hash (empty with no rows).
    pub head: String,
}

/// How many hex digits of the head a printed code carries: 80 bits, far beyond forging by trial,
/// short enough to read out or type.
const SHOWN: usize = 20;

impl Code {
    /// `1523-9F86-D081-884C-7D65-9A2F`: rows, then the head's first 80 bits in groups of four.
    pub fn shown(&self) -> String {
        let head = if self.head.is_empty() {
            "0".repeat(SHOWN)
        } else {
            self.head[..SHOWN].to_ascii_uppercase()
        };
        let groups: Vec<&str> = (0..SHOWN).step_by(4).map(|i| &head[i..i + 4]).collect();
        format!("{}-{}", self.rows, groups.join("-"))
    }

    /// Reads a code as printed (any case; spaces, dashes and colons ignored): `None` when it is
    /// not one.
    pub fn parse(text: &str) -> Option<(i64, String)> {
        let text = text.trim();
        let (rows, head) = text.split_once(['-', ':', ' '])?;
        let rows: i64 = rows.trim().parse().ok().filter(|r| *r >= 0)?;
        let head: String = head
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | ':'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        // No rows has no head: a printed empty code is all zeros.
        let zeros = head.chars().all(|c| c == '0');
        (head.len() == SHOWN && head.chars().all(|c| c.is_ascii_hexdigit()) && (rows > 0 || zeros))
            .then_some((rows, head))
    }
}

/// What `check --code` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeCheck {
    /// The file's chain still has that prefix, and it was complete by the date.
    Matches,
    /// The file has fewer rows than the code counts.
    TooFewRows { rows: i64 },
    /// Row `rows` has another hash: the journal up to it was changed, or the code was mistyped.
    Differs,
    /// The prefix matches, but the file's journal had more rows by that date: the code is from
    /// earlier than the date given.
    NotAtDate { rows_at_date: i64 },
    /// The prefix matches, but rows recorded after it are dated before the date's end: figures
    /// for that day may differ from the ones printed with the code.
    Backdated { rows: i64 },
}

/// One link that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// Position in the chain (1 is the first link); 0 when the problem is a row with no link.
    pub seq: i64,
    pub journal: String,
    pub row_id: i64,
    pub kind: BrokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenKind {
    /// The journal row the link records is gone.
    RowDeleted,
    /// The row's content, or an earlier link, is not what was hashed.
    RowChanged,
    /// A link is missing before this one (links are numbered 1, 2, 3… with no gap).
    LinkMissing,
    /// A journal row that has no link: written around the triggers.
    NoLink,
    /// A row dated before rows recorded earlier (a clock set back, or `DUBAN_TODAY`): it can
    /// change a circular already printed for a past period.
    Backdated,
}

impl Db {
    /// The chain's prefix of the rows recorded before `end` (ISO UTC).
    pub fn chain_code(&self, end: &str) -> Result<Code> {
        code_at(&self.conn, end)
    }
}

pub(super) fn code_at(conn: &Connection, end: &str) -> Result<Code> {
    let last: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT seq, hash FROM chain WHERE at < ?1 ORDER BY at DESC, seq DESC LIMIT 1",
        )?
        .query_row([end], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match last {
        Some((rows, head)) => Code { rows, head },
        None => Code {
            rows: 0,
            head: String::new(),
        },
    })
}

/// Whether the file's chain has the prefix `(rows, head)` and whether that was the whole journal
/// before `end`. Verify the chain first (`verify`): this compares the stored hashes.
pub fn check_code(conn: &Connection, rows: i64, head: &str, end: &str) -> Result<CodeCheck> {
    let at_date = code_at(conn, end)?;
    if rows == 0 {
        return Ok(if at_date.rows == 0 {
            CodeCheck::Matches
        } else {
            CodeCheck::NotAtDate {
                rows_at_date: at_date.rows,
            }
        });
    }
    let stored: Option<String> = conn
        .query_row("SELECT hash FROM chain WHERE seq = ?1", [rows], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(stored) = stored else {
        let total: i64 = conn.query_row("SELECT count(*) FROM chain", [], |r| r.get(0))?;
        return Ok(CodeCheck::TooFewRows { rows: total });
    };
    if !stored.starts_with(head) {
        return Ok(CodeCheck::Differs);
    }
    if at_date.rows != rows {
        return Ok(CodeCheck::NotAtDate {
            rows_at_date: at_date.rows,
        });
    }
    let mut later = 0;
    for j in JOURNALS {
        let time = j.time_column();
        later += conn.query_row(
            &format!(
                "SELECT count(*) FROM chain c JOIN {table} r ON r.id = c.row_id
                 WHERE c.journal = '{table}' AND c.seq > ?1 AND r.{time} < ?2",
                table = j.table
            ),
            params![rows, end],
            |r| r.get::<_, i64>(0),
        )?;
    }
    Ok(if later == 0 {
        CodeCheck::Matches
    } else {
        CodeCheck::Backdated { rows: later }
    })
}

/// Recomputes every link in order; returns the first link that does not hold, the rows with no
/// link (at most `limit` per journal), then the rows dated before rows recorded earlier (at most
/// `limit`). Read-only.
pub fn verify(conn: &Connection, limit: usize) -> Result<Vec<Broken>> {
    let mut broken = Vec::new();
    let mut backdated = Vec::new();
    let mut rows = Vec::with_capacity(JOURNALS.len());
    for j in JOURNALS {
        rows.push(conn.prepare(&format!(
            "SELECT {} FROM {} WHERE id = ?1",
            j.columns, j.table
        ))?);
    }
    let mut links =
        conn.prepare("SELECT seq, journal, row_id, at, hash FROM chain ORDER BY seq")?;
    let mut links = links.query([])?;
    let mut prev: Option<(String, String)> = None; // (hash, at)
    let mut expected_seq = 1;
    while let Some(l) = links.next()? {
        let seq: i64 = l.get(0)?;
        let journal: String = l.get(1)?;
        let row_id: i64 = l.get(2)?;
        let at: String = l.get(3)?;
        let hash: String = l.get(4)?;
        let fail = |kind| Broken {
            seq,
            journal: journal.clone(),
            row_id,
            kind,
        };
        if seq != expected_seq {
            broken.push(fail(BrokenKind::LinkMissing));
            break;
        }
        expected_seq += 1;
        let Some(which) = JOURNALS.iter().position(|j| j.table == journal) else {
            broken.push(fail(BrokenKind::RowChanged));
            break;
        };
        let recomputed: Option<(String, String, bool)> = rows[which]
            .query_row([row_id], |r| {
                let n = r.as_ref().column_count();
                let mut fields = Vec::with_capacity(n + 1);
                fields.push(ValueRef::Text(journal.as_bytes()));
                for i in 0..n {
                    fields.push(r.get_ref(i)?);
                }
                let own = match fields[1 + JOURNALS[which].time] {
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    _ => String::new(),
                };
                let prev_hash = prev.as_ref().map(|(h, _)| h.as_str());
                let prev_at = prev.as_ref().map_or("", |(_, a)| a.as_str());
                Ok((
                    link(prev_hash, &fields),
                    own.clone().max(prev_at.to_string()),
                    own.as_str() < prev_at,
                ))
            })
            .optional()?;
        match recomputed {
            None => {
                broken.push(fail(BrokenKind::RowDeleted));
                break;
            }
            Some((h, a, _)) if h != hash || a != at => {
                broken.push(fail(BrokenKind::RowChanged));
                break;
            }
            Some((_, _, true)) => {
                // Listed apart: however many there are, they never hide a break.
                if backdated.len() < limit {
                    backdated.push(fail(BrokenKind::Backdated));
                }
                prev = Some((hash, at));
            }
            Some(_) => prev = Some((hash, at)),
        }
    }
    for journal in JOURNALS.iter().map(|j| j.table) {
        let mut stmt = conn.prepare(&format!(
            "SELECT id FROM {journal} j
             WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE c.journal = ?1 AND c.row_id = j.id)
             ORDER BY id LIMIT ?2"
        ))?;
        let ids = stmt
            .query_map(params![journal, limit as i64], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        broken.extend(ids.into_iter().map(|row_id| Broken {
            seq: 0,
            journal: journal.to_string(),
            row_id,
            kind: BrokenKind::NoLink,
        }));
    }
    // The breaks first (at most one link and `limit` rows with no link per journal), then the
    // backdated rows.
    broken.extend(backdated);
    Ok(broken)
}

thread_local! {
    /// Set while a bulk load writes journal rows that `link_after` links afterwards.
    static UNLINKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While alive, journal rows written on this thread get no link from the triggers
/// (`duban_linking()` is false); the writer links them with `link_after` before it commits, in
/// the same transaction. Dropped on every exit, errors and panics included.
pub struct Unlinked(());

impl Unlinked {
    pub fn start() -> Unlinked {
        UNLINKED.set(true);
        Unlinked(())
    }
}

impl Drop for Unlinked {
    fn drop(&mut self) {
        UNLINKED.set(false);
    }
}

/// The highest row id of each journal (in `JOURNALS` order): rows above it are new.
pub fn journal_tops(conn: &Connection) -> Result<[i64; JOURNALS.len()]> {
    let mut tops = [0; JOURNALS.len()];
    for (top, j) in tops.iter_mut().zip(JOURNALS) {
        *top = conn.query_row(
            &format!("SELECT coalesce(max(id), 0) FROM {}", j.table),
            [],
            |r| r.get(0),
        )?;
    }
    Ok(tops)
}

/// Links the rows a file already had when it gained the chain (migration to schema 7).
pub fn link_existing(conn: &Connection) -> Result<()> {
    link_after(conn, [0; JOURNALS.len()])
}

/// Links every journal row above `tops` that has no link yet, in time order (then journal, then
/// id), as if each had been linked when written.
pub fn link_after(conn: &Connection, tops: [i64; JOURNALS.len()]) -> Result<()> {
    // Computed here, one row at a time, with the previous link kept in hand: an INSERT … SELECT
    // with the chain's last link as a subquery per row churned SQLite's page cache (4× the time).
    let mut prev: Option<(String, String)> = conn
        .query_row(
            "SELECT hash, at FROM chain ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    // One query per journal, each giving its new rows with their content in (time, id) order;
    // they are merged below by (time, journal, id). One sorted union of all journals with a
    // lookup of each row's content took twice as long (`gen` of a million tasks links 3.7
    // million rows). Names apart from chain's own columns: inside the NOT EXISTS, `journal`
    // would be the chain's (a scan of the chain per row).
    let mut queries = Vec::with_capacity(JOURNALS.len());
    for (j, top) in JOURNALS.iter().zip(tops) {
        // A migration links the journals its schema has: a later one's table is not there yet.
        let present: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [j.table],
            |r| r.get(0),
        )?;
        if !present {
            queries.push(None);
            continue;
        }
        // A bulk load's rows above `top` have no link yet, so the probe of the chain's key per
        // row (a random read of an index of millions of links at `gen`'s size) is made only
        // when some row above `top` is linked already.
        let some_linked: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM chain WHERE journal = ?1 AND row_id > ?2)",
            params![j.table, top],
            |r| r.get(0),
        )?;
        let unlinked = if some_linked {
            format!(
                "AND NOT EXISTS (SELECT 1 FROM chain c
                                 WHERE c.journal = '{table}' AND c.row_id = new.id)",
                table = j.table
            )
        } else {
            String::new()
        };
        queries.push(Some(conn.prepare(&format!(
            "SELECT {time}, {columns} FROM {table} AS new
             WHERE new.id > ?1 {unlinked}
             ORDER BY {time}, new.id",
            time = j.time_column(),
            columns = j.columns,
            table = j.table
        ))?));
    }
    let mut links = LinkWriter::new(conn)?;
    let mut streams = Vec::with_capacity(JOURNALS.len());
    for (query, top) in queries.iter_mut().zip(tops) {
        streams.push(match query {
            Some(q) => Some(q.query([top])?),
            None => None,
        });
    }
    let mut heads: Vec<Option<NewRow>> = Vec::with_capacity(streams.len());
    for stream in &mut streams {
        heads.push(next_row(stream)?);
    }
    // The journals are few (under twenty): the earliest head is found by a scan.
    while let Some(which) = earliest(&heads) {
        let row = heads[which].take().expect("earliest is a present head");
        let table = JOURNALS[which].table;
        let mut fields = Vec::with_capacity(row.content.len() + 1);
        fields.push(ValueRef::Text(table.as_bytes()));
        fields.extend(row.content.iter().map(ValueRef::from));
        let hash = link(prev.as_ref().map(|(h, _)| h.as_str()), &fields);
        let at = match &prev {
            Some((_, p)) if *p > row.time => p.clone(),
            _ => row.time,
        };
        links.push(table, row.id, &at, &hash)?;
        prev = Some((hash, at));
        heads[which] = next_row(&mut streams[which])?;
    }
    links.flush()?;
    Ok(())
}

/// Links written to `chain` a batch to a statement. One INSERT per link spent four fifths of
/// linking a bulk load (3.7 million rows for `gen` of a million tasks) opening, finishing and
/// closing the statement, not in the table.
struct LinkWriter<'c> {
    conn: &'c Connection,
    batch: rusqlite::Statement<'c>,
    /// journal, row id, at, hash: `LINK_BATCH` rows at most.
    pending: Vec<(&'static str, i64, String, String)>,
}

/// Links to a statement (four parameters each, under SQLite's limit of 32,766).
const LINK_BATCH: usize = 256;

impl<'c> LinkWriter<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        Ok(LinkWriter {
            conn,
            batch: conn.prepare(&link_insert(LINK_BATCH))?,
            pending: Vec::with_capacity(LINK_BATCH),
        })
    }

    fn push(&mut self, journal: &'static str, row_id: i64, at: &str, hash: &str) -> Result<()> {
        self.pending
            .push((journal, row_id, at.to_string(), hash.to_string()));
        if self.pending.len() == LINK_BATCH {
            Self::write(&mut self.batch, &self.pending)?;
            self.pending.clear();
        }
        Ok(())
    }

    /// Writes the links still pending (fewer than a batch).
    fn flush(mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut rest = self.conn.prepare(&link_insert(self.pending.len()))?;
        Self::write(&mut rest, &self.pending)?;
        self.pending.clear();
        Ok(())
    }

    fn write(
        stmt: &mut rusqlite::Statement<'_>,
        links: &[(&'static str, i64, String, String)],
    ) -> Result<()> {
        let values = links.iter().flat_map(|(journal, row_id, at, hash)| {
            [
                ValueRef::Text(journal.as_bytes()),
                ValueRef::Integer(*row_id),
                ValueRef::Text(at.as_bytes()),
                ValueRef::Text(hash.as_bytes()),
            ]
        });
        stmt.execute(rusqlite::params_from_iter(
            values.map(rusqlite::types::ToSqlOutput::Borrowed),
        ))?;
        Ok(())
    }
}

/// `INSERT INTO chain` of `rows` links; the rows' order is the chain's (seq ascending).
fn link_insert(rows: usize) -> String {
    let mut sql = String::from("INSERT INTO chain (journal, row_id, at, hash) VALUES ");
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?)");
    }
    sql
}

/// A journal row waiting for its link: its time, id and the content the link covers.
struct NewRow {
    time: String,
    id: i64,
    content: Vec<rusqlite::types::Value>,
}

fn next_row(stream: &mut Option<rusqlite::Rows<'_>>) -> Result<Option<NewRow>> {
    let Some(rows) = stream else {
        return Ok(None);
    };
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    // Column 0 is the time; the content follows, the row's id first.
    let n = r.as_ref().column_count();
    let mut content = Vec::with_capacity(n - 1);
    for i in 1..n {
        content.push(r.get::<_, rusqlite::types::Value>(i)?);
    }
    Ok(Some(NewRow {
        time: r.get(0)?,
        id: r.get(1)?,
        content,
    }))
}

/// The journal whose waiting row comes first by (time, journal, id).
fn earliest(heads: &[Option<NewRow>]) -> Option<usize> {
    let mut best: Option<(usize, &NewRow)> = None;
    for (i, head) in heads.iter().enumerate() {
        let Some(row) = head else { continue };
        // Each head is its journal's earliest row by (time, id), and journals are scanned in
        // order: a tie on time keeps the earlier journal.
        if best.is_none_or(|(_, b)| row.time < b.time) {
            best = Some((i, row));
        }
    }
    best.map(|(i, _)| i)
}
