## Data entry on pages (issue 17): figures on an indicator's page, commitments on the ledger

pages-figures-link = Record figures
pages-figures-title = Record figures: { $indicator }
pages-figures-not-allowed-title = Not yours to record
pages-figures-not-allowed = Only the secretariat and the working group of its factor record the figures of { $indicator }.
pages-figures-other-factor = Your working group records only the figures of its own factor: leave out the rows of other factors' indicators.
pages-figures-recorded = { PLURAL($count) ->
    [one] { $count } figure recorded
   *[other] { $count } figures recorded
}
pages-figures-recorded-caption = The figures just recorded
pages-figures-see-indicator = See them on the indicator's page
pages-figures-one-title = One figure
pages-figures-one-refused = Nothing was recorded: correct the fields marked below.
pages-figures-period-hint = Written as { $example } for this indicator.
pages-figures-value-count = A whole number, 0 or more.
pages-figures-value-share = A share between 0 and 1: write 45% as 0.45.
pages-figures-value-number = A number; a decimal point, not a comma.
pages-figures-as-of = Stated on (the source's date)
pages-figures-document = Document (optional)
pages-figures-document-hint = The id of a document of the case that gives this figure, e.g. jscd-1-statement; leave empty if none.
pages-figures-illustrative = Illustrative: a value made up to show how the case works, not stated by a source
pages-figures-one-submit = Record the figure
pages-figures-csv-title = Many figures from a CSV
pages-figures-csv-intro = Paste rows below or choose a file, in the format of the bundle's observations and of `tahawul import observations`: the first row names the columns. The rows are recorded together or not at all: if any row is wrong, nothing is recorded and every wrong row is listed.
pages-figures-csv-refused = { PLURAL($count) ->
    [one] Nothing was recorded: { $count } problem to correct.
   *[other] Nothing was recorded: { $count } problems to correct.
}
pages-figures-row = Row { $row }
pages-figures-csv-text = CSV rows
pages-figures-csv-file = Or a CSV file (it is used instead of the rows above)
pages-figures-csv-submit = Record the figures
pages-figures-csv-unreadable = The form could not be read: send it again from this page.
pages-figures-csv-not-utf8 = { $file } is not UTF-8 text: save it as "CSV UTF-8" and choose it again.
pages-figures-csv-empty = Paste the rows or choose a file.

pages-commitment-new-link = Record a commitment
pages-commitment-new-title = Record a commitment
pages-commitment-back = Back to the commitment ledger
pages-commitment-recorded = Commitment { $id } recorded.
pages-commitment-see-ledger = See it in the ledger
pages-commitment-refused = Nothing was recorded: correct the fields marked below.
pages-commitment-id-taken = There is already a commitment { $id }: choose another identifier.
pages-commitment-id = Identifier
pages-commitment-id-hint = Lower-case letters, digits and hyphens, unique in the case, e.g. us-train-brigades-2026.
pages-commitment-parties = Who undertakes it
pages-commitment-text-en = What is undertaken, in English
pages-commitment-text-ar = What is undertaken, in Arabic
pages-commitment-theme-hint = A short identifier that groups commitments, e.g. force-protection; choose one already used where it fits.
pages-commitment-due = Due by (optional)
pages-commitment-note-en = Why that status, in English
pages-commitment-note-ar = Why that status, in Arabic
pages-commitment-sources = Documents that record it (optional)
pages-commitment-evidence = Evidence for its status (optional)
pages-commitment-documents-hint = Identifiers of documents of the case, separated by commas.
pages-commitment-shared = Share it with the other delegation now
pages-commitment-submit = Record the commitment
