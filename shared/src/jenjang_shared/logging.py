"""JSON logs on stdout, one object per line, for every logger including uvicorn's."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

from jenjang_shared.privacy import RedactingFilter


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send every log record to stdout as JSON, tagged with the service name."""
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RedactingFilter())  # no NIP, no input values: see privacy.py
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            static_fields={"service": service},
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # aiokafka is chatty at INFO about every (re)connection; its warnings still come through.
    logging.getLogger("aiokafka").setLevel(max(logging.WARNING, root.level))
