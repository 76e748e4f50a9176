//! `tahawul minutes sign ROUND --key FILE` and `tahawul minutes verify [ROUND]`: the heads'
//! Ed25519 signatures over a round's canonical minutes (docs/record.md); `tahawul minutes pdf
//! ROUND -o FILE`: the minutes as a PDF document in the interface language.

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use tahawul_domain::minutes::{self, MinutesCheck, MinutesState, PartChange, Refusal, SignatureState};
use tahawul_domain::{Case, Id, Round};
use tahawul_i18n::{Localizer, Message};

use super::{Failure, print_json};
use crate::app::{Ctx, Format, default_case};

/// The `minutes` command with `sign` and `verify`.
pub fn command(loc: &Localizer) -> Command {
    let case_arg = || super::case_arg(loc);
    let server_arg = || {
        Arg::new("server").long("server").value_name("URL").conflicts_with("case").help(loc.tr("record-cli-arg-server"))
    };
    Command::new("minutes")
        .about(loc.tr("record-cli-minutes-about"))
        .subcommand_required(true)
        .subcommand(
            Command::new("sign")
                .about(loc.tr("record-cli-minutes-sign-about"))
                .arg(Arg::new("round").value_name("ROUND").required(true).help(loc.tr("record-cli-arg-round")))
                .arg(
                    Arg::new("key")
                        .long("key")
                        .value_name("FILE")
                        .required(true)
                        .value_parser(value_parser!(PathBuf))
                        .help(loc.tr("record-cli-arg-key")),
                )
                .arg(
                    Arg::new("append")
                        .long("append")
                        .action(ArgAction::SetTrue)
                        .conflicts_with("server")
                        .help(loc.tr("record-cli-arg-append")),
                )
                .arg(server_arg())
                .arg(case_arg()),
        )
        .subcommand(
            Command::new("pdf")
                .about(loc.tr("documents-cli-minutes-pdf-about"))
                .arg(Arg::new("round").value_name("ROUND").required(true).help(loc.tr("record-cli-arg-round")))
                .arg(output_arg(loc))
                .arg(case_arg()),
        )
        .subcommand(
            Command::new("verify")
                .about(loc.tr("record-cli-minutes-verify-about"))
                .arg(Arg::new("round").value_name("ROUND").help(loc.tr("record-cli-arg-round-optional")))
                .arg(server_arg())
                .arg(case_arg()),
        )
}

/// Runs `minutes sign` or `minutes verify`.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    match m.subcommand() {
        Some(("sign", m)) => sign(ctx, m),
        Some(("verify", m)) => verify(ctx, m),
        Some(("pdf", m)) => {
            let case = load(m)?;
            let round = find_round(&case, m.get_one::<String>("round").map_or("", String::as_str))?;
            let pdf = tahawul_documents::minutes(&case, round, ctx.loc.lang()).map_err(pdf_failure)?;
            write_pdf(ctx, m, &pdf)
        }
        _ => Err(Failure::Usage(Message::new("cli-usage-error"))),
    }
}

/// `-o FILE`, where a PDF command writes.
pub fn output_arg(loc: &Localizer) -> Arg {
    Arg::new("output")
        .short('o')
        .long("output")
        .value_name("FILE")
        .required(true)
        .value_parser(value_parser!(PathBuf))
        .help(loc.tr("documents-cli-arg-output"))
}

/// A document that could not be made (krilla refused it): says so, and what it said.
pub fn pdf_failure(e: tahawul_documents::Error) -> Failure {
    Failure::Problem(Message::new("documents-cli-cannot-render").arg("detail", e.to_string()), None)
}

/// Writes a PDF to `-o FILE` and says where, or why it could not.
pub fn write_pdf(ctx: &Ctx, m: &ArgMatches, pdf: &[u8]) -> Result<(), Failure> {
    let path = m.get_one::<PathBuf>("output").cloned().ok_or(Failure::Usage(Message::new("cli-usage-error")))?;
    let file = path.display().to_string();
    std::fs::write(&path, pdf).map_err(|e| {
        Failure::Problem(
            Message::new("record-sign-cannot-write").arg("file", file.as_str()).arg("detail", e.to_string()),
            Some(Message::new("documents-cli-cannot-write-help")),
        )
    })?;
    println!("{}", ctx.t(&Message::new("documents-cli-written").arg("file", file).arg("bytes", pdf.len())));
    Ok(())
}

/// The bundle path of a command (`--case`, else the founding case).
pub fn case_path(m: &ArgMatches) -> PathBuf {
    m.get_one::<PathBuf>("case").cloned().unwrap_or_else(default_case)
}

/// Loads a case keeping minutes that no longer verify, so they can be shown.
pub fn load(m: &ArgMatches) -> Result<Case, Failure> {
    tahawul_domain::bundle::load_with_tampered_minutes(&case_path(m)).map_err(Failure::Invalid)
}

/// A round by id, or a usage error listing the known ones.
pub fn find_round<'a>(case: &'a Case, id: &str) -> Result<&'a Round, Failure> {
    case.round(id).ok_or_else(|| {
        let known: Vec<&str> = case.rounds.iter().map(|r| r.id.as_str()).collect();
        Failure::Usage(Message::new("record-cli-unknown-round").arg("round", id).arg("known", known.join(", ")))
    })
}

fn sign(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    if let Some(url) = m.get_one::<String>("server") {
        return server::sign(ctx, m, url);
    }
    let case = load(m)?;
    let round = find_round(&case, m.get_one::<String>("round").map_or("", String::as_str))?;
    let key_path = m.get_one::<PathBuf>("key").cloned().ok_or(Failure::Usage(Message::new("cli-usage-error")))?;
    let key = super::key::open(ctx, &key_path)?;
    let public = key.public();
    // The signer is whoever holds this key now: a key no one registered, or one retired, signs
    // nothing.
    let Some(person) = case.people.iter().find(|p| tahawul_domain::keys::current(p) == Some(public)) else {
        let k = public.to_string();
        return Err(Failure::Problem(
            Message::new("record-sign-key-not-registered").arg("key", k.as_str()),
            Some(Message::new("record-sign-key-not-registered-help").arg("key", k.as_str())),
        ));
    };
    let heads = minutes::heads(round);
    if !heads.contains(&person.id) {
        let names: Vec<String> = heads.iter().map(|h| name(ctx, &case, h)).collect();
        return Err(Failure::Problem(
            Message::new("record-sign-not-head")
                .arg("person", name(ctx, &case, &person.id))
                .arg("round", round.id.as_str()),
            Some(Message::new("record-sign-not-head-help").arg("heads", names.join(", "))),
        ));
    }
    let signature = minutes::sign(&case, round, &person.id, &key, jiff::Timestamp::now());
    if m.get_flag("append") {
        let dir = case_path(m);
        let file = dir.join("rounds.toml").display().to_string();
        tahawul_domain::bundle::append_signature(&dir, round.id.as_str(), &signature).map_err(|e| {
            Failure::Problem(
                Message::new("record-sign-cannot-write").arg("file", file.as_str()).arg("detail", e.to_string()),
                None,
            )
        })?;
        println!(
            "{}",
            ctx.t(&Message::new("record-sign-appended")
                .arg("person", person.id.as_str())
                .arg("file", file)
                .arg("round", round.id.as_str()))
        );
    } else {
        match ctx.format {
            Format::Json => print_json(&signature),
            Format::Table => {
                println!(
                    "{}",
                    ctx.t(&Message::new("record-sign-printed")
                        .arg("person", person.id.as_str())
                        .arg("round", round.id.as_str()))
                );
                print!("{}", tahawul_domain::bundle::signature_toml(&signature));
            }
        }
    }
    Ok(())
}

fn name(ctx: &Ctx, case: &Case, id: &Id) -> String {
    case.person(id.as_str()).map_or(id.to_string(), |p| p.name.get(ctx.loc.lang()).to_string())
}

/// The state of a round's minutes in a few words, as `rounds` and `minutes verify` show it.
pub fn state_message(check: &MinutesCheck) -> Message {
    match check.state {
        MinutesState::Unsigned => Message::new("record-minutes-unsigned"),
        MinutesState::Partial { signed, heads } => {
            Message::new("record-minutes-partial").arg("signed", signed).arg("heads", heads)
        }
        MinutesState::Verified { heads } if check.unnamed_heads.is_empty() => {
            Message::new("record-minutes-verified").arg("heads", heads)
        }
        MinutesState::Verified { heads } => {
            Message::new("record-minutes-verified-named").arg("heads", heads).arg("unnamed", check.unnamed_heads.len())
        }
        MinutesState::Refused => Message::new("record-minutes-refused"),
        MinutesState::Tampered => Message::new("record-minutes-tampered"),
    }
}

/// The state as an identifier for JSON.
pub fn state_id(state: MinutesState) -> &'static str {
    match state {
        MinutesState::Unsigned => "unsigned",
        MinutesState::Partial { .. } => "partial",
        MinutesState::Verified { .. } => "verified",
        MinutesState::Refused => "refused",
        MinutesState::Tampered => "tampered",
    }
}

fn verify(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    if let Some(url) = m.get_one::<String>("server") {
        return server::verify(ctx, m, url);
    }
    let case = load(m)?;
    let rounds: Vec<&Round> = match m.get_one::<String>("round") {
        Some(id) => vec![find_round(&case, id)?],
        None => case.rounds.iter().collect(),
    };
    let checks: Vec<MinutesCheck> = rounds.iter().map(|r| minutes::check(&case, r)).collect();
    let failed: Vec<&str> = checks
        .iter()
        .filter(|c| matches!(c.state, MinutesState::Tampered | MinutesState::Refused))
        .map(|c| c.round.as_str())
        .collect();
    match ctx.format {
        Format::Json => {
            let doc: Vec<_> = checks
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "round": c.round.as_str(),
                        "state": state_id(c.state),
                        "heads": c.heads.iter().map(Id::as_str).collect::<Vec<_>>(),
                        "unnamed_heads": c.unnamed_heads.iter().map(Id::as_str).collect::<Vec<_>>(),
                        "signatures": c.signatures.iter().map(|(s, st)| serde_json::json!({
                            "person": s.person.as_str(),
                            "signed_at": s.signed_at.to_string(),
                            "illustrative": s.illustrative,
                            "valid": *st == SignatureState::Valid,
                            "changed": match st { SignatureState::Tampered(p) => p.iter().map(|x| x.label().to_string()).collect(), _ => vec![] },
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            print_json(&doc);
        }
        Format::Table => {
            for c in &checks {
                let round = case
                    .round(c.round.as_str())
                    .map_or(c.round.to_string(), |r| r.name.get(ctx.loc.lang()).to_string());
                println!("{round} ({})", c.round);
                println!("  {}", ctx.t(&Message::new("record-minutes-label").arg("state", state_message(c))));
                for (s, st) in &c.signatures {
                    let person = name(ctx, &case, &s.person);
                    let at = s.signed_at.to_string();
                    let mut line = match st {
                        SignatureState::Valid => {
                            ctx.t(&Message::new("record-verify-signature-ok").arg("person", person).arg("at", at))
                        }
                        SignatureState::Tampered(_) => {
                            ctx.t(&Message::new("record-verify-signature-tampered").arg("person", person).arg("at", at))
                        }
                        SignatureState::Refused(r) => {
                            let reason = match r {
                                Refusal::NotHead => "record-verify-reason-not-head",
                                Refusal::NoRegisteredKey => "record-verify-reason-no-key",
                                Refusal::WrongKey => "record-verify-reason-wrong-key",
                                Refusal::KeyNotValidThen => "keys-page-refused-not-valid-then",
                                Refusal::Duplicate => "record-verify-reason-duplicate",
                            };
                            ctx.t(&Message::new("record-verify-signature-refused")
                                .arg("person", person)
                                .arg("reason", Message::new(reason)))
                        }
                    };
                    if s.illustrative {
                        line.push_str(&format!(" ({})", ctx.loc.tr("record-minutes-illustrative")));
                    }
                    println!("    {line}");
                    if let SignatureState::Tampered(parts) = st {
                        if parts.is_empty() {
                            let id = if s.parts.is_empty() {
                                "record-verify-no-parts"
                            } else {
                                "record-verify-signature-altered"
                            };
                            println!("      {}", ctx.loc.tr(id));
                        }
                        for p in parts {
                            let (id, label) = match p {
                                PartChange::Changed(l) => ("record-verify-changed", l),
                                PartChange::Added(l) => ("record-verify-added", l),
                                PartChange::Removed(l) => ("record-verify-removed", l),
                            };
                            println!("      {}", ctx.t(&Message::new(id).arg("part", label.as_str())));
                        }
                    }
                }
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::Problem(
            Message::new("record-verify-failed").arg("count", failed.len()).arg("rounds", failed.join(", ")),
            Some(Message::new("record-verify-failed-help")),
        ))
    }
}

/// `--server URL`: signing and verifying what a Tahawul server holds. The token comes from
/// `TAHAWUL_TOKEN` (never an argument, where it would show in `ps`). The private key is opened
/// and used here; only the public key and the signature are sent.
pub(crate) mod server {
    use serde_json::{Value, json};
    use tahawul_domain::minutes::{PublicKey, Signature};

    use super::*;

    fn problem(m: Message) -> Failure {
        Failure::Problem(m, None)
    }

    fn unbase64(s: &str) -> Option<Vec<u8>> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.decode(s).ok()
    }

    use crate::commands::server_client::ServerClient as Client;

    impl Client {
        fn minutes(&self, round: &str) -> Result<(Value, Vec<u8>), Failure> {
            let doc = self.call(reqwest::Method::GET, &format!("/api/v1/rounds/{round}/minutes"), None)?;
            let bytes = doc["canonical_base64"]
                .as_str()
                .and_then(unbase64)
                .ok_or_else(|| problem(Message::new("record-cli-server-bad-answer").arg("url", self.base.as_str())))?;
            Ok((doc, bytes))
        }
    }

    /// Registers a key file's key for `person` on the server from the head's own account:
    /// asks for a challenge, checks that the bytes are a registration challenge for this
    /// person and key (so the key signs nothing else), signs them here and posts the proof.
    pub(crate) fn register_key(ctx: &Ctx, key_path: &std::path::Path, person: &str, url: &str) -> Result<(), Failure> {
        let client = Client::new(url)?;
        let key = crate::commands::key::open(ctx, key_path)?;
        let public = key.public().to_string();
        let ch = client.call(
            reqwest::Method::POST,
            "/api/v1/keys/challenge",
            Some(json!({ "person": person, "key": public })),
        )?;
        let bad = || problem(Message::new("keys-cli-bad-challenge").arg("url", url));
        let nonce = ch["nonce"].as_str().ok_or_else(bad)?.to_string();
        let bytes = ch["challenge_base64"].as_str().and_then(unbase64).ok_or_else(bad)?;
        let v: Value = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if v["version"] != tahawul_domain::keys::CHALLENGE_VERSION
            || v["person"] != person
            || v["key"] != public.as_str()
            || v["nonce"] != nonce.as_str()
        {
            return Err(bad());
        }
        let proof = key.sign(&bytes).to_string();
        let after = client.call(
            reqwest::Method::POST,
            "/api/v1/keys",
            Some(json!({ "person": person, "key": public, "nonce": nonce, "proof": proof })),
        )?;
        match ctx.format {
            Format::Json => print_json(&after),
            Format::Table => println!(
                "{}",
                ctx.t(&Message::new("keys-cli-registered")
                    .arg("person", person)
                    .arg("fingerprint", tahawul_domain::keys::fingerprint(&key.public())))
            ),
        }
        Ok(())
    }

    /// Fetches the canonical minutes, signs those bytes here, posts the signature.
    pub fn sign(ctx: &Ctx, m: &ArgMatches, url: &str) -> Result<(), Failure> {
        let round = m.get_one::<String>("round").map_or("", String::as_str);
        let key_path = m.get_one::<PathBuf>("key").cloned().ok_or(Failure::Usage(Message::new("cli-usage-error")))?;
        let client = Client::new(url)?;
        let (doc, bytes) = client.minutes(round)?;
        let key = crate::commands::key::open(ctx, &key_path)?;
        let body = json!({ "key": key.public().to_string(), "signature": key.sign(&bytes).to_string() });
        let after =
            client.call(reqwest::Method::POST, &format!("/api/v1/rounds/{round}/minutes/signatures"), Some(body))?;
        match ctx.format {
            Format::Json => print_json(&after),
            Format::Table => println!(
                "{}",
                ctx.t(&Message::new("record-cli-server-signed")
                    .arg("round", round)
                    .arg("digest", doc["digest"].as_str().unwrap_or(""))
                    .arg("state", after["state"].as_str().unwrap_or("")))
            ),
        }
        Ok(())
    }

    /// Checks every signature the server holds, here: over the canonical bytes it serves, with
    /// the key the server's record registers for that person — not trusting the server's own
    /// verdict.
    pub fn verify(ctx: &Ctx, m: &ArgMatches, url: &str) -> Result<(), Failure> {
        let client = Client::new(url)?;
        let rounds: Vec<String> = match m.get_one::<String>("round") {
            Some(r) => vec![r.clone()],
            None => client
                .call(reqwest::Method::GET, "/api/v1/rounds", None)?
                .as_array()
                .map(|a| a.iter().filter_map(|r| r["id"].as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
        };
        let mut failed = Vec::new();
        let mut out = Vec::new();
        for round in &rounds {
            let (doc, bytes) = client.minutes(round)?;
            let mut sigs = Vec::new();
            let mut ok_all = true;
            for s in doc["signatures"].as_array().cloned().unwrap_or_default() {
                let person = s["person"].as_str().unwrap_or("").to_string();
                // The person's key history as the server keeps it; each proof of possession is
                // checked here too, against the case the signed bytes name.
                let registered: Option<tahawul_domain::Person> = client
                    .call(reqwest::Method::GET, &format!("/api/v1/people/{person}"), None)
                    .ok()
                    .and_then(|p| serde_json::from_value(p["body"].clone()).ok());
                let case_id = serde_json::from_slice::<serde_json::Value>(&bytes)
                    .ok()
                    .and_then(|v| v["case"].as_str().and_then(tahawul_domain::Id::parse));
                let key = s["key"].as_str().and_then(|k| PublicKey::parse(k).ok());
                let sig = s["signature"].as_str().and_then(|k| Signature::parse(k).ok());
                let at = s["signed_at"].as_str().and_then(|t| t.parse::<jiff::Timestamp>().ok());
                let valid = match (registered, key, sig, at, case_id) {
                    (Some(p), Some(k), Some(g), Some(at), Some(case_id)) => {
                        let proofs_hold = p.keys.iter().all(|e| match (&e.nonce, &e.proof) {
                            (Some(n), Some(proof)) => {
                                e.key.verifies(&tahawul_domain::keys::challenge(&case_id, &p.id, &e.key, n), proof)
                            }
                            _ => true,
                        });
                        proofs_hold
                            && tahawul_domain::keys::valid_at(&p, &k, at) == tahawul_domain::keys::KeyValidity::Valid
                            && k.verifies(&bytes, &g)
                    }
                    _ => false,
                };
                ok_all &= valid;
                sigs.push((person, valid));
            }
            if !ok_all {
                failed.push(round.clone());
            }
            match ctx.format {
                Format::Json => out.push(json!({
                    "round": round, "digest": doc["digest"], "server_state": doc["state"],
                    "signatures": sigs.iter().map(|(p, v)| json!({ "person": p, "valid": v })).collect::<Vec<_>>(),
                })),
                Format::Table => {
                    println!("{round}: {}", doc["state"].as_str().unwrap_or(""));
                    for (p, v) in &sigs {
                        let id = if *v { "record-cli-server-signature-ok" } else { "record-cli-server-signature-bad" };
                        println!("    {}", ctx.t(&Message::new(id).arg("person", p.as_str())));
                    }
                }
            }
        }
        if ctx.format == Format::Json {
            print_json(&out);
        }
        if failed.is_empty() {
            Ok(())
        } else {
            Err(Failure::Problem(
                Message::new("record-verify-failed").arg("count", failed.len()).arg("rounds", failed.join(", ")),
                Some(Message::new("record-verify-failed-help")),
            ))
        }
    }
}
