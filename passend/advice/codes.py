"""Code lists of the advice module that other modules refer to (a team's default status)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdviesStatus(models.TextChoices):
    """How heavily the advice weighs: zwaarwegend (default) or bindend (spec §2.5)."""

    ZWAARWEGEND = "zwaarwegend", _("zwaarwegend")
    BINDEND = "bindend", _("bindend")
