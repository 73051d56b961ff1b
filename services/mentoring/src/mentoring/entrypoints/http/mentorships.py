"""Routes of mentorships: matching, starting, sessions, feedback, completion, cancellation.

HR (mentees of its units) and admin match, start, complete and cancel, never for a mentorship of
their own (four eyes); the mentor (a supervisor) logs sessions; the mentor and the mentee give
feedback for their side. Reads are scoped: a mentorship is seen by whoever may see its mentee or
its mentor (404 otherwise)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from mentoring.domain.mentorship import MentorshipStatus
from mentoring.entrypoints.http.deps import (
    Anyone,
    HrOrAdmin,
    MentorOrAdmin,
    NewUnitOfWork,
    PartyOrAdmin,
    Today,
)
from mentoring.entrypoints.http.schemas import (
    CancelCreate,
    CompletionCreate,
    FeedbackCreate,
    FeedbackPublic,
    MatchPublic,
    MatchRequest,
    MentorshipCreate,
    MentorshipDetail,
    MentorshipPublic,
    SessionCreate,
    SessionPublic,
)
from mentoring.service import closing, mentorships, reads
from mentoring.service.matching import match_mentors

router = APIRouter(prefix="/mentorships", tags=["mentorships"])


@router.post("/match", summary="Rank mentors for a mentee (and assign the best)")
async def match(
    body: MatchRequest, caller: HrOrAdmin, new_uow: NewUnitOfWork, today: Today
) -> MatchPublic:
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
    (best at 3 steps) + free capacity up to 10 + mentees' average feedback -10..+10.

    HR matches the mentees of its units (404 for others); nobody assigns their own mentor
    (403), and a decider who is a candidate is passed over when assigning (four eyes)."""
    async with new_uow() as uow:
        outcome = await match_mentors(
            uow,
            mentee_nip=body.mentee_nip,
            program=body.program,
            assign=body.assign,
            goals=tuple(body.goals),
            today=today,
            visibility=Visibility.of(caller),
            decider_nip=caller.nip,
        )
    result = outcome.match.result
    found = {
        "mentee_nip": body.mentee_nip,
        "program": body.program,
        "candidates": result.ranked[: body.limit],
        "rejected": result.rejected,
        "rejection_counts": result.rejection_counts(),
        "mentorship": outcome.started,
    }
    return MatchPublic.model_validate(found, from_attributes=True)


@router.post("", status_code=201, summary="Start a mentorship")
async def start_mentorship(
    body: MentorshipCreate, caller: HrOrAdmin, new_uow: NewUnitOfWork, today: Today
) -> MentorshipPublic:
    """Every hard rule is checked (422 saying which); a full or paused mentor, or a mentee who
    already has an active mentorship in the programme, is a 409. HR starts them for mentees of
    its units (404 for others), never one of its own (403). Publishes MentorshipStarted."""
    async with new_uow() as uow:
        started = await mentorships.start_mentorship(
            uow,
            mentor_nip=body.mentor_nip,
            mentee_nip=body.mentee_nip,
            program=body.program,
            goals=tuple(body.goals),
            today=today,
            visibility=Visibility.of(caller),
            decider_nip=caller.nip,
        )
    return MentorshipPublic.model_validate(started, from_attributes=True)


@router.get("", summary="Mentorships, filtered")
async def list_mentorships(
    caller: Anyone,
    new_uow: NewUnitOfWork,
    mentor_nip: NipQuery = None,
    mentee_nip: NipQuery = None,
    program: MentoringProgram | None = None,
    status: MentorshipStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[MentorshipPublic]:
    async with new_uow() as uow:
        rows, total = await uow.queries.list_mentorships(
            mentor_nip=mentor_nip,
            mentee_nip=mentee_nip,
            program=program.value if program else None,
            status=status.value if status else None,
            limit=limit,
            offset=offset,
            visibility=Visibility.of(caller),
        )
    items = [MentorshipPublic.model_validate(r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/{mentorship_id}", summary="One mentorship with its sessions and feedback")
async def get_mentorship(
    mentorship_id: uuid.UUID, caller: Anyone, new_uow: NewUnitOfWork
) -> MentorshipDetail:
    """Read by anyone but its mentor or mentee, it is audited."""
    async with new_uow() as uow:
        row = await reads.mentorship(
            uow,
            mentorship_id=str(mentorship_id),
            visibility=Visibility.of(caller),
            reader_nip=caller.nip,
        )
    return MentorshipDetail.model_validate(row)


@router.post("/{mentorship_id}/sessions", status_code=201, summary="Log a session")
async def record_session(
    mentorship_id: uuid.UUID,
    body: SessionCreate,
    caller: MentorOrAdmin,
    new_uow: NewUnitOfWork,
    today: Today,
) -> SessionPublic:
    """On an active mentorship, dated from its start up to today; by its mentor (403 for
    another supervisor who can see it). Publishes MentoringSessionRecorded."""
    async with new_uow() as uow:
        session_id = await mentorships.record_session(
            uow,
            mentorship_id=str(mentorship_id),
            held_on=body.held_on,
            duration_minutes=body.duration_minutes,
            notes=body.notes,
            today=today,
            caller=caller,
        )
    recorded = {"id": session_id, "mentorship_id": str(mentorship_id), **body.model_dump()}
    return SessionPublic.model_validate(recorded)


@router.post("/{mentorship_id}/feedback", status_code=201, summary="Feedback from one side")
async def give_feedback(
    mentorship_id: uuid.UUID, body: FeedbackCreate, caller: PartyOrAdmin, new_uow: NewUnitOfWork
) -> FeedbackPublic:
    """A rating 1-5 and a text, once from the MENTOR and once from the MENTEE (409 twice). The
    mentor and the mentee give it for their own side (`from` follows from the token); admin and
    internal apps name the side."""
    async with new_uow() as uow:
        side = await mentorships.give_feedback(
            uow,
            mentorship_id=str(mentorship_id),
            from_role=body.from_,
            rating=body.rating,
            text=body.text,
            caller=caller,
        )
    return FeedbackPublic.model_validate(
        {"from_role": side, "rating": body.rating, "text": body.text}
    )


@router.post("/{mentorship_id}/completion", summary="Complete with an outcome (JP credit)")
async def complete(
    mentorship_id: uuid.UUID,
    body: CompletionCreate,
    caller: HrOrAdmin,
    new_uow: NewUnitOfWork,
    today: Today,
) -> MentorshipPublic:
    """JP credit = total session minutes // MENTORING_MINUTES_PER_JP (default 45: 1 JP = 45
    minutes), rounded down, capped at MENTORING_JP_CREDIT_CAP when set. E.g. sessions of 60 + 60
    + 30 minutes = 150 minutes = 3 JP. Publishes MentorshipCompleted with jp_credit. By HR or
    admin, never for a mentorship of their own (403)."""
    async with new_uow() as uow:
        done = await closing.complete_mentorship(
            uow,
            mentorship_id=str(mentorship_id),
            outcome=body.outcome,
            completed_on=body.completed_on,
            today=today,
            visibility=Visibility.of(caller),
            decider_nip=caller.nip,
        )
    return MentorshipPublic.model_validate(done, from_attributes=True)


@router.post("/{mentorship_id}/cancel", summary="Cancel an active mentorship")
async def cancel(
    mentorship_id: uuid.UUID,
    body: CancelCreate,
    caller: HrOrAdmin,
    new_uow: NewUnitOfWork,
    today: Today,
) -> MentorshipPublic:
    """By HR or admin, never for a mentorship of their own (403)."""
    async with new_uow() as uow:
        cancelled = await closing.cancel_mentorship(
            uow,
            mentorship_id=str(mentorship_id),
            reason=body.reason,
            today=today,
            visibility=Visibility.of(caller),
            decider_nip=caller.nip,
        )
    return MentorshipPublic.model_validate(cancelled, from_attributes=True)
