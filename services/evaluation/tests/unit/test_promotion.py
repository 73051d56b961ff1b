"""The promotion use cases the routes call: explain eligibility, list recommendations."""

from __future__ import annotations

from datetime import date

import pytest

from evaluation.service.promotion import explain_eligibility, recommendations_of, reevaluate
from jenjang_shared.contracts import PromotionRecommended
from jenjang_shared.errors import NotFound
from jenjang_testing.builders import new_nip

from .fakes import FakeUnitOfWork
from .scenarios import EVERYONE, KP, TODAY, eligible_employee


async def test_eligibility_is_explained_at_the_first_kp_period_on_or_after_as_of():
    uow = FakeUnitOfWork()
    employee = await eligible_employee(uow, golongan_tmt=date(2022, 12, 2))
    result = await explain_eligibility(
        uow, nip=employee.nip, as_of=TODAY, visibility=EVERYONE, reader_nip=None
    )
    assert result.kp_period == KP and not result.eligible
    rank = next(c for c in result.criteria if c.name == "years_in_rank")
    assert not rank.met and rank.next_possible_kp == date(2027, 1, 1)
    later = await explain_eligibility(
        uow, nip=employee.nip, as_of=date(2026, 12, 2), visibility=EVERYONE, reader_nip=None
    )
    assert later.kp_period == date(2027, 1, 1)  # looks at 2025 and 2026: 2026 not rated


async def test_eligibility_of_an_employee_not_projected_is_not_found():
    with pytest.raises(NotFound):
        await explain_eligibility(
            FakeUnitOfWork(), nip=new_nip(), as_of=TODAY, visibility=EVERYONE, reader_nip=None
        )


async def test_recommendations_are_listed_newest_first_with_their_status():
    uow = FakeUnitOfWork()
    employee = await eligible_employee(uow)
    assert (
        await recommendations_of(uow, nip=employee.nip, visibility=EVERYONE, reader_nip=None) == []
    )
    assert await reevaluate(uow, nip=employee.nip, today=TODAY) == 1
    await uow.recommendations.close_open(employee.nip, "PROMOTED", "promoted to III/b")
    assert await reevaluate(uow, nip=employee.nip, today=TODAY) == 1  # the target is free again
    first, second = [e for e in uow.published if isinstance(e, PromotionRecommended)]
    listed = await recommendations_of(uow, nip=employee.nip, visibility=EVERYONE, reader_nip=None)
    assert [(r.recommendation_id, r.status) for r in listed] == [
        (second.recommendation_id, "OPEN"),
        (first.recommendation_id, "PROMOTED"),
    ]


async def test_re_evaluating_twice_recommends_once_and_an_unknown_employee_not_at_all():
    uow = FakeUnitOfWork()
    employee = await eligible_employee(uow)
    assert await reevaluate(uow, nip=employee.nip, today=TODAY) == 1
    assert await reevaluate(uow, nip=employee.nip, today=TODAY) == 0
    assert await reevaluate(uow, nip=new_nip(), today=TODAY) == 0
    assert len(uow.published) == 1
