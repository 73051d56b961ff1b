"""The NIP (Nomor Induk Pegawai) and what its 18 digits say (docs/domain.md, "NIP").

| digits | meaning |
| 1-8    | birth date YYYYMMDD |
| 9-14   | TMT CPNS YYYYMM (first appointment) |
| 15     | gender: 1 male, 2 female |
| 16-18  | sequence, 001 upward (000 is invalid) |

PPPK numbers are also 18 digits starting with the birth date: only that part is validated.
Every failure raises `InvalidInput(reason, field="nip")` with a precise reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import EmploymentType, Gender
from jenjang_shared.errors import InvalidInput

NIP_LENGTH = 18
DEFAULT_MIN_APPOINTMENT_AGE = 18


@dataclass(frozen=True)
class ParsedNip:
    """The parts of a valid NIP. For PPPK only `birth_date` is meaningful."""

    nip: str
    birth_date: date
    tmt_cpns_year: int | None = None
    tmt_cpns_month: int | None = None
    gender: Gender | None = None
    sequence: int | None = None

    @property
    def tmt_cpns(self) -> date | None:
        """The first day of the TMT CPNS month, when the NIP carries one."""
        if self.tmt_cpns_year is None or self.tmt_cpns_month is None:
            return None
        return date(self.tmt_cpns_year, self.tmt_cpns_month, 1)


def _fail(reason: str, field: str = "nip") -> InvalidInput:
    return InvalidInput(reason, field=field)


def add_years(day: date, years: int) -> date:
    """`day` plus whole years; 29 February becomes 1 March in a common year (the age is
    reached only once February is over)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


# Format characters that paste along with digits but are not whitespace to str.isspace():
# zero-width space and joiners, word joiner, byte-order mark.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def normalize_nip(raw: str) -> str:
    """Remove the whitespace people type or paste inside a NIP (any Unicode whitespace: spaces,
    tabs, no-break and thin spaces, line breaks) and check the shape: exactly 18 ASCII digits."""
    nip = "".join(ch for ch in raw if not (ch.isspace() or ch in _INVISIBLE))
    if nip and not (nip.isascii() and nip.isdigit()):
        raise _fail(f"a NIP contains only digits (and optional spaces); got {raw!r}")
    if len(nip) != NIP_LENGTH:
        raise _fail(f"a NIP has exactly {NIP_LENGTH} digits; got {len(nip)}")
    return nip


def _birth_date_of(nip: str) -> date:
    part = nip[0:8]
    try:
        return date(int(part[0:4]), int(part[4:6]), int(part[6:8]))
    except ValueError:
        raise _fail(f"digits 1-8 ({part}) are not a real birth date (YYYYMMDD)") from None


def parse_nip(
    raw: str,
    *,
    employment_type: EmploymentType,
    today: date,
    min_appointment_age: int = DEFAULT_MIN_APPOINTMENT_AGE,
) -> ParsedNip:
    """Check a NIP on its own (shape, dates, gender digit, sequence) and return its parts.

    Rules, in order: 18 digits after removing spaces; digits 1-8 a real date; for CPNS/PNS also
    digits 9-14 a real year-month (01-12) that is after the birth month, on whose first day the
    appointee is at least `min_appointment_age` years old, and that is not after the current
    month; digit 15 is 1 or 2; digits 16-18 are not 000. PPPK: only the birth-date part.
    """
    nip = normalize_nip(raw)
    birth = _birth_date_of(nip)
    if birth > today:
        raise _fail(f"digits 1-8 give a birth date in the future ({birth.isoformat()})")
    if employment_type is EmploymentType.PPPK:
        return ParsedNip(nip=nip, birth_date=birth)

    tmt_part = nip[8:14]
    year, month = int(tmt_part[0:4]), int(tmt_part[4:6])
    if not 1 <= month <= 12:
        raise _fail(f"digits 9-14 ({tmt_part}) are not a real TMT CPNS year-month (YYYYMM)")
    if (year, month) <= (birth.year, birth.month):
        raise _fail(
            f"digits 9-14 give a TMT CPNS ({year:04d}-{month:02d}) that is not after the "
            f"birth date ({birth.isoformat()})"
        )
    first_day = date(year, month, 1)
    if first_day < add_years(birth, min_appointment_age):
        raise _fail(
            f"digits 9-14 give a TMT CPNS ({year:04d}-{month:02d}) when the appointee was under "
            f"{min_appointment_age} (born {birth.isoformat()})"
        )
    if (year, month) > (today.year, today.month):
        raise _fail(f"digits 9-14 give a TMT CPNS ({year:04d}-{month:02d}) in the future")

    gender_digit = nip[14]
    if gender_digit not in ("1", "2"):
        raise _fail(f"digit 15 is the gender: 1 (male) or 2 (female); got {gender_digit}")
    sequence = nip[15:18]
    if sequence == "000":
        raise _fail("digits 16-18 are the sequence number, which starts at 001; got 000")
    return ParsedNip(
        nip=nip,
        birth_date=birth,
        tmt_cpns_year=year,
        tmt_cpns_month=month,
        gender=Gender.MALE if gender_digit == "1" else Gender.FEMALE,
        sequence=int(sequence),
    )


def check_nip_agrees(
    parsed: ParsedNip, *, birth_date: date, gender: Gender, tmt_cpns: date | None
) -> None:
    """The NIP must agree with the recorded birth date, gender and TMT CPNS (year and month)."""
    if parsed.birth_date != birth_date:
        raise _fail(
            f"the NIP's birth date ({parsed.birth_date.isoformat()}) does not match "
            f"birth_date ({birth_date.isoformat()})"
        )
    if parsed.gender is not None and parsed.gender != gender:
        raise _fail(
            f"the NIP's gender digit says {parsed.gender.value} but gender is {gender.value}"
        )
    nip_tmt = parsed.tmt_cpns
    if (
        nip_tmt is not None
        and tmt_cpns is not None
        and (tmt_cpns.year, tmt_cpns.month)
        != (
            nip_tmt.year,
            nip_tmt.month,
        )
    ):
        raise _fail(
            f"the NIP's TMT CPNS ({nip_tmt.year:04d}-{nip_tmt.month:02d}) does not match "
            f"tmt_cpns ({tmt_cpns.isoformat()})"
        )
