"""Entitlement rows in PostgreSQL: dated amounts, only ever added."""

from __future__ import annotations

from collections.abc import Sequence

from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.db.types import Connection
from welfare.domain.entitlements import Entitlement

SELECT_ENTITLEMENTS = """
SELECT seq, nip, allowance, effective_from, amount_idr, previous_amount_idr, reason,
       caused_by_event_id, policy_version
FROM entitlements WHERE nip = ANY($1::text[]) ORDER BY nip, seq
"""

INSERT_ENTITLEMENT = """
INSERT INTO entitlements (nip, allowance, effective_from, amount_idr, previous_amount_idr,
                          reason, caused_by_event_id, policy_version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""


class PgEntitlementRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def of(self, nips: Sequence[str]) -> dict[str, list[Entitlement]]:
        found: dict[str, list[Entitlement]] = {}
        for r in await self._conn.fetch(SELECT_ENTITLEMENTS, list(nips)):
            found.setdefault(r["nip"], []).append(
                Entitlement(
                    nip=r["nip"],
                    allowance=Allowance(r["allowance"]),
                    effective_from=r["effective_from"],
                    amount_idr=r["amount_idr"],
                    previous_amount_idr=r["previous_amount_idr"],
                    reason=r["reason"],
                    policy_version=r["policy_version"],
                    caused_by_event_id=r["caused_by_event_id"],
                    seq=r["seq"],
                )
            )
        return found

    async def add(self, rows: Sequence[Entitlement]) -> None:
        # Inserted in the order computed, so `seq` keeps the recording order the domain used.
        await self._conn.executemany(
            INSERT_ENTITLEMENT,
            [
                (
                    r.nip,
                    r.allowance.value,
                    r.effective_from,
                    r.amount_idr,
                    r.previous_amount_idr,
                    r.reason,
                    r.caused_by_event_id,
                    r.policy_version,
                )
                for r in rows
            ],
        )
