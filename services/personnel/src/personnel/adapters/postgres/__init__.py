"""PostgreSQL adapters of personnel: repositories, read models and the unit of work (asyncpg,\nexplicit SQL)."""
