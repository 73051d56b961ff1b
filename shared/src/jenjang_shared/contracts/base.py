"""The base of every integration event contract (docs/architecture.md, "Events on Kafka").

A contract is a frozen pydantic model. Its class variables say where it travels: the CloudEvents
type (`asn.<service>.<EventName>.v1`), the publishing service (which names the topic
`asn.<service>.v1`; the `source` is the configured URI of the agency's service, see
`provenance.py`) and the classification (how far the type may travel). The partition key is the
employee's NIP.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from jenjang_shared.contracts.provenance import Classification, source_of
from jenjang_shared.contracts.vocabulary import ALL_GOLONGAN

_NIP_SHAPE = re.compile(r"^\d{18}$")


def _check_golongan(value: str) -> str:
    if value not in ALL_GOLONGAN:
        raise ValueError(
            f"unknown golongan {value!r}: expected I/a ... IV/e (PNS) or I ... XVII (PPPK)"
        )
    return value


def _check_nip_shape(value: str) -> str:
    if not _NIP_SHAPE.match(value):
        raise ValueError("a NIP is exactly 18 digits")
    return value


Golongan = Annotated[
    str,
    AfterValidator(_check_golongan),
    Field(json_schema_extra={"enum": list(ALL_GOLONGAN)}, examples=["III/a"]),
]
"""A golongan ruang (PNS/CPNS, `I/a` ... `IV/e`) or a PPPK golongan (`I` ... `XVII`)."""

Nip = Annotated[
    str,
    AfterValidator(_check_nip_shape),
    Field(pattern=r"^\d{18}$", examples=["198609262015051001"]),
]
"""An 18-digit NIP. Contracts check only its shape; personnel checks its full meaning."""


class Event(BaseModel):
    """An integration event: a fact one service publishes for the others."""

    # Frozen: an event is a fact. Unknown fields are ignored so that a producer may add fields
    # compatibly (docs/architecture.md: "more may be added compatibly") without breaking consumers.
    model_config = ConfigDict(frozen=True, extra="ignore")

    service: ClassVar[str]
    event_name: ClassVar[str]
    contract_version: ClassVar[int] = 1
    # Declared by every type (no default: a new type must decide); docs/events/README.md says why.
    classification: ClassVar[Classification]

    @classmethod
    def ce_type(cls) -> str:
        """The CloudEvents `type`, e.g. `asn.personnel.EmployeeRegistered.v1`."""
        return f"asn.{cls.service}.{cls.event_name}.v{cls.contract_version}"

    @classmethod
    def topic(cls) -> str:
        """The topic the publishing service writes to, e.g. `asn.personnel.v1`."""
        return f"asn.{cls.service}.v1"

    @classmethod
    def source(cls) -> str:
        """The CloudEvents `source`, e.g. `https://bkd-demo.jenjang.example/personnel`."""
        return source_of(cls.service)

    @property
    def partition_key(self) -> str:
        """The Kafka key and CloudEvents subject: the NIP of the employee the event is about."""
        return str(getattr(self, "nip"))  # noqa: B009 (declared by each subclass)
