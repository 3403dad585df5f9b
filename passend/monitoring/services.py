"""Monitoring's writes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from passend.core.refusals import InvalidInput

from . import periods as P
from .models import Verhaal

STORY_MAX = 4000


def save_story(team, *, indicator: str, period: P.Period, text: str, by) -> Verhaal | None:
    """The team's story behind `indicator`'s figure in `period`; empty text deletes it.

    Free text of the team about a figure, not about a person: no access-log entry; the
    record keeps who wrote it last and when."""
    text = (text or "").strip()
    if len(text) > STORY_MAX:
        raise InvalidInput(
            _("Het verhaal is te lang."),
            errors={"text": [_("Gebruik hoogstens %(n)s tekens.") % {"n": STORY_MAX}]},
        )
    found = Verhaal.objects.filter(team=team, indicator=indicator, period=period.key)
    if not text:
        found.delete()
        return None
    story, _created = Verhaal.objects.update_or_create(
        team=team,
        indicator=indicator,
        period=period.key,
        defaults={"text": text, "written_by": by},
    )
    return story
