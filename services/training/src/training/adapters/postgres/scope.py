"""The caller's scope as SQL: the shared predicate of `jenjang_shared.access.Visibility`.

    ($everyone OR unit_code = ANY($units) OR supervisor_nip = $reports_of OR nip = $nip)

on the employee projection's columns, with its four arguments numbered from `first`
(`Visibility.sql_arguments()` gives them in that order)."""

from __future__ import annotations


def predicate(
    first: int,
    *,
    unit: str = "p.unit_code",
    supervisor: str = "p.supervisor_nip",
    nip: str = "p.nip",
) -> str:
    everyone, units, reports_of, own = (f"${n}" for n in range(first, first + 4))
    return (
        f"({everyone}::boolean OR {unit} = ANY({units}::text[])"
        f" OR {supervisor} = {reports_of}::text OR {nip} = {own}::text)"
    )
