"""Token verification and access policies (jenjang_shared.web.auth) against a local issuer."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI

from jenjang_shared.access import Principal, Role, Visibility
from jenjang_shared.web.auth import (
    Forbidden,
    TokenVerifier,
    Unauthenticated,
    allow,
    check_every_route_has_a_policy,
    fetch_json,
    install_auth_handlers,
)
from jenjang_testing.issuer import TestIssuer

NIP = "198609262015051001"


@pytest.fixture(scope="module")
def issuer():
    issuer = TestIssuer()
    yield issuer
    issuer.close()


def verifier_for(issuer: TestIssuer, **options: Any) -> TokenVerifier:
    return TokenVerifier(issuer=issuer.url, audience="personnel", **options)


async def test_a_token_of_the_issuer_for_this_audience_gives_its_roles_units_and_nip(issuer):
    principal = await verifier_for(issuer).verify(issuer.token("hr", units=["BKD"], nip=NIP))
    assert principal.roles == {Role.HR}
    assert principal.units == {"BKD"}
    assert principal.nip == NIP
    assert principal.actor == NIP


@pytest.mark.parametrize(
    "kind",
    ["expired", "wrong audience", "wrong issuer", "unknown key", "alg none",
     "tampered signature", "not a jwt"],
)  # fmt: skip
async def test_every_untrustworthy_token_is_refused(issuer, kind):
    with pytest.raises(Unauthenticated):
        await verifier_for(issuer).verify(issuer.broken()[kind])


async def test_keys_are_found_by_oidc_discovery_and_cached(issuer):
    fetched: list[str] = []

    async def counting_fetch(url: str) -> dict[str, Any]:
        fetched.append(url)
        return await fetch_json(url)

    verifier = verifier_for(issuer, fetch=counting_fetch)
    for _ in range(3):
        await verifier.verify(issuer.admin())
    assert fetched == [f"{issuer.url}/.well-known/openid-configuration", issuer.jwks_url]


async def test_a_rotated_key_is_fetched_once_and_unknown_kids_do_not_hammer_the_issuer(issuer):
    now = [1000.0]
    fetched: list[str] = []

    async def counting_fetch(url: str) -> dict[str, Any]:
        fetched.append(url)
        return await fetch_json(url)

    verifier = verifier_for(
        issuer, jwks_url=issuer.jwks_url, fetch=counting_fetch, clock=lambda: now[0],
        refetch_min_interval_s=10,
    )  # fmt: skip
    await verifier.verify(issuer.admin())
    old_key, old_kid = issuer.key, issuer.kid
    issuer.key, issuer.kid = TestIssuer().key, "rotated"  # the issuer rotates its signing key
    try:
        now[0] += 11
        assert (await verifier.verify(issuer.admin())).roles == {Role.ADMIN}
        assert len(fetched) == 2  # one refetch for the new kid
        for _ in range(5):  # forged kids within the interval: refused without asking again
            with pytest.raises(Unauthenticated):
                await verifier.verify(issuer.token("admin", kid="forged"))
        assert len(fetched) == 2
    finally:
        issuer.key, issuer.kid = old_key, old_kid


def test_symmetric_and_none_algorithms_cannot_be_configured():
    for algorithm in ("HS256", "none"):
        with pytest.raises(ValueError, match="asymmetric"):
            TokenVerifier(issuer="http://x", audience="y", algorithms=[algorithm])


def test_keycloak_realm_roles_are_read_when_there_is_no_roles_claim():
    principal = Principal.from_claims(
        {"sub": "u1", "realm_access": {"roles": ["employee", "offline_access"]}, "nip": NIP}
    )
    assert principal.roles == {Role.EMPLOYEE}
    assert Visibility.of(principal) == Visibility(nip=NIP)


def test_visibility_follows_the_role():
    hr = Principal(subject="s", roles=frozenset({Role.HR}), units=frozenset({"BKD"}), nip=NIP)
    seen = Visibility.of(hr)
    assert seen.allows(nip="1" * 18, unit_code="BKD")
    assert not seen.allows(nip="1" * 18, unit_code="DINKES")
    supervisor = Visibility.of(Principal(subject="s", roles=frozenset({Role.SUPERVISOR}), nip=NIP))
    assert supervisor.allows(nip="2" * 18, unit_code="X", supervisor_nip=NIP)
    assert not supervisor.allows(nip="2" * 18, unit_code="X", supervisor_nip="3" * 18)
    assert Visibility.of(Principal(subject="s", roles=frozenset({Role.SERVICE}))).everyone


def app_for(issuer: TestIssuer) -> FastAPI:
    app = FastAPI()
    app.state.token_verifier = verifier_for(issuer)
    app.state.settings = type("S", (), {"service_name": "personnel"})()
    install_auth_handlers(app)

    @app.get("/hr-only")
    async def hr_only(_: Annotated[Principal, Depends(allow(Role.HR, Role.SERVICE))]) -> dict:
        return {"ok": True}

    @app.post("/hr-write")
    async def hr_write(_: Annotated[Principal, Depends(allow(Role.HR, Role.SERVICE))]) -> dict:
        return {"ok": True}

    return app


async def call(app: FastAPI, method: str, path: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.request(method, path, headers=headers)


async def test_no_token_is_401_with_a_bearer_challenge_and_a_bad_one_says_why(issuer):
    app = app_for(issuer)
    missing = await call(app, "GET", "/hr-only", None)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == 'Bearer realm="jenjang"'
    expired = await call(app, "GET", "/hr-only", issuer.expired())
    assert expired.status_code == 401
    assert 'error="invalid_token"' in expired.headers["www-authenticate"]
    assert expired.headers["content-type"] == "application/problem+json"


async def test_a_valid_token_without_the_role_is_403(issuer):
    response = await call(app_for(issuer), "GET", "/hr-only", issuer.token("employee", nip=NIP))
    assert response.status_code == 403
    assert "hr" in response.json()["detail"]


async def test_an_internal_app_reads_but_writes_only_with_the_write_scope(issuer):
    app = app_for(issuer)
    assert (await call(app, "GET", "/hr-only", issuer.token("service"))).status_code == 200
    assert (await call(app, "POST", "/hr-write", issuer.token("service"))).status_code == 403
    granted = issuer.token("service", scopes=["personnel:write"])
    assert (await call(app, "POST", "/hr-write", granted)).status_code == 200


def test_an_app_with_an_operation_that_declares_no_policy_is_refused(issuer):
    app = app_for(issuer)
    check_every_route_has_a_policy(app, open_paths=("/docs", "/openapi", "/redoc"))
    router = APIRouter()

    @router.get("/forgotten")
    async def forgotten() -> dict:
        return {}

    app.include_router(router, prefix="/v1")  # included routers are looked into as well
    with pytest.raises(RuntimeError, match="/v1/forgotten"):
        check_every_route_has_a_policy(app, open_paths=("/docs", "/openapi", "/redoc"))


def test_the_policy_errors_are_the_ones_the_handlers_map():
    assert issubclass(Forbidden, Exception) and issubclass(Unauthenticated, Exception)
