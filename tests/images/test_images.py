"""The five built images, run for real with podman (host network, loopback only): each migrates
a fresh database as its own step, then serves, becomes ready, and stops on SIGTERM.

Run by `make test-images` (after `make images`), which sets JENJANG_TEST_IMAGES=1; `make test`
leaves these out because they need the images.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from pathlib import Path

import httpx
import pytest

from jenjang_testing.harness import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("personnel", "training", "mentoring", "evaluation", "welfare")
TAG = os.environ.get("IMAGE_TAG", "0.1.0")

pytestmark = pytest.mark.skipif(
    os.environ.get("JENJANG_TEST_IMAGES") != "1", reason="needs the images: make test-images"
)


async def podman(*args: str, timeout: float = 120) -> tuple[int, str]:
    env = {**os.environ, "CONTAINERS_CONF": str(ROOT / "deploy/podman/containers.conf")}
    process = await asyncio.create_subprocess_exec(
        "podman", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(process.communicate(), timeout)
    assert process.returncode is not None
    return process.returncode, output.decode()


@pytest.mark.parametrize("service", SERVICES)
async def test_the_image_migrates_then_serves_ready_and_stops_on_sigterm(
    service, new_database, infra, test_issuer
):
    image = f"jenjang/{service}:{TAG}"
    prefix = service.upper()
    dsn = await new_database()
    env = [f"--env={prefix}_DATABASE_URL={dsn}"]
    status, output = await podman("run", "--rm", "--network", "host", *env, image, "migrate")
    assert status == 0, output
    status, output = await podman(
        "run", "--rm", "--network", "host", *env, image, "migrate", "--check"
    )
    assert status == 0 and "0 migration(s) pending" in output, output

    port = free_port()
    name = f"jenjang-test-{service}-{uuid.uuid4().hex[:6]}"
    settings = {
        "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        "TOPIC_PREFIX": f"img{uuid.uuid4().hex[:6]}.",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_PORT": str(port),
        "MIGRATE_ON_START": "false",
        "AUTH_ISSUER": test_issuer.url,
        "AUTH_JWKS_URL": test_issuer.jwks_url,
        "AUTH_PUBLIC_METRICS": "true",
    }
    env += [f"--env={prefix}_{key}={value}" for key, value in settings.items()]
    status, output = await podman("run", "-d", "--name", name, "--network", "host",
                                  "--read-only", "--tmpfs", "/tmp", *env, image)  # fmt: skip
    assert status == 0, output
    try:
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", trust_env=False
        ) as client:

            async def ready() -> int:
                try:
                    return (await client.get("/health/ready")).status_code
                except httpx.TransportError:
                    return 0

            try:
                await wait_for(ready, until=lambda s: s == 200, timeout=90, interval=0.5,
                               what=f"{service} container ready")  # fmt: skip
            except AssertionError as exc:
                raise AssertionError(f"{exc}\n{(await podman('logs', name))[1][-3000:]}") from None
            assert (await client.get("/docs")).status_code == 200
            metrics = await client.get("/metrics")
            assert "jenjang_http_request_duration_seconds" in metrics.text
        status, output = await podman("stop", "--time", "20", name)
        assert status == 0, output
        _, code = await podman("inspect", "--format", "{{.State.ExitCode}}", name)
        assert code.strip() == "0", await podman("logs", name)  # a graceful stop on SIGTERM
    finally:
        await podman("rm", "--force", name)
