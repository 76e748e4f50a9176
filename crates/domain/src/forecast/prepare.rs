//! From a case to the engine's inputs: the series the phases' gates read, on a month grid,
//! their transforms, and each phase's gate compiled into the engine's conditions.

use super::*;

/// The engine's transform for an indicator's kind (levels: the current scale version's level count).
pub fn transform_of(case: &Case, indicator: &Indicator) -> engine::Transform {
    match indicator.kind {
        IndicatorKind::Count => engine::Transform::Count,
        IndicatorKind::Share => engine::Transform::Share,
        IndicatorKind::Number => engine::Transform::Number,
        IndicatorKind::Level => {
            let levels = indicator
                .scale
                .as_ref()
                .and_then(|s| case.scale(s.as_str()))
                .map_or(1, |s| s.current().levels.len() as u32);
            engine::Transform::Level { levels }
        }
    }
}

pub(super) fn scale_name(t: engine::Transform) -> &'static str {
    match t {
        engine::Transform::Count => "log1p",
        engine::Transform::Share => "logit",
        engine::Transform::Level { .. } => "level",
        engine::Transform::Number => "identity",
    }
}

/// A series the gates read, ready (or not) for the engine.
#[derive(Debug, Clone)]
pub struct PreparedSeries {
    /// The indicator.
    pub factor: Id,
    /// The indicator within the factor.
    pub indicator: Id,
    /// The figures used: the reference publisher's, up to the as-of month.
    pub series: Series,
    /// The areas whose gates read it.
    pub read_for: Vec<Id>,
    /// How natural values map to the model scale.
    pub transform: engine::Transform,
    /// The engine's input, when the series could be fitted.
    pub input: Result<engine::SeriesInput, Blocker>,
    /// The model chosen for it, when it could be fitted.
    pub choice: Option<engine::ModelChoice>,
}

impl PreparedSeries {
    /// `factor.indicator`.
    pub fn name(&self) -> String {
        format!("{}.{}", self.factor, self.indicator)
    }
    /// The level the filter ends on, on the model scale (before its last slope step).
    pub(super) fn last_filtered_level(&self) -> Option<f64> {
        self.input.as_ref().ok().map(|i| i.trend.next_state.mean[0] - i.trend.next_state.mean[1])
    }
}

/// A case ready to simulate: its series fitted, its phases compiled.
#[derive(Debug, Clone)]
pub struct Prepared<'c> {
    pub(super) case: &'c Case,
    pub(super) settings: Settings,
    /// The first simulated month: the month after the latest figure of any fitted series (at
    /// most the origin), so that months between the last figures and the as-of date are
    /// simulated too rather than counted as "not held" in gate windows.
    pub(super) simulate_from: Month,
    /// Every series the gates read, in first-use order.
    pub series: Vec<PreparedSeries>,
    /// Engine index of each series (`None` when it could not be fitted).
    pub(super) engine_index: Vec<Option<usize>>,
    /// Per case phase: the series (indices into `series`) of each area's clauses, area by area.
    pub(super) clause_series: Vec<Vec<Vec<usize>>>,
    /// Per case phase: simulated, started, or blocked.
    pub phase_slots: Vec<PhaseSlot>,
    /// The baseline conditions, per engine phase.
    pub conditions: Vec<engine::Condition>,
}

/// What the forecast does with one phase of the case.
#[derive(Debug, Clone, PartialEq)]
pub enum PhaseSlot {
    /// Simulated: its index in the engine's phase graph.
    Engine(usize),
    /// Recorded as started in or before the as-of month: a decision, fixed at that month.
    Started(Month),
    /// Cannot be forecast, and why.
    Blocked(Blocker),
}

impl PhaseSlot {
    pub(super) fn engine(&self) -> Option<usize> {
        match self {
            PhaseSlot::Engine(i) => Some(*i),
            _ => None,
        }
    }
}

/// Collects, fits and compiles everything a forecast of `case` needs.
pub fn prepare<'c>(case: &'c Case, settings: &Settings) -> Prepared<'c> {
    let started = started_phases(case, settings);
    let Collected { mut series, clause_series, unresolved } = collect_series(case, settings, &started);
    let engine_index = fit_series(&mut series);
    let phase_slots = phase_slots(case, &series, &clause_series, &unresolved, &started);
    let simulate_from = simulate_from(&series, settings);
    let mut prepared = Prepared {
        case,
        settings: *settings,
        simulate_from,
        series,
        engine_index,
        clause_series,
        phase_slots,
        conditions: Vec::new(),
    };
    prepared.conditions = prepared.compile(&|pi| &case.phases[pi].gate);
    prepared
}

/// Per case phase, the month it is recorded as started in, when that is by the as-of month:
/// such a phase is a decision, and its gate is not read.
fn started_phases(case: &Case, settings: &Settings) -> Vec<Option<Month>> {
    case.phases.iter().map(|p| p.started.filter(|m| *m <= settings.as_of)).collect()
}

/// The series the gates read, before they are fitted.
struct Collected {
    /// One per indicator and data area, in first-use order (not fitted yet).
    series: Vec<PreparedSeries>,
    /// Per case phase: the series of each area's clauses, area by area.
    clause_series: Vec<Vec<Vec<usize>>>,
    /// Per case phase: a clause names an indicator the case does not have.
    unresolved: Vec<bool>,
}

/// The series every gate not yet decided reads, one per indicator and data area, with the
/// figures up to the as-of month.
fn collect_series(case: &Case, settings: &Settings, started: &[Option<Month>]) -> Collected {
    let mut series: Vec<PreparedSeries> = Vec::new();
    let mut index: BTreeMap<(String, Id), usize> = BTreeMap::new();
    let mut clause_series = Vec::with_capacity(case.phases.len());
    let mut unresolved = vec![false; case.phases.len()];
    for (pi, phase) in case.phases.iter().enumerate() {
        let mut per_area = Vec::with_capacity(phase.areas.len());
        if started[pi].is_some() {
            clause_series.push(per_area);
            continue;
        }
        for area in &phase.areas {
            let mut ids = Vec::new();
            for clause in phase.gate.clauses() {
                let Some(ind) = case.indicator(&clause.factor, &clause.indicator) else {
                    unresolved[pi] = true; // only a case built in code gets here: the loader checks names
                    continue;
                };
                let mut s = case.series(ind, area.as_str());
                s.points.retain(|p| p.period.last_month() <= settings.as_of);
                let key = (ind.qualified_name(), s.data_area.clone());
                let at = *index.entry(key).or_insert_with(|| {
                    series.push(PreparedSeries {
                        factor: ind.factor.clone(),
                        indicator: ind.id.clone(),
                        transform: transform_of(case, ind),
                        series: s,
                        read_for: Vec::new(),
                        input: Err(Blocker::Predecessor { phase: phase.id.clone() }), // replaced by fit_series
                        choice: None,
                    });
                    series.len() - 1
                });
                if !series[at].read_for.contains(area) {
                    series[at].read_for.push(area.clone());
                }
                ids.push(at);
            }
            per_area.push(ids);
        }
        clause_series.push(per_area);
    }
    Collected { series, clause_series, unresolved }
}

/// Chooses and fits every series' model at once (in parallel, in the engine; cached by
/// figures), setting each series' input or the reason it has none. Returns each series'
/// index among the engine's inputs (`None` when it could not be fitted).
fn fit_series(series: &mut [PreparedSeries]) -> Vec<Option<usize>> {
    let grids: Vec<(Month, Vec<f64>)> = series.iter().map(|s| grid(&s.series)).collect();
    let model: Vec<Result<Vec<f64>, engine::ForecastError>> =
        series.iter().zip(&grids).enumerate().map(|(i, (s, (_, y)))| s.transform.forward_series(i, y)).collect();
    let fittable: Vec<usize> = (0..series.len()).filter(|&i| matches!(&model[i], Ok(y) if !y.is_empty())).collect();
    let to_fit: Vec<(&[f64], engine::Transform)> =
        fittable.iter().map(|&i| (model[i].as_deref().unwrap_or(&[]), series[i].transform)).collect();
    let mut fits: Vec<Option<Result<engine::ModelChoice, engine::ForecastError>>> = vec![None; series.len()];
    for (i, f) in fittable.iter().zip(engine::choose_many_cached(&to_fit, &engine::ChoiceConfig::default())) {
        fits[*i] = Some(f);
    }
    let mut engine_index = vec![None; series.len()];
    let mut next = 0;
    for (i, s) in series.iter_mut().enumerate() {
        let (start, natural) = &grids[i];
        s.input = match (&model[i], fits[i].take()) {
            (Err(e), _) => Err(blocker(s, e, *start)),
            (Ok(_), None) => Err(no_figures(s)),
            (Ok(_), Some(Err(e))) => Err(blocker(s, &e, *start)),
            (Ok(_), Some(Ok(choice))) => Ok(engine::SeriesInput {
                trend: {
                    let trend = choice.model;
                    s.choice = Some(choice);
                    trend
                },
                transform: s.transform,
                last_month: start.0 + natural.len() as i32 - 1,
                history: history(&s.series),
            }),
        };
        if s.input.is_ok() {
            engine_index[i] = Some(next);
            next += 1;
        }
    }
    engine_index
}

/// Why a series could not be fitted, in the case's terms (`start`: its grid's first month).
fn blocker(s: &PreparedSeries, e: &engine::ForecastError, start: Month) -> Blocker {
    let (indicator, area) = (s.name(), s.series.data_area.clone());
    match *e {
        engine::ForecastError::TooFewObservations { found, needed, .. } => {
            Blocker::TooFewFigures { indicator, area, figures: found, needed }
        }
        engine::ForecastError::EmptySeries { .. } => no_figures(s),
        engine::ForecastError::OutOfDomain { month, value, .. } => {
            let m = start.plus(month as i32);
            let period =
                s.series.points.iter().find(|p| p.period.last_month() == m).map_or(Period::Month(m), |p| p.period);
            Blocker::OutOfRange { indicator, area, period, value }
        }
        ref other => Blocker::Model { indicator, area, detail: other.to_string() },
    }
}

/// A series with no figures to fit.
fn no_figures(s: &PreparedSeries) -> Blocker {
    Blocker::TooFewFigures {
        indicator: s.name(),
        area: s.series.data_area.clone(),
        figures: 0,
        needed: engine::MIN_OBSERVATIONS,
    }
}

/// What the forecast does with each phase: started ones are fixed, a phase is simulated when
/// every series it reads was fitted and every predecessor is forecastable, else it is blocked.
fn phase_slots(
    case: &Case,
    series: &[PreparedSeries],
    clause_series: &[Vec<Vec<usize>>],
    unresolved: &[bool],
    started: &[Option<Month>],
) -> Vec<PhaseSlot> {
    let mut slots: Vec<Option<Result<(), Blocker>>> = vec![None; case.phases.len()];
    for (pi, per_area) in clause_series.iter().enumerate() {
        if started[pi].is_some() {
            slots[pi] = Some(Ok(()));
        } else if let Some(b) = per_area.iter().flatten().find_map(|&si| series[si].input.as_ref().err()) {
            slots[pi] = Some(Err(b.clone()));
        } else if unresolved[pi] {
            slots[pi] = Some(Err(Blocker::Model {
                indicator: String::new(),
                area: case.phases[pi].id.clone(),
                detail: "unknown indicator".into(),
            }));
        }
    }
    resolve_predecessors(case, &mut slots);
    let mut phase_slots = Vec::with_capacity(case.phases.len());
    let mut n = 0;
    for (pi, s) in slots.into_iter().enumerate() {
        phase_slots.push(match (s, started[pi]) {
            (_, Some(m)) => PhaseSlot::Started(m),
            (Some(Ok(())), None) => {
                n += 1;
                PhaseSlot::Engine(n - 1)
            }
            (Some(Err(b)), None) => PhaseSlot::Blocked(b),
            (None, None) => PhaseSlot::Blocked(Blocker::Predecessor {
                phase: case.phases[pi].predecessors.first().cloned().unwrap_or_else(|| case.phases[pi].id.clone()),
            }),
        });
    }
    phase_slots
}

/// Settles the phases not decided yet by their predecessors: blocked by a blocked one,
/// forecastable once all are; repeated until nothing changes (the loader refuses cycles; a
/// phase on a cycle stays undecided).
fn resolve_predecessors(case: &Case, slots: &mut [Option<Result<(), Blocker>>]) {
    loop {
        let mut changed = false;
        for (pi, phase) in case.phases.iter().enumerate() {
            if slots[pi].is_some() {
                continue;
            }
            let mut ready = true;
            for q in &phase.predecessors {
                match case.phases.iter().position(|p| &p.id == q).map(|qi| &slots[qi]) {
                    Some(Some(Err(_))) => {
                        slots[pi] = Some(Err(Blocker::Predecessor { phase: q.clone() }));
                        changed = true;
                        break;
                    }
                    Some(Some(Ok(()))) => {}
                    _ => ready = false,
                }
            }
            if slots[pi].is_none() && ready {
                slots[pi] = Some(Ok(()));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The first simulated month: the month after the latest figure of any fitted series, at
/// most the origin.
fn simulate_from(series: &[PreparedSeries], settings: &Settings) -> Month {
    series
        .iter()
        .filter_map(|s| s.input.as_ref().ok())
        .map(|i| Month(i.last_month + 1))
        .max()
        .map_or(settings.origin(), |m| m.min(settings.origin()))
}

/// The monthly grid from the first figure's month to the last's, NaN where there is none.
pub(super) fn grid(s: &Series) -> (Month, Vec<f64>) {
    match (s.points.first(), s.points.last()) {
        (Some(a), Some(b)) => {
            let start = a.period.last_month();
            (start, s.monthly(start, (b.period.last_month().0 - start.0 + 1) as usize))
        }
        _ => (Month(0), Vec::new()),
    }
}

/// Natural values by month for the clause windows, each figure covering every month of its
/// period (a quarter's figure stands for its three months, as the gate language reads it).
pub(super) fn history(s: &Series) -> Vec<f64> {
    let (Some(a), Some(b)) = (s.points.first(), s.points.last()) else {
        return Vec::new();
    };
    let start = a.period.first_month();
    let mut out = vec![f64::NAN; (b.period.last_month().0 - start.0 + 1) as usize];
    for p in &s.points {
        for m in p.period.first_month().0..=p.period.last_month().0 {
            out[(m - start.0) as usize] = p.value;
        }
    }
    out
}

impl Prepared<'_> {
    /// The settings this was prepared with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The engine's index of the series of `indicator` (`factor.indicator`) with figures from `data_area`.
    pub fn engine_index_of(&self, indicator: &str, data_area: &str) -> Option<usize> {
        let i = self.series.iter().position(|s| s.name() == indicator && s.series.data_area.as_str() == data_area)?;
        self.engine_index[i]
    }

    /// The first simulated month (see the field's note).
    pub fn simulate_from(&self) -> Month {
        self.simulate_from
    }

    /// The engine's inputs: the fitted series, in engine order.
    pub fn inputs(&self) -> Vec<engine::SeriesInput> {
        self.series.iter().filter_map(|s| s.input.as_ref().ok().cloned()).collect()
    }

    /// The engine's configuration.
    pub fn config(&self) -> engine::SimulationConfig {
        engine::SimulationConfig {
            origin_month: self.simulate_from.0,
            horizon_months: self.settings.horizon_months + (self.settings.origin().0 - self.simulate_from.0) as u32,
            paths: self.settings.paths,
            seed: self.settings.seed,
        }
    }

    /// The engine shock for one case shock on one fitted series.
    pub(super) fn engine_shock(&self, si: usize, shock: &ScenarioShock) -> Option<engine::Shock> {
        let ei = self.engine_index[si]?;
        let s = &self.series[si];
        let t = s.transform;
        let z = s.last_filtered_level()?;
        // The natural value at a model-scale level, without the rounding levels get when shown.
        let natural = |z: f64| {
            if matches!(t, engine::Transform::Level { .. }) { z } else { t.back(z) }
        };
        let forward = |x: f64| {
            if matches!(t, engine::Transform::Level { .. }) { x } else { t.forward(x) }
        };
        let mut level = 0.0;
        if let Some(k) = shock.multiply {
            level += match t {
                engine::Transform::Count => engine::Transform::count_multiplier_shift(k),
                _ => forward(natural(z) * k) - z,
            };
        }
        if let Some(k) = shock.shift {
            let at = z + level;
            level += forward(natural(at) + k) - at;
        }
        Some(engine::Shock {
            series: ei,
            from_month: shock.from.0,
            level_shift: if level.is_finite() { level } else { 0.0 },
            slope_change: shock.slope.unwrap_or(0.0),
            variance_multiplier: shock.variance.unwrap_or(1.0),
        })
    }

    /// The series (indices into `series`) a shock applies to: its indicator, in the areas it names
    /// (as read for, or as the data's own area), or everywhere.
    pub(super) fn shocked_series(&self, shock: &ScenarioShock) -> Vec<usize> {
        (0..self.series.len())
            .filter(|&i| {
                let s = &self.series[i];
                s.factor == shock.factor
                    && s.indicator == shock.indicator
                    && (shock.areas.is_empty()
                        || shock.areas.iter().any(|a| a == &s.series.data_area || s.read_for.contains(a)))
            })
            .collect()
    }
}
