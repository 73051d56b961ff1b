"""Run a service with uvicorn: JSON logs, graceful stop on SIGTERM."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from jenjang_shared.config import ServiceSettings
from jenjang_shared.logging import configure_logging


def serve(app: FastAPI, settings: ServiceSettings) -> None:
    """Serve until SIGTERM/SIGINT; uvicorn then runs the lifespan's shutdown."""
    configure_logging(settings.service_name, settings.log_level)
    uvicorn.run(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=15,
    )
