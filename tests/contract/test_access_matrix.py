"""The role x operation matrix, generated from every service's routes and their declared policies.

For every operation of every service (its OpenAPI document, as FastAPI routes):
- it declares a policy (the app would not even build otherwise; checked here again);
- no token, and each kind of untrustworthy token (expired, wrong audience, wrong issuer, unknown
  key, `alg: none`, a tampered signature, not a JWT), is 401;
- every role outside the policy is 403, every role inside it gets past the check (an internal
  app's write without its write scope is 403, with it gets past);
- a read of one employee's records (`/v1/employees/{nip}...`) by hr, a supervisor or an
  employee is answered for an employee in their scope and is 404 for one outside it.

Bodies are empty objects: access is decided before a body is validated, so a write that gets
past the check answers 422 and changes nothing.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass

import httpx
import pytest

from jenjang_shared.access import Role
from jenjang_shared.web.auth import READ_METHODS, Operation, operations_of, policy_of
from jenjang_testing.builders import DERIVED, employee_registered, new_nip
from jenjang_testing.harness import ServiceHarness, deliver
from jenjang_testing.issuer import TestIssuer

SERVICES = ("personnel", "training", "mentoring", "evaluation", "welfare")
UUID = "00000000-0000-4000-8000-000000000000"
DUMMY = {"id": UUID, "code": "U-IN", "allowance": "TRANSPORT", "sweep_id": UUID,
         "session_id": UUID, "enrollment_id": UUID, "mentorship_id": UUID, "claim_id": UUID,
         "proposal_id": UUID, "year": "2025"}  # fmt: skip
EMPLOYEE_RECORDS = "/v1/employees/{nip}"
TALLY: Counter[str] = Counter()


@dataclass
class Agency:
    """Three employees: a supervisor and their report in unit U-IN, a stranger in U-OUT."""

    supervisor: str
    inside: str
    outside: str


def roles_of(issuer: TestIssuer, agency: Agency, service: str) -> dict[str, tuple[Role, str]]:
    return {
        "admin": (Role.ADMIN, issuer.admin()),
        "hr": (Role.HR, issuer.token("hr", units=["U-IN"], nip=new_nip())),
        "supervisor": (Role.SUPERVISOR, issuer.token("supervisor", nip=agency.supervisor)),
        "employee": (Role.EMPLOYEE, issuer.token("employee", nip=agency.inside)),
        "service": (Role.SERVICE, issuer.token("service")),
        "service with write scope": (
            Role.SERVICE, issuer.token("service", scopes=[f"{service}:write"])
        ),
    }  # fmt: skip


async def seed(service: str, svc: ServiceHarness) -> Agency:
    agency = Agency(supervisor=new_nip(), inside=new_nip(), outside=new_nip())
    events = [
        employee_registered(agency.supervisor, unit_code="U-IN", unit_name="Unit In"),
        employee_registered(agency.inside, unit_code="U-IN", unit_name="Unit In",
                            supervisor_nip=agency.supervisor),
        employee_registered(agency.outside, unit_code="U-OUT", unit_name="Unit Out"),
    ]  # fmt: skip
    for event in events:
        if service == "personnel":  # its own register: registered through its API
            body = event.model_dump(mode="json", exclude=DERIVED)
            response = await svc.client.post("/v1/employees", json=body)
            assert response.status_code == 201, response.text
        else:
            await deliver(svc.runtime, svc.app.state.handlers, event)
    return agency


def operations(svc: ServiceHarness) -> list[Operation]:
    return [op for op in operations_of(svc.app) if op.path.startswith("/v1/")]


def url_of(route: Operation, nip: str) -> str:
    path = route.path.replace("{nip}", nip)
    for name, value in DUMMY.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"add a dummy value for {path} to DUMMY"
    return path


async def call(svc: ServiceHarness, method: str, url: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {"Authorization": ""}
    body = None if method in READ_METHODS or method == "DELETE" else {}
    return await svc.client.request(method, url, headers=headers, json=body)


@pytest.mark.parametrize("service", SERVICES)
async def test_every_operation_answers_each_role_and_each_bad_token_as_its_policy_says(
    service, start_service, test_issuer
):
    config = importlib.import_module(f"{service}.config")
    settings_class = getattr(config, f"{service.capitalize()}Settings")
    create_app = importlib.import_module(f"{service}.main").create_app
    async with start_service(create_app, settings_class) as svc:
        agency = await seed(service, svc)
        roles = roles_of(test_issuer, agency, service)
        wrong: list[str] = []
        found = operations(svc)
        assert found, "no operation found: the matrix would prove nothing"
        for route in found:
            policy = policy_of(route)
            assert policy is not None, f"{route.path} declares no policy"
            for method in sorted(route.methods or ()):
                url = url_of(route, agency.inside)
                for kind, token in {"no token": None, **test_issuer.broken()}.items():
                    status = (await call(svc, method, url, token)).status_code
                    TALLY["cases"] += 1
                    if status != 401:
                        wrong.append(f"{method} {route.path} with {kind}: {status}, not 401")
                for name, (role, token) in roles.items():
                    status = (await call(svc, method, url, token)).status_code
                    TALLY["cases"] += 1
                    refused = role not in policy.roles or (
                        name == "service" and method not in READ_METHODS
                        and policy.roles & {role} == {Role.SERVICE}
                    )  # fmt: skip
                    if refused and status != 403:
                        wrong.append(f"{method} {route.path} as {name}: {status}, not 403")
                    if not refused and status in (401, 403):
                        wrong.append(f"{method} {route.path} as {name}: refused ({status})")
                    # One employee's own records: /v1/employees/{nip}... (a mentor-pool entry by
                    # NIP is reference data, and the seeded employees are in no pool).
                    if refused or method != "GET" or not route.path.startswith(EMPLOYEE_RECORDS):
                        continue
                    if role in (Role.HR, Role.SUPERVISOR, Role.EMPLOYEE):
                        TALLY["scope cases"] += 2
                        inside = await call(svc, method, url_of(route, agency.inside), token)
                        outside = await call(svc, method, url_of(route, agency.outside), token)
                        if inside.status_code == 404:
                            wrong.append(f"GET {route.path} as {name}, own scope: 404")
                        if outside.status_code != 404:
                            wrong.append(
                                f"GET {route.path} as {name}, out of scope: "
                                f"{outside.status_code}, not 404"
                            )
            TALLY["operations"] += 1
        print(f"\naccess matrix so far: {dict(TALLY)}")  # its size, for the record (-s shows it)
        assert wrong == [], "\n".join(wrong)
