//! Users, their roles and API tokens (`docs/storage.md`, and the roles of `DESIGN.md`).

use serde::{Deserialize, Serialize};

use tahawul_domain::Message;

use crate::error::{Problem, Result, StoreError};

/// What a user does in the commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Sets up the case, users, scales, cycles; keeps the record.
    Secretariat,
    /// Co-chairs for a party; endorses assessments; signs minutes.
    DelegationHead,
    /// Drafts inside their delegation.
    DelegationMember,
    /// Enters observations and assessments for one factor.
    WorkingGroupMember,
    /// Reads what is released to partners; comments.
    CoalitionPartner,
    /// Reads everything, changes nothing.
    Auditor,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 6] = [
        Role::Secretariat,
        Role::DelegationHead,
        Role::DelegationMember,
        Role::WorkingGroupMember,
        Role::CoalitionPartner,
        Role::Auditor,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::DelegationHead => "delegation-head",
            Role::DelegationMember => "delegation-member",
            Role::WorkingGroupMember => "working-group-member",
            Role::CoalitionPartner => "coalition-partner",
            Role::Auditor => "auditor",
        }
    }

    /// The role of a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the role speaks for a party (and so needs one).
    pub fn needs_party(self) -> bool {
        matches!(self, Role::DelegationHead | Role::DelegationMember | Role::CoalitionPartner)
    }
}

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name: the same form as ids (lowercase letters, digits, `-`, `_`).
    pub name: String,
    /// Name shown on pages.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The party they belong to (required for heads, members and coalition partners).
    pub party: Option<String>,
    /// The factor whose working group they are in (required for working-group members).
    pub factor: Option<String>,
    /// Password (at least 12 characters).
    pub password: String,
}

/// A user as stored (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Login name.
    pub name: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Party.
    pub party: Option<String>,
    /// Factor (working-group members).
    pub factor: Option<String>,
    /// Disabled users cannot sign in or use tokens.
    pub disabled: bool,
    /// Version, for updates.
    pub version: i64,
    /// Created (RFC 3339 UTC).
    pub created_at: String,
    /// The language they chose for the pages (`ar`, `en`); `None` until they choose.
    #[serde(default)]
    pub lang: Option<String>,
    /// The digits they chose (`latin`, `arabic-indic`); `None` until they choose.
    #[serde(default)]
    pub digits: Option<String>,
}

/// A user's own settings, as [`crate::Store::set_user_settings`] writes them. Only known
/// values are accepted, so a stored setting always names something the pages can show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSettings {
    /// `ar` or `en`; `None` clears the choice.
    pub lang: Option<String>,
    /// `latin` or `arabic-indic`; `None` clears the choice.
    pub digits: Option<String>,
}

/// The languages a user may choose.
pub const LANGS: [&str; 2] = ["ar", "en"];
/// The digits a user may choose.
pub const DIGITS: [&str; 2] = ["latin", "arabic-indic"];

impl UserSettings {
    /// Checks the values; every problem at once.
    pub(crate) fn check(&self) -> Result<()> {
        let mut p = Vec::new();
        if let Some(l) = &self.lang
            && !LANGS.contains(&l.as_str())
        {
            p.push(Problem::new("lang", Message::new("store-bad-lang").arg("value", l.as_str())));
        }
        if let Some(d) = &self.digits
            && !DIGITS.contains(&d.as_str())
        {
            p.push(Problem::new("digits", Message::new("store-bad-digits").arg("value", d.as_str())));
        }
        if p.is_empty() { Ok(()) } else { Err(StoreError::Invalid(p)) }
    }
}

/// An API token as listed (the secret is never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// The public prefix.
    pub prefix: String,
    /// Its user.
    pub user: String,
    /// What it is for.
    pub label: String,
    /// Created (RFC 3339 UTC).
    pub created_at: String,
    /// Revoked, if it was.
    pub revoked_at: Option<String>,
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

impl NewUser {
    /// Checks the fields that need no database; every problem at once.
    pub(crate) fn check(&self) -> Result<()> {
        let mut p = Vec::new();
        if tahawul_domain::Id::parse(&self.name).is_none() {
            p.push(Problem::new("name", Message::new("store-bad-user-name")));
        }
        if self.display_name.trim().is_empty() {
            p.push(Problem::new("display_name", Message::new("store-display-name-empty")));
        }
        if self.password.chars().count() < MIN_PASSWORD_CHARS {
            p.push(Problem::new("password", Message::new("store-password-short").arg("min", MIN_PASSWORD_CHARS)));
        }
        if self.role.needs_party() && self.party.is_none() {
            p.push(Problem::new("party", Message::new("store-role-needs-party").arg("role", self.role.as_str())));
        }
        if self.role == Role::WorkingGroupMember && self.factor.is_none() {
            p.push(Problem::new("factor", Message::new("store-member-needs-factor")));
        }
        if self.role != Role::WorkingGroupMember && self.factor.is_some() {
            p.push(Problem::new("factor", Message::new("store-only-members-have-factor")));
        }
        if p.is_empty() { Ok(()) } else { Err(StoreError::Invalid(p)) }
    }
}
