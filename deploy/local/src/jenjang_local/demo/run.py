"""`jenjang demo`: seed the demo agency into a running stack and tell its story."""

from __future__ import annotations

import asyncio
import time

from jenjang_local.config import SERVICES, StackConfig
from jenjang_local.demo.client import Api, As, DemoError
from jenjang_local.demo.seed import seed
from jenjang_local.demo.story import tell
from jenjang_local.errors import StackError
from jenjang_local.keycloak import token_for
from jenjang_local.output import say


def _story_line(line: str) -> None:
    print(line, flush=True)


async def _run(config: StackConfig) -> None:
    urls = {s: f"http://127.0.0.1:{config.service_ports[s]}" for s in SERVICES}

    def tokens(who: As) -> str:  # from the stack's Keycloak, as `jenjang token` gets them
        return token_for(config, role=who.role, units=list(who.units) or None, nip=who.nip)

    api = Api(urls, tokens)
    try:
        for service in SERVICES:
            if await api.status(service, "/health/ready") != 200:
                raise DemoError(f"{service} is not ready at {urls[service]}")
        started = time.monotonic()
        people = await seed(api, say)
        say(f"Seeded in {time.monotonic() - started:.1f} s; letting the events flow…")
        await tell(api, people, _story_line)
    finally:
        await api.close()


def run_demo(config: StackConfig) -> None:
    """Seed through the public APIs (idempotent: a second run adds nothing) and print the story."""
    try:
        asyncio.run(_run(config))
    except DemoError as error:
        raise StackError(
            f"The demo could not finish: {error}",
            "Check `jenjang status` and `jenjang logs <service>`; then run `make demo` again "
            "(seeding twice adds nothing).",
        ) from error
    except OSError as error:
        raise StackError(
            f"The demo could not reach the services: {error}",
            "Start them with `make up` (or `jenjang up`) first.",
        ) from error
