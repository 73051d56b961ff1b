"""Completing an enrolment on the fakes: a pass credits JP and is announced, a fail is recorded,
and every refusal changes nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest

from jenjang_shared.contracts import TrainingCompleted
from jenjang_shared.contracts.vocabulary import TrainingMethod
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from training.domain.model import Enrollment, EnrollmentStatus
from training.service import completion

from . import given
from .fakes import FakeUnitOfWork
from .given import EVERYONE, TODAY


async def placed(uow: FakeUnitOfWork, jp: int = 12) -> Enrollment:
    employee = await given.employee(uow)
    course = await given.course(uow, jp=jp, title="Manajemen Rumah Sakit")
    return await given.enrolment(uow, await given.session(uow, course.code), employee.nip)


async def test_a_pass_credits_the_course_jp_and_publishes_training_completed() -> None:
    uow = FakeUnitOfWork()
    place = await placed(uow, jp=12)

    done = await completion.complete(
        uow,
        visibility=EVERYONE,
        caller_nip=None,
        enrollment_id=place.id,
        passed=True,
        score=88.5,
        certificate_number="SERT/1",
        completed_on=TODAY,
        today=TODAY,
    )

    assert (done.status, done.jp_earned, done.score) == (
        EnrollmentStatus.PASSED,
        12,
        Decimal("88.5"),
    )
    [entry] = uow.ledger.entries
    assert (entry.source, entry.source_ref, entry.jp, entry.earned_on) == (
        "TRAINING",
        str(place.id),
        12,
        TODAY,
    )
    [event] = uow.published
    assert isinstance(event, TrainingCompleted)
    assert (event.nip, event.enrollment_id, event.course_code, event.jp) == (
        place.nip,
        str(place.id),
        place.course_code,
        12,
    )
    assert (event.certificate_number, event.training_method) == ("SERT/1", TrainingMethod.KLASIKAL)


async def test_a_fail_is_recorded_with_no_jp_and_no_event() -> None:
    uow = FakeUnitOfWork()
    place = await placed(uow)

    done = await completion.complete(
        uow,
        visibility=EVERYONE,
        caller_nip=None,
        enrollment_id=place.id,
        passed=False,
        score=40,
        completed_on=TODAY,
        today=TODAY,
    )

    assert (done.status, done.jp_earned) == (EnrollmentStatus.FAILED, 0)
    assert uow.ledger.entries == [] and uow.published == []


async def test_completing_twice_is_409() -> None:
    uow = FakeUnitOfWork()
    place = await placed(uow)
    await completion.complete(
        uow,
        visibility=EVERYONE,
        caller_nip=None,
        enrollment_id=place.id,
        passed=True,
        certificate_number="S-1",
        completed_on=TODAY,
        today=TODAY,
    )
    with pytest.raises(Conflict, match="already completed"):
        await completion.complete(
            uow,
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=place.id,
            passed=True,
            certificate_number="S-2",
            completed_on=TODAY,
            today=TODAY,
        )
    assert len(uow.ledger.entries) == 1 and len(uow.published) == 1


async def test_a_certificate_number_already_recorded_is_409_and_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    first, second = await placed(uow), await placed(uow)
    await completion.complete(
        uow,
        visibility=EVERYONE,
        caller_nip=None,
        enrollment_id=first.id,
        passed=True,
        certificate_number="DUP",
        completed_on=TODAY,
        today=TODAY,
    )
    with pytest.raises(Conflict) as clash:
        await completion.complete(
            uow,
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=second.id,
            passed=True,
            certificate_number="DUP",
            completed_on=TODAY,
            today=TODAY,
        )
    assert clash.value.field == "certificate_number"
    assert uow.enrollments.rows[second.id].status is EnrollmentStatus.CONFIRMED


@pytest.mark.parametrize(
    ("passed", "certificate", "completed_on", "field"),
    [
        (False, None, TODAY + timedelta(days=1), "completed_on"),  # in the future
        (False, None, TODAY - timedelta(days=1), "completed_on"),  # before the session starts
        (True, None, TODAY, "certificate_number"),
        (True, "  ", TODAY, "certificate_number"),
    ],
)
async def test_a_bad_completion_is_422_naming_the_field(
    passed: bool, certificate: str | None, completed_on: object, field: str
) -> None:
    uow = FakeUnitOfWork()
    place = await placed(uow)
    with pytest.raises(InvalidInput) as refused:
        await completion.complete(
            uow,
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=place.id,
            passed=passed,
            certificate_number=certificate,
            completed_on=completed_on,  # type: ignore[arg-type]
            today=TODAY,
        )
    assert refused.value.field == field
    assert uow.enrollments.rows[place.id].status is EnrollmentStatus.CONFIRMED


async def test_a_waitlist_entry_cannot_be_completed() -> None:
    uow = FakeUnitOfWork()
    held = await given.session(uow, (await given.course(uow)).code, capacity=1)
    employee = await given.employee(uow)
    queued = await given.enrolment(uow, held, employee.nip, EnrollmentStatus.WAITLISTED)
    with pytest.raises(Conflict, match="WAITLISTED"):
        await completion.complete(
            uow,
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=queued.id,
            passed=False,
            completed_on=TODAY,
            today=TODAY,
        )


async def test_an_unknown_enrolment_is_404() -> None:
    with pytest.raises(NotFound):
        await completion.complete(
            FakeUnitOfWork(),
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=uuid.uuid4(),
            passed=False,
            completed_on=TODAY,
            today=TODAY,
        )
