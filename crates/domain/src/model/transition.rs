//! The transition itself: its phases with their gates, and the what-if scenarios the
//! forecast compares against them.

use super::*;

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
