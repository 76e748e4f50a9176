//! What-ifs: a bundle scenario, or changes written on the command line.
//!
//! Command-line syntax (documented in `docs/forecast-command.md`):
//! - `--shock 'INDICATOR[@AREA[,AREA…]] EFFECT=VALUE… [from=YYYY-MM]'`, effects `multiply`,
//!   `shift`, `slope`, `variance` as in `scenarios.toml`; without `@` every area, without
//!   `from` the first forecast month;
//! - `--threshold 'PHASE#CLAUSE=VALUE'`, the clause counted from 1 in the order written, the
//!   value a number or a level id.

use tahawul_i18n::Message;

use super::Error;
use crate::diagnostic::did_you_mean;
use crate::gate::{Gate, Threshold};
use crate::model::{Case, Id, ScenarioShock, Text, ThresholdChange};
use crate::period::Month;

/// Changes to compare with the baseline: a bundle scenario's, the command line's, or both.
#[derive(Debug, Clone, Default)]
pub struct WhatIf {
    /// The bundle scenario it starts from, if any.
    pub scenario: Option<Id>,
    /// The scenario's name.
    pub name: Option<Text>,
    /// Changes to indicators' futures.
    pub shocks: Vec<ScenarioShock>,
    /// Changes to gates' thresholds, applied in order.
    pub thresholds: Vec<ThresholdChange>,
}

impl WhatIf {
    /// A bundle scenario's changes.
    pub fn from_scenario(case: &Case, id: &str) -> Result<WhatIf, Error> {
        let s = case.scenario(id).ok_or_else(|| Error::UnknownScenario {
            id: id.to_string(),
            known: case.scenarios.iter().map(|s| s.id.to_string()).collect(),
        })?;
        Ok(WhatIf {
            scenario: Some(s.id.clone()),
            name: Some(s.name.clone()),
            shocks: s.shocks.clone(),
            thresholds: s.thresholds.clone(),
        })
    }

    /// True when there is nothing to compare.
    pub fn is_empty(&self) -> bool {
        self.scenario.is_none() && self.shocks.is_empty() && self.thresholds.is_empty()
    }
}

/// A `--shock` or `--threshold` that does not fit the case: the flag, what was written, what
/// is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIfError {
    /// `--shock` or `--threshold`.
    pub flag: &'static str,
    /// The text given.
    pub input: String,
    /// What is wrong.
    pub problem: Message,
    /// How to fix it.
    pub help: Option<Message>,
}

impl WhatIfError {
    fn new(flag: &'static str, input: &str, problem: Message, help: Option<Message>) -> Self {
        WhatIfError { flag, input: input.to_string(), problem, help }
    }

    /// `--shock 'input': problem`.
    pub fn message(&self) -> Message {
        Message::new("forecast-bad-flag")
            .arg("flag", self.flag)
            .arg("input", self.input.as_str())
            .arg("problem", self.problem.clone())
    }
}

/// `did you mean X?`, else the list of what exists.
fn suggest(word: &str, known: &[&str], list_id: &'static str) -> Message {
    match did_you_mean(word, known.iter().copied()) {
        Some(n) => Message::new("forecast-did-you-mean").arg("name", n),
        None => Message::new(list_id).arg("known", known.join(", ")),
    }
}

/// Parses one `--shock`; `default_from` is used when it has no `from=`.
pub fn parse_shock(case: &Case, text: &str, default_from: Month) -> Result<ScenarioShock, WhatIfError> {
    const FLAG: &str = "--shock";
    let syntax_help = || Some(Message::new("forecast-shock-syntax-help"));
    let err = |problem: Message, help: Option<Message>| WhatIfError::new(FLAG, text, problem, help);
    let mut parts = text.split_whitespace();
    let Some(target) = parts.next() else {
        return Err(err(Message::new("forecast-shock-empty"), syntax_help()));
    };
    if target.contains('=') {
        return Err(err(Message::new("forecast-shock-no-indicator").arg("part", target), syntax_help()));
    }
    let (name, areas) = match target.split_once('@') {
        Some((n, a)) => (n, Some(a)),
        None => (target, None),
    };
    let indicator = name.split_once('.').and_then(|(f, i)| case.indicator(f, i)).ok_or_else(|| {
        let known: Vec<String> = case.indicators.iter().map(|i| i.qualified_name()).collect();
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        err(
            Message::new("forecast-unknown-indicator").arg("name", name),
            Some(suggest(name, &known, "forecast-known-indicators-help")),
        )
    })?;
    let mut area_ids = Vec::new();
    for a in areas.into_iter().flat_map(|a| a.split(',')) {
        let a = a.trim();
        match case.area(a) {
            Some(x) => {
                if !area_ids.contains(&x.id) {
                    area_ids.push(x.id.clone());
                }
            }
            None => {
                let known: Vec<&str> = case.areas.iter().map(|x| x.id.as_str()).collect();
                return Err(err(
                    Message::new("forecast-unknown-area").arg("name", a),
                    Some(suggest(a, &known, "forecast-known-areas-help")),
                ));
            }
        }
    }
    let mut shock = ScenarioShock {
        factor: indicator.factor.clone(),
        indicator: indicator.id.clone(),
        areas: area_ids,
        from: default_from,
        multiply: None,
        shift: None,
        slope: None,
        variance: None,
    };
    let mut seen: Vec<&str> = Vec::new();
    for part in parts {
        let Some((key, value)) = part.split_once('=') else {
            return Err(err(Message::new("forecast-shock-bad-part").arg("part", part), syntax_help()));
        };
        if seen.contains(&key) {
            return Err(err(Message::new("forecast-shock-repeated-key").arg("key", key), None));
        }
        seen.push(key);
        let number = |positive: bool| -> Result<f64, WhatIfError> {
            match value.parse::<f64>() {
                Ok(n) if n.is_finite() && (!positive || n > 0.0) => Ok(n),
                Ok(n) if n.is_finite() => {
                    Err(err(Message::new("forecast-shock-positive").arg("key", key).arg("value", value), None))
                }
                _ => Err(err(Message::new("forecast-shock-bad-number").arg("key", key).arg("value", value), None)),
            }
        };
        match key {
            "multiply" => shock.multiply = Some(number(true)?),
            "variance" => shock.variance = Some(number(true)?),
            "shift" => shock.shift = Some(number(false)?),
            "slope" => shock.slope = Some(number(false)?),
            "from" => {
                shock.from = value.parse::<Month>().map_err(|_| {
                    err(
                        Message::new("forecast-shock-bad-month").arg("value", value),
                        Some(Message::new("forecast-shock-month-help")),
                    )
                })?
            }
            _ => {
                let near = did_you_mean(key, ["multiply", "shift", "slope", "variance", "from"]);
                let help = near.map_or_else(
                    || Message::new("forecast-shock-keys-help"),
                    |n| Message::new("forecast-did-you-mean").arg("name", n),
                );
                return Err(err(Message::new("forecast-shock-unknown-key").arg("key", key), Some(help)));
            }
        }
    }
    if shock.multiply.is_none() && shock.shift.is_none() && shock.slope.is_none() && shock.variance.is_none() {
        return Err(err(Message::new("forecast-shock-no-effect"), syntax_help()));
    }
    Ok(shock)
}

/// Parses one `--threshold PHASE#CLAUSE=VALUE` and checks it against the phase's gate.
pub fn parse_threshold(case: &Case, text: &str) -> Result<ThresholdChange, WhatIfError> {
    const FLAG: &str = "--threshold";
    let err = |problem: Message, help: Option<Message>| WhatIfError::new(FLAG, text, problem, help);
    let syntax =
        || err(Message::new("forecast-threshold-syntax"), Some(Message::new("forecast-threshold-syntax-help")));
    let (phase_id, rest) = text.trim().split_once('#').ok_or_else(syntax)?;
    let (clause, value) = rest.split_once('=').ok_or_else(syntax)?;
    let (phase_id, clause, value) = (phase_id.trim(), clause.trim(), value.trim());
    let phase = case.phase(phase_id).ok_or_else(|| {
        let known: Vec<&str> = case.phases.iter().map(|p| p.id.as_str()).collect();
        err(
            Message::new("forecast-unknown-phase").arg("name", phase_id),
            Some(suggest(phase_id, &known, "forecast-known-phases-help")),
        )
    })?;
    let clauses = phase.gate.clauses();
    let listing = || {
        let list: Vec<String> =
            clauses.iter().enumerate().map(|(i, c)| format!("{} `{}`", i + 1, c.to_source())).collect();
        Some(Message::new("forecast-clauses-help").arg("clauses", list.join("; ")))
    };
    let number = clause.parse::<u32>().ok().filter(|n| (1..=clauses.len() as u32).contains(n)).ok_or_else(|| {
        err(
            Message::new("forecast-no-such-clause")
                .arg("phase", phase.id.as_str())
                .arg("clause", clause)
                .arg("count", clauses.len()),
            listing(),
        )
    })?;
    let value = threshold_value(value).ok_or_else(|| {
        err(
            Message::new("forecast-threshold-bad-value").arg("value", value),
            Some(Message::new("forecast-threshold-syntax-help")),
        )
    })?;
    let change = ThresholdChange { phase: phase.id.clone(), clause: number, value };
    let gates: Vec<Gate> = case.phases.iter().map(|p| p.gate.clone()).collect();
    apply_threshold(case, &gates, &change).map_err(|mut e| {
        e.input = text.to_string();
        e
    })?;
    Ok(change)
}

/// A threshold as written: a number, a level id, or `level "id"`.
fn threshold_value(v: &str) -> Option<Threshold> {
    if let Ok(n) = v.parse::<f64>() {
        return n.is_finite().then_some(Threshold::Number(n));
    }
    let v = v.strip_prefix("level").map_or(v, str::trim);
    let v = v.trim_matches(|c| c == '"' || c == '\'');
    Id::parse(v).map(|id| Threshold::Level(id.to_string()))
}

/// `gates` (one per case phase) with one threshold changed; the index of the phase and its new gate.
pub(crate) fn apply_threshold(case: &Case, gates: &[Gate], ch: &ThresholdChange) -> Result<(usize, Gate), WhatIfError> {
    let input = format!(
        "{}#{}={}",
        ch.phase,
        ch.clause,
        match &ch.value {
            Threshold::Number(n) => n.to_string(),
            Threshold::Level(l) => l.clone(),
        }
    );
    let err = |problem: Message, help: Option<Message>| WhatIfError::new("--threshold", &input, problem, help);
    let pi = case
        .phases
        .iter()
        .position(|p| p.id == ch.phase)
        .ok_or_else(|| err(Message::new("forecast-unknown-phase").arg("name", ch.phase.as_str()), None))?;
    let count = gates[pi].clauses().len();
    let edited = (ch.clause as usize)
        .checked_sub(1)
        .and_then(|i| gates[pi].with_threshold(i, ch.value.clone()))
        .ok_or_else(|| {
            err(
                Message::new("forecast-no-such-clause")
                    .arg("phase", ch.phase.as_str())
                    .arg("clause", ch.clause)
                    .arg("count", count),
                None,
            )
        })?;
    if let Some(e) = edited.check(case).into_iter().next() {
        return Err(err(e.message, e.help));
    }
    Ok((pi, edited))
}
