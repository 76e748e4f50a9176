//! The audit log, for auditors and the secretariat: the chain's verification (verified up to
//! seq N, or where it breaks) and the entries, newest first, a page at a time, each action in
//! words ("Signed the minutes of round …", not `minutes-sign round`). Reading only: this page
//! has no form that writes.
//!
//! The usual view (newest first, no search or filter) reads only the page's entries, by seq:
//! the log only grows, so page N of the newest-first view is a known range of seqs. A search,
//! a filter or another order reads the whole log and narrows it (see BENCHMARKS.md for what
//! that costs at 10,000 entries).

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;
use serde_json::Value;
use tahawul_i18n::{Lang, Localizer, Message};
use tahawul_ledger::AuditEntry;

use super::Page;
use crate::AppState;
use crate::auth::AuthSession;
use crate::pages::table::{Cell, Column, Key, Row, Shown, Table, TableQuery};

/// `GET /audit`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = TableQuery::parse(raw.as_deref());
    let here = q.link("/audit", &[]);
    let p = match Page::open(&session, &state, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(reader) = p.access.audit_reader() else {
        return p.forbidden();
    };
    let verified = match reader.verify().await {
        Ok(v) => v,
        Err(e) => return p.failure(e),
    };
    let title = p.tr("pages-work-audit-title");
    let mut table = Table::new(
        "audit",
        title.clone(),
        vec![
            Column::new("seq", p.tr("pages-work-col-seq")).desc_first(),
            Column::new("when", p.tr("pages-work-col-when")).desc_first(),
            // Who: by the search (the log names more people than any page of it).
            Column::new("actor", p.tr("pages-work-col-actor")),
            Column::new("action", p.tr("pages-work-col-action"))
                .options(ACTIONS.iter().map(|c| (c.to_string(), action_name(&p.loc, c))).collect()),
            Column::new("record", p.tr("pages-work-col-record"))
                .options(KINDS.iter().map(|k| (k.to_string(), kind_text(&p.loc, k))).collect()),
        ],
    )
    .sorted_by("seq", true);
    // The usual view of an intact chain reads one page of seqs; anything else reads the log.
    let entries = match (&verified, q.is_default() && !q.csv) {
        (Ok(chain), true) => {
            let total = chain.head.seq;
            let per = q.per as u64;
            let pages = total.div_ceil(per).max(1);
            let page = (q.page as u64).min(pages);
            let hi = total.saturating_sub((page - 1) * per);
            let lo = hi.saturating_sub(per);
            table.pre_paged = Some(total as usize);
            match reader.entries(lo, hi - lo).await {
                Ok(mut e) => {
                    e.reverse();
                    e
                }
                Err(e) => return p.failure(e),
            }
        }
        _ => match reader.entries(0, i64::MAX as u64).await {
            Ok(e) => e,
            Err(e) => return p.failure(e),
        },
    };
    table.rows = entries.iter().map(|e| row(&p, e)).collect();
    let shown = match table.show(&q, &p.loc, "/audit") {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    let main = html! {
        h1 id="audit-title" { (title) }
        @match &verified {
            Ok(chain) => p id="chain" class="met" role="status" {
                "✓ " (p.fmt(Message::new("pages-work-chain-verified").arg("seq", chain.head.seq)))
            },
            Err(b) => div id="chain" class="error" role="alert" {
                p { "✗ " (p.fmt(Message::new("pages-work-chain-broken").arg("seq", b.seq))) }
                // The kind of break is the ledger's technical wording (English), for the
                // auditor's report.
                p lang="en" dir="ltr" { code { (b.kind.to_string()) } }
            },
        }
        @if entries.is_empty() && q.is_default() {
            p { (p.tr("pages-work-audit-empty")) }
        } @else {
            (shown)
        }
    };
    p.render(StatusCode::OK, &title, main)
}

fn row(p: &Page, e: &AuditEntry) -> Row {
    let at = jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%#z", &e.at)
        .or_else(|_| e.at.parse::<jiff::Timestamp>())
        .map_or(Key::Empty, |t| Key::Int(t.as_second()));
    let said = action_text(&p.loc, e);
    let code = action_code(e);
    let kind = kind_text(&p.loc, &e.kind);
    Row::new(vec![
        Cell::new(Key::Int(e.seq as i64), e.seq.to_string(), html! { (p.n(e.seq as f64)) }),
        Cell::new(at, e.at.clone(), html! { (p.when(&e.at)) }),
        Cell::text(e.actor.clone()).ltr(),
        Cell::new(Key::text(&said), said.clone(), html! { (said) " " code class="hint" dir="ltr" { (e.action) } })
            .filter_any(vec![(code.clone(), action_name(&p.loc, &code))]),
        Cell::new(Key::text(&kind), kind.clone(), html! { (kind) " " code dir="ltr" { (e.record_id) } })
            .filter_by(e.kind.clone()),
    ])
    .id(format!("seq-{}", e.seq))
}

/// What the entry did, as a code: the action stored, except that a round's update whose only
/// change is more signatures (entries written before signing had its own action) is a
/// signature.
fn action_code(e: &AuditEntry) -> String {
    let signatures = |v: &Option<Value>| {
        v.as_ref().and_then(|v| v.pointer("/body/signatures")).and_then(Value::as_array).map_or(0, Vec::len)
    };
    if e.action == "update" && e.kind == "round" && signatures(&e.after) > signatures(&e.before) {
        return "minutes-sign".into();
    }
    e.action.clone()
}

/// The record's name as the entry holds it (a round's, a person's), else its id.
fn record_name(lang: Lang, e: &AuditEntry) -> String {
    let name = |v: &Option<Value>| {
        let n = v.as_ref()?.pointer("/body/name")?;
        let s = n.get(lang.code()).or_else(|| n.get("en")).and_then(Value::as_str).or_else(|| n.as_str())?;
        (!s.trim().is_empty()).then(|| s.to_string())
    };
    name(&e.after).or_else(|| name(&e.before)).unwrap_or_else(|| e.record_id.clone())
}

/// The entry's action in words, in the reader's language.
pub(crate) fn action_text(loc: &Localizer, e: &AuditEntry) -> String {
    let code = action_code(e);
    let id = match (code.as_str(), e.kind.as_str()) {
        ("minutes-sign", _) => "pages-audit-minutes-sign",
        ("key-register", _) => "pages-audit-key-register",
        ("key-retire", _) => "pages-audit-key-retire",
        ("assessment-submit", _) => "pages-audit-assessment-submit",
        ("assessment-endorse", _) => "pages-audit-assessment-endorse",
        ("assessment-return", _) => "pages-audit-assessment-return",
        ("insert", "observations") => "pages-audit-observations-insert",
        ("create", "token") => "pages-audit-token-create",
        ("revoke", "token") => "pages-audit-token-revoke",
        ("create", "user") => "pages-audit-user-create",
        ("disable", "user") => "pages-audit-user-disable",
        ("enable", "user") => "pages-audit-user-enable",
        ("change-password", "user") => "pages-audit-user-change-password",
        ("reset-password", "user") => "pages-audit-user-reset-password",
        ("settings", "user") => "pages-audit-user-settings",
        ("create", _) => "pages-audit-create",
        ("update", _) => "pages-audit-update",
        ("delete", _) => "pages-audit-delete",
        ("import", _) => "pages-audit-import",
        _ => "pages-audit-other",
    };
    loc.format(
        &Message::new(id)
            .arg("kind", kind_text(loc, &e.kind))
            .arg("record", record_name(loc.lang(), e))
            .arg("action", e.action.as_str()),
    )
}

/// The actions the store writes, for the filter's choices (the usual view reads one page, so
/// the choices cannot come from the rows).
const ACTIONS: [&str; 17] = [
    "create",
    "update",
    "delete",
    "import",
    "insert",
    "disable",
    "enable",
    "change-password",
    "reset-password",
    "settings",
    "revoke",
    "minutes-sign",
    "key-register",
    "key-retire",
    "assessment-submit",
    "assessment-endorse",
    "assessment-return",
];

/// The kinds of record the log names.
const KINDS: [&str; 24] = [
    "case",
    "party",
    "person",
    "area",
    "factor",
    "scale",
    "publisher",
    "method",
    "indicator",
    "assessment",
    "phase",
    "round",
    "commitment",
    "document",
    "scenario",
    "statement-version",
    "consultation",
    "consultation-version",
    "consultation-response",
    "follow-up",
    "decision-link",
    "observations",
    "user",
    "token",
];

/// An action's short name, for the filter's choices; an action this page does not know yet
/// shows as stored.
fn action_name(loc: &Localizer, code: &str) -> String {
    let id = match code {
        "create" => "pages-audit-name-create",
        "update" => "pages-audit-name-update",
        "delete" => "pages-audit-name-delete",
        "import" => "pages-audit-name-import",
        "insert" => "pages-audit-name-insert",
        "disable" => "pages-audit-name-disable",
        "enable" => "pages-audit-name-enable",
        "change-password" => "pages-audit-name-change-password",
        "reset-password" => "pages-audit-name-reset-password",
        "settings" => "pages-audit-name-settings",
        "revoke" => "pages-audit-name-revoke",
        "minutes-sign" => "pages-audit-name-minutes-sign",
        "key-register" => "pages-audit-name-key-register",
        "key-retire" => "pages-audit-name-key-retire",
        "assessment-submit" => "pages-audit-name-assessment-submit",
        "assessment-endorse" => "pages-audit-name-assessment-endorse",
        "assessment-return" => "pages-audit-name-assessment-return",
        other => return other.to_string(),
    };
    loc.tr(id)
}

/// The kind of record in words; a kind this page does not know yet shows as stored.
fn kind_text(loc: &Localizer, kind: &str) -> String {
    let id = match kind {
        "case" => "pages-audit-kind-case",
        "party" => "pages-audit-kind-party",
        "person" => "pages-audit-kind-person",
        "area" => "pages-audit-kind-area",
        "factor" => "pages-audit-kind-factor",
        "scale" => "pages-audit-kind-scale",
        "publisher" => "pages-audit-kind-publisher",
        "method" => "pages-audit-kind-method",
        "indicator" => "pages-audit-kind-indicator",
        "assessment" => "pages-audit-kind-assessment",
        "phase" => "pages-audit-kind-phase",
        "round" => "pages-audit-kind-round",
        "commitment" => "pages-audit-kind-commitment",
        "document" => "pages-audit-kind-document",
        "scenario" => "pages-audit-kind-scenario",
        "statement-version" => "pages-audit-kind-statement-version",
        "consultation" => "pages-audit-kind-consultation",
        "consultation-version" => "pages-audit-kind-consultation-version",
        "consultation-response" => "pages-audit-kind-consultation-response",
        "follow-up" => "pages-audit-kind-follow-up",
        "decision-link" => "pages-audit-kind-decision-link",
        "observations" => "pages-audit-kind-observations",
        "user" => "pages-audit-kind-user",
        "token" => "pages-audit-kind-token",
        other => return other.to_string(),
    };
    loc.tr(id)
}
