"""The training rules with numbers, table-driven: every row and both sides of each edge."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from jenjang_shared.contracts.vocabulary import (
    EmploymentType,
    PeriodType,
    Predikat,
    TrainingCategory,
    TrainingMethod,
)
from jenjang_shared.errors import Conflict, InvalidInput
from training.domain import catalogue, enrolment, jp, recommending
from training.domain.jp import pppk_window
from training.domain.model import Course, Employee, EmployeeStatus, EnrollmentStatus, LedgerEntry

TODAY = date(2026, 11, 28)


def course(code: str, jp_: int = 10, **kw: object) -> Course:
    fields: dict[str, object] = {
        "title": code,
        "training_category": TrainingCategory.TEKNIS,
        "training_method": TrainingMethod.KLASIKAL,
        "provider": "BPSDM",
        "job_families": ("KESEHATAN",),
    }
    fields.update(kw)
    return Course(code=code, jp=jp_, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("confirmed", "capacity", "expected"),
    [(0, 1, "CONFIRMED"), (4, 5, "CONFIRMED"), (5, 5, "WAITLISTED"), (6, 5, "WAITLISTED")],
)
def test_a_place_while_there_is_room_then_the_waitlist(
    confirmed: int, capacity: int, expected: str
) -> None:
    assert enrolment.placement(confirmed=confirmed, capacity=capacity) is EnrollmentStatus(expected)


@pytest.mark.parametrize(
    ("kind", "year_jp", "course_jp", "allowed"),
    [
        (EmploymentType.PPPK, 0, 24, True),
        (EmploymentType.PPPK, 14, 10, True),  # exactly 24
        (EmploymentType.PPPK, 15, 10, False),  # 25
        (EmploymentType.PPPK, 0, 25, False),
        (EmploymentType.PNS, 40, 30, True),  # the cap is for PPPK only
        (EmploymentType.CPNS, 40, 30, True),
    ],
)
def test_a_pppk_may_take_at_most_24_jp_a_year(
    kind: EmploymentType, year_jp: int, course_jp: int, allowed: bool
) -> None:
    employee = Employee(nip="198609262015051001", employment_type=kind)
    window = pppk_window(employee, date(2026, 5, 1))
    if allowed:
        enrolment.check_pppk_allowance(window, window_jp=year_jp, course_jp=course_jp)
    else:
        with pytest.raises(Conflict, match="24 JP"):
            enrolment.check_pppk_allowance(window, window_jp=year_jp, course_jp=course_jp)


def test_a_retired_employee_may_not_enrol_an_active_one_may() -> None:
    enrolment.check_employee_may_enroll(Employee(nip="1" * 18))
    with pytest.raises(Conflict, match="retired"):
        enrolment.check_employee_may_enroll(Employee(nip="1" * 18, status=EmployeeStatus.RETIRED))


def test_a_missing_prerequisite_is_named() -> None:
    advanced = course("ADV", prerequisites=("BASIC", "SAFETY"))
    enrolment.check_prerequisites(advanced, passed=["BASIC", "SAFETY", "OTHER"])
    with pytest.raises(Conflict, match="SAFETY") as refused:
        enrolment.check_prerequisites(advanced, passed=["BASIC"])
    assert "BASIC" not in refused.value.detail


@pytest.mark.parametrize(
    ("starts", "ends", "capacity", "location", "online", "field"),
    [
        (TODAY, TODAY, 1, "Bandung", False, None),  # starts today, one day
        (date(2026, 11, 27), TODAY, 1, "Bandung", False, "starts_on"),  # the day before
        (TODAY, date(2026, 11, 27), 1, "Bandung", False, "ends_on"),
        (TODAY, TODAY, 0, "Bandung", False, "capacity"),
        (TODAY, TODAY, 1, None, False, "location"),
        (TODAY, TODAY, 1, "  ", False, "location"),
        (TODAY, TODAY, 1, None, True, None),
    ],
)
def test_a_session_starts_today_or_later_ends_after_it_has_room_and_a_place(
    starts: date, ends: date, capacity: int, location: str | None, online: bool, field: str | None
) -> None:
    def check() -> None:
        catalogue.check_new_session(
            starts_on=starts,
            ends_on=ends,
            capacity=capacity,
            location=location,
            online=online,
            today=TODAY,
        )

    if field is None:
        check()
    else:
        with pytest.raises(InvalidInput) as refused:
            check()
        assert refused.value.field == field


@pytest.mark.parametrize(
    ("jp_", "prerequisites", "field"),
    [
        (1, (), None),
        (0, (), "jp"),
        (-4, (), "jp"),
        (8, ("KNOWN",), None),
        (8, ("UNKNOWN",), "prerequisites"),
        (8, ("NEW",), "prerequisites"),
    ],
)
def test_a_course_has_positive_jp_and_known_prerequisites(
    jp_: int, prerequisites: tuple[str, ...], field: str | None
) -> None:
    new = course("NEW", jp_, prerequisites=prerequisites)
    if field is None:
        catalogue.check_new_course(new, existing_codes=["KNOWN"])
    else:
        with pytest.raises(InvalidInput) as refused:
            catalogue.check_new_course(new, existing_codes=["KNOWN"])
        assert refused.value.field == field


@pytest.mark.parametrize(
    ("kind", "target"),
    [
        (EmploymentType.PNS, jp.Target(jp.TargetKind.MINIMUM, 20)),
        (EmploymentType.CPNS, jp.Target(jp.TargetKind.MINIMUM, 20)),
        (EmploymentType.PPPK, jp.Target(jp.TargetKind.MAXIMUM, 24)),
        (None, None),
    ],
)
def test_the_yearly_target_is_a_minimum_for_pns_and_a_maximum_for_pppk(
    kind: EmploymentType | None, target: jp.Target | None
) -> None:
    assert jp.target_for(kind) == target


def entry(jp_: int, method: TrainingMethod, on: date) -> LedgerEntry:
    return LedgerEntry(
        nip="1" * 18,
        source="TRAINING",
        source_ref=str(uuid.uuid4()),
        title="x",
        training_category=TrainingCategory.TEKNIS,
        training_method=method,
        jp=jp_,
        earned_on=on,
    )


@pytest.mark.parametrize(
    ("kind", "entries", "committed", "shortfall", "remaining"),
    [
        (EmploymentType.PNS, [], 0, 20, None),
        (EmploymentType.PNS, [(12, "KLASIKAL"), (7, "NONKLASIKAL")], 0, 1, None),  # 19: one short
        (EmploymentType.PNS, [(12, "KLASIKAL"), (8, "NONKLASIKAL")], 0, 0, None),  # exactly 20
        (EmploymentType.PNS, [(30, "KLASIKAL")], 0, 0, None),
        (EmploymentType.PPPK, [(10, "KLASIKAL")], 4, None, 10),
        (EmploymentType.PPPK, [(20, "KLASIKAL")], 4, None, 0),
        (EmploymentType.PPPK, [(20, "KLASIKAL")], 10, None, 0),
    ],
)
def test_the_balance_sums_classroom_and_non_classroom_and_states_the_gap(
    kind: EmploymentType,
    entries: list[tuple[int, str]],
    committed: int,
    shortfall: int | None,
    remaining: int | None,
) -> None:
    ledger = [entry(n, TrainingMethod(m), date(2026, 3, 1)) for n, m in entries]
    ledger.append(entry(50, TrainingMethod.KLASIKAL, date(2025, 12, 31)))  # another year
    result = jp.balance(2026, ledger, employment_type=kind, committed_jp=committed)
    assert result.classroom_jp == sum(n for n, m in entries if m == "KLASIKAL")
    assert result.non_classroom_jp == sum(n for n, m in entries if m == "NONKLASIKAL")
    assert (result.shortfall_jp, result.remaining_allowance_jp) == (shortfall, remaining)


@pytest.mark.parametrize("predikat", list(Predikat))
@pytest.mark.parametrize("period_type", list(PeriodType))
def test_only_an_annual_weak_predikat_triggers_a_recommendation(
    predikat: Predikat, period_type: PeriodType
) -> None:
    weak = predikat in {Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG}
    expected = weak and period_type is PeriodType.ANNUAL
    assert recommending.is_weak_annual(period_type, predikat) is expected


@pytest.mark.parametrize(
    ("as_of", "allowed"),
    [
        (date(2026, 9, 30), False),
        (date(2026, 10, 1), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), False),
        (date(2025, 11, 1), False),
    ],
)
def test_the_shortfall_sweep_runs_only_in_the_last_quarter_of_its_year(
    as_of: date, allowed: bool
) -> None:
    if allowed:
        recommending.check_sweep_window(year=2026, as_of=as_of, today=date(2027, 6, 1))
    else:
        with pytest.raises(InvalidInput):
            recommending.check_sweep_window(year=2026, as_of=as_of, today=date(2027, 6, 1))


def test_the_shortfall_sweep_never_runs_ahead_of_today() -> None:
    with pytest.raises(InvalidInput, match="future"):
        recommending.check_sweep_window(
            year=2026, as_of=date(2026, 12, 1), today=date(2026, 11, 30)
        )
    recommending.check_sweep_window(year=2026, as_of=date(2026, 11, 30), today=date(2026, 11, 30))


@pytest.mark.parametrize(
    ("gap", "sizes", "expected"),
    [
        (0, [8, 16], []),
        (15, [20, 16, 8], ["C16"]),  # the smallest course big enough
        (8, [8, 16], ["C8"]),  # exactly the gap
        (20, [8, 6, 4], ["C8", "C6", "C4"]),  # none big enough: biggest first, until closed
        (10, [8, 6, 4], ["C8", "C6"]),
        (5, [], []),
    ],
)
def test_courses_for_a_gap_close_it_with_as_little_excess_as_possible(
    gap: int, sizes: list[int], expected: list[str]
) -> None:
    candidates = [course(f"C{n}", n) for n in sizes]
    assert recommending.courses_for_gap(gap, candidates) == tuple(expected)


def test_a_new_cpns_gets_the_latsar_courses_or_an_empty_list_when_there_are_none() -> None:
    latsar = course("LATSAR-III", 40, training_category=TrainingCategory.LATSAR)
    assert recommending.new_cpns([latsar, course("OTHER")]).course_codes == ("LATSAR-III",)
    empty = recommending.new_cpns([course("OTHER")])
    assert empty.reason_key == "NEW_CPNS" and empty.course_codes == ()


def test_job_family_courses_leave_out_latsar_exams_leadership_and_what_was_passed() -> None:
    catalogue_ = [
        course("B-OPTIONAL"),
        course("A-MANDATORY", mandatory=True),
        course("PASSED"),
        course("LATSAR", training_category=TrainingCategory.LATSAR),
        course("UJIAN", training_category=TrainingCategory.UJIAN_DINAS_I),
        course("OTHER-FAMILY", job_families=("KEUANGAN",)),
    ]
    found = recommending.job_family_courses("KESEHATAN", catalogue_, passed=["PASSED"])
    assert found == ("A-MANDATORY", "B-OPTIONAL")


def test_a_shortfall_suggestion_uses_general_courses_and_none_when_the_minimum_is_met() -> None:
    general = course("GENERAL", 12, job_families=())
    assert (
        recommending.jp_shortfall(
            year=2026, total_jp=20, minimum=20, job_family="KESEHATAN", catalogue=[general]
        )
        is None
    )
    found = recommending.jp_shortfall(
        year=2026, total_jp=9, minimum=20, job_family="KESEHATAN", catalogue=[general]
    )
    assert found is not None and found.reason_key == "JP_SHORTFALL:2026"
    assert found.course_codes == ("GENERAL",)
