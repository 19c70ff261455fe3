-- +goose Up
-- Audit entries are appended without hashes and sealed in sequence order by
-- a background sealer, so writers no longer queue on one chain lock. Rows
-- already present are sealed (hash <> '').

-- Writers draw their sequence number here. CACHE 1 (the default) hands
-- numbers out in order across sessions, which the sealer's gap rule relies on.
CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq;
SELECT setval('audit_log_seq', COALESCE((SELECT max(seq) FROM audit_log), 0) + 1, false);
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq');

-- The sealed head after each sealing pass; the same lines go to the anchor
-- file outside the database when one is configured.
CREATE TABLE audit_checkpoints (
    seq  BIGINT PRIMARY KEY,
    hash TEXT NOT NULL,
    at   TIMESTAMPTZ NOT NULL
);

-- A sequence number first seen missing while a later one had committed, and
-- when (database clock): it becomes a gap entry once every transaction that
-- was open then has ended.
CREATE TABLE audit_pending_gaps (
    seq     BIGINT PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL
);

-- The head as it stands is the first checkpoint, so the entries already
-- sealed are covered at once.
INSERT INTO audit_checkpoints (seq, hash, at)
SELECT seq, hash, CURRENT_TIMESTAMP FROM audit_log ORDER BY seq DESC LIMIT 1;

-- +goose Down
DROP TABLE audit_pending_gaps;
DROP TABLE audit_checkpoints;
ALTER TABLE audit_log ALTER COLUMN seq DROP DEFAULT;
DROP SEQUENCE audit_log_seq;
