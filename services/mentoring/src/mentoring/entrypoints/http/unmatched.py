"""Routes of the requests an event made when nobody could mentor: waiting, resolved, closed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.access import Visibility
from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from mentoring.entrypoints.http.deps import Anyone, NewUnitOfWork
from mentoring.entrypoints.http.schemas import UnmatchedPublic

router = APIRouter(prefix="/unmatched", tags=["mentorships"])


@router.get("", summary="Requests waiting for a mentor")
async def list_unmatched(
    caller: Anyone,
    new_uow: NewUnitOfWork,
    status: Annotated[str | None, Query(pattern="^(PENDING|RESOLVED|CLOSED)$")] = "PENDING",
    mentee_nip: NipQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[UnmatchedPublic]:
    """Mentorships an event asked for (new CPNS, weak evaluation, re-match) when nobody was
    eligible; each says why, rule by rule. They are tried again when a mentor appears. Only
    the requests of mentees the caller may see."""
    async with new_uow() as uow:
        rows, total = await uow.queries.list_pending(
            status=status,
            mentee_nip=mentee_nip,
            limit=limit,
            offset=offset,
            visibility=Visibility.of(caller),
        )
    items = [UnmatchedPublic.model_validate(r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)
