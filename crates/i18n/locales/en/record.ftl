# The dialogue's record: co-signed minutes, keys, joint statement drafts (issue 6).

## Bundle problems

bundle-bad-public-key = `{ $value }` is not an Ed25519 public key
bundle-bad-public-key-help = write it as "ed25519:" followed by 64 hex digits, as `tahawul key new` prints it
bundle-bad-signature = `{ $value }` is not an Ed25519 signature
bundle-bad-signature-help = write it as "ed25519:" followed by 128 hex digits, as `tahawul minutes sign` prints it
bundle-bad-timestamp = `{ $value }` is not a time
bundle-bad-timestamp-help = write it as an RFC 3339 time in UTC, e.g. "2023-08-08T15:00:00Z"
bundle-signature-not-head = signature refused: { $person } is not a delegation head at round { $round }
bundle-signature-not-head-help = only the heads of this round's delegations sign its minutes ({ $heads }); remove this signature
bundle-signature-duplicate = signature refused: { $person } has already signed the minutes of round { $round }
bundle-signature-duplicate-help = keep one signature per head; remove this one
bundle-signature-no-key = signature refused: { $person } has no registered public key
bundle-signature-no-key-help = register the head's key first: add `public_key = "ed25519:…"` to the [[person]] { $person } in case.toml
bundle-signature-wrong-key = signature refused: the key that signed is not the registered key of { $person } (round { $round })
bundle-signature-wrong-key-help = the head must sign with the key registered for { $person } in case.toml; a new key must be registered there first
bundle-minutes-tampered = the minutes of round { $round } changed after { $person } signed them: the signature no longer verifies
bundle-minutes-tampered-help = run `tahawul minutes verify { $round }` to see what changed; if the change is agreed, the heads sign the new minutes

## Statement drafts

record-list-comma = {", "}
record-list-and = {" and "}
record-list-semicolon = {"; "}
record-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
record-date = { $day } { $month } { $year }
record-dates-one-day = on { $date }
record-dates-two-days = on { $first } and { $second } { $month } { $year }
record-dates-range = from { $from } to { $to }
record-statement-title = Joint statement (draft): { $round }
record-statement-delegation-led = the delegation of the { $party }, led by { $name }, { $title },
record-statement-delegation-unled = the delegation of the { $party }, whose head the record does not name,
record-statement-framework = {" "}under the { $framework }
record-statement-opening = In { $place }, { $dates }, { $delegations } held the { $round }{ $framework }.
record-statement-reaffirmations = Reaffirmations
record-statement-reaffirmations-intro = { $count ->
    [2] The two delegations reaffirmed the undertakings they had made at earlier rounds:
   *[other] The delegations reaffirmed the undertakings they had made at earlier rounds:
}
record-statement-commitments = Commitments
record-statement-party-commits = The { $party } commits to the following:
record-statement-joint-commits = { $count ->
    [2] Both sides commit jointly to the following:
   *[other] All delegations commit jointly to the following:
}
record-statement-next-steps = Next steps
record-statement-next-steps-intro = { $count ->
    [2] The two delegations decided:
   *[other] The delegations decided:
}
record-statement-note-minutes-verified = the minutes of the round are signed by every named head and verify
record-statement-note-minutes-not-verified = the minutes of the round are not signed by every named head, or do not verify
record-statement-note = Draft prepared from the commission's record of the round; { $minutes }. Each delegation reviews and edits its own language's text before release; the record's notes on its sources are for the editors, not for publication.

## Commands

record-cli-rounds-about = List the dialogue rounds with their heads, decisions, commitments and the state of their minutes
record-cli-minutes-about = Sign and verify the co-signed minutes of a round
record-cli-minutes-sign-about = Sign a round's minutes with a head's key file (passphrase from the terminal or TAHAWUL_PASSPHRASE)
record-cli-minutes-verify-about = Verify the signatures on the minutes of one round or of all rounds
record-cli-statement-about = Joint statements
record-cli-statement-draft-about = Draft a round's joint statement in Arabic or English from its decisions and commitments
record-cli-key-about = Signing keys of delegation heads
record-cli-key-new-about = Generate an Ed25519 key pair; the private key file is sealed with a passphrase
record-cli-arg-round = the round id, e.g. jscd-1
record-cli-arg-round-optional = the round id; every round when left out
record-cli-arg-key = the head's private key file (from `tahawul key new`)
record-cli-arg-out = where to write the private key file (the public key goes to FILE.pub)
record-cli-arg-append = append the signature to rounds.toml in the bundle instead of printing it
record-cli-arg-statement-lang = the statement's language: ar or en
record-cli-unknown-round = there is no round `{ $round }` (known: { $known })
record-count-decisions = { $count ->
    [one] 1 decision
   *[other] { $count } decisions
}
record-rounds-header = { $name }: { $count ->
    [one] 1 round
   *[other] { $count } rounds
}
record-rounds-line = { $name } ({ $id })
record-rounds-when = { $start } – { $end } · { $place }
record-rounds-heads = heads: { $heads }
record-rounds-head-unnamed = { $party }: head not named
record-rounds-counts = { $decisions } · { $commitments }
record-minutes-label = minutes: { $state }
record-minutes-unsigned = unsigned
record-minutes-partial = signed by { $signed } of { $heads } heads
record-minutes-verified = verified: signed by { $heads ->
    [2] both heads
   *[other] all { $heads } heads
}
record-minutes-verified-named = verified: signed by { $heads } of { $heads } named heads ({ $unnamed ->
    [one] one delegation's head is not named
   *[other] { $unnamed } delegations' heads are not named
})
record-minutes-tampered = TAMPERED: changed after signing
record-minutes-refused = REFUSED: a signature is not a head's registered key
record-minutes-illustrative = demo signatures, illustrative
record-verify-signature-ok = ✓ { $person } signed on { $at }: verifies
record-verify-signature-tampered = ✗ { $person } signed on { $at }: does not verify over the current minutes
record-verify-signature-refused = ✗ { $person }: { $reason }
record-verify-reason-not-head = refused, not a head of this round
record-verify-reason-no-key = refused, no registered key
record-verify-reason-wrong-key = refused, not the registered key
record-verify-reason-duplicate = refused, a second signature by the same head
record-verify-changed = changed since signing: { $part }
record-verify-added = added since signing: { $part }
record-verify-removed = removed since signing: { $part }
record-verify-no-parts = the signature does not record the parts it covered, so the change cannot be located
record-verify-signature-altered = every part is as it was at signing: the signature itself was altered
record-verify-failed = the minutes of { $count ->
    [one] 1 round do
   *[other] { $count } rounds do
} not verify: { $rounds }
record-verify-failed-help = a change to signed minutes needs the heads to sign again; a refused signature must be removed or made with the registered key
record-sign-key-not-registered = the key { $key } is not registered for any person in this case
record-sign-key-not-registered-help = add `public_key = "{ $key }"` to the head's [[person]] in case.toml first
record-sign-not-head = { $person } is not a delegation head at round { $round }, so cannot sign its minutes
record-sign-not-head-help = the heads of this round are: { $heads }
record-sign-appended = signature of { $person } appended to { $file } under round { $round }
record-sign-printed = # Signature of { $person } on the minutes of { $round }: append under that [[round]] in rounds.toml
record-sign-cannot-write = cannot write { $file }: { $detail }
record-key-passphrase = Passphrase for the key file:
record-key-passphrase-again = The same passphrase again:
record-key-passphrase-mismatch = the two passphrases differ
record-key-passphrase-empty = the passphrase is empty
record-key-passphrase-help = type it at the prompt, or set TAHAWUL_PASSPHRASE for scripts; never pass it as an argument
record-key-no-terminal = no terminal to ask for the passphrase, and TAHAWUL_PASSPHRASE is not set
record-key-exists = { $file } exists already; a key file is never overwritten
record-key-exists-help = choose another --out, or move the old file away first
record-key-written = private key sealed in { $file }; public key in { $pub }
record-key-public = public key: { $key }
record-key-register-help = register it: add `public_key = "{ $key }"` to your [[person]] in case.toml
record-key-cannot-read = cannot read key file { $file }: { $detail }
record-key-wrong-passphrase = wrong passphrase for { $file }
record-key-wrong-passphrase-help = the passphrase is the one given to `tahawul key new`; nothing was signed
record-key-bad-file = { $file } is not a Tahawul key file: { $detail }
record-key-cannot-write = cannot write { $file }: { $detail }

## The record on the server (issue 6): problems of the record API.
record-api-key-form = a public key is `ed25519:` followed by 64 hexadecimal digits
record-api-signature-form = a signature is `ed25519:` followed by 128 hexadecimal digits
record-api-sign-no-delegation = the { $party } delegation is not recorded at this round, so its head cannot sign these minutes
record-api-sign-head-not-named = the record names no head for the { $party } delegation at this round, so no one can sign for it
record-api-sign-no-registered-key = { $head } has no registered key: the secretariat registers a head's public key first
record-api-sign-wrong-key = this key is not the registered key of { $head }: the signature is refused and nothing was kept
record-api-sign-does-not-verify = the signature does not verify over the current minutes: they may have changed since you fetched them; fetch them again and sign
record-api-sign-already-signed = { $head } has already signed these minutes, and that signature verifies
record-api-lang = `{ $lang }` is not a language of the record: use ar or en
record-api-statement-too-long = the text is longer than { $max } characters
record-api-statement-empty = the text is empty
record-api-statement-none = this round has no statement yet: draft one first
record-api-statement-unchanged = the text is the same as in the newest version: nothing to keep
record-api-statement-stale = version { $newest } is now the newest: someone edited the statement in between; open it again and redo the change
record-api-bad-id = `{ $id }` is not an identifier: use lowercase letters, digits, - and _
record-api-consultation-nothing-to-release = the newest version is already released: edit the draft to make a new version first
record-consultation-reason-required = give your reasons: a dissent or a comment needs them
record-consultation-reason-too-long = the reasons are longer than { $max } characters
record-api-position = `{ $position }` is not a position: use comment, concur or dissent
record-api-status-evidence-required = say what shows the new status: a status change needs its evidence
record-api-status-evidence-too-long = the evidence is longer than { $max } characters
record-api-status-unknown-document = there is no document `{ $id }` in the record
record-api-status-unchanged = the commitment already has this status
record-api-status-range = { $status } is not a status: use 0 (not started), 1 (minimal), 2 (intermediate) or 3 (full)
record-api-link-unknown = there is no `{ $id }` in the record
record-cli-arg-server = a Tahawul server (http://host:port) to sign or verify the minutes it holds; the API token comes from TAHAWUL_TOKEN
record-cli-server-no-token = TAHAWUL_TOKEN is not set: create an API token on the server and put it in TAHAWUL_TOKEN
record-cli-server-url = `{ $url }` is not an http:// address
record-cli-server-url-help = the command speaks plain HTTP: run it on the server's machine, or through an SSH tunnel to it
record-cli-server-unreachable = cannot reach { $url }: { $detail }
record-cli-server-refused = the server answered { $status }: { $detail }
record-cli-server-bad-answer = { $url } did not send canonical minutes
record-cli-server-signed = signed the minutes of { $round } (digest { $digest }); the server verified the signature; minutes: { $state }
record-cli-server-signature-ok = ✓ { $person }: verifies here, with the registered key, over the server's canonical minutes
record-cli-server-signature-bad = ✗ { $person }: does not verify here with the registered key over the server's canonical minutes

record-frozen-assessment-submitted = this assessment is submitted: its content changes only through the workflow — a head returns it with reasons, the working group edits it, then submits again
record-frozen-assessment-endorsed = this assessment is endorsed by both delegations and is final: write a new assessment to supersede it
record-frozen-signatures-by-edit = signatures are added only by a head signing (POST /api/v1/rounds/{"{"}id{"}"}/minutes/signatures), which verifies them: send "signatures" exactly as stored
record-frozen-signed-round-deleted = this round's minutes carry signatures: the round stays in the record
record-frozen-signed-commitment-deleted = this commitment is in signed minutes: it stays in the record (record its status through the follow-up instead)
