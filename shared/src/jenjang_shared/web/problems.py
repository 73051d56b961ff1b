"""Errors as `application/problem+json` (RFC 9457): a clear detail and every failing field."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from jenjang_shared.errors import DomainError

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """A problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _field_of(location: tuple[Any, ...] | list[Any]) -> str:
    # ("body", "nip") -> "nip"; ("query", "year") -> "year"; keep nested paths readable.
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or ".".join(str(p) for p in location)


def install_problem_handlers(app: FastAPI) -> None:
    """Turn validation errors, domain errors, HTTP errors and crashes into problem+json."""

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field_of(err.get("loc", ())), "reason": err.get("msg", "invalid")}
            for err in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
        return problem(422, "Invalid input", detail, errors=errors)

    @app.exception_handler(DomainError)
    async def on_domain_error(_: Request, exc: DomainError) -> JSONResponse:
        extra: dict[str, Any] = {}
        if exc.field:
            extra["errors"] = [{"field": exc.field, "reason": exc.detail}]
        return problem(exc.status, exc.title, exc.detail, **extra)

    @app.exception_handler(asyncpg.DataError)
    async def on_unstorable_value(_: Request, exc: asyncpg.DataError) -> JSONResponse:
        # The database refused a value the request carried (a NUL character, a number out of
        # range...): the request's fault, and its transaction was rolled back.
        reason = str(exc).splitlines()[0][:300]
        return problem(422, "Invalid input", f"A value in the request cannot be stored: {reason}")

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, _title(exc.status_code), str(exc.detail))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "Internal error", "The server failed; the error has been logged.")


def _title(status: int) -> str:
    return {
        400: "Bad request",
        404: "Not found",
        405: "Method not allowed",
        409: "Conflict",
        413: "Payload too large",
        415: "Unsupported media type",
    }.get(status, "Error")
