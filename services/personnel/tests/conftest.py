"""Personnel test helpers: registration payloads and events built with jenjang_testing's
builders, and the running service (fresh database and topics, consumer off) per integration
module."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

import pytest
import pytest_asyncio

from jenjang_shared.contracts import Event, PromotionRecommended
from jenjang_testing import builders
from jenjang_testing.builders import DERIVED
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import ServiceHarness
from personnel.config import PersonnelSettings
from personnel.main import create_app


def registration(*, birth: date | None = None, **overrides: Any) -> dict[str, Any]:
    """A registration payload with a fresh NIP: a PNS with S1 at III/b, PELAKSANA in BKD (the
    builder's EmployeeRegistered otherwise). `birth` fixes the birth date (and so the NIP's
    first digits; TMT CPNS 25 years later); `female=True` a female NIP."""
    female = overrides.pop("female", False)
    if birth is None:
        nip = builders.new_nip(female=female)
    else:
        tmt = date(birth.year + 25, birth.month, 1)
        # The builder's NIP keeps its unique sequence; the birth date is exactly the one asked.
        nip = f"{birth:%Y%m%d}{tmt:%Y%m}" + builders.new_nip(female=female)[14:]
    event = builders.employee_registered(
        nip,
        golongan="III/b",
        position_title="Analis Kepegawaian",
        position_kind="PELAKSANA",
        functional_level=None,
        job_class=None,
    )
    return {**event.model_dump(mode="json", exclude=DERIVED), **overrides}


def recommendation(
    nip: str, from_golongan: str, to_golongan: str, *, recommendation_id: str | None = None
) -> PromotionRecommended:
    """A KP reguler recommendation for the December 2025 period (education cap III/d)."""
    overrides: dict[str, Any] = {}
    if recommendation_id is not None:
        overrides["recommendation_id"] = recommendation_id
    event = builders.promotion_recommended(
        nip,
        from_golongan=from_golongan,
        to_golongan=to_golongan,
        kp_period=date(2025, 12, 1),
        **overrides,
    )
    evidence = event.evidence.model_copy(update={"education_cap": "III/d"})
    return event.model_copy(update={"evidence": evidence})


def one_event_of_each_type(nip: str, mentor_nip: str) -> list[Event]:
    """One event of every contract, all about `nip` (mentoring: mentee `nip`, mentor
    `mentor_nip`), with the business dates the timeline tests expect."""
    day = date(2025, 6, 2)
    mentoring = {"mentor_nip": mentor_nip, "mentorship_id": "m1"}
    return [
        builders.employee_registered(nip, golongan="III/b"),
        builders.employee_updated(
            nip, changes={"education": "S2"}, effective_date=day, reason="Lulus S2"
        ),
        builders.employee_transferred(nip, effective_date=day),
        builders.employee_promoted(
            nip, from_golongan="III/a", to_golongan="III/b", tmt=date(2025, 4, 1)
        ),
        builders.promotion_proposal_rejected(nip, recommendation_id="r-x"),
        builders.employee_retired(nip, retirement_date=date(2044, 10, 1)),
        builders.training_enrolled(nip, starts_on=day),
        builders.training_completed(nip, completed_on=date(2025, 7, 1)),
        builders.training_recommended(nip),
        builders.mentorship_started(nip, started_on=day, **mentoring),
        builders.mentoring_session_recorded(nip, held_on=date(2025, 6, 9), **mentoring),
        builders.mentorship_completed(nip, completed_on=date(2025, 9, 1), **mentoring),
        builders.evaluation_recorded(nip, evaluator_nip=mentor_nip),
        recommendation(nip, "III/a", "III/b"),
        builders.promotion_recommendation_withdrawn(nip, recommendation_id="r-x"),
        builders.allowance_entitlement_changed(nip, effective_from=date(2025, 8, 1)),
        builders.benefit_claim_decided(nip),
    ]


@pytest.fixture
def make_registration() -> Callable[..., dict[str, Any]]:
    """`make_registration(**overrides)`: a valid registration payload with a unique NIP."""
    return registration


@pytest.fixture
def events_of_each_type() -> Callable[[str, str], list[Event]]:
    """`events_of_each_type(nip, mentor_nip)`: one event of every contract."""
    return one_event_of_each_type


@pytest.fixture
def make_recommendation() -> Callable[..., PromotionRecommended]:
    """`make_recommendation(nip, from_golongan, to_golongan, recommendation_id=None)`."""
    return recommendation


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(start_service: StartService) -> AsyncIterator[ServiceHarness]:
    """The service on a fresh database, relay and consumer off (events come with deliver)."""
    async with start_service(create_app, PersonnelSettings) as harness:
        yield harness
