"""The published code lists: work locations, job families and units (docs/events/README.md).

Fields that consumers group by travel as codes from these lists, the same in every service and
event; the names travel beside them. Personnel maps what a person or a CSV file writes (a name,
another spelling: "Kota Bandung", "kesehatan", "teknik sipil") to the code at registration and
import, and refuses anything it cannot map (`to_code`). The `.v1` schemas keep these fields as
plain strings (an enum would narrow a published schema); the lists are the promise.

Units are the demo agency's organisation (perangkat daerah); an agency publishes its own list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class CodeList:
    """One code list: code -> name, and the other spellings that map to a code."""

    name: str
    entries: Mapping[str, str]
    aliases: Mapping[str, str] = field(default_factory=dict)
    # An open list (the agency's own units and job families, which grow with a reorganisation)
    # also takes a value already written as a code (`DISPERKIM`) that it does not list yet; a
    # closed one (work locations: the province's kabupaten and kota) takes only its codes.
    # Neither takes free text.
    open: bool = False

    def to_code(self, value: str) -> str:
        """The code of `value` (a code, a name or a known alias, any case); ValueError if none."""
        key = _normal(value)
        for code, name in self.entries.items():
            if key in (_normal(code), _normal(name)):
                return code
        for alias, code in self.aliases.items():
            if key == _normal(alias):
                return code
        if self.open and _CODE_SHAPE.match(value):
            return value
        raise ValueError(f"{value!r} is not in the {self.name} code list (e.g. {self.example})")

    def name_of(self, code: str) -> str | None:
        """The list's name of a code; None for a code an open list does not name yet."""
        return self.entries.get(code)

    @property
    def example(self) -> str:
        return next(iter(self.entries))


_CODE_SHAPE = re.compile(r"^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)*$")


def _normal(value: str) -> str:
    """Compare spellings alike: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[\s_\-.]+", "_", value.strip().upper()).strip("_")


def _kabupaten_kota(*names: str) -> dict[str, str]:
    def code(name: str) -> str:
        kind, _, place = name.partition(" ")
        return f"{'KAB' if kind == 'Kabupaten' else 'KOTA'}_{_normal(place)}"

    return {code(name): name for name in names}


# The 27 kabupaten and kota of West Java, where the demo agency's people work.
_WEST_JAVA = (
    "Kota Bandung", "Kabupaten Bandung", "Kabupaten Bandung Barat", "Kota Cimahi",
    "Kabupaten Garut", "Kabupaten Bogor", "Kota Bogor", "Kota Depok",
    "Kabupaten Bekasi", "Kota Bekasi", "Kabupaten Karawang", "Kabupaten Purwakarta",
    "Kabupaten Subang", "Kabupaten Sumedang", "Kabupaten Cianjur",
    "Kabupaten Sukabumi", "Kota Sukabumi", "Kabupaten Tasikmalaya",
    "Kota Tasikmalaya", "Kabupaten Ciamis", "Kota Banjar", "Kabupaten Pangandaran",
    "Kabupaten Kuningan", "Kabupaten Cirebon", "Kota Cirebon", "Kabupaten Majalengka",
    "Kabupaten Indramayu",
)  # fmt: skip

WORK_LOCATIONS = CodeList(
    "work location",
    MappingProxyType(_kabupaten_kota(*_WEST_JAVA)),
    MappingProxyType({"Bandung": "KOTA_BANDUNG", "Cimahi": "KOTA_CIMAHI", "Garut": "KAB_GARUT"}),
)

JOB_FAMILIES = CodeList(
    "job family",
    # Rumpun jabatan as the demo agency groups its posts.
    MappingProxyType(
        {
            "KEPEGAWAIAN": "Kepegawaian",
            "KESEHATAN": "Kesehatan",
            "PENDIDIKAN": "Pendidikan",
            "PEKERJAAN_UMUM": "Pekerjaan Umum",
            "TEKNIK_SIPIL": "Teknik Sipil",
            "KEUANGAN": "Keuangan",
            "PERENCANAAN": "Perencanaan",
            "TEKNOLOGI_INFORMASI": "Teknologi Informasi",
            "HUKUM": "Hukum",
            "UMUM": "Umum dan Administrasi",
        }
    ),
    MappingProxyType({"PU": "PEKERJAAN_UMUM", "TI": "TEKNOLOGI_INFORMASI", "SDM": "KEPEGAWAIAN"}),
    open=True,
)

UNITS = CodeList(
    "unit",
    # The demo agency's perangkat daerah.
    MappingProxyType(
        {
            "BKD": "Badan Kepegawaian Daerah",
            "DINKES": "Dinas Kesehatan",
            "DISDIK": "Dinas Pendidikan",
            "DPUPR": "Dinas Pekerjaan Umum dan Penataan Ruang",
            "BPKAD": "Badan Pengelolaan Keuangan dan Aset Daerah",
            "BAPPEDA": "Badan Perencanaan Pembangunan Daerah",
            "DISKOMINFO": "Dinas Komunikasi dan Informatika",
            "SETDA": "Sekretariat Daerah",
            "INSPEKTORAT": "Inspektorat Daerah",
        }
    ),
    MappingProxyType({"BKD-01": "BKD", "Dinas PUPR": "DPUPR", "Dinas PU": "DPUPR"}),
    open=True,
)


class CodeError(ValueError):
    """A value a code list cannot map: names the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


# Which list each coded field of the personnel events follows, and the name that travels beside.
CODED_FIELDS: Mapping[str, CodeList] = MappingProxyType(
    {
        "unit_code": UNITS,
        "to_unit_code": UNITS,
        "from_unit_code": UNITS,
        "work_location": WORK_LOCATIONS,
        "job_family": JOB_FAMILIES,
    }
)
NAME_FIELDS: Mapping[str, str] = MappingProxyType(
    {"unit_code": "unit_name", "to_unit_code": "to_unit_name"}
)


def with_codes(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`fields` with every coded field mapped to its code and the unit's name set beside it.

    Absent or null fields stay as they are; a value no list maps raises CodeError.
    """
    result = dict(fields)
    for name, codes in CODED_FIELDS.items():
        value = result.get(name)
        if not isinstance(value, str):
            continue
        try:
            result[name] = codes.to_code(value)
        except ValueError as exc:
            raise CodeError(name, str(exc)) from None
        listed_name = codes.name_of(result[name])
        if name in NAME_FIELDS and listed_name is not None:
            result[NAME_FIELDS[name]] = listed_name
    return result
