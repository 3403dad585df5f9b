"""E-mail through the job queue, rendered in the worker.

    @mail_renderer(label=_("E-mail: uitnodiging"))
    def invitation_mail(*, invitation_id: int, base_url: str) -> Mail | None: ...

    queue_mail(invitation_mail, team=team, invitation_id=invitation.pk, base_url=...)

The queue holds the renderer's path, the language and ids; the worker renders subject, body
and recipients from the database when it sends, so no address or name waits in the queue.
A renderer returns None when there is nothing (left) to send. A refused or unreachable mail
server fails the attempt, which is retried with backoff (passend.jobs.queue).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.mail import send_mail
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .queue import enqueue, job, register_kind

_RENDERERS: set[str] = set()


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str
    recipients: list[str]
    from_email: str | None = None


def _path(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def mail_renderer(*, label):
    """Register a function (keyword arguments: ids and other JSON values) that renders a
    `Mail` in the worker. `label` names the mail for the beheerder."""

    def wrap(func):
        path = _path(func)
        _RENDERERS.add(path)
        register_kind(path, label=label)
        return func

    return wrap


def queue_mail(renderer, *, team=None, **kwargs) -> None:
    """Send the mail `renderer` makes of `kwargs`, after the transaction commits, in the
    language of the current request."""
    path = _path(renderer)
    if path not in _RENDERERS:
        raise ValueError(f"{path} is not a mail renderer")
    enqueue(
        deliver_mail,
        team=team,
        kind=path,
        renderer=path,
        language=translation.get_language(),
        **kwargs,
    )


@job(label=_("E-mail"))
def deliver_mail(*, renderer: str, language: str | None, **kwargs) -> bool:
    """Render and send one mail; False when the renderer had nothing to send."""
    func = import_string(renderer)
    if renderer not in _RENDERERS:
        raise ValueError(f"{renderer} is not a mail renderer")
    with translation.override(language):
        mail = func(**kwargs)
    if mail is None or not mail.recipients:
        return False
    send_mail(mail.subject, mail.body, mail.from_email, mail.recipients, fail_silently=False)
    return True
