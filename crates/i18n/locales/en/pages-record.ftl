## Pages: record (issue 5/6). Keys start with "pages-record-".
pages-record-back = Back
pages-record-back-to-round = Back to the round
pages-record-list-sep = {", "}
pages-record-all = all
pages-record-rounds-title = Dialogue rounds
pages-record-rounds-none = There is no round you may see: none is recorded, or none is released to your role.
pages-record-round = Round
pages-record-dates = Dates
pages-record-place = Place
pages-record-decisions = Decisions
pages-record-commitments = Commitments
pages-record-minutes = Minutes
pages-record-minutes-hidden = not shown: the minutes hold records you cannot see
pages-record-minutes-unsigned = unsigned
pages-record-minutes-partial = signed by { $signed } of { $heads } heads
pages-record-minutes-verified = verified: signed by { $heads ->
    [one] the one named head
   *[other] all { $heads } heads
}, every signature checks
pages-record-minutes-refused = refused: a signature is not a head's registered key
pages-record-minutes-tampered = changed after signing: the signatures no longer verify
pages-record-framework = Held under the { $framework }.
pages-record-statement-link = Joint statement
pages-record-head-unnamed = The record names no head for the { $party } delegation.
pages-record-changed-after-signing = These parts of the minutes changed after they were signed:
pages-record-part-changed = changed: { $part }
pages-record-part-added = added: { $part }
pages-record-part-removed = removed: { $part }
pages-record-no-signatures = No one has signed these minutes yet.
pages-record-signature-valid = verifies
pages-record-signature-tampered = does not verify over the current minutes
pages-record-signature-altered = (every part is as signed: the signature itself was altered)
pages-record-refused-not-head = refused: not a head of this round
pages-record-refused-no-key = refused: no registered key
pages-record-refused-wrong-key = refused: not the registered key
pages-record-refused-duplicate = refused: a second signature by the same head
pages-record-illustrative = demo signature
pages-record-digest = Digest of the canonical minutes (blake3):
pages-record-delegations = Delegations and attendance
pages-record-led-by = led by { $name }
pages-record-head-not-named = head not named in the record
pages-record-meetings = Meetings (agenda)
pages-record-attendance = Present:
pages-record-link-creates = created
pages-record-link-changes = changed
pages-record-link-phase = phase
pages-record-link-gate = the gate of phase
pages-record-sign-title = Sign as { $name }
pages-record-sign-explain = Your private key stays in this browser: it signs the canonical minutes fetched from the server, and the server checks the signature with your registered public key.
pages-record-sign-noscript = Signing in the browser needs JavaScript. Without it, sign with the command line: tahawul minutes sign ROUND --key FILE --server URL.
pages-record-sign-no-key = No key in this browser yet: generate one (then have the secretariat register its public key) or import the seed of your key.
pages-record-sign-key = Key in this browser:
pages-record-sign-not-registered = not your registered key: the server will refuse its signature
pages-record-sign-generate = Generate a key in this browser
pages-record-sign-seed = Import a key: its 32-byte seed as 64 hexadecimal digits
pages-record-sign-import = Import the key
pages-record-sign-button = Sign the minutes
pages-record-sign-signing = Signing…
pages-record-sign-signed = Signed: the server verified the signature.
pages-record-sign-unsupported = This browser cannot sign with Ed25519 (WebCrypto); use the command line.
pages-record-sign-bad-seed = A seed is 64 hexadecimal digits.
pages-record-statement-title = Joint statement: { $round }
pages-record-statement-none = This round has no statement yet.
pages-record-statement-draft = Draft it from the round's decisions and commitments
pages-record-statement-version = Version { $number } by { $author } ({ $party }), { $at }: { $changed }
pages-record-statement-first = draft from the record
pages-record-statement-changed = { $lang } text edited
pages-record-lang-ar = Arabic
pages-record-lang-en = English
pages-record-statement-edit = Edit
pages-record-statement-edit-explain = Each save keeps a new version with one language's text changed; earlier versions stay as they were.
pages-record-statement-save = Save the { $lang } text as a new version
pages-record-statement-versions = Versions
pages-record-compare-from = Compare version
pages-record-compare-to = with version
pages-record-compare = Compare
pages-record-compare-title = Version { $from } compared with version { $to }
pages-record-compare-legend = Struck-through words were removed; underlined words were added.
pages-record-commitments-title = Commitment ledger
pages-record-party = Party
pages-record-theme = Theme
pages-record-overdue = overdue only
pages-record-filter = Filter
pages-record-commitments-count = { $count ->
    [one] one commitment
   *[other] { $count } commitments
}
pages-record-commitment = Commitment
pages-record-due = Due
pages-record-status = Status
pages-record-overdue-mark = overdue
pages-record-history = History ({ $count ->
    [one] one change
   *[other] { $count } changes
})
pages-record-history-line = { $at }: { $from } → { $to }, by { $by }
pages-record-new-status = New status
pages-record-evidence = Evidence (required)
pages-record-evidence-documents = Documents of the record (ids, optional)
pages-record-change-status = Record the change
pages-record-share-title = Share fulfilled over time
pages-record-share-explain = The mean of status ÷ 3 over the commitments made by each month's end: 0% is nothing started, 100% every commitment fully met.
pages-record-share-party = Share fulfilled per party
pages-record-share-theme = Share fulfilled per theme
pages-record-share-desc = One line per group, month by month from the first round; the table below gives the latest values.
pages-record-share-table = Share fulfilled now
pages-record-group = Party or theme
pages-record-share-now = Share fulfilled
pages-record-consultations-title = Consultations
pages-record-consultations-none = No consultation to show.
pages-record-consultation-counts = { $versions ->
    [one] one version
   *[other] { $versions } versions
}, { $released } released, { $responses ->
    [one] one answer
   *[other] { $responses } answers
}
pages-record-consultation-new = New consultation
pages-record-consultation-id = Identifier (lowercase letters, digits, - and _)
pages-record-title-en = Title in English
pages-record-title-ar = Title in Arabic
pages-record-text-en = Recommendation in English
pages-record-text-ar = Recommendation in Arabic
pages-record-consultation-create = Create the draft
pages-record-summary-title = Summary of version { $version }
pages-record-summary-counts = { $concur ->
    [one] one concurrence
   *[other] { $concur } concurrences
}, { $dissent ->
    [one] one dissent
   *[other] { $dissent } dissents
}, { $comments ->
    [one] one comment
   *[other] { $comments } comments
}
pages-record-summary-concur = Concur:
pages-record-summary-dissent = Dissent, with reasons:
pages-record-version = Version { $number }
pages-record-released = released on { $at } by { $by }, frozen
pages-record-draft = draft, not released
pages-record-responses = Answers
pages-record-position-comment = comment
pages-record-position-concur = concur
pages-record-position-dissent = dissent
pages-record-respond-title = Your answer to version { $version }
pages-record-position = Position
pages-record-reason = Reasons (required to dissent or comment)
pages-record-respond = Record the answer
pages-record-edit-draft = Edit the draft
pages-record-edit-makes-version = The newest version is released and frozen: saving makes a new draft version.
pages-record-save-draft = Save the draft
pages-record-release = Release version { $number } to coalition partners
pages-record-col-consultation = Consultation
pages-record-col-versions = Versions
pages-record-col-released = Released
pages-record-col-responses = Answers
