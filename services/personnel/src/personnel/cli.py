"""`jenjang-personnel-import FILE.csv [--mode valid_rows]`: the command-line twin of
POST /v1/imports/employees. Imports straight into the database named by
PERSONNEL_DATABASE_URL (migrating it first), with a progress bar; the same service code
validates and writes (events go to the outbox, the relay publishes them later).

Beside main.py rather than in entrypoints/: it needs the composition root (bootstrap) for its
database units of work."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from tqdm import tqdm

from jenjang_shared.errors import DomainError
from jenjang_shared.ports import Clock, SystemClock
from personnel.bootstrap import database_units_of_work
from personnel.config import PersonnelSettings
from personnel.entrypoints.csv_rows import CsvRows
from personnel.entrypoints.http.schemas import ImportReportPublic
from personnel.service.imports import Importer, ImportMode, check_columns


class _CountingReader(io.RawIOBase):
    """A binary file that tells the progress bar how many bytes were read."""

    def __init__(self, raw: io.BufferedReader, bar: tqdm[Any]) -> None:
        self._raw, self._bar = raw, bar

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)
        self._bar.update(n)
        return n


async def run_import(
    path: Path,
    mode: ImportMode,
    settings: PersonnelSettings,
    *,
    size_bytes: int | None = None,
    clock: Clock | None = None,
) -> dict[str, Any]:
    """Import one CSV file; return the report as JSON-ready data (as the HTTP import answers)."""
    today = (clock or SystemClock()).today()
    async with database_units_of_work(settings) as new_uow:
        with (
            path.open("rb") as raw,
            tqdm(
                total=size_bytes, unit="B", unit_scale=True, desc=path.name, file=sys.stderr
            ) as bar,
        ):
            rows = CsvRows(io.BufferedReader(_CountingReader(raw, bar)))
            check_columns(rows.columns)
            importer = Importer(
                mode=mode,
                new_uow=new_uow,
                today=today,
                min_age=settings.min_appointment_age,
                batch_size=settings.import_batch_size,
                max_listed=settings.import_max_listed_rejections,
                progress=lambda n: bar.set_postfix(rows=importer.report.rows, refresh=False),
            )
            report = await importer.run(iter(rows))
    public = ImportReportPublic.model_validate(report, from_attributes=True)
    return public.model_dump(mode="json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="jenjang-personnel-import",
        description="Import employees from a CSV into the personnel database "
        "(PERSONNEL_DATABASE_URL). Prints the report as JSON.",
    )
    parser.add_argument("csv", type=Path, help="CSV file with the registration fields as columns")
    parser.add_argument(
        "--mode", choices=[m.value for m in ImportMode], default=ImportMode.ALL_OR_NOTHING.value
    )
    args = parser.parse_args(argv)
    if not os.environ.get("PERSONNEL_DATABASE_URL"):
        parser.error("set PERSONNEL_DATABASE_URL to the personnel database")
    started = time.perf_counter()
    try:
        size = args.csv.stat().st_size
        settings = PersonnelSettings()
        report = asyncio.run(run_import(args.csv, ImportMode(args.mode), settings, size_bytes=size))
    except DomainError as exc:
        print(json.dumps({"error": exc.detail, "field": exc.field}), file=sys.stderr)
        return 2
    report["seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(report, indent=2))
    return 0 if report["rejected"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
