"""The one place that wires the evaluation service: settings, routes, handlers, migrations."""

from __future__ import annotations

from fastapi import FastAPI

from evaluation import __file__ as package_file
from evaluation.config import EvaluationSettings
from evaluation.entrypoints import api, consumer
from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.web.app import create_service_app


def build_app(settings: EvaluationSettings) -> FastAPI:
    return create_service_app(
        settings,
        title="Jenjang evaluation",
        description="Performance ratings (predikat), the talent box and the promotion eligibility engine.",
        routers=[api.router],
        handlers=consumer.handlers_for(settings.current_date),
        migrations_dir=service_migrations_dir(package_file),
    )
