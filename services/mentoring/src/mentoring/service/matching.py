"""Finding mentors: ranked candidates, assigning the best, and requests that wait for one."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import Conflict, DomainError
from mentoring.domain.matching import MatchResult, rank_candidates
from mentoring.domain.mentor import PendingStatus, UnmatchedRequest
from mentoring.domain.mentorship import Mentorship, Origin
from mentoring.service.access import NotYours
from mentoring.service.mentorships import known_mentee, mentee_of, start_mentorship
from mentoring.service.ports import EVERYONE, UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    """Every candidate mentor of one mentee and programme, judged and ranked."""

    mentee_nip: str
    program: MentoringProgram
    result: MatchResult


@dataclass(frozen=True)
class MatchOutcome:
    """What `match_mentors` found, and the mentorship it started (when asked to assign)."""

    match: Match
    started: Mentorship | None


async def find_mentors(
    uow: UnitOfWork,
    *,
    mentee_nip: str,
    program: MentoringProgram,
    exclude: frozenset[str] = frozenset(),
    visibility: Visibility = EVERYONE,
) -> Match:
    """Every candidate judged by the hard rules and ranked (LATSAR: eligible superior first).
    The mentee must be within `visibility` (404 otherwise); the pool is open to every unit."""
    policy = uow.policy
    mentee = mentee_of(await known_mentee(uow, mentee_nip, visibility=visibility))
    also = mentee.supervisor_nip if program == MentoringProgram.LATSAR else None
    candidates = await uow.mentors.pool_candidates(
        also=also, default_capacity=policy.default_capacity
    )
    result = rank_candidates(
        mentee, candidates, program, cross_scheme=policy.cross_scheme_ranks, exclude=exclude
    )
    return Match(mentee_nip, program, result)


async def match_mentors(
    uow: UnitOfWork,
    *,
    mentee_nip: str,
    program: MentoringProgram,
    assign: bool,
    goals: tuple[str, ...],
    today: date,
    visibility: Visibility = EVERYONE,
    decider_nip: str | None = None,
) -> MatchOutcome:
    """Rank the mentors for a mentee; with `assign`, start the mentorship with the best one
    (409 saying why, rule by rule, when nobody is eligible). The mentee must be within
    `visibility`; the decider assigns neither themselves a mentor nor themselves as mentor
    (four eyes: 403, or the next candidate)."""
    match = await find_mentors(uow, mentee_nip=mentee_nip, program=program, visibility=visibility)
    started = None
    if assign:
        if decider_nip is not None and decider_nip == mentee_nip:
            raise NotYours("you are the mentee: someone else must assign your mentor (four eyes)")
        started = await assign_best(
            uow, match, goals=goals, origin=Origin.MATCH, today=today, decider_nip=decider_nip
        )
    return MatchOutcome(match, started)


async def assign_best(
    uow: UnitOfWork,
    match: Match,
    *,
    goals: tuple[str, ...],
    origin: Origin,
    today: date,
    replaces_id: str | None = None,
    exclude: frozenset[str] = frozenset(),
    decider_nip: str | None = None,
) -> Mentorship:
    """Start the mentorship with the best candidate still eligible once locked; 409 saying why
    per rule when there is none. A candidate who is the decider is passed over (four eyes)."""
    current = await uow.mentorships.active_for(match.mentee_nip, match.program)
    if current is not None:
        raise Conflict(
            f"{match.mentee_nip} already has an active {match.program.value} mentorship "
            f"({current.id})"
        )
    for ranked in match.result.ranked:
        try:
            return await start_mentorship(
                uow,
                mentor_nip=ranked.candidate.nip,
                mentee_nip=match.mentee_nip,
                program=match.program,
                goals=goals,
                origin=origin,
                replaces_id=replaces_id,
                exclude=exclude,
                today=today,
                decider_nip=decider_nip,
            )
        except DomainError:
            continue  # changed since it was ranked (filled up, paused, retired...): the next one
    reason = match.result.why_none() if not match.result.ranked else "every candidate filled up"
    raise Conflict(f"no eligible mentor for {match.mentee_nip} ({match.program.value}): {reason}")


async def auto_assign(
    uow: UnitOfWork,
    *,
    mentee_nip: str,
    program: MentoringProgram,
    origin: Origin,
    today: date,
    replaces_id: str | None = None,
    exclude: frozenset[str] = frozenset(),
    goals: tuple[str, ...] = (),
) -> Mentorship | None:
    """What an event asks for: a mentorship with the best match, or else an unmatched request
    kept for later (never an error). None when nothing was started."""
    employee = await uow.employees.get(mentee_nip)
    if employee is not None and employee.retired:
        return None
    if await uow.mentorships.active_for(mentee_nip, program) is not None:
        return None
    reason, rejections = "", {}
    if employee is None or not employee.registered or employee.golongan is None:
        reason = f"employee {mentee_nip} is not known yet (waiting for their registration)"
    else:
        match = await find_mentors(uow, mentee_nip=mentee_nip, program=program, exclude=exclude)
        try:
            return await assign_best(
                uow,
                match,
                goals=goals,
                origin=origin,
                today=today,
                replaces_id=replaces_id,
                exclude=exclude,
            )
        except Conflict as exc:
            reason, rejections = exc.detail, match.result.rejection_counts()
    request_id = str(uuid.uuid4())
    new = await uow.pending.add(
        UnmatchedRequest(
            id=request_id,
            mentee_nip=mentee_nip,
            program=program.value,
            origin=origin.value,
            reason=reason,
            rejections=rejections,
            source_event_id=uow.handled.id if uow.handled else None,
            excluded_nips=tuple(sorted(exclude)),
            replaces_id=replaces_id,
        )
    )
    # Ids only: no NIP or name in the logs (the request itself says who and why).
    log.info(
        "no mentor yet (%s): %s, event %s",
        program.value,
        f"unmatched request {request_id}" if new else "the pending request updated",
        uow.handled.id if uow.handled else None,
    )
    return None


async def retry_pending(
    uow: UnitOfWork,
    *,
    today: date,
    mentee_nip: str | None = None,
    supervisor_nip: str | None = None,
) -> int:
    """Try the waiting requests again (a mentor joined, resumed or freed a slot; a mentee became
    known; a superior became eligible). Returns how many found a mentor."""
    found = 0
    for request in await uow.pending.claim(
        limit=uow.policy.pending_retry_batch, mentee_nip=mentee_nip, supervisor_nip=supervisor_nip
    ):
        employee = await uow.employees.get(request.mentee_nip)
        if employee is None or not employee.registered or employee.golongan is None:
            continue
        program = MentoringProgram(request.program)
        existing = await uow.mentorships.active_for(request.mentee_nip, program)
        if employee.retired or existing is not None:
            await uow.pending.finish(
                request.id,
                status=PendingStatus.CLOSED,
                mentorship_id=existing.id if existing else None,
            )
            continue
        exclude = frozenset(request.excluded_nips)
        match = await find_mentors(
            uow, mentee_nip=request.mentee_nip, program=program, exclude=exclude
        )
        try:
            mentorship = await assign_best(
                uow,
                match,
                goals=(),
                origin=Origin.PENDING_RESOLVED,
                today=today,
                replaces_id=request.replaces_id,
                exclude=exclude,
            )
        except Conflict as exc:
            await uow.pending.note(
                request.id, reason=exc.detail, rejections=match.result.rejection_counts()
            )
            continue
        await uow.pending.finish(
            request.id, status=PendingStatus.RESOLVED, mentorship_id=mentorship.id
        )
        found += 1
    return found
