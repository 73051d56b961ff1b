-- Identity and access (issue 13): who may see an employee's welfare records, and who decided.

-- The employee's current place for access decisions: the unit (hr sees its units) and the direct
-- superior (a supervisor sees their reports). One row per employee, set by the latest applied
-- EmployeeRegistered / EmployeeTransferred / EmployeeUpdated that states it (one person's events
-- arrive in order, keyed by NIP, so a replay gives the same rows). Allowances keep using the
-- dated facts of employee_facts; this table only answers "may this caller see this employee".
CREATE TABLE employee_scope (
    nip            text PRIMARY KEY,
    unit_code      text,
    supervisor_nip text,
    event_id       text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employee_scope_by_unit ON employee_scope (unit_code);
CREATE INDEX employee_scope_by_supervisor ON employee_scope (supervisor_nip);

-- Employees projected before this migration: their latest unit from the dated facts (the
-- superior was never projected; it arrives with their next personnel event, or a replay).
INSERT INTO employee_scope (nip, unit_code)
SELECT DISTINCT ON (nip) nip, value
FROM employee_facts
WHERE attribute = 'unit_code'
ORDER BY nip, effective_from DESC, seq DESC;

-- Who filed a claim and who decided it: the token's NIP or subject, never a request field.
ALTER TABLE claims ADD COLUMN submitted_by text;
ALTER TABLE claims ADD COLUMN decided_by text;
