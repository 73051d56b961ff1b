"""Who sees and does what, on the fakes: the use cases' scope decisions (visible, or NotFound
as if unknown), four eyes on claims, the actor from the token, and what is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from jenjang_shared.access import Principal, Role, Visibility
from jenjang_shared.contracts import Event
from jenjang_shared.contracts.vocabulary import Allowance, ClaimDecision
from jenjang_shared.errors import NotFound
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from welfare.domain.claims import DEFAULT_CLAIM_CAPS_IDR, NewClaim, OwnClaim
from welfare.domain.statements import Month
from welfare.entrypoints.events import HANDLERS
from welfare.entrypoints.http.statements import safe_cell
from welfare.service import claims
from welfare.service.policies import add_policy_version
from welfare.service.queries import entitlements_as_of, monthly_statement

from .fakes import FakeUnitOfWork

AS_OF = date(2025, 6, 1)


@dataclass(frozen=True)
class People:
    boss: str  # supervisor of `report`, in BKD
    report: str  # in BKD, reports to boss
    hr_bkd: str  # an HR officer of BKD, themself in BKD
    outsider: str  # in DINKES


def principal(*roles: Role, nip: str | None = None, units: tuple[str, ...] = ()) -> Principal:
    return Principal(
        subject=f"{roles[0].value}-{nip or 'x'}",
        roles=frozenset(roles),
        units=frozenset(units),
        nip=nip,
    )


async def deliver(uow: FakeUnitOfWork, *events: Event) -> None:
    for event in events:
        uow.handled = handled_on(AS_OF)
        await HANDLERS[type(event)](event, uow)
    uow.handled, uow.published = None, []


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
async def people(uow: FakeUnitOfWork) -> People:
    boss, report, hr_bkd, outsider = (builders.new_nip() for _ in range(4))
    await deliver(
        uow,
        builders.employee_registered(boss, unit_code="BKD"),
        builders.employee_registered(report, unit_code="BKD", supervisor_nip=boss),
        builders.employee_registered(hr_bkd, unit_code="BKD"),
        builders.employee_registered(outsider, unit_code="DINKES"),
    )
    return People(boss, report, hr_bkd, outsider)


def hr_of(unit: str, nip: str | None = None) -> Principal:
    return principal(Role.HR, nip=nip, units=(unit,))


def supervisor(nip: str) -> Principal:
    return principal(Role.SUPERVISOR, nip=nip)


def employee(nip: str) -> Principal:
    return principal(Role.EMPLOYEE, nip=nip)


ADMIN = principal(Role.ADMIN)


async def read_entitlements(uow: FakeUnitOfWork, caller: Principal, nip: str) -> Any:
    return await entitlements_as_of(
        uow, nip=nip, as_of=AS_OF, visibility=Visibility.of(caller), reader_nip=caller.nip
    )


def visible_cases(p: People) -> list[tuple[Principal, str, bool]]:
    return [
        (ADMIN, p.outsider, True),
        (principal(Role.SERVICE), p.outsider, True),
        (hr_of("BKD"), p.report, True),
        (hr_of("BKD"), p.outsider, False),
        (hr_of("DINKES"), p.report, False),
        (supervisor(p.boss), p.report, True),
        (supervisor(p.boss), p.boss, True),
        (supervisor(p.boss), p.hr_bkd, False),
        (supervisor(p.report), p.boss, False),  # not one's own superior
        (employee(p.report), p.report, True),
        (employee(p.report), p.boss, False),
        (principal(Role.EMPLOYEE), p.report, False),  # an employee token without a NIP
    ]


async def test_entitlements_are_read_within_the_caller_s_visibility_only(uow, people):
    for caller, nip, visible in visible_cases(people):
        if visible:
            view = await read_entitlements(uow, caller, nip)
            assert view.nip == nip and view.entitlements
        else:
            with pytest.raises(NotFound):
                await read_entitlements(uow, caller, nip)


async def test_reading_another_person_s_entitlements_is_audited_and_one_s_own_is_not(uow, people):
    await read_entitlements(uow, employee(people.report), people.report)
    assert uow.audited == []
    await read_entitlements(uow, supervisor(people.boss), people.report)
    assert [(a.operation, a.record_type, a.record_id) for a in uow.audited] == [
        ("entitlements.read", "entitlements", people.report)
    ]
    with pytest.raises(NotFound):  # a refused read is not a read
        await read_entitlements(uow, employee(people.boss), people.report)
    assert len(uow.audited) == 1


async def statement_nips(uow: FakeUnitOfWork, caller: Principal, unit: str | None) -> list[str]:
    statement = await monthly_statement(
        uow,
        month=Month(2025, 5),
        unit_code=unit,
        visibility=Visibility.of(caller),
        reader_nip=caller.nip,
    )
    return [e.nip for e in statement.employees]


async def test_a_statement_without_a_unit_lists_only_whom_the_caller_may_see(uow, people):
    p = people
    assert set(await statement_nips(uow, ADMIN, None)) == {p.boss, p.report, p.hr_bkd, p.outsider}
    assert set(await statement_nips(uow, hr_of("BKD"), None)) == {p.boss, p.report, p.hr_bkd}
    assert await statement_nips(uow, hr_of("DINKES"), None) == [p.outsider]
    assert set(await statement_nips(uow, supervisor(p.boss), None)) == {p.boss, p.report}
    assert await statement_nips(uow, employee(p.report), None) == [p.report]
    assert await statement_nips(uow, principal(Role.EMPLOYEE), None) == []


async def test_a_statement_of_a_unit_outside_the_caller_s_scope_is_empty(uow, people):
    assert await statement_nips(uow, hr_of("DINKES"), "BKD") == []
    assert await statement_nips(uow, employee(people.report), "BKD") == [people.report]


async def test_a_statement_with_other_people_is_audited_with_their_nips(uow, people):
    await statement_nips(uow, employee(people.report), None)
    assert uow.audited == []  # one's own line only
    await statement_nips(uow, supervisor(people.boss), "BKD")
    (entry,) = uow.audited
    assert (entry.operation, entry.record_type, entry.record_id) == (
        "statement.read",
        "statement",
        "2025-05/BKD",
    )
    assert entry.after == {"month": "2025-05", "unit_code": "BKD", "nips": [people.report]}


def new_claim(nip: str) -> NewClaim:
    return NewClaim(
        nip=nip, kind="MEDICAL", amount_idr=750_000, evidence_ref="DMS-1", period="2025-10"
    )


async def file(uow: FakeUnitOfWork, caller: Principal, nip: str) -> Any:
    claim, created = await claims.submit_claim(
        uow,
        claim=new_claim(nip),
        idempotency_key=None,
        caps=DEFAULT_CLAIM_CAPS_IDR,
        visibility=Visibility.of(caller),
        submitted_by=caller.actor,
    )
    assert created
    return claim


async def decide(uow: FakeUnitOfWork, caller: Principal, claim_id: str) -> Any:
    return await claims.decide_claim(
        uow,
        claim_id=claim_id,
        decision=ClaimDecision.APPROVED,
        reason="Kuitansi lengkap",
        visibility=Visibility.of(caller),
        decider_nip=caller.nip,
        decided_by=caller.actor,
    )


async def test_an_employee_files_their_own_claim_named_and_audited(uow, people):
    claim = await file(uow, employee(people.report), people.report)
    assert (claim.nip, claim.submitted_by) == (people.report, people.report)
    (entry,) = uow.audited
    assert (entry.operation, entry.record_id) == ("claim.submit", claim.id)
    assert entry.after is not None and entry.after["amount_idr"] == 750_000


@pytest.mark.parametrize(
    ("who", "for_whom"),
    [
        ("employee", "boss"),  # an employee files only their own
        ("supervisor", "report"),  # a supervisor does not file for their reports
        ("hr_dinkes", "report"),  # hr only for its units
    ],
)
async def test_filing_for_someone_out_of_scope_is_a_404(uow, people, who, for_whom):
    callers = {
        "employee": employee(people.report),
        "supervisor": supervisor(people.boss),
        "hr_dinkes": hr_of("DINKES"),
    }
    with pytest.raises(NotFound):
        await file(uow, callers[who], getattr(people, for_whom))
    assert uow.claims.by_id == {}
    assert uow.audited == []


async def test_hr_files_for_an_employee_of_its_unit(uow, people):
    claim = await file(uow, hr_of("BKD", nip=people.hr_bkd), people.report)
    assert (claim.nip, claim.submitted_by) == (people.report, people.hr_bkd)


async def test_hr_of_the_unit_decides_a_claim_and_is_recorded_as_the_decider(uow, people):
    claim = await file(uow, employee(people.report), people.report)
    decided = await decide(uow, hr_of("BKD", nip=people.hr_bkd), claim.id)
    assert decided.decided_by == people.hr_bkd
    entry = uow.audited[-1]
    assert (entry.operation, entry.record_id) == ("claim.decide", claim.id)
    assert entry.before == {"status": "PENDING", "decision_reason": None}
    assert entry.after == {
        "status": "APPROVED",
        "decision_reason": "Kuitansi lengkap",
        "decided_by": people.hr_bkd,
    }


async def test_nobody_decides_their_own_claim(uow, people):
    claim = await file(uow, employee(people.hr_bkd), people.hr_bkd)
    for caller in (hr_of("BKD", nip=people.hr_bkd), principal(Role.ADMIN, nip=people.hr_bkd)):
        with pytest.raises(OwnClaim) as refused:
            await decide(uow, caller, claim.id)
        assert refused.value.status == 403 and "four eyes" in refused.value.detail
    assert uow.published == []


async def test_a_claim_outside_the_decider_s_units_is_a_404(uow, people):
    claim = await file(uow, employee(people.outsider), people.outsider)
    with pytest.raises(NotFound):
        await decide(uow, hr_of("BKD", nip=people.hr_bkd), claim.id)
    # A supervisor's reports are not theirs to decide (the route's policy refuses them first).
    report_claim = await file(uow, employee(people.report), people.report)
    with pytest.raises(NotFound):
        await decide(uow, supervisor(people.boss), report_claim.id)
    assert uow.published == []


async def test_claims_are_read_and_listed_within_visibility_and_others_reads_audited(uow, people):
    mine = await file(uow, employee(people.report), people.report)
    theirs = await file(uow, employee(people.outsider), people.outsider)
    uow.audited.clear()
    me = employee(people.report)

    async def listed(caller: Principal) -> list[str]:
        found, total = await claims.list_claims(
            uow,
            nip=None,
            status=None,
            limit=50,
            offset=0,
            visibility=Visibility.of(caller),
            reader_nip=caller.nip,
        )
        assert total == len(found)
        return [c.id for c in found]

    assert await listed(me) == [mine.id]
    got = await claims.get_claim(
        uow, claim_id=mine.id, visibility=Visibility.of(me), reader_nip=me.nip
    )
    assert got.id == mine.id and uow.audited == []
    with pytest.raises(NotFound):
        await claims.get_claim(
            uow, claim_id=theirs.id, visibility=Visibility.of(me), reader_nip=me.nip
        )
    assert set(await listed(hr_of("DINKES"))) == {theirs.id}
    assert set(await listed(supervisor(people.boss))) == {mine.id}
    assert set(await listed(ADMIN)) == {mine.id, theirs.id}
    assert uow.operations() == ["claim.read"] * 3


async def test_a_transfer_moves_the_employee_into_the_new_unit_s_scope(uow, people):
    await deliver(
        uow,
        builders.employee_transferred(
            people.report, to_unit_code="DINKES", effective_date=date(2025, 5, 20)
        ),
    )
    with pytest.raises(NotFound):
        await read_entitlements(uow, hr_of("BKD"), people.report)
    with pytest.raises(NotFound):  # the transfer names no superior: the old one no longer sees
        await read_entitlements(uow, supervisor(people.boss), people.report)
    assert (await read_entitlements(uow, hr_of("DINKES"), people.report)).nip == people.report


async def test_an_update_sets_or_clears_the_superior(uow, people):
    await deliver(
        uow, builders.employee_updated(people.hr_bkd, changes={"supervisor_nip": people.boss})
    )
    assert (await read_entitlements(uow, supervisor(people.boss), people.hr_bkd)).nip
    await deliver(uow, builders.employee_updated(people.hr_bkd, changes={"supervisor_nip": None}))
    with pytest.raises(NotFound):
        await read_entitlements(uow, supervisor(people.boss), people.hr_bkd)
    # An update that changes no place leaves the unit as it was.
    await deliver(uow, builders.employee_updated(people.hr_bkd, changes={"education": "S2"}))
    assert uow.scope.rows[people.hr_bkd]["unit_code"] == "BKD"


async def test_a_policy_version_is_audited(uow, people):
    version, changes = await add_policy_version(
        uow,
        allowance=Allowance.HOUSING,
        effective_from=date(2025, 1, 1),
        rules={"by_rank_group": {"I": 1, "II": 2, "III": 3, "IV": 4}},
        note="Pergub 1/2025",
    )
    (entry,) = uow.audited
    assert (entry.operation, entry.record_type, entry.record_id) == (
        "policy_version.create",
        "policy_version",
        version.label,
    )
    assert entry.after is not None
    assert entry.after["entitlement_changes"] == changes == 4
    assert entry.after["rules"] == {"by_rank_group": {"I": 1, "II": 2, "III": 3, "IV": 4}}


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("BKD", "BKD"),
        ("III/c", "III/c"),
        ("", ""),
        (1_234_000, 1_234_000),
    ],
)
def test_a_csv_cell_that_would_run_as_a_formula_is_quoted(cell, safe):
    assert safe_cell(cell) == safe
