//! The share of commitments fulfilled over time, one line per party or theme, as SVG drawn by
//! hand (with `<title>` and `<desc>` for screen readers, and a table beside it on the page).

use maud::{Markup, html};
use tahawul_domain::Month;
use tahawul_i18n::Localizer;

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;
/// Colour-blind-safe (Okabe–Ito), with a dash pattern each so colour is never the only cue.
const STYLES: [(&str, &str); 6] = [
    ("#0072b2", ""),
    ("#d55e00", "6 3"),
    ("#009e73", "2 3"),
    ("#cc79a7", "8 3 2 3"),
    ("#e69f00", "1 2"),
    ("#56b4e9", "10 4"),
];

/// Lines of `series` (name, share per month, in 0..=1) over `months`.
pub fn lines(
    id: &str,
    loc: &Localizer,
    title: &str,
    desc: &str,
    months: &[Month],
    series: &[(String, Vec<Option<f64>>)],
) -> Markup {
    let n = months.len().max(2) as f64 - 1.0;
    let x = |i: usize| LEFT + (W - LEFT - RIGHT) * i as f64 / n;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v.clamp(0.0, 1.0));
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    // About six labels along the time axis.
    let step = (months.len() / 6).max(1);
    html! {
        svg id=(id) class="chart" viewBox={ "0 0 " (W) " " (H) } width=(W) height=(H) role="img" aria-labelledby={ (title_id) " " (desc_id) } direction="ltr" {
            title id=(title_id) { (title) }
            desc id=(desc_id) { (desc) }
            @for k in 0..=4 {
                @let v = f64::from(k) / 4.0;
                line x1=(LEFT) x2=(W - RIGHT) y1=(y(v)) y2=(y(v)) stroke="#d0d0d0" {}
                text x=(LEFT - 4.0) y=(y(v) + 4.0) text-anchor="end" font-size="11" { (super::num(loc, k * 25)) "%" }
            }
            @for (i, m) in months.iter().enumerate().filter(|(i, _)| i % step == 0) {
                text x=(x(i)) y=(H - 8.0) text-anchor="middle" font-size="11" { (super::num(loc, m.to_string())) }
            }
            @for (k, (name, values)) in series.iter().enumerate() {
                @let (colour, dash) = STYLES[k % STYLES.len()];
                @let points: Vec<String> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect();
                @if !points.is_empty() {
                    polyline points=(points.join(" ")) fill="none" stroke=(colour) stroke-width="2" stroke-dasharray=(dash) {}
                    @let last = values.iter().rev().flatten().next().copied().unwrap_or(0.0);
                    line x1=(W - RIGHT + 6.0) x2=(W - RIGHT + 26.0) y1=(TOP + 14.0 * k as f64 + 6.0) y2=(TOP + 14.0 * k as f64 + 6.0) stroke=(colour) stroke-width="2" stroke-dasharray=(dash) {}
                    text x=(W - RIGHT + 30.0) y=(TOP + 14.0 * k as f64 + 10.0) font-size="11" { (name) " " (super::num(loc, (last * 100.0).round() as i64)) "%" }
                }
            }
        }
    }
}
