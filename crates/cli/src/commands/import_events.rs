//! `tahawul import events FILE --definition ID [--release R]`: a UCDP GED or ACLED export read
//! as a stream by an import definition of the case (imports.toml) into monthly figures by
//! area, stored all or nothing in one transaction. Every bad row is reported by line and
//! column; with any, nothing is written and the exit code is 1.

use std::io::BufReader;
use std::path::Path;

use tahawul_domain::{Area, ImportDefinition, Indicator, Message};
use tahawul_events::Places;
use tahawul_store::{EventImport, EventImportOutcome, EventImportRecord, RecordKind, prelude::*};
use tahawul_web::AnyStore;

use super::serve::{actor, db_failed, open, runtime};
use super::{Failure, print_diagnostics, print_json};
use crate::app::{Ctx, Format};

/// What the command was asked for.
pub struct Options<'a> {
    /// Database URL.
    pub database: &'a str,
    /// The export.
    pub file: &'a Path,
    /// The import definition's id.
    pub definition: &'a str,
    /// The dataset's release, when the file's name does not say it.
    pub release: Option<&'a str>,
    /// Import a release older than one imported before (restoring older figures).
    pub older: bool,
}

/// Imports the file.
pub fn run(ctx: &Ctx, o: &Options<'_>) -> Result<(), Failure> {
    let rt = runtime()?;
    let (store, indicator, def, places) = rt.block_on(async {
        let store = open(o.database).await?;
        let (indicator, def, places) = definition_and_places(&store, o.definition).await?;
        Ok::<_, Failure>((store, indicator, def, places))
    })?;
    let name = o.file.file_name().map_or_else(|| o.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let release = match o.release {
        Some(r) => r.to_string(),
        None => tahawul_domain::event_import::release_from_file_name(def.dataset, &name).ok_or_else(|| {
            Failure::UsageWithHelp(
                Message::new("events-release-needed").arg("file", name.as_str()),
                Some(Message::new("events-release-needed-help").arg("dataset", def.dataset.as_str())),
            )
        })?,
    };
    let file = std::fs::File::open(o.file).map_err(|e| {
        Failure::Problem(
            Message::new("service-import-unreadable")
                .arg("path", o.file.display().to_string())
                .arg("detail", e.to_string()),
            None,
        )
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    // Drawn only on a terminal (indicatif hides itself otherwise): scripts see no noise.
    let bar = indicatif::ProgressBar::new(size).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {binary_bytes}/{binary_total_bytes} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let counted =
        tahawul_events::import(&name, BufReader::with_capacity(1 << 20, file), &def, &places, |n| bar.set_position(n));
    bar.finish_and_clear();
    let counted = match counted {
        Ok(c) => c,
        Err(diags) => {
            print_diagnostics(ctx, &diags);
            return Err(Failure::Problem(
                Message::new("events-import-refused").arg("count", diags.len()),
                Some(Message::new("events-import-refused-help")),
            ));
        }
    };
    let today = jiff::Zoned::now().date();
    let import = EventImport {
        definition: def.clone(),
        release: release.clone(),
        older: o.older,
        file_digest: counted.digest.clone(),
        rows: counted.rows,
        counted: counted.counted,
        figures: counted
            .observations(&indicator, &def, &release, today)
            .into_iter()
            .map(|(o, source)| (o, source.events))
            .collect(),
    };
    let outcome = rt.block_on(store.import_events(&import, &actor())).map_err(refused)?;
    if ctx.format == Format::Json {
        print_json(&serde_json::json!({
            "result": outcome,
            "indicator": indicator.qualified_name(),
            "months": counted.months.map(|(a, b)| [a.to_string(), b.to_string()]),
            "left_out": {
                "other_countries": counted.other_countries,
                "not_taken": counted.not_taken,
                "spanning_months": counted.spanning_left_out,
                "country_level_only": counted.country_level_only,
                "outside_months": counted.outside_months,
            },
            "citation": ctx.t(&def.dataset.citation(&release)),
        }));
        return Ok(());
    }
    match &outcome {
        EventImportOutcome::Written { import, revised } => {
            println!("{}", ctx.t(&written(import, &indicator, &counted)));
            if let Some(r) = revised {
                println!("{}", ctx.t(&Message::new("events-revised").arg("release", r.as_str())));
            }
            let left = [
                ("events-left-other-countries", counted.other_countries),
                ("events-left-not-taken", counted.not_taken),
                ("events-left-spanning", counted.spanning_left_out),
                ("events-left-country-level", counted.country_level_only),
                ("events-left-outside-months", counted.outside_months),
            ];
            for (id, n) in left.into_iter().filter(|(_, n)| *n > 0) {
                println!("  {}", ctx.t(&Message::new(id).arg("count", n)));
            }
        }
        EventImportOutcome::Unchanged { import } => {
            println!(
                "{}",
                ctx.t(&Message::new("events-unchanged")
                    .arg("release", import.release.as_str())
                    .arg("at", import.at.as_str()))
            );
        }
    }
    println!("{}", ctx.t(&def.dataset.citation(&release)));
    Ok(())
}

fn written(import: &EventImportRecord, indicator: &Indicator, c: &tahawul_events::Import) -> Message {
    let (from, to) = c.months.map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or_default();
    Message::new("events-imported")
        .arg("figures", import.figures)
        .arg("indicator", indicator.qualified_name())
        .arg("from", from)
        .arg("to", to)
        .arg("release", import.release.as_str())
        .arg("counted", import.counted)
        .arg("rows", import.rows)
}

/// The store's refusal of an import in the user's words: a rule broken (an older release, a
/// release already taken by another file, a changed definition) says which and how to go on.
fn refused(e: tahawul_store::StoreError) -> Failure {
    match e {
        tahawul_store::StoreError::Invalid(ps) if !ps.is_empty() => {
            let p = ps.into_iter().next().expect("not empty");
            Failure::Problem(p.message, p.help)
        }
        other => db_failed(other),
    }
}

/// The stored records of a kind, as their domain type (the store checked them on the way in).
async fn bodies<T: serde::de::DeserializeOwned>(store: &AnyStore, kind: RecordKind) -> Result<Vec<T>, Failure> {
    let records = store.list_records(kind).await.map_err(db_failed)?;
    records
        .into_iter()
        .map(|r| {
            serde_json::from_value(r.body).map_err(|e| {
                Failure::Problem(Message::new("service-db-failed").arg("detail", format!("{kind} {}: {e}", r.id)), None)
            })
        })
        .collect()
}

/// The definition, the indicator it feeds, and the case's areas' places matched against
/// Debian's ISO 3166 lists.
async fn definition_and_places(store: &AnyStore, id: &str) -> Result<(Indicator, ImportDefinition, Places), Failure> {
    let indicators: Vec<Indicator> = bodies(store, RecordKind::Indicator).await?;
    let Some((indicator, def)) = tahawul_domain::event_import::find(&indicators, id) else {
        let known: Vec<&str> = indicators.iter().flat_map(|i| &i.imports).map(|d| d.id.as_str()).collect();
        let help = match tahawul_domain::diagnostic::did_you_mean(id, known.iter().copied()) {
            Some(near) => Message::new("bundle-did-you-mean").arg("name", near),
            None if known.is_empty() => Message::new("events-no-definitions-help"),
            None => Message::new("bundle-known-ids").arg("ids", known.join(", ")),
        };
        return Err(Failure::Problem(Message::new("events-unknown-definition").arg("id", id), Some(help)));
    };
    let areas: Vec<Area> = bodies(store, RecordKind::Area).await?;
    let places = tahawul_events::places_of(&areas).map_err(Failure::Invalid)?;
    Ok((indicator.clone(), def.clone(), places))
}
