"""Rank groups (I-IV) and the job-class fallback: configurable tables, pure lookups.

Which strings are golongan is the shared rank vocabulary's (`jenjang_shared.contracts.ranks`);
only the grouping into I-IV and the fallback are welfare's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jenjang_shared.contracts.ranks import is_pns_golongan, is_pppk_golongan

RANK_GROUPS: tuple[str, ...] = ("I", "II", "III", "IV")

# PPPK golongan I-XVII have no group of their own; this example table puts them beside the PNS
# ranks of the same entry education (V ~ II/a for SLTA, IX ~ III/a for S1, XIII ~ IV/a).
DEFAULT_PPPK_RANK_GROUPS: dict[str, str] = {
    **dict.fromkeys(("I", "II", "III", "IV"), "I"),
    **dict.fromkeys(("V", "VI", "VII", "VIII"), "II"),
    **dict.fromkeys(("IX", "X", "XI", "XII"), "III"),
    **dict.fromkeys(("XIII", "XIV", "XV", "XVI", "XVII"), "IV"),
}

# Kelas jabatan assumed when an employee has none (keys: a golongan, or a rank group).
DEFAULT_JOB_CLASS_FALLBACK: dict[str, int] = {"I": 3, "II": 5, "III": 7, "IV": 9}


@dataclass(frozen=True)
class RankRules:
    """How a golongan maps to a rank group, and which job class to assume when none is known."""

    pppk_rank_groups: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_PPPK_RANK_GROUPS)
    )
    job_class_fallback: Mapping[str, int] = field(
        default_factory=lambda: dict(DEFAULT_JOB_CLASS_FALLBACK)
    )

    def __post_init__(self) -> None:
        for golongan, group in self.pppk_rank_groups.items():
            if not is_pppk_golongan(golongan) or group not in RANK_GROUPS:
                raise ValueError(f"bad PPPK rank group mapping {golongan!r} -> {group!r}")
        for key, job_class in self.job_class_fallback.items():
            if key not in RANK_GROUPS and not (is_pns_golongan(key) or is_pppk_golongan(key)):
                raise ValueError(f"job class fallback key {key!r} is no golongan or rank group")
            if not 1 <= job_class <= 17:
                raise ValueError(f"job class fallback {key!r} -> {job_class} is not in 1..17")

    def rank_group(self, golongan: str | None) -> str | None:
        """`III/b` -> `III`; a PPPK golongan through the table; None when unknown."""
        if golongan is None:
            return None
        if is_pns_golongan(golongan):
            return golongan.split("/")[0]
        return self.pppk_rank_groups.get(golongan)

    def job_class(self, job_class: int | None, golongan: str | None) -> int | None:
        """The employee's own job class, else the fallback for the golongan, else its group."""
        if job_class is not None:
            return job_class
        if golongan is None:
            return None
        if golongan in self.job_class_fallback:
            return self.job_class_fallback[golongan]
        group = self.rank_group(golongan)
        return self.job_class_fallback.get(group) if group else None
