"""The shape of an event handler, and the table each service declares."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.unit_of_work import UnitOfWork

EventHandler = Callable[[Any, UnitOfWork], Awaitable[None]]
"""`async def on_something(event: SomeEvent, uow: UnitOfWork) -> None`."""

HandlerTable = Mapping[type[Event], EventHandler]
"""Event contract -> handler: a service's whole message surface, in one place."""


def topics_of(handlers: HandlerTable) -> list[str]:
    """The logical topics a handler table needs to subscribe to."""
    return sorted({model.topic() for model in handlers})
