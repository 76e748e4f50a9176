## Pages: analysis (issue 5/6). Keys start with "pages-analysis-".

## Shared
pages-analysis-col-indicator = Indicator
pages-analysis-col-unit = Unit
pages-analysis-col-factor = Factor
pages-analysis-col-latest = Latest figure
pages-analysis-col-area = Area
pages-analysis-col-period = Period
pages-analysis-col-source = Source
pages-analysis-col-method = Method
pages-analysis-col-stated = Stated
pages-analysis-col-confidence = Confidence
pages-analysis-col-value = Value
pages-analysis-col-phase = Phase
pages-analysis-confidence-low = low
pages-analysis-confidence-medium = medium
pages-analysis-confidence-high = high
pages-analysis-no-figures = No figures on record.
pages-analysis-all-areas = every area
pages-analysis-show = Show
pages-analysis-details = details

## Timeline
pages-analysis-timeline-title = Transition timeline
pages-analysis-timeline-note = Each band runs from P10 to P90 of the simulated start months, the diamond is the median (P50), the dashed line the deadline. Dates are percentiles over simulated futures, not predictions.
pages-analysis-timeline-earlier = This timeline was computed at { $time } UTC, from the record as it stood then; figures written since are being included, and a reload shows them.
pages-analysis-timeline-more = Try a what-if
pages-analysis-legend-band = baseline P10–P90
pages-analysis-legend-what-if = what-if P10–P90 (hatched)
pages-analysis-legend-median = median (P50)
pages-analysis-legend-deadline = deadline (dashed)
pages-analysis-deadline-at = deadline { $month }
pages-analysis-p-deadline = by the deadline: { $percent }
pages-analysis-started = started
pages-analysis-cannot-short = cannot be forecast (see the table)

## What changed
pages-analysis-changes-title = What changed since the last cycle
pages-analysis-changes-note = Now against the end of the previous cycle ({ $date }), both judged on the figures on record today.
pages-analysis-changes-none = No factor status and no gate changed since { $date }.
pages-analysis-changes-factors = { PLURAL($count) ->
    [one] One factor status changed
   *[other] { $count } factor statuses changed
}
pages-analysis-changes-gates = { PLURAL($count) ->
    [one] One gate changed its verdict
   *[other] { $count } gates changed their verdicts
}

## Indicators
pages-analysis-indicators-title = Indicators
pages-analysis-indicators-empty = This case has no indicators you can see.
pages-analysis-indicators-back = All indicators
pages-analysis-indicators-back-one = Back to the indicator
pages-analysis-indicator-missing-title = No such indicator
pages-analysis-indicator-missing = There is no indicator “{ $name }” that you can see. Indicators are named factor.indicator, e.g. threat.attacks_per_month.
pages-analysis-area-unknown = There are no figures for the area “{ $area }” for this indicator. Choose an area from the list.
pages-analysis-history-in = History and forecast in { $area }
pages-analysis-fan-title = { $indicator } in { $area }
pages-analysis-fan-desc = Figures from { PLURAL($publishers) ->
    [one] one publisher
   *[other] { $publishers } publishers
}, { $from } to { $to }.
pages-analysis-fan-desc-forecast = Forecast to { $month }: P10 { $p10 }, median { $p50 }, P90 { $p90 }.
pages-analysis-fan-note = The forecast starts in { $from }: the shaded bands hold the middle 80% and 50% of the fitted trend's futures, the dashed line is the median.
pages-analysis-fan-none = No forecast: { $reason }
pages-analysis-legend-fan = forecast P10–P90, P25–P75
pages-analysis-legend-illustrative = Hatched markers are illustrative values, not public figures.
pages-analysis-legend-illustrative-short = hatched: illustrative
pages-analysis-sources-title = Where sources disagree
pages-analysis-sources-agree = The publishers agree on every period they both report.
pages-analysis-sources-disagree = { PLURAL($count) ->
    [one] The publishers give different values for one period:
   *[other] The publishers give different values for { $count } periods:
}
pages-analysis-figures-title = Every figure, newest first

## Gate editor
pages-analysis-gates-title = Gate editor
pages-analysis-gates-intro = Write a gate in the gate language; it is checked against the case, rendered as a sentence in English and Arabic, and explained on current figures, area by area.
pages-analysis-gate-phase = Explain in the areas of
pages-analysis-gate-all-areas = every area of the case
pages-analysis-gate-text = Gate
pages-analysis-gate-help = For example:
pages-analysis-gate-check = Check and explain
pages-analysis-gate-valid = The gate is valid.
pages-analysis-gate-canonical = As stored:
pages-analysis-gate-sentence-en = In English:
pages-analysis-gate-sentence-ar = In Arabic:
pages-analysis-gate-explain = On the figures up to { $month }
pages-analysis-gate-problems = { PLURAL($count) ->
    [one] One problem
   *[other] { $count } problems
}
pages-analysis-gate-at = Line { $line }, column { $column }
pages-analysis-gate-suggestion = Suggestion:
pages-analysis-gate-too-long = The gate is longer than { $max } characters; a gate is a few lines.
pages-analysis-gate-unknown-phase = There is no phase “{ $phase }”.

## Forecast and what-ifs
pages-analysis-forecast-title = Forecast and what-ifs
pages-analysis-forecast-intro = Choose a stored scenario, or change an indicator's future or a gate's threshold, and see the timeline again beside the baseline (the same simulated futures, so differences come from the change alone).
pages-analysis-forecast-settings = { $paths } simulated futures, from { $origin } to { $last }.
pages-analysis-form-problems = { PLURAL($count) ->
    [one] One field needs attention
   *[other] { $count } fields need attention
}
pages-analysis-scenario-legend = Stored scenario
pages-analysis-scenario = Scenario
pages-analysis-scenario-none = none (baseline only)
pages-analysis-shock-legend = Change an indicator's future
pages-analysis-shift = Level shift
pages-analysis-shift-hint = added to the level in the indicator's unit, e.g. -2 or 0.1
pages-analysis-multiply = Multiply by
pages-analysis-multiply-hint = e.g. 2 for "doubles"
pages-analysis-slope = Slope change
pages-analysis-slope-hint = added to the monthly trend (for counts and shares, about a relative change per month, e.g. -0.02)
pages-analysis-from = From month
pages-analysis-from-hint = YYYY-MM; empty: from the first forecast month
pages-analysis-threshold-legend = Change a gate's threshold
pages-analysis-threshold-clause = The condition whose threshold changes
pages-analysis-threshold-value = New threshold
pages-analysis-threshold-value-hint = a number or a level id
pages-analysis-settings-legend = Simulation
pages-analysis-paths = Simulated futures
pages-analysis-paths-hint = default 10000
pages-analysis-horizon = Months
pages-analysis-horizon-hint = default 120, at most 240
pages-analysis-run = Forecast
pages-analysis-whole-between = “{ $value }” is not a whole number between { $min } and { $max }.
pages-analysis-not-a-number = “{ $value }” is not a number.
pages-analysis-shock-needs-effect = Give a level shift, a multiplier or a slope change for the indicator.
pages-analysis-shock-needs-indicator = Choose the indicator the change applies to.
pages-analysis-threshold-incomplete = A threshold change needs a phase, a clause and a new threshold.
pages-analysis-what-if-form = the changes in the form

## Report
pages-analysis-report-title = Cycle report
pages-analysis-print = Print this page (A4) from the browser; navigation and forms are left out.
pages-analysis-trends-title = Trends of the gate indicators
pages-analysis-trends-note = Each chart shows two years of the reference publisher's figures and a twelve-month forecast fan (P10–P90, P25–P75, median dashed).

## Importing an event dataset on the indicator page (issue 15)
pages-import-title = Import an event dataset
pages-import-intro = Upload a UCDP GED or ACLED export (CSV). It is read by the import definition you choose and becomes this indicator's monthly figures, all or nothing; every bad row is listed with its line and column.
pages-import-definition = Import definition
pages-import-release = Release
pages-import-release-help = GED: its version; ACLED: the download date. Left empty, it is read from a GED file's name. For example:
pages-import-file = File (CSV)
pages-import-submit = Import
pages-import-progress = Bytes sent
pages-import-sending = Sending the file…
pages-import-failed = The upload did not reach the server; nothing was imported. Check the connection and try again.
pages-import-written = The figures were imported.
pages-import-unchanged = Nothing changed: this file was imported by this definition before.
pages-import-revised = They revise release { $release }, whose figures stay in the indicator's history.
pages-import-at = Line:column { $at }
pages-import-nothing = Nothing was imported.
pages-import-dataset = Dataset
pages-import-figures = Monthly figures written
pages-import-counted = Events counted / rows read
pages-import-unreadable = The form could not be read as an upload: send it from the indicator page.
pages-import-no-file = Choose a file to import.
pages-import-field-too-long = A field of the form is too long.
pages-import-release-needed = The release of { $file } is not in its name: write it in the Release field.
pages-import-older = Import even if a newer release was imported before (restores older figures)
