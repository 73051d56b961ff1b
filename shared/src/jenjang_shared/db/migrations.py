"""Forward-only SQL migrations: `NNNN_name.sql` files applied in order, each once.

The shared library's own migrations (outbox, processed events) run first under the namespace
`shared`, then the service's. A session advisory lock makes two instances starting together
take turns instead of racing. `pending_migrations` only looks (no lock, no change): readiness and
`python -m <service> migrate --check` ask it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from jenjang_shared.db.types import Connection

log = logging.getLogger(__name__)

SHARED_MIGRATIONS = Path(__file__).parent / "migrations"
_FILE_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
_LOCK_KEY = 0x6A656E6A616E67  # "jenjang": the advisory lock every instance takes to migrate


@dataclass(frozen=True)
class Migration:
    namespace: str
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(namespace: str, folder: Path) -> list[Migration]:
    """Read a folder of migrations in version order; refuse misnamed files and duplicates."""
    migrations: list[Migration] = []
    for path in sorted(folder.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration {path} is not named NNNN_name.sql")
        migrations.append(Migration(namespace, int(match[1]), path.stem, path.read_text()))
    versions = [m.version for m in migrations]
    if len(versions) != len(set(versions)):
        raise ValueError(f"two migrations in {folder} share a version number")
    return migrations


def service_migrations_dir(package_file: str) -> Path:
    """The migrations of a service package: inside the wheel, or beside `src/` in a checkout."""
    package_dir = Path(package_file).resolve().parent
    for candidate in (package_dir / "migrations", package_dir.parents[1] / "migrations"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no migrations folder for {package_dir.name}")


async def pending_migrations(conn: Connection, folders: dict[str, Path]) -> list[str]:
    """The names of the migrations not yet applied (all of them on an empty database)."""
    table = await conn.fetchval("SELECT to_regclass('schema_migrations')")
    done: set[tuple[str, int]] = set()
    if table is not None:
        rows = await conn.fetch("SELECT namespace, version FROM schema_migrations")
        done = {(r["namespace"], r["version"]) for r in rows}
    return [
        f"{namespace}/{migration.name}"
        for namespace, folder in {"shared": SHARED_MIGRATIONS, **folders}.items()
        for migration in load_migrations(namespace, folder)
        if (namespace, migration.version) not in done
    ]


async def apply_migrations(conn: Connection, folders: dict[str, Path]) -> list[str]:
    """Apply what is not yet applied, shared first; return the names applied now."""
    applied_now: list[str] = []
    await conn.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
    try:
        await conn.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                namespace  text NOT NULL,
                version    integer NOT NULL,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (namespace, version)
            )
            """
        )
        done = {
            (r["namespace"], r["version"]): r["checksum"]
            for r in await conn.fetch("SELECT namespace, version, checksum FROM schema_migrations")
        }
        for namespace, folder in {"shared": SHARED_MIGRATIONS, **folders}.items():
            for migration in load_migrations(namespace, folder):
                key = (namespace, migration.version)
                if key in done:
                    if done[key] != migration.checksum:
                        log.warning("migration %s/%s changed after it was applied", *key)
                    continue
                async with conn.transaction():
                    await conn.execute(migration.sql)
                    await conn.execute(
                        "INSERT INTO schema_migrations (namespace, version, name, checksum)"
                        " VALUES ($1, $2, $3, $4)",
                        namespace,
                        migration.version,
                        migration.name,
                        migration.checksum,
                    )
                applied_now.append(f"{namespace}/{migration.name}")
                log.info("applied migration %s/%s", namespace, migration.name)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)
    return applied_now
