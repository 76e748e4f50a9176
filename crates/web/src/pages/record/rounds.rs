//! `/rounds` and `/rounds/{id}`: the dialogue rounds, each with its meetings, attendance,
//! decisions and what they created or changed, and the state of its co-signed minutes — who
//! signed, whether it verifies, and which parts changed after signing. A delegation head
//! signs here in the browser (`sign.js`, WebCrypto Ed25519); the server verifies.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{Markup, html};
use tahawul_domain::minutes::{MinutesState, PartChange, Refusal, SignatureState};
use tahawul_domain::record::{Effect, LinkTarget};
use tahawul_domain::{Case, Id};
use tahawul_i18n::{Localizer, Message};
use tahawul_store::{RecordKind, Role};

use super::{Ctx, num, when};
use crate::AppState;
use crate::access::{KeyRegister, MinutesView};
use crate::auth::AuthSession;
use crate::pages::table::{Cell, Column, Key, Row, Shown, Table, TableQuery};

fn person(case: &Case, loc: &Localizer, id: &Id) -> String {
    case.person(id.as_str()).map_or(id.to_string(), |p| p.name.get(loc.lang()).to_string())
}

fn party(case: &Case, loc: &Localizer, id: &str) -> String {
    case.party(id).map_or(id.to_string(), |p| p.name.get(loc.lang()).to_string())
}

/// The minutes' state in words.
pub(super) fn state_text(loc: &Localizer, s: MinutesState) -> String {
    match s {
        MinutesState::Unsigned => loc.tr("pages-record-minutes-unsigned"),
        MinutesState::Partial { signed, heads } => {
            loc.format(&Message::new("pages-record-minutes-partial").arg("signed", signed).arg("heads", heads))
        }
        MinutesState::Verified { heads } => {
            loc.format(&Message::new("pages-record-minutes-verified").arg("heads", heads))
        }
        MinutesState::Refused => loc.tr("pages-record-minutes-refused"),
        MinutesState::Tampered => loc.tr("pages-record-minutes-tampered"),
    }
}

fn state_class(s: MinutesState) -> &'static str {
    match s {
        MinutesState::Verified { .. } => "met",
        MinutesState::Refused | MinutesState::Tampered => "not-met",
        _ => "no-data",
    }
}

/// `GET /rounds`.
pub async fn list(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = TableQuery::parse(raw.as_deref());
    let cx = match Ctx::new(&session, &state, &headers, &q.link("/rounds", &[])).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let loc = &cx.loc;
    let lang = loc.lang();
    let case = match cx.access.case().await {
        Ok(c) => c,
        Err(e) => return cx.error(e, "/dashboard"),
    };
    let title = loc.tr("pages-record-rounds-title");
    let mut table = Table::new(
        "rounds",
        title.clone(),
        vec![
            Column::new("round", loc.tr("pages-record-round")).row_header(),
            Column::new("dates", loc.tr("pages-record-dates")).desc_first(),
            Column::new("place", loc.tr("pages-record-place")).filter(),
            Column::new("decisions", loc.tr("pages-record-decisions")).desc_first(),
            Column::new("commitments", loc.tr("pages-record-commitments")).desc_first(),
            Column::new("minutes", loc.tr("pages-record-minutes")).filter(),
        ],
    );
    let day = |d: jiff::civil::Date| i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day());
    for r in &case.rounds {
        let minutes = cx.access.minutes(r.id.as_str()).await.ok();
        let commitments = case.commitments.iter().filter(|c| c.round == r.id).count();
        let name = r.name.get(lang);
        let place = r.place.get(lang);
        let minutes_text =
            minutes.as_ref().map_or_else(|| loc.tr("pages-record-minutes-hidden"), |m| state_text(loc, m.check.state));
        let minutes_class = minutes.as_ref().map_or("no-data", |m| state_class(m.check.state));
        table.rows.push(Row::new(vec![
            Cell::new(Key::text(name), name, html! { a href={ "/rounds/" (r.id) } { bdi { (name) } } }),
            Cell::new(
                Key::Int(day(r.start)),
                format!("{} – {}", r.start, r.end),
                html! { (when(loc, r.start)) " – " (when(loc, r.end)) },
            ),
            Cell::text(place),
            Cell::new(
                Key::Int(r.decisions.len() as i64),
                r.decisions.len().to_string(),
                html! { (num(loc, r.decisions.len())) },
            ),
            Cell::new(Key::Int(commitments as i64), commitments.to_string(), html! { (num(loc, commitments)) }),
            Cell::new(
                Key::text(&minutes_text),
                minutes_text.clone(),
                html! { span class=(minutes_class) { (minutes_text) } },
            ),
        ]));
    }
    let empty = table.rows.is_empty();
    let rounds = match table.show(&q, loc, "/rounds") {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    // Coalition partners are not party to the signing: no register for them.
    let register = cx.access.key_register().await.ok();
    let main = html! {
        h1 id="rounds-title" { (title) }
        @if empty { p { (loc.tr("pages-record-rounds-none")) } }
        @else { (rounds) }
        @if let Some(reg) = &register { (key_register(loc, &case, reg)) }
    };
    cx.page(&title, "/rounds", main)
}

/// Who can sign for whom, as both delegations see it: each head's key (fingerprint, since
/// when, earlier keys and who retired them) and every head account with when it was made, so
/// an account made to act for a party is seen by the other party too.
fn key_register(loc: &Localizer, case: &Case, reg: &KeyRegister) -> Markup {
    let at = |t: &str| t.get(..16).unwrap_or(t).replace('T', " ");
    html! {
        section id="key-register" aria-labelledby="key-register-h" {
            h2 id="key-register-h" { (loc.tr("keys-page-register-title")) }
            ul id="head-keys" {
                @for p in &reg.people {
                    li data-person=(p.person) {
                        @let name = person(case, loc, &Id::parse(&p.person).unwrap_or_else(|| case.id.clone()));
                        @match (&p.fingerprint, p.history.last()) {
                            (Some(fp), Some(last)) => (loc.format(&Message::new("keys-page-person-key")
                                .arg("person", name.as_str())
                                .arg("fingerprint", fp.as_str())
                                .arg("since", last.added_at.map_or_else(|| loc.tr("keys-page-since-start"), |t| at(&t.to_string()))))),
                            _ => (loc.format(&Message::new("keys-page-person-no-key").arg("person", name.as_str()))),
                        }
                        @let retired: Vec<_> = p.history.iter().filter(|e| e.retired_at.is_some()).collect();
                        @if !retired.is_empty() {
                            ul {
                                @for e in retired {
                                    li { (loc.format(&Message::new("keys-page-key-retired")
                                        .arg("fingerprint", tahawul_domain::keys::fingerprint(&e.key))
                                        .arg("at", e.retired_at.map(|t| at(&t.to_string())).unwrap_or_default())
                                        .arg("by", e.retired_by.clone().unwrap_or_default()))) }
                                }
                            }
                        }
                    }
                }
            }
            h3 { (loc.format(&Message::new("keys-page-head-accounts").arg("count", reg.head_accounts.len()))) }
            ul id="head-accounts" {
                @for a in &reg.head_accounts {
                    li data-account=(a.name) {
                        (loc.format(&Message::new(if a.disabled { "keys-page-head-account-disabled" } else { "keys-page-head-account" })
                            .arg("name", a.name.as_str())
                            .arg("party", a.party.as_deref().map_or(String::new(), |p| party(case, loc, p)))
                            .arg("at", at(&a.created_at))))
                    }
                }
            }
        }
    }
}

fn change_text(loc: &Localizer, c: &PartChange) -> String {
    let (id, part) = match c {
        PartChange::Changed(p) => ("pages-record-part-changed", p),
        PartChange::Added(p) => ("pages-record-part-added", p),
        PartChange::Removed(p) => ("pages-record-part-removed", p),
    };
    loc.format(&Message::new(id).arg("part", part.as_str()))
}

/// Who signed and what the server found.
fn signatures(loc: &Localizer, case: &Case, m: &MinutesView) -> Markup {
    html! {
        @if m.check.signatures.is_empty() { p { (loc.tr("pages-record-no-signatures")) } }
        ul id="signatures" {
            @for (s, st) in &m.check.signatures {
                li data-person=(s.person) data-state=(match st { SignatureState::Valid => "valid", SignatureState::Refused(_) => "refused", SignatureState::Tampered(_) => "tampered" }) {
                    strong { bdi { (person(case, loc, &s.person)) } } " · " (when(loc, s.signed_at.strftime("%Y-%m-%d %H:%M UTC")))
                    " · "
                    @match st {
                        SignatureState::Valid => span class="met" { (loc.tr("pages-record-signature-valid")) },
                        SignatureState::Refused(r) => span class="not-met" { (loc.tr(match r {
                            Refusal::NotHead => "pages-record-refused-not-head",
                            Refusal::NoRegisteredKey => "pages-record-refused-no-key",
                            Refusal::WrongKey => "pages-record-refused-wrong-key",
                            Refusal::KeyNotValidThen => "keys-page-refused-not-valid-then",
                            Refusal::Duplicate => "pages-record-refused-duplicate",
                        })) },
                        SignatureState::Tampered(changes) => {
                            span class="not-met" { (loc.tr("pages-record-signature-tampered")) }
                            @if changes.is_empty() { " " (loc.tr("pages-record-signature-altered")) }
                        },
                    }
                    @if s.illustrative { " · " em { (loc.tr("pages-record-illustrative")) } }
                    br;
                    code class="key" dir="ltr" { (s.key.to_string()) }
                    " · " code class="fingerprint" dir="ltr" { (tahawul_domain::keys::fingerprint(&s.key)) }
                }
            }
        }
    }
}

/// The parts that changed after signing, from every tampered signature.
fn changed_parts(m: &MinutesView) -> Vec<PartChange> {
    let mut out: Vec<PartChange> = Vec::new();
    for (_, st) in &m.check.signatures {
        if let SignatureState::Tampered(ch) = st {
            for c in ch {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
        }
    }
    out
}

/// `GET /rounds/{id}`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let here = format!("/rounds/{id}");
    let cx = match Ctx::new(&session, &state, &headers, &here).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let loc = &cx.loc;
    if let Err(e) = cx.access.get(RecordKind::Round, &id).await {
        return cx.error(e, "/rounds");
    }
    let case = match cx.access.case().await {
        Ok(c) => c,
        Err(e) => return cx.error(e, "/rounds"),
    };
    let Some(round) = case.round(&id) else {
        return cx.error(crate::ApiError::NotFound(id), "/rounds");
    };
    let minutes = cx.access.minutes(&id).await.ok();
    let links = match cx.access.decision_links().await {
        Ok(l) => tahawul_domain::record::decision_links(&case, round, &l),
        Err(e) => return cx.error(e, "/rounds"),
    };
    let changed = minutes.as_ref().map(changed_parts).unwrap_or_default();
    // A part is marked when a signature no longer verifies because of it.
    let mark = |label: String| changed.iter().any(|c| c.label() == label);
    let user = cx.access.user();
    let my_head = match (user.role, &user.party) {
        (Role::DelegationHead, Some(p)) => {
            round.delegations.iter().find(|d| d.party.as_str() == p).and_then(|d| d.head.clone())
        }
        _ => None,
    };
    let title = round.name.get(loc.lang()).to_string();
    let main = html! {
        h1 id="round-title" { (title) }
        p { (when(loc, round.start)) " – " (when(loc, round.end)) " · " (round.place.get(loc.lang())) }
        @if let Some(f) = &round.framework { p { (loc.format(&Message::new("pages-record-framework").arg("framework", f.get(loc.lang())))) } }
        p {
            a href={ "/rounds/" (round.id) "/statement" } { (loc.tr("pages-record-statement-link")) }
            " · "
            a id="statement-pdf" href={ "/rounds/" (round.id) "/statement.pdf" } type="application/pdf" download { (loc.tr("documents-link-statement")) }
        }

        section aria-labelledby="minutes-h" id="minutes" {
            h2 id="minutes-h" { (loc.tr("pages-record-minutes")) }
            @match &minutes {
                None => p { (loc.tr("pages-record-minutes-hidden")) },
                Some(m) => {
                    p id="minutes-state" class=(state_class(m.check.state)) data-state=(crate::routes::record::state_word(m.check.state)) { strong { (state_text(loc, m.check.state)) } }
                    @for d in &m.check.unnamed_heads {
                        p { (loc.format(&Message::new("pages-record-head-unnamed").arg("party", party(&case, loc, d.as_str())))) }
                    }
                    @if !changed.is_empty() {
                        div role="alert" class="error" id="changed-parts" {
                            p { (loc.tr("pages-record-changed-after-signing")) }
                            ul { @for c in &changed { li { (change_text(loc, c)) } } }
                        }
                    }
                    (signatures(loc, &case, m))
                    p { (loc.tr("pages-record-digest")) " " code dir="ltr" id="minutes-digest" { (m.digest) } }
                    p { a id="minutes-pdf" href={ "/rounds/" (round.id) "/minutes.pdf" } type="application/pdf" download { (loc.tr("documents-link-minutes")) } }
                    @if let Some(head) = &my_head {
                        (sign_form(&cx, &case, &round.id, head))
                    }
                }
            }
        }

        section aria-labelledby="delegations-h" {
            h2 id="delegations-h" { (loc.tr("pages-record-delegations")) }
            ul {
                @for d in &round.delegations {
                    li class=[mark(format!("delegation:{}", d.party)).then_some("changed")] {
                        strong { (party(&case, loc, d.party.as_str())) } ": "
                        @match &d.head {
                            Some(h) => (loc.format(&Message::new("pages-record-led-by").arg("name", person(&case, loc, h)))),
                            None => (loc.tr("pages-record-head-not-named")),
                        }
                        @for m in &d.members { ", " bdi { (person(&case, loc, m)) } }
                        @for o in &d.offices { ", " (o.get(loc.lang())) }
                    }
                }
            }
        }

        section aria-labelledby="meetings-h" {
            h2 id="meetings-h" { (loc.tr("pages-record-meetings")) }
            ol {
                @for (i, m) in round.meetings.iter().enumerate() {
                    li class=[mark(format!("meeting:{}", i + 1)).then_some("changed")] {
                        (m.description.get(loc.lang()))
                        @if !m.participants.is_empty() {
                            br;
                            small { (loc.tr("pages-record-attendance")) " " @for (k, p) in m.participants.iter().enumerate() { @if k > 0 { (loc.tr("pages-record-list-sep")) } bdi { (person(&case, loc, p)) } } }
                        }
                    }
                }
            }
        }

        section aria-labelledby="decisions-h" {
            h2 id="decisions-h" { (loc.tr("pages-record-decisions")) }
            ol id="decisions" {
                @for d in &round.decisions {
                    li id={ "decision-" (d.id) } class=[mark(format!("decision:{}", d.id)).then_some("changed")] {
                        (d.text.get(loc.lang()))
                        @let mine: Vec<_> = links.iter().filter(|l| l.decision == d.id).collect();
                        @if !mine.is_empty() {
                            ul class="links" {
                                @for l in mine {
                                    li {
                                        (loc.tr(match l.effect { Effect::Creates => "pages-record-link-creates", Effect::Changes => "pages-record-link-changes" })) " "
                                        @match l.kind {
                                            LinkTarget::Commitment => a href={ "/commitments?round=" (round.id) "#c-" (l.target) } { (case.commitments.iter().find(|c| c.id == l.target).map_or(l.target.to_string(), |c| c.text.get(loc.lang()).to_string())) },
                                            LinkTarget::Phase | LinkTarget::Gate => a href="/gates" { (loc.tr(if l.kind == LinkTarget::Gate { "pages-record-link-gate" } else { "pages-record-link-phase" })) " " (case.phase(l.target.as_str()).map_or(l.target.to_string(), |p| p.name.get(loc.lang()).to_string())) },
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        section aria-labelledby="round-commitments-h" {
            h2 id="round-commitments-h" { (loc.tr("pages-record-commitments")) }
            ul {
                @for c in case.commitments.iter().filter(|c| c.round == round.id && !c.addendum) {
                    li class=[mark(format!("commitment:{}", c.id)).then_some("changed")] {
                        a href={ "/commitments?round=" (round.id) "#c-" (c.id) } { (c.text.get(loc.lang())) }
                    }
                }
            }
        }
    };
    cx.page(&title, &here, main)
}

/// The head's signing controls: a key kept in this browser (generated, or imported from the
/// 32-byte seed of a `tahawul key new` key), and a button that signs the canonical bytes
/// fetched from the API and posts the signature. Without script, the CLI does the same.
fn sign_form(cx: &Ctx, case: &Case, round: &Id, head: &Id) -> Markup {
    let loc = &cx.loc;
    let registered =
        case.person(head.as_str()).and_then(tahawul_domain::keys::current).map(|k| k.to_string()).unwrap_or_default();
    html! {
        section id="sign" aria-labelledby="sign-h"
            data-round=(round) data-person=(head) data-csrf=(cx.csrf) data-registered=(registered)
            data-msg-registered=(loc.tr("keys-page-registered"))
            data-msg-no-key=(loc.tr("pages-record-sign-no-key"))
            data-msg-key=(loc.tr("pages-record-sign-key"))
            data-msg-not-registered=(loc.tr("pages-record-sign-not-registered"))
            data-msg-signing=(loc.tr("pages-record-sign-signing"))
            data-msg-signed=(loc.tr("pages-record-sign-signed"))
            data-msg-unsupported=(loc.tr("pages-record-sign-unsupported"))
            data-msg-bad-seed=(loc.tr("pages-record-sign-bad-seed")) {
            h3 id="sign-h" { (loc.format(&Message::new("pages-record-sign-title").arg("name", person(case, loc, head)))) }
            p { (loc.tr("pages-record-sign-explain")) }
            noscript { p { (loc.tr("pages-record-sign-noscript")) } }
            p id="sign-key" aria-live="polite" {}
            div class="stack" {
                button type="button" id="sign-generate" { (loc.tr("pages-record-sign-generate")) }
                label for="sign-seed" { (loc.tr("pages-record-sign-seed")) }
                input id="sign-seed" type="password" autocomplete="off" dir="ltr";
                button type="button" id="sign-import" { (loc.tr("pages-record-sign-import")) }
                button type="button" id="sign-register" { (loc.tr("keys-page-register-button")) }
                button type="button" id="sign-button" { (loc.tr("pages-record-sign-button")) }
            }
            p id="sign-status" role="status" aria-live="polite" {}
            script src="/assets/record-sign.js" defer {}
        }
    }
}
