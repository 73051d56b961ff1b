"""The PostgreSQL adapters of the evaluation service: one repository per table family."""
