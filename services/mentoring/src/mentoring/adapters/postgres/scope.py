"""The caller's scope in SQL: the shared predicate of jenjang_shared.access over this service's
tables, with its four parameters ($everyone, $units, $reports_of, $nip) at any position.

    employee:   ($1 OR unit_code = ANY($2) OR supervisor_nip = $3 OR nip = $4) on the row
    mentorship: the same for either party (mentee or mentor), through their employee rows
    request:    the same for its mentee
"""

from __future__ import annotations

from typing import Any

from jenjang_shared.access import Visibility


def employee_visible(alias: str, first: int) -> str:
    """The predicate on an `employees` row named `alias`, parameters from `$first`."""
    a, u, r, n = (f"${first + i}" for i in range(4))
    return (
        f"({a}::boolean OR {alias}.unit_code = ANY({u}::text[])"
        f" OR {alias}.supervisor_nip = {r}::text OR {alias}.nip = {n}::text)"
    )


def parties_visible(nips: str, first: int) -> str:
    """Any of the NIPs in `nips` (an SQL list such as "s.mentor_nip, s.mentee_nip") is visible:
    by NIP directly, or by their employee row's unit or superior."""
    a, u, r, n = (f"${first + i}" for i in range(4))
    return (
        f"({a}::boolean OR {n}::text IN ({nips}) OR EXISTS (SELECT 1 FROM employees v"
        f" WHERE v.nip IN ({nips})"
        f" AND (v.unit_code = ANY({u}::text[]) OR v.supervisor_nip = {r}::text)))"
    )


def scope_args(visibility: Visibility) -> tuple[Any, ...]:
    """The four parameters of the predicates above."""
    return visibility.sql_arguments()
