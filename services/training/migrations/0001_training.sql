-- The training service's own data: the employee projection (from personnel's events), the
-- catalogue, sessions, enrolments with attendance and completion, the JP ledger and the
-- recommendations already made.

CREATE TABLE employees (
    nip             text PRIMARY KEY,
    name            text,
    employment_type text,
    job_family      text,
    unit_code       text,
    unit_name       text,
    golongan        text,
    status          text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RETIRED')),
    retired_on      date,
    registered      boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employees_unit ON employees (unit_code);

CREATE TABLE courses (
    code              text PRIMARY KEY,
    title             text NOT NULL,
    training_category text NOT NULL,
    training_method   text NOT NULL,
    jp                integer NOT NULL CHECK (jp > 0),
    provider          text NOT NULL,
    job_families      text[] NOT NULL DEFAULT '{}',
    mandatory         boolean NOT NULL DEFAULT false,
    prerequisites     text[] NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX courses_category ON courses (training_category);
CREATE INDEX courses_job_families ON courses USING gin (job_families);

CREATE TABLE sessions (
    id          uuid PRIMARY KEY,
    course_code text NOT NULL REFERENCES courses (code),
    starts_on   date NOT NULL,
    ends_on     date NOT NULL,
    location    text,
    online      boolean NOT NULL DEFAULT false,
    capacity    integer NOT NULL CHECK (capacity > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX sessions_course ON sessions (course_code, starts_on);

-- status: CONFIRMED (a place), WAITLISTED (in `seq` order), CANCELLED, PASSED, FAILED.
CREATE TABLE enrollments (
    id                 uuid PRIMARY KEY,
    seq                bigserial NOT NULL,
    session_id         uuid NOT NULL REFERENCES sessions (id),
    nip                text NOT NULL,
    course_code        text NOT NULL REFERENCES courses (code),
    status             text NOT NULL
        CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'PASSED', 'FAILED')),
    enrolled_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    confirmed_at       timestamptz,
    cancelled_at       timestamptz,
    score              numeric(5, 2),
    certificate_number text UNIQUE,
    completed_on       date,
    jp_earned          integer
);
-- One live enrolment per employee and session; cancelled ones may be followed by a new one.
CREATE UNIQUE INDEX enrollments_one_live ON enrollments (session_id, nip) WHERE status <> 'CANCELLED';
CREATE INDEX enrollments_waitlist ON enrollments (session_id, seq) WHERE status = 'WAITLISTED';
CREATE INDEX enrollments_nip ON enrollments (nip);

CREATE TABLE attendance (
    enrollment_id uuid NOT NULL REFERENCES enrollments (id),
    day           date NOT NULL,
    present       boolean NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrollment_id, day)
);

-- Every JP an employee earned: passed training (source TRAINING, ref = enrolment id) and
-- mentoring credit (source MENTORING, ref = mentorship id).
CREATE TABLE jp_entries (
    id                 bigserial PRIMARY KEY,
    nip                text NOT NULL,
    source             text NOT NULL CHECK (source IN ('TRAINING', 'MENTORING')),
    source_ref         text NOT NULL,
    course_code        text,
    title              text NOT NULL,
    training_category  text NOT NULL,
    training_method    text NOT NULL CHECK (training_method IN ('KLASIKAL', 'NONKLASIKAL')),
    jp                 integer NOT NULL CHECK (jp >= 0),
    earned_on          date NOT NULL,
    certificate_number text,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, source_ref)
);
CREATE INDEX jp_entries_nip_date ON jp_entries (nip, earned_on);

-- One recommendation per employee and reason key: TrainingRecommended is published once.
-- published_at is null while it waits for the employee's job family (evaluation before
-- registration).
CREATE TABLE recommendations (
    id           uuid PRIMARY KEY,
    nip          text NOT NULL,
    reason_key   text NOT NULL,
    reason       text NOT NULL,
    rule         text NOT NULL,
    course_codes text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    UNIQUE (nip, reason_key)
);
