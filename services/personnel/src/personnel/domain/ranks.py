"""Golongan (rank) rules personnel adds to the shared rank order: which golongan an employment
type may hold, the range of the post it must lie in (a JF grade's, a structural post's, or the
education cap for a pelaksana), and the pangkat title of each golongan ruang.

The rank order and the education table themselves are shared vocabulary
(`jenjang_shared.contracts.ranks`): evaluation recommends by the same cap personnel checks.
"""

from __future__ import annotations

from jenjang_shared.contracts.ranks import (
    JF_GRADE_RANKS,
    education_cap,
    is_pns_golongan,
    is_pppk_golongan,
    structural_range,
    within_education_cap,
    within_range,
)
from jenjang_shared.contracts.vocabulary import (
    PNS_GOLONGAN,
    Education,
    EmploymentType,
    FunctionalLevel,
    PositionKind,
)
from jenjang_shared.errors import InvalidInput
from personnel.domain.functional_positions import grade_of

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
    golongan: str,
    *,
    employment_type: EmploymentType,
    education: Education,
    position_kind: PositionKind | None = None,
    functional_level: FunctionalLevel | None = None,
    functional_position: str | None = None,
    field: str = "golongan",
) -> None:
    """Valid for the employment type (I/a-IV/e for CPNS and PNS, I-XVII for PPPK) and, for CPNS
    and PNS, within the range of the post (docs/domain.md, "Rank ranges of posts"): a JF grade's
    range, a structural post's range by eselon, or, for a pelaksana (and a record without a
    post), the education's KP reguler cap. The education cap limits KP reguler only, so it is
    not applied to JF and structural posts. The starting rank is not a floor."""
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
    post_range = rank_range_of(position_kind, functional_level, functional_position)
    if post_range is not None:
        lowest, highest, what = post_range
        if not within_range(golongan, lowest, highest):
            raise InvalidInput(
                f"golongan {golongan} is outside the range {lowest} ... {highest} of {what}",
                field=field,
            )
        return
    if not within_education_cap(golongan, education):
        raise InvalidInput(
            f"golongan {golongan} is above the cap {education_cap(education)} for education "
            f"{education.value} (the KP reguler cap, which bounds a pelaksana)",
            field=field,
        )


def rank_range_of(
    position_kind: PositionKind | None,
    functional_level: FunctionalLevel | None,
    functional_position: str | None,
) -> tuple[str, str, str] | None:
    """The lowest and highest golongan of a post and its name; None for a pelaksana (whose
    bound is the education cap) and for a JF recorded without its grade."""
    if position_kind is PositionKind.FUNGSIONAL:
        if functional_position is not None:
            grade = grade_of(functional_position, functional_level)
            return grade.lowest, grade.highest, grade.name
        if functional_level is not None:
            lowest, highest = JF_GRADE_RANKS[functional_level]
            return lowest, highest, f"the grade {functional_level.value}"
        return None
    if position_kind is None:
        return None
    structural = structural_range(position_kind)
    if structural is None:
        return None
    return structural[0], structural[1], f"a {position_kind.value} post"
