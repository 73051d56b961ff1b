-- The mentoring service's own data: its projection of employees, the mentor pool, mentorships
-- with their sessions and feedback, the requests still waiting for a mentor, and the coaching
-- triggers already handled (once per employee and period).

CREATE TABLE employees (
    nip             text PRIMARY KEY,
    name            text,
    employment_type text,
    golongan        text,
    golongan_tmt    date,
    unit_code       text,
    unit_name       text,
    unit_since      date,
    job_family      text,
    supervisor_nip  text,
    status          text NOT NULL DEFAULT 'ACTIVE',
    retired_on      date,
    registered      boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employees_supervisor ON employees (supervisor_nip);

CREATE TABLE mentors (
    nip           text PRIMARY KEY REFERENCES employees (nip),
    expertise     text[] NOT NULL DEFAULT '{}',
    capacity      integer NOT NULL CHECK (capacity > 0),
    paused        boolean NOT NULL DEFAULT false,
    pause_reason  text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mentorships (
    id             uuid PRIMARY KEY,
    mentor_nip     text NOT NULL,
    mentee_nip     text NOT NULL,
    program        text NOT NULL,
    goals          jsonb NOT NULL DEFAULT '[]',
    status         text NOT NULL,
    started_on     date NOT NULL,
    origin         text NOT NULL,
    completed_on   date,
    outcome        text,
    jp_credit      integer,
    ended_on       date,
    cancel_reason  text,
    replaces_id    uuid REFERENCES mentorships (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (mentor_nip <> mentee_nip)
);
-- At most one active mentorship per mentee and programme, whatever races.
CREATE UNIQUE INDEX mentorships_one_active ON mentorships (mentee_nip, program)
    WHERE status = 'ACTIVE';
CREATE INDEX mentorships_mentor ON mentorships (mentor_nip, status);
CREATE INDEX mentorships_mentee ON mentorships (mentee_nip, status);

CREATE TABLE mentoring_sessions (
    id               uuid PRIMARY KEY,
    mentorship_id    uuid NOT NULL REFERENCES mentorships (id),
    held_on          date NOT NULL,
    duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
    notes            text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mentoring_sessions_mentorship ON mentoring_sessions (mentorship_id);

CREATE TABLE feedback (
    mentorship_id uuid NOT NULL REFERENCES mentorships (id),
    from_role     text NOT NULL,
    rating        integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mentorship_id, from_role)
);

-- A mentorship an event asked for but nobody could take yet; tried again when a mentor appears.
CREATE TABLE unmatched_requests (
    id               uuid PRIMARY KEY,
    mentee_nip       text NOT NULL,
    program          text NOT NULL,
    origin           text NOT NULL,
    reason           text NOT NULL,
    rejections       jsonb NOT NULL DEFAULT '{}',
    source_event_id  text,
    excluded_nips    text[] NOT NULL DEFAULT '{}',
    replaces_id      uuid REFERENCES mentorships (id),
    status           text NOT NULL DEFAULT 'PENDING',
    mentorship_id    uuid REFERENCES mentorships (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    resolved_at      timestamptz
);
CREATE UNIQUE INDEX unmatched_one_pending ON unmatched_requests (mentee_nip, program)
    WHERE status = 'PENDING';

-- Annual weak predikat already turned into coaching (or an unmatched request): once per period.
CREATE TABLE coaching_triggers (
    nip           text NOT NULL,
    period        text NOT NULL,
    evaluation_id text NOT NULL,
    predikat      text NOT NULL,
    event_id      text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (nip, period)
);
