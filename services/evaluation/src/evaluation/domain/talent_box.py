"""The talent box of PermenPANRB 3/2020: performance x potential -> box 1-9, with its actions."""

from __future__ import annotations

from enum import StrEnum

from jenjang_shared.contracts.vocabulary import Predikat


class Potential(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class Performance(StrEnum):
    BELOW = "BELOW"
    AS_EXPECTED = "AS_EXPECTED"
    ABOVE = "ABOVE"


def performance_of(predikat: Predikat) -> Performance:
    """Reading: SANGAT_BAIK is above expectation, BAIK as expected, every other predikat below."""
    if predikat is Predikat.SANGAT_BAIK:
        return Performance.ABOVE
    if predikat is Predikat.BAIK:
        return Performance.AS_EXPECTED
    return Performance.BELOW


BOX: dict[tuple[Performance, Potential], int] = {
    (Performance.ABOVE, Potential.HIGH): 9,
    (Performance.AS_EXPECTED, Potential.HIGH): 8,
    (Performance.ABOVE, Potential.MEDIUM): 7,
    (Performance.BELOW, Potential.HIGH): 6,
    (Performance.AS_EXPECTED, Potential.MEDIUM): 5,
    (Performance.ABOVE, Potential.LOW): 4,
    (Performance.BELOW, Potential.MEDIUM): 3,
    (Performance.AS_EXPECTED, Potential.LOW): 2,
    (Performance.BELOW, Potential.LOW): 1,
}

ACTIONS: dict[int, tuple[str, ...]] = {
    9: ("promote and retain", "succession pool"),
    8: ("retain", "succession pool", "rotation or broader role"),
    7: ("retain", "succession pool", "rotation or enriched role", "development"),
    6: ("right placement", "guidance", "counselling"),
    5: ("right placement", "guidance", "development"),
    4: ("rotation", "development"),
    3: ("guidance", "counselling", "development", "placement"),
    2: ("guidance", "development", "placement"),
    1: ("handled under the discipline regulations",),
}


def box_of(predikat: Predikat, potential: Potential) -> int:
    return BOX[(performance_of(predikat), potential)]
