"""Every API error as RFC 9457 application/problem+json: type, title, status, detail."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from passend.core.refusals import InvalidInput, Refusal, as_refusal

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    413: "Te groot",
    415: "Mediatype niet ondersteund",
    429: "Te veel verzoeken",
    500: "Interne fout",
}


def problem(status_code: int, detail: str, *, title: str | None = None, **extra) -> dict:
    body = {
        "type": "about:blank",
        "title": title or TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    body.update(extra)
    return body


def to_camel(name: str) -> str:
    """snake_case -> lowerCamelCase, the same rule the JSON renderer applies."""
    return camelize_re.sub(underscore_to_camel, name) if name else name


def _flatten(errors, prefix: str = "") -> list[dict]:
    """DRF validation errors -> [{"name": "fieldName", "code": ..., "reason": ...}]."""
    params: list[dict] = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = "" if key == "non_field_errors" else to_camel(str(key))
            params += _flatten(value, f"{prefix}.{name}" if prefix and name else prefix or name)
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            if isinstance(value, dict | list):
                params += _flatten(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                params += _flatten(value, prefix)
    else:
        params.append(
            {
                "name": prefix or "nonFieldErrors",
                "code": getattr(errors, "code", "invalid"),
                "reason": str(errors),
            }
        )
    return params


def refusal_problem(refusal: Refusal, field_names: dict[str, str] | None = None) -> dict:
    """The one API form of a service refusal: 400 with invalidParams, 403 or 409."""
    if isinstance(refusal, InvalidInput) or refusal.errors:
        names = field_names or {}
        params = [
            {
                "name": to_camel(names.get(name, name)) if name else "nonFieldErrors",
                "code": "invalid",
                "reason": message,
            }
            for name, messages in refusal.errors.items()
            for message in messages
        ] or [{"name": "nonFieldErrors", "code": "invalid", "reason": refusal.message}]
        return problem(400, refusal.message, invalidParams=params)
    return problem(refusal.status, refusal.message)


def _log_refusal(context, status_code: int) -> None:
    """A refused personal-data request (403) leaves one denied entry, like a 404 does."""
    view = context.get("view")
    if status_code == 403 and getattr(view, "personal_data", False):
        logger = getattr(view, "log_refusal", None)
        if logger is not None:
            logger(context["request"])


def exception_handler(exc, context):
    if isinstance(exc, Refusal | DjangoValidationError):
        view = context.get("view")
        body = refusal_problem(as_refusal(exc), getattr(view, "api_field_names", None))
        _log_refusal(context, body["status"])
        return Response(body, status=body["status"], content_type=PROBLEM_CONTENT_TYPE)
    if isinstance(exc, RequestDataTooBig):
        body = problem(413, _("Het verzoek is te groot."))
        return Response(body, status=413, content_type=PROBLEM_CONTENT_TYPE)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    status_code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            status.HTTP_400_BAD_REQUEST,
            _("De invoer is niet geldig. Zie invalidParams voor wat er per veld mis is."),
            invalidParams=_flatten(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(detail, dict | list):
            detail = " ".join(str(p["reason"]) for p in _flatten(detail))
        body = problem(status_code, str(detail))
    _log_refusal(context, status_code)
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After")}
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def problem_response(status_code: int, detail: str, **extra) -> JsonResponse:
    """For plain Django views under /api/ (404/500 handlers, lockout)."""
    response = JsonResponse(problem(status_code, detail, **extra), status=status_code)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response
