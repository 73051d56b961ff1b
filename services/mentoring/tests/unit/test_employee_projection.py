"""The employee projection tolerates late and out-of-order events."""

from __future__ import annotations

from datetime import date

from jenjang_shared.contracts.personnel import EmployeeChanges
from mentoring.domain.employee import Employee
from mentoring.domain.ranks import Rank, RankScheme, outranks, rank_gap

NIP = "199001012015011001"
BOSS = "197501012000011001"


def changes(**fields: object) -> EmployeeChanges:
    """EmployeeUpdated.changes as the contract parses them from the JSON of the event."""
    return EmployeeChanges.model_validate(fields)


def test_a_registration_after_an_update_keeps_the_newer_values() -> None:
    updated = Employee(nip=NIP).with_changes(
        changes(golongan="III/b", golongan_tmt="2024-04-01"), date(2024, 4, 1)
    )
    registered = updated.registered_with(
        golongan="III/a", golongan_tmt=date(2020, 4, 1), unit_code="BKD", employment_type="PNS"
    )
    assert registered.registered
    assert registered.golongan == "III/b"
    assert registered.unit_code == "BKD"


def test_an_older_promotion_arriving_late_does_not_lower_the_rank() -> None:
    employee = Employee(nip=NIP).with_rank("III/c", date(2025, 4, 1))
    assert employee.with_rank("III/b", date(2021, 4, 1)).golongan == "III/c"
    assert employee.with_rank("III/d", date(2029, 4, 1)).golongan == "III/d"


def test_an_older_transfer_arriving_late_is_ignored() -> None:
    employee = Employee(nip=NIP).with_unit(
        unit_code="DINKES",
        unit_name=None,
        since=date(2025, 6, 1),
        supervisor_nip=None,
        job_family="KESEHATAN",
    )
    late = employee.with_unit(
        unit_code="BKD",
        unit_name=None,
        since=date(2024, 1, 1),
        supervisor_nip=None,
        job_family=None,
    )
    assert late.unit_code == "DINKES"


def test_retirement_is_final() -> None:
    retired = Employee(nip=NIP, registered=True).retire(date(2025, 1, 1))
    again = retired.registered_with(name="X").with_changes(changes(employment_type="PNS"), None)
    assert again.retired


def test_fields_not_sent_do_not_change_and_unknown_fields_are_ignored() -> None:
    employee = Employee(nip=NIP, golongan="II/a", employment_type="CPNS", supervisor_nip=BOSS)
    changed = employee.with_changes(
        changes(position_title="Analis", hobby="x", job_class=9), date(2025, 1, 1)
    )
    assert changed == employee


def test_a_null_superior_clears_it_and_other_nulls_change_nothing() -> None:
    employee = Employee(nip=NIP, name="Siti", unit_code="BKD", supervisor_nip=BOSS)
    changed = employee.with_changes(changes(supervisor_nip=None, name=None), date(2025, 1, 1))
    assert (changed.supervisor_nip, changed.name, changed.unit_code) == (None, "Siti", "BKD")


def test_a_new_unit_in_changes_is_dated_from_the_effective_date() -> None:
    employee = Employee(nip=NIP, unit_code="BKD", supervisor_nip=BOSS, job_family="UMUM")
    moved = employee.with_changes(
        changes(unit_code="DINKES", unit_name="Dinas Kesehatan", job_family="KESEHATAN"),
        date(2025, 6, 1),
    )
    assert (moved.unit_code, moved.unit_since, moved.job_family) == (
        "DINKES",
        date(2025, 6, 1),
        "KESEHATAN",
    )
    assert moved.supervisor_nip == BOSS  # not sent: unchanged
    older = moved.with_changes(changes(unit_code="BKD"), date(2024, 1, 1))
    assert older.unit_code == "DINKES"


def test_a_rank_change_takes_golongan_tmt_or_else_the_effective_date() -> None:
    employee = Employee(nip=NIP, golongan="III/a", golongan_tmt=date(2021, 4, 1))
    with_tmt = employee.with_changes(
        changes(golongan="III/b", golongan_tmt="2025-04-01"), date(2025, 5, 2)
    )
    assert (with_tmt.golongan, with_tmt.golongan_tmt) == ("III/b", date(2025, 4, 1))
    without = employee.with_changes(changes(golongan="III/b"), date(2025, 5, 2))
    assert without.golongan_tmt == date(2025, 5, 2)
    stale = with_tmt.with_changes(changes(golongan="III/a"), date(2020, 1, 1))
    assert stale.golongan == "III/b"


def test_appointment_from_cpns_to_pns() -> None:
    changed = Employee(nip=NIP, employment_type="CPNS").with_changes(
        changes(employment_type="PNS"), date(2025, 1, 1)
    )
    assert changed.is_pns


def test_rank_order_and_schemes() -> None:
    assert Rank.of("I/a") == Rank(RankScheme.PNS, 0)
    assert Rank.of("IV/e") == Rank(RankScheme.PNS, 16)
    assert Rank.of("XVII") == Rank(RankScheme.PPPK, 16)
    assert outranks("II/a", "I/d") and not outranks("I/d", "II/a")
    assert not outranks("III/a", "III/a")
    assert rank_gap("IV/a", "III/a") == 4
    assert rank_gap("III/a", "IX") is None
    assert rank_gap("III/a", "IX", cross_scheme=True) == 0
