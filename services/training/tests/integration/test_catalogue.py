"""The catalogue and sessions: what is accepted, and bad input that gets a clear 4xx and changes
nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from jenjang_testing.harness import ServiceHarness

from .support import TODAY, course_body, make_course, new_code, session_body, table_count


async def test_a_course_is_catalogued_and_found_by_category_and_job_family(
    svc: ServiceHarness,
) -> None:
    family = f"FAM_{new_code('X').replace('-', '_')}"
    teknis = await make_course(svc, job_families=[family], mandatory=True)
    await make_course(svc, job_families=[family], training_category="SEMINAR")
    await make_course(svc, job_families=["UMUM"])

    found = (await svc.client.get("/v1/courses", params={"job_family": family})).json()
    assert found["total"] == 2
    both = (
        await svc.client.get("/v1/courses", params={"job_family": family, "category": "TEKNIS"})
    ).json()
    assert [c["code"] for c in both["items"]] == [teknis["code"]]
    assert both["items"][0]["mandatory"] is True
    one = (await svc.client.get(f"/v1/courses/{teknis['code']}")).json()
    assert one == teknis


async def test_a_duplicate_course_code_is_409(svc: ServiceHarness) -> None:
    course = await make_course(svc)
    response = await svc.client.post("/v1/courses", json=course_body(course["code"], title="Other"))
    assert response.status_code == 409 and course["code"] in response.json()["detail"]
    assert (await svc.client.get(f"/v1/courses/{course['code']}")).json()["title"] == course[
        "title"
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"jp": -4}, "jp"),
        ({"jp": 0}, "jp"),
        ({"prerequisites": ["NO-SUCH-COURSE"]}, "prerequisites"),
        ({"training_category": "COOKING"}, "training_category"),
        ({"training_method": "ONLINE"}, "training_method"),
        ({"code": "lower case"}, "code"),
        ({"title": ""}, "title"),
        ({"job_families": ["kesehatan"]}, "job_families.0"),
    ],
)
async def test_a_bad_course_is_422_naming_the_field_and_adds_nothing(
    svc: ServiceHarness, overrides: dict[str, Any], field: str
) -> None:
    before = await table_count(svc, "courses")
    response = await svc.client.post("/v1/courses", json=course_body(**overrides))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in [e["field"] for e in response.json()["errors"]]
    assert await table_count(svc, "courses") == before


async def test_a_course_missing_required_fields_lists_every_field(svc: ServiceHarness) -> None:
    response = await svc.client.post("/v1/courses", json={"code": new_code()})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"title", "training_category", "training_method", "jp", "provider"} <= fields


async def test_a_session_is_offered_online_or_at_a_place_and_listed_by_course(
    svc: ServiceHarness,
) -> None:
    course = await make_course(svc)
    online = session_body(course["code"], online=True, location=None, capacity=100)
    created = await svc.client.post("/v1/sessions", json=online)
    assert created.status_code == 201, created.text
    assert created.json()["places_left"] == 100
    listed = (await svc.client.get("/v1/sessions", params={"course_code": course["code"]})).json()
    assert [s["id"] for s in listed["items"]] == [created.json()["id"]]


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"course_code": "NO-SUCH-COURSE"}, 422, "course_code"),
        ({"starts_on": str(TODAY - timedelta(days=1))}, 422, "starts_on"),
        ({"ends_on": str(TODAY - timedelta(days=1))}, 422, "ends_on"),
        ({"capacity": 0}, 422, "capacity"),
        ({"capacity": -3}, 422, "capacity"),
        ({"location": None, "online": False}, 422, "location"),
        ({"starts_on": "not a date"}, 422, "starts_on"),
    ],
)
async def test_a_bad_session_is_refused_clearly_and_adds_nothing(
    svc: ServiceHarness, overrides: dict[str, Any], status: int, field: str
) -> None:
    course = await make_course(svc)
    before = await table_count(svc, "sessions")
    response = await svc.client.post(
        "/v1/sessions", json={**session_body(course["code"]), **overrides}
    )
    assert response.status_code == status, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert await table_count(svc, "sessions") == before


@pytest.mark.parametrize(
    "path",
    [
        "/v1/employees/12345/jp",
        "/v1/employees/19860926201505100X/jp",
        "/v1/employees/1986092620150510011/recommendations",
    ],
)
async def test_a_malformed_nip_is_422(svc: ServiceHarness, path: str) -> None:
    response = await svc.client.get(path)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "nip"


async def test_a_malformed_nip_in_an_enrolment_is_422_and_adds_nothing(svc: ServiceHarness) -> None:
    course = await make_course(svc)
    session = (await svc.client.post("/v1/sessions", json=session_body(course["code"]))).json()
    before = await table_count(svc, "enrollments")
    response = await svc.client.post(
        f"/v1/sessions/{session['id']}/enrollments", json={"nip": "1986-09-26"}
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "nip"
    assert await table_count(svc, "enrollments") == before


async def test_unknown_ids_are_404_and_bad_ids_422(svc: ServiceHarness) -> None:
    unknown = "00000000-0000-0000-0000-000000000000"
    assert (await svc.client.get(f"/v1/sessions/{unknown}")).status_code == 404
    assert (await svc.client.get(f"/v1/enrollments/{unknown}")).status_code == 404
    assert (await svc.client.delete(f"/v1/enrollments/{unknown}")).status_code == 404
    assert (await svc.client.get("/v1/courses/NOPE")).status_code == 404
    assert (await svc.client.get("/v1/sessions/not-a-uuid")).status_code == 422
    assert (await svc.client.get("/v1/employees/198609262015051001/jp")).status_code == 404
