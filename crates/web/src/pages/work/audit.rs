//! The audit log, for auditors and the secretariat: the chain's verification (verified up to
//! seq N, or where it breaks) and the entries, a page at a time. Reading only: this page has
//! no form that writes.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;
use serde::Deserialize;
use tahawul_i18n::Message;

use super::Page;
use crate::AppState;
use crate::auth::AuthSession;

/// Entries per page.
const PAGE: u64 = 50;

/// `?after=N`: the entries after seq N.
#[derive(Debug, Deserialize)]
pub struct After {
    after: Option<u64>,
}

/// `GET /audit`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Query(q): Query<After>,
) -> Response {
    let after = q.after.unwrap_or(0);
    let here = if after > 0 { format!("/audit?after={after}") } else { "/audit".to_string() };
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
    // One more than a page, to know whether there is a next one.
    let mut entries = match reader.entries(after, PAGE + 1).await {
        Ok(e) => e,
        Err(e) => return p.failure(e),
    };
    let more = entries.len() as u64 > PAGE;
    entries.truncate(PAGE as usize);
    let title = p.tr("pages-work-audit-title");
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
        @if entries.is_empty() {
            p { (p.tr("pages-work-audit-empty")) }
        } @else {
            table id="audit" {
                caption { (p.fmt(Message::new("pages-work-audit-range").arg("first", entries[0].seq).arg("last", entries[entries.len() - 1].seq))) }
                thead { tr {
                    th scope="col" { (p.tr("pages-work-col-seq")) }
                    th scope="col" { (p.tr("pages-work-col-when")) }
                    th scope="col" { (p.tr("pages-work-col-actor")) }
                    th scope="col" { (p.tr("pages-work-col-action")) }
                    th scope="col" { (p.tr("pages-work-col-record")) }
                } }
                tbody { @for e in &entries {
                    tr {
                        td { (p.n(e.seq as f64)) }
                        td { (p.when(&e.at)) }
                        td dir="ltr" { (e.actor) }
                        td dir="ltr" { code { (e.action) } }
                        td dir="ltr" { (e.kind) " " (e.record_id) }
                    }
                } }
            }
        }
        nav aria-label=(p.tr("pages-work-audit-pages")) class="pager" {
            @if after > 0 {
                a href={ "/audit?after=" (after.saturating_sub(PAGE)) } rel="prev" { (p.tr("pages-work-previous")) }
            }
            @if more {
                a href={ "/audit?after=" (entries.last().map_or(after, |e| e.seq)) } rel="next" { (p.tr("pages-work-next")) }
            }
        }
    };
    p.render(StatusCode::OK, &title, main)
}
