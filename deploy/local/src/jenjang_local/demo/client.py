"""A small HTTP helper for the demo: JSON calls that treat "already there" as done."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx

T = TypeVar("T")


class DemoError(RuntimeError):
    """A call the demo needed failed in a way that seeding again will not fix."""


@dataclass(frozen=True)
class As:
    """Who makes a call: a role of the local realm, with the units or NIP it needs."""

    role: str
    units: tuple[str, ...] = ()
    nip: str | None = None


ADMIN = As("admin")
TokenSource = Callable[[As], str]


class Api:
    """The five services' public APIs, by name, called with the token of whoever acts (`as_`;
    an administrator unless said otherwise). Tokens come from `tokens` and are reused."""

    def __init__(self, urls: dict[str, str], tokens: TokenSource) -> None:
        self.urls = urls
        self._tokens = tokens
        self._issued: dict[As, str] = {}
        self._clients = {
            name: httpx.AsyncClient(base_url=url, timeout=30) for name, url in urls.items()
        }

    async def _auth(self, who: As) -> dict[str, str]:
        if who not in self._issued:  # a token lives 15 minutes: longer than the demo runs
            self._issued[who] = await asyncio.to_thread(self._tokens, who)
        return {"Authorization": f"Bearer {self._issued[who]}"}

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()

    async def get(self, service: str, path: str, as_: As = ADMIN, **params: Any) -> Any:
        response = await self._clients[service].get(
            path, params=params or None, headers=await self._auth(as_)
        )
        _raise_for(response, service, "GET", path)
        return response.json()

    async def create(
        self, service: str, path: str, body: dict[str, Any], as_: As = ADMIN
    ) -> dict[str, Any] | None:
        """POST; None when the thing already exists (409), so seeding twice adds nothing."""
        response = await self._clients[service].post(path, json=body, headers=await self._auth(as_))
        if response.status_code == 409:
            return None
        _raise_for(response, service, "POST", path)
        result: dict[str, Any] = response.json()
        return result

    async def post(
        self, service: str, path: str, body: dict[str, Any], as_: As = ADMIN
    ) -> httpx.Response:
        return await self._clients[service].post(path, json=body, headers=await self._auth(as_))

    async def status(self, service: str, path: str, as_: As = ADMIN) -> int:
        """The HTTP status of a GET: for waiting until something exists."""
        response = await self._clients[service].get(path, headers=await self._auth(as_))
        return response.status_code


def _raise_for(response: httpx.Response, service: str, method: str, path: str) -> None:
    if response.status_code >= 400:
        raise DemoError(
            f"{service}: {method} {path} -> {response.status_code}: {response.text[:500]}"
        )


AGENCY_TIME_ZONE = ZoneInfo("Asia/Jakarta")


def agency_today() -> date:
    """The agency's date (WIB): the services date sessions, SKs and "today" in this zone."""
    return datetime.now(AGENCY_TIME_ZONE).date()


async def eventually(
    probe: Callable[[], Awaitable[T]], until: Callable[[T], bool], *, timeout: float, what: str
) -> T:
    """Poll until `until(result)`: events take a moment to flow between services."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if until(result):
            return result
        if time.monotonic() > deadline:
            raise DemoError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.3)
