"""Code lists of the advice module that other modules refer to (a team's default status)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdviesStatus(models.TextChoices):
    """How heavily the advice weighs: zwaarwegend (default) or bindend (spec §2.5)."""

    ZWAARWEGEND = "zwaarwegend", _("zwaarwegend")
    BINDEND = "bindend", _("bindend")


class ImplementationStatus(models.TextChoices):
    """How the advice was carried out (spec §2.5)."""

    VOLLEDIG = "volledig_gevolgd", _("volledig gevolgd")
    IN_DE_GEEST = "in_de_geest", _("in de geest van het advies")
    COMPROMIS = "compromis", _("compromis")
    NIET_GEACCEPTEERD = "niet_geaccepteerd_aanbieder", _("niet geaccepteerd door aanbieder")
    NIET_BEREID = "aanbieder_niet_bereid", _("aanbieder niet bereid")
