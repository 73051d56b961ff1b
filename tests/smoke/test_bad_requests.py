"""Oversized and malformed bodies get a clear 4xx problem, never a 500, and change nothing."""

from __future__ import annotations

from jenjang_testing.fixtures import auth_settings
from jenjang_testing.harness import running_service
from personnel.config import PersonnelSettings
from personnel.main import create_app


async def test_oversized_and_malformed_bodies_are_refused_with_a_problem(
    test_issuer, infra, new_database, new_topics
):
    settings = PersonnelSettings(**auth_settings(test_issuer), database_url=await new_database(), topic_prefix=await new_topics(),
                                 kafka_bootstrap_servers=infra.kafka_bootstrap, max_request_bytes=10_000)  # fmt: skip
    async with running_service(
        create_app, settings, headers=test_issuer.headers(test_issuer.admin())
    ) as svc:
        huge = await svc.client.post("/v1/employees", content=b"{" + b" " * 20_000 + b"}",
                                     headers={"content-type": "application/json"})  # fmt: skip
        assert huge.status_code == 413
        assert huge.headers["content-type"] == "application/problem+json"
        assert "10000 bytes" in huge.json()["detail"]

        broken = await svc.client.post("/v1/employees", content=b"{not json",
                                       headers={"content-type": "application/json"})  # fmt: skip
        assert broken.status_code == 422
        assert broken.headers["content-type"] == "application/problem+json"

        missing = await svc.client.post("/v1/employees", json={"nip": "198609262015051001"})
        assert missing.status_code == 422
        fields = {e["field"] for e in missing.json()["errors"]}
        assert {"name", "gender", "birth_date", "golongan"} <= fields

        unknown = await svc.client.get("/v1/no-such-thing")
        assert unknown.status_code == 404
        assert unknown.headers["content-type"] == "application/problem+json"

        listed = await svc.client.get("/v1/employees")
        assert listed.json()["total"] == 0  # nothing was created
