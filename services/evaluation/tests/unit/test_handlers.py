"""Every event handler on the fakes: what it projects, what it publishes, what it leaves alone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from evaluation.entrypoints.events import HANDLERS
from evaluation.service import handlers
from jenjang_shared.contracts import (
    EmployeeRegistered,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.contracts.vocabulary import (
    Education,
    FunctionalLevel,
    PositionKind,
    Rating,
    TrainingCategory,
)
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on

from .fakes import FakeUnitOfWork
from .scenarios import KP, TODAY, annual, eligible_employee, facts


def on(day: date = TODAY) -> FakeUnitOfWork:
    """A unit of work applying an event that happened on `day`."""
    return FakeUnitOfWork(handled=handled_on(day))


def registered(nip: str | None = None, **overrides: Any) -> EmployeeRegistered:
    """The registration of `scenarios.facts()`: PNS III/a, 4 years in rank on KP, PELAKSANA."""
    fields: dict[str, Any] = {
        "golongan": "III/a",
        "golongan_tmt": date(2022, 12, 1),
        "position_kind": "PELAKSANA",
        "functional_level": None,
        **overrides,
    }
    return builders.employee_registered(nip, **fields)


def recommended(uow: FakeUnitOfWork) -> list[PromotionRecommended]:
    return [e for e in uow.published if isinstance(e, PromotionRecommended)]


def withdrawn(uow: FakeUnitOfWork) -> list[PromotionRecommendationWithdrawn]:
    return [e for e in uow.published if isinstance(e, PromotionRecommendationWithdrawn)]


def test_the_table_names_one_handler_per_consumed_event() -> None:
    assert {t.__name__ for t in HANDLERS} == {
        "EmployeeRegistered",
        "EmployeeUpdated",
        "EmployeeTransferred",
        "EmployeePromoted",
        "EmployeeRetired",
        "TrainingCompleted",
        "PromotionProposalRejected",
    }


# EmployeeRegistered


async def test_a_registration_is_projected_and_an_eligible_employee_recommended_for_the_event_day():
    uow = on(TODAY)
    nip = builders.new_nip()
    for year, rating in ((2024, Rating.SESUAI), (2025, Rating.DI_ATAS)):
        await uow.evaluations.add(annual(nip, year, rating, rating))
    await handlers.on_employee_registered(registered(nip), uow)

    projected = await uow.employees.get(nip)
    assert projected is not None and projected.golongan == "III/a"
    (event,) = recommended(uow)
    assert (event.from_golongan, event.to_golongan, event.kp_period) == ("III/a", "III/b", KP)
    assert event.evidence.predikat_per_year == {"2024": "BAIK", "2025": "SANGAT_BAIK"}
    assert event.evidence.education_cap == "III/d"
    (row,) = await uow.recommendations.of_employee(nip)
    assert row.status == "OPEN" and row.recommendation_id == event.recommendation_id


async def test_the_kp_period_follows_the_events_day_not_the_wall_clock():
    # The same facts replayed: an event of 2 December targets the January period.
    early, late = on(date(2026, 11, 28)), on(date(2026, 12, 2))
    for uow in (early, late):
        await eligible_employee(uow, nip="198609262015051001")
        await handlers.on_employee_registered(registered("198609262015051001"), uow)
    assert [e.kp_period for e in recommended(early)] == [KP]
    # January looks at 2025 and 2026: 2026 is not rated, so nothing yet.
    assert recommended(late) == []


async def test_a_registration_keeps_a_field_an_earlier_event_already_set():
    uow = on()
    nip = builders.new_nip()
    await handlers.on_employee_updated(
        builders.employee_updated(nip, changes={"education": "S2"}), uow
    )
    await handlers.on_employee_registered(registered(nip, education="S1"), uow)
    projected = await uow.employees.get(nip)
    assert projected is not None and projected.education is Education.S2
    assert projected.golongan == "III/a"


async def test_an_ineligible_registration_publishes_nothing():
    uow = on()
    await handlers.on_employee_registered(registered(), uow)  # no evaluations at all
    assert uow.published == []


async def test_a_handler_without_its_event_refuses_to_guess_the_day():
    with pytest.raises(RuntimeError):
        await handlers.on_employee_registered(registered(), FakeUnitOfWork())


# EmployeeUpdated


async def test_an_update_applies_only_the_projected_fields_that_were_sent():
    uow = on()
    employee = await eligible_employee(uow, position_kind=PositionKind.PELAKSANA)
    changes = {"unit_code": "DINKES", "name": "Siti R.", "job_class": 10}
    await handlers.on_employee_updated(
        builders.employee_updated(employee.nip, changes=changes), uow
    )
    projected = await uow.employees.get(employee.nip)
    assert projected is not None
    assert projected.unit_code == "DINKES"
    assert projected.golongan == employee.golongan and projected.education is Education.S1
    assert projected.position_kind is PositionKind.PELAKSANA
    (event,) = recommended(uow)  # re-evaluated on the event's day
    assert event.kp_period == KP


async def test_an_update_with_nothing_projected_changes_nothing_and_is_no_error():
    uow = on()
    employee = await eligible_employee(uow)
    update = builders.employee_updated(employee.nip, changes={"work_location": "KAB_GARUT"})
    assert handlers.projected_changes(update.changes).values == {}
    await handlers.on_employee_updated(update, uow)
    assert await uow.employees.get(employee.nip) == employee


async def test_a_null_for_a_field_that_cannot_be_empty_is_ignored():
    uow = on()
    employee = await eligible_employee(uow)
    update = builders.employee_updated(employee.nip, changes={"education": None, "unit_code": "X"})
    await handlers.on_employee_updated(update, uow)
    projected = await uow.employees.get(employee.nip)
    assert projected is not None
    assert projected.education is Education.S1 and projected.unit_code == "X"


async def test_null_clears_the_functional_level_and_leaving_fungsional_leaves_it_behind():
    uow = on()
    level = FunctionalLevel.AHLI_PERTAMA
    first = facts(position_kind=PositionKind.FUNGSIONAL, functional_level=level)
    second = facts(position_kind=PositionKind.FUNGSIONAL, functional_level=level)
    for employee in (first, second):
        await uow.employees.register(employee)
    await handlers.on_employee_updated(
        builders.employee_updated(first.nip, changes={"functional_level": None}), uow
    )
    await handlers.on_employee_updated(
        builders.employee_updated(second.nip, changes={"position_kind": "PENGAWAS"}), uow
    )
    cleared, left = await uow.employees.get(first.nip), await uow.employees.get(second.nip)
    assert cleared is not None and cleared.functional_level is None
    assert cleared.position_kind is PositionKind.FUNGSIONAL
    assert left is not None and left.functional_level is None
    assert left.position_kind is PositionKind.PENGAWAS


async def test_an_education_downgrade_withdraws_the_open_recommendation_once():
    uow = on()
    employee = await eligible_employee(uow, golongan="II/c", education=Education.D3)
    await handlers.on_employee_registered(
        registered(employee.nip, golongan="II/c", education="D3"), uow
    )
    (open_one,) = recommended(uow)
    assert open_one.to_golongan == "II/d"
    downgrade = builders.employee_updated(employee.nip, changes={"education": "SLTP"})
    await handlers.on_employee_updated(downgrade, uow)
    await handlers.on_employee_updated(downgrade, uow)  # the same fact again
    (event,) = withdrawn(uow)
    assert event.recommendation_id == open_one.recommendation_id
    assert event.kp_period == KP and "education_cap" in event.reason
    (row,) = await uow.recommendations.of_employee(employee.nip)
    assert row.status == "WITHDRAWN"


async def test_an_update_of_an_employee_not_registered_yet_is_kept_for_later():
    uow = on()
    nip = builders.new_nip()
    await handlers.on_employee_updated(
        builders.employee_updated(nip, changes={"employment_type": "PNS"}), uow
    )
    projected = await uow.employees.get(nip)
    assert projected is not None and projected.golongan is None
    assert uow.published == []


# EmployeeTransferred


async def test_a_transfer_moves_unit_and_position_and_re_evaluates():
    uow = on()
    employee = await eligible_employee(
        uow, position_kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_MUDA
    )
    await handlers.on_employee_transferred(builders.employee_transferred(employee.nip), uow)
    projected = await uow.employees.get(employee.nip)
    assert projected is not None
    assert (projected.unit_code, projected.position_kind) == ("DINKES", PositionKind.PELAKSANA)
    assert projected.functional_level is None
    assert len(recommended(uow)) == 1


async def test_a_repeated_transfer_recommends_no_second_time():
    uow = on()
    employee = await eligible_employee(uow)
    for _ in range(2):
        await handlers.on_employee_transferred(builders.employee_transferred(employee.nip), uow)
    assert len(recommended(uow)) == 1


# EmployeePromoted


async def test_a_promotion_closes_the_open_recommendation_and_restarts_time_in_rank():
    uow = on()
    employee = await eligible_employee(uow)
    await handlers.on_employee_registered(registered(employee.nip), uow)
    promoted = builders.employee_promoted(
        employee.nip, from_golongan="III/a", to_golongan="III/b", tmt=KP
    )
    await handlers.on_employee_promoted(promoted, uow)
    (row,) = await uow.recommendations.of_employee(employee.nip)
    assert row.status == "PROMOTED" and row.status_reason == "promoted to III/b"
    projected = await uow.employees.get(employee.nip)
    assert projected is not None and (projected.golongan, projected.golongan_tmt) == ("III/b", KP)
    assert len(recommended(uow)) == 1  # not eligible again from III/b


async def test_a_late_promotion_older_than_the_known_rank_changes_nothing():
    uow = on()
    employee = await eligible_employee(uow, golongan="III/b", golongan_tmt=date(2024, 4, 1))
    late = builders.employee_promoted(
        employee.nip, from_golongan="II/d", to_golongan="III/a", tmt=date(2020, 4, 1)
    )
    await handlers.on_employee_promoted(late, uow)
    projected = await uow.employees.get(employee.nip)
    assert projected is not None and projected.golongan == "III/b"


# EmployeeRetired


async def test_a_retirement_closes_open_recommendations_without_a_withdrawal_event():
    uow = on()
    employee = await eligible_employee(uow)
    await handlers.on_employee_registered(registered(employee.nip), uow)
    published = len(uow.published)
    retired = builders.employee_retired(employee.nip, retirement_date=date(2026, 11, 30))
    await handlers.on_employee_retired(retired, uow)
    (row,) = await uow.recommendations.of_employee(employee.nip)
    assert row.status == "WITHDRAWN" and row.status_reason == "retired: BUP"
    assert len(uow.published) == published
    projected = await uow.employees.get(employee.nip)
    assert projected is not None and projected.retirement_date == date(2026, 11, 30)


async def test_a_retirement_of_someone_without_recommendations_only_projects_the_date():
    uow = on()
    nip = builders.new_nip()
    await handlers.on_employee_retired(builders.employee_retired(nip), uow)
    assert await uow.recommendations.of_employee(nip) == [] and uow.published == []


# TrainingCompleted


async def test_a_passed_ujian_dinas_opens_the_crossing_into_golongan_iii():
    uow = on()
    employee = await eligible_employee(uow, golongan="II/d", education=Education.SLTA)
    await handlers.on_employee_registered(
        registered(employee.nip, golongan="II/d", education="SLTA"), uow
    )
    assert recommended(uow) == []  # UJIAN_DINAS_I is missing
    exam = builders.training_completed(
        employee.nip, training_category="UJIAN_DINAS_I", completed_on=date(2025, 3, 1)
    )
    await handlers.on_training_completed(exam, uow)
    (event,) = recommended(uow)
    assert event.to_golongan == "III/a" and event.evidence.exams == ["UJIAN_DINAS_I"]


async def test_other_trainings_are_not_projected():
    uow = on()
    employee = await eligible_employee(uow)
    await handlers.on_training_completed(builders.training_completed(employee.nip), uow)
    assert await uow.employees.exams_of([employee.nip]) == {} and uow.published == []


async def test_an_exam_arriving_before_the_registration_is_kept():
    uow = on()
    nip = builders.new_nip()
    exam = builders.training_completed(nip, training_category="UJIAN_DINAS_II")
    await handlers.on_training_completed(exam, uow)
    (kept,) = (await uow.employees.exams_of([nip]))[nip]
    assert kept.category is TrainingCategory.UJIAN_DINAS_II


# PromotionProposalRejected


async def test_a_rejection_closes_the_recommendation_and_blocks_its_period_only():
    uow = on()
    employee = await eligible_employee(uow)
    await handlers.on_employee_registered(registered(employee.nip), uow)
    (first,) = recommended(uow)
    rejected = builders.promotion_proposal_rejected(
        employee.nip, recommendation_id=first.recommendation_id
    )
    await handlers.on_promotion_proposal_rejected(rejected, uow)
    (row,) = await uow.recommendations.of_employee(employee.nip)
    assert row.status == "REJECTED" and row.status_reason == rejected.reason
    assert await uow.recommendations.blocked([employee.nip], KP) == {(employee.nip, "III/b")}
    # The same KP period stays blocked on the next re-evaluation.
    await handlers.on_employee_transferred(builders.employee_transferred(employee.nip), uow)
    assert len(recommended(uow)) == 1


async def test_a_rejection_of_an_unknown_recommendation_blocks_what_the_event_names():
    uow = on()
    nip = builders.new_nip()
    rejected = builders.promotion_proposal_rejected(nip, kp_period=KP, to_golongan="III/b")
    await handlers.on_promotion_proposal_rejected(rejected, uow)
    assert await uow.recommendations.blocked([nip], KP) == {(nip, "III/b")}


async def test_a_rejection_naming_nothing_known_is_ignored():
    uow = on()
    nip = builders.new_nip()
    await handlers.on_promotion_proposal_rejected(builders.promotion_proposal_rejected(nip), uow)
    assert uow.recommendations.blocks == set() and uow.published == []
