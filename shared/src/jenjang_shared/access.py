"""Who is calling, and what they may see: the one place roles and scope come from token claims.

Pure (no I/O, no framework), so a service layer can take a `Visibility` and put it into its
queries: a list never returns rows outside the caller's scope, and a read of someone out of scope
is a 404, so existence does not leak. See docs/architecture.md, "Identity and access".

| role | from the token | sees |
|---|---|---|
| admin | role `admin` (BKD) | everyone |
| hr | role `hr`, claim `units` | employees of those units |
| supervisor | role `supervisor`, claim `nip` | their direct reports (and themselves) |
| employee | role `employee`, claim `nip` | themselves |
| service | role `service` (client credentials) | everyone, read-only unless a write scope is granted |
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    ADMIN = "admin"
    HR = "hr"
    SUPERVISOR = "supervisor"
    EMPLOYEE = "employee"
    SERVICE = "service"


@dataclass(frozen=True)
class Principal:
    """The verified caller: the token's subject and what its claims grant."""

    subject: str
    roles: frozenset[Role]
    units: frozenset[str] = frozenset()
    nip: str | None = None
    scopes: frozenset[str] = frozenset()
    client_id: str | None = None

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Principal:
        """Roles from `roles` (or Keycloak's `realm_access.roles`), `units`, `nip`, `scope`."""
        raw_roles = claims.get("roles")
        if raw_roles is None:
            raw_roles = (claims.get("realm_access") or {}).get("roles", [])
        roles = frozenset(Role(r) for r in _strings(raw_roles) if r in Role._value2member_map_)
        units = claims.get("units") or []
        nip = claims.get("nip")
        return cls(
            subject=str(claims.get("sub") or ""),
            roles=roles,
            units=frozenset(_strings([units] if isinstance(units, str) else units)),
            nip=nip if isinstance(nip, str) and nip else None,
            scopes=frozenset(str(claims.get("scope") or "").split()),
            client_id=claims.get("azp") or claims.get("client_id"),
        )

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def actor(self) -> str:
        """How the audit log and decisions name this caller: the NIP when known, else the
        subject (a service account's or an administrator's id)."""
        return self.nip or self.subject


current_principal: ContextVar[Principal | None] = ContextVar("current_principal", default=None)
"""The caller of the current request, once authenticated (the audit log reads it)."""


def _strings(values: Iterable[Any]) -> list[str]:
    return [str(v) for v in values if isinstance(v, str | int)]


@dataclass(frozen=True)
class Visibility:
    """The employees whose records a caller may see, as a filter a query can apply.

    `everyone` (admin, service); else the union of: the employees of `units` (hr), the direct
    reports of `reports_of` (supervisor), and `nip` itself (the caller's own records).
    """

    everyone: bool = False
    units: frozenset[str] = field(default_factory=frozenset)
    reports_of: str | None = None
    nip: str | None = None

    @classmethod
    def of(cls, principal: Principal) -> Visibility:
        if principal.has(Role.ADMIN, Role.SERVICE):
            return cls(everyone=True)
        return cls(
            units=principal.units if principal.has(Role.HR) else frozenset(),
            reports_of=principal.nip if principal.has(Role.SUPERVISOR) else None,
            nip=principal.nip,
        )

    @classmethod
    def unrestricted(cls) -> Visibility:
        """For the service's own work (event handlers, sweeps, the CLI import)."""
        return cls(everyone=True)

    def allows(
        self, *, nip: str, unit_code: str | None = None, supervisor_nip: str | None = None
    ) -> bool:
        """Whether an employee with these facts is visible (the same test the SQL applies)."""
        return (
            self.everyone
            or (unit_code is not None and unit_code in self.units)
            or (self.reports_of is not None and supervisor_nip == self.reports_of)
            or (self.nip is not None and nip == self.nip)
        )

    def sql_arguments(self) -> tuple[bool, list[str], str | None, str | None]:
        """($everyone, $units, $reports_of, $nip) for the shared SQL predicate::

        ($1 OR unit_code = ANY($2) OR supervisor_nip = $3 OR nip = $4)
        """
        return self.everyone, sorted(self.units), self.reports_of, self.nip
