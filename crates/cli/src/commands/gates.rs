//! `tahawul gates [--explain]`: each phase's gate, in words, and whether it holds in each area.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;
use tahawul_domain::gate::{Evaluation, Truth};
use tahawul_domain::{Month, Text};
use tahawul_i18n::{Lang, Message};

use super::{Failure, load, print_json};
use crate::app::{Ctx, Format};

/// One phase as the JSON output gives it (documented in docs/cli.md).
#[derive(Serialize)]
struct PhaseGate<'a> {
    phase: &'a str,
    name: &'a Text,
    gate: String,
    sentence: Text,
    illustrative: bool,
    areas: Vec<AreaGate<'a>>,
}

#[derive(Serialize)]
struct AreaGate<'a> {
    area: &'a str,
    #[serde(flatten)]
    evaluation: Evaluation,
    explanation: Vec<String>,
}

fn truth_id(t: Truth) -> &'static str {
    match t {
        Truth::Met => "status-met",
        Truth::NotMet => "status-not-met",
        Truth::NoData => "status-no-data",
    }
}

/// Prints every phase's gate; with `explain`, clause by clause per area.
pub fn run(ctx: &Ctx, path: &Path, as_of: Date, explain: bool) -> Result<(), Failure> {
    let case = load(path)?;
    let month = Month::of_date(as_of);
    let other = tahawul_i18n::Localizer::new(if ctx.loc.lang() == Lang::En { Lang::Ar } else { Lang::En }).ok();
    match ctx.format {
        Format::Json => {
            let phases: Vec<PhaseGate> = case
                .phases
                .iter()
                .map(|p| {
                    let here = p.gate.sentence(&case, &ctx.loc);
                    let there = other.as_ref().map(|o| p.gate.sentence(&case, o)).unwrap_or_default();
                    let sentence =
                        if ctx.loc.lang() == Lang::En { Text::new(here, there) } else { Text::new(there, here) };
                    PhaseGate {
                        phase: p.id.as_str(),
                        name: &p.name,
                        gate: p.gate.to_source(),
                        sentence,
                        illustrative: p.illustrative,
                        areas: p
                            .areas
                            .iter()
                            .map(|a| {
                                let evaluation = p.gate.evaluate(&case, a.as_str(), Some(month));
                                let explanation =
                                    evaluation.clauses.iter().map(|c| c.explain(&case, &ctx.loc)).collect();
                                AreaGate { area: a.as_str(), evaluation, explanation }
                            })
                            .collect(),
                    }
                })
                .collect();
            print_json(&serde_json::json!({ "case": case.id, "as_of": as_of.to_string(), "phases": phases }));
        }
        Format::Table => {
            let lang = ctx.loc.lang();
            println!("{}", ctx.t(&Message::new("gates-header").arg("name", &case.name).arg("date", as_of.to_string())));
            for p in &case.phases {
                println!();
                let mut title = p.name.get(lang).to_string();
                if p.illustrative {
                    title.push_str(&format!(" ({})", ctx.loc.tr("illustrative")));
                }
                println!("{title}");
                println!("  {}", p.gate.sentence(&case, &ctx.loc));
                for a in &p.areas {
                    let e = p.gate.evaluate(&case, a.as_str(), Some(month));
                    let area = case.area(a.as_str()).map_or(a.as_str(), |x| x.name.get(lang));
                    println!("  {}: {}", area, ctx.loc.tr(truth_id(e.truth)));
                    if explain {
                        for c in &e.clauses {
                            println!("      • {}", c.explain(&case, &ctx.loc));
                        }
                    }
                }
            }
        }
    }
    Ok(())
}
