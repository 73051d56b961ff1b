"""Rank order and the education table: vocabulary that events carry and every service reads alike.

Shared because both sides of an event must agree on it: evaluation recommends a promotion with
`evidence.education_cap`, personnel checks the proposal against the same cap, welfare groups by
rank. One convention for the order: `rank_index` is 1-based (I/a = 1 ... IV/e = 17, and PPPK
I = 1 ... XVII = 17) and raises ValueError for anything else. See docs/domain.md, "Ranks".
"""

from __future__ import annotations

from jenjang_shared.contracts.vocabulary import PNS_GOLONGAN, PPPK_GOLONGAN, Education

# docs/domain.md, "Education: starting rank and the cap of KP reguler" (PP 99/2000 art. 17-18,
# Kep. Ka BKN 12/2002): the starting golongan of a first appointment and the highest golongan
# reachable by regular promotion (KP reguler), by education.
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

_PNS_INDEX = {golongan: i for i, golongan in enumerate(PNS_GOLONGAN, start=1)}
_PPPK_INDEX = {golongan: i for i, golongan in enumerate(PPPK_GOLONGAN, start=1)}


def is_pns_golongan(golongan: str) -> bool:
    """A golongan ruang of CPNS and PNS (I/a ... IV/e)."""
    return golongan in _PNS_INDEX


def is_pppk_golongan(golongan: str) -> bool:
    """A PPPK golongan (I ... XVII)."""
    return golongan in _PPPK_INDEX


def rank_index(golongan: str) -> int:
    """Position in rank order: I/a = 1 ... IV/e = 17; PPPK I = 1 ... XVII = 17."""
    index = _PNS_INDEX.get(golongan) or _PPPK_INDEX.get(golongan)
    if index is None:
        raise ValueError(f"{golongan!r} is not a golongan (I/a ... IV/e, or I ... XVII)")
    return index


def next_golongan(golongan: str) -> str | None:
    """The next golongan ruang of a PNS, or None at IV/e (and for a PPPK golongan)."""
    index = _PNS_INDEX.get(golongan)
    if index is None or index >= len(PNS_GOLONGAN):
        return None
    return PNS_GOLONGAN[index]


def starting_golongan(education: Education) -> str:
    """The starting golongan of a first appointment with this education."""
    return EDUCATION_RANKS[education][0]


def education_cap(education: Education) -> str:
    """The highest golongan reachable by KP reguler with this education."""
    return EDUCATION_RANKS[education][1]


def within_education_cap(golongan: str, education: Education) -> bool:
    """True when a PNS golongan does not exceed the KP reguler cap of the education."""
    return rank_index(golongan) <= rank_index(education_cap(education))
