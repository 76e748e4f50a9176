//! The cycle report as PDF: the same parts as its page (`/report`) from the same data —
//! status of each factor in each area, what changed since the last cycle, the transition
//! timeline of the shared baseline forecast (drawn, and each phase's P10/P50/P90 in words),
//! the gates, the commitments, and each gate indicator's history with its forecast fan (drawn).
//! The caller gives what the page computes (statuses, forecast); this module only lays it out.

use jiff::civil::Date;
use tahawul_domain::forecast::{ForecastReport, Outlook, indicator_fan};
use tahawul_domain::gate::Truth;
use tahawul_domain::model::CommitmentStatus;
use tahawul_domain::status::FactorReport;
use tahawul_domain::{Case, Dataset, Month};
use tahawul_i18n::{Digits, Lang, Localizer, Message, wrap_words as wrap};

use crate::layout::{Align, Block, CHART_WIDTH, Chart, Mark, Rgb, Style};
use crate::{Error, localizer, render_with};

/// Everything the report shows, as the page has it for the same reader.
pub struct CycleReport<'a> {
    /// The case as the reader may see it.
    pub case: &'a Case,
    /// The report's date.
    pub today: Date,
    /// Every area × factor status on `today` (`tahawul_domain::status::status`).
    pub status: &'a [FactorReport],
    /// The same at the end of the previous cycle (`tahawul_domain::cycle::previous_cycle_end`).
    pub before: &'a [FactorReport],
    /// The baseline forecast, or why there is none (in words).
    pub forecast: Result<&'a ForecastReport, Message>,
    /// Imported figures' sources, for their citations.
    pub sources: Vec<(Dataset, String)>,
}

// The page's palette (crates/web/src/pages/svg.rs), so print and screen look alike.
const INK: Rgb = [0x1a, 0x1a, 0x1a];
const GREY: Rgb = [0x59, 0x59, 0x59];
const GRID: Rgb = [0xd0, 0xd0, 0xd0];
const BLUE: Rgb = [0x0b, 0x53, 0x94];
const BLUE_FILL: Rgb = [0xc6, 0xdb, 0xef];
const BLUE_MID: Rgb = [0x8f, 0xb8, 0xde];
const RED: Rgb = [0xa4, 0x00, 0x00];

const STATUSES: [(CommitmentStatus, &str); 4] = [
    (CommitmentStatus::NotStarted, "commitment-status-not-started"),
    (CommitmentStatus::Minimal, "commitment-status-minimal"),
    (CommitmentStatus::Intermediate, "commitment-status-intermediate"),
    (CommitmentStatus::Full, "commitment-status-full"),
];

/// A value in the reader's digits (dates, months, years, percentages).
fn digits(loc: &Localizer, s: impl ToString) -> String {
    let s = s.to_string();
    if loc.digits() == Digits::ArabicIndic { tahawul_i18n::to_arabic_indic(&s) } else { s }
}

/// A date or month left to right inside a sentence, in the reader's digits.
fn ltr(loc: &Localizer, s: impl ToString) -> String {
    format!("\u{2066}{}\u{2069}", digits(loc, s))
}

/// "was X, now Y" in words: the page's arrow has no glyph in the shipped fonts (and PDF/A
/// refuses a missing glyph).
fn moved_text(loc: &Localizer, was: String, now: String) -> String {
    loc.format(&Message::new("documents-report-moved").arg("was", was).arg("now", now))
}

fn truth_id(t: Truth) -> &'static str {
    match t {
        Truth::Met => "gate-truth-met",
        Truth::NotMet => "gate-truth-not-met",
        Truth::NoData => "gate-truth-no-data",
    }
}

fn percent(loc: &Localizer, p: f64) -> String {
    let text = tahawul_i18n::share_percent(p);
    ltr(loc, text)
}

fn start_text(loc: &Localizer, m: Option<Month>, last: Month) -> String {
    match m {
        Some(m) => ltr(loc, m),
        None => loc.format(&Message::new("forecast-beyond-horizon").arg("last", ltr(loc, last))),
    }
}

/// "P10 … · P50 … · P90 …" with the deadline odds, as the page words it.
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

/// The cycle report of `r` in `lang`.
pub fn report(r: &CycleReport<'_>, lang: Lang) -> Result<Vec<u8>, Error> {
    let loc = localizer(lang)?;
    let case = r.case;
    let month = Month::of_date(r.today);
    let area_name = |id: &str| case.area(id).map_or_else(|| id.to_string(), |a| a.name.get(lang).to_string());
    let factor_name = |id: &str| case.factor(id).map_or_else(|| id.to_string(), |f| f.name.get(lang).to_string());
    let mut b = vec![
        Block::Para(Style::Strong, case.name.get(lang).to_string()),
        Block::Para(Style::Body, loc.format(&Message::new("pages-as-of").arg("date", ltr(&loc, r.today)))),
    ];

    // Status of each factor in each area (the page's heatmap), in words.
    b.push(Block::Para(Style::Heading, loc.tr("pages-heatmap-title")));
    if case.areas.is_empty() || case.factors.is_empty() {
        b.push(Block::Para(Style::Body, loc.tr("pages-heatmap-empty")));
    } else {
        let mut widths = vec![1.6];
        widths.extend(case.factors.iter().map(|_| 1.0));
        let mut header = vec![loc.tr("pages-analysis-col-area")];
        header.extend(case.factors.iter().map(|f| f.name.get(lang).to_string()));
        let rows = case
            .areas
            .iter()
            .map(|a| {
                let mut row = vec![a.name.get(lang).to_string()];
                row.extend(case.factors.iter().map(|f| {
                    r.status.iter().find(|c| c.area == a.id && c.factor == f.id).map_or_else(
                        || loc.tr("documents-none"),
                        |c| {
                            let s = loc.tr(c.status.message_id());
                            if c.illustrative { format!("{s} *") } else { s }
                        },
                    )
                }));
                row
            })
            .collect();
        b.push(Block::Table { widths, header, rows });
        if r.status.iter().any(|c| c.illustrative) {
            b.push(Block::Para(Style::Small, format!("* {}", loc.tr("illustrative-note"))));
        }
    }

    // What changed since the last cycle.
    let tahawul_domain::cycle::Changes { since: before_date, moved, flipped } =
        tahawul_domain::cycle::changes(case, r.today, r.status, r.before);
    let since = ltr(&loc, before_date);
    b.push(Block::Para(Style::Heading, loc.tr("pages-analysis-changes-title")));
    b.push(Block::Para(
        Style::Small,
        loc.format(&Message::new("pages-analysis-changes-note").arg("date", since.as_str())),
    ));
    if moved.is_empty() && flipped.is_empty() {
        b.push(Block::Para(
            Style::Body,
            loc.format(&Message::new("pages-analysis-changes-none").arg("date", since.as_str())),
        ));
    }
    if !moved.is_empty() {
        b.push(Block::Para(
            Style::Strong,
            loc.format(&Message::new("pages-analysis-changes-factors").arg("count", moved.len())),
        ));
        for (n, was) in &moved {
            b.push(Block::Para(
                Style::Body,
                format!(
                    "• {} · {}: {}",
                    area_name(n.area.as_str()),
                    factor_name(n.factor.as_str()),
                    moved_text(&loc, loc.tr(was.status.message_id()), loc.tr(n.status.message_id()))
                ),
            ));
        }
    }
    if !flipped.is_empty() {
        b.push(Block::Para(
            Style::Strong,
            loc.format(&Message::new("pages-analysis-changes-gates").arg("count", flipped.len())),
        ));
        for (p, a, was, now) in &flipped {
            b.push(Block::Para(
                Style::Body,
                format!(
                    "• {} · {}: {}",
                    p.name.get(lang),
                    area_name(a.as_str()),
                    moved_text(&loc, loc.tr(truth_id(*was)), loc.tr(truth_id(*now)))
                ),
            ));
        }
    }

    // The transition timeline: drawn, then each phase in words.
    b.push(Block::PageBreak);
    b.push(Block::Para(Style::Heading, loc.tr("pages-analysis-timeline-title")));
    match &r.forecast {
        Ok(f) => timeline_section(&loc, case, f, &mut b),
        Err(m) => b.push(Block::Para(Style::Body, loc.format(m))),
    }

    // The gates.
    b.push(Block::PageBreak);
    b.push(Block::Para(Style::Heading, loc.tr("pages-gates-title")));
    if case.phases.is_empty() {
        b.push(Block::Para(Style::Body, loc.tr("pages-gates-empty")));
    } else {
        let rows = case
            .phases
            .iter()
            .map(|p| {
                let results: Vec<(String, Truth)> = p
                    .areas
                    .iter()
                    .map(|a| (area_name(a.as_str()), p.gate.evaluate(case, a.as_str(), Some(month)).truth))
                    .collect();
                let met = results.iter().filter(|(_, t)| *t == Truth::Met).count();
                let mut name = p.name.get(lang).to_string();
                if p.illustrative {
                    name = format!("{name} ({})", loc.tr("illustrative"));
                }
                let mut verdicts =
                    vec![loc.format(&Message::new("pages-gate-areas-met").arg("met", met).arg("total", results.len()))];
                verdicts.extend(results.iter().map(|(a, t)| format!("{a}: {}", loc.tr(truth_id(*t)))));
                vec![name, p.gate.sentence(case, &loc), verdicts.join("\n")]
            })
            .collect();
        b.push(Block::Table {
            widths: vec![0.22, 0.48, 0.30],
            header: vec![loc.tr("pages-col-phase"), loc.tr("pages-col-gate"), loc.tr("pages-col-areas")],
            rows,
        });
    }

    // Commitments by party and status.
    b.push(Block::Para(Style::Heading, loc.tr("pages-commitments-title")));
    if case.commitments.is_empty() {
        b.push(Block::Para(Style::Body, loc.tr("pages-commitments-empty")));
    } else {
        let mut header = vec![loc.tr("pages-col-party")];
        header.extend(STATUSES.iter().map(|(_, id)| loc.tr(id)));
        header.push(loc.tr("pages-col-total"));
        let rows = case
            .parties
            .iter()
            .filter_map(|party| {
                let mine: Vec<_> = case.commitments.iter().filter(|c| c.parties.contains(&party.id)).collect();
                if mine.is_empty() {
                    return None;
                }
                let mut row = vec![party.name.get(lang).to_string()];
                row.extend(
                    STATUSES.iter().map(|(s, _)| loc.number(mine.iter().filter(|c| c.status == *s).count() as f64, 0)),
                );
                row.push(loc.number(mine.len() as f64, 0));
                Some(row)
            })
            .collect();
        b.push(Block::Table { widths: vec![0.25, 0.15, 0.15, 0.15, 0.15, 0.15], header, rows });
    }

    // Each gate indicator's history and forecast fan.
    b.push(Block::PageBreak);
    b.push(Block::Para(Style::Heading, loc.tr("pages-analysis-trends-title")));
    b.push(Block::Para(Style::Small, loc.tr("pages-analysis-trends-note")));
    for (ind, s) in tahawul_domain::cycle::gate_series(case) {
        let area = area_name(s.data_area.as_str());
        let title = loc.format(
            &Message::new("pages-analysis-fan-title").arg("indicator", ind.name.get(lang)).arg("area", area.as_str()),
        );
        let fan = indicator_fan(case, ind, s.data_area.as_str(), month, 12).ok();
        let publisher = s
            .publisher
            .as_ref()
            .and_then(|p| case.publisher(p.as_str()))
            .map_or_else(String::new, |p| p.name.get(lang).to_string());
        // Figures after the report's month are not yet on record on its day (a report as of a
        // past month, `tahawul report pdf --as-of`): its fan starts from that month too.
        let known: Vec<_> = s.points.iter().filter(|p| p.period.last_month() <= month).cloned().collect();
        b.push(Block::Chart(fan_chart(&loc, &title, &publisher, &known, fan.as_ref())));
    }

    let cited = tahawul_domain::event_import::citations(r.sources.iter().map(|(d, s)| (*d, s.as_str())));
    if !cited.is_empty() {
        b.push(Block::Para(Style::Heading, loc.tr("events-citations-title")));
        for m in &cited {
            b.push(Block::Para(Style::Small, loc.format(m)));
        }
    }

    let title = loc.tr("pages-analysis-report-title");
    render_with(lang, &loc, title, b)
}

fn timeline_section(loc: &Localizer, case: &Case, f: &ForecastReport, b: &mut Vec<Block>) {
    let lang = loc.lang();
    let last = f.settings.last_month;
    b.push(Block::Para(
        Style::Small,
        loc.format(
            &Message::new("pages-analysis-forecast-settings")
                .arg("paths", loc.number(f64::from(f.settings.paths), 0))
                .arg("origin", ltr(loc, f.settings.origin))
                .arg("last", ltr(loc, last)),
        ),
    ));
    b.push(Block::Chart(timeline(loc, f)));
    let rows = f
        .phases
        .iter()
        .map(|p| {
            let mut name = p.name.get(lang).to_string();
            if p.illustrative {
                name.push_str(" *");
            }
            if let Some(d) = p.deadline {
                name = format!(
                    "{name}\n{}",
                    loc.format(&Message::new("pages-analysis-deadline-at").arg("month", ltr(loc, d)))
                );
            }
            let text = if let Some(m) = p.started {
                loc.format(&Message::new("forecast-started").arg("month", ltr(loc, m)))
            } else if let Some(why) = &p.cannot_forecast {
                loc.format(&Message::new("forecast-cannot").arg("reason", why.message(case)))
            } else if let Some(o) = &p.baseline {
                let mut t = outlook_text(loc, o, last);
                if let Some(h) = &o.held_back_by {
                    t.push('\n');
                    t.push_str(
                        &loc.format(
                            &Message::new("forecast-held-back")
                                .arg("clause", h.clause.as_str())
                                .arg("area", case.area(h.area.as_str()).map_or(h.area.as_str(), |a| a.name.get(lang)))
                                .arg("percent", percent(loc, h.share)),
                        ),
                    );
                }
                t
            } else {
                loc.tr("pages-analysis-cannot-short")
            };
            vec![name, text]
        })
        .collect();
    b.push(Block::Table {
        widths: vec![0.35, 0.65],
        header: vec![loc.tr("pages-analysis-col-phase"), loc.tr("forecast-label-baseline")],
        rows,
    });
    if f.phases.iter().any(|p| p.illustrative) {
        b.push(Block::Para(Style::Small, format!("* {}", loc.tr("illustrative-note"))));
    }
    b.push(Block::Para(Style::Small, loc.tr("forecast-closing-note")));
    if let Some(chart) = first_passage(loc, f) {
        b.push(Block::Para(Style::Heading, loc.tr("pages-analysis-cdf-title")));
        b.push(Block::Chart(chart));
        for p in &f.phases {
            let Some(o) = p.baseline.as_ref().filter(|o| !o.cdf.is_empty() && p.started.is_none()) else { continue };
            let end = f.settings.origin.plus(o.cdf.len() as i32 - 1);
            b.push(Block::Para(
                Style::Small,
                loc.format(
                    &Message::new("pages-analysis-cdf-phase")
                        .arg("phase", p.name.get(lang))
                        .arg("percent", percent(loc, *o.cdf.last().unwrap_or(&0.0)))
                        .arg("month", ltr(loc, end)),
                ),
            ));
        }
        b.push(Block::Para(Style::Small, loc.tr("pages-analysis-cdf-note")));
    }
}

/// The first-passage distribution: per forecast phase, the share of futures in which it has
/// started by the end of each month from the origin, as steps, a colour each, named in a key.
fn first_passage(loc: &Localizer, f: &ForecastReport) -> Option<Chart> {
    const TOP: f32 = 8.0;
    const PLOT_H: f32 = 150.0;
    const AXIS_W: f32 = 40.0;
    const COLOURS: [Rgb; 6] = [BLUE, [0x1e, 0x6b, 0x34], [0x5e, 0x3c, 0x99], [0x8a, 0x41, 0x00], INK, RED];
    let lang = loc.lang();
    let rtl = lang == Lang::Ar;
    let w = CHART_WIDTH;
    let phases: Vec<_> = f
        .phases
        .iter()
        .filter(|p| p.started.is_none())
        .filter_map(|p| Some((p, p.baseline.as_ref().filter(|o| !o.cdf.is_empty())?)))
        .collect();
    if phases.is_empty() {
        return None;
    }
    let origin = f.settings.origin;
    let months = f.settings.horizon_months.max(1) as f32;
    let plot_w = w - AXIS_W - 8.0;
    let x = |m: f32| {
        let v = AXIS_W + m / months * plot_w;
        if rtl { w - v } else { v }
    };
    let y = |q: f64| TOP + (1.0 - q as f32) * PLOT_H;
    let (plot_x0, plot_x1) = if rtl { (8.0, w - AXIS_W) } else { (AXIS_W, w - 8.0) };
    let (axis_x, axis_align) = if rtl { (w - AXIS_W + 5.0, Align::Left) } else { (AXIS_W - 5.0, Align::Right) };
    let mut marks = Vec::new();
    for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
        marks.push(line(vec![(plot_x0, y(q)), (plot_x1, y(q))], GRID, 0.5, false));
        marks.push(label(axis_x, y(q) + 3.0, axis_align, ltr(loc, format!("{}%", (q * 100.0) as i64))));
    }
    let last = origin.plus(months as i32);
    let years: Vec<i32> = (origin.year()..=last.year()).filter(|yr| Month::new(*yr, 1) >= origin).collect();
    let step = if years.len() > 6 { 2 } else { 1 };
    for (i, yr) in years.iter().enumerate() {
        let m = (Month::new(*yr, 1).0 - origin.0) as f32;
        if m >= months {
            continue;
        }
        marks.push(line(vec![(x(m), TOP), (x(m), TOP + PLOT_H)], GRID, 0.5, false));
        if i % step == 0 {
            marks.push(label(x(m), TOP + PLOT_H + 11.0, Align::Centre, loc.number(f64::from(*yr), 0)));
        }
    }
    marks.push(Mark::Clip(plot_x0, TOP - 1.0, plot_x1 - plot_x0, PLOT_H + 2.0));
    for (i, (_, o)) in phases.iter().enumerate() {
        // Steps: the share holds through each month, then moves.
        let mut pts = Vec::with_capacity(o.cdf.len() * 2);
        for (m, q) in o.cdf.iter().enumerate() {
            pts.push((x(m as f32), y(*q)));
            pts.push((x(m as f32 + 1.0), y(*q)));
        }
        marks.push(line(pts, COLOURS[i % COLOURS.len()], 1.5, false));
    }
    marks.push(Mark::Unclip);
    marks.push(rect(plot_x0, TOP, plot_x1 - plot_x0, PLOT_H, None, Some(GREY)));
    // The key: one row per phase, inside the page.
    let at = |v: f32| if rtl { w - v } else { v };
    let start_align = if rtl { Align::Right } else { Align::Left };
    let mut ly = TOP + PLOT_H + 28.0;
    for (i, (p, _)) in phases.iter().enumerate() {
        let c = COLOURS[i % COLOURS.len()];
        marks.push(line(vec![(at(AXIS_W), ly - 3.0), (at(AXIS_W + 18.0), ly - 3.0)], c, 2.0, false));
        marks.push(label(at(AXIS_W + 22.0), ly, start_align, p.name.get(lang).to_string()));
        ly += 12.0;
    }
    Some(Chart { height: ly - 4.0, marks })
}

/// A closed rectangle.
fn rect(x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Rgb>) -> Mark {
    Mark::Path {
        points: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
        closed: true,
        fill,
        stroke,
        width: 0.8,
        dash: false,
    }
}

fn line(points: Vec<(f32, f32)>, colour: Rgb, width: f32, dash: bool) -> Mark {
    Mark::Path { points, closed: false, fill: None, stroke: Some(colour), width, dash }
}

fn diamond(x: f32, y: f32, r: f32) -> Mark {
    Mark::Path {
        points: vec![(x, y - r), (x + r * 0.7, y), (x, y + r), (x - r * 0.7, y)],
        closed: true,
        fill: Some(INK),
        stroke: Some([255, 255, 255]),
        width: 0.6,
        dash: false,
    }
}

fn label(x: f32, y: f32, align: Align, text: impl Into<String>) -> Mark {
    Mark::Label { x, y, align, text: text.into(), bold: false }
}

/// The transition timeline: a row per phase with its P10–P90 band and P50 mark, the deadline
/// dashed, the phase's name on the reading side; months run right to left in Arabic. The axis
/// starts at the forecast's origin, or at the first phase that started before it, so a
/// started phase is drawn at its month (as the page's timeline, `pages::svg::timeline`).
fn timeline(loc: &Localizer, f: &ForecastReport) -> Chart {
    const LABEL: f32 = 150.0;
    const AXIS: f32 = 18.0;
    const BAND: f32 = 12.0;
    const LINE: f32 = 12.0;
    let lang = loc.lang();
    let rtl = lang == Lang::Ar;
    let w = CHART_WIDTH;
    let last = f.settings.last_month;
    let first = f.phases.iter().filter_map(|p| p.started).fold(f.settings.origin, Month::min);
    let months = (last.0 - first.0 + 1).max(1) as f32;
    let plot = w - LABEL - 6.0;
    let x = |m: Month| {
        let t = ((m.0 - first.0) as f32 / months).clamp(0.0, 1.0);
        let v = LABEL + 6.0 + t * plot;
        if rtl { w - v } else { v }
    };
    let mut marks = Vec::new();
    let mut y = AXIS + 4.0;
    let mut rows = Vec::new();
    for p in &f.phases {
        let mut name = p.name.get(lang).to_string();
        if p.illustrative {
            name.push_str(" *");
        }
        let lines = wrap(&name, 30);
        let h = (BAND + 10.0).max(LINE * lines.len() as f32 + 6.0);
        rows.push((p, lines, y, h));
        y += h;
    }
    let bottom = y;
    // Years along the top, a light line down each.
    let years: Vec<i32> = (first.year()..=last.year()).filter(|yr| Month::new(*yr, 1) >= first).collect();
    let step = if years.len() > 6 { 2 } else { 1 };
    for (i, yr) in years.iter().enumerate() {
        let gx = x(Month::new(*yr, 1));
        marks.push(line(vec![(gx, AXIS - 4.0), (gx, bottom)], GRID, 0.5, false));
        if i % step == 0 {
            marks.push(label(gx, AXIS - 7.0, Align::Centre, loc.number(f64::from(*yr), 0)));
        }
    }
    marks.push(line(vec![(x(first), AXIS - 4.0), (x(last.plus(1)), AXIS - 4.0)], GREY, 0.6, false));
    let (name_x, name_align) = if rtl { (w - 2.0, Align::Right) } else { (2.0, Align::Left) };
    for (p, lines, ry, h) in &rows {
        marks.push(line(vec![(0.0, ry + h), (w, ry + h)], GRID, 0.5, false));
        for (i, l) in lines.iter().enumerate() {
            marks.push(label(name_x, ry + LINE * (i as f32 + 1.0), name_align, l.clone()));
        }
        let mid = ry + h / 2.0;
        if let Some(m) = p.started {
            let mx = x(m);
            marks.push(diamond(mx, mid, 5.0));
            let (lx, a) = if rtl { (mx - 8.0, Align::Right) } else { (mx + 8.0, Align::Left) };
            marks.push(label(lx, mid + 3.0, a, loc.tr("pages-analysis-started")));
        } else if let Some(o) = &p.baseline {
            let x0 = o.p10.map_or(x(last.plus(1)), x);
            let x1 = o.p90.map_or(x(last.plus(1)), |m| x(m.plus(1)));
            let (bx, bw) = (x0.min(x1), (x0 - x1).abs().max(2.0));
            marks.push(rect(bx, mid - BAND / 2.0, bw, BAND, Some(BLUE_FILL), Some(BLUE)));
            if let Some(m) = o.p50 {
                marks.push(diamond((x(m) + x(m.plus(1))) / 2.0, mid, BAND / 2.0 + 2.0));
            }
            if o.p90.is_none() {
                // An open end: the band runs past the horizon (the page's arrow, drawn, as
                // the shipped fonts have no arrow glyph), pointing the way time runs.
                let end = x(last.plus(1));
                let dir = if rtl { -1.0 } else { 1.0 };
                marks.push(Mark::Path {
                    points: vec![(end - dir * 7.0, mid - 4.0), (end - dir * 1.0, mid), (end - dir * 7.0, mid + 4.0)],
                    closed: true,
                    fill: Some(INK),
                    stroke: None,
                    width: 0.0,
                    dash: false,
                });
            }
        } else {
            let (lx, a) = if rtl { (w - LABEL - 6.0, Align::Right) } else { (LABEL + 6.0, Align::Left) };
            marks.push(label(lx, mid + 3.0, a, loc.tr("pages-analysis-cannot-short")));
        }
        if let Some(d) = p.deadline {
            let dx = x(d.plus(1));
            marks.push(line(vec![(dx, ry + 2.0), (dx, ry + h - 2.0)], RED, 1.6, true));
        }
    }
    // Legend: each mark named in words, inside the chart's width.
    let ly = bottom + 16.0;
    let at = |v: f32| if rtl { w - v } else { v };
    let start = if rtl { Align::Right } else { Align::Left };
    marks.push(rect(at(0.0).min(at(18.0)), ly - 8.0, 18.0, 9.0, Some(BLUE_FILL), Some(BLUE)));
    marks.push(label(at(22.0), ly, start, loc.tr("pages-analysis-legend-band")));
    marks.push(diamond(at(250.0), ly - 3.5, 5.5));
    marks.push(label(at(258.0), ly, start, loc.tr("pages-analysis-legend-median")));
    marks.push(line(vec![(at(380.0), ly - 10.0), (at(380.0), ly + 2.0)], RED, 1.6, true));
    marks.push(label(at(386.0), ly, start, loc.tr("pages-analysis-legend-deadline")));
    Chart { height: ly + 6.0, marks }
}

/// Round ticks spanning `lo..hi` in about four steps (as the page's axis does).
fn ticks(lo: f64, mut hi: f64) -> (f64, f64, f64) {
    if (hi - lo).abs() < 1e-9 {
        hi = lo + 1.0;
    }
    let raw = (hi - lo) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|k| k * mag).find(|s| *s >= raw).unwrap_or(raw);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

/// An indicator's last two years of figures (the reference publisher's line) and its
/// twelve-month fan (P10–P90, P25–P75, the median dashed), clipped to the plot; time runs
/// right to left in Arabic, the value axis on the reading side.
fn fan_chart(
    loc: &Localizer,
    title: &str,
    publisher: &str,
    points: &[tahawul_domain::series::Point],
    fan: Option<&tahawul_domain::forecast::Fan>,
) -> Chart {
    const PLOT_H: f32 = 110.0;
    const AXIS_W: f32 = 40.0;
    let rtl = loc.lang() == Lang::Ar;
    let w = CHART_WIDTH;
    // A long title wraps (a label is one line) so it stays inside the page.
    let title_lines = wrap(title, 90);
    let top = 12.0 * title_lines.len() as f32 + 10.0;
    let mut marks: Vec<Mark> = title_lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| Mark::Label {
            x: if rtl { w } else { 0.0 },
            y: 10.0 + 12.0 * i as f32,
            align: if rtl { Align::Right } else { Align::Left },
            text,
            bold: true,
        })
        .collect();
    let last_point = points.last().map(|p| p.period.last_month());
    let fan_end = fan.map(|f| f.from.plus(f.quantiles.len() as i32 - 1));
    let Some(end) = last_point.max(fan_end) else {
        marks.push(label(
            if rtl { w } else { 0.0 },
            top + 10.0,
            if rtl { Align::Right } else { Align::Left },
            loc.tr("pages-analysis-no-figures"),
        ));
        return Chart { height: top + 16.0, marks };
    };
    let first = points.first().map_or(end, |p| p.period.last_month());
    let start = first.max(last_point.unwrap_or(end).plus(-24));
    let span = (end.0 - start.0).max(1) as f32;
    let visible: Vec<_> = points.iter().filter(|p| p.period.last_month() >= start).collect();
    let mut values: Vec<f64> = visible.iter().map(|p| p.value).collect();
    if let Some(f) = fan {
        values.extend(f.quantiles.iter().flat_map(|q| [q[0], q[4]]));
    }
    let (mut lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let history_min = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    if (lo >= 0.0 && lo < hi * 0.5) || (lo > -1.0 && lo < 0.0 && history_min >= 0.0) {
        lo = 0.0;
    }
    let (lo, hi, step) = ticks(lo, hi);
    let plot_w = w - AXIS_W - 8.0;
    let x = |m: Month| {
        let v = AXIS_W + (m.0 - start.0) as f32 / span * plot_w;
        if rtl { w - v } else { v }
    };
    let y = |v: f64| top + ((hi - v) / (hi - lo)) as f32 * PLOT_H;
    // Enough decimals for every tick (2.5 is not shown as 3).
    let decimals = if step.fract().abs() < 1e-9 {
        0
    } else if (step * 10.0).fract().abs() < 1e-9 {
        1
    } else {
        2
    };
    let (plot_x0, plot_x1) = if rtl { (8.0, w - AXIS_W) } else { (AXIS_W, w - 8.0) };
    let (axis_x, axis_align) = if rtl { (w - AXIS_W + 5.0, Align::Left) } else { (AXIS_W - 5.0, Align::Right) };
    let mut t = lo;
    while t <= hi + step / 2.0 {
        marks.push(line(vec![(plot_x0, y(t)), (plot_x1, y(t))], GRID, 0.5, false));
        marks.push(label(axis_x, y(t) + 3.0, axis_align, loc.number(t, decimals)));
        t += step;
    }
    for yr in start.year()..=end.year() {
        let m = Month::new(yr, 1);
        if m < start {
            continue;
        }
        marks.push(line(vec![(x(m), top), (x(m), top + PLOT_H)], GRID, 0.5, false));
        marks.push(label(x(m), top + PLOT_H + 11.0, Align::Centre, loc.number(f64::from(yr), 0)));
    }
    // Everything drawn from the data stays inside the plot.
    marks.push(Mark::Clip(plot_x0, top, plot_x1 - plot_x0, PLOT_H));
    if let Some(f) = fan {
        let band = |a: usize, b: usize| -> Vec<(f32, f32)> {
            let upper = f.quantiles.iter().enumerate().map(|(i, q)| (x(f.from.plus(i as i32)), y(q[b])));
            let lower = f.quantiles.iter().enumerate().rev().map(|(i, q)| (x(f.from.plus(i as i32)), y(q[a])));
            upper.chain(lower).collect()
        };
        marks.push(Mark::Path {
            points: band(0, 4),
            closed: true,
            fill: Some(BLUE_FILL),
            stroke: Some(BLUE),
            width: 0.6,
            dash: false,
        });
        marks.push(Mark::Path {
            points: band(1, 3),
            closed: true,
            fill: Some(BLUE_MID),
            stroke: None,
            width: 0.0,
            dash: false,
        });
        let median = f.quantiles.iter().enumerate().map(|(i, q)| (x(f.from.plus(i as i32)), y(q[2]))).collect();
        marks.push(line(median, INK, 1.2, true));
        marks.push(line(vec![(x(f.from), top), (x(f.from), top + PLOT_H)], GREY, 0.6, true));
    }
    let history: Vec<(f32, f32)> = visible.iter().map(|p| (x(p.period.last_month()), y(p.value))).collect();
    if history.len() > 1 {
        marks.push(line(history.clone(), BLUE, 1.4, false));
    }
    for (px, py) in &history {
        marks.push(rect(px - 1.8, py - 1.8, 3.6, 3.6, Some(BLUE), Some(BLUE)));
    }
    marks.push(Mark::Unclip);
    marks.push(rect(plot_x0, top, plot_x1 - plot_x0, PLOT_H, None, Some(GREY)));
    // Legend under the plot, inside the page.
    let ly = top + PLOT_H + 26.0;
    let at = |v: f32| if rtl { w - v } else { v };
    let start_align = if rtl { Align::Right } else { Align::Left };
    // The fan's key first (short), then the publisher's, wrapped: a publisher's name can be
    // long (UCDP's dataset and version) and must not run into the other key or off the page.
    if fan.is_some() {
        marks.push(rect(at(AXIS_W).min(at(AXIS_W + 16.0)), ly - 8.0, 16.0, 8.0, Some(BLUE_FILL), Some(BLUE)));
        marks.push(label(at(AXIS_W + 20.0), ly, start_align, loc.tr("pages-analysis-legend-fan")));
    }
    marks.push(line(vec![(at(AXIS_W + 190.0), ly - 3.0), (at(AXIS_W + 206.0), ly - 3.0)], BLUE, 1.4, false));
    let names = wrap(publisher, 48);
    let rows = names.len();
    for (i, n) in names.into_iter().enumerate() {
        marks.push(label(at(AXIS_W + 210.0), ly + 11.0 * i as f32, start_align, n));
    }
    Chart { height: ly + 8.0 + 11.0 * (rows as f32 - 1.0), marks }
}

/// The settings of the baseline forecast the report shows: the engine's defaults, as the
/// page's (`baseline_settings` in crates/web) within a server's path limit.
pub fn baseline_settings(today: Date, paths: u32) -> tahawul_domain::forecast::Settings {
    use tahawul_domain::forecast::{DEFAULT_HORIZON_MONTHS, DEFAULT_SEED, Settings};
    Settings {
        as_of: Month::of_date(today),
        horizon_months: DEFAULT_HORIZON_MONTHS,
        paths: paths.max(1),
        seed: DEFAULT_SEED,
    }
}

/// The report of a case on its own (the CLI, offline on a bundle): the statuses and the
/// baseline forecast computed as the page computes them, with the engine's default paths.
pub fn report_of_case(case: &Case, today: Date, lang: Lang) -> Result<Vec<u8>, Error> {
    use tahawul_domain::forecast::{self, DEFAULT_PATHS};
    let status = tahawul_domain::status::status(case, today);
    let before = tahawul_domain::status::status(case, tahawul_domain::cycle::previous_cycle_end(case, today));
    let settings = baseline_settings(today, DEFAULT_PATHS);
    let prepared = forecast::prepare(case, &settings);
    let outcome = forecast::run(&prepared, None);
    let r = CycleReport {
        case,
        today,
        status: &status,
        before: &before,
        forecast: outcome.as_ref().map_err(|e| e.message()),
        sources: Vec::new(),
    };
    report(&r, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every mark of a chart outside its clip stays within the text width, and the data drawn
    /// inside the clip (bands, lines) may leave the plot only because the clip cuts it there.
    fn check(chart: &Chart) {
        let mut clipped = false;
        let mut inside = 0;
        for m in &chart.marks {
            match m {
                Mark::Clip(x, y, w, h) => {
                    assert!(*x >= 0.0 && x + w <= CHART_WIDTH + 0.01 && *y >= 0.0 && y + h <= chart.height, "{m:?}");
                    clipped = true;
                }
                Mark::Unclip => clipped = false,
                Mark::Path { points, .. } if clipped => inside += points.len(),
                Mark::Path { points, .. } => {
                    for (x, y) in points {
                        assert!((-0.01..=CHART_WIDTH + 0.01).contains(x) && (0.0..=chart.height).contains(y), "{m:?}");
                    }
                }
                Mark::Label { x, y, .. } => {
                    assert!((0.0..=CHART_WIDTH).contains(x) && (0.0..=chart.height).contains(y), "{m:?}");
                }
            }
        }
        assert!(!clipped, "every clip is ended");
        assert!(inside > 0, "the data is drawn inside the clip");
    }

    #[test]
    fn fan_charts_keep_their_data_in_the_plot_and_their_labels_in_the_page() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
        let case = tahawul_domain::bundle::load(&dir).expect("the founding case loads");
        let month = Month::new(2026, 11);
        for lang in [Lang::Ar, Lang::En] {
            let loc = Localizer::new(lang).expect("a localizer");
            let trends = tahawul_domain::cycle::gate_series(&case);
            assert!(!trends.is_empty());
            for (ind, s) in trends {
                let fan = indicator_fan(&case, ind, s.data_area.as_str(), month, 12).ok();
                assert!(fan.is_some(), "the founding case's gate series forecast");
                check(&fan_chart(&loc, "t", "p", &s.points, fan.as_ref()));
            }
        }
    }

    /// The founding case's two phases started before the forecast's origin (September 2024,
    /// January 2026) are drawn at those months on the year axis, not at the origin.
    #[test]
    fn a_started_phase_is_drawn_at_the_month_it_started() {
        use tahawul_domain::forecast::{self, DEFAULT_HORIZON_MONTHS, DEFAULT_SEED, Settings};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
        let case = tahawul_domain::bundle::load(&dir).expect("the founding case loads");
        let settings = Settings {
            as_of: Month::new(2026, 11),
            horizon_months: DEFAULT_HORIZON_MONTHS,
            paths: 500,
            seed: DEFAULT_SEED,
        };
        let f = forecast::run(&forecast::prepare(&case, &settings), None).expect("the founding case forecasts");
        for lang in [Lang::En, Lang::Ar] {
            let chart = timeline(&Localizer::new(lang).expect("a localizer"), &f);
            let year_x = |yr: &str| {
                chart
                    .marks
                    .iter()
                    .find_map(|m| match m {
                        Mark::Label { x, text, .. } if text == yr => Some(*x),
                        _ => None,
                    })
                    .unwrap_or_else(|| panic!("{yr} on the axis"))
            };
            // Every other year is labelled (twelve years on the axis): 2025, 2027, …
            let (x25, x27) = (year_x("2025"), year_x("2027"));
            let at = |m: Month| x25 + (x27 - x25) * (m.0 - Month::new(2025, 1).0) as f32 / 24.0;
            // The started marks: small ink diamonds (r = 5), in the phases' order.
            let started: Vec<f32> = chart
                .marks
                .iter()
                .filter_map(|m| match m {
                    Mark::Path { points, closed: true, fill: Some(INK), .. }
                        if (points[2].1 - points[0].1 - 10.0).abs() < 0.01 =>
                    {
                        Some(points[0].0)
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(started.len(), 2, "{lang:?}: two phases started");
            for (x, m) in started.iter().zip([Month::new(2024, 9), Month::new(2026, 1)]) {
                assert!((x - at(m)).abs() < 0.5, "{lang:?}: drawn at {x}, {m} is at {}", at(m));
            }
        }
    }

    #[test]
    fn time_runs_right_to_left_in_arabic() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
        let case = tahawul_domain::bundle::load(&dir).expect("the founding case loads");
        let (ind, s) = tahawul_domain::cycle::gate_series(&case).remove(0);
        let fan = indicator_fan(&case, ind, s.data_area.as_str(), Month::new(2026, 11), 12).ok();
        // The x of the history line's first and last points.
        let ends = |lang| {
            let loc = Localizer::new(lang).expect("a localizer");
            let chart = fan_chart(&loc, "t", "p", &s.points, fan.as_ref());
            chart
                .marks
                .iter()
                .find_map(|m| match m {
                    Mark::Path { points, stroke: Some(BLUE), closed: false, .. } if points.len() > 2 => {
                        Some((points[0].0, points[points.len() - 1].0))
                    }
                    _ => None,
                })
                .expect("the history line")
        };
        let (en, ar) = (ends(Lang::En), ends(Lang::Ar));
        assert!(en.0 < en.1, "left to right in English: {en:?}");
        assert!(ar.0 > ar.1, "right to left in Arabic: {ar:?}");
        assert!((en.0 + ar.0 - CHART_WIDTH).abs() < 0.1, "mirrored: {en:?} {ar:?}");
    }
}
