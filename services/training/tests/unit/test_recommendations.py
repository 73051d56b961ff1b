"""Recommendation reads and the JP shortfall sweep on the fakes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jenjang_shared.contracts import TrainingRecommended
from jenjang_shared.contracts.vocabulary import EmploymentType
from jenjang_shared.errors import InvalidInput
from training.domain.recommending import Suggestion
from training.service import recommendations

from . import given
from .fakes import FakeUnitOfWork
from .given import EVERYONE, TODAY


async def test_an_employees_recommendations_are_paged_oldest_first() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    for key in ("A", "B", "C"):
        await uow.recommendations.add(
            employee.nip,
            Suggestion(rule="R", reason_key=key, reason="r", course_codes=()),
            published=True,
        )

    page, total = await recommendations.of_employee(
        uow, visibility=EVERYONE, caller_nip=None, nip=employee.nip, limit=2, offset=1
    )

    assert [r.reason_key for r in page] == ["B", "C"] and total == 3


async def test_the_sweep_recommends_the_smallest_course_that_closes_the_gap_once_a_year() -> None:
    uow = FakeUnitOfWork()
    await given.course(uow, "TWENTY", jp=20)
    await given.course(uow, "SIXTEEN", jp=16)
    await given.course(uow, "EIGHT", jp=8)
    short = await given.employee(uow)
    enough = await given.employee(uow)
    pppk = await given.employee(uow, employment_type=EmploymentType.PPPK)
    await given.earned(uow, short.nip, 5)
    await given.earned(uow, enough.nip, 20)

    result = await recommendations.sweep_jp_shortfall(
        uow, year=TODAY.year, as_of=date(TODAY.year, 12, 1), today=TODAY
    )

    assert (result.year, result.as_of) == (TODAY.year, date(TODAY.year, 12, 1))
    assert (result.checked, result.below_minimum, result.recommended) == (2, 1, 1)
    [sent] = uow.published
    assert isinstance(sent, TrainingRecommended)
    assert (sent.nip, sent.reason, sent.course_codes) == (
        short.nip,
        f"JP_SHORTFALL:{TODAY.year}",
        ["SIXTEEN"],
    )
    assert pppk.nip not in {r.nip for r in uow.recommendations.rows}

    again = await recommendations.sweep_jp_shortfall(uow, year=None, as_of=None, today=TODAY)
    assert (again.as_of, again.year, again.recommended) == (TODAY, TODAY.year, 0)
    assert len(uow.published) == 1


@pytest.mark.parametrize(
    ("year", "as_of", "message"),
    [
        (TODAY.year, date(TODAY.year, 9, 30), "outside"),
        (TODAY.year - 1, date(TODAY.year, 10, 1), "outside"),
        (TODAY.year, TODAY + timedelta(days=1), "in the future"),
        (TODAY.year + 1, date(TODAY.year + 1, 10, 1), "in the future"),
    ],
)
async def test_a_sweep_outside_the_last_quarter_or_ahead_of_today_is_422_and_recommends_nothing(
    year: int, as_of: date, message: str
) -> None:
    uow = FakeUnitOfWork()
    await given.course(uow, jp=20)
    await given.employee(uow)
    with pytest.raises(InvalidInput, match=message) as refused:
        await recommendations.sweep_jp_shortfall(uow, year=year, as_of=as_of, today=TODAY)
    assert refused.value.field == "as_of"
    assert uow.recommendations.rows == [] and uow.published == []
