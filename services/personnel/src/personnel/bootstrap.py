"""The composition root of personnel: the one module that sees both the entrypoints (routes,
handler table) and the PostgreSQL adapters, and wires them together."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from jenjang_shared.db.migrations import apply_migrations, service_migrations_dir
from jenjang_shared.db.pool import create_pool
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.db.unit_of_work import unit_of_work
from jenjang_shared.messaging.handlers import bind
from jenjang_shared.ports import Clock
from jenjang_shared.web.app import create_service_app
from personnel import __file__ as package_file
from personnel.adapters.postgres.unit_of_work import PostgresUnitOfWork
from personnel.config import PersonnelSettings
from personnel.entrypoints import events, http
from personnel.service.ports import UnitOfWork, UnitOfWorkFactory

MIGRATIONS: Path = service_migrations_dir(package_file)


def build_app(settings: PersonnelSettings, *, clock: Clock | None = None) -> FastAPI:
    """The ASGI app: routes under /v1, the handler table on PostgreSQL, migrations, relay."""
    # The unit of work needs no configured policy: the class itself adapts a transaction.
    adapt: Callable[[Transaction], UnitOfWork] = PostgresUnitOfWork
    return create_service_app(
        settings,
        title="Jenjang personnel",
        description="The employee record (NIP, rank, position, unit), transfers, retirement, "
        "promotion proposals and decisions, and each employee's career timeline.",
        routers=http.routers(),
        handlers=bind(events.HANDLERS, adapt),
        unit_of_work=adapt,
        clock=clock,
        migrations_dir=MIGRATIONS,
        upload_prefix="/v1/imports",  # CSV imports: streamed, with their own body limit
    )


@asynccontextmanager
async def database_units_of_work(settings: PersonnelSettings) -> AsyncIterator[UnitOfWorkFactory]:
    """For work outside the app (the import command line): a small pool on the migrated
    database of `settings`, handing out units of work on it; closed when the block ends."""
    pool = await create_pool(settings.database_url, min_size=1, max_size=2)
    try:
        async with pool.acquire() as conn:
            await apply_migrations(conn, {settings.service_name: MIGRATIONS})

        @asynccontextmanager
        async def new_uow() -> AsyncIterator[UnitOfWork]:
            async with unit_of_work(pool, topic_prefix=settings.topic_prefix) as transaction:
                yield PostgresUnitOfWork(transaction)

        factory: UnitOfWorkFactory = new_uow
        yield factory
    finally:
        await pool.close()
