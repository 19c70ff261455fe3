-- +goose Up
CREATE TABLE needs (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES persons(id),
    place_code  TEXT NOT NULL REFERENCES places(code),
    category    TEXT NOT NULL,
    items       TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL,
    urgency     TEXT NOT NULL,
    assigned_to TEXT REFERENCES users(id),
    deadline    DATETIME,
    note        TEXT NOT NULL DEFAULT '',
    on_behalf   INTEGER NOT NULL DEFAULT 0,
    filed_by    TEXT NOT NULL,
    open_key    TEXT UNIQUE,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);
CREATE INDEX needs_place ON needs(place_code, status);
CREATE INDEX needs_person ON needs(person_id);

CREATE TABLE need_channels (
    need_id    TEXT NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
    channel    TEXT NOT NULL,
    source_ref TEXT NOT NULL DEFAULT '',
    at         DATETIME NOT NULL,
    PRIMARY KEY (need_id, channel, source_ref)
);
CREATE INDEX need_channels_channel ON need_channels(channel);

CREATE TABLE need_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    need_id TEXT NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
    at      DATETIME NOT NULL,
    actor   TEXT NOT NULL,
    kind    TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX need_events_need ON need_events(need_id, id);

-- +goose Down
DROP TABLE need_events;
DROP TABLE need_channels;
DROP TABLE needs;
