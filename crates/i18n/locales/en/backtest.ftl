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

