"""Promotion sweeps on the fakes: the refusal, the batches, the progress, the failure."""

from __future__ import annotations

from datetime import date

import pytest

from evaluation.service.promotion import reevaluate_batch
from evaluation.service.sweeps import run_sweep, start_sweep, sweep_status
from jenjang_shared.contracts import PromotionRecommendationWithdrawn, PromotionRecommended
from jenjang_shared.contracts.vocabulary import Rating
from jenjang_shared.errors import InvalidInput, NotFound

from .fakes import FakeUnitOfWork
from .scenarios import KP, annual, eligible_employee, facts


async def test_a_sweep_for_a_date_that_is_no_kp_period_is_refused():
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput) as refused:
        await start_sweep(uow, kp_period=date(2027, 1, 2))
    assert refused.value.field == "kp_period" and "2027-02-01" in refused.value.detail
    assert uow.sweeps.rows == {}


async def test_a_sweep_starts_running_over_everyone_projected():
    uow = FakeUnitOfWork()
    for _ in range(3):
        await uow.employees.register(facts())
    sweep_id = await start_sweep(uow, kp_period=KP)
    sweep = await sweep_status(uow, sweep_id=sweep_id)
    assert (sweep.status, sweep.total, sweep.processed, sweep.kp_period) == ("RUNNING", 3, 0, KP)


async def test_the_status_of_an_unknown_sweep_is_not_found():
    with pytest.raises(NotFound):
        await sweep_status(FakeUnitOfWork(), sweep_id="nope")


async def test_a_sweep_goes_through_everyone_in_batches_recommending_and_withdrawing():
    uow = FakeUnitOfWork()
    eligible = [await eligible_employee(uow) for _ in range(3)]
    for _ in range(2):
        await uow.employees.register(facts())  # not rated: not eligible
    # One already recommended whose 2025 was corrected behind the engine's back.
    stale = await eligible_employee(uow)
    await reevaluate_batch(uow, employees=[stale], kp_period=KP)
    sweep_id = await start_sweep(uow, kp_period=KP)
    await uow.evaluations.add(annual(stale.nip, 2025, Rating.DI_BAWAH, Rating.SESUAI, version=2))
    uow.published.clear()

    await run_sweep(uow.factory(), sweep_id=sweep_id, kp_period=KP, batch_size=2)

    sweep = await sweep_status(uow, sweep_id=sweep_id)
    assert (sweep.status, sweep.processed, sweep.recommended) == ("COMPLETED", 6, 3)
    assert sweep.finished_at is not None and sweep.error is None
    assert uow.opened == 4  # three batches of two, then the empty one that ends the sweep
    recommended = {e.nip for e in uow.published if isinstance(e, PromotionRecommended)}
    assert recommended == {e.nip for e in eligible}
    (withdrawn,) = [e for e in uow.published if isinstance(e, PromotionRecommendationWithdrawn)]
    assert withdrawn.nip == stale.nip


async def test_a_failing_batch_ends_the_sweep_as_failed_with_the_error():
    uow = FakeUnitOfWork()
    await uow.employees.register(facts())
    sweep_id = await start_sweep(uow, kp_period=KP)

    async def broken(after_nip: str, limit: int) -> list:
        raise RuntimeError("database went away")

    uow.employees.batch_after = broken  # type: ignore[method-assign]
    await run_sweep(uow.factory(), sweep_id=sweep_id, kp_period=KP, batch_size=10)
    sweep = await sweep_status(uow, sweep_id=sweep_id)
    assert sweep.status == "FAILED" and sweep.error is not None
    assert "database went away" in sweep.error and sweep.processed == 0
