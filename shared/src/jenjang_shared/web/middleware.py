"""Request ids and body limits, as pure ASGI middleware (no buffering of responses)."""

from __future__ import annotations

import json
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jenjang_shared.messaging.tracing import (
    child_traceparent,
    current_correlation_id,
    current_traceparent,
)

REQUEST_ID_HEADER = "x-request-id"


class RequestContextMiddleware:
    """Takes the caller's `X-Request-ID` (or makes one) as the correlation id of every event the
    request causes, continues the caller's W3C trace, and echoes the id on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw_id = headers.get(REQUEST_ID_HEADER.encode(), b"").decode(errors="replace")[:200]
        request_id = raw_id or str(uuid.uuid4())
        traceparent = child_traceparent(headers.get(b"traceparent", b"").decode(errors="replace"))
        id_token = current_correlation_id.set(request_id)
        trace_token = current_traceparent.set(traceparent)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"].append((REQUEST_ID_HEADER.encode(), request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current_correlation_id.reset(id_token)
            current_traceparent.reset(trace_token)


class BodySizeLimitMiddleware:
    """Refuses bodies over the limit with 413 before the route reads them. Upload paths (CSV
    imports) get their own, larger limit."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        upload_max_bytes: int,
        upload_prefix: str | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = upload_max_bytes
        self.upload_prefix = upload_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        uploading = self.upload_prefix is not None and path.startswith(self.upload_prefix)
        limit = self.upload_max_bytes if uploading else self.max_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _BodyTooLarge:
            await _too_large(send, limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Payload too large",
            "status": 413,
            "detail": f"The request body is larger than {limit} bytes.",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
