"""`/health/live`, `/health/ready` and `/metrics` (Prometheus) for every service.

Live means the process serves HTTP (its event loop is not wedged). Ready means it can take
requests: its database answers and its migrations are applied. Kafka, the relay and the consumer
are in the ready body and in `/metrics`, never in the status code: the outbox keeps writes while
Kafka is away, so a broker outage must not take every pod out of its Service.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from jenjang_shared.access import Role
from jenjang_shared.metrics import CONTENT_TYPE, ServiceMetrics
from jenjang_shared.runtime import ServiceRuntime
from jenjang_shared.web.auth import allow

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    """The process is up and serving HTTP."""
    return {"status": "live"}


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    """200 when the database answers and migrations are applied (503 otherwise); the body has
    every check, Kafka, relay and consumer included."""
    runtime: ServiceRuntime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        return JSONResponse({"status": "starting"}, status_code=503)
    is_ready, checks = await runtime.readiness()
    metrics: ServiceMetrics | None = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.record_readiness(is_ready)
    body = {"status": "ready" if is_ready else "not_ready", "checks": checks}
    return JSONResponse(body, status_code=200 if is_ready else 503)


def metrics_router(*, public: bool) -> APIRouter:
    """`/metrics`, open or for admin and service tokens (`<SERVICE>_AUTH_PUBLIC_METRICS`)."""
    metrics_routes = APIRouter(tags=["health"])
    guard = [] if public else [Depends(allow(Role.ADMIN, Role.SERVICE))]
    metrics_routes.add_api_route(
        "/metrics", metrics, methods=["GET"], response_class=Response, dependencies=guard
    )
    return metrics_routes


async def metrics(request: Request) -> Response:
    """Every metric of this instance in the Prometheus text format (no query per scrape)."""
    registry: ServiceMetrics | None = getattr(request.app.state, "metrics", None)
    body = registry.render() if registry is not None else b""
    return Response(body, media_type=CONTENT_TYPE)
