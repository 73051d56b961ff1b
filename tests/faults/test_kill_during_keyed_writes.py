"""Personnel SIGKILLed (a real `kill -9`) while clients register employees with Idempotency-Keys.

Requests in flight at the kill fall on each side of their commit: some committed and were never
answered, some never committed. Every client retries with its key until it has an answer. What
must hold, counted exactly: every key ends answered 201, each of its employees exists exactly
once, and no key is left "in progress" (the hole of issue 19: 7 of 1,500 stayed 409 for ever).
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import asyncpg
import httpx

from jenjang_testing import builders
from jenjang_testing.infra import SessionInfra, create_database, create_topics, fresh_prefix
from jenjang_testing.issuer import TestIssuer
from jenjang_testing.processes import ServiceProcess

WRITES = 600  # bounded: 600 keys, 8 clients, each key retried at most 40 times
CLIENTS = 8
KILL_AFTER = 200  # answered writes before the kill


def _registration() -> dict:
    event = builders.employee_registered(
        builders.new_nip(), golongan="III/b", position_title="Analis Kepegawaian",
        position_kind="PELAKSANA", functional_level=None, job_class=None,
    )  # fmt: skip
    return event.model_dump(mode="json", exclude={"retirement_date", "retirement_rule"})


async def test_a_sigkill_between_commit_and_answer_loses_no_answer_and_writes_once(
    infra: SessionInfra, test_issuer: TestIssuer, tmp_path: Path
) -> None:
    prefix = fresh_prefix()
    await create_topics(infra, prefix)
    dsn = await create_database(infra)
    service = ServiceProcess(
        "personnel",
        {
            "database_url": dsn,
            "kafka_bootstrap_servers": infra.kafka_bootstrap,
            "topic_prefix": prefix,
            "auth_issuer": test_issuer.url,
            "auth_jwks_url": test_issuer.jwks_url,
            "consumer_enabled": "false",
        },
        log_path=tmp_path / "personnel.log",
    )
    await service.start()
    work = [(str(uuid.uuid4()), _registration()) for _ in range(WRITES)]
    queue: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)
    answers: dict[str, dict] = {}
    tally = {"transport_errors": 0, "conflicts_409": 0, "replayed": 0, "5xx": 0}
    answered = asyncio.Event()

    async def client(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            key, body = queue.get_nowait()
            for _ in range(40):
                try:
                    response = await http.post(
                        "/v1/employees", json=body, headers={"Idempotency-Key": key}
                    )
                except httpx.TransportError:
                    tally["transport_errors"] += 1
                    await asyncio.sleep(0.2)
                    continue
                if response.status_code == 201:
                    answers[key] = response.json()
                    tally["replayed"] += response.headers.get("idempotent-replayed") == "true"
                    if len(answers) >= KILL_AFTER:
                        answered.set()
                    break
                tally["conflicts_409" if response.status_code == 409 else "5xx"] += 1
                await asyncio.sleep(0.2)

    headers = test_issuer.headers(test_issuer.admin())
    try:
        async with httpx.AsyncClient(base_url=service.url, headers=headers, timeout=10) as http:
            clients = [asyncio.create_task(client(http)) for _ in range(CLIENTS)]
            await asyncio.wait_for(answered.wait(), 120)
            service.kill9()  # mid-stream: CLIENTS requests are in flight
            killed_at = len(answers)
            await service.start()
            await asyncio.wait_for(asyncio.gather(*clients), 300)
    finally:
        service.stop()
    conn = await asyncpg.connect(dsn)
    try:
        employees = await conn.fetchval("SELECT count(*) FROM employees")
        distinct = await conn.fetchval("SELECT count(DISTINCT nip) FROM employees")
        keys = await conn.fetchval("SELECT count(*) FROM idempotency_keys WHERE status = 201")
        in_progress = await conn.fetchval(
            "SELECT count(*) FROM idempotency_keys WHERE status IS NULL"
        )
    finally:
        await conn.close()
    print(
        f"\nkeyed writes: {WRITES} keys, killed after {killed_at} answers; answered={len(answers)}"
        f" employees={employees} keys_stored={keys} in_progress={in_progress} {tally}"
    )
    assert len(answers) == WRITES, service.log_tail()
    assert employees == distinct == WRITES
    assert keys == WRITES and in_progress == 0
    assert all(answers[key]["nip"] == body["nip"] for key, body in work)
