//! Finding a plan by what a person types after `--plan`: its exact title, its id, a unique prefix
//! or a unique part of its title. A file holds few plans, with long titles that share words
//! (青川区…行动计划, 青川区…工作要点), so a part of the title is enough when it names one plan,
//! and a part that names several is refused with the candidates, never guessed.

/// A plan as the resolver sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanName {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanChoice {
    Found(i64),
    /// Several plans match at the first rule that matched any: their ids and titles.
    Ambiguous(Vec<PlanName>),
    /// Nothing matched.
    NotFound,
}

/// The rules in order, the first that matches anything decides:
/// 1. the exact title (after trimming): a plan titled "2025" is found by `2025` even if a plan has
///    id 2025;
/// 2. the id, written `3` or `#3`;
/// 3. the titles starting with the text;
/// 4. the titles containing it.
///
/// Rules 3 and 4 are refused when several plans match; rule 1 when several plans carry the title.
pub fn choose_plan(query: &str, plans: &[PlanName]) -> PlanChoice {
    let q = query.trim();
    if q.is_empty() {
        return PlanChoice::NotFound;
    }
    let decide = |found: Vec<&PlanName>| match found.as_slice() {
        [] => None,
        [one] => Some(PlanChoice::Found(one.id)),
        many => Some(PlanChoice::Ambiguous(
            many.iter().map(|p| (*p).clone()).collect(),
        )),
    };
    if let Some(c) = decide(plans.iter().filter(|p| p.title.trim() == q).collect()) {
        return c;
    }
    let digits = q.strip_prefix('#').unwrap_or(q);
    if let Ok(id) = digits.parse::<i64>()
        && let Some(p) = plans.iter().find(|p| p.id == id)
    {
        return PlanChoice::Found(p.id);
    }
    if let Some(c) = decide(plans.iter().filter(|p| p.title.starts_with(q)).collect()) {
        return c;
    }
    decide(plans.iter().filter(|p| p.title.contains(q)).collect()).unwrap_or(PlanChoice::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plans() -> Vec<PlanName> {
        let p = |id, title: &str| PlanName {
            id,
            title: title.into(),
        };
        vec![
            p(1, "青川区数字经济三年行动计划"),
            p(2, "青川区冷链物流工作要点"),
            p(3, "2"),
            p(4, "青禾县冷链物流提升方案"),
        ]
    }

    #[test]
    fn exact_title_first_then_id_then_prefix_then_part() {
        let ps = plans();
        // "2" is plan 3's exact title, before plan 2's id.
        assert_eq!(choose_plan("2", &ps), PlanChoice::Found(3));
        assert_eq!(choose_plan("#2", &ps), PlanChoice::Found(2));
        assert_eq!(choose_plan("4", &ps), PlanChoice::Found(4));
        assert_eq!(choose_plan(" 青川区数字", &ps), PlanChoice::Found(1));
        assert_eq!(choose_plan("提升", &ps), PlanChoice::Found(4));
    }

    #[test]
    fn several_matches_are_listed_and_nothing_is_not_found() {
        let ps = plans();
        match choose_plan("青川区", &ps) {
            PlanChoice::Ambiguous(m) => {
                assert_eq!(m.iter().map(|p| p.id).collect::<Vec<_>>(), vec![1, 2])
            }
            other => panic!("{other:?}"),
        }
        match choose_plan("冷链物流", &ps) {
            PlanChoice::Ambiguous(m) => assert_eq!(m.len(), 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(choose_plan("9", &ps), PlanChoice::NotFound);
        assert_eq!(choose_plan("", &ps), PlanChoice::NotFound);
        assert_eq!(choose_plan("交通", &ps), PlanChoice::NotFound);
    }
}
