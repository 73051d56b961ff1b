"""The functional-position catalogue, rank ranges by post, retirement by the law of the post and
registration past it: table-driven, both sides of every edge, each row naming its source
(docs/domain.md, "Functional positions", "Rank ranges of posts", "Retirement (BUP)")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from jenjang_shared.contracts.ranks import JF_GRADE_RANKS
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)
from jenjang_shared.errors import InvalidInput
from personnel.domain.employee import Employee, Transfer, apply_transfer, validate_employee
from personnel.domain.functional_positions import CATALOGUE, functional_position
from personnel.domain.nip import normalize_nip
from personnel.domain.retirement import retirement_age_of

L = FunctionalLevel
P = PositionKind
TODAY = date(2026, 11, 28)


def employee(**overrides: Any) -> Employee:
    base = Employee(
        nip="198609262015051001",
        name="Budi",
        gender=Gender.MALE,
        birth_date=date(1986, 9, 26),
        employment_type=EmploymentType.PNS,
        golongan="III/b",
        golongan_tmt=date(2019, 4, 1),
        tmt_cpns=date(2015, 5, 1),
        position_title="Guru",
        position_kind=P.PELAKSANA,
        functional_level=None,
        unit_code="SMAN1",
        unit_name="SMA Negeri 1",
        job_family="PENDIDIKAN",
        education=Education.S1,
        work_location="KOTA_BANDUNG",
    )
    return replace(base, **overrides)


def jf(code: str, level: FunctionalLevel, golongan: str, **kw: Any) -> Employee:
    return employee(
        position_kind=P.FUNGSIONAL,
        functional_position=code,
        functional_level=level,
        golongan=golongan,
        **kw,
    )


def test_the_catalogue_seeds_the_large_jf_of_a_province() -> None:
    assert {
        "GURU", "DOSEN", "ANALIS_KEBIJAKAN", "PRANATA_KOMPUTER", "DOKTER", "PERAWAT",
        "ANALIS_SDM_APARATUR", "PERENCANA",
    } <= set(CATALOGUE)  # fmt: skip
    for position in CATALOGUE.values():
        assert position.sources, position.code
        for grade in position.grades:
            # Every grade's range is the shared one (PermenPANRB 1/2023), each with its source.
            assert (grade.lowest, grade.highest) == JF_GRADE_RANKS[grade.level]
            assert grade.sources


# (post, golongan, accepted, source)
RANK_RANGES = [
    (jf("ANALIS_KEBIJAKAN", L.AHLI_PERTAMA, "III/a"), True, "PermenPANRB 1/2023: III/a-III/b"),
    (jf("ANALIS_KEBIJAKAN", L.AHLI_PERTAMA, "III/b"), True, "PermenPANRB 1/2023: ceiling III/b"),
    (jf("ANALIS_KEBIJAKAN", L.AHLI_PERTAMA, "III/c"), False, "PermenPANRB 1/2023: above III/b"),
    (jf("ANALIS_KEBIJAKAN", L.AHLI_PERTAMA, "II/d"), False, "PermenPANRB 1/2023: below III/a"),
    (jf("DOKTER", L.AHLI_MADYA, "IV/c", education=Education.S1), True, "Ahli Madya IV/a-IV/c"),
    (jf("DOKTER", L.AHLI_MADYA, "IV/d", education=Education.S1), False, "Ahli Madya ceiling"),
    (jf("PERAWAT", L.TERAMPIL, "II/b", education=Education.D3), True, "Terampil II/b-II/d"),
    (jf("PERAWAT", L.TERAMPIL, "II/d", education=Education.D3), True, "Terampil ceiling II/d"),
    (jf("PERAWAT", L.TERAMPIL, "III/a", education=Education.D3), False, "above Terampil"),
    (jf("GURU", L.AHLI_UTAMA, "IV/e", education=Education.S2), True, "Ahli Utama IV/d-IV/e"),
    # Structural posts: PP 13/2002 by eselon; the record's kind spans its eselons.
    (employee(position_kind=P.ADMINISTRATOR, golongan="IV/b", education=Education.S2), True,
     "PP 13/2002: III.a IV/a-IV/b (the issue's S2 administrator at IV/b)"),
    (employee(position_kind=P.ADMINISTRATOR, golongan="III/d"), True, "PP 13/2002: III.b III/d"),
    (employee(position_kind=P.ADMINISTRATOR, golongan="III/c"), False, "below III.b's III/d"),
    (employee(position_kind=P.ADMINISTRATOR, golongan="IV/c"), False, "above III.a's IV/b"),
    (employee(position_kind=P.PENGAWAS, golongan="III/b"), True, "PP 13/2002: IV.b III/b"),
    (employee(position_kind=P.PENGAWAS, golongan="III/a"), False, "below IV.b's III/b"),
    (employee(position_kind=P.PENGAWAS, golongan="III/d"), True, "PP 13/2002: IV.a III/d"),
    (employee(position_kind=P.PENGAWAS, golongan="IV/a"), False, "above IV.a's III/d"),
    (employee(position_kind=P.JPT, golongan="IV/b", birth_date=date(1976, 9, 26),
              nip="197609262005051001", tmt_cpns=date(2005, 5, 1)), True, "PP 13/2002: II.b IV/b"),
    (employee(position_kind=P.JPT, golongan="IV/a", birth_date=date(1976, 9, 26),
              nip="197609262005051001", tmt_cpns=date(2005, 5, 1)), False, "below II.b's IV/b"),
    # A pelaksana is bounded by the education's KP reguler cap (Kep. Ka BKN 12/2002).
    (employee(golongan="III/d"), True, "Kep. Ka BKN 12/2002: S1 cap III/d"),
    (employee(golongan="IV/a"), False, "Kep. Ka BKN 12/2002: above the S1 cap"),
]  # fmt: skip


@pytest.mark.parametrize(("record", "accepted", "source"), RANK_RANGES)
def test_registration_checks_the_rank_against_the_post(
    record: Employee, accepted: bool, source: str
) -> None:
    if accepted:
        assert validate_employee(record, today=TODAY).golongan == record.golongan
    else:
        with pytest.raises(InvalidInput) as failure:
            validate_employee(record, today=TODAY)
        assert failure.value.field == "golongan"


@pytest.mark.parametrize(
    ("record", "field", "reason"),
    [
        (jf("ASTRONOT", L.AHLI_PERTAMA, "III/a"), "functional_position", "not a functional"),
        (jf("DOSEN", L.TERAMPIL, "II/c"), "functional_level", "has no grade TERAMPIL"),
        (jf("GURU", None, "III/a"), "functional_level", "needs its grade"),  # type: ignore[arg-type]
        (employee(functional_position="GURU"), "functional_position", "only for FUNGSIONAL"),
        (employee(position_kind=P.FUNGSIONAL, functional_level=L.AHLI_PERTAMA, golongan="III/a"),
         "functional_position", "needs its functional_position"),
    ],
)  # fmt: skip
def test_an_unknown_or_inconsistent_functional_position_is_a_422(
    record: Employee, field: str, reason: str
) -> None:
    with pytest.raises(InvalidInput, match=reason) as failure:
        validate_employee(record, today=TODAY)
    assert failure.value.field == field


# (post, BUP, retirement date of someone born 1986-09-26, source)
RETIREMENT = [
    (jf("GURU", L.AHLI_PERTAMA, "III/a"), 60, date(2046, 10, 1), "UU 14/2005 art. 30(4)"),
    (jf("GURU", L.AHLI_MUDA, "III/c"), 60, date(2046, 10, 1), "UU 14/2005 art. 30(4)"),
    (jf("GURU", L.AHLI_UTAMA, "IV/d"), 60, date(2046, 10, 1), "UU 14/2005 art. 30(4): every grade"),
    (jf("DOSEN", L.AHLI_PERTAMA, "III/a"), 65, date(2051, 10, 1), "UU 14/2005 art. 67(4)"),
    (jf("ANALIS_KEBIJAKAN", L.AHLI_PERTAMA, "III/a"), 58, date(2044, 10, 1), "PP 11/2017 art. 239"),
    (jf("ANALIS_KEBIJAKAN", L.AHLI_MADYA, "IV/a"), 60, date(2046, 10, 1), "PP 11/2017 art. 239"),
    (jf("DOKTER", L.AHLI_UTAMA, "IV/d"), 65, date(2051, 10, 1), "PP 11/2017 art. 239"),
    (employee(), 58, date(2044, 10, 1), "PP 11/2017 art. 239: pelaksana"),
]  # fmt: skip


@pytest.mark.parametrize(("record", "bup", "retires_on", "source"), RETIREMENT)
def test_retirement_follows_the_law_of_the_post(
    record: Employee, bup: int, retires_on: date, source: str
) -> None:
    assert (record.retirement_age, record.retirement_date) == (bup, retires_on)
    rule = retirement_age_of(
        record.position_kind, record.functional_level, record.functional_position
    )
    assert rule.rule_version.startswith("BUP-2017")
    assert rule.source


def test_a_teachers_rule_version_names_the_law_that_won() -> None:
    rule = retirement_age_of(P.FUNGSIONAL, L.AHLI_PERTAMA, "GURU")
    assert (rule.rule_version, "UU 14/2005" in rule.source) == ("BUP-2017+GURU", True)


# Born 1966-09-26: a pelaksana retires 2024-10-01, a teacher 2026-10-01.
OLD_NIP, OLD_BIRTH, OLD_TMT = "196609261990051001", date(1966, 9, 26), date(1990, 5, 1)


@pytest.mark.parametrize(
    ("overrides", "today", "accepted", "source"),
    [
        ({}, date(2024, 9, 30), True, "the day before the pension date (PP 11/2017 art. 239)"),
        ({}, date(2024, 10, 1), False, "on the pension date: already retired"),
        ({"position_kind": P.FUNGSIONAL, "functional_position": "GURU",
          "functional_level": L.AHLI_PERTAMA, "golongan": "III/b"},
         date(2026, 9, 30), True, "a teacher: the day before 60 (UU 14/2005 art. 30(4))"),
        ({"position_kind": P.FUNGSIONAL, "functional_position": "GURU",
          "functional_level": L.AHLI_PERTAMA, "golongan": "III/b"},
         date(2026, 10, 1), False, "a teacher on the pension date"),
    ],
)  # fmt: skip
def test_an_active_pns_past_retirement_cannot_be_registered(
    overrides: dict[str, Any], today: date, accepted: bool, source: str
) -> None:
    record = employee(nip=OLD_NIP, birth_date=OLD_BIRTH, tmt_cpns=OLD_TMT, **overrides)
    if accepted:
        validate_employee(record, today=today)
    else:
        with pytest.raises(InvalidInput, match="retired on") as failure:
            validate_employee(record, today=today)
        assert failure.value.field == "birth_date"


def test_a_pppk_has_no_bup_check_at_registration() -> None:
    record = employee(
        nip=OLD_NIP, birth_date=OLD_BIRTH, tmt_cpns=None, employment_type=EmploymentType.PPPK,
        golongan="IX",
    )  # fmt: skip
    validate_employee(record, today=date(2026, 1, 1) + timedelta(days=1))


def test_a_transfer_to_a_jf_names_it_and_moves_the_retirement_date() -> None:
    pelaksana = employee()
    move = Transfer(
        to_unit_code="SMAN1", to_unit_name="SMA Negeri 1", position_title="Guru Ahli Pertama",
        position_kind=P.FUNGSIONAL, work_location="KOTA_BANDUNG",
        effective_date=date(2026, 1, 1), functional_level=L.AHLI_PERTAMA,
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="needs its functional_position"):
        apply_transfer(pelaksana, move)
    moved, _ = apply_transfer(pelaksana, replace(move, functional_position="GURU"))
    assert (moved.retirement_date, pelaksana.retirement_date) == (
        date(2046, 10, 1),
        date(2044, 10, 1),
    )
    with pytest.raises(InvalidInput, match="outside the range"):
        apply_transfer(employee(golongan="III/d"), replace(move, functional_position="GURU"))


@pytest.mark.parametrize(
    "pasted",
    [
        "198609262015051001",
        "19860926\t201505\t1\t001",
        "19860926\u00a0201505\u00a01\u00a0001",  # no-break space
        "19860926\u202f2015051001",  # narrow no-break space
        "198609262015051001\u200b",  # zero-width space
        "\ufeff198609262015051001\n",  # byte-order mark, line break
        "19860926\u3000201505 1 001",  # ideographic space
    ],
)
def test_any_unicode_whitespace_in_a_pasted_nip_is_removed(pasted: str) -> None:
    assert normalize_nip(pasted) == "198609262015051001"


def test_digits_of_other_scripts_are_still_refused() -> None:
    with pytest.raises(InvalidInput):
        normalize_nip("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١")


def test_the_catalogue_lookup_refuses_unknown_codes() -> None:
    assert functional_position("GURU").name == "Guru"
    with pytest.raises(InvalidInput):
        functional_position("guru")


@pytest.mark.parametrize(
    ("overrides", "accepted", "source"),
    [
        ({"employment_type": EmploymentType.PPPK, "golongan": "IX", "tmt_cpns": None,
          "contract_start": date(2024, 3, 1)}, True, "PP 49/2018: a PPPK's work contract"),
        ({"contract_start": date(2024, 3, 1)}, False, "a PNS has no work contract"),
    ],
)  # fmt: skip
def test_the_contract_start_belongs_to_a_pppk(
    overrides: dict[str, Any], accepted: bool, source: str
) -> None:
    record = employee(**overrides)
    if accepted:
        assert validate_employee(record, today=TODAY).contract_start == date(2024, 3, 1)
    else:
        with pytest.raises(InvalidInput, match="only for PPPK") as failure:
            validate_employee(record, today=TODAY)
        assert failure.value.field == "contract_start"
