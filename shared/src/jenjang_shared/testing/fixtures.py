"""pytest fixtures: the real servers for the session, a fresh database, fresh topics."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest

from jenjang_shared.testing.infra import (
    SessionInfra,
    create_database,
    create_topics,
    drop_databases,
    fresh_prefix,
    infra_from_environment,
    infra_from_launcher,
    stop_launched_infra,
)


@pytest.fixture(scope="session")
def infra() -> Iterator[SessionInfra]:
    """The real PostgreSQL and Kafka of this test session."""
    found = infra_from_environment() or infra_from_launcher()
    yield found
    if found.started_here:
        stop_launched_infra()


@pytest.fixture(scope="session")
async def new_database(infra: SessionInfra) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    """A factory of empty databases (DSNs); all are dropped when the session ends."""

    created: list[str] = []

    async def make() -> str:
        created.append(await create_database(infra))
        return created[-1]

    yield make
    await drop_databases(infra, created)


@pytest.fixture(scope="session")
async def new_topics(infra: SessionInfra) -> Callable[[], Awaitable[str]]:
    """A factory of topic prefixes, each with all service topics created under it."""

    async def make() -> str:
        prefix = fresh_prefix()
        await create_topics(infra, prefix)
        return prefix

    return make
