"""Registration validation, changes, transfers, retirement and proposal decisions (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)
from jenjang_shared.errors import Conflict, InvalidInput
from personnel.domain.employee import (
    Employee,
    EmployeeStatus,
    Transfer,
    apply_changes,
    apply_transfer,
    retire,
    validate_employee,
)
from personnel.domain.proposals import Proposal, ProposalStatus, approve, reject

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)


def employee(**overrides: Any) -> Employee:
    base = Employee(
        nip="198609262015051001",
        name="Budi",
        gender=Gender.MALE,
        birth_date=date(1986, 9, 26),
        employment_type=EmploymentType.PNS,
        golongan="III/b",
        golongan_tmt=date(2019, 4, 1),
        tmt_cpns=date(2015, 5, 1),
        position_title="Analis",
        position_kind=PositionKind.PELAKSANA,
        functional_level=None,
        unit_code="BKD",
        unit_name="Badan Kepegawaian Daerah",
        job_family="KEPEGAWAIAN",
        education=Education.S1,
        work_location="KOTA_BANDUNG",
    )
    return replace(base, **overrides)


REGISTRATION = [
    ({}, None, None),
    ({"tmt_cpns": None}, None, None),
    ({"nip": "19860926 201505 1 001"}, None, None),
    ({"gender": Gender.FEMALE}, "nip", "gender digit"),
    ({"birth_date": date(1986, 9, 25)}, "nip", "birth_date"),
    ({"tmt_cpns": date(2015, 6, 1)}, "nip", "tmt_cpns"),
    ({"golongan": "III/d"}, None, None),
    ({"golongan": "IV/a"}, "golongan", "above the cap III/d"),
    ({"golongan": "XI"}, "golongan", "not valid for PNS"),
    ({"functional_level": FunctionalLevel.AHLI_MUDA}, "functional_level", "only for FUNGSIONAL"),
    (
        {"functional_level": FunctionalLevel.AHLI_MUDA, "position_kind": PositionKind.FUNGSIONAL},
        "functional_position",
        "needs its functional_position",
    ),
    (
        {
            "functional_level": FunctionalLevel.AHLI_PERTAMA,
            "position_kind": PositionKind.FUNGSIONAL,
            "functional_position": "ANALIS_KEBIJAKAN",
        },
        None,
        None,
    ),
    ({"golongan_tmt": date(2015, 4, 30)}, "golongan_tmt", "before the TMT CPNS"),
    ({"golongan_tmt": date(2015, 5, 1)}, None, None),
    ({"supervisor_nip": "198609262015051001"}, "supervisor_nip", "own supervisor"),
    (
        {"employment_type": EmploymentType.PPPK, "golongan": "IX", "tmt_cpns": None},
        None,
        None,
    ),
    ({"employment_type": EmploymentType.PPPK, "golongan": "IX"}, "tmt_cpns", "PPPK have no"),
    (
        {"employment_type": EmploymentType.PPPK, "golongan": "III/a", "tmt_cpns": None},
        "golongan",
        "not a PPPK golongan",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "reason"), REGISTRATION)
def test_a_registration_is_checked_field_by_field(
    overrides: dict[str, Any], field: str | None, reason: str | None
) -> None:
    candidate = employee(**overrides)
    if reason is None:
        checked = validate_employee(candidate, today=TODAY)
        assert checked.nip == "198609262015051001"
    else:
        with pytest.raises(InvalidInput, match=reason) as failure:
            validate_employee(candidate, today=TODAY)
        assert failure.value.field == field


def test_a_missing_tmt_cpns_is_taken_from_the_nip() -> None:
    assert validate_employee(employee(tmt_cpns=None), today=TODAY).tmt_cpns == date(2015, 5, 1)


def test_the_retirement_date_follows_the_position() -> None:
    assert employee().retirement_date == date(2044, 10, 1)
    utama = employee(
        position_kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_UTAMA
    )
    assert utama.retirement_age == 65
    assert utama.retirement_date == date(2051, 10, 1)


EFFECTIVE = date(2026, 1, 1)


def test_appointment_cpns_to_pns_is_a_change() -> None:
    cpns = employee(employment_type=EmploymentType.CPNS, golongan="III/a")
    updated, diffs = apply_changes(
        cpns, {"employment_type": EmploymentType.PNS}, effective_date=EFFECTIVE
    )
    assert updated.employment_type is EmploymentType.PNS
    assert [d.field for d in diffs] == ["employment_type"]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (EmploymentType.PNS, EmploymentType.CPNS),
        (EmploymentType.PNS, EmploymentType.PPPK),
        (EmploymentType.CPNS, EmploymentType.PPPK),
    ],
)
def test_other_employment_type_changes_are_refused(
    start: EmploymentType, target: EmploymentType
) -> None:
    with pytest.raises(InvalidInput, match="only the appointment") as failure:
        apply_changes(
            employee(employment_type=start), {"employment_type": target}, effective_date=EFFECTIVE
        )
    assert failure.value.field == "employment_type"


def test_a_new_golongan_without_tmt_takes_the_effective_date() -> None:
    updated, diffs = apply_changes(employee(), {"golongan": "III/c"}, effective_date=EFFECTIVE)
    assert (updated.golongan, updated.golongan_tmt) == ("III/c", EFFECTIVE)
    assert {d.field for d in diffs} == {"golongan", "golongan_tmt"}


def test_a_new_education_must_still_cover_the_golongan() -> None:
    with pytest.raises(InvalidInput, match="above the cap"):
        apply_changes(
            employee(golongan="III/d"), {"education": Education.D3}, effective_date=EFFECTIVE
        )
    updated, _ = apply_changes(employee(), {"education": Education.S2}, effective_date=EFFECTIVE)
    assert updated.education is Education.S2


def test_leaving_a_functional_position_clears_the_level() -> None:
    functional = employee(
        position_kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_MUDA
    )
    updated, diffs = apply_changes(
        functional, {"position_kind": PositionKind.PENGAWAS}, effective_date=EFFECTIVE
    )
    assert updated.functional_level is None
    assert {d.field for d in diffs} == {"position_kind", "functional_level"}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"nip": "198609262015051002"}, "cannot be changed"),
        ({"birth_date": date(1986, 9, 27)}, "cannot be changed"),
        ({"name": "Budi"}, "nothing to change"),
    ],
)
def test_identity_and_empty_changes_are_refused(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        apply_changes(employee(), changes, effective_date=EFFECTIVE)


RETIRED = employee(status=EmployeeStatus.RETIRED, retired_on=date(2026, 1, 1))
TRANSFER = Transfer(
    to_unit_code="DINKES",
    to_unit_name="Dinas Kesehatan",
    position_title="Analis SDM",
    position_kind=PositionKind.PELAKSANA,
    work_location="KAB_BANDUNG",
    effective_date=EFFECTIVE,
)


def test_a_retired_record_is_closed() -> None:
    with pytest.raises(Conflict, match="retired on 2026-01-01"):
        apply_changes(RETIRED, {"name": "X"}, effective_date=EFFECTIVE)
    with pytest.raises(Conflict, match="cannot transfer"):
        apply_transfer(RETIRED, TRANSFER)
    with pytest.raises(Conflict, match="cannot retire"):
        retire(RETIRED, retired_on=EFFECTIVE, reason="BUP")


def test_a_transfer_keeps_the_golongan_and_reports_what_moved() -> None:
    moved, diffs = apply_transfer(employee(), TRANSFER)
    assert (moved.unit_code, moved.golongan) == ("DINKES", "III/b")
    assert {d.field for d in diffs} == {"unit_code", "unit_name", "position_title", "work_location"}


def test_a_transfer_that_changes_nothing_is_refused() -> None:
    same = replace(
        TRANSFER, to_unit_code="BKD", to_unit_name="Badan Kepegawaian Daerah",
        position_title="Analis", work_location="KOTA_BANDUNG",
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="changes nothing"):
        apply_transfer(employee(), same)


def proposal(**overrides: Any) -> Proposal:
    base = Proposal(
        id="p1",
        recommendation_id="r1",
        nip="198609262015051001",
        kind="REGULER",
        from_golongan="III/b",
        to_golongan="III/c",
        kp_period=date(2026, 12, 1),
        rules_version="KP-2025-10",
        evidence={},
    )
    return replace(base, **overrides)


def test_approving_records_the_sk_and_who() -> None:
    done = approve(
        proposal(), employee(), sk_number="800/1", sk_date=TODAY, decided_by="hr", now=NOW
    )
    assert (done.status, done.sk_number, done.decided_by) == (
        ProposalStatus.APPROVED,
        "800/1",
        "hr",
    )


@pytest.mark.parametrize(
    ("the_proposal", "the_employee", "reason"),
    [
        (proposal(), employee(golongan="III/c"), "stale proposal: it promotes from III/b"),
        (proposal(), RETIRED, "retired on 2026-01-01"),
        (proposal(), None, "not registered"),
        (proposal(status=ProposalStatus.APPROVED), employee(), "already decided: APPROVED"),
        (proposal(status=ProposalStatus.REJECTED), employee(), "already decided: REJECTED"),
        (
            proposal(from_golongan="III/d", to_golongan="IV/a"),
            employee(golongan="III/d"),
            "above the cap",
        ),
        # BUP 58 reached in November 2026: retirement date 2026-12-01, the KP period itself.
        (proposal(), employee(birth_date=date(1968, 11, 10)), "reaches retirement age"),
    ],
)
def test_approval_is_refused_with_the_reason(
    the_proposal: Proposal, the_employee: Employee | None, reason: str
) -> None:
    with pytest.raises(Conflict, match=reason):
        approve(the_proposal, the_employee, sk_number="1", sk_date=TODAY, decided_by="hr", now=NOW)


def test_a_promotion_taking_effect_the_month_before_retirement_is_approved() -> None:
    # BUP 58 reached in December 2026: retirement date 2027-01-01, after the KP period.
    done = approve(proposal(), employee(birth_date=date(1968, 12, 10)), sk_number="1",
                   sk_date=TODAY, decided_by="hr", now=NOW)  # fmt: skip
    assert done.status is ProposalStatus.APPROVED


def test_a_proposal_is_rejected_once() -> None:
    done = reject(proposal(), reason="Disiplin", decided_by="hr", now=NOW)
    assert done.status is ProposalStatus.REJECTED
    with pytest.raises(Conflict, match="already decided"):
        reject(done, reason="again", decided_by="hr", now=NOW)
