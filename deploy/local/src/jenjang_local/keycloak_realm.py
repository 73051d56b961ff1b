"""The `jenjang` realm that the local Keycloak imports at start (`--import-realm`).

Built in Python rather than kept as a JSON file so that the one secret in it (the internal
client's) is generated per state dir, and so the tests can read the same structure the server
gets. What a token of this realm carries:

- `iss`  http://127.0.0.1:<port>/realms/jenjang
- `aud`  all five service names (one audience mapper each, on the client scope `jenjang-services`)
- `roles` the caller's Jenjang roles as a top-level array (also in Keycloak's `realm_access.roles`)
- `units` the HR officer's unit codes (array), `nip` the person's NIP (string), both from user
  attributes declared in the realm's user profile
- `sub`, `preferred_username`, `azp`, `exp` (15 minutes after `iat`) as usual

Both clients have `fullScopeAllowed` off and the five roles as their only role scope, so tokens
never carry Keycloak's own `default-roles-jenjang`, `offline_access` or `uma_authorization`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from jenjang_local.config import SERVICES

REALM = "jenjang"
ROLES: tuple[str, ...] = ("admin", "hr", "supervisor", "employee", "service")
ROLE_DESCRIPTIONS = {
    "admin": "BKD administrator: everything, including policies, sweeps, imports and audit",
    "hr": "HR officer of the units in the `units` claim",
    "supervisor": "Supervisor (the `nip` claim) of their direct reports",
    "employee": "Employee (the `nip` claim): their own records",
    "service": "Internal application (client credentials): read-only unless granted more",
}
AUDIENCES: tuple[str, ...] = SERVICES
CLI_CLIENT = "jenjang-cli"
INTERNAL_CLIENT = "jenjang-internal"
AUDIENCE_SCOPE = "jenjang-services"
CLAIMS_SCOPE = "jenjang-claims"
ACCESS_TOKEN_LIFESPAN_S = 15 * 60
NIP_PATTERN = "^[0-9]{18}$"
UNIT_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"

# A realm document that lists client scopes gets none of Keycloak's built-in ones, so the three
# our tokens need are declared here as Keycloak itself defines them: `basic` (sub, auth_time),
# `roles` (realm_access.roles) and `profile` (preferred_username and the names).
BUILTIN_SCOPES: tuple[str, ...] = ("basic", "roles", "profile")
CLIENT_DEFAULT_SCOPES: tuple[str, ...] = (*BUILTIN_SCOPES, AUDIENCE_SCOPE, CLAIMS_SCOPE)


def _mapper(name: str, kind: str, config: dict[str, str]) -> dict[str, Any]:
    return {
        "name": name,
        "protocol": "openid-connect",
        "protocolMapper": kind,
        "consentRequired": False,
        "config": config,
    }


# Where a mapper's claim goes: the access token (what the services read) and introspection.
_IN_ACCESS_TOKEN = {"access.token.claim": "true", "introspection.token.claim": "true"}
_EVERYWHERE = {**_IN_ACCESS_TOKEN, "id.token.claim": "true", "userinfo.token.claim": "true"}


def audience_mapper(service: str) -> dict[str, Any]:
    config = {**_IN_ACCESS_TOKEN, "id.token.claim": "false", "included.custom.audience": service}
    return _mapper(f"audience {service}", "oidc-audience-mapper", config)


def _attribute_mapper(attribute: str, claim: str, *, multivalued: bool) -> dict[str, Any]:
    config = {
        **_EVERYWHERE,
        "user.attribute": attribute,
        "claim.name": claim,
        "jsonType.label": "String",
        "multivalued": str(multivalued).lower(),
        "aggregate.attrs": "false",
    }
    return _mapper(f"{claim} claim", "oidc-usermodel-attribute-mapper", config)


def _realm_roles_mapper(name: str, claim: str) -> dict[str, Any]:
    config = {
        **_IN_ACCESS_TOKEN,
        "userinfo.token.claim": "true",
        "claim.name": claim,
        "jsonType.label": "String",
        "multivalued": "true",
    }
    return _mapper(name, "oidc-usermodel-realm-role-mapper", config)


def builtin_client_scopes() -> list[dict[str, Any]]:
    hidden = {"include.in.token.scope": "false", "display.on.consent.screen": "false"}
    auth_time = {
        **_IN_ACCESS_TOKEN,
        "id.token.claim": "true",
        "user.session.note": "AUTH_TIME",
        "claim.name": "auth_time",
        "jsonType.label": "long",
    }
    return [
        {
            "name": "basic",
            "description": "OpenID Connect scope for add all basic claims to the token",
            "protocol": "openid-connect",
            "attributes": hidden,
            "protocolMappers": [
                _mapper("sub", "oidc-sub-mapper", dict(_IN_ACCESS_TOKEN)),
                _mapper("auth_time", "oidc-usersessionmodel-note-mapper", auth_time),
            ],
        },
        {
            "name": "roles",
            "description": "OpenID Connect scope for add user roles to the access token",
            "protocol": "openid-connect",
            "attributes": {**hidden, "display.on.consent.screen": "true"},
            "protocolMappers": [
                _realm_roles_mapper("realm roles", "realm_access.roles"),
                _mapper("audience resolve", "oidc-audience-resolve-mapper", dict(_IN_ACCESS_TOKEN)),
            ],
        },
        {
            "name": "profile",
            "description": "OpenID Connect built-in scope: profile",
            "protocol": "openid-connect",
            "attributes": {"include.in.token.scope": "true", "display.on.consent.screen": "true"},
            "protocolMappers": [
                _attribute_mapper("username", "preferred_username", multivalued=False),
                _attribute_mapper("firstName", "given_name", multivalued=False),
                _attribute_mapper("lastName", "family_name", multivalued=False),
                _mapper("full name", "oidc-full-name-mapper", dict(_EVERYWHERE)),
            ],
        },
    ]


def client_scopes() -> list[dict[str, Any]]:
    """Keycloak's three built-in scopes our clients use, then our own two: the five audiences,
    and the roles/units/nip claims."""
    hidden = {
        "include.in.token.scope": "false",
        "display.on.consent.screen": "false",
    }
    return [
        *builtin_client_scopes(),
        {
            "name": AUDIENCE_SCOPE,
            "description": "Every Jenjang service as an audience of the access token",
            "protocol": "openid-connect",
            "attributes": hidden,
            "protocolMappers": [audience_mapper(service) for service in AUDIENCES],
        },
        {
            "name": CLAIMS_SCOPE,
            "description": "Jenjang's authorisation claims: roles, units, nip",
            "protocol": "openid-connect",
            "attributes": hidden,
            "protocolMappers": [
                _realm_roles_mapper("roles claim", "roles"),
                _attribute_mapper("units", "units", multivalued=True),
                _attribute_mapper("nip", "nip", multivalued=False),
            ],
        },
    ]


def user_profile() -> dict[str, Any]:
    """The realm's declarative user profile: Keycloak's four attributes plus `nip` and `units`.

    Since Keycloak 24 an attribute the profile does not declare is dropped by the admin API, so
    the two must be declared. None is required (a required one the demo user lacks would block
    the password grant with "Account is not fully set up"); only administrators may edit them.
    """
    people = {"view": ["admin", "user"], "edit": ["admin", "user"]}
    admin_edits = {"view": ["admin", "user"], "edit": ["admin"]}
    name_rules = {"length": {"max": 255}, "person-name-prohibited-characters": {}}
    return {
        "attributes": [
            {
                "name": "username",
                "displayName": "${username}",
                "validations": {
                    "length": {"min": 3, "max": 255},
                    "username-prohibited-characters": {},
                    "up-username-not-idn-homograph": {},
                },
                "permissions": people,
                "multivalued": False,
            },
            {
                "name": "email",
                "displayName": "${email}",
                "validations": {"email": {}, "length": {"max": 255}},
                "permissions": people,
                "multivalued": False,
            },
            {
                "name": "firstName",
                "displayName": "${firstName}",
                "validations": name_rules,
                "permissions": people,
                "multivalued": False,
            },
            {
                "name": "lastName",
                "displayName": "${lastName}",
                "validations": name_rules,
                "permissions": people,
                "multivalued": False,
            },
            {
                "name": "nip",
                "displayName": "NIP",
                "validations": {
                    "pattern": {"pattern": NIP_PATTERN, "error-message": "A NIP is 18 digits."}
                },
                "permissions": admin_edits,
                "multivalued": False,
            },
            {
                "name": "units",
                "displayName": "Units (HR scope)",
                "validations": {
                    "pattern": {"pattern": UNIT_PATTERN, "error-message": "Not a unit code."}
                },
                "permissions": admin_edits,
                "multivalued": True,
            },
        ],
        "groups": [],
    }


def clients(internal_secret: str) -> list[dict[str, Any]]:
    common: dict[str, Any] = {
        "enabled": True,
        "protocol": "openid-connect",
        "standardFlowEnabled": False,
        "implicitFlowEnabled": False,
        "fullScopeAllowed": False,
        "defaultClientScopes": list(CLIENT_DEFAULT_SCOPES),
        "optionalClientScopes": [],
    }
    return [
        {
            **common,
            "clientId": CLI_CLIENT,
            "name": "Jenjang command line (local stack)",
            "description": "`jenjang token`: a demo user's password grant",
            "publicClient": True,
            "directAccessGrantsEnabled": True,
            "serviceAccountsEnabled": False,
        },
        {
            **common,
            "clientId": INTERNAL_CLIENT,
            "name": "Jenjang internal applications",
            "description": "Client credentials; its service account has the `service` role",
            "publicClient": False,
            "clientAuthenticatorType": "client-secret",
            "secret": internal_secret,
            "directAccessGrantsEnabled": False,
            "serviceAccountsEnabled": True,
        },
    ]


def realm_document(*, internal_secret: str) -> dict[str, Any]:
    """The realm representation Keycloak imports (the format of a realm export)."""
    return {
        "realm": REALM,
        "enabled": True,
        "displayName": "Jenjang (local stack)",
        "sslRequired": "external",
        "registrationAllowed": False,
        "resetPasswordAllowed": False,
        "editUsernameAllowed": False,
        "bruteForceProtected": False,
        "accessTokenLifespan": ACCESS_TOKEN_LIFESPAN_S,
        "roles": {
            "realm": [
                {"name": role, "description": ROLE_DESCRIPTIONS[role], "composite": False}
                for role in ROLES
            ]
        },
        "clientScopes": client_scopes(),
        "defaultDefaultClientScopes": list(BUILTIN_SCOPES),
        "defaultOptionalClientScopes": [],
        # The role scope of both clients (fullScopeAllowed is off): our five roles, nothing else.
        "scopeMappings": [{"clientScope": CLAIMS_SCOPE, "roles": list(ROLES)}],
        "clients": clients(internal_secret),
        "users": [
            {
                "username": f"service-account-{INTERNAL_CLIENT}",
                "enabled": True,
                "serviceAccountClientId": INTERNAL_CLIENT,
                "realmRoles": ["service"],
            }
        ],
        "components": {
            "org.keycloak.userprofile.UserProfileProvider": [
                {
                    "providerId": "declarative-user-profile",
                    "subComponents": {},
                    "config": {"kc.user.profile.config": [json.dumps(user_profile())]},
                }
            ]
        },
    }


def render(document: dict[str, Any]) -> str:
    """Stable JSON text (sorted keys), so that its hash tells whether the realm changed."""
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
