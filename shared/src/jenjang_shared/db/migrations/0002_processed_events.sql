-- Every event a consumer has applied, recorded in the same transaction as its effect, so that a
-- redelivered event is recognised and applied only once.
CREATE TABLE processed_events (
    event_id     text PRIMARY KEY,
    event_type   text NOT NULL,
    topic        text NOT NULL,
    partition    integer NOT NULL,
    "offset"     bigint NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
