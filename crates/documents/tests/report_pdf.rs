//! The founding case's cycle report as PDF, read back: the factor and area names, each
//! phase's P50 date and the gate indicators' names, in Arabic and English; the first chart
//! page looks as reviewed. The forecast is seeded (the engine's default seed) and the report
//! dated on a fixed day, so every figure compared here is deterministic.

use jiff::civil::Date;
use tahawul_domain::forecast::{self, DEFAULT_PATHS};
use tahawul_domain::{Case, Month};
use tahawul_i18n::{Digits, Lang, Localizer};

use crate::helpers::{self, normalise};
use crate::minutes_pdf::letters;

/// The report's day: fixed, so the forecast's origin and the "changes since" date are too.
fn today() -> Date {
    "2026-11-15".parse().expect("a date")
}

fn render(case: &Case, lang: Lang) -> Vec<u8> {
    let pdf = tahawul_documents::report_of_case(case, today(), lang).expect("the report renders");
    if let Some(dir) = std::env::var_os("TAHAWUL_PDF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join(format!("report-{lang}.pdf")), &pdf).expect("written");
    }
    pdf
}

/// What the report must say, from the record and from the forecast run here on the same
/// settings: every factor and area name, each forecast phase's P50 month in the reader's
/// digits, every gate indicator's name.
fn expected(case: &Case, lang: Lang) -> Vec<String> {
    let loc = Localizer::new(lang).expect("a localizer");
    let mut want: Vec<String> = Vec::new();
    // The factors head the status table's columns, where a long name wraps over lines that
    // poppler interleaves with the next column's: each word is checked.
    want.extend(case.factors.iter().flat_map(|f| f.name.get(lang).split_whitespace().map(str::to_string)));
    want.extend(case.areas.iter().map(|a| a.name.get(lang).to_string()));
    let settings = tahawul_documents::report::baseline_settings(today(), DEFAULT_PATHS);
    let report = forecast::run(&forecast::prepare(case, &settings), None).expect("the founding case forecasts");
    // Phases on record as started show their start month, not a forecast.
    let p50s: Vec<Month> =
        report.phases.iter().filter(|p| p.started.is_none()).filter_map(|p| p.baseline.as_ref()?.p50).collect();
    assert!(!p50s.is_empty(), "the founding case has phases with a P50 inside the horizon");
    for m in p50s {
        let text = m.to_string();
        want.push(if loc.digits() == Digits::ArabicIndic {
            tahawul_i18n::to_arabic_indic(&text)
        } else {
            text.clone()
        });
        // English also reads its label in place; poppler's reordering of a right-to-left line
        // moves the Latin "P50" away from its month, so Arabic is checked for the month.
        if lang == Lang::En {
            want.push(format!("P50 {text}"));
        }
    }
    // The first-passage chart's words: each forecast phase's share of futures started by the
    // horizon's last month.
    for p in report.phases.iter().filter(|p| p.started.is_none()) {
        let Some(o) = p.baseline.as_ref().filter(|o| !o.cdf.is_empty()) else { continue };
        let percent = format!("{}%", (o.cdf.last().copied().unwrap_or(0.0) * 100.0).round() as i64);
        let month = report.settings.origin.plus(o.cdf.len() as i32 - 1).to_string();
        let digits = |s: &str| {
            if loc.digits() == Digits::ArabicIndic { tahawul_i18n::to_arabic_indic(s) } else { s.to_string() }
        };
        want.push(
            loc.format(
                &tahawul_i18n::Message::new("pages-analysis-cdf-phase")
                    .arg("phase", p.name.get(lang))
                    .arg("percent", digits(&percent))
                    .arg("month", digits(&month)),
            ),
        );
    }
    let trends = tahawul_domain::cycle::gate_series(case);
    assert!(trends.len() >= 3, "the founding case's gates read several series");
    want.extend(trends.iter().map(|(ind, _)| ind.name.get(lang).to_string()));
    want.into_iter().map(|w| normalise(&w)).filter(|w| !w.is_empty()).collect()
}

fn check_text(lang: Lang) {
    let case = helpers::founding_case();
    let pdf = render(&case, lang);
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let extracted = helpers::pdftotext(&pdf);
    let view = |s: &str| if lang == Lang::Ar { letters(s) } else { normalise(s) };
    let text = view(&extracted);
    let missing: Vec<String> = expected(&case, lang).into_iter().filter(|w| !text.contains(view(w).as_str())).collect();
    assert!(
        missing.is_empty(),
        "the {lang} report's text lacks, in logical order:\n{}\n\nextracted:\n{text}",
        missing.join("\n")
    );
}

#[test]
fn the_arabic_report_reads_back_as_the_record_and_the_forecast_say() {
    check_text(Lang::Ar);
}

#[test]
fn the_english_report_reads_back_as_the_record_and_the_forecast_say() {
    check_text(Lang::En);
}

/// The first chart page of the Arabic report (the transition timeline), rendered by pdftoppm,
/// against the reviewed snapshot: joined letters, right to left, months running right to
/// left, numbers in order, the chart and its legend inside the page (looked at before it was
/// committed).
#[test]
fn the_timeline_page_of_the_arabic_report_looks_as_reviewed() {
    let case = helpers::founding_case();
    let pdf = render(&case, Lang::Ar);
    helpers::assert_snapshot("report-ar-page2.png", helpers::render(&pdf, 2, 60));
}

/// A day after the founding case's figures went stale: the factors that moved since the end
/// of the previous cycle are listed with what they were and are (from the statuses the domain
/// gives on both days), in words the shipped fonts can draw.
#[test]
fn the_report_lists_what_changed_since_the_previous_cycle() {
    let case = helpers::founding_case();
    let day: Date = "2026-12-07".parse().expect("a date");
    let now = tahawul_domain::status::status(&case, day);
    let before = tahawul_domain::status::status(&case, tahawul_domain::cycle::previous_cycle_end(&case, day));
    let moved: Vec<_> = now.iter().zip(&before).filter(|(n, b)| n.status != b.status).collect();
    assert!(!moved.is_empty(), "the founding case's statuses moved by {day}");
    let loc = Localizer::new(Lang::En).expect("a localizer");
    let text = normalise(&helpers::pdftotext(
        &tahawul_documents::report_of_case(&case, day, Lang::En).expect("the report renders"),
    ));
    for (n, b) in moved {
        let line = format!(
            "{} · {}: was {}, now {}",
            case.area(n.area.as_str()).expect("an area").name.en,
            case.factor(n.factor.as_str()).expect("a factor").name.en,
            loc.tr(b.status.message_id()),
            loc.tr(n.status.message_id())
        );
        assert!(text.contains(&line), "the report lacks {line:?}: {text}");
    }
}

/// The fan charts' key in Arabic says its ranges in words, "التنبؤ: من المئين 10 إلى 90 ومن
/// 25 إلى 75" (a dash between two numbers reads either way in a right-to-left line): the
/// extracted text has them in that order, and each number is drawn where a right-to-left
/// reader meets it — 10 right of 90, 90 right of 25, 25 right of 75 — on every fan chart.
#[test]
fn the_arabic_fan_key_says_its_percentile_ranges_in_reading_order() {
    let case = helpers::founding_case();
    let pdf = render(&case, Lang::Ar);
    let key = normalise(&Localizer::new(Lang::Ar).expect("a localizer").tr("pages-analysis-legend-fan"));
    assert_eq!(key, "التنبؤ: من المئين 10 إلى 90 ومن 25 إلى 75", "the catalogue's key");
    // Letters and digits in logical order (poppler moves the spaces around embedded numbers).
    let text = letters(&helpers::pdftotext(&pdf));
    assert!(text.contains(&letters("من المئين 10 إلى 90 ومن 25 إلى 75")), "the ranges in reading order: {text}");
    let words = helpers::words_drawn(&pdf);
    // Each line holding the key: the words "10", "90", "25", "75" on it, by where they are drawn.
    let mut keys = 0;
    for (page, _, y, _) in words.iter().filter(|w| w.3 == "نيئملا") {
        let line: Vec<_> = words.iter().filter(|w| w.0 == *page && (w.2 - y).abs() < 0.5).collect();
        let x = |n: &str| line.iter().find(|w| w.3 == n).map(|w| w.1);
        let (Some(x10), Some(x90), Some(x25), Some(x75)) = (x("10"), x("90"), x("25"), x("75")) else { continue };
        keys += 1;
        assert!(
            x10 > x90 && x90 > x25 && x25 > x75,
            "page {page}: drawn 10 at {x10}, 90 at {x90}, 25 at {x25}, 75 at {x75}"
        );
    }
    assert!(keys >= 3, "every fan chart's key read back: {keys}");
}
