"""Write a CSV of N valid, distinct employees (registration columns) for the import benchmark.

python services/personnel/benchmarks/generate_csv.py 100000 /tmp/employees.csv
"""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta
from pathlib import Path

COLUMNS = [
    "nip", "name", "gender", "birth_date", "employment_type", "golongan", "golongan_tmt",
    "tmt_cpns", "position_title", "position_kind", "functional_level", "unit_code", "unit_name",
    "job_family", "education", "work_location", "supervisor_nip", "job_class",
]  # fmt: skip
UNITS = [
    ("BKD", "Badan Kepegawaian Daerah"),
    ("DINKES", "Dinas Kesehatan"),
    ("DISDIK", "Dinas Pendidikan"),
]


def row(i: int) -> list[str]:
    """Row i: the birth date cycles over 9,000 days, the sequence counts the cycles."""
    birth = date(1970, 1, 1) + timedelta(days=i % 9000)
    tmt = date(birth.year + 25, birth.month, 1)
    female = i % 2 == 1
    nip = f"{birth:%Y%m%d}{tmt:%Y%m}{2 if female else 1}{i // 9000 + 1:03d}"
    code, unit = UNITS[i % len(UNITS)]
    return [
        nip, f"Pegawai {i}", "female" if female else "male", birth.isoformat(), "PNS",
        "III/b", date(tmt.year + 4, 4, 1).isoformat(), tmt.isoformat(), "Analis",
        "PELAKSANA", "", code, unit, "UMUM", "S1", "KOTA_BANDUNG", "", str(i % 17 + 1),
    ]  # fmt: skip


def write_csv(path: Path, rows: int) -> None:
    """Stream the rows to `path` (never all in memory)."""
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for i in range(rows):
            writer.writerow(row(i))


if __name__ == "__main__":
    write_csv(Path(sys.argv[2]), int(sys.argv[1]))
