-- A PPPK's 24 JP are counted per contract year from the contract's start, and PPPK in a
-- high-leadership post are exempt (docs/domain.md, "Training hours (JP)"): the projection
-- keeps the contract start and the kind of post.
ALTER TABLE employees
    ADD COLUMN contract_start date,
    ADD COLUMN position_kind  text;
