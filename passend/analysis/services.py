"""All writes of the analyse module: timeline episodes and the verklarende analyse.

Views and API call these; each checks the capability (WORK_ON_CASES in the case's team), the
case state (the team works on the case), the consent the young person's age requires (no
analysis without it, unless a compulsory framework with a reason is recorded) and logs the
change in the access log. Refusals are ``passend.core.refusals``: NotAllowed (403),
StateConflict (409), InvalidInput with the field names of these functions (400).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.cases.codes import ACTIVE_STATES, HULPVORMEN_MET_VERBLIJF, CaseState
from passend.cases.models import Casus
from passend.cases.workflow import case_work_refusal, require_consent_for_case_work
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.regions.models import Organisation
from passend.socialmap.picker import region_offers

from .models import AnalyseStap, AnalyseStep, TijdlijnEpisode

# The fields of an episode a user enters (API and form use the same names).
EPISODE_FIELDS = (
    "aanbod",
    "organisation",
    "provider_name",
    "productcategorie",
    "hulpvorm",
    "description",
    "start",
    "end",
    "outcome",
    "life_domain",
    "with_stay",
)
MAX_STEP_LENGTH = 20000
EARLIEST_DAY = dt.date(1900, 1, 1)  # no care history before this date
# What a refusal names (translated when shown).
TIMELINE = gettext_noop("de tijdlijn")
ANALYSIS = gettext_noop("de verklarende analyse")


def may_work(user, casus: Casus) -> bool:
    """Whether the user holds the right to change the timeline and the analysis."""
    return has_capability(user, Cap.WORK_ON_CASES, casus.team_id)


def is_worked_on(casus: Casus) -> bool:
    """The team works on the case: registered and taken on, not closed."""
    return not casus.is_draft and casus.state in ACTIVE_STATES


def _not_worked_on(casus: Casus, what: str) -> str | None:
    if not is_worked_on(casus):
        return _(
            "De casus is %(state)s; %(what)s kan alleen worden gewijzigd zolang het team "
            "aan de casus werkt."
        ) % {"state": CaseState(casus.state).label, "what": _(what)}
    return None


def state_refusal(casus: Casus, what: str = TIMELINE) -> str | None:
    """Why nobody can change `what` of this case now, or None: the team does not work on
    the case (a draft, not yet taken on, closed), or the consent is missing."""
    return _not_worked_on(casus, what) or case_work_refusal(casus)


def may_record(user, casus: Casus) -> bool:
    """What the page offers: the right, and the case allows the work now (check_may_work's
    rule)."""
    return may_work(user, casus) and state_refusal(casus) is None


def check_may_change(casus: Casus, *, actor, what: str = TIMELINE) -> None:
    """NotAllowed unless `actor` holds the right to change `what` of this case (the state
    and the consent are checked by `check_may_work`)."""
    if not may_work(actor, casus):
        raise NotAllowed(_("U mag %(what)s van deze casus niet wijzigen.") % {"what": _(what)})


def check_may_work(casus: Casus, *, actor, what: str = TIMELINE) -> None:
    """Refuse unless `actor` may change `what` (TIMELINE, ANALYSIS) of this case now:
    NotAllowed without the right, StateConflict when the team does not work on the case or
    the consent the young person's age requires is missing."""
    check_may_change(casus, actor=actor, what=what)
    refusal = _not_worked_on(casus, what)
    if refusal:
        raise StateConflict(refusal)
    require_consent_for_case_work(casus)


def region_organisations(casus: Casus):
    """The organisations a provider can be chosen from: those active in the team's region."""
    return Organisation.objects.filter(regions=casus.team.region_id).distinct().order_by("name")


def default_with_stay(hulpvorm: str, productcategorie: str = "") -> bool:
    """Hulpvorm 1x (CBS) is help with a stay; without a hulpvorm, productcategorie 43/44."""
    if hulpvorm:
        return hulpvorm in HULPVORMEN_MET_VERBLIJF
    return productcategorie in ("43", "44")


def fill_from_offer(data: dict) -> dict:
    """An offer chosen from the social map fills what is still empty: the organisation (unless
    a free-text provider was given), productcategorie, hulpvorm, the description (the offer's
    name) and, without a hulpvorm, whether the help has a stay (``with_stay`` None = empty)."""
    offer = data.get("aanbod")
    if offer is None:
        return data
    data = dict(data)
    if data.get("organisation") is None and not (data.get("provider_name") or "").strip():
        data["organisation"] = offer.organisation
    for name in ("productcategorie", "hulpvorm"):
        if not data.get(name):
            data[name] = getattr(offer, name)
    if not (data.get("description") or "").strip():
        data["description"] = offer.name[:200]
    if data.get("with_stay") is None and not data.get("hulpvorm"):
        data["with_stay"] = offer.with_stay
    return data


def _offer_errors(casus: Casus, data: dict) -> dict[str, str]:
    offer = data.get("aanbod")
    if offer is None:
        return {}
    if not region_offers(casus.team, active_only=False).filter(pk=offer.pk).exists():
        return {"aanbod": _("Dit aanbod staat niet op de sociale kaart van de regio van het team.")}
    organisation = data.get("organisation")
    if organisation is not None and organisation.pk != offer.organisation_id:
        return {
            "aanbod": _(
                "Dit aanbod hoort bij %(offer_org)s, niet bij de gekozen aanbieder %(org)s."
            )
            % {"offer_org": offer.organisation.name, "org": organisation.name}
        }
    if organisation is None and (data.get("provider_name") or "").strip():
        return {
            "provider_name": _(
                "Bij aanbod uit de sociale kaart hoort de organisatie van dat aanbod; laat de "
                "vrije naam leeg."
            )
        }
    return {}


def episode_errors(
    casus: Casus, data: dict, *, today: dt.date | None = None, kept_domain_id=None
) -> dict[str, str]:
    """The rules of an episode, per field (Dutch). ``data`` holds all EPISODE_FIELDS (after
    ``fill_from_offer``); ``kept_domain_id`` is the life domain the episode already has (it
    stays valid after it was deactivated)."""
    today = today or timezone.localdate()
    errors: dict[str, str] = _offer_errors(casus, data)
    organisation = data.get("organisation")
    provider_name = (data.get("provider_name") or "").strip()
    if organisation is None and not provider_name:
        errors["organisation"] = _("Kies de aanbieder of vul de naam in bij 'aanbieder'.")
    elif organisation is not None and provider_name:
        errors["provider_name"] = _(
            "Kies een organisatie óf vul een naam in, niet allebei: de naam is voor een "
            "aanbieder die niet in de lijst staat."
        )
    elif (
        organisation is not None
        and not region_organisations(casus).filter(pk=organisation.pk).exists()
    ):
        errors["organisation"] = _("Deze organisatie is niet actief in de regio van het team.")
    hulpvorm = data.get("hulpvorm") or ""
    if not (hulpvorm or data.get("productcategorie") or (data.get("description") or "").strip()):
        errors["hulpvorm"] = _("Vul een hulpvorm, productcategorie of omschrijving van de hulp in.")
    start, end = data.get("start"), data.get("end")
    if start is None:
        errors["start"] = _("Vul de datum in waarop de hulp begon.")
    elif start > today:
        errors["start"] = _("De begindatum kan niet in de toekomst liggen.")
    elif start < EARLIEST_DAY:
        errors["start"] = _("De begindatum kan niet vóór 1900 liggen.")
    elif casus.birth_date and start < casus.birth_date:
        errors["start"] = _("De begindatum ligt vóór de geboortedatum van de jeugdige.")
    if end is not None:
        if start is not None and end < start:
            errors["end"] = _("De einddatum ligt vóór de begindatum.")
        elif end > today:
            errors["end"] = _(
                "De einddatum kan niet in de toekomst liggen; laat hem leeg zolang de hulp loopt."
            )
    with_stay = data.get("with_stay")
    if hulpvorm and with_stay is not None and with_stay != default_with_stay(hulpvorm):
        errors["with_stay"] = (
            _("Bij deze hulpvorm hoort verblijf.")
            if default_with_stay(hulpvorm)
            else _("Bij deze hulpvorm hoort geen verblijf; kies een hulpvorm met verblijf.")
        )
    domain = data.get("life_domain")
    if domain is not None and domain.pk != kept_domain_id:
        if domain.region_id != casus.team.region_id:
            errors["life_domain"] = _("Dit leefgebied hoort niet bij de jeugdregio van het team.")
        elif not domain.active:
            errors["life_domain"] = _("Dit leefgebied wordt niet meer gebruikt.")
    return errors


def _clean(data: dict) -> dict:
    values = {name: data.get(name) for name in EPISODE_FIELDS}
    for name in ("provider_name", "description", "outcome"):
        values[name] = (values[name] or "").strip() or None
    for name in ("productcategorie", "hulpvorm"):
        values[name] = values[name] or ""
    if values["with_stay"] is None:
        values["with_stay"] = default_with_stay(values["hulpvorm"], values["productcategorie"])
    return values


@transaction.atomic
def episode_add(casus: Casus, *, actor, request=None, **data) -> TijdlijnEpisode:
    """Add one period of help to the timeline. ``with_stay`` None: derived from the hulpvorm."""
    check_may_work(casus, actor=actor, what=TIMELINE)
    data = fill_from_offer({name: data.get(name) for name in EPISODE_FIELDS})
    errors = episode_errors(casus, data)
    if errors:
        raise InvalidInput(errors=errors)
    episode = TijdlijnEpisode.objects.create(casus=casus, created_by=actor, **_clean(data))
    log_case(request, casus, Action.CREATE, "tijdlijn bijwerken")
    return episode


@transaction.atomic
def episode_update(episode: TijdlijnEpisode, *, actor, request=None, **changes) -> TijdlijnEpisode:
    """Change an episode; fields not given keep their value."""
    casus = episode.casus
    check_may_work(casus, actor=actor, what=TIMELINE)
    data = {name: getattr(episode, name) for name in EPISODE_FIELDS}
    if "hulpvorm" in changes and "with_stay" not in changes:
        data["with_stay"] = None  # follows the new hulpvorm
    data.update({k: v for k, v in changes.items() if k in EPISODE_FIELDS})
    if changes.get("aanbod") is not None and "with_stay" not in changes and not data["hulpvorm"]:
        data["with_stay"] = None  # may follow the newly chosen offer
    data = fill_from_offer(data)
    errors = episode_errors(casus, data, kept_domain_id=episode.life_domain_id)
    if errors:
        raise InvalidInput(errors=errors)
    for name, value in _clean(data).items():
        setattr(episode, name, value)
    episode.save()
    log_case(request, casus, Action.UPDATE, "tijdlijn bijwerken")
    return episode


@transaction.atomic
def episode_delete(episode: TijdlijnEpisode, *, actor, request=None) -> None:
    casus = episode.casus
    check_may_work(casus, actor=actor, what=TIMELINE)
    episode.delete()
    log_case(request, casus, Action.DELETE, "tijdlijn bijwerken")


def step_errors(step, text: str) -> dict[str, str]:
    errors = {}
    if step not in AnalyseStep.values:
        errors["step"] = _("Kies stap 1, 2 of 3 van de verklarende analyse.")
    if not (text or "").strip():
        errors["text"] = _("Schrijf de tekst van deze stap.")
    elif len(text) > MAX_STEP_LENGTH:
        errors["text"] = _("De tekst is te lang (maximaal %(max)d tekens).") % {
            "max": MAX_STEP_LENGTH
        }
    return errors


@transaction.atomic
def step_write(casus: Casus, *, actor, step: int, text: str, request=None) -> AnalyseStap:
    """Save a new version of one step of the verklarende analyse; earlier versions stay."""
    check_may_work(casus, actor=actor, what=ANALYSIS)
    errors = step_errors(step, text)
    if errors:
        raise InvalidInput(errors=errors)
    version = AnalyseStap.objects.create(
        casus=casus, step=step, text=text.strip(), author=actor, written_at=timezone.now()
    )
    log_case(request, casus, Action.UPDATE, "verklarende analyse bijwerken")
    return version
