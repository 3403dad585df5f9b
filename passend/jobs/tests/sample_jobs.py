"""Jobs for the tests of the queue (module level, as django-tasks requires)."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.base import BaseEmailBackend

from passend.jobs.queue import job

CALLS: list[str] = []


@job(label="Testtaak: lukt na twee fouten", max_attempts=5)
def flaky(*, fail_times: int, marker: str) -> str:
    CALLS.append(marker)
    if len(CALLS) <= fail_times:
        raise ConnectionRefusedError(f"mail server down for {marker}")
    return "done"


@job(label="Testtaak: lukt nooit", max_attempts=3)
def hopeless(*, marker: str) -> None:
    CALLS.append(marker)
    raise ConnectionRefusedError(f"mail server down for {marker}")


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses every recipient (its error names the address)."""

    def send_messages(self, messages):
        raise SMTPRecipientsRefused({m.to[0]: (550, b"no such user") for m in messages})
