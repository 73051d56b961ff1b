"""The composition root of the mentoring service: settings, routes, handlers, the PostgreSQL
unit of work, the clock and migrations. The only module that sees both entrypoints and
adapters."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from fastapi import FastAPI

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.messaging.handlers import bind
from jenjang_shared.ports import Clock
from jenjang_shared.web.app import create_service_app
from mentoring import __file__ as package_file
from mentoring.adapters.postgres.unit_of_work import PostgresUnitOfWork
from mentoring.config import MentoringSettings
from mentoring.entrypoints import events, http
from mentoring.service.ports import UnitOfWork


def build_app(settings: MentoringSettings, *, clock: Clock | None = None) -> FastAPI:
    # Handlers and routes share one adapter, so both apply the agency's configured policy.
    adapt: Callable[[Transaction], UnitOfWork] = partial(
        PostgresUnitOfWork, policy=settings.policy()
    )
    return create_service_app(
        settings,
        title="Jenjang mentoring",
        description=_description(settings),
        routers=http.routers(),
        handlers=bind(events.HANDLERS, adapt),
        unit_of_work=adapt,
        clock=clock,
        migrations_dir=service_migrations_dir(package_file),
    )


def _description(settings: MentoringSettings) -> str:
    cap = (
        f", at most {settings.jp_credit_cap} JP per mentorship (MENTORING_JP_CREDIT_CAP)."
        if settings.jp_credit_cap is not None
        else " (no cap unless MENTORING_JP_CREDIT_CAP is set)."
    )
    return (
        "The mentor pool, matching senior to junior, mentorships, sessions, goals and "
        "feedback. Completed mentoring credits non-classroom JP: total session minutes "
        f"// {settings.minutes_per_jp} (MENTORING_MINUTES_PER_JP), rounded down" + cap
    )
