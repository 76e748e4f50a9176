## Pages: work (issue 5/6). Keys start with "pages-work-".
## Assessments, users and roles, the audit log, settings, and the demo accounts of `serve --demo`.

pages-work-back = Go back
pages-work-back-dashboard = Back to the dashboard
pages-work-back-assessments = All assessments
pages-work-forbidden-title = Not allowed
pages-work-forbidden = Your role does not allow this. Nothing was changed. If you need it, ask the secretariat.
pages-work-not-found-title = Not found
pages-work-not-found = There is no such record, or it is not shared with you.
pages-work-conflict-title = Someone else changed this
pages-work-conflict = Someone else changed this record after you opened it, so your change was not saved. Open the current version, then make your change again.
pages-work-invalid-title = This cannot be saved
pages-work-invalid = Nothing was saved. Correct the following and try again:
pages-work-form-has-errors = Nothing was saved. Correct the fields below and send the form again:
pages-work-any = (any)
pages-work-none = (none)
pages-work-yes = yes
pages-work-nobody = nobody yet

pages-work-assessments-title = Assessments
pages-work-new-assessment = New assessment
pages-work-filter = Filter the assessments
pages-work-filter-apply = Show
pages-work-assessments-count = { $count ->
    [one] One assessment
   *[other] { $count } assessments
}
pages-work-assessment-title = { $factor }, { $area }, { $cycle }
pages-work-field-id = Identifier
pages-work-field-factor = Factor
pages-work-field-area = Area
pages-work-field-cycle = Period
pages-work-field-rating = Level
pages-work-field-state = State
pages-work-field-owner = Owner
pages-work-field-version = Version
pages-work-field-updated = Last changed
pages-work-field-narrative-en = Narrative in English
pages-work-field-narrative-ar = Narrative in Arabic
pages-work-field-evidence = Evidence (documents)
pages-work-field-reasons-en = Reasons in English
pages-work-field-reasons-ar = Reasons in Arabic
pages-work-hint-id = Lowercase letters, digits, - and _. Leave empty to use factor-area-period.
pages-work-hint-cycle = A month (2026-08), a quarter (2026-Q3) or a year (2026).
pages-work-hint-rating = A level on the chosen factor's scale.
pages-work-owner-draft = { $party } (draft, not shared)
pages-work-owner-commission = the commission
pages-work-illustrative = Illustrative
pages-work-narrative = Narrative
pages-work-no-evidence = No evidence is cited.
pages-work-no-documents = No document is shared with you.
pages-work-create-draft = Save the draft
pages-work-save-draft = Save the changes
pages-work-edit-title = Edit the draft
pages-work-submit-title = Submit to the delegation heads
pages-work-submit-help = Submitting shares the assessment with both delegations; their heads then endorse it or return it with reasons.
pages-work-submit = Submit
pages-work-review-title = Review
pages-work-endorse = Endorse for my delegation
pages-work-reasons-help = To return the assessment to its working group, say why (in English, Arabic or both).
pages-work-return = Return with reasons
pages-work-endorsed-by = Endorsed so far by
pages-work-history = Workflow history
pages-work-history-empty = No step yet: this is a draft.
pages-work-col-step = Step
pages-work-col-by = By
pages-work-col-when = When
pages-work-col-reasons = Reasons
pages-work-step-submit = submitted
pages-work-step-endorse = endorsed for { $party }
pages-work-step-return = returned by { $party }
pages-work-error-id = The identifier may use only lowercase letters, digits, - and _ (at most 64).
pages-work-error-id-taken = The identifier { $id } is taken. Choose another one.
pages-work-error-factor = Choose a factor your working group assesses.
pages-work-error-area = Choose an area of the case.
pages-work-error-cycle = “{ $given }” is not a period. Write a month (2026-08), a quarter (2026-Q3) or a year (2026).
pages-work-error-rating = Choose a level of the factor's scale: { $levels }.
pages-work-error-narrative-en = Write the narrative in English.
pages-work-error-narrative-ar = Write the narrative in Arabic.
pages-work-error-evidence = The document { $id } is not in the case.
pages-work-error-reasons = A return needs reasons: write them in English, Arabic or both.
pages-work-error-version = The form did not say which version it read. Open the page again and resend it.

pages-work-users-title = Users and roles
pages-work-users-count = { $count ->
    [one] One user
   *[other] { $count } users
}
pages-work-field-name = User name
pages-work-field-display-name = Name shown
pages-work-field-role = Role
pages-work-field-party = Party
pages-work-field-enabled = Account
pages-work-field-initial-password = Initial password
pages-work-hint-user-name = Lowercase letters, digits, - and _.
pages-work-hint-party = Required for delegation heads and members and for coalition partners.
pages-work-hint-factor = Required for working-group members, and only for them.
pages-work-hint-password = At least 12 characters. Give it to the user in person.
pages-work-user-enabled = enabled
pages-work-user-disabled = disabled
pages-work-col-actions = Actions
pages-work-disable = Disable
pages-work-disable-user = Disable { $name }
pages-work-new-user = New user
pages-work-create-user = Create the user
pages-work-tokens-title = API tokens in use
pages-work-tokens-empty = No API token is in use.
pages-work-col-label = Purpose
pages-work-col-prefix = Prefix
pages-work-col-created = Created
pages-work-revoke = Revoke
pages-work-revoke-token = Revoke the token { $prefix }
pages-work-error-role = Choose a role from the list.
pages-work-error-user-name = The user name may use only lowercase letters, digits, - and _ (at most 64).
pages-work-error-user-exists = There is already a user { $name }. Choose another name.
pages-work-error-display-name = Write the name to show.
pages-work-error-password = The password needs at least { $min } characters.
pages-work-error-party-needed = This role belongs to a party: choose one.
pages-work-error-factor-needed = A working-group member belongs to a factor's working group: choose the factor.
pages-work-error-factor-only-wg = Only working-group members have a factor: choose (none).
pages-work-error-user-field = { $field }: { $why }

pages-work-audit-title = Audit log
pages-work-chain-verified = The chain verifies: every entry up to seq { $seq } is intact.
pages-work-chain-broken = The chain does not verify: it breaks at seq { $seq }. Report this to the secretariat and keep a copy of the database.
pages-work-audit-empty = No entries here.
pages-work-audit-range = Entries { $first } to { $last }
pages-work-audit-pages = Pages of the audit log
pages-work-col-seq = Seq
pages-work-col-actor = Who
pages-work-col-action = Action
pages-work-col-record = Record
pages-work-previous = Previous entries
pages-work-next = Next entries

pages-work-settings-title = Settings
pages-work-settings-lang = Language of the pages
pages-work-settings-digits = Digits
pages-work-digits-latin = Latin digits (0123456789)
pages-work-digits-arabic-indic = Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩)
pages-work-settings-save = Save the settings
pages-work-settings-reminders = Reminders by e-mail
pages-work-settings-email = Your e-mail address
pages-work-settings-reminders-off = Off
pages-work-settings-reminders-daily = Once a day: a digest of your inbox
pages-work-settings-reminders-immediate = As soon as something needs me
pages-work-settings-reminders-hint = Reminders carry what your inbox shows you, in the language chosen above; nothing you may not see.
pages-work-settings-saved = Your settings are saved. They apply wherever you sign in.

pages-work-demo-created = Demo accounts created (for trying Tahawul only — not for real use). Every one has the password: { $password }
pages-work-demo-user = { $name } — { $role }
pages-work-demo-sign-in = Sign in at { $url }
pages-work-demo-released = { $count } records of the public record (the case's structure, rounds, commitments, documents, indicators and phases) were released to coalition partners, so the partner's demo account shows what a partner sees; assessments were not.
pages-work-demo-exists = The database already has users: no demo accounts were created.
pages-work-demo-arg = On a database without users, create one demo account per role and print their password (for trying Tahawul, not for real use)

## The inbox: what needs the signed-in person
pages-work-inbox-title = Inbox
pages-work-inbox-none = Nothing needs you now.
pages-work-inbox-count = { PLURAL($count) ->
    [one] One thing needs you.
   *[other] { $count } things need you.
}
pages-work-inbox-empty-why = Items come here when an assessment awaits your delegation's endorsement, an assessment is returned to your working group, a consultation is released to you, a commitment of your party is due within 30 days, a phase deadline is within three months, or minutes await your signature.
pages-work-inbox-overdue = Overdue
pages-work-inbox-endorse = Endorse or return the assessment of { $factor } in { $area } for { $cycle }
pages-work-inbox-returned = The assessment of { $factor } in { $area } for { $cycle } was returned to your working group
pages-work-inbox-returned-by = The assessment of { $factor } in { $area } for { $cycle } was returned to your working group by { $by }
pages-work-inbox-answer = Answer version { $version } of the consultation “{ $title }”
pages-work-inbox-commitment = Due { $due }: { $commitment }
pages-work-inbox-commitment-overdue = Was due { $due }: { $commitment }
pages-work-inbox-deadline = The phase “{ $phase }” should start by { $deadline }
pages-work-inbox-deadline-overdue = The phase “{ $phase }” should have started by { $deadline }
pages-work-inbox-sign = Sign the minutes of { $round }
pages-work-inbox-sign-again = Sign the minutes of { $round } again: they changed after your signature

## The audit log's actions in words (pages/work/audit.rs). $kind is the kind of record in
## words, $record its name (or id), $action the stored code.
pages-audit-minutes-sign = Signed the minutes of the round { $record }
pages-audit-key-register = Registered a signing key for { $record }
pages-audit-key-retire = Retired the signing key of { $record }
pages-audit-assessment-submit = Submitted the assessment { $record }
pages-audit-assessment-endorse = Endorsed the assessment { $record }
pages-audit-assessment-return = Returned the assessment { $record }
pages-audit-observations-insert = Added figures ({ $record })
pages-audit-token-create = Issued the API token { $record }
pages-audit-token-revoke = Revoked the API token { $record }
pages-audit-user-create = Created the account { $record }
pages-audit-user-disable = Disabled the account { $record }
pages-audit-user-settings = Changed the settings of { $record }
pages-audit-create = Created the { $kind } { $record }
pages-audit-update = Changed the { $kind } { $record }
pages-audit-delete = Deleted the { $kind } { $record }
pages-audit-import = Imported the { $kind } { $record }
pages-audit-other = { $action }: { $kind } { $record }
pages-audit-kind-case = case
pages-audit-kind-party = party
pages-audit-kind-person = person
pages-audit-kind-area = area
pages-audit-kind-factor = factor
pages-audit-kind-scale = scale
pages-audit-kind-publisher = publisher
pages-audit-kind-method = method
pages-audit-kind-indicator = indicator
pages-audit-kind-assessment = assessment
pages-audit-kind-phase = phase
pages-audit-kind-round = round
pages-audit-kind-commitment = commitment
pages-audit-kind-document = document
pages-audit-kind-scenario = scenario
pages-audit-kind-statement-version = statement version
pages-audit-kind-consultation = consultation
pages-audit-kind-consultation-version = consultation version
pages-audit-kind-consultation-response = consultation answer
pages-audit-kind-follow-up = follow-up
pages-audit-kind-decision-link = decision link
pages-audit-kind-observations = figures
pages-audit-kind-user = account
pages-audit-kind-token = API token
## The audit log's actions, short, for its filter.
pages-audit-name-create = Created
pages-audit-name-update = Changed
pages-audit-name-delete = Deleted
pages-audit-name-import = Imported
pages-audit-name-insert = Figures added
pages-audit-name-disable = Account disabled
pages-audit-name-settings = Settings changed
pages-audit-name-revoke = Token revoked
pages-audit-name-minutes-sign = Minutes signed
pages-audit-name-key-register = Signing key registered
pages-audit-name-key-retire = Signing key retired
pages-audit-name-assessment-submit = Assessment submitted
pages-audit-name-assessment-endorse = Assessment endorsed
pages-audit-name-assessment-return = Assessment returned
