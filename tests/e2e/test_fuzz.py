"""Property-based fuzzing of every service's OpenAPI document (schemathesis): whatever the input,
no answer is a 5xx. Runs against the stack's service processes, after the stories."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from .stack import SERVICES

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.mark.parametrize("service", SERVICES)
async def test_no_input_makes_a_service_fail_with_a_server_error(stack, test_issuer, service):
    # As an administrator, so that the fuzzing reaches past the access checks into the routes.
    process = await asyncio.create_subprocess_exec(
        str(SCHEMATHESIS), "run", f"{stack.urls[service]}/openapi.json",
        "--header", f"Authorization: Bearer {test_issuer.token('admin', expires_in=3600)}",
        "--checks", "not_a_server_error", "--max-examples", "15",
        "--phases", "examples,coverage,fuzzing", "--seed", "20261128", "--no-color",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    report = output.decode(errors="replace")
    assert process.returncode == 0, f"{service} answered a 5xx:\n{report[-4000:]}"
    assert " passed" in report  # it did generate and send requests
