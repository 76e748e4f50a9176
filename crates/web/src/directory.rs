//! Directory sign-in: asking an LDAP server (OpenLDAP, Active Directory) whether a name and
//! password are good, and which groups the person is in. What the groups mean (role, party)
//! and what happens to the account are the domain's rules (`tahawul_domain::directory`), kept
//! by the store (`Store::directory_sign_in`); this module only talks to the directory.
//!
//! Two ways to find the person, as directories are run:
//! - a bind pattern (`uid={user},ou=people,dc=example,dc=org`, or `{user}@example.org` for
//!   Active Directory): the password is tried on that name directly;
//! - a search: a service account binds, finds the one entry matching the user filter
//!   (`(uid={user})`, `(sAMAccountName={user})`) under the base, and the password is tried on
//!   that entry's DN.
//!
//! Groups come from the entry's `memberOf` (Active Directory, OpenLDAP's memberof overlay) or
//! from a group search (`(member={dn})` under a group base). Every value put into a filter is
//! escaped (RFC 4515) and every value put into a DN is escaped (RFC 4514).

use std::sync::Arc;
use std::time::Duration;

use ldap3::{LdapConnAsync, LdapConnSettings, LdapError, Scope, SearchEntry, dn_escape, ldap_escape};
use tahawul_domain::diagnostic::{Diagnostic, SourceText};
use tahawul_domain::directory::Mapping;
use tahawul_i18n::Message;

/// How the person's entry is found.
#[derive(Clone)]
pub enum Locate {
    /// Bind as the DN (or user principal name) this pattern makes of the name (`{user}`).
    Pattern(String),
    /// Bind as a service account, then search `base` for `filter` (`{user}` is the name).
    Search {
        /// The service account's DN.
        service_dn: String,
        /// Its password (from a file or the environment, never the command line).
        service_password: Secret,
    },
}

/// Where the person's groups come from.
#[derive(Debug, Clone)]
pub enum Groups {
    /// The entry's `memberOf` values.
    MemberOf,
    /// A search under `base` for `filter` (`{dn}` is the person's DN, `{user}` their name).
    Search {
        /// Where groups are.
        base: String,
        /// Which groups hold the person.
        filter: String,
    },
}

/// A password kept out of logs and debug output.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(secret)")
    }
}

impl std::fmt::Debug for Locate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Locate::Pattern(p) => f.debug_tuple("Pattern").field(p).finish(),
            Locate::Search { service_dn, service_password } => f
                .debug_struct("Search")
                .field("service_dn", service_dn)
                .field("service_password", service_password)
                .finish(),
        }
    }
}

/// The directory Tahawul signs people in with (`tahawul serve --ldap …`, `docs/accounts.md`).
#[derive(Debug, Clone)]
pub struct Directory {
    /// `ldap://host:389` or `ldaps://host:636`.
    pub url: String,
    /// Upgrade an `ldap://` connection with StartTLS before sending any password.
    pub starttls: bool,
    /// How the person's entry is found.
    pub locate: Locate,
    /// Where users are searched (search mode; with a pattern, where the entry is read from,
    /// if given).
    pub base: Option<String>,
    /// The user filter, `{user}` standing for the name: `(uid={user})`,
    /// `(sAMAccountName={user})`.
    pub user_filter: String,
    /// Where groups come from.
    pub groups: Groups,
    /// Which groups make which role and party.
    pub mapping: Arc<Mapping>,
    /// How long to wait for the directory, per connection and per operation.
    pub timeout: Duration,
    /// The certificate authorities TLS (`ldaps://`, StartTLS) must chain to, when the
    /// directory's certificate is issued by the organisation's own (`--ldap-ca`); otherwise
    /// the system's.
    pub trust: Option<Trust>,
}

/// A TLS client configuration trusting only the given certificate authorities.
#[derive(Clone)]
pub struct Trust {
    config: Arc<rustls::ClientConfig>,
    authorities: usize,
}

impl std::fmt::Debug for Trust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trust").field("authorities", &self.authorities).finish()
    }
}

/// Why a certificate file cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// The file holds no PEM certificate (`-----BEGIN CERTIFICATE-----`).
    #[error("no PEM certificate in the file")]
    NoCertificate,
    /// A PEM block that does not read as a certificate, with the reason.
    #[error("a certificate does not read: {0}")]
    Bad(String),
}

impl Trust {
    /// Trusts the PEM certificates in `pem` (one or more; other PEM blocks, such as a key
    /// kept in the same file, are passed over).
    pub fn from_pem(pem: &[u8]) -> Result<Trust, TrustError> {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject;
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| TrustError::Bad(e.to_string()))?;
            roots.add(cert).map_err(|e| TrustError::Bad(e.to_string()))?;
        }
        if roots.is_empty() {
            return Err(TrustError::NoCertificate);
        }
        let authorities = roots.len();
        // The process's provider, as ldap3 builds its own configuration: ring, the only one
        // the dependencies turn on.
        let config = rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth();
        Ok(Trust { config: Arc::new(config), authorities })
    }
}

/// What the directory says of a person whose password it accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their entry's DN.
    pub dn: String,
    /// `displayName`, else `cn`, else empty.
    pub display_name: String,
    /// Their groups' DNs.
    pub groups: Vec<String>,
}

/// The directory could not be asked (down, unreachable, timed out, TLS refused, or the
/// service account refused): sign-in says so, and local accounts still sign in.
#[derive(Debug, Clone, thiserror::Error)]
#[error("directory unavailable: {0}")]
pub struct Unavailable(pub String);

/// The default user filter (OpenLDAP's `inetOrgPerson`).
pub const DEFAULT_USER_FILTER: &str = "(uid={user})";
/// The default group filter: the usual group classes' member attributes.
pub const DEFAULT_GROUP_FILTER: &str = "(|(member={dn})(uniqueMember={dn})(memberUid={user}))";

/// Result codes that mean "not this name and password" (RFC 4511): invalidCredentials,
/// noSuchObject, inappropriateAuthentication, unwillingToPerform (Active Directory's answer
/// for some locked accounts). Anything else is the directory failing, not the person.
const REFUSALS: [u32; 4] = [49, 32, 48, 53];

fn refused(e: &LdapError) -> bool {
    matches!(e, LdapError::LdapResult { result } if REFUSALS.contains(&result.rc))
}

fn unavailable(what: &str, e: LdapError) -> Unavailable {
    Unavailable(format!("{what}: {e}"))
}

fn attr<'a>(e: &'a SearchEntry, name: &str) -> &'a [String] {
    e.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or(&[], |(_, v)| v.as_slice())
}

impl Directory {
    /// The person, if the directory accepts `name` and `password`; `Ok(None)` for a wrong
    /// name or password, `Err` when the directory cannot be asked. An empty password is
    /// refused here: LDAP takes a bind with one as anonymous and would say yes.
    pub async fn authenticate(&self, name: &str, password: &str) -> Result<Option<Person>, Unavailable> {
        if password.is_empty() || name.is_empty() {
            return Ok(None);
        }
        let mut settings = LdapConnSettings::new().set_conn_timeout(self.timeout).set_starttls(self.starttls);
        if let Some(trust) = &self.trust {
            settings = settings.set_config(trust.config.clone());
        }
        let (conn, mut ldap) =
            LdapConnAsync::with_settings(settings, &self.url).await.map_err(|e| unavailable("connect", e))?;
        ldap3::drive!(conn);
        let t = self.timeout;
        let user_filter = self.user_filter.replace("{user}", &ldap_escape(name));
        let (dn, entry) = match &self.locate {
            Locate::Pattern(pattern) => {
                let dn = pattern.replace("{user}", &dn_escape(name));
                match ldap.with_timeout(t).simple_bind(&dn, password).await.and_then(|r| r.success()) {
                    Ok(_) => {}
                    Err(e) if refused(&e) => return Ok(None),
                    Err(e) => return Err(unavailable("bind", e)),
                }
                // The entry, read as the person: under the base with the filter when one is
                // given (a user principal name is no DN to read), else the bound DN itself.
                let (base, scope, filter) = match &self.base {
                    Some(b) => (b.as_str(), Scope::Subtree, user_filter.as_str()),
                    None => (dn.as_str(), Scope::Base, "(objectClass=*)"),
                };
                let found = self.find(&mut ldap, base, scope, filter).await?;
                match found {
                    Some(e) => (e.dn.clone(), e),
                    None => return Ok(None),
                }
            }
            Locate::Search { service_dn, service_password } => {
                ldap.with_timeout(t)
                    .simple_bind(service_dn, &service_password.0)
                    .await
                    .and_then(|r| r.success())
                    .map_err(|e| unavailable("service bind", e))?;
                let base = self.base.as_deref().unwrap_or_default();
                let Some(entry) = self.find(&mut ldap, base, Scope::Subtree, &user_filter).await? else {
                    return Ok(None);
                };
                match ldap.with_timeout(t).simple_bind(&entry.dn, password).await.and_then(|r| r.success()) {
                    Ok(_) => {}
                    Err(e) if refused(&e) => return Ok(None),
                    Err(e) => return Err(unavailable("bind", e)),
                }
                (entry.dn.clone(), entry)
            }
        };
        let groups = match &self.groups {
            Groups::MemberOf => attr(&entry, "memberOf").to_vec(),
            Groups::Search { base, filter } => {
                // Groups are read as the service account when there is one (people often may
                // not read group entries), else as the person.
                if let Locate::Search { service_dn, service_password } = &self.locate {
                    ldap.with_timeout(t)
                        .simple_bind(service_dn, &service_password.0)
                        .await
                        .and_then(|r| r.success())
                        .map_err(|e| unavailable("service bind", e))?;
                }
                let filter = filter.replace("{dn}", &ldap_escape(dn.as_str())).replace("{user}", &ldap_escape(name));
                let (entries, _) = ldap
                    .with_timeout(t)
                    .search(base, Scope::Subtree, &filter, vec!["1.1"])
                    .await
                    .and_then(|r| r.success())
                    .map_err(|e| unavailable("group search", e))?;
                entries.into_iter().map(|e| SearchEntry::construct(e).dn).collect()
            }
        };
        let display_name =
            attr(&entry, "displayName").first().or_else(|| attr(&entry, "cn").first()).cloned().unwrap_or_default();
        let _ = ldap.unbind().await;
        Ok(Some(Person { dn, display_name, groups }))
    }

    /// The one entry `filter` finds; `None` for none or several (a filter that matches two
    /// people must not sign in either).
    async fn find(
        &self,
        ldap: &mut ldap3::Ldap,
        base: &str,
        scope: Scope,
        filter: &str,
    ) -> Result<Option<SearchEntry>, Unavailable> {
        let attrs = vec!["displayName", "cn", "memberOf"];
        match ldap.with_timeout(self.timeout).search(base, scope, filter, attrs).await.and_then(|r| r.success()) {
            Ok((mut entries, _)) if entries.len() == 1 => Ok(entries.pop().map(SearchEntry::construct)),
            Ok(_) => Ok(None),
            Err(e) if refused(&e) => Ok(None),
            Err(e) => Err(unavailable("search", e)),
        }
    }
}

/// Reads and checks a mapping file (`--directory FILE`); every problem at its file, line and
/// column, an unreadable file at its first line.
pub fn read_mapping_file(path: &std::path::Path) -> Result<Mapping, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic {
            file: name.clone(),
            line: 1,
            column: 1,
            message: Message::new("directory-mapping-unreadable").arg("detail", e.to_string()),
            help: Some(Message::new("directory-mapping-empty-help")),
        }]
    })?;
    tahawul_domain::directory::read_mapping(&SourceText::new(name, text))
}
