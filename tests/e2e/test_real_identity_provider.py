"""The services trust a real OIDC provider: Keycloak, started by the launcher, its tokens for each
role accepted by personnel through discovery and JWKS, with each role's scope applied.

Keycloak runs in a temporary state dir on a free port (the developer's stack is never touched);
its distribution is shared with the real state dir, so it is downloaded at most once.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from jenjang_local import stack as local_stack
from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.keycloak import token_for
from jenjang_local.prereqs import require_keycloak_java
from jenjang_testing.harness import ServiceHarness
from personnel.config import PersonnelSettings
from personnel.main import create_app

from .people import registration

pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(480)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def keycloak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StackConfig, str]]:
    shared_dist = StackConfig.from_env({}).keycloak_dist_dir  # downloaded once per machine
    config = StackConfig.from_env({
        "JENJANG_STATE_DIR": str(tmp_path_factory.mktemp("keycloak-e2e")),
        "JENJANG_KEYCLOAK_PORT": str(_free_port()),
        "JENJANG_KEYCLOAK_DIST": str(shared_dist),
        "JENJANG_KEYCLOAK_READY_TIMEOUT": "240",
    })  # fmt: skip
    try:
        require_keycloak_java(config.keycloak_java_home)
    except StackError as error:
        pytest.skip(f"no Java 21+ for Keycloak: {error.problem}")
    identity = local_stack.ensure_keycloak(config)
    try:
        yield config, identity.issuer
    finally:
        local_stack.stop_keycloak(config)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def personnel(keycloak, start_service) -> AsyncIterator[ServiceHarness]:
    config, issuer = keycloak
    # No JWKS URL: the service finds the keys by OIDC discovery, as it would in production.
    async with start_service(
        create_app, PersonnelSettings, auth_issuer=issuer, auth_jwks_url=None,
        token=token_for(config, role="admin"),
    ) as svc:  # fmt: skip
        yield svc


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_each_role_of_the_real_realm_gets_its_scope_and_no_more(
    keycloak, personnel: ServiceHarness, test_issuer
):
    config, _ = keycloak
    head = registration(name="Kepala Bidang", unit_code="BKD", unit_name="BKD",
                        position_kind="PENGAWAS", golongan="III/d")  # fmt: skip
    staff = registration(unit_code="BKD", unit_name="BKD", supervisor_nip=head["nip"])
    stranger = registration(unit_code="DINKES", unit_name="Dinas Kesehatan")
    for body in (head, staff, stranger):  # as the realm's administrator
        assert (await personnel.client.post("/v1/employees", json=body)).status_code == 201

    async def status(token: str | None, path: str) -> int:
        headers = bearer(token) if token else {"Authorization": ""}
        return (await personnel.client.get(path, headers=headers)).status_code

    hr = token_for(config, role="hr", units=["BKD"])
    supervisor = token_for(config, role="supervisor", nip=head["nip"])
    employee = token_for(config, role="employee", nip=staff["nip"])
    service = token_for(config, role="service")
    one = "/v1/employees/{}".format
    assert (await status(hr, one(staff["nip"])), await status(hr, one(stranger["nip"]))) == (
        200,
        404,
    )
    listed = await personnel.client.get("/v1/employees", params={"limit": 500}, headers=bearer(hr))
    assert {e["unit_code"] for e in listed.json()["items"]} == {"BKD"}
    assert await status(supervisor, one(staff["nip"])) == 200
    assert await status(supervisor, one(stranger["nip"])) == 404
    assert (
        await status(employee, one(staff["nip"])),
        await status(employee, one(head["nip"])),
    ) == (200, 404)
    assert await status(service, one(stranger["nip"])) == 200
    write = await personnel.client.post(
        "/v1/employees", json=registration(), headers=bearer(service)
    )
    assert write.status_code == 403  # an internal app without the write scope
    assert await status(None, "/v1/employees") == 401
    assert await status(test_issuer.admin(), "/v1/employees") == 401  # a token of another issuer
