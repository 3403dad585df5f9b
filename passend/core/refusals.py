"""The one exception family for a service that says no, and its one mapping to the HTML side.

Every service raises one of these (never a module's own exception type):

- ``InvalidInput``: the input does not satisfy a rule; ``errors`` maps the service's field names
  (its keyword arguments, snake_case) to Dutch messages. API: 400 with ``invalidParams``.
- ``NotAllowed``: the actor lacks the right for this action. API: 403.
- ``StateConflict``: the action does not fit the current state (the case, the meeting, the
  advice, the consent). API: 409.

The API side maps them once, in ``passend.core.api.problems.exception_handler``. The HTML side
maps them once, here: ``add_to_form`` puts a refusal on a bound form (on its fields where it names
them, else on top), so the page re-renders with everything the user entered; ``add_message``
turns it into a message for pages that redirect (a button without a form).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.core.exceptions import ValidationError


class Refusal(Exception):
    """A service refused. ``str(refusal)`` is the Dutch explanation shown to the user."""

    status = 409

    def __init__(self, message: str = "", *, errors: Mapping[str, object] | None = None):
        self.errors: dict[str, list[str]] = {
            str(name): [str(m) for m in value] if isinstance(value, list | tuple) else [str(value)]
            for name, value in (errors or {}).items()
        }
        if not message:
            message = " ".join(m for msgs in self.errors.values() for m in msgs)
        super().__init__(message)
        self.message = message


class InvalidInput(Refusal):
    """The input breaks a rule; ``errors`` says which field and why."""

    status = 400

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> InvalidInput:
        """A Django ValidationError (``full_clean``, validators) as an InvalidInput."""
        if hasattr(error, "error_dict"):
            errors = {
                ("" if name == "__all__" else name): msgs
                for name, msgs in error.message_dict.items()
            }
            general = errors.pop("", [])
            refusal = cls(" ".join(general), errors=errors)
            if general and errors:
                refusal.errors[""] = general
            return refusal
        return cls(" ".join(error.messages))


class NotAllowed(Refusal):
    """The actor lacks the right for this action."""

    status = 403


class StateConflict(Refusal):
    """The action does not fit the current state."""

    status = 409


def as_refusal(error: Exception) -> Refusal:
    """A refusal as it is, or a Django ValidationError (from a model rule) as InvalidInput."""
    if isinstance(error, Refusal):
        return error
    if isinstance(error, ValidationError):
        return InvalidInput.from_validation_error(error)
    raise TypeError(f"not a refusal: {error!r}")


def add_to_form(form, error: Refusal | ValidationError, *, field_names=None) -> None:
    """Put a refusal on a bound form: on the fields it names (``field_names`` maps a service's
    field name to the form's where they differ), the rest and the explanation on top."""
    refusal = as_refusal(error)
    names = {**getattr(form, "refusal_field_names", {}), **(field_names or {})}
    placed = False
    for name, messages_ in refusal.errors.items():
        field = names.get(name, name)
        for message in messages_:
            if field in form.fields:
                form.add_error(field, message)
                placed = True
            else:
                form.add_error(None, message)
                placed = True
    if not placed:
        form.add_error(None, refusal.message)


def add_message(request, error: Refusal | ValidationError) -> None:
    """A refusal as an error message on the next page (for buttons that redirect)."""
    messages.error(request, as_refusal(error).message)


class RefusalFormMixin:
    """For FormViews whose ``form_valid`` calls a service: a refusal lands on the form and the
    page is shown again with what was entered. It wraps ``post`` rather than ``form_valid``, so
    a view's own ``form_valid`` is covered too."""

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            return self.form_valid(form)
        except (Refusal, ValidationError) as refusal:
            add_to_form(form, refusal)
            return self.form_invalid(form)
