"""The mentoring service's view of an employee, built from personnel's events.

Events about one NIP arrive in order, but a projection must still survive replays and stray
orderings, so every change is guarded:
- a registration arriving after other events only fills the fields still unknown;
- a rank change applies only if its TMT is not older than the rank already known;
- a unit change applies only if its effective date is not older than the one already known;
- retirement is final: no later event makes the employee active again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from jenjang_shared.contracts.personnel import EmployeeChanges
from jenjang_shared.contracts.vocabulary import EmploymentType


class EmployeeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"


@dataclass(frozen=True)
class Employee:
    nip: str
    name: str | None = None
    employment_type: str | None = None
    golongan: str | None = None
    golongan_tmt: date | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    unit_since: date | None = None
    job_family: str | None = None
    supervisor_nip: str | None = None
    status: EmployeeStatus = EmployeeStatus.ACTIVE
    retired_on: date | None = None
    registered: bool = False
    """False while only later events (update, transfer...) have been seen."""

    @property
    def retired(self) -> bool:
        return self.status == EmployeeStatus.RETIRED

    @property
    def is_pns(self) -> bool:
        return self.employment_type == EmploymentType.PNS

    def registered_with(self, **fields: Any) -> Employee:
        """Apply a registration: fill what is unknown, keep what later events already set."""
        filled = {k: v for k, v in fields.items() if getattr(self, k) is None}
        return dataclasses.replace(self, registered=True, **filled)

    def with_rank(self, golongan: str, tmt: date | None) -> Employee:
        if tmt is not None and self.golongan_tmt is not None and tmt < self.golongan_tmt:
            return self  # an older rank change arriving late
        return dataclasses.replace(self, golongan=golongan, golongan_tmt=tmt or self.golongan_tmt)

    def with_unit(
        self,
        *,
        unit_code: str,
        unit_name: str | None,
        since: date | None,
        supervisor_nip: str | None,
        job_family: str | None,
    ) -> Employee:
        if since is not None and self.unit_since is not None and since < self.unit_since:
            return self
        return dataclasses.replace(
            self,
            unit_code=unit_code,
            unit_name=unit_name or self.unit_name,
            unit_since=since or self.unit_since,
            supervisor_nip=supervisor_nip,
            job_family=job_family or self.job_family,
        )

    def with_changes(self, changes: EmployeeChanges, effective: date | None) -> Employee:
        """Apply EmployeeUpdated.changes: the fields this service projects, nothing else.

        An absent field did not change; `null` only means something for the superior (cleared).
        A rank change takes its TMT from `golongan_tmt` when sent, else the effective date; a
        new unit is dated from the effective date (both guarded like promotions and transfers).
        """
        sent = changes.changed()
        result = self
        if changes.employment_type is not None:
            result = dataclasses.replace(result, employment_type=changes.employment_type.value)
        if changes.golongan is not None:
            result = result.with_rank(changes.golongan, changes.golongan_tmt or effective)
        supervisor_nip = (
            changes.supervisor_nip if "supervisor_nip" in sent else result.supervisor_nip
        )
        if changes.unit_code is not None:
            result = result.with_unit(
                unit_code=changes.unit_code,
                unit_name=changes.unit_name,
                since=effective,
                supervisor_nip=supervisor_nip,
                job_family=changes.job_family,
            )
        else:
            result = dataclasses.replace(
                result,
                supervisor_nip=supervisor_nip,
                job_family=changes.job_family or result.job_family,
                unit_name=changes.unit_name or result.unit_name,
            )
        if changes.name is not None:
            result = dataclasses.replace(result, name=changes.name)
        return result

    def retire(self, on: date) -> Employee:
        return dataclasses.replace(self, status=EmployeeStatus.RETIRED, retired_on=on)
