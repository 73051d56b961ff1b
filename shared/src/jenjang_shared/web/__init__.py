"""HTTP plumbing shared by every service: problem+json, request ids, health, the app factory."""
