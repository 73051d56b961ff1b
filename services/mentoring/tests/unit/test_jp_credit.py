"""JP credit arithmetic: minutes // minutes-per-JP, rounded down, optionally capped."""

from __future__ import annotations

import pytest

from mentoring.domain.jp import jp_credit


@pytest.mark.parametrize(
    ("minutes", "per_jp", "cap", "expected"),
    [
        (0, 45, None, 0),
        (44, 45, None, 0),  # just under one JP
        (45, 45, None, 1),  # exactly one JP
        (89, 45, None, 1),
        (90, 45, None, 2),
        (150, 45, None, 3),  # 60 + 60 + 30 minutes
        (600, 60, None, 10),  # another agency's convention
        (59, 60, None, 0),
        (900, 45, 16, 16),  # capped: 20 JP -> 16
        (719, 45, 16, 15),  # just under the cap
        (720, 45, 16, 16),  # exactly the cap
        (90, 45, 0, 0),  # a cap of zero credits nothing
    ],
)
def test_jp_credit(minutes: int, per_jp: int, cap: int | None, expected: int) -> None:
    assert jp_credit(minutes, minutes_per_jp=per_jp, cap=cap) == expected


@pytest.mark.parametrize(
    ("minutes", "per_jp", "cap"), [(-1, 45, None), (10, 0, None), (10, 45, -1)]
)
def test_nonsense_arguments_are_refused(minutes: int, per_jp: int, cap: int | None) -> None:
    with pytest.raises(ValueError):
        jp_credit(minutes, minutes_per_jp=per_jp, cap=cap)
