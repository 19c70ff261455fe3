-- +goose Up
-- Resident self-application (SPEC §2): sign-in by phone number and one-time
-- code. Neither the number nor the code is stored in clear: phone_hash is the
-- keyed blind index of the number, code_hash a keyed hash of the code.
CREATE TABLE resident_codes (
    id         TEXT PRIMARY KEY,
    phone_hash TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    used       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX resident_codes_phone ON resident_codes(phone_hash, created_at);
CREATE INDEX resident_codes_created ON resident_codes(created_at);

CREATE TABLE resident_sessions (
    token_hash TEXT PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    phone_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX resident_sessions_expires ON resident_sessions(expires_at);

-- The people a session may file for, fixed at sign-in: those whose phone is
-- the number, and those whose guardian's phone is.
CREATE TABLE resident_session_persons (
    session_id TEXT NOT NULL REFERENCES resident_sessions(id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    own        BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX resident_session_persons_person ON resident_session_persons(person_id);

-- Finding the people of a phone number.
CREATE INDEX persons_phone ON persons(phone);
CREATE INDEX persons_guardian ON persons(guardian_id);

-- +goose Down
DROP INDEX persons_guardian;
DROP INDEX persons_phone;
DROP TABLE resident_session_persons;
DROP TABLE resident_sessions;
DROP TABLE resident_codes;
