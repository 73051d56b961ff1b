"""A keyed write is one transaction: its key, its effect and its answer (issue 19).

A route that starts a background job (a promotion sweep) inside a keyed request: the job's units
of work must wait for the request's commit and use their own connections, not the request's.
Counted exactly: one sweep row for two sends of one key, every employee processed, COMPLETED.
"""

from __future__ import annotations

from datetime import date

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_testing import builders
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import deliver, wait_for

EMPLOYEES = 20


async def test_a_job_started_by_a_keyed_request_runs_after_its_commit_once(
    start_service: StartService,
) -> None:
    async with start_service(create_app, EvaluationSettings, sweep_batch_size=3) as svc:
        for _ in range(EMPLOYEES):
            event = builders.employee_registered(
                builders.new_nip(), golongan="III/a", golongan_tmt=date(2022, 12, 1),
                position_kind="PELAKSANA", functional_level=None,
            )  # fmt: skip
            await deliver(svc.runtime, svc.app.state.handlers, event)
        key = {"Idempotency-Key": "sweep-once"}
        body = {"kp_period": "2027-04-01"}
        first = await svc.client.post("/v1/promotion-sweeps", json=body, headers=key)
        assert first.status_code == 202, first.text
        again = await svc.client.post("/v1/promotion-sweeps", json=body, headers=key)
        assert again.status_code == 202 and again.headers["idempotent-replayed"] == "true"
        assert again.json()["sweep_id"] == first.json()["sweep_id"]
        sweep_id = first.json()["sweep_id"]

        async def status() -> dict:
            return (await svc.client.get(f"/v1/promotion-sweeps/{sweep_id}")).json()

        done = await wait_for(status, until=lambda s: s["status"] != "RUNNING", what="sweep end")
        sweeps = await svc.runtime.pool.fetchval("SELECT count(*) FROM promotion_sweeps")
        print(
            f"\nkeyed sweep: sweeps={sweeps} status={done['status']} processed={done['processed']}"
        )
        assert done["status"] == "COMPLETED", done
        assert done["processed"] == done["total"] == EMPLOYEES
        assert sweeps == 1
