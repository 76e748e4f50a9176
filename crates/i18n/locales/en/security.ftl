## security messages (en). Each area keeps its own file.

# tahawul serve
security-cli-arg-max-connections = Connections one address may hold open at once (default 64; raise it behind a reverse proxy, where every client has the proxy's address)

# tahawul export
security-cli-arg-export-party = Also export this delegation's own drafts (without it: the shared record only)
security-export-unknown-party = No party "{ $party }" in the case (known: { $known })
security-export-done-shared = Wrote the shared record to { $path } (no delegation's drafts)
security-export-done-party = Wrote the shared record and the drafts of { $party } to { $path }
