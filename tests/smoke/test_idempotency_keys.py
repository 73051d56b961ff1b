"""A write retried with its Idempotency-Key is answered again, not done twice."""

from __future__ import annotations

import asyncio

from jenjang_testing.fixtures import auth_settings
from jenjang_testing.harness import running_service
from training.config import TrainingSettings
from training.main import create_app

COURSE = {"code": "IDEM-1", "title": "Etika ASN", "training_category": "TEKNIS",
          "training_method": "NONKLASIKAL", "jp": 8, "provider": "BPSDM", "job_families": []}  # fmt: skip


async def test_a_retried_write_gets_the_first_answer_and_changes_nothing_more(
    test_issuer, infra, new_database, new_topics
):
    settings = TrainingSettings(**auth_settings(test_issuer), database_url=await new_database(), topic_prefix=await new_topics(),
                                kafka_bootstrap_servers=infra.kafka_bootstrap)  # fmt: skip
    async with running_service(
        create_app, settings, headers=test_issuer.headers(test_issuer.admin())
    ) as svc:
        key = {"Idempotency-Key": "retry-me-1"}
        first = await svc.client.post("/v1/courses", json=COURSE, headers=key)
        again = await svc.client.post("/v1/courses", json=COURSE, headers=key)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert (await svc.client.get("/v1/courses")).json()["total"] == 1

        other = await svc.client.post("/v1/courses", json={**COURSE, "jp": 9}, headers=key)
        assert other.status_code == 422
        assert "different request" in other.json()["detail"]

        without_key = await svc.client.post("/v1/courses", json=COURSE)
        assert without_key.status_code == 409  # the natural key still guards plain retries

        racing = await asyncio.gather(*(
            svc.client.post("/v1/courses", json={**COURSE, "code": "IDEM-2"},
                            headers={"Idempotency-Key": "race"}) for _ in range(5)
        ))  # fmt: skip
        statuses = sorted(r.status_code for r in racing)
        assert statuses.count(201) >= 1 and set(statuses) <= {201, 409}
        assert (await svc.client.get("/v1/courses")).json()["total"] == 2
