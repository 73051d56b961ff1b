"""Database plumbing: the asyncpg pool, the migration runner and the unit of work."""
