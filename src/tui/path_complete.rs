//! File-name completion for the evidence field (佐证材料), as a shell does it: Tab completes the
//! last path typed to the longest prefix its directory's matching entries share (a directory
//! gets its `/`); when that adds nothing and several entries match, they are listed under the
//! field; when nothing matches, or the one match is already typed, Tab goes on to the next field.
//!
//! Several paths are separated by `;` (office file names often hold spaces and commas, almost
//! never a semicolon). `~` and `~/…` stand for the home directory. A directory is read for at
//! most `MAX_ENTRIES` entries, so one with 100,000 files cannot hold up a key (a directory read in
//! part completes nothing, it only lists what was read); names that cannot be shown (control
//! characters, not UTF-8) are not offered.

use std::path::{Path, PathBuf};

/// Separates several paths in the field.
pub const SEPARATOR: char = ';';
/// The most entries read from one directory for a completion.
pub const MAX_ENTRIES: usize = 5_000;

/// What a Tab found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The field's text with the last path completed (the same text when nothing was added).
    pub text: String,
    /// The matching entries' names (a directory's with its `/`), sorted.
    pub candidates: Vec<String>,
    /// The directory had more entries than were read.
    pub capped: bool,
}

impl Completion {
    /// Whether the Tab added to what was typed.
    pub fn extended(&self, typed: &str) -> bool {
        self.text != typed
    }
}

/// Splits the field into its paths, `~` expanded, blanks dropped.
pub fn paths(text: &str, home: Option<&Path>) -> Vec<PathBuf> {
    text.split(SEPARATOR)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| expand(p, home))
        .collect()
}

/// `~` and `~/…` with the home directory; anything else as typed.
pub fn expand(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(path),
    }
}

/// Completes the last path of `typed`; relative paths are read from `cwd`.
pub fn complete(typed: &str, home: Option<&Path>, cwd: &Path) -> Completion {
    // The last path starts after the last separator and the blanks that follow it.
    let start = typed
        .rfind(SEPARATOR)
        .map_or(0, |i| i + SEPARATOR.len_utf8());
    let lead = typed[start..].len() - typed[start..].trim_start().len();
    let head = &typed[..start + lead];
    let last = &typed[start + lead..];
    let (dir_part, prefix) = match last.rfind('/') {
        Some(i) => (&last[..=i], &last[i + 1..]),
        None if last == "~" => ("~", ""),
        None => ("", last),
    };
    let dir = if dir_part.is_empty() {
        cwd.to_path_buf()
    } else {
        let d = expand(dir_part, home);
        if d.is_absolute() { d } else { cwd.join(d) }
    };
    let (mut candidates, capped) = matching(&dir, prefix);
    candidates.sort();
    // "~" alone is the home directory: complete it to "~/".
    let dir_part = if dir_part == "~" { "~/" } else { dir_part };
    // A directory read in part may hold names the prefix does not fit: nothing is added then,
    // the entries read are listed with a word that there are more.
    let common = if capped {
        String::new()
    } else {
        common_prefix(&candidates)
    };
    let completed = if common.chars().count() > prefix.chars().count() {
        common
    } else {
        prefix.to_string()
    };
    Completion {
        text: format!("{head}{dir_part}{completed}"),
        candidates,
        capped,
    }
}

/// The entries of `dir` whose names start with `prefix` (hidden ones only for a prefix that
/// starts with a dot), read up to `MAX_ENTRIES`; whether more were there.
fn matching(dir: &Path, prefix: &str) -> (Vec<String>, bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), false);
    };
    let mut out = Vec::new();
    let mut read = 0;
    for entry in entries {
        read += 1;
        if read > MAX_ENTRIES {
            return (out, true);
        }
        let Ok(entry) = entry else { continue };
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if !name.starts_with(prefix)
            || (name.starts_with('.') && !prefix.starts_with('.'))
            || name.chars().any(char::is_control)
        {
            continue;
        }
        // A link to a directory is completed as one (stat follows it; a loop is an error).
        let is_dir = entry.file_type().is_ok_and(|t| {
            t.is_dir()
                || (t.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()))
        });
        out.push(if is_dir { format!("{name}/") } else { name });
    }
    (out, false)
}

/// The longest prefix, by characters, all of `names` share.
fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut len = first.len();
    for n in &names[1..] {
        len = first
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    first[..len].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("验收报告.pdf"), b"").unwrap();
        fs::write(d.path().join("验收照片1.jpg"), b"").unwrap();
        fs::write(d.path().join("验收照片2.jpg"), b"").unwrap();
        fs::write(d.path().join(".hidden"), b"").unwrap();
        fs::create_dir(d.path().join("材料")).unwrap();
        fs::write(d.path().join("材料").join("合同.docx"), b"").unwrap();
        d
    }

    #[test]
    fn tab_completes_the_common_prefix_then_lists_the_candidates() {
        let d = tree();
        let cwd = d.path();
        let c = complete("验", None, cwd);
        assert_eq!(c.text, "验收");
        assert!(c.extended("验"));
        assert_eq!(c.candidates.len(), 3);
        let c = complete("验收照", None, cwd);
        assert_eq!(c.text, "验收照片");
        // Nothing more to add: the same text, and the two names to list.
        let c = complete("验收照片", None, cwd);
        assert!(!c.extended("验收照片"));
        assert_eq!(c.candidates, vec!["验收照片1.jpg", "验收照片2.jpg"]);
        // A single match is completed whole; a directory gets its slash, then its entries.
        assert_eq!(complete("验收报", None, cwd).text, "验收报告.pdf");
        assert_eq!(complete("材", None, cwd).text, "材料/");
        assert_eq!(complete("材料/", None, cwd).text, "材料/合同.docx");
        // No match: the text stays and there is nothing to list (Tab goes on).
        let c = complete("zz", None, cwd);
        assert_eq!((c.text.as_str(), c.candidates.len()), ("zz", 0));
        // Hidden entries only when asked for with a dot.
        assert!(
            complete("", None, cwd)
                .candidates
                .iter()
                .all(|n| n != ".hidden")
        );
        assert_eq!(complete(".h", None, cwd).text, ".hidden");
    }

    #[test]
    fn the_last_of_several_paths_and_the_home_directory() {
        let d = tree();
        let abs = d.path().display().to_string();
        let typed = format!("{abs}/验收报告.pdf; {abs}/材");
        assert_eq!(
            complete(&typed, None, Path::new("/")).text,
            format!("{abs}/验收报告.pdf; {abs}/材料/")
        );
        let home = d.path();
        assert_eq!(complete("~/材", Some(home), Path::new("/")).text, "~/材料/");
        assert_eq!(complete("~", Some(home), Path::new("/")).text, "~/");
        assert_eq!(
            paths(" ~/a.pdf ;; b c.pdf;", Some(Path::new("/home/x"))),
            vec![PathBuf::from("/home/x/a.pdf"), PathBuf::from("b c.pdf")]
        );
    }

    #[test]
    fn a_huge_directory_is_read_only_in_part() {
        let d = tempfile::tempdir().unwrap();
        // All of them share "f0": still nothing is added, as the unread could differ.
        for i in 0..MAX_ENTRIES + 10 {
            fs::write(d.path().join(format!("f0{i}")), b"").unwrap();
        }
        let c = complete("f", None, d.path());
        assert!(c.capped);
        assert!(c.candidates.len() <= MAX_ENTRIES);
        assert_eq!(c.text, "f", "nothing added from a directory read in part");
    }
}
