"""The e-mails of accounts, rendered in the job worker from ids (passend.jobs.mail).

The queue holds only ids; subject, body and address come from the database when the mail is
sent. A mail whose subject is gone (or has no address) is not sent.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.jobs.mail import Mail, mail_renderer
from passend.regions.models import Team

from .. import tokens
from ..models import Membership, Uitnodiging, User


def _day(value: dt.date) -> str:
    return date_format(value, "d-m-Y")


def _to(user) -> list[str]:
    return [user.email] if user is not None and user.email else []


def _user(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()


@mail_renderer(label=gettext_lazy("E-mail: authenticator gekoppeld"))
def device_linked_mail(*, user_id: int) -> Mail | None:
    user = _user(user_id)
    if user is None:
        return None
    return Mail(
        _("Passend: er is een authenticator aan uw account gekoppeld"),
        _(
            "Aan uw Passend-account (%(username)s) is zojuist een authenticator-app gekoppeld. "
            "Was u dit niet? Neem dan meteen contact op met de beheerder van uw team."
        )
        % {"username": user.get_username()},
        _to(user),
    )


@mail_renderer(label=gettext_lazy("E-mail: tweede factor gereset"))
def second_factor_reset_mail(*, user_id: int, team_id: int) -> Mail | None:
    user, team = _user(user_id), Team.objects.filter(pk=team_id).first()
    if user is None or team is None:
        return None
    return Mail(
        _("Passend: uw tweede factor is gereset"),
        _(
            "De beheerder van %(team)s heeft de authenticator van uw Passend-account "
            "(%(username)s) verwijderd. Bij de volgende keer inloggen koppelt u een nieuwe. Was "
            "dit niet op uw verzoek? Neem dan meteen contact op met de beheerder."
        )
        % {"team": team.name, "username": user.get_username()},
        _to(user),
    )


def _membership(membership_id: int) -> Membership | None:
    return Membership.objects.select_related("user", "team").filter(pk=membership_id).first()


@mail_renderer(label=gettext_lazy("E-mail: rol in het team"))
def role_mail(*, membership_id: int) -> Mail | None:
    membership = _membership(membership_id)
    if membership is None:
        return None
    team = membership.team
    body = _("U heeft in Passend bij %(team)s de rol %(role)s gekregen, vanaf %(start)s.") % {
        "team": team.name,
        "role": membership.get_role_display(),
        "start": _day(membership.start),
    }
    if membership.end:
        body += " " + _("De rol loopt tot en met %(end)s.") % {"end": _day(membership.end)}
    return Mail(_("Passend: uw rol in %(team)s") % {"team": team.name}, body, _to(membership.user))


@mail_renderer(label=gettext_lazy("E-mail: rol beëindigd"))
def membership_ended_mail(*, membership_id: int) -> Mail | None:
    membership = _membership(membership_id)
    if membership is None or membership.end is None:
        return None
    team = membership.team
    return Mail(
        _("Passend: uw rol in %(team)s is beëindigd") % {"team": team.name},
        _("Uw rol %(role)s bij %(team)s in Passend is per %(end)s beëindigd.")
        % {"role": membership.get_role_display(), "team": team.name, "end": _day(membership.end)},
        _to(membership.user),
    )


@mail_renderer(label=gettext_lazy("E-mail: toegang tot het team beëindigd"))
def deactivated_mail(*, user_id: int, team_id: int) -> Mail | None:
    user, team = _user(user_id), Team.objects.filter(pk=team_id).first()
    if user is None or team is None:
        return None
    return Mail(
        _("Passend: uw toegang tot %(team)s is beëindigd") % {"team": team.name},
        _("Uw rollen bij %(team)s in Passend zijn per vandaag beëindigd.") % {"team": team.name},
        _to(user),
    )


def invitation_path(invitation: Uitnodiging) -> str:
    return reverse("accounts:invitation-accept", kwargs={"token": tokens.make_token(invitation)})


@mail_renderer(label=gettext_lazy("E-mail: uitnodiging"))
def invitation_mail(*, invitation_id: int, base_url: str = "") -> Mail | None:
    """The link is made when the mail is sent: it is valid for the invitation as it is then
    (a later resend makes a new one), and no token waits in the queue."""
    invitation = Uitnodiging.objects.select_related("user", "team").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None:
        return None
    user, team = invitation.user, invitation.team
    valid_until = timezone.localtime(invitation.expires_at)
    return Mail(
        _("Passend: uitnodiging voor %(team)s") % {"team": team.name},
        _(
            "Beste %(name)s,\n\nU bent uitgenodigd voor %(team)s in Passend. Uw gebruikersnaam "
            "is %(username)s. Kies via deze link een wachtwoord:\n\n%(link)s\n\nDe link werkt "
            "één keer, tot %(until)s. Werkt hij niet meer, vraag de beheerder van het team dan "
            "om een nieuwe uitnodiging."
        )
        % {
            "name": user.get_full_name() or user.get_username(),
            "team": team.name,
            "username": user.get_username(),
            "link": base_url + invitation_path(invitation),
            "until": date_format(valid_until, "d-m-Y H:i"),
        },
        _to(user),
    )
