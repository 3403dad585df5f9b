"""Writes and state changes for accounts: second factor enrolment, verification and reset.

A new authenticator can only be linked by a user who has none yet (first login, or after a
beheerder reset it), or in a session already verified with the existing one: a password alone
never yields a second factor. Linking and resetting are logged and e-mailed to the user.
"""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.audit.models import Action
from passend.audit.services import log_access
from passend.core.refusals import NotAllowed
from passend.jobs.mail import queue_mail

from ..permissions import has_capability, is_team_member
from ..roles import Cap
from . import mails

SECOND_FACTOR = "tweede factor"


def second_factor_required(user) -> bool:
    if settings.PASSEND_2FA_EXEMPT_DEMO_USERS and getattr(user, "is_demo", False):
        return False
    return user.needs_second_factor()


def has_confirmed_device(user) -> bool:
    return user.totpdevice_set.filter(confirmed=True).exists()


def may_enrol(user) -> bool:
    """A new authenticator: only without a confirmed one, or in a session verified with it."""
    verified = getattr(user, "is_verified", None)  # set on request.user by django-otp
    return bool(verified and verified()) or not has_confirmed_device(user)


def _check_enrol(user) -> None:
    if not may_enrol(user):
        raise NotAllowed(
            _(
                "Aan uw account is al een authenticator gekoppeld. Log in met de code uit die "
                "app; bent u de telefoon kwijt, vraag dan de beheerder van uw team de tweede "
                "factor te resetten."
            )
        )


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call). Refused
    (NotAllowed) when the user already has a confirmed one and the session is not verified."""
    _check_enrol(user)
    device = user.totpdevice_set.filter(confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def device_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode().rstrip("=")


def device_qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@transaction.atomic
def confirm_device(device: TOTPDevice, *, token: str, request) -> bool:
    """Link the pending authenticator with one code from it; it replaces any earlier one.
    Logged and e-mailed to the user."""
    user = request.user
    _check_enrol(user)
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user.totpdevice_set.exclude(pk=device.pk).delete()
    otp_login(request, device)
    log_access(
        request,
        action=Action.CREATE,
        subject_type=SECOND_FACTOR,
        subject_ids=[user.pk],
        purpose="authenticator gekoppeld",
    )
    if user.email:  # rendered and sent by the worker after the transaction commits
        queue_mail(mails.device_linked_mail, user_id=user.pk)
    return True


@transaction.atomic
def second_factor_reset(user, *, actor, team, request=None) -> int:
    """A beheerder (MANAGE_TEAM) of a team the user is a member of removes the user's
    authenticators (a lost phone); the user links a new one at the next login. Returns how
    many were removed. Logged on the team and e-mailed to the user."""
    if not has_capability(actor, Cap.MANAGE_TEAM, team) or not is_team_member(user, team):
        raise NotAllowed(_("Alleen de beheerder van het team reset de tweede factor van een lid."))
    removed, _detail = user.totpdevice_set.all().delete()
    if request is not None:
        log_access(
            request,
            action=Action.DELETE,
            subject_type=SECOND_FACTOR,
            subject_ids=[user.pk],
            purpose="tweede factor gereset door beheerder",
            team=team,
        )
    if user.email:
        queue_mail(mails.second_factor_reset_mail, team=team, user_id=user.pk, team_id=team.pk)
    return removed


def verify_second_factor(request, token: str) -> bool:
    device = match_token(request.user, token)
    if device is None:
        return False
    otp_login(request, device)
    return True


def check_api_second_factor(user, token: str | None) -> str | None:
    """For token login. Returns an error message, or None when the user may have a token."""
    if not second_factor_required(user):
        return None
    if not user.totpdevice_set.filter(confirmed=True).exists():
        return _("Stel eerst tweestapsverificatie in door in te loggen op de website.")
    if not token:
        return _("Deze gebruiker moet een tweede factor (otp) meesturen.")
    if match_token(user, token) is None:
        return _("De code van de tweede factor klopt niet of is verlopen.")
    return None
