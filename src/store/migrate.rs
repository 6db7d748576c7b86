//! Schema creation and versioned migrations keyed on `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use super::chain;
use super::error::Result;

/// `PRAGMA application_id` of every duban file ("dubn"): how we know a file is ours.
pub const APPLICATION_ID: i32 = 0x6475_626E;

/// The schema version this build writes. A file with a higher `user_version` came from a newer
/// duban and is refused.
pub const SCHEMA_VERSION: i32 = 12;

/// The whole current schema, applied to a new file.
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// A step from `to - 1` to `to`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub to: i32,
    pub sql: &'static str,
    /// A step SQL alone cannot take, run after `sql` in the same transaction.
    pub then: Option<fn(&Connection) -> Result<()>>,
}

/// Every migration since version 1, in order. Version 1 is the first released schema; a new file
/// gets `schema.sql` (which already includes every step) and starts at `SCHEMA_VERSION`.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        to: 2,
        // Undo appends a compensating row that names the entry it takes back.
        sql:
            "ALTER TABLE progress ADD COLUMN undoes INTEGER REFERENCES progress (id) ON DELETE RESTRICT;
              CREATE UNIQUE INDEX progress_undoes ON progress (undoes) WHERE undoes IS NOT NULL;
              CREATE INDEX progress_by_reporter ON progress (reported_by, id);
              DROP TRIGGER progress_append_only;
              CREATE TRIGGER progress_append_only
              BEFORE UPDATE OF id, task_id, percent, note, reported_by, reported_at, undoes ON progress
              BEGIN
                  SELECT RAISE(ABORT, 'the progress journal is append-only');
              END;",
        then: None,
    },
    Migration {
        to: 3,
        // Deleting a task marks it: its assignments hold the append-only journal (store/admin.rs).
        sql: "ALTER TABLE task ADD COLUMN deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB
                  '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z');",
        then: None,
    },
    Migration {
        to: 4,
        // Typed but unsaved report text, per clerk, kept when a session ends with a form open
        // (an SSH hang-up) and offered back on the next `e` (store/drafts.rs).
        sql: "CREATE TABLE draft (
    username      TEXT NOT NULL,
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    percent       TEXT NOT NULL,
    progress      TEXT NOT NULL,
    problems      TEXT NOT NULL,
    next_steps    TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (username, task_id, department_id)
) STRICT, WITHOUT ROWID;",
        then: None,
    },
    Migration {
        to: 5,
        // Each assignment carries its task's schedule, weight and deletion (kept by triggers), so
        // the whole-plan rollup reads one table (issue 8). The triggers are the same text as in
        // schema.sql; tests/store.rs compares a migrated file's schema with a new one's.
        sql: V5_SQL,
        then: None,
    },
    Migration {
        to: 6,
        // The newest task in one lookup: whether a period can be read from the assignments
        // alone (store/read/period.rs).
        sql: "CREATE INDEX task_by_created ON task (created_at);",
        then: None,
    },
    Migration {
        to: 7,
        // The journals' hash chain (store/chain.rs), a progress journal no merge may change, and
        // merges that keep the merged department and its assignments (store/admin/department.rs):
        // the new columns, the parts of schema.sql between its "schema 7" markers, then the
        // existing rows linked.
        sql: "ALTER TABLE department ADD COLUMN merged_into INTEGER CHECK (merged_into IS NOT id);
              ALTER TABLE department ADD COLUMN merged_at TEXT CHECK ((merged_at IS NULL) = (merged_into IS NULL) AND (merged_at IS NULL OR merged_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'));
              ALTER TABLE assignment ADD COLUMN ended_at TEXT CHECK (ended_at IS NULL OR ended_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z');",
        then: Some(to_chain),
    },
    Migration {
        to: 8,
        // Closing a task (办结销号, issue 22): the chain's list of journals gains `closing`
        // (a CHECK SQLite cannot alter: the table is rebuilt, its links kept as they were), then
        // schema.sql's "schema 8" part, the closing journal with its link trigger.
        sql: "",
        then: Some(to_closing),
    },
    Migration {
        to: 9,
        // The supervision chain (issue 22): extensions, 督办单 notices and their steps, evidence
        // files. The chain's list of journals gains them (rebuilt as for schema 8), then
        // schema.sql's "schema 9" part.
        sql: "",
        then: Some(to_supervision),
    },
    Migration {
        to: 10,
        // Issued circulars (通报, issue 24): the chain's list of journals gains
        // `circular_issue` (rebuilt as for schema 8), then schema.sql's "schema 10" part.
        sql: "",
        then: Some(to_circular_issue),
    },
    Migration {
        to: 11,
        sql: "",
        then: Some(to_projects),
    },
    Migration {
        to: 12,
        // The day's status rollup kept ahead (issue 25, store/rollup_cache.rs): schema.sql's
        // "schema 12" part. Derived tables, not journals: the chain is not touched.
        sql: "",
        then: Some(to_rollup_cache),
    },
];

fn to_rollup_cache(conn: &Connection) -> Result<()> {
    conn.execute_batch(&marked(
        SCHEMA_SQL,
        "-- schema 12 begin",
        "-- schema 12 end",
    ))?;
    Ok(())
}

fn to_projects(conn: &Connection) -> Result<()> {
    rebuild_chain(conn)?;
    conn.execute_batch(&marked(
        SCHEMA_SQL,
        "-- schema 11 begin",
        "-- schema 11 end",
    ))?;
    Ok(())
}

/// The migration to schema 10: the chain rebuilt with the issued circulars' journal, then it.
fn to_circular_issue(conn: &Connection) -> Result<()> {
    rebuild_chain(conn)?;
    conn.execute_batch(&marked(
        SCHEMA_SQL,
        "-- schema 10 begin",
        "-- schema 10 end",
    ))?;
    Ok(())
}

/// The migration to schema 9: the chain rebuilt with the new journals, then the new tables.
fn to_supervision(conn: &Connection) -> Result<()> {
    rebuild_chain(conn)?;
    conn.execute_batch(&marked(SCHEMA_SQL, "-- schema 9 begin", "-- schema 9 end"))?;
    Ok(())
}

/// The migration to schema 8: `chain` rebuilt with `closing` among its journals, then the
/// closing journal.
fn to_closing(conn: &Connection) -> Result<()> {
    rebuild_chain(conn)?;
    conn.execute_batch(&marked(SCHEMA_SQL, "-- schema 8 begin", "-- schema 8 end"))?;
    Ok(())
}

/// `chain` rebuilt from schema.sql's text (the same rows, the same hashes): how its CHECK on the
/// journals' names, which SQLite cannot alter, gains new journals. The link triggers of the other
/// journals name `chain`, so they are set aside while it is rebuilt and put back as they were.
fn rebuild_chain(conn: &Connection) -> Result<()> {
    let links: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'trigger' AND tbl_name <> 'chain' AND sql LIKE '%INSERT INTO chain%'
             ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &links {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
    }
    conn.execute_batch(&format!(
        "DROP TRIGGER chain_append_only;
         DROP TRIGGER chain_no_delete;
         DROP INDEX chain_by_time;
         ALTER TABLE chain RENAME TO chain_before_rebuild;
         {chain}
         INSERT INTO chain (seq, journal, row_id, at, hash)
             SELECT seq, journal, row_id, at, hash FROM chain_before_rebuild ORDER BY seq;
         DROP TABLE chain_before_rebuild;",
        chain = marked(SCHEMA_SQL, "-- chain begin", "-- chain end")
    ))?;
    for (_, sql) in &links {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// The migration to schema 7: schema.sql's "schema 7" parts, then a link for every existing row.
fn to_chain(conn: &Connection) -> Result<()> {
    conn.execute_batch(&marked(SCHEMA_SQL, "-- schema 7 begin", "-- schema 7 end"))?;
    chain::link_existing(conn)
}

/// The text between each line starting with `begin` and the next line starting with `end`.
fn marked(sql: &str, begin: &str, end: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in sql.lines() {
        if line.starts_with(begin) {
            inside = true;
        } else if line.starts_with(end) {
            inside = false;
        } else if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

const V5_SQL: &str = "ALTER TABLE assignment ADD COLUMN starts_on TEXT;
     ALTER TABLE assignment ADD COLUMN deadline TEXT;
     ALTER TABLE assignment ADD COLUMN weight REAL NOT NULL DEFAULT 1.0;
     ALTER TABLE assignment ADD COLUMN removed_at TEXT;
     UPDATE assignment SET (starts_on, deadline, weight, removed_at) = (
         SELECT coalesce(t.starts_on, p.starts_on), coalesce(t.deadline, p.ends_on), t.weight,
                t.deleted_at
         FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = assignment.task_id);
     CREATE INDEX task_removed ON task (deleted_at) WHERE deleted_at IS NOT NULL;
     CREATE INDEX task_by_number ON task (replace(replace(replace(number, ' ', ''), '（', '('), '）', ')'));
     DROP INDEX assignment_by_department;
     CREATE INDEX assignment_by_department ON assignment (department_id, role, percent, deadline, removed_at);
CREATE TRIGGER assignment_schedule_on_insert
AFTER INSERT ON assignment
BEGIN
    -- A join, not a subquery: with no such task nothing is set, and the foreign key says so.
    UPDATE assignment
    SET starts_on = coalesce(t.starts_on, p.starts_on), deadline = coalesce(t.deadline, p.ends_on),
        weight = t.weight, removed_at = t.deleted_at
    FROM task t JOIN plan p ON p.id = t.plan_id
    WHERE t.id = NEW.task_id
      AND assignment.task_id = NEW.task_id AND assignment.department_id = NEW.department_id;
END;
CREATE TRIGGER task_schedule_to_assignments
AFTER UPDATE OF plan_id, starts_on, deadline, weight, deleted_at ON task
BEGIN
    UPDATE assignment SET (starts_on, deadline, weight, removed_at) = (
        SELECT coalesce(NEW.starts_on, p.starts_on), coalesce(NEW.deadline, p.ends_on), NEW.weight,
               NEW.deleted_at
        FROM plan p WHERE p.id = NEW.plan_id)
    WHERE task_id = NEW.id;
END;
CREATE TRIGGER plan_schedule_to_assignments
AFTER UPDATE OF starts_on, ends_on ON plan
BEGIN
    UPDATE assignment SET (starts_on, deadline) = (
        SELECT coalesce(t.starts_on, NEW.starts_on), coalesce(t.deadline, NEW.ends_on)
        FROM task t WHERE t.id = assignment.task_id)
    WHERE task_id IN (SELECT id FROM task WHERE plan_id = NEW.id);
END;";

/// Creates the schema in a new, empty file, in one transaction: a failure leaves no half schema.
pub fn create(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(SCHEMA_SQL)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Applies the migrations above `from`, each in its own transaction. Re-reads the version inside
/// the transaction: another clerk's duban may have migrated the file a moment ago.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    for step in migrations {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= step.to {
            continue;
        }
        tx.execute_batch(step.sql)?;
        if let Some(then) = step.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", step.to)?;
        tx.commit()?;
    }
    Ok(())
}
