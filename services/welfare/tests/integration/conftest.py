"""Builders of the events welfare consumes, and a helper to read what welfare published."""

from __future__ import annotations

import random
import uuid
from datetime import date
from typing import Any

import pytest

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from jenjang_shared.runtime import ServiceRuntime


class Events:
    """Valid events with sensible defaults; override what the test is about."""

    @staticmethod
    def nip() -> str:
        return str(random.randint(10**17, 10**18 - 1))

    @staticmethod
    def registered(nip: str, **overrides: Any) -> EmployeeRegistered:
        fields: dict[str, Any] = {
            "nip": nip,
            "name": "Siti Rahmawati",
            "gender": "female",
            "birth_date": date(1986, 9, 26),
            "employment_type": "PNS",
            "golongan": "III/c",
            "golongan_tmt": date(2020, 4, 1),
            "tmt_cpns": date(2015, 5, 1),
            "position_title": "Analis Kepegawaian",
            "position_kind": "FUNGSIONAL",
            "unit_code": "BKD",
            "unit_name": "Badan Kepegawaian Daerah",
            "job_family": "KEPEGAWAIAN",
            "education": "S1",
            "work_location": "KOTA_BANDUNG",
            "job_class": 9,
        }
        return EmployeeRegistered(**{**fields, **overrides})

    @staticmethod
    def promoted(nip: str, to: str, tmt: date, frm: str = "III/c") -> EmployeePromoted:
        return EmployeePromoted(
            nip=nip,
            proposal_id=str(uuid.uuid4()),
            from_golongan=frm,
            to_golongan=to,
            tmt=tmt,
            sk_number="800/KP.01/2025",
            sk_date=tmt,
        )

    @staticmethod
    def transferred(nip: str, to_unit: str, location: str, on: date) -> EmployeeTransferred:
        return EmployeeTransferred(
            nip=nip,
            from_unit_code="BKD",
            to_unit_code=to_unit,
            to_unit_name="Dinas",
            position_title="Analis",
            position_kind="PELAKSANA",
            work_location=location,
            effective_date=on,
        )

    @staticmethod
    def updated(nip: str, changes: dict[str, Any], on: date) -> EmployeeUpdated:
        return EmployeeUpdated(nip=nip, changes=changes, effective_date=on)

    @staticmethod
    def retired(nip: str, on: date) -> EmployeeRetired:
        return EmployeeRetired(nip=nip, retirement_date=on, reason="BUP")

    @staticmethod
    def evaluated(
        nip: str, predikat: str, period: str = "2025", version: int = 1, period_type: str = "ANNUAL"
    ) -> EvaluationRecorded:
        return EvaluationRecorded(
            evaluation_id=str(uuid.uuid4()),
            nip=nip,
            evaluator_nip="197001012000031001",
            period_type=period_type,
            period=period,
            hasil_kerja="DI_ATAS",
            perilaku_kerja="DI_ATAS",
            predikat=predikat,
            version=version,
        )


@pytest.fixture(scope="session")
def events() -> type[Events]:
    return Events


async def published(runtime: ServiceRuntime, event_type: str, nip: str) -> list[dict[str, Any]]:
    """The payloads welfare put in its outbox of one type for one employee."""
    rows = await runtime.pool.fetch(
        "SELECT payload FROM outbox WHERE event_type = $1 AND subject = $2 ORDER BY seq",
        f"asn.welfare.{event_type}.v1",
        nip,
    )
    return [r["payload"] for r in rows]


@pytest.fixture(scope="session")
def outbox() -> Any:
    return published
