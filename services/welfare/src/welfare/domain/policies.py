"""Allowance policies: the rules of each allowance, validated, in versions with effective dates.

A version is never edited: a change is a new version with its own `effective_from`. The version
in force on a day is the one with the latest `effective_from` on or before it (the highest
version number when two share a date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from jenjang_shared.contracts.vocabulary import Allowance, Predikat
from jenjang_shared.errors import InvalidInput
from welfare.domain.money import share_half_up
from welfare.domain.ranks import RANK_GROUPS

MAX_AMOUNT_IDR = 1_000_000_000  # one billion rupiah a month: anything above is a typo
MAX_FACTOR_PERCENT = 300
JOB_CLASSES = range(1, 18)
_ZONE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")


def _amount(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("must be a whole number of rupiah (an integer)", field=field)
    if value < 0:
        raise InvalidInput("must not be negative", field=field)
    if value > MAX_AMOUNT_IDR:
        raise InvalidInput(f"must not exceed {MAX_AMOUNT_IDR}", field=field)
    return value


def _mapping(raw: Mapping[str, Any], key: str, field: str) -> Mapping[str, Any]:
    value = raw.get(key)
    if not isinstance(value, Mapping):
        raise InvalidInput("must be an object", field=f"{field}.{key}")
    return value


def _only_keys(raw: Mapping[str, Any], allowed: Iterable[str], field: str) -> None:
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise InvalidInput(f"unknown keys {unknown}", field=field)


def _zone(code: Any, field: str) -> str:
    if not isinstance(code, str) or not _ZONE.match(code):
        raise InvalidInput(
            f"bad zone code {code!r}: uppercase letters, digits and _ (e.g. KOTA_BANDUNG)",
            field=field,
        )
    return code


def _groups(raw: Mapping[str, Any], field: str, *, complete: bool) -> dict[str, int]:
    for group in raw:
        if group not in RANK_GROUPS:
            raise InvalidInput(f"unknown rank group {group!r}: expected I..IV", field=field)
    if complete:
        missing = [g for g in RANK_GROUPS if g not in raw]
        if missing:
            raise InvalidInput(f"missing rank groups {missing}", field=field)
    return {g: _amount(raw[g], f"{field}.{g}") for g in RANK_GROUPS if g in raw}


@dataclass(frozen=True)
class TransportRules:
    """Amount by work-location zone, optionally by rank group within a zone; a default."""

    zones: Mapping[str, int]
    default_amount_idr: int
    rank_group_overrides: Mapping[str, Mapping[str, int]]

    def amount(self, zone: str | None, rank_group: str | None) -> int:
        if zone is None:
            return 0
        by_group = self.rank_group_overrides.get(zone, {})
        if rank_group is not None and rank_group in by_group:
            return by_group[rank_group]
        return self.zones.get(zone, self.default_amount_idr)

    def to_json(self) -> dict[str, Any]:
        return {
            "zones": dict(self.zones),
            "default_amount_idr": self.default_amount_idr,
            "rank_group_overrides": {z: dict(g) for z, g in self.rank_group_overrides.items()},
        }

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> TransportRules:
        _only_keys(raw, ("zones", "default_amount_idr", "rank_group_overrides"), "rules")
        zones_raw = _mapping(raw, "zones", "rules")
        if not zones_raw:
            raise InvalidInput("at least one zone is needed", field="rules.zones")
        zones = {
            _zone(z, f"rules.zones.{z}"): _amount(a, f"rules.zones.{z}")
            for z, a in zones_raw.items()
        }
        if "default_amount_idr" not in raw:
            raise InvalidInput(
                "required: the amount for unknown zones", field="rules.default_amount_idr"
            )
        default = _amount(raw["default_amount_idr"], "rules.default_amount_idr")
        overrides_raw = raw.get("rank_group_overrides") or {}
        if not isinstance(overrides_raw, Mapping):
            raise InvalidInput("must be an object", field="rules.rank_group_overrides")
        overrides: dict[str, dict[str, int]] = {}
        for zone, by_group in overrides_raw.items():
            field = f"rules.rank_group_overrides.{zone}"
            if _zone(zone, field) not in zones:
                raise InvalidInput("zone not listed in rules.zones", field=field)
            if not isinstance(by_group, Mapping):
                raise InvalidInput("must be an object of rank group -> amount", field=field)
            overrides[zone] = _groups(by_group, field, complete=False)
        return cls(zones=zones, default_amount_idr=default, rank_group_overrides=overrides)


@dataclass(frozen=True)
class HousingRules:
    """Amount by rank group I-IV (all four required)."""

    by_rank_group: Mapping[str, int]

    def amount(self, rank_group: str | None) -> int:
        return self.by_rank_group.get(rank_group, 0) if rank_group else 0

    def to_json(self) -> dict[str, Any]:
        return {"by_rank_group": dict(self.by_rank_group)}

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> HousingRules:
        _only_keys(raw, ("by_rank_group",), "rules")
        groups = _mapping(raw, "by_rank_group", "rules")
        return cls(by_rank_group=_groups(groups, "rules.by_rank_group", complete=True))


@dataclass(frozen=True)
class TppRules:
    """Base amount by job class 1-17 × a factor (whole percent) per predikat.

    amount = base × factor / 100, rounded half up to a whole rupiah. Without an annual predikat
    the factor of `default_predikat` applies.
    """

    base_by_job_class: Mapping[int, int]
    factor_percent_by_predikat: Mapping[str, int]
    default_predikat: str

    def amount(self, job_class: int | None, predikat: str | None) -> int:
        if job_class is None or job_class not in self.base_by_job_class:
            return 0
        factor = self.factor_percent_by_predikat[predikat or self.default_predikat]
        return share_half_up(self.base_by_job_class[job_class], factor, 100)

    def to_json(self) -> dict[str, Any]:
        return {
            "base_by_job_class": {str(k): v for k, v in sorted(self.base_by_job_class.items())},
            "factor_percent_by_predikat": dict(self.factor_percent_by_predikat),
            "default_predikat": self.default_predikat,
        }

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> TppRules:
        _only_keys(
            raw, ("base_by_job_class", "factor_percent_by_predikat", "default_predikat"), "rules"
        )
        bases_raw = _mapping(raw, "base_by_job_class", "rules")
        bases: dict[int, int] = {}
        for key, amount in bases_raw.items():
            field = f"rules.base_by_job_class.{key}"
            text = str(key)
            if not (text.isascii() and text.isdigit()) or int(text) not in JOB_CLASSES:
                raise InvalidInput("job class must be 1..17", field=field)
            if int(text) in bases:
                raise InvalidInput(f"job class {int(text)} is given twice", field=field)
            bases[int(text)] = _amount(amount, field)
        missing = [c for c in JOB_CLASSES if c not in bases]
        if missing:
            raise InvalidInput(f"missing job classes {missing}", field="rules.base_by_job_class")
        factors_raw = _mapping(raw, "factor_percent_by_predikat", "rules")
        predikats = [p.value for p in Predikat]
        _only_keys(factors_raw, predikats, "rules.factor_percent_by_predikat")
        factors: dict[str, int] = {}
        for predikat in predikats:
            field = f"rules.factor_percent_by_predikat.{predikat}"
            value = factors_raw.get(predikat)
            if value is None:
                raise InvalidInput("missing factor", field=field)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput("must be a whole percent (an integer)", field=field)
            if not 0 <= value <= MAX_FACTOR_PERCENT:
                raise InvalidInput(f"must be 0..{MAX_FACTOR_PERCENT}", field=field)
            factors[predikat] = value
        default = raw.get("default_predikat", Predikat.BAIK.value)
        if default not in predikats:
            raise InvalidInput(f"must be one of {predikats}", field="rules.default_predikat")
        return cls(
            base_by_job_class=bases, factor_percent_by_predikat=factors, default_predikat=default
        )


Rules = TransportRules | HousingRules | TppRules


def parse_rules(allowance: Allowance, raw: Mapping[str, Any]) -> Rules:
    """Validate the rules of one allowance; InvalidInput (422) names the failing field."""
    if allowance is Allowance.TRANSPORT:
        return TransportRules.parse(raw)
    if allowance is Allowance.HOUSING:
        return HousingRules.parse(raw)
    return TppRules.parse(raw)


@dataclass(frozen=True)
class PolicyVersion:
    allowance: Allowance
    version_no: int
    effective_from: date
    rules: Rules
    note: str | None = None

    @property
    def label(self) -> str:
        """What entitlements record as their policy version, e.g. `HOUSING-v2`."""
        return policy_label(self.allowance, self.version_no)


def policy_label(allowance: Allowance, version_no: int) -> str:
    return f"{allowance.value}-v{version_no}"


class PolicyBook:
    """Every version of every allowance; answers which one is in force on a day."""

    def __init__(self, versions: Iterable[PolicyVersion]) -> None:
        self._by_allowance: dict[Allowance, list[PolicyVersion]] = {a: [] for a in Allowance}
        for version in versions:
            self._by_allowance[version.allowance].append(version)
        for listed in self._by_allowance.values():
            listed.sort(key=lambda v: (v.effective_from, v.version_no))

    def versions(self, allowance: Allowance) -> list[PolicyVersion]:
        return list(self._by_allowance[allowance])

    def in_force(self, allowance: Allowance, on: date) -> PolicyVersion | None:
        current = None
        for version in self._by_allowance[allowance]:
            if version.effective_from > on:
                break
            current = version
        return current

    def change_dates(self, allowance: Allowance) -> set[date]:
        return {v.effective_from for v in self._by_allowance[allowance]}
