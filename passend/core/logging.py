"""Structured logs (structlog over the standard library) and the request line.

Every log line, from structlog or from a standard-library logger (django, axes, gunicorn
through Django), goes through one formatter: JSON lines on stderr in production and the demo,
readable console lines in development. The request middleware binds a request id (an
incoming ``X-Request-ID`` when it is sane, else a new one; returned as a response header) and
writes one line per request: method, path WITHOUT the query string (a query may carry a name:
``/casussen/?naam=...``), status, duration and the user's id — never a username, e-mail
address or name. Nothing here logs form data, headers or the query string.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid

import structlog

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy or client may hand us as a request id: ids, not text (no spaces, no '@').
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

request_log = structlog.get_logger("passend.request")


def _shared_processors() -> list:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def formatter(*, json: bool) -> structlog.stdlib.ProcessorFormatter:
    """The one formatter of every handler (also used by the no-personal-data test)."""
    renderer = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    finishing = [structlog.processors.format_exc_info] if json else []
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            *finishing,
            renderer,
        ],
    )


def json_formatter() -> structlog.stdlib.ProcessorFormatter:
    return formatter(json=True)


def console_formatter() -> structlog.stdlib.ProcessorFormatter:
    return formatter(json=False)


class StripQueryString(logging.Filter):
    """runserver's request line ("GET /casussen/?naam=... HTTP/1.1") without the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple) and isinstance(record.args[0], str):
            line = re.sub(r"\?\S*", "", record.args[0], count=1)
            record.args = (line, *record.args[1:])
        return True


def logging_config(*, json: bool) -> dict:
    """The LOGGING setting; also configures structlog to hand its events to these handlers."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_shared_processors(),
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    level = os.environ.get("PASSEND_LOG_LEVEL", "INFO").upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "passend": {"()": json_formatter if json else console_formatter},
        },
        "filters": {"strip_query": {"()": StripQueryString}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "passend",
            },
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            # Django's own defaults (mail_admins, a second console handler) are replaced: every
            # line goes through the root handler above.
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.server": {"filters": ["strip_query"], "level": "INFO", "propagate": True},
            # Never below INFO, whatever the level of "django": at DEBUG these write the whole
            # template context (the request with its query, the user's name) and SQL with its
            # parameters.
            "django.template": {"handlers": [], "level": "INFO", "propagate": True},
            "django.db.backends": {"handlers": [], "level": "INFO", "propagate": True},
            "passend": {"handlers": [], "level": level, "propagate": True},
            # gunicorn's error log when Django configures it (passend/gunicorn_conf.py).
            "gunicorn.error": {"handlers": [], "level": "INFO", "propagate": True},
        },
    }


def _request_id(request) -> str:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)
    if user is None:
        return None
    try:
        return user.pk if user.is_authenticated else None
    except Exception:  # the session store (database) failed: the line is still written
        return None


class RequestLogMiddleware:
    """First in the chain: a request id for every line of the request, one line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _request_id(request)
        request.request_id = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response[REQUEST_ID_HEADER] = request_id
            return response
        finally:
            request_log.info(
                "request",
                method=request.method,
                path=request.path,
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                user_id=_user_id(request),
            )
            # The id stays bound until the next request: Django logs a 4xx/5xx response
            # ("Not Found: /path", django.request) after the last middleware, with this id.
