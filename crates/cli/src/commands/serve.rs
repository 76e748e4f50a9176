//! `tahawul serve`: the JSON API on one database; an empty database first gets the founding
//! case, so `tahawul serve` needs nothing else. Also the helpers the database commands share.

use std::net::SocketAddr;

use tahawul_i18n::Message;
use tahawul_store::{NewUser, RecordKind, Role, StoreError, StoreOptions, prelude::*};
use tahawul_web::AnyStore;

use super::Failure;
use crate::app::Ctx;

/// The database when none is given: a SQLite file in the working folder.
pub const DEFAULT_DATABASE: &str = "sqlite://tahawul.db";

/// Who the command-line tool writes as, in the audit log.
pub fn actor() -> String {
    let who = std::env::var("USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "operator".into());
    format!("cli:{who}")
}

/// A runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Problem(Message::new("service-db-failed").arg("detail", e.to_string()), None))
}

/// A store failure as the command reports it.
pub fn db_failed(e: StoreError) -> Failure {
    match e {
        StoreError::Rejected(d) => Failure::Invalid(d),
        other => Failure::Problem(Message::new("service-db-failed").arg("detail", other.to_string()), None),
    }
}

/// Opens (and migrates) the database.
pub async fn open(url: &str) -> Result<AnyStore, Failure> {
    AnyStore::open(url, StoreOptions::default()).await.map_err(db_failed)
}

/// Whether the database holds no case yet.
pub async fn is_empty(store: &AnyStore) -> Result<bool, Failure> {
    Ok(store.list_records(RecordKind::Case).await.map_err(db_failed)?.is_empty())
}

/// What `serve` was asked for.
pub struct Options {
    /// Database URL.
    pub database: String,
    /// Listen address.
    pub bind: SocketAddr,
    /// Leave `Secure` off the session cookie even off loopback.
    pub insecure_cookies: bool,
    /// On a database without users, create one demo account per role (`--demo`).
    pub demo: bool,
    /// Connections one address may hold open (`--max-connections-per-address`; raise it
    /// behind a reverse proxy, where every client has the proxy's address).
    pub max_connections_per_address: Option<usize>,
    /// Where reminders go (`--smtp`), and the hour (UTC) daily digests start.
    pub mailer: Option<(tahawul_web::reminders::Mailer, i8)>,
    /// The directory people may sign in with (`--ldap`), and its mapping file (`--directory`).
    pub directory: Option<(tahawul_web::directory::Directory, std::path::PathBuf)>,
}

/// A demo account: (name, shown name, role, party, factor).
type DemoUser = (&'static str, &'static str, Role, Option<&'static str>, Option<&'static str>);

/// The demo accounts. The names say "demo" so that
/// nobody takes them for real people, in either language.
const DEMO_USERS: [DemoUser; 7] = [
    ("demo-secretariat", "Demo secretariat · أمانة تجريبية", Role::Secretariat, None, None),
    ("demo-us-head", "Demo US head · رئيس أمريكي تجريبي", Role::DelegationHead, Some("us"), None),
    ("demo-iq-head", "Demo Iraq head · رئيس عراقي تجريبي", Role::DelegationHead, Some("iq"), None),
    ("demo-us-member", "Demo US member · عضو أمريكي تجريبي", Role::DelegationMember, Some("us"), None),
    (
        "demo-wg-threat",
        "Demo threat working group · فريق التهديد التجريبي",
        Role::WorkingGroupMember,
        Some("us"),
        Some("threat"),
    ),
    ("demo-partner", "Demo coalition partner · شريك تجريبي", Role::CoalitionPartner, Some("coalition"), None),
    ("demo-auditor", "Demo auditor · مدقق تجريبي", Role::Auditor, None, None),
];

/// A fresh password for the demo accounts: 16 random letters and digits from the kernel
/// (`/dev/urandom`), else from the standard library's per-process random hash keys.
fn demo_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 16];
    let from_kernel =
        std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes)).is_ok();
    if !from_kernel {
        use std::hash::{BuildHasher, Hasher};
        for (i, b) in bytes.iter_mut().enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            *b = h.finish() as u8;
        }
    }
    let chars: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    format!("demo-{}-{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12], &chars[12..16])
}

/// Creates the demo accounts when the database has no user yet, and prints them (with their
/// password, once) in the reader's language. A database with users is left as it is.
async fn create_demo_users(ctx: &Ctx, store: &AnyStore, addr: SocketAddr) -> Result<(), Failure> {
    if !store.list_users().await.map_err(db_failed)?.is_empty() {
        println!("{}", ctx.loc.tr("pages-work-demo-exists"));
        return Ok(());
    }
    let password = demo_password();
    for (name, display_name, role, party, factor) in DEMO_USERS {
        let user = NewUser {
            name: name.into(),
            display_name: display_name.into(),
            role,
            party: party.map(str::to_string),
            factor: factor.map(str::to_string),
            password: password.clone(),
        };
        store.create_user(user, &actor()).await.map_err(db_failed)?;
    }
    println!("{}", ctx.t(&Message::new("pages-work-demo-created").arg("password", password.as_str())));
    for (name, _, role, _, _) in DEMO_USERS {
        println!(
            "  {}",
            ctx.t(&Message::new("pages-work-demo-user")
                .arg("name", name)
                .arg("role", tahawul_web::pages::role_name(&ctx.loc, role)))
        );
    }
    println!("{}", ctx.t(&Message::new("pages-work-demo-sign-in").arg("url", format!("http://{addr}/sign-in"))));
    let released = release_public_record(store).await?;
    println!("{}", ctx.t(&Message::new("pages-work-demo-released").arg("count", released)));
    Ok(())
}

/// The kinds of record the founding case's public sources already told the world (the
/// structure of the case, the rounds and commitments the joint statements announced, the
/// documents, the indicators and phases), which the demo releases to coalition partners so
/// that role shows what it is for. Assessments, scenarios, statement drafts and consultations
/// are the commission's to release (consultations by their own release step).
const PUBLIC_KINDS: [RecordKind; 12] = [
    RecordKind::Party,
    RecordKind::Person,
    RecordKind::Area,
    RecordKind::Factor,
    RecordKind::Scale,
    RecordKind::Publisher,
    RecordKind::Method,
    RecordKind::Indicator,
    RecordKind::Phase,
    RecordKind::Round,
    RecordKind::Commitment,
    RecordKind::Document,
];

/// Releases the demo's public record to coalition partners, each release an audited write
/// through the same rules as any other; how many records were released.
async fn release_public_record(store: &AnyStore) -> Result<usize, Failure> {
    let mut released = 0;
    for kind in PUBLIC_KINDS {
        for r in store.list_records(kind).await.map_err(db_failed)? {
            if r.releasable || !r.shared {
                continue;
            }
            let write = tahawul_store::RecordWrite {
                kind,
                id: r.id.clone(),
                body: r.body.clone(),
                owner_party: r.owner_party.clone(),
                shared: true,
                releasable: true,
            };
            store.put_record(write, Some(r.version), &actor()).await.map_err(db_failed)?;
            released += 1;
        }
    }
    Ok(released)
}

/// Sends the reminders due, every minute, for as long as the server runs; a failed round is
/// logged and tried again (nothing is marked sent that did not go).
async fn remind_every_minute(store: AnyStore, mailer: tahawul_web::reminders::Mailer, digest_hour: i8) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match tahawul_web::reminders::send_due(&store, &mailer, jiff::Timestamp::now(), digest_hour).await {
            Ok(sent) if sent.messages > 0 || !sent.failures.is_empty() => {
                tracing::info!(messages = sent.messages, failures = sent.failures.len(), "reminders sent");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(why = %e, "reminders not sent this minute"),
        }
    }
}

/// Runs the server until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub fn run(ctx: &Ctx, opts: &Options) -> Result<(), Failure> {
    use tracing_subscriber::EnvFilter;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("TAHAWUL_LOG").unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    runtime()?.block_on(async {
        let store = open(&opts.database).await?;
        if is_empty(&store).await? {
            let case = super::load(&crate::app::default_case())?;
            let s = store.import_case(&case, &actor()).await.map_err(db_failed)?;
            println!(
                "{}",
                ctx.t(&Message::new("service-serve-imported")
                    .arg("records", s.records)
                    .arg("observations", s.observations))
            );
        }
        let case = store.load_case().await.map_err(db_failed)?;
        if let Some((directory, file)) = &opts.directory {
            super::directory::check_against(directory, file, &case)?;
        }
        let listener = tokio::net::TcpListener::bind(opts.bind).await.map_err(|e| {
            Failure::Problem(
                Message::new("service-bind-failed").arg("addr", opts.bind.to_string()).arg("detail", e.to_string()),
                None,
            )
        })?;
        let addr = listener.local_addr().unwrap_or(opts.bind);
        if opts.demo {
            create_demo_users(ctx, &store, addr).await?;
        }
        let mut config = tahawul_web::Config::for_addr(addr);
        if opts.insecure_cookies {
            config.secure_cookies = false;
        }
        // The key that signs audit checkpoints: made at first start, kept outside the database.
        let key_path = tahawul_store::log_key_path(&opts.database);
        let key = tahawul_store::load_or_create_log_key(&key_path).map_err(|e| {
            Failure::Problem(
                Message::new("audit-log-key-failed")
                    .arg("path", key_path.display().to_string())
                    .arg("detail", e.to_string()),
                None,
            )
        })?;
        config.log_key = Some(std::sync::Arc::new(key));
        if let Some(n) = opts.max_connections_per_address {
            config.connections.per_address = n;
        }
        config.directory = opts.directory.as_ref().map(|(d, _)| std::sync::Arc::new(d.clone()));
        let limits = config.connections;
        if let Some((mailer, digest_hour)) = opts.mailer.clone() {
            tokio::spawn(remind_every_minute(store.clone(), mailer, digest_hour));
        }
        let router = tahawul_web::app(store, config).await.map_err(db_failed)?;
        println!(
            "{}",
            ctx.t(&Message::new("service-serve-listening")
                .arg("case", case.id.to_string())
                .arg("addr", addr.to_string())
                .arg("database", opts.database.as_str()))
        );
        tracing::info!(%addr, "listening");
        tahawul_web::serve_with(listener, router, limits, tahawul_web::shutdown_signal()).await.map_err(|e| {
            Failure::Problem(
                Message::new("service-bind-failed").arg("addr", addr.to_string()).arg("detail", e.to_string()),
                None,
            )
        })?;
        println!("{}", ctx.loc.tr("service-serve-stopped"));
        Ok(())
    })
}
