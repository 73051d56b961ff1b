"""A local token issuer for tests: a generated key pair, its JWKS and OIDC discovery document
served on loopback, and tokens for every role, plus the broken ones a verifier must refuse."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

SERVICES = ("personnel", "training", "mentoring", "evaluation", "welfare")


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class TestIssuer:
    """Serves `/.well-known/openid-configuration` and `/jwks` at `url`; signs with RS256."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self) -> None:
        self.key = _new_key()
        self.kid = uuid.uuid4().hex[:12]
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/jwks"

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    body = {"issuer": issuer.url, "jwks_uri": issuer.jwks_url}
                elif self.path == "/jwks":
                    body = issuer.jwks()
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_: Any) -> None:  # quiet
                return

        return Handler

    def token(
        self,
        *roles: str,
        units: Iterable[str] = (),
        nip: str | None = None,
        scopes: Iterable[str] = (),
        subject: str | None = None,
        audience: str | tuple[str, ...] = SERVICES,
        issuer: str | None = None,
        expires_in: int = 900,
        key: rsa.RSAPrivateKey | None = None,
        kid: str | None = None,
    ) -> str:
        """An access token as Keycloak's `jenjang` realm issues them (`roles`, `units`, `nip`)."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": issuer or self.url,
            "aud": audience if isinstance(audience, str) else list(audience),
            "sub": subject or f"{'-'.join(roles) or 'nobody'}-{nip or uuid.uuid4().hex[:8]}",
            "iat": now,
            "exp": now + expires_in,
            "roles": list(roles),
            "scope": " ".join(scopes),
        }
        if units:
            claims["units"] = list(units)
        if nip:
            claims["nip"] = nip
        return jwt.encode(
            claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid}
        )

    def admin(self) -> str:
        return self.token("admin", subject="admin-bkd")

    def headers(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    # Tokens a verifier must refuse, each for one reason.
    def expired(self) -> str:
        return self.token("admin", expires_in=-3600)

    def for_other_audience(self) -> str:
        return self.token("admin", audience="somebody-else")

    def from_other_issuer(self) -> str:
        return self.token("admin", issuer="http://127.0.0.1:1/realms/impostor")

    def signed_by_a_stranger(self) -> str:
        return self.token("admin", key=_new_key())

    def unsigned(self) -> str:
        """`alg: none`: claims anyone could write."""
        header = _b64({"alg": "none", "typ": "JWT"})
        claims = _b64(jwt.decode(self.admin(), options={"verify_signature": False}))
        return f"{header}.{claims}."

    def tampered(self) -> str:
        """A real admin token whose payload was edited after signing."""
        header, _, signature = self.token("employee", nip="198609262015051001").split(".")
        claims = jwt.decode(self.admin(), options={"verify_signature": False})
        return f"{header}.{_b64(claims)}.{signature}"

    def broken(self) -> dict[str, str]:
        """Every refused kind, by name."""
        return {
            "expired": self.expired(),
            "wrong audience": self.for_other_audience(),
            "wrong issuer": self.from_other_issuer(),
            "unknown key": self.signed_by_a_stranger(),
            "alg none": self.unsigned(),
            "tampered signature": self.tampered(),
            "not a jwt": "not-a-token",
        }


def _b64(document: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()


@contextmanager
def running_issuer() -> Iterator[TestIssuer]:
    issuer = TestIssuer()
    try:
        yield issuer
    finally:
        issuer.close()
