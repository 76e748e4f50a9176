//! Charts drawn by hand as SVG: no plotting crate, no fonts on the server. Each chart has a
//! `<title>` and `<desc>` for screen readers and says every value in text as well as colour.

use maud::{Markup, html};
use tahawul_domain::Month;
use tahawul_domain::forecast::{Fan, ForecastReport, Outlook};
use tahawul_domain::series::Point;
use tahawul_domain::status::{FactorReport, FactorStatus};
use tahawul_i18n::{Lang, Localizer, Message, Text, wrap_words as wrap};

/// The chart palette. Text colours keep ≥ 4.5:1 on white (and on the heatmap fills), line and
/// mark colours ≥ 3:1 (WCAG 2.1 AA: 1.4.3 text, 1.4.11 graphics); `palette_contrast` checks.
pub mod palette {
    /// Text and median marks.
    pub const INK: &str = "#1a1a1a";
    /// Axis, grid labels and outlines.
    pub const GREY: &str = "#595959";
    /// Light grid lines (decoration only; the labels carry the values).
    pub const GRID: &str = "#d0d0d0";
    /// The baseline band's outline and the reference publisher's line.
    pub const BLUE: &str = "#0b5394";
    /// The baseline band's fill (inside a BLUE outline).
    pub const BLUE_FILL: &str = "#c6dbef";
    /// The inner (P25–P75) fan band (inside a BLUE outline).
    pub const BLUE_MID: &str = "#8fb8de";
    /// The what-if band's outline and hatching.
    pub const ORANGE: &str = "#8a4100";
    /// Deadlines.
    pub const RED: &str = "#a40000";
    /// Other publishers' lines.
    pub const GREEN: &str = "#1e6b34";
    /// A fourth publisher.
    pub const PURPLE: &str = "#5e3c99";
}
use palette::*;

/// A month in the reader's digits, isolated left to right so Arabic does not reorder it.
pub fn month(loc: &Localizer, m: Month) -> String {
    super::ltr_text(loc, m)
}

/// A share of futures as a whole percentage; never "0%" or "100%" for what merely rounds there.
pub fn percent(loc: &Localizer, p: f64) -> String {
    let text = tahawul_i18n::share_percent(p);
    super::ltr_text(loc, text)
}

/// The class, fill and message id of a status (the fills keep dark text above 4.5:1).
fn look(s: FactorStatus) -> (&'static str, &'static str) {
    match s {
        FactorStatus::Met => ("met", "#b7e4c2"),
        FactorStatus::NotMet => ("not-met", "#f4c7c3"),
        FactorStatus::Stale => ("stale", "#fde8a6"),
        FactorStatus::NoData => ("no-data", "#e3e3e3"),
    }
}

/// The areas × factors heatmap. `areas` and `factors` are (id, name) in display order; in
/// Arabic the labels sit on the right and the columns run right to left. A cell's fill and
/// first line are its headline status; where the commission has endorsed a judgement, the
/// first line says so ("Endorsed: …") and a second line says what the figures say, so neither
/// hides the other. Every cell links to its factor × area page.
pub fn heatmap(
    loc: &Localizer,
    areas: &[(String, Text)],
    factors: &[(String, Text)],
    cells: &[FactorReport],
) -> Markup {
    const LABEL: f64 = 230.0;
    const CELL_W: f64 = 190.0;
    const CELL_H: f64 = 52.0;
    let lang = loc.lang();
    // SVG text does not wrap: factor names are broken into lines at spaces.
    let heads: Vec<Vec<String>> = factors.iter().map(|(_, n)| wrap(n.get(lang), 24)).collect();
    let lines = heads.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let head = 12.0 + 17.0 * lines + 8.0;
    let rtl = lang == Lang::Ar;
    // A cell's words are one Arabic line: laid out right to left, the illustrative mark " *"
    // ends it on the left (the SVG is laid out left to right, which put it on the right).
    let cell_direction = rtl.then_some("rtl");
    let width = LABEL + CELL_W * factors.len() as f64;
    let height = head + CELL_H * areas.len() as f64;
    // x of a column's left edge, mirrored in right-to-left.
    let col_x = |i: usize| {
        if rtl { width - LABEL - CELL_W * (i as f64 + 1.0) } else { LABEL + CELL_W * i as f64 }
    };
    // The chart is laid out left to right (direction="ltr") with x mirrored by hand, so
    // "end" is always the right edge of a label: beside the cells in English, at the chart's
    // right edge in Arabic.
    let label_x = if rtl { width - 8.0 } else { LABEL - 8.0 };
    let count = |s: FactorStatus| cells.iter().filter(|c| c.status == s).count();
    let desc = loc.format(
        &Message::new("pages-heatmap-desc")
            .arg("areas", areas.len())
            .arg("factors", factors.len())
            .arg("met", count(FactorStatus::Met))
            .arg("notmet", count(FactorStatus::NotMet))
            .arg("stale", count(FactorStatus::Stale))
            .arg("nodata", count(FactorStatus::NoData)),
    );
    let title = loc.tr("pages-heatmap-title");
    // Cells by (area, factor): a lookup per cell, not a scan (3,000 cells in a large case).
    let by_key: std::collections::HashMap<(&str, &str), &FactorReport> =
        cells.iter().map(|c| ((c.area.as_str(), c.factor.as_str()), c)).collect();
    // The words of each status, made once (a large case has thousands of cells).
    let words: std::collections::HashMap<&str, String> =
        [FactorStatus::Met, FactorStatus::NotMet, FactorStatus::Stale, FactorStatus::NoData]
            .into_iter()
            .map(|s| (s.message_id(), loc.tr(s.message_id())))
            .collect();
    let word = |s: FactorStatus| words[s.message_id()].clone();
    html! {
        // A group, not an image: its cells are links, which an image's children cannot be.
        svg class="chart heatmap" xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="heatmap-title heatmap-desc"
            viewBox={ "0 0 " (width) " " (height) } width=(width) height=(height) direction="ltr" font-size="14" {
            title id="heatmap-title" { (title) }
            desc id="heatmap-desc" { (desc) }
            @for (i, lines) in heads.iter().enumerate() {
                text x=(col_x(i) + CELL_W / 2.0) y="0" text-anchor="middle" font-weight="bold" {
                    @for (l, line) in lines.iter().enumerate() {
                        tspan x=(col_x(i) + CELL_W / 2.0) y=(12.0 + 17.0 * (l as f64 + 1.0)) { (isolated(line)) }
                    }
                }
            }
            @for (r, (area_id, area_name)) in areas.iter().enumerate() {
                @let y = head + CELL_H * r as f64;
                text x=(label_x) y=(y + CELL_H / 2.0 + 5.0) text-anchor="end" { (isolated(area_name.get(lang))) }
                @for (i, (factor_id, factor_name)) in factors.iter().enumerate() {
                    @if let Some(cell) = by_key.get(&(area_id.as_str(), factor_id.as_str())) {
                        @let (class, fill) = look(cell.status);
                        @let judged = cell.judgement.as_ref().filter(|j| j.status != FactorStatus::NoData);
                        @let first = match judged {
                            Some(j) => loc.format(&Message::new("pages-cell-judged").arg("status", word(j.status))),
                            None => loc.format(&Message::new("pages-cell-figures").arg("status", word(cell.figures))),
                        };
                        @let second = judged.map(|_| loc.format(&Message::new("pages-cell-figures").arg("status", word(cell.figures))));
                        @let summary = match &second { Some(s) => format!("{first} · {s}"), None => first.clone() };
                        @let label = loc.format(&Message::new("pages-cell-link").arg("area", isolated(area_name.get(lang))).arg("factor", isolated(factor_name.get(lang))).arg("summary", summary.as_str()));
                        @let x = col_x(i);
                        @let differs = cell.agreement == Some(tahawul_domain::status::Agreement::Differs);
                        a href={ "/factors/" (factor_id) "/areas/" (area_id) } aria-label=(label) {
                            g class={ "cell " (class) @if judged.is_some() { " judged" } @if differs { " differs" } } data-figures=(look(cell.figures).0) {
                                title { (label) }
                                rect x=(x + 2.0) y=(y + 2.0) width=(CELL_W - 4.0) height=(CELL_H - 4.0) rx="4" fill=(fill) stroke="#767676" {}
                                @match &second {
                                    Some(second) => {
                                        text class="judgement" x=(x + CELL_W / 2.0) y=(y + 22.0) text-anchor="middle" direction=[cell_direction] fill="#1a1a1a" font-weight="bold" {
                                            (first) @if cell.illustrative { " *" }
                                        }
                                        text class="figures" x=(x + CELL_W / 2.0) y=(y + 40.0) text-anchor="middle" direction=[cell_direction] fill="#1a1a1a" font-size="12" { (second) }
                                    }
                                    None => {
                                        text class="figures" x=(x + CELL_W / 2.0) y=(y + CELL_H / 2.0 + 5.0) text-anchor="middle" direction=[cell_direction] fill="#1a1a1a" {
                                            (first) @if cell.illustrative { " *" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A name as SVG text may show it: in a first-strong isolate (FSI … PDI), since SVG text has
/// no `<bdi>`, so that a right-to-left override (U+202E) or an Arabic name inside reorders
/// nothing around it. The name's own isolates are balanced first: a stray PDI, which would
/// close the isolate early, is dropped, and those it leaves open are closed. Embeddings and
/// overrides opened inside end at the closing PDI (Unicode bidi rule X6a).
pub fn isolated(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push('\u{2068}');
    let mut open = 0usize;
    for c in s.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => {
                open += 1;
                out.push(c);
            }
            '\u{2069}' if open == 0 => {}
            '\u{2069}' => {
                open -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.extend(std::iter::repeat_n('\u{2069}', open + 1));
    out
}

/// A sentence in the reader's language as SVG text may show it. The charts are laid out left
/// to right (`direction="ltr"`, x mirrored by hand), so an Arabic sentence goes in a
/// right-to-left isolate (RLI … PDI, balanced as [`isolated`] does): it then lays out as an
/// Arabic paragraph would, its numbers and ranges ("10–90", isolated by `Localizer::format`)
/// in order and between the right words, wherever its anchor puts it. English is left as is.
pub fn sentence(loc: &Localizer, s: &str) -> String {
    match loc.lang() {
        Lang::Ar => {
            let inner = isolated(s);
            format!("\u{2067}{}", &inner['\u{2068}'.len_utf8()..])
        }
        Lang::En => s.to_string(),
    }
}

/// `s` cut to `max` characters with an ellipsis (legends; the full name is in the `<title>`).
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The width of a legend's key (the mark before its words), its rows' height, and the room
/// left between two entries on a row.
const LEGEND_KEY: f64 = 30.0;
const LEGEND_ROW: f64 = 18.0;
const LEGEND_GAP: f64 = 22.0;

/// A character's advance in em, an upper estimate for the sans-serif faces browsers draw
/// Latin and Arabic with: the server has no font metrics, and a legend laid out on this
/// estimate stays inside the chart (the words take at most this room).
const CHAR_EM: f64 = 0.6;

/// One legend entry, placed: its key's offset from the legend's reading-side edge, its row,
/// and its words in lines.
#[derive(Debug, Clone, PartialEq)]
struct LegendEntry {
    x: f64,
    row: usize,
    lines: Vec<String>,
}

/// Lays legend entries out one after another from the reading side, each a key `key` wide
/// then its words at `font` px: an entry that would pass `width` starts a new row, and words
/// wider than the whole width wrap onto more lines, so no entry is cut off or runs into
/// another. Returns the entries and the rows they take (at least one).
fn legend_layout(texts: &[String], key: f64, font: f64, width: f64) -> (Vec<LegendEntry>, usize) {
    let char_w = font * CHAR_EM;
    let room = (width - key - 6.0).max(char_w * 8.0);
    let (mut x, mut row, mut next_row) = (0.0, 0, 0);
    let mut out = Vec::with_capacity(texts.len());
    for t in texts {
        let lines = wrap(t, (room / char_w).floor() as usize);
        let w = key + 6.0 + lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * char_w;
        if x > 0.0 && x + w > width {
            x = 0.0;
            row = next_row;
        }
        next_row = next_row.max(row + lines.len());
        out.push(LegendEntry { x, row, lines });
        x += w + LEGEND_GAP;
    }
    (out, next_row.max(1))
}

/// A legend entry's words at (`x`, `y`), a line a row, as a sentence in the reader's language.
fn legend_text(loc: &Localizer, x: f64, y: f64, anchor: &str, lines: &[String]) -> Markup {
    html! {
        text class="legend-text" x=(x) y=(y) text-anchor=(anchor) fill=(INK) {
            @for (l, line) in lines.iter().enumerate() {
                tspan x=(x) y=(y + LEGEND_ROW * l as f64) { (sentence(loc, line)) }
            }
        }
    }
}

/// The text of a start month: the month, or "after the horizon".
pub fn start_text(loc: &Localizer, m: Option<Month>, last: Month) -> String {
    match m {
        Some(m) => month(loc, m),
        None => loc.format(&Message::new("forecast-beyond-horizon").arg("last", month(loc, last).as_str())),
    }
}

/// The transition timeline: one row per phase, each outlook a P10–P90 band with its P50 mark,
/// the deadline a dashed line; a what-if band (hatched) under the baseline's. `id` makes the
/// chart's element ids unique on the page. Months run right to left in Arabic. The axis starts
/// at the forecast's origin, or earlier when a phase started before it: a started phase is
/// drawn at the month it started, not pushed to the origin.
pub fn timeline(loc: &Localizer, report: &ForecastReport, id: &str) -> Markup {
    const W: f64 = 960.0;
    const LABEL: f64 = 290.0;
    const PAD: f64 = 16.0;
    const AXIS: f64 = 30.0;
    const BAND: f64 = 18.0;
    const GAP: f64 = 6.0;
    let lang = loc.lang();
    let rtl = lang == Lang::Ar;
    let origin = report.settings.origin;
    let last = report.settings.last_month;
    let first = report.phases.iter().filter_map(|p| p.started).fold(origin, Month::min);
    let months = f64::from((last.0 - first.0 + 1).max(1));
    let plot = W - LABEL - PAD;
    // x of the start of a month, clamped to the axis, mirrored in right-to-left.
    let x = |m: Month| {
        let t = (f64::from(m.0 - first.0) / months).clamp(0.0, 1.0);
        let v = LABEL + t * plot;
        if rtl { W - v } else { v }
    };
    let span = |a: f64, b: f64| (a.min(b), (a - b).abs().max(2.0));
    let label_x = if rtl { W - 8.0 } else { LABEL - 8.0 };
    struct Row<'a> {
        lines: Vec<String>,
        outlooks: Vec<(&'static str, &'a Outlook)>,
        y: f64,
        h: f64,
    }
    let mut rows = Vec::new();
    let mut y = AXIS + 4.0;
    for p in &report.phases {
        let mut name = p.name.get(lang).to_string();
        if p.illustrative {
            name.push_str(" *");
        }
        let lines = wrap(&name, 38);
        let mut outlooks = Vec::new();
        if let Some(b) = &p.baseline {
            outlooks.push(("baseline", b));
        }
        if let Some(s) = &p.scenario {
            outlooks.push(("what-if", s));
        }
        let bands = outlooks.len().max(1) as f64;
        let h = (bands * (BAND + GAP) + GAP).max(16.0 * lines.len() as f64 + 10.0);
        rows.push(Row { lines, outlooks, y, h });
        y += h;
    }
    let legend_y = y + 18.0;
    let legend_texts: Vec<String> = [
        "pages-analysis-legend-band",
        "pages-analysis-legend-what-if",
        "pages-analysis-legend-median",
        "pages-analysis-legend-deadline",
    ]
    .map(|id| loc.tr(id))
    .to_vec();
    let (legend, legend_rows) = legend_layout(&legend_texts, LEGEND_KEY, 13.0, W - 2.0 * PAD);
    let height = legend_y + LEGEND_ROW * legend_rows as f64 + 12.0;
    let years: Vec<i32> = (first.year()..=last.year()).filter(|yr| Month::new(*yr, 1) >= first).collect();
    let step = if years.len() > 6 { 2 } else { 1 };
    let desc: Vec<String> = report
        .phases
        .iter()
        .map(|p| {
            let mut s = isolated(p.name.get(lang));
            s.push_str(": ");
            if let Some(m) = p.started {
                s.push_str(&loc.format(&Message::new("forecast-started").arg("month", month(loc, m).as_str())));
            } else if let Some(b) = &p.baseline {
                s.push_str(&outlook_text(loc, b, last));
            } else {
                s.push_str(&loc.tr("pages-analysis-cannot-short"));
            }
            if let Some(d) = p.deadline {
                s.push_str(" · ");
                s.push_str(
                    &loc.format(&Message::new("pages-analysis-deadline-at").arg("month", month(loc, d).as_str())),
                );
            }
            s
        })
        .collect();
    let hatch = format!("{id}-hatch");
    html! {
        svg class="chart timeline" id=(id) xmlns="http://www.w3.org/2000/svg" role="img"
            aria-labelledby={ (id) "-title " (id) "-desc" }
            viewBox={ "0 0 " (W) " " (height) } width=(W) height=(height) direction="ltr" font-size="13" {
            title id={ (id) "-title" } { (loc.tr("pages-analysis-timeline-title")) }
            desc id={ (id) "-desc" } { (desc.join(". ")) }
            defs {
                pattern id=(hatch) patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#ffffff" {}
                    line x1="0" y1="0" x2="0" y2="6" stroke=(ORANGE) stroke-width="2.5" {}
                }
            }
            // Year grid and labels.
            @for (i, yr) in years.iter().enumerate() {
                @let gx = x(Month::new(*yr, 1));
                line x1=(gx) x2=(gx) y1=(AXIS - 6.0) y2=(y) stroke=(GRID) {}
                @if i % step == 0 {
                    text x=(gx) y=(AXIS - 10.0) text-anchor="middle" fill=(GREY) { (loc.number(f64::from(*yr), 0)) }
                }
            }
            line x1=(x(first)) x2=(x(last.plus(1))) y1=(AXIS - 6.0) y2=(AXIS - 6.0) stroke=(GREY) {}
            @for (p, row) in report.phases.iter().zip(&rows) {
                g class="phase" data-phase=(p.id.as_str()) {
                    line x1="0" x2=(W) y1=(row.y + row.h) y2=(row.y + row.h) stroke=(GRID) {}
                    text x=(label_x) y=(row.y + 16.0) text-anchor="end" fill=(INK) {
                        @for (l, line) in row.lines.iter().enumerate() {
                            tspan x=(label_x) y=(row.y + 16.0 + 16.0 * l as f64) { (isolated(line)) }
                        }
                    }
                    @if let Some(m) = p.started {
                        @let mx = x(m);
                        g class="started" {
                            title { (loc.format(&Message::new("forecast-started").arg("month", month(loc, m).as_str()))) }
                            circle cx=(mx) cy=(row.y + row.h / 2.0) r="6" fill=(INK) {}
                            text x=(if rtl { mx - 10.0 } else { mx + 10.0 }) y=(row.y + row.h / 2.0 + 4.0) text-anchor=(if rtl { "end" } else { "start" }) fill=(INK) { (sentence(loc, &loc.tr("pages-analysis-started"))) }
                        }
                    } @else if row.outlooks.is_empty() {
                        text x=(if rtl { W - LABEL } else { LABEL }) y=(row.y + row.h / 2.0 + 4.0) text-anchor="start" fill=(GREY) direction=(if rtl { "rtl" } else { "ltr" }) { (loc.tr("pages-analysis-cannot-short")) }
                    }
                    @for (k, (kind, o)) in row.outlooks.iter().enumerate() {
                        @let by = row.y + GAP + k as f64 * (BAND + GAP);
                        @let x0 = o.p10.map_or(x(last.plus(1)), x);
                        @let x1 = o.p90.map_or(x(last.plus(1)), |m| x(m.plus(1)));
                        @let (bx, bw) = span(x0, x1);
                        @let fmt = |m: Option<Month>| m.map(|m| m.to_string()).unwrap_or_default();
                        g class="band" data-kind=(kind) data-p10=(fmt(o.p10)) data-p50=(fmt(o.p50)) data-p90=(fmt(o.p90)) {
                            title { (loc.tr(if *kind == "baseline" { "forecast-label-baseline" } else { "forecast-label-scenario" })) ": " (outlook_text(loc, o, last)) }
                            rect x=(bx) y=(by) width=(bw) height=(BAND) rx="3"
                                fill=(if *kind == "baseline" { BLUE_FILL.to_string() } else { format!("url(#{hatch})") })
                                stroke=(if *kind == "baseline" { BLUE } else { ORANGE }) stroke-width="1.5" {}
                            @if let Some(m) = o.p50 {
                                @let mx = (x(m) + x(m.plus(1))) / 2.0;
                                path d={ "M" (mx) " " (by - 3.0) " l5 " (BAND / 2.0 + 3.0) " l-5 " (BAND / 2.0 + 3.0) " l-5 -" (BAND / 2.0 + 3.0) " z" } fill=(INK) stroke="#ffffff" stroke-width="1" {}
                            }
                            @if o.p90.is_none() {
                                // An open end: the band runs past the horizon.
                                text x=(if rtl { x(last.plus(1)) + 4.0 } else { x(last.plus(1)) - 4.0 }) y=(by + BAND - 4.0) text-anchor="end" direction="ltr" fill=(INK) { (if rtl { "←" } else { "→" }) }
                            }
                        }
                    }
                    @if let Some(d) = p.deadline {
                        @let dx = x(d.plus(1));
                        g class="deadline" {
                            title { (loc.format(&Message::new("pages-analysis-deadline-at").arg("month", month(loc, d).as_str()))) }
                            line x1=(dx) x2=(dx) y1=(row.y + 2.0) y2=(row.y + row.h - 2.0) stroke=(RED) stroke-width="2.5" stroke-dasharray="5 3" {}
                        }
                    }
                }
            }
            // Legend: every mark named in words, in rows inside the chart's width.
            @let lx = |v: f64| if rtl { W - v } else { v };
            @let anchor = if rtl { "end" } else { "start" };
            g class="legend" {
                @for (k, e) in legend.iter().enumerate() {
                    @let (kx, ky) = (PAD + e.x, legend_y + LEGEND_ROW * e.row as f64);
                    @match k {
                        0 => { rect x=(lx(kx).min(lx(kx + LEGEND_KEY))) y=(ky) width=(LEGEND_KEY) height="12" fill=(BLUE_FILL) stroke=(BLUE) {} }
                        1 => { rect x=(lx(kx).min(lx(kx + LEGEND_KEY))) y=(ky) width=(LEGEND_KEY) height="12" fill={ "url(#" (hatch) ")" } stroke=(ORANGE) {} }
                        2 => { path d={ "M" (lx(kx + LEGEND_KEY / 2.0)) " " (ky - 2.0) " l5 8 l-5 8 l-5 -8 z" } fill=(INK) {} }
                        _ => { line x1=(lx(kx + LEGEND_KEY / 2.0)) x2=(lx(kx + LEGEND_KEY / 2.0)) y1=(ky - 3.0) y2=(ky + 15.0) stroke=(RED) stroke-width="2.5" stroke-dasharray="5 3" {} }
                    }
                    (legend_text(loc, lx(kx + LEGEND_KEY + 6.0), ky + 11.0, anchor, &e.lines))
                }
            }
        }
    }
}

/// "P10 … · P50 … · P90 …" with the deadline odds, for titles, descriptions and tables.
pub fn outlook_text(loc: &Localizer, o: &Outlook, last: Month) -> String {
    let mut s = loc.format(
        &Message::new("forecast-start")
            .arg("p10", start_text(loc, o.p10, last))
            .arg("p50", start_text(loc, o.p50, last))
            .arg("p90", start_text(loc, o.p90, last)),
    );
    if let Some(p) = o.p_by_deadline {
        s.push_str(" · ");
        s.push_str(&loc.format(&Message::new("pages-analysis-p-deadline").arg("percent", percent(loc, p))));
    }
    s
}

/// A value axis with round ticks: a step of 1, 2, 2.5 or 5 times a power of ten.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The axis' low end (a multiple of the step).
    pub lo: f64,
    /// Its high end (a multiple of the step).
    pub hi: f64,
    /// The step between ticks.
    pub step: f64,
    /// The ticks, from `lo` to `hi`.
    pub ticks: Vec<f64>,
}

impl Axis {
    /// Round ticks spanning `lo..hi` in about `parts` steps (an empty span becomes one unit).
    pub fn nice(lo: f64, mut hi: f64, parts: f64) -> Axis {
        if (hi - lo).abs() < 1e-9 {
            hi = lo + 1.0;
        }
        let raw = (hi - lo) / parts;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|k| k * mag).find(|s| *s >= raw).unwrap_or(raw);
        let (lo, hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
        let ticks = (0..=((hi - lo) / step).round() as i32).map(|i| lo + step * f64::from(i)).collect();
        Axis { lo, hi, step, ticks }
    }
}

/// A bar of an [`xy_chart`], from `base` to `value` at `x` (centre), `width` wide (x units).
#[derive(Debug, Clone)]
pub struct XyBar {
    /// Centre on the x axis.
    pub x: f64,
    /// Width in x units.
    pub width: f64,
    /// Where the bar starts (usually 0).
    pub base: f64,
    /// Where it ends.
    pub value: f64,
    /// Its value in words (the bar's `<title>`).
    pub title: String,
}

/// A line (or marks) of an [`xy_chart`].
#[derive(Debug, Clone)]
pub struct XyLine {
    /// Its name in the legend (empty: not in the legend).
    pub label: String,
    /// Class of its group (tests and styles find it by this).
    pub class: &'static str,
    /// Stroke colour (a [`palette`] colour).
    pub colour: &'static str,
    /// Dashed (references: the nominal level, the diagonal).
    pub dashed: bool,
    /// A mark at each point, with its value in words.
    pub marks: bool,
    /// Drawn as steps (a distribution function by month).
    pub steps: bool,
    /// The points, in x order, each with its words (used when `marks`).
    pub points: Vec<(f64, f64, String)>,
}

/// An x–y chart: value axes, bars and lines. Every analysis picture that is not a timeline,
/// a heatmap or a fan is one of these (coverage, skill and PIT by horizon, reliability, the
/// first-passage distribution). x runs right to left in Arabic.
#[derive(Debug, Clone)]
pub struct XyChart {
    /// Element id (unique on the page).
    pub id: String,
    /// Extra class on the `<svg>`.
    pub class: &'static str,
    /// Title.
    pub title: String,
    /// Everything it shows, in words.
    pub desc: String,
    /// The x axis' name.
    pub x_label: String,
    /// The y axis' name.
    pub y_label: String,
    /// x from, to.
    pub x: [f64; 2],
    /// y axis.
    pub y: Axis,
    /// x ticks: position and text.
    pub x_ticks: Vec<(f64, String)>,
    /// y ticks' text from a value.
    pub y_tick: fn(&Localizer, f64) -> String,
    /// Bars, under the lines.
    pub bars: Vec<XyBar>,
    /// Lines.
    pub lines: Vec<XyLine>,
}

/// Draws an [`XyChart`].
pub fn xy_chart(loc: &Localizer, c: &XyChart) -> Markup {
    const W: f64 = 640.0;
    const H: f64 = 320.0;
    let (left, right, top) = (62.0, 16.0, 14.0);
    let legend: Vec<&XyLine> = c.lines.iter().filter(|l| !l.label.is_empty()).collect();
    let legend_texts: Vec<String> = legend.iter().map(|l| l.label.clone()).collect();
    let (placed, legend_rows) = legend_layout(&legend_texts, LEGEND_KEY, 12.0, W - left - right);
    let legend_rows = if legend.is_empty() { 0.0 } else { legend_rows as f64 };
    let bottom = 48.0 + LEGEND_ROW * legend_rows;
    let rtl = loc.lang() == Lang::Ar;
    let plot_w = W - left - right;
    let plot_h = H - top - bottom;
    let span = (c.x[1] - c.x[0]).abs().max(1e-9);
    let x = |v: f64| {
        let px = left + (v - c.x[0]) / span * plot_w;
        if rtl { W - px } else { px }
    };
    let y = |v: f64| top + (c.y.hi - v.clamp(c.y.lo, c.y.hi)) / (c.y.hi - c.y.lo) * plot_h;
    let axis_x = if rtl { W - left + 6.0 } else { left - 6.0 };
    let axis_anchor = if rtl { "start" } else { "end" };
    let path = |l: &XyLine| -> String {
        let mut d = String::new();
        for (i, (px, py, _)) in l.points.iter().enumerate() {
            if i == 0 {
                d.push_str(&format!("M{:.1} {:.1}", x(*px), y(*py)));
            } else if l.steps {
                d.push_str(&format!(" H{:.1} V{:.1}", x(*px), y(*py)));
            } else {
                d.push_str(&format!(" L{:.1} {:.1}", x(*px), y(*py)));
            }
        }
        d
    };
    let id = c.id.as_str();
    html! {
        svg class={ "chart xy " (c.class) } id=(id) xmlns="http://www.w3.org/2000/svg" role="img"
            aria-labelledby={ (id) "-title " (id) "-desc" }
            viewBox={ "0 0 " (W) " " (H) } width=(W) height=(H) direction="ltr" font-size="12" {
            title id={ (id) "-title" } { (isolated(&c.title)) }
            desc id={ (id) "-desc" } { (c.desc) }
            g class="axes" {
                @for t in &c.y.ticks {
                    line x1=(x(c.x[0])) x2=(x(c.x[1])) y1=(y(*t)) y2=(y(*t)) stroke=(GRID) {}
                    text x=(axis_x) y=(y(*t) + 4.0) text-anchor=(axis_anchor) fill=(GREY) { ((c.y_tick)(loc, *t)) }
                }
                @for (v, label) in &c.x_ticks {
                    text x=(x(*v)) y=(top + plot_h + 15.0) text-anchor="middle" fill=(GREY) { (label) }
                }
                line x1=(x(c.x[0])) x2=(x(c.x[1])) y1=(top + plot_h) y2=(top + plot_h) stroke=(GREY) {}
                text class="x-label" x=(W / 2.0) y=(top + plot_h + 32.0) text-anchor="middle" fill=(INK) { (isolated(&c.x_label)) }
                text class="y-label" x=(if rtl { W - 12.0 } else { 12.0 }) y=(top + plot_h / 2.0) text-anchor="middle" fill=(INK)
                    transform={ "rotate(" (if rtl { 90 } else { -90 }) " " (if rtl { W - 12.0 } else { 12.0 }) " " (top + plot_h / 2.0) ")" } { (isolated(&c.y_label)) }
            }
            @if !c.bars.is_empty() {
                g class="bars" {
                    @for b in &c.bars {
                        @let (x0, x1) = (x(b.x - b.width / 2.0), x(b.x + b.width / 2.0));
                        @let (y0, y1) = (y(b.base), y(b.value));
                        rect class="bar" x=(format!("{:.1}", x0.min(x1))) y=(format!("{:.1}", y0.min(y1))) width=(format!("{:.1}", (x1 - x0).abs().max(1.0)))
                            height=(format!("{:.1}", (y1 - y0).abs())) fill=(BLUE_FILL) stroke=(BLUE) {
                            title { (b.title) }
                        }
                    }
                }
            }
            @for l in &c.lines {
                g class={ "line " (l.class) } data-points=(l.points.len()) {
                    @if !l.label.is_empty() { title { (isolated(&l.label)) } }
                    @if l.points.len() > 1 {
                        path d=(path(l)) fill="none" stroke=(l.colour) stroke-width="2" stroke-dasharray=(if l.dashed { "6 4" } else { "none" }) {}
                    }
                    @if l.marks {
                        @for (px, py, words) in &l.points {
                            circle class="point" cx=(format!("{:.1}", x(*px))) cy=(format!("{:.1}", y(*py))) r="4" fill=(l.colour) stroke="#ffffff" {
                                title { (words) }
                            }
                        }
                    }
                }
            }
            @let lx = |v: f64| if rtl { W - v } else { v };
            @let anchor = if rtl { "end" } else { "start" };
            g class="legend" {
                @for (l, e) in legend.iter().zip(&placed) {
                    @let bx = left + e.x;
                    @let ly = H - LEGEND_ROW * legend_rows + LEGEND_ROW * e.row as f64 - 4.0;
                    line x1=(lx(bx)) x2=(lx(bx + LEGEND_KEY)) y1=(ly - 4.0) y2=(ly - 4.0) stroke=(l.colour) stroke-width="2" stroke-dasharray=(if l.dashed { "6 4" } else { "none" }) {}
                    (legend_text(loc, lx(bx + LEGEND_KEY + 6.0), ly, anchor, &e.lines))
                }
            }
        }
    }
}

/// A probability's tick: a whole percentage.
pub fn percent_tick(loc: &Localizer, p: f64) -> String {
    super::ltr_text(loc, format!("{}%", (p * 100.0).round() as i64))
}

/// The x ticks of a chart whose x is months from `origin` over `months` months: each January.
fn year_ticks(loc: &Localizer, origin: Month, months: usize) -> Vec<(f64, String)> {
    let years: Vec<i32> = (origin.year()..=origin.plus(months as i32).year()).collect();
    let step = if years.len() > 6 { 2 } else { 1 };
    years
        .iter()
        .map(|yr| Month::new(*yr, 1))
        .filter(|m| *m >= origin && m.0 - origin.0 < months as i32)
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(_, m)| (f64::from(m.0 - origin.0), loc.number(f64::from(m.year()), 0)))
        .collect()
}

/// The first-passage distribution: per phase, the share of futures in which it has started by
/// the end of each month from the origin (the report's `cdf`), as steps; a what-if's dashed.
pub fn first_passage(loc: &Localizer, report: &ForecastReport, id: &str) -> Markup {
    let lang = loc.lang();
    let origin = report.settings.origin;
    let months = report.settings.horizon_months as usize;
    let colours = [BLUE, GREEN, PURPLE, ORANGE, INK, RED];
    let mut lines = Vec::new();
    let mut desc = Vec::new();
    for (i, p) in report.phases.iter().enumerate() {
        for (o, dashed) in [(&p.baseline, false), (&p.scenario, true)] {
            let Some(o) = o.as_ref().filter(|o| !o.cdf.is_empty()) else { continue };
            let mut label = p.name.get(lang).to_string();
            if dashed {
                label = format!("{label} ({})", loc.tr("forecast-label-scenario"));
            }
            let last = *o.cdf.last().unwrap_or(&0.0);
            let end = origin.plus(o.cdf.len() as i32 - 1);
            desc.push(
                loc.format(
                    &Message::new("pages-analysis-cdf-phase")
                        .arg("phase", isolated(&label))
                        .arg("percent", percent(loc, last))
                        .arg("month", month(loc, end).as_str()),
                ),
            );
            lines.push(XyLine {
                label,
                class: "cdf",
                colour: colours[i % colours.len()],
                dashed,
                marks: false,
                steps: true,
                points: o.cdf.iter().enumerate().map(|(m, &q)| (m as f64, q, String::new())).collect(),
            });
        }
    }
    if lines.is_empty() {
        return html! {};
    }
    xy_chart(
        loc,
        &XyChart {
            id: id.to_string(),
            class: "first-passage",
            title: loc.tr("pages-analysis-cdf-title"),
            desc: desc.join(". "),
            x_label: loc.tr("pages-analysis-cdf-x"),
            y_label: loc.tr("pages-analysis-cdf-y"),
            x: [0.0, months.max(1) as f64],
            y: Axis::nice(0.0, 1.0, 4.0),
            x_ticks: year_ticks(loc, origin, months),
            y_tick: percent_tick,
            bars: Vec::new(),
            lines,
        },
    )
}

/// One publisher's figures for the fan chart.
pub struct Line<'a> {
    /// The publisher's name.
    pub label: String,
    /// Its figures, oldest first.
    pub points: &'a [Point],
}

/// What an indicator's chart knows of its variable beyond the figures: the range its values
/// can take (a count never goes below zero, a share never above one, a level stays on its
/// scale), the names of an ordinal scale's levels, and the thresholds the case judges it by.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// The lowest value the variable can take, if any.
    pub min: Option<f64>,
    /// The highest value it can take, if any.
    pub max: Option<f64>,
    /// An ordinal scale's level names, worst first (rank 1 is the first): the y axis is labelled
    /// with them instead of numbers.
    pub levels: Vec<String>,
    /// Thresholds to draw across the plot: (value, label in the reader's language).
    pub thresholds: Vec<(f64, String)>,
}

/// [`fan_chart_marked`] without marks.
pub fn fan_chart(
    loc: &Localizer,
    id: &str,
    title: &str,
    lines: &[Line<'_>],
    fan: Option<&Fan>,
    compact: bool,
) -> Markup {
    fan_chart_marked(loc, id, title, lines, fan, compact, &Marks::default())
}

/// An indicator's history (each publisher a line with its own marker shape) and its forecast
/// fan (P10–P90 and P25–P75 bands, the median dashed). Illustrative figures have hatched
/// markers. `compact` draws the small version for the report. Time runs right to left in Arabic.
/// The fan is clipped to the variable's range and to the plot; `marks` adds threshold lines
/// and, for an ordinal scale, its level names on the axis.
pub fn fan_chart_marked(
    loc: &Localizer,
    id: &str,
    title: &str,
    lines: &[Line<'_>],
    fan: Option<&Fan>,
    compact: bool,
    marks: &Marks,
) -> Markup {
    let w = if compact { 460.0 } else { 900.0 };
    // Level names need room beside the axis that numbers do not.
    let ordinal = !marks.levels.is_empty();
    let left = if ordinal { if compact { 120.0 } else { 170.0 } } else { 64.0 };
    let (right, top) = (16.0, 14.0);
    // A forecast quantile outside the variable's range cannot happen: it is drawn at the edge.
    let clamp = |v: f64| v.max(marks.min.unwrap_or(f64::NEG_INFINITY)).min(marks.max.unwrap_or(f64::INFINITY));
    let rtl = loc.lang() == Lang::Ar;
    // The months shown: the last five years of figures (two in the report), then the fan.
    let history_months = if compact { 24 } else { 60 };
    let last_point = lines.iter().filter_map(|l| l.points.last()).map(|p| p.period.last_month()).max();
    let fan_end = fan.map(|f| f.from.plus(f.quantiles.len() as i32 - 1));
    let end = match (last_point, fan_end) {
        (Some(a), Some(b)) => a.max(b),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return html! { p { (loc.tr("pages-analysis-no-figures")) } },
    };
    let first_point = lines.iter().filter_map(|l| l.points.first()).map(|p| p.period.last_month()).min().unwrap_or(end);
    let start = first_point.max(last_point.unwrap_or(end).plus(-history_months));
    let span = f64::from((end.0 - start.0).max(1));
    let visible = |p: &&Point| p.period.last_month() >= start;
    let illustrative = lines.iter().any(|l| l.points.iter().filter(visible).any(|p| p.illustrative));
    // The legend (not in the compact version): each publisher by its full name, the fan, the
    // hatching; in as many rows as it takes, under the plot, which keeps its height.
    let mut legend_texts: Vec<String> = lines.iter().map(|l| l.label.clone()).collect();
    if fan.is_some() {
        legend_texts.push(loc.tr("pages-analysis-legend-fan"));
    }
    if illustrative {
        legend_texts.push(loc.tr("pages-analysis-legend-illustrative-short"));
    }
    let (legend, legend_rows) = legend_layout(&legend_texts, LEGEND_KEY, 13.0, w - left - right);
    let bottom = if compact { 28.0 } else { 36.0 + LEGEND_ROW * legend_rows as f64 };
    let h = if compact { 200.0 } else { 306.0 + bottom };
    let mut values: Vec<f64> = lines.iter().flat_map(|l| l.points.iter().filter(visible).map(|p| p.value)).collect();
    if let Some(f) = fan {
        values.extend(f.quantiles.iter().flat_map(|q| [clamp(q[0]), clamp(q[4])]));
    }
    values.extend(marks.thresholds.iter().map(|(v, _)| *v));
    let (mut lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    // A count's lower fan can dip just under 0 (e^z − 1 > −1): the axis still starts at 0.
    let history_min = lines.iter().flat_map(|l| l.points.iter()).map(|p| p.value).fold(f64::INFINITY, f64::min);
    if (lo >= 0.0 && lo < hi * 0.5) || (lo > -1.0 && lo < 0.0 && history_min >= 0.0) {
        lo = 0.0;
    }
    let Axis { lo, hi, step, ticks } = if ordinal {
        // One tick per level, the whole scale shown.
        let n = marks.levels.len() as f64;
        Axis { lo: 1.0, hi: n.max(2.0), step: 1.0, ticks: (1..=marks.levels.len()).map(|r| r as f64).collect() }
    } else {
        let axis = Axis::nice(lo, hi, 4.0);
        // The axis need not run past what the variable can take (a share's 100%).
        let top_end = marks.max.filter(|m| *m < axis.hi && *m >= hi).unwrap_or(axis.hi);
        let bottom_end = marks.min.filter(|m| *m > axis.lo && *m <= lo).unwrap_or(axis.lo);
        Axis {
            lo: bottom_end,
            hi: top_end,
            ticks: axis.ticks.into_iter().filter(|t| *t >= bottom_end && *t <= top_end).collect(),
            ..axis
        }
    };
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let x = |m: Month| {
        let v = left + f64::from(m.0 - start.0) / span * plot_w;
        if rtl { w - v } else { v }
    };
    let y = |v: f64| top + (hi - v) / (hi - lo) * plot_h;
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    };
    let axis_x = if rtl { w - left + 6.0 } else { left - 6.0 };
    let axis_anchor = if rtl { "start" } else { "end" };
    let colours = [BLUE, GREEN, PURPLE, ORANGE];
    let hatch = format!("{id}-hatch");
    let clip = format!("{id}-plot");
    let band = |a: usize, b: usize, f: &Fan| -> String {
        let mut d = String::new();
        for (i, q) in f.quantiles.iter().enumerate() {
            let m = f.from.plus(i as i32);
            d.push_str(&format!("{}{:.1} {:.1} ", if i == 0 { "M" } else { "L" }, x(m), y(clamp(q[b]))));
        }
        for (i, q) in f.quantiles.iter().enumerate().rev() {
            let m = f.from.plus(i as i32);
            d.push_str(&format!("L{:.1} {:.1} ", x(m), y(clamp(q[a]))));
        }
        d.push('Z');
        d
    };
    let mut desc = loc.format(
        &Message::new("pages-analysis-fan-desc")
            .arg("publishers", lines.len())
            .arg("from", month(loc, start).as_str())
            .arg("to", month(loc, last_point.unwrap_or(end)).as_str()),
    );
    if let Some(f) = fan
        && let (Some(q), true) = (f.quantiles.last(), !f.quantiles.is_empty())
    {
        desc.push(' ');
        desc.push_str(
            &loc.format(
                &Message::new("pages-analysis-fan-desc-forecast")
                    .arg("month", month(loc, f.from.plus(f.quantiles.len() as i32 - 1)).as_str())
                    .arg("p10", loc.number(q[0], decimals))
                    .arg("p50", loc.number(q[2], decimals))
                    .arg("p90", loc.number(q[4], decimals)),
            ),
        );
    }
    if illustrative {
        desc.push(' ');
        desc.push_str(&loc.tr("pages-analysis-legend-illustrative"));
    }
    let years: Vec<i32> = (start.year()..=end.year()).filter(|yr| Month::new(*yr, 1) >= start).collect();
    html! {
        svg class={ "chart fan" @if compact { " compact" } } id=(id) xmlns="http://www.w3.org/2000/svg" role="img"
            aria-labelledby={ (id) "-title " (id) "-desc" }
            viewBox={ "0 0 " (w) " " (h) } width=(w) height=(h) direction="ltr" font-size=(if compact { "11" } else { "13" }) {
            title id={ (id) "-title" } { (isolated(title)) }
            desc id={ (id) "-desc" } { (desc) }
            defs {
                pattern id=(hatch) patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)" {
                    rect width="4" height="4" fill="#ffffff" {}
                    line x1="0" y1="0" x2="0" y2="4" stroke=(INK) stroke-width="1.5" {}
                }
                // The plot's box: the fan never spills over the axes or the legend.
                clipPath id=(clip) {
                    rect x=(if rtl { right } else { left }) y=(top) width=(plot_w) height=(plot_h) {}
                }
            }
            @for t in &ticks {
                line x1=(x(start)) x2=(x(end)) y1=(y(*t)) y2=(y(*t)) stroke=(GRID) {}
                @if ordinal {
                    @let name = marks.levels.get((*t as usize).saturating_sub(1)).map(String::as_str).unwrap_or("");
                    text class="level" x=(axis_x) y=(y(*t) + 4.0) text-anchor=(axis_anchor) fill=(GREY) {
                        title { (name) }
                        (isolated(&short(name, if compact { 16 } else { 24 })))
                    }
                } @else {
                    text x=(axis_x) y=(y(*t) + 4.0) text-anchor=(axis_anchor) fill=(GREY) { (loc.number(*t, decimals)) }
                }
            }
            @for yr in &years {
                line x1=(x(Month::new(*yr, 1))) x2=(x(Month::new(*yr, 1))) y1=(top) y2=(top + plot_h) stroke=(GRID) {}
                text x=(x(Month::new(*yr, 1))) y=(top + plot_h + 16.0) text-anchor="middle" fill=(GREY) { (loc.number(f64::from(*yr), 0)) }
            }
            @if let Some(f) = fan {
                g class="fan-band" data-from=(f.from.to_string()) data-months=(f.quantiles.len()) clip-path={ "url(#" (clip) ")" } {
                    title { (loc.tr("pages-analysis-legend-fan")) }
                    path class="p10-p90" d=(band(0, 4, f)) fill=(BLUE_FILL) stroke=(BLUE) stroke-width="1" {}
                    path class="p25-p75" d=(band(1, 3, f)) fill=(BLUE_MID) stroke="none" {}
                    polyline class="median" fill="none" stroke=(INK) stroke-width="2" stroke-dasharray="6 4"
                        points=(f.quantiles.iter().enumerate().map(|(i, q)| format!("{:.1},{:.1}", x(f.from.plus(i as i32)), y(clamp(q[2])))).collect::<Vec<_>>().join(" ")) {}
                    line x1=(x(f.from)) x2=(x(f.from)) y1=(top) y2=(top + plot_h) stroke=(GREY) stroke-dasharray="2 3" {}
                }
            }
            @for (v, label) in &marks.thresholds {
                // Labelled at the plot's far end from the axis, just above the line.
                @let (tx, anchor) = if rtl { (x(end) + 4.0, "start") } else { (x(end) - 4.0, "end") };
                g class="threshold" data-value=(v) {
                    title { (label) }
                    line x1=(x(start)) x2=(x(end)) y1=(y(*v)) y2=(y(*v)) stroke=(RED) stroke-width="1.5" stroke-dasharray="8 4" {}
                    text x=(tx) y=(y(*v) - 4.0) text-anchor=(anchor) fill=(RED) { (isolated(&short(label, 48))) }
                }
            }
            @for (i, l) in lines.iter().enumerate() {
                @let c = colours[i % colours.len()];
                @let pts: Vec<&Point> = l.points.iter().filter(visible).collect();
                g class="publisher" data-publisher=(l.label) {
                    title { (l.label) }
                    @if pts.len() > 1 {
                        polyline fill="none" stroke=(c) stroke-width="2"
                            points=(pts.iter().map(|p| format!("{:.1},{:.1}", x(p.period.last_month()), y(p.value))).collect::<Vec<_>>().join(" ")) {}
                    }
                    @for p in &pts {
                        @let (px, py) = (x(p.period.last_month()), y(p.value));
                        @let fill = if p.illustrative { format!("url(#{hatch})") } else { c.to_string() };
                        @let class = if p.illustrative { "point illustrative" } else { "point" };
                        @match i % 3 {
                            0 => { circle class=(class) cx=(px) cy=(py) r="4" fill=(fill) stroke=(c) stroke-width="1.5" {} }
                            1 => { rect class=(class) x=(px - 4.0) y=(py - 4.0) width="8" height="8" fill=(fill) stroke=(c) stroke-width="1.5" {} }
                            _ => { path class=(class) d={ "M" (px) " " (py - 5.0) " l5 9 l-10 0 z" } fill=(fill) stroke=(c) stroke-width="1.5" {} }
                        }
                    }
                }
            }
            @if !compact {
                @let lx = |v: f64| if rtl { w - v } else { v };
                @let anchor = if rtl { "end" } else { "start" };
                @let ly = top + plot_h + 36.0;
                g class="legend" {
                    @for (k, e) in legend.iter().enumerate() {
                        @let (kx, ky) = (left + e.x, ly + LEGEND_ROW * e.row as f64);
                        @if k < lines.len() {
                            @let c = colours[k % colours.len()];
                            line x1=(lx(kx)) x2=(lx(kx + LEGEND_KEY)) y1=(ky - 4.0) y2=(ky - 4.0) stroke=(c) stroke-width="2" {}
                        } @else if fan.is_some() && k == lines.len() {
                            rect x=(lx(kx).min(lx(kx + LEGEND_KEY))) y=(ky - 10.0) width=(LEGEND_KEY) height="10" fill=(BLUE_FILL) stroke=(BLUE) {}
                        } @else {
                            rect x=(lx(kx + 10.0).min(lx(kx + 20.0))) y=(ky - 10.0) width="10" height="10" fill={ "url(#" (hatch) ")" } stroke=(INK) {}
                        }
                        (legend_text(loc, lx(kx + LEGEND_KEY + 6.0), ky, anchor, &e.lines))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_is_isolated_and_cannot_break_out() {
        assert_eq!(super::isolated("Kurdistan"), "\u{2068}Kurdistan\u{2069}");
        // An override stays inside; a stray PDI is dropped; an open isolate is closed.
        assert_eq!(super::isolated("a\u{202E}b"), "\u{2068}a\u{202E}b\u{2069}");
        assert_eq!(super::isolated("a\u{2069}\u{202E}b"), "\u{2068}a\u{202E}b\u{2069}");
        assert_eq!(super::isolated("a\u{2067}b"), "\u{2068}a\u{2067}b\u{2069}\u{2069}");
    }

    /// WCAG 2.1 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let c = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn palette_contrast_meets_wcag_aa() {
        use super::palette::*;
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01, "the formula");
        // Text on white, and the heatmap's dark text on its fills: at least 4.5:1.
        for text in [INK, GREY, RED] {
            assert!(contrast(text, "#ffffff") >= 4.5, "{text} on white");
        }
        for fill in ["#b7e4c2", "#f4c7c3", "#fde8a6", "#e3e3e3", BLUE_FILL, BLUE_MID] {
            assert!(contrast(INK, fill) >= 4.5, "ink on {fill}: {}", contrast(INK, fill));
        }
        // Lines, outlines and marks: at least 3:1 against white.
        for mark in [INK, GREY, BLUE, ORANGE, RED, GREEN, PURPLE] {
            assert!(contrast(mark, "#ffffff") >= 3.0, "{mark}: {}", contrast(mark, "#ffffff"));
        }
        // The median mark stays visible on the band it sits on.
        assert!(contrast(INK, BLUE_FILL) >= 3.0);
    }

    #[test]
    fn axis_ticks_are_round_and_span_the_values() {
        let a = super::Axis::nice(0.0, 1.0, 4.0);
        assert_eq!((a.lo, a.hi, a.step), (0.0, 1.0, 0.25));
        assert_eq!(a.ticks.len(), 5);
        let b = super::Axis::nice(-0.3, 0.62, 4.0);
        assert!(b.lo <= -0.3 && b.hi >= 0.62 && b.ticks.len() <= 6, "{b:?}");
    }

    #[test]
    fn an_xy_chart_runs_right_to_left_in_arabic() {
        use tahawul_i18n::{Lang, Localizer};
        let chart = |lang| {
            let loc = Localizer::new(lang).unwrap();
            let c = super::XyChart {
                id: "t".into(),
                class: "t",
                title: "t".into(),
                desc: "d".into(),
                x_label: "x".into(),
                y_label: "y".into(),
                x: [0.0, 1.0],
                y: super::Axis::nice(0.0, 1.0, 4.0),
                x_ticks: Vec::new(),
                y_tick: super::percent_tick,
                bars: Vec::new(),
                lines: vec![super::XyLine {
                    label: String::new(),
                    class: "l",
                    colour: super::palette::BLUE,
                    dashed: false,
                    marks: true,
                    steps: false,
                    points: vec![(0.0, 0.5, "first".into()), (1.0, 0.5, "last".into())],
                }],
            };
            super::xy_chart(&loc, &c).into_string()
        };
        let cx = |svg: &str| -> Vec<f64> {
            svg.match_indices("<circle")
                .map(|(i, _)| {
                    let rest = &svg[i..];
                    let at = rest.find(" cx=\"").unwrap() + 5;
                    rest[at..at + rest[at..].find('"').unwrap()].parse().unwrap()
                })
                .collect()
        };
        let (en, ar) = (cx(&chart(Lang::En)), cx(&chart(Lang::Ar)));
        assert!(en[0] < en[1], "left to right in English: {en:?}");
        assert!(ar[0] > ar[1], "right to left in Arabic: {ar:?}");
        assert!((en[0] + ar[0] - 640.0).abs() < 0.2, "mirrored: {en:?} {ar:?}");
    }

    /// The numbers of the attribute `name` in every tag of `svg` carrying `marker`.
    fn attr_of<'a>(svg: &'a str, marker: &str, name: &str) -> Vec<&'a str> {
        svg.match_indices(marker)
            .filter_map(|(at, _)| {
                let tag = &svg[svg[..at + 1].rfind('<').unwrap()..];
                let tag = &tag[..tag.find('>').unwrap()];
                let key = format!(" {name}=\"");
                let v = &tag[tag.find(&key)? + key.len()..];
                Some(&v[..v.find('"').unwrap()])
            })
            .collect()
    }

    /// A count's fan whose lower quantiles fall below zero and whose upper ones run far up, with
    /// a threshold at 8: the y of every band vertex, the threshold's y, and the axis' zero.
    fn count_chart(lang: tahawul_i18n::Lang) -> String {
        use tahawul_domain::forecast::Fan;
        use tahawul_domain::series::Point;
        use tahawul_domain::{Month, Period};
        let loc = tahawul_i18n::Localizer::new(lang).unwrap();
        let points: Vec<Point> = (1..=12)
            .map(|m| Point {
                period: Period::containing(Month::new(2026, m), tahawul_domain::Frequency::Month),
                value: 3.0,
                illustrative: false,
            })
            .collect();
        let fan = Fan {
            from: Month::new(2027, 1),
            quantiles: (0..12).map(|i| [-4.0 - i as f64, -1.0, 3.0, 6.0, 10.0 + i as f64]).collect(),
            illustrative: false,
        };
        let marks = super::Marks {
            min: Some(0.0),
            max: None,
            levels: vec![],
            thresholds: vec![(8.0, "Threat: \u{2066}≤ 8\u{2069}".into())],
        };
        let lines = [super::Line { label: "HMC".into(), points: &points }];
        super::fan_chart_marked(&loc, "fan", "t", &lines, Some(&fan), false, &marks).into_string()
    }

    #[test]
    fn a_count_fan_stays_at_or_above_zero_inside_the_plot_with_its_threshold_drawn() {
        for lang in [tahawul_i18n::Lang::En, tahawul_i18n::Lang::Ar] {
            let svg = count_chart(lang);
            // The axis starts at zero: its label is the lowest tick, and its y the plot's bottom.
            let bottom = 360.0 - 54.0;
            let zero: Vec<f64> = attr_of(&svg, "fill=\"#595959\">0<", "y").iter().map(|v| v.parse().unwrap()).collect();
            assert_eq!(zero, vec![bottom + 4.0], "{lang:?}: the lowest tick is 0, at the plot's bottom");
            // Every vertex of both bands is at or above zero (y at or above the bottom).
            for d in attr_of(&svg, "class=\"p10-p90\"", "d").into_iter().chain(attr_of(&svg, "class=\"p25-p75\"", "d"))
            {
                let nums: Vec<f64> =
                    d.split(['M', 'L', 'Z', ' ']).filter(|t| !t.is_empty()).map(|t| t.parse().unwrap()).collect();
                for pair in nums.chunks(2) {
                    assert!(pair[1] <= bottom + 0.05, "{lang:?}: a band below zero at y={} (bottom {bottom})", pair[1]);
                    assert!(pair[1] >= 14.0 - 0.05, "{lang:?}: a band above the plot at y={}", pair[1]);
                }
            }
            // The band is clipped to the plot's box.
            assert!(
                svg.contains("<clipPath id=\"fan-plot\">") && svg.contains("clip-path=\"url(#fan-plot)\""),
                "{lang:?}"
            );
            // The threshold: one dashed line across the plot at 8, labelled with its sentence.
            let th = attr_of(&svg, "class=\"threshold\"", "data-value");
            assert_eq!(th, vec!["8"], "{lang:?}");
            let g = &svg[svg.find("class=\"threshold\"").unwrap()..];
            let (y1, y2): (f64, f64) =
                (attr_of(g, "<line", "y1")[0].parse().unwrap(), attr_of(g, "<line", "y2")[0].parse().unwrap());
            assert_eq!(y1, y2, "horizontal");
            // y of 8 on a 0..hi axis: between the bottom (0) and the top, in proportion.
            // The axis runs from 0 to a round number above the fan's clipped top (21).
            let hi = super::Axis::nice(0.0, 21.0, 4.0).hi;
            let top_tick = format!("fill=\"#595959\">{hi}<");
            assert_eq!(attr_of(&svg, &top_tick, "y"), vec!["18"], "{lang:?}: the top tick {hi} at the plot's top");
            let want = 14.0 + (hi - 8.0) / hi * (360.0 - 14.0 - 54.0);
            assert!((y1 - want).abs() < 0.05, "{lang:?}: threshold at y {y1}, want {want}");
            assert!(g.contains("Threat: \u{2066}≤ 8\u{2069}"), "the label");
        }
    }

    /// The founding case's baseline forecast as of November 2026 (500 futures: the rows and
    /// the started phases are what these tests read, not the bands' widths).
    fn founding_forecast() -> tahawul_domain::forecast::ForecastReport {
        use tahawul_domain::forecast::{self, DEFAULT_HORIZON_MONTHS, DEFAULT_SEED, Settings};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
        let case = tahawul_domain::bundle::load(&dir).expect("the founding case loads");
        let settings = Settings {
            as_of: tahawul_domain::Month::new(2026, 11),
            horizon_months: DEFAULT_HORIZON_MONTHS,
            paths: 500,
            seed: DEFAULT_SEED,
        };
        forecast::run(&forecast::prepare(&case, &settings), None).expect("the founding case forecasts")
    }

    /// The text of every `<text>` and `<tspan>` of `svg` holding words (not its `<title>` or
    /// `<desc>`), entities decoded: (the tag it is in, the text).
    fn texts(svg: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (at, _) in svg.match_indices('>') {
            let rest = &svg[at + 1..];
            let text = &rest[..rest.find('<').unwrap_or(rest.len())];
            if text.trim().is_empty() {
                continue;
            }
            let open = &svg[svg[..at].rfind('<').unwrap()..=at];
            let tag: String = open[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if tag == "text" || tag == "tspan" {
                let decoded =
                    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
                out.push((open.to_string(), decoded));
            }
        }
        out
    }

    /// `s` as the Unicode bidi algorithm lays it out on a line whose base direction is `level`,
    /// left to right, without the invisible controls.
    fn visual(s: &str, level: unicode_bidi::Level) -> String {
        let bidi = unicode_bidi::BidiInfo::new(s, Some(level));
        let para = &bidi.paragraphs[0];
        bidi.reorder_line(para, para.range.clone())
            .chars()
            .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect()
    }

    /// Every Arabic text of the charts (the SVG is laid out left to right, x mirrored by hand)
    /// lays out as it would in an Arabic paragraph: the same left-to-right order of its pieces
    /// as with a right-to-left base. The fan's key says its ranges in words ("from percentile
    /// 10 to 90 and from 25 to 75"), each number where a right-to-left reader meets it: 10
    /// right of 90, 90 right of 25, 25 right of 75.
    #[test]
    fn arabic_chart_text_lays_out_as_an_arabic_paragraph() {
        use tahawul_i18n::{Lang, Localizer};
        use unicode_bidi::Level;
        let loc = Localizer::new(Lang::Ar).unwrap();
        let report = founding_forecast();
        let charts = [
            count_chart(Lang::Ar),
            super::timeline(&loc, &report, "t").into_string(),
            super::first_passage(&loc, &report, "c").into_string(),
        ];
        let mut arabic = 0;
        for svg in &charts {
            for (tag, t) in texts(svg) {
                if !t.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
                    continue;
                }
                arabic += 1;
                assert_eq!(visual(&t, Level::ltr()), visual(&t, Level::rtl()), "{tag}: {t:?}");
            }
        }
        assert!(arabic > 10, "the charts have Arabic words: {arabic}");
        let fan = &charts[0];
        let legend = texts(fan)
            .into_iter()
            .map(|(_, t)| t)
            .find(|t| t.contains("المئين"))
            .expect("the fan's legend names its ranges");
        let drawn = visual(&legend, Level::ltr());
        let at = |n: &str| drawn.find(n).unwrap_or_else(|| panic!("{n} in {drawn:?}"));
        assert!(at("75") < at("25") && at("25") < at("90") && at("90") < at("10"), "read right to left: {drawn:?}");
    }

    /// A phase that started before the forecast's origin (the founding case's assessment,
    /// September 2024, and the federal mission's end, January 2026) is drawn at its month on
    /// the year axis, not at the origin; in both languages.
    #[test]
    fn a_started_phase_is_drawn_at_the_month_it_started() {
        use tahawul_domain::Month;
        use tahawul_i18n::{Lang, Localizer};
        let report = founding_forecast();
        assert!(report.settings.origin > Month::new(2026, 1), "both started before the origin");
        for lang in [Lang::En, Lang::Ar] {
            let svg = super::timeline(&Localizer::new(lang).unwrap(), &report, "t").into_string();
            let year_x = |yr: &str| -> f64 {
                attr_of(&svg, &format!(">{yr}</text>"), "x")
                    .first()
                    .unwrap_or_else(|| panic!("{yr} on the axis"))
                    .parse()
                    .unwrap()
            };
            // Years every other label (twelve years on the axis): 2025, 2027, …
            let (x25, x27) = (year_x("2025"), year_x("2027"));
            let at = |m: Month| x25 + (x27 - x25) * f64::from(m.0 - Month::new(2025, 1).0) / 24.0;
            for (phase, month) in [
                ("hmc-assessment-complete", Month::new(2024, 9)),
                ("coalition-mission-ends-federal-iraq", Month::new(2026, 1)),
            ] {
                let g = &svg[svg.find(&format!("data-phase=\"{phase}\"")).unwrap()..];
                let g = &g[g.find("class=\"started\"").unwrap_or_else(|| panic!("{phase} is started"))..];
                let cx: f64 = attr_of(g, "<circle", "cx")[0].parse().unwrap();
                assert!((cx - at(month)).abs() < 0.5, "{lang:?} {phase}: at x {cx}, {month} is at {}", at(month));
            }
        }
    }

    /// Every legend entry is whole (no name cut short) and, at the widest its characters can be,
    /// stays inside its chart without running into the entry beside it: the timeline's, the
    /// first-passage chart's (long phase names) and a fan's with long publisher names, in
    /// both languages.
    #[test]
    fn legends_fit_inside_their_charts() {
        use tahawul_domain::forecast::Fan;
        use tahawul_domain::series::Point;
        use tahawul_domain::{Frequency, Month, Period};
        use tahawul_i18n::{Lang, Localizer};
        let report = founding_forecast();
        let points: Vec<Point> = (1..=12)
            .map(|m| Point {
                period: Period::containing(Month::new(2026, m), Frequency::Month),
                value: 3.0,
                illustrative: m == 3,
            })
            .collect();
        let fan =
            Fan { from: Month::new(2027, 1), quantiles: vec![[1.0, 2.0, 3.0, 4.0, 5.0]; 12], illustrative: false };
        let names = [
            // Longer than the chart is wide: it wraps.
            "Uppsala Conflict Data Program (UCDP), Department of Peace and Conflict Research, Uppsala University: Georeferenced Event Dataset (GED), Global version 25.1",
            "Armed Conflict Location & Event Data Project (ACLED)",
            "Higher Military Commission secretariat",
        ];
        for lang in [Lang::En, Lang::Ar] {
            let loc = Localizer::new(lang).unwrap();
            let lines: Vec<super::Line> =
                names.iter().map(|n| super::Line { label: n.to_string(), points: &points }).collect();
            let charts = [
                (super::timeline(&loc, &report, "t").into_string(), 13.0),
                (super::first_passage(&loc, &report, "c").into_string(), 12.0),
                (super::fan_chart(&loc, "f", "t", &lines, Some(&fan), false).into_string(), 13.0),
            ];
            let mut words = String::new();
            for (svg, font) in &charts {
                let width: f64 = attr_of(svg, "<svg", "width")[0].parse().unwrap();
                let legend = &svg[svg.find("class=\"legend\"").expect("a legend")..];
                let legend = &legend[..legend.find("</g>").unwrap()];
                let mut spans: Vec<(f64, f64, f64)> = Vec::new();
                for (at, _) in legend.match_indices("<text class=\"legend-text\"") {
                    let entry = &legend[at..at + legend[at..].find("</text>").unwrap()];
                    let end = attr_of(entry, "<text", "text-anchor")[0] == "end";
                    for (tag, t) in texts(entry) {
                        assert!(!t.contains('…'), "{lang:?}: cut short: {t}");
                        let t: String = t.chars().filter(|c| !matches!(c, '\u{2066}'..='\u{2069}')).collect();
                        words.push_str(&t);
                        words.push(' ');
                        let x: f64 = attr_of(&tag, "<", "x")[0].parse().unwrap();
                        let y: f64 = attr_of(&tag, "<", "y")[0].parse().unwrap();
                        let w = t.chars().count() as f64 * font * super::CHAR_EM;
                        let (a, b) = if end { (x - w, x) } else { (x, x + w) };
                        assert!(
                            a >= -0.01 && b <= width + 0.01,
                            "{lang:?}: {t:?} runs off the chart ({a:.0}..{b:.0} of {width})"
                        );
                        for (a2, b2, y2) in &spans {
                            assert!(
                                (y - y2).abs() > 1.0 || b <= *a2 || a >= *b2,
                                "{lang:?}: {t:?} runs into another entry"
                            );
                        }
                        spans.push((a, b, y));
                    }
                }
                assert!(!spans.is_empty(), "{lang:?}: the legend has words");
            }
            for n in names {
                let want: String = n.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(words.split_whitespace().collect::<Vec<_>>().join(" ").contains(&want), "{lang:?}: {n} whole");
            }
        }
    }

    #[test]
    fn an_ordinal_axis_names_its_levels_and_spans_the_scale() {
        use tahawul_domain::series::Point;
        use tahawul_domain::{Frequency, Month, Period};
        let loc = tahawul_i18n::Localizer::new(tahawul_i18n::Lang::En).unwrap();
        let points: Vec<Point> = (1..=6)
            .map(|m| Point {
                period: Period::containing(Month::new(2026, m), Frequency::Month),
                value: 2.0 + (m % 2) as f64,
                illustrative: false,
            })
            .collect();
        let levels: Vec<String> =
            ["Forming", "Fighting alongside", "In the lead", "Fully independent"].map(String::from).to_vec();
        let marks = super::Marks {
            min: Some(1.0),
            max: Some(4.0),
            levels: levels.clone(),
            thresholds: vec![(3.0, "Phase 1".into())],
        };
        let lines = [super::Line { label: "MoD".into(), points: &points }];
        let svg = super::fan_chart_marked(&loc, "r", "t", &lines, None, false, &marks).into_string();
        // One label per level, worst at the bottom, and no numeric ticks.
        let ys: Vec<(f64, &str)> = levels
            .iter()
            .map(|l| {
                let at = svg.find(&format!("<title>{l}</title>")).unwrap_or_else(|| panic!("{l} on the axis"));
                let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
                let y = tag.split("y=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
                (y, l.as_str())
            })
            .collect();
        assert!(ys.windows(2).all(|w| w[0].0 > w[1].0), "higher levels higher up: {ys:?}");
        assert_eq!(svg.matches("class=\"level\"").count(), 4);
        assert!(!svg.contains(">2.5<") && !svg.contains(">1.5<"), "no fractional ranks");
    }
}
