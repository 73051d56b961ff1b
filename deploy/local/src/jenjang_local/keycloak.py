"""Access tokens of the local Keycloak for people and scripts: `jenjang token` and `token_for`.

    from jenjang_local.keycloak import token_for
    admin = token_for(role="admin")
    hr = token_for(config, role="hr", units=["BKD"])
    employee = token_for(role="employee", nip="198507152010011001")
    service = token_for(role="service")            # client credentials of jenjang-internal

A person's token comes from a password grant of the public client `jenjang-cli` for a demo user
named after the role and scope (`admin`, `hr-bkd`, `hr-bkd-dinkes`, `supervisor-<nip>`,
`employee-<nip>`). The user is created (or put right) through the admin REST API, with the
bootstrap admin of this local stack, the first time it is asked for; later calls are one request.
Local stack only: it needs the secrets the launcher wrote into `<state>/keycloak/`.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from jenjang_local import keycloak_server
from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.keycloak_realm import CLI_CLIENT, INTERNAL_CLIENT, REALM, ROLES
from jenjang_local.output import say

_NIP = re.compile(r"^[0-9]{18}$")
_UNIT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TIMEOUT = httpx.Timeout(15.0, connect=3.0)


class TokenRequestError(ValueError):
    """The role and its scope (units, nip) do not fit together; the message says how."""


@dataclass(frozen=True)
class TokenRequest:
    """Who a token is for: a role and, by role, the HR officer's units or the person's NIP."""

    role: str
    units: tuple[str, ...] = ()
    nip: str | None = None

    @classmethod
    def parse(
        cls, role: str, units: Iterable[str] | None = None, nip: str | None = None
    ) -> TokenRequest:
        """Check the combination; raises TokenRequestError with what to pass instead."""
        unit_list = [u.strip() for u in units or ()]
        nip = nip.strip() if nip is not None else None
        if role not in ROLES:
            raise TokenRequestError(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}.")
        if role == "hr":
            if not unit_list:
                raise TokenRequestError(
                    "--role hr needs at least one --unit UNIT_CODE (e.g. --unit BKD): an HR "
                    "officer acts for the employees of their units only. Repeat --unit for more."
                )
            bad = [u for u in unit_list if not _UNIT.match(u)]
            if bad:
                raise TokenRequestError(
                    f"not a unit code: {', '.join(repr(u) for u in bad)} (letters, digits, "
                    "'_', '.', '-'; e.g. BKD)."
                )
        elif unit_list:
            raise TokenRequestError(f"--unit is for --role hr only, not --role {role}.")
        if role in ("supervisor", "employee"):
            if nip is None:
                raise TokenRequestError(
                    f"--role {role} needs --nip NIP, the person's 18-digit NIP "
                    "(e.g. --nip 198507152010011001)."
                )
            if not _NIP.match(nip):
                raise TokenRequestError(
                    f"--nip {nip!r} is not a NIP: a NIP is exactly 18 digits "
                    "(e.g. 198507152010011001)."
                )
        elif nip is not None:
            raise TokenRequestError(
                f"--nip is for --role supervisor or employee only, not --role {role}."
            )
        # Sorted and de-duplicated, so that one set of units is one demo user.
        return cls(role=role, units=tuple(sorted(set(unit_list))), nip=nip)

    @property
    def username(self) -> str:
        """The demo user's name in the realm (Keycloak keeps user names in lower case)."""
        if self.role == "hr":
            return "-".join(["hr", *(u.lower() for u in self.units)])
        if self.nip is not None:
            return f"{self.role}-{self.nip}"
        return self.role

    @property
    def attributes(self) -> dict[str, list[str]]:
        attributes: dict[str, list[str]] = {}
        if self.units:
            attributes["units"] = list(self.units)
        if self.nip is not None:
            attributes["nip"] = [self.nip]
        return attributes

    def matches(self, claims: dict[str, Any]) -> bool:
        """True when a token's claims are what this request asks for (role, units, nip)."""
        return (
            claims.get("roles") == [self.role]
            and sorted(claims.get("units") or []) == list(self.units)
            and claims.get("nip") == self.nip
        )


def decode_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, unverified (for checking what our own Keycloak issued)."""
    try:
        payload = token.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError) as error:
        raise StackError(f"Keycloak returned something that is not a JWT ({error}).") from None
    if not isinstance(data, dict):
        raise StackError("Keycloak returned a JWT whose payload is not an object.")
    return data


def token_for(
    config: StackConfig | None = None,
    *,
    role: str,
    units: Sequence[str] | None = None,
    nip: str | None = None,
) -> str:
    """An access token of the local realm for `role` (see the module docstring).

    Raises TokenRequestError for a role/units/nip combination that does not fit, StackError when
    Keycloak is not running or refuses.
    """
    request = TokenRequest.parse(role, units, nip)
    config = StackConfig.from_env() if config is None else config
    found = _local_secrets(config)
    # trust_env=False: a proxy from the environment must not see loopback traffic or secrets.
    with httpx.Client(base_url=config.keycloak_url, timeout=_TIMEOUT, trust_env=False) as client:
        try:
            if request.role == "service":
                return _client_credentials(client, config, found)
            return _person_token(client, config, found, request)
        except httpx.HTTPError as error:
            raise StackError(
                f"Keycloak on {config.keycloak_url} did not answer: {error}.",
                "Check `jenjang status` and `jenjang logs keycloak`.",
            ) from None


def _local_secrets(config: StackConfig) -> keycloak_server.Secrets:
    if not keycloak_server.is_ready(config, timeout=2.0):
        raise StackError(
            f"Keycloak is not running on {config.keycloak_url} (state dir {config.state_dir}).",
            "Start it with `jenjang up` (or `jenjang up --infra-only`), then ask again.",
        )
    found = keycloak_server.read_secrets(config)
    if found is None:
        raise StackError(
            f"Keycloak answers on {config.keycloak_url}, but {keycloak_server.secrets_file(config)} "
            "is missing: it is not the Keycloak of this stack.",
            "Use the JENJANG_STATE_DIR and JENJANG_KEYCLOAK_PORT of the stack that started it.",
        )
    return found


def reset_hint(config: StackConfig) -> str:
    """How to make Keycloak's local data again without touching PostgreSQL's or Kafka's."""
    return (
        f"Reset Keycloak's local data (nothing else): `jenjang down`, delete "
        f"{keycloak_server.home_dir(config)}, `jenjang up`; the realm is imported afresh and "
        "`jenjang token` creates the demo users again."
    )


def _token_url(realm: str) -> str:
    return f"/realms/{realm}/protocol/openid-connect/token"


def _refusal(response: httpx.Response) -> str:
    try:
        body = response.json()
        return f"{body.get('error')}: {body.get('error_description')}"
    except ValueError:
        return f"HTTP {response.status_code}: {response.text[:200]}"


def _client_credentials(
    client: httpx.Client, config: StackConfig, found: keycloak_server.Secrets
) -> str:
    response = client.post(
        _token_url(REALM),
        data={
            "grant_type": "client_credentials",
            "client_id": INTERNAL_CLIENT,
            "client_secret": found.internal_client_secret,
        },
    )
    if response.status_code != 200:
        raise StackError(
            f"Keycloak refused the client credentials of {INTERNAL_CLIENT}: {_refusal(response)}.",
            f"The realm and the local secrets disagree. {reset_hint(config)}",
        )
    return str(response.json()["access_token"])


def _password_grant(
    client: httpx.Client, request: TokenRequest, password: str
) -> tuple[str | None, str]:
    response = client.post(
        _token_url(REALM),
        data={
            "grant_type": "password",
            "client_id": CLI_CLIENT,
            "username": request.username,
            "password": password,
        },
    )
    if response.status_code == 200:
        return str(response.json()["access_token"]), ""
    return None, _refusal(response)


def _person_token(
    client: httpx.Client,
    config: StackConfig,
    found: keycloak_server.Secrets,
    request: TokenRequest,
) -> str:
    # The common case, a user made before: one request.
    token, _ = _password_grant(client, request, found.demo_password)
    if token is not None and request.matches(decode_claims(token)):
        return token
    admin = _AdminApi(client, config, found.admin_password)
    admin.ensure_user(request, found.demo_password)
    token, refusal = _password_grant(client, request, found.demo_password)
    if token is None:
        raise StackError(
            f"Keycloak refused the password grant for {request.username}: {refusal}.",
            f"See `jenjang logs keycloak`; the user is in realm {REALM} at "
            f"{keycloak_server.admin_console(config)}.",
        )
    claims = decode_claims(token)
    if not request.matches(claims):
        raise StackError(
            f"The token for {request.username} does not carry what was asked for "
            f"(roles={claims.get('roles')}, units={claims.get('units')}, nip={claims.get('nip')}).",
            f"The realm looks changed by hand. {reset_hint(config)}",
        )
    return token


class _AdminApi:
    """The few admin REST calls the demo users need, as the bootstrap admin of the master realm."""

    def __init__(self, client: httpx.Client, config: StackConfig, admin_password: str) -> None:
        self._client = client
        response = client.post(
            _token_url("master"),
            data={
                "grant_type": "password",
                "client_id": "admin-cli",
                "username": keycloak_server.BOOTSTRAP_ADMIN,
                "password": admin_password,
            },
        )
        if response.status_code != 200:
            raise StackError(
                f"The local Keycloak's bootstrap admin could not log in: {_refusal(response)}.",
                f"Its database and secrets.json disagree. {reset_hint(config)}",
            )
        self._headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
        self._base = f"/admin/realms/{REALM}"

    def _call(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, str] | None = None,
    ) -> httpx.Response:
        response = self._client.request(
            method, f"{self._base}{path}", json=body, params=params, headers=self._headers
        )
        if response.status_code >= 400 and response.status_code != 409:
            raise StackError(
                f"Keycloak's admin API refused {method} {self._base}{path}: "
                f"HTTP {response.status_code} {response.text[:300]}",
                "See `jenjang logs keycloak`.",
            )
        return response

    def _find(self, username: str) -> dict[str, Any] | None:
        users = self._call("GET", "/users", params={"username": username, "exact": "true"}).json()
        for user in users:
            if user.get("username") == username:
                return dict(user)
        return None

    def ensure_user(self, request: TokenRequest, password: str) -> None:
        """Create the demo user, or put its attributes, password and role right."""
        username = request.username
        user = self._find(username)
        if user is None:
            created = self._call(
                "POST",
                "/users",
                {
                    "username": username,
                    "enabled": True,
                    "emailVerified": True,
                    "attributes": request.attributes,
                    "requiredActions": [],
                    "credentials": [{"type": "password", "value": password, "temporary": False}],
                },
            )
            user = self._find(username)
            if user is None:
                raise StackError(
                    f"Keycloak did not create the user {username} (HTTP {created.status_code}).",
                    "See `jenjang logs keycloak`.",
                )
            if created.status_code == 201:
                say(f"Created the demo user {username} in realm {REALM}.")
        else:
            self._call(
                "PUT",
                f"/users/{user['id']}",
                {
                    "username": username,
                    "enabled": True,
                    "emailVerified": True,
                    "attributes": request.attributes,
                    "requiredActions": [],
                },
            )
            self._call(
                "PUT",
                f"/users/{user['id']}/reset-password",
                {"type": "password", "value": password, "temporary": False},
            )
            say(f"Updated the demo user {username} in realm {REALM}.")
        self._ensure_only_role(user["id"], request.role)

    def _ensure_only_role(self, user_id: str, role: str) -> None:
        mapped = self._call("GET", f"/users/{user_id}/role-mappings/realm").json()
        extra = [r for r in mapped if r.get("name") in ROLES and r.get("name") != role]
        if extra:
            self._call("DELETE", f"/users/{user_id}/role-mappings/realm", extra)
        if not any(r.get("name") == role for r in mapped):
            wanted = self._call("GET", f"/roles/{role}").json()
            self._call("POST", f"/users/{user_id}/role-mappings/realm", [wanted])
