//! Who may write what (DESIGN.md section 3). The store asks these rules inside every write's
//! transaction, so neither the TUI nor the command line can go around them; the UI asks them too,
//! only to say "not allowed" before a clerk types anything.

use super::ClerkRole;

/// The person behind a write: their OS login and, if they are in the `clerk` table, their role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub username: String,
    /// `None`: not a clerk of this file, so a reader only.
    pub role: Option<ClerkRole>,
    pub department: Option<i64>,
}

/// Why a write was refused. The UI words it in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Not in the clerk table of this file.
    NotAClerk,
    /// A viewer reads only.
    Viewer,
    /// An editor reports only on their own department's assignments.
    OtherDepartment,
    /// Changing the plan, departments or clerks is for admins.
    NotAdmin,
}

impl Actor {
    /// Progress on an assignment of `department_id`.
    pub fn may_report(&self, department_id: i64) -> Result<(), Denied> {
        match self.role {
            None => Err(Denied::NotAClerk),
            Some(ClerkRole::Admin) => Ok(()),
            Some(ClerkRole::Viewer) => Err(Denied::Viewer),
            Some(ClerkRole::Editor) if self.department == Some(department_id) => Ok(()),
            Some(ClerkRole::Editor) => Err(Denied::OtherDepartment),
        }
    }

    /// Structural changes: tasks, units, departments, clerks, settings, imports.
    pub fn may_administer(&self) -> Result<(), Denied> {
        match self.role {
            Some(ClerkRole::Admin) => Ok(()),
            None => Err(Denied::NotAClerk),
            Some(_) => Err(Denied::NotAdmin),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Option<ClerkRole>, department: Option<i64>) -> Actor {
        Actor {
            username: "x".into(),
            role,
            department,
        }
    }

    #[test]
    fn each_role_reports_where_it_may() {
        let admin = actor(Some(ClerkRole::Admin), None);
        let editor = actor(Some(ClerkRole::Editor), Some(3));
        let viewer = actor(Some(ClerkRole::Viewer), Some(3));
        let stranger = actor(None, None);
        assert_eq!(admin.may_report(3), Ok(()));
        assert_eq!(editor.may_report(3), Ok(()));
        assert_eq!(editor.may_report(4), Err(Denied::OtherDepartment));
        assert_eq!(viewer.may_report(3), Err(Denied::Viewer));
        assert_eq!(stranger.may_report(3), Err(Denied::NotAClerk));
        assert_eq!(admin.may_administer(), Ok(()));
        assert_eq!(editor.may_administer(), Err(Denied::NotAdmin));
        assert_eq!(stranger.may_administer(), Err(Denied::NotAClerk));
    }
}
