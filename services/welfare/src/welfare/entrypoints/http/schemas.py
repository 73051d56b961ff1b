"""Request and response models of the HTTP API (XCreate / XPublic).

Responses are validated from the domain's objects (`XPublic.model_validate(obj,
from_attributes=True)`), so a field here is named as in the domain unless an alias says how.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from jenjang_shared.contracts import Nip
from jenjang_shared.contracts.vocabulary import Allowance, ClaimDecision
from jenjang_shared.errors import InvalidInput
from welfare.domain.claims import ClaimStatus, NewClaim

MONTH_PATTERN = r"^[1-9]\d{3}-(0[1-9]|1[0-2])$"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PolicyVersionCreate(_Body):
    effective_from: date = Field(
        description="The day this version takes effect (past: applied at once, retroactively; "
        "future: entitlements change on that day)",
        examples=["2026-01-01"],
    )
    rules: dict[str, Any] = Field(
        description="TRANSPORT: {zones: {ZONE: amount}, default_amount_idr, "
        "rank_group_overrides?: {ZONE: {I..IV: amount}}}; HOUSING: {by_rank_group: {I..IV: "
        "amount}}; TPP: {base_by_job_class: {'1'..'17': amount}, factor_percent_by_predikat: "
        "{predikat: whole percent}, default_predikat?}. Amounts are whole rupiah a month.",
        examples=[{"by_rank_group": {"I": 400000, "II": 600000, "III": 900000, "IV": 1300000}}],
    )
    note: str | None = Field(default=None, max_length=500, description="Why, e.g. the Pergub")


class PolicyVersionPublic(BaseModel):
    allowance: Allowance
    version: str = Field(
        # The domain calls it the version's label.
        validation_alias=AliasChoices("version", "label"),
        description="The label entitlements record, e.g. HOUSING-v2",
    )
    version_no: int
    effective_from: date
    rules: dict[str, Any]
    note: str | None

    @field_validator("rules", mode="before")
    @classmethod
    def _rules_as_given(cls, rules: Any) -> Any:
        # The domain holds validated rule objects; the API shows them as the JSON they came in.
        to_json = getattr(rules, "to_json", None)
        return to_json() if callable(to_json) else rules


class PolicyVersionCreated(PolicyVersionPublic):
    entitlement_changes: int = Field(description="Entitlement rows this version changed")


class PolicyPublic(BaseModel):
    allowance: Allowance
    as_of: date
    in_force: PolicyVersionPublic | None = Field(description="The version in force on as_of")
    versions: list[PolicyVersionPublic] = Field(description="Every version, oldest first")


class EntitlementRowPublic(BaseModel):
    allowance: Allowance
    effective_from: date
    amount_idr: int = Field(description="Whole rupiah a month from effective_from on")
    previous_amount_idr: int
    reason: str = Field(description="The event type or policy version that caused the change")
    policy_version: str
    caused_by_event_id: str | None


class EmployeeProjectionPublic(BaseModel):
    status: str | None
    employment_type: str | None
    golongan: str | None
    rank_group: str | None
    unit_code: str | None
    work_location: str | None
    job_class: int | None = Field(description="The employee's own kelas jabatan, if known")
    job_class_used: int | None = Field(description="Own job class, or the configured fallback")
    predikat: str | None = Field(description="Latest annual predikat in force (TPP factor)")


class EntitlementsPublic(BaseModel):
    nip: str
    as_of: date
    employee: EmployeeProjectionPublic = Field(description="Welfare's view of the employee")
    entitlements: list[EntitlementRowPublic] = Field(description="In force on as_of")
    total_idr: int
    history: list[EntitlementRowPublic] = Field(description="Every recorded change")


class SegmentPublic(BaseModel):
    start: date
    end: date
    days: int
    monthly_amount_idr: int
    amount_idr: int = Field(description="monthly × days / days_in_month, rounded half up")
    policy_version: str


class AllowanceDuePublic(BaseModel):
    allowance: Allowance
    amount_idr: int
    segments: list[SegmentPublic]


class EmployeeStatementPublic(BaseModel):
    nip: str
    unit_code: str | None
    golongan: str | None
    allowances: list[AllowanceDuePublic]
    total_idr: int


class StatementPublic(BaseModel):
    month: str
    unit_code: str | None
    days_in_month: int
    employees: list[EmployeeStatementPublic]
    totals_by_allowance: dict[str, int]
    total_idr: int


class ClaimCreate(_Body):
    nip: Nip | None = Field(
        default=None,
        description="Whose claim: by default the caller's own (the token's nip). An employee "
        "files only their own; hr may file for employees of its units, admin for anyone.",
    )
    kind: str = Field(
        pattern=r"^[A-Z][A-Z0-9_]{0,39}$",
        description="Claim kind; each has a cap (configured)",
        examples=["MEDICAL"],
    )
    amount_idr: int = Field(gt=0, le=1_000_000_000, description="Whole rupiah", examples=[750000])
    evidence_ref: str = Field(
        min_length=1, max_length=500, description="Where the receipt is", examples=["DMS-2025-0042"]
    )
    period: str = Field(pattern=MONTH_PATTERN, description="YYYY-MM", examples=["2025-10"])

    def to_domain(self, *, own_nip: str | None) -> NewClaim:
        """The claim, for `nip` or else the caller's own NIP (422 when neither is known)."""
        nip = self.nip or own_nip
        if nip is None:
            raise InvalidInput("the token names no NIP: say whose claim this is", field="nip")
        return NewClaim(**{**self.model_dump(), "nip": nip})


class ClaimDecisionCreate(_Body):
    decision: ClaimDecision
    reason: str = Field(min_length=1, max_length=1000, examples=["Kuitansi lengkap"])


class ClaimPublic(BaseModel):
    id: str
    nip: str
    kind: str
    amount_idr: int
    evidence_ref: str
    period: str
    status: ClaimStatus
    decision_reason: str | None
    created_at: datetime
    decided_at: datetime | None
    submitted_by: str | None = Field(description="Who filed it (the token's NIP or subject)")
    decided_by: str | None = Field(description="Who decided it (the token's NIP or subject)")
