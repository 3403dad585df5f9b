"""Reads of the privacy lifecycle: the DPIA gate of a team."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import DpiaToets


def dpia_of(team) -> DpiaToets:
    """The team's DPIA check; an unsaved one with the defaults when none is recorded yet."""
    try:
        return DpiaToets.objects.get(team=team)
    except DpiaToets.DoesNotExist:
        return DpiaToets(team=team)


def monitoring_allowed(team) -> bool:
    """Monitoring, signals and reports of the team are open: the DPIA is recorded as done
    and the covenant / privacy protocol is in place."""
    return dpia_of(team).monitoring_allowed


def dpia_reasons(toets: DpiaToets) -> list[str]:
    """Why the outcome is what it is, as sentences for the page and the API."""
    reasons = []
    if toets.systematic_monitoring and toets.sensitive_data:
        reasons.append(
            _("Stelselmatige monitoring van gevoelige gegevens vraagt altijd om een DPIA.")
        )
    n = toets.criteria_met
    reasons.append(
        ngettext(
            "%(n)s van de negen criteria is met ja beantwoord; bij twee of meer is een DPIA "
            "verplicht.",
            "%(n)s van de negen criteria zijn met ja beantwoord; bij twee of meer is een DPIA "
            "verplicht.",
            n,
        )
        % {"n": n}
    )
    return reasons
