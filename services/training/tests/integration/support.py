"""Builders shared by the integration tests: unique NIPs and codes, events, bodies, probes."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta
from typing import Any

import asyncpg

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    Gender,
    PositionKind,
)
from jenjang_shared.testing.harness import ServiceHarness

_counter = itertools.count(1)


def new_nip() -> str:
    """A unique, well-formed NIP (birth date, TMT CPNS 2015-05, male, sequence)."""
    n = next(_counter) + uuid.uuid4().int % 100_000 * 1000
    birth = date(1970, 1, 1) + timedelta(days=n // 900 % 9000)
    return f"{birth:%Y%m%d}2015051{n % 900 + 1:03d}"


def new_code(prefix: str = "C") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def registered(
    nip: str,
    *,
    employment_type: EmploymentType = EmploymentType.PNS,
    job_family: str = "KESEHATAN",
    unit_code: str = "DINKES",
) -> EmployeeRegistered:
    pppk = employment_type is EmploymentType.PPPK
    return EmployeeRegistered(
        nip=nip,
        name=f"Pegawai {nip[-4:]}",
        gender=Gender.MALE,
        birth_date=date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
        employment_type=employment_type,
        golongan="IX" if pppk else "III/a",
        golongan_tmt=date(2020, 4, 1),
        tmt_cpns=None if pppk else date(2015, 5, 1),
        position_title="Perawat Ahli Pertama",
        position_kind=PositionKind.FUNGSIONAL,
        unit_code=unit_code,
        unit_name=f"Unit {unit_code}",
        job_family=job_family,
        education=Education.S1,
        work_location="KOTA_BANDUNG",
    )


def course_body(code: str | None = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": code or new_code(),
        "title": "Manajemen Rumah Sakit",
        "training_category": "TEKNIS",
        "training_method": "KLASIKAL",
        "jp": 10,
        "provider": "BPSDM Jawa Barat",
        "job_families": ["KESEHATAN"],
    }
    body.update(overrides)
    return body


def session_body(course_code: str, **overrides: Any) -> dict[str, Any]:
    today = date.today()
    body: dict[str, Any] = {
        "course_code": course_code,
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=2)).isoformat(),
        "location": "Bandung",
        "capacity": 30,
    }
    body.update(overrides)
    return body


async def make_course(svc: ServiceHarness, **overrides: Any) -> dict[str, Any]:
    response = await svc.client.post("/v1/courses", json=course_body(**overrides))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def make_session(svc: ServiceHarness, course_code: str, **overrides: Any) -> dict[str, Any]:
    response = await svc.client.post("/v1/sessions", json=session_body(course_code, **overrides))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def outbox(svc: ServiceHarness, event_type: str, subject: str) -> list[dict[str, Any]]:
    """Payloads of the events of a type the service published about one NIP, in order."""
    conn: asyncpg.Connection
    async with svc.runtime.pool.acquire() as conn:
        found = await conn.fetch(
            "SELECT payload FROM outbox WHERE event_type = $1 AND subject = $2 ORDER BY seq",
            f"asn.training.{event_type}.v1",
            subject,
        )
    return [r["payload"] for r in found]


async def table_count(svc: ServiceHarness, table: str) -> int:
    async with svc.runtime.pool.acquire() as conn:
        count: int = await conn.fetchval(f"SELECT count(*) FROM {table}")
    return count
