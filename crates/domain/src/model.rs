//! The validated case: every type here is built by the bundle loader (or the store) after
//! its checks, so code that holds a [`Case`] can rely on its references resolving.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
pub use tahawul_i18n::Text;
pub use tahawul_ledger::signature::{PublicKey, Signature};

use crate::gate::Gate;
use crate::period::{Frequency, Month, Period};

/// An identifier: lowercase ASCII letters, digits, `-` and `_`, starting with a letter or digit.
///
/// Shared text (`Arc<str>`): a case holds tens of thousands of ids (five per observation) and
/// is copied whole for each reader's view of it, so a copy costs a count, not an allocation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(#[serde(serialize_with = "serialize_id", deserialize_with = "deserialize_id")] std::sync::Arc<str>);

fn serialize_id<S: serde::Serializer>(id: &std::sync::Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(id)
}

/// Identifiers read from JSON go through the same check as those read from a bundle.
fn deserialize_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<std::sync::Arc<str>, D::Error> {
    let s = String::deserialize(d)?;
    Id::parse(&s).map(|id| id.0).ok_or_else(|| {
        serde::de::Error::custom(format!("{s:?} is not an identifier: use lowercase letters, digits, - and _"))
    })
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Id {
    /// Checks the form; `None` if it is not an identifier.
    pub fn parse(s: &str) -> Option<Id> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        ok.then(|| Id(s.into()))
    }
    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// One transition process, with everything the commission keeps about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Case {
    /// The case identifier, e.g. `iraq-hmc`.
    pub id: Id,
    /// Its name.
    pub name: Text,
    /// What it is about.
    pub description: Text,
    /// Sovereign sides.
    pub parties: Vec<Party>,
    /// People named in the record.
    pub people: Vec<Person>,
    /// Where transitions happen.
    pub areas: Vec<Area>,
    /// Criteria the commission weighs, each with its working group.
    pub factors: Vec<Factor>,
    /// Versioned ordinal scales.
    pub scales: Vec<Scale>,
    /// Who publishes the figures observations come from.
    pub publishers: Vec<Publisher>,
    /// How figures were counted.
    pub methods: Vec<Method>,
    /// What is measured.
    pub indicators: Vec<Indicator>,
    /// Measured values, every source kept.
    pub observations: Vec<Observation>,
    /// Working groups' ratings.
    pub assessments: Vec<Assessment>,
    /// Steps of the transition.
    pub phases: Vec<Phase>,
    /// Dialogue rounds.
    pub rounds: Vec<Round>,
    /// Undertakings recorded in statements.
    pub commitments: Vec<Commitment>,
    /// The documents the record cites.
    pub documents: Vec<Document>,
    /// Named what-ifs for the forecast.
    pub scenarios: Vec<Scenario>,
}

/// A sovereign side (or the coalition, as a consulted party).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Party {
    /// e.g. `us`, `iq`.
    pub id: Id,
    /// Its name.
    pub name: Text,
    /// A delegation party co-chairs; a coalition partner is consulted.
    pub role: PartyRole,
    /// The delegation head, when known.
    pub head: Option<Id>,
    /// Where this is stated.
    pub sources: Vec<Id>,
}

/// How a party takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartyRole {
    /// A co-chairing delegation.
    Delegation,
    /// Consulted at every stage.
    CoalitionPartner,
}

/// A person named in the record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    /// Identifier.
    pub id: Id,
    /// Name in both scripts.
    pub name: Text,
    /// Title at the time of the record.
    pub title: Text,
    /// The party the person belongs to.
    pub party: Id,
    /// Where the person is named.
    pub sources: Vec<Id>,
    /// The Ed25519 key valid now for signing minutes, if the person has one (the last key of
    /// `keys` that is not retired; a bundle may state it alone, without history).
    #[serde(default)]
    pub public_key: Option<PublicKey>,
    /// Every key the person registered, oldest first (see [`crate::keys`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<crate::keys::KeyEntry>,
}

/// What kind of place or line a transition happens in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaKind {
    /// The whole country: nationally reported figures live here.
    Country,
    /// A region.
    Region,
    /// A base.
    Base,
    /// A mission line (advising, air support, intelligence sharing).
    MissionLine,
}

/// Where a transition happens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Area {
    /// Identifier.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Kind.
    pub kind: AreaKind,
    /// The enclosing area: its figures stand in where this area has none.
    pub parent: Option<Id>,
    /// Where this area is named.
    pub sources: Vec<Id>,
    /// The places it covers, for event datasets: ISO 3166-2 subdivision codes (`IQ-NI`), a
    /// country's ISO 3166-1 code (`IQ`) for all of it, or a place without an ISO code as a
    /// country code, a colon and its name (`IQ:Halabja`). Empty: no event is placed in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
}

/// A criterion the commission weighs, with its working group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Factor {
    /// Identifier, the first half of an indicator's name (`threat.…`).
    pub id: Id,
    /// Name.
    pub name: Text,
    /// What it covers.
    pub description: Text,
    /// The working group that assesses it.
    pub working_group: WorkingGroup,
    /// When the factor counts as met in an area, in the gate language (its own indicators).
    pub condition: Option<Gate>,
    /// The scale the working group rates on.
    pub rating_scale: Option<Id>,
    /// Where the factor is stated.
    pub sources: Vec<Id>,
}

/// The experts who assess one factor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkingGroup {
    /// Name.
    pub name: Text,
    /// Members (people ids), possibly none on record.
    pub members: Vec<Id>,
    /// Where the group is stated.
    pub sources: Vec<Id>,
}

/// A versioned ordinal scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scale {
    /// Identifier.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Versions, oldest first; the last is current.
    pub versions: Vec<ScaleVersion>,
    /// Where it comes from.
    pub sources: Vec<Id>,
}

impl Scale {
    /// The current version.
    pub fn current(&self) -> &ScaleVersion {
        self.versions.last().expect("a validated scale has a version")
    }
    /// A version by number.
    pub fn version(&self, v: u32) -> Option<&ScaleVersion> {
        self.versions.iter().find(|s| s.version == v)
    }
}

/// One version of a scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScaleVersion {
    /// Version number.
    pub version: u32,
    /// Levels, lowest (worst) first; a level's rank is its position from 1.
    pub levels: Vec<Level>,
    /// For each level of the previous version, the level of this one it becomes.
    pub maps_from_previous: BTreeMap<Id, Id>,
}

impl ScaleVersion {
    /// The rank (1-based, worst first) of a level id.
    pub fn rank(&self, level: &str) -> Option<u32> {
        self.levels.iter().position(|l| l.id.as_str() == level).map(|i| i as u32 + 1)
    }
    /// The level at a rank.
    pub fn level(&self, rank: u32) -> Option<&Level> {
        self.levels.get((rank as usize).checked_sub(1)?)
    }
}

/// One level of a scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Level {
    /// Identifier, e.g. `independent`.
    pub id: Id,
    /// Short name.
    pub name: Text,
    /// Definition.
    pub definition: Text,
}

/// Who publishes figures.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Publisher {
    /// Identifier, e.g. `gtd`.
    pub id: Id,
    /// Name.
    pub name: Text,
}

/// How a figure was counted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Method {
    /// Identifier.
    pub id: Id,
    /// Description.
    pub text: Text,
}

/// What kind of value an indicator holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    /// A non-negative count.
    Count,
    /// A share between 0 and 1.
    Share,
    /// A level on an ordinal scale.
    Level,
    /// Any number.
    Number,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Fewer is better (attacks).
    LowerIsBetter,
    /// More is better (independent brigades).
    HigherIsBetter,
}

/// Something measured for a factor, per area, per period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Indicator {
    /// The factor it belongs to.
    pub factor: Id,
    /// Identifier within the factor.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// What it measures and how.
    pub description: Text,
    /// Unit.
    pub unit: Text,
    /// Kind of value.
    pub kind: IndicatorKind,
    /// For levels, the scale.
    pub scale: Option<Id>,
    /// Which way is better.
    pub direction: Direction,
    /// How often it is reported; data older than one period past due is stale.
    pub frequency: Frequency,
    /// The publisher whose series gates use when several report it.
    pub reference_publisher: Option<Id>,
    /// How event datasets feed it (the bundle's `imports.toml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imports: Vec<crate::event_import::ImportDefinition>,
}

impl Indicator {
    /// `factor.indicator`, the name gates use.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.factor, self.id)
    }
}

impl Case {
    /// The import definition `id` with the indicator it feeds.
    pub fn import_definition(&self, id: &str) -> Option<(&Indicator, &crate::event_import::ImportDefinition)> {
        crate::event_import::find(&self.indicators, id)
    }
}

/// How sure the source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

/// One measured value. Level values are stored as their rank on the scale's current version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Observation {
    /// `factor.indicator`'s factor.
    pub factor: Id,
    /// The indicator within the factor.
    pub indicator: Id,
    /// The area.
    pub area: Id,
    /// The period it describes.
    pub period: Period,
    /// The value (rank for levels).
    pub value: f64,
    /// Who published it.
    pub publisher: Id,
    /// How it was counted.
    pub method: Id,
    /// When the source stated it.
    pub as_of: Date,
    /// How sure.
    pub confidence: Confidence,
    /// True when no public figure exists and the value only illustrates the case.
    pub illustrative: bool,
    /// The document that carries it, if it is one of the record's documents.
    pub document: Option<Id>,
}

/// Where an assessment is in its workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssessmentState {
    /// Being written.
    Draft,
    /// Sent to the heads.
    Submitted,
    /// Endorsed by both heads.
    Endorsed,
    /// Returned with reasons.
    Returned,
}

/// A working group's rating of a factor for an area in a cycle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Assessment {
    /// Identifier.
    pub id: Id,
    /// The factor.
    pub factor: Id,
    /// The area.
    pub area: Id,
    /// The cycle (period) it covers.
    pub cycle: Period,
    /// The rating: a level id on the factor's rating scale.
    pub rating: Id,
    /// Narrative.
    pub narrative: Text,
    /// Workflow state.
    pub state: AssessmentState,
    /// True when made up to illustrate the case.
    pub illustrative: bool,
    /// Evidence (document ids).
    pub evidence: Vec<Id>,
}

/// A step of the transition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phase {
    /// Identifier.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// What happens.
    pub description: Text,
    /// Areas the gate must hold in (each with its own figures).
    pub areas: Vec<Id>,
    /// The conditions under which it may start.
    pub gate: Gate,
    /// Phases that must start first.
    pub predecessors: Vec<Id>,
    /// Months after each predecessor's start.
    pub min_lag_months: u32,
    /// Not before this month.
    pub earliest_start: Option<Month>,
    /// Should start by this month.
    pub deadline: Option<Month>,
    /// The month the commission decided the phase started, once it has.
    #[serde(default)]
    pub started: Option<Month>,
    /// True when thresholds or dates only illustrate the case.
    pub illustrative: bool,
    /// Where the phase's mandate is stated.
    pub sources: Vec<Id>,
}

/// A dialogue round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Round {
    /// Identifier, e.g. `jscd-1`.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Place.
    pub place: Text,
    /// Delegations with head and members.
    pub delegations: Vec<Delegation>,
    /// Meetings held during the round.
    pub meetings: Vec<Meeting>,
    /// Decisions taken.
    pub decisions: Vec<Decision>,
    /// Whether minutes were signed by both sides, per the sources.
    pub minutes_signed: bool,
    /// Where the round is reported.
    pub sources: Vec<Id>,
    /// The agreement the round was held under, when the record states it.
    #[serde(default)]
    pub framework: Option<Text>,
    /// Delegation heads' signatures over the round's canonical minutes (see `minutes`).
    #[serde(default)]
    pub signatures: Vec<MinutesSignature>,
}

/// A delegation head's Ed25519 signature over a round's canonical minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesSignature {
    /// The head who signed.
    pub person: Id,
    /// The key that signed: it must be the key valid for the person when they signed.
    pub key: PublicKey,
    /// The key's fingerprint ([`crate::keys::fingerprint`]), as recorded at signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_fingerprint: Option<String>,
    /// The signature over [`crate::minutes::canonical`] of the round.
    pub signature: Signature,
    /// When the head signed (not covered by the signature).
    pub signed_at: jiff::Timestamp,
    /// Fingerprints of the minutes' parts at signing (`label=hex`), so a later change can be
    /// located; not covered by the signature.
    #[serde(default)]
    pub parts: Vec<String>,
    /// True for demo signatures made with demo keys.
    #[serde(default)]
    pub illustrative: bool,
}

/// One party's delegation at a round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delegation {
    /// The party.
    pub party: Id,
    /// The head, when the sources name one.
    pub head: Option<Id>,
    /// Members (people ids).
    pub members: Vec<Id>,
    /// Members known only by office, not by name.
    pub offices: Vec<Text>,
}

/// A meeting during a round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meeting {
    /// What and with whom.
    pub description: Text,
    /// People present, where named.
    pub participants: Vec<Id>,
    /// Where it is reported.
    pub sources: Vec<Id>,
}

/// A decision of a round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Decision {
    /// Identifier.
    pub id: Id,
    /// What was decided.
    pub text: Text,
    /// Where it is reported.
    pub sources: Vec<Id>,
}

/// A commitment's status on the commission's 0–3 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum CommitmentStatus {
    /// 0
    NotStarted = 0,
    /// 1
    Minimal = 1,
    /// 2
    Intermediate = 2,
    /// 3
    Full = 3,
}

impl From<CommitmentStatus> for u8 {
    fn from(s: CommitmentStatus) -> u8 {
        s as u8
    }
}

impl TryFrom<u8> for CommitmentStatus {
    type Error = u8;
    fn try_from(v: u8) -> Result<Self, u8> {
        Ok(match v {
            0 => CommitmentStatus::NotStarted,
            1 => CommitmentStatus::Minimal,
            2 => CommitmentStatus::Intermediate,
            3 => CommitmentStatus::Full,
            other => return Err(other),
        })
    }
}

impl CommitmentStatus {
    /// The message id of its name.
    pub fn message_id(self) -> &'static str {
        match self {
            CommitmentStatus::NotStarted => "commitment-status-not-started",
            CommitmentStatus::Minimal => "commitment-status-minimal",
            CommitmentStatus::Intermediate => "commitment-status-intermediate",
            CommitmentStatus::Full => "commitment-status-full",
        }
    }
    /// The identifier used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::NotStarted => "not-started",
            CommitmentStatus::Minimal => "minimal",
            CommitmentStatus::Intermediate => "intermediate",
            CommitmentStatus::Full => "full",
        }
    }
}

/// An undertaking recorded in a statement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Commitment {
    /// Identifier.
    pub id: Id,
    /// Who undertakes it (one party, or several jointly).
    pub parties: Vec<Id>,
    /// What.
    pub text: Text,
    /// Theme, for grouping (e.g. `force-protection`).
    pub theme: Id,
    /// The round whose statement records it.
    pub round: Id,
    /// By when, if said.
    pub due: Option<Date>,
    /// Status.
    pub status: CommitmentStatus,
    /// Why that status.
    pub status_note: Text,
    /// True when the status is a judgement made to illustrate, not stated by a source.
    pub illustrative: bool,
    /// Evidence for the status (document ids).
    pub evidence: Vec<Id>,
    /// The documents that record the commitment.
    pub sources: Vec<Id>,
    /// Added to the round after its minutes were signed: linked to the round, not part of
    /// its signed minutes (see [`crate::minutes::parts`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub addendum: bool,
}

impl Commitment {
    /// Open means not yet fully met.
    pub fn is_open(&self) -> bool {
        self.status != CommitmentStatus::Full
    }
}

/// A document the record cites.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Identifier (the file's stem for the founding documents).
    pub id: Id,
    /// File name in the sources folder, if any.
    pub file: Option<String>,
    /// Outlet or issuer.
    pub outlet: Text,
    /// Kind (news report, joint statement, translation).
    pub kind: Text,
    /// Date of publication.
    pub date: Option<Date>,
    /// Language of the document (`ar`, `en`).
    pub language: String,
    /// What it reports.
    pub summary: Text,
    /// Known errors of translation: what the text says and what it means.
    pub translation_errors: Vec<TranslationError>,
}

/// A known error of (machine) translation in a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TranslationError {
    /// What the text says.
    pub says: String,
    /// What it stands for.
    pub means: Text,
}

impl Case {
    /// A copy of the case with the given observations and assessments instead of its own
    /// (the two parts that grow with use; the rest is small). Checks that need neither, or
    /// only some, copy this rather than the whole case.
    pub fn with_parts(&self, observations: Vec<Observation>, assessments: Vec<Assessment>) -> Case {
        Case {
            id: self.id.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            parties: self.parties.clone(),
            people: self.people.clone(),
            areas: self.areas.clone(),
            factors: self.factors.clone(),
            scales: self.scales.clone(),
            publishers: self.publishers.clone(),
            methods: self.methods.clone(),
            indicators: self.indicators.clone(),
            observations,
            assessments,
            phases: self.phases.clone(),
            rounds: self.rounds.clone(),
            commitments: self.commitments.clone(),
            documents: self.documents.clone(),
            scenarios: self.scenarios.clone(),
        }
    }

    /// A party by id.
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id.as_str() == id)
    }
    /// A person by id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id.as_str() == id)
    }
    /// An area by id.
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id.as_str() == id)
    }
    /// A factor by id.
    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id.as_str() == id)
    }
    /// A scale by id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id.as_str() == id)
    }
    /// An indicator by factor and id.
    pub fn indicator(&self, factor: &str, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.factor.as_str() == factor && i.id.as_str() == id)
    }
    /// A phase by id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id.as_str() == id)
    }
    /// A round by id.
    pub fn round(&self, id: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id.as_str() == id)
    }
    /// A document by id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id.as_str() == id)
    }
    /// A publisher by id.
    pub fn publisher(&self, id: &str) -> Option<&Publisher> {
        self.publishers.iter().find(|p| p.id.as_str() == id)
    }
    /// A scenario by id.
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id.as_str() == id)
    }
    /// A method by id.
    pub fn method(&self, id: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.id.as_str() == id)
    }
}

/// A named what-if: changes to indicators' futures and to gates' thresholds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scenario {
    /// Identifier.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// What it supposes.
    pub description: Text,
    /// Changes to indicators' simulated futures.
    pub shocks: Vec<ScenarioShock>,
    /// Changes to phase gates' thresholds.
    pub thresholds: Vec<ThresholdChange>,
}

/// A change to an indicator's future from a month on, in the areas named (all when empty).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScenarioShock {
    /// The indicator's factor.
    pub factor: Id,
    /// The indicator.
    pub indicator: Id,
    /// Areas affected; empty means every area.
    pub areas: Vec<Id>,
    /// First month affected.
    pub from: Month,
    /// Multiply the level (counts and numbers; e.g. 2 for "attacks double").
    pub multiply: Option<f64>,
    /// Add to the level on the natural scale (e.g. +0.1 to a share).
    pub shift: Option<f64>,
    /// Add to the monthly trend on the model scale (for counts, about a relative change per month).
    pub slope: Option<f64>,
    /// Multiply the disturbances' variances (more volatile futures).
    pub variance: Option<f64>,
}

/// A phase gate's clause with another threshold.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThresholdChange {
    /// The phase.
    pub phase: Id,
    /// The clause, counted from 1 in the order written.
    pub clause: u32,
    /// The new threshold.
    pub value: crate::gate::Threshold,
}
