"""The composition root of the training service: the only module that sees both the entrypoints
(routes, handler table) and the PostgreSQL adapters, and wires them with the settings."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.messaging.handlers import bind
from jenjang_shared.ports import Clock, FixedClock
from jenjang_shared.web.app import create_service_app
from training import __file__ as package_file
from training.adapters.postgres.unit_of_work import PostgresUnitOfWork
from training.config import TrainingSettings
from training.entrypoints import events, http
from training.service.ports import UnitOfWork


def build_app(settings: TrainingSettings, *, clock: Clock | None = None) -> FastAPI:
    """The app on `settings`; "today" from `clock`, else the `today` setting, else the wall."""
    if clock is None and settings.today is not None:
        clock = FixedClock.on(settings.today)
    # The unit of work needs no configured policy: the class itself adapts a transaction.
    adapt: Callable[[Transaction], UnitOfWork] = PostgresUnitOfWork
    return create_service_app(
        settings,
        title="Jenjang training",
        description="Courses, sessions, enrolment, completion with training hours (JP), the yearly JP balance and recommendations.",
        routers=http.routers(),
        handlers=bind(events.HANDLERS, adapt),
        unit_of_work=adapt,
        clock=clock,
        migrations_dir=service_migrations_dir(package_file),
    )
