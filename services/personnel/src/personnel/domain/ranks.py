"""Golongan (rank) rules personnel adds to the shared rank order: which golongan an employment
type may hold, the education cap it must respect, and the pangkat title of each golongan ruang.

The rank order and the education table themselves are shared vocabulary
(`jenjang_shared.contracts.ranks`): evaluation recommends by the same cap personnel checks.
"""

from __future__ import annotations

from jenjang_shared.contracts.ranks import (
    education_cap,
    is_pns_golongan,
    is_pppk_golongan,
    within_education_cap,
)
from jenjang_shared.contracts.vocabulary import PNS_GOLONGAN, Education, EmploymentType
from jenjang_shared.errors import InvalidInput

# docs/domain.md, "Ranks", "Order and pangkat titles (PNS and CPNS)".
_TITLES: tuple[str, ...] = (
    "Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I",
    "Pengatur Muda", "Pengatur Muda Tingkat I", "Pengatur", "Pengatur Tingkat I",
    "Penata Muda", "Penata Muda Tingkat I", "Penata", "Penata Tingkat I",
    "Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama",
)  # fmt: skip
PANGKAT: dict[str, str] = dict(zip(PNS_GOLONGAN, _TITLES, strict=True))


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
        if not is_pppk_golongan(golongan):
            raise InvalidInput(
                f"golongan {golongan} is not a PPPK golongan (I ... XVII)", field=field
            )
        return
    if not is_pns_golongan(golongan):
        raise InvalidInput(
            f"golongan {golongan} is not valid for {employment_type.value} (I/a ... IV/e)",
            field=field,
        )
    # Membership was checked first: the shared rank order raises on anything else.
    if not within_education_cap(golongan, education):
        raise InvalidInput(
            f"golongan {golongan} is above the cap {education_cap(education)} for education "
            f"{education.value}",
            field=field,
        )
