"""Matching a mentee: ranked candidates, assigning the best, retrying waiting requests."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import Conflict, InvalidInput
from mentoring.domain.mentor import PendingStatus, UnmatchedRequest
from mentoring.domain.mentorship import Origin
from mentoring.domain.policy import MentoringPolicy
from mentoring.service.matching import match_mentors, retry_pending

from .fakes import FakeUnitOfWork, employee, given, in_pool

TODAY = date(2025, 5, 5)
DEVELOPMENT = MentoringProgram.DEVELOPMENT


async def test_candidates_are_ranked_and_the_rejected_say_why() -> None:
    uow = FakeUnitOfWork()
    best = in_pool(uow, employee(golongan="III/d"), expertise=("PEKERJAAN_UMUM",))
    other = in_pool(uow, employee(golongan="IV/a", unit_code="BKD", job_family="UMUM"))
    junior = in_pool(uow, employee(golongan="II/d"))
    [mentee] = given(uow, employee(golongan="III/a"))
    outcome = await match_mentors(
        uow, mentee_nip=mentee, program=DEVELOPMENT, assign=False, goals=(), today=TODAY
    )
    assert [r.candidate.nip for r in outcome.match.result.ranked] == [best, other]
    assert [(r.nip, r.rules) for r in outcome.match.result.rejected] == [(junior, ("NOT_SENIOR",))]
    assert outcome.started is None and uow.published == []


async def test_assign_starts_the_mentorship_with_the_best_candidate() -> None:
    uow = FakeUnitOfWork()
    best = in_pool(uow, employee(golongan="III/d"), expertise=("PEKERJAAN_UMUM",))
    in_pool(uow, employee(golongan="IV/a", unit_code="BKD", job_family="UMUM"))
    [mentee] = given(uow, employee(golongan="III/a"))
    outcome = await match_mentors(
        uow, mentee_nip=mentee, program=DEVELOPMENT, assign=True, goals=("G",), today=TODAY
    )
    assert outcome.started is not None
    assert (outcome.started.mentor_nip, outcome.started.origin, outcome.started.goals) == (
        best,
        Origin.MATCH,
        ("G",),
    )


async def test_assign_with_nobody_eligible_is_a_409_saying_why() -> None:
    uow = FakeUnitOfWork()
    in_pool(uow, employee(golongan="II/d"))
    [mentee] = given(uow, employee(golongan="III/a"))
    with pytest.raises(Conflict, match=r"none of 1 candidate.*1 does not outrank the mentee"):
        await match_mentors(
            uow, mentee_nip=mentee, program=DEVELOPMENT, assign=True, goals=(), today=TODAY
        )


async def test_a_pppk_mentee_matches_a_pns_only_across_schemes_when_configured() -> None:
    for cross_scheme, eligible in ((False, 0), (True, 1)):
        uow = FakeUnitOfWork(policy=MentoringPolicy(cross_scheme_ranks=cross_scheme))
        in_pool(uow, employee(golongan="III/d"))
        [mentee] = given(uow, employee(employment_type="PPPK", golongan="IX"))
        outcome = await match_mentors(
            uow, mentee_nip=mentee, program=DEVELOPMENT, assign=False, goals=(), today=TODAY
        )
        assert len(outcome.match.result.ranked) == eligible


async def test_an_unknown_mentee_cannot_be_matched() -> None:
    with pytest.raises(InvalidInput, match="not known"):
        await match_mentors(
            FakeUnitOfWork(),
            mentee_nip="1" * 18,
            program=DEVELOPMENT,
            assign=False,
            goals=(),
            today=TODAY,
        )


async def test_retrying_closes_requests_no_longer_needed_and_resolves_the_others() -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    retired, helped, unknown = given(
        uow,
        employee(golongan="III/a").retire(TODAY),
        employee(golongan="III/a"),
        employee(golongan="III/a", registered=False),
    )
    for nip in (retired, helped, unknown):
        uow.tables.pending[nip] = UnmatchedRequest(
            id=nip, mentee_nip=nip, program="COACHING", origin="WEAK_EVALUATION", reason="-"
        )
    assert await retry_pending(uow, today=TODAY) == 1
    status = {nip: r.status for nip, r in uow.tables.pending.items()}
    assert status == {
        retired: PendingStatus.CLOSED,
        helped: PendingStatus.RESOLVED,
        unknown: PendingStatus.PENDING,
    }
    [started] = uow.tables.active()
    assert (started.mentor_nip, started.origin) == (mentor, Origin.PENDING_RESOLVED)
