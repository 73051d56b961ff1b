"""When training recommends courses, and which: one recommendation per employee and reason key.

- NEW_CPNS: a newly registered CPNS gets the Latsar course(s) of the catalogue (category LATSAR).
  When the catalogue has none yet the recommendation is still made (and published) with an
  empty list: the reason alone tells HR that Latsar is due.
- WEAK_PREDIKAT:<period>: an ANNUAL predikat of BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG gets the
  courses that serve the employee's job family.
- JP_SHORTFALL:<year>: an active PNS/CPNS below 20 JP in the last quarter (October-December) gets
  courses that close the gap (see `courses_for_gap`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import PeriodType, Predikat, TrainingCategory
from jenjang_shared.errors import InvalidInput
from training.domain.model import Course

WEAK_PREDIKAT = frozenset({Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG})
SHORTFALL_QUARTER_STARTS = 10  # October: the last quarter of the year

# Courses that are not development by job family: Latsar is for CPNS only, the ujian dinas are
# exams, and leadership training (PKP, PKA, PKN II) follows the position, not a gap in hours.
NOT_FOR_DEVELOPMENT = frozenset(
    {
        TrainingCategory.LATSAR,
        TrainingCategory.UJIAN_DINAS_I,
        TrainingCategory.UJIAN_DINAS_II,
        TrainingCategory.PKP,
        TrainingCategory.PKA,
        TrainingCategory.PKN_II,
    }
)


@dataclass(frozen=True)
class Suggestion:
    """A recommendation to record: its key (unique per employee), its words, its courses."""

    rule: str
    reason_key: str
    reason: str
    course_codes: tuple[str, ...]


def new_cpns(catalogue: Iterable[Course]) -> Suggestion:
    latsar = sorted(c.code for c in catalogue if c.training_category is TrainingCategory.LATSAR)
    return Suggestion(
        rule="NEW_CPNS",
        reason_key="NEW_CPNS",
        reason="New CPNS: Latsar (basic training) must be passed during the probation year",
        course_codes=tuple(latsar),
    )


def is_weak_annual(period_type: PeriodType, predikat: Predikat) -> bool:
    return period_type is PeriodType.ANNUAL and predikat in WEAK_PREDIKAT


def job_family_courses(
    job_family: str, catalogue: Iterable[Course], *, passed: Iterable[str] = ()
) -> tuple[str, ...]:
    """Development courses serving the job family, not yet passed, mandatory ones first."""
    done = set(passed)
    fitting = [
        c
        for c in catalogue
        if job_family in c.job_families
        and c.training_category not in NOT_FOR_DEVELOPMENT
        and c.code not in done
    ]
    fitting.sort(key=lambda c: (not c.mandatory, c.code))
    return tuple(c.code for c in fitting)


def weak_predikat(
    *,
    period: str,
    predikat: Predikat,
    job_family: str | None,
    catalogue: Iterable[Course],
    passed: Iterable[str] = (),
) -> Suggestion:
    """Courses of the employee's job family; none while the job family is unknown."""
    codes = job_family_courses(job_family, catalogue, passed=passed) if job_family else ()
    return Suggestion(
        rule="WEAK_PREDIKAT",
        reason_key=f"WEAK_PREDIKAT:{period}",
        reason=f"Annual predikat {predikat.value} for {period}: development in the job family",
        course_codes=codes,
    )


def check_sweep_window(*, year: int, as_of: date, today: date) -> None:
    """The JP shortfall sweep runs in the last quarter of the year it checks, never ahead of
    time (a sweep run early would spend the year's one recommendation too soon)."""
    if as_of > today:
        raise InvalidInput(f"as_of {as_of} is in the future", field="as_of")
    if as_of.year != year or as_of.month < SHORTFALL_QUARTER_STARTS:
        raise InvalidInput(
            f"the JP shortfall sweep for {year} runs from {year}-10-01 to {year}-12-31; "
            f"as_of {as_of} is outside it",
            field="as_of",
        )


def courses_for_gap(gap: int, candidates: Sequence[Course]) -> tuple[str, ...]:
    """Courses that close a gap of `gap` JP with as little excess as one course allows.

    One course when one is big enough (the smallest such, then by code); otherwise the biggest
    courses first until the gap is closed or the candidates run out.
    """
    if gap <= 0:
        return ()
    big_enough = sorted((c for c in candidates if c.jp >= gap), key=lambda c: (c.jp, c.code))
    if big_enough:
        return (big_enough[0].code,)
    chosen: list[str] = []
    remaining = gap
    for course in sorted(candidates, key=lambda c: (-c.jp, c.code)):
        if remaining <= 0:
            break
        chosen.append(course.code)
        remaining -= course.jp
    return tuple(chosen)


def jp_shortfall(
    *,
    year: int,
    total_jp: int,
    minimum: int,
    job_family: str | None,
    catalogue: Iterable[Course],
    passed: Iterable[str] = (),
) -> Suggestion | None:
    """None when the employee has reached the minimum; else courses that fit the gap, taken
    from the courses of their job family and the general ones (no job family listed)."""
    gap = minimum - total_jp
    if gap <= 0:
        return None
    done = set(passed)
    candidates = [
        c
        for c in catalogue
        if c.training_category not in NOT_FOR_DEVELOPMENT
        and c.code not in done
        and (not c.job_families or (job_family is not None and job_family in c.job_families))
    ]
    return Suggestion(
        rule="JP_SHORTFALL",
        reason_key=f"JP_SHORTFALL:{year}",
        reason=f"{total_jp} JP in {year}, {gap} short of the minimum {minimum} JP",
        course_codes=courses_for_gap(gap, candidates),
    )
