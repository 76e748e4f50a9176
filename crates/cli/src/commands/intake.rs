//! `tahawul intake FILE [--in ar|en] [--case DIR | --server URL]`: reads a statement, or a
//! news report of one, and prints what it proposes for the record (see `tahawul_intake`).
//! It proposes only: nothing is written, locally or on the server — but with `--submit` the
//! server keeps the text and its proposals for the secretariat's review (`/api/v1/intakes`).

use std::io::Read;
use std::path::PathBuf;

use clap::{Arg, ArgMatches, Command, value_parser};
use serde_json::{Value, json};
use tahawul_i18n::{Lang, Localizer, Message};

use super::{Failure, print_json};
use crate::app::{Ctx, Format};

/// The `intake` command.
pub fn command(loc: &Localizer) -> Command {
    Command::new("intake")
        .about(loc.tr("intake-cli-about"))
        .arg(Arg::new("file").value_name("FILE").required(true).help(loc.tr("intake-cli-arg-file")))
        // `--lang` is the interface's language; the text's own is `--in`, as for `statement draft`.
        .arg(Arg::new("in").long("in").value_name("ar|en").value_parser(["ar", "en"]).help(loc.tr("intake-cli-arg-in")))
        .arg(super::case_arg(loc))
        .arg(
            Arg::new("compare")
                .long("compare")
                .value_name("OTHER")
                .conflicts_with("server")
                .help(loc.tr("intake-cli-arg-compare")),
        )
        .arg(
            Arg::new("server")
                .long("server")
                .value_name("URL")
                .conflicts_with("case")
                .help(loc.tr("intake-cli-arg-server")),
        )
        .arg(
            Arg::new("submit")
                .long("submit")
                .action(clap::ArgAction::SetTrue)
                .requires("server")
                .conflicts_with("compare")
                .help(loc.tr("intake-cli-arg-submit")),
        )
        // `intake accept|reject ID`: the secretariat's review from a terminal, as on the page
        // and the API. A file named `accept` is read as `./accept`.
        .args_conflicts_with_subcommands(true)
        .subcommand_negates_reqs(true)
        .subcommand(
            review_command(loc, "accept", "intake-cli-accept-about")
                .arg(Arg::new("document").long("document").value_name("ID").help(loc.tr("intake-cli-arg-document"))),
        )
        .subcommand(review_command(loc, "reject", "intake-cli-reject-about").arg(
            Arg::new("reason").long("reason").value_name("TEXT").required(true).help(loc.tr("intake-cli-arg-reason")),
        ))
}

/// What `accept` and `reject` share: the intake's number, the proposals, the server.
fn review_command(loc: &Localizer, name: &'static str, about: &'static str) -> Command {
    Command::new(name)
        .about(loc.tr(about))
        .arg(
            Arg::new("id")
                .value_name("INTAKE")
                .required(true)
                .value_parser(value_parser!(u64))
                .help(loc.tr("intake-cli-arg-id")),
        )
        .arg(
            Arg::new("proposals")
                .long("proposals")
                .value_name("N,N,…")
                .required(true)
                .value_delimiter(',')
                .value_parser(value_parser!(u64))
                .help(loc.tr("intake-cli-arg-proposals")),
        )
        .arg(Arg::new("server").long("server").value_name("URL").required(true).help(loc.tr("intake-cli-arg-server")))
}

/// `intake accept|reject`: one request to the server, which applies the rules (all or
/// nothing); prints the proposals acted on and what became of them.
fn review(ctx: &Ctx, action: &str, m: &ArgMatches) -> Result<(), Failure> {
    let id = m.get_one::<u64>("id").copied().unwrap_or(0);
    let indices: Vec<u64> = m.get_many::<u64>("proposals").map(|v| v.copied().collect()).unwrap_or_default();
    let url = m.get_one::<String>("server").map_or("", String::as_str);
    let client = super::server_client::ServerClient::new(url)?;
    let body = if action == "accept" {
        let mut b = json!({ "proposals": indices.iter().map(|i| json!({ "index": i })).collect::<Vec<_>>() });
        if let Some(d) = m.get_one::<String>("document") {
            b["document"] = json!(d);
        }
        b
    } else {
        json!({ "proposals": indices, "reason": m.get_one::<String>("reason").cloned().unwrap_or_default() })
    };
    let intake = client.call(reqwest::Method::POST, &format!("/api/v1/intakes/{id}/{action}"), Some(body))?;
    match ctx.format {
        Format::Json => print_json(&intake),
        Format::Table => {
            for p in intake["proposals"].as_array().into_iter().flatten() {
                let Some(index) = p["index"].as_u64().filter(|i| indices.contains(i)) else { continue };
                let line = match (p["state"].as_str(), p["record"]["id"].as_str()) {
                    (Some("accepted"), Some(record)) => Message::new("intake-cli-accepted")
                        .arg("index", index)
                        .arg("kind", p["record"]["kind"].as_str().unwrap_or("").to_string())
                        .arg("record", record.to_string()),
                    _ => Message::new("intake-cli-reviewed")
                        .arg("index", index)
                        .arg("state", p["state"].as_str().unwrap_or("").to_string()),
                };
                println!("{}", ctx.t(&line));
            }
        }
    }
    Ok(())
}

/// Reads the file (bounded: a text over the limit is refused before it is read whole).
fn read_text(file: &str) -> Result<String, Failure> {
    let limit = tahawul_intake::MAX_TEXT_BYTES;
    let cannot = |e: std::io::Error| {
        Failure::Problem(Message::new("intake-cli-cannot-read").arg("file", file).arg("detail", e.to_string()), None)
    };
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> =
        if file == "-" { Box::new(std::io::stdin()) } else { Box::new(std::fs::File::open(file).map_err(cannot)?) };
    reader.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > limit {
        let size = std::fs::metadata(file).map_or(bytes.len(), |m| m.len() as usize);
        let e = tahawul_intake::IntakeError::TooLarge { bytes: size, limit };
        return Err(Failure::Problem(e.message(), Some(e.help())));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::Problem(
            Message::new("intake-cli-not-utf8").arg("file", file).arg("at", e.utf8_error().valid_up_to()),
            Some(Message::new("intake-cli-not-utf8-help")),
        )
    })
}

/// Reads and prints the proposals.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    if let Some((action, sub)) = m.subcommand() {
        return review(ctx, action, sub);
    }
    let file = m.get_one::<String>("file").map_or("-", String::as_str);
    let text = read_text(file)?;
    if let Some(other) = m.get_one::<String>("compare") {
        let second = read_text(other)?;
        let c = tahawul_intake::compare(&text, &second).map_err(|e| Failure::Problem(e.message(), Some(e.help())))?;
        match ctx.format {
            Format::Json => print_json(&c),
            Format::Table => print!("{}", comparison_table(ctx, &c)),
        }
        return Ok(());
    }
    let lang = m.get_one::<String>("in").and_then(|s| s.parse::<Lang>().ok());
    let report: Value = if let Some(url) = m.get_one::<String>("server") {
        let client = super::server_client::ServerClient::new(url)?;
        let mut body = json!({ "text": text });
        if let Some(l) = lang {
            body["lang"] = json!(l.code());
        }
        if m.get_flag("submit") {
            // Kept for the secretariat's review (issue 16 item 4): the intake as stored.
            let kept = client.call(reqwest::Method::POST, "/api/v1/intakes", Some(body))?;
            match ctx.format {
                Format::Json => print_json(&kept),
                Format::Table => {
                    let mut report = kept["report"].clone();
                    report["proposals"] = Value::Array(
                        kept["proposals"]
                            .as_array()
                            .map(|ps| ps.iter().map(|p| p["proposal"].clone()).collect())
                            .unwrap_or_default(),
                    );
                    print!("{}", table(ctx, &report));
                    println!(
                        "{}",
                        ctx.t(&Message::new("intake-cli-submitted")
                            .arg("id", kept["id"].as_i64().unwrap_or(0))
                            .arg("count", kept["proposals"].as_array().map_or(0, Vec::len))
                            .arg("url", format!("{}/intake/{}", url.trim_end_matches('/'), kept["id"])))
                    );
                }
            }
            return Ok(());
        }
        client.call(reqwest::Method::POST, "/api/v1/intake", Some(body))?
    } else {
        let path = m.get_one::<PathBuf>("case").cloned().unwrap_or_else(crate::app::default_case);
        let case = super::load(&path)?;
        let r = tahawul_intake::read(&text, lang, &case).map_err(|e| Failure::Problem(e.message(), Some(e.help())))?;
        serde_json::to_value(&r).unwrap_or(Value::Null)
    };
    match ctx.format {
        Format::Json => print_json(&report),
        Format::Table => print!("{}", table(ctx, &report)),
    }
    Ok(())
}

/// The report as text in the user's language (from its JSON form, so a server's report and a
/// local one print the same).
fn table(ctx: &Ctx, r: &Value) -> String {
    let lang = ctx.loc.lang();
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let both = |v: &Value| {
        let (a, b) = if lang == Lang::Ar { ("ar", "en") } else { ("en", "ar") };
        v[a].as_str().or(v[b].as_str()).unwrap_or("").to_string()
    };
    let at = |v: &Value| format!("{}–{}", v["start"].as_u64().unwrap_or(0), v["end"].as_u64().unwrap_or(0));
    // Lists join with the language's comma.
    let sep = if lang == Lang::Ar { "، " } else { ", " };
    let unknown = || ctx.loc.tr("intake-unknown");
    let short = |q: &str| {
        let one: String = q.split_whitespace().collect::<Vec<_>>().join(" ");
        if one.chars().count() > 140 { format!("{}…", one.chars().take(140).collect::<String>()) } else { one }
    };
    let mut out = Vec::new();
    let d = &r["document"];
    let language = if d["language"] == "ar" { ctx.loc.tr("intake-lang-ar") } else { ctx.loc.tr("intake-lang-en") };
    out.push(
        ctx.t(&Message::new("intake-document")
            .arg("language", language)
            .arg("chars", d["chars"].as_u64().unwrap_or(0) as usize)
            .arg("outlet", d["outlet"].as_str().map_or_else(unknown, str::to_string))
            .arg("date", d["date"].as_str().map_or_else(unknown, str::to_string))),
    );
    let docs: Vec<String> = d["matches"].as_array().into_iter().flatten().map(s).collect();
    if !docs.is_empty() {
        out.push(ctx.t(&Message::new("intake-document-known").arg("ids", docs.join(sep))));
    }
    let proposals: Vec<&Value> = r["proposals"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let of = |k: &str| proposals.iter().copied().filter(|p| p["kind"] == k).collect::<Vec<_>>();
    out.push(String::new());
    match of("round").first() {
        Some(p) if p["matches"].as_array().is_some_and(|m| !m.is_empty()) => {
            let place = if p["place"].is_object() { format!("{sep}{}", both(&p["place"])) } else { String::new() };
            out.push(
                ctx.t(&Message::new("intake-round")
                    .arg("name", both(&p["text"]))
                    .arg("id", s(&p["matches"][0]))
                    .arg("start", s(&p["dates"]["start"]))
                    .arg("end", s(&p["dates"]["end"]))
                    .arg("place", place)),
            );
        }
        Some(p) => out.push(
            ctx.t(&Message::new("intake-round-new")
                .arg("start", s(&p["dates"]["start"]))
                .arg("end", s(&p["dates"]["end"]))
                .arg("at", at(&p["span"]))),
        ),
        None => out.push(ctx.loc.tr("intake-round-none")),
    }
    let people = of("person");
    out.push(String::new());
    out.push(ctx.t(&Message::new("intake-people").arg("count", people.len())));
    for p in &people {
        out.push(format!(
            "  - {}",
            ctx.t(&Message::new("intake-person")
                .arg("name", both(&p["text"]))
                .arg("id", s(&p["matches"][0]))
                .arg("office", both(&p["office"]))
                .arg("quote", short(&s(&p["quote"])))
                .arg("at", at(&p["span"])))
        ));
    }
    let statements: Vec<&Value> =
        proposals.iter().copied().filter(|p| p["kind"] == "commitment" || p["kind"] == "decision").collect();
    out.push(String::new());
    out.push(ctx.t(&Message::new("intake-statements").arg("count", statements.len())));
    for (n, p) in statements.iter().enumerate() {
        let kind = if p["kind"] == "decision" {
            ctx.loc.tr("intake-kind-decision")
        } else {
            ctx.loc.tr("intake-kind-commitment")
        };
        let ids: Vec<String> = p["matches"].as_array().into_iter().flatten().map(s).collect();
        let confidence = ctx.loc.number(p["confidence"].as_f64().unwrap_or(0.0), 2);
        let head = if ids.is_empty() {
            Message::new("intake-new").arg("kind", kind).arg("confidence", confidence)
        } else {
            Message::new("intake-restates").arg("kind", kind).arg("ids", ids.join(sep)).arg("confidence", confidence)
        };
        out.push(format!("{:>3}. {}", n + 1, ctx.t(&head)));
        out.push(format!("     {}", short(&both(&p["text"]))));
        let parties: Vec<String> = p["party"].as_array().into_iter().flatten().map(s).collect();
        if !parties.is_empty() {
            out.push(format!("     {}", ctx.t(&Message::new("intake-parties").arg("parties", parties.join(sep)))));
        }
        if let Some(due) = p["due"].as_str() {
            out.push(format!("     {}", ctx.t(&Message::new("intake-due").arg("due", due))));
        }
        if let Some(theme) = p["theme"].as_str() {
            out.push(format!("     {}", ctx.t(&Message::new("intake-theme").arg("theme", theme))));
        }
        out.push(format!(
            "     {}",
            ctx.t(&Message::new("intake-quote").arg("at", at(&p["span"])).arg("quote", short(&s(&p["quote"]))))
        ));
        for a in p["also"].as_array().into_iter().flatten() {
            out.push(format!("     {}", ctx.t(&Message::new("intake-also").arg("at", at(a)))));
        }
        for d in p["differences"].as_array().into_iter().flatten() {
            out.push(format!(
                "     {}",
                ctx.t(&Message::new("intake-differs")
                    .arg("field", field_name(ctx, d["field"].as_str().unwrap_or("")))
                    .arg("record", short(&s(&d["record"])))
                    .arg("text", short(&s(&d["text"]))))
            ));
        }
    }
    if statements.is_empty() {
        out.push(format!("  {}", ctx.loc.tr("intake-none")));
    }
    let flags: Vec<&Value> = r["flags"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    out.push(String::new());
    out.push(ctx.t(&Message::new("intake-flags").arg("count", flags.len())));
    for f in flags {
        let kind = match f["kind"].as_str() {
            Some("translation-error") => ctx.loc.tr("intake-flag-translation-error"),
            Some("unknown-name") => ctx.loc.tr("intake-flag-unknown-name"),
            Some("conflict") => ctx.loc.tr("intake-flag-conflict"),
            _ => ctx.loc.tr("intake-flag-invalid-date"),
        };
        out.push(format!(
            "  - {}",
            ctx.t(&Message::new("intake-flag")
                .arg("kind", kind)
                .arg("at", at(&f["span"]))
                .arg("quote", short(&s(&f["quote"]))))
        ));
        if f["suggestion"].is_object() {
            out.push(format!(
                "    {}",
                ctx.t(&Message::new("intake-flag-means").arg("meaning", both(&f["suggestion"])))
            ));
        }
    }
    out.push(String::new());
    out.push(ctx.loc.tr("intake-proposes-only"));
    out.push(String::new());
    out.join("\n")
}

/// A comparison as text in the user's language.
fn comparison_table(ctx: &Ctx, c: &tahawul_intake::Comparison) -> String {
    let at = |s: &tahawul_intake::Span| format!("{}–{}", s.start, s.end);
    let short = |q: &str| {
        let one: String = q.split_whitespace().collect::<Vec<_>>().join(" ");
        if one.chars().count() > 140 { format!("{}…", one.chars().take(140).collect::<String>()) } else { one }
    };
    let none = || ctx.loc.tr("intake-none");
    let list = |v: &[String]| if v.is_empty() { none() } else { v.join(" ") };
    let mut out = vec![ctx.t(&Message::new("intake-compare-pairs").arg("count", c.pairs.len()))];
    for (n, p) in c.pairs.iter().enumerate() {
        out.push(format!(
            "{:>3}. {}",
            n + 1,
            ctx.t(&Message::new("intake-compare-similarity").arg("similarity", ctx.loc.number(p.similarity, 2)))
        ));
        out.push(format!(
            "     {}",
            ctx.t(&Message::new("intake-compare-first")
                .arg("at", at(&p.first.span))
                .arg("quote", short(&p.first.quote)))
        ));
        out.push(format!(
            "     {}",
            ctx.t(&Message::new("intake-compare-second")
                .arg("at", at(&p.second.span))
                .arg("quote", short(&p.second.quote)))
        ));
        if !p.numbers_only_first.is_empty() || !p.numbers_only_second.is_empty() {
            out.push(format!(
                "     {}",
                ctx.t(&Message::new("intake-compare-numbers")
                    .arg("first", list(&p.numbers_only_first))
                    .arg("second", list(&p.numbers_only_second)))
            ));
        }
        if !p.words_only_first.is_empty() || !p.words_only_second.is_empty() {
            out.push(format!(
                "     {}",
                ctx.t(&Message::new("intake-compare-words")
                    .arg("first", list(&p.words_only_first))
                    .arg("second", list(&p.words_only_second)))
            ));
        }
    }
    for (id, v) in [("intake-compare-only-first", &c.only_first), ("intake-compare-only-second", &c.only_second)] {
        out.push(String::new());
        out.push(ctx.t(&Message::new(id).arg("count", v.len())));
        for s in v {
            out.push(format!(
                "  - {}",
                ctx.t(&Message::new("intake-quote").arg("at", at(&s.span)).arg("quote", short(&s.quote)))
            ));
        }
    }
    out.push(String::new());
    out.join("\n")
}

/// A difference's field in the user's language.
fn field_name(ctx: &Ctx, field: &str) -> String {
    ctx.loc.tr(match field {
        "dates" => "intake-field-dates",
        "due" => "intake-field-due",
        "numbers" => "intake-field-numbers",
        "parties" => "intake-field-parties",
        "name" => "intake-field-name",
        _ => "intake-field-wording",
    })
}
