-- +goose Up
-- Audit entries are appended without hashes and sealed in sequence order by
-- a background sealer, so writers no longer queue on one chain lock. Rows
-- already present are sealed (hash <> ''). Writers take max(seq) + 1: SQLite
-- has one writer at a time, so numbers are never skipped here.

-- The sealed head after each sealing pass; the same lines go to the anchor
-- file outside the database when one is configured.
CREATE TABLE audit_checkpoints (
    seq  INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    at   DATETIME NOT NULL
);

-- A sequence number first seen missing while a later one had committed, and
-- when: it becomes a gap entry once no transaction open then can commit it.
CREATE TABLE audit_pending_gaps (
    seq     INTEGER PRIMARY KEY,
    seen_at DATETIME NOT NULL
);

-- The head as it stands is the first checkpoint, so the entries already
-- sealed are covered at once.
INSERT INTO audit_checkpoints (seq, hash, at)
SELECT seq, hash, CURRENT_TIMESTAMP FROM audit_log ORDER BY seq DESC LIMIT 1;

-- +goose Down
DROP TABLE audit_pending_gaps;
DROP TABLE audit_checkpoints;
