"""The promotion eligibility engine: a pure function with one result per criterion, on the track
the employee's post chooses (docs/domain.md, "Promotion tracks"):

- KP reguler for a pelaksana (PP 99/2000 art. 7): years in rank, two annual predikat, the
  education cap, the ujian dinas;
- ANGKA_KREDIT for a JF holder: the cumulative AK of the rank against the next rank's minimum,
  within the grade's rank ceiling (past it: kenaikan jenjang, with what it would need);
- KP PILIHAN for a structural post: years in rank, two annual predikat, within the post's range.

Every track first checks `pns_not_retired`, which includes the projected pension date.

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
from decimal import Decimal
from typing import Any

from evaluation.domain.credit_points import (
    NO_CONVERSION,
    Accumulated,
    CreditStart,
    accumulate,
    credit_rules_for,
)
from evaluation.domain.kp_rules import KpRuleSet, add_years, next_kp_period
from evaluation.domain.pension import PensionDate, projected_pension
from jenjang_shared.contracts.ranks import (
    JF_GRADE_RANKS,
    education_cap,
    is_pns_golongan,
    next_golongan,
    rank_index,
    structural_range,
    within_education_cap,
)
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    PositionKind,
    Predikat,
    PromotionTrack,
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
    birth_date: date | None = None
    pension_date: date | None = None  # projected by personnel under the rule of the post
    pension_rule: str | None = None  # the version of that rule
    functional_position: str | None = None
    credit_start: CreditStart | None = None

    @property
    def pension(self) -> PensionDate | None:
        """The projected pension date (personnel's, else the general rule's)."""
        return projected_pension(
            published=self.pension_date,
            published_rule=self.pension_rule,
            birth_date=self.birth_date,
            position_kind=self.position_kind,
            level=self.functional_level,
        )


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
    track: PromotionTrack = PromotionTrack.REGULER
    pension_date: date | None = None
    rank_range: tuple[str, str] | None = None
    credit: Accumulated | None = None
    credit_required: Decimal | None = None
    rule_versions: dict[str, str] = field(default_factory=dict)

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
    """Assess eligibility on `kp_period` under `rules`, on the track of the employee's post.

    `annual_predikat` maps a year to the predikat of the LATEST version of its annual evaluation
    (for a JF holder: every year since the rank's TMT; see `years_needed`).
    """
    target = next_golongan(facts.golongan) if facts.golongan else None
    years = [kp_period.year - n for n in range(rules.years_looked_at, 0, -1)]
    passed = sorted({e.category.value for e in exams if e.completed_on <= kp_period})
    track = track_of(facts.position_kind)
    pension = facts.pension
    versions = {"kp": rules.version}
    if pension is not None:
        versions["retirement"] = pension.rule_version
    extra: dict[str, Any] = {}
    if track is PromotionTrack.ANGKA_KREDIT:
        jf = _credit_track(facts, annual_predikat, target, kp_period)
        criteria = [_employment(facts, kp_period), *jf.criteria]
        extra = {"rank_range": jf.rank_range, "credit": jf.credit, "credit_required": jf.required}
        if jf.credit is not None and jf.credit.rule_versions:
            versions["angka_kredit"] = "+".join(jf.credit.rule_versions)
    elif track is PromotionTrack.PILIHAN:
        post = structural_range(facts.position_kind) if facts.position_kind else None
        criteria = [
            _employment(facts, kp_period),
            _time_in_rank(facts, kp_period, rules),
            _performance(annual_predikat, years, kp_period, rules),
            _within_post_range(facts, target, post),
        ]
        extra = {"rank_range": post}
    else:
        criteria = [
            _employment(facts, kp_period),
            _time_in_rank(facts, kp_period, rules),
            _performance(annual_predikat, years, kp_period, rules),
            _education_cap(facts, target),
            _exam(facts, target, passed),
        ]
    tmt = facts.golongan_tmt
    return Eligibility(
        track=track,
        pension_date=pension.on if pension else None,
        rule_versions=versions,
        **extra,
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


def track_of(kind: PositionKind | None) -> PromotionTrack:
    """The promotion track of a post: KP reguler for a pelaksana (and a post not known yet),
    angka kredit for a JF, KP pilihan for a structural post (PP 99/2000 art. 7)."""
    if kind is PositionKind.FUNGSIONAL:
        return PromotionTrack.ANGKA_KREDIT
    if kind in (PositionKind.JPT, PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS):
        return PromotionTrack.PILIHAN
    return PromotionTrack.REGULER


def years_needed(facts: EmployeeFacts, kp_period: date, rules: KpRuleSet) -> list[int]:
    """The annual evaluations the employee's track reads for `kp_period`."""
    window = [kp_period.year - n for n in range(rules.years_looked_at, 0, -1)]
    if track_of(facts.position_kind) is not PromotionTrack.ANGKA_KREDIT or not facts.golongan_tmt:
        return window
    return sorted(set(window) | set(range(facts.golongan_tmt.year, kp_period.year)))


def _employment(facts: EmployeeFacts, kp: date) -> Criterion:
    retired = facts.retirement_date is not None and facts.retirement_date <= kp
    pension = facts.pension
    reaches_bup = pension is not None and pension.on <= kp
    value = {
        "employment_type": facts.employment_type,
        "retired": retired,
        "pension_date": pension.on if pension else None,
    }
    if facts.employment_type is not EmploymentType.PNS:
        found = facts.employment_type.value if facts.employment_type else "unknown"
        return Criterion("pns_not_retired", False, value, f"must be PNS, is {found}")
    if retired:
        return Criterion("pns_not_retired", False, value, f"retired on {facts.retirement_date}")
    if reaches_bup and pension is not None:
        return Criterion(
            "pns_not_retired",
            False,
            value,
            f"the pension date {pension.on} ({pension.rule_version}) is on or before the KP "
            f"period {kp}",
        )
    return Criterion("pns_not_retired", True, value)


@dataclass(frozen=True)
class _CreditTrack:
    criteria: list[Criterion]
    rank_range: tuple[str, str] | None
    credit: Accumulated | None
    required: Decimal | None


def _credit_track(
    facts: EmployeeFacts, annual: dict[int, Predikat], target: str | None, kp: date
) -> _CreditTrack:
    """The JF track: within the grade's ceiling, and the cumulative AK of the rank against the
    next rank's minimum (docs/domain.md, "Functional credit points (angka kredit)")."""
    level = facts.functional_level
    if level is None or facts.golongan is None or facts.golongan_tmt is None:
        missing = Criterion("jf_grade", False, None, "the JF grade, golongan or its TMT is unknown")
        return _CreditTrack([missing], None, None, None)
    lowest, highest = JF_GRADE_RANKS[level]
    rules = credit_rules_for(kp.year - 1) or credit_rules_for(kp.year)
    criteria = []
    ceiling_value = {"grade": level.value, "range": [lowest, highest], "next_golongan": target}
    if target is not None and rank_index(target) <= rank_index(highest):
        criteria.append(Criterion("grade_ceiling", True, ceiling_value))
    else:
        after = rules.next_grade.get(level) if rules else None
        need = rules.grade_minimum.get(level) if rules else None
        what = (
            f"kenaikan jenjang to {after.value} (cumulative AK {need} and the competency test)"
            if after is not None
            else "no higher grade"
        )
        criteria.append(
            Criterion(
                "grade_ceiling",
                False,
                ceiling_value,
                f"{facts.golongan} is the ceiling {highest} of {level.value}: next needs {what}",
            )
        )
    if facts.functional_position in NO_CONVERSION:
        criteria.append(
            Criterion(
                "angka_kredit",
                False,
                {"functional_position": facts.functional_position},
                f"the AK of {facts.functional_position} is not earned by predikat conversion "
                "(not encoded)",
            )
        )
        return _CreditTrack(criteria, (lowest, highest), None, None)
    credit = accumulate(
        level=level, rank_tmt=facts.golongan_tmt, annual=annual, start=facts.credit_start, until=kp
    )
    required = rules.rank_minimum[level] if rules else None
    value = {
        "start": str(credit.start),
        "per_year": {str(y): str(v) for y, v in credit.per_year.items()},
        "cumulative": str(credit.cumulative),
        "required": str(required) if required is not None else None,
    }
    if required is None:
        criteria.append(Criterion("angka_kredit", False, value, "no AK rule in force"))
    elif credit.cumulative >= required:
        criteria.append(Criterion("angka_kredit", True, value))
    else:
        criteria.append(
            Criterion(
                "angka_kredit",
                False,
                value,
                f"cumulative AK {credit.cumulative} is below the {required} the next rank needs",
            )
        )
    return _CreditTrack(criteria, (lowest, highest), credit, required)


def _within_post_range(
    facts: EmployeeFacts, target: str | None, post: tuple[str, str] | None
) -> Criterion:
    name = "post_rank_range"
    value = {"range": list(post) if post else None, "next_golongan": target}
    if post is None or target is None:
        return Criterion(name, False, value, "no next golongan within a known post range")
    if rank_index(target) <= rank_index(post[1]):
        return Criterion(name, True, value)
    kind = facts.position_kind.value if facts.position_kind else "?"
    return Criterion(
        name, False, value, f"{target} is above the highest {post[1]} of a {kind} post"
    )


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
