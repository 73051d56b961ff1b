"""A PPPK's 24 JP per contract year and the high-leadership exemption, table-driven on both sides
of every edge, each row naming its source (docs/domain.md, "Training hours (JP)")."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts.vocabulary import EmploymentType, PositionKind
from jenjang_shared.errors import Conflict
from training.domain import enrolment
from training.domain.jp import contract_year, jp_rules_on, pppk_window
from training.domain.model import Employee
from training.service.enrolment import enroll
from training.service.ports import UNRESTRICTED, EmployeeFacts

from . import given
from .fakes import FakeUnitOfWork

PPPK = Employee(
    nip="199001012024031001",
    employment_type=EmploymentType.PPPK,
    contract_start=date(2024, 3, 1),
    position_kind=PositionKind.PELAKSANA,
)
SOURCE = "PP 49/2018 art. 40: 24 JP per contract year, counted from the contract's start"


@pytest.mark.parametrize(
    ("start", "day", "first", "last", "source"),
    [
        (date(2024, 3, 1), date(2024, 3, 1), date(2024, 3, 1), date(2025, 2, 28), "its first day"),
        (date(2024, 3, 1), date(2025, 2, 28), date(2024, 3, 1), date(2025, 2, 28), "its last day"),
        (date(2024, 3, 1), date(2025, 3, 1), date(2025, 3, 1), date(2026, 2, 28), "the next year"),
        (date(2024, 3, 1), date(2026, 12, 31), date(2026, 3, 1), date(2027, 2, 28), "year 3"),
        (date(2024, 2, 29), date(2025, 2, 28), date(2024, 2, 29), date(2025, 2, 28),
         "29 Feb: the year turns on 1 March in a common year"),
        (date(2024, 2, 29), date(2025, 3, 1), date(2025, 3, 1), date(2026, 2, 28), "then 1 March"),
        (date(2024, 3, 1), date(2024, 1, 15), date(2024, 3, 1), date(2025, 2, 28),
         "a day before the start belongs to the first year"),
    ],
)  # fmt: skip
def test_the_contract_year_runs_from_each_anniversary(
    start: date, day: date, first: date, last: date, source: str
) -> None:
    assert contract_year(start, day) == (first, last)


@pytest.mark.parametrize(
    ("employee", "capped", "source"),
    [
        (PPPK, True, SOURCE),
        (Employee(nip="1" * 18, employment_type=EmploymentType.PPPK, position_kind=PositionKind.JPT,
                  contract_start=date(2024, 3, 1)), False,
         "PP 49/2018 art. 40: PPPK in a high-leadership post (JPT) are exempt"),
        (Employee(nip="1" * 18, employment_type=EmploymentType.PNS), False,
         "PP 11/2017 art. 203: a PNS has a minimum, no cap"),
    ],
)  # fmt: skip
def test_who_is_capped(employee: Employee, capped: bool, source: str) -> None:
    assert (pppk_window(employee, date(2026, 5, 1)) is not None) is capped


def test_without_a_contract_start_the_calendar_year_is_counted() -> None:
    legacy = Employee(nip="1" * 18, employment_type=EmploymentType.PPPK)
    window = pppk_window(legacy, date(2026, 5, 1))
    assert window is not None
    assert (window.first, window.last, window.by_contract) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        False,
    )


def test_the_rules_are_dated_and_name_their_version() -> None:
    rules = jp_rules_on(date(2026, 1, 1))
    assert (rules.version, rules.pns_min_jp, rules.pppk_max_jp) == ("JP-2018", 20, 24)
    window = pppk_window(PPPK, date(2026, 5, 1))
    assert window is not None and window.rule_version == "JP-2018"
    with pytest.raises(Conflict, match="contract year \\(JP-2018\\)"):
        enrolment.check_pppk_allowance(window, window_jp=20, course_jp=5)


@pytest.mark.parametrize(
    ("second_session", "allowed", "source"),
    [
        (
            date(2025, 2, 28),
            False,
            "the contract year's last day: 24 + 1 > 24 (a calendar count: 1)",
        ),
        (date(2025, 3, 1), True, "the next contract year's first day: it counts afresh"),
        (date(2024, 12, 2), False, "the same contract year (and calendar year)"),
    ],
)
async def test_enrolment_counts_the_contract_year_of_the_session(
    second_session: date, allowed: bool, source: str
) -> None:
    uow = FakeUnitOfWork()
    await uow.employees.upsert(
        PPPK.nip,
        EmployeeFacts(
            employment_type=EmploymentType.PPPK,
            contract_start=PPPK.contract_start,
            position_kind=PositionKind.PELAKSANA,
            registered=True,
        ),
    )
    today = date(2024, 6, 1)
    first = await given.session(uow, (await given.course(uow, jp=24)).code, starts_on=today)
    await enroll(uow, session_id=first.id, nip=PPPK.nip, visibility=UNRESTRICTED, today=today)
    held = await given.session(uow, (await given.course(uow, jp=1)).code, starts_on=second_session)
    if allowed:
        await enroll(uow, session_id=held.id, nip=PPPK.nip, visibility=UNRESTRICTED, today=today)
    else:
        with pytest.raises(Conflict, match="contract year"):
            await enroll(
                uow, session_id=held.id, nip=PPPK.nip, visibility=UNRESTRICTED, today=today
            )


async def test_a_pppk_in_a_high_leadership_post_enrols_past_24_jp() -> None:
    uow = FakeUnitOfWork()
    await uow.employees.upsert(
        PPPK.nip,
        EmployeeFacts(
            employment_type=EmploymentType.PPPK,
            contract_start=PPPK.contract_start,
            position_kind=PositionKind.JPT,
            registered=True,
        ),
    )
    today = date(2024, 6, 1)
    for jp in (24, 24):
        held = await given.session(uow, (await given.course(uow, jp=jp)).code, starts_on=today)
        await enroll(uow, session_id=held.id, nip=PPPK.nip, visibility=UNRESTRICTED, today=today)
