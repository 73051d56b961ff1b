"""Money arithmetic on whole rupiah: integers only, one rounding rule."""

from __future__ import annotations


def share_half_up(amount_idr: int, numerator: int, denominator: int) -> int:
    """`amount_idr × numerator / denominator`, rounded half up to a whole rupiah.

    Exact integer arithmetic (no floats): the remainder decides, a half rounds up. Used for TPP
    factors (`base × percent / 100`) and for pro-rating (`amount × days / days_in_month`).
    All inputs are non-negative.
    """
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    if amount_idr < 0 or numerator < 0:
        raise ValueError("amounts and shares are never negative")
    quotient, remainder = divmod(amount_idr * numerator, denominator)
    return quotient + (1 if 2 * remainder >= denominator else 0)
