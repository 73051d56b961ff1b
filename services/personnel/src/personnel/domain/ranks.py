"""Golongan (rank) rules: valid values per employment type, rank order, education caps."""

from __future__ import annotations

from jenjang_shared.contracts.vocabulary import (
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    Education,
    EmploymentType,
)
from jenjang_shared.errors import InvalidInput

# DOMAIN.md, "Starting rank -> highest rank reachable by regular promotion, by education".
EDUCATION_RANKS: dict[Education, tuple[str, str]] = {
    Education.SD: ("I/a", "II/a"),
    Education.SLTP: ("I/c", "II/c"),
    Education.SLTA: ("II/a", "III/b"),
    Education.D1: ("II/a", "III/b"),
    Education.D2: ("II/b", "III/b"),
    Education.D3: ("II/c", "III/c"),
    Education.D4: ("III/a", "III/d"),
    Education.S1: ("III/a", "III/d"),
    Education.S2: ("III/b", "IV/a"),
    Education.S3: ("III/c", "IV/b"),
}

# DOMAIN.md, "Ranks (PNS)": the pangkat title of each golongan ruang.
_TITLES: tuple[str, ...] = (
    "Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I",
    "Pengatur Muda", "Pengatur Muda Tingkat I", "Pengatur", "Pengatur Tingkat I",
    "Penata Muda", "Penata Muda Tingkat I", "Penata", "Penata Tingkat I",
    "Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama",
)  # fmt: skip
PANGKAT: dict[str, str] = dict(zip(PNS_GOLONGAN, _TITLES, strict=True))


def starting_golongan(education: Education) -> str:
    """The starting rank of a first appointment with this education."""
    return EDUCATION_RANKS[education][0]


def education_cap(education: Education) -> str:
    """The highest rank reachable by regular promotion with this education."""
    return EDUCATION_RANKS[education][1]


def rank_index(golongan: str) -> int:
    """Position in rank order (I/a = 1 ... IV/e = 17; PPPK I = 1 ... XVII = 17)."""
    if golongan in PNS_GOLONGAN:
        return PNS_GOLONGAN.index(golongan) + 1
    return PPPK_GOLONGAN.index(golongan) + 1


def pangkat_of(golongan: str) -> str | None:
    """The pangkat title of a PNS golongan ruang; None for PPPK golongan."""
    return PANGKAT.get(golongan)


def check_golongan(
    golongan: str, *, employment_type: EmploymentType, education: Education, field: str = "golongan"
) -> None:
    """Valid for the employment type (I/a-IV/e for CPNS and PNS, I-XVII for PPPK) and, for
    CPNS and PNS, not above the cap of the education. The starting rank is not a floor: an
    employee's education may have risen since the first appointment."""
    if employment_type is EmploymentType.PPPK:
        if golongan not in PPPK_GOLONGAN:
            raise InvalidInput(
                f"golongan {golongan} is not a PPPK golongan (I ... XVII)", field=field
            )
        return
    if golongan not in PNS_GOLONGAN:
        raise InvalidInput(
            f"golongan {golongan} is not valid for {employment_type.value} (I/a ... IV/e)",
            field=field,
        )
    cap = education_cap(education)
    if rank_index(golongan) > rank_index(cap):
        raise InvalidInput(
            f"golongan {golongan} is above the cap {cap} for education {education.value}",
            field=field,
        )
