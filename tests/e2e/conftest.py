"""The running stack for the end-to-end stories."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from jenjang_testing.infra import create_database, create_topics, fresh_prefix

from .stack import SERVICES, RunningStack, start_stack


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def stack(infra, test_issuer, tmp_path_factory) -> AsyncIterator[RunningStack]:
    """The five services as processes, each on a fresh database, sharing fresh topics."""
    prefix = fresh_prefix()
    await create_topics(infra, prefix)
    databases = {service: await create_database(infra) for service in SERVICES}
    log_dir: Path = tmp_path_factory.mktemp("e2e-logs")
    running = await start_stack(databases=databases, kafka=infra.kafka_bootstrap,
                                topic_prefix=prefix, log_dir=log_dir, issuer=test_issuer)  # fmt: skip
    yield running
    await running.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The log search and the replay test look at what every story left behind: run them after
    the stories, and the fuzzing (which leaves junk behind) last."""
    last = {"test_private_logs.py": 1, "test_replay.py": 2, "test_fuzz.py": 3}
    items.sort(key=lambda item: last.get(item.path.name, 0))
