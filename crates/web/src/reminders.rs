//! Reminders by e-mail (issue 18, item 2): each person's inbox, sent to the address they gave
//! in their settings, in their language, once a day as a digest or as soon as an item appears.
//!
//! The inbox is read through [`Access`] as that person, so a reminder never carries what they
//! may not see; what went to whom is kept (`reminders_sent`), so an item goes once while it
//! stays in the inbox and comes again only if it leaves and returns. `tahawul remind` runs this
//! once (for cron); `tahawul serve --smtp …` runs it every minute.

use std::collections::{BTreeSet, HashMap};

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message as Mail, Tokio1Executor};
use tahawul_domain::inbox::Item;
use tahawul_i18n::{Lang, Localizer, Message};
use tahawul_store::{User, prelude::*};

use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::{ApiError, ApiResult, FieldProblem};
use crate::pages::work::inbox::{read, sentence};

/// Where mail goes and whom it is from.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The service's address as people reach it, for the links (`https://tahawul.example.org`).
    base_url: String,
}

impl Mailer {
    /// A mailer for an SMTP URL: `smtp://host:port` (plain, as to a local relay),
    /// `smtp://host:587?tls=required` (STARTTLS), `smtps://host` (TLS), with `user:password@`
    /// for AUTH; mail is from `from` and links start with `base_url`.
    pub fn new(url: &str, from: &str, base_url: &str) -> ApiResult<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| problem("/smtp", Message::new("mail-bad-smtp-url").arg("url", url).arg("why", e.to_string())))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from: Mailbox =
            from.parse().map_err(|_| problem("/from", Message::new("mail-bad-from").arg("value", from)))?;
        Ok(Mailer { transport, from, base_url: base_url.trim_end_matches('/').to_string() })
    }
}

fn problem(pointer: &str, m: Message) -> ApiError {
    ApiError::Invalid(vec![FieldProblem::msg(pointer, m)])
}

/// What one run sent.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Messages handed to the SMTP server.
    pub messages: usize,
    /// To whom (user names).
    pub people: Vec<String>,
    /// Who could not be sent to, and why (tried again next run).
    pub failures: Vec<(String, String)>,
}

/// A stable key for an item: it is "the same reminder" while the key stays in the inbox.
fn key(item: &Item) -> String {
    match item {
        Item::Endorse { assessment } => format!("endorse:{assessment}"),
        Item::Returned { assessment, .. } => format!("returned:{assessment}"),
        Item::Answer { consultation, version } => format!("answer:{consultation}:{version}"),
        Item::Commitment { commitment, overdue, .. } => {
            format!("commitment:{commitment}:{}", if *overdue { "overdue" } else { "due" })
        }
        Item::Deadline { phase, overdue, .. } => {
            format!("deadline:{phase}:{}", if *overdue { "overdue" } else { "near" })
        }
        Item::Sign { round, again, .. } => format!("sign:{round}:{}", if *again { "again" } else { "first" }),
    }
}

/// The digest's key in `reminders_sent`.
const DIGEST: &str = "digest";

/// Sends what is due at `now` to every enabled person with reminders on: daily digests (from
/// `digest_hour` UTC, once a day, when the inbox holds anything) and immediate reminders (the
/// items not sent before). A person the SMTP server refuses is tried again next run.
pub async fn send_due(store: &AnyStore, mailer: &Mailer, now: jiff::Timestamp, digest_hour: i8) -> ApiResult<Sent> {
    let utc = now.to_zoned(jiff::tz::TimeZone::UTC);
    let today = utc.date();
    let day = today.to_string();
    let mut sent = Sent::default();
    for user in store.list_users().await? {
        let (Some(email), Some(mode)) = (user.email.clone(), user.reminders.as_deref()) else { continue };
        if user.disabled || !matches!(mode, "daily" | "immediate") {
            continue;
        }
        if mode == "daily" && utc.hour() < digest_hour {
            continue;
        }
        let access = Access::new(store.clone(), user.clone());
        let (items, titles) = read(&access, today).await?;
        let before: HashMap<String, String> = store.reminders_sent(&user.name).await?.into_iter().collect();
        let (to_send, after): (Vec<&Item>, Vec<(String, String)>) = match mode {
            "daily" => {
                if items.is_empty() || before.get(DIGEST) == Some(&day) {
                    continue;
                }
                (items.iter().collect(), vec![(DIGEST.to_string(), day.clone())])
            }
            _ => {
                let fresh: Vec<&Item> = items.iter().filter(|i| !before.contains_key(&key(i))).collect();
                // What is still in the inbox stays "sent" (with the day it went); what left is
                // forgotten, so it comes again should it return.
                let after = items
                    .iter()
                    .map(|i| (key(i), before.get(&key(i)).cloned().unwrap_or_else(|| day.clone())))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                (fresh, after)
            }
        };
        if !to_send.is_empty() {
            let case = access.case().await?;
            let mail = compose(mailer, &user, &email, mode == "daily", &to_send, items.len(), &today, |loc, i| {
                sentence(loc, &case, &titles, i)
            });
            let outcome = match mail {
                Ok(m) => mailer.transport.send(m).await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            if let Err(why) = outcome {
                tracing::warn!(user = %user.name, %why, "reminder not sent");
                sent.failures.push((user.name.clone(), why));
                continue;
            }
            sent.messages += 1;
            sent.people.push(user.name.clone());
        }
        let before: Vec<(String, String)> = before.into_iter().collect::<BTreeSet<_>>().into_iter().collect();
        if after != before {
            store.set_reminders_sent(&user.name, &after).await?;
        }
    }
    Ok(sent)
}

/// The languages a reminder is written in: the person's own, or both (Arabic first) when they
/// never chose one.
fn languages(user: &User) -> Vec<Lang> {
    match user.lang.as_deref().and_then(|l| l.parse::<Lang>().ok()) {
        Some(l) => vec![l],
        None => vec![Lang::Ar, Lang::En],
    }
}

#[allow(clippy::too_many_arguments)]
fn compose(
    mailer: &Mailer,
    user: &User,
    email: &str,
    digest: bool,
    items: &[&Item],
    total: usize,
    today: &jiff::civil::Date,
    say: impl Fn(&Localizer, &Item) -> String,
) -> Result<Mail, String> {
    let to: Mailbox = email.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
    let mut subject = Vec::new();
    let mut body = String::new();
    for lang in languages(user) {
        let loc = Localizer::new(lang).map_err(|e| e.to_string())?;
        subject.push(loc.format(&Message::new("mail-subject").arg("count", items.len())));
        let intro = if digest {
            Message::new("mail-digest-intro").arg("date", today.to_string())
        } else {
            Message::new("mail-immediate-intro")
        };
        body.push_str(&loc.format(&intro));
        body.push_str("\n\n");
        for item in items {
            body.push_str(&format!("• {}\n  {}{}\n", say(&loc, item), mailer.base_url, item.link()));
        }
        body.push('\n');
        if !digest && total > items.len() {
            let inbox = format!("{}/inbox", mailer.base_url);
            body.push_str(&loc.format(&Message::new("mail-more").arg("count", total).arg("url", inbox)));
            body.push('\n');
        }
        let settings = format!("{}/settings", mailer.base_url);
        body.push_str(&loc.format(&Message::new("mail-footer").arg("url", settings)));
        body.push_str("\n\n");
    }
    Mail::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject.join(" / "))
        .header(ContentType::TEXT_PLAIN)
        .body(body.trim_end().to_string() + "\n")
        .map_err(|e| e.to_string())
}
