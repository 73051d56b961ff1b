"""Routes of mentorships: matching, starting, sessions, feedback, completion, cancellation."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter

from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import NotFound
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from mentoring.adapters import queries
from mentoring.adapters.store import postgres_store
from mentoring.domain.mentorship import MentorshipStatus, Origin
from mentoring.entrypoints.deps import mentorship_public, policy_of
from mentoring.entrypoints.schemas import (
    CancelCreate,
    CandidatePublic,
    CompletionCreate,
    FeedbackCreate,
    FeedbackPublic,
    MatchPublic,
    MatchRequest,
    MentorshipCreate,
    MentorshipDetail,
    MentorshipPublic,
    ReasonPublic,
    RejectedPublic,
    SessionCreate,
    SessionPublic,
)
from mentoring.service import closing, mentorships
from mentoring.service.matching import assign_best, find_mentors

router = APIRouter(prefix="/v1/mentorships", tags=["mentorships"])
MAX_REJECTED_SHOWN = 200  # rejection_counts always covers the whole pool


@router.post("/match", summary="Rank mentors for a mentee (and assign the best)")
async def match(body: MatchRequest, runtime: Runtime) -> MatchPublic:
    """Candidates best first with their score and reasons; the rejected with the rules they
    break. With `assign: true` the mentorship starts with the best candidate (409 saying why,
    rule by rule, when nobody is eligible).

    Hard rules: the mentor is a PNS, not retired, not paused, not the mentee, has a free slot,
    and outranks the mentee. Ranks compare within a scheme: PNS/CPNS golongan I/a..IV/e among
    themselves; PPPK golongan I..XVII are not comparable with them, so a PPPK mentee has no
    eligible mentor unless the agency sets MENTORING_CROSS_SCHEME_RANKS=true (step for step:
    V~II/a, IX~III/a...). For LATSAR the mentee's direct superior comes first when eligible; a
    superior who is a PNS but not in the pool counts as an implicit mentor with the default
    capacity. Score = same job family 30 + expertise 20 + same unit 15 + rank gap up to 15
    (best at 3 steps) + free capacity up to 10 + mentees' average feedback -10..+10."""
    policy = policy_of(runtime)
    async with runtime.unit_of_work() as uow:
        store = postgres_store(uow)
        found = await find_mentors(store, policy, body.mentee_nip, body.program)
        started = None
        if body.assign:
            started = await assign_best(
                store,
                policy,
                found,
                goals=tuple(body.goals),
                origin=Origin.MATCH,
                today=date.today(),
            )
    result = found.result
    return MatchPublic(
        mentee_nip=body.mentee_nip,
        program=body.program,
        candidates=[
            CandidatePublic(
                mentor_nip=r.candidate.nip,
                name=r.candidate.name,
                golongan=r.candidate.golongan,
                unit_code=r.candidate.unit_code,
                job_family=r.candidate.job_family,
                in_pool=r.candidate.in_pool,
                is_supervisor=r.is_supervisor,
                active_mentees=r.candidate.active_mentees,
                capacity=r.candidate.capacity,
                score=r.score,
                reasons=[
                    ReasonPublic(code=x.code, points=x.points, detail=x.detail) for x in r.reasons
                ],
            )
            for r in result.ranked[: body.limit]
        ],
        rejected=[
            RejectedPublic(mentor_nip=r.nip, rules=[x.value for x in r.rules])
            for r in result.rejected
        ],
        rejection_counts=result.rejection_counts(),
        mentorship=mentorship_public(started) if started else None,
    )


@router.post("", status_code=201, summary="Start a mentorship")
async def start_mentorship(body: MentorshipCreate, runtime: Runtime) -> MentorshipPublic:
    """Every hard rule is checked (422 saying which); a full or paused mentor, or a mentee who
    already has an active mentorship in the programme, is a 409. Publishes MentorshipStarted."""
    cmd = mentorships.StartMentorship(
        mentor_nip=body.mentor_nip,
        mentee_nip=body.mentee_nip,
        program=body.program,
        goals=tuple(body.goals),
    )
    async with runtime.unit_of_work() as uow:
        started = await mentorships.start_mentorship(
            cmd, postgres_store(uow), policy_of(runtime), date.today()
        )
    return mentorship_public(started)


@router.get("", summary="Mentorships, filtered")
async def list_mentorships(
    runtime: Runtime,
    mentor_nip: NipQuery = None,
    mentee_nip: NipQuery = None,
    program: MentoringProgram | None = None,
    status: MentorshipStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[MentorshipPublic]:
    async with runtime.connection() as conn:
        rows, total = await queries.list_mentorships(
            conn,
            mentor_nip=mentor_nip,
            mentee_nip=mentee_nip,
            program=program.value if program else None,
            status=status.value if status else None,
            limit=limit,
            offset=offset,
        )
    return Page(items=[mentorship_public(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/{mentorship_id}", summary="One mentorship with its sessions and feedback")
async def get_mentorship(mentorship_id: uuid.UUID, runtime: Runtime) -> MentorshipDetail:
    async with runtime.connection() as conn:
        row = await queries.get_mentorship(conn, str(mentorship_id))
    if row is None:
        raise NotFound(f"no mentorship {mentorship_id}")
    base = mentorship_public(row).model_dump()
    sessions = [SessionPublic(mentorship_id=str(mentorship_id), **s) for s in row["sessions"]]
    return MentorshipDetail(
        **base,
        sessions=sessions,
        feedback=[FeedbackPublic(**f) for f in row["feedback"]],
        total_minutes=sum(s.duration_minutes for s in sessions),
    )


@router.post("/{mentorship_id}/sessions", status_code=201, summary="Log a session")
async def record_session(
    mentorship_id: uuid.UUID, body: SessionCreate, runtime: Runtime
) -> SessionPublic:
    """On an active mentorship, dated from its start up to today. Publishes
    MentoringSessionRecorded."""
    async with runtime.unit_of_work() as uow:
        session_id = await mentorships.record_session(
            postgres_store(uow),
            str(mentorship_id),
            held_on=body.held_on,
            duration_minutes=body.duration_minutes,
            notes=body.notes,
            today=date.today(),
        )
    return SessionPublic(id=session_id, mentorship_id=str(mentorship_id), **body.model_dump())


@router.post("/{mentorship_id}/feedback", status_code=201, summary="Feedback from one side")
async def give_feedback(
    mentorship_id: uuid.UUID, body: FeedbackCreate, runtime: Runtime
) -> FeedbackPublic:
    """A rating 1-5 and a text, once from the MENTOR and once from the MENTEE (409 twice)."""
    async with runtime.unit_of_work() as uow:
        await mentorships.give_feedback(
            postgres_store(uow),
            str(mentorship_id),
            from_role=body.from_.value,
            rating=body.rating,
            text=body.text,
        )
    return FeedbackPublic(from_role=body.from_, rating=body.rating, text=body.text)


@router.post("/{mentorship_id}/completion", summary="Complete with an outcome (JP credit)")
async def complete(
    mentorship_id: uuid.UUID, body: CompletionCreate, runtime: Runtime
) -> MentorshipPublic:
    """JP credit = total session minutes // MENTORING_MINUTES_PER_JP (default 45: 1 JP = 45
    minutes), rounded down, capped at MENTORING_JP_CREDIT_CAP when set. E.g. sessions of 60 + 60
    + 30 minutes = 150 minutes = 3 JP. Publishes MentorshipCompleted with jp_credit."""
    async with runtime.unit_of_work() as uow:
        done = await closing.complete_mentorship(
            postgres_store(uow),
            policy_of(runtime),
            str(mentorship_id),
            outcome=body.outcome,
            completed_on=body.completed_on,
            today=date.today(),
        )
    return mentorship_public(done)


@router.post("/{mentorship_id}/cancel", summary="Cancel an active mentorship")
async def cancel(
    mentorship_id: uuid.UUID, body: CancelCreate, runtime: Runtime
) -> MentorshipPublic:
    async with runtime.unit_of_work() as uow:
        cancelled = await closing.cancel_mentorship(
            postgres_store(uow),
            policy_of(runtime),
            str(mentorship_id),
            reason=body.reason,
            today=date.today(),
        )
    return mentorship_public(cancelled)
