"""Employees for the stories: valid NIPs, unique per run, and their registrations."""

from __future__ import annotations

import itertools
import random
from datetime import date
from typing import Any

_sequence = itertools.count(random.randint(1, 400))
REGISTERED: list[dict[str, Any]] = []
"""Every registration a story built: the log search looks for their NIPs and names."""


def nip(birth: date, tmt_cpns: date, gender: str = "male") -> str:
    """A fresh valid NIP: birth date, TMT CPNS, gender digit and a sequence not used before."""
    number = next(_sequence) % 999 + 1
    return f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{1 if gender == 'male' else 2}{number:03d}"


def registration(**overrides: Any) -> dict[str, Any]:
    """A PNS at III/c in the health office, unless told otherwise."""
    birth = overrides.pop("birth_date", date(1985, 3, 14))
    tmt_cpns = overrides.pop("tmt_cpns", date(2010, 3, 1))
    gender = overrides.get("gender", "male")
    body: dict[str, Any] = {
        "nip": nip(birth, tmt_cpns, gender),
        "name": "Pegawai Uji",
        "gender": gender,
        "birth_date": birth.isoformat(),
        "employment_type": "PNS",
        "golongan": "III/c",
        "golongan_tmt": "2020-04-01",
        "tmt_cpns": tmt_cpns.isoformat(),
        "position_title": "Analis",
        "position_kind": "PELAKSANA",
        "unit_code": "DINKES",
        "unit_name": "Dinas Kesehatan",
        "job_family": "KESEHATAN",
        "education": "S1",
        "work_location": "KOTA_BANDUNG",
        "supervisor_nip": None,
    }
    body.update(overrides)
    REGISTERED.append(body)
    return body
