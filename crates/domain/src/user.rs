//! Users of the commission: their roles, and what a valid new user is. The store checks a new
//! user with [`check_new_user`] before it writes one, and the users page checks the same
//! function first to say each problem at its field, so the rule is written once.

use serde::{Deserialize, Serialize};

use crate::model::Id;

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

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// What is wrong with a new user, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserProblem {
    /// The login name is not in the form of an id.
    BadName,
    /// No display name.
    DisplayNameEmpty,
    /// The password is shorter than [`MIN_PASSWORD_CHARS`].
    PasswordShort,
    /// The role speaks for a party and none is given.
    PartyNeeded(Role),
    /// A working-group member without a factor.
    FactorNeeded,
    /// A factor given for a role that has none.
    FactorOnlyForMembers,
}

impl UserProblem {
    /// The field the problem is at.
    pub fn field(self) -> &'static str {
        match self {
            UserProblem::BadName => "name",
            UserProblem::DisplayNameEmpty => "display_name",
            UserProblem::PasswordShort => "password",
            UserProblem::PartyNeeded(_) => "party",
            UserProblem::FactorNeeded | UserProblem::FactorOnlyForMembers => "factor",
        }
    }
}

/// Every problem with a new user that needs no database (the party's role and a taken name
/// do), in the order of the form's fields.
pub fn check_new_user(
    name: &str,
    display_name: &str,
    password: &str,
    role: Role,
    party: Option<&str>,
    factor: Option<&str>,
) -> Vec<UserProblem> {
    let mut p = Vec::new();
    if Id::parse(name).is_none() {
        p.push(UserProblem::BadName);
    }
    if display_name.trim().is_empty() {
        p.push(UserProblem::DisplayNameEmpty);
    }
    p.extend(check_password(password));
    p.extend(check_directory_user(role, party, factor));
    p
}

/// The password policy, the same for a new account, a changed password and a temporary one
/// set by the secretariat: at least [`MIN_PASSWORD_CHARS`] characters (not bytes).
pub fn check_password(password: &str) -> Option<UserProblem> {
    (password.chars().count() < MIN_PASSWORD_CHARS).then_some(UserProblem::PasswordShort)
}

/// What can be done to an account after it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    /// The person changes their own password (giving the current one).
    ChangeOwnPassword,
    /// The secretariat sets a temporary password, to be changed at the next sign-in.
    ResetPassword,
    /// The secretariat lets a disabled account sign in again.
    Enable,
    /// The secretariat stops an account from signing in and using its tokens.
    Disable,
}

/// Why an account action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    /// Only the secretariat resets, enables and disables accounts.
    NotSecretariat,
    /// A directory account has no password kept here: it is changed or reset in the directory.
    DirectoryAccount,
    /// The secretariat cannot disable itself (no one could enable it again from the pages), nor
    /// reset its own password (it changes it, giving the current one, like everyone).
    Oneself(AccountAction),
}

/// Who acts on an account: the actor's login name and role, or `None` for the operator at the
/// command line (who has the database itself, and so every power the secretariat has).
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// The actor's login name.
    pub name: &'a str,
    /// The actor's role; `None` for the operator.
    pub role: Option<Role>,
}

/// The rule for `action` by `actor` on the account `target` (its name, and whether it is a
/// directory account). A changed own password is by the account itself; every other action is
/// the secretariat's (or the operator's), never on its own account for a reset or a disable.
pub fn check_account_action(
    actor: Actor<'_>,
    action: AccountAction,
    target: &str,
    target_is_directory: bool,
) -> Result<(), AccountRefusal> {
    let oneself = actor.name == target;
    match action {
        AccountAction::ChangeOwnPassword if !oneself => return Err(AccountRefusal::NotSecretariat),
        AccountAction::ChangeOwnPassword => {}
        _ if actor.role.is_some_and(|r| r != Role::Secretariat) => return Err(AccountRefusal::NotSecretariat),
        AccountAction::ResetPassword | AccountAction::Disable if oneself => {
            return Err(AccountRefusal::Oneself(action));
        }
        _ => {}
    }
    let touches_password = matches!(action, AccountAction::ChangeOwnPassword | AccountAction::ResetPassword);
    if touches_password && !crate::directory::has_local_password(target_is_directory) {
        return Err(AccountRefusal::DirectoryAccount);
    }
    Ok(())
}

/// What is wrong with a new password for an account: the policy of [`check_password`], and for
/// a change, that it is the current one again (a temporary password must really be replaced).
pub fn check_new_password(new: &str, current: Option<&str>) -> Vec<PasswordProblem> {
    let mut p = Vec::new();
    if check_password(new).is_some() {
        p.push(PasswordProblem::Short);
    }
    if current.is_some_and(|c| c == new) {
        p.push(PasswordProblem::SameAsCurrent);
    }
    p
}

/// What is wrong with a changed or reset password, at its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// The current password given is not the account's.
    WrongCurrent,
    /// Shorter than [`MIN_PASSWORD_CHARS`].
    Short,
    /// The new password is the current one.
    SameAsCurrent,
}

impl PasswordProblem {
    /// The form field the problem is at.
    pub fn field(self) -> &'static str {
        match self {
            PasswordProblem::WrongCurrent => "current_password",
            PasswordProblem::Short | PasswordProblem::SameAsCurrent => "new_password",
        }
    }
}

/// The problems of a role with its party and factor: all a user from the directory is checked
/// for (its name is checked apart, and it has no local password: see
/// [`crate::directory::has_local_password`]). The mapping file is read with it too, so a
/// mapping that would make an invalid user is refused at start.
pub fn check_directory_user(role: Role, party: Option<&str>, factor: Option<&str>) -> Vec<UserProblem> {
    let mut p = Vec::new();
    if role.needs_party() && party.is_none() {
        p.push(UserProblem::PartyNeeded(role));
    }
    if role == Role::WorkingGroupMember && factor.is_none() {
        p.push(UserProblem::FactorNeeded);
    }
    if role != Role::WorkingGroupMember && factor.is_some() {
        p.push(UserProblem::FactorOnlyForMembers);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "a-long-passphrase";

    #[test]
    fn a_complete_user_has_no_problem() {
        assert!(check_new_user("amira", "Amira", GOOD, Role::Secretariat, None, None).is_empty());
        assert!(check_new_user("wg-1", "WG", GOOD, Role::WorkingGroupMember, Some("iq"), Some("threat")).is_empty());
        assert!(check_new_user("head", "Head", GOOD, Role::DelegationHead, Some("us"), None).is_empty());
    }

    #[test]
    fn every_problem_is_reported_at_once_in_field_order() {
        let p = check_new_user("Bad Name", " ", "short", Role::DelegationHead, None, Some("threat"));
        assert_eq!(
            p,
            [
                UserProblem::BadName,
                UserProblem::DisplayNameEmpty,
                UserProblem::PasswordShort,
                UserProblem::PartyNeeded(Role::DelegationHead),
                UserProblem::FactorOnlyForMembers,
            ]
        );
        assert_eq!(
            p.iter().map(|x| x.field()).collect::<Vec<_>>(),
            ["name", "display_name", "password", "party", "factor"]
        );
    }

    #[test]
    fn a_password_is_counted_in_characters_not_bytes() {
        // Eleven Arabic letters are 22 bytes but still too short; twelve are enough.
        let eleven = "كلمةسرطويلة";
        assert_eq!(eleven.chars().count(), 11);
        assert_eq!(check_new_user("a", "A", eleven, Role::Auditor, None, None), [UserProblem::PasswordShort]);
        assert!(check_new_user("a", "A", &format!("{eleven}ة"), Role::Auditor, None, None).is_empty());
    }

    #[test]
    fn a_working_group_member_needs_a_factor_and_roles_for_parties_need_a_party() {
        assert_eq!(check_new_user("m", "M", GOOD, Role::WorkingGroupMember, None, None), [UserProblem::FactorNeeded]);
        for role in Role::ALL {
            let p = check_new_user("u", "U", GOOD, role, None, (role == Role::WorkingGroupMember).then_some("threat"));
            assert_eq!(p.contains(&UserProblem::PartyNeeded(role)), role.needs_party(), "{role:?}");
        }
    }

    #[test]
    fn a_new_password_follows_the_sign_up_policy_and_differs_from_the_current_one() {
        assert_eq!(check_new_password("short", None), [PasswordProblem::Short]);
        assert!(check_new_password(GOOD, None).is_empty());
        assert!(check_new_password(GOOD, Some("another-long-one")).is_empty());
        assert_eq!(check_new_password(GOOD, Some(GOOD)), [PasswordProblem::SameAsCurrent]);
        assert_eq!(
            check_new_password("short", Some("short")),
            [PasswordProblem::Short, PasswordProblem::SameAsCurrent]
        );
        assert_eq!(PasswordProblem::WrongCurrent.field(), "current_password");
    }

    #[test]
    fn only_the_secretariat_resets_enables_and_disables_and_never_itself() {
        let sec = Actor { name: "sec", role: Some(Role::Secretariat) };
        let head = Actor { name: "head", role: Some(Role::DelegationHead) };
        let operator = Actor { name: "cli:root", role: None };
        for a in [AccountAction::ResetPassword, AccountAction::Enable, AccountAction::Disable] {
            assert_eq!(check_account_action(sec, a, "amira", false), Ok(()), "{a:?}");
            assert_eq!(check_account_action(operator, a, "amira", false), Ok(()), "{a:?}");
            assert_eq!(check_account_action(head, a, "amira", false), Err(AccountRefusal::NotSecretariat), "{a:?}");
        }
        assert_eq!(
            check_account_action(sec, AccountAction::Disable, "sec", false),
            Err(AccountRefusal::Oneself(AccountAction::Disable))
        );
        assert_eq!(
            check_account_action(sec, AccountAction::ResetPassword, "sec", false),
            Err(AccountRefusal::Oneself(AccountAction::ResetPassword))
        );
        // Everyone changes their own password, and only their own.
        assert_eq!(check_account_action(head, AccountAction::ChangeOwnPassword, "head", false), Ok(()));
        assert_eq!(
            check_account_action(sec, AccountAction::ChangeOwnPassword, "head", false),
            Err(AccountRefusal::NotSecretariat)
        );
    }

    #[test]
    fn a_directory_account_has_no_password_here_to_change_or_reset_but_can_be_enabled() {
        let sec = Actor { name: "sec", role: Some(Role::Secretariat) };
        let dir = Actor { name: "layla", role: Some(Role::DelegationMember) };
        assert_eq!(
            check_account_action(sec, AccountAction::ResetPassword, "layla", true),
            Err(AccountRefusal::DirectoryAccount)
        );
        assert_eq!(
            check_account_action(dir, AccountAction::ChangeOwnPassword, "layla", true),
            Err(AccountRefusal::DirectoryAccount)
        );
        assert_eq!(check_account_action(sec, AccountAction::Enable, "layla", true), Ok(()));
        assert_eq!(check_account_action(sec, AccountAction::Disable, "layla", true), Ok(()));
    }

    #[test]
    fn every_role_reads_back_from_its_stored_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
