"""Every service's /docs renders in a real browser with no network beyond loopback.

Swagger UI and ReDoc come from the service itself (fastapi-offline's copies), so the page works
on an agency intranet without internet access. Chromium runs headless with every host name but
127.0.0.1 unresolvable, so a page that reached for a CDN would stay blank. The screenshots are
kept in build/test-artifacts/ (`make browser` installs Debian's chromium when it is missing).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from jenjang_testing.harness import free_port, wait_for

_OPERATION = re.compile(
    r'opblock-summary-method">(\w+)</span>.*?class="opblock-summary-path" data-path="([^"]+)"'
)
SERVICES = ("personnel", "training", "mentoring", "evaluation", "welfare")
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Loopback only: any other host name fails to resolve, as on a network without internet.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (make browser); in CI its absence is a failure",
)


@asynccontextmanager
async def served(service: str, env: dict[str, str], log: Path) -> AsyncIterator[str]:
    """`python -m <service>` on a free loopback port until the block ends (SIGTERM)."""
    port = free_port()
    prefix = service.upper()
    env = {
        **os.environ,
        **env,
        f"{prefix}_HTTP_HOST": "127.0.0.1",
        f"{prefix}_HTTP_PORT": str(port),
    }
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", service, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:

        async def live() -> int:
            if process.returncode is not None:
                raise AssertionError(await asyncio.to_thread(lambda: log.read_text()[-3000:]))
            try:
                async with httpx.AsyncClient(trust_env=False) as client:
                    return (await client.get(f"{url}/health/live")).status_code
            except httpx.TransportError:
                return 0

        await wait_for(
            live, until=lambda s: s == 200, timeout=60, interval=0.2, what=f"{service} up"
        )
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _render(url: str, screenshot: Path) -> str:
    """Chromium's DOM of `url` after its scripts ran (and a screenshot of it)."""
    common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--no-first-run", OFFLINE, "--virtual-time-budget=15000", "--window-size=1280,2000"]  # fmt: skip
    assert CHROMIUM is not None
    for extra in ([f"--screenshot={screenshot}"], ["--dump-dom"]):
        process = await asyncio.create_subprocess_exec(
            CHROMIUM, *common, *extra, url,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        dom, _ = await asyncio.wait_for(process.communicate(), 90)
    return dom.decode()


@needs_chromium
@pytest.mark.parametrize("service", SERVICES)
async def test_docs_render_their_operations_from_the_service_alone(
    service, new_database, infra, test_issuer, tmp_path
):
    assert CHROMIUM is not None, "chromium is missing: run `make browser`"
    prefix = service.upper()
    env = {
        f"{prefix}_DATABASE_URL": await new_database(),
        f"{prefix}_KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        f"{prefix}_CONSUMER_ENABLED": "false",
        f"{prefix}_RELAY_ENABLED": "false",
        f"{prefix}_AUTH_ISSUER": test_issuer.url,
        f"{prefix}_AUTH_JWKS_URL": test_issuer.jwks_url,
    }
    async with served(service, env, tmp_path / f"{service}.log") as url:
        async with httpx.AsyncClient(trust_env=False) as client:
            page = (await client.get(f"{url}/docs")).text
            spec = (await client.get(f"{url}/openapi.json")).json()
        assert (
            "cdn.jsdelivr.net" not in page and "/static-offline-docs/swagger-ui-bundle.js" in page
        )
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        screenshot = ARTIFACTS / f"docs-{service}.png"
        screenshot.unlink(missing_ok=True)
        dom = await _render(f"{url}/docs", screenshot)

    assert screenshot.stat().st_size > 10_000  # a rendered page, not a blank one
    assert 'class="swagger-ui"' in dom
    v1_paths = [path for path in spec["paths"] if path.startswith("/v1/")]
    assert v1_paths
    # Each operation is an "opblock" with its method and path (shown once per tag it has).
    rendered = set(_OPERATION.findall(dom))
    expected = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    assert rendered == expected
