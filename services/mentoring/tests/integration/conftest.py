"""One running mentoring service per test module: a fresh database, relay and consumer off
(events come through `support.apply`), today's date pinned for HTTP commands."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import ServiceHarness
from mentoring.config import MentoringSettings
from mentoring.main import create_app

from .support import CLOCK


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(start_service: StartService) -> AsyncIterator[ServiceHarness]:
    async with start_service(
        create_app, MentoringSettings, app_options={"clock": CLOCK}
    ) as harness:
        yield harness
