"""One builder per event: valid events with sensible defaults; override what a test is about.

Every builder takes keyword overrides of any field. NIP-keyed builders make a fresh, well-formed
NIP when none is given (`new_nip()`), so tests never collide on one.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

from jenjang_shared.contracts import (
    AllowanceEntitlementChanged,
    BenefitClaimDecided,
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
    MentoringSessionRecorded,
    MentorshipCompleted,
    MentorshipStarted,
    PromotionProposalRejected,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
    TrainingCompleted,
    TrainingEnrolled,
    TrainingRecommended,
)

_sequence = itertools.count(uuid.uuid4().int % 500_000)


def new_nip(
    *, birth_date: date = date(1986, 9, 26), tmt_cpns: date = date(2015, 5, 1), female: bool = False
) -> str:
    """A unique, well-formed NIP: birth date, TMT CPNS (year, month), gender, sequence.

    Uniqueness comes from the sequence and, past 999, from shifting the birth day forward."""
    n = next(_sequence)
    birth = date.fromordinal(birth_date.toordinal() + n // 999)
    return f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{2 if female else 1}{n % 999 + 1:03d}"


def birth_date_of(nip: str) -> date:
    """The birth date a NIP encodes (its first eight digits)."""
    return date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))


def _id() -> str:
    return str(uuid.uuid4())


DERIVED: frozenset[str] = frozenset({"retirement_date", "retirement_rule"})
"""Fields of EmployeeRegistered personnel derives (the projected retirement): not part of a
registration request, so a request body made from the builder leaves them out."""


def employee_registered(nip: str | None = None, **overrides: Any) -> EmployeeRegistered:
    """A PNS at III/c, Analis SDM Aparatur Ahli Muda (FUNGSIONAL: III/c is within the grade's
    range III/c-III/d) in BKD; the birth date is the NIP's."""
    nip = nip or new_nip()
    fields: dict[str, Any] = {
        "nip": nip,
        "name": f"Pegawai {nip[-4:]}",
        "gender": "female" if nip[14] == "2" else "male",
        "birth_date": birth_date_of(nip),
        "employment_type": "PNS",
        "golongan": "III/c",
        "golongan_tmt": date(2020, 4, 1),
        "tmt_cpns": date(int(nip[8:12]), int(nip[12:14]), 1),
        "position_title": "Analis SDM Aparatur Ahli Muda",
        "position_kind": "FUNGSIONAL",
        "functional_level": "AHLI_MUDA",
        "functional_position": "ANALIS_SDM_APARATUR",
        "unit_code": "BKD",
        "unit_name": "Badan Kepegawaian Daerah",
        "job_family": "KEPEGAWAIAN",
        "education": "S1",
        "work_location": "KOTA_BANDUNG",
        "job_class": 9,
    }
    if overrides.get("employment_type") == "PPPK":
        fields.update(golongan="IX", tmt_cpns=None)
    if str(overrides.get("position_kind", "FUNGSIONAL")) != "FUNGSIONAL":
        # Another kind of post has no JF: the default's functional fields go with it.
        fields.update(functional_level=None, functional_position=None)
    return EmployeeRegistered.model_validate({**fields, **overrides})


def employee_updated(
    nip: str | None = None, changes: dict[str, Any] | None = None, **overrides: Any
) -> EmployeeUpdated:
    """By default the appointment CPNS -> PNS."""
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "changes": {"employment_type": "PNS"} if changes is None else changes,
        "effective_date": date(2016, 5, 1),
        "reason": "Pengangkatan PNS",
    }
    return EmployeeUpdated.model_validate({**fields, **overrides})


def employee_transferred(nip: str | None = None, **overrides: Any) -> EmployeeTransferred:
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "from_unit_code": "BKD",
        "to_unit_code": "DINKES",
        "to_unit_name": "Dinas Kesehatan",
        "position_title": "Analis SDM Aparatur",
        "position_kind": "PELAKSANA",
        "work_location": "KAB_BANDUNG",
        "effective_date": date(2025, 11, 1),
    }
    return EmployeeTransferred.model_validate({**fields, **overrides})


def employee_promoted(nip: str | None = None, **overrides: Any) -> EmployeePromoted:
    """III/c -> III/d on 1 October 2025."""
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "proposal_id": _id(),
        "from_golongan": "III/c",
        "to_golongan": "III/d",
        "tmt": date(2025, 10, 1),
        "sk_number": "800/KP.01/2025",
        "sk_date": date(2025, 9, 20),
    }
    return EmployeePromoted.model_validate({**fields, **overrides})


def promotion_proposal_rejected(
    nip: str | None = None, **overrides: Any
) -> PromotionProposalRejected:
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "proposal_id": _id(),
        "recommendation_id": _id(),
        "reason": "Sedang menjalani hukuman disiplin",
    }
    return PromotionProposalRejected.model_validate({**fields, **overrides})


def employee_retired(nip: str | None = None, **overrides: Any) -> EmployeeRetired:
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "retirement_date": date(2044, 10, 1),
        "reason": "BUP",
    }
    return EmployeeRetired.model_validate({**fields, **overrides})


def training_enrolled(nip: str | None = None, **overrides: Any) -> TrainingEnrolled:
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "enrollment_id": _id(),
        "course_code": "TEKNIS-SDM-01",
        "session_id": _id(),
        "starts_on": date(2025, 10, 1),
    }
    return TrainingEnrolled.model_validate({**fields, **overrides})


def training_completed(nip: str | None = None, **overrides: Any) -> TrainingCompleted:
    """A 24 JP classroom course completed on 1 October 2025."""
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "enrollment_id": _id(),
        "course_code": "TEKNIS-SDM-01",
        "title": "Manajemen SDM Aparatur",
        "training_category": "TEKNIS",
        "training_method": "KLASIKAL",
        "jp": 24,
        "completed_on": date(2025, 10, 1),
        "certificate_number": "SERT/2025/000123",
    }
    return TrainingCompleted.model_validate({**fields, **overrides})


def training_recommended(nip: str | None = None, **overrides: Any) -> TrainingRecommended:
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "course_codes": ["LATSAR-CPNS-III"],
        "reason": "NEW_CPNS",
    }
    return TrainingRecommended.model_validate({**fields, **overrides})


def mentorship_started(mentee_nip: str | None = None, **overrides: Any) -> MentorshipStarted:
    fields: dict[str, Any] = {
        "mentorship_id": _id(),
        "mentor_nip": new_nip(birth_date=date(1975, 1, 1), tmt_cpns=date(2000, 3, 1)),
        "mentee_nip": mentee_nip or new_nip(),
        "program": "LATSAR",
        "started_on": date(2025, 10, 1),
    }
    return MentorshipStarted.model_validate({**fields, **overrides})


def mentoring_session_recorded(
    mentee_nip: str | None = None, **overrides: Any
) -> MentoringSessionRecorded:
    fields: dict[str, Any] = {
        "mentorship_id": _id(),
        "mentor_nip": new_nip(birth_date=date(1975, 1, 1), tmt_cpns=date(2000, 3, 1)),
        "mentee_nip": mentee_nip or new_nip(),
        "held_on": date(2025, 10, 1),
        "duration_minutes": 90,
    }
    return MentoringSessionRecorded.model_validate({**fields, **overrides})


def mentorship_completed(mentee_nip: str | None = None, **overrides: Any) -> MentorshipCompleted:
    """Completed with 4 JP of non-classroom credit."""
    fields: dict[str, Any] = {
        "mentorship_id": _id(),
        "mentor_nip": new_nip(birth_date=date(1975, 1, 1), tmt_cpns=date(2000, 3, 1)),
        "mentee_nip": mentee_nip or new_nip(),
        "completed_on": date(2025, 10, 1),
        "outcome": "Goals met",
        "jp_credit": 4,
    }
    return MentorshipCompleted.model_validate({**fields, **overrides})


def evaluation_recorded(nip: str | None = None, **overrides: Any) -> EvaluationRecorded:
    """An annual BAIK (SESUAI x SESUAI) for 2025."""
    fields: dict[str, Any] = {
        "evaluation_id": _id(),
        "nip": nip or new_nip(),
        "evaluator_nip": new_nip(birth_date=date(1975, 1, 1), tmt_cpns=date(2000, 3, 1)),
        "period_type": "ANNUAL",
        "period": "2025",
        "hasil_kerja": "SESUAI",
        "perilaku_kerja": "SESUAI",
        "predikat": "BAIK",
        "version": 1,
    }
    return EvaluationRecorded.model_validate({**fields, **overrides})


def promotion_recommended(nip: str | None = None, **overrides: Any) -> PromotionRecommended:
    """KP reguler III/c -> III/d for the April 2026 period."""
    fields: dict[str, Any] = {
        "recommendation_id": _id(),
        "nip": nip or new_nip(),
        "kind": "REGULER",
        "from_golongan": "III/c",
        "to_golongan": "III/d",
        "kp_period": date(2026, 4, 1),
        "rules_version": "KP-2025-10",
        "evidence": {
            "years_in_rank": 4.0,
            "predikat_per_year": {"2024": "BAIK", "2025": "BAIK"},
            "education_cap": "IV/a",
            "exams": [],
        },
    }
    return PromotionRecommended.model_validate({**fields, **overrides})


def promotion_recommendation_withdrawn(
    nip: str | None = None, **overrides: Any
) -> PromotionRecommendationWithdrawn:
    fields: dict[str, Any] = {
        "recommendation_id": _id(),
        "nip": nip or new_nip(),
        "to_golongan": "III/d",
        "kp_period": date(2026, 4, 1),
        "reason": "annual_predikat: predikat below BAIK in 2025",
        "rules_version": "KP-2025-10",
    }
    return PromotionRecommendationWithdrawn.model_validate({**fields, **overrides})


def allowance_entitlement_changed(
    nip: str | None = None, **overrides: Any
) -> AllowanceEntitlementChanged:
    fields: dict[str, Any] = {
        "nip": nip or new_nip(),
        "allowance": "TRANSPORT",
        "amount_idr": 1_500_000,
        "previous_amount_idr": 1_250_000,
        "effective_from": date(2025, 10, 1),
        "reason": "EmployeePromoted",
        "policy_version": "TRANSPORT-2025-01-01",
    }
    return AllowanceEntitlementChanged.model_validate({**fields, **overrides})


def benefit_claim_decided(nip: str | None = None, **overrides: Any) -> BenefitClaimDecided:
    fields: dict[str, Any] = {
        "claim_id": _id(),
        "nip": nip or new_nip(),
        "kind": "MEDICAL",
        "amount_idr": 750_000,
        "decision": "APPROVED",
    }
    return BenefitClaimDecided.model_validate({**fields, **overrides})
