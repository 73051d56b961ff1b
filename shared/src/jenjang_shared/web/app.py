"""The one way every service builds its FastAPI app, so all five have the same shape.

Nothing is created at import time: the lifespan opens the pool, applies migrations (unless
`<SERVICE>_MIGRATE_ON_START=false`: a deployment's own step runs them), and starts the outbox
relay, the consumer and the metrics sampler; on SIGTERM (uvicorn) it stops them in order. The
documentation pages load Swagger UI and ReDoc from the service itself (fastapi-offline), never
from a CDN, so they work on a network without internet access.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import asyncpg
from aiokafka import AIOKafkaProducer
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi_offline import FastAPIOffline

from jenjang_shared.config import ServiceSettings
from jenjang_shared.contracts.registry import dead_letter_topic_of
from jenjang_shared.db.migrations import apply_migrations
from jenjang_shared.db.pool import create_pool
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.consumer import ConsumerRunner
from jenjang_shared.messaging.handlers import HandlerTable, topics_of
from jenjang_shared.messaging.kafka import create_producer
from jenjang_shared.messaging.relay import OutboxRelay
from jenjang_shared.metrics import ServiceMetrics
from jenjang_shared.metrics_sampler import MetricsSampler
from jenjang_shared.ports import Clock, SystemClock
from jenjang_shared.runtime import ServiceRuntime
from jenjang_shared.web import audit_api, health
from jenjang_shared.web.auth import (
    TokenVerifier,
    check_every_route_has_a_policy,
    install_auth_handlers,
)
from jenjang_shared.web.idempotency import IdempotencyMiddleware
from jenjang_shared.web.metrics_middleware import HttpMetricsMiddleware
from jenjang_shared.web.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from jenjang_shared.web.problems import install_problem_handlers

log = logging.getLogger(__name__)

API_PREFIX = "/v1"
"""Every service's resources live under this one prefix (its routers declare none)."""

StartupHook = Callable[[ServiceRuntime], Awaitable[None]]
UnitOfWorkAdapter = Callable[[UnitOfWork], Any]
"""Turns the shared transaction into a service's own unit of work (its PostgreSQL adapter)."""


def get_runtime(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


Runtime = Annotated[ServiceRuntime, Depends(get_runtime)]
"""Route dependency: the running service's pool, unit of work and state."""


def unit_of_work_factory(
    runtime: ServiceRuntime, adapt: UnitOfWorkAdapter
) -> Callable[[], AbstractAsyncContextManager[Any]]:
    """Open a transaction and hand out the service's unit of work on it (commit on success)."""

    @asynccontextmanager
    async def open_unit_of_work() -> AsyncIterator[Any]:
        async with runtime.unit_of_work() as uow:
            yield adapt(uow)

    return open_unit_of_work


async def _open_pool(settings: ServiceSettings) -> asyncpg.Pool:
    # The database may still be starting (compose, a restart): wait for it a little.
    deadline = asyncio.get_running_loop().time() + 30
    while True:
        try:
            return await create_pool(
                settings.database_url,
                min_size=settings.db_pool_min_size,
                max_size=settings.db_pool_max_size,
                command_timeout=settings.db_command_timeout_s,
            )
        except (OSError, asyncpg.PostgresError) as exc:
            if asyncio.get_running_loop().time() > deadline:
                raise
            log.warning("database not reachable yet (%s); retrying", exc)
            await asyncio.sleep(1)


async def start_runtime(
    settings: ServiceSettings, *, handlers: HandlerTable, migrations_dir: Path
) -> ServiceRuntime:
    """Open the pool, migrate (if `migrate_on_start`), start relay and consumer."""
    pool = await _open_pool(settings)
    folders = {settings.service_name: migrations_dir}
    if settings.migrate_on_start:
        async with pool.acquire() as conn:
            await apply_migrations(conn, folders)
    runtime = ServiceRuntime(settings=settings, pool=pool, migration_folders=folders)

    def producer() -> AIOKafkaProducer:
        return create_producer(settings.kafka_bootstrap_servers, linger_ms=settings.relay_linger_ms)

    if settings.relay_enabled:
        runtime.relay = OutboxRelay(
            dsn=settings.database_url,
            producer_factory=producer,
            batch_size=settings.relay_batch_size,
            poll_interval_s=settings.relay_poll_interval_s,
            retention_days=settings.outbox_retention_days,
        )
        runtime.tasks.append(asyncio.create_task(runtime.relay.run(), name="relay"))
    if settings.consumer_enabled and handlers:
        runtime.consumer = ConsumerRunner(
            bootstrap_servers=settings.kafka_bootstrap_servers,
            group_id=settings.group_id,
            topics=[settings.topic(t) for t in topics_of(handlers)],
            pool=pool,
            handlers=handlers,
            dead_letter_topic=settings.topic(dead_letter_topic_of(settings.service_name)),
            producer_factory=producer,
            topic_prefix=settings.topic_prefix,
            max_records=settings.consumer_max_records,
            max_attempts=settings.consumer_max_attempts,
            retry_base_s=settings.consumer_retry_base_s,
            auto_offset_reset=settings.consumer_auto_offset_reset,
        )
        runtime.tasks.append(asyncio.create_task(runtime.consumer.run(), name="consumer"))
    return runtime


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    handlers: HandlerTable,
    migrations_dir: Path,
    unit_of_work: UnitOfWorkAdapter | None = None,
    clock: Clock | None = None,
    on_startup: StartupHook | None = None,
    idempotency_exempt: tuple[str, ...] = (),
    upload_prefix: str | None = None,
) -> FastAPI:
    """Build a service's app: routes, health, problem+json errors, request ids, Idempotency-Key
    on writes (except under `idempotency_exempt`, paths that handle it themselves), lifespan.

    `unit_of_work` adapts a transaction to the service's own unit of work: routes get a factory
    of those through `jenjang_shared.web.deps` (`app.state.unit_of_work`). `clock` is "now" for
    commands (the system clock unless a test pins it). `upload_prefix` names the paths that
    stream large uploads (their own body limit; never buffered for idempotency).
    """
    exempt = (*idempotency_exempt, upload_prefix) if upload_prefix else idempotency_exempt

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await start_runtime(settings, handlers=handlers, migrations_dir=migrations_dir)
        if on_startup is not None:
            await on_startup(runtime)
        metrics.runtime = runtime
        sampler = MetricsSampler(runtime, metrics, settings.metrics_sample_interval_s)
        runtime.tasks.append(asyncio.create_task(sampler.run(), name="metrics-sampler"))
        app.state.runtime = runtime
        if unit_of_work is not None:
            app.state.unit_of_work = unit_of_work_factory(runtime, unit_of_work)
        log.info("%s started", settings.service_name)
        try:
            yield
        finally:
            log.info("%s stopping", settings.service_name)
            await runtime.shutdown()

    metrics = ServiceMetrics(settings.service_name)
    about: dict[str, Any] = {
        "title": title, "description": description, "version": "1.0.0", "lifespan": lifespan
    }  # fmt: skip
    if settings.auth_public_docs:
        # Swagger UI and ReDoc from the package's own copies, under /static-offline-docs.
        app = FastAPIOffline(**about)
    else:
        app = FastAPI(**about, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.metrics = metrics
    app.state.handlers = handlers  # the table the consumer runs (tests deliver events through it)
    app.state.settings = settings
    app.state.clock = clock or SystemClock()
    install_problem_handlers(app)
    install_auth_handlers(app)
    # Outermost last: request ids, then body limits, then idempotency (which buffers a body only
    # once it is known to be within the limit; uploads are streamed and never buffered).
    app.add_middleware(IdempotencyMiddleware, exempt=exempt)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_request_bytes,
        upload_max_bytes=settings.max_upload_bytes,
        upload_prefix=upload_prefix,
    )
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(HttpMetricsMiddleware, metrics=metrics)  # outermost: times everything
    app.include_router(health.router)
    app.include_router(health.metrics_router(public=settings.auth_public_metrics))
    if routers:
        if not settings.auth_issuer:
            prefix = settings.model_config.get("env_prefix", "")
            raise ValueError(
                f"{settings.service_name} needs a token issuer: set {prefix}AUTH_ISSUER (and "
                f"{prefix}AUTH_JWKS_URL when the issuer has no OIDC discovery document)"
            )
        # Built now, fetches keys only when the first token arrives: nothing is fetched at import.
        app.state.token_verifier = TokenVerifier(
            issuer=settings.auth_issuer,
            audience=settings.audience,
            jwks_url=settings.auth_jwks_url,
            algorithms=settings.auth_algorithms,
            leeway_s=settings.auth_leeway_s,
        )
        for router in (*routers, audit_api.router):
            app.include_router(router, prefix=API_PREFIX)
        # /metrics is open on purpose when AUTH_PUBLIC_METRICS says so (a NetworkPolicy guards it).
        open_paths: tuple[str, ...] = (
            "/health/",
            "/docs",
            "/redoc",
            "/openapi",
            "/static-offline-docs",
        )
        if settings.auth_public_metrics:
            open_paths = (*open_paths, "/metrics")
        check_every_route_has_a_policy(app, open_paths=open_paths)
    return app
