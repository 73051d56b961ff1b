-- The transactional outbox: events written in the same transaction as the state change they
-- describe, published to Kafka by the relay in `seq` order.
CREATE TABLE outbox (
    seq            bigserial PRIMARY KEY,
    event_id       uuid NOT NULL UNIQUE,
    topic          text NOT NULL,
    event_type     text NOT NULL,
    source         text NOT NULL,
    subject        text NOT NULL,
    payload        jsonb NOT NULL,
    occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    correlation_id text,
    causation_id   text,
    traceparent    text,
    published_at   timestamptz
);

CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL;
