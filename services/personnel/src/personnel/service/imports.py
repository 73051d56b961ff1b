"""Bulk import of employees: row by row validation, batched inserts, bounded memory.

Rows come from any iterator (the HTTP upload or the command line read the CSV lazily), are
validated exactly as a registration (RegisterEmployee + domain rules), and are written in
batches: one transaction for everything (`all_or_nothing`: any rejected row rolls it all back)
or one per batch (`valid_rows`: every valid row is kept). Each imported employee gets its
EmployeeRegistered through the outbox. Only one batch of rows is ever held in memory, and the
list of rejected rows is capped (the rest are counted). Each transaction that imported rows
appends one audit row (operation employee.import, record the import's `job_id`) listing the
NIPs it imported.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import islice

from pydantic import ValidationError

from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.codes import CodeError, with_codes
from jenjang_shared.errors import DomainError, InvalidInput
from personnel.domain.employee import Employee, validate_employee
from personnel.service.ports import ImportRepository, UnitOfWork, UnitOfWorkFactory
from personnel.service.registration import RegisterEmployee, registered_event

REQUIRED_COLUMNS = frozenset(n for n, f in RegisterEmployee.model_fields.items() if f.is_required())
KNOWN_COLUMNS = frozenset(RegisterEmployee.model_fields)


class ImportMode(StrEnum):
    """all_or_nothing: any rejected row imports nothing; valid_rows: every valid row is kept."""

    ALL_OR_NOTHING = "all_or_nothing"
    VALID_ROWS = "valid_rows"


@dataclass(frozen=True)
class Rejection:
    """A rejected row: its number, the field at fault (when one is) and why."""

    row: int
    field: str | None
    reason: str


@dataclass
class ImportReport:
    """What an import did; `rejections` is capped, the rest counted in `rejections_not_listed`."""

    mode: ImportMode
    job_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    rows: int = 0
    imported: int = 0
    rejected: int = 0
    committed: bool = True
    rejections: list[Rejection] = field(default_factory=list)
    rejections_not_listed: int = 0


Row = tuple[int, dict[str, str | None]]
"""A CSV record: its number (the header is row 1) and its cells by column name."""


def check_columns(columns: Iterable[str]) -> None:
    """The header must name every required registration field and nothing unknown."""
    given = set(columns)
    missing = sorted(REQUIRED_COLUMNS - given)
    if missing:
        raise InvalidInput(f"the CSV lacks the column(s) {', '.join(missing)}", field=missing[0])
    unknown = sorted(given - KNOWN_COLUMNS)
    if unknown:
        raise InvalidInput(f"unknown CSV column(s) {', '.join(unknown)}", field=unknown[0])


def parse_row(values: dict[str, str | None], *, today: date, min_age: int) -> Employee:
    """One CSV row as a valid record, or InvalidInput naming the field and the reason.
    Empty cells are absent values."""
    if None in values:
        raise InvalidInput("the row has more cells than the header")
    if any(v is None for v in values.values()):
        raise InvalidInput("the row has fewer cells than the header")
    data = {k: v.strip() for k, v in values.items() if v is not None and v.strip() != ""}
    try:
        # Codes, not free text: a name or another spelling maps to its code; else refused.
        cmd = RegisterEmployee.model_validate(with_codes(data))
    except CodeError as exc:
        raise InvalidInput(str(exc), field=exc.field) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first.get("loc", ())) or None
        raise InvalidInput(first.get("msg", "invalid"), field=name) from None
    return validate_employee(cmd.to_employee(), today=today, min_appointment_age=min_age)


class _RollBack(Exception):
    """Leaves the all_or_nothing transaction so that it rolls back."""


@dataclass
class Importer:
    """One import run. `progress(n)` is told after each batch how many rows were processed;
    `today` is the date the NIP rules are checked against."""

    mode: ImportMode
    new_uow: UnitOfWorkFactory
    today: date
    min_age: int
    batch_size: int = 1000
    max_listed: int = 1000
    progress: Callable[[int], None] | None = None
    report: ImportReport = field(init=False)

    def __post_init__(self) -> None:
        self.report = ImportReport(mode=self.mode)

    def _reject(self, row: int, field_name: str | None, reason: str) -> None:
        self.report.rejected += 1
        if len(self.report.rejections) < self.max_listed:
            self.report.rejections.append(Rejection(row, field_name, reason))
        else:
            self.report.rejections_not_listed += 1

    async def run(self, rows: Iterator[Row]) -> ImportReport:
        if self.mode is ImportMode.ALL_OR_NOTHING:
            try:
                async with self.new_uow() as uow:
                    while batch := list(islice(rows, self.batch_size)):
                        await self._batch(batch, uow)
                    if self.report.rejected:
                        raise _RollBack
            except _RollBack:
                self.report.committed = False
                self.report.imported = 0
        else:
            while batch := list(islice(rows, self.batch_size)):
                async with self.new_uow() as uow:
                    await self._batch(batch, uow)
        return self.report

    async def _batch(self, batch: list[Row], uow: UnitOfWork) -> None:
        store: ImportRepository = uow.imports
        valid: dict[str, tuple[int, Employee]] = {}
        for number, values in batch:
            try:
                employee = parse_row(values, today=self.today, min_age=self.min_age)
            except DomainError as exc:
                self._reject(number, exc.field, exc.detail)
                continue
            if employee.nip in valid:
                self._reject(number, "nip", f"duplicate NIP: same as row {valid[employee.nip][0]}")
                continue
            valid[employee.nip] = (number, employee)
        self.report.rows += len(batch)
        # Supervisors must be registered already, or be imported earlier in this batch.
        wanted = {e.supervisor_nip for _, e in valid.values() if e.supervisor_nip}
        known = await store.existing(sorted(wanted - valid.keys())) if wanted else set()
        # Until nothing changes: dropping a row can orphan another row that named it as supervisor.
        while orphans := [
            nip
            for nip, (_, e) in valid.items()
            if e.supervisor_nip and e.supervisor_nip not in known and e.supervisor_nip not in valid
        ]:
            for nip in orphans:
                number, employee = valid.pop(nip)
                self._reject(number, "supervisor_nip",
                             f"no employee with NIP {employee.supervisor_nip} is registered")  # fmt: skip
        inserted = await store.insert_new([e for _, e in valid.values()]) if valid else set()
        for nip, (number, _) in valid.items():
            if nip not in inserted:
                self._reject(number, "nip", f"an employee with NIP {nip} is already registered")
        events: list[Event] = [
            registered_event(e) for nip, (_, e) in valid.items() if nip in inserted
        ]
        await uow.publish_many(events)
        if inserted:
            await uow.audit(
                operation="employee.import",
                record_type="employee_import",
                record_id=self.report.job_id,
                after={
                    "mode": self.mode.value,
                    "rows": [batch[0][0], batch[-1][0]],
                    "imported": sorted(inserted),
                },
            )
        self.report.imported += len(inserted)
        if self.progress is not None:
            self.progress(len(batch))
