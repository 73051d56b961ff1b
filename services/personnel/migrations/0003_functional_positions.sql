-- The JF a FUNGSIONAL post names (a code of the functional-position catalogue), the initial
-- angka kredit of a JF holder with its document, and the version of the retirement rule behind
-- the stored retirement_date (docs/domain.md, "Functional positions", "Retirement (BUP)").
ALTER TABLE employees
    ADD COLUMN functional_position  text,
    ADD COLUMN credit_points_start  numeric(11, 3),
    ADD COLUMN credit_points_as_of  date,
    ADD COLUMN credit_points_source text,
    ADD COLUMN retirement_rule      text,
    -- A PPPK's work contract start: training counts the 24 JP per contract year from it.
    ADD COLUMN contract_start       date;
