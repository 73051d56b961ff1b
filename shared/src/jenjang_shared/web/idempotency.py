"""`Idempotency-Key` on writes (docs/architecture.md: "Writes that a client may retry accept an
Idempotency-Key header").

A write sent with the header is answered once: its response is stored, and a retry with the same
key and the same request gets that response again (with `Idempotent-Replayed: true`) without
doing the write twice. The same key with a different request is a 422; a retry while the first
is still being handled is a 409. A 5xx is not stored, so the client may retry it. Requests
without the header are untouched.
"""

from __future__ import annotations

import hashlib
import json

import asyncpg
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jenjang_shared.web.auth import TokenVerifier, Unauthenticated

HEADER = b"idempotency-key"
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}

_CLAIM = """
INSERT INTO idempotency_keys (key, method, path, fingerprint) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING RETURNING true
"""
_FIND = "SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE key = $1 AND method = $2 AND path = $3"
_STORE = """
UPDATE idempotency_keys SET status = $4, content_type = $5, body = $6
WHERE key = $1 AND method = $2 AND path = $3
"""
_FORGET = "DELETE FROM idempotency_keys WHERE key = $1 AND method = $2 AND path = $3"


class IdempotencyMiddleware:
    """Pure ASGI: buffers only requests that carry the header (bodies are size-limited already).
    Paths under `exempt` handle the header themselves."""

    def __init__(self, app: ASGIApp, *, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", ())) if scope["type"] == "http" else {}
        key = headers.get(HEADER, b"").decode(errors="replace").strip()[:200]
        path: str = scope.get("path", "")
        if not key or scope.get("method") not in _WRITES or path.startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        caller = await _verified_subject(scope, headers)
        if caller is None:  # no trustworthy token: the route answers 401, nothing is kept
            await self.app(scope, receive, send)
            return
        pool: asyncpg.Pool = scope["app"].state.runtime.pool
        body, replay_receive = await _read_body(receive)
        method = str(scope["method"])
        # The caller is part of the request: a key replays only to the subject who first sent it.
        fingerprint = hashlib.sha256(
            b"\n".join(
                [caller, method.encode(), path.encode(), scope.get("query_string", b""), body]
            )
        ).hexdigest()
        ident = (key, method, path)
        if not await pool.fetchval(_CLAIM, *ident, fingerprint):
            await _answer_from_record(await pool.fetchrow(_FIND, *ident), fingerprint, send)
            return

        status, content_type, chunks = 500, None, []

        async def capture(message: Message) -> None:
            nonlocal status, content_type
            if message["type"] == "http.response.start":
                status = int(message["status"])
                for name, value in message.get("headers", []):
                    if name.lower() == b"content-type":
                        content_type = value.decode()
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_receive, capture)
        except BaseException:
            await pool.execute(_FORGET, *ident)
            raise
        if status >= 500:
            await pool.execute(_FORGET, *ident)  # a failure is not an answer: let them retry
        else:
            await pool.execute(_STORE, *ident, status, content_type, b"".join(chunks))


async def _verified_subject(scope: Scope, headers: dict[bytes, bytes]) -> bytes | None:
    """The verified token subject of the request (b"" where the app checks no tokens)."""
    verifier: TokenVerifier | None = getattr(scope["app"].state, "token_verifier", None)
    if verifier is None:
        return b""
    scheme, _, token = headers.get(b"authorization", b"").decode(errors="replace").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        principal = await verifier.verify(token.strip())
    except Unauthenticated:
        return None
    return principal.subject.encode()


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: disconnects and the like

    return body, replay


async def _answer_from_record(record: asyncpg.Record | None, fingerprint: str, send: Send) -> None:
    if record is None:  # claimed and forgotten in between: treat as in progress
        await _problem(send, 409, "A request with this Idempotency-Key is in progress; retry.")
    elif record["fingerprint"] != fingerprint:
        await _problem(send, 422, "This Idempotency-Key was used for a different request.")
    elif record["status"] is None:
        await _problem(send, 409, "A request with this Idempotency-Key is in progress; retry.")
    else:
        headers = [(b"idempotent-replayed", b"true")]
        if record["content_type"]:
            headers.append((b"content-type", record["content_type"].encode()))
        body = bytes(record["body"] or b"")
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": record["status"], "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _problem(send: Send, status: int, detail: str) -> None:
    title = {409: "Conflict", 422: "Invalid input"}[status]
    body = json.dumps(
        {"type": "about:blank", "title": title, "status": status, "detail": detail}
    ).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
