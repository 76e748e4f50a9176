## backtest messages (en). Each area keeps its own file.
backtest-cli-arg-every = rolling origins: one every MONTHS months from --from to --to (each the first forecast month)
backtest-cli-arg-from = the first rolling origin (YYYY-MM)
backtest-cli-arg-to = the last rolling origin (YYYY-MM)
backtest-cli-arg-origins = the origins, comma-separated (YYYY-MM,YYYY-MM,…)
backtest-cli-arg-series-csv = backtest the monthly series of a CSV (header series,period,value; period YYYY-MM) instead of a case
backtest-cli-arg-min-nonzero = with --series-csv: only series with at least this many months above zero
backtest-cli-arg-paths = simulated draws per forecast month for the CRPS and the PIT (default 1000)
backtest-bad-month = { $flag } { $value } is not a month
backtest-bad-month-help = write a month as YYYY-MM, e.g. 2008-01
backtest-every-needs-range = --every needs --from and --to (the first and last origin), and --from/--to need --every
backtest-range-backwards = --from { $from } is after --to { $to }
backtest-csv-unreadable-file = cannot read { $file }: { $detail }
backtest-csv-header = the first line must be the header series,period,value
backtest-csv-header-help = one row per series and month: name,YYYY-MM,number (e.g. ucdp-ged/iraq/sb-best-deaths,2008-01,41)
backtest-csv-unreadable = this row cannot be read as CSV: { $detail }
backtest-csv-fields = this row has { $count } fields; three are needed (series, period, value)
backtest-csv-no-name = the series name is empty
backtest-csv-period = { $value } is not a month
backtest-csv-period-help = write the period as YYYY-MM, e.g. 2008-01
backtest-csv-value = { $value } is not a number
backtest-csv-duplicate = { $series } has a second value for { $period }
backtest-origins = { $count } origins, from { $first } to { $last }
backtest-series-plain = { $indicator }: { $count } forecast figures
backtest-crps = mean CRPS: model { $model }, no change { $naive }
backtest-chosen = model chosen: { $models }
backtest-skill = Pooled CRPS: model { $model }, no change { $naive } · skill { $skill } (above 0: better than no change); the model's CRPS is lower in { $beats } of { $series } series
backtest-horizon-header = By months ahead: forecasts · coverage of the 50% / 80% / 90% intervals · CRPS (model, no change) · skill
backtest-horizon-row = { $horizon }: { $count } · { $c50 } / { $c80 } / { $c90 } · { $crps }, { $naive } · { $skill }
backtest-pit = PIT histogram by tenths (flat when calibrated): { $bins }
backtest-models = models chosen (series × origins): { $models }
backtest-gates-header = Gates: the probability that each gate is met by each month ahead, from each origin, against what the figures show. Brier score (0 is perfect; lower is better) beside no change (every figure stays at its last value before the origin); skill above 0 is better than no change:
backtest-gate-row = { $phase }: { PLURAL($count) ->
    [one] { $count } forecast
   *[other] { $count } forecasts
} ({ $met } met) · Brier { $brier }, no change { $reference } · skill { $skill }
backtest-gate-skipped = { $phase }: not scored: { $reason }
backtest-gate-no-months = no origin falls within its figures
backtest-gates-none = no gate could be scored
backtest-gates-overall = All gates ({ $gates }): { PLURAL($count) ->
    [one] { $count } forecast
   *[other] { $count } forecasts
} ({ $met } met) · Brier { $brier }, no change { $reference } · skill { $skill }
backtest-reliability-header = Reliability, all gates (calibrated when the share met is near the mean forecast): forecast probability · forecasts · mean forecast · share met
backtest-reliability-row = { $lower }–{ $upper }: { $count } · { $mean } · { $observed }

## The backtest page and the first-passage chart
pages-analysis-backtest-title = Backtest
pages-analysis-backtest-back = Back to the forecast
pages-analysis-backtest-link = How well these forecasts did on past figures: the backtest
pages-analysis-backtest-indicator-link = How well this case's forecasts did on past figures: the backtest
pages-analysis-backtest-intro = From each origin, every series is forecast with only the figures before it, as the forecast page does today, and the forecasts are compared with the figures that followed. An interval that means what it says covers its share of them; a skill above 0 means the forecasts did better than "no change".
pages-analysis-backtest-every = Months between origins
pages-analysis-backtest-every-hint = e.g. 3
pages-analysis-backtest-years = Years of origins
pages-analysis-backtest-years-hint = back from the latest figure, e.g. 3
pages-analysis-backtest-settings = { PLURAL($count) ->
    [one] { $count } origin
   *[other] { $count } origins
} from { $first } to { $last }, each forecasting { PLURAL($months) ->
    [one] { $months } month
   *[other] { $months } months
} ahead
pages-analysis-backtest-summary = { PLURAL($points) ->
    [one] { $points } forecast
   *[other] { $points } forecasts
} of { PLURAL($series) ->
    [one] { $series } series
   *[other] { $series } series
}: { $coverage } inside the 80% interval; CRPS skill against no change { $skill }
pages-analysis-backtest-interval = { $level } interval
pages-analysis-backtest-horizon = Months ahead
pages-analysis-backtest-forecasts = Forecasts
pages-analysis-backtest-coverage-title = Interval coverage by months ahead
pages-analysis-backtest-coverage-y = Share of figures inside
pages-analysis-backtest-coverage-point = { $level } interval, { $horizon } months ahead: { $percent } of { $count } inside
pages-analysis-backtest-coverage-row = { $horizon } months ahead ({ $count } forecasts): { $c50 }, { $c80 }, { $c90 } inside the 50%, 80% and 90% intervals
pages-analysis-backtest-coverage-note = Each solid line should lie on its dashed nominal level: below it, the intervals are too narrow; above it, too wide.
pages-analysis-backtest-skill-title = CRPS skill against no change by months ahead
pages-analysis-backtest-skill-y = Skill
pages-analysis-backtest-skill-row = { $horizon } months ahead ({ $count } forecasts): skill { $skill }
pages-analysis-backtest-skill-note = Skill is 1 − the forecasts' mean CRPS divided by no change's: above 0, the forecasts did better than "the last figure stays"; bars below −2 are cut at −2.
pages-analysis-backtest-pit-title = PIT histogram
pages-analysis-backtest-pit-x = Where the figure fell in its forecast distribution
pages-analysis-backtest-pit-bar = { $from }–{ $to }: { $count } forecasts
pages-analysis-backtest-pit-flat = Calibrated: the same in every tenth
pages-analysis-backtest-pit-note = { PLURAL($count) ->
    [one] { $count } forecast.
   *[other] { $count } forecasts.
} Tall bars at both ends: intervals too narrow; a hump in the middle: too wide; more on one side: forecasts too high or too low.
pages-analysis-backtest-gates-title = Gates: "met by this month"
pages-analysis-backtest-gates-intro = From each origin, the forecast gives the probability that each gate is met by each month ahead; the figures show whether it was. The Brier score is the mean squared difference (0 is perfect); no change scores the gate with every figure held at its last value.
pages-analysis-backtest-met = Met
pages-analysis-backtest-brier = Brier score
pages-analysis-backtest-brier-reference = Brier score of no change
pages-analysis-backtest-all-gates = All gates ({ $count })
pages-analysis-backtest-reliability-title = Reliability of the gate forecasts
pages-analysis-backtest-reliability-note = Forecasts grouped by probability in tenths: a calibrated forecaster's points lie on the diagonal (of the forecasts given 30%, 30% came true).
pages-analysis-backtest-reliability-point = forecast { $mean } on average, met in { $observed } ({ $count } forecasts)
pages-analysis-backtest-bin = Forecast probability
pages-analysis-backtest-mean-forecast = Mean forecast
pages-analysis-backtest-observed = Share met
pages-analysis-backtest-diagonal = Calibrated
pages-analysis-backtest-gates-line = The gates' forecasts
pages-analysis-cdf-title = Probability that each phase has started, month by month
pages-analysis-cdf-x = Year
pages-analysis-cdf-y = Share of simulated futures
pages-analysis-cdf-phase = { $phase }: { $percent } by { $month }
pages-analysis-cdf-note = Each line climbs as more simulated futures see the phase start; where it ends below 100%, the other futures do not start the phase within the horizon. Phases on record as started have no line.
