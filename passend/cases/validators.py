"""Validation of the Dutch citizen service number (burgerservicenummer, BSN).

The BSN check is the "elfproef": for the nine digits d1..d9 the weighted sum
9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9 must be divisible by 11. An
eight-digit number is a BSN with a leading zero left off, so it is padded with one ``0``.
``000000000`` passes the arithmetic but is never a BSN and is rejected.
"""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_DIGITS_8_OR_9 = re.compile(r"[0-9]{8,9}")
_SEPARATORS = re.compile(r"[\s.]")


def is_valid_bsn(value: str) -> bool:
    """Return True if ``value`` is 8 or 9 ASCII digits and passes the elfproef.

    No cleaning happens here: spaces, dots or other non-digits make the value invalid (use
    :func:`normalise_bsn` first for user input). Non-string input is invalid too.
    """
    if not isinstance(value, str) or not _DIGITS_8_OR_9.fullmatch(value):
        return False
    digits = value.zfill(9)
    if digits == "000000000":
        return False
    total = sum(weight * int(digit) for weight, digit in zip(BSN_WEIGHTS, digits, strict=True))
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    """Django validator for a BSN (8 or 9 digits, elfproef).

    Like :func:`is_valid_bsn` it does not clean the value; forms should call
    :func:`normalise_bsn` in their ``clean`` method before validating. The number itself is not
    included in the error (no BSN in logs or error payloads).
    """
    if not isinstance(value, str) or not _DIGITS_8_OR_9.fullmatch(value):
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="invalid_bsn_format")
    if not is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN (elfproef klopt niet)."), code="invalid_bsn"
        )


def normalise_bsn(value: str) -> str:
    """Remove whitespace and dots; pad an 8-digit result to 9 digits with a leading zero.

    Anything that is not 8 digits after cleaning is returned cleaned but otherwise unchanged,
    so :func:`validate_bsn` can report it.
    """
    cleaned = _SEPARATORS.sub("", value)
    if len(cleaned) == 8 and cleaned.isascii() and cleaned.isdigit():
        return "0" + cleaned
    return cleaned


def clean_bsn(value: str | None) -> str:
    """Optional BSN from any input (form, API): normalised, elfproef-checked, or ''."""
    if not value or not str(value).strip():
        return ""
    value = normalise_bsn(str(value))
    validate_bsn(value)
    return value


def validate_birth_date(value):
    """A young person's birth date: not in the future, and within the team's age range."""
    if value is None:
        return value
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("De geboortedatum ligt in de toekomst."), code="future")
    if value.year < today.year - 30:
        raise ValidationError(
            _("Het expertteam helpt jeugdigen tot ongeveer 23 jaar."), code="too_old"
        )
    return value
