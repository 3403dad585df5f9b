"""Beheer of users and memberships by the beheerder of a team (MANAGE_TEAM), without the
Django admin: invite by e-mail (a one-time link to set a password), add, change and end
memberships, deactivate a member in the team. Every change is logged on the team (subject
"medewerker") and, where it concerns them, e-mailed to the user.

A team never loses its last beheerder through these services (StateConflict).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth import login, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from passend.audit.models import Action
from passend.audit.services import log_access
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.jobs.mail import queue_mail

from .. import tokens
from ..models import Membership, Uitnodiging, User
from ..permissions import has_capability
from ..roles import Cap, Role
from . import mails

SUBJECT = "medewerker"
MEMBERSHIP_FIELDS = ("role", "organisation", "expertise", "start", "end", "aggregate_whole_area")
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass
class InviteResult:
    user: User
    membership: Membership
    invitation: Uitnodiging | None  # None: an account that is already in use got the membership
    existing_account: bool


def _day(value: dt.date) -> str:
    return date_format(value, "d-m-Y")


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _check_manager(actor, team) -> None:
    if not has_capability(actor, Cap.MANAGE_TEAM, team):
        raise NotAllowed(
            _("Alleen de beheerder van het team beheert gebruikers en lidmaatschappen.")
        )


def _log(request, team, user, action: str, purpose: str) -> None:
    if request is not None:
        log_access(
            request,
            action=action,
            subject_type=SUBJECT,
            subject_ids=[user.pk],
            purpose=purpose,
            team=team,
        )


# --- validation of a membership ----------------------------------------------------------------


def _validate(team, values: dict) -> None:
    """Role, organisation and dates of a membership (new or changed) in `team`."""
    errors: dict[str, str] = {}
    role = values.get("role")
    if role not in Role.values:
        errors["role"] = _("Kies een rol.")
    organisation = values.get("organisation")
    if organisation is not None and not organisation.regions.filter(pk=team.region_id).exists():
        errors["organisation"] = _(
            "Deze organisatie is niet actief in de regio van het team. Kies een organisatie uit "
            "de lijst."
        )
    if role == Role.AANBIEDER and organisation is None:
        errors["organisation"] = _(
            "Kies de zorgaanbieder waarvoor deze medewerker de wachttijden bijhoudt."
        )
    start, end = values.get("start"), values.get("end")
    if start is None:
        errors["start"] = _("Vul de startdatum in.")
    elif end is not None and end < start:
        errors["end"] = _(
            "De einddatum ligt vóór de startdatum. Kies een einddatum op of na %(start)s."
        ) % {"start": _day(start)}
    if values.get("aggregate_whole_area") and role != Role.BELEIDSADVISEUR:
        errors["aggregate_whole_area"] = _(
            "Alleen een beleidsadviseur kan dit recht krijgen; de andere rollen zien de "
            "cijfers van het hele werkgebied al, of helemaal niet."
        )
    if len(values.get("expertise") or "") > 120:
        errors["expertise"] = _("Gebruik voor de expertise hoogstens 120 tekens.")
    if errors:
        raise InvalidInput(errors=errors)


# --- the team keeps a beheerder ----------------------------------------------------------------


def _uncovered(states, days) -> set[dt.date]:
    beheer = [s for s in states if s.role == Role.BEHEERDER and s.active]
    return {
        day
        for day in days
        if not any(s.start <= day and (s.end is None or s.end >= day) for s in beheer)
    }


def _check_keeps_beheerder(team, changed: list[Membership]) -> None:
    """Refuse a change that leaves the team without a beheerder on a day it had one: today
    or the day after any beheerder membership ends."""
    changed_ids = {m.pk for m in changed if m.pk}
    stored = list(Membership.objects.filter(team=team, role=Role.BEHEERDER))
    stored += list(Membership.objects.filter(pk__in=changed_ids).exclude(role=Role.BEHEERDER))
    before = stored
    after = [m for m in stored if m.pk not in changed_ids] + list(changed)
    today = timezone.localdate()
    days = {today} | {
        s.end + dt.timedelta(days=1) for s in (*before, *after) if s.end and s.end >= today
    }
    if _uncovered(after, days) - _uncovered(before, days):
        raise StateConflict(
            _(
                "Dit is de laatste beheerder van %(team)s. Geef eerst iemand anders de rol "
                "beheerder; anders kan niemand het team meer beheren."
            )
            % {"team": team.name}
        )


# --- memberships -------------------------------------------------------------------------------


def _same_role(user, team, role, exclude=None):
    qs = Membership.objects.filter(user=user, team=team, role=role)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.first()


def _create_membership(user, team, values: dict) -> Membership:
    """A new membership, or the ended one with the same role started again (one row per
    user, team and role; the access log keeps the history)."""
    _validate(team, values)
    existing = _same_role(user, team, values["role"])
    if existing is not None and existing.state() != "beeindigd":
        raise InvalidInput(
            errors={"role": _("%(name)s heeft deze rol al in dit team.") % {"name": _name(user)}}
        )
    membership = existing or Membership(user=user, team=team)
    for name in MEMBERSHIP_FIELDS:
        setattr(membership, name, values.get(name))
    membership.expertise = membership.expertise or ""
    membership.aggregate_whole_area = bool(membership.aggregate_whole_area)
    membership.active = True
    membership.save()
    return membership


def _role_mail(user, membership) -> None:
    """Tell the user about the role, by the worker after the transaction commits."""
    if user.email:
        queue_mail(mails.role_mail, team=membership.team, membership_id=membership.pk)


@transaction.atomic
def add_membership(
    user,
    *,
    team,
    actor,
    role: str,
    organisation=None,
    expertise: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    aggregate_whole_area: bool = False,
    request=None,
) -> Membership:
    """Give a member of the team another role (or the same role again after it ended).
    Someone outside the team is invited by e-mail instead (`invite`)."""
    _check_manager(actor, team)
    if not Membership.objects.filter(user=user, team=team).exists():
        raise NotAllowed(
            _("Alleen leden van het team krijgen hier een rol; nodig anderen uit per e-mail.")
        )
    values = {
        "role": role,
        "organisation": organisation,
        "expertise": expertise,
        "start": start or timezone.localdate(),
        "end": end,
        "aggregate_whole_area": aggregate_whole_area,
    }
    membership = _create_membership(user, team, values)
    _log(request, team, user, Action.CREATE, f"lidmaatschap toegevoegd: {role}")
    _role_mail(user, membership)
    return membership


@transaction.atomic
def update_membership(membership, *, actor, changes: dict, request=None) -> Membership:
    """Change role, organisation, expertise, start or end date of a membership, or the
    beleidsadviseur's grant to count the team's whole working area."""
    team = membership.team
    _check_manager(actor, team)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before_role, before_end = membership.role, membership.end
    changed = [name for name in MEMBERSHIP_FIELDS if name in changes]
    for name in changed:
        value = changes[name]
        if name == "expertise":
            value = value or ""
        elif name == "aggregate_whole_area":
            value = bool(value)
        setattr(membership, name, value)
    _validate(team, {name: getattr(membership, name) for name in MEMBERSHIP_FIELDS})
    if membership.role != before_role and _same_role(
        membership.user, team, membership.role, exclude=membership
    ):
        raise InvalidInput(
            errors={
                "role": _("%(name)s heeft deze rol al in dit team.")
                % {"name": _name(membership.user)}
            }
        )
    _check_keeps_beheerder(team, [membership])
    membership.save()
    _log(
        request,
        team,
        membership.user,
        Action.UPDATE,
        "lidmaatschap gewijzigd: " + ", ".join(changed),
    )
    if membership.role != before_role or membership.end != before_end:
        _role_mail(membership.user, membership)
    return membership


def _ended(membership, today) -> Membership:
    membership.active = False
    membership.end = max(today, membership.start)
    return membership


@transaction.atomic
def end_membership(membership, *, actor, request=None) -> Membership:
    """End a membership today: it no longer counts; the row stays as history."""
    team = membership.team
    _check_manager(actor, team)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.state() == "beeindigd":
        raise StateConflict(_("Dit lidmaatschap is al beëindigd."))
    _check_keeps_beheerder(team, [_ended(membership, timezone.localdate())])
    membership.save(update_fields=["active", "end"])
    purpose = f"lidmaatschap beëindigd: {membership.role}"
    _log(request, team, membership.user, Action.UPDATE, purpose)
    queue_mail(mails.membership_ended_mail, team=team, membership_id=membership.pk)
    return membership


@transaction.atomic
def deactivate_member(user, *, team, actor, request=None) -> int:
    """End every running or planned membership of `user` in `team` (not elsewhere).
    Returns how many were ended."""
    _check_manager(actor, team)
    today = timezone.localdate()
    running = [
        m
        for m in Membership.objects.select_for_update().filter(user=user, team=team)
        if m.state(today) != "beeindigd"
    ]
    if not running:
        raise StateConflict(
            _("%(name)s heeft geen lopend lidmaatschap in dit team.") % {"name": _name(user)}
        )
    ended = [_ended(m, today) for m in running]
    _check_keeps_beheerder(team, ended)
    for membership in ended:
        membership.save(update_fields=["active", "end"])
    _log(request, team, user, Action.UPDATE, "medewerker gedeactiveerd in het team")
    queue_mail(mails.deactivated_mail, team=team, user_id=user.pk, team_id=team.pk)
    return len(ended)


# --- invitations -------------------------------------------------------------------------------


def _username_from(email: str) -> str:
    base = re.sub(r"[^a-z0-9._-]", "", email.split("@", 1)[0].lower())[:140] or "gebruiker"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


def invitation_link(request, invitation: Uitnodiging) -> str:
    path = mails.invitation_path(invitation)
    return request.build_absolute_uri(path) if request is not None else path


def _send_invitation(invitation: Uitnodiging, request) -> None:
    """The worker renders the mail (and its link) after the transaction commits."""
    base_url = request.build_absolute_uri("/").rstrip("/") if request is not None else ""
    queue_mail(
        mails.invitation_mail,
        team=invitation.team,
        invitation_id=invitation.pk,
        base_url=base_url,
    )


def _dispatch(user, team, actor, request) -> Uitnodiging:
    now = timezone.now()
    invitation, created = Uitnodiging.objects.get_or_create(
        user=user, team=team, defaults={"invited_by": actor, "sent_at": now, "created_at": now}
    )
    if not created:
        invitation.sent_at = now
        invitation.times_sent += 1
        invitation.invited_by = actor
        invitation.accepted_at = None
        invitation.save(update_fields=["sent_at", "times_sent", "invited_by", "accepted_at"])
    _send_invitation(invitation, request)
    return invitation


def account_in_use(user) -> bool:
    return user.has_usable_password()


def has_running_membership(user, team) -> bool:
    """A membership in the team that counts now or starts later."""
    memberships = Membership.objects.filter(user=user, team=team)
    return any(m.state() != "beeindigd" for m in memberships)


@transaction.atomic
def invite(
    team,
    *,
    actor,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role: str,
    organisation=None,
    expertise: str = "",
    start: dt.date | None = None,
    username: str = "",
    request=None,
) -> InviteResult:
    """Invite someone by e-mail: a new account without a password, a membership, and an
    e-mail with a one-time link to set the password. An e-mail address that already has an
    account gets the membership on that account instead (`existing_account`)."""
    _check_manager(actor, team)
    email = (email or "").strip().lower()
    if not email:
        raise InvalidInput(errors={"email": _("Vul het e-mailadres in.")})
    values = {
        "role": role,
        "organisation": organisation,
        "expertise": expertise,
        "start": start or timezone.localdate(),
        "end": None,
    }
    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise InvalidInput(
            errors={
                "email": _(
                    "Er zijn meerdere accounts met dit e-mailadres. Vraag de functioneel beheerder "
                    "van Passend om dat op te lossen."
                )
            }
        )
    if accounts:
        user = accounts[0]
        membership = _create_membership(user, team, values)
        invitation = None if account_in_use(user) else _dispatch(user, team, actor, request)
        purpose = f"lidmaatschap toegevoegd (bestaand account): {role}"
        _log(request, team, user, Action.CREATE, purpose)
        if invitation is None:
            _role_mail(user, membership)
        return InviteResult(user, membership, invitation, existing_account=True)

    errors = {}
    if not (first_name or "").strip() and not (last_name or "").strip():
        errors["last_name"] = _("Vul de naam in.")
    username = (username or "").strip()
    if username:
        try:
            User.username_validator(username)
        except ValidationError:
            errors["username"] = _(
                "Gebruik voor de gebruikersnaam alleen letters, cijfers en @ . + - _"
            )
        if User.objects.filter(username__iexact=username).exists():
            errors["username"] = _("Deze gebruikersnaam is al in gebruik. Kies een andere.")
    try:
        _validate(team, values)
    except InvalidInput as invalid:
        errors.update({name: msgs[0] for name, msgs in invalid.errors.items()})
    if errors:
        raise InvalidInput(errors=errors)
    try:
        with transaction.atomic():
            user = User(
                username=username or _username_from(email),
                email=email,
                first_name=(first_name or "").strip()[:150],
                last_name=(last_name or "").strip()[:150],
            )
            user.set_unusable_password()
            user.save()
    except IntegrityError as taken:
        raise InvalidInput(
            errors={"username": _("Deze gebruikersnaam is al in gebruik. Kies een andere.")}
        ) from taken
    membership = _create_membership(user, team, values)
    invitation = _dispatch(user, team, actor, request)
    _log(request, team, user, Action.CREATE, f"gebruiker uitgenodigd: {role}")
    return InviteResult(user, membership, invitation, existing_account=False)


@transaction.atomic
def resend_invitation(user, *, team, actor, request=None) -> Uitnodiging:
    """Send the invitation again with a new link; the earlier link stops working."""
    _check_manager(actor, team)
    if not Membership.objects.filter(user=user, team=team).exists():
        raise NotAllowed(_("Alleen leden van het team krijgen hier een uitnodiging."))
    if account_in_use(user):
        raise StateConflict(
            _("%(name)s heeft al een wachtwoord ingesteld; een uitnodiging is niet meer nodig.")
            % {"name": _name(user)}
        )
    if not has_running_membership(user, team):
        raise StateConflict(
            _("%(name)s heeft geen lopend lidmaatschap in dit team.") % {"name": _name(user)}
        )
    invitation = _dispatch(user, team, actor, request)
    _log(request, team, user, Action.UPDATE, "uitnodiging opnieuw verstuurd")
    return invitation


def invitation_from_link(token: str) -> Uitnodiging:
    """The open invitation of a link; StateConflict (in Dutch) for an expired, used or
    replaced link, or one that never was."""
    invalid = StateConflict(
        _(
            "Deze link is niet (meer) geldig. Is de uitnodiging opnieuw verstuurd, gebruik dan "
            "de link uit de nieuwste e-mail, of vraag de beheerder van uw team om een nieuwe "
            "uitnodiging."
        )
    )
    try:
        invitation_id, fingerprint = tokens.read_token(token)
    except tokens.LinkExpired as expired:
        raise StateConflict(
            _(
                "Deze uitnodiging is verlopen. Vraag de beheerder van uw team om een nieuwe "
                "uitnodiging."
            )
        ) from expired
    except tokens.LinkInvalid as bad:
        raise invalid from bad
    invitation = Uitnodiging.objects.select_related("user", "team").filter(pk=invitation_id).first()
    if invitation is None or not invitation.user.is_active:
        raise invalid
    if invitation.accepted_at or account_in_use(invitation.user):
        raise StateConflict(
            _(
                "Deze uitnodiging is al gebruikt: u heeft al een wachtwoord ingesteld. Log in met "
                "uw gebruikersnaam en wachtwoord."
            )
        )
    if not tokens.matches(invitation, fingerprint):
        raise invalid
    if not has_running_membership(invitation.user, invitation.team):
        raise invalid
    return invitation


def _password_messages(error: ValidationError) -> list[str]:
    """Django's password validators, in our own Dutch words (the framework's Dutch catalogue
    lags behind its English messages)."""
    own = {
        "password_too_short": lambda e: (
            _("Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.")
            % {"min_length": (e.params or {}).get("min_length", 12)}
        ),
        "password_too_common": lambda e: _(
            "Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander."
        ),
        "password_entirely_numeric": lambda e: _(
            "Dit wachtwoord bestaat alleen uit cijfers. Gebruik ook letters of leestekens."
        ),
        "password_too_similar": lambda e: _(
            "Dit wachtwoord lijkt te veel op uw naam, gebruikersnaam of e-mailadres."
        ),
    }
    return [own[e.code](e) if e.code in own else " ".join(e.messages) for e in error.error_list]


@transaction.atomic
def accept_invitation(token: str, *, password: str, request) -> User:
    """Set the password of an invited account (Django's password validators) and log the
    user in. The link works only once."""
    invitation = invitation_from_link(token)
    user = invitation.user
    try:
        password_validation.validate_password(password, user)
    except ValidationError as weak:
        raise InvalidInput(errors={"password": _password_messages(weak)}) from weak
    user.set_password(password)
    user.save(update_fields=["password"])
    now = timezone.now()
    Uitnodiging.objects.filter(user=user, accepted_at=None).update(accepted_at=now)
    login(request, user, backend=LOGIN_BACKEND)
    purpose = "uitnodiging aanvaard, wachtwoord ingesteld"
    _log(request, invitation.team, user, Action.UPDATE, purpose)
    return user
