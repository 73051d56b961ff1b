"""`python -m <service> [serve | migrate [--check]]`: what every service's `__main__` runs.

- no command, or `serve`: serve HTTP (the lifespan migrates first unless
  `<SERVICE>_MIGRATE_ON_START=false`);
- `migrate`: apply pending migrations and exit, 0 on success, 1 on failure (a Kubernetes
  `pre-install,pre-upgrade` Job, compose's one-shot step);
- `migrate --check`: apply nothing; exit 0 when none is pending, 1 while any is (listing them).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import asyncpg
from fastapi import FastAPI

from jenjang_shared.config import ServiceSettings
from jenjang_shared.db.migrations import apply_migrations, pending_migrations
from jenjang_shared.logging import configure_logging
from jenjang_shared.web.serve import serve

log = logging.getLogger(__name__)

CONNECT_WAIT_S = 30.0
"""How long `migrate` waits for the database to accept connections (it may be starting)."""


def run_service_command(
    argv: Sequence[str] | None,
    *,
    settings_class: type[ServiceSettings],
    create_app: Callable[[Any], FastAPI],
    migrations_dir: Path,
) -> int:
    """Parse `argv` and run the command; returns the exit status (serving returns 0 on stop)."""
    name = settings_class.service_name
    parser = argparse.ArgumentParser(prog=f"python -m {name}", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="serve HTTP (the default)")
    migrate = commands.add_parser("migrate", help="apply pending migrations and exit")
    migrate.add_argument(
        "--check", action="store_true", help="apply nothing; exit 1 while any migration is pending"
    )
    args = parser.parse_args(argv)
    settings = settings_class()
    if args.command == "migrate":
        configure_logging(name, settings.log_level)
        folders = {name: migrations_dir}
        return asyncio.run(run_migrate(settings.database_url, folders, check=args.check))
    serve(create_app(settings), settings)
    return 0


async def run_migrate(database_url: str, folders: dict[str, Path], *, check: bool) -> int:
    """Apply (or with `check`, only list) pending migrations; the exit status."""
    try:
        conn = await _connect(database_url)
    except (OSError, asyncpg.PostgresError) as exc:
        log.error("cannot connect to the database: %s", exc)
        return 1
    try:
        if check:
            pending = await pending_migrations(conn, folders)
            for name in pending:
                print(f"pending: {name}")
            print(f"{len(pending)} migration(s) pending")
            return 1 if pending else 0
        applied = await apply_migrations(conn, folders)
        for name in applied:
            print(f"applied: {name}")
        print(f"{len(applied)} migration(s) applied; none pending")
        return 0
    except Exception:
        log.exception("migration failed")
        return 1
    finally:
        await conn.close()


async def _connect(database_url: str) -> asyncpg.Connection:
    deadline = asyncio.get_running_loop().time() + CONNECT_WAIT_S
    while True:
        try:
            return await asyncpg.connect(database_url)
        except (OSError, asyncpg.CannotConnectNowError) as exc:
            if asyncio.get_running_loop().time() > deadline:
                raise
            log.warning("database not reachable yet (%s); retrying", exc)
            await asyncio.sleep(1)
