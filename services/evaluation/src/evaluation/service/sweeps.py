"""Promotion sweeps: re-evaluate everyone for one KP period, as a background job.

Employees are streamed in keyset-paginated batches (never all in memory); each batch is one
transaction holding its withdrawals (open recommendations that no longer hold), its
recommendations, their outbox rows and the sweep's progress.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import date

from evaluation.domain.kp_rules import is_kp_period, next_kp_period
from evaluation.service.ports import Repositories
from evaluation.service.promotion import reevaluate_batch
from jenjang_shared.db.types import Connection
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import InvalidInput

log = logging.getLogger(__name__)


async def start_sweep(kp_period: date, repos: Repositories) -> str:
    """Create the sweep record; the caller then runs `run_sweep` in the background."""
    if not is_kp_period(kp_period):
        raise InvalidInput(
            f"{kp_period} is not a KP period date (the next one is {next_kp_period(kp_period)})",
            field="kp_period",
        )
    sweep_id = str(uuid.uuid4())
    await repos.sweeps.create(sweep_id, kp_period, await repos.employees.count())
    return sweep_id


async def run_sweep(
    sweep_id: str,
    kp_period: date,
    *,
    unit_of_work: Callable[[], AbstractAsyncContextManager[UnitOfWork]],
    repositories: Callable[[Connection], Repositories],
    batch_size: int,
) -> None:
    """Process every employee in NIP order, one transaction per batch, recording progress."""
    last_nip = ""
    try:
        while True:
            async with unit_of_work() as uow:
                repos = repositories(uow.conn)
                batch = await repos.employees.batch_after(last_nip, batch_size)
                if not batch:
                    await repos.sweeps.finish(sweep_id, "COMPLETED", None)
                    return
                published = await reevaluate_batch(batch, kp_period, uow=uow, repos=repos)
                await repos.sweeps.progress(sweep_id, len(batch), published)
            last_nip = batch[-1].nip
    except Exception as exc:
        log.exception("sweep %s failed after NIP %r", sweep_id, last_nip)
        async with unit_of_work() as uow:
            await repositories(uow.conn).sweeps.finish(sweep_id, "FAILED", repr(exc)[:500])
