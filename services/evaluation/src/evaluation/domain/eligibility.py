"""The KP reguler eligibility engine: a pure function with one result per criterion.

Readings (documented choices):
- "the last 2 years" = the `years_looked_at` calendar years before the KP period's year
  (a KP period in 2026 looks at 2024 and 2025); the latest version of each annual evaluation.
- "at least 4 years in rank": golongan TMT + 4 calendar years <= KP period date, compared as dates.
- exams count when completed on or before the KP period date.
- retired: an EmployeeRetired whose retirement date is on or before the KP period date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from evaluation.domain.kp_rules import KpRuleSet, add_years, next_kp_period
from jenjang_shared.contracts.ranks import (
    education_cap,
    is_pns_golongan,
    next_golongan,
    within_education_cap,
)
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    PositionKind,
    Predikat,
    TrainingCategory,
)

# "Without an S1" (docs/domain.md, "Education: starting rank and the cap of KP reguler"): D-IV
# sits beside S1 (same start III/a and cap III/d), so a D4 holder counts as holding the S1
# level; S2 and S3 include it. Domain rules of this service, so not in the shared rank table.
S1_OR_HIGHER: frozenset[Education] = frozenset(
    {Education.D4, Education.S1, Education.S2, Education.S3}
)
S2_OR_HIGHER: frozenset[Education] = frozenset({Education.S2, Education.S3})


@dataclass(frozen=True)
class EmployeeFacts:
    """What the projection knows of an employee (any field may still be unknown)."""

    nip: str
    employment_type: EmploymentType | None
    golongan: str | None
    golongan_tmt: date | None
    education: Education | None
    retirement_date: date | None = None
    unit_code: str | None = None
    position_kind: PositionKind | None = None
    functional_level: FunctionalLevel | None = None
    supervisor_nip: str | None = None  # the direct superior: who may see and evaluate them


@dataclass(frozen=True)
class PassedExam:
    category: TrainingCategory
    completed_on: date


@dataclass(frozen=True)
class Criterion:
    name: str
    met: bool
    value: Any
    missing: str | None = None
    next_possible_kp: date | None = None


@dataclass(frozen=True)
class Eligibility:
    nip: str
    kp_period: date
    rules_version: str
    from_golongan: str | None
    to_golongan: str | None
    criteria: list[Criterion] = field(default_factory=list)
    years_in_rank: float = 0.0
    predikat_per_year: dict[str, Predikat] = field(default_factory=dict)
    education_cap: str | None = None
    exams: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return bool(self.criteria) and all(c.met for c in self.criteria)


def assess(
    facts: EmployeeFacts,
    annual_predikat: dict[int, Predikat],
    exams: list[PassedExam],
    kp_period: date,
    rules: KpRuleSet,
) -> Eligibility:
    """Assess KP reguler eligibility on `kp_period` under `rules`.

    `annual_predikat` maps a year to the predikat of the LATEST version of its annual evaluation.
    """
    target = next_golongan(facts.golongan) if facts.golongan else None
    years = [kp_period.year - n for n in range(rules.years_looked_at, 0, -1)]
    passed = sorted({e.category.value for e in exams if e.completed_on <= kp_period})
    criteria = [
        _employment(facts, kp_period),
        _time_in_rank(facts, kp_period, rules),
        _performance(annual_predikat, years, kp_period, rules),
        _education_cap(facts, target),
        _exam(facts, target, passed),
    ]
    tmt = facts.golongan_tmt
    return Eligibility(
        nip=facts.nip,
        kp_period=kp_period,
        rules_version=rules.version,
        from_golongan=facts.golongan,
        to_golongan=target,
        criteria=criteria,
        years_in_rank=round((kp_period - tmt).days / 365.25, 2) if tmt else 0.0,
        predikat_per_year={str(y): annual_predikat[y] for y in years if y in annual_predikat},
        education_cap=education_cap(facts.education) if facts.education else None,
        exams=passed,
    )


def _employment(facts: EmployeeFacts, kp: date) -> Criterion:
    retired = facts.retirement_date is not None and facts.retirement_date <= kp
    value = {"employment_type": facts.employment_type, "retired": retired}
    if facts.employment_type is not EmploymentType.PNS:
        found = facts.employment_type.value if facts.employment_type else "unknown"
        return Criterion("pns_not_retired", False, value, f"must be PNS, is {found}")
    if retired:
        return Criterion("pns_not_retired", False, value, f"retired on {facts.retirement_date}")
    return Criterion("pns_not_retired", True, value)


def _time_in_rank(facts: EmployeeFacts, kp: date, rules: KpRuleSet) -> Criterion:
    name = "years_in_rank"
    if facts.golongan_tmt is None or facts.golongan is None or not is_pns_golongan(facts.golongan):
        return Criterion(name, False, None, "no golongan ruang with a TMT is known")
    reached = add_years(facts.golongan_tmt, rules.years_in_rank)
    value = {"golongan": facts.golongan, "golongan_tmt": facts.golongan_tmt, "reached_on": reached}
    if reached <= kp:
        return Criterion(name, True, value)
    missing = f"{rules.years_in_rank} years in {facts.golongan} are reached on {reached}"
    return Criterion(name, False, value, missing, next_kp_period(reached))


def _performance(
    annual: dict[int, Predikat], years: list[int], kp: date, rules: KpRuleSet
) -> Criterion:
    found = {str(y): (annual[y].value if y in annual else None) for y in years}
    absent = [y for y in years if y not in annual]
    weak = [y for y in years if y in annual and annual[y] not in rules.required_predikat]
    if not absent and not weak:
        return Criterion("annual_predikat", True, found)
    parts = []
    if weak:
        parts.append(f"predikat below BAIK in {', '.join(map(str, weak))}")
    if absent:
        parts.append(f"no annual evaluation for {', '.join(map(str, absent))}")
    # A weak year leaves the window only when the KP year is past it by more than the window.
    first_year = max(weak) + rules.years_looked_at + 1 if weak else kp.year
    next_kp = next_kp_period(max(kp, date(first_year, 1, 1)))
    return Criterion("annual_predikat", False, found, "; ".join(parts), next_kp)


def _education_cap(facts: EmployeeFacts, target: str | None) -> Criterion:
    name = "education_cap"
    if facts.education is None:
        return Criterion(name, False, None, "education is not known")
    cap = education_cap(facts.education)
    value = {"education": facts.education.value, "cap": cap, "next_golongan": target}
    if target is None:
        return Criterion(name, False, value, "no next golongan ruang")
    if within_education_cap(target, facts.education):
        return Criterion(name, True, value)
    return Criterion(
        name, False, value, f"{target} exceeds the cap {cap} of {facts.education.value}"
    )


def _exam(facts: EmployeeFacts, target: str | None, passed: list[str]) -> Criterion:
    name = "ujian_dinas"
    required: str | None = None
    if facts.golongan == "II/d" and target == "III/a" and facts.education not in S1_OR_HIGHER:
        required = TrainingCategory.UJIAN_DINAS_I.value
    elif facts.golongan == "III/d" and target == "IV/a" and facts.education not in S2_OR_HIGHER:
        required = TrainingCategory.UJIAN_DINAS_II.value
    value = {"required": required, "passed": passed}
    if required is None or required in passed:
        return Criterion(name, True, value)
    return Criterion(name, False, value, f"{required} not passed")
