"""pytest fixtures: the real servers for the session, a fresh database, fresh topics."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest
from aiokafka.errors import KafkaError

from jenjang_shared.config import ServiceSettings
from jenjang_testing.harness import ServiceHarness, running_service
from jenjang_testing.infra import (
    SessionInfra,
    create_database,
    create_topics,
    delete_topics,
    drop_databases,
    fresh_prefix,
    infra_from_environment,
    infra_from_launcher,
    stop_launched_infra,
)
from jenjang_testing.issuer import TestIssuer, running_issuer


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
async def new_topics(infra: SessionInfra) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    """A factory of topic prefixes, each with all service topics created under it; the
    session deletes them at its end."""
    prefixes: list[str] = []

    async def make() -> str:
        prefix = fresh_prefix()
        await create_topics(infra, prefix)
        prefixes.append(prefix)
        return prefix

    yield make
    try:
        await delete_topics(infra, prefixes)
    except (KafkaError, OSError, TimeoutError) as exc:  # the session's results stand regardless
        warnings.warn(f"could not delete this session's topics: {exc!r}", stacklevel=1)


StartService = Callable[..., AbstractAsyncContextManager[ServiceHarness]]


@pytest.fixture(scope="session")
def test_issuer() -> Iterator[TestIssuer]:
    """The session's token issuer (JWKS on loopback): `test_issuer.token("hr", units=[...])`."""
    with running_issuer() as issuer:
        yield issuer


def auth_settings(issuer: TestIssuer) -> dict[str, Any]:
    """The settings that make a service trust the test issuer."""
    return {"auth_issuer": issuer.url, "auth_jwks_url": issuer.jwks_url}


@pytest.fixture(scope="session")
def start_service(
    infra: SessionInfra,
    new_database: Callable[[], Awaitable[str]],
    new_topics: Callable[[], Awaitable[str]],
    test_issuer: TestIssuer,
) -> StartService:
    """The one way a test starts a service in-process on a fresh database and fresh topics::

        async with start_service(create_app, TrainingSettings, today=...) as svc: ...

    Without `through_kafka=True` its relay and consumer stay off (events are delivered with
    `deliver`); `create_app` is called as `create_app(settings, **app_options)` (a clock, say).
    It trusts the session's `test_issuer`, and its client sends an admin token unless
    `token=` names another (or None: no Authorization header). Any other keyword is a setting.
    """

    @asynccontextmanager
    async def start(
        create_app: Callable[..., Any],
        settings_class: type[ServiceSettings],
        *,
        through_kafka: bool = False,
        app_options: dict[str, Any] | None = None,
        token: str | bool | None = True,
        **overrides: Any,
    ) -> AsyncIterator[ServiceHarness]:
        values: dict[str, Any] = {
            **auth_settings(test_issuer),
            "kafka_bootstrap_servers": infra.kafka_bootstrap,
            "consumer_enabled": through_kafka,
            "relay_enabled": through_kafka,
            **overrides,
        }
        if not values.get("database_url"):
            values["database_url"] = await new_database()
        if not values.get("topic_prefix"):
            values["topic_prefix"] = await new_topics()
        settings = settings_class(**values)
        options = app_options or {}
        bearer = test_issuer.admin() if token is True else token or None
        headers = test_issuer.headers(bearer) if bearer else {}
        async with running_service(
            lambda s: create_app(s, **options), settings, headers=headers
        ) as harness:
            yield harness

    return start
