"""The welfare service on PostgreSQL: asyncpg repositories with explicit SQL, and the unit of
work that puts them on one transaction."""
