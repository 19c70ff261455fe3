-- +goose Up
-- Visits (SPEC §7): electronic visit verification. Events are appended and
-- keyed by the device's UUIDv7, so a replayed sync stores nothing twice; the
-- visits row is the state folded from them, kept for lists and the queue.
CREATE TABLE visit_events (
    id          TEXT PRIMARY KEY,             -- client UUIDv7: the idempotency key
    order_id    TEXT NOT NULL REFERENCES orders(id),
    kind        TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    worker_id   TEXT NOT NULL,
    device_time TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    body        TEXT NOT NULL,                -- the event as JSON
    digest      TEXT NOT NULL                 -- SHA-256 of the client's content: same id, other content is refused
);
CREATE INDEX visit_events_order ON visit_events(order_id, received_at);

CREATE TABLE visits (
    order_id        TEXT PRIMARY KEY REFERENCES orders(id),
    place_code      TEXT COLLATE "C" NOT NULL REFERENCES places(code),
    person_id       TEXT NOT NULL REFERENCES persons(id),
    worker_id       TEXT NOT NULL,
    provider_id     TEXT NOT NULL,
    day             TEXT NOT NULL,
    state           TEXT NOT NULL,            -- planned | in_progress | done | missed
    outcome         TEXT NOT NULL,            -- pending | verified | flagged | rejected
    started_at      TIMESTAMPTZ,              -- check-in, device time
    ended_at        TIMESTAMPTZ,              -- check-out, device time
    lat             DOUBLE PRECISION NOT NULL DEFAULT 0, -- check-in fix
    lon             DOUBLE PRECISION NOT NULL DEFAULT 0,
    missed_reason   TEXT NOT NULL DEFAULT '',
    conflicts       INTEGER NOT NULL DEFAULT 0,
    rating          INTEGER NOT NULL DEFAULT 0,
    flags           TEXT NOT NULL DEFAULT '[]',
    detail          TEXT NOT NULL DEFAULT '{}', -- the folded visit as JSON
    decision        TEXT NOT NULL DEFAULT '',  -- the supervisor's last decision as JSON
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX visits_place_outcome ON visits(place_code, outcome, day);
CREATE INDEX visits_worker_day ON visits(worker_id, day);
CREATE INDEX visits_provider_day ON visits(provider_id, day);
CREATE INDEX visits_person ON visits(person_id, day);
CREATE INDEX visits_fix ON visits(lat, lon);

-- Blobs are photos and signatures by SHA-256; their bytes live in the blob
-- store, this row holds what was read from them.
CREATE TABLE blobs (
    sha          TEXT PRIMARY KEY,
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    phash        BIGINT NOT NULL DEFAULT 0,
    taken_at     TIMESTAMPTZ,
    lat          DOUBLE PRECISION,
    lon          DOUBLE PRECISION,
    uploaded_by  TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE visit_photos (
    order_id  TEXT NOT NULL REFERENCES orders(id),
    sha       TEXT NOT NULL REFERENCES blobs(sha),
    stage     TEXT NOT NULL,                  -- before | after | signature
    event_id  TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    phash     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, sha, stage)
);
CREATE INDEX visit_photos_sha ON visit_photos(sha);
CREATE INDEX visit_photos_worker ON visit_photos(worker_id);

-- Supervisors' decisions on flagged visits: every one is kept.
CREATE TABLE visit_decisions (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders(id),
    action      TEXT NOT NULL,                -- clear | reject
    reason_code TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    by_user     TEXT NOT NULL,
    outcome_before TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX visit_decisions_order ON visit_decisions(order_id, at);

-- Verification rules as data; empty until the first edit, when
-- visit.DefaultRules are written.
CREATE TABLE visit_rules (
    code       TEXT PRIMARY KEY,
    severity   TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL,
    params     TEXT NOT NULL,
    messages   TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- One-time confirmation codes sent to the person's phone; only a hash is kept.
CREATE TABLE visit_codes (
    order_id   TEXT PRIMARY KEY REFERENCES orders(id),
    code_hash  TEXT NOT NULL,
    sent_to    TEXT NOT NULL,                 -- masked number
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Hospital stays end on a day; other feeds leave it empty.
ALTER TABLE feed_records ADD COLUMN end_date TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE feed_records DROP COLUMN end_date;
DROP TABLE visit_codes;
DROP TABLE visit_rules;
DROP TABLE visit_decisions;
DROP TABLE visit_photos;
DROP TABLE blobs;
DROP TABLE visits;
DROP TABLE visit_events;
