"""NIP rules (docs/domain.md, "NIP"), every rule and both sides of each edge."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts.vocabulary import EmploymentType, Gender
from jenjang_shared.errors import InvalidInput
from personnel.domain.nip import add_years, check_nip_agrees, normalize_nip, parse_nip

TODAY = date(2026, 11, 28)
PNS, CPNS, PPPK = EmploymentType.PNS, EmploymentType.CPNS, EmploymentType.PPPK

# (nip, employment type, min age, None when valid else a fragment of the reason)
CASES = [
    ("198609262015051001", PNS, 18, None),
    ("19860926 201505 1 001", PNS, 18, None),
    ("198609262015052001", CPNS, 18, None),
    # length and characters
    ("19860926201505100", PNS, 18, "exactly 18 digits; got 17"),
    ("1986092620150510011", PNS, 18, "exactly 18 digits; got 19"),
    ("19860926201505100a", PNS, 18, "only digits"),
    ("１98609262015051001", PNS, 18, "only digits"),
    ("", PNS, 18, "exactly 18 digits; got 0"),
    # a real birth date
    ("198613262015051001", PNS, 18, "not a real birth date"),
    ("198609312015051001", PNS, 18, "not a real birth date"),
    ("198702292015051001", PNS, 18, "not a real birth date"),
    ("198802292015051001", PNS, 18, None),
    ("198600002015051001", PNS, 18, "not a real birth date"),
    # a real TMT year-month
    ("198609262015001001", PNS, 18, "not a real TMT CPNS year-month"),
    ("198609262015131001", PNS, 18, "not a real TMT CPNS year-month"),
    ("198609262015121001", PNS, 18, None),
    ("198609262015011001", PNS, 18, None),
    # TMT after the birth date (min age 0 isolates the rule)
    ("198609261986091001", PNS, 0, "not after the birth date"),
    ("198609261986081001", PNS, 0, "not after the birth date"),
    ("198609261986101001", PNS, 0, None),
    # the appointee is at least 18 on the first day of the TMT month
    ("199003012008031001", PNS, 18, None),
    ("199003022008031001", PNS, 18, "under 18"),
    ("199003022008041001", PNS, 18, None),
    ("199003022008041001", PNS, 19, "under 19"),
    # TMT not in the future (the current month is fine)
    ("199003022026111001", PNS, 18, None),
    ("199003022026121001", PNS, 18, "in the future"),
    # gender digit
    ("198609262015050001", PNS, 18, "digit 15 is the gender"),
    ("198609262015053001", PNS, 18, "digit 15 is the gender"),
    ("198609262015052001", PNS, 18, None),
    # sequence
    ("198609262015051000", PNS, 18, "sequence number"),
    ("198609262015051999", PNS, 18, None),
    # PPPK: only the birth-date part
    ("198609269999993000", PPPK, 18, None),
    ("198613269999993000", PPPK, 18, "not a real birth date"),
    ("20261128xxxxxxxxxx", PPPK, 18, "only digits"),
    ("202611280000000000", PPPK, 18, None),
    ("202611290000000000", PPPK, 18, "birth date in the future"),
]


@pytest.mark.parametrize(("nip", "employment_type", "min_age", "reason"), CASES)
def test_a_nip_is_valid_exactly_when_every_rule_holds(
    nip: str, employment_type: EmploymentType, min_age: int, reason: str | None
) -> None:
    if reason is None:
        parsed = parse_nip(
            nip, employment_type=employment_type, today=TODAY, min_appointment_age=min_age
        )
        assert parsed.nip == nip.replace(" ", "")
    else:
        with pytest.raises(InvalidInput) as failure:
            parse_nip(
                nip, employment_type=employment_type, today=TODAY, min_appointment_age=min_age
            )
        assert reason in failure.value.detail
        assert failure.value.field == "nip"


def test_a_parsed_nip_gives_its_parts() -> None:
    parsed = parse_nip("198609262015052007", employment_type=PNS, today=TODAY)
    assert parsed.birth_date == date(1986, 9, 26)
    assert parsed.tmt_cpns == date(2015, 5, 1)
    assert parsed.gender is Gender.FEMALE
    assert parsed.sequence == 7


AGREEMENT = [
    (date(1986, 9, 26), Gender.MALE, date(2015, 5, 1), None),
    (date(1986, 9, 26), Gender.MALE, date(2015, 5, 31), None),
    (date(1986, 9, 26), Gender.MALE, None, None),
    (date(1986, 9, 27), Gender.MALE, None, "does not match birth_date"),
    (date(1986, 9, 26), Gender.FEMALE, None, "gender digit says male"),
    (date(1986, 9, 26), Gender.MALE, date(2015, 6, 1), "does not match tmt_cpns"),
    (date(1986, 9, 26), Gender.MALE, date(2014, 5, 1), "does not match tmt_cpns"),
]


@pytest.mark.parametrize(("birth", "gender", "tmt", "reason"), AGREEMENT)
def test_the_nip_must_agree_with_birth_date_gender_and_tmt_cpns(
    birth: date, gender: Gender, tmt: date | None, reason: str | None
) -> None:
    parsed = parse_nip("198609262015051001", employment_type=PNS, today=TODAY)
    if reason is None:
        check_nip_agrees(parsed, birth_date=birth, gender=gender, tmt_cpns=tmt)
    else:
        with pytest.raises(InvalidInput, match=reason):
            check_nip_agrees(parsed, birth_date=birth, gender=gender, tmt_cpns=tmt)


def test_a_pppk_number_is_checked_against_the_birth_date_only() -> None:
    parsed = parse_nip("198609269999993000", employment_type=PPPK, today=TODAY)
    check_nip_agrees(parsed, birth_date=date(1986, 9, 26), gender=Gender.FEMALE, tmt_cpns=None)
    with pytest.raises(InvalidInput, match="birth_date"):
        check_nip_agrees(parsed, birth_date=date(1986, 9, 25), gender=Gender.MALE, tmt_cpns=None)


def test_spaces_are_removed_before_the_shape_check() -> None:
    assert normalize_nip(" 198609262015051001 ") == "198609262015051001"


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(1990, 3, 1), 18, date(2008, 3, 1)),
        (date(1988, 2, 29), 18, date(2006, 3, 1)),
        (date(1988, 2, 29), 20, date(2008, 2, 29)),
    ],
)
def test_years_are_added_with_29_february_reaching_the_age_on_1_march(
    day: date, years: int, expected: date
) -> None:
    assert add_years(day, years) == expected
