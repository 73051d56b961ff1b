"""The caller's scope as SQL: the one predicate every scoped query of this service applies."""

from __future__ import annotations


def visible(first: int, alias: str = "employees", *, nip: str | None = None) -> str:
    """`($everyone OR unit_code = ANY($units) OR supervisor_nip = $reports_of OR nip = $nip)`
    over an `employees` row called `alias`, its four parameters from `$first` in the order of
    `Visibility.sql_arguments()`. `nip` names the column the person's own records are matched
    on (default: the employee row's), so that a person sees their own records even before the
    projection knows them."""
    a, b, c, d = first, first + 1, first + 2, first + 3
    own = nip or f"{alias}.nip"
    return (
        f"(${a}::boolean OR {alias}.unit_code = ANY(${b}::text[])"
        f" OR {alias}.supervisor_nip = ${c}::text OR {own} = ${d}::text)"
    )
