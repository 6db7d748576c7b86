//! The user's corrections to a draft's unit names: "in this document, 经信局 means 区经济和信息化局"
//! (`duban import plan --map`, and the TUI preview). Pure: the names of the existing departments
//! are passed in.

use super::PlanDraft;
use super::units::{match_existing, normalise};
use crate::domain::DepartmentName;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapError {
    /// Not written as FROM=TO.
    Syntax(String),
    /// The document names no such unit.
    UnknownName(String),
    /// Neither an existing department (name or alias) nor a unit of the document.
    UnknownTarget(String),
}

/// Parses `FROM=TO` (also with a full-width ＝).
pub fn parse(arg: &str) -> Result<(String, String), MapError> {
    let (from, to) = arg
        .split_once('=')
        .or_else(|| arg.split_once('＝'))
        .ok_or_else(|| MapError::Syntax(arg.to_string()))?;
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() || to.is_empty() {
        return Err(MapError::Syntax(arg.to_string()));
    }
    Ok((from.to_string(), to.to_string()))
}

/// Maps the unit `from` (as the document wrote it, or as the importer normalised it) onto `to`:
/// an existing department, by name or alias (it is then written as the department's name), or
/// another unit of the document. Returns the names used.
pub fn map_unit(
    draft: &mut PlanDraft,
    from: &str,
    to: &str,
    existing: &[DepartmentName],
) -> Result<(String, String), MapError> {
    let names: Vec<String> = draft.unit_names().into_iter().map(String::from).collect();
    let in_draft = |name: &str| -> Option<String> {
        names.iter().find(|n| *n == name).cloned().or_else(|| {
            let norm = normalise(name)?;
            names.iter().find(|n| **n == norm).cloned()
        })
    };
    let from_name = in_draft(from).ok_or_else(|| MapError::UnknownName(from.to_string()))?;
    let to_name = match match_existing(to, existing) {
        Some(id) => existing
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
            .ok_or_else(|| MapError::UnknownTarget(to.to_string()))?,
        None => in_draft(to).ok_or_else(|| MapError::UnknownTarget(to.to_string()))?,
    };
    draft.map_unit(&from_name, &to_name);
    Ok((from_name, to_name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::import::{TaskDraft, UnitRef};
    use chrono::NaiveDate;

    fn draft(units: &[&[(&str, Role)]]) -> PlanDraft {
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        PlanDraft {
            title: "t".into(),
            doc_no: None,
            issued_on: None,
            starts_on: d,
            ends_on: d,
            common_units_note: None,
            sections: Vec::new(),
            tasks: units
                .iter()
                .enumerate()
                .map(|(i, us)| TaskDraft {
                    number: (i + 1).to_string(),
                    title: "任务".into(),
                    body: String::new(),
                    section: None,
                    units: us
                        .iter()
                        .map(|(n, r)| UnitRef {
                            name: n.to_string(),
                            role: *r,
                        })
                        .collect(),
                    deadline: None,
                    line: i + 1,
                    project: None,
                    milestones: Vec::new(),
                })
                .collect(),
            indicators: Vec::new(),
            doubts: Vec::new(),
            mappings: Vec::new(),
        }
    }

    fn dept(id: i64, name: &str, aliases: &[&str]) -> DepartmentName {
        DepartmentName {
            id,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn parse_takes_ascii_and_full_width_equals() {
        assert_eq!(
            parse("经信局=区经信局"),
            Ok(("经信局".into(), "区经信局".into()))
        );
        assert_eq!(
            parse(" 经信局 ＝ 区经信局 "),
            Ok(("经信局".into(), "区经信局".into()))
        );
        assert!(matches!(parse("经信局"), Err(MapError::Syntax(_))));
        assert!(matches!(parse("=区经信局"), Err(MapError::Syntax(_))));
    }

    #[test]
    fn mapping_onto_an_alias_writes_the_department_name_and_keeps_one_lead() {
        let mut d = draft(&[
            &[("经信局", Role::Lead), ("区经济和信息化局", Role::Co)],
            &[("区发改局", Role::Lead), ("经信局", Role::Co)],
        ]);
        let existing = [dept(1, "区经济和信息化局", &["区经信局"])];
        let got = map_unit(&mut d, "经信局", "区经信局", &existing).unwrap();
        assert_eq!(got, ("经信局".into(), "区经济和信息化局".into()));
        assert_eq!(
            d.tasks[0].units,
            vec![UnitRef {
                name: "区经济和信息化局".into(),
                role: Role::Lead
            }]
        );
        assert_eq!(d.tasks[1].units[1].name, "区经济和信息化局");
        assert_eq!(d.tasks[1].units[1].role, Role::Co);
        assert_eq!(d.mappings.len(), 1);
    }

    #[test]
    fn unknown_names_are_refused_and_change_nothing() {
        let mut d = draft(&[&[("经信局", Role::Lead)]]);
        let before = d.clone();
        assert_eq!(
            map_unit(&mut d, "发改局", "区发改局", &[]),
            Err(MapError::UnknownName("发改局".into()))
        );
        assert_eq!(
            map_unit(&mut d, "经信局", "区经信局", &[]),
            Err(MapError::UnknownTarget("区经信局".into()))
        );
        assert_eq!(d, before);
    }

    #[test]
    fn a_chain_of_mappings_ends_at_the_last_target() {
        let mut d = draft(&[&[("经信局", Role::Lead)], &[("经信委", Role::Lead)]]);
        map_unit(&mut d, "经信局", "经信委", &[]).unwrap();
        map_unit(&mut d, "经信委", "区经信局", &[dept(1, "区经信局", &[])]).unwrap();
        assert!(d.tasks.iter().all(|t| t.units[0].name == "区经信局"));
        assert!(d.mappings.iter().all(|m| m.to == "区经信局"));
    }
}
