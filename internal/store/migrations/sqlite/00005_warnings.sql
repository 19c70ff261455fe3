-- +goose Up
-- Data early warning (SPEC §2, channel 3; package warn).

-- Tokens with which a department's system uploads its feeds. Only a hash of
-- the token is kept; place_code is the area of the administrator who made it,
-- which bounds the people its uploads are matched against.
CREATE TABLE department_tokens (
    id           TEXT PRIMARY KEY,
    department   TEXT NOT NULL,
    label        TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    place_code   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME,
    revoked_at   DATETIME
);
CREATE INDEX department_tokens_place ON department_tokens(place_code);

-- One row per imported file; the same file (digest) of a kind is imported
-- once. report_cipher seals the unmatched ID numbers.
CREATE TABLE feed_imports (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    department    TEXT NOT NULL,
    digest        TEXT NOT NULL,
    place_code    TEXT NOT NULL,
    token_id      TEXT REFERENCES department_tokens(id),
    row_count     INTEGER NOT NULL,
    records_added INTEGER NOT NULL DEFAULT 0,
    hits          INTEGER NOT NULL DEFAULT 0,
    needs_filed   INTEGER NOT NULL DEFAULT 0,
    needs_merged  INTEGER NOT NULL DEFAULT 0,
    already_filed INTEGER NOT NULL DEFAULT 0,
    unmatched     INTEGER NOT NULL DEFAULT 0,
    uploaded_by   TEXT NOT NULL,
    at            DATETIME NOT NULL,
    report_cipher BLOB,
    UNIQUE (kind, digest)
);
CREATE INDEX feed_imports_place ON feed_imports(place_code, at);

-- Feed records, one per event: fingerprint is a keyed hash of the record's
-- warn fingerprint, so the same event imported again adds nothing. The ID
-- number is kept as its blind index; detail_cipher seals number, name and note.
CREATE TABLE feed_records (
    fingerprint    TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    import_id      TEXT NOT NULL REFERENCES feed_imports(id),
    line           INTEGER NOT NULL,
    id_index       TEXT NOT NULL,
    person_id      TEXT REFERENCES persons(id),
    event_date     TEXT NOT NULL,
    amount_fen     INTEGER NOT NULL DEFAULT 0,
    grade          INTEGER NOT NULL DEFAULT 0,
    household_size INTEGER NOT NULL DEFAULT 0,
    months         INTEGER NOT NULL DEFAULT 0,
    ref            TEXT NOT NULL DEFAULT '',
    detail_cipher  BLOB NOT NULL,
    created_at     DATETIME NOT NULL
);
CREATE INDEX feed_records_person ON feed_records(kind, id_index, event_date);
CREATE INDEX feed_records_import ON feed_records(import_id);

-- Warning rules as data; empty until the first edit, when warn.DefaultRules
-- are written.
CREATE TABLE warning_rules (
    code              TEXT PRIMARY KEY,
    feed              TEXT NOT NULL,
    threshold         INTEGER NOT NULL,
    window_days       INTEGER NOT NULL,
    target            TEXT NOT NULL DEFAULT '{}',
    category          TEXT NOT NULL DEFAULT '',
    urgency           TEXT NOT NULL,
    visit_within_days INTEGER NOT NULL,
    enabled           INTEGER NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    updated_by        TEXT NOT NULL DEFAULT '',
    updated_at        DATETIME NOT NULL
);

CREATE TABLE emergencies (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    declared_by  TEXT NOT NULL,
    declared_at  DATETIME NOT NULL,
    until        DATETIME NOT NULL,
    affected     INTEGER NOT NULL DEFAULT 0,
    needs_filed  INTEGER NOT NULL DEFAULT 0,
    needs_merged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX emergencies_declared ON emergencies(declared_at);

-- The townships of an emergency, for scoping lists in SQL.
CREATE TABLE emergency_townships (
    emergency_id TEXT NOT NULL REFERENCES emergencies(id) ON DELETE CASCADE,
    township     TEXT NOT NULL REFERENCES places(code),
    PRIMARY KEY (emergency_id, township)
);
CREATE INDEX emergency_townships_township ON emergency_townships(township);

-- A warning is filed once: its fingerprint is the channel's source reference.
CREATE INDEX need_channels_source ON need_channels(source_ref);

-- +goose Down
DROP INDEX need_channels_source;
DROP TABLE emergency_townships;
DROP TABLE emergencies;
DROP TABLE warning_rules;
DROP TABLE feed_records;
DROP TABLE feed_imports;
DROP TABLE department_tokens;
