"""Scope decisions of the use cases on fakes: who sees and writes what (else 404), four eyes
(403), the evaluator a token records as, the projection of superiors, and the audit rows."""

from __future__ import annotations

from datetime import date

import pytest

from evaluation.domain.credit_points import DEFAULT_COEFFICIENTS
from evaluation.domain.distribution import QuotaCurve
from evaluation.domain.talent_box import Potential
from evaluation.service import handlers
from evaluation.service.access import Refused
from evaluation.service.evaluations import RecordEvaluation, evaluation_history, record_evaluation
from evaluation.service.promotion import explain_eligibility, recommendations_of
from evaluation.service.sweeps import start_sweep
from evaluation.service.talent import record_potential, unit_distribution, unit_talent_box
from jenjang_shared.access import Principal, Role, Visibility
from jenjang_shared.contracts.vocabulary import PeriodType, Predikat, Rating
from jenjang_shared.errors import InvalidInput, NotFound
from jenjang_testing import builders
from jenjang_testing.builders import new_nip
from jenjang_testing.fakes import handled_on

from .fakes import FakeUnitOfWork
from .scenarios import ADMIN, EVALUATOR, KP, TODAY, annual, facts

BOSS = "196501011990031001"
OTHER_BOSS = "196601011991031002"


def hr(*units: str) -> Principal:
    return Principal(subject="hr", roles=frozenset({Role.HR}), units=frozenset(units))


def supervisor(nip: str = BOSS) -> Principal:
    return Principal(subject=f"sup-{nip}", roles=frozenset({Role.SUPERVISOR}), nip=nip)


def employee(nip: str) -> Principal:
    return Principal(subject=f"emp-{nip}", roles=frozenset({Role.EMPLOYEE}), nip=nip)


SERVICE = Principal(subject="app", roles=frozenset({Role.SERVICE}))


async def staffed() -> tuple[FakeUnitOfWork, str, str]:
    """A report of BOSS in DISKOMINFO, and someone of BKD under another superior."""
    uow = FakeUnitOfWork()
    mine = facts(unit_code="DISKOMINFO", supervisor_nip=BOSS)
    theirs = facts(unit_code="BKD", supervisor_nip=OTHER_BOSS)
    for person in (mine, theirs):
        await uow.employees.register(person)
        await uow.evaluations.add(annual(person.nip, 2025))
    return uow, mine.nip, theirs.nip


def command(nip: str, evaluator: str | None = None, period: str = "2026-Q3") -> RecordEvaluation:
    return RecordEvaluation(
        nip=nip,
        evaluator_nip=evaluator,
        period_type=PeriodType.ANNUAL if len(period) == 4 else PeriodType.PERIODIC,
        period=period,
        hasil_kerja=Rating.SESUAI,
        perilaku_kerja=Rating.SESUAI,
    )


async def history(uow: FakeUnitOfWork, nip: str, caller: Principal) -> list[str]:
    periods = await evaluation_history(
        uow,
        nip=nip,
        visibility=Visibility.of(caller),
        reader_nip=caller.nip,
        coefficients=DEFAULT_COEFFICIENTS,
    )
    return [p.period for p in periods]


# Reads --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caller", "sees_mine", "sees_theirs"),
    [
        (ADMIN, True, True),
        (SERVICE, True, True),
        (hr("DISKOMINFO"), True, False),
        (hr("BKD", "DINKES"), False, True),
        (supervisor(), True, False),
        (supervisor(OTHER_BOSS), False, True),
    ],
)
async def test_evaluations_are_read_within_the_callers_scope_else_not_found(
    caller, sees_mine, sees_theirs
):
    uow, mine, theirs = await staffed()
    for nip, visible in ((mine, sees_mine), (theirs, sees_theirs)):
        if visible:
            assert await history(uow, nip, caller) == ["2025"]
        else:
            with pytest.raises(NotFound):
                await history(uow, nip, caller)


async def test_an_employee_reads_their_own_unaudited_and_nobody_elses():
    uow, mine, theirs = await staffed()
    assert await history(uow, mine, employee(mine)) == ["2025"]
    assert uow.audited == []
    with pytest.raises(NotFound):
        await history(uow, theirs, employee(mine))
    unknown = new_nip()  # not projected yet: their own (empty) history all the same
    assert await history(uow, unknown, employee(unknown)) == []
    with pytest.raises(NotFound):
        await history(uow, unknown, hr("BKD"))


async def test_reading_another_persons_evaluations_is_audited():
    uow, mine, _ = await staffed()
    await history(uow, mine, supervisor())
    assert uow.audited == [
        {
            "operation": "evaluation.read",
            "record_type": "employee",
            "record_id": mine,
            "before": None,
            "after": None,
        }
    ]


async def test_eligibility_and_recommendations_follow_visibility():
    uow, mine, theirs = await staffed()
    boss = Visibility.of(supervisor())
    assert (
        await explain_eligibility(uow, nip=mine, as_of=TODAY, visibility=boss, reader_nip=BOSS)
    ).nip == mine
    assert await recommendations_of(uow, nip=mine, visibility=boss, reader_nip=BOSS) == []
    with pytest.raises(NotFound):
        await explain_eligibility(uow, nip=theirs, as_of=TODAY, visibility=boss, reader_nip=BOSS)
    with pytest.raises(NotFound):
        await recommendations_of(uow, nip=theirs, visibility=boss, reader_nip=BOSS)
    assert uow.operations() == ["eligibility.read", "recommendation.read"]
    own = Visibility.of(employee(theirs))
    await explain_eligibility(uow, nip=theirs, as_of=TODAY, visibility=own, reader_nip=theirs)
    assert len(uow.audited) == 2  # one's own is not audited


# Writes -------------------------------------------------------------------------------------


async def test_a_supervisor_evaluates_their_direct_reports_as_themself():
    uow, mine, theirs = await staffed()
    evaluation = await record_evaluation(
        uow, command=command(mine), caller=supervisor(), today=TODAY
    )
    assert evaluation.evaluator_nip == BOSS
    same = await record_evaluation(
        uow, command=command(mine, BOSS, "2026-Q2"), caller=supervisor(), today=TODAY
    )
    assert same.evaluator_nip == BOSS
    with pytest.raises(InvalidInput) as named:
        await record_evaluation(
            uow, command=command(mine, EVALUATOR, "2026-Q1"), caller=supervisor(), today=TODAY
        )
    assert named.value.field == "evaluator_nip"
    with pytest.raises(NotFound):
        await record_evaluation(uow, command=command(theirs), caller=supervisor(), today=TODAY)
    with pytest.raises(NotFound):  # unknown to the projection: not provably a report
        await record_evaluation(uow, command=command(new_nip()), caller=supervisor(), today=TODAY)
    assert uow.operations() == ["evaluation.record", "evaluation.record"]


async def test_nobody_evaluates_themself():
    uow, _, _ = await staffed()
    boss = facts(unit_code="DISKOMINFO", supervisor_nip=OTHER_BOSS, nip=BOSS)
    await uow.employees.register(boss)
    for caller in (
        supervisor(BOSS),
        Principal("hr", frozenset({Role.HR}), frozenset({"DISKOMINFO"}), BOSS),
    ):
        with pytest.raises(Refused) as refused:
            await record_evaluation(uow, command=command(BOSS), caller=caller, today=TODAY)
        assert refused.value.status == 403 and "four eyes" in refused.value.detail


async def test_hr_evaluates_the_employees_of_its_units_naming_the_evaluator():
    uow, mine, theirs = await staffed()
    officer = hr("DISKOMINFO")
    evaluation = await record_evaluation(
        uow, command=command(mine, EVALUATOR), caller=officer, today=TODAY
    )
    assert evaluation.evaluator_nip == EVALUATOR
    with pytest.raises(NotFound):
        await record_evaluation(
            uow, command=command(theirs, EVALUATOR), caller=officer, today=TODAY
        )
    with pytest.raises(InvalidInput) as missing:  # no NIP in the token, none named
        await record_evaluation(
            uow, command=command(mine, period="2026-Q2"), caller=officer, today=TODAY
        )
    assert missing.value.field == "evaluator_nip"


async def test_admin_and_internal_apps_write_about_anyone_even_before_the_projection():
    uow = FakeUnitOfWork()
    for caller in (ADMIN, SERVICE):
        evaluation = await record_evaluation(
            uow, command=command(new_nip(), EVALUATOR), caller=caller, today=TODAY
        )
        assert evaluation.evaluator_nip == EVALUATOR


async def test_a_correction_is_audited_with_the_version_it_replaces():
    uow, mine, _ = await staffed()
    first = await record_evaluation(uow, command=command(mine), caller=supervisor(), today=TODAY)
    corrected = RecordEvaluation(
        **{**command(mine).__dict__, "hasil_kerja": Rating.DI_ATAS, "correction_reason": "typo"}
    )
    second = await record_evaluation(uow, command=corrected, caller=supervisor(), today=TODAY)
    record, correction = uow.audited
    assert record["operation"] == "evaluation.record" and record["before"] is None
    assert record["record_id"] == first.evaluation_id and record["after"]["evaluator_nip"] == BOSS
    assert correction["operation"] == "evaluation.correct"
    assert correction["record_id"] == second.evaluation_id
    assert correction["before"]["version"] == 1 and correction["before"]["hasil_kerja"] == "SESUAI"
    assert correction["after"]["version"] == 2 and correction["after"]["hasil_kerja"] == "DI_ATAS"


async def test_potentials_follow_the_same_scope_and_are_audited():
    uow, mine, theirs = await staffed()
    recorded, created = await record_potential(
        uow, nip=mine, year=2025, potential=Potential.HIGH, assessor_nip=None, notes=None,
        caller=supervisor(), today=TODAY,
    )  # fmt: skip
    assert created and recorded.assessor_nip == BOSS
    with pytest.raises(NotFound):
        await record_potential(
            uow, nip=theirs, year=2025, potential=Potential.HIGH, assessor_nip=None, notes=None,
            caller=supervisor(), today=TODAY,
        )  # fmt: skip
    with pytest.raises(Refused):
        await record_potential(
            uow, nip=BOSS, year=2025, potential=Potential.HIGH, assessor_nip=None, notes=None,
            caller=supervisor(), today=TODAY,
        )  # fmt: skip
    replaced, created = await record_potential(
        uow, nip=mine, year=2025, potential=Potential.LOW, assessor_nip=EVALUATOR, notes="panel",
        caller=hr("DISKOMINFO"), today=TODAY,
    )  # fmt: skip
    assert not created and replaced.assessor_nip == EVALUATOR
    first, second = uow.audited
    assert first["operation"] == second["operation"] == "potential.record"
    assert first["record_id"] == f"{mine}/2025" and first["before"] is None
    assert second["before"]["potential"] == "HIGH" and second["after"]["potential"] == "LOW"


# Units --------------------------------------------------------------------------------------


async def test_a_talent_box_is_for_hr_of_the_unit_and_a_supervisor_gets_their_reports_only():
    uow, mine, _ = await staffed()
    colleague = facts(unit_code="DISKOMINFO", supervisor_nip=OTHER_BOSS)
    await uow.employees.register(colleague)

    async def box(caller: Principal) -> set[str]:
        found = await unit_talent_box(
            uow, unit_code="DISKOMINFO", year=2025, visibility=Visibility.of(caller)
        )
        return {p.nip for p in found.placements}

    assert await box(ADMIN) == await box(hr("DISKOMINFO")) == {mine, colleague.nip}
    assert await box(supervisor()) == {mine}
    assert await box(supervisor("199001012020011001")) == set()
    with pytest.raises(NotFound):
        await box(hr("BKD"))
    with pytest.raises(NotFound):
        await box(employee(mine))
    assert uow.operations().count("talent_box.read") == 4


async def test_a_distribution_is_for_hr_of_the_unit_only():
    uow, _, _ = await staffed()
    curve = QuotaCurve(0.7, 0.7, True)

    async def total(caller: Principal) -> int:
        found = await unit_distribution(
            uow, unit_code="DISKOMINFO", period="2025", unit_result=Predikat.BAIK, curve=curve,
            visibility=Visibility.of(caller),
        )  # fmt: skip
        return found.total

    assert await total(ADMIN) == await total(hr("DISKOMINFO")) == 1
    for outsider in (hr("BKD"), supervisor()):
        with pytest.raises(NotFound):
            await total(outsider)


# Projection and sweeps ----------------------------------------------------------------------


async def test_the_superior_is_projected_from_registration_update_and_transfer():
    uow = FakeUnitOfWork(handled=handled_on(TODAY))
    nip = new_nip()
    await handlers.on_employee_registered(
        builders.employee_registered(nip, supervisor_nip=BOSS), uow
    )
    assert (await uow.employees.get(nip)).supervisor_nip == BOSS
    await handlers.on_employee_updated(
        builders.employee_updated(nip, changes={"supervisor_nip": OTHER_BOSS}), uow
    )
    assert (await uow.employees.get(nip)).supervisor_nip == OTHER_BOSS
    await handlers.on_employee_transferred(
        builders.employee_transferred(nip, to_unit_code="DINKES", supervisor_nip=BOSS), uow
    )
    moved = await uow.employees.get(nip)
    assert (moved.unit_code, moved.supervisor_nip) == ("DINKES", BOSS)
    await handlers.on_employee_updated(
        builders.employee_updated(nip, changes={"supervisor_nip": None}), uow
    )
    assert (await uow.employees.get(nip)).supervisor_nip is None


async def test_starting_a_sweep_is_audited():
    uow = FakeUnitOfWork()
    sweep_id = await start_sweep(uow, kp_period=KP)
    (row,) = uow.audited
    assert (row["operation"], row["record_type"], row["record_id"]) == (
        "sweep.start",
        "promotion_sweep",
        sweep_id,
    )
    assert row["after"]["kp_period"] == date(2026, 12, 1)
