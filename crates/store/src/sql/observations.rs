//! The figures: checked against the records they name, written a batch at a time with one
//! audit entry carrying the batch's digest, read back by column name.

use std::collections::{HashMap, HashSet};

use tahawul_domain::{
    Confidence, Dataset, FigureSource, Id, Indicator, IndicatorKind, Observation, Period, Scale, rules,
};

use super::event_imports::read_event_imports;
use super::*;
use crate::backend::ObservationRow;
use crate::{
    EventImport, EventImportOutcome, EventImportRecord, ObservationFilter, Observations, StoredObservation,
    WriteSummary,
};

/// A record's kind and body.
#[derive(sqlx::FromRow)]
struct KindBody {
    kind: String,
    body: String,
}

/// A record's kind and id.
#[derive(sqlx::FromRow)]
struct KindId {
    kind: String,
    id: String,
}

/// What observations must refer to, read from the stored records.
pub(super) struct References {
    pub(super) indicators: HashMap<String, HashMap<String, Indicator>>,
    scales: HashMap<String, Scale>,
    areas: HashSet<String>,
    publishers: HashSet<String>,
    methods: HashSet<String>,
    documents: HashSet<String>,
}

impl References {
    pub(super) async fn read<T: Tx>(tx: &mut T) -> Result<References> {
        let mut r = References {
            indicators: HashMap::new(),
            scales: HashMap::new(),
            areas: HashSet::new(),
            publishers: HashSet::new(),
            methods: HashSet::new(),
            documents: HashSet::new(),
        };
        // Only what an observation names: bodies of indicators and scales, ids of the rest
        // (every observation write runs this, and assessments and rounds are most of a case).
        let bodies: Vec<KindBody> =
            tx.fetch_as("SELECT kind, body FROM records WHERE kind IN ('indicator', 'scale')", vec![]).await?;
        for row in bodies {
            let body = row.body;
            if row.kind == RecordKind::Indicator.as_str() {
                let i: Indicator = serde_json::from_str(&body).map_err(corrupt)?;
                r.indicators.entry(i.factor.to_string()).or_default().insert(i.id.to_string(), i);
            } else {
                let s: Scale = serde_json::from_str(&body).map_err(corrupt)?;
                r.scales.insert(s.id.to_string(), s);
            }
        }
        let ids: Vec<KindId> = tx
            .fetch_as("SELECT kind, id FROM records WHERE kind IN ('area', 'publisher', 'method', 'document')", vec![])
            .await?;
        for row in ids {
            let (kind, id) = (row.kind, row.id);
            match RecordKind::parse(&kind) {
                Some(RecordKind::Area) => drop(r.areas.insert(id)),
                Some(RecordKind::Publisher) => drop(r.publishers.insert(id)),
                Some(RecordKind::Method) => drop(r.methods.insert(id)),
                _ => drop(r.documents.insert(id)),
            }
        }
        Ok(r)
    }

    /// Why an observation cannot be stored, if it cannot.
    fn check(&self, o: &Observation) -> Vec<Message> {
        let mut why = Vec::new();
        match self.indicators.get(o.factor.as_str()).and_then(|m| m.get(o.indicator.as_str())) {
            None => why.push(
                Message::new("store-unknown-indicator").arg("indicator", format!("{}.{}", o.factor, o.indicator)),
            ),
            Some(ind) => {
                if !o.value.is_finite() {
                    why.push(Message::new("store-value-not-finite"));
                } else {
                    match ind.kind {
                        IndicatorKind::Count if o.value < 0.0 => {
                            why.push(Message::new("store-count-negative").arg("value", o.value))
                        }
                        IndicatorKind::Share if !(0.0..=1.0).contains(&o.value) => {
                            why.push(Message::new("store-share-range").arg("value", o.value))
                        }
                        IndicatorKind::Level => {
                            let levels = ind
                                .scale
                                .as_ref()
                                .and_then(|s| self.scales.get(s.as_str()))
                                .and_then(|s| s.versions.last())
                                .map_or(0, |v| v.levels.len());
                            if o.value.fract() != 0.0 || o.value < 1.0 || o.value > levels as f64 {
                                why.push(Message::new("store-level-range").arg("max", levels).arg("value", o.value));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        let mut need = |set: &HashSet<String>, id: &Id, what: rules::Kind| {
            if !set.contains(id.as_str()) {
                why.push(Message::new("store-unknown-reference").arg("kind", what.message()).arg("id", id.as_str()));
            }
        };
        need(&self.areas, &o.area, rules::Kind::Area);
        need(&self.publishers, &o.publisher, rules::Kind::Publisher);
        need(&self.methods, &o.method, rules::Kind::Method);
        if let Some(d) = &o.document {
            need(&self.documents, d, rules::Kind::Document);
        }
        why
    }
}

fn confidence_str(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Medium => "medium",
        Confidence::High => "high",
    }
}

fn row_of(o: &Observation) -> ObservationRow {
    ObservationRow {
        factor: o.factor.to_string(),
        indicator: o.indicator.to_string(),
        area: o.area.to_string(),
        period: o.period.to_string(),
        period_start: i64::from(o.period.first_month().0),
        value: o.value,
        publisher: o.publisher.to_string(),
        method: o.method.to_string(),
        as_of: o.as_of.to_string(),
        confidence: confidence_str(o.confidence).to_string(),
        illustrative: o.illustrative,
        document: o.document.as_ref().map(|d| d.to_string()),
        events: None,
    }
}

pub(crate) const OBSERVATION_SELECT: &str = "SELECT id, batch, factor, indicator, area, period, value, publisher, method, as_of, confidence, illustrative, document, events FROM observations";

/// A row of `observations` as read ([`OBSERVATION_SELECT`]).
#[derive(sqlx::FromRow)]
pub(crate) struct StoredObservationRow {
    pub(crate) id: i64,
    pub(crate) batch: i64,
    factor: String,
    indicator: String,
    area: String,
    period: String,
    value: f64,
    publisher: String,
    method: String,
    as_of: String,
    confidence: String,
    illustrative: bool,
    document: Option<String>,
    events: Option<i64>,
}

impl StoredObservationRow {
    /// The observation, or `Corrupt` when a stored value does not read as its domain type.
    pub(crate) fn into_stored(self) -> Result<StoredObservation> {
        let id =
            |s: String| -> Result<Id> { Id::parse(&s).ok_or_else(|| corrupt(format!("stored id {s:?} is malformed"))) };
        let period: Period = self.period.parse().map_err(|_| corrupt("stored period is malformed"))?;
        let confidence = match self.confidence.as_str() {
            "low" => Confidence::Low,
            "medium" => Confidence::Medium,
            "high" => Confidence::High,
            other => return Err(corrupt(format!("stored confidence {other:?}"))),
        };
        let events = self.events.map(|n| u64::try_from(n).map_err(|_| corrupt("stored event count"))).transpose()?;
        Ok(StoredObservation {
            id: self.id,
            batch: self.batch,
            events,
            source: None,
            observation: Observation {
                factor: id(self.factor)?,
                indicator: id(self.indicator)?,
                area: id(self.area)?,
                period,
                value: self.value,
                publisher: id(self.publisher)?,
                method: id(self.method)?,
                as_of: self.as_of.parse().map_err(corrupt)?,
                confidence,
                illustrative: self.illustrative,
                document: self
                    .document
                    .map(|d| Id::parse(&d).ok_or_else(|| corrupt("stored document id")))
                    .transpose()?,
            },
        })
    }
}

/// The observations after row `after`, in import order.
pub(super) async fn observations_after<T: Tx>(tx: &mut T, after: i64) -> Result<Vec<StoredObservation>> {
    let rows: Vec<StoredObservationRow> =
        tx.fetch_as(&format!("{OBSERVATION_SELECT} WHERE id > $1 ORDER BY id"), vec![Arg::I64(Some(after))]).await?;
    rows.into_iter().map(StoredObservationRow::into_stored).collect()
}

/// Checks every observation, then writes them as one batch with one audit entry whose
/// `after` carries the count, the row ids and a blake3 digest of the rows.
pub(super) async fn write_observations<T: Tx>(w: &mut Writer<T>, observations: &[Observation]) -> Result<u64> {
    let rows: Vec<(&Observation, Option<u64>)> = observations.iter().map(|o| (o, None)).collect();
    Ok(write_batch(w, &rows, None).await?.map_or(0, |(_, n)| n))
}

/// [`write_observations`] for rows that may carry an event count; `import` (the
/// `event_imports` row as JSON, issue 15) goes into the audit entry. The batch id and count
/// written, `None` when there was nothing to write.
pub(super) async fn write_batch<T: Tx>(
    w: &mut Writer<T>,
    rows: &[(&Observation, Option<u64>)],
    import: Option<Value>,
) -> Result<Option<(i64, u64)>> {
    if rows.is_empty() {
        return Ok(None);
    }
    let refs = References::read(&mut w.tx).await?;
    let mut problems = Vec::new();
    for (i, (o, _)) in rows.iter().enumerate() {
        for why in refs.check(o) {
            problems.push(Problem::new(format!("row {}", i + 1), why));
        }
    }
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let digest = crate::audit_log::batch_digest(rows.iter().copied())?;
    let count = rows.len() as i64;
    let audit_seq = w.head.seq + 1;
    let found: Vec<i64> =
        w.tx.fetch_scalar(
            "INSERT INTO observation_batches (at, actor, count, audit_seq) VALUES ($1, $2, $3, $4) RETURNING id",
            vec![
                w.at.as_str().into(),
                w.actor.as_str().into(),
                Arg::I64(Some(count)),
                Arg::I64(Some(audit_seq as i64)),
            ],
        )
        .await?;
    let batch = *found.first().ok_or_else(|| corrupt("no batch id"))?;
    let data: Vec<ObservationRow> =
        rows.iter().map(|(o, events)| ObservationRow { events: events.map(|n| n as i64), ..row_of(o) }).collect();
    w.tx.insert_observations(batch, &data).await?;
    let mut after = json!({"batch": batch, "count": count, "digest": digest});
    if let Some(import) = import {
        after["import"] = import;
    }
    w.audit("insert", "observations", &format!("batch-{batch}"), None, Some(after)).await?;
    Ok(Some((batch, count as u64)))
}

/// Each stored figure's source, from its batch's import (figures not imported have none).
async fn attach_sources<T: Tx>(tx: &mut T, rows: &mut [StoredObservation]) -> Result<()> {
    if rows.iter().all(|o| o.events.is_none()) {
        return Ok(());
    }
    let imports: HashMap<i64, EventImportRecord> =
        read_event_imports(tx, None).await?.into_iter().map(|i| (i.batch, i)).collect();
    for o in rows.iter_mut() {
        if let (Some(events), Some(i)) = (o.events, imports.get(&o.batch)) {
            o.source = Some(FigureSource {
                definition: Id::parse(&i.definition).ok_or_else(|| corrupt("stored definition id"))?,
                dataset: Dataset::parse(&i.dataset).ok_or_else(|| corrupt("stored dataset"))?,
                release: i.release.clone(),
                file_digest: i.file_digest.clone(),
                events,
            });
        }
    }
    Ok(())
}

impl<B: Backend> SqlStore<B> {
    /// Every observation, in import order.
    pub(super) async fn all_observations(tx: &mut B::Tx) -> Result<Vec<Observation>> {
        let rows: Vec<StoredObservationRow> = tx.fetch_as(&format!("{OBSERVATION_SELECT} ORDER BY id"), vec![]).await?;
        rows.into_iter().map(|r| r.into_stored().map(|o| o.observation)).collect()
    }
}

impl<B: Backend> Observations for SqlStore<B> {
    async fn insert_observations(&self, observations: &[Observation], actor: &str) -> Result<WriteSummary> {
        let mut w = self.write(actor).await?;
        let n = write_observations(&mut w, observations).await?;
        let audit_entries = w.finish().await?;
        Ok(WriteSummary { records: 0, observations: n, audit_entries })
    }

    async fn import_observations_csv(&self, file_name: &str, text: &str, actor: &str) -> Result<WriteSummary> {
        let case = {
            let mut tx = self.read().await?;
            Self::case_skeleton(&mut tx).await?
        };
        let observations =
            tahawul_domain::bundle::read_observations_csv(file_name, text, &case).map_err(StoreError::Rejected)?;
        self.insert_observations(&observations, actor).await
    }

    async fn import_events(&self, import: &EventImport, actor: &str) -> Result<EventImportOutcome> {
        event_imports::import(self, import, actor).await
    }

    async fn event_imports(&self, definition: Option<&str>) -> Result<Vec<EventImportRecord>> {
        let mut tx = self.read().await?;
        read_event_imports(&mut tx, definition).await
    }

    async fn list_observations(&self, f: &ObservationFilter) -> Result<Vec<StoredObservation>> {
        let mut tx = self.read().await?;
        // A number, not text, so it can be written into the statement.
        let limit = f.limit.map(|n| format!(" LIMIT {}", n.min(i64::MAX as u64))).unwrap_or_default();
        let sql = format!(
            "{OBSERVATION_SELECT} WHERE ($1 IS NULL OR factor = $1) AND ($2 IS NULL OR indicator = $2) AND ($3 IS NULL OR area = $3) ORDER BY id{limit}"
        );
        let rows: Vec<StoredObservationRow> =
            tx.fetch_as(&sql, vec![f.factor.clone().into(), f.indicator.clone().into(), f.area.clone().into()]).await?;
        let mut out = rows.into_iter().map(StoredObservationRow::into_stored).collect::<Result<Vec<_>>>()?;
        attach_sources(&mut tx, &mut out).await?;
        Ok(out)
    }

    async fn count_observations(&self) -> Result<i64> {
        let mut tx = self.read().await?;
        let rows: Vec<i64> = tx.fetch_scalar("SELECT COUNT(*) FROM observations", vec![]).await?;
        rows.first().copied().ok_or_else(|| corrupt("no count"))
    }
}
