//! A 200 MB evidence file (issue 22), as a user keeps one: `duban attach add` and `attach get`
//! give back the same bytes and SHA-256, and memory stays flat — each process's peak resident
//! size is far below the file's, because the bytes go through 64 KiB pieces of SQLite's
//! incremental blob I/O and are never whole in memory.
//!
//! Alone in its file: the peak is read with `getrusage(RUSAGE_CHILDREN)`, the largest of the
//! children this test process has waited for, so no other test's children may run beside it.

#[path = "support/cli.rs"]
mod cli;

use std::io::{Read, Write};

use cli::{demo_db, duban, err, out, p};
use sha2::{Digest, Sha256};

const SIZE: usize = 200 * 1024 * 1024;

/// The largest peak resident size, in KiB, of the children waited for so far.
fn children_peak_kib() -> i64 {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    usage.ru_maxrss
}

/// Writes `SIZE` bytes that are not all alike (a counter mixed per MiB), 1 MiB at a time, and
/// gives their SHA-256.
fn write_file(path: &std::path::Path) -> Vec<u8> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut hash = Sha256::new();
    let mut chunk = vec![0u8; 1024 * 1024];
    for mib in 0..SIZE / chunk.len() {
        for (i, b) in chunk.iter_mut().enumerate() {
            *b = (i.wrapping_mul(31) ^ mib.wrapping_mul(131) ^ (i >> 9)) as u8;
        }
        hash.update(&chunk);
        file.write_all(&chunk).unwrap();
    }
    file.flush().unwrap();
    hash.finalize().to_vec()
}

fn sha_of(path: &std::path::Path) -> (u64, Vec<u8>) {
    let mut file = std::fs::File::open(path).unwrap();
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1024 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        size += n as u64;
        hash.update(&buf[..n]);
    }
    (size, hash.finalize().to_vec())
}

#[test]
fn a_200_mb_file_is_kept_and_read_back_with_flat_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // The default limit is 20 MB a file; an office that keeps video evidence raises it.
    let o = duban(&["--db", p(&db), "setting", "set", "attach.max_file_mb=250"]);
    assert!(o.status.success(), "{}", err(&o));
    let source = dir.path().join("现场视频.mp4");
    let written = write_file(&source);
    let before = children_peak_kib();

    let o = duban(&[
        "--db",
        p(&db),
        "attach",
        "add",
        "--task",
        "1",
        "--dept",
        "经信局",
        p(&source),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let add_peak = children_peak_kib();

    let o = duban(&["--db", p(&db), "attach", "list", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let rows: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "现场视频.mp4")
        .unwrap_or_else(|| panic!("{rows}"));
    assert_eq!(row["size"], SIZE as u64, "{row}");
    let hex: String = written.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(row["sha256"], hex.as_str(), "{row}");
    let id = row["id"].as_i64().unwrap().to_string();

    let copy = dir.path().join("copy.mp4");
    let o = duban(&["--db", p(&db), "attach", "get", &id, "-o", p(&copy)]);
    assert!(o.status.success(), "{}", err(&o));
    let get_peak = children_peak_kib();
    assert_eq!(sha_of(&copy), (SIZE as u64, written));

    // Flat: a process that held the file would be past 200 MiB; duban stays near its baseline
    // (about 12 MiB for a 20 MB file). 64 MiB leaves room for SQLite's cache and the allocator.
    let bound = 64 * 1024;
    assert!(
        add_peak < bound,
        "attach add peaked at {add_peak} KiB (before: {before} KiB)"
    );
    assert!(get_peak < bound, "attach get peaked at {get_peak} KiB");
}
