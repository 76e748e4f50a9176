# forecast messages (English)

## Command line
forecast-cli-about = forecast when each phase may start: P10/P50/P90 dates, the chance of meeting each deadline, what holds each phase back; with a scenario, side by side
forecast-cli-backtest-about = hold out each series' latest figures, forecast them, and score the model against naive forecasts
forecast-cli-arg-paths = number of simulated futures (default 10000)
forecast-cli-arg-seed = random seed: the same seed gives the same forecast
forecast-cli-arg-horizon = months to simulate (default 120)
forecast-cli-arg-scenario = compare with this scenario from the case's scenarios.toml
forecast-cli-arg-shock = a what-if on an indicator, e.g. 'threat.attacks_per_month@kurdistan-region multiply=2 from=2027-01' (repeatable)
forecast-cli-arg-threshold = a what-if on a gate, PHASE#CLAUSE=VALUE, e.g. 'coalition-mission-ends-kurdistan-region#1=4' (repeatable)
forecast-cli-arg-holdout = months of figures to hold out per series (default 12: 12 monthly, 4 quarterly or 1 yearly figure)
forecast-cli-bad-number = { $flag } must be a whole number greater than 0, not { $value }
forecast-progress-fit = fitting a trend to each series
forecast-progress-simulate = simulating futures

## Errors in what-ifs
forecast-bad-flag = { $flag } '{ $input }': { $problem }
forecast-shock-empty = the shock is empty
forecast-shock-no-indicator = the shock must start with an indicator, not `{ $part }`
forecast-shock-syntax-help = write INDICATOR[@AREA,AREA] then one or more of multiply=, shift=, slope=, variance=, and optionally from=YYYY-MM, e.g. 'threat.attacks_per_month@kurdistan-region multiply=2 from=2027-01'
forecast-unknown-indicator = there is no indicator `{ $name }`
forecast-known-indicators-help = the indicators are: { $known }
forecast-unknown-area = there is no area `{ $name }`
forecast-known-areas-help = the areas are: { $known }
forecast-did-you-mean = did you mean `{ $name }`?
forecast-shock-bad-part = `{ $part }` is not KEY=VALUE
forecast-shock-unknown-key = `{ $key }` is not something a shock can change
forecast-shock-keys-help = use multiply=, shift=, slope=, variance= or from=
forecast-shock-repeated-key = `{ $key }` is given twice
forecast-shock-bad-number = { $key } must be a number, not `{ $value }`
forecast-shock-positive = { $key } must be greater than 0, not `{ $value }`
forecast-shock-bad-month = from must be a month, not `{ $value }`
forecast-shock-month-help = write the month as YYYY-MM, e.g. from=2027-01
forecast-shock-no-effect = the shock changes nothing
forecast-threshold-syntax = a threshold change is written PHASE#CLAUSE=VALUE
forecast-threshold-syntax-help = e.g. 'coalition-mission-ends-kurdistan-region#1=4', or with a level: '…#4=effective-with-advisers'
forecast-unknown-phase = there is no phase `{ $name }`
forecast-known-phases-help = the phases are: { $known }
forecast-no-such-clause = phase `{ $phase }` has no clause { $clause }: its gate has { PLURAL($count) ->
    [one] { $count } clause
   *[other] { $count } clauses
}
forecast-clauses-help = its clauses, counted from 1: { $clauses }
forecast-threshold-bad-value = `{ $value }` is neither a number nor a level id
forecast-unknown-scenario = there is no scenario `{ $id }` in this case
forecast-unknown-scenario-help = the scenarios are: { $known }
forecast-no-scenarios-help = this case defines no scenarios (scenarios.toml); use --shock and --threshold for a what-if
forecast-engine-refused = the forecast engine refused its inputs: { $detail }

## Why a phase cannot be forecast
forecast-cannot = cannot forecast: { $reason }
forecast-cannot-too-few = { $indicator } in { $area } has only { PLURAL($count) ->
    [one] { $count } figure
   *[other] { $count } figures
} (a trend needs at least { $needed })
forecast-cannot-out-of-range = { $indicator } in { $area } has { $value } for { $period }, outside what the indicator allows
forecast-cannot-model = { $indicator } in { $area } could not be fitted ({ $detail })
forecast-cannot-predecessor = it waits for “{ $phase }”, which cannot be forecast

## The forecast, for people
forecast-header = { $name }: forecast from the figures up to { $as_of }
forecast-settings = simulated futures: { $paths } · from { $origin } to { $last } · seed { $seed }
forecast-scenario-header = What-if: { $name }
forecast-scenario-command-line = the command line's changes
forecast-shock-line = { $indicator } from { $from }: { $effects }
forecast-threshold-line = { $phase }, clause { $clause }: { $before } → { $after }
forecast-label-baseline = baseline
forecast-label-scenario = what-if
forecast-start = starts: P10 { $p10 } · P50 { $p50 } · P90 { $p90 }
forecast-beyond-horizon = after { $last }
forecast-p-deadline = chance of starting by the deadline ({ $deadline }): { $percent }
forecast-no-deadline = no deadline
forecast-p-never = chance of not starting by { $last }: { $percent }
forecast-held-back = held back most often by: { $clause } in { $area } ({ $percent } of futures)
forecast-started = started in { $month } (a recorded decision, not a forecast)
forecast-earliest = not before { $month }
forecast-closing-note = Dates are percentiles over simulated futures of the model chosen for each indicator by how well it forecast that indicator's own past (P10: one future in ten starts earlier); they are not predictions, and no phase starts until the commission decides.

## Backtest
backtest-header = { $name }: backtest holding out the last { PLURAL($months) ->
    [one] { $months } month
   *[other] { $months } months
} of each series
backtest-series = { $indicator } in { $area }: { PLURAL($count) ->
    [one] { $count } figure held out
   *[other] { $count } figures held out
}
backtest-scores = 80% interval coverage { $coverage } · mean absolute error: model { $model }, last value { $naive }, drift { $drift }
backtest-skipped = skipped: { $reason }
backtest-overall = Overall: { PLURAL($points) ->
    [one] { $points } held-out figure
   *[other] { $points } held-out figures
} in { PLURAL($series) ->
    [one] { $series } series
   *[other] { $series } series
}; { $coverage } inside the model's 80% interval (ideally about 80%)
backtest-beats = the model's error is smaller than the last value's in { $naive } of { $series } series, and smaller than the drift's in { $drift }
backtest-ratios = typical error relative to the baselines: { $naive } of the last value's, { $drift } of the drift's (below 1 is better)
backtest-none = no series has enough figures to backtest

## Model choice and first passage
forecast-cdf = started by: { $points }
forecast-cdf-point = { $month } { $percent }
forecast-models-header = Models (chosen per series by mean CRPS of its own past 12-month forecasts; JSON has every candidate's score):
forecast-model-line = { $indicator } in { $area }: { $model } — CRPS { $crps } against no change's { $naive }, over { $count } past forecasts; spread × { $inflation } to cover 80%
forecast-model-line-short = { $indicator } in { $area }: { $model } (too short a history to compare models)
forecast-model-no-change = no change
forecast-model-long-run-mean = long-run mean
forecast-model-local-level = local level
forecast-model-robust-level = robust level (sparse counts)
forecast-model-damped-trend = damped trend
forecast-model-local-linear-trend = local linear trend
