//! Arguments, language choice and dispatch. Help texts come from the message files, so the
//! tool explains itself in Arabic as well as English.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use tahawul_i18n::{Digits, Lang, Localizer, Message};

use crate::commands;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text for people.
    Table,
    /// JSON for scripts (shapes documented in docs/cli.md).
    Json,
}

/// What every command gets: the words to speak in and the output format.
pub struct Ctx {
    /// Messages in the user's language.
    pub loc: Localizer,
    /// Output format.
    pub format: Format,
}

impl Ctx {
    /// Formats a message.
    pub fn t(&self, msg: &Message) -> String {
        self.loc.format(msg)
    }
}

/// The language asked for: `--lang`, else `TAHAWUL_LANG`, else the locale (`LANG`), else English.
fn pick_lang(args: &[OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--lang" {
            if let Some(v) = it.next().and_then(|v| v.parse().ok()) {
                return v;
            }
        } else if let Some(v) = a.strip_prefix("--lang=").and_then(|v| v.parse().ok()) {
            return v;
        }
    }
    for var in ["TAHAWUL_LANG", "LC_ALL", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.to_ascii_lowercase().starts_with("ar") { Lang::Ar } else { Lang::En };
        }
    }
    Lang::En
}

/// The founding case shipped with the tool: `examples/iraq-hmc` under the working folder,
/// else beside the sources the binary was built from.
pub fn default_case() -> PathBuf {
    let here = PathBuf::from("examples/iraq-hmc");
    if here.is_dir() { here } else { PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")) }
}

fn command(loc: &Localizer) -> Command {
    let t = |id: &'static str| loc.tr(id);
    let case_arg = || {
        Arg::new("case").long("case").value_name("PATH").value_parser(value_parser!(PathBuf)).help(t("cli-arg-case"))
    };
    let as_of = || Arg::new("as-of").long("as-of").value_name("YYYY-MM-DD").help(t("cli-arg-as-of"));
    Command::new("tahawul")
        .version(env!("CARGO_PKG_VERSION"))
        .about(t("cli-about"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("lang")
                .long("lang")
                .global(true)
                .value_name("en|ar")
                .value_parser(["en", "ar"])
                .help(t("cli-arg-lang")),
        )
        .arg(
            Arg::new("digits")
                .long("digits")
                .global(true)
                .value_name("latin|arabic-indic")
                .value_parser(["latin", "arabic-indic"])
                .help(t("cli-arg-digits")),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .global(true)
                .value_name("table|json")
                .value_parser(["table", "json"])
                .default_value("table")
                .help(t("cli-arg-format")),
        )
        .subcommand(
            Command::new("check")
                .about(t("cli-check-about"))
                .arg(Arg::new("path").value_name("PATH").value_parser(value_parser!(PathBuf)).help(t("cli-arg-case"))),
        )
        .subcommand(Command::new("status").about(t("cli-status-about")).arg(case_arg()).arg(as_of()))
        .subcommand(
            Command::new("gates")
                .about(t("cli-gates-about"))
                .arg(case_arg())
                .arg(as_of())
                .arg(Arg::new("explain").long("explain").action(ArgAction::SetTrue).help(t("cli-arg-explain"))),
        )
        .subcommand(
            Command::new("forecast")
                .about(t("forecast-cli-about"))
                .arg(case_arg())
                .arg(as_of())
                .arg(
                    Arg::new("paths")
                        .long("paths")
                        .value_name("N")
                        .value_parser(value_parser!(u32).range(1..=10_000_000))
                        .help(t("forecast-cli-arg-paths")),
                )
                .arg(
                    Arg::new("seed")
                        .long("seed")
                        .value_name("S")
                        .value_parser(value_parser!(u64))
                        .help(t("forecast-cli-arg-seed")),
                )
                .arg(
                    Arg::new("horizon")
                        .long("horizon")
                        .value_name("MONTHS")
                        .value_parser(value_parser!(u32).range(1..=1200))
                        .help(t("forecast-cli-arg-horizon")),
                )
                .arg(Arg::new("scenario").long("scenario").value_name("ID").help(t("forecast-cli-arg-scenario")))
                .arg(
                    Arg::new("shock")
                        .long("shock")
                        .value_name("SHOCK")
                        .action(ArgAction::Append)
                        .allow_hyphen_values(true)
                        .help(t("forecast-cli-arg-shock")),
                )
                .arg(
                    Arg::new("threshold")
                        .long("threshold")
                        .value_name("PHASE#CLAUSE=VALUE")
                        .action(ArgAction::Append)
                        .help(t("forecast-cli-arg-threshold")),
                ),
        )
        .subcommand(commands::backtest::command(loc))
        .subcommand(
            Command::new("commitments")
                .about(t("cli-commitments-about"))
                .arg(case_arg())
                .arg(Arg::new("open").long("open").action(ArgAction::SetTrue).help(t("cli-arg-open")))
                .arg(Arg::new("party").long("party").value_name("PARTY").help(t("cli-arg-party"))),
        )
        .subcommand(commands::rounds::command(loc))
        .subcommand(commands::minutes::command(loc))
        .subcommand(commands::statement::command(loc))
        .subcommand(commands::report::command(loc))
        .subcommand(commands::intake::command(loc))
        .subcommand(commands::key::command(loc))
        .subcommands(service_commands(loc))
}

/// The database commands of the service (issue 4).
fn service_commands(loc: &Localizer) -> Vec<Command> {
    let t = |id: &'static str| loc.tr(id);
    let db = || {
        Arg::new("database")
            .long("database")
            .value_name("URL")
            .default_value(commands::serve::DEFAULT_DATABASE)
            .help(t("service-cli-arg-database"))
    };
    vec![
        Command::new("serve")
            .about(t("service-cli-serve-about"))
            .arg(db())
            .arg(
                Arg::new("bind")
                    .long("bind")
                    .value_name("ADDR")
                    .value_parser(value_parser!(std::net::SocketAddr))
                    .default_value("127.0.0.1:8080")
                    .help(t("service-cli-arg-bind")),
            )
            .arg(
                Arg::new("insecure-cookies")
                    .long("insecure-cookies")
                    .action(ArgAction::SetTrue)
                    .help(t("service-cli-arg-insecure-cookies")),
            )
            .arg(Arg::new("demo").long("demo").action(ArgAction::SetTrue).help(t("pages-work-demo-arg")))
            .arg(
                Arg::new("max-connections-per-address")
                    .long("max-connections-per-address")
                    .value_name("N")
                    .value_parser(value_parser!(u32).range(1..))
                    .help(t("security-cli-arg-max-connections")),
            )
            .args(commands::remind::mail_args(loc, false))
            .args(commands::directory::args(loc)),
        Command::new("init")
            .about(t("service-cli-init-about"))
            .arg(db())
            .arg(
                Arg::new("example")
                    .long("example")
                    .value_name("NAME")
                    .conflicts_with("path")
                    .help(t("service-cli-arg-example")),
            )
            .arg(Arg::new("path").value_name("PATH").value_parser(value_parser!(PathBuf)).help(t("cli-arg-case"))),
        Command::new("export")
            .about(t("service-cli-export-about"))
            .arg(db())
            .arg(Arg::new("path").value_name("PATH").required(true).value_parser(value_parser!(PathBuf)))
            .arg(Arg::new("party").long("party").value_name("PARTY").help(t("security-cli-arg-export-party"))),
        Command::new("import")
            .about(t("service-cli-import-about"))
            .subcommand_required(true)
            .subcommand(
                Command::new("observations")
                    .about(t("service-cli-import-about"))
                    .arg(db())
                    .arg(Arg::new("file").value_name("FILE.csv").required(true).value_parser(value_parser!(PathBuf))),
            )
            .subcommand(
                Command::new("events")
                    .about(t("events-cli-about"))
                    .arg(db())
                    .arg(Arg::new("file").value_name("FILE.csv").required(true).value_parser(value_parser!(PathBuf)))
                    .arg(
                        Arg::new("definition")
                            .long("definition")
                            .value_name("ID")
                            .required(true)
                            .help(t("events-cli-arg-definition")),
                    )
                    .arg(Arg::new("release").long("release").value_name("RELEASE").help(t("events-cli-arg-release")))
                    .arg(Arg::new("older").long("older").action(ArgAction::SetTrue).help(t("events-cli-arg-older"))),
            ),
        Command::new("user")
            .about(t("service-cli-user-about"))
            .subcommand_required(true)
            .subcommand(
                Command::new("add")
                    .arg(db())
                    .arg(Arg::new("name").value_name("NAME").required(true))
                    .arg(Arg::new("role").long("role").value_name("ROLE").required(true))
                    .arg(Arg::new("party").long("party").value_name("PARTY"))
                    .arg(Arg::new("factor").long("factor").value_name("FACTOR"))
                    .arg(Arg::new("display-name").long("display-name").value_name("NAME")),
            )
            .subcommand(Command::new("list").arg(db()))
            .subcommand(Command::new("disable").arg(db()).arg(Arg::new("name").value_name("NAME").required(true)))
            .subcommand(Command::new("enable").arg(db()).arg(Arg::new("name").value_name("NAME").required(true)))
            .subcommand(Command::new("reset").arg(db()).arg(Arg::new("name").value_name("NAME").required(true))),
        commands::audit::command(loc),
        commands::remind::command(loc),
    ]
    .into_iter()
    .chain(commands::backup::commands(loc))
    .collect()
}

/// Runs a database command, if `name` is one.
fn run_service(ctx: &Ctx, name: &str, m: &ArgMatches) -> Option<Result<(), commands::Failure>> {
    let db = |m: &ArgMatches| {
        m.get_one::<String>("database").cloned().unwrap_or_else(|| commands::serve::DEFAULT_DATABASE.to_string())
    };
    let s = |m: &ArgMatches, id: &str| m.get_one::<String>(id).cloned();
    Some(match (name, m.subcommand()) {
        ("serve", _) => commands::remind::mailer(m).and_then(|mailer| {
            let directory = commands::directory::directory(m)?.zip(m.get_one::<PathBuf>("directory").cloned());
            commands::serve::run(
                ctx,
                &commands::serve::Options {
                    mailer,
                    directory,
                    database: db(m),
                    bind: m
                        .get_one::<std::net::SocketAddr>("bind")
                        .copied()
                        .unwrap_or_else(|| ([127, 0, 0, 1], 8080).into()),
                    insecure_cookies: m.get_flag("insecure-cookies"),
                    demo: m.get_flag("demo"),
                    max_connections_per_address: m.get_one::<u32>("max-connections-per-address").map(|n| *n as usize),
                },
            )
        }),
        ("init", _) => {
            let path = match (s(m, "example"), m.get_one::<PathBuf>("path")) {
                (Some(e), _) => commands::init::example(&e),
                (None, Some(p)) => Ok(p.clone()),
                (None, None) => Ok(default_case()),
            };
            path.and_then(|p| commands::init::run(ctx, &db(m), p))
        }
        ("export", _) => commands::export::run(ctx, &db(m), m.get_one::<PathBuf>("path")?, s(m, "party").as_deref()),
        ("import", Some(("observations", sm))) => commands::import::run(ctx, &db(sm), sm.get_one::<PathBuf>("file")?),
        ("import", Some(("events", sm))) => commands::import_events::run(
            ctx,
            &commands::import_events::Options {
                database: &db(sm),
                file: sm.get_one::<PathBuf>("file")?,
                definition: sm.get_one::<String>("definition")?,
                release: sm.get_one::<String>("release").map(String::as_str),
                older: sm.get_flag("older"),
            },
        ),
        ("user", Some(("add", sm))) => commands::user::add(
            ctx,
            &db(sm),
            commands::user::AddOptions {
                name: s(sm, "name")?,
                role: s(sm, "role")?,
                party: s(sm, "party"),
                factor: s(sm, "factor"),
                display_name: s(sm, "display-name"),
            },
        ),
        ("user", Some(("list", sm))) => commands::user::list(ctx, &db(sm)),
        ("user", Some(("disable", sm))) => commands::user::disable(ctx, &db(sm), &s(sm, "name")?),
        ("user", Some(("enable", sm))) => commands::user::enable(ctx, &db(sm), &s(sm, "name")?),
        ("user", Some(("reset", sm))) => commands::user::reset(ctx, &db(sm), &s(sm, "name")?),
        ("audit", _) => commands::audit::run(ctx, m),
        ("remind", _) => commands::remind::run(ctx, m),
        ("backup", _) => commands::backup::backup(ctx, &db(m), m.get_one::<PathBuf>("file")?),
        ("restore", _) => commands::backup::restore(ctx, &db(m), m.get_one::<PathBuf>("file")?, m.get_flag("force")),
        _ => return None,
    })
}

/// Runs the tool and returns its exit code: 0 success, 1 a problem with the input, 2 usage.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let lang = pick_lang(&args);
    let digits = match std::env::var("TAHAWUL_DIGITS").ok().as_deref() {
        Some("arabic-indic") => Digits::ArabicIndic,
        _ => Digits::Latin,
    };
    let loc = match Localizer::with_digits(lang, digits) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("tahawul: {e}");
            return ExitCode::from(70);
        }
    };
    let matches = match command(&loc).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", loc.tr("cli-usage-error"));
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    // --digits on the command line overrides the environment.
    let loc = match matches.get_one::<String>("digits").map(String::as_str) {
        Some("arabic-indic") => Localizer::with_digits(lang, Digits::ArabicIndic).unwrap_or(loc),
        Some("latin") => Localizer::with_digits(lang, Digits::Latin).unwrap_or(loc),
        _ => loc,
    };
    let format = if matches.get_one::<String>("format").map(String::as_str) == Some("json") {
        Format::Json
    } else {
        Format::Table
    };
    commands::isolate_runs_in_arabic(loc.lang());
    let ctx = Ctx { loc, format };
    let result = match matches.subcommand() {
        Some(("check", m)) => {
            commands::check::run(&ctx, m.get_one::<PathBuf>("path").cloned().unwrap_or_else(default_case))
        }
        Some(("status", m)) => as_of(&ctx, m).and_then(|d| commands::status::run(&ctx, &case_path(m), d)),
        Some(("gates", m)) => {
            as_of(&ctx, m).and_then(|d| commands::gates::run(&ctx, &case_path(m), d, m.get_flag("explain")))
        }
        Some(("forecast", m)) => {
            as_of(&ctx, m).and_then(|d| commands::forecast::run(&ctx, &case_path(m), &forecast_options(m, d)))
        }
        Some(("backtest", m)) => commands::backtest::run(&ctx, m),
        Some(("commitments", m)) => commands::commitments::run(
            &ctx,
            &case_path(m),
            m.get_flag("open"),
            m.get_one::<String>("party").map(String::as_str),
        ),
        Some(("rounds", m)) => commands::rounds::run(&ctx, m),
        Some(("minutes", m)) => commands::minutes::run(&ctx, m),
        Some(("statement", m)) => commands::statement::run(&ctx, m),
        Some(("report", m)) => commands::report::run(&ctx, m),
        Some(("intake", m)) => commands::intake::run(&ctx, m),
        Some(("key", m)) => commands::key::run(&ctx, m),
        Some((name, m)) => {
            run_service(&ctx, name, m).unwrap_or_else(|| Err(commands::Failure::Usage(Message::new("cli-usage-error"))))
        }
        None => Err(commands::Failure::Usage(Message::new("cli-usage-error"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(&ctx),
    }
}

fn forecast_options(m: &ArgMatches, as_of: jiff::civil::Date) -> commands::forecast::Options {
    use tahawul_domain::forecast::{DEFAULT_HORIZON_MONTHS, DEFAULT_PATHS, DEFAULT_SEED};
    let all = |id: &str| m.get_many::<String>(id).map(|v| v.cloned().collect()).unwrap_or_default();
    commands::forecast::Options {
        as_of,
        paths: m.get_one::<u32>("paths").copied().unwrap_or(DEFAULT_PATHS),
        seed: m.get_one::<u64>("seed").copied().unwrap_or(DEFAULT_SEED),
        horizon: m.get_one::<u32>("horizon").copied().unwrap_or(DEFAULT_HORIZON_MONTHS),
        scenario: m.get_one::<String>("scenario").cloned(),
        shocks: all("shock"),
        thresholds: all("threshold"),
    }
}

fn case_path(m: &ArgMatches) -> PathBuf {
    m.get_one::<PathBuf>("case").cloned().unwrap_or_else(default_case)
}

fn as_of(ctx: &Ctx, m: &ArgMatches) -> Result<jiff::civil::Date, commands::Failure> {
    let _ = ctx;
    match m.get_one::<String>("as-of") {
        None => Ok(jiff::Zoned::now().date()),
        Some(s) => s
            .parse::<jiff::civil::Date>()
            .ok()
            .filter(|_| s.len() == 10)
            .ok_or_else(|| commands::Failure::Usage(Message::new("cli-bad-as-of").arg("value", s.as_str()))),
    }
}
