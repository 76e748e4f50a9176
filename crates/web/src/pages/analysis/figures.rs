//! `/indicators/{factor}.{indicator}/figures`: a data clerk records figures on a page — one
//! typed into a form, or many as a CSV pasted or uploaded. Both are read by the bundle's CSV
//! reader (`tahawul_domain::bundle::read_observations_csv`, the one `tahawul import
//! observations` and `POST /api/v1/observations/csv` use) and written through the access
//! layer's `ObservationWriter`, all or nothing: a bad row stores nothing and every bad row is
//! shown with its row and column, in the reader's language.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use tahawul_domain::model::{Confidence, IndicatorKind};
use tahawul_domain::{Case, Indicator, Month, Observation, Period};
use tahawul_i18n::{Localizer, Message};

use super::indicators::period_text;
use super::{frame, value_text};
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::error::ApiError;
use crate::pages::{
    SLOT, csrf_ok, csrf_refused, csrf_token, encode, in_digits, internal, localizer, signed_in, with_slot,
};

/// The fields of the one-figure form, named as the CSV's columns (the indicator is the page's).
const FIELDS: [&str; 9] =
    ["area", "period", "value", "publisher", "method", "as_of", "confidence", "illustrative", "document"];

/// Whether this reader may record figures of `ind`: the access layer's observation writer
/// (the secretariat, or the working group of the indicator's factor).
fn may_record(access: &Access<AnyStore>, ind: &Indicator) -> bool {
    access.observation_writer().is_some_and(|w| w.writes_factor(ind.factor.as_str()))
}

/// The way from the indicator page to this one, for those who may record its figures.
pub(crate) fn link(loc: &Localizer, access: &Access<AnyStore>, ind: &Indicator) -> Markup {
    if !may_record(access, ind) {
        return html! {};
    }
    html! {
        p class="no-print" {
            a id="record-figures" class="button" href={ "/indicators/" (encode(&ind.qualified_name())) "/figures" } {
                (loc.tr("pages-figures-link"))
            }
        }
    }
}

/// What the page shows besides its forms: the one-figure form's values and problems, the CSV
/// form's text and problems, and what was just recorded.
#[derive(Default)]
struct View {
    /// The one-figure form's values as sent.
    values: Vec<(String, String)>,
    /// Problems of the one-figure form: (its field, or none for the whole form; what, how).
    one: Vec<(Option<String>, String)>,
    /// The CSV text as pasted (a file's text is not put back).
    csv: String,
    /// Problems of the CSV: (row, what and how).
    rows: Vec<(Option<u32>, String)>,
    /// The figures just recorded.
    recorded: Vec<Observation>,
}

impl View {
    fn value(&self, field: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == field).map(|(_, v)| v.as_str())
    }
}

/// One problem to show: the CSV row (the file's line), the column, what and how to fix it.
struct Problem {
    row: Option<u32>,
    column: Option<String>,
    text: String,
}

/// The reader and the page's indicator, or the answer that stops here (sign-in, 403, 404).
struct Entry {
    access: Access<AnyStore>,
    csrf: String,
    loc: Localizer,
    case: std::sync::Arc<Case>,
    name: String,
}

impl Entry {
    async fn open(
        session: &AuthSession,
        state: &AppState,
        headers: &HeaderMap,
        name: String,
    ) -> Result<Entry, Response> {
        let here = format!("/indicators/{}/figures", encode(&name));
        let access = signed_in(session, state, &here).await?;
        let csrf = csrf_token(session).await?;
        let loc = localizer(headers);
        let case = access.case().await.map_err(internal)?;
        let e = Entry { access, csrf, loc, case, name };
        let Some(ind) = e.indicator() else {
            let text = e.loc.format(&Message::new("pages-analysis-indicator-missing").arg("name", e.name.as_str()));
            return Err(e.refused(StatusCode::NOT_FOUND, &e.loc.tr("pages-analysis-indicator-missing-title"), &text));
        };
        if !may_record(&e.access, ind) {
            let text =
                e.loc.format(&Message::new("pages-figures-not-allowed").arg("indicator", ind.name.get(e.loc.lang())));
            return Err(e.refused(StatusCode::FORBIDDEN, &e.loc.tr("pages-figures-not-allowed-title"), &text));
        }
        Ok(e)
    }

    /// The page's indicator (hidden and missing alike: the access layer removed hidden ones).
    fn indicator(&self) -> Option<&Indicator> {
        self.name.split_once('.').and_then(|(f, i)| self.case.indicator(f, i))
    }

    fn here(&self) -> String {
        format!("/indicators/{}/figures", encode(&self.name))
    }

    fn refused(&self, status: StatusCode, title: &str, text: &str) -> Response {
        let main = html! {
            h1 { (title) }
            p role="alert" class="error" { (text) }
            p { a href={ "/indicators/" (encode(&self.name)) } { (self.loc.tr("pages-analysis-indicators-back-one")) } }
        };
        frame(status, &self.loc, &self.access, self.csrf.clone(), title, &self.here(), main)
    }

    /// A refusal of the access layer or the store as problems to show on the page, or as the
    /// page's whole answer (403, 500).
    fn problems(&self, e: ApiError) -> Result<Vec<Problem>, Box<Response>> {
        let loc = &self.loc;
        match e {
            ApiError::Rejected(ds) => Ok(ds
                .iter()
                .map(|d| {
                    let r = d.rendered(loc);
                    let text = match r.help {
                        Some(h) => format!("{} — {h}", r.message),
                        None => r.message,
                    };
                    Problem { row: Some(d.line), column: d.csv_column().map(str::to_string), text }
                })
                .collect()),
            ApiError::Forbidden => {
                let title = loc.tr("pages-figures-not-allowed-title");
                let text = loc.tr("pages-figures-other-factor");
                Err(Box::new(self.refused(StatusCode::FORBIDDEN, &title, &text)))
            }
            e if e.status() == StatusCode::INTERNAL_SERVER_ERROR => Err(Box::new(internal(e))),
            e => {
                // The store's own checks (a reference gone since the page was read): the same
                // words as the API's problem document.
                let doc = e.problem(loc);
                let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
                let whole = |t| Problem { row: None, column: None, text: t };
                let mut out = vec![whole(text(&doc["title"]))];
                if let Some(es) = doc["errors"].as_array() {
                    out.extend(es.iter().map(|x| whole(text(&x["detail"]))));
                }
                Ok(out)
            }
        }
    }

    fn render(&self, status: StatusCode, st: &View) -> Response {
        let Some(ind) = self.indicator() else {
            return internal("the indicator was checked when the page opened");
        };
        let loc = &self.loc;
        let lang = loc.lang();
        let case = &self.case;
        let title = loc.format(&Message::new("pages-figures-title").arg("indicator", ind.name.get(lang)));
        let here = self.here();
        let today = jiff::Zoned::now().date();
        let example = Period::containing(Month::of_date(today).plus(-1), ind.frequency).to_string();
        let value_of = |f: &str| st.value(f).unwrap_or_default().to_string();
        let error_of = |f: &str| {
            st.one.iter().filter(|(x, _)| x.as_deref() == Some(f)).map(|(_, t)| t.clone()).collect::<Vec<_>>()
        };
        let invalid = |f: &str| if error_of(f).is_empty() { "false" } else { "true" };
        let described = |f: &str, hint: bool| {
            let mut ids = Vec::new();
            if hint {
                ids.push(format!("{f}-hint"));
            }
            if !error_of(f).is_empty() {
                ids.push(format!("{f}-error"));
            }
            // No attribute at all when nothing describes the field.
            (!ids.is_empty()).then(|| ids.join(" "))
        };
        let field_error = |f: &str| {
            let es = error_of(f);
            html! { @if !es.is_empty() { p class="error" id={ (f) "-error" } { @for e in &es { (e) br; } } } }
        };
        let chosen = |f: &str, v: &str, default: bool| st.value(f).map_or(default, |x| x == v);
        let columns =
            "indicator,area,period,value,scale_version,publisher,method,as_of,confidence,illustrative,document,note";
        let sample = format!(
            "{},{},{example},…,,{},{},{today},medium,false,,",
            ind.qualified_name(),
            case.areas.first().map_or("", |a| a.id.as_str()),
            case.publishers.first().map_or("", |p| p.id.as_str()),
            case.methods.first().map_or("", |m| m.id.as_str()),
        );
        let main = html! {
            p { a href={ "/indicators/" (encode(&self.name)) } { (loc.tr("pages-analysis-indicators-back-one")) } }
            h1 id="figures-title" { (title) }
            p { code dir="ltr" { (ind.qualified_name()) } " · " (ind.unit.get(lang)) }
            @if !st.recorded.is_empty() {
                section id="recorded" role="status" aria-labelledby="recorded-h" {
                    h2 id="recorded-h" class="met" { (loc.format(&Message::new("pages-figures-recorded").arg("count", st.recorded.len()))) }
                    table {
                        caption { (loc.tr("pages-figures-recorded-caption")) }
                        thead { tr {
                            th scope="col" { (loc.tr("pages-analysis-col-period")) }
                            th scope="col" { (loc.tr("pages-analysis-col-area")) }
                            th scope="col" { (loc.tr("pages-analysis-col-value")) }
                            th scope="col" { (loc.tr("pages-analysis-col-source")) }
                            th scope="col" { (loc.tr("pages-analysis-col-stated")) }
                        } }
                        tbody {
                            @for o in &st.recorded {
                                @let ind_o = case.indicator(o.factor.as_str(), o.indicator.as_str()).unwrap_or(ind);
                                tr {
                                    th scope="row" { (period_text(loc, o.period)) }
                                    td { (case.area(o.area.as_str()).map_or(o.area.as_str(), |a| a.name.get(lang))) }
                                    td { (value_text(loc, case, ind_o, o.value)) }
                                    td { (case.publisher(o.publisher.as_str()).map_or(o.publisher.as_str(), |p| p.name.get(lang))) }
                                    td { (crate::pages::ltr_text(loc, o.as_of)) }
                                }
                            }
                        }
                    }
                    p { a href={ "/indicators/" (encode(&self.name)) } { (loc.tr("pages-figures-see-indicator")) } }
                }
            }
            section aria-labelledby="one-h" {
                h2 id="one-h" { (loc.tr("pages-figures-one-title")) }
                @if !st.one.is_empty() {
                    div id="one-problems" role="alert" class="error" {
                        p { (loc.tr("pages-figures-one-refused")) }
                        ul { @for (f, t) in st.one.iter().filter(|(f, _)| f.as_deref().is_none_or(|f| !FIELDS.contains(&f))) { li { @if let Some(f) = f { code dir="ltr" { (f) } ": " } (t) } } }
                    }
                }
                form id="figure-form" method="post" action=(here) class="stack" {
                    input type="hidden" name="csrf" value=(self.csrf);
                    label for="area" { (loc.tr("pages-analysis-col-area")) }
                    select id="area" name="area" aria-invalid=(invalid("area")) aria-describedby=[described("area", false)] {
                        @for a in &case.areas { option value=(a.id.as_str()) selected[chosen("area", a.id.as_str(), false)] { (a.name.get(lang)) } }
                    }
                    (field_error("area"))
                    label for="period" { (loc.tr("pages-analysis-col-period")) }
                    input id="period" name="period" type="text" dir="ltr" required value=(value_of("period"))
                        aria-invalid=(invalid("period")) aria-describedby=[described("period", true)];
                    p class="note" id="period-hint" {
                        (with_slot(&loc.format(&Message::new("pages-figures-period-hint").arg("example", SLOT)), html! { bdi dir="ltr" { (example) } }))
                    }
                    (field_error("period"))
                    label for="value" { (loc.tr("pages-analysis-col-value")) " (" (ind.unit.get(lang)) ")" }
                    @match (ind.kind, ind.scale.as_ref().and_then(|s| case.scale(s.as_str()))) {
                        (IndicatorKind::Level, Some(scale)) => {
                            select id="value" name="value" aria-invalid=(invalid("value")) aria-describedby=[described("value", false)] {
                                @for l in &scale.current().levels { option value=(l.id.as_str()) selected[chosen("value", l.id.as_str(), false)] { (l.name.get(lang)) } }
                            }
                        }
                        (kind, _) => {
                            // A count never needs a minus sign; other numbers may, and a
                            // decimal keypad has none on some phones.
                            @let mode = if kind == IndicatorKind::Count { "numeric" } else { "text" };
                            input id="value" name="value" type="text" inputmode=(mode) dir="ltr" required value=(value_of("value"))
                                aria-invalid=(invalid("value")) aria-describedby=[described("value", true)];
                            p class="note" id="value-hint" { (loc.tr(match kind {
                                IndicatorKind::Count => "pages-figures-value-count",
                                IndicatorKind::Share => "pages-figures-value-share",
                                _ => "pages-figures-value-number",
                            })) }
                        }
                    }
                    (field_error("value"))
                    label for="publisher" { (loc.tr("pages-analysis-col-source")) }
                    select id="publisher" name="publisher" aria-invalid=(invalid("publisher")) aria-describedby=[described("publisher", false)] {
                        @for p in &case.publishers { option value=(p.id.as_str()) selected[chosen("publisher", p.id.as_str(), false)] { (p.name.get(lang)) } }
                    }
                    (field_error("publisher"))
                    label for="method" { (loc.tr("pages-analysis-col-method")) }
                    select id="method" name="method" aria-invalid=(invalid("method")) aria-describedby=[described("method", false)] {
                        @for m in &case.methods { option value=(m.id.as_str()) selected[chosen("method", m.id.as_str(), false)] { (m.text.get(lang)) } }
                    }
                    (field_error("method"))
                    label for="as_of" { (loc.tr("pages-figures-as-of")) }
                    input id="as_of" name="as_of" type="date" required value=(st.value("as_of").map_or_else(|| today.to_string(), str::to_string))
                        aria-invalid=(invalid("as_of")) aria-describedby=[described("as_of", false)];
                    (field_error("as_of"))
                    label for="confidence" { (loc.tr("pages-analysis-col-confidence")) }
                    select id="confidence" name="confidence" aria-invalid=(invalid("confidence")) aria-describedby=[described("confidence", false)] {
                        @for (c, id) in [(Confidence::High, "high"), (Confidence::Medium, "medium"), (Confidence::Low, "low")] {
                            @let label = loc.tr(match c { Confidence::High => "pages-analysis-confidence-high", Confidence::Medium => "pages-analysis-confidence-medium", Confidence::Low => "pages-analysis-confidence-low" });
                            option value=(id) selected[chosen("confidence", id, c == Confidence::Medium)] { (label) }
                        }
                    }
                    (field_error("confidence"))
                    label for="document" { (loc.tr("pages-figures-document")) }
                    input id="document" name="document" type="text" dir="ltr" value=(value_of("document"))
                        aria-invalid=(invalid("document")) aria-describedby=[described("document", true)];
                    p class="note" id="document-hint" { (loc.tr("pages-figures-document-hint")) }
                    (field_error("document"))
                    label class="check" {
                        input type="checkbox" name="illustrative" value="true" checked[chosen("illustrative", "true", false)];
                        " " (loc.tr("pages-figures-illustrative"))
                    }
                    (field_error("illustrative"))
                    button type="submit" id="record-one" { (loc.tr("pages-figures-one-submit")) }
                }
            }
            section aria-labelledby="csv-h" {
                h2 id="csv-h" { (loc.tr("pages-figures-csv-title")) }
                p { (loc.tr("pages-figures-csv-intro")) }
                pre dir="ltr" id="csv-columns" { (columns) "\n" (sample) }
                @if !st.rows.is_empty() {
                    div id="csv-problems" role="alert" class="error" {
                        p { (loc.format(&Message::new("pages-figures-csv-refused").arg("count", st.rows.len()))) }
                        ul {
                            @for (row, t) in &st.rows {
                                li {
                                    @if let Some(r) = row {
                                        (with_slot(&loc.format(&Message::new("pages-figures-row").arg("row", SLOT)), html! { bdi dir="ltr" { (in_digits(loc, r)) } }))
                                        ": "
                                    }
                                    (t)
                                }
                            }
                        }
                    }
                }
                form id="csv-form" method="post" action={ (here) "/csv" } enctype="multipart/form-data" class="stack wide" {
                    input type="hidden" name="csrf" value=(self.csrf);
                    label for="csv" { (loc.tr("pages-figures-csv-text")) }
                    textarea id="csv" name="csv" rows="8" dir="ltr" aria-invalid=(if st.rows.is_empty() { "false" } else { "true" }) { (st.csv) }
                    label for="csv-file" { (loc.tr("pages-figures-csv-file")) }
                    input id="csv-file" name="file" type="file" accept=".csv,text/csv";
                    button type="submit" id="record-csv" { (loc.tr("pages-figures-csv-submit")) }
                }
            }
        };
        frame(status, loc, &self.access, self.csrf.clone(), &title, &here, main)
    }

    /// Reads `text` with the bundle's CSV reader and writes it, all or nothing.
    async fn record(&self, file: &str, text: &str) -> Result<Vec<Observation>, ApiError> {
        let w = self.access.observation_writer().ok_or(ApiError::Forbidden)?;
        Ok(w.record_csv(file, text).await?.1)
    }
}

/// `GET /indicators/{factor}.{indicator}/figures`.
pub async fn page(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    match Entry::open(&session, &state, &headers, name).await {
        Ok(e) => e.render(StatusCode::OK, &View::default()),
        Err(r) => r,
    }
}

/// `POST /indicators/{factor}.{indicator}/figures`: one figure, typed field by field.
pub async fn record_one(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let sent = fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str());
    if !csrf_ok(&session, sent).await {
        return csrf_refused(&localizer(&headers));
    }
    let e = match Entry::open(&session, &state, &headers, name).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let values: Vec<(String, String)> = FIELDS
        .iter()
        .map(|f| {
            let v = fields.iter().find(|(k, _)| k == f).map(|(_, v)| v.trim().to_string());
            // An unticked box sends nothing: the CSV says `false`.
            let v = if *f == "illustrative" {
                v.filter(|v| v == "true").unwrap_or_else(|| "false".into())
            } else {
                v.unwrap_or_default()
            };
            (f.to_string(), v)
        })
        .collect();
    let mut row: Vec<(&str, &str)> = vec![("indicator", e.name.as_str()), ("scale_version", "")];
    row.extend(values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let text = tahawul_domain::bundle::observation_row_csv(&row);
    match e.record("form", &text).await {
        Ok(recorded) => e.render(StatusCode::CREATED, &View { recorded, ..View::default() }),
        Err(err) => match e.problems(err) {
            Ok(ps) => {
                let one = ps.into_iter().map(|p| (p.column, p.text)).collect();
                e.render(StatusCode::UNPROCESSABLE_ENTITY, &View { values, one, ..View::default() })
            }
            Err(r) => *r,
        },
    }
}

/// `POST /indicators/{factor}.{indicator}/figures/csv` (multipart: csrf, csv, file): many
/// figures as CSV, pasted or uploaded (a chosen file wins over the text).
pub async fn record_csv(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    // Every part is read (the request's size limit bounds them) before the answer, so that a
    // browser still sending a file reads the answer instead of a reset connection.
    let (mut csrf, mut pasted, mut file) = (None, String::new(), None::<(String, Vec<u8>)>);
    let mut unreadable = false;
    match multipart {
        Ok(mut m) => loop {
            match m.next_field().await {
                Ok(Some(f)) => {
                    let field = f.name().unwrap_or_default().to_string();
                    let file_name = f.file_name().map(str::to_string);
                    let Ok(bytes) = f.bytes().await else {
                        unreadable = true;
                        break;
                    };
                    match field.as_str() {
                        "csrf" => csrf = Some(String::from_utf8_lossy(&bytes).into_owned()),
                        "csv" => pasted = String::from_utf8_lossy(&bytes).replace("\r\n", "\n"),
                        "file" if !bytes.is_empty() => file = Some((file_name.unwrap_or_default(), bytes.to_vec())),
                        _ => {}
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    unreadable = true;
                    break;
                }
            }
        },
        Err(_) => unreadable = true,
    }
    if !csrf_ok(&session, csrf.as_deref()).await {
        return csrf_refused(&localizer(&headers));
    }
    let e = match Entry::open(&session, &state, &headers, name).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let refuse = |st: View, status| e.render(status, &st);
    if unreadable {
        let rows = vec![(None, e.loc.tr("pages-figures-csv-unreadable"))];
        return refuse(View { csv: pasted, rows, ..View::default() }, StatusCode::BAD_REQUEST);
    }
    let (file_name, text) = match file {
        Some((n, bytes)) => match String::from_utf8(bytes) {
            Ok(t) => (if n.is_empty() { "upload.csv".to_string() } else { n }, t),
            Err(_) => {
                let rows =
                    vec![(None, e.loc.format(&Message::new("pages-figures-csv-not-utf8").arg("file", n.as_str())))];
                return refuse(View { csv: pasted, rows, ..View::default() }, StatusCode::UNPROCESSABLE_ENTITY);
            }
        },
        None => ("pasted.csv".to_string(), pasted.clone()),
    };
    // A spreadsheet's "CSV UTF-8" starts with a byte order mark, which is no part of the
    // first column's name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        let rows = vec![(None, e.loc.tr("pages-figures-csv-empty"))];
        return refuse(View { csv: pasted, rows, ..View::default() }, StatusCode::UNPROCESSABLE_ENTITY);
    }
    match e.record(&file_name, text).await {
        Ok(recorded) => e.render(StatusCode::CREATED, &View { recorded, ..View::default() }),
        Err(err) => match e.problems(err) {
            Ok(ps) => {
                // The reader's message names the column; the row is the file's line, as a
                // spreadsheet numbers it (the column names are row 1).
                let rows = ps.into_iter().map(|p| (p.row, p.text)).collect();
                refuse(View { csv: pasted, rows, ..View::default() }, StatusCode::UNPROCESSABLE_ENTITY)
            }
            Err(r) => *r,
        },
    }
}
