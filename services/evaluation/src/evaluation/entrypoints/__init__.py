"""How the outside world reaches the evaluation service: HTTP routes and the event table."""
