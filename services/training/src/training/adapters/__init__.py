"""training's adapters to the outside world (its PostgreSQL database: `postgres`)."""
