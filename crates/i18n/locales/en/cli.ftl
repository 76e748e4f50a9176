# cli messages (English)
cli-about = Tahawul: the record and forecasts of a conditions-based transition commission
cli-arg-case = the case bundle folder (default: the founding case, examples/iraq-hmc)
cli-arg-as-of = judge the data as of this date (default: today)
cli-arg-lang = language of the output: en or ar
cli-arg-digits = digits for numbers: latin or arabic-indic
cli-arg-format = output format: table (for people) or json (for scripts)
cli-arg-explain = explain each clause: latest value, threshold, how long it held, what is missing
cli-arg-open = only commitments not yet fully met
cli-arg-party = only this party's commitments
cli-check-about = validate a case bundle and report every problem with its file, line and column
cli-status-about = show each factor's status by area: met, not met, no data or stale, with reasons
cli-gates-about = show each phase's gate in words and whether it holds in each area
cli-commitments-about = list the commitment ledger
cli-usage-error = the command line is not right (see tahawul --help):
cli-bad-as-of = --as-of must be a date written YYYY-MM-DD, not { $value }
cli-unknown-party = there is no party `{ $party }`; the parties are: { $known }
cli-problem-count = { PLURAL($count) ->
    [one] { $count } problem found
   *[other] { $count } problems found
}
cli-check-ok = { $path }: the case “{ $name }” is valid
cli-count-areas = { PLURAL($count) ->
    [one] { $count } area
   *[other] { $count } areas
}
cli-count-factors = { PLURAL($count) ->
    [one] { $count } factor
   *[other] { $count } factors
}
cli-count-indicators = { PLURAL($count) ->
    [one] { $count } indicator
   *[other] { $count } indicators
}
cli-count-observations = { PLURAL($count) ->
    [one] { $count } observation
   *[other] { $count } observations
}
cli-count-phases = { PLURAL($count) ->
    [one] { $count } phase
   *[other] { $count } phases
}
cli-count-rounds = { PLURAL($count) ->
    [one] { $count } dialogue round
   *[other] { $count } dialogue rounds
}
cli-count-documents = { PLURAL($count) ->
    [one] { $count } source document
   *[other] { $count } source documents
}
cli-illustrative-observations = of which { $count } illustrative (no public figure exists)
cli-commitments-header = { $name }: { commitments-count }
cli-commitments-open-header = { $name }: { PLURAL($count) ->
    [one] { $count } open commitment
   *[other] { $count } open commitments
}
cli-commitment-who = { $parties } · { $round } · { $id }
