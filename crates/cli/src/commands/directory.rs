//! `tahawul serve --ldap URL --directory FILE …`: the directory people may sign in with
//! (`docs/accounts.md`). The flags say how to reach and search the directory; the file says
//! which groups make which role and party (`tahawul_domain::directory`). Everything is checked
//! before the server starts, each problem said in the reader's language.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, value_parser};
use tahawul_domain::Case;
use tahawul_i18n::{Localizer, Message};
use tahawul_web::directory::{DEFAULT_GROUP_FILTER, DEFAULT_USER_FILTER, Directory, Groups, Locate, Secret, Trust};

use super::Failure;

/// The environment variable the service account's password may come from.
pub const PASSWORD_ENV: &str = "TAHAWUL_LDAP_SERVICE_PASSWORD";

/// The directory options of `serve`.
pub fn args(loc: &Localizer) -> Vec<Arg> {
    vec![
        Arg::new("ldap").long("ldap").value_name("URL").help(loc.tr("directory-cli-arg-ldap")),
        Arg::new("ldap-starttls")
            .long("ldap-starttls")
            .action(ArgAction::SetTrue)
            .help(loc.tr("directory-cli-arg-starttls")),
        Arg::new("ldap-ca")
            .long("ldap-ca")
            .value_name("FILE")
            .value_parser(value_parser!(PathBuf))
            .help(loc.tr("directory-cli-arg-ca")),
        Arg::new("ldap-bind-pattern")
            .long("ldap-bind-pattern")
            .value_name("PATTERN")
            .help(loc.tr("directory-cli-arg-bind-pattern")),
        Arg::new("ldap-service-dn")
            .long("ldap-service-dn")
            .value_name("DN")
            .help(loc.tr("directory-cli-arg-service-dn")),
        Arg::new("ldap-service-password-file")
            .long("ldap-service-password-file")
            .value_name("FILE")
            .value_parser(value_parser!(PathBuf))
            .help(loc.tr("directory-cli-arg-service-password-file")),
        Arg::new("ldap-base").long("ldap-base").value_name("DN").help(loc.tr("directory-cli-arg-base")),
        Arg::new("ldap-user-filter")
            .long("ldap-user-filter")
            .value_name("FILTER")
            .default_value(DEFAULT_USER_FILTER)
            .help(loc.tr("directory-cli-arg-user-filter")),
        Arg::new("ldap-group-base")
            .long("ldap-group-base")
            .value_name("DN")
            .help(loc.tr("directory-cli-arg-group-base")),
        Arg::new("ldap-group-filter")
            .long("ldap-group-filter")
            .value_name("FILTER")
            .default_value(DEFAULT_GROUP_FILTER)
            .help(loc.tr("directory-cli-arg-group-filter")),
        Arg::new("ldap-timeout")
            .long("ldap-timeout")
            .value_name("SECONDS")
            .value_parser(value_parser!(u64).range(1..=120))
            .default_value("5")
            .help(loc.tr("directory-cli-arg-timeout")),
        Arg::new("directory")
            .long("directory")
            .value_name("FILE")
            .value_parser(value_parser!(PathBuf))
            .help(loc.tr("directory-cli-arg-directory")),
    ]
}

/// The flags that mean nothing without `--ldap`.
const ONLY_WITH_LDAP: [&str; 10] = [
    "ldap-starttls",
    "ldap-ca",
    "ldap-bind-pattern",
    "ldap-service-dn",
    "ldap-service-password-file",
    "ldap-base",
    "ldap-user-filter",
    "ldap-group-base",
    "ldap-group-filter",
    "directory",
];

fn usage(id: &'static str, help: Option<Message>) -> Failure {
    Failure::UsageWithHelp(Message::new(id), help)
}

/// The directory `m` asks for, checked; `None` without `--ldap`.
pub fn directory(m: &ArgMatches) -> Result<Option<Directory>, Failure> {
    let Some(url) = m.get_one::<String>("ldap") else {
        // A directory flag without `--ldap` would be silently ignored: say so instead.
        for id in ONLY_WITH_LDAP {
            if m.value_source(id) == Some(clap::parser::ValueSource::CommandLine) {
                return Err(Failure::Usage(Message::new("directory-cli-needs-ldap").arg("flag", format!("--{id}"))));
            }
        }
        return Ok(None);
    };
    let s = |id: &str| m.get_one::<String>(id).cloned();
    if !(url.starts_with("ldap://") || url.starts_with("ldaps://")) {
        return Err(Failure::UsageWithHelp(
            Message::new("directory-cli-bad-url").arg("url", url.as_str()),
            Some(Message::new("directory-cli-bad-url-help")),
        ));
    }
    let starttls = m.get_flag("ldap-starttls");
    if starttls && url.starts_with("ldaps://") {
        return Err(usage("directory-cli-starttls-on-ldaps", None));
    }
    let trust = match m.get_one::<PathBuf>("ldap-ca") {
        // A certificate authority for a connection that never uses TLS would be ignored.
        Some(_) if !starttls && url.starts_with("ldap://") => {
            return Err(usage("directory-cli-ca-needs-tls", Some(Message::new("directory-cli-ca-needs-tls-help"))));
        }
        Some(path) => Some(trust(path)?),
        None => None,
    };
    let base = s("ldap-base");
    let locate = match (s("ldap-bind-pattern"), s("ldap-service-dn")) {
        (Some(p), None) => {
            if !p.contains("{user}") {
                return Err(usage("directory-cli-pattern-needs-user", None));
            }
            Locate::Pattern(p)
        }
        (None, Some(dn)) => {
            if base.is_none() {
                return Err(usage("directory-cli-search-needs-base", None));
            }
            Locate::Search { service_dn: dn, service_password: Secret(service_password(m)?) }
        }
        _ => return Err(usage("directory-cli-needs-locate", Some(Message::new("directory-cli-needs-locate-help")))),
    };
    let user_filter = s("ldap-user-filter").unwrap_or_else(|| DEFAULT_USER_FILTER.into());
    for f in [Some(&user_filter), m.get_one::<String>("ldap-group-filter")].into_iter().flatten() {
        if !(f.starts_with('(') && f.ends_with(')')) {
            return Err(Failure::UsageWithHelp(
                Message::new("directory-cli-bad-filter").arg("filter", f.as_str()),
                Some(Message::new("directory-cli-bad-filter-help")),
            ));
        }
    }
    if !user_filter.contains("{user}") {
        return Err(usage("directory-cli-filter-needs-user", None));
    }
    let groups = match s("ldap-group-base") {
        Some(base) => {
            Groups::Search { base, filter: s("ldap-group-filter").unwrap_or_else(|| DEFAULT_GROUP_FILTER.into()) }
        }
        None => Groups::MemberOf,
    };
    let Some(file) = m.get_one::<PathBuf>("directory") else {
        return Err(usage("directory-cli-needs-mapping", None));
    };
    let mapping = tahawul_web::directory::read_mapping_file(file).map_err(Failure::Invalid)?;
    Ok(Some(Directory {
        url: url.clone(),
        starttls,
        locate,
        base,
        user_filter,
        groups,
        mapping: Arc::new(mapping),
        timeout: Duration::from_secs(m.get_one::<u64>("ldap-timeout").copied().unwrap_or(5)),
        trust,
    }))
}

/// The certificate authorities in the PEM file `path` (`--ldap-ca`).
fn trust(path: &Path) -> Result<Trust, Failure> {
    let problem = |detail: String| {
        Failure::Problem(
            Message::new("directory-cli-ca-bad").arg("path", path.display().to_string()).arg("detail", detail),
            Some(Message::new("directory-cli-ca-bad-help")),
        )
    };
    let pem = std::fs::read(path).map_err(|e| problem(e.to_string()))?;
    Trust::from_pem(&pem).map_err(|e| problem(e.to_string()))
}

/// The service account's password: from `--ldap-service-password-file` (its first line), else
/// from the environment; never from the command line, where every user of the machine sees it.
fn service_password(m: &ArgMatches) -> Result<String, Failure> {
    if let Some(path) = m.get_one::<PathBuf>("ldap-service-password-file") {
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(path, e))?;
        let line = text.lines().next().unwrap_or_default().to_string();
        if line.is_empty() {
            return Err(unreadable(path, "empty"));
        }
        return Ok(line);
    }
    match std::env::var(PASSWORD_ENV) {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => Err(Failure::UsageWithHelp(
            Message::new("directory-cli-no-service-password"),
            Some(Message::new("directory-cli-no-service-password-help").arg("env", PASSWORD_ENV)),
        )),
    }
}

fn unreadable(path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::Problem(
        Message::new("directory-cli-password-unreadable")
            .arg("path", path.display().to_string())
            .arg("detail", e.to_string()),
        None,
    )
}

/// The mapping checked against the case the server serves: every party and factor it names.
pub fn check_against(directory: &Directory, file: &Path, case: &Case) -> Result<(), Failure> {
    let problems = directory.mapping.check_against(&file.display().to_string(), case);
    if problems.is_empty() { Ok(()) } else { Err(Failure::Invalid(problems)) }
}
