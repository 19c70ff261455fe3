-- +goose Up
-- Field survey rounds (线下排查) and their home-visit tasks. A routine round
-- repeats as a series: each occurrence is a round with the next seq.
CREATE TABLE survey_rounds (
    id             TEXT PRIMARY KEY,
    series_id      TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    place_code     TEXT NOT NULL REFERENCES places(code),
    categories     TEXT NOT NULL DEFAULT '[]',
    frequency_days INTEGER NOT NULL DEFAULT 0,
    starts_on      TEXT NOT NULL,
    due_days       INTEGER NOT NULL,
    status         TEXT NOT NULL,
    task_count     INTEGER NOT NULL DEFAULT 0,
    created_by     TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    started_at     DATETIME,
    UNIQUE (series_id, seq)
);
CREATE INDEX survey_rounds_place ON survey_rounds(place_code, starts_on);

CREATE TABLE survey_tasks (
    id          TEXT PRIMARY KEY,
    round_id    TEXT NOT NULL REFERENCES survey_rounds(id),
    person_id   TEXT NOT NULL REFERENCES persons(id),
    place_code  TEXT NOT NULL REFERENCES places(code),
    assigned_to TEXT REFERENCES users(id),
    due         DATETIME NOT NULL,
    status      TEXT NOT NULL,
    result      TEXT,
    need_ids    TEXT NOT NULL DEFAULT '[]',
    done_by     TEXT NOT NULL DEFAULT '',
    done_at     DATETIME,
    created_at  DATETIME NOT NULL,
    UNIQUE (round_id, person_id)
);
CREATE INDEX survey_tasks_place ON survey_tasks(place_code, status, due);
CREATE INDEX survey_tasks_assignee ON survey_tasks(assigned_to, status, due);

-- +goose Down
DROP TABLE survey_tasks;
DROP TABLE survey_rounds;
