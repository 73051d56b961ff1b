"""Reading policy versions."""

from __future__ import annotations

from datetime import date

from jenjang_shared.contracts.vocabulary import Allowance
from welfare.domain.policies import PolicyBook, PolicyVersion
from welfare.service.ports import Repositories


async def policy_versions(
    allowance: Allowance, as_of: date, *, repos: Repositories
) -> tuple[list[PolicyVersion], PolicyVersion | None]:
    """Every version of an allowance and the one in force on `as_of`."""
    book = PolicyBook(await repos.policies.all())
    return book.versions(allowance), book.in_force(allowance, as_of)
