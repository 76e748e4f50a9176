# gate messages (English)

## Syntax errors (each with a -help message saying how to fix it)

gate-found-end = the end of the gate
gate-empty = the gate is empty
gate-empty-help = write a condition, e.g. `threat.attacks_per_month <= 15 for 6 months`
gate-single-equals = a single `=` is not a comparison
gate-single-equals-help = write `==` to test equality, or `<=` / `>=` for a bound
gate-bang = `!` on its own is not an operator
gate-bang-help = write `not` before a condition, or `!=` for "other than"
gate-unclosed-string = this quoted level name is not closed
gate-unclosed-string-help = end it with `"` on the same line, e.g. `level "independent"`
gate-symbol-logic = `{ $symbol }` is not part of the gate language
gate-symbol-logic-help = join conditions with the words `and` and `or`
gate-percent = `%` is not part of the gate language
gate-percent-help = write shares as fractions: `0.6` for 60%
gate-single-quote = level names take double quotes
gate-single-quote-help = write `level "independent"`
gate-unexpected-char = unexpected character `{ $char }`
gate-unexpected-char-help = names are lowercase Latin letters, digits, `_` and `-`, as `factor.indicator`; operators are < <= > >= == !=
gate-unmatched-close = this `)` has no matching `(`
gate-unmatched-close-help = remove it, or add `(` where the group starts
gate-keyword-case = { $found } is written in capitals
gate-keyword-case-help = keywords are lowercase: write `{ $keyword }`
gate-trailing-input = expected `and`, `or` or the end of the gate, found { $found }
gate-trailing-input-help = join conditions with `and` or `or`
gate-too-deep = the gate nests deeper than { $max } levels
gate-too-deep-help = remove redundant parentheses or `not`s
gate-unclosed-paren = this `(` is never closed
gate-unclosed-paren-help = add `)` where the group ends
gate-expected-close = expected `)`, `and` or `or`, found { $found }
gate-expected-close-help = close the group with `)` or join the conditions with `and` / `or`
gate-for-after-group = `for` applies to one comparison, not to a group
gate-for-after-group-help = put `for N months` after each comparison that must be sustained
gate-missing-name = `{ $op }` needs an indicator on its left
gate-missing-name-help = write the indicator first, e.g. `threat.attacks_per_month { $op } 15`
gate-expected-condition = expected a condition, found { $found }
gate-expected-condition-help = a condition is `factor.indicator`, a comparison and a threshold, e.g. `threat.attacks_per_month <= 15`
gate-missing-operator = expected a comparison like `<=` after { $name }, found { $found }
gate-missing-operator-help = write e.g. `{ $name } <= 15`
gate-bad-level-id = "{ $level }" is not a level id
gate-bad-level-id-help = level ids are lowercase letters, digits, `-` and `_`, as in the case's scales
gate-level-unquoted = the level name { $level } must be quoted
gate-level-unquoted-help = write `level "{ $level }"`
gate-expected-level = expected a quoted level name after `level`, found { $found }
gate-expected-level-help = write e.g. `level "independent"`
gate-bad-number = `{ $found }` is not a number
gate-bad-number-help = write a plain decimal number such as `15`, `0.6` or `-2.5`
gate-level-without-keyword = a level name needs the word `level` before it
gate-level-without-keyword-help = write `{ $name } { $op } level "{ $level }"`
gate-expected-threshold = expected a number or a level after `{ $op }`, found { $found }
gate-expected-threshold-help = write e.g. `{ $name } { $op } 15` or `{ $name } { $op } level "independent"`
gate-for-without-number = expected a number of months after `for`, found { $found }
gate-for-not-whole = `{ $found }` is not a whole number of periods
gate-for-help = write e.g. `for 6 months`, `for 2 quarters` or `for 1 year`
gate-bad-unit = expected months, quarters or years, found { $found }
gate-bad-unit-help = write e.g. `for { $n } months`
gate-window-zero = a condition cannot be held for zero periods
gate-window-zero-help = leave out `for` when the latest value is enough, or write at least `for 1 month`
gate-window-too-long = the window is longer than { $max } months
gate-window-too-long-help = write a shorter window
gate-name-case = { $name } has capital letters
gate-name-case-help = names are lowercase: write `{ $suggestion }`
gate-name-without-factor = { $name } does not say which factor it belongs to
gate-name-without-factor-help = name indicators as `factor.indicator`, e.g. `threat.{ $name }`
gate-bad-name = { $name } is not a name of the form `factor.indicator`
gate-bad-name-help = write one factor id, a dot and one indicator id, e.g. `threat.attacks_per_month`

## Names and types

gate-unknown-factor = { $name }: there is no factor `{ $factor }` in this case
gate-unknown-indicator = { $name }: factor `{ $factor }` has no such indicator
gate-did-you-mean = did you mean `{ $suggestion }`?
gate-known-names = known names: { $names }
gate-nothing-known = the case defines none yet
gate-unknown-level = scale `{ $scale }` has no level "{ $level }"
gate-kind-count = a count
gate-kind-share = a share
gate-kind-level = a level
gate-kind-number = a number
gate-level-for-number = { $name } is { $kind }, not a level
gate-level-for-number-help = compare it with a number, e.g. `{ $name } { $op } 15`
gate-number-for-level = { $name } is a level on scale `{ $scale }`, not a number
gate-number-for-level-help = compare it with a level, e.g. `{ $name } { $op } level "{ $level }"`
gate-number-for-level-help-plain = compare it with a level, e.g. `level "independent"`
gate-share-out-of-range = a share lies between 0 and 1, and { $value } does not
gate-share-as-percent-help = write { $percent }% as `{ $fraction }`
gate-share-range-help = write the share as a fraction between 0 and 1, e.g. `0.6`
gate-negative-count = { $name } is a count and is never below zero, so { $value } cannot be its threshold
gate-negative-count-help = write a threshold of 0 or more

## Sentences

gate-clause = { $indicator } { $comparison }
gate-clause-window = { $indicator } { $comparison } { $window }
gate-window = { PLURAL($n) ->
    [one] in the last month
   *[other] in each of the last { $n } months
}
gate-and = { $left }, and { $right }
gate-or = { $left }, or { $right }
gate-not = not ({ $inner })
gate-group = ({ $inner })
gate-empty-group = (nothing)
gate-level-value = level “{ $level }”
gate-value-unit = { $number } { $unit }
gate-cmp-lt = below { $value }
gate-cmp-le = at most { $value }
gate-cmp-gt = above { $value }
gate-cmp-ge = at least { $value }
gate-cmp-eq = exactly { $value }
gate-cmp-ne = other than { $value }

## Explaining an evaluation, one line per clause

gate-truth-met = met
gate-truth-not-met = not met
gate-truth-no-data = no data
gate-explain-sep = {"; "}
gate-list-sep = {", "}
gate-explain-head = { $truth }: { $indicator } in { $area }
gate-explain-latest = latest { $value } ({ $period })
gate-explain-no-data = no figures
gate-explain-needs = needs { $comparison }
gate-explain-needs-window = needs { $comparison } { $window }
gate-explain-held = held for { $held } { PLURAL($held) ->
    [one] month
   *[other] months
} (needs { $window } { PLURAL($window) ->
    [one] month
   *[other] months
})
gate-explain-not-held = does not hold at the latest value
gate-explain-missing = { $count } { PLURAL($count) ->
    [one] period
   *[other] periods
} without figures: { $periods }
gate-explain-inherited = figures of { $area }
gate-explain-illustrative = illustrative values
