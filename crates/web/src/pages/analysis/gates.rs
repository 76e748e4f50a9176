//! `/gates`: the gate editor. The gate text is checked against the case as the reader sees
//! it: each problem with its line, column and suggestion; a valid gate rendered as an English
//! and an Arabic sentence and explained against current figures, area by area and clause by
//! clause. Without JavaScript this is a form POST; with it, `gate-editor.js` calls
//! `POST /api/v1/gates/check` as the user types.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use tahawul_domain::gate::{self, Gate, GateError, Truth};
use tahawul_domain::{Case, Month};
use tahawul_i18n::{Lang, Localizer, Message};

use super::{frame, illustrative_mark};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::pages::{csrf_ok, csrf_refused, csrf_token, internal, localizer, signed_in};

/// Longer gate text is refused before parsing (a gate is a few lines).
const MAX_GATE_CHARS: usize = 4000;
/// The example under the gate editor, in the gate language (the same in both interfaces).
const GATE_EXAMPLE: &str =
    "threat.attacks_per_month <= 15 for 6 months and capability.brigades_independent_share >= 0.6";

/// `?phase=ID` to start from that phase's gate.
#[derive(Debug, Deserialize)]
pub struct Start {
    phase: Option<String>,
}

/// The editor's form.
#[derive(Debug, Deserialize)]
pub struct GateForm {
    csrf: Option<String>,
    gate: String,
    phase: Option<String>,
}

/// `GET /gates`.
pub async fn page_get(state: AppState, session: AuthSession, headers: HeaderMap, phase: Option<String>) -> Response {
    let access = match signed_in(&session, &state, "/gates").await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let case = match access.case().await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let phase = phase.as_deref().and_then(|p| case.phase(p)).or(case.phases.first());
    let text = phase.map(|p| p.gate.to_source()).unwrap_or_default();
    let id = phase.map(|p| p.id.to_string());
    editor(&loc, &access, csrf, &case, &text, id.as_deref(), StatusCode::OK, None)
}

/// `GET /gates?phase=ID`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Query(q): Query<Start>,
) -> Response {
    page_get(state, session, headers, q.phase).await
}

/// `POST /gates`: check the text and explain it.
pub async fn submit(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Form(f): Form<GateForm>,
) -> Response {
    let access = match signed_in(&session, &state, "/gates").await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    if !csrf_ok(&session, f.csrf.as_deref()).await {
        return csrf_refused(&loc);
    }
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let case = match access.case().await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let phase = f.phase.as_deref().filter(|p| !p.is_empty());
    if let Some(p) = phase
        && case.phase(p).is_none()
    {
        let problem = Problem::Other(loc.format(&Message::new("pages-analysis-gate-unknown-phase").arg("phase", p)));
        return editor(
            &loc,
            &access,
            csrf,
            &case,
            &f.gate,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(Outcome::Invalid(vec![problem])),
        );
    }
    if f.gate.chars().count() > MAX_GATE_CHARS {
        let problem =
            Problem::Other(loc.format(&Message::new("pages-analysis-gate-too-long").arg("max", MAX_GATE_CHARS)));
        return editor(
            &loc,
            &access,
            csrf,
            &case,
            "",
            phase,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(Outcome::Invalid(vec![problem])),
        );
    }
    let checked = gate::parse(&f.gate).and_then(|g| {
        let errors = g.check(&case);
        if errors.is_empty() { Ok(g) } else { Err(errors) }
    });
    match checked {
        Ok(g) => editor(&loc, &access, csrf, &case, &f.gate, phase, StatusCode::OK, Some(Outcome::Valid(g))),
        Err(errors) => {
            let problems = errors.into_iter().map(|e| Problem::At(at(&f.gate, e))).collect();
            editor(
                &loc,
                &access,
                csrf,
                &case,
                &f.gate,
                phase,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(Outcome::Invalid(problems)),
            )
        }
    }
}

/// A problem located in the text: 1-based line and column (in characters), the line itself.
struct Located {
    line: usize,
    column: usize,
    width: usize,
    source_line: String,
    error: GateError,
}

enum Problem {
    At(Located),
    Other(String),
}

enum Outcome {
    Valid(Gate),
    Invalid(Vec<Problem>),
}

/// Where a byte span falls in the text, as a person counts it.
fn at(text: &str, error: GateError) -> Located {
    let start = error.span.start.min(text.len());
    let start = (0..=start).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = error.span.end.clamp(start, line_end);
    let end = (end..=line_end).find(|i| text.is_char_boundary(*i)).unwrap_or(line_end);
    Located {
        line: text[..start].matches('\n').count() + 1,
        column: text[line_start..start].chars().count() + 1,
        width: text[start..end].chars().count().max(1),
        source_line: text[line_start..line_end].to_string(),
        error,
    }
}

#[allow(clippy::too_many_arguments)]
fn editor(
    loc: &Localizer,
    access: &Access<AnyStore>,
    csrf: String,
    case: &Case,
    text: &str,
    phase: Option<&str>,
    status: StatusCode,
    outcome: Option<Outcome>,
) -> Response {
    let lang = loc.lang();
    let title = loc.tr("pages-analysis-gates-title");
    let month = Month::of_date(jiff::Zoned::now().date());
    let at_template = loc.format(&Message::new("pages-analysis-gate-at").arg("line", "LINE").arg("column", "COLUMN"));
    let digits = if loc.digits() == tahawul_i18n::Digits::ArabicIndic { "arabic-indic" } else { "latin" };
    let main = html! {
        h1 id="gates-title" { (title) }
        p { (loc.tr("pages-analysis-gates-intro")) }
        form id="gate-form" method="post" action="/gates" class="stack wide"
            data-at=(at_template) data-ok=(loc.tr("pages-analysis-gate-valid")) data-digits=(digits)
            data-en=(loc.tr("pages-analysis-gate-sentence-en")) data-ar=(loc.tr("pages-analysis-gate-sentence-ar")) {
            input type="hidden" name="csrf" value=(&csrf);
            label for="phase" { (loc.tr("pages-analysis-gate-phase")) }
            select id="phase" name="phase" {
                option value="" { (loc.tr("pages-analysis-gate-all-areas")) }
                @for p in &case.phases {
                    @if phase == Some(p.id.as_str()) {
                        option value=(p.id.as_str()) selected { (p.name.get(lang)) }
                    } @else {
                        option value=(p.id.as_str()) { (p.name.get(lang)) }
                    }
                }
            }
            label for="gate" { (loc.tr("pages-analysis-gate-text")) }
            textarea id="gate" name="gate" rows="6" cols="80" dir="ltr" spellcheck="false" aria-describedby="gate-help gate-live" { (text) }
            // The example is gate language: one left-to-right island inside Arabic text.
            p id="gate-help" class="note" { (loc.tr("pages-analysis-gate-help")) " " code dir="ltr" { (GATE_EXAMPLE) } }
            div id="gate-live" aria-live="polite" {}
            button type="submit" { (loc.tr("pages-analysis-gate-check")) }
        }
        @match &outcome {
            None => {},
            Some(Outcome::Invalid(problems)) => (problems_view(loc, problems)),
            Some(Outcome::Valid(g)) => (explanation(loc, case, g, phase, month)),
        }
        script src="/assets/gate-editor.js" defer {}
    };
    frame(status, loc, access, csrf, &title, "/gates", main)
}

fn problems_view(loc: &Localizer, problems: &[Problem]) -> Markup {
    html! {
        section id="gate-problems" aria-labelledby="problems-h" role="alert" {
            h2 id="problems-h" class="error" { (loc.format(&Message::new("pages-analysis-gate-problems").arg("count", problems.len()))) }
            ol {
                @for p in problems {
                    @match p {
                        Problem::Other(s) => li { (s) },
                        Problem::At(l) => li class="gate-error" data-line=(l.line) data-column=(l.column) {
                            strong { (loc.format(&Message::new("pages-analysis-gate-at").arg("line", loc.number(l.line as f64, 0)).arg("column", loc.number(l.column as f64, 0)))) }
                            ": " (loc.format(&l.error.message))
                            pre dir="ltr" { (l.source_line) "\n" (" ".repeat(l.column - 1)) ("^".repeat(l.width)) }
                            @if let Some(h) = &l.error.help { p class="help" { (loc.tr("pages-analysis-gate-suggestion")) " " (loc.format(h)) } }
                        }
                    }
                }
            }
        }
    }
}

fn explanation(loc: &Localizer, case: &Case, g: &Gate, phase: Option<&str>, month: Month) -> Markup {
    let lang = loc.lang();
    let sentence = |l: Lang| Localizer::with_digits(l, loc.digits()).map(|x| g.sentence(case, &x)).unwrap_or_default();
    let areas: Vec<_> = match phase.and_then(|p| case.phase(p)) {
        Some(p) => p.areas.iter().filter_map(|a| case.area(a.as_str())).collect(),
        None => case.areas.iter().collect(),
    };
    html! {
        section id="gate-result" aria-labelledby="result-h" {
            h2 id="result-h" { (loc.tr("pages-analysis-gate-valid")) }
            p { (loc.tr("pages-analysis-gate-canonical")) " " code dir="ltr" { (g.to_source()) } }
            p { strong { (loc.tr("pages-analysis-gate-sentence-en")) } " " span lang="en" dir="ltr" id="sentence-en" { (sentence(Lang::En)) } }
            p { strong { (loc.tr("pages-analysis-gate-sentence-ar")) } " " span lang="ar" dir="rtl" id="sentence-ar" { (sentence(Lang::Ar)) } }
            h2 { (loc.format(&Message::new("pages-analysis-gate-explain").arg("month", super::super::svg::month(loc, month).as_str()))) }
            @for a in areas {
                @let e = g.evaluate(case, a.id.as_str(), Some(month));
                @let (class, id) = match e.truth { Truth::Met => ("met", "gate-truth-met"), Truth::NotMet => ("not-met", "gate-truth-not-met"), Truth::NoData => ("no-data", "gate-truth-no-data") };
                section class="area-explanation" data-area=(a.id.as_str()) data-truth=(class) {
                    h3 { bdi { (a.name.get(lang)) } ": " span class=(class) { (loc.tr(id)) } }
                    ol {
                        @for c in &e.clauses {
                            li { code dir="ltr" { (c.source) } " — " (c.explain(case, loc)) (illustrative_mark(loc, c.illustrative)) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /assets/gate-editor.js`: live checking as the user types (a file, not inline, so a
/// strict Content-Security-Policy can allow it by origin).
pub async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        SCRIPT,
    )
        .into_response()
}

const SCRIPT: &str = r#"(function () {
  "use strict";
  var form = document.getElementById("gate-form");
  if (!form || !window.fetch || !window.TextEncoder) return;
  var area = document.getElementById("gate");
  var live = document.getElementById("gate-live");
  var token = form.querySelector("input[name=csrf]").value;
  var lang = document.documentElement.lang || "en";
  var enc = new TextEncoder();
  var timer = null, seq = 0;
  function digits(s) {
    if (form.dataset.digits !== "arabic-indic") return String(s);
    return String(s).replace(/[0-9]/g, function (d) { return String.fromCharCode(0x660 + Number(d)); });
  }
  // The API gives byte offsets; count lines and characters as a person does.
  function lineColumn(text, byteStart) {
    var bytes = 0, i = 0;
    for (var ch of text) { if (bytes >= byteStart) break; bytes += enc.encode(ch).length; i += ch.length; }
    var lines = text.slice(0, i).split("\n");
    return [lines.length, Array.from(lines[lines.length - 1]).length + 1];
  }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function show(status, body, text) {
    live.textContent = "";
    if (status === 200 && body.valid) {
      live.appendChild(el("p", form.dataset.ok, { "class": "met live-ok" }));
      live.appendChild(el("p", form.dataset.en + " " + body.sentence.en, { lang: "en", dir: "ltr" }));
      live.appendChild(el("p", form.dataset.ar + " " + body.sentence.ar, { lang: "ar", dir: "rtl" }));
    } else if (body && body.errors) {
      var list = el("ol", "", { "class": "live-errors" });
      body.errors.forEach(function (e) {
        var at = e.span ? lineColumn(text, e.span.start) : [1, 1];
        var where = form.dataset.at.replace("LINE", digits(at[0])).replace("COLUMN", digits(at[1]));
        var li = el("li", "", { "class": "error live-error", "data-line": at[0], "data-column": at[1] });
        li.appendChild(el("strong", where));
        li.appendChild(document.createTextNode(": " + e.detail));
        if (e.help) li.appendChild(el("p", e.help, { "class": "help" }));
        list.appendChild(li);
      });
      live.appendChild(list);
    }
  }
  function check() {
    var text = area.value, mine = ++seq;
    fetch("/api/v1/gates/check", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token, "Accept-Language": lang },
      body: JSON.stringify({ gate: text })
    }).then(function (r) {
      return r.json().then(function (b) { if (mine === seq) show(r.status, b, text); });
    }).catch(function () { /* the form still works without the live check */ });
  }
  area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 300); });
})();
"#;
