## audit messages (en). Each area keeps its own file.

## The Merkle log and its signed checkpoints (docs/storage.md).
audit-cli-checkpoint-about = Write the audit log's current signed checkpoint (tree size and root) to keep
audit-cli-arg-since = A checkpoint kept earlier: also prove that the current log extends it (consistency proof)
audit-cli-arg-output = Write the checkpoint to this file instead of printing it
audit-cli-arg-server = Ask this Tahawul server (http://…) instead of opening the database; the API token is read from TAHAWUL_TOKEN
audit-checkpoint-written = Checkpoint of { $origin } at { $size } entries written to { $file }. Keep it; later, `tahawul audit verify --since { $file }` proves the log only grew since.
audit-checkpoint-cannot-write = Cannot write the checkpoint to { $file }: { $detail }
audit-checkpoint-unreadable = Cannot read the kept checkpoint { $file }: { $detail }
audit-checkpoint-malformed = { $file }, line { $line }: this is not a checkpoint of a Tahawul audit log (origin, tree size, root hash, a blank line, the signature)
audit-checkpoint-forged = The kept checkpoint { $file } does not verify: its signature does not match its content, so it was altered after the log signed it
audit-checkpoint-forged-help = Use the checkpoint file exactly as `tahawul audit checkpoint` wrote it; an edited checkpoint proves nothing.
audit-checkpoint-other-key = The kept checkpoint { $file } is not signed by this log's key ({ $key })
audit-checkpoint-other-key-help = Either the checkpoint comes from another log, or the log's key was replaced since it was kept; a replaced key is itself a reason to ask the secretariat why.
audit-since-ok = The audit log extends the kept checkpoint { $file }: the consistency proof from { $from } to { $to } entries verifies.
audit-since-rewritten = The audit log does NOT extend the kept checkpoint { $file }: its first { $size } entries are not the ones the checkpoint signed. History was rewritten, even though every hash was recomputed.
audit-since-rewound = The audit log does NOT extend the kept checkpoint: it has { $current } entries, fewer than the { $kept } the checkpoint signed. Entries were removed (the log was rewound).
audit-since-other-log = The kept checkpoint is of the log { $kept }, but this log is { $current }.
audit-since-evidence-help = Keep this checkpoint and a copy of the database as evidence, and compare with the other delegation's kept checkpoints.
audit-log-key-failed = Cannot use the audit log's signing key { $path }: { $detail }
audit-server-bad-answer = { $url } did not send a signed audit checkpoint or a consistency proof
audit-api-past-size = { $field } ({ $value }) is past the log's current size ({ $size })
audit-api-from-after-to = from ({ $from }) must not be greater than to ({ $to })
