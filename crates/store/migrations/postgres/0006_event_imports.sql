-- Figures imported from conflict event datasets (issue 15): how many events stand behind
-- each, and where each batch came from. A new release of a dataset writes a new batch; the
-- earlier batches stay, so an indicator's history names the release of every value.
ALTER TABLE observations ADD COLUMN events BIGINT;    -- NULL: a figure not counted from events

CREATE TABLE event_imports (
    batch             BIGINT PRIMARY KEY REFERENCES observation_batches (id),
    definition        TEXT    NOT NULL,   -- the import definition's id (imports.toml)
    definition_digest TEXT    NOT NULL,   -- BLAKE3 of what the definition said then
    dataset           TEXT    NOT NULL,   -- ucdp-ged | acled
    release           TEXT    NOT NULL,   -- GED 23.1; ACLED: the download date
    file_digest       TEXT    NOT NULL,   -- BLAKE3 of the file read
    file_rows         BIGINT  NOT NULL,   -- data rows in the file
    counted           BIGINT  NOT NULL    -- rows counted into a figure
);
CREATE INDEX event_imports_by_definition ON event_imports (definition, file_digest);
