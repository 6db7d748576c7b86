//! Evidence files (佐证材料, issue 22) in the store: a 3 MB file kept and read back byte for byte,
//! the limits per file and in all, who may attach, what a file is attached to, that a file is
//! never deleted or changed, its row in the hash chain, `check` finding bytes changed around
//! duban, and a file that changes between its two readings refused with nothing kept.

mod common;

use std::io::{Read, Write};

use common::at;
use duban::domain::Denied;
use duban::domain::attachment::{AttachTo, Owner, Refusal};
use duban::evidence;
use duban::store::{AttachmentQuery, Db, NewAttachment, StoreError, maintenance};
use sha2::{Digest, Sha256};

/// The fixture's task 1: 区经济和信息化局 (alice's, lead) and 区发改局 (co); task 5: 城建公司.
const T1: i64 = 1;
const T5: i64 = 5;

fn dept(db: &Db, name: &str) -> i64 {
    db.department_names()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
        .id
}

/// Bytes that are not all alike, so a piece out of place shows.
fn bytes(n: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).max(1);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 8) as u8
        })
        .collect()
}

fn sha(b: &[u8]) -> [u8; 32] {
    Sha256::digest(b).into()
}

fn new<'a>(task: i64, dept: i64, to: AttachTo, name: &'a str, b: &[u8]) -> NewAttachment<'a> {
    NewAttachment {
        task_id: task,
        department_id: dept,
        to,
        name,
        size: b.len() as u64,
        sha256: sha(b),
    }
}

fn refusal(e: StoreError) -> Refusal {
    match e {
        StoreError::Attachment(r) => r,
        other => panic!("expected an attachment refusal, got {other:?}"),
    }
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_three_megabyte_file_comes_back_byte_for_byte() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let content = bytes(3 * 1024 * 1024 + 17, 1);
    let file = f.dir.path().join("验收报告.pdf");
    std::fs::write(&file, &content).unwrap();
    let mut e = evidence::prepare(&file, db.attach_limits().unwrap(), 0).unwrap();
    let name = e.name.clone();
    let n = NewAttachment {
        task_id: T1,
        department_id: jxj,
        to: AttachTo::Assignment,
        name: &name,
        size: e.size,
        sha256: e.sha256,
    };
    let kept = db
        .attach(&n, &mut e, "alice", at("2024-09-01T02:00:00"))
        .unwrap();
    assert_eq!(kept.name, "验收报告.pdf");
    assert_eq!(kept.size, content.len() as u64);
    assert_eq!(kept.sha256, duban::domain::attachment::hex(&sha(&content)));
    assert_eq!(kept.by, "alice");
    assert_eq!(kept.owner, Owner::Assignment);
    let mut out = Vec::new();
    db.read_attachment(kept.id, &mut out).unwrap();
    assert!(out == content, "the bytes read back differ");
    assert_eq!(db.attachments_total().unwrap(), content.len() as u64);
    let listed = db
        .attachments(&AttachmentQuery {
            task_id: Some(T1),
            department_id: Some(jxj),
            owner: None,
        })
        .unwrap();
    assert_eq!(listed, vec![kept.clone()]);
    let other_task = db
        .attachments(&AttachmentQuery {
            task_id: Some(T5),
            ..Default::default()
        })
        .unwrap();
    assert!(other_task.is_empty());
    // An empty file is a file too.
    let kept0 = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "空.txt", b""),
            &mut &b""[..],
            "alice",
            at("2024-09-01T02:01:00"),
        )
        .unwrap();
    let mut out = Vec::new();
    db.read_attachment(kept0.id, &mut out).unwrap();
    assert!(out.is_empty());
}

#[test]
fn limits_per_file_and_in_all_are_refused_and_keep_nothing() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let now = at("2024-09-01T02:00:00");
    db.set_settings(
        &[
            ("attach.max_file_mb".into(), "1".into()),
            ("attach.max_total_mb".into(), "2".into()),
        ],
        "bob",
        now,
    )
    .unwrap();
    let mb = 1024 * 1024;
    let over = bytes(mb + 1, 2);
    let e = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "big.bin", &over),
            &mut &over[..],
            "alice",
            now,
        )
        .unwrap_err();
    assert_eq!(
        refusal(e),
        Refusal::FileTooLarge {
            size: mb as u64 + 1,
            limit: mb as u64
        }
    );
    for i in 0..2 {
        let one = bytes(mb, 3 + i);
        db.attach(
            &new(T1, jxj, AttachTo::Assignment, "one.bin", &one),
            &mut &one[..],
            "alice",
            now,
        )
        .unwrap();
    }
    let last = bytes(10, 9);
    let e = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "last.bin", &last),
            &mut &last[..],
            "alice",
            now,
        )
        .unwrap_err();
    assert_eq!(
        refusal(e),
        Refusal::TotalFull {
            stored: 2 * mb as u64,
            size: 10,
            limit: 2 * mb as u64
        }
    );
    assert_eq!(count(&f.path, "SELECT count(*) FROM attachment"), 2);
    assert_eq!(count(&f.path, "SELECT count(*) FROM attachment_data"), 2);
}

#[test]
fn only_a_clerk_of_the_unit_or_an_admin_attaches() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let fgj = dept(&db, "区发改局");
    let cj = dept(&db, "城建公司");
    let now = at("2024-09-01T02:00:00");
    let b = b"evidence";
    let mut try_as = |who: &str, d: i64| {
        db.attach(
            &new(T1, d, AttachTo::Assignment, "a.pdf", b),
            &mut &b[..],
            who,
            now,
        )
    };
    assert!(matches!(
        try_as("alice", fgj),
        Err(StoreError::Forbidden {
            why: Denied::OtherDepartment,
            ..
        })
    ));
    assert!(matches!(
        try_as("mallory", jxj),
        Err(StoreError::Forbidden {
            why: Denied::NotAClerk,
            ..
        })
    ));
    // An admin, for a department that is no unit of the task.
    assert_eq!(refusal(try_as("bob", cj).unwrap_err()), Refusal::NotAUnit);
    assert!(try_as("bob", fgj).is_ok());
    assert!(try_as("alice", jxj).is_ok());
    // A name with an escape sequence is refused at the door.
    let e = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "x\u{1b}[2J.pdf", b),
            &mut &b[..],
            "alice",
            now,
        )
        .unwrap_err();
    assert!(matches!(refusal(e), Refusal::BadName(_)));
    assert_eq!(count(&f.path, "SELECT count(*) FROM attachment"), 2);
}

#[test]
fn a_file_goes_with_the_latest_report_the_application_or_a_notice_step() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let now = at("2024-09-01T02:00:00");
    let b = b"evidence";
    let latest: i64 = count(
        &f.path,
        "SELECT id FROM progress WHERE task_id = 1 AND department_id =
           (SELECT id FROM department WHERE name = '区经济和信息化局')
         ORDER BY reported_at DESC, id DESC LIMIT 1",
    );
    let mut to = |t: AttachTo| db.attach(&new(T1, jxj, t, "a.pdf", b), &mut &b[..], "alice", now);
    assert_eq!(
        to(AttachTo::LatestReport).unwrap().owner,
        Owner::Progress(latest)
    );
    assert_eq!(
        to(AttachTo::Report(latest)).unwrap().owner,
        Owner::Progress(latest)
    );
    // Another unit's report is not this unit's.
    assert_eq!(
        refusal(to(AttachTo::Report(latest - 1_000)).unwrap_err()),
        Refusal::NoReport
    );
    assert_eq!(
        refusal(to(AttachTo::LatestApplication).unwrap_err()),
        Refusal::NoApplication
    );
    assert_eq!(
        refusal(to(AttachTo::NoticeStep(999)).unwrap_err()),
        Refusal::NoNoticeStep(999)
    );
    db.close_step(
        T1,
        &duban::store::ClosingAction::Apply {
            department_id: jxj,
            note: "已完成",
            why: "发改局部分已并入",
        },
        "alice",
        now,
    )
    .unwrap();
    let kept = db
        .attach(
            &new(T1, jxj, AttachTo::LatestApplication, "a.pdf", b),
            &mut &b[..],
            "alice",
            now,
        )
        .unwrap();
    assert!(matches!(kept.owner, Owner::Closing(_)));
    let of_owner = db
        .attachments(&AttachmentQuery {
            owner: Some(kept.owner),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(of_owner, vec![kept]);
}

#[test]
fn a_kept_file_is_never_deleted_or_changed_and_is_in_the_chain() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let b = bytes(200_000, 5);
    let kept = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "a.pdf", &b),
            &mut &b[..],
            "alice",
            at("2024-09-01T02:00:00"),
        )
        .unwrap();
    drop(db);
    let c = rusqlite::Connection::open(&f.path).unwrap();
    for sql in [
        "DELETE FROM attachment",
        "DELETE FROM attachment_data",
        "UPDATE attachment SET name = 'x.pdf'",
        "UPDATE attachment SET sha256 = substr(sha256, 2) || '0'",
    ] {
        let e = c.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("never"), "{sql}: {e}");
    }
    let linked: i64 = c
        .query_row(
            "SELECT count(*) FROM chain WHERE journal = 'attachment' AND row_id = ?1",
            [kept.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 1);
    let report = maintenance::check(&f.path).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.attachments, 1);
}

#[test]
fn check_finds_bytes_changed_around_duban_and_get_refuses_them() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let b = bytes(300_000, 6);
    let kept = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "a.pdf", &b),
            &mut &b[..],
            "alice",
            at("2024-09-01T02:00:00"),
        )
        .unwrap();
    let other = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "b.pdf", b"fine"),
            &mut &b"fine"[..],
            "alice",
            at("2024-09-01T02:00:00"),
        )
        .unwrap();
    drop(db);
    // The bytes table has no UPDATE trigger (blob writes fire none): one byte changed in SQL.
    let c = rusqlite::Connection::open(&f.path).unwrap();
    c.execute(
        "UPDATE attachment_data
         SET data = CAST(substr(data, 1, 1000) || x'00' || substr(data, 1002) AS BLOB)
         WHERE attachment_id = ?1",
        [kept.id],
    )
    .unwrap();
    let size: i64 = c
        .query_row(
            "SELECT length(data) FROM attachment_data WHERE attachment_id = ?1",
            [kept.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(size, b.len() as i64, "the same size, other bytes");
    drop(c);
    let report = maintenance::check(&f.path).unwrap();
    assert!(!report.is_clean());
    let bad: Vec<i64> = report.attachment_bytes.iter().map(|x| x.id).collect();
    assert_eq!(bad, vec![kept.id], "only the changed file");
    let text = duban::i18n::maintenance::check_report(duban::i18n::Lang::En, "t.db", &report);
    assert!(text.contains(&format!("#{} a.pdf", kept.id)), "{text}");
    let db = Db::open_reader(&f.path).unwrap();
    let e = db
        .read_attachment(kept.id, &mut std::io::sink())
        .unwrap_err();
    assert_eq!(refusal(e), Refusal::Tampered { id: kept.id });
    db.read_attachment(other.id, &mut std::io::sink()).unwrap();
}

/// A reader that gives other bytes than were hashed: the file was rewritten in between.
struct Rewritten(Vec<u8>, usize);

impl Read for Rewritten {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.0.len() - self.1);
        buf[..n].copy_from_slice(&self.0[self.1..self.1 + n]);
        self.1 += n;
        Ok(n)
    }
}

#[test]
fn a_file_that_changes_between_the_hash_and_the_copy_is_refused() {
    let f = common::fixture();
    let mut db = Db::open(&f.path).unwrap();
    let jxj = dept(&db, "区经济和信息化局");
    let now = at("2024-09-01T02:00:00");
    let links = count(&f.path, "SELECT count(*) FROM chain");
    let first = bytes(500_000, 7);
    let mut second = first.clone();
    second[400_000] ^= 1;
    let e = db
        .attach(
            &new(T1, jxj, AttachTo::Assignment, "a.pdf", &first),
            &mut Rewritten(second, 0),
            "alice",
            now,
        )
        .unwrap_err();
    assert_eq!(refusal(e), Refusal::Changed);
    // A real file, rewritten in place (same inode, the open file sees it) and then grown.
    let file = f.dir.path().join("报告.docx");
    std::fs::write(&file, &first).unwrap();
    let mut ev = evidence::prepare(&file, db.attach_limits().unwrap(), 0).unwrap();
    let mut w = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
    w.write_all(b"changed").unwrap();
    drop(w);
    let name = ev.name.clone();
    let n = NewAttachment {
        task_id: T1,
        department_id: jxj,
        to: AttachTo::Assignment,
        name: &name,
        size: ev.size,
        sha256: ev.sha256,
    };
    assert_eq!(
        refusal(db.attach(&n, &mut ev, "alice", now).unwrap_err()),
        Refusal::Changed
    );
    std::fs::write(&file, &first).unwrap();
    let mut ev = evidence::prepare(&file, db.attach_limits().unwrap(), 0).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap()
        .write_all(b"more")
        .unwrap();
    assert_eq!(
        refusal(db.attach(&n, &mut ev, "alice", now).unwrap_err()),
        Refusal::Changed
    );
    drop(db);
    assert_eq!(count(&f.path, "SELECT count(*) FROM attachment"), 0);
    assert_eq!(count(&f.path, "SELECT count(*) FROM attachment_data"), 0);
    assert_eq!(count(&f.path, "SELECT count(*) FROM chain"), links);
}
