"""The composition root of the evaluation service: settings, clock, routes, handlers, adapters.

The only module that sees both the entrypoints (routes, handler table) and the PostgreSQL
adapters: it binds the one to the other.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from evaluation import __file__ as package_file
from evaluation.adapters.postgres.unit_of_work import PostgresUnitOfWork
from evaluation.config import EvaluationSettings
from evaluation.entrypoints import events, http
from evaluation.service.ports import UnitOfWork
from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.messaging.handlers import bind
from jenjang_shared.ports import Clock, FixedClock
from jenjang_shared.web.app import create_service_app


def clock_of(settings: EvaluationSettings, clock: Clock | None) -> Clock | None:
    """The clock of HTTP commands: the one given, else `EVALUATION_TODAY` pinned, else None
    (the system clock)."""
    if clock is not None:
        return clock
    return FixedClock.on(settings.today) if settings.today is not None else None


def build_app(settings: EvaluationSettings, *, clock: Clock | None = None) -> FastAPI:
    # The unit of work needs no configured policy: the class itself adapts a transaction.
    adapt: Callable[[Transaction], UnitOfWork] = PostgresUnitOfWork
    return create_service_app(
        settings,
        title="Jenjang evaluation",
        description="Performance ratings (predikat), the talent box and the promotion eligibility engine.",
        routers=http.routers(),
        handlers=bind(events.HANDLERS, adapt),
        unit_of_work=adapt,
        clock=clock_of(settings, clock),
        migrations_dir=service_migrations_dir(package_file),
    )
