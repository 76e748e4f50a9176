//! Roll-ups: the status of each factor in each area, from its indicators (through the
//! factor's condition) and its latest endorsed assessment, with the reasons.
//!
//! Two verdicts are kept side by side and neither silently replaces the other: what the
//! figures say ([`FactorReport::figures`]) and the commission's judgement, the latest endorsed
//! assessment's rating ([`FactorReport::judgement`]). The headline [`FactorReport::status`] is
//! the judgement where the commission has made one (that is what it agreed), else the figures;
//! [`FactorReport::agreement`] says whether the two agree.

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

/// An indicator whose latest value is overdue: the reason a cell is stale.
#[derive(Debug, Clone, Serialize)]
pub struct StaleIndicator {
    /// `factor.indicator`.
    pub indicator: String,
    /// The latest period on record.
    pub latest: Period,
    /// The period that should have been reported by now.
    pub expected: Period,
    /// The month from which the figure for `expected` counts as overdue: the month after
    /// `expected` ends (a figure may arrive until its period is over). "2024-08" in JSON.
    #[serde(serialize_with = "month_text")]
    pub overdue_from: Month,
}

/// A month as people write it ("2024-08"), not as its internal number.
fn month_text<S: serde::Serializer>(m: &Month, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(m)
}

/// The commission's judgement on a cell: the latest endorsed assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Judgement {
    /// The assessment.
    pub assessment: Id,
    /// The cycle it covers.
    pub cycle: Period,
    /// The rating: a level id on the factor's rating scale.
    pub rating: Id,
    /// The rating as a status: met at the top of the scale, not met below it, no data when
    /// the rating is not on the factor's scale (or the factor has none).
    pub status: FactorStatus,
}

/// How the commission's judgement relates to what the figures say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Agreement {
    /// Both say met, or both say not met.
    Agrees,
    /// One says met, the other not met.
    Differs,
    /// One of the two says nothing (no figures to judge by, or a rating off the scale).
    NothingToCompare,
}

impl Agreement {
    /// The message id of its name.
    pub fn message_id(self) -> &'static str {
        match self {
            Agreement::Agrees => "status-agreement-agrees",
            Agreement::Differs => "status-agreement-differs",
            Agreement::NothingToCompare => "status-agreement-nothing",
        }
    }
}

/// One cell of the areas × factors table.
#[derive(Debug, Clone, Serialize)]
pub struct FactorReport {
    /// The area.
    pub area: Id,
    /// The factor.
    pub factor: Id,
    /// The headline: the commission's judgement where there is one that rates the cell, else
    /// what the figures say.
    pub status: FactorStatus,
    /// What the figures alone say: the condition's verdict, stale when its data is overdue.
    pub figures: FactorStatus,
    /// The commission's judgement: the latest endorsed assessment, if any.
    pub judgement: Option<Judgement>,
    /// Whether the judgement agrees with the condition's verdict (none without a judgement).
    pub agreement: Option<Agreement>,
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

/// The first month in which the figure for `expected` counts as overdue (see [`overdue`]).
pub fn overdue_from(expected: Period) -> Month {
    expected.last_month().plus(1)
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
                    stale.push(StaleIndicator {
                        indicator: c.indicator.clone(),
                        latest: latest.period,
                        expected,
                        overdue_from: overdue_from(expected),
                    });
                }
            }
            let figures = match condition {
                Some(Truth::NoData) | None => FactorStatus::NoData,
                Some(_) if !stale.is_empty() => FactorStatus::Stale,
                Some(Truth::Met) => FactorStatus::Met,
                Some(Truth::NotMet) => FactorStatus::NotMet,
            };
            let judgement = latest_endorsed(case, &factor.id, &area.id, month).map(|a| Judgement {
                assessment: a.id.clone(),
                cycle: a.cycle,
                rating: a.rating.clone(),
                status: rating_status(case, &factor.rating_scale, a),
            });
            // The judgement is compared with the condition's verdict on the data as it stands,
            // stale or not: staleness is reported beside it, not as a verdict of its own.
            let agreement = judgement.as_ref().map(|j| match (j.status, condition) {
                (FactorStatus::Met, Some(Truth::Met)) | (FactorStatus::NotMet, Some(Truth::NotMet)) => {
                    Agreement::Agrees
                }
                (FactorStatus::Met, Some(Truth::NotMet)) | (FactorStatus::NotMet, Some(Truth::Met)) => {
                    Agreement::Differs
                }
                _ => Agreement::NothingToCompare,
            });
            let status = match &judgement {
                Some(j) if j.status != FactorStatus::NoData => j.status,
                _ => figures,
            };
            let illustrative =
                clauses.iter().any(|c| c.illustrative) || assessment.as_ref().is_some_and(|a| a.illustrative);
            out.push(FactorReport {
                area: area.id.clone(),
                factor: factor.id.clone(),
                status,
                figures,
                judgement,
                agreement,
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

/// The latest endorsed assessment of a cell whose cycle has begun by `as_of`.
fn latest_endorsed<'c>(case: &'c Case, factor: &Id, area: &Id, as_of: Month) -> Option<&'c Assessment> {
    case.assessments
        .iter()
        .filter(|a| {
            a.state == AssessmentState::Endorsed
                && &a.factor == factor
                && &a.area == area
                && a.cycle.first_month() <= as_of
        })
        .max_by_key(|a| a.cycle.last_month())
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

    fn example() -> Case {
        crate::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc"))).unwrap()
    }

    fn cell<'r>(cells: &'r [FactorReport], factor: &str, area: &str) -> &'r FactorReport {
        cells.iter().find(|c| c.factor.as_str() == factor && c.area.as_str() == area).unwrap()
    }

    #[test]
    fn the_judgement_stands_beside_the_figures_and_says_whether_they_agree() {
        let mut case = example();
        let date: Date = "2026-11-23".parse().unwrap();
        let cells = status(&case, date);
        // Threat in Federal Iraq: endorsed "met", and the figures say so too.
        let c = cell(&cells, "threat", "federal-iraq");
        let j = c.judgement.as_ref().expect("an endorsed assessment");
        assert_eq!(
            (j.assessment.as_str(), j.rating.as_str(), j.status),
            ("threat-federal-iraq-2026q3", "met", FactorStatus::Met)
        );
        let figures = c.figures;
        assert_eq!(c.condition, Some(Truth::Met));
        assert_eq!(c.agreement, Some(Agreement::Agrees));
        assert_eq!(c.status, FactorStatus::Met);
        // A submitted assessment is not the commission's judgement: the figures are the headline.
        let k = cell(&cells, "threat", "kurdistan-region");
        assert!(k.judgement.is_none() && k.agreement.is_none());
        assert_eq!(k.status, k.figures);

        // The commission rates it "not met": the headline follows, the figures stay as they were.
        let a = case.assessments.iter_mut().find(|a| a.id.as_str() == "threat-federal-iraq-2026q3").unwrap();
        a.rating = Id::parse("not-met").unwrap();
        let cells = status(&case, date);
        let c = cell(&cells, "threat", "federal-iraq");
        assert_eq!((c.status, c.figures), (FactorStatus::NotMet, figures));
        assert_eq!(c.agreement, Some(Agreement::Differs));

        // Back to a draft: no judgement, the figures alone.
        let a = case.assessments.iter_mut().find(|a| a.id.as_str() == "threat-federal-iraq-2026q3").unwrap();
        a.state = AssessmentState::Draft;
        let c = status(&case, date)
            .into_iter()
            .find(|c| c.factor.as_str() == "threat" && c.area.as_str() == "federal-iraq")
            .unwrap();
        assert!(c.judgement.is_none());
        assert_eq!(c.status, figures);
    }

    #[test]
    fn a_stale_cell_names_each_overdue_figure_and_since_when() {
        let case = example();
        // Years after the last figure: every indicator behind a condition is overdue.
        let date: Date = "2031-06-15".parse().unwrap();
        let cells = status(&case, date);
        let c = cell(&cells, "threat", "federal-iraq");
        assert_eq!(c.figures, FactorStatus::Stale, "{c:?}");
        let s = c.stale.iter().find(|s| s.indicator == "threat.attacks_per_month").expect("the attacks are overdue");
        assert_eq!(s.expected, s.latest.next());
        assert_eq!(s.overdue_from, s.expected.last_month().plus(1));
        assert!(s.overdue_from <= Month::of_date(date));
        // The endorsed judgement still heads the cell; staleness is reported beside it.
        assert_eq!(c.status, c.judgement.as_ref().unwrap().status);
    }
}
