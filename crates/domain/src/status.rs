//! Roll-ups: the status of each factor in each area, from its indicators (through the
//! factor's condition) and its latest assessment, with the reasons.

use jiff::civil::Date;
use serde::Serialize;

use crate::gate::{ClauseReport, Truth};
use crate::model::{Assessment, AssessmentState, Case, Id};
use crate::period::{Month, Period};

/// A factor's status in an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactorStatus {
    /// The condition holds on current data.
    Met,
    /// The condition does not hold on current data.
    NotMet,
    /// Nothing to judge by: no condition with data, and no assessment.
    NoData,
    /// The judgement rests on data older than its reporting frequency allows.
    Stale,
}

impl FactorStatus {
    /// The message id of its name.
    pub fn message_id(self) -> &'static str {
        match self {
            FactorStatus::Met => "status-met",
            FactorStatus::NotMet => "status-not-met",
            FactorStatus::NoData => "status-no-data",
            FactorStatus::Stale => "status-stale",
        }
    }
}

/// An indicator whose latest value is overdue.
#[derive(Debug, Clone, Serialize)]
pub struct StaleIndicator {
    /// `factor.indicator`.
    pub indicator: String,
    /// The latest period on record.
    pub latest: Period,
    /// The period that should have been reported by now.
    pub expected: Period,
}

/// One cell of the areas × factors table.
#[derive(Debug, Clone, Serialize)]
pub struct FactorReport {
    /// The area.
    pub area: Id,
    /// The factor.
    pub factor: Id,
    /// The status.
    pub status: FactorStatus,
    /// What the condition says on the data, stale or not (none without a condition).
    pub condition: Option<Truth>,
    /// The condition's clauses, explained.
    pub clauses: Vec<ClauseReport>,
    /// Indicators whose data is overdue.
    pub stale: Vec<StaleIndicator>,
    /// The latest assessment for this factor and area, any state.
    pub assessment: Option<Assessment>,
    /// True when any value behind the status only illustrates the case.
    pub illustrative: bool,
}

/// The period that should have been reported by `as_of`, if it is later than `latest`:
/// a period is due once the month after it has begun.
pub fn overdue(latest: Period, as_of: Month) -> Option<Period> {
    let next = latest.next();
    (as_of > next.last_month()).then_some(next)
}

/// Every area × factor status, as of a date.
pub fn status(case: &Case, as_of: Date) -> Vec<FactorReport> {
    let month = Month::of_date(as_of);
    let mut out = Vec::new();
    for area in &case.areas {
        for factor in &case.factors {
            let assessment = latest_assessment(case, &factor.id, &area.id, month);
            let (condition, clauses) = match &factor.condition {
                Some(g) => {
                    let e = g.evaluate(case, area.id.as_str(), Some(month));
                    (Some(e.truth), e.clauses)
                }
                None => (None, vec![]),
            };
            let mut stale = Vec::new();
            for c in &clauses {
                let Some(latest) = &c.latest else { continue };
                if let Some(expected) = overdue(latest.period, month)
                    && !stale.iter().any(|s: &StaleIndicator| s.indicator == c.indicator)
                {
                    stale.push(StaleIndicator { indicator: c.indicator.clone(), latest: latest.period, expected });
                }
            }
            let status = match condition {
                Some(Truth::NoData) | None => match &assessment {
                    // Without a usable condition, an endorsed rating at the top of its scale is "met".
                    Some(a) if a.state == AssessmentState::Endorsed => rating_status(case, &factor.rating_scale, a),
                    _ => FactorStatus::NoData,
                },
                Some(_) if !stale.is_empty() => FactorStatus::Stale,
                Some(Truth::Met) => FactorStatus::Met,
                Some(Truth::NotMet) => FactorStatus::NotMet,
            };
            let illustrative =
                clauses.iter().any(|c| c.illustrative) || assessment.as_ref().is_some_and(|a| a.illustrative);
            out.push(FactorReport {
                area: area.id.clone(),
                factor: factor.id.clone(),
                status,
                condition,
                clauses,
                stale,
                assessment,
                illustrative,
            });
        }
    }
    out
}

fn rating_status(case: &Case, scale: &Option<Id>, a: &Assessment) -> FactorStatus {
    let Some(scale) = scale.as_ref().and_then(|s| case.scale(s.as_str())) else {
        return FactorStatus::NoData;
    };
    let top = scale.current().levels.len() as u32;
    match scale.current().rank(a.rating.as_str()) {
        Some(r) if r == top => FactorStatus::Met,
        Some(_) => FactorStatus::NotMet,
        None => FactorStatus::NoData,
    }
}

fn latest_assessment(case: &Case, factor: &Id, area: &Id, as_of: Month) -> Option<Assessment> {
    case.assessments
        .iter()
        .filter(|a| &a.factor == factor && &a.area == area && a.cycle.first_month() <= as_of)
        .max_by_key(|a| a.cycle.last_month())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_overdue_once_the_month_after_the_next_one_begins() {
        let m = |s: &str| s.parse::<Month>().unwrap();
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(overdue(p("2026-10"), m("2026-11")), None, "November's figure may still come");
        assert_eq!(overdue(p("2026-10"), m("2026-12")), Some(p("2026-11")));
        assert_eq!(overdue(p("2023"), m("2024-12")), None);
        assert_eq!(overdue(p("2023"), m("2025-01")), Some(p("2024")));
        assert_eq!(overdue(p("2026-Q3"), m("2026-12")), None);
        assert_eq!(overdue(p("2026-Q3"), m("2027-01")), Some(p("2026-Q4")));
    }
}
