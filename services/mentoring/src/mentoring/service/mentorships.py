"""Use cases on one mentorship: start it (capacity-safe), log a session, give feedback.

Ending a mentorship (completion with its JP credit, cancellation) is in `service.closing`.
"""

from __future__ import annotations

import uuid
from datetime import date

from jenjang_shared.contracts import MentoringSessionRecorded, MentorshipStarted
from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.employee import Employee
from mentoring.domain.matching import RULE_TEXT, Mentee, Rule, violations
from mentoring.domain.mentorship import Mentorship, MentorshipStatus, Origin
from mentoring.service.ports import UnitOfWork

# Broken rules that are a state of the moment (409) rather than a wrong request (422).
_CONFLICT_RULES = frozenset({Rule.AT_CAPACITY, Rule.PAUSED})


def mentee_of(employee: Employee) -> Mentee:
    if employee.golongan is None:
        raise InvalidInput(f"the rank of employee {employee.nip} is not known", field="mentee_nip")
    return Mentee(
        nip=employee.nip,
        golongan=employee.golongan,
        unit_code=employee.unit_code,
        job_family=employee.job_family,
        supervisor_nip=employee.supervisor_nip,
    )


async def known_mentee(uow: UnitOfWork, nip: str) -> Employee:
    """The mentee as this service knows them; 422 when unknown or retired."""
    employee = await uow.employees.get(nip)
    if employee is None or not employee.registered:
        raise InvalidInput(
            f"employee {nip} is not known to the mentoring service (no registration received)",
            field="mentee_nip",
        )
    if employee.retired:
        raise InvalidInput(f"employee {nip} is retired", field="mentee_nip")
    return employee


async def start_mentorship(
    uow: UnitOfWork,
    *,
    mentor_nip: str,
    mentee_nip: str,
    program: MentoringProgram,
    goals: tuple[str, ...] = (),
    origin: Origin = Origin.REQUEST,
    replaces_id: str | None = None,
    exclude: frozenset[str] = frozenset(),
    today: date,
) -> Mentorship:
    """Start a mentorship if every hard rule holds, and publish MentorshipStarted.

    The mentor's row is locked for the rest of the transaction before their load is counted, so
    parallel requests for one mentor take turns and the capacity is never exceeded (409 when
    full). The mentor must be in the pool, except a mentee's direct superior for LATSAR, who is an
    implicit mentor with the default capacity.
    """
    policy = uow.policy
    mentee = mentee_of(await known_mentee(uow, mentee_nip))
    candidate = await uow.mentors.candidate(
        mentor_nip, default_capacity=policy.default_capacity, lock=True
    )
    if candidate is None:
        raise InvalidInput(
            f"employee {mentor_nip} is not known to the mentoring service", field="mentor_nip"
        )
    implicit_ok = program == MentoringProgram.LATSAR and mentee.supervisor_nip == candidate.nip
    if not candidate.in_pool and not implicit_ok:
        raise InvalidInput(
            f"employee {mentor_nip} is not in the mentor pool (only a LATSAR mentee's direct "
            "superior may mentor without being in it)",
            field="mentor_nip",
        )
    broken = violations(candidate, mentee, cross_scheme=policy.cross_scheme_ranks, exclude=exclude)
    if broken:
        detail = f"{mentor_nip} cannot mentor {mentee_nip}: " + ", ".join(
            f"the mentor {RULE_TEXT[r]} ({r.value})" for r in broken
        )
        if all(r in _CONFLICT_RULES for r in broken):
            raise Conflict(detail)
        raise InvalidInput(detail, field="mentor_nip")
    current = await uow.mentorships.active_for(mentee_nip, program)
    if current is not None:
        raise Conflict(
            f"{mentee_nip} already has an active {program.value} mentorship ({current.id})"
        )
    mentorship = Mentorship(
        id=str(uuid.uuid4()),
        mentor_nip=mentor_nip,
        mentee_nip=mentee_nip,
        program=program.value,
        goals=goals,
        status=MentorshipStatus.ACTIVE,
        started_on=today,
        origin=origin,
        replaces_id=replaces_id,
    )
    await uow.mentorships.add(mentorship)
    await uow.publish(
        MentorshipStarted(
            mentorship_id=mentorship.id,
            mentor_nip=mentorship.mentor_nip,
            mentee_nip=mentorship.mentee_nip,
            program=program,
            started_on=today,
        )
    )
    return mentorship


async def locked(uow: UnitOfWork, mentorship_id: str) -> Mentorship:
    """The mentorship, locked until the transaction ends; 404 when there is none."""
    mentorship = await uow.mentorships.get(mentorship_id, lock=True)
    if mentorship is None:
        raise NotFound(f"no mentorship {mentorship_id}")
    return mentorship


async def record_session(
    uow: UnitOfWork,
    *,
    mentorship_id: str,
    held_on: date,
    duration_minutes: int,
    notes: str | None,
    today: date,
) -> str:
    """Log a session on an active mentorship; publish MentoringSessionRecorded. Returns its id."""
    mentorship = await locked(uow, mentorship_id)
    mentorship.check_session(held_on, today)
    session_id = await uow.mentorships.add_session(
        mentorship_id, held_on=held_on, duration_minutes=duration_minutes, notes=notes
    )
    await uow.publish(
        MentoringSessionRecorded(
            mentorship_id=mentorship.id,
            mentor_nip=mentorship.mentor_nip,
            mentee_nip=mentorship.mentee_nip,
            held_on=held_on,
            duration_minutes=duration_minutes,
        )
    )
    return session_id


async def give_feedback(
    uow: UnitOfWork, *, mentorship_id: str, from_role: str, rating: int, text: str | None
) -> None:
    """One rating (1-5) and text per side; an active or completed mentorship only."""
    mentorship = await locked(uow, mentorship_id)
    mentorship.check_feedback()
    await uow.mentorships.add_feedback(mentorship_id, from_role=from_role, rating=rating, text=text)
