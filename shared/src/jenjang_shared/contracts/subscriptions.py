"""Who consumes what: read from the services' own handler tables, the one source.

Each service declares its table in `<service>.entrypoints.events:HANDLERS` and names it in its
pyproject as an entry point of the group `jenjang.handlers`; the shared library loads them by
that name, so it never imports a service (and a service that is not installed is simply absent).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from jenjang_shared.contracts.base import Event

ENTRY_POINT_GROUP = "jenjang.handlers"


@cache
def handler_tables() -> dict[str, Mapping[type[Event], Any]]:
    """Service name -> its handler table (event contract -> handler), sorted by service."""
    tables = {ep.name: ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return dict(sorted(tables.items()))


def consumed_by(service: str) -> list[type[Event]]:
    """The event types one service consumes, in a stable order."""
    return sorted(handler_tables().get(service, {}), key=lambda model: model.ce_type())


def consumers_of(model: type[Event]) -> list[str]:
    """The services whose handler table has this event type."""
    return [service for service, table in handler_tables().items() if model in table]
