# Words shared across the product.
lang-name = English
commitments-count = { PLURAL($count) ->
    [one] { $count } commitment
   *[other] { $count } commitments
}
illustrative = illustrative
illustrative-note = Values marked illustrative are not public figures: they only illustrate the case.
commitment-status-not-started = not started
commitment-status-minimal = minimal
commitment-status-intermediate = intermediate
commitment-status-full = full
assessment-draft = draft
assessment-submitted = submitted
assessment-endorsed = endorsed
assessment-returned = returned
