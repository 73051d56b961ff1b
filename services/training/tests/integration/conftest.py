"""One running training service per module, started with the shared `start_service` fixture:
a fresh database, relay and consumer off (events come with `deliver`, what would be published is
read from the outbox)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import ServiceHarness
from training.config import TrainingSettings
from training.main import create_app

from .support import TODAY


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(start_service: StartService) -> AsyncIterator[ServiceHarness]:
    # "Today" is pinned (the JP shortfall sweep needs the last quarter; dates stay reproducible).
    async with start_service(
        create_app, TrainingSettings, today=TODAY, db_pool_max_size=25
    ) as harness:
        yield harness
