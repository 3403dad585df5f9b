"""Writes and state changes for accounts: second factor enrolment and verification."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_required(user) -> bool:
    if settings.PASSEND_2FA_EXEMPT_DEMO_USERS and getattr(user, "is_demo", False):
        return False
    return user.needs_second_factor()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call)."""
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


def confirm_device(request, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    request.user.totpdevice_set.filter(confirmed=False).delete()
    otp_login(request, device)
    return True


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
        return "Stel eerst tweestapsverificatie in door in te loggen op de website."
    if not token:
        return "Deze gebruiker moet een tweede factor (otp) meesturen."
    if match_token(user, token) is None:
        return "De code van de tweede factor klopt niet of is verlopen."
    return None
