-- Scope: a supervisor reads their direct reports (WHERE supervisor_nip = the token's NIP);
-- hr's scope (unit_code) is indexed since 0001.
CREATE INDEX employees_supervisor ON employees (supervisor_nip) WHERE supervisor_nip IS NOT NULL;
