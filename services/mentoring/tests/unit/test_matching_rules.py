"""The hard matching rules and the ranking, on hand-made candidates (pure domain)."""

from __future__ import annotations

import dataclasses

import pytest

from jenjang_shared.contracts.vocabulary import MentoringProgram
from mentoring.domain.matching import (
    WEIGHT_SAME_JOB_FAMILY,
    Candidate,
    Mentee,
    Rule,
    rank_candidates,
    score,
    violations,
)

MENTEE = Mentee(
    nip="200001012025011001",
    golongan="III/a",
    unit_code="DPUPR",
    job_family="PEKERJAAN_UMUM",
    supervisor_nip="198001012005011001",
)
GOOD = Candidate(
    nip="197501012000011001",
    employment_type="PNS",
    golongan="III/d",
    unit_code="DPUPR",
    job_family="PEKERJAAN_UMUM",
    capacity=3,
    active_mentees=0,
)


def with_(**changes: object) -> Candidate:
    return dataclasses.replace(GOOD, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("candidate", "rule"),
    [
        (with_(nip=MENTEE.nip), Rule.NOT_SELF),
        (with_(employment_type="CPNS"), Rule.NOT_PNS),
        (with_(employment_type="PPPK", golongan="XVII"), Rule.NOT_PNS),
        (with_(retired=True), Rule.RETIRED),
        (with_(paused=True), Rule.PAUSED),
        (with_(golongan="III/a"), Rule.NOT_SENIOR),  # same rank
        (with_(golongan="II/d"), Rule.NOT_SENIOR),  # lower rank
        (with_(golongan=None), Rule.NOT_SENIOR),  # rank unknown
        (with_(active_mentees=3), Rule.AT_CAPACITY),  # full
        (with_(active_mentees=4), Rule.AT_CAPACITY),  # over (legacy data)
    ],
)
def test_a_candidate_breaking_a_hard_rule_is_rejected_with_that_rule(
    candidate: Candidate, rule: Rule
) -> None:
    assert rule in violations(candidate, MENTEE)
    result = rank_candidates(MENTEE, [candidate], MentoringProgram.DEVELOPMENT)
    assert result.ranked == ()
    assert rule in result.rejected[0].rules


@pytest.mark.parametrize(
    "candidate",
    [
        with_(golongan="III/b"),  # one step above: the edge of seniority
        with_(active_mentees=2),  # the last free slot
        with_(employment_type="PNS", paused=False, retired=False),
    ],
)
def test_a_candidate_just_inside_every_edge_is_eligible(candidate: Candidate) -> None:
    assert violations(candidate, MENTEE) == ()


def test_the_mentor_being_replaced_is_excluded() -> None:
    assert violations(GOOD, MENTEE, exclude=frozenset({GOOD.nip})) == (Rule.EXCLUDED,)


def test_pppk_ranks_are_compared_only_within_their_scheme_unless_configured() -> None:
    pppk_mentee = dataclasses.replace(MENTEE, golongan="V")
    assert Rule.NOT_SENIOR in violations(GOOD, pppk_mentee)
    assert violations(GOOD, pppk_mentee, cross_scheme=True) == ()  # III/d (11) above V (4)
    assert Rule.NOT_SENIOR in violations(
        with_(golongan="II/a"), pppk_mentee, cross_scheme=True
    )  # II/a and V are the same step


def test_the_pool_is_ranked_by_score_then_load_then_nip() -> None:
    pool = [
        with_(nip="1" * 18, job_family="UMUM", unit_code="BKD"),  # rank gap only
        with_(nip="2" * 18),  # same family and unit
        with_(nip="3" * 18, unit_code="BKD"),  # same family, other unit
        with_(nip="4" * 18, active_mentees=2),  # like 2 but busier
        with_(nip="5" * 18, average_feedback=5.0),  # like 2 with excellent feedback
        with_(nip="6" * 18, average_feedback=1.0),  # like 2 with poor feedback
        with_(nip="7" * 18, golongan="III/b"),  # like 2 but a smaller rank gap
    ]
    result = rank_candidates(MENTEE, pool, MentoringProgram.DEVELOPMENT)
    order = [r.candidate.nip[0] for r in result.ranked]
    assert order == ["5", "2", "7", "4", "6", "3", "1"]
    best = result.ranked[0]
    assert {r.code for r in best.reasons} >= {
        "SAME_JOB_FAMILY",
        "SAME_UNIT",
        "RANK_GAP",
        "LOAD",
        "FEEDBACK",
    }


def test_equal_scores_go_to_the_lower_nip() -> None:
    pool = [with_(nip="9" * 18), with_(nip="8" * 18)]
    result = rank_candidates(MENTEE, pool, MentoringProgram.DEVELOPMENT)
    assert [r.candidate.nip for r in result.ranked] == ["8" * 18, "9" * 18]


def test_for_latsar_the_eligible_superior_comes_first_even_with_a_lower_score() -> None:
    superior = with_(nip=MENTEE.supervisor_nip, job_family="UMUM", unit_code="BKD", in_pool=False)
    better = with_(nip="2" * 18)
    latsar = rank_candidates(MENTEE, [better, superior], MentoringProgram.LATSAR)
    assert latsar.ranked[0].candidate.nip == MENTEE.supervisor_nip
    assert latsar.ranked[0].is_supervisor
    other = rank_candidates(MENTEE, [better, superior], MentoringProgram.COACHING)
    assert other.ranked[0].candidate.nip == "2" * 18


def test_a_superior_who_breaks_a_hard_rule_is_not_put_first() -> None:
    superior = with_(nip=MENTEE.supervisor_nip, paused=True, in_pool=False)
    result = rank_candidates(MENTEE, [superior, with_(nip="2" * 18)], MentoringProgram.LATSAR)
    assert [r.candidate.nip for r in result.ranked] == ["2" * 18]
    assert result.rejection_counts() == {"PAUSED": 1}


@pytest.mark.parametrize(
    ("active", "program", "superior_first", "source"),
    [
        (2, MentoringProgram.LATSAR, True, "a free slot: first, as before"),
        (3, MentoringProgram.LATSAR, True, "PerLAN 1/2021: the Latsar mentor whatever the load"),
        (7, MentoringProgram.LATSAR, True, "well over capacity: still the Latsar mentor"),
        (3, MentoringProgram.COACHING, False, "capacity limits apply to every other programme"),
    ],
)
def test_the_direct_superior_is_the_latsar_mentor_whatever_their_load(
    active: int, program: MentoringProgram, superior_first: bool, source: str
) -> None:
    superior = with_(nip=MENTEE.supervisor_nip, active_mentees=active, in_pool=False)
    result = rank_candidates(MENTEE, [superior, with_(nip="2" * 18)], program)
    assert (result.ranked[0].candidate.nip == MENTEE.supervisor_nip) is superior_first
    if superior_first and active >= superior.capacity:
        codes = {r.code for r in result.ranked[0].reasons}
        assert "LATSAR_MENTOR_WHATEVER_LOAD" in codes
    if not superior_first:
        assert result.rejection_counts() == {"AT_CAPACITY": 1}


def test_why_none_counts_every_rule() -> None:
    result = rank_candidates(
        MENTEE,
        [with_(nip="1" * 18, paused=True), with_(nip="2" * 18, golongan="II/a", paused=True)],
        MentoringProgram.DEVELOPMENT,
    )
    assert result.ranked == ()
    assert result.rejection_counts() == {"PAUSED": 2, "NOT_SENIOR": 1}
    assert "2 is paused" in result.why_none()
    assert "1 does not outrank the mentee" in result.why_none()


def test_same_job_family_earns_its_weight() -> None:
    same = score(GOOD, MENTEE).score
    other = score(with_(job_family="UMUM"), MENTEE).score
    assert same - other == WEIGHT_SAME_JOB_FAMILY
