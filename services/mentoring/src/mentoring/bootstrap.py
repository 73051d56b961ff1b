"""The one place that wires the mentoring service: settings, routes, handlers, migrations."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.web.app import create_service_app
from mentoring import __file__ as package_file
from mentoring.config import MentoringSettings
from mentoring.entrypoints import api, consumer


def build_app(settings: MentoringSettings) -> FastAPI:
    return create_service_app(
        settings,
        title="Jenjang mentoring",
        description=(
            "The mentor pool, matching senior to junior, mentorships, sessions, goals and "
            "feedback. Completed mentoring credits non-classroom JP: total session minutes "
            f"// {settings.minutes_per_jp} (MENTORING_MINUTES_PER_JP), rounded down"
            + (
                f", at most {settings.jp_credit_cap} JP per mentorship (MENTORING_JP_CREDIT_CAP)."
                if settings.jp_credit_cap is not None
                else " (no cap unless MENTORING_JP_CREDIT_CAP is set)."
            )
        ),
        routers=api.routers(),
        handlers=consumer.handlers_for(settings.policy()),
        migrations_dir=service_migrations_dir(package_file),
    )
