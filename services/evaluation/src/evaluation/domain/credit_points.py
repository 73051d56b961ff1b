"""Functional credit points (angka kredit, AK) as dated data: the yearly conversion of the annual
predikat (coefficient of the grade x the predikat's percentage), the cumulative minimum for the
next rank and for the next grade (kenaikan jenjang), and the cumulative AK of the current rank.

docs/domain.md, "Functional credit points (angka kredit)". A rule set is in force for the
performance years it covers; a year no rule covers converts to nothing (its AK is in the
employee's initial AK, the PAK), so a replay over history gives each year the rule of its time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jenjang_shared.contracts.vocabulary import FunctionalLevel, Predikat

L = FunctionalLevel


@dataclass(frozen=True)
class CreditRules:
    """One dated version of the AK tables (a new regulation is a new version)."""

    version: str
    first_year: int  # the first performance year converted under it
    last_year: int | None  # inclusive; None: still in force
    source: str
    predikat_factor: dict[Predikat, Decimal]
    coefficients: dict[FunctionalLevel, Decimal]
    rank_minimum: dict[FunctionalLevel, Decimal]  # cumulative AK for the next rank in the grade
    grade_minimum: dict[FunctionalLevel, Decimal]  # cumulative AK for the next grade
    next_grade: dict[FunctionalLevel, FunctionalLevel]

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


CREDIT_RULE_SETS: tuple[CreditRules, ...] = (
    CreditRules(
        version="AK-PERMENPANRB-1-2023",
        first_year=2023,
        last_year=None,
        source=(
            "PermenPANRB 1/2023 (JF) and PerBKN 3/2023 (AK, kenaikan pangkat and jenjang): "
            "conversion of the predikat; the minimums are from the regulation's annex as "
            "commonly quoted [verify in the annex]"
        ),
        predikat_factor={
            Predikat.SANGAT_BAIK: Decimal("1.50"),
            Predikat.BAIK: Decimal("1.00"),
            Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
            Predikat.KURANG: Decimal("0.50"),
            Predikat.SANGAT_KURANG: Decimal("0.25"),
        },
        coefficients={
            L.AHLI_PERTAMA: Decimal("12.5"),
            L.AHLI_MUDA: Decimal("25"),
            L.AHLI_MADYA: Decimal("37.5"),
            L.AHLI_UTAMA: Decimal("50"),
            L.PEMULA: Decimal("3.75"),
            L.TERAMPIL: Decimal("5"),
            L.MAHIR: Decimal("12.5"),
            L.PENYELIA: Decimal("25"),
        },
        rank_minimum={
            L.AHLI_PERTAMA: Decimal("50"),
            L.AHLI_MUDA: Decimal("100"),
            L.AHLI_MADYA: Decimal("150"),
            L.AHLI_UTAMA: Decimal("200"),
            L.PEMULA: Decimal("15"),
            L.TERAMPIL: Decimal("20"),
            L.MAHIR: Decimal("50"),
            L.PENYELIA: Decimal("100"),
        },
        grade_minimum={
            L.AHLI_PERTAMA: Decimal("100"),
            L.AHLI_MUDA: Decimal("200"),
            L.AHLI_MADYA: Decimal("450"),
            L.PEMULA: Decimal("15"),
            L.TERAMPIL: Decimal("60"),
            L.MAHIR: Decimal("100"),
        },
        next_grade={
            L.AHLI_PERTAMA: L.AHLI_MUDA,
            L.AHLI_MUDA: L.AHLI_MADYA,
            L.AHLI_MADYA: L.AHLI_UTAMA,
            L.PEMULA: L.TERAMPIL,
            L.TERAMPIL: L.MAHIR,
            L.MAHIR: L.PENYELIA,
        },
    ),
)
CURRENT = CREDIT_RULE_SETS[-1]
CREDIT_RULES_VERSION = CURRENT.version
PREDIKAT_FACTOR = CURRENT.predikat_factor
# The coefficients an agency may override (EVALUATION_CREDIT_COEFFICIENTS) for the history view.
DEFAULT_COEFFICIENTS = CURRENT.coefficients

# Posts whose AK is not earned by the predikat conversion: a lecturer's comes from the
# lecturers' own credit rules (UU 14/2005; tridharma), which are not encoded.
NO_CONVERSION: frozenset[str] = frozenset({"DOSEN"})


def credit_rules_for(year: int) -> CreditRules | None:
    """The AK rules that convert the performance year `year`; None before the first one."""
    for rules in CREDIT_RULE_SETS:
        if rules.covers(year):
            return rules
    return None


def annual_credit(
    level: FunctionalLevel, predikat: Predikat, coefficients: dict[FunctionalLevel, Decimal]
) -> Decimal:
    """The annual angka kredit of one annual predikat at one functional level."""
    return coefficients[level] * PREDIKAT_FACTOR[predikat]


@dataclass(frozen=True)
class CreditStart:
    """The AK an employee starts from (a PAK at appointment, conversion or import)."""

    amount: Decimal
    as_of: date
    source_document: str


@dataclass(frozen=True)
class Accumulated:
    """The cumulative AK of the current rank on a date, and how it was reached."""

    start: Decimal
    start_source: str | None
    per_year: dict[int, Decimal]
    cumulative: Decimal
    rule_versions: tuple[str, ...]


def _months_counted(year: int, counts_from: date, until: date) -> int:
    """Months of `year` whose first day is on or after `counts_from` and before `until`."""
    return sum(1 for m in range(1, 13) if counts_from <= date(year, m, 1) < until)


def accumulate(
    *,
    level: FunctionalLevel,
    rank_tmt: date,
    annual: dict[int, Predikat],
    start: CreditStart | None,
    until: date,
) -> Accumulated:
    """The AK of the current rank (from its TMT) earned before `until` (the KP period).

    - the initial AK counts when its PAK is of this rank (dated on or after the TMT); the
      years then count from the month after its date;
    - each annual predikat of a year before `until`'s year converts by the rules covering that
      year: coefficient x percentage x the months of the year in rank (from the TMT's month) / 12;
    - a year without an annual evaluation, or without a conversion rule, adds nothing.
    """
    counts_from = rank_tmt
    amount, source = Decimal(0), None
    if start is not None and start.as_of >= rank_tmt:
        amount, source = start.amount, start.source_document
        counts_from = (
            date(start.as_of.year + 1, 1, 1)
            if start.as_of.month == 12
            else date(start.as_of.year, start.as_of.month + 1, 1)
        )
    elif counts_from.day != 1:
        counts_from = (
            date(counts_from.year + 1, 1, 1)
            if counts_from.month == 12
            else date(counts_from.year, counts_from.month + 1, 1)
        )
    per_year: dict[int, Decimal] = {}
    versions: list[str] = []
    for year in range(counts_from.year, until.year):
        rules = credit_rules_for(year)
        months = _months_counted(year, counts_from, until)
        if year not in annual or rules is None or months == 0:
            continue
        credit = rules.coefficients[level] * rules.predikat_factor[annual[year]] * months / 12
        per_year[year] = credit.quantize(Decimal("0.001"))
        if rules.version not in versions:
            versions.append(rules.version)
    total = amount + sum(per_year.values(), Decimal(0))
    return Accumulated(amount, source, per_year, total, tuple(versions))
