"""A small, realistic regional agency: five units, about fifty employees, their evaluations.

Pure data, deterministic: the same agency every time, so seeding twice changes nothing (every
record has a natural key: NIP, course code, evaluation period).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    job_family: str
    work_location: str


# Codes and names from the published code lists (jenjang_shared.contracts.codes; the launcher
# does not depend on the shared library, so tests/bus/test_codes.py holds the two together).
UNITS = (
    Unit("BKD", "Badan Kepegawaian Daerah", "KEPEGAWAIAN", "KOTA_BANDUNG"),
    Unit("DINKES", "Dinas Kesehatan", "KESEHATAN", "KOTA_BANDUNG"),
    Unit("DISDIK", "Dinas Pendidikan", "PENDIDIKAN", "KAB_BANDUNG"),
    Unit("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "PEKERJAAN_UMUM", "KOTA_CIMAHI"),
    Unit("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "KEUANGAN", "KAB_GARUT"),
)

FIRST_NAMES = ("Siti", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Nur", "Dedi", "Yuli", "Asep",
               "Lina", "Iwan", "Maya", "Rudi", "Tuti", "Eko", "Wulan", "Bambang", "Fitri", "Joko")  # fmt: skip
LAST_NAMES = ("Rahmawati", "Santoso", "Lestari", "Hidayat", "Permana", "Kusuma", "Wijaya",
              "Nugraha", "Suryani", "Gunawan", "Saputra", "Maulana")  # fmt: skip


@dataclass(frozen=True)
class Person:
    nip: str
    name: str
    gender: str
    birth_date: date
    employment_type: str
    golongan: str
    golongan_tmt: date
    tmt_cpns: date | None
    position_title: str
    position_kind: str
    unit: Unit
    education: str
    supervisor_nip: str | None
    functional_level: str | None = None
    functional_position: str | None = None
    credit_points_start: dict[str, str] | None = None
    job_class: int | None = None
    # Annual predikat ratings (hasil kerja, perilaku kerja) per year.
    ratings: dict[str, tuple[str, str]] = field(default_factory=dict)

    def registration(self) -> dict[str, object]:
        return {
            "nip": self.nip, "name": self.name, "gender": self.gender,
            "birth_date": self.birth_date.isoformat(), "employment_type": self.employment_type,
            "golongan": self.golongan, "golongan_tmt": self.golongan_tmt.isoformat(),
            "tmt_cpns": self.tmt_cpns.isoformat() if self.tmt_cpns else None,
            "position_title": self.position_title, "position_kind": self.position_kind,
            "functional_level": self.functional_level, "unit_code": self.unit.code,
            "unit_name": self.unit.name, "job_family": self.unit.job_family,
            "education": self.education, "work_location": self.unit.work_location,
            "supervisor_nip": self.supervisor_nip, "job_class": self.job_class,
            "functional_position": self.functional_position,
            "credit_points_start": self.credit_points_start,
        }  # fmt: skip


def nip_for(birth: date, tmt_cpns: date, gender: str, sequence: int) -> str:
    """A valid NIP: birth date, TMT CPNS year-month, gender digit, sequence (docs/domain.md)."""
    digit = "1" if gender == "male" else "2"
    return f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{digit}{sequence:03d}"


GOOD = ("SESUAI", "SESUAI")  # BAIK
GREAT = ("DI_ATAS", "DI_ATAS")  # SANGAT_BAIK
WEAK = ("DI_BAWAH", "SESUAI")  # BUTUH_PERBAIKAN


# The JF of each unit's functional official: a code of personnel's catalogue
# (GET /v1/functional-positions; docs/domain.md, "Functional positions").
JF_OF_FAMILY = {
    "KEPEGAWAIAN": ("ANALIS_SDM_APARATUR", "Analis SDM Aparatur Ahli Pertama"),
    "KESEHATAN": ("PERAWAT", "Perawat Ahli Pertama"),
    "PENDIDIKAN": ("GURU", "Guru Ahli Pertama"),
    "PEKERJAAN_UMUM": ("PERENCANA", "Perencana Ahli Pertama"),
    "KEUANGAN": ("ANALIS_KEBIJAKAN", "Analis Kebijakan Ahli Pertama"),
}


def _person(n: int, unit: Unit, **kw: object) -> Person:
    gender = "female" if n % 2 else "male"
    birth = date(1970 + n % 25, 1 + n % 12, 1 + n % 27)
    employment_type = str(kw.pop("employment_type", "PNS"))
    tmt_cpns = kw.pop("tmt_cpns", date(birth.year + 24, 1 + (n * 5) % 12, 1))
    assert isinstance(tmt_cpns, date)
    if employment_type == "PPPK":
        nip = f"{birth:%Y%m%d}{2023:04d}{1 + n % 9:02d}{1 if gender == 'male' else 2}{n:03d}"
        cpns = None
    else:
        nip = nip_for(birth, tmt_cpns, gender, n)
        cpns = tmt_cpns
    name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n * 7) % len(LAST_NAMES)]}"
    return Person(nip=nip, name=name, gender=gender, birth_date=birth,
                  employment_type=employment_type, tmt_cpns=cpns, unit=unit, **kw)  # type: ignore[arg-type]  # fmt: skip


def next_kp_period(today: date) -> date:
    """The first KP period on or after `today`: since 1 October 2025 the 1st of every month
    (docs/domain.md, "Promotion (KP reguler)")."""
    if today.day == 1:
        return today
    return date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1)


def evaluated_years(today: date) -> tuple[str, str]:
    """The two calendar years whose annual predikat the next KP period looks at."""
    kp = next_kp_period(today)
    return str(kp.year - 2), str(kp.year - 1)


def build_agency(today: date) -> list[Person]:
    """About fifty employees, supervisors before the people they supervise, with annual
    ratings for the two years the next KP period looks at (so the story has a promotion)."""
    earlier, last = evaluated_years(today)
    people: list[Person] = []
    n = 1
    for u, unit in enumerate(UNITS):
        head = _person(n, unit, golongan="IV/b", golongan_tmt=date(2019, 4, 1),
                       position_title=f"Kepala {unit.name}", position_kind="ADMINISTRATOR",
                       education="S3", supervisor_nip=None, job_class=12,
                       ratings={earlier: GREAT, last: GOOD})  # fmt: skip
        n += 1
        supervisors = []
        for k in range(2):
            supervisor = _person(n, unit, golongan="III/d", golongan_tmt=date(2021, 10, 1),
                                 position_title=f"Kepala Seksi {k + 1}", position_kind="PENGAWAS",
                                 education="S2", supervisor_nip=head.nip,
                                 ratings={earlier: GOOD, last: GREAT if k == 0 else GOOD})  # fmt: skip
            n += 1
            supervisors.append(supervisor)
        staff = []
        for k in range(5):
            golongan, tmt, education = [("III/a", date(2020, 4, 1), "S1"),
                                        ("III/b", date(2021, 4, 1), "S1"),
                                        ("II/c", date(2018, 10, 1), "D3"),
                                        ("III/c", date(2023, 4, 1), "S1"),
                                        ("II/d", date(2020, 10, 1), "SLTA")][k]  # fmt: skip
            weak = (u + k) % 9 == 4  # a couple of weak years feed the support story
            kind = "FUNGSIONAL" if k == 0 else "PELAKSANA"
            code, title = JF_OF_FAMILY[unit.job_family]
            # A JF holder starts from the AK of a PAK (30 at the end of the year before the two
            # evaluated ones): two BAIK years (12.5 each) then reach Ahli Pertama's 50.
            pak = {
                "amount": "30",
                "as_of": f"{int(earlier) - 1}-12-31",
                "source_document": f"PAK 800/{n}/{unit.code}",
            }
            staff.append(_person(n, unit, golongan=golongan, golongan_tmt=tmt,
                                 position_title=title if kind == "FUNGSIONAL" else "Pengelola",
                                 position_kind=kind,
                                 functional_level="AHLI_PERTAMA" if kind == "FUNGSIONAL" else None,
                                 functional_position=code if kind == "FUNGSIONAL" else None,
                                 credit_points_start=pak if kind == "FUNGSIONAL" else None,
                                 education=education, supervisor_nip=supervisors[k % 2].nip,
                                 ratings={earlier: GOOD, last: WEAK if weak else GOOD}))  # fmt: skip
            n += 1
        cpns = _person(n, unit, golongan="III/a", golongan_tmt=date(2026, 3, 1),
                       tmt_cpns=date(2026, 3, 1), employment_type="CPNS",
                       position_title="Calon Analis", position_kind="PELAKSANA", education="S1",
                       supervisor_nip=supervisors[0].nip)  # fmt: skip
        n += 1
        pppk = _person(n, unit, golongan="IX", golongan_tmt=date(2024, 1, 1),
                       employment_type="PPPK", position_title="Pengelola Layanan",
                       position_kind="PELAKSANA", education="S1", supervisor_nip=supervisors[1].nip,
                       ratings={earlier: GOOD, last: GOOD})  # fmt: skip
        n += 1
        people += [head, *supervisors, *staff, cpns, pppk]
    return people


COURSES = (
    {"code": "LATSAR-CPNS", "title": "Pelatihan Dasar CPNS", "training_category": "LATSAR",
     "training_method": "KLASIKAL", "jp": 40, "provider": "BPSDM Jawa Barat", "job_families": [],
     "mandatory": True},
    {"code": "PKP-2026", "title": "Pelatihan Kepemimpinan Pengawas", "training_category": "PKP",
     "training_method": "KLASIKAL", "jp": 30, "provider": "BPSDM Jawa Barat", "job_families": []},
    {"code": "RS-MANAJEMEN", "title": "Manajemen Rumah Sakit", "training_category": "TEKNIS",
     "training_method": "KLASIKAL", "jp": 24, "provider": "BPSDM Jawa Barat",
     "job_families": ["KESEHATAN"]},
    {"code": "PU-PROYEK", "title": "Perencanaan dan Pengendalian Proyek Konstruksi",
     "training_category": "TEKNIS", "training_method": "KLASIKAL", "jp": 24,
     "provider": "BPSDM Jawa Barat", "job_families": ["PEKERJAAN_UMUM"]},
    {"code": "SDM-ANALISIS", "title": "Analisis Jabatan dan Beban Kerja", "training_category": "TEKNIS",
     "training_method": "NONKLASIKAL", "jp": 20, "provider": "BKN", "job_families": ["KEPEGAWAIAN"]},
    {"code": "GURU-DIGITAL", "title": "Pembelajaran Digital", "training_category": "TEKNIS",
     "training_method": "NONKLASIKAL", "jp": 20, "provider": "BPSDM Jawa Barat",
     "job_families": ["PENDIDIKAN"]},
    {"code": "KEU-SAKD", "title": "Akuntansi dan Aset Daerah", "training_category": "TEKNIS",
     "training_method": "KLASIKAL", "jp": 24, "provider": "BPKP", "job_families": ["KEUANGAN"]},
    {"code": "UJIAN-DINAS-I", "title": "Ujian Dinas Tingkat I", "training_category": "UJIAN_DINAS_I",
     "training_method": "KLASIKAL", "jp": 8, "provider": "BKD", "job_families": []},
)  # fmt: skip
