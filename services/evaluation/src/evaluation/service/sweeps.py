"""Promotion sweeps: re-evaluate everyone for one KP period, as a background job.

Employees are streamed in keyset-paginated batches (never all in memory); each batch is one
unit of work holding its withdrawals (open recommendations that no longer hold), its
recommendations, their events and the sweep's progress.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date

from evaluation.domain.kp_rules import is_kp_period, next_kp_period
from evaluation.service.ports import Sweep, UnitOfWork, UnitOfWorkFactory
from evaluation.service.promotion import reevaluate_batch
from jenjang_shared.errors import InvalidInput, NotFound

log = logging.getLogger(__name__)


async def start_sweep(uow: UnitOfWork, *, kp_period: date) -> str:
    """Record a RUNNING sweep of everyone projected now; the caller then runs `run_sweep` in
    the background."""
    if not is_kp_period(kp_period):
        raise InvalidInput(
            f"{kp_period} is not a KP period date (the next one is {next_kp_period(kp_period)})",
            field="kp_period",
        )
    sweep_id = str(uuid.uuid4())
    total = await uow.employees.count()
    await uow.sweeps.create(sweep_id, kp_period, total)
    await uow.audit(
        operation="sweep.start",
        record_type="promotion_sweep",
        record_id=sweep_id,
        after={"kp_period": kp_period, "total": total, "status": "RUNNING"},
    )
    return sweep_id


async def sweep_status(uow: UnitOfWork, *, sweep_id: str) -> Sweep:
    sweep = await uow.sweeps.get(sweep_id)
    if sweep is None:
        raise NotFound(f"no promotion sweep {sweep_id}")
    return sweep


async def run_sweep(
    new_uow: UnitOfWorkFactory, *, sweep_id: str, kp_period: date, batch_size: int
) -> None:
    """Process every employee in NIP order, one unit of work per batch, recording progress;
    a failure ends the sweep as FAILED (the batches before it stay done)."""
    last_nip = ""
    batches = 0
    try:
        while True:
            async with new_uow() as uow:
                batch = await uow.employees.batch_after(last_nip, batch_size)
                if not batch:
                    await uow.sweeps.finish(sweep_id, "COMPLETED", None)
                    return
                published = await reevaluate_batch(uow, employees=batch, kp_period=kp_period)
                await uow.sweeps.progress(sweep_id, len(batch), published)
            last_nip = batch[-1].nip
            batches += 1
    except Exception as exc:
        log.exception("sweep %s failed after %d batches", sweep_id, batches)
        async with new_uow() as uow:
            await uow.sweeps.finish(sweep_id, "FAILED", repr(exc)[:500])
