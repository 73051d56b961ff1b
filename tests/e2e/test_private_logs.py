"""No personal data in the services' logs: after the stories, their log output holds none of the
NIPs, names or birth dates the stories registered (ids and event ids are logged instead)."""

from __future__ import annotations

from .people import REGISTERED
from .stack import SERVICES, RunningStack


def test_the_logs_of_every_service_hold_no_nip_name_or_birth_date_of_the_stories(
    stack: RunningStack,
) -> None:
    assert REGISTERED, "the stories run first (conftest orders this test after them)"
    secrets = {p["nip"] for p in REGISTERED} | {p["name"] for p in REGISTERED if len(p["name"]) > 5}
    secrets |= {p["birth_date"] for p in REGISTERED}
    hits = []
    for service in SERVICES:
        text = stack.logs[service].read_text(errors="replace")
        assert text, f"{service} logged nothing at all: the search would prove nothing"
        hits += [f"{service}: {secret}" for secret in sorted(secrets) if secret in text]
    assert hits == []
