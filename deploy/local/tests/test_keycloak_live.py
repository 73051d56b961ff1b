"""A real Keycloak started by the launcher: every `jenjang token` form and what its token says.

Runs in a temporary state dir on a free loopback port, so a developer's stack is never touched.
The server distribution is shared with the real state dir (`.jenjang/keycloak-dist-<version>`,
or JENJANG_KEYCLOAK_DIST when set), so it is downloaded at most once per machine. Skipped, saying
why, when there is no Java 21+ (or neither a distribution nor Maven to fetch one).
"""

import base64
import json
import os
import shutil
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from jenjang_local import keycloak_server, stack
from jenjang_local.cli import main
from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.keycloak import token_for
from jenjang_local.keycloak_dist import dist_is_complete
from jenjang_local.prereqs import require_keycloak_java

pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(480)]

SERVICES = {"personnel", "training", "mentoring", "evaluation", "welfare"}
SUPERVISOR_NIP = "197805122003121002"
EMPLOYEE_NIP = "199203042019032011"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _shared_dist() -> str:
    configured = os.environ.get("JENJANG_KEYCLOAK_DIST", "").strip()
    if configured:
        return configured
    real = StackConfig.from_env({})  # the developer's default state dir, only for its path
    return str(real.keycloak_dist_dir)


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return data


@pytest.fixture(scope="module")
def keycloak_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackConfig]:
    config = StackConfig.from_env(
        {
            "JENJANG_STATE_DIR": str(tmp_path_factory.mktemp("keycloak-live")),
            "JENJANG_KEYCLOAK_PORT": str(_free_port()),
            "JENJANG_KEYCLOAK_DIST": _shared_dist(),
            "JENJANG_KEYCLOAK_READY_TIMEOUT": "240",
            "JENJANG_KEYCLOAK_JAVA_HOME": os.environ.get("JENJANG_KEYCLOAK_JAVA_HOME", ""),
        }
    )
    try:
        require_keycloak_java(config.keycloak_java_home)
    except StackError as error:
        pytest.skip(f"no Java 21+ for Keycloak 26: {error.problem}")
    if not dist_is_complete(config.keycloak_dist_dir) and shutil.which("mvn") is None:
        pytest.skip(
            f"no Keycloak distribution at {config.keycloak_dist_dir} and no Maven to fetch it"
        )

    started = time.monotonic()
    try:
        identity = stack.ensure_keycloak(config)
        print(f"Keycloak up in {time.monotonic() - started:.1f} s: {identity}")
        yield config
    finally:
        stack.down(config)


def test_status_shows_keycloak_running_with_its_issuer(keycloak_config: StackConfig) -> None:
    [row] = [row for row in stack.status(keycloak_config) if row.name == "keycloak"]
    assert row.state == "running"
    assert row.address == f"http://127.0.0.1:{keycloak_config.keycloak_port}/realms/jenjang"
    assert row.log.name == "keycloak.log"
    assert row.log.read_text(errors="replace").count("Listening on: http://127.0.0.1:") >= 1


def test_the_realm_publishes_its_signing_keys_by_oidc_discovery(
    keycloak_config: StackConfig,
) -> None:
    issuer = f"http://127.0.0.1:{keycloak_config.keycloak_port}/realms/jenjang"
    discovery = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    assert discovery["issuer"] == issuer
    keys = httpx.get(discovery["jwks_uri"], timeout=10).json()["keys"]
    assert any(key["alg"] == "RS256" and key["use"] == "sig" for key in keys)


@pytest.mark.parametrize(
    ("role", "units", "nip", "username"),
    [
        ("admin", None, None, "admin"),
        ("hr", ["BKD"], None, "hr-bkd"),
        ("hr", ["DINKES", "BKD"], None, "hr-bkd-dinkes"),
        ("supervisor", None, SUPERVISOR_NIP, f"supervisor-{SUPERVISOR_NIP}"),
        ("employee", None, EMPLOYEE_NIP, f"employee-{EMPLOYEE_NIP}"),
        ("service", None, None, "service-account-jenjang-internal"),
    ],
)
def test_each_token_form_carries_issuer_audiences_role_and_scope(
    keycloak_config: StackConfig,
    role: str,
    units: list[str] | None,
    nip: str | None,
    username: str,
) -> None:
    token = token_for(keycloak_config, role=role, units=units, nip=nip)
    claims = _claims(token)
    assert claims["iss"] == f"http://127.0.0.1:{keycloak_config.keycloak_port}/realms/jenjang"
    assert set(claims["aud"]) == SERVICES
    assert claims["roles"] == [role]
    assert claims["realm_access"]["roles"] == [role]
    assert claims.get("units") == (sorted(units) if units else None)
    assert claims.get("nip") == nip
    assert isinstance(claims.get("nip", ""), str)
    assert claims["preferred_username"] == username
    assert claims["sub"]
    assert claims["exp"] - claims["iat"] == 900
    # Asking again reuses the demo user: same subject.
    assert (
        _claims(token_for(keycloak_config, role=role, units=units, nip=nip))["sub"] == claims["sub"]
    )


def test_the_cli_prints_the_token_alone_on_stdout(
    keycloak_config: StackConfig,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JENJANG_STATE_DIR", str(keycloak_config.state_dir))
    monkeypatch.setenv("JENJANG_KEYCLOAK_PORT", str(keycloak_config.keycloak_port))
    assert main(["token", "--role", "hr", "--unit", "DISDIK"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.count(".") == 2, out
    assert _claims(out.strip())["units"] == ["DISDIK"]


def test_a_demo_user_changed_by_hand_is_put_right(keycloak_config: StackConfig) -> None:
    """If someone edits the demo user in the console, the next token request restores it."""
    token_for(keycloak_config, role="employee", nip=EMPLOYEE_NIP)
    base = keycloak_config.keycloak_url
    secrets = keycloak_server.read_secrets(keycloak_config)
    assert secrets is not None
    admin = httpx.post(
        f"{base}/realms/master/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
              "password": secrets.admin_password},
        timeout=10,
    ).json()["access_token"]  # fmt: skip
    headers = {"Authorization": f"Bearer {admin}"}
    users = f"{base}/admin/realms/jenjang/users"
    [user] = httpx.get(
        users, params={"username": f"employee-{EMPLOYEE_NIP}", "exact": "true"}, headers=headers
    ).json()
    changed = {"username": user["username"], "attributes": {"nip": ["1" * 18]}}
    assert httpx.put(f"{users}/{user['id']}", json=changed, headers=headers).status_code == 204

    assert (
        _claims(token_for(keycloak_config, role="employee", nip=EMPLOYEE_NIP))["nip"]
        == EMPLOYEE_NIP
    )
