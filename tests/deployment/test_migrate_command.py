"""`python -m <service> migrate` and `migrate --check` as a deployment's own step, and a service
started with `<SERVICE>_MIGRATE_ON_START=false` that waits, not ready, until they have run."""

from __future__ import annotations

import asyncio
import os
import sys

import httpx

from jenjang_testing.harness import wait_for
from mentoring.config import MentoringSettings
from mentoring.main import create_app


async def _run(service: str, dsn: str, *args: str) -> tuple[int, str]:
    env = {**os.environ, f"{service.upper()}_DATABASE_URL": dsn}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", service, *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_check_fails_while_pending_migrate_applies_then_check_passes(new_database):
    dsn = await new_database()
    status, output = await _run("welfare", dsn, "migrate", "--check")
    assert status == 1 and "pending: shared/0001_outbox" in output
    status, output = await _run("welfare", dsn, "migrate")
    assert status == 0 and "applied: shared/0001_outbox" in output
    status, output = await _run("welfare", dsn, "migrate", "--check")
    assert (status, output.strip().splitlines()[-1]) == (0, "0 migration(s) pending")


async def test_migrate_exits_non_zero_when_it_cannot_run(infra):
    status, output = await _run("welfare", infra.dsn_for("no_such_database_here"), "migrate")
    assert status == 1 and "cannot connect" in output


async def _ready(client: httpx.AsyncClient) -> tuple[int, dict[str, object]]:
    response = await client.get("/health/ready")
    return response.status_code, response.json()


async def test_without_migrate_on_start_the_service_is_unready_until_the_job_ran(
    start_service, new_database
):
    dsn = await new_database()
    async with start_service(
        create_app, MentoringSettings, database_url=dsn, migrate_on_start=False
    ) as svc:
        status, body = await _ready(svc.client)
        assert status == 503
        assert "shared/0001_outbox" in body["checks"]["migrations"]["pending"]  # type: ignore[index]
        assert (await _run("mentoring", dsn, "migrate"))[0] == 0
        status, body = await wait_for(lambda: _ready(svc.client), until=lambda r: r[0] == 200,
                                      what="ready once migrated")  # fmt: skip
        assert body["checks"]["migrations"] == "applied"  # type: ignore[index]
