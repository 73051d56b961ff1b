"""The shared vocabulary (docs/architecture.md): the values every API and event uses alike."""

from enum import StrEnum


class EmploymentType(StrEnum):
    CPNS = "CPNS"
    PNS = "PNS"
    PPPK = "PPPK"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Education(StrEnum):
    SD = "SD"
    SLTP = "SLTP"
    SLTA = "SLTA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"


class PositionKind(StrEnum):
    JPT = "JPT"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    FUNGSIONAL = "FUNGSIONAL"
    PELAKSANA = "PELAKSANA"


class FunctionalLevel(StrEnum):
    AHLI_PERTAMA = "AHLI_PERTAMA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_UTAMA = "AHLI_UTAMA"
    PEMULA = "PEMULA"
    TERAMPIL = "TERAMPIL"
    MAHIR = "MAHIR"
    PENYELIA = "PENYELIA"


class Rating(StrEnum):
    DI_ATAS = "DI_ATAS"
    SESUAI = "SESUAI"
    DI_BAWAH = "DI_BAWAH"


class Predikat(StrEnum):
    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class TrainingCategory(StrEnum):
    LATSAR = "LATSAR"
    PKP = "PKP"
    PKA = "PKA"
    PKN_II = "PKN_II"
    TEKNIS = "TEKNIS"
    FUNGSIONAL = "FUNGSIONAL"
    UJIAN_DINAS_I = "UJIAN_DINAS_I"
    UJIAN_DINAS_II = "UJIAN_DINAS_II"
    SEMINAR = "SEMINAR"
    MENTORING = "MENTORING"


class TrainingMethod(StrEnum):
    KLASIKAL = "KLASIKAL"
    NONKLASIKAL = "NONKLASIKAL"


class PeriodType(StrEnum):
    ANNUAL = "ANNUAL"
    PERIODIC = "PERIODIC"


class MentoringProgram(StrEnum):
    LATSAR = "LATSAR"
    ONBOARDING = "ONBOARDING"
    COACHING = "COACHING"
    DEVELOPMENT = "DEVELOPMENT"


class PromotionKind(StrEnum):
    REGULER = "REGULER"


class PromotionTrack(StrEnum):
    """The promotion track (docs/domain.md, "Promotion tracks"): KP reguler for a pelaksana,
    by angka kredit for a JF holder, KP pilihan for a structural post. A field of its own,
    because the .v1 `kind` enum cannot grow without breaking its consumers."""

    REGULER = "REGULER"
    ANGKA_KREDIT = "ANGKA_KREDIT"
    PILIHAN = "PILIHAN"


class Allowance(StrEnum):
    TRANSPORT = "TRANSPORT"
    HOUSING = "HOUSING"
    TPP = "TPP"


class ClaimDecision(StrEnum):
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


# Golongan ruang of PNS and CPNS in rank order (docs/domain.md: I/a < ... < IV/e, 17 steps).
PNS_GOLONGAN: tuple[str, ...] = (
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip

# Golongan of PPPK, by contract (I ... XVII).
PPPK_GOLONGAN: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

ALL_GOLONGAN: tuple[str, ...] = PNS_GOLONGAN + PPPK_GOLONGAN
