"""The transfer story: a mentor moves away; mentees get a new mentor, the allowance follows."""

from __future__ import annotations

import uuid
from datetime import date

from jenjang_testing.harness import wait_for

from .people import registration
from .promotion_story import ACTOR


async def test_a_transferred_mentor_hands_over_and_their_transport_allowance_follows(stack):
    personnel, mentoring, welfare = (
        stack.client("personnel"),
        stack.client("mentoring"),
        stack.client("welfare"),
    )
    family = f"SIPIL_{uuid.uuid4().hex[:4].upper()}"
    leaving = registration(name="Ir. Pindah", golongan="IV/a", golongan_tmt="2018-04-01",
                           position_kind="ADMINISTRATOR", education="S2", job_family=family,
                           unit_code="DPUPR", unit_name="Dinas PUPR", work_location="KOTA_BANDUNG",
                           birth_date=date(1971, 1, 1), tmt_cpns=date(1997, 3, 1))  # fmt: skip
    staying = registration(name="Ir. Tetap", golongan="IV/a", golongan_tmt="2019-04-01",
                           position_kind="ADMINISTRATOR", education="S2", job_family=family,
                           unit_code="DPUPR", unit_name="Dinas PUPR",
                           birth_date=date(1973, 1, 1), tmt_cpns=date(1999, 3, 1))  # fmt: skip
    mentee = registration(name="Staf Teknik", golongan="III/a", job_family=family,
                          unit_code="DPUPR", unit_name="Dinas PUPR", supervisor_nip=leaving["nip"])  # fmt: skip
    for person in (leaving, staying, mentee):
        assert (
            await personnel.post("/v1/employees", json=person, headers=ACTOR)
        ).status_code == 201
    for mentor in (leaving, staying):
        await wait_for(lambda m=mentor: mentoring.get(f"/v1/employees/{m['nip']}"),
                         until=lambda r: r.status_code == 200, what="mentoring to know the mentor")  # fmt: skip
        assert (
            await mentoring.post("/v1/mentors", json={"nip": mentor["nip"], "expertise": [family]})
        ).status_code == 201
    await wait_for(lambda: mentoring.get(f"/v1/employees/{mentee['nip']}"),
                     until=lambda r: r.status_code == 200, what="mentoring to know the mentee")  # fmt: skip
    started = await mentoring.post("/v1/mentorships", json={
        "mentor_nip": leaving["nip"], "mentee_nip": mentee["nip"], "program": "DEVELOPMENT",
        "goals": ["Mengelola proyek jalan secara efisien"]})  # fmt: skip
    assert started.status_code == 201, started.text

    transport_before = await wait_for(
        lambda: welfare.get(f"/v1/employees/{leaving['nip']}/entitlements", params={"as_of": "2026-12-01"}),
        until=lambda r: r.status_code == 200 and r.json()["entitlements"], what="welfare entitlements")  # fmt: skip
    moved = await personnel.post(f"/v1/employees/{leaving['nip']}/transfers", headers=ACTOR, json={
        "to_unit_code": "BPKAD", "to_unit_name": "BPKAD", "position_title": "Kepala Bidang Aset",
        "position_kind": "ADMINISTRATOR", "work_location": "KAB_GARUT", "effective_date": "2026-12-01",
        "reason": "Mutasi"})  # fmt: skip
    assert moved.status_code == 200, moved.text

    handed_over = await wait_for(
        lambda: mentoring.get(f"/v1/employees/{mentee['nip']}/mentorships"),
        until=lambda r: any(m["status"] == "ACTIVE" and m["mentor_nip"] == staying["nip"]
                            for m in r.json()["as_mentee"]),
        what="the mentee re-matched")  # fmt: skip
    old = next(m for m in handed_over.json()["as_mentee"] if m["mentor_nip"] == leaving["nip"])
    assert old["status"] == "CANCELLED"

    after = await wait_for(
        lambda: welfare.get(f"/v1/employees/{leaving['nip']}/entitlements", params={"as_of": "2026-12-01"}),
        until=lambda r: r.json()["employee"]["work_location"] == "KAB_GARUT", what="welfare following the transfer")  # fmt: skip
    amount = {e["allowance"]: e["amount_idr"] for e in after.json()["entitlements"]}
    amount_before = {
        e["allowance"]: e["amount_idr"] for e in transport_before.json()["entitlements"]
    }
    assert amount["TRANSPORT"] != amount_before["TRANSPORT"]
    day_before = await welfare.get(
        f"/v1/employees/{leaving['nip']}/entitlements", params={"as_of": "2026-11-30"}
    )
    assert {e["allowance"]: e["amount_idr"] for e in day_before.json()["entitlements"]}[
        "TRANSPORT"
    ] == amount_before["TRANSPORT"]
