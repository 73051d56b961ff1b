"""How the world reaches the welfare service: HTTP routes and the consumed events."""
