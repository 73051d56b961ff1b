"""Events published by the welfare service on `asn.welfare.v1`."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from jenjang_shared.contracts.base import Event, Nip
from jenjang_shared.contracts.provenance import Classification
from jenjang_shared.contracts.vocabulary import Allowance, ClaimDecision


class _WelfareEvent(Event):
    service: ClassVar[str] = "welfare"


class AllowanceEntitlementChanged(_WelfareEvent):
    """The monthly amount of one allowance changed for an employee."""

    event_name: ClassVar[str] = "AllowanceEntitlementChanged"
    classification: ClassVar[Classification] = Classification.RESTRICTED

    nip: Nip
    allowance: Allowance
    amount_idr: int = Field(ge=0, description="Whole rupiah per month", examples=[1_500_000])
    previous_amount_idr: int = Field(
        ge=0, description="Whole rupiah per month, before the change", examples=[1_250_000]
    )
    effective_from: date
    reason: str = Field(examples=["EmployeePromoted"])
    policy_version: str = Field(examples=["HOUSING-2025-01-01"])


class BenefitClaimDecided(_WelfareEvent):
    """A benefit claim was approved or rejected."""

    event_name: ClassVar[str] = "BenefitClaimDecided"
    classification: ClassVar[Classification] = Classification.RESTRICTED

    claim_id: str
    nip: Nip
    kind: str = Field(examples=["MEDICAL"])
    amount_idr: int = Field(ge=0, description="Whole rupiah claimed", examples=[750_000])
    decision: ClaimDecision
    reason: str | None = None
