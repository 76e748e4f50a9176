//! `/forecast`: the transition timeline with a stored scenario or a what-if (a level shift,
//! a slope change or a threshold change, as `tahawul forecast --shock/--threshold`), re-run in
//! the same request beside the baseline on common random numbers. A GET form, so a what-if
//! is a link one can share. Bad input gives the form again with the reason and a 422.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;
use tahawul_domain::forecast::{self, ForecastReport, WhatIf, parse_shock, parse_threshold};
use tahawul_domain::{Case, Month};
use tahawul_i18n::{Localizer, Message};

use super::{baseline_settings, cache, frame};
use crate::AppState;
use crate::auth::AuthSession;
use crate::pages::svg;
use crate::pages::{csrf_token, internal, localizer, signed_in};

/// The form, every field text so that a mistyped number is our localized error, not a
/// framework rejection.
#[derive(Debug, Default, Deserialize)]
pub struct WhatIfForm {
    scenario: Option<String>,
    indicator: Option<String>,
    area: Option<String>,
    shift: Option<String>,
    multiply: Option<String>,
    slope: Option<String>,
    from: Option<String>,
    /// `PHASE#N`: the clause picked by its sentence.
    threshold: Option<String>,
    phase: Option<String>,
    clause: Option<String>,
    value: Option<String>,
    paths: Option<String>,
    horizon: Option<String>,
}

impl WhatIfForm {
    /// The phase and clause number whose threshold changes: the page sends `threshold=PHASE#N`;
    /// links made before it send `phase` and `clause`.
    fn threshold_clause(&self) -> (Option<&str>, Option<&str>) {
        match field(&self.threshold).and_then(|t| t.split_once('#')) {
            Some((p, c)) => (Some(p), Some(c)),
            None => (field(&self.phase), field(&self.clause)),
        }
    }
}

/// The what-if fields that take a negative number.
const SIGNED: [&str; 3] = ["shift", "slope", "value"];

fn field(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A problem with one field, in the reader's words.
struct Problem {
    field: &'static str,
    text: String,
    help: Option<String>,
}

/// `GET /forecast`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Query(f): Query<WhatIfForm>,
) -> Response {
    let access = match signed_in(&session, &state, "/forecast").await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = match csrf_token(&session).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let loc = localizer(&headers);
    let reading = match access.view().await {
        Ok(v) => v,
        Err(e) => return internal(e),
    };
    let case = reading.case().clone();
    let as_of = Month::of_date(jiff::Zoned::now().date());
    let mut settings = baseline_settings(&state, as_of);
    let max = state.config.max_forecast_paths;
    let mut problems = Vec::new();
    let whole = |name: &'static str, v: &str, lo: u32, hi: u32, problems: &mut Vec<Problem>| match v.parse::<u32>() {
        Ok(n) if (lo..=hi).contains(&n) => Some(n),
        _ => {
            problems.push(Problem {
                field: name,
                text: loc.format(
                    &Message::new("pages-analysis-whole-between").arg("value", v).arg("min", lo).arg("max", hi),
                ),
                help: None,
            });
            None
        }
    };
    if let Some(v) = field(&f.paths)
        && let Some(n) = whole("paths", v, 1, max, &mut problems)
    {
        settings.paths = n;
    }
    if let Some(v) = field(&f.horizon)
        && let Some(n) = whole("horizon", v, 1, 240, &mut problems)
    {
        settings.horizon_months = n;
    }
    let what_if = what_if(&loc, &case, &f, settings.origin(), &mut problems);
    let title = loc.tr("pages-analysis-forecast-title");
    if !problems.is_empty() {
        let main = view(&loc, &case, &f, &problems, None);
        return frame(StatusCode::UNPROCESSABLE_ENTITY, &loc, &access, csrf, &title, "/forecast", main);
    }
    let standard = settings == baseline_settings(&state, as_of);
    let result: Result<Arc<ForecastReport>, forecast::Error> = match (&what_if, standard) {
        // The baseline alone, at the standard settings: the dashboard's shared forecast.
        (None, true) => {
            match cache::baseline(&state.forecasts, &reading, access.user(), settings, cache::Wait::Exact).await {
                Ok(r) => r.outcome,
                Err(e) => return internal(e),
            }
        }
        _ => {
            let c = case.clone();
            let w = what_if.clone();
            match tokio::task::spawn_blocking(move || forecast::forecast(&c, &settings, w.as_ref())).await {
                Ok(r) => r.map(Arc::new),
                Err(e) => return internal(e),
            }
        }
    };
    match result {
        Ok(report) => {
            let sources = match access.imported_sources(&case).await {
                Ok(s) => s,
                Err(e) => return internal(e),
            };
            let cited = super::citations(&loc, sources.iter().map(|(d, r)| (*d, r.as_str())));
            let main = html! { (view(&loc, &case, &f, &[], Some(&report))) (cited) };
            frame(StatusCode::OK, &loc, &access, csrf, &title, "/forecast", main)
        }
        Err(e) => {
            let problems =
                [Problem { field: "scenario", text: loc.format(&e.message()), help: e.help().map(|h| loc.format(&h)) }];
            let main = view(&loc, &case, &f, &problems, None);
            frame(StatusCode::UNPROCESSABLE_ENTITY, &loc, &access, csrf, &title, "/forecast", main)
        }
    }
}

/// The stored scenario and the form's changes, together (as the command line combines them).
fn what_if(loc: &Localizer, case: &Case, f: &WhatIfForm, origin: Month, problems: &mut Vec<Problem>) -> Option<WhatIf> {
    let mut w = WhatIf::default();
    if let Some(id) = field(&f.scenario) {
        match WhatIf::from_scenario(case, id) {
            Ok(s) => w = s,
            Err(e) => problems.push(Problem {
                field: "scenario",
                text: loc.format(&e.message()),
                help: e.help().map(|h| loc.format(&h)),
            }),
        }
    }
    // Numbers are checked here so that nothing but a number reaches the shock's text.
    let mut number = |name: &'static str, v: Option<&str>| -> Option<String> {
        let v = v?;
        match v.replace('٫', ".").parse::<f64>() {
            Ok(x) if x.is_finite() => Some(format!("{x}")),
            _ => {
                problems.push(Problem {
                    field: name,
                    text: loc.format(&Message::new("pages-analysis-not-a-number").arg("value", v)),
                    help: None,
                });
                None
            }
        }
    };
    let effects: Vec<(&str, String)> = [
        ("shift", number("shift", field(&f.shift))),
        ("multiply", number("multiply", field(&f.multiply))),
        ("slope", number("slope", field(&f.slope))),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    let token_ok = |s: &str| !s.contains(char::is_whitespace) && !s.contains('=');
    match field(&f.indicator) {
        Some(ind) if token_ok(ind) => {
            if effects.is_empty() {
                problems.push(Problem {
                    field: "shift",
                    text: loc.tr("pages-analysis-shock-needs-effect"),
                    help: None,
                });
            } else {
                let mut text = ind.to_string();
                if let Some(a) = field(&f.area).filter(|a| token_ok(a)) {
                    text.push('@');
                    text.push_str(a);
                }
                for (k, v) in &effects {
                    text.push_str(&format!(" {k}={v}"));
                }
                if let Some(m) = field(&f.from) {
                    text.push_str(&format!(" from={}", m.replace(char::is_whitespace, "")));
                }
                match parse_shock(case, &text, origin) {
                    Ok(s) => w.shocks.push(s),
                    Err(e) => problems.push(Problem {
                        field: "indicator",
                        text: loc.format(&e.problem),
                        help: e.help.as_ref().map(|h| loc.format(h)),
                    }),
                }
            }
        }
        Some(ind) => problems.push(Problem {
            field: "indicator",
            text: loc.format(&Message::new("forecast-unknown-indicator").arg("name", ind)),
            help: None,
        }),
        None if !effects.is_empty() => problems.push(Problem {
            field: "indicator",
            text: loc.tr("pages-analysis-shock-needs-indicator"),
            help: None,
        }),
        None => {}
    }
    let (phase, clause) = f.threshold_clause();
    match (phase, clause, field(&f.value)) {
        (None, None, None) => {}
        (Some(p), Some(c), Some(v)) => match parse_threshold(case, &format!("{p}#{c}={v}")) {
            Ok(t) => w.thresholds.push(t),
            Err(e) => problems.push(Problem {
                field: "phase",
                text: loc.format(&e.problem),
                help: e.help.as_ref().map(|h| loc.format(h)),
            }),
        },
        _ => problems.push(Problem { field: "phase", text: loc.tr("pages-analysis-threshold-incomplete"), help: None }),
    }
    (!w.is_empty()).then_some(w)
}

fn view(loc: &Localizer, case: &Case, f: &WhatIfForm, problems: &[Problem], report: Option<&ForecastReport>) -> Markup {
    let lang = loc.lang();
    let val = |v: &Option<String>| v.clone().unwrap_or_default();
    let selected = |v: &Option<String>, id: &str| field(v) == Some(id);
    let invalid = |name: &str| problems.iter().any(|p| p.field == name);
    let input = |name: &'static str, label: &'static str, v: &Option<String>, hint: &'static str| {
        html! {
            label for=(name) { (loc.tr(label)) }
            // A phone's decimal keypad has no minus sign: fields that take one get the keyboard.
            input id=(name) name=(name) type="text" inputmode=(if SIGNED.contains(&name) { "text" } else { "decimal" }) dir="ltr" value=(val(v))
                aria-invalid=(if invalid(name) { "true" } else { "false" }) aria-describedby={ (name) "-hint" };
            span id={ (name) "-hint" } class="note" { (loc.tr(hint)) }
        }
    };
    html! {
        h1 id="forecast-title" { (loc.tr("pages-analysis-forecast-title")) }
        p { (loc.tr("pages-analysis-forecast-intro")) }
        @if !problems.is_empty() {
            section id="form-problems" role="alert" aria-labelledby="problems-h" {
                h2 id="problems-h" class="error" { (loc.format(&Message::new("pages-analysis-form-problems").arg("count", problems.len()))) }
                ul {
                    @for p in problems {
                        li class="error" data-field=(p.field) { (p.text) @if let Some(h) = &p.help { br; span class="help" { (h) } } }
                    }
                }
            }
        }
        form method="get" action="/forecast" class="what-if" {
            fieldset {
                legend { (loc.tr("pages-analysis-scenario-legend")) }
                label for="scenario" { (loc.tr("pages-analysis-scenario")) }
                select id="scenario" name="scenario" {
                    option value="" { (loc.tr("pages-analysis-scenario-none")) }
                    @for s in &case.scenarios {
                        option value=(s.id.as_str()) selected[selected(&f.scenario, s.id.as_str())] { (s.name.get(lang)) }
                    }
                }
            }
            fieldset {
                legend { (loc.tr("pages-analysis-shock-legend")) }
                label for="indicator" { (loc.tr("pages-analysis-col-indicator")) }
                select id="indicator" name="indicator" aria-invalid=(if invalid("indicator") { "true" } else { "false" }) {
                    option value="" { "—" }
                    @for i in &case.indicators {
                        @let n = i.qualified_name();
                        option value=(n) selected[selected(&f.indicator, &n)] { (i.name.get(lang)) }
                    }
                }
                label for="area" { (loc.tr("pages-analysis-col-area")) }
                select id="area" name="area" {
                    option value="" { (loc.tr("pages-analysis-all-areas")) }
                    @for a in &case.areas {
                        option value=(a.id.as_str()) selected[selected(&f.area, a.id.as_str())] { (a.name.get(lang)) }
                    }
                }
                (input("shift", "pages-analysis-shift", &f.shift, "pages-analysis-shift-hint"))
                (input("multiply", "pages-analysis-multiply", &f.multiply, "pages-analysis-multiply-hint"))
                (input("slope", "pages-analysis-slope", &f.slope, "pages-analysis-slope-hint"))
                (input("from", "pages-analysis-from", &f.from, "pages-analysis-from-hint"))
            }
            fieldset {
                legend { (loc.tr("pages-analysis-threshold-legend")) }
                // A clause is picked by what it says, phase by phase (its number is the value).
                label for="threshold" { (loc.tr("pages-analysis-threshold-clause")) }
                select id="threshold" name="threshold" aria-invalid=(if invalid("phase") { "true" } else { "false" }) {
                    option value="" { "—" }
                    @for p in &case.phases {
                        optgroup label=(p.name.get(lang)) {
                            @for (i, c) in p.gate.clauses().into_iter().enumerate() {
                                @let v = format!("{}#{}", p.id, i + 1);
                                option value=(v) selected[f.threshold_clause() == (Some(p.id.as_str()), Some((i + 1).to_string().as_str()))] {
                                    (c.sentence(case, loc))
                                }
                            }
                        }
                    }
                }
                (input("value", "pages-analysis-threshold-value", &f.value, "pages-analysis-threshold-value-hint"))
            }
            fieldset {
                legend { (loc.tr("pages-analysis-settings-legend")) }
                (input("paths", "pages-analysis-paths", &f.paths, "pages-analysis-paths-hint"))
                (input("horizon", "pages-analysis-horizon", &f.horizon, "pages-analysis-horizon-hint"))
            }
            button type="submit" { (loc.tr("pages-analysis-run")) }
        }
        @if let Some(r) = report {
            (report_view(loc, case, r))
        }
    }
}

/// The timeline and, phase by phase, the baseline and the what-if in words.
pub(crate) fn report_view(loc: &Localizer, case: &Case, r: &ForecastReport) -> Markup {
    let lang = loc.lang();
    let last = r.settings.last_month;
    html! {
        section aria-labelledby="timeline-h" {
            h2 id="timeline-h" { (loc.tr("pages-analysis-timeline-title")) }
            p class="note" { (loc.format(&Message::new("pages-analysis-forecast-settings")
                .arg("paths", loc.number(f64::from(r.settings.paths), 0))
                .arg("origin", svg::month(loc, r.settings.origin).as_str())
                .arg("last", svg::month(loc, last).as_str()))) }
            @if let Some(w) = &r.what_if {
                p { strong { (loc.tr("forecast-label-scenario")) ": " }
                    (w.name.as_ref().map_or_else(|| loc.tr("pages-analysis-what-if-form"), |n| n.get(lang).to_string())) }
                ul {
                    @for s in &w.shocks { li { code dir="ltr" { (s.indicator) @if !s.areas.is_empty() { "@" (s.areas.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(",")) } } " · " (svg::month(loc, s.from))
                        @for (k, v) in [("shift", s.shift), ("multiply", s.multiply), ("slope", s.slope), ("variance", s.variance)] { @if let Some(v) = v { " · " code dir="ltr" { (k) "=" (loc.number(v, 3)) } } } } }
                    @for t in &w.thresholds { li { code dir="ltr" { (t.before) } " → " code dir="ltr" { (t.after) } } }
                }
            }
            (svg::timeline(loc, r, "timeline"))
            table class="outlooks" {
                thead { tr {
                    th scope="col" { (loc.tr("pages-analysis-col-phase")) }
                    th scope="col" { (loc.tr("forecast-label-baseline")) }
                    @if r.what_if.is_some() { th scope="col" { (loc.tr("forecast-label-scenario")) } }
                } }
                tbody {
                    @for p in &r.phases {
                        tr data-phase=(p.id.as_str()) {
                            th scope="row" { (p.name.get(lang)) @if p.illustrative { " (" (loc.tr("illustrative")) ")" }
                                @if let Some(d) = p.deadline { br; span class="note" { (loc.format(&Message::new("pages-analysis-deadline-at").arg("month", svg::month(loc, d).as_str()))) } } }
                            @if let Some(m) = p.started {
                                td colspan=(if r.what_if.is_some() { 2 } else { 1 }) { (loc.format(&Message::new("forecast-started").arg("month", svg::month(loc, m).as_str()))) }
                            } @else if let Some(b) = &p.cannot_forecast {
                                td colspan=(if r.what_if.is_some() { 2 } else { 1 }) { (loc.format(&Message::new("forecast-cannot").arg("reason", b.message(case)))) }
                            } @else {
                                @for o in [&p.baseline, &p.scenario].into_iter().take(if r.what_if.is_some() { 2 } else { 1 }) {
                                    td {
                                        @if let Some(o) = o {
                                            (svg::outlook_text(loc, o, last))
                                            @if let Some(h) = &o.held_back_by {
                                                br;
                                                span class="note" { (loc.format(&Message::new("forecast-held-back")
                                                    .arg("clause", h.clause.as_str())
                                                    .arg("area", case.area(h.area.as_str()).map_or(h.area.as_str(), |a| a.name.get(lang)))
                                                    .arg("percent", svg::percent(loc, h.share)))) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if r.phases.iter().any(|p| p.illustrative) { p { "* " (loc.tr("illustrative-note")) } }
            p class="note" { (loc.tr("forecast-closing-note")) }
        }
        @if r.phases.iter().any(|p| p.baseline.as_ref().is_some_and(|o| !o.cdf.is_empty())) {
            section aria-labelledby="first-passage-h" {
                h2 id="first-passage-h" { (loc.tr("pages-analysis-cdf-title")) }
                (svg::first_passage(loc, r, "first-passage"))
                p class="note" { (loc.tr("pages-analysis-cdf-note")) }
            }
        }
        p class="no-print" { a href="/backtest" { (loc.tr("pages-analysis-backtest-link")) } }
    }
}
