"""Use cases on one mentorship: start it (capacity-safe), log a session, give feedback.

Ending a mentorship (completion with its JP credit, cancellation) is in `service.closing`.

Scope: the mentee must be within the caller's `visibility` to start a mentorship (HR of the
mentee's unit, admin; 404 otherwise), and a mentorship is reached when either party is visible.
Sessions are logged by the mentor (a supervisor leading it) and feedback given by either party,
each for their own side; admin and internal apps may act for either. Every write is audited.
"""

from __future__ import annotations

import uuid
from datetime import date

from jenjang_shared.access import Principal, Visibility
from jenjang_shared.contracts import MentoringSessionRecorded, MentorshipStarted
from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.employee import Employee
from mentoring.domain.matching import RULE_TEXT, Mentee, Rule, violations
from mentoring.domain.mentorship import FeedbackFrom, Mentorship, MentorshipStatus, Origin
from mentoring.service.access import NotYours, acts_for_anyone, not_own, side_of
from mentoring.service.ports import EVERYONE, UnitOfWork

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


async def known_mentee(uow: UnitOfWork, nip: str, *, visibility: Visibility = EVERYONE) -> Employee:
    """The mentee as this service knows them; 422 when unknown or retired, 404 when outside a
    restricted `visibility` (unknown or not, so that existence does not leak)."""
    employee = await uow.employees.get(nip, visibility=visibility)
    if employee is None and not visibility.everyone:
        raise NotFound(f"employee {nip} is not known to the mentoring service")
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
    visibility: Visibility = EVERYONE,
    decider_nip: str | None = None,
) -> Mentorship:
    """Start a mentorship if every hard rule holds, and publish MentorshipStarted.

    The mentee must be within `visibility` (the mentor need not: the pool is open to every
    unit); the decider (`decider_nip`, the caller) is neither party (four eyes: 403).

    The mentor's row is locked for the rest of the transaction before their load is counted, so
    parallel requests for one mentor take turns and the capacity is never exceeded (409 when
    full). The mentor must be in the pool, except a mentee's direct superior for LATSAR, who is an
    implicit mentor with the default capacity.
    """
    policy = uow.policy
    mentee = mentee_of(await known_mentee(uow, mentee_nip, visibility=visibility))
    not_own(decider_nip, mentor_nip=mentor_nip, mentee_nip=mentee_nip, what="start it")
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
    broken = violations(
        candidate,
        mentee,
        cross_scheme=policy.cross_scheme_ranks,
        exclude=exclude,
        latsar=program == MentoringProgram.LATSAR,
    )
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
    await uow.audit(
        operation="mentorship.start",
        record_type="mentorship",
        record_id=mentorship.id,
        after={
            "mentor_nip": mentor_nip,
            "mentee_nip": mentee_nip,
            "program": program.value,
            "status": mentorship.status.value,
            "origin": origin.value,
            "started_on": today,
        },
    )
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


async def locked(
    uow: UnitOfWork, mentorship_id: str, *, visibility: Visibility = EVERYONE
) -> Mentorship:
    """The mentorship, locked until the transaction ends; 404 when there is none (or neither
    party is within `visibility`)."""
    mentorship = await uow.mentorships.get(mentorship_id, lock=True, visibility=visibility)
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
    caller: Principal,
) -> str:
    """Log a session on an active mentorship; publish MentoringSessionRecorded. Returns its id.

    The mentor logs the sessions they lead (403 for anyone else who can see the mentorship);
    admin and internal apps may log for any mentorship."""
    mentorship = await locked(uow, mentorship_id, visibility=Visibility.of(caller))
    if not acts_for_anyone(caller) and mentorship.mentor_nip != caller.nip:
        raise NotYours("only the mentor logs the sessions of a mentorship")
    mentorship.check_session(held_on, today)
    session_id = await uow.mentorships.add_session(
        mentorship_id, held_on=held_on, duration_minutes=duration_minutes, notes=notes
    )
    await uow.audit(
        operation="session.record",
        record_type="mentorship",
        record_id=mentorship.id,
        after={"session_id": session_id, "held_on": held_on, "duration_minutes": duration_minutes},
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
    uow: UnitOfWork,
    *,
    mentorship_id: str,
    from_role: FeedbackFrom | None,
    rating: int,
    text: str | None,
    caller: Principal,
) -> FeedbackFrom:
    """One rating (1-5) and text per side; an active or completed mentorship only. Returns the
    side it was recorded for.

    A party gives it for their own side (`from_role` may be left out; naming the other side is
    a 403); admin and internal apps name the side (422 without one) unless they are a party."""
    mentorship = await locked(uow, mentorship_id, visibility=Visibility.of(caller))
    own = side_of(mentorship, caller.nip)
    if own is not None and (from_role is None or not acts_for_anyone(caller)):
        if from_role is not None and from_role != own:
            raise NotYours(f"you are the {own.value.lower()}: you give feedback as {own.value}")
        from_role = own
    elif not acts_for_anyone(caller):
        raise NotYours("only the mentor and the mentee give feedback on a mentorship")
    elif from_role is None:
        raise InvalidInput("say who gives the feedback: MENTOR or MENTEE", field="from")
    mentorship.check_feedback()
    await uow.mentorships.add_feedback(
        mentorship_id, from_role=from_role.value, rating=rating, text=text
    )
    await uow.audit(
        operation="feedback.give",
        record_type="mentorship",
        record_id=mentorship.id,
        after={"from_role": from_role.value, "rating": rating},
    )
    return from_role
