"""The one place that wires the personnel service: settings, routes, handlers, migrations."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.web.app import create_service_app
from personnel import __file__ as package_file
from personnel.config import PersonnelSettings
from personnel.entrypoints import api, consumer


def build_app(settings: PersonnelSettings) -> FastAPI:
    return create_service_app(
        settings,
        title="Jenjang personnel",
        description="The employee record (NIP, rank, position, unit), transfers, retirement, promotion proposals and decisions, and each employee's career timeline.",
        routers=[api.router],
        handlers=consumer.HANDLERS,
        migrations_dir=service_migrations_dir(package_file),
    )
