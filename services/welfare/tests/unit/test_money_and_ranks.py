"""Integer money rounding and rank groups: every row and both sides of each edge."""

from __future__ import annotations

import pytest

from jenjang_shared.contracts.vocabulary import PNS_GOLONGAN, PPPK_GOLONGAN
from welfare.domain.money import share_half_up
from welfare.domain.ranks import RankRules


@pytest.mark.parametrize(
    ("amount", "num", "den", "expected"),
    [
        (900_000, 9, 31, 261_290),  # .32 rounds down
        (1_300_000, 22, 31, 922_581),  # .65 rounds up
        (3, 1, 2, 2),  # exactly half rounds up
        (1, 1, 3, 0),
        (2, 1, 3, 1),
        (4_300_000, 94, 100, 4_042_000),
        (748_000, 55, 100, 411_400),
        (44_920_000, 31, 31, 44_920_000),
        (0, 5, 30, 0),
    ],
)
def test_share_is_rounded_half_up_to_a_whole_rupiah(amount, num, den, expected):
    assert share_half_up(amount, num, den) == expected


def test_share_refuses_a_zero_denominator_and_negative_amounts():
    with pytest.raises(ValueError):
        share_half_up(1, 1, 0)
    with pytest.raises(ValueError):
        share_half_up(-1, 1, 2)


@pytest.mark.parametrize("golongan", PNS_GOLONGAN)
def test_every_pns_golongan_falls_in_its_roman_group(golongan):
    assert RankRules().rank_group(golongan) == golongan.split("/")[0]


@pytest.mark.parametrize(
    ("golongan", "group"),
    list(zip(PPPK_GOLONGAN, ["I"] * 4 + ["II"] * 4 + ["III"] * 4 + ["IV"] * 5, strict=True)),
)
def test_every_pppk_golongan_maps_to_a_group_by_the_default_table(golongan, group):
    assert RankRules().rank_group(golongan) == group


def test_the_pppk_table_and_job_class_fallback_are_configurable():
    rules = RankRules(pppk_rank_groups={"IX": "IV"}, job_class_fallback={"III/d": 8, "III": 6})
    assert rules.rank_group("IX") == "IV"
    assert rules.rank_group("X") is None
    assert rules.job_class(None, "III/d") == 8  # by golongan first
    assert rules.job_class(None, "III/a") == 6  # then by group
    assert rules.job_class(12, "III/a") == 12  # the employee's own class wins
    assert rules.job_class(None, "I/a") is None
    assert rules.job_class(None, None) is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"pppk_rank_groups": {"XVIII": "I"}},
        {"pppk_rank_groups": {"I": "V"}},
        {"job_class_fallback": {"III": 18}},
        {"job_class_fallback": {"III": 0}},
        {"job_class_fallback": {"V/a": 3}},
    ],
)
def test_a_bad_rank_table_is_refused(kwargs):
    with pytest.raises(ValueError):
        RankRules(**kwargs)
