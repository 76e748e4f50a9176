//! Figures counted from an event dataset file (`tahawul-events`): stored as one batch of
//! observations with the import beside it, audited with where they came from.

use tahawul_domain::Observation;

use super::observations::{References, write_batch};
use super::*;
use crate::{EventImport, EventImportOutcome, EventImportRecord};

/// An `event_imports` row with its batch's count, time and actor.
#[derive(sqlx::FromRow)]
struct EventImportRow {
    batch: i64,
    definition: String,
    dataset: String,
    release: String,
    file_digest: String,
    file_rows: i64,
    counted: i64,
    count: i64,
    at: String,
    actor: String,
}

/// The definition an import was counted by, as it was then.
#[derive(sqlx::FromRow)]
struct BatchDigest {
    batch: i64,
    definition_digest: String,
}

/// The stored imports of event datasets (of one definition when named), oldest first.
pub(super) async fn read_event_imports<T: Tx>(tx: &mut T, definition: Option<&str>) -> Result<Vec<EventImportRecord>> {
    let rows: Vec<EventImportRow> = tx
        .fetch_as(
            &format!(
                "SELECT e.batch AS batch, {fields}, b.count AS count, b.at AS at, b.actor AS actor FROM event_imports e JOIN observation_batches b ON b.id = e.batch WHERE ($1 IS NULL OR e.definition = $1) ORDER BY e.batch",
                fields = crate::audit_log::EVENT_IMPORT_FIELDS
                    .split(", ")
                    .map(|f| format!("e.{f} AS {f}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            vec![Arg::Text(definition.map(str::to_string))],
        )
        .await?;
    let n = |v: i64| -> Result<u64> { u64::try_from(v).map_err(corrupt) };
    rows.into_iter()
        .map(|r| {
            Ok(EventImportRecord {
                batch: r.batch,
                definition: r.definition,
                dataset: r.dataset,
                release: r.release,
                file_digest: r.file_digest,
                rows: n(r.file_rows)?,
                counted: n(r.counted)?,
                figures: n(r.count)?,
                at: r.at,
                actor: r.actor,
            })
        })
        .collect()
}

/// See [`Observations::import_events`].
pub(super) async fn import<B: Backend>(
    store: &SqlStore<B>,
    import: &EventImport,
    actor: &str,
) -> Result<EventImportOutcome> {
    let def = &import.definition;
    let mut w = store.write(actor).await?;
    // The definition must be one a stored indicator holds, as the importer read it: a
    // definition changed since would have counted other figures.
    let refs = References::read(&mut w.tx).await?;
    let held = refs
        .indicators
        .values()
        .flat_map(|m| m.values())
        .find_map(|i| i.imports.iter().find(|d| d.id == def.id).map(|d| (i, d)));
    let Some((indicator, stored)) = held else {
        return Err(StoreError::NotFound(format!("import definition {}", def.id)));
    };
    let digest = def.digest();
    if stored.digest() != digest {
        return invalid("definition", "store-definition-changed");
    }
    if let Some(o) =
        import.figures.iter().map(|(o, _)| o).find(|o| o.factor != indicator.factor || o.indicator != indicator.id)
    {
        return Err(StoreError::Invalid(vec![Problem::new(
            "figures",
            Message::new("store-unknown-indicator").arg("indicator", format!("{}.{}", o.factor, o.indicator)),
        )]));
    }
    let earlier = read_event_imports(&mut w.tx, Some(def.id.as_str())).await?;
    let digests: Vec<BatchDigest> =
        w.tx.fetch_as(
            "SELECT batch, definition_digest FROM event_imports WHERE definition = $1",
            vec![def.id.as_str().into()],
        )
        .await?;
    let same_definition =
        |batch: i64| digests.iter().any(|r| r.batch == batch && r.definition_digest == digest.as_str());
    // The same file by the same definition: nothing to do, and nothing in the log.
    if let Some(done) = earlier.iter().rev().find(|i| i.file_digest == import.file_digest && same_definition(i.batch)) {
        return Ok(EventImportOutcome::Unchanged { import: done.clone() });
    }
    // An older release after a newer one is refused unless asked for (the domain's rule).
    if !import.older {
        if let Some(newer) =
            tahawul_domain::event_import::newer_release(&import.release, earlier.iter().map(|i| i.release.as_str()))
        {
            return Err(StoreError::Invalid(vec![Problem {
                at: "release".into(),
                message: Message::new("store-release-older")
                    .arg("release", import.release.as_str())
                    .arg("newer", newer)
                    .arg("definition", def.id.as_str()),
                help: Some(Message::new("store-release-older-help").arg("newer", newer)),
            }]));
        }
    }
    // One release is one file: another file under a release already imported would make
    // the history name two different sources alike.
    if earlier.iter().any(|i| i.release == import.release && i.file_digest != import.file_digest) {
        return Err(StoreError::Invalid(vec![Problem::new(
            "release",
            Message::new("store-release-other-file")
                .arg("release", import.release.as_str())
                .arg("definition", def.id.as_str()),
        )]));
    }
    if import.release.trim().is_empty() || import.release.len() > 64 || import.release.contains(char::is_control) {
        return invalid("release", "store-bad-release");
    }
    let row = json!({
        "definition": def.id.as_str(),
        "definition_digest": digest,
        "dataset": def.dataset.as_str(),
        "release": import.release,
        "file_digest": import.file_digest,
        "rows": import.rows as i64,
        "counted": import.counted as i64,
    });
    let rows: Vec<(&Observation, Option<u64>)> = import.figures.iter().map(|(o, n)| (o, Some(*n))).collect();
    let Some((batch, _)) = write_batch(&mut w, &rows, Some(row)).await? else {
        return invalid("figures", "store-no-figures");
    };
    w.tx.exec(
        &format!(
            "INSERT INTO event_imports (batch, {}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            crate::audit_log::EVENT_IMPORT_FIELDS
        ),
        vec![
            Arg::I64(Some(batch)),
            def.id.as_str().into(),
            digest.as_str().into(),
            def.dataset.as_str().into(),
            import.release.as_str().into(),
            import.file_digest.as_str().into(),
            Arg::I64(Some(import.rows as i64)),
            Arg::I64(Some(import.counted as i64)),
        ],
    )
    .await?;
    let stored = read_event_imports(&mut w.tx, Some(def.id.as_str()))
        .await?
        .into_iter()
        .find(|i| i.batch == batch)
        .ok_or_else(|| corrupt("the import just written"))?;
    w.finish().await?;
    Ok(EventImportOutcome::Written { import: stored, revised: earlier.last().map(|i| i.release.clone()) })
}
