"""Non-classroom JP credit for a completed mentorship (docs/domain.md: 1 JP = 45 minutes)."""

from __future__ import annotations


def jp_credit(total_minutes: int, *, minutes_per_jp: int = 45, cap: int | None = None) -> int:
    """JP credited to the mentee for `total_minutes` of recorded sessions.

    Whole JP only, rounded down: `total_minutes // minutes_per_jp` (with the default 45, 44
    minutes give 0 JP, 45 give 1, 89 give 1, 90 give 2). When `cap` is set, no mentorship credits
    more than `cap` JP. Both `minutes_per_jp` and `cap` come from the service settings
    (`MENTORING_MINUTES_PER_JP`, `MENTORING_JP_CREDIT_CAP`).
    """
    if total_minutes < 0:
        raise ValueError("total minutes cannot be negative")
    if minutes_per_jp <= 0:
        raise ValueError("minutes per JP must be positive")
    if cap is not None and cap < 0:
        raise ValueError("the JP cap cannot be negative")
    credit = total_minutes // minutes_per_jp
    return credit if cap is None else min(credit, cap)
