"""Policy versions in PostgreSQL: added, never changed."""

from __future__ import annotations

from datetime import date

from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.db.types import Connection
from welfare.domain.policies import PolicyVersion, Rules, parse_rules

LOCK_POLICY = "SELECT pg_advisory_xact_lock(hashtext('welfare-policy:' || $1))"

SELECT_POLICIES = """
SELECT allowance, version_no, effective_from, rules, note
FROM policy_versions ORDER BY allowance, version_no
"""

INSERT_POLICY = """
INSERT INTO policy_versions (allowance, version_no, effective_from, rules, note)
SELECT $1, COALESCE(MAX(version_no), 0) + 1, $2, $3, $4
FROM policy_versions WHERE allowance = $1
RETURNING version_no
"""


class PgPolicyRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def all(self) -> list[PolicyVersion]:
        return [
            PolicyVersion(
                allowance=Allowance(r["allowance"]),
                version_no=r["version_no"],
                effective_from=r["effective_from"],
                rules=parse_rules(Allowance(r["allowance"]), r["rules"]),
                note=r["note"],
            )
            for r in await self._conn.fetch(SELECT_POLICIES)
        ]

    async def add(
        self, allowance: Allowance, effective_from: date, rules: Rules, note: str | None
    ) -> PolicyVersion:
        await self._conn.execute(LOCK_POLICY, allowance.value)
        version_no = await self._conn.fetchval(
            INSERT_POLICY, allowance.value, effective_from, rules.to_json(), note
        )
        return PolicyVersion(allowance, version_no, effective_from, rules, note)
