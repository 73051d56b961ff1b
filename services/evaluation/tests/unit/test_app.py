"""The composition root without a database: the clock HTTP commands get, and the routes."""

from __future__ import annotations

from datetime import date
from typing import Any

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_shared.ports import FixedClock, SystemClock


def settings(**overrides: Any) -> EvaluationSettings:
    return EvaluationSettings(
        database_url="postgresql://unused/evaluation",
        auth_issuer="https://issuer.invalid/realms/jenjang",
        **overrides,
    )


def test_evaluation_today_pins_the_clock_of_http_commands():
    app = create_app(settings(today=date(2026, 11, 28)))
    assert isinstance(app.state.clock, FixedClock)
    assert app.state.clock.today() == date(2026, 11, 28)


def test_a_given_clock_wins_and_without_either_the_system_clock_runs():
    given = FixedClock.on(date(2030, 1, 1))
    assert create_app(settings(today=date(2026, 11, 28)), clock=given).state.clock is given
    assert isinstance(create_app(settings()).state.clock, SystemClock)


def test_every_route_lives_under_v1_once():
    paths = set(create_app(settings()).openapi()["paths"])
    assert {
        "/v1/evaluations",
        "/v1/employees/{nip}/evaluations",
        "/v1/employees/{nip}/promotion-eligibility",
        "/v1/employees/{nip}/promotion-recommendations",
        "/v1/promotion-sweeps",
        "/v1/promotion-sweeps/{sweep_id}",
        "/v1/units/{code}/distribution",
        "/v1/units/{code}/talent-box",
        "/v1/potential-assessments",
    } <= paths
    assert not any(p.startswith("/v1/v1") for p in paths)
