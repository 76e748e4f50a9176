//! What is weighed and measured: factors and their working groups, scales, publishers and
//! methods, indicators and their observations, and the working groups' assessments.

use super::*;

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
