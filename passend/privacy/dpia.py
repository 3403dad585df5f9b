"""Writes of the DPIA check of a team (the DPIA gate of monitoring, signals and reports).

The check's nine answers give its outcome (``DpiaToets.dpia_required``); monitoring opens only
once the DPIA is recorded as done and the covenant / privacy protocol is in place
(``DpiaToets.monitoring_allowed``). The check holds no personal data: a change is traced like
a change of the team settings."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.audit.models import Action
from passend.audit.services import log_access
from passend.core.refusals import InvalidInput, NotAllowed

from .models import DPIA_CRITERIA, DpiaToets

CRITERIA = [name for name, _label in DPIA_CRITERIA]
RECORD_FIELDS = [
    "assessed_on",
    "privacy_officer",
    "dpia_done_on",
    "dpia_reference",
    "covenant_in_place",
    "covenant_reference",
    "covenant_signed_on",
]
FIELDS = [*CRITERIA, *RECORD_FIELDS]


def _validate(toets: DpiaToets, today) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in ("assessed_on", "dpia_done_on", "covenant_signed_on"):
        value = getattr(toets, name)
        if value and value > today:
            errors[name] = _(
                "Een datum in de toekomst kan niet: vul de datum in waarop het gebeurde."
            )
    if toets.dpia_done_on and not toets.dpia_reference:
        errors["dpia_reference"] = _(
            "Vul het kenmerk van de DPIA in bij de datum waarop die is uitgevoerd."
        )
    if toets.dpia_reference and not toets.dpia_done_on:
        errors.setdefault(
            "dpia_done_on", _("Vul de datum in waarop de DPIA met dit kenmerk is uitgevoerd.")
        )
    if toets.covenant_in_place:
        if not toets.covenant_reference:
            errors["covenant_reference"] = _(
                "Vul het kenmerk van het convenant of privacyprotocol in."
            )
        if not toets.covenant_signed_on:
            errors.setdefault(
                "covenant_signed_on", _("Vul de datum in waarop het convenant is ondertekend.")
            )
    elif toets.covenant_reference or toets.covenant_signed_on:
        errors["covenant_in_place"] = _(
            "Vink aan dat het convenant of privacyprotocol is vastgesteld en ondertekend, of "
            "laat kenmerk en datum leeg."
        )
    return errors


def check_may_record_dpia(team, *, actor) -> None:
    if not has_capability(actor, Cap.MANAGE_TEAM, team):
        raise NotAllowed(_("Alleen de beheerder legt de DPIA-toets van het team vast."))


@transaction.atomic
def record_dpia(team, *, actor, request=None, **fields) -> DpiaToets:
    """Record the team's DPIA check: the nine answers, and whether the DPIA was done (date,
    reference) and the covenant / privacy protocol is in place (reference, signed date).
    Fields not given keep their value."""
    check_may_record_dpia(team, actor=actor)
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise InvalidInput(errors={name: _("Onbekend veld.") for name in unknown})
    toets, _created = DpiaToets.objects.select_for_update().get_or_create(team=team)
    for name, value in fields.items():
        if name in ("privacy_officer", "dpia_reference", "covenant_reference"):
            value = (value or "").strip()
        elif name in CRITERIA or name == "covenant_in_place":
            value = bool(value)
        setattr(toets, name, value)
    errors = _validate(toets, timezone.localdate())
    if errors:
        raise InvalidInput(errors=errors)
    if not toets.assessed_on:
        toets.assessed_on = timezone.localdate()
    toets.recorded_by = actor
    toets.recorded_at = timezone.now()
    toets.save()
    if request is not None:
        log_access(
            request,
            action=Action.UPDATE,
            subject_type="dpia-toets",
            subject_ids=[team.pk],
            purpose="DPIA-toets vastleggen: " + ", ".join(sorted(fields)),
            team=team,
        )
    return toets
