//! What the cycle report selects from a case, shared by its page (`/report`), its PDF
//! (`tahawul report pdf`, `/report.pdf`) and the dashboard so all show the same: the end of the
//! previous cycle, what changed since, and the series the gates read (its trend charts).

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::gate::Truth;
use crate::model::{Indicator, Phase};
use crate::series::Series;
use crate::status::FactorReport;
use crate::{Case, Frequency, Id, Month, Period};

/// Trend charts at most (a case with many gate series still prints in a few pages).
pub const MAX_TRENDS: usize = 24;

/// The last day of the cycle before the one `today` is in. A cycle is the period of the
/// commission's assessments (their latest cycle's frequency; a quarter when there are none).
pub fn previous_cycle_end(case: &Case, today: Date) -> Date {
    let freq = case
        .assessments
        .iter()
        .max_by_key(|a| a.cycle.last_month())
        .map_or(Frequency::Quarter, |a| a.cycle.frequency());
    let current = Period::containing(Month::of_date(today), freq);
    current.first_month().first_day().yesterday().unwrap_or(today)
}

/// What changed since the end of the previous cycle, both sides judged on the figures on
/// record today (a late figure for an old period counts in both), so a change means the
/// situation moved, not the paperwork.
pub struct Changes<'a> {
    /// The end of the previous cycle ([`previous_cycle_end`]).
    pub since: Date,
    /// Each factor × area whose headline status moved: (now, at `since`).
    pub moved: Vec<(&'a FactorReport, &'a FactorReport)>,
    /// Each phase's gate whose verdict in an area flipped: (phase, area, at `since`, now).
    pub flipped: Vec<(&'a Phase, &'a Id, Truth, Truth)>,
}

/// [`Changes`] on `today`, from the statuses `now` and `before` (the statuses at
/// [`previous_cycle_end`], in the same order).
pub fn changes<'a>(case: &'a Case, today: Date, now: &'a [FactorReport], before: &'a [FactorReport]) -> Changes<'a> {
    let since = previous_cycle_end(case, today);
    let moved = now.iter().zip(before).filter(|(n, b)| n.status != b.status).collect();
    let (m_now, m_before) = (Month::of_date(today), Month::of_date(since));
    let mut flipped = Vec::new();
    for p in &case.phases {
        for a in &p.areas {
            let t_now = p.gate.evaluate(case, a.as_str(), Some(m_now)).truth;
            let t_before = p.gate.evaluate(case, a.as_str(), Some(m_before)).truth;
            if t_now != t_before {
                flipped.push((p, a, t_before, t_now));
            }
        }
    }
    Changes { since, moved, flipped }
}

/// The series the gates read, once each (indicator, the area whose figures they are), in the
/// order of the phases, their areas and their clauses; series without figures are left out,
/// and at most [`MAX_TRENDS`].
pub fn gate_series(case: &Case) -> Vec<(&Indicator, Series)> {
    let mut seen = BTreeSet::new();
    let mut trends = Vec::new();
    for p in &case.phases {
        for a in &p.areas {
            for c in p.gate.clauses() {
                let Some(ind) = case.indicator(&c.factor, &c.indicator) else { continue };
                let s = case.series(ind, a.as_str());
                if s.points.is_empty() || !seen.insert((ind.qualified_name(), s.data_area.clone())) {
                    continue;
                }
                trends.push((ind, s));
            }
        }
    }
    trends.truncate(MAX_TRENDS);
    trends
}
