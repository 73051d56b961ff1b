"""Route helpers: the unit of work with its stores, the NIP path parameter, the actor."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Header, Path

from jenjang_shared.errors import InvalidInput
from jenjang_shared.runtime import ServiceRuntime
from personnel.adapters.work import work_for
from personnel.domain.nip import normalize_nip
from personnel.service.ports import Work


@asynccontextmanager
async def work(runtime: ServiceRuntime) -> AsyncIterator[Work]:
    """One transaction (with outbox) and the stores bound to it."""
    async with runtime.unit_of_work() as uow:
        yield work_for(uow)


def nip_param(nip: str) -> str:
    """A NIP from the path: spaces removed, 18 digits, else 422."""
    return normalize_nip(nip)


# Not jenjang_shared.web.params.NipPath: that one rejects a malformed NIP with FastAPI's
# generic pattern error. Personnel checks the NIP itself (`nip_param` -> `normalize_nip`:
# spaces removed, then 18 digits) and answers with its own 422 naming the rule broken, so
# its path parameter carries no pattern. Limit, Offset and Page come from the shared module.
NipPath = Annotated[str, Path(description="18-digit NIP", examples=["198609262015051001"])]
ActorHeader = Annotated[
    str | None,
    Header(alias="X-Actor", description="Who makes the change, when the body does not say"),
]


def who(body_value: str | None, header_value: str | None, *, field: str = "changed_by") -> str:
    """The author of a change: the body field, else the `X-Actor` header; one is required."""
    value = body_value or (header_value.strip() if header_value else None)
    if not value:
        raise InvalidInput(
            f"say who makes the change: the `{field}` field or the `X-Actor` header", field=field
        )
    return value
