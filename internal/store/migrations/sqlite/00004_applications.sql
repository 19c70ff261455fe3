-- +goose Up
CREATE TABLE applications (
    id              TEXT PRIMARY KEY,
    need_id         TEXT NOT NULL REFERENCES needs(id),
    person_id       TEXT NOT NULL REFERENCES persons(id),
    place_code      TEXT NOT NULL REFERENCES places(code),
    state           TEXT NOT NULL,
    urgent          INTEGER NOT NULL DEFAULT 0,
    applicant       TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL,
    entered         DATETIME NOT NULL,
    started         DATETIME NOT NULL,
    due             DATETIME,
    notice_ends     DATETIME,
    open_objections INTEGER NOT NULL DEFAULT 0,
    appeals         INTEGER NOT NULL DEFAULT 0,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX applications_place ON applications(place_code, state);
CREATE INDEX applications_need ON applications(need_id);
CREATE INDEX applications_due ON applications(due);

CREATE TABLE application_steps (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    from_state     TEXT NOT NULL,
    to_state       TEXT NOT NULL,
    action         TEXT NOT NULL,
    role           TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    at             DATETIME NOT NULL
);
CREATE INDEX application_steps_app ON application_steps(application_id, id);

CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             DATETIME NOT NULL,
    place_code     TEXT NOT NULL,
    role           TEXT NOT NULL,
    application_id TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL,
    msg_key        TEXT NOT NULL,
    args           TEXT NOT NULL DEFAULT '{}',
    read_at        DATETIME
);
CREATE INDEX notifications_role ON notifications(role, place_code, id);

-- +goose Down
DROP TABLE notifications;
DROP TABLE application_steps;
DROP TABLE applications;
