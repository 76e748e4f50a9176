# tahawul backup / tahawul restore (crates/store/src/backup.rs, crates/cli/src/commands/backup.rs)
backup-cli-about = Copy the whole database (records, figures, users, audit log) to one file while the service runs
restore-cli-about = Load a backup into an empty database (SQLite or PostgreSQL, whichever it came from)
backup-cli-arg-file = The backup file
restore-cli-arg-force = Replace what the database holds (its records, users and audit log) with the backup
backup-written = Backup written to { $file }: { PLURAL($rows) ->
    [one] { $rows } row
   *[other] { $rows } rows
} in { PLURAL($tables) ->
    [one] { $tables } table
   *[other] { $tables } tables
}, up to audit entry { $seq }
restore-done = Restored { $file }: { PLURAL($rows) ->
    [one] { $rows } row
   *[other] { $rows } rows
} in { PLURAL($tables) ->
    [one] { $tables } table
   *[other] { $tables } tables
}, up to audit entry { $seq }; the audit log verifies
restore-audit-fails = Restored { $file }, but its audit log does not verify: { $error }
backup-target-not-empty = The database already holds records, users or audit entries
backup-target-not-empty-help = Restore into a new, empty database, or add --force to replace what it holds
backup-not-a-backup = This file is not a Tahawul backup (its first line does not say "tahawul-backup")
backup-not-a-backup-help = Give the file written by `tahawul backup`
backup-version = This backup's format version ({ $version }) is not one this Tahawul reads
backup-unreadable = The line cannot be read: { $error }
backup-truncated = The file ends early: a { $expected } line was expected
backup-truncated-help = The backup was cut short (a full disk, an interrupted copy): take it again, or use an earlier one
backup-bad-line = The line is not valid JSON: { $error }
backup-unexpected-table = The table { $expected } was expected here, with the columns this Tahawul writes
backup-no-count = The table line does not say how many rows follow
backup-bad-row = A row of { $table } must be a list of { $columns } values
backup-bad-value = A value of { $table }.{ $column } has the wrong type
backup-digest = The file's digest does not match its contents: it was changed or damaged after it was written
backup-digest-help = Use an undamaged copy of the backup; nothing was written
backup-trailing = Lines follow the end of the backup
backup-problem = { $at }: { $detail }
