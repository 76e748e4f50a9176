# The web service and its commands (English)
api-unauthenticated = Sign in, or send an API token as Authorization: Bearer …
api-login-failed = The user name or the password is wrong, or the account is disabled.
api-forbidden = Your role does not allow this.
api-csrf = This request needs your session's token in the X-CSRF-Token header.
api-not-found-title = Not found
api-not-found = Not found: { $what }
api-conflict-title = The record changed since you read it
api-conflict = The record is now at version { $current }; read it again and make your change on that version. Nothing was changed.
api-conflict-gone = The record no longer exists. Nothing was changed.
api-version-required = Say which version you read, in an If-Match header or a "version" field.
api-bad-request = The request cannot be read
api-invalid = The request breaks a rule
api-rejected = Rows were rejected; nothing was written
api-gate-invalid = The gate text is not valid
api-too-large = The request body is too large
api-unsupported-media-type = Wrong media type
api-unsupported-media-type-detail = Send the body as { $expected }.
api-no-route = There is no such endpoint
api-method-not-allowed = This endpoint does not take that method
api-internal = Something went wrong on the server; it has been logged
api-unavailable = The database is not answering just now; nothing was changed. Try again in a few seconds
api-storage-full = The server's disk is full, so nothing was stored; an operator must free space
api-problem-count = { PLURAL($count) ->
    [one] One problem; see errors.
   *[other] { $count } problems; see errors.
}
service-cli-serve-about = Serve the JSON API (imports the founding case into an empty database first)
service-cli-init-about = Create a database from a case bundle
service-cli-export-about = Write the stored case back as a bundle
service-cli-import-about = Import observations from a CSV file, all or nothing
service-cli-user-about = Manage users: add, list, disable
service-cli-audit-about = Verify the audit log's hash chain
service-cli-arg-database = Database: sqlite://PATH (default sqlite://tahawul.db) or postgres://…
service-cli-arg-bind = Address to listen on (default 127.0.0.1:8080)
service-cli-arg-insecure-cookies = Send the session cookie without Secure (plain HTTP behind a proxy on loopback only)
service-cli-arg-example = A shipped example case (iraq-hmc)
service-serve-listening = Serving { $case } on http://{ $addr } (database: { $database })
service-serve-imported = The database was empty: imported the founding case ({ $records } records, { $observations } observations)
service-serve-stopped = Stopped; every request in flight was answered.
service-db-failed = The database failed: { $detail }
service-bind-failed = Cannot listen on { $addr }: { $detail }
service-init-done = Created the database with case { $case }: { $records } records, { $observations } observations, { $entries } audit entries
service-init-not-empty = This database already holds a case; use an empty database
service-unknown-example = There is no shipped example { $name }; the examples are: iraq-hmc
service-export-done = Wrote the case bundle to { $path }
service-export-failed = Cannot write { $path }: { $detail }
service-import-done = { PLURAL($count) ->
    [one] Imported one observation
   *[other] Imported { $count } observations
}
service-import-unreadable = Cannot read { $path }: { $detail }
service-import-rows-rejected = { PLURAL($count) ->
    [one] One row was rejected; nothing was imported
   *[other] { $count } rows were rejected; nothing was imported
}
service-user-password-prompt = Password for { $name } (at least 12 characters):
service-user-password-missing = Give the password on standard input (it is never taken from the command line)
service-user-added = Added user { $name } ({ $role })
service-user-disabled = Disabled user { $name }
service-user-invalid = { $field }: { $detail }
service-user-unknown-role = There is no role { $role }; the roles are: { $known }
service-user-count = { PLURAL($count) ->
    [one] One user
   *[other] { $count } users
}
service-user-disabled-mark = disabled
service-audit-ok = { PLURAL($count) ->
    [one] The audit log verifies: one entry, head { $head }
   *[other] The audit log verifies: { $count } entries, head { $head }
}
service-audit-broken = The audit log does not verify: { $detail }
service-login-rate-limited-title = Too many failed sign-ins
service-login-rate-limited = { PLURAL($minutes) ->
    [one] Too many failed sign-ins for this name or from this address. Try again in one minute.
   *[other] Too many failed sign-ins for this name or from this address. Try again in { $minutes } minutes.
}

# Reminders by e-mail (reminders.rs)
mail-bad-smtp-url = `{ $url }` is not an SMTP address Tahawul can use ({ $why }): write smtp://host:port, smtp://host:587?tls=required or smtps://host
mail-bad-from = `{ $value }` is not an address mail can come from: write it as Tahawul <tahawul@example.org>
mail-subject = { PLURAL($count) ->
    [one] Tahawul: one thing needs you
   *[other] Tahawul: { $count } things need you
}
mail-digest-intro = What needs you in Tahawul on { $date }:
mail-immediate-intro = Something new needs you in Tahawul:
mail-more = Your inbox holds { $count } items in all: { $url }
mail-footer = You receive this because reminders are on in your settings: { $url }
mail-cli-remind-about = Send the reminders due now by e-mail: each person's inbox, to the address in their settings (for cron; `serve --smtp` sends them every minute)
mail-cli-arg-smtp = The SMTP server reminders go through: smtp://host:port (a local relay), smtp://host:587?tls=required (STARTTLS) or smtps://host, with user:password@ for AUTH
mail-cli-arg-from = Whom reminders come from
mail-cli-arg-public-url = The address people open Tahawul at, for the links in reminders
mail-cli-arg-digest-hour = The hour (UTC, 0–23) from which daily digests go
mail-cli-no-smtp = Give the SMTP server with --smtp URL
mail-cli-sent = Reminders sent: { $messages }. People reached: { $people }.
mail-cli-failed = Not sent to { $name }: { $why }
mail-cli-some-failed = { PLURAL($count) ->
    [one] One person could not be sent to.
   *[other] { $count } people could not be sent to.
}
mail-cli-some-failed-help = Nothing was marked as sent for them: the next run tries again. Check the SMTP server and their address.
api-must-change-password-title = Change your password first
api-must-change-password = Your password was reset by the secretariat. Change it with POST /api/v1/me/password (current_password, new_password) before anything else
service-user-enabled = Enabled user { $name }: they can sign in again, and their tokens that were not revoked work again
service-user-reset = Reset the password of { $name }: they must change it when they next sign in; their sessions are ended, their API tokens kept
service-user-directory-mark = directory
service-user-must-change-mark = must change password
