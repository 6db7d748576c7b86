//! The database's tasks looked up by (plan, key): by 序号 or by title, as `sheet_diff` matches a
//! row. A sorted list of (plan, hash of the key, task) and not a map of owned keys: at 100,000
//! tasks the map held a copy of every title and number and a vector per key (some 25 MB); this
//! holds 24 bytes a task. A hash is never trusted alone: a lookup compares the key of the first
//! task found whole, and every task's where two keys of a plan share a hash.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

pub(super) struct KeyIndex {
    /// (plan, hash of the key, index into the tasks), sorted.
    entries: Vec<(i64, u64, usize)>,
    /// (plan, hash) shared by different keys: each task found is compared.
    mixed: HashSet<(i64, u64)>,
}

fn hash(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

impl KeyIndex {
    /// `len` tasks; `key_of(i)` is task i's plan and key.
    pub(super) fn new<'k>(len: usize, key_of: impl Fn(usize) -> (i64, &'k str)) -> KeyIndex {
        let mut entries: Vec<(i64, u64, usize)> = (0..len)
            .map(|i| {
                let (plan, key) = key_of(i);
                (plan, hash(key), i)
            })
            .collect();
        entries.sort_unstable();
        let mut mixed = HashSet::new();
        for run in entries.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            if let [first, rest @ ..] = run {
                let key = key_of(first.2);
                if rest.iter().any(|e| key_of(e.2) != key) {
                    mixed.insert((first.0, first.1));
                }
            }
        }
        KeyIndex { entries, mixed }
    }

    /// The tasks of `plan` whose key is `key`, in task order; `key_of` as given to `new`.
    pub(super) fn get<'k>(
        &self,
        plan: i64,
        key: &str,
        key_of: impl Fn(usize) -> (i64, &'k str),
    ) -> Vec<usize> {
        let h = hash(key);
        let from = self.entries.partition_point(|e| (e.0, e.1) < (plan, h));
        let run = self.entries[from..]
            .iter()
            .take_while(|e| e.0 == plan && e.1 == h)
            .map(|e| e.2);
        let is = |i: usize| key_of(i).1 == key;
        if self.mixed.contains(&(plan, h)) {
            return run.filter(|&i| is(i)).collect();
        }
        let all: Vec<usize> = run.collect();
        match all.first() {
            Some(&first) if is(first) => all,
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_task_with_the_key_in_order_and_no_other() {
        let keys = [(1, "a"), (2, "a"), (1, "b"), (1, "a")];
        let key_of = |i: usize| (keys[i].0, keys[i].1);
        let index = KeyIndex::new(keys.len(), key_of);
        assert_eq!(index.get(1, "a", key_of), vec![0, 3]);
        assert_eq!(index.get(2, "a", key_of), vec![1]);
        assert_eq!(index.get(1, "b", key_of), vec![2]);
        assert!(index.get(1, "c", key_of).is_empty());
        assert!(index.get(3, "a", key_of).is_empty());
    }

    #[test]
    fn a_shared_hash_is_told_apart_by_the_keys() {
        let keys = [(1, "a"), (1, "b"), (1, "a")];
        let key_of = |i: usize| (keys[i].0, keys[i].1);
        // "b" forced into the run of "a", as a hash collision would put it.
        let h = hash("a");
        let index = KeyIndex {
            entries: vec![(1, h, 0), (1, h, 1), (1, h, 2)],
            mixed: HashSet::from([(1, h)]),
        };
        assert_eq!(index.get(1, "a", key_of), vec![0, 2]);
        // And `new` marks such a run: here the keys differ and share nothing, so none is.
        assert!(KeyIndex::new(keys.len(), key_of).mixed.is_empty());
    }
}
