"""One running evaluation service per test module (real PostgreSQL, no Kafka consumer)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import ServiceHarness

from .helpers import TODAY


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(start_service: StartService) -> AsyncIterator[ServiceHarness]:
    # Small batches, so that a sweep over a few employees runs several of them.
    async with start_service(
        create_app, EvaluationSettings, today=TODAY, sweep_batch_size=7
    ) as harness:
        yield harness
