# Problems found in a case bundle (English).
diagnostic-error = error
diagnostic-help = help
kind-document = document
kind-party = party
kind-person = person
kind-area = area
kind-factor = factor
kind-scale = scale
kind-publisher = publisher
kind-method = method
kind-indicator = indicator
kind-assessment = assessment
kind-round = round
kind-commitment = commitment
kind-phase = phase
kind-level = level
kind-decision = decision
bundle-not-a-folder = { $path } is not a folder
bundle-not-a-folder-help = give the path of a case bundle folder, e.g. examples/iraq-hmc
bundle-missing-file = the bundle has no { $file }
bundle-cannot-read = cannot read { $file }: { $detail }
bundle-missing-file-help = create { $file } as described in docs/bundle-format.md
bundle-not-utf8 = { $file } is not UTF-8 text
bundle-not-utf8-help = save the file as UTF-8 (Arabic text must be UTF-8)
bundle-toml-syntax = this is not valid TOML: { $detail }
bundle-toml-syntax-help = check quotes, brackets and `key = value` pairs around this place
bundle-unknown-key = unknown key `{ $key }`
bundle-unknown-key-help = the keys allowed here are: { $allowed }
bundle-did-you-mean = did you mean `{ $name }`?
bundle-missing-key = missing `{ $key }`
bundle-missing-key-help = add `{ $key } = …` to this table
bundle-wrong-type = `{ $key }` should be { $expected ->
    [text] a text in both languages
    [date] a date
    [string] a string
    [integer] a whole number
    [boolean] true or false
    [array] an array
    [table] a table
    [number] a number
   *[other] { $expected }
}, not { $found }
bundle-wrong-type-help = see docs/bundle-format.md for the form of this key
bundle-text-help = write it as { "{" } en = "…", ar = "…" { "}" }
bundle-date-help = write dates as "YYYY-MM-DD", e.g. "2023-08-07"
bundle-bad-date = `{ $key }` is not a date: { $value }
bundle-bad-period = `{ $key }` is not a period: { $value }
bundle-period-help = write a period as 2023-08 (month), 2023-Q3 (quarter) or 2023 (year)
bundle-bad-month = `{ $key }` is not a month: { $value }
bundle-month-help = write a month as YYYY-MM, e.g. 2024-09
bundle-bad-id = `{ $id }` is not an identifier
bundle-bad-id-help = use lowercase letters, digits, - and _, e.g. `{ $suggestion }`
bundle-empty-text = the { $lang ->
    [ar] Arabic
   *[en] English
} text of `{ $key }` is empty
bundle-missing-translation = `{ $key }` has no { $lang ->
    [ar] Arabic
   *[en] English
} text
bundle-missing-translation-help = every text a user sees needs both languages: add `{ $lang } = "…"`
bundle-out-of-range = `{ $key }` must be between { $min } and { $max }
bundle-out-of-range-help = use a whole number from { $min } to { $max }
bundle-bad-choice = `{ $value }` is not allowed for `{ $key }`
bundle-choice-help = choose one of: { $choices }
bundle-unknown-reference = there is no { $kind } `{ $id }`
bundle-none-defined = no { $kind } is defined yet; define it first
bundle-known-ids = known ids: { $ids }
bundle-duplicate-id = { $kind } `{ $id }` is defined twice{ $line ->
    [0] {""}
   *[other] {""} (first on line { $line })
}
bundle-duplicate-id-help = give each record its own id
bundle-head-wrong-party = `{ $person }` heads `{ $party }` but belongs to `{ $other }`
bundle-head-wrong-party-help = choose a head from the party's own people, or correct the person's party
bundle-area-cycle = area `{ $area }` encloses itself through its parents
bundle-area-cycle-help = an area's parent must be a larger area that does not lead back to it
bundle-scale-no-version = this scale has no version
bundle-scale-no-version-help = add a [[scale.version]] with version = 1 and its levels
bundle-scale-version-order = version { $found } is out of order: expected { $expected }
bundle-scale-version-order-help = number versions 1, 2, 3 … without gaps; this one should be { $expected }
bundle-scale-too-few-levels = a scale version needs at least two levels
bundle-scale-too-few-levels-help = list the levels from lowest to highest with [[scale.version.level]]
bundle-scale-first-maps = the first version of a scale has nothing to map from
bundle-scale-first-maps-help = remove maps_from from version 1
bundle-scale-unknown-level = version { $version } has no level `{ $level }`
bundle-scale-unmapped-level = level `{ $level }` of version { $version } is not mapped to this version
bundle-scale-unmapped-level-help = add `{ $level } = "…"` under maps_from
bundle-level-needs-scale = an indicator of kind "level" needs a scale
bundle-level-needs-scale-help = add `scale = "…"` naming a scale in scales.toml
bundle-scale-not-level = only indicators of kind "level" take a scale
bundle-scale-not-level-help = remove `scale`, or set kind = "level"
bundle-commitment-no-party = a commitment needs at least one party
bundle-commitment-no-party-help = add parties = ["…"]
bundle-end-before-start = the round ends ({ $end }) before it starts ({ $start })
bundle-end-before-start-help = check the dates: end must be on or after start
bundle-phase-no-area = a phase needs at least one area
bundle-phase-no-area-help = add areas = ["…"] naming the areas the gate must hold in
bundle-deadline-before-earliest = the deadline { $deadline } is before the earliest start { $earliest }
bundle-deadline-before-earliest-help = move the deadline after the earliest start, or remove one of them
bundle-phase-cycle = phase `{ $phase }` depends on itself through its predecessors
bundle-phase-cycle-help = remove one predecessor so that the phases form a sequence without loops
bundle-condition-foreign-factor = the condition of factor `{ $factor }` uses `{ $name }`, an indicator of another factor
bundle-condition-foreign-factor-help = a factor's condition may use only `{ $factor }.…` indicators
bundle-factor-no-rating-scale = factor `{ $factor }` has no rating scale to rate against
bundle-factor-no-rating-scale-help = add rating_scale = "…" to the factor in case.toml
bundle-unknown-level = `{ $level }` is not a level of scale `{ $scale }`
bundle-needs-reference-publisher = { $indicator } is reported by several publishers ({ $publishers }) and gates need one
bundle-needs-reference-publisher-help = add reference_publisher = "{ $publisher }" (or another) to the indicator
bundle-no-observations-folder = the bundle has no observations/ folder
bundle-no-observations-folder-help = create observations/ with one or more CSV files (see docs/bundle-format.md)
bundle-csv-syntax = this CSV row does not parse: { $detail }
bundle-csv-unknown-column = unknown column `{ $column }`
bundle-csv-missing-column = missing column `{ $column }`
bundle-csv-columns-help = the columns are: { $columns }
bundle-csv-field-count = this row has { $found } fields, the header { $expected }
bundle-csv-field-count-help = give every row one field per column; quote fields that contain commas
bundle-csv-row = column `{ $column }`: { $detail }
bundle-bad-number = `{ $value }` is not a number
bundle-bad-number-help = write numbers with digits and a point, e.g. 12.5
bundle-bad-count = `{ $value }` is not a count
bundle-bad-count-help = a count is a whole number, 0 or more
bundle-bad-share = `{ $value }` is not a share
bundle-bad-share-help = a share is a number from 0 to 1
bundle-share-percent-help = a share is between 0 and 1: did you mean { $suggestion }?
bundle-bad-scale-version = scale `{ $scale }` has no version `{ $value }` (versions 1 to { $max })
bundle-period-frequency = { $period } does not fit { $indicator }, which is reported every { $frequency }
bundle-period-frequency-help = write the period as the indicator's frequency, e.g. { $example }
kind-scenario = scenario
bundle-bad-indicator-name = `{ $value }` is not an indicator name
bundle-bad-indicator-name-help = name an indicator as factor.indicator, e.g. threat.attacks_per_month
bundle-bad-effect = `{ $key }` must be a number
bundle-positive-help = use a number greater than 0, e.g. 2 to double
bundle-shock-no-effect = this shock changes nothing
bundle-shock-no-effect-help = add one of multiply, shift, slope or variance
bundle-threshold-value-help = give a number, or a level id in quotes
bundle-no-such-clause = phase `{ $phase }` has no clause { $clause }
bundle-no-such-clause-help = count the gate's clauses from 1 in the order written: it has { $count }
bundle-started-before-predecessor = phase `{ $phase }` is recorded as started, but its predecessor `{ $predecessor }` is not
bundle-started-before-predecessor-help = record when `{ $predecessor }` started, or remove `started` from this phase
bundle-started-too-soon = phase `{ $phase }` started before `{ $predecessor }` plus its lag of { $lag } months allows ({ $earliest })
bundle-started-too-soon-help = check the two start months and the minimum lag
# Areas' places and import definitions (imports.toml, issue 15).
kind-import = import definition
bundle-bad-place = `{ $place }` is not a place: write an ISO 3166-2 code (IQ-NI), a country code (IQ) or a country code, a colon and a name (IQ:Halabja)
bundle-bad-place-help = codes are upper case, as Debian's iso-codes lists them
bundle-place-twice = the place `{ $place }` is listed twice
bundle-import-other-dataset = `{ $key }` is a column of { $dataset }, not of this definition's dataset
bundle-import-other-dataset-help = remove it, or set `dataset` to the file's dataset
bundle-import-months-order = the last month ({ $to }) is before the first ({ $from })
bundle-import-indicator-kind = { $indicator } cannot take event figures: they are monthly counts or sums
bundle-import-indicator-kind-help = feed a monthly indicator of kind count or number
