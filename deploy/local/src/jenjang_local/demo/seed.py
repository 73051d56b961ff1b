"""Seed the demo agency through the five public APIs (never the databases)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from datetime import date

from jenjang_local.demo.agency import COURSES, Person, build_agency, evaluated_years
from jenjang_local.demo.client import ADMIN, Api, As, agency_today, eventually

# Who evaluates a head of unit: the head of the next unit (in a real agency, the JPT).
Say = Callable[[str], None]


async def seed(api: Api, say: Say) -> list[Person]:
    today = agency_today()
    people = build_agency(today)

    say(f"Catalogue: {len(COURSES)} courses and sessions starting today…")
    sessions: dict[str, str] = {}
    for course in COURSES:
        await api.create("training", "/v1/courses", course)
        existing = await api.get("training", "/v1/sessions", course_code=course["code"], limit=500)
        today_sessions = [s for s in existing["items"] if s["starts_on"] == today.isoformat()]
        if today_sessions:
            sessions[str(course["code"])] = today_sessions[0]["id"]
        else:
            created = await api.create("training", "/v1/sessions", {
                "course_code": course["code"], "starts_on": today.isoformat(),
                "ends_on": today.isoformat(), "location": "BPSDM Jawa Barat, Cimahi",
                "capacity": 30})  # fmt: skip
            assert created is not None
            sessions[str(course["code"])] = created["id"]

    say(f"Personnel: registering {len(people)} employees in 5 units…")
    for person in people:  # by the HR officer of the person's unit
        await api.create("personnel", "/v1/employees", person.registration(), as_=hr_of(person))

    mentors = [p for p in people if p.position_kind in ("ADMINISTRATOR", "PENGAWAS")]
    trained = [p for p in people if p.position_kind in ("PELAKSANA", "FUNGSIONAL")
               and p.employment_type == "PNS"][::3]  # fmt: skip
    say("Waiting for the other services to learn of them from the events…")
    # NIPs are keys spread over the partitions, so registrations arrive in no global order: wait
    # for exactly the employees each next step needs, not for the last one registered.
    await _until_known(api, "mentoring", "/v1/employees/{nip}", mentors)
    await _until_known(api, "training", "/v1/employees/{nip}/jp", trained)
    await _until_known(api, "evaluation", "/v1/employees/{nip}/promotion-eligibility", people)

    say(f"Mentoring: {len(mentors)} senior staff join the mentor pool…")
    for person in mentors:
        await api.create("mentoring", "/v1/mentors",
                         {"nip": person.nip, "expertise": [person.unit.job_family], "capacity": 3},
                         as_=hr_of(person))  # fmt: skip

    heads = [p for p in people if p.position_kind == "ADMINISTRATOR"]
    say(f"Evaluation: two years of annual evaluations ({', '.join(evaluated_years(today))})…")
    for person in people:
        # The direct superior records as themself; a head of unit (no superior here) is rated by
        # the next unit's head, which BKD (an administrator) records naming that evaluator.
        if person.supervisor_nip:
            evaluator, who = person.supervisor_nip, As("supervisor", nip=person.supervisor_nip)
        else:
            evaluator, who = heads[(heads.index(person) + 1) % len(heads)].nip, ADMIN
        for year, (hasil, perilaku) in person.ratings.items():
            await api.create("evaluation", "/v1/evaluations", {
                "nip": person.nip, "evaluator_nip": evaluator, "period_type": "ANNUAL",
                "period": year, "hasil_kerja": hasil, "perilaku_kerja": perilaku,
                "notes": "SKP tahunan"}, as_=who)  # fmt: skip

    say("Training: the unit staff complete a technical course today…")
    courses_by_family = {f: c["code"] for c in COURSES for f in c["job_families"]}  # type: ignore[attr-defined]
    for n, person in enumerate(trained):
        code = str(courses_by_family[person.unit.job_family])
        await _complete(api, sessions[code], person, f"SERT/{today.year}/{code}/{n:04d}", today)
    return people


async def _until_known(api: Api, service: str, path: str, people: list[Person]) -> None:
    """Wait until `service` answers 200 for each of these employees (60 s for all of them)."""
    deadline = asyncio.get_running_loop().time() + 60
    for person in people:
        left = max(1.0, deadline - asyncio.get_running_loop().time())
        await eventually(functools.partial(api.status, service, path.format(nip=person.nip)),
                         lambda code: code == 200, timeout=left,
                         what=f"{service} to learn of {person.nip} (EmployeeRegistered)")  # fmt: skip


def hr_of(person: Person) -> As:
    """The HR officer of the person's unit."""
    return As("hr", units=(person.unit.code,))


async def _complete(
    api: Api, session_id: str, person: Person, certificate: str, today: date
) -> None:
    # The employee enrols themself; HR of the unit records the completion.
    me = As("employee", nip=person.nip)
    await api.create("training", f"/v1/sessions/{session_id}/enrollments", {"nip": person.nip},
                     as_=me)  # fmt: skip
    enrolments = await api.get("training", f"/v1/sessions/{session_id}/enrollments", limit=500,
                               as_=hr_of(person))  # fmt: skip
    mine = [e for e in enrolments["items"] if e["nip"] == person.nip and e["status"] == "CONFIRMED"]
    for enrolment in mine:
        await api.create("training", f"/v1/enrollments/{enrolment['id']}/completion", {
            "passed": True, "score": 86, "certificate_number": certificate,
            "completed_on": today.isoformat()}, as_=hr_of(person))  # fmt: skip
