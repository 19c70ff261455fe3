-- +goose Up
-- From decision to provider (SPEC §5–§7): the service catalogue, the resource
-- library, matching, service plans, work orders and daily routes.

-- The catalogue is versioned data: a change adds a row with the next version
-- and never rewrites one, so orders keep the version and price they were made
-- with. The current item is the row with the highest version.
CREATE TABLE catalog_items (
    code           TEXT NOT NULL,
    version        INTEGER NOT NULL,
    project        TEXT NOT NULL,            -- skills | care | housekeeping | children
    kind           TEXT NOT NULL,            -- basic (必选基础) | special (特色/个性化)
    name           TEXT NOT NULL,            -- Chinese name; translations in names
    names          TEXT NOT NULL DEFAULT '{}', -- {"ug": …, "kk-Arab": …, "en": …}
    content        TEXT NOT NULL DEFAULT '',
    standard       TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL,            -- visit | hour | session
    price_fen      INTEGER NOT NULL,
    minutes        INTEGER NOT NULL,         -- planned length of one unit
    times          INTEGER NOT NULL,         -- typical frequency: times …
    every_weeks    INTEGER NOT NULL,         -- … every n weeks
    person_groups  TEXT NOT NULL DEFAULT '[]', -- eligible person categories
    tiers          TEXT NOT NULL DEFAULT '[]', -- eligible tiers, [] = all
    worker_kinds   TEXT NOT NULL DEFAULT '[]', -- provider/worker types allowed
    funding        TEXT NOT NULL,            -- e.g. civil_affairs, lottery, county
    cert           TEXT NOT NULL DEFAULT '', -- certification a worker must hold
    food           BOOLEAN NOT NULL DEFAULT FALSE, -- halal rules apply
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    note           TEXT NOT NULL DEFAULT '', -- why this version was made
    created_by     TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    PRIMARY KEY (code, version)
);

-- Which items an assessment package (assess: care.intensive, …) becomes in a
-- plan, and how often.
CREATE TABLE catalog_packages (
    package     TEXT NOT NULL,
    item_code   TEXT NOT NULL,
    times       INTEGER NOT NULL,
    every_weeks INTEGER NOT NULL,
    PRIMARY KEY (package, item_code)
);

-- The resource library (服务资源库).
CREATE TABLE providers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,               -- social_org | company | public_institution
    place_code  TEXT NOT NULL REFERENCES places(code), -- where registered
    credit_code TEXT NOT NULL DEFAULT '',    -- unified social credit code
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    halal       BOOLEAN NOT NULL DEFAULT FALSE, -- may serve food items to halal households
    stars       INTEGER NOT NULL DEFAULT 0,  -- star level 0–5
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);
CREATE INDEX providers_place ON providers(place_code);

CREATE TABLE workers (
    id          TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES providers(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,               -- social_worker | volunteer | therapist | housekeeper
    sex         TEXT NOT NULL,               -- M | F (person.Sex)
    languages   TEXT NOT NULL DEFAULT '[]',  -- person.Languages codes
    capacity    INTEGER NOT NULL,            -- units (visits) per week
    place_code  TEXT NOT NULL REFERENCES places(code), -- base
    lat         REAL NOT NULL DEFAULT 0,
    lon         REAL NOT NULL DEFAULT 0,
    rating      INTEGER NOT NULL DEFAULT 0,  -- 0–500: stars × 100
    phone       TEXT NOT NULL DEFAULT '',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);
CREATE INDEX workers_provider ON workers(provider_id);
CREATE INDEX workers_place ON workers(place_code);

CREATE TABLE worker_items (
    worker_id TEXT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    item_code TEXT NOT NULL,
    PRIMARY KEY (worker_id, item_code)
);
CREATE INDEX worker_items_item ON worker_items(item_code);

-- Coverage is a set of place subtrees (a township covers its villages).
CREATE TABLE worker_coverage (
    worker_id  TEXT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    place_code TEXT NOT NULL REFERENCES places(code),
    PRIMARY KEY (worker_id, place_code)
);
CREATE INDEX worker_coverage_place ON worker_coverage(place_code);

CREATE TABLE worker_certs (
    worker_id TEXT NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    cert      TEXT NOT NULL,                 -- e.g. rehab_therapist, social_worker, health_cert
    number    TEXT NOT NULL DEFAULT '',
    expires   TEXT NOT NULL,                 -- YYYY-MM-DD, valid through that day
    PRIMARY KEY (worker_id, cert)
);

-- Provider staff accounts belong to an organisation; field staff to a worker.
ALTER TABLE users ADD COLUMN provider_id TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN worker_id TEXT NOT NULL DEFAULT '';

-- Service plans (服务计划): an approved package as items with frequencies.
CREATE TABLE plans (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES persons(id),
    place_code     TEXT NOT NULL REFERENCES places(code),
    application_id TEXT REFERENCES applications(id),
    package        TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL,            -- active | paused | cancelled | ended
    starts_on      TEXT NOT NULL,            -- YYYY-MM-DD
    ends_on        TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD, '' = open-ended
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX plans_place ON plans(place_code, state);
CREATE INDEX plans_person ON plans(person_id);
CREATE UNIQUE INDEX plans_application ON plans(application_id);

CREATE TABLE plan_items (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    item_code    TEXT NOT NULL,
    times        INTEGER NOT NULL,           -- times …
    every_weeks  INTEGER NOT NULL,           -- … every n weeks
    minutes      INTEGER NOT NULL,
    window_from  INTEGER NOT NULL DEFAULT 540,  -- minutes after local midnight
    window_to    INTEGER NOT NULL DEFAULT 1080,
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    UNIQUE (plan_id, item_code)
);

-- History of a plan: every change with its reason, before and after.
CREATE TABLE plan_changes (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id  TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    at       DATETIME NOT NULL,
    actor_id TEXT NOT NULL,
    action   TEXT NOT NULL,
    reason   TEXT NOT NULL DEFAULT '',
    before_json TEXT NOT NULL DEFAULT '{}',
    after_json  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX plan_changes_plan ON plan_changes(plan_id, id);

-- Matching (精准对接). A run is a preview until confirmed; its assignments
-- then become current. One weekly unit of a plan item is one demand.
CREATE TABLE match_runs (
    id           TEXT PRIMARY KEY,
    place_code   TEXT NOT NULL REFERENCES places(code),
    kind         TEXT NOT NULL,              -- full | incremental
    state        TEXT NOT NULL,              -- preview | confirmed | discarded
    stats        TEXT NOT NULL DEFAULT '{}', -- demands, assigned, cost, seconds, …
    created_by   TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    decided_by   TEXT NOT NULL DEFAULT '',
    decided_at   DATETIME
);
CREATE INDEX match_runs_place ON match_runs(place_code, created_at);

CREATE TABLE assignments (
    id            TEXT PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES match_runs(id),
    plan_item_id  TEXT NOT NULL REFERENCES plan_items(id),
    unit          INTEGER NOT NULL,          -- 0 … weekly units − 1
    person_id     TEXT NOT NULL REFERENCES persons(id),
    place_code    TEXT NOT NULL REFERENCES places(code),
    item_code     TEXT NOT NULL,
    provider_id   TEXT NOT NULL DEFAULT '',  -- '' when left unassigned
    worker_id     TEXT NOT NULL DEFAULT '',
    -- proposed (preview) | current (confirmed or overridden) | declined |
    -- unassigned | superseded | discarded | ended
    state         TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT 'engine', -- engine | override | incremental
    cost          INTEGER NOT NULL DEFAULT 0,
    explanation   TEXT NOT NULL DEFAULT '{}', -- cost parts, runner-up, why unassigned
    reason_code   TEXT NOT NULL DEFAULT '',  -- override or decline reason code
    reason        TEXT NOT NULL DEFAULT '',  -- free text
    decided_by    TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE INDEX assignments_run ON assignments(run_id);
CREATE INDEX assignments_item ON assignments(plan_item_id, state);
CREATE INDEX assignments_worker ON assignments(worker_id, state);
CREATE INDEX assignments_provider ON assignments(provider_id, state);
CREATE INDEX assignments_place ON assignments(place_code, state);

-- Work orders (工单): one planned visit, made per week by a job. Prices are
-- copied from the catalogue version in force when the order was made.
CREATE TABLE orders (
    id            TEXT PRIMARY KEY,
    plan_id       TEXT NOT NULL REFERENCES plans(id),
    plan_item_id  TEXT NOT NULL REFERENCES plan_items(id),
    person_id     TEXT NOT NULL REFERENCES persons(id),
    place_code    TEXT NOT NULL REFERENCES places(code),
    item_code     TEXT NOT NULL,
    item_version  INTEGER NOT NULL,
    price_fen     INTEGER NOT NULL,
    minutes       INTEGER NOT NULL,
    week          TEXT NOT NULL,             -- Monday, YYYY-MM-DD
    seq_in_week   INTEGER NOT NULL,          -- 0 … times − 1
    day           TEXT NOT NULL,             -- YYYY-MM-DD
    window_start  DATETIME NOT NULL,
    window_end    DATETIME NOT NULL,
    provider_id   TEXT NOT NULL DEFAULT '',
    worker_id     TEXT NOT NULL DEFAULT '',
    assignment_id TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL,             -- open | assigned | cancelled | done
    route_seq     INTEGER NOT NULL DEFAULT 0, -- position in the worker's day
    eta           DATETIME,
    travel_m      INTEGER NOT NULL DEFAULT 0, -- from the previous stop
    travel_s      INTEGER NOT NULL DEFAULT 0,
    cancel_reason TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    UNIQUE (plan_item_id, week, seq_in_week)
);
CREATE INDEX orders_worker_day ON orders(worker_id, day);
CREATE INDEX orders_provider_day ON orders(provider_id, day);
CREATE INDEX orders_place_day ON orders(place_code, day);
CREATE INDEX orders_plan ON orders(plan_id, day);

-- +goose Down
DROP TABLE orders;
DROP TABLE assignments;
DROP TABLE match_runs;
DROP TABLE plan_changes;
DROP TABLE plan_items;
DROP TABLE plans;
ALTER TABLE users DROP COLUMN worker_id;
ALTER TABLE users DROP COLUMN provider_id;
DROP TABLE worker_certs;
DROP TABLE worker_coverage;
DROP TABLE worker_items;
DROP TABLE workers;
DROP TABLE providers;
DROP TABLE catalog_packages;
DROP TABLE catalog_items;
