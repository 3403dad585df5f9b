"""Writes of monitoring: the region's own indicators and the stories behind the figures.

The region's own indicators (issue 13 §1): a voorzitter or beheerder (DEFINE_INDICATORS)
defines, changes and deactivates them. Every write is checked here — the code, the measure,
the dimensions and their values against the record's fields (``dimensions``) and then the
whole definition by the engine's own check (``definitions.validate``) — and refused with
``InvalidInput`` naming the field. A change of what an indicator computes raises its version;
a change of its wording does not.

Indicator definitions are not personal data, and monitoring does not reach the access log (it
reads only the analytics record, see tests/test_reads_only_the_record.py): an indicator keeps
who created it and when it last changed, and its version counts the changes of what it computes.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability, teams_with
from passend.accounts.roles import Cap
from passend.core.refusals import InvalidInput, NotAllowed
from passend.regions.models import Gemeente

from . import definitions as D
from . import dimensions
from . import periods as P
from .models import Indicator, Verhaal

CODE = re.compile(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*")
CODE_MAX = 40
TEXTS = (
    "name_nl",
    "name_en",
    "wat_nl",
    "wat_en",
    "waarom_nl",
    "waarom_en",
    "hoe_nl",
    "hoe_en",
)
EDITABLE = (*TEXTS, *Indicator.COMPUTED)


def check_may_define(user, team) -> None:
    """DEFINE_INDICATORS in `team` (its voorzitter or beheerder)."""
    if not has_capability(user, Cap.DEFINE_INDICATORS, team):
        raise NotAllowed(_("Alleen de voorzitter of de beheerder legt eigen indicatoren vast."))


def _acting_team(indicator: Indicator, by, team):
    """The team through which `by` changes the region's indicator."""
    if team is None:
        team = teams_with(by, Cap.DEFINE_INDICATORS).filter(region_id=indicator.region_id).first()
    if team is None or team.region_id != indicator.region_id:
        raise NotAllowed(_("Deze indicator hoort bij een andere jeugdregio."))
    check_may_define(by, team)
    return team


def _unknown_fields(fields: dict, allowed) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"not an indicator field: {', '.join(unknown)}")


# -- normalising and checking --------------------------------------------------------------


def gemeente_ids(team) -> set[int]:
    """The municipalities an own indicator can name: the region's (an indicator is regional),
    the team's own included."""
    region = Gemeente.objects.filter(region_id=team.region_id).values_list("pk", flat=True)
    return set(region) | set(team.gemeenten.values_list("pk", flat=True))


def dimension_values(team, name: str, ids: set[int] | None = None) -> list[dimensions.Value]:
    """The values an own indicator may choose for a case dimension (the form offers these);
    `ids`: ``gemeente_ids(team)`` when the caller has it already."""
    return dimensions.get(name).values(team, gemeente_ids(team) if ids is None else ids)


def _selection(raw, team, errors: dict, key: str) -> dict[str, list[str]]:
    """{dimension: [API values]} with empty choices dropped and values in the dimension's
    order; an unknown dimension or value is an error on `key`."""
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        errors.setdefault(key, []).append(_("Kies per kenmerk een of meer waarden."))
        return {}
    case_dims = {d.name for d in dimensions.case_dimensions()}
    ids = gemeente_ids(team)
    found = {}
    for name, values in raw.items():
        values = [values] if isinstance(values, str) else list(values or ())
        if not values:
            continue
        if name not in case_dims:
            errors.setdefault(key, []).append(
                _("'%(name)s' is geen kenmerk van een casus.") % {"name": str(name)[:40]}
            )
            continue
        dim = dimensions.get(name)
        known = [v.api for v in dimension_values(team, name, ids)]
        wrong = [str(v) for v in values if str(v) not in known]
        if wrong:
            errors.setdefault(key, []).append(
                _("Onbekende waarde '%(value)s' bij %(dimension)s.")
                % {"value": wrong[0][:40], "dimension": dim.label}
            )
            continue
        chosen = {str(v) for v in values}
        found[name] = [api for api in known if api in chosen]
    return dict(sorted(found.items()))


def _normalise_and_check(indicator: Indicator, team) -> None:
    """Clean `indicator` in place (what does not apply to its measure is dropped) and refuse
    it with InvalidInput per field when it breaks a rule."""
    errors: dict[str, list[str]] = {}

    def error(name, message):
        errors.setdefault(name, []).append(message)

    for name in TEXTS:
        setattr(indicator, name, (getattr(indicator, name) or "").strip())
    indicator.code = (indicator.code or "").strip()
    if not indicator.code:
        error("code", _("Geef de indicator een code."))
    elif len(indicator.code) > CODE_MAX or not CODE.fullmatch(indicator.code):
        error(
            "code",
            _(
                "Een code bestaat uit kleine letters en cijfers, eventueel gescheiden door - of _, "
                "begint met een letter en is hoogstens %(max)s tekens lang."
            )
            % {"max": CODE_MAX},
        )
    elif indicator.code in D.basisset_codes():
        error("code", _("De basisset heeft al een indicator met deze code. Kies een andere code."))
    elif (
        Indicator.objects.filter(region_id=indicator.region_id, code=indicator.code)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        error("code", _("De regio heeft al een eigen indicator met deze code."))

    if indicator.unit not in D.UNITS:
        error("unit", _("Kies wat de indicator telt: een aantal, een aandeel of een doorlooptijd."))
    if indicator.date not in D.CASE_DATES:
        error("date", _("Kies de datum waarop een casus in een periode valt."))
    indicator.conditions = _selection(indicator.conditions, team, errors, "conditions")
    if indicator.unit == D.SHARE:
        indicator.numerator = _selection(indicator.numerator, team, errors, "numerator")
        if not indicator.numerator and "numerator" not in errors:
            error(
                "numerator",
                _(
                    "Een aandeel heeft een teller nodig: kies welke van de getelde casussen in "
                    "het percentage meetellen."
                ),
            )
    else:
        indicator.numerator = {}
    if indicator.unit == D.DURATION:
        if indicator.field not in D.DURATION_FIELDS:
            error("field", _("Kies welke doorlooptijd de indicator meet."))
    else:
        indicator.field = ""
    indicator.group_by = indicator.group_by or ""
    if indicator.group_by and indicator.group_by not in {
        d.name for d in dimensions.case_dimensions()
    }:
        error("group_by", _("Kies een kenmerk van de casus om naar uit te splitsen."))

    try:
        indicator.full_clean(exclude=["region", "created_by", "code"], validate_constraints=False)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            if name not in errors:
                errors[name] = list(messages)
    if errors:
        raise InvalidInput(_("De indicator is niet opgeslagen."), errors=errors)
    try:
        D.validate(indicator.definition())
    except D.DefinitionError as wrong:  # the form's checks above should make this unreachable
        raise InvalidInput(
            _("De indicator is zo niet te berekenen. Controleer de maat en de keuzes.")
        ) from wrong


def _computed(indicator: Indicator) -> tuple:
    return tuple(getattr(indicator, name) for name in Indicator.COMPUTED)


# -- the writes ----------------------------------------------------------------------------


@transaction.atomic
def create_indicator(team, *, by, **fields) -> Indicator:
    """A new own indicator of `team`'s region (version 1). Without a code, one is made from
    the Dutch name."""
    check_may_define(by, team)
    _unknown_fields(fields, ("code", *EDITABLE))
    if not (fields.get("code") or "").strip():
        fields["code"] = slugify(fields.get("name_nl") or "").replace("-", "_")[:CODE_MAX]
        fields["code"] = fields["code"].strip("_")
    indicator = Indicator(region_id=team.region_id, created_by=by, **fields)
    _normalise_and_check(indicator, team)
    indicator.save()
    return indicator


@transaction.atomic
def update_indicator(indicator: Indicator, *, by, team=None, **fields) -> Indicator:
    """Change an own indicator; its code stays. A change of what it computes (measure, date,
    conditions, numerator, duration, grouping) raises the version; wording does not.
    ``active=True`` activates a deactivated indicator again."""
    team = _acting_team(indicator, by, team)
    _unknown_fields(fields, (*EDITABLE, "code", "active"))
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if "code" in fields and fields.pop("code") != indicator.code:
        raise InvalidInput(
            errors={"code": _("De code van een indicator blijft gelijk; maak een nieuwe aan.")}
        )
    before = _computed(indicator)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _normalise_and_check(indicator, team)
    changed = _computed(indicator) != before
    if changed:
        indicator.version += 1
    indicator.save()
    return indicator


@transaction.atomic
def deactivate_indicator(indicator: Indicator, *, by, team=None) -> Indicator:
    """Take an own indicator off the dashboard, the exports and the API. It stays (with its
    code and its stories) and can be activated again."""
    team = _acting_team(indicator, by, team)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.active:
        indicator.active = False
        indicator.save(update_fields=["active", "updated_at"])
    return indicator


# -- the story behind a figure (tellen en vertellen) ---------------------------------------

STORY_MAX = 4000


def save_story(team, *, indicator: str, period: P.Period, text: str, by) -> Verhaal | None:
    """The team's story behind `indicator`'s figure in `period`; empty text deletes it.

    Free text of the team about a figure, not about a person: no access-log entry; the
    record keeps who wrote it last and when."""
    if not has_capability(by, Cap.WRITE_STORIES, team):
        raise NotAllowed(_("Alleen het expertteam schrijft het verhaal bij een cijfer."))
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
