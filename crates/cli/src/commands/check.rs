//! `tahawul check PATH`: validates a case bundle and reports every problem at once.

use std::path::PathBuf;

use tahawul_i18n::Message;

use super::{Failure, load, print_json};
use crate::app::{Ctx, Format};

/// Runs the check.
pub fn run(ctx: &Ctx, path: PathBuf) -> Result<(), Failure> {
    let case = load(&path)?;
    let illustrative = case.observations.iter().filter(|o| o.illustrative).count();
    match ctx.format {
        Format::Json => print_json(&serde_json::json!({
            "valid": true,
            "case": case.id,
            "counts": {
                "parties": case.parties.len(),
                "people": case.people.len(),
                "areas": case.areas.len(),
                "factors": case.factors.len(),
                "indicators": case.indicators.len(),
                "observations": case.observations.len(),
                "illustrative_observations": illustrative,
                "phases": case.phases.len(),
                "rounds": case.rounds.len(),
                "commitments": case.commitments.len(),
                "documents": case.documents.len(),
            }
        })),
        Format::Table => {
            println!(
                "{}",
                ctx.t(&Message::new("cli-check-ok").arg("path", path.display().to_string()).arg("name", &case.name))
            );
            let counts = [
                ("cli-count-areas", case.areas.len()),
                ("cli-count-factors", case.factors.len()),
                ("cli-count-indicators", case.indicators.len()),
                ("cli-count-observations", case.observations.len()),
                ("cli-count-phases", case.phases.len()),
                ("cli-count-rounds", case.rounds.len()),
                ("commitments-count", case.commitments.len()),
                ("cli-count-documents", case.documents.len()),
            ];
            for (id, n) in counts {
                println!("  {}", ctx.t(&Message::new(id).arg("count", n)));
            }
            if illustrative > 0 {
                println!("  {}", ctx.t(&Message::new("cli-illustrative-observations").arg("count", illustrative)));
            }
        }
    }
    Ok(())
}
