"""The realm document Keycloak imports: roles, claims, audiences and clients, checked as data."""

import json
from typing import Any

import pytest

from jenjang_local.keycloak_realm import (
    ACCESS_TOKEN_LIFESPAN_S,
    AUDIENCE_SCOPE,
    CLAIMS_SCOPE,
    CLI_CLIENT,
    INTERNAL_CLIENT,
    fingerprint,
    realm_document,
    render,
)

SERVICES = {"personnel", "training", "mentoring", "evaluation", "welfare"}


@pytest.fixture(scope="module")
def realm() -> dict[str, Any]:
    return realm_document(internal_secret="test-secret")


def _scope(realm: dict[str, Any], name: str) -> dict[str, Any]:
    [scope] = [s for s in realm["clientScopes"] if s["name"] == name]
    return scope


def _client(realm: dict[str, Any], client_id: str) -> dict[str, Any]:
    [client] = [c for c in realm["clients"] if c["clientId"] == client_id]
    return client


def _mappers(scope: dict[str, Any], kind: str) -> list[dict[str, str]]:
    return [m["config"] for m in scope["protocolMappers"] if m["protocolMapper"] == kind]


def test_realm_has_the_five_jenjang_roles_and_a_15_minute_token(realm: dict[str, Any]) -> None:
    assert realm["realm"] == "jenjang"
    assert [r["name"] for r in realm["roles"]["realm"]] == [
        "admin",
        "hr",
        "supervisor",
        "employee",
        "service",
    ]
    assert realm["accessTokenLifespan"] == ACCESS_TOKEN_LIFESPAN_S == 900


def test_every_service_is_an_audience_of_the_access_token(realm: dict[str, Any]) -> None:
    audiences = _mappers(_scope(realm, AUDIENCE_SCOPE), "oidc-audience-mapper")
    assert {m["included.custom.audience"] for m in audiences} == SERVICES
    assert all(m["access.token.claim"] == "true" for m in audiences)


def test_roles_units_and_nip_are_access_token_claims(realm: dict[str, Any]) -> None:
    scope = _scope(realm, CLAIMS_SCOPE)
    [roles] = _mappers(scope, "oidc-usermodel-realm-role-mapper")
    assert (roles["claim.name"], roles["multivalued"], roles["access.token.claim"]) == (
        "roles",
        "true",
        "true",
    )
    attributes = {
        m["user.attribute"]: m for m in _mappers(scope, "oidc-usermodel-attribute-mapper")
    }
    assert attributes["units"]["claim.name"] == "units"
    assert attributes["units"]["multivalued"] == "true"  # an array, even with one unit
    assert attributes["nip"]["claim.name"] == "nip"
    assert attributes["nip"]["multivalued"] == "false"  # a string
    assert attributes["nip"]["jsonType.label"] == "String"
    assert all(m["access.token.claim"] == "true" for m in attributes.values())


def test_keycloaks_own_scopes_are_declared_since_a_listed_scope_set_replaces_them(
    realm: dict[str, Any],
) -> None:
    # Without `basic` the token has no `sub`; without `roles` no realm_access.
    names = {s["name"] for s in realm["clientScopes"]}
    assert {"basic", "roles", "profile", AUDIENCE_SCOPE, CLAIMS_SCOPE} <= names
    assert _mappers(_scope(realm, "basic"), "oidc-sub-mapper")
    [realm_access] = _mappers(_scope(realm, "roles"), "oidc-usermodel-realm-role-mapper")
    assert realm_access["claim.name"] == "realm_access.roles"


def test_cli_client_is_public_with_password_grant_only(realm: dict[str, Any]) -> None:
    cli = _client(realm, CLI_CLIENT)
    assert cli["publicClient"] is True
    assert cli["directAccessGrantsEnabled"] is True
    assert cli["standardFlowEnabled"] is False
    assert cli["implicitFlowEnabled"] is False
    assert cli["serviceAccountsEnabled"] is False


def test_internal_client_is_confidential_with_a_service_account_of_role_service(
    realm: dict[str, Any],
) -> None:
    internal = _client(realm, INTERNAL_CLIENT)
    assert internal["publicClient"] is False
    assert internal["serviceAccountsEnabled"] is True
    assert internal["directAccessGrantsEnabled"] is False
    assert internal["secret"] == "test-secret"
    [account] = [u for u in realm["users"] if u.get("serviceAccountClientId") == INTERNAL_CLIENT]
    assert account["realmRoles"] == ["service"]


@pytest.mark.parametrize("client_id", [CLI_CLIENT, INTERNAL_CLIENT])
def test_both_clients_carry_our_claims_and_only_our_roles(
    realm: dict[str, Any], client_id: str
) -> None:
    client = _client(realm, client_id)
    assert {AUDIENCE_SCOPE, CLAIMS_SCOPE, "basic", "roles"} <= set(client["defaultClientScopes"])
    # Role scope limited to the five roles: no default-roles-jenjang or offline_access in tokens.
    assert client["fullScopeAllowed"] is False
    [mapping] = realm["scopeMappings"]
    assert mapping["clientScope"] in client["defaultClientScopes"]
    assert set(mapping["roles"]) == {"admin", "hr", "supervisor", "employee", "service"}


def test_user_profile_declares_nip_and_units_editable_by_admins_only(
    realm: dict[str, Any],
) -> None:
    [provider] = realm["components"]["org.keycloak.userprofile.UserProfileProvider"]
    profile = json.loads(provider["config"]["kc.user.profile.config"][0])
    attributes = {a["name"]: a for a in profile["attributes"]}
    assert attributes["units"]["multivalued"] is True
    assert attributes["nip"]["multivalued"] is False
    assert attributes["nip"]["validations"]["pattern"]["pattern"] == "^[0-9]{18}$"
    assert attributes["nip"]["permissions"]["edit"] == ["admin"]
    # A required attribute the demo users lack would block their password grant.
    assert not any("required" in a for a in profile["attributes"])


def test_rendering_is_stable_so_the_fingerprint_tells_a_changed_realm() -> None:
    one = render(realm_document(internal_secret="a"))
    assert render(realm_document(internal_secret="a")) == one
    assert fingerprint(one) != fingerprint(render(realm_document(internal_secret="b")))
    assert json.loads(one)["realm"] == "jenjang"
