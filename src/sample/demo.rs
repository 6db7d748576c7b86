//! `duban demo`: a realistic database around today's date, so every light and view has something
//! to show: tasks overdue and done, ahead and behind, units that report monthly and units that
//! went quiet.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

use super::demo_plan::*;
use super::demo_projects;
use super::rng::Rng;
use crate::domain::{ClerkRole, Deadline, Percent, Role, Schedule, expected_progress};
use crate::store::{Db, DepartmentKind, Loader, NewPlan, NewTask, Result};

pub struct DemoSummary {
    pub tasks: u64,
    pub departments: usize,
}

/// Fills a database created a moment ago. `today` anchors the plan: it started at the beginning of
/// last year and ends at the end of next year.
pub fn build(
    db: &mut Db,
    today: NaiveDate,
    now: DateTime<Utc>,
    admin: &str,
) -> Result<DemoSummary> {
    let years = [today.year() - 1, today.year(), today.year() + 1];
    let fill = |s: &str| {
        s.replace("{Y0}", &years[0].to_string())
            .replace("{Y1}", &years[1].to_string())
            .replace("{Y2}", &years[2].to_string())
    };
    let starts_on = NaiveDate::from_ymd_opt(years[0], 1, 1).expect("valid day");
    let ends_on = NaiveDate::from_ymd_opt(years[2], 12, 31).expect("valid day");
    let created_at = midnight(starts_on);
    let mut rng = Rng::new(20_240_601);

    let summary = db.load(now, |w| {
        let title = fill(TITLE);
        let doc_no = fill(DOC_NO);
        let plan_id = w.plan(&NewPlan {
            title: &title,
            doc_no: Some(&doc_no),
            issuer: Some(ISSUER),
            issued_on: NaiveDate::from_ymd_opt(years[0], 2, 20),
            starts_on,
            ends_on,
            common_units_note: Some(COMMON_NOTE),
        })?;

        let mut dept_ids = HashMap::new();
        for (position, (name, aliases)) in DEPARTMENTS.iter().enumerate() {
            let id = w.department(name, DepartmentKind::from_name(name), position as i64)?;
            for alias in *aliases {
                w.alias(alias, id)?;
            }
            dept_ids.insert(*name, id);
        }
        let mut reporter: HashMap<i64, &str> = HashMap::new();
        for (username, display, dept, role) in CLERKS {
            let dept_id = dept_ids.get(dept).copied();
            let role: ClerkRole = role.parse().expect("demo roles are valid");
            w.clerk(username, Some(display), dept_id, role)?;
            if let Some(id) = dept_id {
                reporter.insert(id, username);
            }
        }
        // Last, so that the person trying the demo is an admin even if their login is listed above.
        w.clerk(admin, None, None, ClerkRole::Admin)?;

        let mut leads: Vec<(i64, i64, &str)> = Vec::new();
        let mut task_ids: HashMap<&'static str, i64> = HashMap::new();
        let mut section_ids = Vec::new();
        let top = w.section(plan_id, None, "三、", "主要任务", 0)?;
        for (i, (number, title)) in SECTIONS.iter().enumerate() {
            section_ids.push(w.section(plan_id, Some(top), number, title, i as i64 + 1)?);
        }

        for (position, task) in TASKS.iter().enumerate() {
            let deadline_text = fill(task.deadline);
            let deadline =
                (!deadline_text.is_empty()).then(|| Deadline::parse(&deadline_text, years[0]));
            let number = (position + 1).to_string();
            let task_id = w.task(&NewTask {
                plan_id,
                section_id: Some(section_ids[task.section]),
                number: &number,
                title: task.title,
                body: &fill(task.body),
                starts_on: None,
                deadline: deadline.as_ref().and_then(|d| d.date),
                deadline_text: deadline.as_ref().map(|d| d.text.as_str()),
                weight: task.weight,
                position: position as i64,
                created_at,
            })?;
            task_ids.insert(task.title, task_id);
            let schedule = Schedule {
                starts_on,
                deadline: deadline.and_then(|d| d.date).unwrap_or(ends_on),
            };
            for (unit_position, (name, role)) in units(task.units).into_iter().enumerate() {
                let dept_id = dept_ids[name];
                if role == Role::Lead && leads.last().is_none_or(|l| l.0 != task_id) {
                    leads.push((task_id, dept_id, name));
                }
                w.assign(task_id, dept_id, role, unit_position as i64)?;
                let by = reporter.get(&dept_id).copied().unwrap_or("sunhui");
                journal(w, &mut rng, task_id, dept_id, schedule, today, by)?;
            }
        }

        for (position, (name, unit, dept, higher, base, targets)) in INDICATORS.iter().enumerate() {
            let dept_id = dept_ids.get(dept).copied();
            let id = w.indicator(
                plan_id,
                name,
                unit,
                dept_id,
                *higher,
                Some((years[0] - 1, *base)),
                position as i64,
            )?;
            for (year, target) in years.iter().zip(targets) {
                w.target(id, *year, *target)?;
            }
            let by = dept_id
                .and_then(|d| reporter.get(&d).copied())
                .unwrap_or("sunhui");
            let scale = 0.85 + rng.below(30) as f64 / 100.0;
            // Last year's figure comes in January; before it (the demo made in early January),
            // yesterday: no row may be dated after now.
            let reported = midnight(
                NaiveDate::from_ymd_opt(years[1], 1, 20)
                    .expect("valid day")
                    .min(today - Duration::days(1)),
            );
            w.actual(
                id,
                &years[0].to_string(),
                round1(targets[0] * scale),
                by,
                reported,
            )?;
            // Quarterly actuals of this year, for the quarters already over (cumulative figures).
            for q in 1..=4u32 {
                let reported_on = NaiveDate::from_ymd_opt(years[1], q * 3, 1).expect("valid day")
                    + Duration::days(45);
                // Only the figures in before today: no row dated after now, in any time zone.
                if reported_on >= today {
                    break;
                }
                let share = if *unit == "%" {
                    1.0
                } else {
                    f64::from(q) / 4.0
                };
                let value = round1(targets[1] * share * (0.8 + rng.below(35) as f64 / 100.0));
                w.actual(
                    id,
                    &format!("{}-Q{q}", years[1]),
                    value,
                    by,
                    midnight(reported_on),
                )?;
            }
        }

        // The key projects and milestones (挂图作战), under an appendix of their own.
        let section_id = w.section(
            plan_id,
            None,
            demo_projects::SECTION.0,
            &fill(demo_projects::SECTION.1),
            SECTIONS.len() as i64 + 1,
        )?;
        let projects = demo_projects::build(
            w,
            &demo_projects::Context {
                plan_id,
                section_id,
                position: TASKS.len() as i64,
                today,
                years,
                created_at,
                dept_ids: &dept_ids,
                reporter: &reporter,
                tasks: &task_ids,
            },
        )?;

        closing_steps(w, &leads, now)?;
        w.audit(
            admin,
            "plan",
            Some(plan_id),
            "create",
            &serde_json::json!({"title": title, "tasks": TASKS.len() + projects, "source": "duban demo"}),
        )?;
        Ok(DemoSummary {
            tasks: (TASKS.len() + projects) as u64,
            departments: DEPARTMENTS.len(),
        })
    })?;
    supervision_steps(db, today, now)?;
    Ok(summary)
}

/// The rest of the supervision chain, written through the store's own steps at `now` (after the
/// load, whose last row is at `now`, so the chain stays in time order): an extension request
/// waiting for an answer, and from duban's own proposals a yellow notice the unit has answered
/// (for the office to review) and a red one waiting for the unit's reply.
fn supervision_steps(db: &mut Db, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    use crate::domain::NoticeLevel;
    use crate::store::{ExtensionAction, NewNotice, NoticeAction};
    let clerk_of = |id: i64, names: &HashMap<i64, String>| {
        names
            .get(&id)
            .and_then(|n| CLERKS.iter().find(|c| c.2 == n))
            .map(|c| c.0)
    };
    let tasks = db.tasks(crate::store::Scope::default())?;
    let names: HashMap<i64, String> = tasks
        .iter()
        .flat_map(|t| t.units.iter().map(|u| (u.department_id, u.name.clone())))
        .collect();
    // A lead unit with a clerk, on a task not done whose deadline is still ahead.
    let ahead = tasks.iter().find_map(|t| {
        let lead = t.units.iter().find(|u| u.role == Role::Lead)?;
        let clerk = clerk_of(lead.department_id, &names)?;
        (t.deadline.is_some_and(|d| d > today) && lead.percent != Percent::FULL).then_some((
            t.id,
            lead.department_id,
            clerk,
            t.schedule.deadline,
        ))
    });
    if let Some((task, department_id, clerk, deadline)) = ahead {
        let to = deadline + Duration::days(91);
        let reason = "受征地报批进度影响,主体工程开工推迟,申请延期三个月";
        let step = ExtensionAction::Request {
            department_id,
            to,
            reason,
            today,
        };
        db.extension_step(task, &step, clerk, now)?;
    }
    let proposals = db.notice_proposals(today, None)?;
    let reply_by = today + Duration::days(db.notice_settings_at(None)?.reply_days);
    for level in [NoticeLevel::Yellow, NoticeLevel::Red] {
        let Some(p) = proposals
            .iter()
            .find(|p| p.proposal.level == level && clerk_of(p.department_id, &names).is_some())
        else {
            continue;
        };
        let reason = crate::report::notice::proposal_reason(crate::i18n::Lang::Zh, p);
        let notice = db.issue_notice(
            &NewNotice {
                task_id: p.task.id,
                department_id: p.department_id,
                level,
                reason: &reason,
                required: "说明滞后原因,提出整改措施和完成时限",
                reply_by,
            },
            "sunhui",
            now,
            today,
        )?;
        if level == NoticeLevel::Yellow
            && let Some(clerk) = clerk_of(p.department_id, &names)
        {
            let text = "已召开专题推进会,增派专人跟进,制定倒排计划,月底前补齐进度";
            db.notice_step(notice.id, &NoticeAction::Reply { text }, clerk, now)?;
        }
    }
    Ok(())
}

/// The supervision chain under way (办结销号, issue 22), decided by the store's own rule: of the
/// tasks whose lead can apply (at 100%), the first is closed, the second was sent back, the third
/// waits for review. So the queue (`I`), the glyphs ◇ ■ ↺ and the circular's counts have
/// something to show at once. `leads`: each task with its first lead unit's id and name.
fn closing_steps(w: &mut Loader<'_>, leads: &[(i64, i64, &str)], now: DateTime<Utc>) -> Result<()> {
    use crate::domain::ClosingRefusal;
    use crate::store::{ClosingAction, StoreError};
    let clerk_of = |name: &str| {
        CLERKS
            .iter()
            .find(|c| c.2 == name)
            .map_or("sunhui", |c| c.0)
    };
    let reviewer = "sunhui";
    let mut applied_for = 0;
    for &(task, lead, name) in leads {
        if applied_for == 3 {
            break;
        }
        let applied = now - Duration::days(9 - 3 * applied_for);
        let note = CLOSING_NOTES[applied_for as usize % CLOSING_NOTES.len()];
        let apply = |why| ClosingAction::Apply {
            department_id: lead,
            note,
            why,
        };
        let by = clerk_of(name);
        match w.close_step(task, &apply(""), by, applied) {
            Ok(_) => {}
            // A co-unit below 100%: the lead says why, as the rule asks.
            Err(StoreError::Closing(ClosingRefusal::NeedsWhy { .. })) => {
                w.close_step(
                    task,
                    &apply("配合单位承担的部分已由牵头单位统筹完成,配合单位按季度报送"),
                    by,
                    applied,
                )?;
            }
            Err(StoreError::Closing(_)) => continue,
            Err(e) => return Err(e),
        }
        let reviewed = applied + Duration::days(2);
        match applied_for {
            0 => {
                let note = "材料齐全,同意销号";
                w.close_step(task, &ClosingAction::Approve { note }, reviewer, reviewed)?;
            }
            1 => {
                let reason = "缺少验收报告和现场照片,请补充后重新申请";
                w.close_step(task, &ClosingAction::Return { reason }, reviewer, reviewed)?;
            }
            _ => {}
        }
        applied_for += 1;
    }
    Ok(())
}

/// What a lead unit writes when it applies to close a task.
const CLOSING_NOTES: &[&str] = &[
    "项目已通过竣工验收,相关制度文件已印发,附验收报告",
    "平台已上线运行,接入企业数据按月更新",
    "年度目标已完成,整治台账已全部销号",
];

/// Reads a responsibility note as the plans write it: `*` marks lead units; with no mark, the
/// first-named unit leads.
fn units(note: &str) -> Vec<(&str, Role)> {
    let names: Vec<&str> = note
        .split('、')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let marked = names.iter().any(|n| n.starts_with('*'));
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let lead = if marked { n.starts_with('*') } else { i == 0 };
            (
                n.trim_start_matches('*'),
                if lead { Role::Lead } else { Role::Co },
            )
        })
        .collect()
}

/// How a unit tends to work: its percent against expected progress.
#[derive(Clone, Copy)]
enum Pace {
    Ahead,
    OnTime,
    Behind,
    Stalled,
    Silent,
}

/// Monthly-ish reports from the plan's start to last week, following the unit's pace.
fn journal(
    w: &mut Loader<'_>,
    rng: &mut Rng,
    task_id: i64,
    dept_id: i64,
    schedule: Schedule,
    today: NaiveDate,
    by: &str,
) -> Result<()> {
    let pace = match rng.below(100) {
        0..=34 => Pace::Ahead,
        35..=71 => Pace::OnTime,
        72..=86 => Pace::Behind,
        87..=95 => Pace::Stalled,
        _ => Pace::Silent,
    };
    if matches!(pace, Pace::Silent) {
        return Ok(());
    }
    // Some units have not reported this month yet: they stop a month or two early.
    let quiet_months = if rng.chance(25) { rng.range(1, 2) } else { 0 };
    let mut month = schedule.starts_on.with_day(1).expect("day 1 exists");
    let mut last = 0i64;
    let mut entries = 0;
    loop {
        month = next_month(month);
        let day = month
            .with_day(rng.range(18, 28) as u32)
            .expect("days up to 28 exist");
        if day >= today - Duration::days(30 * quiet_months) || last >= 100 {
            break;
        }
        if entries > 0 && rng.chance(45) {
            continue; // not every month
        }
        let expected = i64::from(expected_progress(schedule, day).value());
        let offset = match pace {
            Pace::Ahead => rng.range(8, 25),
            Pace::OnTime => rng.range(-6, 6),
            Pace::Behind => rng.range(-22, -12),
            Pace::Stalled => rng.range(-55, -35),
            Pace::Silent => 0,
        };
        let mut percent = (expected + offset).clamp(0, 100) / 5 * 5;
        if day >= schedule.deadline && matches!(pace, Pace::Ahead | Pace::OnTime) {
            percent = 100;
        }
        percent = percent.max(last);
        if percent == last && entries > 0 && rng.chance(50) {
            continue;
        }
        let note = note(rng, percent);
        let at = Utc.from_utc_datetime(
            &day.and_hms_opt(rng.range(1, 9) as u32, rng.range(0, 59) as u32, 0)
                .expect("valid time"),
        );
        let reporter = if rng.chance(8) { "sunhui" } else { by };
        w.progress(
            task_id,
            dept_id,
            Percent::new(percent).expect("clamped"),
            &note,
            reporter,
            at,
        )?;
        last = percent;
        entries += 1;
    }
    Ok(())
}

fn note(rng: &mut Rng, percent: i64) -> String {
    let progress = rng
        .pick(NOTE_PROGRESS)
        .replace("{n}", &rng.range(3, 40).to_string())
        .replace("{p}", &percent.to_string());
    let problem = if percent >= 100 {
        "暂无"
    } else {
        rng.pick(NOTE_PROBLEM)
    };
    let next = if percent >= 100 {
        "巩固成果,做好总结验收"
    } else {
        rng.pick(NOTE_NEXT)
    };
    format!("进展情况:{progress}。\n存在问题:{problem}。\n下一步计划:{next}。")
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("day 1 exists")
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responsibility_notes_mark_leads() {
        assert_eq!(
            units("*区经信局、区财政局"),
            vec![("区经信局", Role::Lead), ("区财政局", Role::Co)]
        );
        assert_eq!(
            units("区商务局、白云街道"),
            vec![("区商务局", Role::Lead), ("白云街道", Role::Co)]
        );
        assert_eq!(units(""), vec![]);
    }

    #[test]
    fn the_demo_plan_is_big_enough() {
        assert!(TASKS.len() >= 24);
        assert!(DEPARTMENTS.len() >= 15);
        assert!(SECTIONS.len() >= 4);
        // Every unit named by a task is a department of the demo.
        for task in TASKS {
            for (name, _) in units(task.units) {
                assert!(DEPARTMENTS.iter().any(|(d, _)| *d == name), "{name}");
            }
        }
    }
}
