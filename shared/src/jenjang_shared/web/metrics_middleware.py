"""Times every HTTP request into `jenjang_http_request_duration_seconds` by route and status.

The route label is the matched route's template (`/v1/employees/{nip}`), never the raw path:
one series per endpoint, not one per employee. Requests no route matched (a 404, an
Idempotency-Key replay answered before routing) count under `unmatched`.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jenjang_shared.metrics import ServiceMetrics

UNMATCHED = "unmatched"


class HttpMetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics
        self._templates: dict[int, str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if the app raises before answering, the server answers 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            self.metrics.observe_http(
                str(scope["method"]), self._template(scope), status, time.perf_counter() - started
            )

    def _template(self, scope: Scope) -> str:
        # The router writes the matched route into this same scope dict; an included router's
        # route knows only its own part of the path, so look its full template up.
        route = scope.get("route")
        if route is None:
            return UNMATCHED
        if self._templates is None:
            self._templates = _full_templates(scope["app"])
        return self._templates.get(id(route)) or getattr(route, "path", None) or UNMATCHED


def _full_templates(app: Any) -> dict[int, str]:
    """Route object -> its full path template, through included routers (FastAPI >= 0.16x keeps
    an included router as one entry whose routes are its "effective route contexts")."""
    found: dict[int, str] = {}
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        for entry in list(contexts()) if callable(contexts) else [route]:
            original = getattr(entry, "original_route", entry)
            path = getattr(entry, "path", None)
            if isinstance(path, str):
                found.setdefault(id(original), path)
    return found
