"""Builders shared by the integration tests: employees, events, outbox reads."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from jenjang_shared.contracts import EmployeeRegistered

_SEQUENCE = itertools.count(1)

TODAY = date(2026, 11, 28)  # the pinned clock: the next KP period is 2026-12-01
KP = date(2026, 12, 1)


def new_nip() -> str:
    """A fresh 18-digit NIP (birth date, TMT CPNS, gender, sequence)."""
    n = next(_SEQUENCE)
    return f"19860926201505{1 + n % 2}{n % 999 + 1:03d}"


def registered(nip: str, **overrides: Any) -> EmployeeRegistered:
    fields: dict[str, Any] = {
        "nip": nip,
        "name": "Siti Rahmawati",
        "gender": "female",
        "birth_date": date(1986, 9, 26),
        "employment_type": "PNS",
        "golongan": "III/a",
        "golongan_tmt": date(2022, 12, 1),
        "tmt_cpns": date(2015, 5, 1),
        "position_title": "Analis Kepegawaian",
        "position_kind": "PELAKSANA",
        "unit_code": "BKD",
        "unit_name": "Badan Kepegawaian Daerah",
        "job_family": "KEPEGAWAIAN",
        "education": "S1",
        "work_location": "KOTA_BANDUNG",
    }
    fields.update(overrides)
    return EmployeeRegistered(**fields)


def evaluation_body(
    nip: str, period: str, hasil: str = "SESUAI", perilaku: str = "SESUAI", **extra: Any
) -> dict[str, Any]:
    evaluator = "197001012000011001" if nip != "197001012000011001" else "197001012000011002"
    body = {
        "nip": nip,
        "evaluator_nip": evaluator,
        "period_type": "ANNUAL" if len(period) == 4 else "PERIODIC",
        "period": period,
        "hasil_kerja": hasil,
        "perilaku_kerja": perilaku,
        "notes": "dialog kinerja",
    }
    body.update(extra)
    return body


async def outbox_of(pool: Any, nip: str, event_type: str) -> list[dict[str, Any]]:
    rows = await pool.fetch(
        "SELECT payload, published_at FROM outbox WHERE subject = $1 AND event_type = $2"
        " ORDER BY seq",
        nip,
        f"asn.evaluation.{event_type}.v1",
    )
    return [{**r["payload"], "_published_at": r["published_at"]} for r in rows]
