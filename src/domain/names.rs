//! Finding a department by what a person types: its name, an alias, or a unique prefix.

/// A department as the resolver sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentName {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found(i64),
    /// Several departments start with what was typed.
    Ambiguous(Vec<String>),
    /// Nothing matched; the closest names, best first (may be empty).
    NotFound(Vec<String>),
}

/// How the store finds the existing department a draft's unit name means (`Db::save_draft`): the
/// importer's rule (`import::units::match_existing`), passed in so that the store depends on
/// `domain` only.
pub type UnitMatcher = fn(&str, &[DepartmentName]) -> Option<i64>;

/// Exact name or alias first, then a unique prefix of a name or alias, then "did you mean".
pub fn resolve(query: &str, departments: &[DepartmentName]) -> Resolution {
    let q = query.trim();
    let names = |d: &DepartmentName| std::iter::once(d.name.clone()).chain(d.aliases.clone());
    if let Some(d) = departments.iter().find(|d| names(d).any(|n| n == q)) {
        return Resolution::Found(d.id);
    }
    let prefixed: Vec<&DepartmentName> = departments
        .iter()
        .filter(|d| !q.is_empty() && names(d).any(|n| n.starts_with(q)))
        .collect();
    match prefixed.as_slice() {
        [one] => return Resolution::Found(one.id),
        [] => {}
        many => return Resolution::Ambiguous(many.iter().map(|d| d.name.clone()).collect()),
    }
    let mut scored: Vec<(usize, &str)> = departments
        .iter()
        .filter_map(|d| {
            let best = names(d).map(|n| closeness(q, &n)).max()?;
            (best > 0).then_some((best, d.name.as_str()))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    Resolution::NotFound(
        scored
            .into_iter()
            .take(5)
            .map(|(_, n)| n.to_string())
            .collect(),
    )
}

/// How alike two names are: the number of characters of the shorter one found, in order, in the
/// other (a longest common subsequence), if that covers at least half of the query. Chinese unit
/// names differ by a character or two (经信局 / 区经信局 / 经济和信息化局), which this catches.
pub fn closeness(query: &str, name: &str) -> usize {
    let a: Vec<char> = query.chars().collect();
    let b: Vec<char> = name.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for &ca in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    let common = prev[b.len()];
    if common * 2 >= a.len() { common } else { 0 }
}

/// An existing department whose name or alias is close to a new name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Similar {
    pub department_id: i64,
    /// The department's name.
    pub name: String,
    /// The name or alias that was close (the same as `name` when it was the name).
    pub matched: String,
}

/// Departments whose name or an alias is close to `name`, best first, at most five: what a form
/// shows as "did you mean" before a new department is added. Close means that the shorter of the
/// two names is found in the other (`closeness`) but for a quarter of its characters (at most one
/// of three or four): 经信局 / 区经济和信息化局 and 区发改委 / 区发改局 are close, 区文旅局 /
/// 区经信局 share only 区…局 and are not. Names of one or two characters must be found whole.
pub fn similar(name: &str, departments: &[DepartmentName]) -> Vec<Similar> {
    let name = name.trim();
    let mut found: Vec<(usize, usize, Similar)> = Vec::new();
    for d in departments {
        let best = std::iter::once(&d.name)
            .chain(&d.aliases)
            .filter_map(|other| {
                let (len_a, len_b) = (name.chars().count(), other.chars().count());
                let (short, long, len) = if len_a <= len_b {
                    (name, other.as_str(), len_a)
                } else {
                    (other.as_str(), name, len_b)
                };
                let common = closeness(short, long);
                let allowed_missing = if len <= 2 { 0 } else { (len / 4).max(1) };
                (common > 0 && len - common <= allowed_missing).then_some((
                    common,
                    len_a.abs_diff(len_b),
                    other,
                ))
            })
            // More characters in common first, then the nearer length.
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((common, gap, matched)) = best {
            found.push((
                common,
                gap,
                Similar {
                    department_id: d.id,
                    name: d.name.clone(),
                    matched: matched.clone(),
                },
            ));
        }
    }
    found.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.name.cmp(&b.2.name))
    });
    found.into_iter().take(5).map(|f| f.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depts() -> Vec<DepartmentName> {
        let d = |id, name: &str, aliases: &[&str]| DepartmentName {
            id,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        };
        vec![
            d(1, "区经信局", &["经信局", "区经济和信息化局"]),
            d(2, "区发改局", &[]),
            d(3, "区财政局", &[]),
            d(4, "星海街道", &[]),
        ]
    }

    #[test]
    fn resolves_name_alias_and_prefix() {
        assert_eq!(resolve("区经信局", &depts()), Resolution::Found(1));
        assert_eq!(resolve("经信局", &depts()), Resolution::Found(1));
        assert_eq!(resolve("星海", &depts()), Resolution::Found(4));
        assert_eq!(
            resolve("区", &depts()),
            Resolution::Ambiguous(vec![
                "区经信局".into(),
                "区发改局".into(),
                "区财政局".into()
            ])
        );
    }

    #[test]
    fn unknown_lists_close_matches() {
        match resolve("发改委", &depts()) {
            Resolution::NotFound(close) => {
                assert_eq!(close.first().map(String::as_str), Some("区发改局"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(resolve("zzz", &depts()), Resolution::NotFound(vec![]));
    }

    #[test]
    fn similar_names_catch_variants_not_shared_affixes() {
        let names = |q: &str| -> Vec<(String, String)> {
            similar(q, &depts())
                .into_iter()
                .map(|s| (s.name, s.matched))
                .collect()
        };
        // An alias of an existing department, written longer.
        assert_eq!(
            names("经济和信息化局"),
            vec![("区经信局".to_string(), "区经济和信息化局".to_string())]
        );
        // One character apart.
        assert_eq!(
            names("区发改委"),
            vec![("区发改局".to_string(), "区发改局".to_string())]
        );
        // 区…局 alone is not a likeness.
        assert_eq!(names("区文旅局"), Vec::<(String, String)>::new());
        assert_eq!(
            names("星海"),
            vec![("星海街道".to_string(), "星海街道".to_string())]
        );
        // Two characters must be found whole.
        assert_eq!(
            names("财政"),
            vec![("区财政局".to_string(), "区财政局".to_string())]
        );
        assert_eq!(names("财务"), Vec::<(String, String)>::new());
    }
}
