//! Specifications of the gate language, on a small case built here.

mod check;
mod engine_agreement;
mod eval;
mod parse;
mod props;
mod render;

use std::collections::BTreeMap;

use tahawul_i18n::Text;

use crate::model::*;
use crate::period::{Frequency, Month, Period};

fn id(s: &str) -> Id {
    Id::parse(s).expect("test id")
}

fn text(en: &str, ar: &str) -> Text {
    Text::new(en, ar)
}

fn area(i: &str, en: &str, ar: &str, kind: AreaKind, parent: Option<&str>) -> Area {
    Area { id: id(i), name: text(en, ar), kind, parent: parent.map(id), sources: vec![], places: vec![] }
}

fn factor(i: &str, en: &str, ar: &str) -> Factor {
    Factor {
        id: id(i),
        name: text(en, ar),
        description: text(en, ar),
        working_group: WorkingGroup { name: text(en, ar), members: vec![], sources: vec![] },
        condition: None,
        rating_scale: None,
        sources: vec![],
    }
}

fn level(i: &str, en: &str, ar: &str) -> Level {
    Level { id: id(i), name: text(en, ar), definition: text(en, ar) }
}

#[allow(clippy::too_many_arguments)]
fn indicator(
    f: &str,
    i: &str,
    name: (&str, &str),
    unit: (&str, &str),
    kind: IndicatorKind,
    frequency: Frequency,
    direction: Direction,
) -> Indicator {
    Indicator {
        factor: id(f),
        id: id(i),
        name: text(name.0, name.1),
        description: text(name.0, name.1),
        unit: text(unit.0, unit.1),
        kind,
        scale: (kind == IndicatorKind::Level).then(|| id("readiness")),
        direction,
        frequency,
        reference_publisher: None,
        imports: vec![],
    }
}

/// One observation from the test publisher.
pub(crate) fn obs(name: &str, area: &str, period: &str, value: f64, illustrative: bool) -> Observation {
    let (f, i) = name.split_once('.').expect("factor.indicator");
    Observation {
        factor: id(f),
        indicator: id(i),
        area: id(area),
        period: period.parse::<Period>().expect("test period"),
        value,
        publisher: id("pub"),
        method: id("m"),
        as_of: jiff::civil::date(2025, 1, 1),
        confidence: Confidence::Medium,
        illustrative,
        document: None,
    }
}

/// A month for `as_of` arguments.
pub(super) fn month(s: &str) -> Month {
    s.parse().expect("test month")
}

/// The test case: Iraq with two regions (no regional incident figures, so regions fall back
/// to the country's), a monthly count, a yearly count, a quarterly share and a quarterly
/// level on a scale with two versions.
///
/// Attacks per month in Federal Iraq: Jan 20, then 14, 12, 10, 9, 8 (Jun), 7 (Jul) 2024.
/// In Kurdistan: May 3 and Jul 2, June missing. Incidents per year (Iraq): 2021 300,
/// 2022 180, 2023 140. Independent share (Federal Iraq): 2023-Q4 0.5, 2024-Q1 0.55,
/// 2024-Q2 0.62 (illustrative). Readiness (Federal Iraq): 2024-Q1 "partial", 2024-Q2
/// "in-the-lead". No air-sortie figures anywhere.
pub(crate) fn case() -> Case {
    let mut observations = vec![];
    for (m, v) in [("01", 20.0), ("02", 14.0), ("03", 12.0), ("04", 10.0), ("05", 9.0), ("06", 8.0), ("07", 7.0)] {
        observations.push(obs("threat.attacks_per_month", "federal-iraq", &format!("2024-{m}"), v, false));
    }
    observations.push(obs("threat.attacks_per_month", "kurdistan", "2024-05", 3.0, false));
    observations.push(obs("threat.attacks_per_month", "kurdistan", "2024-07", 2.0, false));
    for (y, v) in [("2021", 300.0), ("2022", 180.0), ("2023", 140.0)] {
        observations.push(obs("threat.incidents_per_year", "iraq", y, v, false));
    }
    for (q, v, ill) in [("2023-Q4", 0.5, false), ("2024-Q1", 0.55, false), ("2024-Q2", 0.62, true)] {
        observations.push(obs("capability.brigades_independent_share", "federal-iraq", q, v, ill));
    }
    observations.push(obs("capability.readiness", "federal-iraq", "2024-Q1", 2.0, false));
    observations.push(obs("capability.readiness", "federal-iraq", "2024-Q2", 3.0, false));

    Case {
        id: id("test-case"),
        name: text("Test case", "ملف اختبار"),
        description: text("A small case for the gate tests", "ملف صغير لاختبارات البوابات"),
        parties: vec![],
        people: vec![],
        areas: vec![
            area("iraq", "Iraq", "العراق", AreaKind::Country, None),
            area("federal-iraq", "Federal Iraq", "العراق الاتحادي", AreaKind::Region, Some("iraq")),
            area("kurdistan", "Kurdistan Region", "إقليم كردستان", AreaKind::Region, Some("iraq")),
        ],
        factors: vec![
            factor("threat", "Threat", "التهديد"),
            factor("capability", "Capability", "القدرات"),
            factor("requirements", "Requirements", "المتطلبات"),
        ],
        scales: vec![Scale {
            id: id("readiness"),
            name: text("Readiness", "الجاهزية"),
            versions: vec![
                ScaleVersion {
                    version: 1,
                    levels: vec![level("low", "Low", "منخفضة"), level("high", "High", "مرتفعة")],
                    maps_from_previous: BTreeMap::new(),
                },
                ScaleVersion {
                    version: 2,
                    levels: vec![
                        level("forming", "Forming", "قيد التشكيل"),
                        level("partial", "Partially capable", "قادرة جزئيًا"),
                        level("in-the-lead", "In the lead", "في موقع القيادة"),
                        level("independent", "Independent", "مستقلة"),
                    ],
                    maps_from_previous: BTreeMap::from([(id("low"), id("forming")), (id("high"), id("in-the-lead"))]),
                },
            ],
            sources: vec![],
        }],
        publishers: vec![Publisher { id: id("pub"), name: text("Test publisher", "ناشر الاختبار") }],
        methods: vec![Method { id: id("m"), text: text("Counted", "عُدّت") }],
        indicators: vec![
            indicator(
                "threat",
                "attacks_per_month",
                ("attacks per month", "عدد الهجمات شهريًا"),
                ("attacks", "هجوم"),
                IndicatorKind::Count,
                Frequency::Month,
                Direction::LowerIsBetter,
            ),
            indicator(
                "threat",
                "incidents_per_year",
                ("terrorist incidents per year", "عدد الحوادث الإرهابية سنويًا"),
                ("incidents", "حادثة"),
                IndicatorKind::Count,
                Frequency::Year,
                Direction::LowerIsBetter,
            ),
            indicator(
                "capability",
                "brigades_independent_share",
                ("the share of brigades rated independent", "نسبة الألوية المصنفة مستقلة"),
                ("share", "نسبة"),
                IndicatorKind::Share,
                Frequency::Quarter,
                Direction::HigherIsBetter,
            ),
            indicator(
                "capability",
                "readiness",
                ("the readiness of partner forces", "جاهزية القوات الشريكة"),
                ("", ""),
                IndicatorKind::Level,
                Frequency::Quarter,
                Direction::HigherIsBetter,
            ),
            indicator(
                "requirements",
                "coalition_air_sorties_per_month",
                ("coalition air sorties per month", "عدد طلعات التحالف الجوية شهريًا"),
                ("sorties", "طلعة"),
                IndicatorKind::Count,
                Frequency::Month,
                Direction::LowerIsBetter,
            ),
        ],
        observations: observations.into(),
        assessments: Default::default(),
        phases: vec![],
        rounds: vec![],
        commitments: vec![],
        documents: vec![],
        scenarios: vec![],
    }
}

/// The case with Federal Iraq's attacks replaced by `values`, one per month from January 2024.
pub(super) fn case_with_attacks(values: &[f64]) -> Case {
    let mut c = case();
    c.observations.retain(|o| !(o.indicator.as_str() == "attacks_per_month" && o.area.as_str() == "federal-iraq"));
    for (i, v) in values.iter().enumerate() {
        let m = Month::new(2024, 1).plus(i as i32);
        c.observations.push(obs("threat.attacks_per_month", "federal-iraq", &m.to_string(), *v, false));
    }
    c
}

/// Parses a gate the test knows to be valid.
pub(super) fn gate(s: &str) -> super::Gate {
    match super::parse(s) {
        Ok(g) => g,
        Err(e) => panic!("{s:?} should parse: {e:?}"),
    }
}
