"""A service as a real OS process, for fault tests that `kill -9` it (tests/faults).

In-process "crashes" (a CancelledError) run `finally` blocks and close sockets politely; a
SIGKILL does neither, which is the crash that production sees. The process is started in its own
session on a free loopback port, with its log in a file the test can show when it fails.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from jenjang_testing.harness import free_port


@dataclass
class ServiceProcess:
    """`python -m <service>` with `<SERVICE>_*` settings; `start()`, `kill9()`, `stop()`."""

    service: str
    settings: dict[str, str]  # without the prefix: {"database_url": ..., "topic_prefix": ...}
    log_path: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        prefix = self.service.upper()
        values = {**self.settings, "http_host": "127.0.0.1", "http_port": str(self.port)}
        return {**os.environ, **{f"{prefix}_{k.upper()}": v for k, v in values.items()}}

    async def start(self, timeout_s: float = 60.0) -> None:
        """Start it and wait until it serves HTTP (its lifespan has migrated and started)."""
        self.proc = self._spawn()
        deadline = asyncio.get_running_loop().time() + timeout_s
        async with httpx.AsyncClient(base_url=self.url, timeout=2.0) as client:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.service} exited: {self.log_tail()}")
                try:
                    if (await client.get("/health/live")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    raise TimeoutError(f"{self.service} not live: {self.log_tail()}")
                await asyncio.sleep(0.2)

    def _spawn(self) -> subprocess.Popen[bytes]:
        # Popen returns once the child is forked: no wait worth a thread.
        with self.log_path.open("ab") as log:
            return subprocess.Popen(
                [sys.executable, "-m", self.service],
                env=self._env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill9(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye to PostgreSQL or Kafka."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""
