"""The numbers of the mentoring rules an agency may configure (from the service settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MentoringPolicy:
    default_capacity: int = 3
    """Active mentees per mentor when the pool entry does not say (and for implicit mentors)."""
    minutes_per_jp: int = 45
    jp_credit_cap: int | None = None
    cross_scheme_ranks: bool = False
    """Compare PPPK golongan with PNS golongan step for step (see domain.ranks)."""
    pending_retry_batch: int = 50
    """How many unmatched requests one trigger (a new mentor, a freed slot) tries again."""
