"""Query parameters of training's own routes (the shared ones: jenjang_shared.web.params)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

Year = Annotated[
    int | None, Query(ge=2000, le=2100, description="Calendar year; default this year")
]
