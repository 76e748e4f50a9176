//! Charts drawn by hand as SVG: no plotting crate, no fonts on the server. Each chart has a
//! `<title>` and `<desc>` for screen readers and says every value in text as well as colour.

use maud::{Markup, html};
use tahawul_domain::status::{FactorReport, FactorStatus};
use tahawul_i18n::{Lang, Localizer, Message, Text};

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
/// Arabic the labels sit on the right and the columns run right to left.
pub fn heatmap(loc: &Localizer, areas: &[(String, Text)], factors: &[(String, Text)], cells: &[FactorReport]) -> Markup {
    const LABEL: f64 = 230.0;
    const CELL_W: f64 = 190.0;
    const CELL_H: f64 = 44.0;
    let lang = loc.lang();
    // SVG text does not wrap: factor names are broken into lines at spaces.
    let heads: Vec<Vec<String>> = factors.iter().map(|(_, n)| wrap(n.get(lang), 24)).collect();
    let lines = heads.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let head = 12.0 + 17.0 * lines + 8.0;
    let rtl = lang == Lang::Ar;
    let width = LABEL + CELL_W * factors.len() as f64;
    let height = head + CELL_H * areas.len() as f64;
    // x of a column's left edge, mirrored in right-to-left.
    let col_x = |i: usize| if rtl { width - LABEL - CELL_W * (i as f64 + 1.0) } else { LABEL + CELL_W * i as f64 };
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
    html! {
        svg class="chart heatmap" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="heatmap-title heatmap-desc"
            viewBox={ "0 0 " (width) " " (height) } width=(width) height=(height) direction="ltr" font-size="14" {
            title id="heatmap-title" { (title) }
            desc id="heatmap-desc" { (desc) }
            @for (i, lines) in heads.iter().enumerate() {
                text x=(col_x(i) + CELL_W / 2.0) y="0" text-anchor="middle" font-weight="bold" {
                    @for (l, line) in lines.iter().enumerate() {
                        tspan x=(col_x(i) + CELL_W / 2.0) y=(12.0 + 17.0 * (l as f64 + 1.0)) { (line) }
                    }
                }
            }
            @for (r, (area_id, area_name)) in areas.iter().enumerate() {
                @let y = head + CELL_H * r as f64;
                text x=(label_x) y=(y + CELL_H / 2.0 + 5.0) text-anchor="end" { (area_name.get(lang)) }
                @for (i, (factor_id, factor_name)) in factors.iter().enumerate() {
                    @if let Some(cell) = cells.iter().find(|c| c.area.as_str() == area_id && c.factor.as_str() == factor_id) {
                        @let (class, fill) = look(cell.status);
                        @let word = loc.tr(cell.status.message_id());
                        @let x = col_x(i);
                        g class={ "cell " (class) } {
                            title { (loc.format(&Message::new("pages-cell-title").arg("area", area_name).arg("factor", factor_name).arg("status", word.as_str()))) }
                            rect x=(x + 2.0) y=(y + 2.0) width=(CELL_W - 4.0) height=(CELL_H - 4.0) rx="4" fill=(fill) stroke="#767676" {}
                            text x=(x + CELL_W / 2.0) y=(y + CELL_H / 2.0 + 5.0) text-anchor="middle" fill="#1a1a1a" {
                                (word) @if cell.illustrative { " *" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Breaks `s` at spaces into lines of at most `max` characters (a longer word stays whole).
fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        match lines.last_mut() {
            Some(last) if last.chars().count() + 1 + word.chars().count() <= max => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(super::wrap("partner-force capability levels", 24), vec!["partner-force capability", "levels"]);
        assert_eq!(super::wrap("", 10), vec![""]);
    }
}
