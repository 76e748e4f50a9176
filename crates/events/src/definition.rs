//! What an import definition (kept in the bundle, see `tahawul_domain::event_import`) says
//! about one event: whether it counts and what it adds.

use tahawul_domain::{ImportDefinition, Measure};

use crate::Event;

/// Whether a row's kind, actors and precision make it count under `d` (place and month aside).
pub fn counts(d: &ImportDefinition, e: &Event) -> bool {
    let listed = |wanted: &[String], v: &str| wanted.is_empty() || wanted.iter().any(|w| w.eq_ignore_ascii_case(v));
    (d.type_of_violence.is_empty() || e.type_of_violence.is_some_and(|t| d.type_of_violence.contains(&t)))
        && listed(&d.event_types, &e.event_type)
        && listed(&d.sub_event_types, &e.sub_event_type)
        && (d.actor_contains.is_empty() || {
            let actors = e.actors.to_lowercase();
            d.actor_contains.iter().any(|a| actors.contains(&a.to_lowercase()))
        })
        && d.max_date_precision.is_none_or(|m| e.date_precision <= m)
        && d.max_place_precision.is_none_or(|m| e.place_precision <= m)
}

/// The value a counted row adds under `d`.
pub fn value(d: &ImportDefinition, e: &Event) -> f64 {
    match d.measure {
        Measure::Events => 1.0,
        Measure::BestDeaths => e.best,
        Measure::LowDeaths => e.low,
        Measure::HighDeaths => e.high,
    }
}
