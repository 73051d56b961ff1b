"""Golongan order and the education caps of regular promotion (DOMAIN.md, "Ranks")."""

from __future__ import annotations

from jenjang_shared.contracts.vocabulary import PNS_GOLONGAN, Education

_RANK_INDEX = {golongan: i for i, golongan in enumerate(PNS_GOLONGAN)}

# Highest golongan reachable by regular promotion, by education (DOMAIN.md table, exactly).
EDUCATION_CAP: dict[Education, str] = {
    Education.SD: "II/a",
    Education.SLTP: "II/c",
    Education.SLTA: "III/b",
    Education.D1: "III/b",
    Education.D2: "III/b",
    Education.D3: "III/c",
    Education.D4: "III/d",
    Education.S1: "III/d",
    Education.S2: "IV/a",
    Education.S3: "IV/b",
}

# "Without an S1": DOMAIN.md puts D-IV beside S1 (same start III/a and cap III/d), so a D4 holder
# counts as holding the S1 level; S2 and S3 include it.
S1_OR_HIGHER: frozenset[Education] = frozenset(
    {Education.D4, Education.S1, Education.S2, Education.S3}
)
S2_OR_HIGHER: frozenset[Education] = frozenset({Education.S2, Education.S3})


def is_pns_golongan(golongan: str) -> bool:
    return golongan in _RANK_INDEX


def rank_index(golongan: str) -> int:
    """0 for I/a ... 16 for IV/e; KeyError for a PPPK or unknown golongan."""
    return _RANK_INDEX[golongan]


def next_golongan(golongan: str) -> str | None:
    """The next golongan ruang, or None at IV/e (or for a non-PNS golongan)."""
    index = _RANK_INDEX.get(golongan)
    if index is None or index + 1 >= len(PNS_GOLONGAN):
        return None
    return PNS_GOLONGAN[index + 1]


def within_cap(golongan: str, education: Education) -> bool:
    """True when `golongan` does not exceed the cap of `education`."""
    return rank_index(golongan) <= rank_index(EDUCATION_CAP[education])
