"""THE composition root of the welfare service: settings, routes, handlers, PostgreSQL, clock.

The only module that sees both the entrypoints (routes, handler table) and the adapters.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from fastapi import FastAPI

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.messaging.handlers import bind
from jenjang_shared.ports import Clock
from jenjang_shared.web.app import create_service_app
from welfare import __file__ as package_file
from welfare.adapters.postgres.unit_of_work import PostgresUnitOfWork
from welfare.config import WelfareSettings
from welfare.entrypoints import events, http
from welfare.service.ports import UnitOfWork


def build_app(settings: WelfareSettings, *, clock: Clock | None = None) -> FastAPI:
    # Every unit of work, HTTP or event, carries the configured rank rules.
    # Handlers and routes share one adapter, so both apply the configured rank rules.
    adapt: Callable[[Transaction], UnitOfWork] = partial(
        PostgresUnitOfWork, rank_rules=settings.rank_rules()
    )
    return create_service_app(
        settings,
        title="Jenjang welfare",
        description=(
            "Allowance policies (transport, housing, TPP) with effective dates, entitlements "
            "that follow the career, monthly statements for payroll and benefit claims. "
            "Money is whole rupiah (integers)."
        ),
        routers=http.routers(),
        handlers=bind(events.HANDLERS, adapt),
        unit_of_work=adapt,
        clock=clock,
        migrations_dir=service_migrations_dir(package_file),
        idempotency_exempt=("/v1/claims",),  # claims keep their own key, stored with the claim
    )
