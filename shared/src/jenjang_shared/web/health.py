"""`/health/live`, `/health/ready` and `/metrics` (Prometheus text) for every service."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from jenjang_shared.access import Role
from jenjang_shared.runtime import ServiceRuntime
from jenjang_shared.web.auth import allow

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    """The process is up and serving HTTP."""
    return {"status": "live"}


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    """Ready to serve: database and Kafka reachable, consumer running (503 otherwise)."""
    runtime: ServiceRuntime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        return JSONResponse({"status": "starting"}, status_code=503)
    is_ready, checks = await runtime.readiness()
    body = {"status": "ready" if is_ready else "not_ready", "checks": checks}
    return JSONResponse(body, status_code=200 if is_ready else 503)


def metrics_router(*, public: bool) -> APIRouter:
    """`/metrics`, open or for admin and service tokens (`<SERVICE>_AUTH_PUBLIC_METRICS`)."""
    metrics_routes = APIRouter(tags=["health"])
    guard = [] if public else [Depends(allow(Role.ADMIN, Role.SERVICE))]
    metrics_routes.add_api_route(
        "/metrics", metrics, methods=["GET"], response_class=PlainTextResponse, dependencies=guard
    )
    return metrics_routes


async def metrics(request: Request) -> str:
    """Outbox backlog and consumer counters in the Prometheus text format."""
    runtime: ServiceRuntime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        return ""
    _, checks = await runtime.readiness()
    service = runtime.settings.service_name
    lines = []
    outbox = checks.get("outbox")
    if outbox:
        lines.append(f'jenjang_outbox_pending{{service="{service}"}} {outbox["pending"]}')
        lines.append(
            f'jenjang_outbox_oldest_age_seconds{{service="{service}"}} {outbox["oldest_age_s"]}'
        )
    consumer = checks.get("consumer") or {}
    for name in ("applied", "duplicates", "unknown_type", "dead_lettered", "retries"):
        if name in consumer:
            lines.append(f'jenjang_consumer_{name}_total{{service="{service}"}} {consumer[name]}')
    return "\n".join(lines) + "\n"
