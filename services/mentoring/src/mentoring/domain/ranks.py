"""Who outranks whom: golongan order within a scheme (DOMAIN.md, "Ranks").

PNS and CPNS share the golongan ruang scale `I/a` < ... < `IV/e` (17 steps). PPPK have their own
contract scale `I` ... `XVII`, which is not a rank in the same sense: PPPK have no kenaikan
pangkat and the two scales are not officially comparable. So by default ranks are compared only
within the same scheme; a PPPK mentee then cannot be outranked by a PNS mentor and gets no match
(recorded as an unmatched request). An agency may opt in to `cross_scheme=True`, which compares
positions on the two scales step for step: the entry levels line up that way (SLTA: II/a and V,
D-III: II/c and VII, S1: III/a and IX, S2: III/b and X, S3: III/c and XI).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jenjang_shared.contracts.vocabulary import PNS_GOLONGAN, PPPK_GOLONGAN


class RankScheme(StrEnum):
    PNS = "PNS"  # golongan ruang, also for CPNS
    PPPK = "PPPK"


@dataclass(frozen=True, order=True)
class Rank:
    """A golongan placed on its scale: `step` 0 is the lowest (I/a, or I for PPPK)."""

    scheme: RankScheme
    step: int

    @classmethod
    def of(cls, golongan: str) -> Rank:
        """The rank of a golongan; ValueError when it is not a known golongan."""
        if golongan in PNS_GOLONGAN:
            return cls(RankScheme.PNS, PNS_GOLONGAN.index(golongan))
        if golongan in PPPK_GOLONGAN:
            return cls(RankScheme.PPPK, PPPK_GOLONGAN.index(golongan))
        raise ValueError(f"unknown golongan {golongan!r}")


def rank_gap(senior: str, junior: str, *, cross_scheme: bool = False) -> int | None:
    """Steps from `junior` up to `senior` (negative when `senior` is lower); None when the two
    golongan are on different scales and `cross_scheme` is off."""
    a, b = Rank.of(senior), Rank.of(junior)
    if a.scheme != b.scheme and not cross_scheme:
        return None
    return a.step - b.step


def outranks(senior: str, junior: str, *, cross_scheme: bool = False) -> bool:
    """True when `senior` is strictly higher than `junior` (same scheme unless `cross_scheme`)."""
    gap = rank_gap(senior, junior, cross_scheme=cross_scheme)
    return gap is not None and gap > 0
