"""Request parameters and the page envelope every service's API shares."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Path, Query
from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, how many match in all, and the window asked for."""

    items: list[T]
    total: int = Field(description="How many match, across all pages")
    limit: int
    offset: int


Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip")]
NipPath = Annotated[
    str,
    Path(pattern=r"^\d{18}$", description="18-digit NIP", examples=["198609262015051001"]),
]
NipQuery = Annotated[str | None, Query(pattern=r"^\d{18}$", description="18-digit NIP")]
