"""Builders of personnel and evaluation events, unique NIPs, and reads of the outbox."""

from __future__ import annotations

import itertools
import random
from datetime import date
from typing import Any

from jenjang_shared.contracts import EmployeeRegistered, EvaluationRecorded
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    Gender,
    PeriodType,
    PositionKind,
    Predikat,
    Rating,
)
from jenjang_shared.runtime import ServiceRuntime

_counter = itertools.count(1)
_run = random.randint(100, 999)


def new_nip() -> str:
    """A fresh 18-digit NIP, unique in this test session."""
    return f"19{_run:03d}{next(_counter):013d}"


def registered(
    nip: str | None = None,
    *,
    employment_type: str = "PNS",
    golongan: str = "III/d",
    unit_code: str = "DPUPR",
    job_family: str = "PEKERJAAN_UMUM",
    supervisor_nip: str | None = None,
) -> EmployeeRegistered:
    return EmployeeRegistered(
        nip=nip or new_nip(),
        name="Pegawai Uji",
        gender=Gender.MALE,
        birth_date=date(1990, 1, 1),
        employment_type=EmploymentType(employment_type),
        golongan=golongan,
        golongan_tmt=date(2020, 4, 1),
        tmt_cpns=date(2015, 1, 1) if employment_type != "PPPK" else None,
        position_title="Teknik Pengairan",
        position_kind=PositionKind.PELAKSANA,
        unit_code=unit_code,
        unit_name=f"Unit {unit_code}",
        job_family=job_family,
        education=Education.S1,
        work_location="KOTA_BANDUNG",
        supervisor_nip=supervisor_nip,
    )


def evaluation(
    nip: str,
    predikat: str = "KURANG",
    *,
    period: str = "2025",
    period_type: str = "ANNUAL",
    evaluation_id: str = "ev-1",
    version: int = 1,
) -> EvaluationRecorded:
    return EvaluationRecorded(
        evaluation_id=evaluation_id,
        nip=nip,
        evaluator_nip="198001012005011001",
        period_type=PeriodType(period_type),
        period=period,
        hasil_kerja=Rating.SESUAI,
        perilaku_kerja=Rating.DI_BAWAH,
        predikat=Predikat(predikat),
        version=version,
    )


async def outbox(runtime: ServiceRuntime, event_name: str, subject: str) -> list[dict[str, Any]]:
    """Payloads this service wrote to its outbox for one event name and NIP, oldest first."""
    rows = await runtime.pool.fetch(
        "SELECT payload FROM outbox WHERE event_type = $1 AND subject = $2 ORDER BY seq",
        f"asn.mentoring.{event_name}.v1",
        subject,
    )
    return [r["payload"] for r in rows]


async def pool_mentor(svc: Any, handlers: Any, **fields: Any) -> str:
    """Register a PNS and put them in the pool; return the NIP."""
    from jenjang_shared.testing.harness import deliver

    capacity = fields.pop("capacity", None)
    expertise = fields.pop("expertise", [])
    event = registered(**fields)
    await deliver(svc.runtime, handlers, event)
    body: dict[str, Any] = {"nip": event.nip, "expertise": expertise}
    if capacity is not None:
        body["capacity"] = capacity
    response = await svc.client.post("/v1/mentors", json=body)
    assert response.status_code == 201, response.text
    return event.nip
