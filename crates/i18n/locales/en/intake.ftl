## intake messages (en): reading a statement into proposals (issue 16).

intake-cli-about = read a statement or a news report of one and propose the record it holds (round, people, decisions, commitments), matched against the case; nothing is written
intake-cli-arg-file = the text file to read (UTF-8), or - for standard input
intake-cli-arg-in = the text's language (detected when not given)
intake-cli-arg-server = read on a Tahawul server (http://…), with the API token from TAHAWUL_TOKEN, instead of a local case
intake-cli-cannot-read = cannot read { $file }: { $detail }
intake-cli-not-utf8 = { $file } is not UTF-8 text (invalid bytes at byte { $at })
intake-cli-not-utf8-help = save the text as UTF-8 (for example with iconv -f WINDOWS-1256 -t UTF-8)
intake-error-empty = the text is empty
intake-error-empty-help = give a file with the statement's text
intake-error-too-large = the text is { $bytes } bytes; intake reads at most { $limit }
intake-error-too-large-help = read one statement at a time
intake-document = Document: { $language }, { $chars } characters; outlet: { $outlet }; date: { $date }
intake-document-known = Same outlet as record documents: { $ids }
intake-unknown = not given
intake-lang-ar = Arabic
intake-lang-en = English
intake-round = Round: { $name } ({ $id }), { $start } – { $end }{ $place }
intake-round-new = Round not in the record: { $start } – { $end } (at { $at })
intake-round-none = No round or event recognised
intake-people = People named ({ $count })
intake-person = { $name } ({ $id }), { $office } — “{ $quote }” at { $at }
intake-statements = Decisions and commitments ({ $count })
intake-none = none
intake-kind-commitment = commitment
intake-kind-decision = decision
intake-restates = { $kind }, restates { $ids } (confidence { $confidence })
intake-new = { $kind }, NEW — not in the record (confidence { $confidence })
intake-parties = parties: { $parties }
intake-due = due: { $due }
intake-theme = theme: { $theme }
intake-quote = at { $at }: “{ $quote }”
intake-also = also at { $at }
intake-differs = differs ({ $field }): record { $record }; text { $text }
intake-flags = Flags ({ $count })
intake-flag-translation-error = translation error
intake-flag-unknown-name = name not in the record
intake-flag-conflict = conflict with the record
intake-flag-invalid-date = no such date
intake-flag = { $kind } at { $at }: “{ $quote }”
intake-flag-means = stands for: { $meaning }
intake-proposes-only = Proposals only: nothing was written to the record.
intake-cli-arg-compare = compare FILE with this other text sentence by sentence instead (no case needed)
intake-compare-pairs = Sentences in both texts ({ $count })
intake-compare-similarity = similarity { $similarity }
intake-compare-first = first text at { $at }: “{ $quote }”
intake-compare-second = second text at { $at }: “{ $quote }”
intake-compare-numbers = numbers only in the first: { $first }; only in the second: { $second }
intake-compare-words = words only in the first: { $first }; only in the second: { $second }
intake-compare-only-first = Only in the first text ({ $count })
intake-compare-only-second = Only in the second text ({ $count })
intake-field-dates = dates
intake-field-due = due date
intake-field-numbers = numbers
intake-field-parties = parties
intake-field-name = spelling of the name
intake-field-wording = wording

## Review, then accept (issue 16 item 4).
intake-review-none = name at least one proposal
intake-review-no-proposal = there is no proposal {$index}: this text has {$count} proposals, numbered from 0
intake-review-not-pending = proposal {$index} is already {$state}; only pending proposals are reviewed (submit the text again to review it afresh)
intake-review-twice = proposal {$index} is named twice in this request
intake-review-reason-required = say why the proposals are rejected: the reason is kept with who rejected them
intake-review-id-taken = the record {$id} exists already; give the new commitment another id (edits.id), or accept the proposal as a match of that record
intake-review-no-match = the record {$id} this proposal was matched to is not in the record any more
intake-review-nothing-to-accept = nothing to accept: the proposal neither gives a record nor restates one
intake-review-kind = a {$kind} proposal cannot be accepted here yet: only commitments become records from intake (record rounds, decisions and people on their own pages)
intake-review-no-round = which round records this commitment? Give edits.round (a round of the case)
intake-review-no-party = which party undertakes this commitment? Give edits.parties
intake-review-no-theme = which theme does this commitment belong to? Give edits.theme
intake-review-no-text = the commitment's wording is missing in {$lang}: give edits.text.{$lang}
intake-review-bad-due = the due date {$due} is not a date (YYYY-MM or YYYY-MM-DD)
intake-review-bad-id = {$id} is not a record id (lower-case letters, digits and hyphens)
intake-review-no-document = the document {$id} is not in the record

## The review pages (/intake).
pages-intake-title = Statements for review
pages-intake-intro = Paste a joint statement or a news report of one. Intake proposes the records it holds; nothing enters the record until the secretariat accepts it.
pages-intake-text = Text (Arabic or English)
pages-intake-lang = Language
pages-intake-lang-detect = Detect
pages-intake-submit = Submit for review
pages-intake-kept = Texts kept for review
pages-intake-none = No text has been submitted for review yet.
pages-intake-submitted-by = Submitted by
pages-intake-at = When
pages-intake-pending = Pending
pages-intake-accepted = Accepted
pages-intake-rejected = Rejected
pages-intake-one-title = Text for review no. {$id}
pages-intake-flags = Flags
pages-intake-select = Select
pages-intake-kind = Kind
pages-intake-proposal = Proposal
pages-intake-quote = Where in the text
pages-intake-state = Review
pages-intake-party = Parties
pages-intake-due = Due
pages-intake-matches = Restates
pages-intake-edit = Edit before accepting
pages-intake-edit-en = Wording (English)
pages-intake-edit-ar = Wording (Arabic)
pages-intake-theme = Theme
pages-intake-round = Round
pages-intake-id = Record id
pages-intake-edits-hint = Accepting a proposal that restates a record, without edits, records the match; with edits it becomes a new commitment. A rejection needs a reason and is final.
pages-intake-reason = Reason for rejecting
pages-intake-accept = Accept selected
pages-intake-reject = Reject selected
pages-intake-back = All texts for review

## The CLI's --submit.
intake-cli-arg-submit = keep the text and its proposals on the server (--server) for the secretariat to accept or reject; nothing enters the record until then
intake-cli-submitted = Kept for review as text no. {$id} with {$count} proposals; nothing is in the record yet. Review at {$url}
intake-cli-accept-about = accept proposals of a text kept for review (the secretariat): each becomes a record through the same rules as every write, all or nothing
intake-cli-reject-about = reject proposals of a text kept for review (the secretariat), with the reason kept beside who and when
intake-cli-arg-id = the number of the text kept for review (printed by --submit, listed at /intake)
intake-cli-arg-proposals = the proposals' numbers in that text, from 0, separated by commas
intake-cli-arg-document = the record's document the new records cite (default: a document made from the text)
intake-cli-arg-reason = why they are rejected (required)
intake-cli-accepted = Proposal {$index}: accepted as {$kind} {$record}
intake-cli-reviewed = Proposal {$index}: { $state ->
    [accepted] accepted
    [rejected] rejected
   *[other] still pending
}
