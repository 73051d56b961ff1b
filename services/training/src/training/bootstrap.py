"""The one place that wires the training service: settings, routes, handlers, migrations."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.web.app import create_service_app
from training import __file__ as package_file
from training.config import TrainingSettings
from training.entrypoints import api, consumer


def build_app(settings: TrainingSettings) -> FastAPI:
    return create_service_app(
        settings,
        title="Jenjang training",
        description="Courses, sessions, enrolment, completion with training hours (JP), the yearly JP balance and recommendations.",
        routers=[api.router],
        handlers=consumer.HANDLERS,
        migrations_dir=service_migrations_dir(package_file),
    )
