"""training's pure rules and entities: no I/O, no framework."""
