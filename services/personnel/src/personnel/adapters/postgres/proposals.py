"""Promotion proposals in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from personnel.adapters.postgres.scope import arguments, visible
from personnel.domain.proposals import Proposal, ProposalStatus

PROPOSAL_COLUMNS = """id::text AS id, recommendation_id, nip, kind, from_golongan, to_golongan,
kp_period, rules_version, evidence, status, opened_at, decided_at, decided_by, sk_number, sk_date,
reason"""

OPEN = """
INSERT INTO promotion_proposals (id, recommendation_id, nip, kind, from_golongan, to_golongan,
                                 kp_period, rules_version, evidence, source_event_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (recommendation_id) DO NOTHING
RETURNING true
"""
# A proposal is in scope when its employee is (an unregistered employee's: admin and service
# only, or the employee themself).
SELECT_ONE = f"""
SELECT {PROPOSAL_COLUMNS} FROM promotion_proposals p
WHERE p.id = $1 AND ($2::boolean OR p.nip = $5::text OR EXISTS (
    SELECT 1 FROM employees e WHERE e.nip = p.nip AND {visible(2, alias="e")}))
"""
SELECT_ONE_FOR_UPDATE = SELECT_ONE + " FOR UPDATE OF p"
SAVE_DECISION = """
UPDATE promotion_proposals
SET status = $2, decided_at = $3, decided_by = $4, sk_number = $5, sk_date = $6, reason = $7
WHERE id = $1
"""
# Only a PENDING proposal is withdrawn: a decided one stays as HR decided it.
WITHDRAW = """
UPDATE promotion_proposals SET status = 'WITHDRAWN', reason = $2, decided_at = $3
WHERE recommendation_id = $1 AND status = 'PENDING'
RETURNING true
"""


def to_proposal(row: asyncpg.Record) -> Proposal:
    """A proposal from its row (PROPOSAL_COLUMNS)."""
    return Proposal(**{**dict(row), "status": ProposalStatus(row["status"])})


class PgProposals:
    """ProposalRepository over the unit of work's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def open(self, proposal: Proposal, *, source_event_id: str | None) -> bool:
        """Insert unless a proposal for the same recommendation exists; True when opened."""
        opened = await self.conn.fetchval(
            OPEN,
            proposal.id,
            proposal.recommendation_id,
            proposal.nip,
            proposal.kind,
            proposal.from_golongan,
            proposal.to_golongan,
            proposal.kp_period,
            proposal.rules_version,
            proposal.evidence,
            source_event_id,
        )
        return bool(opened)

    async def get(
        self, proposal_id: str, *, visibility: Visibility, for_update: bool = False
    ) -> Proposal | None:
        row = await self.conn.fetchrow(
            SELECT_ONE_FOR_UPDATE if for_update else SELECT_ONE,
            proposal_id,
            *arguments(visibility),
        )
        return to_proposal(row) if row else None

    async def save_decision(self, proposal: Proposal) -> None:
        await self.conn.execute(
            SAVE_DECISION,
            proposal.id,
            proposal.status.value,
            proposal.decided_at,
            proposal.decided_by,
            proposal.sk_number,
            proposal.sk_date,
            proposal.reason,
        )

    async def withdraw(self, recommendation_id: str, reason: str, *, at: datetime) -> bool:
        """Withdraw the PENDING proposal of a recommendation; True when one was withdrawn."""
        return bool(await self.conn.fetchval(WITHDRAW, recommendation_id, reason, at))
