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
    if password.chars().count() < MIN_PASSWORD_CHARS {
        p.push(UserProblem::PasswordShort);
    }
    p.extend(check_directory_user(role, party, factor));
    p
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
    fn every_role_reads_back_from_its_stored_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
