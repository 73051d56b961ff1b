"""A toy service on the shared backbone: it publishes EmployeeRegistered and counts what it applies."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from jenjang_shared.config import ServiceSettings
from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import InvalidInput

MIGRATIONS = Path(__file__).parent / "toy_migrations"
NIP = "198609262015051001"


class ToySettings(ServiceSettings):
    service_name: ClassVar[str] = "toy"
    http_port: int = 0


async def count_application(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    """Records each application; refuses names marked BLOCKED until they are unblocked."""
    assert uow.message is not None
    if event.name.startswith("BLOCKED") and not await uow.conn.fetchval(
        "SELECT true FROM unblocked WHERE name = $1", event.name
    ):
        raise InvalidInput(f"{event.name} is blocked", field="name")
    await uow.conn.execute(
        "INSERT INTO applied (event_id, name) VALUES ($1, $2)", uow.message.id, event.name
    )
    await uow.conn.execute(
        "INSERT INTO applications (name, times) VALUES ($1, 1)"
        " ON CONFLICT (name) DO UPDATE SET times = applications.times + 1",
        event.name,
    )


HANDLERS = {EmployeeRegistered: count_application}


def registration(n: int, nip: str = NIP, name: str | None = None) -> EmployeeRegistered:
    return EmployeeRegistered(
        nip=nip,
        name=name or f"Pegawai {n:05d}",
        gender="male",
        birth_date="1986-09-26",
        employment_type="PNS",
        golongan="III/a",
        golongan_tmt="2019-04-01",
        tmt_cpns="2015-05-01",
        position_title="Analis",
        position_kind="PELAKSANA",
        unit_code="BKD",
        unit_name="Badan Kepegawaian Daerah",
        job_family="KEPEGAWAIAN",
        education="S1",
        work_location="KOTA_BANDUNG",
    )
