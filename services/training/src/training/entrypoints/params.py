"""Path and query parameters shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

NipPath = Annotated[
    str,
    Path(
        pattern=r"^\d{18}$",
        description="The employee's 18-digit NIP",
        examples=["198609262015051001"],
    ),
]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, description="Items to skip")]
Year = Annotated[
    int | None, Query(ge=2000, le=2100, description="Calendar year; default this year")
]
