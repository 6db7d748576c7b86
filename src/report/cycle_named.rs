//! The tasks the cycle check's lists name, by place, their texts in one buffer: a department's
//! list names a task by a `u32` where it held a copy of its number, title and deadline words.

use chrono::NaiveDate;

/// A task's place in `Named`.
pub type TaskIndex = u32;

/// Tasks by place, their texts in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Named {
    text: String,
    list: Vec<NamedTask>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct NamedTask {
    task_id: i64,
    plan_id: i64,
    deadline: NaiveDate,
    number: (u32, u32),
    title: (u32, u32),
    deadline_text: Option<(u32, u32)>,
}

/// A task as the cycle's lists name it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskRef<'a> {
    pub task_id: i64,
    /// The task's plan: numbers repeat across the plans of a file.
    pub plan_id: i64,
    pub number: &'a str,
    pub title: &'a str,
    /// The effective deadline (the plan's end when the task has none).
    pub deadline: NaiveDate,
    pub deadline_text: Option<&'a str>,
}

impl Named {
    fn put(&mut self, s: &str) -> (u32, u32) {
        let start = self.text.len();
        self.text.push_str(s);
        // A text of 4 GB is no task list; cut rather than wrap.
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (at(start), at(self.text.len() - start))
    }

    pub(crate) fn add(&mut self, t: TaskRef<'_>) -> TaskIndex {
        let named = NamedTask {
            task_id: t.task_id,
            plan_id: t.plan_id,
            deadline: t.deadline,
            number: self.put(t.number),
            title: self.put(t.title),
            deadline_text: t.deadline_text.map(|d| self.put(d)),
        };
        self.list.push(named);
        TaskIndex::try_from(self.list.len() - 1).unwrap_or(TaskIndex::MAX)
    }

    fn text(&self, (start, len): (u32, u32)) -> &str {
        let start = start as usize;
        self.text.get(start..start + len as usize).unwrap_or("")
    }

    pub fn get(&self, i: TaskIndex) -> TaskRef<'_> {
        let Some(t) = self.list.get(i as usize) else {
            return TaskRef {
                task_id: 0,
                plan_id: 0,
                number: "",
                title: "",
                deadline: NaiveDate::MIN,
                deadline_text: None,
            };
        };
        TaskRef {
            task_id: t.task_id,
            plan_id: t.plan_id,
            number: self.text(t.number),
            title: self.text(t.title),
            deadline: t.deadline,
            deadline_text: t.deadline_text.map(|d| self.text(d)),
        }
    }

    /// Every task's number as `label` gives it from its plan and number (a plan's label in front
    /// where several plans are listed).
    pub fn relabel(&mut self, label: impl Fn(i64, &str) -> String) {
        let old = std::mem::take(self);
        for i in 0..old.list.len() {
            let t = old.get(i as TaskIndex);
            let number = label(t.plan_id, t.number);
            self.add(TaskRef {
                number: &number,
                ..t
            });
        }
    }
}
