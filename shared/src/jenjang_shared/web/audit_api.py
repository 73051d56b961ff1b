"""`GET /v1/audit`: the service's audit log, for administrators (every service has it)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from jenjang_shared.access import Principal, Role
from jenjang_shared.db.audit import AuditQuery, read_audit
from jenjang_shared.runtime import ServiceRuntime
from jenjang_shared.web.auth import allow
from jenjang_shared.web.params import Limit, Offset, Page

router = APIRouter(tags=["audit"])


class AuditRecord(BaseModel):
    seq: int
    at: datetime
    actor: str
    roles: list[str]
    operation: str
    record_type: str
    record_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str | None


@router.get("/audit", summary="The audit log: who changed or read what, when (admin)")
async def audit_log(
    request: Request,
    _: Annotated[Principal, Depends(allow(Role.ADMIN))],
    record_type: str | None = None,
    record_id: str | None = None,
    actor: Annotated[str | None, Query(description="A NIP or a token subject")] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[AuditRecord]:
    """Newest first. Records are append-only: the database refuses to change or delete one."""
    runtime: ServiceRuntime = request.app.state.runtime
    query = AuditQuery(record_type, record_id, actor, since, until, limit, offset)
    async with runtime.connection() as conn:
        rows, total = await read_audit(conn, query)
    items = [AuditRecord.model_validate(row) for row in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)
