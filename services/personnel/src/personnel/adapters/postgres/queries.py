"""The read models of the API in PostgreSQL: searches and pages (explicit SQL)."""

from __future__ import annotations

from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from personnel.adapters.postgres.employees import COLUMNS, to_employee
from personnel.adapters.postgres.proposals import PROPOSAL_COLUMNS, to_proposal
from personnel.adapters.postgres.scope import arguments, visible, visible_nip
from personnel.domain.employee import Employee
from personnel.domain.proposals import Proposal, ProposalStatus
from personnel.service.ports import EmployeeFilter, Row

_COLS = ", ".join(COLUMNS)

# Every read is limited to the caller's scope ($1-$4, see scope.py), then filtered: a NULL
# parameter means "any". The name query matches name (case-insensitive) or the NIP's start.
_WHERE = f"""
WHERE {visible(1)}
  AND ($5::text IS NULL OR unit_code = $5)
  AND ($6::text IS NULL OR golongan = $6)
  AND ($7::text IS NULL OR employment_type = $7)
  AND ($8::text IS NULL OR position_kind = $8)
  AND ($9::text IS NULL OR status = $9)
  AND ($10::text IS NULL OR lower(name) LIKE '%' || lower($10) || '%' OR nip LIKE $10 || '%')
"""
COUNT_SEARCH = "SELECT count(*) FROM employees " + _WHERE
SEARCH = f"SELECT {_COLS} FROM employees {_WHERE} ORDER BY {{order}} LIMIT $11 OFFSET $12"
# One order per key of EMPLOYEE_SORTS: ORDER BY is never built from user text.
ORDER_BY: dict[str, str] = {
    "nip": "nip",
    "name": "lower(name), nip",
    "golongan": "golongan_rank, nip",
    "unit_code": "unit_code, nip",
    "golongan_tmt": "golongan_tmt, nip",
    "retirement_date": "retirement_date, nip",
    "registered_at": "registered_at, nip",
}

RETIRING_WHERE = f"WHERE status = 'ACTIVE' AND retirement_date <= $1 AND {visible(2)}"
COUNT_RETIRING = "SELECT count(*) FROM employees " + RETIRING_WHERE
RETIRING = (
    f"SELECT {_COLS} FROM employees {RETIRING_WHERE} ORDER BY retirement_date, nip"
    " LIMIT $6 OFFSET $7"
)
# Rows keyed by a NIP: only when that NIP is the caller's own or an employee in scope ($2-$5).
_OF_NIP = f"WHERE nip = $1 AND {visible_nip(1, 2)}"
CHANGES_OF = f"""
SELECT id, field, old_value, new_value, effective_date, changed_by, reason, kind, recorded_at
FROM employee_changes {_OF_NIP} ORDER BY id DESC LIMIT $6 OFFSET $7
"""
COUNT_CHANGES_OF = f"SELECT count(*) FROM employee_changes {_OF_NIP}"
RANKS_OF = f"""
SELECT golongan, golongan_tmt, source, proposal_id::text AS proposal_id, sk_number, sk_date,
       recorded_at
FROM rank_history {_OF_NIP} ORDER BY golongan_tmt DESC, id DESC
"""
COUNT_TIMELINE_OF = f"SELECT count(*) FROM timeline_entries {_OF_NIP}"
# Newest first: by business date, then event time.
TIMELINE_OF = f"""
SELECT occurred_on, event_time, kind, summary, source, event_id
FROM timeline_entries {_OF_NIP}
ORDER BY occurred_on DESC, event_time DESC, seq DESC
LIMIT $6 OFFSET $7
"""
# A proposal is in scope when its employee is ($3-$6; see proposals.SELECT_ONE).
_PROPOSALS_WHERE = f"""
WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR nip = $2)
  AND ($3::boolean OR nip = $6::text OR EXISTS (
      SELECT 1 FROM employees e WHERE e.nip = promotion_proposals.nip AND {visible(3, alias="e")}))
"""
COUNT_PROPOSALS = f"SELECT count(*) FROM promotion_proposals {_PROPOSALS_WHERE}"
PROPOSALS = (
    f"SELECT {PROPOSAL_COLUMNS} FROM promotion_proposals {_PROPOSALS_WHERE}"
    " ORDER BY opened_at, id LIMIT $7 OFFSET $8"
)


class PgPersonnelQueries:
    """PersonnelQueries over the unit of work's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def search(
        self,
        criteria: EmployeeFilter,
        *,
        visibility: Visibility,
        sort: str,
        limit: int,
        offset: int,
    ) -> tuple[list[Employee], int]:
        """Filtered page; `sort` is a key of EMPLOYEE_SORTS, with a leading '-' for descending."""
        order = ORDER_BY[sort.lstrip("-")]
        if sort.startswith("-"):
            order = ", ".join(f"{part.strip()} DESC" for part in order.split(","))
        q = criteria.q
        # LIKE wildcards in the query are matched literally.
        q = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") if q else None
        args = (
            *arguments(visibility),
            criteria.unit_code,
            criteria.golongan,
            criteria.employment_type,
            criteria.position_kind,
            criteria.status,
            q,
        )
        total = await self.conn.fetchval(COUNT_SEARCH, *args)
        rows = await self.conn.fetch(SEARCH.format(order=order), *args, limit, offset)
        return [to_employee(r) for r in rows], total

    async def retiring(
        self, until: date, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Employee], int]:
        """Active employees whose computed retirement date is on or before `until`."""
        args = (until, *arguments(visibility))
        total = await self.conn.fetchval(COUNT_RETIRING, *args)
        rows = await self.conn.fetch(RETIRING, *args, limit, offset)
        return [to_employee(r) for r in rows], total

    async def changes_of(
        self, nip: str, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        args = (nip, *arguments(visibility))
        total = await self.conn.fetchval(COUNT_CHANGES_OF, *args)
        rows = await self.conn.fetch(CHANGES_OF, *args, limit, offset)
        return [dict(r) for r in rows], total

    async def ranks_of(self, nip: str, *, visibility: Visibility) -> list[Row]:
        return [dict(r) for r in await self.conn.fetch(RANKS_OF, nip, *arguments(visibility))]

    async def timeline_of(
        self, nip: str, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        args = (nip, *arguments(visibility))
        total = await self.conn.fetchval(COUNT_TIMELINE_OF, *args)
        rows = await self.conn.fetch(TIMELINE_OF, *args, limit, offset)
        return [dict(r) for r in rows], total

    async def proposals(
        self,
        *,
        visibility: Visibility,
        status: ProposalStatus | None,
        nip: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[Proposal], int]:
        args = (status.value if status else None, nip, *arguments(visibility))
        total = await self.conn.fetchval(COUNT_PROPOSALS, *args)
        rows = await self.conn.fetch(PROPOSALS, *args, limit, offset)
        return [to_proposal(r) for r in rows], total
