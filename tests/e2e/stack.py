"""The five services as real processes (`python -m <service>`), on fresh databases and topics.

The test session gets one stack with its own: databases, a topic prefix, free ports. The
services are stopped with SIGTERM at the end, as an operator would.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from jenjang_testing.harness import free_port
from jenjang_testing.issuer import TestIssuer

SERVICES = ("personnel", "training", "mentoring", "evaluation", "welfare")


@dataclass
class RunningStack:
    urls: dict[str, str]
    databases: dict[str, str]
    topic_prefix: str
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: dict[str, Path] = field(default_factory=dict)
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)

    def client(self, service: str) -> httpx.AsyncClient:
        return self.clients[service]

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.processes.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def start_service(service: str, env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    log = log_path.open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", service], env={**os.environ, **env}, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


async def start_stack(
    *, databases: dict[str, str], kafka: str, topic_prefix: str, log_dir: Path,
    issuer: TestIssuer, extra_env: dict[str, str] | None = None,
) -> RunningStack:  # fmt: skip
    """The five services trusting `issuer`; the stack's clients call them as an administrator
    (a story that acts as someone else passes that person's token)."""
    urls: dict[str, str] = {}
    stack = RunningStack(urls=urls, databases=databases, topic_prefix=topic_prefix)
    for service in SERVICES:
        port = free_port()
        prefix = service.upper()
        env = {
            f"{prefix}_DATABASE_URL": databases[service],
            f"{prefix}_KAFKA_BOOTSTRAP_SERVERS": kafka,
            f"{prefix}_TOPIC_PREFIX": topic_prefix,
            f"{prefix}_HTTP_HOST": "127.0.0.1",
            f"{prefix}_HTTP_PORT": str(port),
            f"{prefix}_RELAY_POLL_INTERVAL_S": "0.5",
            f"{prefix}_AUTH_ISSUER": issuer.url,
            f"{prefix}_AUTH_JWKS_URL": issuer.jwks_url,
            **(extra_env or {}),
        }
        stack.logs[service] = log_dir / f"{service}.log"
        stack.processes[service] = start_service(service, env, stack.logs[service])
        urls[service] = f"http://127.0.0.1:{port}"
        stack.clients[service] = httpx.AsyncClient(
            base_url=urls[service], timeout=30, headers=issuer.headers(issuer.admin())
        )
    try:
        for service in SERVICES:
            await _wait_ready(stack, service)
    except BaseException:
        await stack.close()
        raise
    return stack


async def _wait_ready(stack: RunningStack, service: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack.processes[service].poll() is not None:
            raise AssertionError(f"{service} exited:\n{stack.logs[service].read_text()[-3000:]}")
        try:
            response = await stack.clients[service].get("/health/ready")
            if response.status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError(
        f"{service} not ready in {timeout}s:\n{stack.logs[service].read_text()[-3000:]}"
    )
