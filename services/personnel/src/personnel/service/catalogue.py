"""The functional-position catalogue as the API shows it (docs/domain.md, "Functional
positions"): reference data of the domain, the same for every caller."""

from __future__ import annotations

from personnel.domain.functional_positions import CATALOGUE, FunctionalPosition


def functional_positions() -> list[FunctionalPosition]:
    """Every functional position of the catalogue, by code."""
    return [CATALOGUE[code] for code in sorted(CATALOGUE)]
