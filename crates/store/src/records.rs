//! Domain records as JSON rows: which kinds there are, how a `Case` splits into records
//! and comes back together, and the check that a body is a valid value of its kind.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tahawul_domain::*;
use tahawul_domain::{consultation, record};

use crate::error::{Problem, Result, StoreError};

/// The kinds of record kept in the generic `records` table (observations have their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    /// The case's id, name and description.
    Case,
    /// `Party`
    Party,
    /// `Person`
    Person,
    /// `Area`
    Area,
    /// `Factor`
    Factor,
    /// `Scale`
    Scale,
    /// `Publisher`
    Publisher,
    /// `Method`
    Method,
    /// `Indicator` (id `factor.indicator`)
    Indicator,
    /// `Assessment`
    Assessment,
    /// `Phase`
    Phase,
    /// `Round`
    Round,
    /// `Commitment`
    Commitment,
    /// `Document`
    Document,
    /// `Scenario`
    Scenario,
    /// `record::StatementVersion`: one kept version of a round's joint statement (never
    /// changed once written).
    StatementVersion,
    /// `consultation::Consultation`
    Consultation,
    /// `consultation::ConsultationVersion`: frozen once released.
    ConsultationVersion,
    /// `consultation::ConsultationResponse`: a partner's comment, concurrence or dissent
    /// (never changed once written).
    ConsultationResponse,
    /// `record::FollowUp`: a commitment's status history (changes are only appended).
    FollowUp,
    /// `record::DecisionLink`
    DecisionLink,
}

impl RecordKind {
    /// Every kind: the case's own, in the order a case is written, then the record kept
    /// beside the case (issue 6), which is not part of a case bundle.
    pub const ALL: [RecordKind; 21] = [
        RecordKind::Case,
        RecordKind::Document,
        RecordKind::Party,
        RecordKind::Person,
        RecordKind::Area,
        RecordKind::Scale,
        RecordKind::Factor,
        RecordKind::Publisher,
        RecordKind::Method,
        RecordKind::Indicator,
        RecordKind::Assessment,
        RecordKind::Round,
        RecordKind::Commitment,
        RecordKind::Phase,
        RecordKind::Scenario,
        RecordKind::StatementVersion,
        RecordKind::Consultation,
        RecordKind::ConsultationVersion,
        RecordKind::ConsultationResponse,
        RecordKind::FollowUp,
        RecordKind::DecisionLink,
    ];

    /// The name stored in the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Case => "case",
            RecordKind::Party => "party",
            RecordKind::Person => "person",
            RecordKind::Area => "area",
            RecordKind::Factor => "factor",
            RecordKind::Scale => "scale",
            RecordKind::Publisher => "publisher",
            RecordKind::Method => "method",
            RecordKind::Indicator => "indicator",
            RecordKind::Assessment => "assessment",
            RecordKind::Phase => "phase",
            RecordKind::Round => "round",
            RecordKind::Commitment => "commitment",
            RecordKind::Document => "document",
            RecordKind::Scenario => "scenario",
            RecordKind::StatementVersion => "statement-version",
            RecordKind::Consultation => "consultation",
            RecordKind::ConsultationVersion => "consultation-version",
            RecordKind::ConsultationResponse => "consultation-response",
            RecordKind::FollowUp => "follow-up",
            RecordKind::DecisionLink => "decision-link",
        }
    }

    /// The kind of a stored name.
    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether records of this kind are part of a case bundle (import, export, `load_case`).
    pub fn in_case(self) -> bool {
        !matches!(
            self,
            RecordKind::StatementVersion
                | RecordKind::Consultation
                | RecordKind::ConsultationVersion
                | RecordKind::ConsultationResponse
                | RecordKind::FollowUp
                | RecordKind::DecisionLink
        )
    }

    /// The field of `Case` that holds this kind (`None` for the case itself and for the
    /// kinds kept beside the case).
    fn case_field(self) -> Option<&'static str> {
        Some(match self {
            RecordKind::Case
            | RecordKind::StatementVersion
            | RecordKind::Consultation
            | RecordKind::ConsultationVersion
            | RecordKind::ConsultationResponse
            | RecordKind::FollowUp
            | RecordKind::DecisionLink => return None,
            RecordKind::Party => "parties",
            RecordKind::Person => "people",
            RecordKind::Area => "areas",
            RecordKind::Factor => "factors",
            RecordKind::Scale => "scales",
            RecordKind::Publisher => "publishers",
            RecordKind::Method => "methods",
            RecordKind::Indicator => "indicators",
            RecordKind::Assessment => "assessments",
            RecordKind::Phase => "phases",
            RecordKind::Round => "rounds",
            RecordKind::Commitment => "commitments",
            RecordKind::Document => "documents",
            RecordKind::Scenario => "scenarios",
        })
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The case's own fields, kept as the record of kind `case`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseMeta {
    id: Id,
    name: Text,
    description: Text,
}

/// Puts one record's body into a case [`assemble`] made, where assembling again would put it:
/// in place when the record was there, last of its kind when new; `None` removes it. The
/// case's own record is not handled here (its fields are the case's): reassemble for it.
pub(crate) fn apply(case: &mut Case, kind: RecordKind, id: &str, body: Option<&Value>) -> Result<()> {
    fn put<T: serde::de::DeserializeOwned>(
        items: &mut Vec<T>,
        id: &str,
        is: impl Fn(&T) -> bool,
        body: Option<&Value>,
    ) -> Result<()> {
        let at = items.iter().position(is);
        let parsed = body
            .map(|b| {
                T::deserialize(b)
                    .map_err(|e| StoreError::Corrupt(format!("stored record {id} does not read back: {e}")))
            })
            .transpose()?;
        match (parsed, at) {
            (Some(v), Some(i)) => items[i] = v,
            (Some(v), None) => items.push(v),
            (None, Some(i)) => drop(items.remove(i)),
            (None, None) => {}
        }
        Ok(())
    }
    match kind {
        RecordKind::Case => Err(StoreError::Corrupt("the case record is applied by assembling the case again".into())),
        RecordKind::Party => put(&mut case.parties, id, |x: &Party| x.id.as_str() == id, body),
        RecordKind::Person => put(&mut case.people, id, |x: &Person| x.id.as_str() == id, body),
        RecordKind::Area => put(&mut case.areas, id, |x: &Area| x.id.as_str() == id, body),
        RecordKind::Factor => put(&mut case.factors, id, |x: &Factor| x.id.as_str() == id, body),
        RecordKind::Scale => put(&mut case.scales, id, |x: &Scale| x.id.as_str() == id, body),
        RecordKind::Publisher => put(&mut case.publishers, id, |x: &Publisher| x.id.as_str() == id, body),
        RecordKind::Method => put(&mut case.methods, id, |x: &Method| x.id.as_str() == id, body),
        RecordKind::Indicator => put(
            &mut case.indicators,
            id,
            |x: &Indicator| id.split_once('.') == Some((x.factor.as_str(), x.id.as_str())),
            body,
        ),
        RecordKind::Assessment => put(&mut case.assessments, id, |x: &Assessment| x.id.as_str() == id, body),
        RecordKind::Phase => put(&mut case.phases, id, |x: &Phase| x.id.as_str() == id, body),
        RecordKind::Round => put(&mut case.rounds, id, |x: &Round| x.id.as_str() == id, body),
        RecordKind::Commitment => put(&mut case.commitments, id, |x: &Commitment| x.id.as_str() == id, body),
        RecordKind::Document => put(&mut case.documents, id, |x: &Document| x.id.as_str() == id, body),
        RecordKind::Scenario => put(&mut case.scenarios, id, |x: &Scenario| x.id.as_str() == id, body),
        // Kept beside the case, not in it.
        RecordKind::StatementVersion
        | RecordKind::Consultation
        | RecordKind::ConsultationVersion
        | RecordKind::ConsultationResponse
        | RecordKind::FollowUp
        | RecordKind::DecisionLink => Ok(()),
    }
}

/// Parses `body` as the domain type of `kind` and returns the id it carries.
/// Every problem is reported with the JSON path at fault (`body.name.en`).
pub(crate) fn validate(kind: RecordKind, body: &Value) -> Result<String> {
    fn parse<T: serde::de::DeserializeOwned>(body: &Value) -> Result<T> {
        T::deserialize(body).map_err(|e| StoreError::Invalid(vec![Problem::new("body", e.to_string())]))
    }
    Ok(match kind {
        RecordKind::Case => parse::<CaseMeta>(body)?.id.to_string(),
        RecordKind::Party => parse::<Party>(body)?.id.to_string(),
        RecordKind::Person => parse::<Person>(body)?.id.to_string(),
        RecordKind::Area => parse::<Area>(body)?.id.to_string(),
        RecordKind::Factor => parse::<Factor>(body)?.id.to_string(),
        RecordKind::Scale => {
            let s = parse::<Scale>(body)?;
            if s.versions.is_empty() {
                return crate::error::invalid("body.versions", "a scale needs at least one version");
            }
            s.id.to_string()
        }
        RecordKind::Publisher => parse::<Publisher>(body)?.id.to_string(),
        RecordKind::Method => parse::<Method>(body)?.id.to_string(),
        RecordKind::Indicator => parse::<Indicator>(body)?.qualified_name(),
        RecordKind::Assessment => parse::<Assessment>(body)?.id.to_string(),
        RecordKind::Phase => parse::<Phase>(body)?.id.to_string(),
        RecordKind::Round => parse::<Round>(body)?.id.to_string(),
        RecordKind::Commitment => parse::<Commitment>(body)?.id.to_string(),
        RecordKind::Document => parse::<Document>(body)?.id.to_string(),
        RecordKind::Scenario => parse::<Scenario>(body)?.id.to_string(),
        RecordKind::StatementVersion => {
            let v = parse::<record::StatementVersion>(body)?;
            if v.id.as_str() != record::statement_version_id(v.round.as_str(), v.number) {
                return crate::error::invalid("body.id", "a statement version's id is ROUND-vN (its round and number)");
            }
            v.id.to_string()
        }
        RecordKind::Consultation => parse::<consultation::Consultation>(body)?.id.to_string(),
        RecordKind::ConsultationVersion => {
            let v = parse::<consultation::ConsultationVersion>(body)?;
            if v.id.as_str() != consultation::version_id(v.consultation.as_str(), v.number) {
                return crate::error::invalid(
                    "body.id",
                    "a consultation version's id is CONSULTATION-vN (its consultation and number)",
                );
            }
            v.id.to_string()
        }
        RecordKind::ConsultationResponse => {
            let r = parse::<consultation::ConsultationResponse>(body)?;
            if let Err(p) = consultation::check_reason(r.position, &r.reason) {
                return crate::error::invalid(
                    "body.reason",
                    match p {
                        consultation::ResponseProblem::ReasonRequired => "a dissent or a comment needs its reasons",
                        consultation::ResponseProblem::ReasonTooLong => "the reason is too long",
                    },
                );
            }
            r.id.to_string()
        }
        RecordKind::FollowUp => parse::<record::FollowUp>(body)?.id.to_string(),
        RecordKind::DecisionLink => parse::<record::DecisionLink>(body)?.id.to_string(),
    })
}

/// The rules on changing what the record keeps: a statement version and a partner's answer
/// are never changed, a released consultation version is frozen (a later edit makes a new
/// version), and a commitment's follow-up only grows (earlier changes stay as they were).
pub(crate) fn check_update(kind: RecordKind, current: &Value, new: &Value) -> Result<()> {
    match kind {
        RecordKind::StatementVersion => {
            crate::error::invalid("body", "a statement version is kept as written: write a new version instead")
        }
        RecordKind::ConsultationResponse => crate::error::invalid("body", "a partner's answer is kept as written"),
        RecordKind::ConsultationVersion if current.get("released").is_some_and(|r| !r.is_null()) => {
            crate::error::invalid("body", "a released version is frozen: a later edit makes a new version")
        }
        RecordKind::FollowUp => {
            let old = current.get("changes").and_then(Value::as_array);
            let now = new.get("changes").and_then(Value::as_array);
            match (old, now) {
                (Some(o), Some(n)) if n.len() >= o.len() && n[..o.len()] == o[..] => Ok(()),
                _ => crate::error::invalid(
                    "body.changes",
                    "a commitment's status history only grows: earlier changes stay as recorded",
                ),
            }
        }
        _ => Ok(()),
    }
}

/// Deleting: a released consultation version, a partner's answer and a follow-up are part of
/// the record and stay.
pub(crate) fn check_delete(kind: RecordKind, current: &Value) -> Result<()> {
    let released = current.get("released").is_some_and(|r| !r.is_null());
    match kind {
        RecordKind::ConsultationResponse | RecordKind::FollowUp | RecordKind::StatementVersion => {
            crate::error::invalid("kind", "this part of the record is kept: it cannot be deleted")
        }
        RecordKind::ConsultationVersion if released => {
            crate::error::invalid("kind", "a released version is kept: it cannot be deleted")
        }
        _ => Ok(()),
    }
}

/// The records of a case (observations aside), each with its id and body, in case order.
pub(crate) fn case_records(case: &Case) -> Result<Vec<(RecordKind, String, Value)>> {
    let whole =
        serde_json::to_value(case).map_err(|e| StoreError::Invalid(vec![Problem::new("case", e.to_string())]))?;
    let Value::Object(mut map) = whole else {
        return crate::error::invalid("case", "a case serializes to an object");
    };
    let mut out = Vec::new();
    let meta = CaseMeta { id: case.id.clone(), name: case.name.clone(), description: case.description.clone() };
    out.push((RecordKind::Case, case.id.to_string(), serde_json::to_value(meta).unwrap_or(Value::Null)));
    for kind in RecordKind::ALL {
        let Some(field) = kind.case_field() else {
            continue;
        };
        let Some(Value::Array(items)) = map.remove(field) else {
            continue;
        };
        for body in items {
            let id = validate(kind, &body)?;
            out.push((kind, id, body));
        }
    }
    Ok(out)
}

/// Assembles a case from its records (in order) and its observations.
pub(crate) fn assemble(records: Vec<(RecordKind, Value)>, observations: Vec<Observation>) -> Result<Case> {
    let mut map = Map::new();
    for kind in RecordKind::ALL {
        if let Some(field) = kind.case_field() {
            map.insert(field.to_string(), Value::Array(vec![]));
        }
    }
    let mut meta = None;
    for (kind, body) in records {
        if !kind.in_case() {
            continue;
        }
        match kind.case_field() {
            None => meta = Some(body),
            Some(field) => {
                if let Some(Value::Array(v)) = map.get_mut(field) {
                    v.push(body);
                }
            }
        }
    }
    let Some(Value::Object(meta)) = meta else {
        return Err(StoreError::NotFound("the case record: import a case first".into()));
    };
    map.extend(meta);
    map.insert("observations".into(), Value::Array(vec![]));
    let mut case: Case = serde_json::from_value(Value::Object(map))
        .map_err(|e| StoreError::Corrupt(format!("stored case does not read back: {e}")))?;
    case.observations = observations;
    Ok(case)
}
