"""training's use cases and event handlers, on the ports of `service.ports`."""
