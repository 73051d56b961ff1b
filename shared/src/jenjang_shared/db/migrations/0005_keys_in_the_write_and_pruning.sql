-- Idempotency keys are now claimed and answered inside the write's own transaction (issue 19):
-- a committed row always holds its answer. Rows left "in progress" (status NULL) by the old
-- middleware, after a crash between the commit and the store, can never be answered: dropping
-- them lets their clients retry.
DELETE FROM idempotency_keys WHERE status IS NULL;

-- Pruning by age (the de-duplication horizons) scans these.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
