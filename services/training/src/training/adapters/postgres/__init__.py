"""training's PostgreSQL adapters: one asyncpg repository per aggregate (explicit SQL in module
constants) and the unit of work that puts them on one transaction."""
