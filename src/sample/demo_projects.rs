//! The demo's key projects (重点项目, 挂图作战, issue 23): six projects under an appendix of the
//! plan, each with its owner company, total investment, a planned investment for last year and
//! this year, monthly figures through this year (most on track, one lagging), and milestones
//! (开工, 主体结顶, 竣工, 投产) reached on time, reached late, or — one — not reached and past its
//! date, so the wall chart, the milestone light and the investment columns show something at once.
//! Two tasks of the plan get milestones too (any task may have them).
//!
//! Everything is placed relative to today (milestones a number of days before or after it, within
//! a year either way, so inside the plan's three years on any day), and every row is written
//! before today: the demo is valid whatever day it is made on.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

use super::rng::Rng;
use crate::domain::deadline::month_end;
use crate::domain::milestone::expected_by_milestones;
use crate::domain::project::Month;
use crate::domain::{Milestone, Percent, Role, Schedule, expected_progress};
use crate::store::{Loader, NewTask, Result};

/// A milestone: its name, its planned date in days from today, the days it was reached after
/// (negative: before) its planned date or `None` when not reached, and its share.
pub struct DemoMilestone {
    pub name: &'static str,
    pub planned: i64,
    pub reached: Option<i64>,
    pub share: Option<i64>,
}

const fn m(
    name: &'static str,
    planned: i64,
    reached: Option<i64>,
    share: Option<i64>,
) -> DemoMilestone {
    DemoMilestone {
        name,
        planned,
        reached,
        share,
    }
}

pub struct DemoProject {
    pub title: &'static str,
    pub body: &'static str,
    pub owner: &'static str,
    /// As the plan writes it: `*` marks the lead unit.
    pub units: &'static str,
    /// 总投资, 万元.
    pub total: f64,
    /// 年度计划投资 of last year and this year (0: none that year).
    pub plans: [f64; 2],
    /// Completed last year (its December figure; 0: none).
    pub last_year: f64,
    /// This year's cumulative figures against the plan's monthly share: 1.0 on track.
    pub pace: f64,
    /// Percent points the lead unit reports above (below) expected progress.
    pub ahead: i64,
    /// In date order; the first is 开工 (the task starts there), the last the deadline.
    pub milestones: &'static [DemoMilestone],
}

pub const SECTION: (&str, &str) = ("附件1", "{Y1}年度重大产业项目“挂图作战”清单");

pub const PROJECTS: &[DemoProject] = &[
    DemoProject {
        title: "智能装备产业园一期",
        body: "建设智能装备标准厂房及配套研发楼,引进工业机器人、数控机床等整机和零部件企业。",
        owner: "青川智造科技有限公司",
        units: "*区发改局、江口街道",
        total: 32_000.0,
        plans: [8_000.0, 12_000.0],
        last_year: 7_600.0,
        pace: 1.02,
        ahead: 3,
        milestones: &[
            m("开工", -330, Some(-3), Some(5)),
            m("主体结顶", -120, Some(12), Some(40)),
            m("竣工", 150, None, Some(85)),
            m("投产", 240, None, None),
        ],
    },
    DemoProject {
        title: "新能源电池材料项目",
        body: "新建正极材料生产线4条及配套仓储设施,达产后年产电池正极材料2万吨。",
        owner: "江口新材料股份有限公司",
        units: "*区经信局、江口街道",
        total: 55_000.0,
        plans: [0.0, 18_000.0],
        last_year: 0.0,
        pace: 0.52,
        ahead: -6,
        milestones: &[
            m("开工", -250, Some(21), None),
            m("主体结顶", -12, None, None),
            m("设备安装", 120, None, None),
            m("竣工", 300, None, None),
        ],
    },
    DemoProject {
        title: "冷链物流中心",
        body: "建设低温冷库3万立方米及分拣配送中心,服务区内农产品和食品加工企业。",
        owner: "白云冷链物流有限公司",
        units: "*区商务局、白云街道",
        total: 8_600.0,
        plans: [2_600.0, 6_000.0],
        last_year: 2_500.0,
        pace: 1.0,
        ahead: 2,
        milestones: &[
            m("开工", -300, Some(0), None),
            m("主体结顶", -150, Some(-5), None),
            m("竣工", -40, Some(6), None),
            m("投产", 60, None, None),
        ],
    },
    DemoProject {
        title: "工业互联网创新中心",
        body: "建设工业互联网标识解析二级节点和创新中心,接入企业500家以上。",
        owner: "青川数字产业集团有限公司",
        units: "*区大数据中心、区经信局",
        total: 12_000.0,
        plans: [0.0, 5_000.0],
        last_year: 0.0,
        pace: 0.97,
        ahead: 0,
        milestones: &[
            m("开工", -320, Some(2), None),
            m("平台上线", 90, None, Some(70)),
            m("竣工", 200, None, None),
        ],
    },
    DemoProject {
        title: "城西小微企业园改造提升",
        body: "改造提升老旧厂房12万平方米,完善园区道路、污水管网和公共服务配套。",
        owner: "青川区城市建设投资有限公司",
        units: "*区住建局、区城投集团、城西街道",
        total: 9_500.0,
        plans: [3_000.0, 5_000.0],
        last_year: 3_100.0,
        pace: 1.08,
        ahead: 6,
        milestones: &[
            m("开工", -340, Some(-2), None),
            m("主体结顶", -90, Some(-1), None),
            m("竣工", 100, None, None),
        ],
    },
    DemoProject {
        title: "高端泵阀智能制造基地",
        body: "新建泵阀智能制造车间和检测中心,购置加工中心、智能装配线等设备180台(套)。",
        owner: "青川泵阀集团有限公司",
        units: "*区经信局、城东街道",
        total: 26_000.0,
        plans: [0.0, 9_000.0],
        last_year: 0.0,
        pace: 0.93,
        ahead: -3,
        milestones: &[
            m("开工", -280, Some(0), Some(10)),
            m("主体结顶", 60, None, Some(50)),
            m("竣工", 330, None, None),
        ],
    },
];

/// Milestones of two tasks of the plan (by title): reached on time or still ahead, so that the
/// tasks' lights are as before.
pub const TASK_MILESTONES: &[(&str, &[DemoMilestone])] = &[
    (
        "建设行业级工业互联网平台",
        &[m("平台上线试运行", -75, Some(-5), None)],
    ),
    (
        "建设小微企业园",
        &[
            m("一期开工", -200, Some(-4), None),
            m("一期竣工", 150, None, None),
        ],
    ),
];

/// What the projects need from the demo built so far.
pub struct Context<'a> {
    pub plan_id: i64,
    pub section_id: i64,
    /// The first position after the plan's tasks.
    pub position: i64,
    pub today: NaiveDate,
    pub years: [i32; 3],
    pub created_at: DateTime<Utc>,
    pub dept_ids: &'a HashMap<&'static str, i64>,
    /// A department's clerk.
    pub reporter: &'a HashMap<i64, &'static str>,
    /// The plan's tasks (title → id).
    pub tasks: &'a HashMap<&'static str, i64>,
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(hour, minute, 0).expect("valid time"))
}

fn units(note: &str) -> Vec<(&str, Role)> {
    note.split('、')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|n| match n.strip_prefix('*') {
            Some(lead) => (lead, Role::Lead),
            None => (n, Role::Co),
        })
        .collect()
}

/// Writes the projects, their units' reports, figures and milestones, and the milestones of the
/// plan's own tasks. Returns how many tasks it added.
pub fn build(w: &mut Loader<'_>, c: &Context<'_>) -> Result<usize> {
    let mut rng = Rng::new(20_260_123);
    let fill = |s: &str| s.replace("{Y1}", &c.years[1].to_string());
    let day = |offset: i64| c.today + Duration::days(offset);
    for (k, p) in PROJECTS.iter().enumerate() {
        let starts_on = day(p.milestones[0].planned);
        let deadline = day(p.milestones[p.milestones.len() - 1].planned);
        let deadline_text = format!(
            "{}年{}月{}日前",
            deadline.year(),
            deadline.month(),
            deadline.day()
        );
        // Numbered on from the plan's tasks, as a 督办 list numbers every item.
        let number = (c.position + k as i64 + 1).to_string();
        let plan_year = fill("{Y1}");
        let body = format!(
            "{}建设单位:{};总投资{}万元,{plan_year}年计划投资{}万元。",
            p.body, p.owner, p.total, p.plans[1]
        );
        let task_id = w.task(&NewTask {
            plan_id: c.plan_id,
            section_id: Some(c.section_id),
            number: &number,
            title: p.title,
            body: &body,
            starts_on: Some(starts_on),
            deadline: Some(deadline),
            deadline_text: Some(&deadline_text),
            weight: 1.5,
            position: c.position + k as i64,
            created_at: c.created_at,
        })?;
        let admin = "sunhui";
        w.project(task_id, p.owner, Some(p.total), admin, c.created_at)?;
        // Last year's plan and figure only for a project under way by its last quarter, in
        // proportion to the months it ran.
        let last_year_share = if starts_on.year() < c.years[1] && starts_on.month() <= 10 {
            f64::from(13 - starts_on.month()) / 12.0
        } else {
            0.0
        };
        let tens = |v: f64| (v / 10.0).round() * 10.0;
        for (k, (year, planned)) in c.years.iter().zip(p.plans).enumerate() {
            let planned = if k == 0 {
                tens(planned * last_year_share)
            } else {
                planned
            };
            if planned > 0.0 {
                w.project_plan(task_id, *year, planned, admin, c.created_at)?;
            }
        }
        let units = units(p.units);
        let clerk = |dept: i64| c.reporter.get(&dept).copied().unwrap_or(admin);
        let lead = units
            .iter()
            .find(|u| u.1 == Role::Lead)
            .map(|u| c.dept_ids[u.0])
            .map(|dept| (dept, clerk(dept)));
        let list: Vec<Milestone> = milestones(w, task_id, p.milestones, lead, c, &mut rng)?;
        let schedule = Schedule {
            starts_on,
            deadline,
        };
        for (position, (name, role)) in units.iter().enumerate() {
            w.assign(task_id, c.dept_ids[name], *role, position as i64)?;
        }
        // A co-unit every other month, then the lead every month (the lead's rows last: the
        // newest row of the file is a lead's report, as in the plan's own tasks).
        for (name, role) in units.iter().rev() {
            let dept = c.dept_ids[name];
            let every = if *role == Role::Lead { 1 } else { 2 };
            reports(
                w,
                &mut rng,
                task_id,
                dept,
                clerk(dept),
                p,
                schedule,
                &list,
                every,
                c,
            )?;
        }
        if let Some((dept, by)) = lead {
            let last_year = tens(p.last_year * last_year_share);
            figures(w, &mut rng, task_id, (dept, by), p, last_year, starts_on, c)?;
        }
    }
    for (title, list) in TASK_MILESTONES {
        if let Some(&task_id) = c.tasks.get(title) {
            milestones(w, task_id, list, None, c, &mut rng)?;
        }
    }
    Ok(PROJECTS.len())
}

/// Writes a task's milestones and the dates reached (entered by its lead unit's clerk the day
/// after, or by the office); returns them as they stand.
fn milestones(
    w: &mut Loader<'_>,
    task_id: i64,
    list: &[DemoMilestone],
    lead: Option<(i64, &str)>,
    c: &Context<'_>,
    rng: &mut Rng,
) -> Result<Vec<Milestone>> {
    let mut out = Vec::new();
    for (position, d) in list.iter().enumerate() {
        let planned_on = c.today + Duration::days(d.planned);
        let share = d.share.and_then(|s| Percent::new(s).ok());
        let id = w.milestone(
            task_id,
            d.name,
            planned_on,
            share,
            position as i64,
            "sunhui",
            c.created_at,
        )?;
        let reached_on = d.reached.map(|late| planned_on + Duration::days(late));
        if let Some(on) = reached_on {
            let entered = at(on + Duration::days(1), rng.range(1, 8) as u32, 10);
            let note = "现场核实,节点已完成";
            let (dept, by) = lead.map_or((None, "sunhui"), |(d, by)| (Some(d), by));
            w.milestone_reached(id, task_id, dept, on, note, by, entered)?;
        }
        out.push(Milestone {
            id,
            task_id,
            name: d.name.to_string(),
            planned_on,
            share,
            reached_on,
            position: position as i64,
        });
    }
    Ok(out)
}

/// A unit's monthly reports from the month after 开工 to last week: expected progress (by the
/// milestones' shares, else the straight line) plus the project's lead, never falling.
#[allow(clippy::too_many_arguments)]
fn reports(
    w: &mut Loader<'_>,
    rng: &mut Rng,
    task_id: i64,
    dept: i64,
    by: &str,
    p: &DemoProject,
    schedule: Schedule,
    list: &[Milestone],
    every: usize,
    c: &Context<'_>,
) -> Result<()> {
    let mut month = Month::of(schedule.starts_on).next();
    let mut last = 0;
    let mut k = 0;
    loop {
        let day = NaiveDate::from_ymd_opt(month.year, month.month, rng.range(5, 12) as u32)
            .expect("days up to 12 exist");
        if day >= c.today - Duration::days(2) {
            break;
        }
        month = month.next();
        k += 1;
        if k % every != 0 {
            continue;
        }
        let expected = expected_by_milestones(schedule, list, day)
            .unwrap_or_else(|| expected_progress(schedule, day));
        let percent = (i64::from(expected.value()) + p.ahead)
            .clamp(0, 95)
            .max(last);
        last = percent;
        let reached: Vec<&str> = list
            .iter()
            .filter(|m| m.reached_on.is_some_and(|r| r <= day))
            .map(|m| m.name.as_str())
            .collect();
        let progress = match reached.last() {
            Some(node) => format!("项目已完成{node}节点,形象进度{percent}%"),
            None => format!("项目前期工作有序推进,形象进度{percent}%"),
        };
        let problem = if p.pace < 0.8 {
            "设备采购合同签订滞后,投资完成进度慢于年度计划"
        } else {
            "暂无"
        };
        let note = format!(
            "进展情况:{progress}。\n存在问题:{problem}。\n下一步计划:倒排工期,按节点推进。"
        );
        w.progress(
            task_id,
            dept,
            Percent::new(percent).expect("clamped"),
            &note,
            by,
            at(day, rng.range(1, 8) as u32, rng.range(0, 59) as u32),
        )?;
    }
    Ok(())
}

/// Monthly figures (本年累计完成投资) of the lead unit: last year's December total, then this
/// year's months from the first with work (开工's, in a project begun this year) up to the last
/// one reported by the 8th of the month after, spreading the year's plan over those months.
#[allow(clippy::too_many_arguments)]
fn figures(
    w: &mut Loader<'_>,
    rng: &mut Rng,
    task_id: i64,
    (dept, by): (i64, &str),
    p: &DemoProject,
    last_year_done: f64,
    starts_on: NaiveDate,
    c: &Context<'_>,
) -> Result<()> {
    let last_year = c.years[0];
    if last_year_done > 0.0 {
        let month = Month {
            year: last_year,
            month: 12,
        };
        let day = month_end(last_year, 12).expect("valid day") - Duration::days(1);
        w.investment(
            task_id,
            Some(dept),
            month,
            last_year_done,
            "",
            by,
            at(day, 3, 0),
        )?;
    }
    let year = c.years[1];
    let planned = p.plans[1];
    let first = if starts_on.year() < year {
        1
    } else {
        starts_on.month()
    };
    let months = f64::from(13 - first);
    let mut cumulative: f64 = 0.0;
    for n in first..=12u32 {
        let month = Month { year, month: n };
        let reported = month.next().first_day() + Duration::days(7);
        if reported >= c.today {
            break;
        }
        // A little up and down around the pace, never falling.
        let wobble = 0.94 + rng.below(13) as f64 / 100.0;
        let due = planned * f64::from(n + 1 - first) / months * p.pace * wobble;
        cumulative = cumulative.max((due / 10.0).round() * 10.0);
        w.investment(
            task_id,
            Some(dept),
            month,
            cumulative,
            "",
            by,
            at(reported, rng.range(1, 8) as u32, 30),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data keeps the promises the module makes: milestones in date order within a year of
    /// today, reached dates before today, one milestone late and not reached, some reached late,
    /// some with shares, one project lagging in investment.
    #[test]
    fn the_projects_show_every_case() {
        let mut late_unreached = 0;
        let mut reached_late = 0;
        let mut shares = 0;
        for p in PROJECTS
            .iter()
            .map(|p| p.milestones)
            .chain(TASK_MILESTONES.iter().map(|t| t.1))
        {
            assert!(p.windows(2).all(|w| w[0].planned < w[1].planned));
            for d in p {
                assert!((-360..=360).contains(&d.planned), "{}", d.name);
                if let Some(late) = d.reached {
                    assert!(d.planned + late <= -3, "{} reached before today", d.name);
                    reached_late += usize::from(late > 0);
                } else if d.planned < 0 {
                    late_unreached += 1;
                }
                shares += usize::from(d.share.is_some());
            }
        }
        assert_eq!(late_unreached, 1);
        assert!(reached_late >= 2 && shares >= 3);
        assert_eq!(PROJECTS.iter().filter(|p| p.pace < 0.8).count(), 1);
        for p in PROJECTS {
            assert!(p.last_year + p.plans[1] <= p.total, "{}", p.title);
            assert!(!units(p.units).is_empty() && units(p.units)[0].1 == Role::Lead);
        }
    }
}
