//! What the cycle report selects from a case, shared by its page (`/report`) and its PDF
//! (`tahawul report pdf`, `/report.pdf`) so both show the same: the end of the previous
//! cycle (what "changed since" compares with) and the series the gates read (its trend charts).

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::model::Indicator;
use crate::series::Series;
use crate::{Case, Frequency, Month, Period};

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
