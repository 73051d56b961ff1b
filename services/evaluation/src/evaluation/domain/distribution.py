"""A unit's predikat distribution (docs/domain.md, "Unit distribution (quota curve)")."""

from __future__ import annotations

from dataclasses import dataclass

from jenjang_shared.contracts.vocabulary import Predikat

BELOW_BAIK = (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG)


@dataclass(frozen=True)
class QuotaCurve:
    max_baik_share: float  # when the unit's own result is BAIK
    max_sangat_baik_share: float  # when the unit's own result is SANGAT_BAIK (istimewa)
    require_below_when_baik: bool  # "some must be below"


@dataclass(frozen=True)
class Distribution:
    counts: dict[Predikat, int]
    shares: dict[Predikat, float]
    total: int
    breaches: list[str]


def distribution(
    predikats: list[Predikat], unit_result: Predikat, curve: QuotaCurve
) -> Distribution:
    """Counts and shares per predikat, and every breach of the curve for the unit's result."""
    total = len(predikats)
    counts = {p: 0 for p in Predikat}
    for p in predikats:
        counts[p] += 1
    shares = {p: (counts[p] / total if total else 0.0) for p in Predikat}
    breaches: list[str] = []
    if total and unit_result is Predikat.BAIK:
        if shares[Predikat.BAIK] > curve.max_baik_share:
            breaches.append(
                f"BAIK share {shares[Predikat.BAIK]:.2%} exceeds {curve.max_baik_share:.0%}"
            )
        if curve.require_below_when_baik and not any(counts[p] for p in BELOW_BAIK):
            breaches.append("no employee is rated below BAIK although the unit's result is BAIK")
    if total and unit_result is Predikat.SANGAT_BAIK:
        share = shares[Predikat.SANGAT_BAIK]
        if share > curve.max_sangat_baik_share:
            breaches.append(
                f"SANGAT_BAIK share {share:.2%} exceeds {curve.max_sangat_baik_share:.0%}"
            )
    return Distribution(counts, shares, total, breaches)
