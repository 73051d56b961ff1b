-- Who may see an employee's training records (issue 13): the unit (already projected) and the
-- direct superior, from EmployeeRegistered, EmployeeTransferred and EmployeeUpdated. Rows
-- projected before this migration have no superior until personnel's topic is replayed or
-- the employee's next event arrives (until then only their unit's HR and admin see them).

ALTER TABLE employees ADD COLUMN supervisor_nip text;
CREATE INDEX employees_supervisor ON employees (supervisor_nip);
