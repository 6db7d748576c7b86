//! `duban gen`: synthetic plans of any size for tests and benchmarks. Deterministic for a given
//! seed and year.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::rng::Rng;
use crate::domain::deadline::month_end;
use crate::domain::{ClerkRole, Percent, Role};
use crate::store::{Db, DepartmentKind, NewPlan, NewTask, Result};

#[derive(Debug, Clone, Copy)]
pub struct GenSpec {
    pub tasks: u64,
    pub departments: u64,
    pub seed: u64,
    /// The plan runs over this calendar year.
    pub year: i32,
}

const PLACES: &[&str] = &[
    "城东", "城西", "江口", "白云", "青山", "梧桐", "南湖", "北岭", "三溪", "仙岩", "丽水", "潘桥",
    "新桥", "景山", "茶山", "郭溪", "瞿溪", "泽雅", "塘下", "莘塍",
];
const STEMS: &[(&str, &str)] = &[
    ("经信", "局"),
    ("发改", "局"),
    ("科技", "局"),
    ("财政", "局"),
    ("人力社保", "局"),
    ("自然资源", "局"),
    ("生态环境", "分局"),
    ("市场监管", "局"),
    ("商务", "局"),
    ("统计", "局"),
    ("税务", "局"),
    ("住建", "局"),
    ("大数据", "中心"),
    ("投资促进", "中心"),
    ("农业农村", "局"),
    ("文旅", "局"),
    ("交通运输", "局"),
    ("水利", "局"),
    ("应急管理", "局"),
    ("卫健", "局"),
    ("教育", "局"),
    ("民政", "局"),
    ("司法", "局"),
    ("审计", "局"),
    ("城管", "局"),
    ("综合执法", "局"),
    ("公安", "分局"),
    ("消防", "救援大队"),
    ("供电", "公司"),
    ("城投", "集团"),
    ("街道", "办事处"),
    ("工业园区", "管委会"),
    ("招商", "中心"),
    ("金融", "办"),
    ("信访", "局"),
    ("档案", "馆"),
    ("医保", "分局"),
    ("退役军人事务", "局"),
    ("机关事务", "中心"),
    ("行政服务", "中心"),
    ("国资", "中心"),
    ("园林", "中心"),
    ("人防", "办"),
    ("气象", "局"),
    ("邮政", "公司"),
    ("粮食", "中心"),
    ("体育", "中心"),
    ("科协", "办"),
    ("工商联", "办"),
    ("总工会", "办"),
];
const VERBS: &[&str] = &[
    "推进", "加快", "深化", "实施", "完善", "强化", "开展", "提升", "健全", "落实",
];
const OBJECTS: &[&str] = &[
    "企业数字化改造",
    "工业互联网平台建设",
    "低效用地整治",
    "重大项目招引",
    "高新技术企业培育",
    "小微企业园建设",
    "亩均效益评价",
    "人才引进计划",
    "惠企政策兑现",
    "绿色园区创建",
    "老旧工业区块更新",
    "产业链精准招商",
    "品牌标准建设",
    "知识产权保护",
    "节能降碳改造",
    "企业上云用数",
    "研发机构建设",
    "安全生产整治",
    "融资服务对接",
    "用工保障服务",
];

/// A department name that looks like the real ones and is unique for every index.
pub fn department_name(i: u64) -> String {
    let place = PLACES[(i % PLACES.len() as u64) as usize];
    let (stem, suffix) = STEMS[((i / PLACES.len() as u64) % STEMS.len() as u64) as usize];
    let round = i / (PLACES.len() * STEMS.len()) as u64;
    if round == 0 {
        format!("{place}{stem}{suffix}")
    } else {
        format!("{place}{stem}{suffix}{}", round + 1)
    }
}

/// Writes the whole plan in one transaction into `db`, a file just made by `Db::create`;
/// `progress` is told how many tasks are written.
pub fn generate(
    db: &mut Db,
    spec: GenSpec,
    now: DateTime<Utc>,
    admin: &str,
    mut progress: impl FnMut(u64),
) -> Result<()> {
    let mut rng = Rng::new(spec.seed);
    let starts_on = NaiveDate::from_ymd_opt(spec.year, 1, 1).expect("valid year");
    let ends_on = NaiveDate::from_ymd_opt(spec.year, 12, 31).expect("valid year");
    let created_at = Utc.from_utc_datetime(&starts_on.and_hms_opt(0, 0, 0).expect("midnight"));
    let departments = spec.departments.max(1);
    db.load_new_file(now, |w| {
        w.defer_indexes()?;
        let plan_title = format!("合成测试计划({}年,{}项任务)", spec.year, spec.tasks);
        let plan_id = w.plan(&NewPlan {
            title: &plan_title,
            doc_no: None,
            issuer: Some("duban gen"),
            issued_on: None,
            starts_on,
            ends_on,
            common_units_note: None,
        })?;
        let mut dept_ids = Vec::with_capacity(departments as usize);
        let mut clerks = Vec::with_capacity(departments as usize);
        for i in 0..departments {
            let name = department_name(i);
            let id = w.department(&name, DepartmentKind::from_name(&name), i as i64)?;
            let clerk = format!("clerk{i}");
            w.clerk(&clerk, None, Some(id), ClerkRole::Editor)?;
            dept_ids.push(id);
            clerks.push(clerk);
        }
        w.clerk(admin, None, None, ClerkRole::Admin)?;

        let mut section = None;
        let mut title = String::new();
        let mut reports = Vec::with_capacity(3);
        for n in 0..spec.tasks {
            if n % 200 == 0 {
                let k = n / 200 + 1;
                section = Some(w.section(plan_id, None, &format!("({k})"), &format!("第{k}组重点任务"), k as i64)?);
            }
            title.clear();
            let (verb, object) = (*rng.pick(VERBS), *rng.pick(OBJECTS));
            title.push_str(verb);
            title.push_str(object);
            title.push_str("工作");
            let month = rng.range(1, 12) as u32;
            let ongoing = rng.chance(5);
            let deadline = (!ongoing).then(|| month_end(spec.year, month).expect("months 1..=12 exist"));
            let deadline_text = if ongoing { "长期".to_string() } else { format!("{month}月底前") };
            let number = (n + 1).to_string();
            let task_id = w.task(&NewTask {
                plan_id,
                section_id: section,
                number: &number,
                title: &title,
                body: "",
                starts_on: None,
                deadline,
                deadline_text: Some(&deadline_text),
                weight: 1.0 + rng.below(3) as f64 * 0.5,
                position: n as i64,
                created_at,
            })?;
            if rng.chance(2) {
                continue; // a task with no responsible unit
            }
            let units = 1 + rng.below(4);
            let first = rng.below(departments);
            for k in 0..units.min(departments) {
                // Distinct departments: a stride from a random start.
                let d = ((first + k * 7919) % departments) as usize;
                let role = if k == 0 { Role::Lead } else { Role::Co };
                let mut percent = 0i64;
                let last_month = deadline.map_or(10, |_| month.min(10)).max(1);
                reports.clear();
                for report in 0..rng.below(4) as u32 {
                    percent = (percent + rng.range(5, 45)).min(100);
                    let m = (1 + report * 3).min(last_month);
                    let day = NaiveDate::from_ymd_opt(spec.year, m, 20 + report).expect("valid day");
                    let at = Utc.from_utc_datetime(&day.and_hms_opt(2, 0, 0).expect("valid time"));
                    let at = at + Duration::minutes(report.into());
                    reports.push((Percent::new(percent).expect("capped"), at));
                }
                w.assign_reported(task_id, dept_ids[d], role, k as i64, &reports, &clerks[d])?;
            }
            if (n + 1) % 5000 == 0 {
                progress(n + 1);
            }
        }
        w.audit(
            admin,
            "plan",
            Some(plan_id),
            "create",
            &serde_json::json!({"title": plan_title, "tasks": spec.tasks, "source": "duban gen", "seed": spec.seed}),
        )?;
        progress(spec.tasks);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_names_are_unique() {
        let names: std::collections::HashSet<String> = (0..3000).map(department_name).collect();
        assert_eq!(names.len(), 3000);
    }
}
