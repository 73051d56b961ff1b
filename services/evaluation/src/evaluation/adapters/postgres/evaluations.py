"""Evaluations, every version, in PostgreSQL (explicit SQL)."""

from __future__ import annotations

import asyncpg

from evaluation.adapters.postgres.scope import visible
from evaluation.domain.evaluation import Evaluation
from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import PeriodType, Predikat, Rating
from jenjang_shared.db.types import Connection
from jenjang_shared.errors import Conflict

_COLUMNS = (
    "evaluation_id, nip, evaluator_nip, period_type, period, period_year, version, hasil_kerja,"
    " perilaku_kerja, predikat, notes, correction_reason"
)
_QUALIFIED = ", ".join("ev." + c.strip() for c in _COLUMNS.split(","))
LATEST_VERSION = "SELECT max(version) FROM evaluations WHERE nip = $1 AND period = $2"
INSERT = f"INSERT INTO evaluations ({_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"
# Only an employee the caller may see (their own evaluations even before the projection knows
# them: the person is matched on the evaluation's NIP).
HISTORY = f"""
SELECT {_QUALIFIED}
FROM evaluations ev LEFT JOIN employees em ON em.nip = ev.nip
WHERE ev.nip = $1 AND {visible(2, "em", nip="ev.nip")}
ORDER BY ev.period DESC, ev.version
"""
# The latest version of each annual evaluation.
ANNUAL_PREDIKAT = """
SELECT DISTINCT ON (nip, period_year) nip, period_year, predikat
FROM evaluations
WHERE period_type = 'ANNUAL' AND nip = ANY($1::text[]) AND period_year = ANY($2::int[])
ORDER BY nip, period_year, version DESC
"""
CURRENT_FOR_UNIT = f"""
SELECT DISTINCT ON (ev.nip) {_QUALIFIED}
FROM evaluations ev JOIN employees em ON em.nip = ev.nip
WHERE em.unit_code = $1 AND ev.period = $2 AND {visible(3, "em")}
ORDER BY ev.nip, ev.version DESC
"""


def to_evaluation(row: asyncpg.Record) -> Evaluation:
    return Evaluation(
        evaluation_id=str(row["evaluation_id"]),
        nip=row["nip"],
        evaluator_nip=row["evaluator_nip"],
        period_type=PeriodType(row["period_type"]),
        period=row["period"],
        period_year=row["period_year"],
        version=row["version"],
        hasil_kerja=Rating(row["hasil_kerja"]),
        perilaku_kerja=Rating(row["perilaku_kerja"]),
        predikat=Predikat(row["predikat"]),
        notes=row["notes"],
        correction_reason=row["correction_reason"],
    )


class PostgresEvaluations:
    """`EvaluationRepository` on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def latest_version(self, nip: str, period: str) -> int | None:
        value = await self.conn.fetchval(LATEST_VERSION, nip, period)
        return int(value) if value is not None else None

    async def add(self, evaluation: Evaluation) -> None:
        e = evaluation
        try:
            await self.conn.execute(
                INSERT,
                e.evaluation_id,
                e.nip,
                e.evaluator_nip,
                e.period_type.value,
                e.period,
                e.period_year,
                e.version,
                e.hasil_kerja.value,
                e.perilaku_kerja.value,
                e.predikat.value,
                e.notes,
                e.correction_reason,
            )
        except asyncpg.UniqueViolationError as exc:
            # Two writers raced for the same period and version: the second one is told so.
            raise Conflict(f"evaluation {e.period} version {e.version} was just recorded") from exc

    async def history(self, nip: str, *, visible_to: Visibility) -> list[Evaluation]:
        rows = await self.conn.fetch(HISTORY, nip, *visible_to.sql_arguments())
        return [to_evaluation(r) for r in rows]

    async def annual_predikat(
        self, nips: list[str], years: list[int]
    ) -> dict[str, dict[int, Predikat]]:
        found: dict[str, dict[int, Predikat]] = {}
        for row in await self.conn.fetch(ANNUAL_PREDIKAT, nips, years):
            found.setdefault(row["nip"], {})[row["period_year"]] = Predikat(row["predikat"])
        return found

    async def current_for_unit(
        self, unit_code: str, period: str, *, visible_to: Visibility
    ) -> list[Evaluation]:
        rows = await self.conn.fetch(
            CURRENT_FOR_UNIT, unit_code, period, *visible_to.sql_arguments()
        )
        return [to_evaluation(r) for r in rows]
