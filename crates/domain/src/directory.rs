//! Directory sign-in (LDAP, Active Directory): which directory groups make which Tahawul role
//! and party, and what a directory account may do. The web crate talks to the directory; what
//! its answer means is decided here, so the API, the pages and the store agree.
//!
//! The mapping is a small TOML file (`tahawul serve --directory FILE`, `docs/accounts.md`):
//!
//! ```toml
//! [[group]]
//! group = "cn=iq-heads,ou=groups,dc=example,dc=org"   # a DN, or a CN such as "iq-heads"
//! role = "delegation-head"
//! party = "iq"
//! ```
//!
//! The first `[[group]]` (in file order) that names one of the user's groups decides; a user
//! in none of them is not let in.

use crate::Message;
use crate::bundle::reader::{TomlFile, root_table};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::{Case, Id, PartyRole};
use crate::user::{Role, UserProblem, check_directory_user};

/// One line of the mapping: members of `group` get `role` (and `party`, `factor`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRule {
    /// The group as written: a distinguished name (`cn=…,ou=…`) or a common name (`iq-heads`).
    pub group: String,
    /// The role its members get.
    pub role: Role,
    /// The party they speak for (heads, members, partners; working groups may have one).
    pub party: Option<String>,
    /// The factor of a working group.
    pub factor: Option<String>,
    /// Where the rule is in the mapping file: its party's and factor's places (line, column),
    /// or the table's, so that checks against the case can say where.
    pub party_at: (u32, u32),
    /// The factor's place (line, column).
    pub factor_at: (u32, u32),
}

impl GroupRule {
    /// Whether the rule names `group`, given as the directory's DN. A rule written as a DN
    /// matches that DN (case and spaces after commas ignored, as LDAP compares DNs); a rule
    /// written as a bare name matches the group's first RDN value (its CN, or its `ou`).
    pub fn matches(&self, group_dn: &str) -> bool {
        if self.group.contains('=') {
            normal_dn(&self.group) == normal_dn(group_dn)
        } else {
            first_rdn_value(group_dn).is_some_and(|v| v.eq_ignore_ascii_case(self.group.trim()))
                || group_dn.trim().eq_ignore_ascii_case(self.group.trim())
        }
    }
}

/// A DN as compared: lower case, no spaces around `,` and `=`.
fn normal_dn(dn: &str) -> String {
    dn.split(',')
        .map(|rdn| rdn.split('=').map(str::trim).collect::<Vec<_>>().join("="))
        .collect::<Vec<_>>()
        .join(",")
        .to_lowercase()
}

/// The value of a DN's first RDN: `iq-heads` for `cn=iq-heads,ou=groups,…`.
fn first_rdn_value(dn: &str) -> Option<&str> {
    let first = dn.split(',').next()?;
    let (_, value) = first.split_once('=')?;
    Some(value.trim())
}

/// The whole mapping, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// The rules; the first that matches decides.
    pub rules: Vec<GroupRule>,
}

/// What a directory sign-in comes to, once the directory accepted the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission<'a> {
    /// Let in, with this rule's role and party.
    Admit(&'a GroupRule),
    /// Refused: the user is in no mapped group. (Answered like a wrong password, so that
    /// nobody learns which names the directory knows.)
    NoMappedGroup,
}

impl Mapping {
    /// The rule for a user in `groups` (their groups' DNs).
    pub fn admission<'a>(&'a self, groups: &[String]) -> Admission<'a> {
        self.rules
            .iter()
            .find(|r| groups.iter().any(|g| r.matches(g)))
            .map_or(Admission::NoMappedGroup, Admission::Admit)
    }

    /// Checks the mapping against the case (at server start): every party it names exists and
    /// fits the role (a delegation for heads and members, a coalition partner for partners),
    /// every factor exists. Without this, a typo in the file would refuse every sign-in of
    /// that group with no word why.
    pub fn check_against(&self, file: &str, case: &Case) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |(line, column): (u32, u32), message: Message, help: Message| Diagnostic {
            file: file.to_string(),
            line,
            column,
            message,
            help: Some(help),
        };
        let parties: Vec<&str> = case.parties.iter().map(|p| p.id.as_str()).collect();
        for r in &self.rules {
            if let Some(p) = &r.party {
                match case.parties.iter().find(|x| x.id.as_str() == p) {
                    None => out.push(at(
                        r.party_at,
                        Message::new("directory-mapping-no-party").arg("party", p.as_str()),
                        Message::new("bundle-known-ids").arg("ids", parties.join(", ")),
                    )),
                    Some(party) if r.role.needs_party() => {
                        let want = if r.role == Role::CoalitionPartner {
                            PartyRole::CoalitionPartner
                        } else {
                            PartyRole::Delegation
                        };
                        if party.role != want {
                            out.push(at(
                                r.party_at,
                                Message::new("directory-mapping-party-role")
                                    .arg("party", p.as_str())
                                    .arg("role", r.role.as_str()),
                                Message::new("directory-mapping-rule-help"),
                            ));
                        }
                    }
                    Some(_) => {}
                }
            }
            if let Some(f) = &r.factor
                && !case.factors.iter().any(|x| x.id.as_str() == f)
            {
                let factors: Vec<&str> = case.factors.iter().map(|x| x.id.as_str()).collect();
                out.push(at(
                    r.factor_at,
                    Message::new("directory-mapping-no-factor").arg("factor", f.as_str()),
                    Message::new("bundle-known-ids").arg("ids", factors.join(", ")),
                ));
            }
        }
        out
    }
}

/// What the store is asked to do with an account at a directory sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStep {
    /// No account of that name yet: create a directory account.
    Create,
    /// A directory account: bring its role, party, factor and name up to the directory's.
    Update,
    /// Refused: a local account has that name (the directory cannot take it over), or the
    /// account is disabled (a disabled account stays disabled whatever the directory says).
    Refuse,
}

/// The rule for an existing account (`None`: there is none) at a directory sign-in.
pub fn account_step(existing: Option<(bool, bool)>) -> AccountStep {
    match existing {
        None => AccountStep::Create,
        // (is a directory account, is disabled)
        Some((true, false)) => AccountStep::Update,
        Some(_) => AccountStep::Refuse,
    }
}

/// Whether an account may sign in with a password kept by Tahawul: directory accounts have
/// none (the directory checks theirs), so no local password can be set or tried for them.
pub fn has_local_password(directory_account: bool) -> bool {
    !directory_account
}

/// The keys a `[[group]]` table may have.
const GROUP_KEYS: &[&str] = &["group", "role", "party", "factor"];

/// Reads a mapping file. Every problem comes back at its file, line and column.
pub fn read_mapping(src: &SourceText) -> Result<Mapping, Vec<Diagnostic>> {
    let (mut f, root) = TomlFile::parse(src);
    let mut rules = Vec::new();
    if let Some(top) = root_table(&root, &["group"]) {
        f.check_keys(&top);
        let tables = f.tables(&top, "group", GROUP_KEYS);
        if tables.is_empty() {
            f.err(0, Message::new("directory-mapping-empty"), Some(Message::new("directory-mapping-empty-help")));
        }
        let roles: Vec<(&'static str, Role)> = Role::ALL.iter().map(|r| (r.as_str(), *r)).collect();
        for t in &tables {
            let group = f.str(t, "group");
            if let Some((g, span)) = &group
                && (g.trim().is_empty() || g.contains(['(', ')', '*']))
            {
                f.err(
                    span.start,
                    Message::new("directory-mapping-bad-group").arg("value", g.as_str()),
                    Some(Message::new("directory-mapping-bad-group-help")),
                );
            }
            let role = f.choice(t, "role", &roles, true);
            let party = f.opt_id(t, "party");
            let factor = f.opt_id(t, "factor");
            let (Some((group, _)), Some(role)) = (group, role) else { continue };
            // The same rule as any user's (a party for roles that speak for one, a factor
            // only and always for working groups), said at the table.
            for p in
                check_directory_user(role, party.as_ref().map(|p| p.0.as_str()), factor.as_ref().map(|x| x.0.as_str()))
            {
                let at = match p {
                    UserProblem::FactorOnlyForMembers => factor.as_ref().map_or(t.span.start, |x| x.1.start),
                    _ => t.span.start,
                };
                f.err(at, problem_message(p), Some(Message::new("directory-mapping-rule-help")));
            }
            let place = |s: Option<&std::ops::Range<usize>>| src.line_col(s.map_or(t.span.start, |r| r.start));
            rules.push(GroupRule {
                group,
                role,
                party_at: place(party.as_ref().map(|p| &p.1)),
                factor_at: place(factor.as_ref().map(|x| &x.1)),
                party: party.map(|p| p.0.to_string()),
                factor: factor.map(|x| x.0.to_string()),
            });
        }
    } else if f.diags.is_empty() {
        f.err(0, Message::new("directory-mapping-empty"), Some(Message::new("directory-mapping-empty-help")));
    }
    if f.diags.is_empty() { Ok(Mapping { rules }) } else { Err(f.diags) }
}

/// A mapping rule's problem in words.
fn problem_message(p: UserProblem) -> Message {
    match p {
        UserProblem::PartyNeeded(role) => Message::new("directory-mapping-party-needed").arg("role", role.as_str()),
        UserProblem::FactorNeeded => Message::new("directory-mapping-factor-needed"),
        UserProblem::FactorOnlyForMembers => Message::new("directory-mapping-factor-only"),
        // Names, display names and passwords are not in a mapping.
        UserProblem::BadName | UserProblem::DisplayNameEmpty | UserProblem::PasswordShort => {
            Message::new("directory-mapping-rule-help")
        }
    }
}

/// Whether `name` can be a directory user's Tahawul name (the form of ids); other names are
/// not sent to the directory at all.
pub fn is_account_name(name: &str) -> bool {
    Id::parse(name).is_some_and(|id| id.as_str() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Mapping, Vec<Diagnostic>> {
        read_mapping(&SourceText::new("directory.toml", text))
    }

    const GOOD: &str = r#"
[[group]]
group = "cn=iq-heads,ou=groups,dc=example,dc=org"
role = "delegation-head"
party = "iq"

[[group]]
group = "us-members"
role = "delegation-member"
party = "us"
"#;

    #[test]
    fn the_first_rule_naming_a_group_of_the_user_decides() {
        let m = read(GOOD).unwrap();
        let dn = |s: &str| s.to_string();
        let both = [dn("cn=us-members,ou=groups,dc=example,dc=org"), dn("CN=IQ-Heads, OU=Groups, DC=example, DC=org")];
        match m.admission(&both) {
            Admission::Admit(r) => assert_eq!((r.role, r.party.as_deref()), (Role::DelegationHead, Some("iq"))),
            other => panic!("{other:?}"),
        }
        match m.admission(&both[..1]) {
            Admission::Admit(r) => assert_eq!(r.role, Role::DelegationMember),
            other => panic!("{other:?}"),
        }
        assert_eq!(m.admission(&[dn("cn=us-members-old,ou=groups,dc=example,dc=org")]), Admission::NoMappedGroup);
        assert_eq!(m.admission(&[]), Admission::NoMappedGroup);
    }

    #[test]
    fn a_bad_mapping_says_file_line_column_and_field() {
        let text = "[[group]]\ngroup = \"x\"\nrole = \"delegation-heed\"\nparty = \"iq\"\n\n[[group]]\ngroup = \"y\"\nrole = \"coalition-partner\"\ncolour = \"red\"\n";
        let e = read(text).unwrap_err();
        let at: Vec<_> = e.iter().map(|d| (d.file.as_str(), d.line, d.column, d.message.id)).collect();
        assert!(at.contains(&("directory.toml", 3, 8, "bundle-bad-choice")), "{at:?}");
        assert!(at.contains(&("directory.toml", 9, 1, "bundle-unknown-key")), "{at:?}");
        assert!(at.iter().any(|a| a.3 == "directory-mapping-party-needed" && a.1 == 6), "{at:?}");
    }

    #[test]
    fn an_empty_or_broken_file_is_refused() {
        assert_eq!(read("").unwrap_err()[0].message.id, "directory-mapping-empty");
        assert_eq!(read("[[group]\n").unwrap_err()[0].message.id, "bundle-toml-syntax");
        let e = read("[[group]]\ngroup = \"*)(uid=*\"\nrole = \"auditor\"\n").unwrap_err();
        assert_eq!((e[0].line, e[0].message.id), (2, "directory-mapping-bad-group"));
    }

    #[test]
    fn only_directory_accounts_that_are_enabled_are_updated() {
        assert_eq!(account_step(None), AccountStep::Create);
        assert_eq!(account_step(Some((true, false))), AccountStep::Update);
        assert_eq!(account_step(Some((true, true))), AccountStep::Refuse);
        assert_eq!(account_step(Some((false, false))), AccountStep::Refuse);
        assert!(!has_local_password(true) && has_local_password(false));
        assert!(is_account_name("amira") && !is_account_name("Amira") && !is_account_name("*)(uid=*"));
    }
}
