"""Background jobs of the social map: the daily reminders (passend.jobs).

`remind_waiting_times` (cron/systemd) enqueues `remind_team` per team; the worker records
the reminders and queues one mail per organisation, rendered when it is sent."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passend.jobs.mail import Mail, mail_renderer
from passend.jobs.queue import job
from passend.regions.models import Team

from .models import Herinnering
from .selectors import reminder_recipients, stale_items


@job(label=_("Herinneringen wachttijden"))
def remind_team(*, team_id: int) -> int:
    """The daily reminders of one team; returns how many were sent."""
    from . import services

    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        return 0
    return sum(what == services.SENT for _org, what in services.send_due_reminders(team))


@mail_renderer(label=_("E-mail: herinnering wachttijden"))
def reminder_mail(*, reminder_id: int) -> Mail | None:
    """The reminder's mail, with the waiting times still outdated when it is sent."""
    from .services import _reminder_text

    reminder = (
        Herinnering.objects.select_related("organisation", "team").filter(pk=reminder_id).first()
    )
    if reminder is None:
        return None
    organisation, team = reminder.organisation, reminder.team
    items = stale_items(team, today=reminder.sent_on, organisation=organisation)
    if not items:
        return None
    return Mail(
        str(_("Sociale kaart: wilt u uw wachttijden bevestigen?")),
        _reminder_text(organisation, team, items),
        reminder_recipients(organisation),
        team.email or None,
    )
