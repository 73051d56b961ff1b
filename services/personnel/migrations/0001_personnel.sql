-- The employee record: personnel is the system of record for who each ASN is.
CREATE TABLE employees (
    nip               text PRIMARY KEY,
    name              text NOT NULL,
    gender            text NOT NULL,
    birth_date        date NOT NULL,
    employment_type   text NOT NULL,
    golongan          text NOT NULL,
    golongan_rank     smallint NOT NULL,
    golongan_tmt      date NOT NULL,
    tmt_cpns          date,
    position_title    text NOT NULL,
    position_kind     text NOT NULL,
    functional_level  text,
    unit_code         text NOT NULL,
    unit_name         text NOT NULL,
    job_family        text NOT NULL,
    education         text NOT NULL,
    work_location     text NOT NULL,
    supervisor_nip    text,
    job_class         smallint,
    status            text NOT NULL DEFAULT 'ACTIVE',
    retired_on        date,
    retirement_reason text,
    retirement_age    smallint NOT NULL,
    retirement_date   date NOT NULL,
    registered_at     timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employees_unit ON employees (unit_code);
CREATE INDEX employees_golongan ON employees (golongan);
CREATE INDEX employees_retirement ON employees (retirement_date) WHERE status = 'ACTIVE';
CREATE INDEX employees_name ON employees (lower(name));

-- Every change of a field, with its effective date, who made it and why.
CREATE TABLE employee_changes (
    id             bigserial PRIMARY KEY,
    nip            text NOT NULL REFERENCES employees (nip),
    field          text NOT NULL,
    old_value      jsonb,
    new_value      jsonb,
    effective_date date NOT NULL,
    changed_by     text NOT NULL,
    reason         text,
    kind           text NOT NULL,           -- UPDATE, TRANSFER, PROMOTION, RETIREMENT
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employee_changes_nip ON employee_changes (nip, id);

-- The rank history: every golongan an employee held, from which TMT, on what grounds.
CREATE TABLE rank_history (
    id           bigserial PRIMARY KEY,
    nip          text NOT NULL REFERENCES employees (nip),
    golongan     text NOT NULL,
    golongan_tmt date NOT NULL,
    source       text NOT NULL,             -- REGISTRATION, CHANGE, PROMOTION
    proposal_id  uuid,
    sk_number    text,
    sk_date      date,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rank_history_nip ON rank_history (nip, id);

-- Promotion proposals, one per recommendation, decided once by HR.
CREATE TABLE promotion_proposals (
    id                uuid PRIMARY KEY,
    recommendation_id text NOT NULL UNIQUE,
    nip               text NOT NULL,
    kind              text NOT NULL,
    from_golongan     text NOT NULL,
    to_golongan       text NOT NULL,
    kp_period         date NOT NULL,
    rules_version     text NOT NULL,
    evidence          jsonb NOT NULL,
    status            text NOT NULL DEFAULT 'PENDING',
    source_event_id   text,
    opened_at         timestamptz NOT NULL DEFAULT now(),
    decided_at        timestamptz,
    decided_by        text,
    sk_number         text,
    sk_date           date,
    reason            text
);
CREATE INDEX promotion_proposals_status ON promotion_proposals (status, opened_at);
CREATE INDEX promotion_proposals_nip ON promotion_proposals (nip);

-- The career timeline, built from every topic; kept even for NIPs personnel does not know.
CREATE TABLE timeline_entries (
    seq          bigserial PRIMARY KEY,
    nip          text NOT NULL,
    occurred_on  date NOT NULL,
    event_time   timestamptz NOT NULL,
    kind         text NOT NULL,
    summary      text NOT NULL,
    source       text NOT NULL,
    event_id     text NOT NULL,
    UNIQUE (event_id, nip)
);
CREATE INDEX timeline_entries_nip ON timeline_entries (nip, occurred_on DESC, event_time DESC, seq DESC);
