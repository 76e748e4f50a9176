//! Users, their roles and API tokens (`docs/storage.md`, and the roles of `DESIGN.md`).

use serde::{Deserialize, Serialize};

use tahawul_domain::Message;
use tahawul_domain::user::{AccountAction, AccountRefusal, PasswordProblem, UserProblem, check_new_user};

use crate::error::{Problem, Result, StoreError};

pub use tahawul_domain::user::{MIN_PASSWORD_CHARS, Role};

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
    /// Their own e-mail address, for reminders; `None` until they give one.
    #[serde(default)]
    pub email: Option<String>,
    /// How often their inbox is sent to them (`off`, `daily`, `immediate`); `None` is off.
    #[serde(default)]
    pub reminders: Option<String>,
    /// A directory account (LDAP, Active Directory): made and kept up to date by directory
    /// sign-in, with no local password.
    #[serde(default)]
    pub directory: bool,
    /// The password is a temporary one the secretariat set (a reset): it must be changed
    /// before anything else at the next sign-in.
    #[serde(default)]
    pub must_change_password: bool,
}

impl User {
    /// An account as first stored: enabled, version 1, no preferences yet.
    pub(crate) fn new_account(
        name: String,
        display_name: String,
        role: Role,
        party: Option<String>,
        factor: Option<String>,
        created_at: String,
        directory: bool,
    ) -> User {
        User {
            name,
            display_name,
            role,
            party,
            factor,
            disabled: false,
            version: 1,
            created_at,
            lang: None,
            digits: None,
            email: None,
            reminders: None,
            directory,
            must_change_password: false,
        }
    }
}

/// A user as the directory describes them at sign-in ([`crate::Users::directory_sign_in`]):
/// the role, party and factor come from the mapping of their groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryUser {
    /// Login name (the name they typed, checked as an id).
    pub name: String,
    /// Name shown on pages (the directory's `displayName` or `cn`).
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Party.
    pub party: Option<String>,
    /// Factor (working-group members).
    pub factor: Option<String>,
}

/// A user's own settings, as [`crate::Users::set_user_settings`] writes them. Only known
/// values are accepted, so a stored setting always names something the pages can show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSettings {
    /// `ar` or `en`; `None` clears the choice.
    pub lang: Option<String>,
    /// `latin` or `arabic-indic`; `None` clears the choice.
    pub digits: Option<String>,
    /// An e-mail address for reminders; `None` clears it.
    #[serde(default)]
    pub email: Option<String>,
    /// `off`, `daily` or `immediate`; `None` is off.
    #[serde(default)]
    pub reminders: Option<String>,
}

/// The languages a user may choose.
pub const LANGS: [&str; 2] = ["ar", "en"];
/// The digits a user may choose.
pub const DIGITS: [&str; 2] = ["latin", "arabic-indic"];
/// How often reminders may go: never, once a day (a digest), or as soon as an item appears.
pub const REMINDERS: [&str; 3] = ["off", "daily", "immediate"];
/// The longest e-mail address (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;

/// Whether `s` has the shape of an address a mail server can take: one `@` between a local part
/// and a domain with a dot, no spaces or control characters. (The SMTP relay has the last word;
/// this refuses what is surely a typing mistake, on every path that writes settings.)
pub fn email_shape_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    s.len() <= EMAIL_MAX
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control() && c != '<' && c != '>' && c != ',')
}

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
        if let Some(e) = &self.email
            && !email_shape_ok(e)
        {
            p.push(Problem::new("email", Message::new("store-bad-email").arg("value", e.as_str())));
        }
        if let Some(r) = &self.reminders
            && !REMINDERS.contains(&r.as_str())
        {
            p.push(Problem::new("reminders", Message::new("store-bad-reminders").arg("value", r.as_str())));
        }
        if self.reminders.as_deref().is_some_and(|r| r != "off") && self.email.is_none() {
            p.push(Problem::new("email", Message::new("store-reminders-need-email")));
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

impl NewUser {
    /// Checks the fields that need no database (the domain's rule); every problem at once.
    pub(crate) fn check(&self) -> Result<()> {
        let p: Vec<Problem> = check_new_user(
            &self.name,
            &self.display_name,
            &self.password,
            self.role,
            self.party.as_deref(),
            self.factor.as_deref(),
        )
        .into_iter()
        .map(|u| Problem::new(u.field(), message(u)))
        .collect();
        if p.is_empty() { Ok(()) } else { Err(StoreError::Invalid(p)) }
    }
}

/// A problem with a new user, as the API says it.
pub(crate) fn message(p: UserProblem) -> Message {
    match p {
        UserProblem::BadName => Message::new("store-bad-user-name"),
        UserProblem::DisplayNameEmpty => Message::new("store-display-name-empty"),
        UserProblem::PasswordShort => Message::new("store-password-short").arg("min", MIN_PASSWORD_CHARS),
        UserProblem::PartyNeeded(role) => Message::new("store-role-needs-party").arg("role", role.as_str()),
        UserProblem::FactorNeeded => Message::new("store-member-needs-factor"),
        UserProblem::FactorOnlyForMembers => Message::new("store-only-members-have-factor"),
    }
}

/// A refused account action (`tahawul_domain::user::check_account_action`), as the API says it.
pub(crate) fn refusal(r: AccountRefusal, name: &str) -> StoreError {
    let m = match r {
        AccountRefusal::NotSecretariat => Message::new("store-account-not-secretariat"),
        AccountRefusal::DirectoryAccount => Message::new("store-account-directory").arg("name", name),
        AccountRefusal::Oneself(AccountAction::Disable) => Message::new("store-account-oneself-disable"),
        AccountRefusal::Oneself(_) => Message::new("store-account-oneself-reset"),
    };
    StoreError::Invalid(vec![Problem::new("user", m)])
}

/// A problem with a changed or reset password, at its field.
pub(crate) fn password_problem(p: PasswordProblem) -> Problem {
    let m = match p {
        PasswordProblem::WrongCurrent => Message::new("store-password-wrong-current"),
        PasswordProblem::Short => Message::new("store-password-short").arg("min", MIN_PASSWORD_CHARS),
        PasswordProblem::SameAsCurrent => Message::new("store-password-same"),
    };
    Problem::new(p.field(), m)
}
