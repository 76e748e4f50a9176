-- Challenges issued to delegation heads registering a signing key (issue 12): a head signs
-- the challenge with the new key to prove they hold it. Single use, ten minutes; spent or
-- stale rows are deleted. No audit entry: a challenge changes nothing in the record.
CREATE TABLE key_challenges (
    nonce      TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL,
    created_at TEXT NOT NULL
);
