"""Rank order and the education table: vocabulary that events carry and every service reads alike.

Shared because both sides of an event must agree on it: evaluation recommends a promotion with
`evidence.education_cap`, personnel checks the proposal against the same cap, welfare groups by
rank. One convention for the order: `rank_index` is 1-based (I/a = 1 ... IV/e = 17, and PPPK
I = 1 ... XVII = 17) and raises ValueError for anything else. See docs/domain.md, "Ranks".
"""

from __future__ import annotations

from jenjang_shared.contracts.vocabulary import (
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    Education,
    FunctionalLevel,
    PositionKind,
)

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

# docs/domain.md, "Rank ranges of posts": the golongan ruang a post may be held at.
# Structural posts by eselon (PP 100/2000 as amended by PP 13/2002, annex): lowest, highest.
ESELON_RANKS: dict[str, tuple[str, str]] = {
    "I.a": ("IV/d", "IV/e"),
    "I.b": ("IV/c", "IV/e"),
    "II.a": ("IV/c", "IV/d"),
    "II.b": ("IV/b", "IV/c"),
    "III.a": ("IV/a", "IV/b"),
    "III.b": ("III/d", "IV/a"),
    "IV.a": ("III/c", "III/d"),
    "IV.b": ("III/b", "III/c"),
}
# The record holds the kind of post, not its eselon, so a kind spans its eselons (UU 20/2023
# and PP 11/2017 name JPT for eselon I-II, administrator for III, pengawas for IV).
POSITION_KIND_ESELONS: dict[PositionKind, tuple[str, ...]] = {
    PositionKind.JPT: ("I.a", "I.b", "II.a", "II.b"),
    PositionKind.ADMINISTRATOR: ("III.a", "III.b"),
    PositionKind.PENGAWAS: ("IV.a", "IV.b"),
}
# JF grades (PermenPANRB 1/2023; the handbook): keahlian and keterampilan.
JF_GRADE_RANKS: dict[FunctionalLevel, tuple[str, str]] = {
    FunctionalLevel.AHLI_PERTAMA: ("III/a", "III/b"),
    FunctionalLevel.AHLI_MUDA: ("III/c", "III/d"),
    FunctionalLevel.AHLI_MADYA: ("IV/a", "IV/c"),
    FunctionalLevel.AHLI_UTAMA: ("IV/d", "IV/e"),
    FunctionalLevel.PEMULA: ("II/a", "II/a"),
    FunctionalLevel.TERAMPIL: ("II/b", "II/d"),
    FunctionalLevel.MAHIR: ("III/a", "III/b"),
    FunctionalLevel.PENYELIA: ("III/c", "III/d"),
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


def within_range(golongan: str, lowest: str, highest: str) -> bool:
    """True when a PNS golongan lies in the rank range `lowest` ... `highest` (inclusive)."""
    return rank_index(lowest) <= rank_index(golongan) <= rank_index(highest)


def structural_range(kind: PositionKind) -> tuple[str, str] | None:
    """The rank range of a structural post kind (the span of its eselons); None otherwise."""
    eselons = POSITION_KIND_ESELONS.get(kind)
    if eselons is None:
        return None
    lows = [ESELON_RANKS[e][0] for e in eselons]
    highs = [ESELON_RANKS[e][1] for e in eselons]
    return min(lows, key=rank_index), max(highs, key=rank_index)
