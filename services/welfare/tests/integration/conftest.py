"""The welfare service, started once per test module on its own database, on a pinned clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest
import pytest_asyncio

from jenjang_shared.ports import FixedClock
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import ServiceHarness
from welfare.config import WelfareSettings
from welfare.main import create_app

TODAY = date(2026, 6, 15)  # "today" for the routes' defaults, whatever day the tests run


@pytest.fixture(scope="session")
def today() -> date:
    return TODAY


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(start_service: StartService) -> AsyncIterator[ServiceHarness]:
    """Relay and consumer off: tests hand events over with `deliver`."""
    options = {"clock": FixedClock.on(TODAY)}
    async with start_service(create_app, WelfareSettings, app_options=options) as harness:
        yield harness
