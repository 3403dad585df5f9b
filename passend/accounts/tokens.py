"""The one-time link of an invitation: a signed value (django.core.signing) that expires after
PASSEND_INVITATION_VALID_FOR and carries a fingerprint of the account's state. Setting the
password (or sending the invitation again) changes that state, so a link works only once."""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "passend.accounts.uitnodiging"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def _fingerprint(invitation) -> str:
    user = invitation.user
    value = (
        f"{invitation.pk}|{invitation.sent_at.isoformat()}|{invitation.accepted_at}|"
        f"{user.password}|{user.last_login}|{user.is_active}"
    )
    return salted_hmac(SALT, value).hexdigest()[:32]


def make_token(invitation) -> str:
    return signing.dumps({"i": invitation.pk, "f": _fingerprint(invitation)}, salt=SALT)


def read_token(token: str) -> tuple[int, str]:
    """(invitation id, fingerprint) of a link; LinkExpired or LinkInvalid when it is not one."""
    try:
        value = signing.loads(
            token, salt=SALT, max_age=settings.PASSEND_INVITATION_VALID_FOR.total_seconds()
        )
    except signing.SignatureExpired as expired:
        raise LinkExpired from expired
    except signing.BadSignature as bad:
        raise LinkInvalid from bad
    if not isinstance(value, dict) or not isinstance(value.get("i"), int):
        raise LinkInvalid
    return value["i"], str(value.get("f", ""))


def matches(invitation, fingerprint: str) -> bool:
    return constant_time_compare(_fingerprint(invitation), fingerprint)
