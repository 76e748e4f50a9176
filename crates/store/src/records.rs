//! Domain records as JSON rows: which kinds there are, how a `Case` splits into records
//! and comes back together, and the check that a body is a valid value of its kind.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tahawul_domain::*;
use tahawul_domain::{consultation, record, rules};

use crate::error::{Result, StoreError, violations};

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

    /// The domain's kind of case record (`None` for the case itself and the kinds kept beside
    /// the case, which the bundle does not hold).
    pub fn part(self) -> Option<rules::Kind> {
        Some(match self {
            RecordKind::Party => rules::Kind::Party,
            RecordKind::Person => rules::Kind::Person,
            RecordKind::Area => rules::Kind::Area,
            RecordKind::Factor => rules::Kind::Factor,
            RecordKind::Scale => rules::Kind::Scale,
            RecordKind::Publisher => rules::Kind::Publisher,
            RecordKind::Method => rules::Kind::Method,
            RecordKind::Indicator => rules::Kind::Indicator,
            RecordKind::Assessment => rules::Kind::Assessment,
            RecordKind::Phase => rules::Kind::Phase,
            RecordKind::Round => rules::Kind::Round,
            RecordKind::Commitment => rules::Kind::Commitment,
            RecordKind::Document => rules::Kind::Document,
            RecordKind::Scenario => rules::Kind::Scenario,
            RecordKind::Case
            | RecordKind::StatementVersion
            | RecordKind::Consultation
            | RecordKind::ConsultationVersion
            | RecordKind::ConsultationResponse
            | RecordKind::FollowUp
            | RecordKind::DecisionLink => return None,
        })
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

/// Puts one record's body into a case [`assemble`] made, where assembling again would put it
/// (see [`rules::apply`]); `None` removes it. The case's own record is not handled here (its
/// fields are the case's): reassemble for it.
pub(crate) fn apply(case: &mut Case, kind: RecordKind, id: &str, body: Option<&Value>) -> Result<()> {
    match (kind, kind.part()) {
        (RecordKind::Case, _) => {
            Err(StoreError::Corrupt("the case record is applied by assembling the case again".into()))
        }
        (_, Some(part)) => rules::apply(case, part, id, body)
            .map_err(|e| StoreError::Corrupt(format!("stored record {id} does not read back: {e}"))),
        // Kept beside the case, not in it.
        (_, None) => Ok(()),
    }
}

/// Reads `body` as the domain type of `kind` (texts bounded and clean, no unknown field:
/// [`rules::read`]) and returns the id it carries. Every problem is reported with the path at
/// fault (`body.name.en`). Whether it fits the case is [`rules::admit`]'s question.
pub(crate) fn validate(kind: RecordKind, body: &Value) -> Result<String> {
    fn parse<T: serde::de::DeserializeOwned>(body: &Value) -> Result<T> {
        rules::read::<T>(body).map_err(violations)
    }
    if let Some(part) = kind.part() {
        if kind == RecordKind::Scale && parse::<Scale>(body)?.versions.is_empty() {
            return crate::error::invalid("body.versions", "store-scale-no-version");
        }
        return rules::read_as(part, body).map_err(violations);
    }
    Ok(match kind {
        RecordKind::StatementVersion => {
            let v = rules::read_statement::<record::StatementVersion>(body).map_err(violations)?;
            if v.id.as_str() != record::statement_version_id(v.round.as_str(), v.number) {
                return crate::error::invalid("body.id", "store-statement-version-id");
            }
            v.id.to_string()
        }
        RecordKind::Consultation => parse::<consultation::Consultation>(body)?.id.to_string(),
        RecordKind::ConsultationVersion => {
            let v = parse::<consultation::ConsultationVersion>(body)?;
            if v.id.as_str() != consultation::version_id(v.consultation.as_str(), v.number) {
                return crate::error::invalid("body.id", "store-consultation-version-id");
            }
            v.id.to_string()
        }
        RecordKind::ConsultationResponse => {
            let r = parse::<consultation::ConsultationResponse>(body)?;
            if let Err(p) = consultation::check_reason(r.position, &r.reason) {
                return crate::error::invalid(
                    "body.reason",
                    match p {
                        consultation::ResponseProblem::ReasonRequired => "store-reason-required",
                        consultation::ResponseProblem::ReasonTooLong => "store-reason-too-long",
                    },
                );
            }
            r.id.to_string()
        }
        RecordKind::FollowUp => parse::<record::FollowUp>(body)?.id.to_string(),
        RecordKind::DecisionLink => parse::<record::DecisionLink>(body)?.id.to_string(),
        // The case's own record, and (unreachable here) the case's parts, read above.
        _ => parse::<CaseMeta>(body)?.id.to_string(),
    })
}

/// The rules on changing what the record keeps: a statement version and a partner's answer
/// are never changed, a released consultation version is frozen (a later edit makes a new
/// version), and a commitment's follow-up only grows (earlier changes stay as they were).
pub(crate) fn check_update(kind: RecordKind, current: &Value, new: &Value) -> Result<()> {
    match kind {
        RecordKind::StatementVersion => crate::error::invalid("body", "store-statement-version-kept"),
        RecordKind::ConsultationResponse => crate::error::invalid("body", "store-response-kept"),
        RecordKind::ConsultationVersion if current.get("released").is_some_and(|r| !r.is_null()) => {
            crate::error::invalid("body", "store-released-version-frozen")
        }
        RecordKind::FollowUp => {
            let old = current.get("changes").and_then(Value::as_array);
            let now = new.get("changes").and_then(Value::as_array);
            match (old, now) {
                (Some(o), Some(n)) if n.len() >= o.len() && n[..o.len()] == o[..] => Ok(()),
                _ => crate::error::invalid("body.changes", "store-follow-up-grows"),
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
            crate::error::invalid("kind", "store-record-kept")
        }
        RecordKind::ConsultationVersion if released => crate::error::invalid("kind", "store-released-version-kept"),
        _ => Ok(()),
    }
}

/// The records of a case (observations aside), each with its id and body, in case order.
pub(crate) fn case_records(case: &Case) -> Result<Vec<(RecordKind, String, Value)>> {
    let whole =
        serde_json::to_value(case).map_err(|e| StoreError::Corrupt(format!("a case that does not serialize: {e}")))?;
    let Value::Object(mut map) = whole else {
        return Err(StoreError::Corrupt("a case serializes to an object".into()));
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
    case.observations = observations.into();
    Ok(case)
}
