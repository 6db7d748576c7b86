-- duban schema: the whole current data model, applied to a new database file.
-- Existing files are brought here by the migrations in src/store/migrate.rs (PRAGMA user_version).
--
-- Conventions: every table STRICT; days as ISO 'YYYY-MM-DD' TEXT (checked with date(), which also
-- refuses 2024-02-30); instants as ISO UTC 'YYYY-MM-DDTHH:MM:SSZ' TEXT; foreign keys refuse to orphan
-- or drop data (ON DELETE RESTRICT); the journals (progress, indicator_actual, audit, closing) are append-only,
-- enforced by triggers.

CREATE TABLE plan (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    doc_no            TEXT,                -- 文号
    issuer            TEXT,                -- 发文单位
    issued_on         TEXT CHECK (issued_on IS NULL OR issued_on = date(issued_on)),
    starts_on         TEXT NOT NULL CHECK (starts_on = date(starts_on)),
    ends_on           TEXT NOT NULL CHECK (ends_on = date(ends_on)),
    -- A responsibility note that applies to every task ("以下各项工作均需…不再列出").
    common_units_note TEXT,
    source_text       TEXT,
    created_at        TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
) STRICT;

CREATE TABLE section (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    parent_id INTEGER REFERENCES section (id) ON DELETE RESTRICT,
    number    TEXT NOT NULL,               -- 一 / (一)
    title     TEXT NOT NULL,
    position  INTEGER NOT NULL
) STRICT;
CREATE INDEX section_by_plan ON section (plan_id, position);

CREATE TABLE department (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0 AND name = trim(name)),
    short_name TEXT,
    kind       TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('bureau', 'street', 'company', 'other')),
    position   INTEGER NOT NULL DEFAULT 0,
    -- Set when the department was merged into another (schema 7): the row stays, so the journal
    -- rows it made keep their maker; current lists leave it out, as-of lists show it before then.
    merged_into INTEGER CHECK (merged_into IS NOT id),
    merged_at   TEXT CHECK ((merged_at IS NULL) = (merged_into IS NULL) AND (merged_at IS NULL OR merged_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'))
) STRICT;

CREATE TABLE department_alias (
    alias         TEXT PRIMARY KEY CHECK (length(trim(alias)) > 0),
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE RESTRICT
) STRICT;
CREATE INDEX department_alias_by_department ON department_alias (department_id);

-- An alias must not shadow another department's name.
CREATE TRIGGER department_alias_not_a_name
BEFORE INSERT ON department_alias
WHEN EXISTS (SELECT 1 FROM department WHERE name = NEW.alias AND id <> NEW.department_id)
BEGIN
    SELECT RAISE(ABORT, 'alias is the name of another department');
END;

CREATE TABLE task (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    section_id    INTEGER REFERENCES section (id) ON DELETE RESTRICT,
    number        TEXT NOT NULL,           -- as shown: 3, or (二)3 when numbering restarts
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body          TEXT NOT NULL DEFAULT '',
    starts_on     TEXT CHECK (starts_on IS NULL OR starts_on = date(starts_on)),
    deadline      TEXT CHECK (deadline IS NULL OR deadline = date(deadline)), -- NULL: the plan's end
    deadline_text TEXT,                    -- as written: 2021年底前, 每季度, 长期
    weight        REAL NOT NULL DEFAULT 1.0 CHECK (weight > 0),
    position      INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    -- Set when an admin deletes the task. The row stays because its assignments hold the progress
    -- journal (append-only, with a foreign key to assignment): current reads leave it out, as-of
    -- reads show it while it existed (src/store/admin.rs).
    deleted_at    TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    CHECK (starts_on IS NULL OR deadline IS NULL OR deadline >= starts_on)
) STRICT;
CREATE INDEX task_by_plan ON task (plan_id, position);
CREATE INDEX task_by_deadline ON task (deadline);
-- The few deleted tasks: the live count is all tasks minus these, without reading every row.
CREATE INDEX task_removed ON task (deleted_at) WHERE deleted_at IS NOT NULL;
-- The newest task: a reporting period that every task was created before, and none deleted in or
-- after, is read from the assignments alone (store/read/period.rs).
CREATE INDEX task_by_created ON task (created_at);
-- Finding a task by the number a person typed (`duban update --task "(二)3"`): the same
-- normalising expression as store/journal.rs, so the lookup is a search, not a scan.
CREATE INDEX task_by_number ON task (replace(replace(replace(number, ' ', ''), '（', '('), '）', ')'));

CREATE TABLE assignment (
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
    role          TEXT NOT NULL CHECK (role IN ('lead', 'co')),
    position      INTEGER NOT NULL DEFAULT 0, -- order the units were named in (the first-named leads)
    percent       INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    updated_at    TEXT,
    updated_by    TEXT,
    -- Bumped by every progress report; a writer must name the version it read (optimistic lock).
    version       INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
    -- Copies of the task's effective schedule (its own dates, else its plan's), its weight and its
    -- deletion, kept by the triggers below and never written by code. `duban status` and the
    -- department list then read this one table in task order instead of joining every task
    -- (3/4 of their time at 100,000 tasks). `duban check` compares them with the task.
    starts_on     TEXT,
    deadline      TEXT,
    weight        REAL NOT NULL DEFAULT 1.0,
    removed_at    TEXT,
    -- When the unit was taken off the task, or its department merged into another: the row stays
    -- (its journal rows point at it). `removed_at` above is the earlier of this and the deletion.
    -- When it stood on the task before is in `assignment_past` (as-of reads).
    ended_at      TEXT CHECK (ended_at IS NULL OR ended_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    PRIMARY KEY (task_id, department_id)
) STRICT, WITHOUT ROWID;
-- A department's tasks (TUI department pane, status --dept); covers role, percent and deadline,
-- so a per-department summary (count, mean, overdue, due soon) is one index scan.
CREATE INDEX assignment_by_department ON assignment (department_id, role, percent, deadline, removed_at);

-- The copies above follow a new assignment, a task's schedule, weight or deletion, and a plan's
-- dates (the default schedule of its tasks).
-- schema 7 begin (the migration to schema 7 applies the text between these markers, here and below)
DROP TRIGGER IF EXISTS assignment_schedule_on_insert;
CREATE TRIGGER assignment_schedule_on_insert
AFTER INSERT ON assignment
BEGIN
    -- A join, not a subquery: with no such task nothing is set, and the foreign key says so.
    UPDATE assignment
    SET starts_on = coalesce(t.starts_on, p.starts_on), deadline = coalesce(t.deadline, p.ends_on),
        weight = t.weight,
        removed_at = CASE WHEN NEW.ended_at IS NULL THEN t.deleted_at
                          WHEN t.deleted_at IS NULL THEN NEW.ended_at
                          ELSE min(NEW.ended_at, t.deleted_at) END
    FROM task t JOIN plan p ON p.id = t.plan_id
    WHERE t.id = NEW.task_id
      AND assignment.task_id = NEW.task_id AND assignment.department_id = NEW.department_id;
END;
DROP TRIGGER IF EXISTS task_schedule_to_assignments;
CREATE TRIGGER task_schedule_to_assignments
AFTER UPDATE OF plan_id, starts_on, deadline, weight, deleted_at ON task
BEGIN
    UPDATE assignment SET (starts_on, deadline, weight, removed_at) = (
        SELECT coalesce(NEW.starts_on, p.starts_on), coalesce(NEW.deadline, p.ends_on), NEW.weight,
               CASE WHEN assignment.ended_at IS NULL THEN NEW.deleted_at
                    WHEN NEW.deleted_at IS NULL THEN assignment.ended_at
                    ELSE min(assignment.ended_at, NEW.deleted_at) END
        FROM plan p WHERE p.id = NEW.plan_id)
    WHERE task_id = NEW.id;
END;
-- The few assignments that left their task: whether a period's units are the current ones is an
-- index probe (store/read/period.rs).
CREATE INDEX assignment_ended_at ON assignment (ended_at) WHERE ended_at IS NOT NULL;
CREATE TRIGGER assignment_ended
AFTER UPDATE OF ended_at ON assignment
BEGIN
    UPDATE assignment SET removed_at = (
        SELECT CASE WHEN NEW.ended_at IS NULL THEN t.deleted_at
                    WHEN t.deleted_at IS NULL THEN NEW.ended_at
                    ELSE min(NEW.ended_at, t.deleted_at) END
        FROM task t WHERE t.id = NEW.task_id)
    WHERE task_id = NEW.task_id AND department_id = NEW.department_id;
END;
-- schema 7 end
CREATE TRIGGER plan_schedule_to_assignments
AFTER UPDATE OF starts_on, ends_on ON plan
BEGIN
    UPDATE assignment SET (starts_on, deadline) = (
        SELECT coalesce(t.starts_on, NEW.starts_on), coalesce(t.deadline, NEW.ends_on)
        FROM task t WHERE t.id = assignment.task_id)
    WHERE task_id IN (SELECT id FROM task WHERE plan_id = NEW.id);
END;

CREATE TABLE progress (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    percent       INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note          TEXT NOT NULL DEFAULT '',
    reported_by   TEXT NOT NULL CHECK (length(reported_by) > 0),
    reported_at   TEXT NOT NULL CHECK (reported_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    -- Set on the row that an undo appends: the entry it takes back (each at most once).
    undoes        INTEGER REFERENCES progress (id) ON DELETE RESTRICT,
    FOREIGN KEY (task_id, department_id) REFERENCES assignment (task_id, department_id) ON DELETE RESTRICT
) STRICT;
-- History of one assignment, and the as-of lookup (latest row with reported_at <= D).
CREATE INDEX progress_by_assignment ON progress (task_id, department_id, reported_at);
CREATE INDEX progress_by_time ON progress (reported_at);
CREATE UNIQUE INDEX progress_undoes ON progress (undoes) WHERE undoes IS NOT NULL;
-- A clerk's own entries, newest first (undo, `duban log` by person).
CREATE INDEX progress_by_reporter ON progress (reported_by, id);

-- The journal is append-only.
-- schema 7 begin
DROP TRIGGER IF EXISTS progress_append_only;
CREATE TRIGGER progress_append_only
BEFORE UPDATE ON progress
BEGIN
    SELECT RAISE(ABORT, 'the progress journal is append-only');
END;
-- schema 7 end
CREATE TRIGGER progress_no_delete
BEFORE DELETE ON progress
BEGIN
    SELECT RAISE(ABORT, 'the progress journal is append-only');
END;

CREATE TABLE indicator (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit             TEXT NOT NULL DEFAULT '',       -- 亿元, %, 家
    department_id    INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    higher_is_better INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1)),
    base_year        INTEGER CHECK (base_year IS NULL OR base_year BETWEEN 1900 AND 2200),
    base_value       REAL,
    position         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX indicator_unique ON indicator (plan_id, name, ifnull(department_id, 0));

CREATE TABLE indicator_target (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE RESTRICT,
    year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value        REAL NOT NULL,
    PRIMARY KEY (indicator_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE indicator_actual (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE RESTRICT,
    -- 2024, 2024-Q2 or 2024-06
    period       TEXT NOT NULL CHECK (
                     period GLOB '[0-9][0-9][0-9][0-9]'
                  OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'
                  OR (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND substr(period, 6, 2) BETWEEN '01' AND '12')),
    value        REAL NOT NULL,
    reported_by  TEXT NOT NULL,
    reported_at  TEXT NOT NULL
) STRICT;
CREATE INDEX indicator_actual_by_indicator ON indicator_actual (indicator_id, period, reported_at);
CREATE TRIGGER indicator_actual_append_only
BEFORE UPDATE ON indicator_actual
BEGIN
    SELECT RAISE(ABORT, 'indicator actuals are append-only');
END;
CREATE TRIGGER indicator_actual_no_delete
BEFORE DELETE ON indicator_actual
BEGIN
    SELECT RAISE(ABORT, 'indicator actuals are append-only');
END;

CREATE TABLE clerk (
    username      TEXT PRIMARY KEY CHECK (length(trim(username)) > 0),
    display_name  TEXT,
    department_id INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    -- An editor reports for a department, so must belong to one.
    CHECK (role <> 'editor' OR department_id IS NOT NULL)
) STRICT;

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    by        TEXT NOT NULL,
    entity    TEXT NOT NULL,               -- plan, task, department, clerk, setting
    entity_id TEXT,
    action    TEXT NOT NULL,               -- create, update, merge, delete
    before    TEXT CHECK (before IS NULL OR json_valid(before)),
    after     TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX audit_by_entity ON audit (entity, entity_id);
CREATE TRIGGER audit_append_only
BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete
BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- The journals' hash chain (tamper evidence, src/store/chain.rs): one link per journal row, in the
-- order written, each SHA-256 over the previous link's hash and the row's content, added by the
-- triggers below inside the writer's transaction. duban_link and duban_linking are functions every
-- duban connection registers; the sqlite3 shell lacks them, so a row added there is refused. A bulk
-- load (the demo, `gen`) turns the triggers off for its own rows and links them before it commits. `at` is the row's time or
-- the previous link's, whichever is later: links are in time order, and "the journal as of an
-- instant" is a prefix of the chain (the 留痕校验码 a circular prints).
-- schema 7 begin
-- chain begin (the migration to schema 8 rebuilds the chain from the text between these markers)
CREATE TABLE chain (
    seq     INTEGER PRIMARY KEY,       -- 1, 2, 3… with no gap (nothing is ever deleted)
    journal TEXT NOT NULL CHECK (journal IN ('progress', 'indicator_actual', 'audit', 'task_past',
                                             'assignment_past', 'department_past',
                                             'setting_past', 'closing', 'extension',
                                             'notice', 'notice_step', 'attachment',
                                             'circular_issue', 'project', 'project_plan',
                                             'investment', 'milestone', 'milestone_reached')),
    row_id  INTEGER NOT NULL,
    at      TEXT NOT NULL,
    hash    TEXT NOT NULL CHECK (length(hash) = 64),
    UNIQUE (journal, row_id)
) STRICT;
CREATE INDEX chain_by_time ON chain (at);
CREATE TRIGGER chain_append_only
BEFORE UPDATE ON chain
BEGIN
    SELECT RAISE(ABORT, 'the journal chain is append-only');
END;
CREATE TRIGGER chain_no_delete
BEFORE DELETE ON chain
BEGIN
    SELECT RAISE(ABORT, 'the journal chain is append-only');
END;
-- chain end
CREATE TRIGGER progress_link
AFTER INSERT ON progress
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'progress', NEW.id, max(NEW.reported_at, coalesce(c.at, '')),
           duban_link(c.hash, 'progress', NEW.id, NEW.task_id, NEW.department_id, NEW.percent,
                      NEW.note, NEW.reported_by, NEW.reported_at, NEW.undoes)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER indicator_actual_link
AFTER INSERT ON indicator_actual
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'indicator_actual', NEW.id, max(NEW.reported_at, coalesce(c.at, '')),
           duban_link(c.hash, 'indicator_actual', NEW.id, NEW.indicator_id, NEW.period, NEW.value,
                      NEW.reported_by, NEW.reported_at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER audit_link
AFTER INSERT ON audit
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'audit', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'audit', NEW.id, NEW.at, NEW.by, NEW.entity, NEW.entity_id,
                      NEW.action, NEW.before, NEW.after)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- schema 7 end

-- Structure as it stood (as-of reads, store/read.rs): before an edit changes a task's number,
-- title, section, schedule or weight, a unit's role, place or standing (added to a task, taken off,
-- merged away), or a department's name, the values that stood until then are kept here with
-- `until`, the instant of the edit. An as-of read for instant T takes, per task (unit, department),
-- the earliest row with `until >= T`; with none, the values now.
-- schema 7 begin
CREATE TABLE task_past (
    id            INTEGER PRIMARY KEY,     -- the hash chain names a row by it
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    until         TEXT NOT NULL,
    section_id    INTEGER,
    number        TEXT NOT NULL,
    title         TEXT NOT NULL,
    starts_on     TEXT,
    deadline      TEXT,
    deadline_text TEXT,
    weight        REAL NOT NULL,
    UNIQUE (task_id, until)
) STRICT;
CREATE TABLE assignment_past (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    until         TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('lead', 'co')),
    position      INTEGER NOT NULL,
    -- 1: the unit stood on the task until then; 0: it did not (it was added, or came back, then).
    stood         INTEGER NOT NULL CHECK (stood IN (0, 1)),
    UNIQUE (task_id, department_id, until),
    FOREIGN KEY (task_id, department_id) REFERENCES assignment (task_id, department_id) ON DELETE RESTRICT
) STRICT;
CREATE TABLE department_past (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
    until         TEXT NOT NULL,
    name          TEXT NOT NULL,
    UNIQUE (department_id, until)
) STRICT;
-- A setting as it stood before each change (NULL: not set then, the default applied): a circular
-- for a past period scores and lights by the rule of its day.
CREATE TABLE setting_past (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL,
    until         TEXT NOT NULL,
    value         TEXT,
    UNIQUE (key, until)
) STRICT;
-- The newest edit: whether a period's structure is today's is one lookup each (read/period.rs).
CREATE INDEX task_past_by_until ON task_past (until);
CREATE INDEX assignment_past_by_until ON assignment_past (until);
CREATE INDEX department_past_by_until ON department_past (until);
-- History of structure is append-only and hash-chained, as the journals are.
CREATE TRIGGER task_past_link
AFTER INSERT ON task_past
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'task_past', NEW.id, max(NEW.until, coalesce(c.at, '')),
           duban_link(c.hash, 'task_past', NEW.id, NEW.task_id, NEW.until, NEW.section_id,
                      NEW.number, NEW.title, NEW.starts_on, NEW.deadline, NEW.deadline_text,
                      NEW.weight)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER assignment_past_link
AFTER INSERT ON assignment_past
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'assignment_past', NEW.id, max(NEW.until, coalesce(c.at, '')),
           duban_link(c.hash, 'assignment_past', NEW.id, NEW.task_id, NEW.department_id,
                      NEW.until, NEW.role, NEW.position, NEW.stood)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER setting_past_link
AFTER INSERT ON setting_past
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'setting_past', NEW.id, max(NEW.until, coalesce(c.at, '')),
           duban_link(c.hash, 'setting_past', NEW.id, NEW.key, NEW.until, NEW.value)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER setting_past_append_only BEFORE UPDATE ON setting_past
BEGIN SELECT RAISE(ABORT, 'setting history is append-only'); END;
CREATE TRIGGER setting_past_no_delete BEFORE DELETE ON setting_past
BEGIN SELECT RAISE(ABORT, 'setting history is append-only'); END;
CREATE TRIGGER department_past_link
AFTER INSERT ON department_past
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'department_past', NEW.id, max(NEW.until, coalesce(c.at, '')),
           duban_link(c.hash, 'department_past', NEW.id, NEW.department_id, NEW.until, NEW.name)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER task_past_append_only BEFORE UPDATE ON task_past
BEGIN SELECT RAISE(ABORT, 'structure history is append-only'); END;
CREATE TRIGGER task_past_no_delete BEFORE DELETE ON task_past
BEGIN SELECT RAISE(ABORT, 'structure history is append-only'); END;
CREATE TRIGGER assignment_past_append_only BEFORE UPDATE ON assignment_past
BEGIN SELECT RAISE(ABORT, 'structure history is append-only'); END;
CREATE TRIGGER assignment_past_no_delete BEFORE DELETE ON assignment_past
BEGIN SELECT RAISE(ABORT, 'structure history is append-only'); END;
CREATE TRIGGER department_past_append_only BEFORE UPDATE ON department_past
BEGIN SELECT RAISE(ABORT, 'structure history is append-only'); END;
CREATE TRIGGER department_past_no_delete BEFORE DELETE ON department_past
BEGIN SELECT RAISE(ABORT, 'structure history is append-only'); END;
-- schema 7 end

-- Closing a task (办结销号, issue 22; domain/closing.rs): every step is a row, in order. 'apply'
-- (申请办结) by a lead unit at 100% names the unit, its closing note and, when other units are
-- below 100%, why; 'approve' (通过, 已办结) and 'return' (退回, with its reason in `note`) by an
-- admin; 'reopen' of a closed task by an admin, with a reason. A task's state is its last row's
-- step (none: open); as of an instant, its last row with `at` up to then. Append-only, chained.
-- schema 8 begin
CREATE TABLE closing (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    step          TEXT NOT NULL CHECK (step IN ('apply', 'approve', 'return', 'reopen')),
    -- The lead unit that applied (apply rows only).
    department_id INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    -- The closing note, the reviewer's note, or the reason of a return or reopening.
    note          TEXT NOT NULL DEFAULT '',
    -- Why units below 100% are not finished (apply rows only; '' when none was below).
    why           TEXT NOT NULL DEFAULT '',
    by            TEXT NOT NULL CHECK (length(by) > 0),
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    CHECK ((step = 'apply') = (department_id IS NOT NULL)),
    CHECK (step NOT IN ('return', 'reopen') OR length(trim(note)) > 0)
) STRICT;
-- A task's steps in order (its state, as of any instant), and the review queue by time.
CREATE INDEX closing_by_task ON closing (task_id, at, id);
CREATE INDEX closing_by_time ON closing (at);
CREATE TRIGGER closing_append_only BEFORE UPDATE ON closing
BEGIN SELECT RAISE(ABORT, 'the closing journal is append-only'); END;
CREATE TRIGGER closing_no_delete BEFORE DELETE ON closing
BEGIN SELECT RAISE(ABORT, 'the closing journal is append-only'); END;
CREATE TRIGGER closing_link
AFTER INSERT ON closing
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'closing', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'closing', NEW.id, NEW.task_id, NEW.step, NEW.department_id,
                      NEW.note, NEW.why, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- schema 8 end

-- The supervision chain beyond closing (issue 22): extensions, 督办单 notices and their replies,
-- and evidence files. Every table is a journal: append-only, each row chained.
-- schema 9 begin
-- Extensions (延期申请; domain/extension.rs): 'request' by a unit (or an admin filing for one)
-- names the unit, the deadline in force when asked (NULL: the plan's end) and the one asked for;
-- 'approve' (the deadline granted, which the task then carries from that day on; the old one stays
-- in task_past) or 'refuse' (with its reason) by an admin answers one request, once.
CREATE TABLE extension (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    step          TEXT NOT NULL CHECK (step IN ('request', 'approve', 'refuse')),
    -- The request an 'approve' or 'refuse' row answers.
    request_id    INTEGER REFERENCES extension (id) ON DELETE RESTRICT,
    -- The asking unit (request rows).
    department_id INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    old_deadline  TEXT CHECK (old_deadline IS NULL OR old_deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Asked for (request), granted (approve); NULL on a refusal.
    new_deadline  TEXT CHECK (new_deadline IS NULL OR new_deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason        TEXT NOT NULL DEFAULT '',
    by            TEXT NOT NULL CHECK (length(by) > 0),
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    CHECK ((step = 'request') = (request_id IS NULL)),
    CHECK ((step = 'request') = (department_id IS NOT NULL)),
    CHECK ((step = 'refuse') = (new_deadline IS NULL)),
    CHECK (step = 'approve' OR length(trim(reason)) > 0)
) STRICT;
CREATE INDEX extension_by_task ON extension (task_id, id);
CREATE INDEX extension_by_time ON extension (at);
CREATE UNIQUE INDEX extension_answered_once ON extension (request_id) WHERE request_id IS NOT NULL;
CREATE TRIGGER extension_append_only BEFORE UPDATE ON extension
BEGIN SELECT RAISE(ABORT, 'the extension journal is append-only'); END;
CREATE TRIGGER extension_no_delete BEFORE DELETE ON extension
BEGIN SELECT RAISE(ABORT, 'the extension journal is append-only'); END;
CREATE TRIGGER extension_link
AFTER INSERT ON extension
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'extension', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'extension', NEW.id, NEW.task_id, NEW.step, NEW.request_id,
                      NEW.department_id, NEW.old_deadline, NEW.new_deadline, NEW.reason, NEW.by,
                      NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- 督办单 (domain/notice.rs): a numbered notice to one unit about one task. `number` is the text
-- as issued (the pattern is a setting and may change; the printed number may not), `seq` its
-- number within `year`, never reused. `follows`: the unanswered notice this one escalates.
CREATE TABLE notice (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    seq           INTEGER NOT NULL CHECK (seq > 0),
    number        TEXT NOT NULL CHECK (length(number) > 0),
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
    level         TEXT NOT NULL CHECK (level IN ('blue', 'yellow', 'red')),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    required      TEXT NOT NULL DEFAULT '',
    reply_by      TEXT NOT NULL CHECK (reply_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    follows       INTEGER REFERENCES notice (id) ON DELETE RESTRICT,
    by            TEXT NOT NULL CHECK (length(by) > 0),
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    UNIQUE (year, seq)
) STRICT;
CREATE INDEX notice_by_task ON notice (task_id, department_id, id);
CREATE INDEX notice_by_department ON notice (department_id, id);
CREATE INDEX notice_by_time ON notice (at);
CREATE TRIGGER notice_append_only BEFORE UPDATE ON notice
BEGIN SELECT RAISE(ABORT, 'the notice journal is append-only'); END;
CREATE TRIGGER notice_no_delete BEFORE DELETE ON notice
BEGIN SELECT RAISE(ABORT, 'the notice journal is append-only'); END;
CREATE TRIGGER notice_link
AFTER INSERT ON notice
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'notice', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'notice', NEW.id, NEW.year, NEW.seq, NEW.number, NEW.task_id,
                      NEW.department_id, NEW.level, NEW.reason, NEW.required, NEW.reply_by,
                      NEW.follows, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- A notice's steps: 'reply' (反馈) by the unit, 'accept' (the admin closes the notice) or 'return'
-- (the reply is not enough, with why: the notice stands open) by an admin.
CREATE TABLE notice_step (
    id        INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notice (id) ON DELETE RESTRICT,
    step      TEXT NOT NULL CHECK (step IN ('reply', 'accept', 'return')),
    text      TEXT NOT NULL DEFAULT '',
    by        TEXT NOT NULL CHECK (length(by) > 0),
    at        TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    CHECK (step = 'accept' OR length(trim(text)) > 0)
) STRICT;
CREATE INDEX notice_step_by_notice ON notice_step (notice_id, id);
CREATE TRIGGER notice_step_append_only BEFORE UPDATE ON notice_step
BEGIN SELECT RAISE(ABORT, 'the notice journal is append-only'); END;
CREATE TRIGGER notice_step_no_delete BEFORE DELETE ON notice_step
BEGIN SELECT RAISE(ABORT, 'the notice journal is append-only'); END;
CREATE TRIGGER notice_step_link
AFTER INSERT ON notice_step
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'notice_step', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'notice_step', NEW.id, NEW.notice_id, NEW.step, NEW.text, NEW.by,
                      NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- Evidence files (佐证材料; store/attachment.rs): what a file is evidence for ('assignment': the
-- task and unit alone; or a progress report, a closing application, a notice step, by id), its
-- original name, size and SHA-256. The link covers these, not the bytes: `check` hashes the bytes
-- against `sha256`. The bytes live in attachment_data, written and read in pieces (incremental
-- blob I/O), never whole in memory.
CREATE TABLE attachment (
    id            INTEGER PRIMARY KEY,
    owner         TEXT NOT NULL CHECK (owner IN ('assignment', 'progress', 'closing', 'notice_step')),
    owner_id      INTEGER,
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    department_id INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    name          TEXT NOT NULL CHECK (length(name) > 0),
    size          INTEGER NOT NULL CHECK (size >= 0),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    by            TEXT NOT NULL CHECK (length(by) > 0),
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    CHECK ((owner = 'assignment') = (owner_id IS NULL))
) STRICT;
CREATE INDEX attachment_by_task ON attachment (task_id, department_id, id);
CREATE INDEX attachment_by_owner ON attachment (owner, owner_id);
CREATE TRIGGER attachment_append_only BEFORE UPDATE ON attachment
BEGIN SELECT RAISE(ABORT, 'attachments are never changed'); END;
CREATE TRIGGER attachment_no_delete BEFORE DELETE ON attachment
BEGIN SELECT RAISE(ABORT, 'attachments are never deleted'); END;
CREATE TRIGGER attachment_link
AFTER INSERT ON attachment
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'attachment', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'attachment', NEW.id, NEW.owner, NEW.owner_id, NEW.task_id,
                      NEW.department_id, NEW.name, NEW.size, NEW.sha256, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- The bytes: a zeroblob of the right size inserted with its row, then filled in pieces in the
-- same transaction (blob writes fire no trigger). Never deleted.
CREATE TABLE attachment_data (
    attachment_id INTEGER PRIMARY KEY REFERENCES attachment (id) ON DELETE RESTRICT,
    data          BLOB NOT NULL
) STRICT;
CREATE TRIGGER attachment_data_no_delete BEFORE DELETE ON attachment_data
BEGIN SELECT RAISE(ABORT, 'attachments are never deleted'); END;
-- schema 9 end

-- Issued circulars (通报, issue 24; domain/circular_issue.rs): a document number is a record.
-- `number` is the text as printed, `seq` its number within `year`, never reused: issuing the same
-- period again takes the next. `period` and `as_of` say what the figures are; `sha256` is the
-- written file's, so a copy can be checked against the record. Append-only, chained.
-- schema 10 begin
CREATE TABLE circular_issue (
    id      INTEGER PRIMARY KEY,
    year    INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    seq     INTEGER NOT NULL CHECK (seq > 0),
    number  TEXT NOT NULL CHECK (length(number) > 0),
    period  TEXT NOT NULL CHECK (length(period) > 0),
    as_of   TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    format  TEXT NOT NULL CHECK (format IN ('docx')),
    sha256  TEXT NOT NULL CHECK (length(sha256) = 64),
    by      TEXT NOT NULL CHECK (length(by) > 0),
    at      TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    -- The plan the circular covers (`--plan`); NULL: every plan of the file. No foreign key:
    -- the record outlives the plan, and recomputing the circular needs only the id.
    plan_id INTEGER CHECK (plan_id IS NULL OR plan_id > 0),
    UNIQUE (year, seq)
) STRICT;
CREATE INDEX circular_issue_by_period ON circular_issue (period, id);
CREATE TRIGGER circular_issue_append_only BEFORE UPDATE ON circular_issue
BEGIN SELECT RAISE(ABORT, 'issued circulars are never changed'); END;
CREATE TRIGGER circular_issue_no_delete BEFORE DELETE ON circular_issue
BEGIN SELECT RAISE(ABORT, 'issued circulars are never deleted'); END;
CREATE TRIGGER circular_issue_link
AFTER INSERT ON circular_issue
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'circular_issue', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'circular_issue', NEW.id, NEW.year, NEW.seq, NEW.number,
                      NEW.period, NEW.as_of, NEW.format, NEW.sha256, NEW.by, NEW.at,
                      NEW.plan_id)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- schema 10 end

-- Key projects and milestones (挂图作战, issue 23; domain/project.rs, domain/milestone.rs). Every
-- table is a journal: append-only, each row chained; the current value of a thing is its latest
-- row, and its value as of an instant the latest row written up to then.
-- schema 11 begin
-- A task that is a key project (重点项目): its owner (建设单位, a company, not a department) and
-- total investment (总投资, 万元). Each edit appends a row; `active` 0 says it is no longer one.
CREATE TABLE project (
    id      INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    owner   TEXT NOT NULL DEFAULT '',
    total   REAL CHECK (total IS NULL OR (total >= 0 AND total < 1e12)),
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    by      TEXT NOT NULL CHECK (length(by) > 0),
    at      TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z')
) STRICT;
CREATE INDEX project_by_task ON project (task_id, at, id);
-- A year's planned investment (年度计划投资, 万元) of a key project; the latest row per year.
CREATE TABLE project_plan (
    id      INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    year    INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    planned REAL NOT NULL CHECK (planned >= 0 AND planned < 1e12),
    by      TEXT NOT NULL CHECK (length(by) > 0),
    at      TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z')
) STRICT;
CREATE INDEX project_plan_by_task ON project_plan (task_id, year, at, id);
-- Investment completed (完成投资), reported by a unit of the task like progress: `amount` is the
-- year's cumulative figure (本年累计, 万元) at the end of `month`. A figure lower than the one
-- before it in the same year needs `reason` (a correction), checked by the store.
CREATE TABLE investment (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    department_id INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    month         TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND substr(month, 6, 2) BETWEEN '01' AND '12'),
    amount        REAL NOT NULL CHECK (amount >= 0 AND amount < 1e12),
    note          TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    by            TEXT NOT NULL CHECK (length(by) > 0),
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z')
) STRICT;
CREATE INDEX investment_by_task ON investment (task_id, month, at, id);
CREATE INDEX investment_by_time ON investment (at);
-- Milestones (节点) of any task. A version row per edit: the first version of a milestone has
-- `origin` NULL, and its id names the milestone for ever; a later version carries that `origin`
-- and `replaces` the version it supersedes (each version is replaced at most once); `removed` 1
-- takes the milestone off. `share`: the completion expected when the node is reached (expected
-- progress then follows the milestones), NULL when not given.
CREATE TABLE milestone (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    origin     INTEGER REFERENCES milestone (id) ON DELETE RESTRICT,
    replaces   INTEGER REFERENCES milestone (id) ON DELETE RESTRICT,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    planned_on TEXT NOT NULL CHECK (planned_on = date(planned_on)),
    share      INTEGER CHECK (share IS NULL OR share BETWEEN 0 AND 100),
    position   INTEGER NOT NULL DEFAULT 0,
    removed    INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    by         TEXT NOT NULL CHECK (length(by) > 0),
    at         TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    CHECK ((origin IS NULL) = (replaces IS NULL))
) STRICT;
CREATE INDEX milestone_by_task ON milestone (task_id, at, id);
CREATE UNIQUE INDEX milestone_replaced_once ON milestone (replaces) WHERE replaces IS NOT NULL;
-- A milestone reached (达到节点) on `reached_on`, entered by a unit of the task; a later row for
-- the same milestone corrects it (`reached_on` NULL: not reached after all, with the reason in
-- `note`). `milestone_id` is the milestone's first version.
CREATE TABLE milestone_reached (
    id            INTEGER PRIMARY KEY,
    milestone_id  INTEGER NOT NULL REFERENCES milestone (id) ON DELETE RESTRICT,
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE RESTRICT,
    department_id INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    reached_on    TEXT CHECK (reached_on IS NULL OR reached_on = date(reached_on)),
    note          TEXT NOT NULL DEFAULT '',
    by            TEXT NOT NULL CHECK (length(by) > 0),
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
    CHECK (reached_on IS NOT NULL OR length(trim(note)) > 0)
) STRICT;
CREATE INDEX milestone_reached_by_task ON milestone_reached (task_id, milestone_id, at, id);
CREATE TRIGGER project_append_only BEFORE UPDATE ON project
BEGIN SELECT RAISE(ABORT, 'the project journal is append-only'); END;
CREATE TRIGGER project_no_delete BEFORE DELETE ON project
BEGIN SELECT RAISE(ABORT, 'the project journal is append-only'); END;
CREATE TRIGGER project_plan_append_only BEFORE UPDATE ON project_plan
BEGIN SELECT RAISE(ABORT, 'the project_plan journal is append-only'); END;
CREATE TRIGGER project_plan_no_delete BEFORE DELETE ON project_plan
BEGIN SELECT RAISE(ABORT, 'the project_plan journal is append-only'); END;
CREATE TRIGGER investment_append_only BEFORE UPDATE ON investment
BEGIN SELECT RAISE(ABORT, 'the investment journal is append-only'); END;
CREATE TRIGGER investment_no_delete BEFORE DELETE ON investment
BEGIN SELECT RAISE(ABORT, 'the investment journal is append-only'); END;
CREATE TRIGGER milestone_append_only BEFORE UPDATE ON milestone
BEGIN SELECT RAISE(ABORT, 'the milestone journal is append-only'); END;
CREATE TRIGGER milestone_no_delete BEFORE DELETE ON milestone
BEGIN SELECT RAISE(ABORT, 'the milestone journal is append-only'); END;
CREATE TRIGGER milestone_reached_append_only BEFORE UPDATE ON milestone_reached
BEGIN SELECT RAISE(ABORT, 'the milestone_reached journal is append-only'); END;
CREATE TRIGGER milestone_reached_no_delete BEFORE DELETE ON milestone_reached
BEGIN SELECT RAISE(ABORT, 'the milestone_reached journal is append-only'); END;
CREATE TRIGGER project_link
AFTER INSERT ON project
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'project', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'project', NEW.id, NEW.task_id, NEW.owner, NEW.total, NEW.active, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER project_plan_link
AFTER INSERT ON project_plan
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'project_plan', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'project_plan', NEW.id, NEW.task_id, NEW.year, NEW.planned, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER investment_link
AFTER INSERT ON investment
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'investment', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'investment', NEW.id, NEW.task_id, NEW.department_id, NEW.month, NEW.amount, NEW.note,
                      NEW.reason, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER milestone_link
AFTER INSERT ON milestone
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'milestone', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'milestone', NEW.id, NEW.task_id, NEW.origin, NEW.replaces, NEW.name, NEW.planned_on,
                      NEW.share, NEW.position, NEW.removed, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
CREATE TRIGGER milestone_reached_link
AFTER INSERT ON milestone_reached
WHEN duban_linking()
BEGIN
    INSERT INTO chain (journal, row_id, at, hash)
    SELECT 'milestone_reached', NEW.id, max(NEW.at, coalesce(c.at, '')),
           duban_link(c.hash, 'milestone_reached', NEW.id, NEW.milestone_id, NEW.task_id, NEW.department_id,
                      NEW.reached_on, NEW.note, NEW.by, NEW.at)
    FROM (SELECT 1) LEFT JOIN (SELECT at, hash FROM chain ORDER BY seq DESC LIMIT 1) c ON 1;
END;
-- schema 11 end

-- Report text typed but not saved, per clerk: kept when a session ends with the form open (an SSH
-- hang-up) and offered back the next time that clerk opens the form. Scratch, not a record:
-- cascades with its task or department.
CREATE TABLE draft (
    username      TEXT NOT NULL,
    task_id       INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    percent       TEXT NOT NULL,
    progress      TEXT NOT NULL,
    problems      TEXT NOT NULL,
    next_steps    TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (username, task_id, department_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The default light preset (DESIGN.md section 3).
INSERT INTO setting (key, value) VALUES
    ('light.red_behind', '30'),
    ('light.yellow_behind', '10'),
    ('light.due_soon_days', '14');

-- schema 12 begin
-- The day's status rollup kept ahead (src/store/rollup_cache.rs): each department's figures and,
-- per 1,024 task ids, how many whole tasks are done, red and yellow, as a full read found them on
-- the day and rules that `basis` names. Derived, never a record: the triggers below drop every
-- part a write can make stale, `writes` counts those writes so that a part read before one is
-- never kept after it, and `duban check` reads everything again and compares.
CREATE TABLE rollup_state (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes INTEGER NOT NULL DEFAULT 0,
    basis  TEXT NOT NULL DEFAULT '',
    -- Counts the keepings: another session that sees only this change reads nothing again.
    keeps  INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO rollup_state (id) VALUES (1);
CREATE TABLE rollup_department (
    department_id INTEGER PRIMARY KEY,
    led           INTEGER NOT NULL,
    co            INTEGER NOT NULL,
    done          INTEGER NOT NULL,
    red           INTEGER NOT NULL,
    yellow        INTEGER NOT NULL,
    next_deadline TEXT,
    weighted_sum  REAL NOT NULL,
    weight_total  REAL NOT NULL
) STRICT;
CREATE TABLE rollup_tasks (
    chunk  INTEGER PRIMARY KEY,            -- task id >> 10
    tasks  INTEGER NOT NULL,
    done   INTEGER NOT NULL,
    red    INTEGER NOT NULL,
    yellow INTEGER NOT NULL
) STRICT;
-- Every figure is read from `assignment` alone (its copies of the task's schedule, weight and
-- deletion included), so its writes name the parts they touch; a milestone judges its task's
-- lights, and a setting may be the light rule.
CREATE TRIGGER rollup_assignment_insert
AFTER INSERT ON assignment
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department WHERE department_id = NEW.department_id;
    DELETE FROM rollup_tasks WHERE chunk = NEW.task_id >> 10;
END;
CREATE TRIGGER rollup_assignment_update
AFTER UPDATE OF task_id, department_id, role, percent, starts_on, deadline, weight, removed_at
ON assignment
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department WHERE department_id IN (OLD.department_id, NEW.department_id);
    DELETE FROM rollup_tasks WHERE chunk IN (OLD.task_id >> 10, NEW.task_id >> 10);
END;
CREATE TRIGGER rollup_assignment_delete
AFTER DELETE ON assignment
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department WHERE department_id = OLD.department_id;
    DELETE FROM rollup_tasks WHERE chunk = OLD.task_id >> 10;
END;
-- A milestone's versions and reached rows name its task; rows written around duban might name
-- another, so every task any version of the milestone names is dropped too.
CREATE TRIGGER rollup_milestone
AFTER INSERT ON milestone
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department
    WHERE department_id IN (
        SELECT a.department_id FROM assignment a
        WHERE a.task_id = NEW.task_id
           OR a.task_id IN (SELECT m.task_id FROM milestone m
                            WHERE coalesce(m.origin, m.id) = coalesce(NEW.origin, NEW.id)));
    DELETE FROM rollup_tasks
    WHERE chunk = NEW.task_id >> 10
       OR chunk IN (SELECT m.task_id >> 10 FROM milestone m
                    WHERE coalesce(m.origin, m.id) = coalesce(NEW.origin, NEW.id));
END;
CREATE TRIGGER rollup_milestone_reached
AFTER INSERT ON milestone_reached
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department
    WHERE department_id IN (
        SELECT a.department_id FROM assignment a
        WHERE a.task_id = NEW.task_id
           OR a.task_id IN (SELECT m.task_id FROM milestone m
                            WHERE coalesce(m.origin, m.id) = NEW.milestone_id));
    DELETE FROM rollup_tasks
    WHERE chunk = NEW.task_id >> 10
       OR chunk IN (SELECT m.task_id >> 10 FROM milestone m
                    WHERE coalesce(m.origin, m.id) = NEW.milestone_id);
END;
CREATE TRIGGER rollup_setting_insert
AFTER INSERT ON setting
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department;
    DELETE FROM rollup_tasks;
END;
CREATE TRIGGER rollup_setting_update
AFTER UPDATE ON setting
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department;
    DELETE FROM rollup_tasks;
END;
CREATE TRIGGER rollup_setting_delete
AFTER DELETE ON setting
BEGIN
    UPDATE rollup_state SET writes = writes + 1;
    DELETE FROM rollup_department;
    DELETE FROM rollup_tasks;
END;
-- schema 12 end
