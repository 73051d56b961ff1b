"""Benchmark: a promotion sweep over N projected employees vs one set-based SQL statement.

Not a test. Seeds a fresh database (COPY) with N employees, two annual evaluations each and a
few ujian dinas, then, interleaved over several rounds:
- candidate: the real sweep (`run_sweep`: keyset batches, one transaction per batch, the pure
  engine, recommendations and outbox rows written);
- baseline: ONE set-based SQL statement computing the same eligibility over the same data.
Between rounds, recommendations and outbox are emptied so that every sweep does the same work.
It checks that both find the same eligible set, and reports median (min, max) and the ratio.

    cd /work/main && .venv/bin/python services/evaluation/benchmarks/sweep_benchmark.py \
        --admin-dsn postgresql://postgres@127.0.0.1:55432/postgres --employees 100000 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import asyncpg

from evaluation import __file__ as package_file
from evaluation.adapters.postgres.unit_of_work import PostgresUnitOfWork
from evaluation.domain.kp_rules import rules_on
from evaluation.service.sweeps import run_sweep
from jenjang_shared.contracts.ranks import education_cap, rank_index
from jenjang_shared.contracts.vocabulary import PNS_GOLONGAN, Education
from jenjang_shared.db.migrations import apply_migrations, service_migrations_dir
from jenjang_shared.db.pool import create_pool
from jenjang_shared.db.unit_of_work import unit_of_work

KP = date(2026, 12, 1)
RULES = rules_on(KP)
YEARS = [KP.year - n for n in range(RULES.years_looked_at, 0, -1)]

_RANKS = ",".join(f"('{g}', {rank_index(g)})" for g in PNS_GOLONGAN)
_CAPS = ",".join(f"('{e.value}', '{education_cap(e)}')" for e in Education)
_GOOD = ",".join(f"'{p.value}'" for p in RULES.required_predikat)

# The same rules as the engine, set-based: one statement over the whole table.
BASELINE = f"""
WITH ranks(golongan, idx) AS (VALUES {_RANKS}),
     caps(education, cap) AS (VALUES {_CAPS}),
     annual AS (
        SELECT DISTINCT ON (nip, period_year) nip, period_year, predikat
        FROM evaluations WHERE period_type = 'ANNUAL' AND period_year = ANY($2::int[])
        ORDER BY nip, period_year, version DESC),
     good AS (
        SELECT nip FROM annual WHERE predikat IN ({_GOOD})
        GROUP BY nip HAVING count(*) = cardinality($2::int[]))
SELECT e.nip, nxt.golongan AS to_golongan
FROM employees e
JOIN ranks cur ON cur.golongan = e.golongan
JOIN ranks nxt ON nxt.idx = cur.idx + 1
JOIN caps ON caps.education = e.education
JOIN ranks capr ON capr.golongan = caps.cap
JOIN good g ON g.nip = e.nip
WHERE e.employment_type = 'PNS'
  AND (e.retirement_date IS NULL OR e.retirement_date > $1)
  AND e.golongan_tmt + make_interval(years => {RULES.years_in_rank}) <= $1
  AND nxt.idx <= capr.idx
  AND NOT (e.golongan = 'II/d' AND e.education NOT IN ('D4','S1','S2','S3')
           AND NOT EXISTS (SELECT 1 FROM passed_exams x WHERE x.nip = e.nip
                           AND x.category = 'UJIAN_DINAS_I' AND x.completed_on <= $1))
  AND NOT (e.golongan = 'III/d' AND e.education NOT IN ('S2','S3')
           AND NOT EXISTS (SELECT 1 FROM passed_exams x WHERE x.nip = e.nip
                           AND x.category = 'UJIAN_DINAS_II' AND x.completed_on <= $1))
"""

RATINGS = [("SESUAI", "SESUAI", "BAIK"), ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK"),
           ("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN")]  # fmt: skip


def seed_rows(n: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    rng = random.Random(7)
    employees, evaluations, exams = [], [], []
    for i in range(n):
        nip = str(198001012005011000 + i)  # unique 18-digit numbers (shape only)
        kind = rng.choices(["PNS", "CPNS", "PPPK"], [85, 5, 10])[0]
        golongan = rng.choice(PNS_GOLONGAN[:16])
        tmt = date(rng.randint(2018, 2024), rng.choice([1, 4, 6, 10, 12]), 1)
        education = rng.choice(list(Education)).value
        retired = date(2026, 6, 1) if rng.random() < 0.01 else None
        employees.append(
            (nip, kind, golongan, tmt, education, f"UNIT{i % 300:03d}", "PELAKSANA", None,
             "RETIRED" if retired else "ACTIVE", retired, True)
        )  # fmt: skip
        for year in YEARS:
            hasil, perilaku, predikat = rng.choices(RATINGS, [70, 20, 10])[0]
            evaluations.append(
                (uuid.uuid4(), nip, "197001012000011001", "ANNUAL", str(year), year, 1,
                 hasil, perilaku, predikat)
            )  # fmt: skip
        if rng.random() < 0.3:
            category = rng.choice(["UJIAN_DINAS_I", "UJIAN_DINAS_II"])
            exams.append((nip, str(uuid.uuid4()), category, date(2024, 5, 1)))
    return employees, evaluations, exams


async def seed(pool: asyncpg.Pool, n: int) -> None:
    employees, evaluations, exams = seed_rows(n)
    async with pool.acquire() as conn:
        await conn.copy_records_to_table(
            "employees",
            records=employees,
            columns=["nip", "employment_type", "golongan", "golongan_tmt", "education",
                     "unit_code", "position_kind", "functional_level", "status",
                     "retirement_date", "registered"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "evaluations",
            records=evaluations,
            columns=["evaluation_id", "nip", "evaluator_nip", "period_type", "period",
                     "period_year", "version", "hasil_kerja", "perilaku_kerja", "predikat"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "passed_exams",
            records=exams,
            columns=["nip", "enrollment_id", "category", "completed_on"],
        )
        await conn.execute("ANALYZE")


async def sweep_once(pool: asyncpg.Pool, batch_size: int) -> tuple[float, set[tuple[str, str]]]:
    await pool.execute("TRUNCATE recommendations, promotion_blocks, outbox")
    sweep_id = str(uuid.uuid4())
    total = await pool.fetchval("SELECT count(*) FROM employees")
    await pool.execute(
        "INSERT INTO promotion_sweeps (sweep_id, kp_period, total) VALUES ($1, $2, $3)",
        sweep_id, KP, total,
    )  # fmt: skip

    @asynccontextmanager
    async def new_uow() -> AsyncIterator[PostgresUnitOfWork]:
        async with unit_of_work(pool) as transaction:
            yield PostgresUnitOfWork(transaction)

    started = time.perf_counter()
    await run_sweep(new_uow, sweep_id=sweep_id, kp_period=KP, batch_size=batch_size)
    elapsed = time.perf_counter() - started
    row = await pool.fetchrow("SELECT * FROM promotion_sweeps WHERE sweep_id = $1", sweep_id)
    assert row is not None
    assert row["status"] == "COMPLETED" and row["processed"] == total, dict(row)
    found = {(r["nip"], r["to_golongan"]) for r in await pool.fetch(
        "SELECT nip, to_golongan FROM recommendations")}  # fmt: skip
    outbox = await pool.fetchval("SELECT count(*) FROM outbox")
    assert outbox == len(found) == row["recommended"]
    return elapsed, found


async def baseline_once(pool: asyncpg.Pool) -> tuple[float, set[tuple[str, str]]]:
    started = time.perf_counter()
    rows = await pool.fetch(BASELINE, KP, YEARS)
    return time.perf_counter() - started, {(r["nip"], r["to_golongan"]) for r in rows}


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f}s (min {min(values):.3f}, max {max(values):.3f})"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--admin-dsn",
        default=os.environ.get(
            "JENJANG_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:55432/postgres"
        ),
    )
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()

    name = f"evaluation_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(args.admin_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = args.admin_dsn.rsplit("/", 1)[0] + f"/{name}"
    pool = await create_pool(dsn, min_size=1, max_size=4, command_timeout=600)
    try:
        async with pool.acquire() as conn:
            await apply_migrations(conn, {"evaluation": service_migrations_dir(package_file)})
        started = time.perf_counter()
        await seed(pool, args.employees)
        print(f"seeded {args.employees} employees in {time.perf_counter() - started:.2f}s")
        sweeps, baselines = [], []
        for round_no in range(1, args.rounds + 1):
            sweep_s, sweep_found = await sweep_once(pool, args.batch_size)
            base_s, base_found = await baseline_once(pool)
            assert sweep_found == base_found, (len(sweep_found), len(base_found))
            sweeps.append(sweep_s)
            baselines.append(base_s)
            print(f"round {round_no}: sweep {sweep_s:.3f}s, set-based SQL {base_s:.3f}s, "
                  f"eligible {len(sweep_found)}")  # fmt: skip
        print(
            f"sweep ({args.batch_size}/batch, writes recommendations + outbox): {summary(sweeps)}"
        )
        print(f"set-based SQL (read only): {summary(baselines)}")
        ratio = statistics.median(sweeps) / statistics.median(baselines)
        print(f"ratio sweep / baseline (medians): {ratio:.1f}x; "
              f"throughput {args.employees / statistics.median(sweeps):,.0f} employees/s")  # fmt: skip
    finally:
        await pool.close()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
