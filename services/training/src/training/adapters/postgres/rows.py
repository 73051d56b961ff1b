"""Rows to domain objects: one place that knows the column names."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import asyncpg

from jenjang_shared.contracts.vocabulary import (
    EmploymentType,
    PositionKind,
    TrainingCategory,
    TrainingMethod,
)
from training.domain.model import (
    Course,
    Employee,
    EmployeeStatus,
    Enrollment,
    EnrollmentStatus,
    LedgerEntry,
    Recommendation,
    Session,
)

# asyncpg's Record reads like a mapping, but its stubs do not say it is one.
Row = Mapping[str, Any] | asyncpg.Record


def employee(r: Row) -> Employee:
    return Employee(
        nip=r["nip"],
        name=r["name"],
        employment_type=EmploymentType(r["employment_type"]) if r["employment_type"] else None,
        job_family=r["job_family"],
        unit_code=r["unit_code"],
        unit_name=r["unit_name"],
        golongan=r["golongan"],
        status=EmployeeStatus(r["status"]),
        retired_on=r["retired_on"],
        supervisor_nip=r["supervisor_nip"],
        contract_start=r["contract_start"],
        position_kind=PositionKind(r["position_kind"]) if r["position_kind"] else None,
    )


def course(r: Row) -> Course:
    return Course(
        code=r["code"],
        title=r["title"],
        training_category=TrainingCategory(r["training_category"]),
        training_method=TrainingMethod(r["training_method"]),
        jp=r["jp"],
        provider=r["provider"],
        job_families=tuple(r["job_families"]),
        mandatory=r["mandatory"],
        prerequisites=tuple(r["prerequisites"]),
    )


def session(r: Row) -> Session:
    return Session(
        id=r["id"],
        course_code=r["course_code"],
        starts_on=r["starts_on"],
        ends_on=r["ends_on"],
        capacity=r["capacity"],
        location=r["location"],
        online=r["online"],
        confirmed=r["confirmed"],
        waitlisted=r["waitlisted"],
    )


def enrollment(r: Row) -> Enrollment:
    attendance: dict[str, bool] = r["attendance"] or {}
    return Enrollment(
        id=r["id"],
        session_id=r["session_id"],
        nip=r["nip"],
        course_code=r["course_code"],
        status=EnrollmentStatus(r["status"]),
        enrolled_at=r["enrolled_at"],
        waitlist_position=r["waitlist_position"],
        score=r["score"],
        certificate_number=r["certificate_number"],
        completed_on=r["completed_on"],
        jp_earned=r["jp_earned"],
        attendance={
            date.fromisoformat(day): present for day, present in sorted(attendance.items())
        },
    )


def ledger_entry(r: Row) -> LedgerEntry:
    return LedgerEntry(
        nip=r["nip"],
        source=r["source"],
        source_ref=r["source_ref"],
        title=r["title"],
        training_category=TrainingCategory(r["training_category"]),
        training_method=TrainingMethod(r["training_method"]),
        jp=r["jp"],
        earned_on=r["earned_on"],
        course_code=r["course_code"],
        certificate_number=r["certificate_number"],
    )


def recommendation(r: Row) -> Recommendation:
    return Recommendation(
        id=r["id"],
        nip=r["nip"],
        reason_key=r["reason_key"],
        reason=r["reason"],
        rule=r["rule"],
        course_codes=tuple(r["course_codes"]),
        created_at=r["created_at"],
        published=r["published_at"] is not None,
    )
