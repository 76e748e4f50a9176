## rules messages (en): what every write of a record must respect, and the store's and
## the workflow's refusals, in words.
rules-text-control = The text holds a control character ({ $code }, character { $position }); such characters can rewrite a terminal or hide what a text says
rules-text-too-long = The text has { $count } characters; at most { $max } are allowed here
rules-text-help = Remove control and escape characters (tabs and line breaks are fine) and keep the text within its limit
rules-unknown-field = Unknown field `{ $field }`
rules-unknown-field-help = Remove it, or check its spelling against the API document
rules-unreadable = This value cannot be read: { $reason }
rules-unreadable-help = Give the value the type the API document states for this field
rules-id-mismatch = The body's id is `{ $body }`, not `{ $id }`
rules-id-mismatch-help = The id in the body must be the id in the address
rules-breaks-record = This change breaks { $kind } `{ $id }`: { $problem }
rules-breaks-record-help = Change that record first, or make this change so that it keeps holding
rules-in-use-help = This record is still in use: change or remove the record that refers to it first
rules-breaks-observations = This change breaks stored observations: { $problem }
rules-breaks-observations-help = Observations refer to this record; they are kept, so keep what they refer to
kind-record = record

store-actor-required = Every write needs the name of who makes it
store-state-unreadable = The state cannot be read: { $reason }
store-case-exists = This database already holds a case: import into an empty one
store-new-assessment-draft = A new assessment starts as a draft
store-state-by-workflow = The state changes through the workflow (submit, endorse, return), not by an edit
store-case-created-by-import = The case record is created by importing a case
store-case-not-deletable = The case record cannot be deleted
store-user-exists = User `{ $name }` exists already
store-no-party = There is no party `{ $party }` in the case
store-party-wrong-role = A { $role } belongs to a party whose role is { $want ->
    [delegation] delegation
   *[other] coalition partner
}
store-no-factor = There is no factor `{ $factor }` in the case
store-user-disabled = User `{ $name }` is disabled
store-bad-lang = `{ $value }` is not a language: use ar or en
store-bad-digits = `{ $value }` is not a kind of digits: use latin or arabic-indic
store-bad-email = `{ $value }` is not an e-mail address: write it as name@example.org, without spaces
store-bad-reminders = `{ $value }` is not a reminder setting: use off, daily or immediate
store-reminders-need-email = Reminders need an e-mail address: give one, or set reminders to off
store-bad-user-name = Use lowercase letters, digits, - and _ (at most 64)
store-display-name-empty = The display name must not be empty
store-password-short = The password must have at least { $min } characters
store-role-needs-party = A { $role } belongs to a party
store-member-needs-factor = A working-group member belongs to a factor's working group
store-only-members-have-factor = Only working-group members have a factor
store-statement-version-kept = A statement version is kept as written: write a new version instead
store-response-kept = A partner's answer is kept as written
store-released-version-frozen = A released version is frozen: a later edit makes a new version
store-follow-up-grows = A commitment's status history only grows: earlier changes stay as recorded
store-record-kept = This part of the record is kept: it cannot be deleted
store-released-version-kept = A released version is kept: it cannot be deleted
store-statement-version-id = A statement version's id is ROUND-vN (its round and number)
store-consultation-version-id = A consultation version's id is CONSULTATION-vN (its consultation and number)
store-reason-required = A dissent or a comment needs its reasons
store-reason-too-long = The reason is too long
store-scale-no-version = A scale needs at least one version
store-unknown-indicator = Unknown indicator { $indicator }
store-value-not-finite = The value is not a finite number
store-count-negative = A count cannot be negative ({ $value })
store-share-range = A share lies between 0 and 1 ({ $value })
store-level-range = A level is a rank from 1 to { $max } ({ $value })
store-unknown-reference = Unknown { $kind } { $id }
workflow-not-allowed = An assessment that is { $state ->
    [draft] a draft
    [submitted] submitted
    [endorsed] endorsed
   *[returned] returned
} cannot be { $action ->
    [submit] submitted
    [endorse] endorsed
   *[return] returned
}
workflow-not-a-delegation = `{ $party }` is not a delegation of the case
workflow-already-endorsed = Delegation `{ $party }` has already endorsed this submission
workflow-no-reasons = Returning an assessment needs reasons
rules-id-missing = The body needs a string `{ $field }` (its id)

## Accounts after they are made (issue 17): own password, resets, re-enabling
store-account-not-secretariat = Only the secretariat resets, enables or disables accounts
store-account-directory = `{ $name }` is a directory account: its password is kept by the organisation's directory (LDAP / Active Directory), not here. Change or reset it in the directory
store-account-oneself-disable = You cannot disable your own account; another member of the secretariat can
store-account-oneself-reset = You cannot reset your own password: change it on your settings page, giving the current one
store-password-wrong-current = The current password is not right; type the password you signed in with
store-password-same = The new password is the current one; choose a different one
