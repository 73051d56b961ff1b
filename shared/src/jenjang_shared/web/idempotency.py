"""`Idempotency-Key` on writes (docs/architecture.md: "Writes that a client may retry accept an
Idempotency-Key header").

A write sent with the header is answered once, and the key lives in the write's own transaction:
the middleware opens a transaction, claims the key in it, runs the route (whose units of work
become savepoints of that transaction, see `request_transaction`), stores the answer in it and
commits, and only then sends the answer. So there are two outcomes only, whatever crashes when:

- nothing committed (a crash, a cancellation, a 5xx before the commit): neither the write nor the
  key exists, and a retry does the write;
- all committed (the write, the key and its answer): a retry gets that answer again, with
  `Idempotent-Replayed: true`, even when the process died before answering.

A retry while the first request is still in flight waits on the key's row lock for at most
`lease_s`, then gets 409 (retry later); the holder's transaction may sit idle at most `lease_s`
before PostgreSQL ends it, so a holder that vanished behind a half-open connection gives the key
up within the lease. The same key with a different request is a 422. Keys are pruned after the
de-duplication horizon by the relay's leader (jenjang_shared.messaging.relay). Requests without
the header are untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jenjang_shared.db.types import Connection
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.outbox import OutboxWriter
from jenjang_shared.messaging.tracing import current_correlation_id, current_traceparent
from jenjang_shared.web.auth import TokenVerifier, Unauthenticated

HEADER = b"idempotency-key"
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}
DEFAULT_LEASE_S = 30.0


@dataclass
class RequestTransaction:
    """The keyed write's transaction while its route runs.

    Only the request's own task works in it. A task the route starts (a background job such as
    a promotion sweep) inherits this through its context: its units of work wait until the
    request's transaction has ended, then take their own connection, so that they see what the
    request committed and never share its connection.
    """

    conn: Connection
    owner: asyncio.Task[Any] | None = field(default_factory=asyncio.current_task)
    finished: asyncio.Event = field(default_factory=asyncio.Event)

    def owned_here(self) -> bool:
        return not self.finished.is_set() and asyncio.current_task() is self.owner

    @asynccontextmanager
    async def unit_of_work(
        self,
        pooled: Callable[[], AbstractAsyncContextManager[UnitOfWork]],
        *,
        topic_prefix: str = "",
        **ids: Any,
    ) -> AsyncIterator[UnitOfWork]:
        """A savepoint of the request's transaction in its own task, else `pooled()` once the
        request's transaction has ended."""
        if self.owned_here():
            async with unit_of_work_in_request(self.conn, topic_prefix=topic_prefix, **ids) as uow:
                yield uow
            return
        await self.finished.wait()
        async with pooled() as uow:
            yield uow


request_transaction: ContextVar[RequestTransaction | None] = ContextVar(
    "request_transaction", default=None
)
"""The keyed write's transaction while its route runs (None otherwise)."""

_LEASE = """
SELECT set_config('lock_timeout', $1, true),
       set_config('idle_in_transaction_session_timeout', $1, true)
"""
_END_LEASE_WAIT = "SET LOCAL lock_timeout TO DEFAULT"
_CLAIM = """
INSERT INTO idempotency_keys (key, method, path, fingerprint) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING RETURNING true
"""
_FIND = "SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE key = $1 AND method = $2 AND path = $3"
_STORE = """
UPDATE idempotency_keys SET status = $4, content_type = $5, body = $6
WHERE key = $1 AND method = $2 AND path = $3
"""


def exempt_rules(exempt: tuple[str, ...], folders: set[str]) -> tuple[str, ...]:
    """An entry exempts its own path only (`/v1/claims`, not `/v1/claims/{id}/decision`),
    unless it is one of `folders` (the upload prefix `/v1/imports` exempts
    `/v1/imports/employees`), then written with its trailing `/`."""
    return tuple(e.rstrip("/") + "/" if e in folders else e for e in exempt)


def is_exempt(path: str, exempt: tuple[str, ...]) -> bool:
    """Exact matching: `/v1/claims` exempts that path only (not `/v1/claims/{id}/decision`);
    an entry ending in `/` exempts the folder under it."""
    return any(
        path.startswith(entry) if entry.endswith("/") else path in (entry, entry + "/")
        for entry in exempt
    )


class IdempotencyMiddleware:
    """Pure ASGI: buffers only requests that carry the header (bodies are size-limited already).
    Paths under `exempt` handle the header themselves."""

    def __init__(
        self, app: ASGIApp, *, exempt: tuple[str, ...] = (), lease_s: float = DEFAULT_LEASE_S
    ) -> None:
        self.app = app
        self.exempt = exempt
        self._rules: tuple[str, ...] | None = None  # known once the app's routes are
        self.lease_ms = f"{int(lease_s * 1000)}ms"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", ())) if scope["type"] == "http" else {}
        key = headers.get(HEADER, b"").decode(errors="replace").strip()[:200]
        path: str = scope.get("path", "")
        if not key or scope.get("method") not in _WRITES or is_exempt(path, self._exempt(scope)):
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
        answer: list[Message] = []
        async with pool.acquire() as conn:
            held = RequestTransaction(conn)
            transaction = conn.transaction()
            await transaction.start()
            try:
                await conn.execute(_LEASE, self.lease_ms)
                try:
                    claimed = await conn.fetchval(_CLAIM, *ident, fingerprint)
                except asyncpg.LockNotAvailableError:  # the first is still in flight
                    claimed, record = False, None
                else:
                    record = None if claimed else await conn.fetchrow(_FIND, *ident)
                if not claimed:
                    await transaction.rollback()
                    await _answer_from_record(record, fingerprint, send)
                    return
                await conn.execute(_END_LEASE_WAIT)  # the route's own locks wait as usual
                status, content_type = await self._run_route(held, scope, replay_receive, answer)
                if status >= 500:  # a failure is not an answer: nothing stays, they may retry
                    await transaction.rollback()
                else:
                    await conn.execute(_STORE, *ident, status, content_type, _body_of(answer))
                    await transaction.commit()
            except BaseException:
                with contextlib.suppress(Exception):  # the connection may be gone already
                    await transaction.rollback()
                raise
            finally:
                held.finished.set()  # jobs the route started may use the database now
        for message in answer:  # sent only now: an answer the client sees is committed
            await send(message)

    def _exempt(self, scope: Scope) -> tuple[str, ...]:
        if self._rules is None:
            # The app names its upload prefix to the body-limit middleware: a folder of routes.
            stack = getattr(scope.get("app"), "user_middleware", ())
            uploads = {getattr(m, "kwargs", {}).get("upload_prefix") for m in stack}
            self._rules = exempt_rules(self.exempt, {u for u in uploads if u})
        return self._rules

    async def _run_route(
        self, held: RequestTransaction, scope: Scope, receive: Receive, answer: list[Message]
    ) -> tuple[int, str | None]:
        status, content_type = 500, None

        async def capture(message: Message) -> None:
            nonlocal status, content_type
            if message["type"] == "http.response.start":
                status = int(message["status"])
                for name, value in message.get("headers", []):
                    if name.lower() == b"content-type":
                        content_type = value.decode()
            answer.append(message)

        token = request_transaction.set(held)
        try:
            await self.app(scope, receive, capture)
        finally:
            request_transaction.reset(token)
        return status, content_type


@asynccontextmanager
async def unit_of_work_in_request(
    conn: Connection,
    *,
    topic_prefix: str = "",
    correlation_id: str | None = None,
    causation_id: str | None = None,
    traceparent: str | None = None,
) -> AsyncIterator[UnitOfWork]:
    """A unit of work inside the keyed request's transaction: a savepoint, so that a route's
    failed unit of work (a domain error answered 4xx) leaves nothing behind but its answer."""
    async with conn.transaction():
        yield UnitOfWork(
            conn=conn,
            outbox=OutboxWriter(
                conn=conn,
                topic_prefix=topic_prefix,
                correlation_id=correlation_id or current_correlation_id.get(),
                causation_id=causation_id,
                traceparent=traceparent or current_traceparent.get(),
            ),
        )


def _body_of(answer: list[Message]) -> bytes:
    return b"".join(m.get("body", b"") for m in answer if m["type"] == "http.response.body")


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
    if record is None:  # still held by the first request after the lease: retry later
        await _problem(send, 409, "A request with this Idempotency-Key is in progress; retry.")
    elif record["fingerprint"] != fingerprint:
        await _problem(send, 422, "This Idempotency-Key was used for a different request.")
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
