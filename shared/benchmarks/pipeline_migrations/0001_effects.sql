CREATE TABLE effects (
    event_id   text PRIMARY KEY,
    written_at timestamptz NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
