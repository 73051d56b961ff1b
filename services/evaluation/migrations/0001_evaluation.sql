-- The evaluation service's own data: projections of other services' facts, evaluations,
-- potential assessments, promotion recommendations and sweeps.

-- Employees as personnel describes them (every column may still be unknown: events from
-- different topics can arrive in any order).
CREATE TABLE employees (
    nip              text PRIMARY KEY,
    employment_type  text,
    golongan         text,
    golongan_tmt     date,
    education        text,
    unit_code        text,
    position_kind    text,
    functional_level text,
    status           text NOT NULL DEFAULT 'ACTIVE',
    retirement_date  date,
    registered       boolean NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employees_unit ON employees (unit_code);

-- Passed ujian dinas (TrainingCompleted of category UJIAN_DINAS_I / UJIAN_DINAS_II).
CREATE TABLE passed_exams (
    nip           text NOT NULL,
    enrollment_id text NOT NULL,
    category      text NOT NULL,
    completed_on  date NOT NULL,
    PRIMARY KEY (nip, enrollment_id)
);

-- Every version of every evaluation; the highest version of (nip, period) is the current one.
CREATE TABLE evaluations (
    evaluation_id     uuid PRIMARY KEY,
    nip               text NOT NULL,
    evaluator_nip     text NOT NULL,
    period_type       text NOT NULL,
    period            text NOT NULL,
    period_year       integer NOT NULL,
    version           integer NOT NULL,
    hasil_kerja       text NOT NULL,
    perilaku_kerja    text NOT NULL,
    predikat          text NOT NULL,
    notes             text,
    correction_reason text,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (nip, period, version)
);
CREATE INDEX evaluations_annual ON evaluations (nip, period_year, version DESC)
    WHERE period_type = 'ANNUAL';

CREATE TABLE potential_assessments (
    nip          text NOT NULL,
    year         integer NOT NULL,
    potential    text NOT NULL,
    assessor_nip text,
    notes        text,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (nip, year)
);

-- PromotionRecommended as published. One OPEN recommendation per (nip, to_golongan), ever.
CREATE TABLE recommendations (
    recommendation_id uuid PRIMARY KEY,
    nip               text NOT NULL,
    from_golongan     text NOT NULL,
    to_golongan       text NOT NULL,
    kp_period         date NOT NULL,
    rules_version     text NOT NULL,
    evidence          jsonb NOT NULL,
    status            text NOT NULL DEFAULT 'OPEN',  -- OPEN, REJECTED, PROMOTED
    status_reason     text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    closed_at         timestamptz
);
CREATE UNIQUE INDEX recommendations_one_open ON recommendations (nip, to_golongan)
    WHERE status = 'OPEN';
CREATE INDEX recommendations_nip ON recommendations (nip);

-- A rejected proposal blocks its target golongan for its KP period only.
CREATE TABLE promotion_blocks (
    nip         text NOT NULL,
    to_golongan text NOT NULL,
    kp_period   date NOT NULL,
    reason      text NOT NULL,
    PRIMARY KEY (nip, to_golongan, kp_period)
);

CREATE TABLE promotion_sweeps (
    sweep_id    uuid PRIMARY KEY,
    kp_period   date NOT NULL,
    status      text NOT NULL DEFAULT 'RUNNING',  -- RUNNING, COMPLETED, FAILED
    total       integer NOT NULL DEFAULT 0,
    processed   integer NOT NULL DEFAULT 0,
    recommended integer NOT NULL DEFAULT 0,
    error       text,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
