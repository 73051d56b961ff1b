"""Policies, the projection's dates, recomputation and pro-rating, without I/O."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.errors import InvalidInput
from welfare.domain.employee import Attribute, EmployeeTimeline, Fact
from welfare.domain.entitlements import Entitlement, recompute
from welfare.domain.policies import (
    PolicyBook,
    PolicyVersion,
    TppRules,
    TransportRules,
    parse_rules,
)
from welfare.domain.ranks import RankRules
from welfare.domain.statements import Month, allowance_due

HOUSING = parse_rules(
    Allowance.HOUSING, {"by_rank_group": {"I": 1, "II": 2, "III": 900_000, "IV": 1_300_000}}
)
TRANSPORT = TransportRules.parse(
    {
        "zones": {"A": 100, "B": 200},
        "default_amount_idr": 50,
        "rank_group_overrides": {"A": {"IV": 400}},
    }
)


@pytest.mark.parametrize(
    ("zone", "group", "amount"),
    [
        ("A", "III", 100),
        ("A", "IV", 400),
        ("B", "IV", 200),
        ("Z", "IV", 50),
        (None, "IV", 0),
        ("A", None, 100),
    ],
)
def test_transport_is_by_zone_then_group_override_then_default(zone, group, amount):
    assert TRANSPORT.amount(zone, group) == amount


def test_tpp_is_base_times_the_predikat_factor_rounded_half_up():
    rules = TppRules.parse(
        {
            "base_by_job_class": {str(c): 1_000_001 for c in range(1, 18)},
            "factor_percent_by_predikat": {
                "SANGAT_BAIK": 100,
                "BAIK": 94,
                "BUTUH_PERBAIKAN": 82,
                "KURANG": 70,
                "SANGAT_KURANG": 55,
            },
        },
    )
    assert rules.amount(9, "BAIK") == 940_001  # 940,000.94 -> 940,001
    assert rules.amount(9, None) == 940_001  # no predikat: the default (BAIK)
    assert rules.amount(9, "SANGAT_KURANG") == 550_001  # 550,000.55
    assert rules.amount(None, "BAIK") == 0


@pytest.mark.parametrize(
    "bad",
    [{"by_rank_group": {"I": 1, "II": 2, "III": 3, "IV": -1}}, {"by_rank_group": {"I": 1}}, {}],
)
def test_a_bad_housing_policy_is_invalid_input(bad):
    with pytest.raises(InvalidInput):
        parse_rules(Allowance.HOUSING, bad)


def _timeline(*facts: Fact) -> EmployeeTimeline:
    return EmployeeTimeline("199001012020011001", [f.with_seq(i + 1) for i, f in enumerate(facts)])


def _book(*versions: PolicyVersion) -> PolicyBook:
    return PolicyBook(versions)


def test_recompute_adds_rows_only_where_the_amount_changes_future_included():
    timeline = _timeline(
        Fact(Attribute.STATUS, date(2020, 1, 1), "ACTIVE"),
        Fact(Attribute.GOLONGAN, date(2020, 1, 1), "III/c"),
        Fact(Attribute.GOLONGAN, date(2025, 4, 1), "III/d"),  # same group: no change
        Fact(Attribute.GOLONGAN, date(2027, 4, 1), "IV/a"),  # future: a future row
        Fact(Attribute.STATUS, date(2030, 1, 1), "RETIRED"),
    )
    book = _book(PolicyVersion(Allowance.HOUSING, 1, date(2024, 1, 1), HOUSING))
    rows = recompute(
        timeline, book, [], RankRules(), since=date.min, reason="test", caused_by_event_id="e1"
    )
    housing = [
        (r.effective_from, r.previous_amount_idr, r.amount_idr)
        for r in rows
        if r.allowance is Allowance.HOUSING
    ]
    assert housing == [
        (date(2024, 1, 1), 0, 900_000),
        (date(2027, 4, 1), 900_000, 1_300_000),
        (date(2030, 1, 1), 1_300_000, 0),
    ]
    again = recompute(
        timeline, book, rows, RankRules(), since=date.min, reason="again", caused_by_event_id=None
    )
    assert again == []


def test_pro_rating_cuts_the_month_at_each_change():
    def row(on: date, amount: int, seq: int) -> Entitlement:
        return Entitlement("n", Allowance.HOUSING, on, amount, 0, "r", "HOUSING-v1", seq=seq)

    rows = [
        row(date(2024, 1, 1), 900_000, 1),
        row(date(2025, 2, 15), 1_300_000, 2),
        row(date(2025, 2, 15), 1_000_000, 3),
    ]
    due = allowance_due(Allowance.HOUSING, rows, Month.parse("2025-02"))  # 28 days; later row wins
    assert [(s.days, s.amount_idr) for s in due.segments] == [(14, 450_000), (14, 500_000)]
    assert due.amount_idr == 950_000
    assert allowance_due(Allowance.HOUSING, rows, Month.parse("2023-12")).amount_idr == 0
    assert Month.parse("2024-02").days == 29
