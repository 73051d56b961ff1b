"""Policy use cases on the fakes: reading versions, adding one (entitlements follow)."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts import AllowanceEntitlementChanged
from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.errors import InvalidInput
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from welfare.domain.entitlements import in_force
from welfare.service import handlers
from welfare.service.policies import add_policy_version, policy_versions

from .fakes import SEED_DAY, FakeUnitOfWork

HOUSING = {"by_rank_group": {"I": 400_000, "II": 600_000, "III": 1_000_000, "IV": 1_500_000}}


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def a_registered_employee(uow: FakeUnitOfWork, **overrides: object) -> str:
    event = builders.employee_registered(**overrides)
    uow.handled = handled_on(SEED_DAY)
    await handlers.on_employee_registered(event, uow)
    uow.handled, uow.published = None, []
    return event.nip


def housing_on(uow: FakeUnitOfWork, nip: str, on: date) -> int:
    rows = [r for r in uow.entitlements.of_nip(nip) if r.allowance is Allowance.HOUSING]
    row = in_force(rows, on)
    return row.amount_idr if row else 0


async def test_a_future_version_is_written_at_once_and_takes_effect_on_its_date(uow):
    nip = await a_registered_employee(uow)
    starts = date(2027, 1, 1)
    version, changed = await add_policy_version(
        uow, allowance=Allowance.HOUSING, effective_from=starts, rules=HOUSING, note="Pergub"
    )
    assert (version.label, version.note, changed) == ("HOUSING-v2", "Pergub", 1)
    assert housing_on(uow, nip, date(2026, 12, 31)) == 900_000
    assert housing_on(uow, nip, starts) == 1_000_000
    assert uow.published == [
        AllowanceEntitlementChanged(
            nip=nip,
            allowance=Allowance.HOUSING,
            amount_idr=1_000_000,
            previous_amount_idr=900_000,
            effective_from=starts,
            reason="POLICY HOUSING-v2",
            policy_version="HOUSING-v2",
        )
    ]
    assert uow.locks.taken[-1] == "*"  # every employee, excluded from per-employee changes


async def test_a_version_dated_in_the_past_recomputes_retroactively(uow):
    nip = await a_registered_employee(uow, golongan="IV/a")
    _, changed = await add_policy_version(
        uow, allowance=Allowance.HOUSING, effective_from=date(2025, 1, 1), rules=HOUSING, note=None
    )
    assert changed == 1
    assert housing_on(uow, nip, date(2024, 12, 31)) == 1_300_000
    assert housing_on(uow, nip, date(2025, 1, 1)) == 1_500_000


async def test_a_version_that_changes_no_amount_publishes_nothing(uow):
    await a_registered_employee(uow)
    same = {"by_rank_group": {"I": 400_000, "II": 600_000, "III": 900_000, "IV": 1_300_000}}
    version, changed = await add_policy_version(
        uow, allowance=Allowance.HOUSING, effective_from=date(2025, 1, 1), rules=same, note=None
    )
    assert (version.version_no, changed, uow.published) == (2, 0, [])


async def test_bad_rules_are_refused_naming_the_field_and_add_no_version(uow):
    with pytest.raises(InvalidInput) as refused:
        await add_policy_version(
            uow,
            allowance=Allowance.HOUSING,
            effective_from=date(2025, 1, 1),
            rules={"by_rank_group": {"I": 1, "II": 2, "III": 3}},
            note=None,
        )
    assert refused.value.field == "rules.by_rank_group"
    assert [v.label for v in uow.policies.versions if v.allowance is Allowance.HOUSING] == [
        "HOUSING-v1"
    ]


async def test_the_versions_and_the_one_in_force_on_a_day(uow):
    await add_policy_version(
        uow, allowance=Allowance.HOUSING, effective_from=date(2027, 1, 1), rules=HOUSING, note=None
    )
    versions, current = await policy_versions(
        uow, allowance=Allowance.HOUSING, as_of=date(2026, 12, 31)
    )
    assert [v.label for v in versions] == ["HOUSING-v1", "HOUSING-v2"]
    assert current is not None and current.label == "HOUSING-v1"
    _, later = await policy_versions(uow, allowance=Allowance.HOUSING, as_of=date(2027, 1, 1))
    assert later is not None and later.label == "HOUSING-v2"
    _, before = await policy_versions(uow, allowance=Allowance.HOUSING, as_of=date(2023, 12, 31))
    assert before is None
