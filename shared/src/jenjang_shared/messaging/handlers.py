"""The shape of an event handler, and the one way each service declares its table.

A service declares its table in `entrypoints/events.py` as service-layer functions on its own
unit-of-work port::

    HANDLERS: ServiceHandlerTable[UnitOfWork] = {
        EmployeeRegistered: handlers.on_registered,
        EvaluationRecorded: handlers.on_evaluation_recorded,
    }

and `bootstrap.py` binds it to PostgreSQL with `bind(HANDLERS, PostgresUnitOfWork.over)`: the
consumer then runs each handler on the service's unit of work, built on the transaction in which
the event's id is recorded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.unit_of_work import UnitOfWork

U = TypeVar("U")

EventHandler = Callable[[Any, UnitOfWork], Awaitable[None]]
"""What the consumer runs: `async def handle(event, uow: jenjang_shared UnitOfWork) -> None`."""

HandlerTable = Mapping[type[Event], EventHandler]
"""Event contract -> bound handler: what the consumer runs."""

ServiceHandler = Callable[[Any, U], Awaitable[None]]
"""A service-layer handler: `async def on_registered(event: EmployeeRegistered, uow) -> None`."""

ServiceHandlerTable = Mapping[type[Event], ServiceHandler[U]]
"""Event contract -> service-layer handler: a service's whole message surface, in one place."""


def bind(table: ServiceHandlerTable[U], unit_of_work: Callable[[UnitOfWork], U]) -> HandlerTable:
    """The consumer's table: each handler runs on `unit_of_work(the transaction's uow)`."""

    def bound(handler: ServiceHandler[U]) -> EventHandler:
        async def handle(event: Any, uow: UnitOfWork) -> None:
            await handler(event, unit_of_work(uow))

        handle.__name__ = getattr(handler, "__name__", "handle")
        handle.__qualname__ = getattr(handler, "__qualname__", handle.__name__)
        handle.__wrapped__ = handler  # type: ignore[attr-defined]
        return handle

    return {event_type: bound(handler) for event_type, handler in table.items()}


def topics_of(handlers: Mapping[type[Event], Any]) -> list[str]:
    """The logical topics a handler table needs to subscribe to."""
    return sorted({model.topic() for model in handlers})


def consumed_types(handlers: Mapping[type[Event], Any]) -> list[str]:
    """The CloudEvents types a handler table consumes, sorted (for docs and contract tests)."""
    return sorted(model.ce_type() for model in handlers)
