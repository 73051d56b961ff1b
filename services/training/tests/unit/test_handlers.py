"""Every event handler on the fakes: what it changes and publishes, and what it leaves alone."""

from __future__ import annotations

from datetime import date, timedelta

from jenjang_shared.contracts import TrainingEnrolled, TrainingRecommended
from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingCategory
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from training.domain.model import EmployeeStatus, EnrollmentStatus
from training.entrypoints.events import HANDLERS
from training.service import handlers

from . import given
from .fakes import FakeUnitOfWork
from .given import TODAY


def event_uow() -> FakeUnitOfWork:
    return FakeUnitOfWork(handled=handled_on(TODAY))


def recommended(uow: FakeUnitOfWork) -> list[TrainingRecommended]:
    return [e for e in uow.published if isinstance(e, TrainingRecommended)]


def test_the_table_has_one_handler_per_consumed_event() -> None:
    assert {t.__name__ for t in HANDLERS} == {
        "EmployeeRegistered",
        "EmployeeUpdated",
        "EmployeeTransferred",
        "EmployeePromoted",
        "EmployeeRetired",
        "EvaluationRecorded",
        "MentorshipCompleted",
    }


# EmployeeRegistered


async def test_a_registration_projects_the_employee() -> None:
    uow = event_uow()
    event = builders.employee_registered(job_family="KESEHATAN", unit_code="DINKES")

    await handlers.on_employee_registered(event, uow)

    employee = uow.employees.rows[event.nip]
    assert (employee.name, employee.employment_type, employee.golongan) == (
        event.name,
        EmploymentType.PNS,
        "III/c",
    )
    assert (employee.job_family, employee.unit_code) == ("KESEHATAN", "DINKES")
    assert event.nip in uow.employees.registered
    assert uow.published == []  # a PNS gets no Latsar


async def test_a_new_cpns_gets_the_latsar_courses_once() -> None:
    uow = event_uow()
    latsar = await given.course(uow, "LATSAR-III", training_category=TrainingCategory.LATSAR)
    await given.course(uow, "TEKNIS-1")
    event = builders.employee_registered(employment_type="CPNS")

    await handlers.on_employee_registered(event, uow)
    await handlers.on_employee_registered(event, uow)

    [sent] = recommended(uow)
    assert (sent.nip, sent.reason, sent.course_codes) == (event.nip, "NEW_CPNS", [latsar.code])


async def test_a_new_cpns_without_latsar_in_the_catalogue_still_gets_the_reason() -> None:
    uow = event_uow()
    await handlers.on_employee_registered(builders.employee_registered(employment_type="CPNS"), uow)
    [sent] = recommended(uow)
    assert (sent.reason, sent.course_codes) == ("NEW_CPNS", [])


async def test_a_new_pppk_gets_no_latsar() -> None:
    uow = event_uow()
    await given.course(uow, "LATSAR-III", training_category=TrainingCategory.LATSAR)
    await handlers.on_employee_registered(builders.employee_registered(employment_type="PPPK"), uow)
    assert uow.published == []


async def test_a_registration_sends_the_recommendation_that_waited_for_the_job_family() -> None:
    uow = event_uow()
    course = await given.course(uow, job_families=("KESEHATAN",))
    nip = builders.new_nip()
    await handlers.on_evaluation_recorded(builders.evaluation_recorded(nip, predikat="KURANG"), uow)
    assert uow.published == []

    await handlers.on_employee_registered(
        builders.employee_registered(nip, job_family="KESEHATAN"), uow
    )

    [sent] = recommended(uow)
    assert (sent.reason, sent.course_codes) == ("WEAK_PREDIKAT:2025", [course.code])
    [rec] = uow.recommendations.rows
    assert rec.published and rec.course_codes == (course.code,)


# EmployeeUpdated


async def test_an_update_applies_the_fields_training_projects() -> None:
    uow = event_uow()
    employee = await given.employee(uow, employment_type=EmploymentType.CPNS)
    event = builders.employee_updated(
        employee.nip,
        changes={
            "employment_type": "PNS",
            "golongan": "III/b",
            "job_family": "KEPEGAWAIAN",
            "unit_code": "BKD",
            "unit_name": "Badan Kepegawaian Daerah",
            "name": "Siti Rahmawati",
        },
    )

    await handlers.on_employee_updated(event, uow)

    now = uow.employees.rows[employee.nip]
    assert (now.employment_type, now.golongan, now.job_family) == (
        EmploymentType.PNS,
        "III/b",
        "KEPEGAWAIAN",
    )
    assert (now.unit_code, now.unit_name, now.name) == (
        "BKD",
        "Badan Kepegawaian Daerah",
        "Siti Rahmawati",
    )


async def test_an_update_keeps_what_it_does_not_change_and_ignores_what_training_does_not_keep() -> (
    None
):
    uow = event_uow()
    employee = await given.employee(uow, job_family="KESEHATAN")
    event = builders.employee_updated(
        employee.nip,
        changes={
            "position_title": "Perawat Ahli Muda",
            "education": "S2",
            "functional_level": None,  # a clear of a field training does not keep
            "supervisor_nip": None,
        },
    )

    await handlers.on_employee_updated(event, uow)

    assert uow.employees.rows[employee.nip] == employee
    assert uow.published == []


async def test_an_update_of_an_unknown_employee_starts_a_partial_projection() -> None:
    uow = event_uow()
    event = builders.employee_updated(changes={"employment_type": "PNS", "golongan": "III/a"})

    await handlers.on_employee_updated(event, uow)

    partial = uow.employees.rows[event.nip]
    assert (partial.employment_type, partial.golongan, partial.name) == (
        EmploymentType.PNS,
        "III/a",
        None,
    )
    assert event.nip not in uow.employees.registered


async def test_an_update_that_gives_the_job_family_sends_the_waiting_recommendation() -> None:
    uow = event_uow()
    course = await given.course(uow, job_families=("KEUANGAN",))
    employee = await given.employee(uow, job_family=None)
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(employee.nip, predikat="SANGAT_KURANG"), uow
    )
    assert uow.published == []

    await handlers.on_employee_updated(
        builders.employee_updated(employee.nip, changes={"job_family": "KEUANGAN"}), uow
    )

    [sent] = recommended(uow)
    assert (sent.reason, sent.course_codes) == ("WEAK_PREDIKAT:2025", [course.code])


# EmployeeTransferred


async def test_a_transfer_moves_the_unit_and_keeps_the_job_family_it_does_not_name() -> None:
    uow = event_uow()
    employee = await given.employee(uow, job_family="KESEHATAN", unit_code="RSUD")

    await handlers.on_employee_transferred(builders.employee_transferred(employee.nip), uow)

    moved = uow.employees.rows[employee.nip]
    assert (moved.unit_code, moved.unit_name, moved.job_family) == (
        "DINKES",
        "Dinas Kesehatan",
        "KESEHATAN",
    )
    assert uow.published == []


async def test_a_transfer_into_a_job_family_sends_the_waiting_recommendation() -> None:
    uow = event_uow()
    course = await given.course(uow, job_families=("KEPEGAWAIAN",))
    nip = builders.new_nip()
    await handlers.on_evaluation_recorded(builders.evaluation_recorded(nip, predikat="KURANG"), uow)

    await handlers.on_employee_transferred(
        builders.employee_transferred(nip, job_family="KEPEGAWAIAN"), uow
    )

    [sent] = recommended(uow)
    assert sent.course_codes == [course.code]
    assert uow.employees.rows[nip].job_family == "KEPEGAWAIAN"


# EmployeePromoted


async def test_a_promotion_changes_the_golongan_only() -> None:
    uow = event_uow()
    employee = await given.employee(uow)

    await handlers.on_employee_promoted(
        builders.employee_promoted(employee.nip, from_golongan="III/a", to_golongan="III/b"), uow
    )

    assert uow.employees.rows[employee.nip].golongan == "III/b"
    assert uow.employees.rows[employee.nip].job_family == employee.job_family


# EmployeeRetired


async def test_a_retirement_releases_places_from_the_retirement_date_on_to_the_waitlist() -> None:
    uow = event_uow()
    leaving, waiting = await given.employee(uow), await given.employee(uow)
    course = await given.course(uow)
    later = await given.session(uow, course.code, starts_on=TODAY + timedelta(days=10), capacity=1)
    earlier = await given.session(uow, course.code, starts_on=TODAY - timedelta(days=5))
    place = await given.enrolment(uow, later, leaving.nip)
    queued = await given.enrolment(uow, later, waiting.nip, EnrollmentStatus.WAITLISTED)
    kept = await given.enrolment(uow, earlier, leaving.nip)

    await handlers.on_employee_retired(
        builders.employee_retired(leaving.nip, retirement_date=TODAY), uow
    )

    assert uow.employees.rows[leaving.nip].status is EmployeeStatus.RETIRED
    assert uow.employees.rows[leaving.nip].retired_on == TODAY
    assert uow.enrollments.rows[place.id].status is EnrollmentStatus.CANCELLED
    assert uow.enrollments.rows[queued.id].status is EnrollmentStatus.CONFIRMED
    assert uow.enrollments.rows[kept.id].status is EnrollmentStatus.CONFIRMED
    [moved_up] = uow.published
    assert isinstance(moved_up, TrainingEnrolled)
    assert (moved_up.nip, moved_up.enrollment_id) == (waiting.nip, str(queued.id))


async def test_a_retired_waitlist_entry_frees_no_place() -> None:
    uow = event_uow()
    holder, leaving = await given.employee(uow), await given.employee(uow)
    held = await given.session(uow, (await given.course(uow)).code, capacity=1)
    await given.enrolment(uow, held, holder.nip)
    queued = await given.enrolment(uow, held, leaving.nip, EnrollmentStatus.WAITLISTED)

    await handlers.on_employee_retired(
        builders.employee_retired(leaving.nip, retirement_date=TODAY), uow
    )

    assert uow.enrollments.rows[queued.id].status is EnrollmentStatus.CANCELLED
    assert uow.published == []


async def test_a_retirement_of_an_unknown_employee_is_recorded() -> None:
    uow = event_uow()
    event = builders.employee_retired(retirement_date=date(2044, 10, 1))
    await handlers.on_employee_retired(event, uow)
    assert uow.employees.rows[event.nip].status is EmployeeStatus.RETIRED
    assert uow.published == []


# EvaluationRecorded


async def test_a_weak_annual_predikat_gets_the_job_family_courses_mandatory_first() -> None:
    uow = event_uow()
    optional = await given.course(uow, "A-OPTIONAL")
    mandatory = await given.course(uow, "Z-MANDATORY", mandatory=True)
    await given.course(uow, "OTHER", job_families=("KEUANGAN",))
    await given.course(uow, "LATSAR", training_category=TrainingCategory.LATSAR)
    employee = await given.employee(uow, job_family="KESEHATAN")

    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(employee.nip, predikat="BUTUH_PERBAIKAN"), uow
    )

    [sent] = recommended(uow)
    assert sent.reason == "WEAK_PREDIKAT:2025"
    assert sent.course_codes == [mandatory.code, optional.code]


async def test_a_correction_of_the_same_period_recommends_nothing_more() -> None:
    uow = event_uow()
    await given.course(uow)
    employee = await given.employee(uow)
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(employee.nip, predikat="KURANG"), uow
    )
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(employee.nip, predikat="SANGAT_KURANG", version=2), uow
    )
    assert len(recommended(uow)) == 1


async def test_a_good_or_periodic_predikat_recommends_nothing() -> None:
    uow = event_uow()
    await given.course(uow)
    employee = await given.employee(uow)
    for event in (
        builders.evaluation_recorded(employee.nip, predikat="BAIK"),
        builders.evaluation_recorded(employee.nip, predikat="SANGAT_BAIK"),
        builders.evaluation_recorded(
            employee.nip, predikat="KURANG", period_type="PERIODIC", period="2025-Q3"
        ),
    ):
        await handlers.on_evaluation_recorded(event, uow)
    assert uow.recommendations.rows == [] and uow.published == []


async def test_a_weak_predikat_of_an_unknown_employee_waits_unpublished() -> None:
    uow = event_uow()
    await given.course(uow)
    event = builders.evaluation_recorded(predikat="KURANG")

    await handlers.on_evaluation_recorded(event, uow)

    [waiting] = uow.recommendations.rows
    assert (waiting.nip, waiting.published, waiting.course_codes) == (event.nip, False, ())
    assert uow.published == []


# MentorshipCompleted


async def test_completed_mentoring_credits_non_classroom_jp_once() -> None:
    uow = event_uow()
    event = builders.mentorship_completed(
        jp_credit=6, completed_on=date(2025, 3, 1), program="COACHING"
    )

    await handlers.on_mentorship_completed(event, uow)
    await handlers.on_mentorship_completed(event, uow)

    [entry] = uow.ledger.entries
    assert (entry.nip, entry.source, entry.source_ref, entry.jp) == (
        event.mentee_nip,
        "MENTORING",
        event.mentorship_id,
        6,
    )
    assert (entry.earned_on, entry.training_method.value) == (date(2025, 3, 1), "NONKLASIKAL")
    assert entry.title == "Mentoring (COACHING)"
    assert uow.published == []


async def test_mentoring_without_credit_leaves_no_entry() -> None:
    uow = event_uow()
    await handlers.on_mentorship_completed(builders.mentorship_completed(jp_credit=0), uow)
    assert uow.ledger.entries == []
