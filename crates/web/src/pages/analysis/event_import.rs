//! The upload of an event dataset export on the indicator page: a multipart form (no script
//! needed) posted to `/indicators/{factor}.{indicator}/import`, whose file part streams into
//! the same `ObservationWriter::import_events` as `POST /api/v1/imports/{definition}`, so the
//! page and the API keep one rule. With JavaScript, `event-import.js` sends the same form with
//! XMLHttpRequest and shows a progress bar of the bytes sent, then the same outcome.

use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use tahawul_domain::Indicator;
use tahawul_domain::event_import::release_from_file_name;
use tahawul_i18n::{Localizer, Message};
use tahawul_store::{EventImportOutcome, EventImportRecord};

use super::frame;
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::error::ApiError;
use crate::pages::{SLOT, csrf_ok, csrf_token, encode, in_digits, localizer, signed_in, with_slot};
use crate::routes::imports::ChannelReader;

/// The upload form for the indicator, when it holds import definitions and the reader may
/// import into it (the secretariat, or the working group of its factor).
pub(crate) fn form(loc: &Localizer, access: &Access<AnyStore>, ind: &Indicator, csrf: &str) -> Markup {
    let allowed = access.observation_writer().is_some_and(|w| w.writes_factor(ind.factor.as_str()));
    if !allowed || ind.imports.is_empty() {
        return html! {};
    }
    let action = format!("/indicators/{}/import", encode(&ind.qualified_name()));
    html! {
        section aria-labelledby="import-h" class="no-print" {
            h2 id="import-h" { (loc.tr("pages-import-title")) }
            p { (loc.tr("pages-import-intro")) }
            // The CSRF field comes first: the server checks it before it reads the file.
            form id="event-import" method="post" action=(action) enctype="multipart/form-data" class="stack"
                data-sending=(loc.tr("pages-import-sending")) data-failed=(loc.tr("pages-import-failed")) {
                input type="hidden" name="csrf" value=(csrf);
                label for="import-definition" { (loc.tr("pages-import-definition")) }
                select id="import-definition" name="definition" {
                    @for d in &ind.imports {
                        option value=(d.id.as_str()) { (d.id.as_str()) " (" (d.dataset.as_str()) ")" }
                    }
                }
                label for="import-release" { (loc.tr("pages-import-release")) }
                input id="import-release" name="release" type="text" dir="ltr" maxlength="40" aria-describedby="import-release-help";
                p id="import-release-help" class="note" {
                    (loc.tr("pages-import-release-help")) " " bdi dir="ltr" { "24.1" } " · " bdi dir="ltr" { "2025-05-20" }
                }
                label class="check" {
                    input type="checkbox" name="older" value="1";
                    " " (loc.tr("pages-import-older"))
                }
                label for="import-file" { (loc.tr("pages-import-file")) }
                input id="import-file" name="file" type="file" accept=".csv,text/csv" required;
                button type="submit" { (loc.tr("pages-import-submit")) }
                label for="import-progress" hidden { (loc.tr("pages-import-progress")) }
                progress id="import-progress" max="100" value="0" hidden {}
                p id="import-progress-text" aria-live="polite" {}
            }
            div id="import-outcome" {}
            script src="/assets/event-import.js" defer {}
        }
    }
}

/// The parts of the form, read in order before the file.
#[derive(Default)]
struct Fields {
    csrf: Option<String>,
    definition: Option<String>,
    release: Option<String>,
    older: bool,
}

/// Why an upload was not imported, as the page says it.
enum Refusal {
    /// The store or the access layer refused (the same errors as the API's).
    Api(ApiError),
    /// The form itself is wrong (no file, a field too long, not multipart).
    Form(Message),
}

impl From<ApiError> for Refusal {
    fn from(e: ApiError) -> Self {
        Refusal::Api(e)
    }
}

impl From<MultipartError> for Refusal {
    fn from(e: MultipartError) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Refusal::Api(ApiError::TooLarge)
        } else {
            Refusal::Form(Message::new("pages-import-unreadable"))
        }
    }
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::Api(e) => e.status(),
            Refusal::Form(_) => StatusCode::BAD_REQUEST,
        }
    }
}

/// `POST /indicators/{factor}.{indicator}/import` (multipart: csrf, definition, release, file).
pub async fn submit(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let here = format!("/indicators/{}", encode(&name));
    let access = match signed_in(&session, &state, &here).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(_) => {
            return outcome_page(
                &loc,
                &access,
                csrf,
                &name,
                Err(Refusal::Form(Message::new("pages-import-unreadable"))),
            );
        }
    };
    let result = receive(&session, &access, &name, &mut multipart).await;
    if result.is_err() {
        // The browser may still be sending the file: read the rest (the upload limit bounds
        // it), so that it reads this answer instead of a reset connection.
        drain(&mut multipart).await;
    }
    outcome_page(&loc, &access, csrf, &name, result)
}

async fn receive(
    session: &AuthSession,
    access: &Access<AnyStore>,
    name: &str,
    multipart: &mut Multipart,
) -> Result<EventImportOutcome, Refusal> {
    // Roles that may never import are refused before a byte of the file is read.
    let Some(writer) = access.observation_writer() else {
        return Err(ApiError::Forbidden.into());
    };
    let mut fields = Fields::default();
    while let Some(mut field) = multipart.next_field().await? {
        let field_name = field.name().unwrap_or_default().to_string();
        if field_name != "file" {
            let text = small_text(&mut field).await?;
            match field_name.as_str() {
                "csrf" => fields.csrf = Some(text),
                "definition" => fields.definition = Some(text),
                "release" => fields.release = Some(text),
                "older" => fields.older = !text.is_empty(),
                _ => {}
            }
            continue;
        }
        if !csrf_ok(session, fields.csrf.as_deref()).await {
            return Err(ApiError::Csrf.into());
        }
        let case = access.case().await?;
        let ind = name.split_once('.').and_then(|(f, i)| case.indicator(f, i));
        let definition = fields.definition.clone().unwrap_or_default();
        // The definition must be one this indicator holds: the form names no other.
        let Some(def) = ind.and_then(|i| i.imports.iter().find(|d| d.id.as_str() == definition)) else {
            return Err(ApiError::NotFound(format!("import definition {definition}")).into());
        };
        let file_name = field.file_name().filter(|n| !n.is_empty()).unwrap_or("upload.csv");
        let file_name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
        let release = match fields.release.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => r.to_string(),
            None => release_from_file_name(def.dataset, &file_name).ok_or_else(|| {
                Refusal::Form(Message::new("pages-import-release-needed").arg("file", file_name.as_str()))
            })?,
        };
        let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(8);
        let pump = async move {
            loop {
                match field.chunk().await {
                    Ok(Some(b)) => {
                        // The import stopped reading (it refused the file early): stop too.
                        if tx.send(Ok(b)).await.is_err() {
                            return Ok(());
                        }
                    }
                    Ok(None) => return Ok(()),
                    Err(e) => {
                        let _ = tx.send(Err(std::io::Error::other(e.body_text()))).await;
                        return Err(e);
                    }
                }
            }
        };
        let (pumped, outcome) = tokio::join!(
            pump,
            writer.import_events(&definition, &release, fields.older, &file_name, ChannelReader::new(rx))
        );
        // A body cut at the size limit reads as a truncated file: say what really happened.
        pumped?;
        return Ok(outcome?);
    }
    if !csrf_ok(session, fields.csrf.as_deref()).await {
        return Err(ApiError::Csrf.into());
    }
    Err(Refusal::Form(Message::new("pages-import-no-file")))
}

/// A form field other than the file: short text (a CSRF token, an id, a release).
async fn small_text(field: &mut axum::extract::multipart::Field<'_>) -> Result<String, Refusal> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > 1024 {
            return Err(Refusal::Form(Message::new("pages-import-field-too-long")));
        }
    }
    String::from_utf8(bytes).map_err(|_| Refusal::Form(Message::new("pages-import-unreadable")))
}

async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

/// The outcome on its own page (the form's answer without a script; the script takes its
/// `#import-outcome` into the indicator page).
fn outcome_page(
    loc: &Localizer,
    access: &Access<AnyStore>,
    csrf: String,
    name: &str,
    result: Result<EventImportOutcome, Refusal>,
) -> Response {
    let here = format!("/indicators/{}", encode(name));
    let status = match &result {
        Ok(EventImportOutcome::Written { .. }) => StatusCode::CREATED,
        Ok(EventImportOutcome::Unchanged { .. }) => StatusCode::OK,
        Err(r) => r.status(),
    };
    let title = loc.tr("pages-import-title");
    let main = html! {
        p { a href=(here) { (loc.tr("pages-analysis-indicators-back-one")) } }
        h1 { (title) }
        (outcome(loc, &result))
    };
    frame(status, loc, access, csrf, &title, &here, main)
}

/// Text in `<bdi>`, in the reader's digits: a release, a count or a line:column inside an
/// Arabic sentence keeps its own order.
fn iso(loc: &Localizer, s: impl ToString) -> Markup {
    html! { bdi dir="ltr" { (in_digits(loc, s)) } }
}

fn outcome(loc: &Localizer, result: &Result<EventImportOutcome, Refusal>) -> Markup {
    match result {
        Ok(EventImportOutcome::Written { import, revised }) => html! {
            section id="import-outcome" class="written" role="status" {
                p { (loc.tr("pages-import-written")) }
                (record(loc, import))
                @if let Some(r) = revised {
                    p { (with_slot(&loc.format(&Message::new("pages-import-revised").arg("release", SLOT)), iso(loc, r))) }
                }
            }
        },
        Ok(EventImportOutcome::Unchanged { import }) => html! {
            section id="import-outcome" class="unchanged" role="status" {
                p { (loc.tr("pages-import-unchanged")) }
                (record(loc, import))
            }
        },
        Err(Refusal::Api(ApiError::Rejected(ds))) => html! {
            section id="import-outcome" class="rejected" role="alert" {
                p class="error" { (loc.format(&Message::new("events-import-refused").arg("count", ds.len()))) }
                ul class="import-problems" {
                    @for d in ds {
                        @let r = d.rendered(loc);
                        li {
                            (with_slot(&loc.format(&Message::new("pages-import-at").arg("at", SLOT)), iso(loc, format!("{}:{}", d.line, d.column))))
                            " " (r.message)
                            @if let Some(h) = r.help { br; span class="help" { (h) } }
                        }
                    }
                }
            }
        },
        Err(Refusal::Api(e)) => {
            let doc = e.problem(loc);
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            html! {
                section id="import-outcome" class="refused" role="alert" {
                    p class="error" { (loc.tr("pages-import-nothing")) " " (text(&doc["title"])) }
                    @if doc["detail"] != doc["title"] { p { (text(&doc["detail"])) } }
                    @if let Some(es) = doc["errors"].as_array() {
                        ul { @for x in es { li { (text(&x["detail"])) @if x["help"].is_string() { " " (text(&x["help"])) } } } }
                    }
                }
            }
        }
        Err(Refusal::Form(m)) => html! {
            section id="import-outcome" class="refused" role="alert" {
                p class="error" { (loc.tr("pages-import-nothing")) " " (loc.format(m)) }
            }
        },
    }
}

/// What an import stored: release, figures, events counted of the rows read.
fn record(loc: &Localizer, import: &EventImportRecord) -> Markup {
    html! {
        dl class="import-record" {
            dt { (loc.tr("pages-import-dataset")) } dd { (iso(loc, &import.dataset)) }
            dt { (loc.tr("pages-import-release")) } dd { (iso(loc, &import.release)) }
            dt { (loc.tr("pages-import-figures")) } dd { (iso(loc, import.figures)) }
            dt { (loc.tr("pages-import-counted")) } dd { (iso(loc, format!("{} / {}", import.counted, import.rows))) }
        }
    }
}

/// `GET /assets/event-import.js`.
pub async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        SCRIPT,
    )
        .into_response()
}

// Sends the form with XMLHttpRequest (fetch reports no upload progress), shows the bytes sent
// in the <progress>, then puts the answer's #import-outcome in place: the server's words in
// the reader's language, the same as without the script.
const SCRIPT: &str = r#"(function () {
  var form = document.getElementById('event-import');
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
  var bar = document.getElementById('import-progress');
  var text = document.getElementById('import-progress-text');
  var out = document.getElementById('import-outcome');
  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    bar.hidden = false; bar.previousElementSibling.hidden = false;
    bar.value = 0; button.disabled = true; out.innerHTML = '';
    text.textContent = form.dataset.sending;
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; }
    };
    xhr.upload.onload = function () { bar.value = bar.max; };
    xhr.onload = function () {
      button.disabled = false; text.textContent = '';
      var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      var got = doc.getElementById('import-outcome');
      if (got) { out.replaceWith(got); out = got; } else { text.textContent = form.dataset.failed; }
      out.setAttribute('tabindex', '-1'); out.focus();
    };
    xhr.onerror = function () { button.disabled = false; text.textContent = form.dataset.failed; };
    xhr.send(new FormData(form));
  });
})();
"#;
