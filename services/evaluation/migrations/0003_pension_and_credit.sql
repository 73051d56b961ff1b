-- What the promotion tracks need of an employee (docs/domain.md, "Promotion tracks"): the birth
-- date and the projected pension date with its rule (never recommend a KP on or after it), the
-- JF a FUNGSIONAL post names, and the initial angka kredit with its document.
ALTER TABLE employees
    ADD COLUMN birth_date           date,
    ADD COLUMN pension_date         date,
    ADD COLUMN pension_rule         text,
    ADD COLUMN functional_position  text,
    ADD COLUMN credit_start         numeric(11, 3),
    ADD COLUMN credit_start_as_of   date,
    ADD COLUMN credit_start_source  text;
