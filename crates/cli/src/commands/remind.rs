//! `tahawul remind`: sends the reminders due now by e-mail, once (for cron or a systemd timer);
//! `tahawul serve --smtp URL` does the same every minute. The rules — what each person's
//! inbox holds, what they may see, what went before — are `tahawul_web::reminders`'.

use clap::{Arg, ArgMatches, Command, value_parser};
use tahawul_i18n::{Localizer, Message};
use tahawul_web::error::{ApiError, Detail};
use tahawul_web::reminders::{Mailer, Sent, send_due};

use super::Failure;
use super::serve::{DEFAULT_DATABASE, open, runtime};
use crate::app::Ctx;

/// The mail options `remind` and `serve` share; `--smtp` is required only by `remind`.
pub fn mail_args(loc: &Localizer, smtp_required: bool) -> [Arg; 4] {
    [
        Arg::new("smtp").long("smtp").value_name("URL").required(smtp_required).help(loc.tr("mail-cli-arg-smtp")),
        Arg::new("mail-from")
            .long("mail-from")
            .value_name("ADDRESS")
            .default_value("Tahawul <tahawul@localhost>")
            .help(loc.tr("mail-cli-arg-from")),
        Arg::new("public-url")
            .long("public-url")
            .value_name("URL")
            .default_value("http://127.0.0.1:8080")
            .help(loc.tr("mail-cli-arg-public-url")),
        Arg::new("digest-hour")
            .long("digest-hour")
            .value_name("HOUR")
            .value_parser(value_parser!(i8).range(0..24))
            .default_value("6")
            .help(loc.tr("mail-cli-arg-digest-hour")),
    ]
}

/// The `remind` command.
pub fn command(loc: &Localizer) -> Command {
    Command::new("remind")
        .about(loc.tr("mail-cli-remind-about"))
        .arg(
            Arg::new("database")
                .long("database")
                .value_name("URL")
                .default_value(DEFAULT_DATABASE)
                .help(loc.tr("service-cli-arg-database")),
        )
        .args(mail_args(loc, true))
}

/// The mailer `m` asks for, if it names an SMTP server, and the digest hour.
pub fn mailer(m: &ArgMatches) -> Result<Option<(Mailer, i8)>, Failure> {
    let Some(url) = m.get_one::<String>("smtp") else { return Ok(None) };
    let arg = |id: &str| m.get_one::<String>(id).map(String::as_str).unwrap_or_default();
    let mailer = Mailer::new(url, arg("mail-from"), arg("public-url")).map_err(usage)?;
    Ok(Some((mailer, m.get_one::<i8>("digest-hour").copied().unwrap_or(6))))
}

/// A refused mail option as a usage error, in the reader's language.
fn usage(e: ApiError) -> Failure {
    match e {
        ApiError::Invalid(ps) => match ps.into_iter().next().map(|p| p.detail) {
            Some(Detail::Msg(m)) => Failure::Usage(m),
            Some(Detail::Raw(s)) => Failure::Problem(Message::new("service-db-failed").arg("detail", s), None),
            None => Failure::Problem(Message::new("service-db-failed").arg("detail", "mail"), None),
        },
        other => Failure::Problem(Message::new("service-db-failed").arg("detail", other.to_string()), None),
    }
}

/// Sends what is due now and says what went; exit 1 when someone could not be sent to.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    let database = m.get_one::<String>("database").cloned().unwrap_or_else(|| DEFAULT_DATABASE.to_string());
    let Some((mailer, digest_hour)) = mailer(m)? else {
        return Err(Failure::Usage(Message::new("mail-cli-no-smtp")));
    };
    let sent: Sent = runtime()?.block_on(async {
        let store = open(&database).await?;
        send_due(&store, &mailer, jiff::Timestamp::now(), digest_hour).await.map_err(usage)
    })?;
    println!(
        "{}",
        ctx.t(&Message::new("mail-cli-sent").arg("messages", sent.messages).arg("people", sent.people.len()))
    );
    if sent.failures.is_empty() {
        return Ok(());
    }
    for (name, why) in &sent.failures {
        eprintln!("{}", ctx.t(&Message::new("mail-cli-failed").arg("name", name.as_str()).arg("why", why.as_str())));
    }
    Err(Failure::Problem(
        Message::new("mail-cli-some-failed").arg("count", sent.failures.len()),
        Some(Message::new("mail-cli-some-failed-help")),
    ))
}
