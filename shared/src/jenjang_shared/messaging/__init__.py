"""Messaging plumbing: CloudEvents codec, outbox and relay, consumer runner, dead letters."""
