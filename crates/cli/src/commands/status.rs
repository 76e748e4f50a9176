//! `tahawul status`: areas × factors — met, not met, no data or stale — with reasons.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;
use tahawul_domain::status::{FactorReport, FactorStatus, status};
use tahawul_domain::{Case, Text};
use tahawul_i18n::Message;

use super::{Failure, load, print_json};
use crate::app::{Ctx, Format};

/// One cell as the JSON output gives it: the roll-up plus its reasons in words.
#[derive(Serialize)]
struct Cell<'a> {
    #[serde(flatten)]
    report: &'a FactorReport,
    area_name: &'a Text,
    factor_name: &'a Text,
    status_label: String,
    reasons: Vec<String>,
}

/// Prints the status table.
pub fn run(ctx: &Ctx, path: &Path, as_of: Date) -> Result<(), Failure> {
    let case = load(path)?;
    let reports = status(&case, as_of);
    match ctx.format {
        Format::Json => {
            let cells: Vec<Cell> = reports
                .iter()
                .filter_map(|r| {
                    Some(Cell {
                        report: r,
                        area_name: &case.area(r.area.as_str())?.name,
                        factor_name: &case.factor(r.factor.as_str())?.name,
                        status_label: ctx.loc.tr(r.status.message_id()),
                        reasons: reasons(ctx, &case, r),
                    })
                })
                .collect();
            print_json(&serde_json::json!({ "case": case.id, "as_of": as_of.to_string(), "cells": cells }));
        }
        Format::Table => {
            let lang = ctx.loc.lang();
            println!(
                "{}",
                ctx.t(&Message::new("status-header").arg("name", &case.name).arg("date", as_of.to_string()))
            );
            for area in &case.areas {
                println!();
                println!("{}", area.name.get(lang));
                for r in reports.iter().filter(|r| r.area == area.id) {
                    let Some(factor) = case.factor(r.factor.as_str()) else {
                        continue;
                    };
                    let mark = match r.status {
                        FactorStatus::Met => "✔",
                        FactorStatus::NotMet => "✘",
                        FactorStatus::NoData => "∅",
                        FactorStatus::Stale => "⌛",
                    };
                    println!("  {mark} {}: {}", factor.name.get(lang), ctx.loc.tr(r.status.message_id()));
                    for reason in reasons(ctx, &case, r) {
                        println!("      • {reason}");
                    }
                }
            }
            if reports.iter().any(|r| r.illustrative) {
                println!();
                println!("{}", ctx.loc.tr("illustrative-note"));
            }
        }
    }
    Ok(())
}

/// The reasons behind a cell, in the user's language.
fn reasons(ctx: &Ctx, case: &Case, r: &FactorReport) -> Vec<String> {
    let lang = ctx.loc.lang();
    let mut out = Vec::new();
    if case.factor(r.factor.as_str()).is_some_and(|f| f.condition.is_none()) {
        out.push(ctx.loc.tr("status-no-condition"));
    }
    for c in &r.clauses {
        out.push(c.explain(case, &ctx.loc));
    }
    for s in &r.stale {
        out.push(
            ctx.t(&Message::new("status-stale-reason")
                .arg("indicator", s.indicator.as_str())
                .arg("latest", s.latest.to_string())
                .arg("expected", s.expected.to_string())),
        );
    }
    match &r.assessment {
        Some(a) => {
            let rating = case
                .factor(r.factor.as_str())
                .and_then(|f| f.rating_scale.as_ref())
                .and_then(|s| case.scale(s.as_str()))
                .and_then(|s| s.current().levels.iter().find(|l| l.id == a.rating))
                .map_or(a.rating.to_string(), |l| l.name.get(lang).to_string());
            let mut line = ctx.t(&Message::new("status-assessment")
                .arg("rating", rating)
                .arg("cycle", a.cycle.to_string())
                .arg("state", ctx.loc.tr(state_id(a.state))));
            if a.illustrative {
                line.push_str(&format!(" ({})", ctx.loc.tr("illustrative")));
            }
            out.push(line);
        }
        None => out.push(ctx.loc.tr("status-no-assessment")),
    }
    out
}

fn state_id(s: tahawul_domain::AssessmentState) -> &'static str {
    use tahawul_domain::AssessmentState::*;
    match s {
        Draft => "assessment-draft",
        Submitted => "assessment-submitted",
        Endorsed => "assessment-endorsed",
        Returned => "assessment-returned",
    }
}
