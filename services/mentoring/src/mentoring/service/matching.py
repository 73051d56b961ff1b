"""Finding mentors: ranked candidates, assigning the best, and requests that wait for one."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import Conflict, DomainError
from mentoring.domain.matching import MatchResult, rank_candidates
from mentoring.domain.mentor import PendingStatus, UnmatchedRequest
from mentoring.domain.mentorship import Mentorship, Origin
from mentoring.domain.policy import MentoringPolicy
from mentoring.service.mentorships import StartMentorship, known_mentee, mentee_of, start_mentorship
from mentoring.service.ports import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    mentee_nip: str
    program: MentoringProgram
    result: MatchResult


async def find_mentors(
    store: Store,
    policy: MentoringPolicy,
    mentee_nip: str,
    program: MentoringProgram,
    *,
    exclude: frozenset[str] = frozenset(),
) -> Match:
    """Every candidate judged by the hard rules and ranked (LATSAR: eligible superior first)."""
    mentee = mentee_of(await known_mentee(store, mentee_nip))
    also = mentee.supervisor_nip if program == MentoringProgram.LATSAR else None
    candidates = await store.mentors.pool_candidates(
        also=also, default_capacity=policy.default_capacity
    )
    result = rank_candidates(
        mentee, candidates, program, cross_scheme=policy.cross_scheme_ranks, exclude=exclude
    )
    return Match(mentee_nip, program, result)


async def assign_best(
    store: Store,
    policy: MentoringPolicy,
    match: Match,
    *,
    goals: tuple[str, ...],
    origin: Origin,
    today: date,
    replaces_id: str | None = None,
    exclude: frozenset[str] = frozenset(),
) -> Mentorship:
    """Start the mentorship with the best candidate still eligible once locked; 409 saying why
    per rule when there is none."""
    current = await store.mentorships.active_for(match.mentee_nip, match.program)
    if current is not None:
        raise Conflict(
            f"{match.mentee_nip} already has an active {match.program.value} mentorship "
            f"({current.id})"
        )
    for ranked in match.result.ranked:
        cmd = StartMentorship(
            mentor_nip=ranked.candidate.nip,
            mentee_nip=match.mentee_nip,
            program=match.program,
            goals=goals,
            origin=origin,
            replaces_id=replaces_id,
            exclude=exclude,
        )
        try:
            return await start_mentorship(cmd, store, policy, today)
        except DomainError:
            continue  # changed since it was ranked (filled up, paused, retired...): the next one
    reason = match.result.why_none() if not match.result.ranked else "every candidate filled up"
    raise Conflict(f"no eligible mentor for {match.mentee_nip} ({match.program.value}): {reason}")


async def auto_assign(
    store: Store,
    policy: MentoringPolicy,
    mentee_nip: str,
    program: MentoringProgram,
    *,
    origin: Origin,
    today: date,
    replaces_id: str | None = None,
    exclude: frozenset[str] = frozenset(),
    goals: tuple[str, ...] = (),
) -> Mentorship | None:
    """What an event asks for: a mentorship with the best match, or else an unmatched request
    kept for later (never an error). None when nothing was started."""
    employee = await store.employees.get(mentee_nip)
    if employee is not None and employee.retired:
        return None
    if await store.mentorships.active_for(mentee_nip, program) is not None:
        return None
    reason, rejections = "", {}
    if employee is None or not employee.registered or employee.golongan is None:
        reason = f"employee {mentee_nip} is not known yet (waiting for their registration)"
    else:
        match = await find_mentors(store, policy, mentee_nip, program, exclude=exclude)
        try:
            return await assign_best(
                store,
                policy,
                match,
                goals=goals,
                origin=origin,
                today=today,
                replaces_id=replaces_id,
                exclude=exclude,
            )
        except Conflict as exc:
            reason, rejections = exc.detail, match.result.rejection_counts()
    await store.pending.add(
        UnmatchedRequest(
            id=str(uuid.uuid4()),
            mentee_nip=mentee_nip,
            program=program.value,
            origin=origin.value,
            reason=reason,
            rejections=rejections,
            source_event_id=store.event_id,
            excluded_nips=tuple(sorted(exclude)),
            replaces_id=replaces_id,
        )
    )
    log.info("no mentor for %s (%s): %s", mentee_nip, program.value, reason)
    return None


async def retry_pending(
    store: Store,
    policy: MentoringPolicy,
    today: date,
    *,
    mentee_nip: str | None = None,
    supervisor_nip: str | None = None,
) -> int:
    """Try the waiting requests again (a mentor joined, resumed or freed a slot; a mentee became
    known; a superior became eligible). Returns how many found a mentor."""
    found = 0
    for request in await store.pending.claim(
        limit=policy.pending_retry_batch, mentee_nip=mentee_nip, supervisor_nip=supervisor_nip
    ):
        employee = await store.employees.get(request.mentee_nip)
        if employee is None or not employee.registered or employee.golongan is None:
            continue
        program = MentoringProgram(request.program)
        existing = await store.mentorships.active_for(request.mentee_nip, program)
        if employee.retired or existing is not None:
            await store.pending.finish(
                request.id,
                status=PendingStatus.CLOSED,
                mentorship_id=existing.id if existing else None,
            )
            continue
        exclude = frozenset(request.excluded_nips)
        match = await find_mentors(store, policy, request.mentee_nip, program, exclude=exclude)
        try:
            mentorship = await assign_best(
                store,
                policy,
                match,
                goals=(),
                origin=Origin.PENDING_RESOLVED,
                today=today,
                replaces_id=request.replaces_id,
                exclude=exclude,
            )
        except Conflict as exc:
            await store.pending.note(
                request.id, reason=exc.detail, rejections=match.result.rejection_counts()
            )
            continue
        await store.pending.finish(
            request.id, status=PendingStatus.RESOLVED, mentorship_id=mentorship.id
        )
        found += 1
    return found
