//! The TUI's files depend one way (issue 21, structure): what the screens hold (`state.rs` and
//! each screen's `model.rs`) reads on its own, without the actions, the update functions or the
//! runner. Read from the source: a `use` that closes a circle again fails here.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// The module path of a file: `tui/people/model.rs` is `tui::people::model`.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(SRC).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file of the longest prefix of `path` that is a module.
fn file_of(path: &[String]) -> Option<PathBuf> {
    (1..=path.len()).rev().find_map(|n| {
        let base = Path::new(SRC).join(path[..n].join("/"));
        [base.with_extension("rs"), base.join("mod.rs")]
            .into_iter()
            .find(|f| f.is_file())
    })
}

/// The modules a file names (`super::x`, `crate::tui::x`, `use super::{x, y}`), outside comments.
fn named(file: &Path) -> BTreeSet<PathBuf> {
    let me = module_of(file);
    let text = std::fs::read_to_string(file).unwrap();
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (prefix, base) in [
            ("crate::tui::", vec!["tui".to_string()]),
            ("super::", me[..me.len() - 1].to_vec()),
        ] {
            let mut rest = code;
            while let Some(i) = rest.find(prefix) {
                rest = &rest[i + prefix.len()..];
                let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    group[..end].split(',').map(str::trim).collect()
                } else {
                    vec![rest]
                };
                for name in names {
                    let segs: Vec<String> = name
                        .split("::")
                        .map(|s| {
                            s.chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                                .collect::<String>()
                        })
                        .take_while(|s| s.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                        .collect();
                    if segs.is_empty() {
                        continue;
                    }
                    let mut path = base.clone();
                    path.extend(segs);
                    if let Some(f) = file_of(&path)
                        && f != file
                    {
                        out.insert(f);
                    }
                }
            }
        }
    }
    out
}

/// Every file `start` reaches through what it names.
fn reached(start: &str) -> BTreeSet<PathBuf> {
    let first = Path::new(SRC).join(start);
    let mut seen = BTreeSet::from([first.clone()]);
    let mut todo = VecDeque::from([first]);
    while let Some(f) = todo.pop_front() {
        for g in named(&f) {
            // A screen's own directory module (`people/mod.rs`) is reached through its model
            // only as a path prefix: the model file is what is named.
            if seen.insert(g.clone()) {
                todo.push_back(g);
            }
        }
    }
    seen
}

#[test]
fn what_the_screens_hold_does_not_depend_on_actions_updates_or_the_runner() {
    let forbidden = [
        "tui/action.rs",
        "tui/update.rs",
        "tui/runner.rs",
        "tui/mod.rs",
    ];
    let mut starts = vec!["tui/state.rs".to_string()];
    for entry in std::fs::read_dir(Path::new(SRC).join("tui")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("model.rs").is_file() {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            starts.push(format!("tui/{name}/model.rs"));
        }
    }
    assert!(starts.len() > 5, "{starts:?}");
    for start in &starts {
        let reach = reached(start);
        for bad in forbidden {
            assert!(
                !reach.contains(&Path::new(SRC).join(bad)),
                "{start} reaches {bad}: {reach:#?}"
            );
        }
        // Nor any screen's update functions (its `mod.rs`).
        for f in &reach {
            assert!(
                !(f.ends_with("mod.rs") && f.parent().unwrap() != Path::new(SRC).join("tui")),
                "{start} reaches {}",
                f.display()
            );
        }
    }
}
