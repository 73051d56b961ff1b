"""The functional-position catalogue: codes, grades, rank ranges, retirement ages, AK
coefficients and the source of each number."""

from __future__ import annotations

from fastapi import APIRouter

from personnel.domain.functional_positions import CATALOGUE_VERSION, FunctionalPosition
from personnel.entrypoints.http.deps import Reader
from personnel.entrypoints.http.schemas import FunctionalGradePublic, FunctionalPositionPublic
from personnel.service import catalogue

router = APIRouter(prefix="/functional-positions", tags=["functional positions"])


def _public(position: FunctionalPosition) -> FunctionalPositionPublic:
    return FunctionalPositionPublic(
        code=position.code,
        name=position.name,
        categories=[c.value for c in position.categories],
        grades=[
            FunctionalGradePublic(
                level=g.level,
                name=g.name,
                category=g.category.value,
                lowest=g.lowest,
                highest=g.highest,
                retirement_age=g.retirement_age,
                ak_coefficient=str(g.ak_coefficient) if g.ak_coefficient is not None else None,
                sources=list(g.sources),
            )
            for g in position.grades
        ],
        sources=list(position.sources),
        catalogue_version=CATALOGUE_VERSION,
    )


@router.get("", summary="The functional positions (JF) a FUNGSIONAL post names")
async def list_functional_positions(caller: Reader) -> list[FunctionalPositionPublic]:
    """Every JF of the catalogue with its grades: each grade's rank range, the retirement age a
    law sets for the post (null: the general BUP), its AK coefficient, and their sources."""
    return [_public(p) for p in catalogue.functional_positions()]
