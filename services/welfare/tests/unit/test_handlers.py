"""Every event handler on the fakes: what it projects, what it publishes, what it refuses."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import AllowanceEntitlementChanged, Event
from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.errors import InvalidInput
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from welfare.domain.employee import Attribute
from welfare.domain.entitlements import in_force
from welfare.domain.ranks import RankRules
from welfare.entrypoints.events import HANDLERS
from welfare.service import handlers

from .fakes import SEED_DAY, FakeUnitOfWork

TPP_9_BAIK, HOUSING_III, HOUSING_IV = 4_042_000, 900_000, 1_300_000
BANDUNG, BANDUNG_IV, GARUT = 1_100_000, 1_400_000, 850_000


async def deliver(uow: FakeUnitOfWork, event: Event, *, event_id: str | None = None) -> None:
    """As the consumer does: the table's handler, on a unit of work that carries the event."""
    uow.handled = handled_on(date(2025, 10, 1), event_id=event_id)
    await HANDLERS[type(event)](event, uow)


def amounts(uow: FakeUnitOfWork, nip: str, on: date) -> dict[Allowance, int]:
    rows = uow.entitlements.of_nip(nip)
    found = {a: in_force([r for r in rows if r.allowance is a], on) for a in Allowance}
    return {a: row.amount_idr for a, row in found.items() if row is not None}


def changes(uow: FakeUnitOfWork, reason: str | None = None) -> list[tuple[Any, ...]]:
    return sorted(
        (e.allowance.value, e.previous_amount_idr, e.amount_idr, e.effective_from)
        for e in uow.published_of(AllowanceEntitlementChanged)
        if isinstance(e, AllowanceEntitlementChanged) and reason in (None, e.reason)
    )


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def registered(uow: FakeUnitOfWork, **overrides: Any) -> str:
    event = builders.employee_registered(**overrides)
    await deliver(uow, event)
    return event.nip


def test_the_table_has_one_handler_per_event_type():
    assert {model.__name__: handler for model, handler in HANDLERS.items()} == {
        "EmployeeRegistered": handlers.on_employee_registered,
        "EmployeeUpdated": handlers.on_employee_updated,
        "EmployeePromoted": handlers.on_employee_promoted,
        "EmployeeTransferred": handlers.on_employee_transferred,
        "EmployeeRetired": handlers.on_employee_retired,
        "EvaluationRecorded": handlers.on_evaluation_recorded,
    }


async def test_a_registration_grants_every_allowance_from_its_golongan_tmt(uow):
    event = builders.employee_registered()
    await deliver(uow, event, event_id="e-1")
    nip = event.nip
    assert amounts(uow, nip, date(2023, 12, 31)) == {}  # no policy before the seed's date
    assert amounts(uow, nip, SEED_DAY) == {
        Allowance.TPP: TPP_9_BAIK,
        Allowance.HOUSING: HOUSING_III,
        Allowance.TRANSPORT: BANDUNG,
    }
    assert changes(uow) == [
        ("HOUSING", 0, HOUSING_III, SEED_DAY),
        ("TPP", 0, TPP_9_BAIK, SEED_DAY),
        ("TRANSPORT", 0, BANDUNG, SEED_DAY),
    ]
    assert {r.caused_by_event_id for r in uow.entitlements.rows} == {"e-1"}
    assert {(r.event_id, r.event_type) for r in uow.facts.rows} == {("e-1", "EmployeeRegistered")}
    assert uow.locks.taken == [nip]


async def test_the_same_registration_again_adds_and_publishes_nothing(uow):
    event = builders.employee_registered()
    await deliver(uow, event)
    rows, published = list(uow.entitlements.rows), list(uow.published)
    await deliver(uow, event)  # a producer retry under a new event id
    assert (uow.entitlements.rows, uow.published) == (rows, published)


async def test_a_handler_refuses_to_run_without_the_event_it_handles(uow):
    with pytest.raises(RuntimeError):
        await handlers.on_employee_registered(builders.employee_registered(), uow)


async def test_an_update_of_the_job_class_changes_tpp_and_clearing_it_uses_the_fallback(uow):
    nip = await registered(uow)
    await deliver(
        uow, builders.employee_updated(nip, {"job_class": 12}, effective_date=date(2025, 7, 1))
    )
    await deliver(
        uow, builders.employee_updated(nip, {"job_class": None}, effective_date=date(2025, 9, 1))
    )
    assert amounts(uow, nip, date(2025, 6, 30))[Allowance.TPP] == TPP_9_BAIK
    assert amounts(uow, nip, date(2025, 7, 1))[Allowance.TPP] == 7_708_000  # 8,200,000 × 94 %
    assert amounts(uow, nip, date(2025, 9, 1))[Allowance.TPP] == 2_679_000  # III -> class 7
    assert changes(uow, "EmployeeUpdated") == [
        ("TPP", TPP_9_BAIK, 7_708_000, date(2025, 7, 1)),
        ("TPP", 7_708_000, 2_679_000, date(2025, 9, 1)),
    ]


async def test_an_update_dates_a_golongan_by_its_tmt_and_the_rest_by_its_effective_date(uow):
    nip = await registered(uow, golongan="III/d")
    update = builders.employee_updated(
        nip,
        {"golongan": "IV/a", "golongan_tmt": "2025-04-01", "work_location": "KAB_GARUT"},
        effective_date=date(2025, 5, 2),
    )
    await deliver(uow, update)
    assert changes(uow, "EmployeeUpdated") == [
        ("HOUSING", HOUSING_III, HOUSING_IV, date(2025, 4, 1)),
        ("TRANSPORT", BANDUNG, BANDUNG_IV, date(2025, 4, 1)),
        ("TRANSPORT", BANDUNG_IV, GARUT, date(2025, 5, 2)),
    ]


async def test_an_update_of_the_unit_and_employment_type_is_projected_without_a_new_amount(uow):
    nip = await registered(uow, employment_type="PPPK")
    before = len(uow.published)
    update = builders.employee_updated(
        nip, {"unit_code": "DINKES", "employment_type": "PNS"}, effective_date=date(2025, 1, 1)
    )
    await deliver(uow, update)
    timeline = (await uow.facts.timelines([nip], visibility=Visibility.unrestricted()))[nip]
    state = timeline.state_at(date(2025, 1, 1))
    assert (state.unit_code, state.employment_type) == ("DINKES", "PNS")
    assert len(uow.published) == before


@pytest.mark.parametrize(
    "changed",
    [
        {"education": "S2", "name": "Siti R."},
        {"supervisor_nip": None, "functional_level": None, "position_title": "Analis"},
        {"golongan_tmt": "2025-01-01"},  # a TMT without a golongan changes nothing
        {"a_field_of_a_later_version": 1},
    ],
)
async def test_an_update_of_fields_welfare_does_not_project_is_applied_as_a_no_op(uow, changed):
    nip = await registered(uow)
    facts, published = len(uow.facts.rows), len(uow.published)
    await deliver(uow, builders.employee_updated(nip, changed))
    assert (len(uow.facts.rows), len(uow.published)) == (facts, published)
    assert uow.locks.taken[-1] == nip


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"work_location": ""}, "changes.work_location"),
        ({"unit_code": None}, "changes.unit_code"),
        ({"golongan": None}, "changes.golongan"),
        ({"employment_type": None}, "changes.employment_type"),
    ],
)
async def test_an_update_with_a_value_welfare_cannot_date_is_refused(uow, changed, field):
    nip = await registered(uow)
    with pytest.raises(InvalidInput) as refused:
        await deliver(uow, builders.employee_updated(nip, changed))
    assert refused.value.field == field


async def test_a_promotion_into_group_iv_raises_housing_and_transport_from_its_tmt(uow):
    nip = await registered(uow, golongan="III/d")
    promotion = builders.employee_promoted(
        nip, from_golongan="III/d", to_golongan="IV/a", tmt=date(2025, 4, 1)
    )
    await deliver(uow, promotion)
    assert changes(uow, "EmployeePromoted") == [
        ("HOUSING", HOUSING_III, HOUSING_IV, date(2025, 4, 1)),
        ("TRANSPORT", BANDUNG, BANDUNG_IV, date(2025, 4, 1)),
    ]
    assert amounts(uow, nip, date(2025, 4, 1))[Allowance.TPP] == TPP_9_BAIK


async def test_a_promotion_within_a_group_records_the_golongan_and_publishes_nothing(uow):
    nip = await registered(uow, golongan="III/a")
    before = len(uow.published)
    await deliver(uow, builders.employee_promoted(nip, from_golongan="III/a", to_golongan="III/b"))
    assert len(uow.published) == before
    timeline = (await uow.facts.timelines([nip], visibility=Visibility.unrestricted()))[nip]
    assert timeline.state_at(date(2025, 10, 1)).golongan == "III/b"


async def test_a_transfer_changes_transport_by_zone_from_its_date(uow):
    nip = await registered(uow)
    transfer = builders.employee_transferred(
        nip, work_location="KAB_GARUT", effective_date=date(2025, 11, 1)
    )
    await deliver(uow, transfer)
    assert changes(uow, "EmployeeTransferred") == [("TRANSPORT", BANDUNG, GARUT, date(2025, 11, 1))]
    unknown_zone = builders.employee_transferred(
        nip, work_location="ZONA_TAK_DIKENAL", effective_date=date(2026, 2, 1)
    )
    await deliver(uow, unknown_zone)
    assert amounts(uow, nip, date(2026, 2, 1))[Allowance.TRANSPORT] == 750_000  # the default


async def test_a_retirement_stops_every_allowance_from_its_date(uow):
    nip = await registered(uow)
    await deliver(uow, builders.employee_retired(nip, retirement_date=date(2026, 3, 1)))
    assert amounts(uow, nip, date(2026, 2, 28))[Allowance.HOUSING] == HOUSING_III
    assert set(amounts(uow, nip, date(2026, 3, 1)).values()) == {0}
    assert len(changes(uow, "EmployeeRetired")) == 3


async def test_an_annual_evaluation_sets_the_tpp_factor_from_january_of_the_next_year(uow):
    nip = await registered(uow)
    await deliver(uow, builders.evaluation_recorded(nip, predikat="SANGAT_BAIK", period="2025"))
    assert amounts(uow, nip, date(2025, 12, 31))[Allowance.TPP] == TPP_9_BAIK
    assert amounts(uow, nip, date(2026, 1, 1))[Allowance.TPP] == 4_300_000
    correction = builders.evaluation_recorded(nip, predikat="KURANG", period="2025", version=2)
    await deliver(uow, correction)
    assert amounts(uow, nip, date(2026, 1, 1))[Allowance.TPP] == 3_010_000  # 70 %
    stale = builders.evaluation_recorded(nip, predikat="BAIK", period="2025", version=1)
    await deliver(uow, stale)
    assert amounts(uow, nip, date(2026, 1, 1))[Allowance.TPP] == 3_010_000


async def test_a_periodic_evaluation_is_a_no_op(uow):
    nip = await registered(uow)
    facts, published = len(uow.facts.rows), len(uow.published)
    periodic = builders.evaluation_recorded(
        nip, predikat="SANGAT_BAIK", period="2025-07", period_type="PERIODIC"
    )
    await deliver(uow, periodic)
    assert (len(uow.facts.rows), len(uow.published)) == (facts, published)


async def test_an_evaluation_before_the_registration_is_kept_and_used_once_it_arrives(uow):
    nip = builders.new_nip()
    await deliver(uow, builders.evaluation_recorded(nip, predikat="SANGAT_BAIK", period="2024"))
    assert [f.attribute for f in uow.facts.of(nip)] == [Attribute.PREDIKAT]
    assert uow.published == [] and uow.entitlements.rows == []
    await registered(uow, nip=nip)
    assert amounts(uow, nip, date(2024, 6, 1))[Allowance.TPP] == TPP_9_BAIK
    assert amounts(uow, nip, date(2025, 1, 1))[Allowance.TPP] == 4_300_000


async def test_the_configured_rank_rules_decide_the_job_class_fallback(uow):
    uow.rank_rules = RankRules(job_class_fallback={"III": 10})
    nip = await registered(uow, job_class=None)
    assert amounts(uow, nip, SEED_DAY)[Allowance.TPP] == 4_982_000  # 5,300,000 × 94 %
