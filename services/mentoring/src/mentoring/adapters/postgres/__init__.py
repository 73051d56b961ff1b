"""The mentoring service's ports on PostgreSQL (asyncpg): explicit SQL, one module per store."""
