"""Bulk import benchmark: the `jenjang-personnel-import` CLI against `copy_records_to_table`
of the same rows, interleaved over rounds, each on a fresh database. Not a test.

    .venv/bin/python services/personnel/benchmarks/import_benchmark.py --rows 100000 --rounds 3

Needs a PostgreSQL superuser DSN (JENJANG_TEST_PG_DSN, default the dev cluster). The candidate
is the whole CLI run (process start, migrations, CSV parsing, validation, inserts of records,
rank history and outbox events); the baseline parses the same CSV and COPYs the employee rows.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg

sys.path.insert(0, str(Path(__file__).parent))
from generate_csv import write_csv

from jenjang_shared.contracts.ranks import rank_index
from jenjang_shared.db.migrations import apply_migrations
from personnel.domain.retirement import retirement_date

MIGRATIONS = Path(__file__).parents[1] / "migrations"
CLI = Path(sys.executable).parent / "jenjang-personnel-import"


async def fresh_database(admin_dsn: str) -> str:
    name = f"bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"{admin_dsn.rpartition('/')[0]}/{name}"


async def drop_database(admin_dsn: str, dsn: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{dsn.rpartition("/")[2]}" WITH (FORCE)')
    finally:
        await conn.close()


def run_cli(csv_path: Path, dsn: str) -> tuple[float, dict[str, Any]]:
    env = {**os.environ, "PERSONNEL_DATABASE_URL": dsn}
    started = time.perf_counter()
    done = subprocess.run(
        [str(CLI), str(csv_path)], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"CLI failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, json.loads(done.stdout)


def _record(r: dict[str, str]) -> tuple[Any, ...]:
    birth = date.fromisoformat(r["birth_date"])
    return (
        r["nip"], r["name"], r["gender"], birth, r["employment_type"], r["golongan"],
        rank_index(r["golongan"]), date.fromisoformat(r["golongan_tmt"]),
        date.fromisoformat(r["tmt_cpns"]), r["position_title"], r["position_kind"], None,
        r["unit_code"], r["unit_name"], r["job_family"], r["education"], r["work_location"],
        None, int(r["job_class"]), "ACTIVE", 58, retirement_date(birth, 58),
    )  # fmt: skip


BASELINE_COLUMNS = [
    "nip", "name", "gender", "birth_date", "employment_type", "golongan", "golongan_rank",
    "golongan_tmt", "tmt_cpns", "position_title", "position_kind", "functional_level",
    "unit_code", "unit_name", "job_family", "education", "work_location", "supervisor_nip",
    "job_class", "status", "retirement_age", "retirement_date",
]  # fmt: skip


async def run_baseline(csv_path: Path, dsn: str) -> float:
    conn = await asyncpg.connect(dsn)
    try:
        await apply_migrations(conn, {"personnel": MIGRATIONS})
        started = time.perf_counter()
        with csv_path.open(newline="") as f:
            records = (_record(r) for r in csv.DictReader(f))
            await conn.copy_records_to_table("employees", records=records, columns=BASELINE_COLUMNS)
        return time.perf_counter() - started
    finally:
        await conn.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    admin = os.environ.get("JENJANG_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:55432/postgres")
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "employees.csv"
        write_csv(csv_path, args.rows)
        cli_times: list[float] = []
        base_times: list[float] = []
        for n in range(args.rounds):
            dsn = await fresh_database(admin)
            try:
                elapsed, report = await asyncio.to_thread(run_cli, csv_path, dsn)
                assert report["imported"] == args.rows, report
                conn = await asyncpg.connect(dsn)
                events = await conn.fetchval("SELECT count(*) FROM outbox")
                await conn.close()
                assert events == args.rows, events
                cli_times.append(elapsed)
            finally:
                await drop_database(admin, dsn)
            dsn = await fresh_database(admin)
            try:
                base_times.append(await run_baseline(csv_path, dsn))
            finally:
                await drop_database(admin, dsn)
            print(
                f"round {n + 1}: CLI {args.rows / cli_times[-1]:,.0f} rows/s "
                f"({cli_times[-1]:.2f}s, import itself {report['seconds']:.2f}s); "
                f"copy_records_to_table {args.rows / base_times[-1]:,.0f} rows/s "
                f"({base_times[-1]:.2f}s)"
            )
    ratios = [c / b for c, b in zip(cli_times, base_times, strict=True)]

    def rate(times: list[float]) -> str:
        rates = sorted(args.rows / t for t in times)
        return f"median {statistics.median(rates):,.0f} rows/s (min {rates[0]:,.0f}, max {rates[-1]:,.0f})"

    print(f"rows: {args.rows}, rounds: {args.rounds}")
    print(f"CLI import (with validation, rank history, outbox events): {rate(cli_times)}")
    print(f"baseline copy_records_to_table of the same rows:          {rate(base_times)}")
    print(
        f"ratio CLI time / baseline time: median {statistics.median(ratios):.1f}x "
        f"(min {min(ratios):.1f}x, max {max(ratios):.1f}x)"
    )


if __name__ == "__main__":
    asyncio.run(main())
