"""The one place that wires the welfare service: settings, routes, handlers, migrations."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.web.app import create_service_app
from welfare import __file__ as package_file
from welfare.config import WelfareSettings
from welfare.entrypoints import api, consumer


def build_app(settings: WelfareSettings) -> FastAPI:
    return create_service_app(
        settings,
        title="Jenjang welfare",
        description=(
            "Allowance policies (transport, housing, TPP) with effective dates, entitlements "
            "that follow the career, monthly statements for payroll and benefit claims. "
            "Money is whole rupiah (integers)."
        ),
        routers=[api.router],
        handlers=consumer.handlers_for(settings.rank_rules()),
        migrations_dir=service_migrations_dir(package_file),
        idempotency_exempt=("/v1/claims",),  # claims keep their own key, stored with the claim
    )
