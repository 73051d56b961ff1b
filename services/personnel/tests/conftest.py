"""Personnel test helpers: unique valid NIPs, registration payloads, one event of each type,
and a running service (fresh database, consumer off) per integration module."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta
from typing import Any

import pytest
import pytest_asyncio

from jenjang_shared.contracts import (
    AllowanceEntitlementChanged,
    BenefitClaimDecided,
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
    Event,
    MentoringSessionRecorded,
    MentorshipCompleted,
    MentorshipStarted,
    PromotionEvidence,
    PromotionProposalRejected,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
    TrainingCompleted,
    TrainingEnrolled,
    TrainingRecommended,
)
from jenjang_shared.testing.harness import ServiceHarness, running_service
from personnel.config import PersonnelSettings
from personnel.main import create_app

_counter = itertools.count(1)


def new_nip(*, female: bool = False, birth: date | None = None) -> tuple[str, date, date]:
    """A valid, unique NIP with its birth date and TMT CPNS (first of the month)."""
    n = next(_counter)
    birth = birth or date(1970, 1, 1) + timedelta(days=(n * 37) % 9000)
    tmt = date(birth.year + 25, birth.month, 1)
    nip = f"{birth:%Y%m%d}{tmt:%Y%m}{2 if female else 1}{n % 999 + 1:03d}"
    return nip, birth, tmt


def registration(**overrides: Any) -> dict[str, Any]:
    """A valid registration payload (PNS, S1, III/b, PELAKSANA); override any field."""
    female = overrides.pop("female", False)
    nip, birth, tmt = new_nip(female=female, birth=overrides.pop("birth", None))
    body: dict[str, Any] = {
        "nip": nip,
        "name": f"Pegawai {nip[-6:]}",
        "gender": "female" if female else "male",
        "birth_date": birth.isoformat(),
        "employment_type": "PNS",
        "golongan": "III/b",
        "golongan_tmt": date(tmt.year + 4, 4, 1).isoformat(),
        "tmt_cpns": tmt.isoformat(),
        "position_title": "Analis Kepegawaian",
        "position_kind": "PELAKSANA",
        "unit_code": "BKD",
        "unit_name": "Badan Kepegawaian Daerah",
        "job_family": "KEPEGAWAIAN",
        "education": "S1",
        "work_location": "KOTA_BANDUNG",
    }
    body.update(overrides)
    return body


def one_event_of_each_type(nip: str, mentor_nip: str) -> list[Event]:
    """One event of every contract, all about `nip` (mentoring: mentee `nip`)."""
    day = date(2025, 6, 2)
    reg = EmployeeRegistered.model_validate(registration(nip=nip))
    return [
        reg,
        EmployeeUpdated(
            nip=nip, changes={"education": "S2"}, effective_date=day, reason="Lulus S2"
        ),
        EmployeeTransferred(
            nip=nip,
            from_unit_code="BKD",
            to_unit_code="DINKES",
            to_unit_name="Dinas Kesehatan",
            position_title="Analis SDM",
            position_kind="PELAKSANA",
            work_location="KAB_BANDUNG",
            effective_date=day,
        ),
        EmployeePromoted(
            nip=nip,
            proposal_id=str(uuid.uuid4()),
            from_golongan="III/a",
            to_golongan="III/b",
            tmt=date(2025, 4, 1),
            sk_number="800/KP/1",
            sk_date=date(2025, 3, 20),
        ),
        PromotionProposalRejected(
            nip=nip, proposal_id=str(uuid.uuid4()), recommendation_id="r-x", reason="Disiplin"
        ),
        EmployeeRetired(nip=nip, retirement_date=date(2044, 10, 1), reason="BUP"),
        TrainingEnrolled(
            nip=nip, enrollment_id="e1", course_code="PKP", session_id="s1", starts_on=day
        ),
        TrainingCompleted(
            nip=nip,
            enrollment_id="e1",
            course_code="PKP",
            title="Pelatihan Kepemimpinan Pengawas",
            training_category="PKP",
            training_method="KLASIKAL",
            jp=40,
            completed_on=date(2025, 7, 1),
            certificate_number="SERT/1",
        ),
        TrainingRecommended(nip=nip, course_codes=["TEKNIS-1"], reason="WEAK_PREDIKAT"),
        MentorshipStarted(
            mentorship_id="m1",
            mentor_nip=mentor_nip,
            mentee_nip=nip,
            program="COACHING",
            started_on=day,
        ),
        MentoringSessionRecorded(
            mentorship_id="m1",
            mentor_nip=mentor_nip,
            mentee_nip=nip,
            held_on=date(2025, 6, 9),
            duration_minutes=60,
        ),
        MentorshipCompleted(
            mentorship_id="m1",
            mentor_nip=mentor_nip,
            mentee_nip=nip,
            completed_on=date(2025, 9, 1),
            outcome="Goals met",
            jp_credit=4,
        ),
        EvaluationRecorded(
            evaluation_id="ev1",
            nip=nip,
            evaluator_nip=mentor_nip,
            period_type="ANNUAL",
            period="2024",
            hasil_kerja="DI_ATAS",
            perilaku_kerja="SESUAI",
            predikat="BAIK",
            version=1,
        ),
        recommendation(nip, "III/a", "III/b"),
        PromotionRecommendationWithdrawn(
            recommendation_id="r-x",
            nip=nip,
            to_golongan="III/b",
            kp_period=date(2025, 12, 1),
            reason="annual_predikat: predikat below BAIK in 2024",
            rules_version="KP-2025-10",
        ),
        AllowanceEntitlementChanged(
            nip=nip,
            allowance="TPP",
            amount_idr=3_000_000,
            previous_amount_idr=2_500_000,
            effective_from=date(2025, 8, 1),
            reason="EvaluationRecorded",
            policy_version="TPP-2025",
        ),
        BenefitClaimDecided(
            claim_id="c1",
            nip=nip,
            kind="MEDICAL",
            amount_idr=750_000,
            decision="APPROVED",
        ),
    ]


def recommendation(
    nip: str, from_golongan: str, to_golongan: str, *, recommendation_id: str | None = None
) -> PromotionRecommended:
    return PromotionRecommended(
        recommendation_id=recommendation_id or str(uuid.uuid4()),
        nip=nip,
        from_golongan=from_golongan,
        to_golongan=to_golongan,
        kp_period=date(2025, 12, 1),
        rules_version="KP-2025-10",
        evidence=PromotionEvidence(
            years_in_rank=4.0,
            predikat_per_year={"2023": "BAIK", "2024": "SANGAT_BAIK"},
            education_cap="III/d",
        ),
    )


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
async def svc(infra: Any, new_database: Any, new_topics: Any) -> AsyncIterator[ServiceHarness]:
    """The service on a fresh database, relay and consumer off (events come with deliver)."""
    settings = PersonnelSettings(
        database_url=await new_database(),
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=await new_topics(),
        consumer_enabled=False,
        relay_enabled=False,
    )
    async with running_service(create_app, settings) as harness:
        yield harness
