"""Who outranks whom: golongan order within a scheme (docs/domain.md, "Ranks").

PNS and CPNS share the golongan ruang scale `I/a` < ... < `IV/e` (17 steps). PPPK have their own
contract scale `I` ... `XVII`, which is not a rank in the same sense: PPPK have no kenaikan
pangkat and the two scales are not officially comparable. So by default ranks are compared only
within the same scheme; a PPPK mentee then cannot be outranked by a PNS mentor and gets no match
(recorded as an unmatched request). An agency may opt in to `cross_scheme=True`, which compares
positions on the two scales step for step: the entry levels line up that way (SLTA: II/a and V,
D-III: II/c and VII, S1: III/a and IX, S2: III/b and X, S3: III/c and XI).

The order itself is the shared one (`jenjang_shared.contracts.ranks`), so that this service
agrees with personnel and evaluation on which golongan is higher.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jenjang_shared.contracts.ranks import is_pns_golongan, is_pppk_golongan, rank_index


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
        if is_pns_golongan(golongan):
            return cls(RankScheme.PNS, rank_index(golongan) - 1)
        if is_pppk_golongan(golongan):
            return cls(RankScheme.PPPK, rank_index(golongan) - 1)
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
