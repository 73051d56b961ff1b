-- Access scope (issue 13): who may see an employee's records is decided in the queries, by the
-- employee's unit (hr) and direct superior (supervisor). The unit was projected already; the
-- superior is filled from EmployeeRegistered, EmployeeUpdated and EmployeeTransferred from now
-- on (rows projected before this migration learn it from their next event, or from a replay
-- of asn.personnel.v1).
ALTER TABLE employees ADD COLUMN supervisor_nip text;
CREATE INDEX employees_supervisor ON employees (supervisor_nip);
