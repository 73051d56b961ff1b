"""Ending a mentorship: completion with its JP credit, or cancellation. Either frees a slot of
the mentor, so requests waiting for a mentor are tried again in the same transaction."""

from __future__ import annotations

from datetime import date

from jenjang_shared.contracts import MentorshipCompleted
from jenjang_shared.contracts.vocabulary import MentoringProgram
from mentoring.domain.jp import jp_credit
from mentoring.domain.mentorship import Mentorship
from mentoring.service.matching import retry_pending
from mentoring.service.mentorships import locked
from mentoring.service.ports import UnitOfWork


async def complete_mentorship(
    uow: UnitOfWork, *, mentorship_id: str, outcome: str, completed_on: date, today: date
) -> Mentorship:
    """Complete with an outcome; the mentee earns non-classroom JP from the session minutes
    (see domain.jp.jp_credit); publish MentorshipCompleted."""
    policy = uow.policy
    mentorship = await locked(uow, mentorship_id)
    minutes, last_session = await uow.mentorships.session_summary(mentorship_id)
    credit = jp_credit(minutes, minutes_per_jp=policy.minutes_per_jp, cap=policy.jp_credit_cap)
    done = mentorship.complete(
        outcome=outcome, on=completed_on, today=today, last_session=last_session, jp=credit
    )
    await uow.mentorships.save(done)
    await uow.publish(
        MentorshipCompleted(
            mentorship_id=done.id,
            mentor_nip=done.mentor_nip,
            mentee_nip=done.mentee_nip,
            completed_on=completed_on,
            outcome=outcome,
            jp_credit=credit,
            program=MentoringProgram(done.program),
        )
    )
    await retry_pending(uow, today=today)  # a slot of the mentor is free again
    return done


async def cancel_mentorship(
    uow: UnitOfWork, *, mentorship_id: str, reason: str, today: date
) -> Mentorship:
    """Cancel an active mentorship with a reason (no event: nothing downstream depends on it)."""
    cancelled = (await locked(uow, mentorship_id)).cancel(reason=reason, on=today)
    await uow.mentorships.save(cancelled)
    await retry_pending(uow, today=today)
    return cancelled
