-- Review, then accept (issue 16 item 4): a text submitted for review is kept as it was read —
-- the text itself with its SHA-256, its language, who submitted it and when, and what intake
-- proposed then (the document, the flags) — and each proposal with its review: pending until
-- the secretariat accepts it (the record it became, the document it cites, the reviewer's
-- edits) or rejects it (who, when and why). Nothing here is the record: an accepted proposal
-- is written as a record through the one write path, and this table says where it came from.
CREATE TABLE intakes (
    id           INTEGER PRIMARY KEY,  -- the next after the greatest, under the writers' lock
    digest       TEXT NOT NULL,   -- SHA-256 (hex) of the text
    lang         TEXT NOT NULL,   -- ar | en
    text         TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    report       TEXT NOT NULL    -- intake's report as read then (JSON: document, flags)
);
CREATE TABLE intake_proposals (
    intake      INTEGER NOT NULL REFERENCES intakes (id),
    n           INTEGER NOT NULL,   -- its place in the report, from 0
    proposal    TEXT    NOT NULL,   -- the proposal as read (JSON)
    state       TEXT    NOT NULL,   -- pending | accepted | rejected
    record_kind TEXT,               -- accepted: the record written or matched
    record_id   TEXT,
    document    TEXT,               -- accepted: the document the record cites
    edits       TEXT,               -- accepted: the reviewer's edits (JSON)
    reviewed_by TEXT,
    reviewed_at TEXT,
    reason      TEXT,               -- rejected: why
    PRIMARY KEY (intake, n)
);
