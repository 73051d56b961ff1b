-- Records a consumer could not apply within its bound (a dead letter that cannot be published,
-- a handler that keeps timing out): parked here with the reason so that the partition moves on.
-- They are counted in /metrics and replayed with `jenjang-dlq parked`.
CREATE TABLE parked_records (
    id             bigserial PRIMARY KEY,
    consumer_group text NOT NULL,
    topic          text NOT NULL,
    partition      integer NOT NULL,
    "offset"       bigint NOT NULL,
    record_key     bytea,
    record_value   bytea,
    headers        jsonb NOT NULL,       -- [[name, base64 value], ...] in their original order
    reason         text NOT NULL,        -- dead_letter_failed, stalled
    error_type     text NOT NULL,
    error_message  text NOT NULL,
    attempts       integer NOT NULL,
    parked_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    replayed_at    timestamptz,
    UNIQUE (consumer_group, topic, partition, "offset")
);

CREATE INDEX parked_records_waiting ON parked_records (consumer_group) WHERE replayed_at IS NULL;
