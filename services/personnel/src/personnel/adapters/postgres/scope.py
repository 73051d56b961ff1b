"""The scope predicate of every read and write on an employee (jenjang_shared.access): the
caller's visibility as SQL, with its four parameters numbered from `first`.

    (everyone OR unit_code = ANY(units) OR supervisor_nip = reports_of OR nip = own nip)
"""

from __future__ import annotations

from typing import Any

from jenjang_shared.access import Visibility


def visible(first: int, *, alias: str = "") -> str:
    """The predicate on an employees row (`alias.` prefixed when given), parameters
    $first..$first+3 (see `arguments`)."""
    a = f"{alias}." if alias else ""
    return (
        f"(${first}::boolean OR {a}unit_code = ANY(${first + 1}::text[])"
        f" OR {a}supervisor_nip = ${first + 2}::text OR {a}nip = ${first + 3}::text)"
    )


def visible_nip(nip_param: int, first: int) -> str:
    """For rows keyed by a NIP (history, ranks, timeline): the NIP ($nip_param) is the caller's
    own, or names an employee the caller may see."""
    return (
        f"(${first}::boolean OR ${nip_param}::text = ${first + 3}::text OR EXISTS ("
        f"SELECT 1 FROM employees v WHERE v.nip = ${nip_param}::text"
        f" AND (v.unit_code = ANY(${first + 1}::text[]) OR v.supervisor_nip = ${first + 2}::text"
        f" OR v.nip = ${first + 3}::text)))"
    )


def arguments(visibility: Visibility) -> tuple[Any, ...]:
    """The four parameter values, in the predicate's order."""
    return visibility.sql_arguments()
