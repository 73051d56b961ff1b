"""KP period dates on each side of the 2024-01-01 and 2025-10-01 rule changes."""

from datetime import date

import pytest

from evaluation.domain.kp_rules import add_years, is_kp_period, next_kp_period, rules_on


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # before 2024: 1 April and 1 October
        (date(2023, 1, 15), date(2023, 4, 1)),
        (date(2023, 4, 1), date(2023, 4, 1)),
        (date(2023, 4, 2), date(2023, 10, 1)),
        (date(2023, 10, 2), date(2024, 2, 1)),  # the next period falls under the 2024 schedule
        (date(2023, 12, 31), date(2024, 2, 1)),
        # 2024-01-01 .. 2025-09-30: 1st of even months
        (date(2024, 1, 1), date(2024, 2, 1)),
        (date(2024, 2, 2), date(2024, 4, 1)),
        (date(2025, 8, 2), date(2025, 10, 1)),
        (date(2025, 9, 30), date(2025, 10, 1)),
        # from 2025-10-01: 1st of every month
        (date(2025, 10, 1), date(2025, 10, 1)),
        (date(2025, 10, 2), date(2025, 11, 1)),
        (date(2026, 12, 15), date(2027, 1, 1)),
    ],
)
def test_the_next_kp_period_on_or_after_a_date(day, expected):
    assert next_kp_period(day) == expected


@pytest.mark.parametrize(
    ("day", "is_period"),
    [
        (date(2023, 4, 1), True),
        (date(2023, 6, 1), False),
        (date(2023, 12, 1), False),
        (date(2024, 2, 1), True),
        (date(2024, 3, 1), False),
        (date(2025, 9, 1), False),
        (date(2025, 11, 1), True),
        (date(2026, 3, 1), True),
        (date(2026, 3, 2), False),
    ],
)
def test_whether_a_date_is_a_kp_period(day, is_period):
    assert is_kp_period(day) is is_period


def test_each_decision_names_the_rule_version_in_force():
    assert rules_on(date(2023, 12, 31)).version == "KP-REGULER-1900-01-01"
    assert rules_on(date(2024, 1, 1)).version == "KP-REGULER-2024-01-01"
    assert rules_on(date(2025, 9, 30)).version == "KP-REGULER-2024-01-01"
    assert rules_on(date(2025, 10, 1)).version == "KP-REGULER-2025-10-01"


def test_four_years_from_29_february_end_on_a_real_date():
    assert add_years(date(2020, 2, 29), 4) == date(2024, 2, 29)
    assert add_years(date(2096, 2, 29), 4) == date(2100, 3, 1)
