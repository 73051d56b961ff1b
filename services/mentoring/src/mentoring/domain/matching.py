"""Matching a mentee with mentors: the hard rules, the score and the ranking. Pure functions.

Hard rules (a candidate breaking any of them is never proposed):
- NOT_SELF: nobody mentors themselves;
- NOT_PNS: the mentor is a PNS (not CPNS, not PPPK);
- RETIRED: the mentor is not retired;
- PAUSED: the mentor is available (not paused in the pool);
- NOT_SENIOR: the mentor outranks the mentee (see domain.ranks for PPPK);
- AT_CAPACITY: the mentor has a free slot (active mentees < capacity);
- EXCLUDED: the mentor is not the one being replaced (re-matching).

For LATSAR the mentee's direct superior comes first whenever eligible (docs/domain.md: the
Latsar mentor is the direct superior, PerLAN 1/2021), whatever their load: AT_CAPACITY does not
apply to them, and the match's reasons say so. A superior who is a PNS but not in the pool counts
as an implicit mentor with the default capacity; the other hard rules still apply to them.

Among the eligible, the score (weights below) orders the list; ties go to the lighter load, then
the NIP, so the order is deterministic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from jenjang_shared.contracts.vocabulary import EmploymentType, MentoringProgram
from mentoring.domain.ranks import rank_gap

# Score weights (points). A perfect candidate scores about 100.
WEIGHT_SAME_JOB_FAMILY = 30.0
WEIGHT_EXPERTISE = 20.0  # the mentee's job family is among the mentor's declared expertise
WEIGHT_SAME_UNIT = 15.0
WEIGHT_RANK_GAP = 15.0  # full points at the ideal gap, less the further from it
IDEAL_RANK_GAP = 3
RANK_GAP_TOLERANCE = 6  # steps away from the ideal gap at which the rank points reach zero
WEIGHT_FREE_CAPACITY = 10.0  # times the share of the mentor's capacity still free
WEIGHT_FEEDBACK = 10.0  # times (average rating - 3) / 2: from -10 (all 1s) to +10 (all 5s)
NEUTRAL_RATING = 3.0


class Rule(StrEnum):
    NOT_SELF = "NOT_SELF"
    NOT_PNS = "NOT_PNS"
    RETIRED = "RETIRED"
    PAUSED = "PAUSED"
    NOT_SENIOR = "NOT_SENIOR"
    AT_CAPACITY = "AT_CAPACITY"
    EXCLUDED = "EXCLUDED"


RULE_TEXT = {
    Rule.NOT_SELF: "is the mentee",
    Rule.NOT_PNS: "is not a PNS",
    Rule.RETIRED: "is retired",
    Rule.PAUSED: "is paused",
    Rule.NOT_SENIOR: "does not outrank the mentee",
    Rule.AT_CAPACITY: "has no free capacity",
    Rule.EXCLUDED: "is the mentor being replaced",
}


@dataclass(frozen=True)
class Mentee:
    nip: str
    golongan: str
    unit_code: str | None
    job_family: str | None
    supervisor_nip: str | None = None


@dataclass(frozen=True)
class Candidate:
    nip: str
    employment_type: str | None
    golongan: str | None
    unit_code: str | None
    job_family: str | None
    capacity: int
    active_mentees: int
    retired: bool = False
    paused: bool = False
    in_pool: bool = True
    expertise: tuple[str, ...] = ()
    average_feedback: float | None = None
    name: str | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    points: float
    detail: str


@dataclass(frozen=True)
class RankedCandidate:
    candidate: Candidate
    score: float
    reasons: tuple[Reason, ...]
    is_supervisor: bool


@dataclass(frozen=True)
class Rejection:
    nip: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class MatchResult:
    ranked: tuple[RankedCandidate, ...]
    rejected: tuple[Rejection, ...] = field(default=())

    def rejection_counts(self) -> dict[str, int]:
        return dict(Counter(rule.value for r in self.rejected for rule in r.rules))

    def why_none(self) -> str:
        """A sentence saying, rule by rule, why nobody is eligible."""
        if not self.rejected:
            return "there is no candidate mentor (the pool is empty and no eligible superior)"
        parts = [
            f"{count} {RULE_TEXT[Rule(code)]}"
            for code, count in sorted(self.rejection_counts().items())
        ]
        return f"none of {len(self.rejected)} candidate(s) is eligible: " + "; ".join(parts)


def violations(
    candidate: Candidate,
    mentee: Mentee,
    *,
    cross_scheme: bool = False,
    exclude: frozenset[str] = frozenset(),
    latsar: bool = False,
) -> tuple[Rule, ...]:
    """The hard rules `candidate` breaks as mentor of `mentee` (empty when eligible). For
    LATSAR the direct superior's load is no rule (PerLAN 1/2021)."""
    broken: list[Rule] = []
    if candidate.nip == mentee.nip:
        broken.append(Rule.NOT_SELF)
    if candidate.employment_type != EmploymentType.PNS:
        broken.append(Rule.NOT_PNS)
    if candidate.retired:
        broken.append(Rule.RETIRED)
    if candidate.paused:
        broken.append(Rule.PAUSED)
    gap = _gap(candidate, mentee, cross_scheme)
    if gap is None or gap <= 0:
        broken.append(Rule.NOT_SENIOR)
    superior = mentee.supervisor_nip is not None and candidate.nip == mentee.supervisor_nip
    if candidate.active_mentees >= candidate.capacity and not (latsar and superior):
        broken.append(Rule.AT_CAPACITY)
    if candidate.nip in exclude:
        broken.append(Rule.EXCLUDED)
    return tuple(broken)


def score(
    candidate: Candidate, mentee: Mentee, *, cross_scheme: bool = False, latsar: bool = False
) -> RankedCandidate:
    """The candidate's score for this mentee, with every reason that contributed."""
    reasons: list[Reason] = []
    if mentee.job_family and candidate.job_family == mentee.job_family:
        reasons.append(
            Reason(
                "SAME_JOB_FAMILY", WEIGHT_SAME_JOB_FAMILY, f"same job family {mentee.job_family}"
            )
        )
    if mentee.job_family and mentee.job_family in candidate.expertise:
        reasons.append(
            Reason("EXPERTISE", WEIGHT_EXPERTISE, f"expertise includes {mentee.job_family}")
        )
    if mentee.unit_code and candidate.unit_code == mentee.unit_code:
        reasons.append(Reason("SAME_UNIT", WEIGHT_SAME_UNIT, f"same unit {mentee.unit_code}"))
    gap = _gap(candidate, mentee, cross_scheme)
    if gap is not None and gap > 0:
        closeness = max(0.0, 1 - abs(gap - IDEAL_RANK_GAP) / RANK_GAP_TOLERANCE)
        reasons.append(
            Reason(
                "RANK_GAP",
                round(WEIGHT_RANK_GAP * closeness, 2),
                f"{candidate.golongan} is {gap} step(s) above {mentee.golongan} (ideal {IDEAL_RANK_GAP})",
            )
        )
    if candidate.capacity > 0:
        free = max(0, candidate.capacity - candidate.active_mentees)
        reasons.append(
            Reason(
                "LOAD",
                round(WEIGHT_FREE_CAPACITY * free / candidate.capacity, 2),
                f"{candidate.active_mentees} of {candidate.capacity} mentee slot(s) in use",
            )
        )
    if candidate.average_feedback is not None:
        reasons.append(
            Reason(
                "FEEDBACK",
                round(WEIGHT_FEEDBACK * (candidate.average_feedback - NEUTRAL_RATING) / 2, 2),
                f"average mentee feedback {candidate.average_feedback:.2f} of 5",
            )
        )
    is_supervisor = mentee.supervisor_nip is not None and candidate.nip == mentee.supervisor_nip
    if is_supervisor:
        reasons.append(Reason("DIRECT_SUPERIOR", 0.0, "the mentee's direct superior"))
    if is_supervisor and latsar and candidate.active_mentees >= candidate.capacity:
        reasons.append(
            Reason(
                "LATSAR_MENTOR_WHATEVER_LOAD",
                0.0,
                "PerLAN 1/2021: the direct superior is the Latsar mentor whatever their load "
                f"({candidate.active_mentees} of {candidate.capacity} slot(s) already in use)",
            )
        )
    total = round(sum(r.points for r in reasons), 2)
    return RankedCandidate(candidate, total, tuple(reasons), is_supervisor)


def rank_candidates(
    mentee: Mentee,
    candidates: list[Candidate],
    program: MentoringProgram,
    *,
    cross_scheme: bool = False,
    exclude: frozenset[str] = frozenset(),
) -> MatchResult:
    """Eligible candidates best first (for LATSAR the eligible direct superior first), and the
    rejected ones with the rules they break."""
    ranked: list[RankedCandidate] = []
    rejected: list[Rejection] = []
    seen: set[str] = set()
    latsar = program == MentoringProgram.LATSAR
    for candidate in candidates:
        if candidate.nip in seen:
            continue
        seen.add(candidate.nip)
        broken = violations(
            candidate, mentee, cross_scheme=cross_scheme, exclude=exclude, latsar=latsar
        )
        if broken:
            rejected.append(Rejection(candidate.nip, broken))
        else:
            ranked.append(score(candidate, mentee, cross_scheme=cross_scheme, latsar=latsar))
    ranked.sort(
        key=lambda r: (
            not (latsar and r.is_supervisor),
            -r.score,
            r.candidate.active_mentees,
            r.candidate.nip,
        )
    )
    return MatchResult(tuple(ranked), tuple(rejected))


def _gap(candidate: Candidate, mentee: Mentee, cross_scheme: bool) -> int | None:
    if candidate.golongan is None:
        return None
    return rank_gap(candidate.golongan, mentee.golongan, cross_scheme=cross_scheme)
