-- Idempotency-Key: the first response to a write, kept so that a client's retry with the same
-- key gets the same answer instead of doing the write twice.
CREATE TABLE idempotency_keys (
    key          text NOT NULL,
    method       text NOT NULL,
    path         text NOT NULL,
    fingerprint  text NOT NULL,
    status       integer,            -- NULL while the first request is still being handled
    content_type text,
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key, method, path)
);
