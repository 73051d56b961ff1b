"""Functional credit points (angka kredit): annual credit = coefficient x predikat factor."""

from __future__ import annotations

from decimal import Decimal

from jenjang_shared.contracts.vocabulary import FunctionalLevel, Predikat

CREDIT_RULES_VERSION = "AK-2022"

# docs/domain.md, "Functional credit points (angka kredit)", exactly.
PREDIKAT_FACTOR: dict[Predikat, Decimal] = {
    Predikat.SANGAT_BAIK: Decimal("1.50"),
    Predikat.BAIK: Decimal("1.00"),
    Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
    Predikat.KURANG: Decimal("0.50"),
    Predikat.SANGAT_KURANG: Decimal("0.25"),
}

# AHLI_PERTAMA 12.5 is docs/domain.md's. The others are CONFIGURABLE EXAMPLES (not in
# docs/domain.md); an agency overrides them with the EVALUATION_CREDIT_COEFFICIENTS setting.
DEFAULT_COEFFICIENTS: dict[FunctionalLevel, Decimal] = {
    FunctionalLevel.AHLI_PERTAMA: Decimal("12.5"),
    FunctionalLevel.AHLI_MUDA: Decimal("25"),
    FunctionalLevel.AHLI_MADYA: Decimal("37.5"),
    FunctionalLevel.AHLI_UTAMA: Decimal("50"),
    FunctionalLevel.PEMULA: Decimal("3.75"),
    FunctionalLevel.TERAMPIL: Decimal("5"),
    FunctionalLevel.MAHIR: Decimal("12.5"),
    FunctionalLevel.PENYELIA: Decimal("25"),
}


def annual_credit(
    level: FunctionalLevel, predikat: Predikat, coefficients: dict[FunctionalLevel, Decimal]
) -> Decimal:
    """The annual angka kredit of one annual predikat at one functional level."""
    return coefficients[level] * PREDIKAT_FACTOR[predikat]
