"""Every event handler, on the in-memory unit of work: each event goes on the timeline with its
id and time (dated by its own day when it has no business date); PromotionRecommended opens one
proposal per recommendation; PromotionRecommendationWithdrawn withdraws only a pending one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from jenjang_shared.contracts import ALL_EVENTS, Event, PromotionRecommended
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from personnel.domain.proposals import ProposalStatus
from personnel.entrypoints.events import HANDLERS
from personnel.service import handlers
from personnel.service.proposals import proposal_id_of

from .fakes import FakeUnitOfWork

NIP, MENTOR = "198609262015051001", "197001012000011001"
EVENT_DAY = date(2026, 11, 28)


def test_the_table_names_one_handler_for_every_event_type() -> None:
    assert set(HANDLERS) == set(ALL_EVENTS)
    assert len(set(HANDLERS.values())) == len(ALL_EVENTS)
    for model, handler in HANDLERS.items():
        assert handler is getattr(handlers, handler.__name__), model


@pytest.mark.parametrize("index", range(len(ALL_EVENTS)))
async def test_every_event_goes_on_the_timeline_once_with_its_id_and_time(
    events_of_each_type: Callable[[str, str], list[Event]], index: int
) -> None:
    event = events_of_each_type(NIP, MENTOR)[index]
    uow = FakeUnitOfWork(handled=handled_on(EVENT_DAY, event_id="evt-1"))
    await HANDLERS[type(event)](event, uow)
    await HANDLERS[type(event)](event, uow)  # a redelivery adds nothing
    owners = [NIP, MENTOR] if "Mentor" in event.event_name else [NIP]
    assert sorted(nip for _, nip in uow.timeline.rows) == sorted(owners)
    for stored in uow.timeline.rows.values():
        assert (stored.event_id, stored.entry.kind) == ("evt-1", event.event_name)
        assert stored.event_time == handled_on(EVENT_DAY).time
    assert uow.published == []  # consuming publishes nothing


async def test_without_a_business_date_the_entry_is_dated_by_the_event_not_the_wall_clock() -> None:
    event = builders.training_recommended(NIP)
    replayed = date(2020, 1, 31)
    uow = FakeUnitOfWork(handled=handled_on(replayed))
    await handlers.on_training_recommended(event, uow)
    [stored] = uow.timeline.rows.values()
    assert stored.entry.occurred_on == replayed


async def test_a_handler_refuses_a_unit_of_work_without_its_event() -> None:
    with pytest.raises(RuntimeError, match="carries the event"):
        await handlers.on_employee_registered(builders.employee_registered(NIP), FakeUnitOfWork())


def recommended(**overrides: object) -> PromotionRecommended:
    return builders.promotion_recommended(NIP, **overrides)


async def test_a_recommendation_opens_one_pending_proposal_with_a_derived_id() -> None:
    event = recommended()
    uow = FakeUnitOfWork(handled=handled_on(EVENT_DAY, event_id="evt-rec"))
    await handlers.on_promotion_recommended(event, uow)
    [proposal] = uow.proposals.rows.values()
    assert proposal.id == proposal_id_of(event.recommendation_id)
    assert (proposal.status, proposal.nip, proposal.to_golongan) == (
        ProposalStatus.PENDING,
        NIP,
        event.to_golongan,
    )
    assert proposal.evidence == event.evidence.model_dump(mode="json")
    assert uow.proposals.source_events[proposal.id] == "evt-rec"
    assert [s.entry.kind for s in uow.timeline.rows.values()] == ["PromotionRecommended"]


async def test_the_same_recommendation_under_a_new_event_id_opens_nothing_more() -> None:
    event = recommended()
    uow = FakeUnitOfWork(handled=handled_on(EVENT_DAY, event_id="evt-1"))
    await handlers.on_promotion_recommended(event, uow)
    uow.handled = handled_on(EVENT_DAY, event_id="evt-2")
    await handlers.on_promotion_recommended(event, uow)
    assert len(uow.proposals.rows) == 1
    assert len(uow.timeline.rows) == 2  # one entry per message, like every event


async def test_a_withdrawal_withdraws_the_pending_proposal_with_the_reason() -> None:
    event = recommended()
    uow = FakeUnitOfWork(handled=handled_on(EVENT_DAY))
    await handlers.on_promotion_recommended(event, uow)
    withdrawn = builders.promotion_recommendation_withdrawn(
        NIP, recommendation_id=event.recommendation_id
    )
    uow.handled = handled_on(EVENT_DAY)
    await handlers.on_promotion_recommendation_withdrawn(withdrawn, uow)
    [proposal] = uow.proposals.rows.values()
    assert (proposal.status, proposal.reason) == (ProposalStatus.WITHDRAWN, withdrawn.reason)
    assert proposal.decided_at == handled_on(EVENT_DAY).time  # the event's time, not the clock
    kinds = sorted(s.entry.kind for s in uow.timeline.rows.values())
    assert kinds == ["PromotionRecommendationWithdrawn", "PromotionRecommended"]


@pytest.mark.parametrize("decided", [ProposalStatus.APPROVED, ProposalStatus.REJECTED])
async def test_a_withdrawal_leaves_a_decided_proposal_as_decided(decided: ProposalStatus) -> None:
    event = recommended()
    uow = FakeUnitOfWork(handled=handled_on(EVENT_DAY))
    await handlers.on_promotion_recommended(event, uow)
    [proposal] = uow.proposals.rows.values()
    uow.proposals.rows[proposal.id] = replace(proposal, status=decided)
    withdrawn = builders.promotion_recommendation_withdrawn(
        NIP, recommendation_id=event.recommendation_id
    )
    uow.handled = handled_on(EVENT_DAY)
    await handlers.on_promotion_recommendation_withdrawn(withdrawn, uow)
    assert uow.proposals.rows[proposal.id].status is decided
    assert len(uow.timeline.rows) == 2


async def test_a_withdrawal_of_an_unknown_recommendation_only_adds_the_entry() -> None:
    uow = FakeUnitOfWork(handled=handled_on(EVENT_DAY))
    await handlers.on_promotion_recommendation_withdrawn(
        builders.promotion_recommendation_withdrawn(NIP), uow
    )
    assert uow.proposals.rows == {}
    assert len(uow.timeline.rows) == 1


async def test_an_employee_updated_entry_lists_only_the_fields_that_changed() -> None:
    event = builders.employee_updated(
        NIP, changes={"golongan": "III/d", "supervisor_nip": None}, reason="KP"
    )
    uow = FakeUnitOfWork(handled=handled_on(EVENT_DAY))
    await handlers.on_employee_updated(event, uow)
    [stored] = uow.timeline.rows.values()
    assert stored.entry.summary == "Record updated: golongan=III/d, supervisor_nip=None (KP)"
    assert stored.entry.occurred_on == event.effective_date
