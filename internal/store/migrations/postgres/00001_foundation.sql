-- +goose Up
CREATE TABLE places (
    code    TEXT COLLATE "C" PRIMARY KEY,
    parent  TEXT COLLATE "C" REFERENCES places(code),
    level   INTEGER NOT NULL,
    name    TEXT NOT NULL,
    name_ug TEXT NOT NULL DEFAULT '',
    name_kk TEXT NOT NULL DEFAULT '',
    name_en TEXT NOT NULL DEFAULT '',
    kind    TEXT NOT NULL DEFAULT '',
    lat     DOUBLE PRECISION NOT NULL DEFAULT 0,
    lon     DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE INDEX places_parent ON places(parent);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL,
    place_code     TEXT COLLATE "C" NOT NULL REFERENCES places(code),
    language       TEXT NOT NULL DEFAULT 'zh-Hans',
    password_hash  TEXT NOT NULL,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TIMESTAMPTZ,
    demo           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE households (
    id         TEXT PRIMARY KEY,
    place_code TEXT COLLATE "C" NOT NULL REFERENCES places(code),
    address    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX households_place ON households(place_code);

CREATE TABLE persons (
    id              TEXT PRIMARY KEY,
    household_id    TEXT REFERENCES households(id),
    relation        TEXT NOT NULL DEFAULT '',
    place_code      TEXT COLLATE "C" NOT NULL REFERENCES places(code),
    name            TEXT NOT NULL,
    name_arabic     TEXT NOT NULL DEFAULT '',
    name_latin      TEXT NOT NULL DEFAULT '',
    search_text     TEXT NOT NULL,
    id_cipher       BYTEA NOT NULL,
    id_index        TEXT NOT NULL UNIQUE,
    id_masked       TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    sex             TEXT NOT NULL,
    ethnicity       TEXT NOT NULL,
    language        TEXT NOT NULL,
    disability_grade INTEGER NOT NULL DEFAULT 0,
    health_cipher   BYTEA,
    guardian_id     TEXT REFERENCES persons(id),
    address         TEXT NOT NULL DEFAULT '',
    lat             DOUBLE PRECISION NOT NULL DEFAULT 0,
    lon             DOUBLE PRECISION NOT NULL DEFAULT 0,
    phone           TEXT NOT NULL DEFAULT '',
    preferences     TEXT NOT NULL DEFAULT '{}',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX persons_place ON persons(place_code);
CREATE INDEX persons_household ON persons(household_id);
CREATE INDEX persons_village_birth ON persons(place_code, birth_date);

CREATE TABLE person_categories (
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    category  TEXT NOT NULL,
    PRIMARY KEY (person_id, category)
);
CREATE INDEX person_categories_category ON person_categories(category);

CREATE TABLE person_locations (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    place_code TEXT COLLATE "C" NOT NULL REFERENCES places(code),
    label      TEXT NOT NULL,
    lat        DOUBLE PRECISION NOT NULL DEFAULT 0,
    lon        DOUBLE PRECISION NOT NULL DEFAULT 0,
    valid_from TEXT NOT NULL,
    valid_to   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_locations_person ON person_locations(person_id, valid_from);

CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    place_code TEXT COLLATE "C" NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);

CREATE TABLE access_log (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    user_id    TEXT NOT NULL,
    username   TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    place_code TEXT COLLATE "C" NOT NULL,
    purpose    TEXT NOT NULL,
    full_id    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX access_log_person ON access_log(person_id, at);

-- +goose Down
DROP TABLE access_log;
DROP TABLE audit_log;
DROP TABLE person_locations;
DROP TABLE person_categories;
DROP TABLE persons;
DROP TABLE households;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE places;
