"""Every operation of personnel's API declares its policy, and the policies are these.

Read from the routers themselves (`entrypoints.http.routers()`), not from the built app: the
app's `routes` of this FastAPI version hold the included routers, not their APIRoutes."""

from __future__ import annotations

from fastapi.routing import APIRoute

from jenjang_shared.access import Role
from jenjang_shared.web.auth import policy_of
from personnel.entrypoints.http import routers

A, H, S, E, SVC = Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE
READERS = frozenset({A, H, S, E, SVC})
RECORD_KEEPERS = frozenset({A, H, SVC})

EXPECTED = {
    ("POST", "/employees"): RECORD_KEEPERS,
    ("GET", "/employees"): READERS,
    ("GET", "/employees/{nip}"): READERS,
    ("GET", "/employees/{nip}/history"): READERS,
    ("GET", "/employees/{nip}/ranks"): READERS,
    ("GET", "/employees/{nip}/timeline"): READERS,
    ("GET", "/retirements"): READERS,
    ("PATCH", "/employees/{nip}"): RECORD_KEEPERS,
    ("POST", "/employees/{nip}/transfers"): RECORD_KEEPERS,
    ("POST", "/employees/{nip}/retirement"): RECORD_KEEPERS,
    ("POST", "/employees/{nip}/rank-corrections"): frozenset({A}),
    ("GET", "/promotion-proposals"): READERS,
    ("GET", "/promotion-proposals/{proposal_id}"): READERS,
    ("POST", "/promotion-proposals/{proposal_id}/approve"): frozenset({A, H}),
    ("POST", "/promotion-proposals/{proposal_id}/reject"): frozenset({A, H}),
    ("POST", "/imports/employees"): frozenset({A}),
    ("GET", "/functional-positions"): READERS,
}


def test_every_operation_declares_the_policy_of_the_table() -> None:
    declared = {}
    for router in routers():
        for route in router.routes:
            assert isinstance(route, APIRoute)
            policy = policy_of(route)
            assert policy is not None, f"{route.path} declares no policy"
            for method in route.methods or ():
                declared[(method, route.path)] = policy.roles
    assert declared == EXPECTED
