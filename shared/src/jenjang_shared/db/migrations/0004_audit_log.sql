-- The audit log: who changed what, when, in the same transaction as the change. Append-only:
-- the trigger refuses UPDATE and DELETE, so a record cannot be rewritten after the fact
-- (TRUNCATE too; only dropping the table, a migration's privilege, removes it).
CREATE TABLE audit_log (
    seq          bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor        text NOT NULL,          -- the token's NIP, else its subject; "system" for events
    roles        text[] NOT NULL DEFAULT '{}',
    operation    text NOT NULL,          -- e.g. "employee.transfer", "claim.decide", "statement.read"
    record_type  text NOT NULL,
    record_id    text NOT NULL,
    before       jsonb,
    after        jsonb,
    request_id   text
);

CREATE INDEX audit_log_record ON audit_log (record_type, record_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
