"""The catalogue of functional positions (jabatan fungsional, JF): grades, their rank ranges, the
retirement age a law sets for the post, and the AK coefficient per grade, each with its source.

docs/domain.md, "Functional positions". The rank ranges of the grades are the shared table
(`jenjang_shared.contracts.ranks.JF_GRADE_RANKS`, PermenPANRB 1/2023) because evaluation reads
the same ceilings; the coefficients are PermenPANRB 1/2023's (the handbook marks them "verify in
the annex"). A retirement age here wins over the general one (PP 11/2017 art. 240); None means
the general rule of the grade applies (PP 11/2017 art. 239).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jenjang_shared.contracts.ranks import JF_GRADE_RANKS
from jenjang_shared.contracts.vocabulary import FunctionalLevel
from jenjang_shared.errors import InvalidInput

CATALOGUE_VERSION = "JF-CATALOGUE-2026-01"

SRC_GRADES = "PermenPANRB 1/2023 (jenjang and golongan ruang of JF), as the handbook gives them"
SRC_COEFFICIENT = "PermenPANRB 1/2023, annex (AK coefficient per year) [verify in the annex]"
SRC_GURU_BUP = "UU 14/2005 art. 30(4): a teacher retires at 60; PP 11/2017 art. 240"
SRC_DOSEN_BUP = "UU 14/2005 art. 67(4): a lecturer retires at 65; PP 11/2017 art. 240"


class Category(StrEnum):
    KEAHLIAN = "KEAHLIAN"
    KETERAMPILAN = "KETERAMPILAN"


KEAHLIAN_LEVELS = (
    FunctionalLevel.AHLI_PERTAMA,
    FunctionalLevel.AHLI_MUDA,
    FunctionalLevel.AHLI_MADYA,
    FunctionalLevel.AHLI_UTAMA,
)
KETERAMPILAN_LEVELS = (
    FunctionalLevel.PEMULA,
    FunctionalLevel.TERAMPIL,
    FunctionalLevel.MAHIR,
    FunctionalLevel.PENYELIA,
)

# PermenPANRB 1/2023: the AK a grade earns a year at predikat BAIK (100 %).
COEFFICIENTS: dict[FunctionalLevel, Decimal] = {
    FunctionalLevel.AHLI_PERTAMA: Decimal("12.5"),
    FunctionalLevel.AHLI_MUDA: Decimal("25"),
    FunctionalLevel.AHLI_MADYA: Decimal("37.5"),
    FunctionalLevel.AHLI_UTAMA: Decimal("50"),
    FunctionalLevel.PEMULA: Decimal("3.75"),
    FunctionalLevel.TERAMPIL: Decimal("5"),
    FunctionalLevel.MAHIR: Decimal("12.5"),
    FunctionalLevel.PENYELIA: Decimal("25"),
}


@dataclass(frozen=True)
class Grade:
    """One grade (jenjang) of a JF."""

    level: FunctionalLevel
    name: str
    category: Category
    lowest: str
    highest: str
    retirement_age: int | None  # set by a law for this post; None: the general rule
    ak_coefficient: Decimal | None  # None: AK not earned by predikat conversion
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FunctionalPosition:
    code: str
    name: str
    grades: tuple[Grade, ...]
    sources: tuple[str, ...]

    @property
    def categories(self) -> tuple[Category, ...]:
        return tuple(dict.fromkeys(g.category for g in self.grades))

    def grade(self, level: FunctionalLevel) -> Grade | None:
        return next((g for g in self.grades if g.level is level), None)


_TITLE = {
    FunctionalLevel.AHLI_PERTAMA: "Ahli Pertama",
    FunctionalLevel.AHLI_MUDA: "Ahli Muda",
    FunctionalLevel.AHLI_MADYA: "Ahli Madya",
    FunctionalLevel.AHLI_UTAMA: "Ahli Utama",
    FunctionalLevel.PEMULA: "Pemula",
    FunctionalLevel.TERAMPIL: "Terampil",
    FunctionalLevel.MAHIR: "Mahir",
    FunctionalLevel.PENYELIA: "Penyelia",
}


def _grades(
    name: str,
    levels: tuple[FunctionalLevel, ...],
    *,
    retirement_age: int | None = None,
    bup_source: str | None = None,
    titles: dict[FunctionalLevel, str] | None = None,
    coefficients: bool = True,
) -> tuple[Grade, ...]:
    out = []
    for level in levels:
        lowest, highest = JF_GRADE_RANKS[level]
        category = Category.KEAHLIAN if level in KEAHLIAN_LEVELS else Category.KETERAMPILAN
        sources = [SRC_GRADES]
        if coefficients:
            sources.append(SRC_COEFFICIENT)
        if bup_source:
            sources.append(bup_source)
        out.append(
            Grade(
                level=level,
                name=f"{name} {(titles or _TITLE)[level]}",
                category=category,
                lowest=lowest,
                highest=highest,
                retirement_age=retirement_age,
                ak_coefficient=COEFFICIENTS[level] if coefficients else None,
                sources=tuple(sources),
            )
        )
    return tuple(out)


def _position(code: str, name: str, grades: tuple[Grade, ...], source: str) -> FunctionalPosition:
    return FunctionalPosition(code, name, grades, (source,))


_SKILLED_3 = (FunctionalLevel.TERAMPIL, FunctionalLevel.MAHIR, FunctionalLevel.PENYELIA)

CATALOGUE: dict[str, FunctionalPosition] = {
    p.code: p
    for p in (
        _position(
            "GURU",
            "Guru",
            _grades("Guru", KEAHLIAN_LEVELS, retirement_age=60, bup_source=SRC_GURU_BUP),
            "PermenPANRB 21/2024 (JF Guru) [title of the regulation not verified here]",
        ),
        _position(
            "DOSEN",
            "Dosen",
            _grades(
                "Dosen",
                KEAHLIAN_LEVELS,
                retirement_age=65,
                bup_source=SRC_DOSEN_BUP,
                titles={
                    FunctionalLevel.AHLI_PERTAMA: "Asisten Ahli",
                    FunctionalLevel.AHLI_MUDA: "Lektor",
                    FunctionalLevel.AHLI_MADYA: "Lektor Kepala",
                    FunctionalLevel.AHLI_UTAMA: "Profesor",
                },
                # A lecturer's AK comes from the lecturers' own credit rules (tridharma), not
                # from the predikat conversion: not encoded.
                coefficients=False,
            ),
            "UU 14/2005 art. 48 (academic ranks of lecturers)",
        ),
        _position(
            "ANALIS_KEBIJAKAN",
            "Analis Kebijakan",
            _grades("Analis Kebijakan", KEAHLIAN_LEVELS),
            "PermenPANRB 45/2013 as amended (JF Analis Kebijakan) [not verified here]",
        ),
        _position(
            "PERENCANA",
            "Perencana",
            _grades("Perencana", KEAHLIAN_LEVELS),
            "PermenPANRB 4/2020 (JF Perencana) [not verified here]",
        ),
        _position(
            "ANALIS_SDM_APARATUR",
            "Analis Sumber Daya Manusia Aparatur",
            _grades("Analis SDM Aparatur", KEAHLIAN_LEVELS),
            "PermenPANRB 52/2020 (JF Analis SDM Aparatur) [not verified here]",
        ),
        _position(
            "PRANATA_KOMPUTER",
            "Pranata Komputer",
            _grades("Pranata Komputer", _SKILLED_3) + _grades("Pranata Komputer", KEAHLIAN_LEVELS),
            "PermenPANRB 32/2020 (JF Pranata Komputer) [not verified here]",
        ),
        _position(
            "DOKTER",
            "Dokter",
            _grades("Dokter", KEAHLIAN_LEVELS),
            "PermenPANRB 6/2023 (JF Dokter) [not verified here]",
        ),
        _position(
            "PERAWAT",
            "Perawat",
            _grades("Perawat", _SKILLED_3) + _grades("Perawat", KEAHLIAN_LEVELS),
            "PermenPANRB 35/2019 (JF Perawat) [not verified here]",
        ),
    )
}


def functional_position(code: str, *, field: str = "functional_position") -> FunctionalPosition:
    """The catalogue entry of `code`; an unknown code is a 422."""
    found = CATALOGUE.get(code)
    if found is None:
        raise InvalidInput(
            f"{code} is not a functional position of the catalogue "
            f"(GET /v1/functional-positions): one of {', '.join(sorted(CATALOGUE))}",
            field=field,
        )
    return found


def grade_of(code: str, level: FunctionalLevel | None) -> Grade:
    """The grade `level` of the position `code` (422 when the position has no such grade)."""
    position = functional_position(code)
    if level is None:
        raise InvalidInput(
            f"a {code} post needs its grade (functional_level)", field="functional_level"
        )
    grade = position.grade(level)
    if grade is None:
        levels = ", ".join(g.level.value for g in position.grades)
        raise InvalidInput(
            f"{code} has no grade {level.value} (its grades: {levels})", field="functional_level"
        )
    return grade
