"""Bearer tokens on every endpoint: verification (OIDC discovery, JWKS, rotation) and policies.

Every route declares who may call it with a policy dependency::

    Caller = Annotated[Principal, Depends(allow(Role.HR, Role.ADMIN))]

`create_service_app` refuses to build an app with a route that declares none (health and docs
excepted), so no endpoint can be left open by forgetting. Missing or bad token: 401 with
`WWW-Authenticate: Bearer ...`; a valid token without the right: 403. See docs/architecture.md,
"Identity and access".
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from jenjang_shared.access import Principal, Role, current_principal
from jenjang_shared.web.problems import problem

log = logging.getLogger(__name__)

# Asymmetric algorithms only: never `none`, never an HMAC whose "secret" would be a public key.
SAFE_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

FetchJson = Callable[[str], Awaitable[dict[str, Any]]]


class Unauthenticated(Exception):
    """No token, or one that cannot be trusted: 401."""

    def __init__(self, description: str, *, error: str | None = "invalid_token") -> None:
        super().__init__(description)
        self.description = description
        self.error = error


class Forbidden(Exception):
    """A trusted caller without the right: 403."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


async def fetch_json(url: str) -> dict[str, Any]:
    """GET a JSON document (discovery, JWKS) with a short timeout, off the event loop."""

    def get() -> dict[str, Any]:
        with urllib.request.urlopen(url, timeout=5) as response:
            document: dict[str, Any] = json.loads(response.read())
            return document

    return await asyncio.to_thread(get)


class TokenVerifier:
    """Verifies access tokens of one issuer for one audience.

    Keys come from the issuer's JWKS (found by OIDC discovery unless `jwks_url` is given),
    cached for `cache_s`; a token signed with an unknown `kid` refetches the set once, at most
    every `refetch_min_interval_s` (key rotation without letting forged kids hammer the issuer).
    """

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str | None = None,
        algorithms: Iterable[str] = ("RS256", "PS256", "ES256"),
        leeway_s: float = 30,
        cache_s: float = 300,
        refetch_min_interval_s: float = 10,
        fetch: FetchJson = fetch_json,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        unsafe = set(algorithms) - SAFE_ALGORITHMS
        if unsafe:
            raise ValueError(f"refusing token algorithms {sorted(unsafe)}: asymmetric ones only")
        self.issuer = issuer
        self.audience = audience
        self._jwks_url = jwks_url
        self._algorithms = frozenset(algorithms)
        self._leeway_s = leeway_s
        self._cache_s = cache_s
        self._refetch_min_interval_s = refetch_min_interval_s
        self._fetch = fetch
        self._clock = clock
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = asyncio.Lock()

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"the bearer token is not a JWT ({exc})") from None
        algorithm = header.get("alg")
        if algorithm not in self._algorithms:
            raise Unauthenticated(f"token algorithm {algorithm!r} is not accepted")
        key = await self._key_for(header.get("kid"))
        try:
            claims = jwt.decode(
                token,
                key=key.key,
                algorithms=[algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self._leeway_s,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the token has expired") from None
        except jwt.InvalidAudienceError:
            raise Unauthenticated(f"the token is not meant for {self.audience}") from None
        except jwt.InvalidIssuerError:
            raise Unauthenticated("the token comes from another issuer") from None
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"the token is invalid ({exc})") from None
        return Principal.from_claims(claims)

    async def _key_for(self, kid: str | None) -> jwt.PyJWK:
        async with self._lock:
            now = self._clock()
            if self._fetched_at is None or now - self._fetched_at >= self._cache_s:
                await self._refresh(now)
            elif self._lookup(kid) is None and (
                now - self._fetched_at >= self._refetch_min_interval_s
            ):
                await self._refresh(now)  # a new kid: the issuer may have rotated its keys
            key = self._lookup(kid)
        if key is None:
            raise Unauthenticated("the token is signed with a key the issuer does not publish")
        return key

    def _lookup(self, kid: str | None) -> jwt.PyJWK | None:
        if kid is None and len(self._keys) == 1:
            return next(iter(self._keys.values()))
        return self._keys.get(kid)

    async def _refresh(self, now: float) -> None:
        try:
            url = self._jwks_url or await self._discover_jwks_url()
            document = await self._fetch(url)
            keys = jwt.PyJWKSet.from_dict(document).keys
        except Exception as exc:  # the issuer away: keep the keys we have, say why
            log.warning("could not fetch the token issuer's keys: %s", type(exc).__name__)
            if not self._keys:
                raise Unauthenticated("the token issuer's keys are not available") from None
            return
        self._keys = {key.key_id: key for key in keys if key.public_key_use in (None, "sig")}
        self._fetched_at = now

    async def _discover_jwks_url(self) -> str:
        document = await self._fetch(f"{self.issuer.rstrip('/')}/.well-known/openid-configuration")
        if document.get("issuer") != self.issuer:
            raise ValueError("the discovery document names another issuer")
        self._jwks_url = str(document["jwks_uri"])
        return self._jwks_url


_bearer = HTTPBearer(auto_error=False, description="An OIDC access token (JWT)")


async def authenticate(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """The verified caller of this request (401 without a trustworthy token)."""
    if credentials is None:
        raise Unauthenticated("a bearer token is required", error=None)
    verifier: TokenVerifier = request.app.state.token_verifier
    principal = await verifier.verify(credentials.credentials)
    current_principal.set(principal)
    return principal


class Policy:
    """Who may call an operation: any of `roles`. A `service` caller (an internal app) is
    read-only unless its token carries the scope `<service>:write`."""

    def __init__(self, *roles: Role) -> None:
        if not roles:
            raise ValueError("a policy names at least one role")
        self.roles = frozenset(roles)

    async def __call__(
        self, request: Request, principal: Annotated[Principal, Depends(authenticate)]
    ) -> Principal:
        granted = self.roles & principal.roles
        if not granted:
            raise Forbidden(
                f"this operation is for {_names(self.roles)}; the token grants "
                f"{_names(principal.roles) or 'no role'}"
            )
        if granted == {Role.SERVICE} and request.method not in READ_METHODS:
            scope = f"{request.app.state.settings.service_name}:write"
            if scope not in principal.scopes:
                raise Forbidden(f"an internal app needs the scope {scope} to write")
        return principal

    def describe(self) -> str:
        return _names(self.roles)


def allow(*roles: Role) -> Policy:
    """The policy dependency of an operation: `Depends(allow(Role.HR, Role.ADMIN))`."""
    return Policy(*roles)


def _names(roles: Iterable[Role]) -> str:
    return ", ".join(sorted(role.value for role in roles))


@dataclass(frozen=True)
class Operation:
    """One HTTP operation of an app, as mounted (full path), with what it depends on."""

    path: str
    methods: frozenset[str]
    dependant: Dependant


def operations_of(app: FastAPI) -> list[Operation]:
    """Every API operation of an app, through included routers too (FastAPI >= 0.16x keeps an
    included router as one entry whose routes are its "effective route contexts")."""
    found = []
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        entries = list(contexts()) if callable(contexts) else [route]
        for entry in entries:
            dependant = getattr(entry, "dependant", None)
            path = getattr(entry, "path", None)
            if dependant is not None and isinstance(path, str):
                methods = frozenset(getattr(entry, "methods", None) or ())
                found.append(Operation(path, methods, dependant))
    return found


def policy_of(operation: Operation | APIRoute) -> Policy | None:
    """The policy an operation declares (directly or through a dependency), if any."""
    pending = list(operation.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        if isinstance(dependency.call, Policy):
            return dependency.call
        pending.extend(dependency.dependencies)
    return None


def check_every_route_has_a_policy(app: FastAPI, *, open_paths: Iterable[str]) -> None:
    """Refuse to build an app with an operation that declares no policy."""
    exempt = tuple(open_paths)
    missing = [
        f"{sorted(operation.methods)} {operation.path}"
        for operation in operations_of(app)
        if not operation.path.startswith(exempt) and policy_of(operation) is None
    ]
    if missing:
        raise RuntimeError(f"these operations declare no access policy: {', '.join(missing)}")


def install_auth_handlers(app: FastAPI) -> None:
    """401 and 403 as problem+json; 401 says how to authenticate (RFC 6750)."""

    @app.exception_handler(Unauthenticated)
    async def on_unauthenticated(_: Request, exc: Unauthenticated) -> JSONResponse:
        challenge = 'Bearer realm="jenjang"'
        if exc.error:
            description = exc.description.replace('"', "'")
            challenge += f', error="{exc.error}", error_description="{description}"'
        response = problem(401, "Unauthorized", exc.description)
        response.headers["WWW-Authenticate"] = challenge
        return response

    @app.exception_handler(Forbidden)
    async def on_forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return problem(403, "Forbidden", exc.description)
