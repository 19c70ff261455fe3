-- +goose Up
-- Assessment templates are versioned data: a revision adds a row, never
-- changes one, so every assessment keeps the version that scored it.
CREATE TABLE assessment_templates (
    code       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE assessments (
    id               TEXT PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES persons(id),
    place_code       TEXT COLLATE "C" NOT NULL REFERENCES places(code),
    application_id   TEXT REFERENCES applications(id),
    template_code    TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    answers          TEXT NOT NULL,
    result           TEXT NOT NULL,
    tier             INTEGER NOT NULL,
    package          TEXT NOT NULL DEFAULT '',
    visits_per_month INTEGER NOT NULL DEFAULT 0,
    delegate         BOOLEAN NOT NULL DEFAULT FALSE,
    assessed_by      TEXT NOT NULL,
    at               TIMESTAMPTZ NOT NULL,
    next_due         TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (template_code, template_version) REFERENCES assessment_templates(code, version)
);
CREATE INDEX assessments_person ON assessments(person_id, at);
CREATE INDEX assessments_place_due ON assessments(place_code, next_due);
CREATE INDEX assessments_application ON assessments(application_id);

-- +goose Down
DROP TABLE assessments;
DROP TABLE assessment_templates;
