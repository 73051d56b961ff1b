"""What the deployment tests share: reading /metrics, a registration payload."""

from __future__ import annotations

from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from jenjang_testing import builders


def samples(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    """Every sample of a Prometheus text body, by sample name (`..._total`, `..._bucket`)."""
    found: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append((dict(sample.labels), float(sample.value)))
    return found


def value(text: str, name: str, **labels: str) -> float | None:
    """The one sample of `name` whose labels include `labels`; None when there is none."""
    matching = [v for got, v in samples(text).get(name, []) if labels.items() <= got.items()]
    assert len(matching) <= 1, f"{name}{labels} is ambiguous: {matching}"
    return matching[0] if matching else None


async def scrape(client: httpx.AsyncClient) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


def registration() -> dict[str, Any]:
    """A valid personnel registration with a fresh NIP (a PNS at III/b in BKD)."""
    event = builders.employee_registered(
        builders.new_nip(),
        golongan="III/b",
        position_title="Analis Kepegawaian",
        position_kind="PELAKSANA",
        functional_level=None,
        job_class=None,
    )
    # The event carries what personnel derives (the retirement date and its rule); a request
    # may not.
    return event.model_dump(mode="json", exclude={"retirement_date", "retirement_rule"})
