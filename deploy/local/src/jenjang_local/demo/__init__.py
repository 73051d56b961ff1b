"""The demo agency: seeded through the public APIs only, then told as a short story."""
