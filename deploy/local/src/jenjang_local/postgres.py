"""A PostgreSQL 15 cluster of our own, run as the `postgres` system user.

initdb refuses to run as root and everything here runs as root, so when we are root every
server command goes through `runuser -u postgres`. That user must be able to reach the data
folder; when the checkout sits somewhere it cannot enter, the cluster lives under /var/tmp.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import asyncpg

from jenjang_local.config import LOOPBACK, StackConfig
from jenjang_local.errors import StackError
from jenjang_local.output import say, tail_lines
from jenjang_local.ports import require_free_port
from jenjang_local.prereqs import ensure_postgres_binaries
from jenjang_local.procs import STACK_ID_VAR, descendants, kill_processes, process_alive

PG_USER = "postgres"

# Settings for a development/test box. Durability stays on (fsync, synchronous_commit): the
# services' outbox and idempotency guarantees are what the tests exercise.
SERVER_SETTINGS = {
    "listen_addresses": LOOPBACK,
    "max_connections": "300",
    "shared_buffers": "256MB",
}

_DATABASE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


# --- where the cluster lives -------------------------------------------------------------------


def _running_as_root() -> bool:
    return os.geteuid() == 0


def _as_pg_user(argv: Sequence[str]) -> list[str]:
    return ["runuser", "-u", PG_USER, "--", *argv] if _running_as_root() else list(argv)


def _pg_user_can_reach(folder: Path) -> bool:
    # Resolving a path needs search (x) permission on every folder along it, so one `test -x`
    # on the deepest folder, run as the postgres user, checks every parent at once.
    if not _running_as_root():
        return True
    result = subprocess.run(_as_pg_user(["test", "-x", str(folder)]), check=False)
    return result.returncode == 0


def fallback_root(state_dir: Path) -> Path:
    # Keyed by the state dir rather than only the checkout, so two stacks of one checkout (e.g.
    # a second JENJANG_STATE_DIR for CI) never share a cluster; with the default state dir
    # (<project>/.jenjang) this is a hash of the project path.
    digest = hashlib.sha256(str(state_dir).encode()).hexdigest()[:10]
    return Path("/var/tmp") / f"jenjang-{digest}" / "postgres"


def pg_root(config: StackConfig, *, create: bool = False) -> Path:
    """Folder holding data/, socket/ and postgres.log; the choice is remembered in the state dir.

    With create=False (status, logs, down) it never creates anything and just reports where the
    cluster is or would be.
    """
    record = config.state_dir / "postgres-location"
    if record.exists():
        return Path(record.read_text().strip())
    preferred = config.state_dir / "postgres"
    if not create:
        return preferred
    config.state_dir.mkdir(parents=True, exist_ok=True)
    if _pg_user_can_reach(config.state_dir):
        chosen = preferred
    else:
        chosen = fallback_root(config.state_dir)
        say(
            f"The `{PG_USER}` user cannot enter {config.state_dir} (a parent folder is not "
            f"searchable by it), so PostgreSQL's data lives in {chosen} instead."
        )
    record.write_text(f"{chosen}\n")
    return chosen


def data_dir(config: StackConfig) -> Path:
    return pg_root(config) / "data"


def log_file(config: StackConfig) -> Path:
    return pg_root(config) / "postgres.log"


# --- life cycle ----------------------------------------------------------------------------------


def _pg_bin(config: StackConfig, tool: str) -> str:
    return str(config.pg_bin_dir / tool)


def _init_cluster(config: StackConfig) -> None:
    root = pg_root(config, create=True)
    data, socket_dir = root / "data", root / "socket"
    if (data / "PG_VERSION").exists():
        return
    for folder in (root, data, socket_dir):
        folder.mkdir(parents=True, exist_ok=True)
    data.chmod(0o700)
    if _running_as_root():
        shutil.chown(root, PG_USER, PG_USER)
        for folder in (data, socket_dir):
            shutil.chown(folder, PG_USER, PG_USER)
    say(f"Creating a PostgreSQL cluster in {data} (once)…")
    argv = [
        _pg_bin(config, "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER,
        "-E", "UTF8", "--locale=C.UTF-8",
    ]  # fmt: skip
    result = subprocess.run(_as_pg_user(argv), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise StackError(
            f"initdb failed in {data} (exit {result.returncode}).",
            f"Read the output above; `jenjang down --purge` removes {root} to start over.",
            details=tail_lines(result.stdout + result.stderr, 30),
        )


def _postmaster_info(config: StackConfig) -> tuple[int, int] | None:
    """(pid, port) from postmaster.pid if that postmaster runs on our data folder."""
    data = data_dir(config)
    try:
        lines = (data / "postmaster.pid").read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None
    if not process_alive(pid):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return None
    # pid reuse guard: the postmaster's command line names its data folder.
    return (pid, port) if str(data) in cmdline else None


def running_pid(config: StackConfig) -> int | None:
    info = _postmaster_info(config)
    return info[0] if info else None


def start_server(config: StackConfig) -> int:
    """Start our cluster unless it already runs; returns the postmaster pid once it accepts."""
    info = _postmaster_info(config)
    if info is not None:
        pid, port = info
        if port != config.pg_port:
            raise StackError(
                f"Our PostgreSQL already runs on port {port}, but JENJANG_PG_PORT is "
                f"{config.pg_port}.",
                f"Run `jenjang down` first, or set JENJANG_PG_PORT={port}.",
            )
        say(f"PostgreSQL already running (pid {pid}).")
        return pid

    require_free_port(LOOPBACK, config.pg_port, "JENJANG_PG_PORT", "PostgreSQL")
    ensure_postgres_binaries(config.pg_bin_dir)
    _init_cluster(config)
    root = pg_root(config)
    options = [f"-p {config.pg_port}", f"-k {root / 'socket'}"]
    options += [f"-c {name}={value}" for name, value in SERVER_SETTINGS.items()]
    log = log_file(config)
    say(f"Starting PostgreSQL on {LOOPBACK}:{config.pg_port} (log: {log})…")
    started = time.monotonic()
    argv = [
        _pg_bin(config, "pg_ctl"), "-D", str(root / "data"), "-l", str(log),
        "-o", " ".join(options), "-w", "-t", "60", "start",
    ]  # fmt: skip
    result = subprocess.run(
        _as_pg_user(argv),
        capture_output=True,
        text=True,
        check=False,
        # pg_ctl detaches the postmaster into its own session; the marker lets `down` find it.
        env={**os.environ, STACK_ID_VAR: str(config.state_dir)},
        cwd=root,
    )
    info = _postmaster_info(config)
    if result.returncode != 0 or info is None:
        raise StackError(
            f"PostgreSQL did not start (pg_ctl exit {result.returncode}). Last lines of {log}:",
            f"Read {log}; if the data folder is damaged, `jenjang down --purge` wipes it.",
            details=tail_lines(result.stdout + result.stderr + _read(log), 30),
        )
    say(f"PostgreSQL ready in {time.monotonic() - started:.1f} s.")
    return info[0]


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def stop_server(config: StackConfig) -> None:
    """`pg_ctl stop -m fast` (rolls back open transactions, checkpoints, exits)."""
    pid = running_pid(config)
    if pid is None:
        return
    say(f"Stopping PostgreSQL (pid {pid})…")
    argv = [_pg_bin(config, "pg_ctl"), "-D", str(data_dir(config)), "-m", "fast",
            "-w", "-t", "30", "stop"]  # fmt: skip
    subprocess.run(_as_pg_user(argv), capture_output=True, check=False, cwd="/")
    if process_alive(pid):
        # pg_ctl gave up. Each backend runs in its own process group, so signal by parentage:
        # SIGQUIT is PostgreSQL's immediate shutdown, SIGKILL the last resort.
        say("PostgreSQL did not stop in 30 s; forcing an immediate shutdown.")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGQUIT)
        end = time.monotonic() + 5.0
        while process_alive(pid) and time.monotonic() < end:
            time.sleep(0.1)
        kill_processes([pid, *descendants([pid])])
    say("PostgreSQL stopped.")


def purge(config: StackConfig) -> None:
    """Delete the cluster's folder (server must be stopped) and the remembered location."""
    root = pg_root(config)
    shutil.rmtree(root, ignore_errors=True)
    if root.parent.name.startswith("jenjang-") and root.parent.parent == Path("/var/tmp"):
        shutil.rmtree(root.parent, ignore_errors=True)
    (config.state_dir / "postgres-location").unlink(missing_ok=True)


# --- databases -----------------------------------------------------------------------------------


def check_database_name(name: str) -> str:
    if not _DATABASE_NAME.match(name):
        raise StackError(
            f"{name!r} is not a usable database name.",
            "Use letters, digits and underscores (at most 63), not starting with a digit.",
        )
    return name


async def create_database_async(admin_dsn: str, name: str) -> bool:
    """Create database `name` unless it exists; True if it was created now."""
    check_database_name(name)
    conn = await asyncpg.connect(admin_dsn)
    try:
        for attempt in range(20):
            if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                return False
            try:
                await conn.execute(f'CREATE DATABASE "{name}"')
                return True
            except asyncpg.DuplicateDatabaseError:
                return False
            except asyncpg.ObjectInUseError:
                # Concurrent CREATE DATABASE calls copy template1 and may find it busy; retry.
                await asyncio.sleep(0.05 * (attempt + 1))
        raise StackError(
            f"Could not create database {name}: template1 stayed busy.",
            "Retry; avoid holding connections to template1.",
        )
    finally:
        await conn.close()


async def drop_database_async(admin_dsn: str, name: str) -> None:
    """Drop database `name` if it exists, disconnecting its clients (WITH (FORCE))."""
    check_database_name(name)
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def ensure_databases_async(admin_dsn: str, names: Iterable[str]) -> list[str]:
    created = []
    for name in names:
        if await create_database_async(admin_dsn, name):
            created.append(name)
    return created
