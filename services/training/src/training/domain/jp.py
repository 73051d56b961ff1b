"""The yearly JP balance: PNS and CPNS at least 20 JP, PPPK at most 24 JP (docs/domain.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingMethod
from training.domain.model import LedgerEntry

PNS_MIN_JP = 20
PPPK_MAX_JP = 24


class TargetKind(StrEnum):
    MINIMUM = "MINIMUM"  # a right to at least this many JP (PNS, CPNS)
    MAXIMUM = "MAXIMUM"  # a cap of this many JP (PPPK)


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    jp: int


def target_for(employment_type: EmploymentType | None) -> Target | None:
    """PNS/CPNS: at least 20 JP; PPPK: at most 24 JP; unknown type: no target."""
    if employment_type in (EmploymentType.PNS, EmploymentType.CPNS):
        return Target(TargetKind.MINIMUM, PNS_MIN_JP)
    if employment_type is EmploymentType.PPPK:
        return Target(TargetKind.MAXIMUM, PPPK_MAX_JP)
    return None


@dataclass(frozen=True)
class YearBalance:
    year: int
    classroom_jp: int
    non_classroom_jp: int
    committed_jp: int
    target: Target | None

    @property
    def total_jp(self) -> int:
        return self.classroom_jp + self.non_classroom_jp

    @property
    def shortfall_jp(self) -> int | None:
        """JP still missing to reach the minimum (PNS/CPNS); None for PPPK."""
        if self.target is None or self.target.kind is not TargetKind.MINIMUM:
            return None
        return max(0, self.target.jp - self.total_jp)

    @property
    def remaining_allowance_jp(self) -> int | None:
        """JP a PPPK may still enrol for this year (earned and enrolled counted); None for PNS."""
        if self.target is None or self.target.kind is not TargetKind.MAXIMUM:
            return None
        return max(0, self.target.jp - self.total_jp - self.committed_jp)


def balance(
    year: int,
    entries: Iterable[LedgerEntry],
    *,
    employment_type: EmploymentType | None,
    committed_jp: int = 0,
) -> YearBalance:
    """Sum a year's entries by method (classroom vs non-classroom)."""
    classroom = non_classroom = 0
    for entry in entries:
        if entry.earned_on.year != year:
            continue
        if entry.training_method is TrainingMethod.KLASIKAL:
            classroom += entry.jp
        else:
            non_classroom += entry.jp
    return YearBalance(
        year=year,
        classroom_jp=classroom,
        non_classroom_jp=non_classroom,
        committed_jp=committed_jp,
        target=target_for(employment_type),
    )
