//! Roles: a unit's role on a task, and a clerk's role on the database.

use std::fmt;
use std::str::FromStr;

/// A responsible unit's role on a task: 牵头 (lead) or 配合 (co).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Lead,
    Co,
}

impl Role {
    /// The value stored in `assignment.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Co => "co",
        }
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "lead" => Ok(Role::Lead),
            "co" => Ok(Role::Co),
            other => Err(format!("unknown role {other:?}")),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a clerk may do: admins everything, editors report on their own department, viewers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClerkRole {
    Admin,
    Editor,
    Viewer,
}

impl ClerkRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ClerkRole::Admin => "admin",
            ClerkRole::Editor => "editor",
            ClerkRole::Viewer => "viewer",
        }
    }
}

impl FromStr for ClerkRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "admin" => Ok(ClerkRole::Admin),
            "editor" => Ok(ClerkRole::Editor),
            "viewer" => Ok(ClerkRole::Viewer),
            other => Err(format!("unknown clerk role {other:?}")),
        }
    }
}
