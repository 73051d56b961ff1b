"""What the integration tests share: the pinned days, a registration, requests, events' day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from evaluation.adapters.postgres.unit_of_work import PostgresUnitOfWork
from evaluation.entrypoints.events import HANDLERS
from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.messaging.handlers import HandlerTable, bind
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on

TODAY = date(2026, 11, 28)  # the pinned clock: the next KP period is 2026-12-01
KP = date(2026, 12, 1)
EVALUATOR = "197001012000011001"


def handlers_on(day: date) -> HandlerTable:
    """The service's handler table, as if each event delivered through it happened at noon
    (WIB) of `day`: handlers take "today" from the event, and `deliver` stamps the wall clock.
    """
    moment = handled_on(day).time

    def on_day(transaction: Transaction) -> PostgresUnitOfWork:
        assert transaction.message is not None
        retimed = replace(transaction.message, time=moment)
        return PostgresUnitOfWork(replace(transaction, message=retimed))

    return bind(HANDLERS, on_day)


def registered(nip: str | None = None, **overrides: Any) -> EmployeeRegistered:
    """A PNS III/a since 2022-12-01 (exactly 4 years on KP), S1, PELAKSANA in BKD."""
    fields: dict[str, Any] = {
        "golongan": "III/a",
        "golongan_tmt": date(2022, 12, 1),
        "position_kind": "PELAKSANA",
        "functional_level": None,
        **overrides,
    }
    return builders.employee_registered(nip, **fields)


def evaluation_body(
    nip: str, period: str, hasil: str = "SESUAI", perilaku: str = "SESUAI", **extra: Any
) -> dict[str, Any]:
    """A POST /v1/evaluations body: ANNUAL for a year, PERIODIC otherwise."""
    body = {
        "nip": nip,
        "evaluator_nip": EVALUATOR,
        "period_type": "ANNUAL" if len(period) == 4 else "PERIODIC",
        "period": period,
        "hasil_kerja": hasil,
        "perilaku_kerja": perilaku,
        "notes": "dialog kinerja",
    }
    body.update(extra)
    return body
