"""Code lists of the overleg module (spec §2.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    GEHOUDEN = "gehouden", _("gehouden")
    GEANNULEERD = "geannuleerd", _("geannuleerd")


class Participation(models.TextChoices):
    """How the young person and parents took part in the discussion of their case."""

    AANWEZIG = "aanwezig", _("aanwezig")
    DEELS_AANWEZIG = "deels_aanwezig", _("deels aanwezig (een deel van het overleg)")
    APART_GESPREK = "apart_gesprek", _("apart gesprek")
    WOORDVOERDER = "woordvoerder", _("via een woordvoerder")
    AFWEZIG = "afwezig", _("afwezig (met reden)")


class AttendanceStatus(models.TextChoices):
    AANWEZIG = "aanwezig", _("aanwezig")
    AFWEZIG = "afwezig", _("afwezig")
    AFGEMELD = "afgemeld", _("afgemeld")


class GuestKind(models.TextChoices):
    GAST = "gast", _("gast")
    EXPERT = "oproepbare_expert", _("oproepbare expert")
