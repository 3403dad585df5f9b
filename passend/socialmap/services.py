"""All writes of the sociale kaart: organisations, profiles, locations, offers, waiting times and
reminders.

The pages, the API, the import and the daily reminder job all call these functions, so the rules
live here once:

- An offer has age_min <= age_max and is served only in gemeenten of the regions its
  organisation is active in; its locations belong to its own organisation.
- The voorliggend veld is light help WITHOUT referral or beschikking: an offer marked
  voorliggend veld with "verwijzing nodig" or "beschikking nodig" is refused with a message
  (never silently changed, so an import reports it per row).
- A hulpvorm with stay (CBS 1x) needs "met verblijf"; a hulpvorm without stay (0x) excludes it.
- Waiting times are in order: registration <= intake <= treatment, 0..260 weeks, confirmed on a
  date that is not in the future (nor before 2000). Every confirmation is a new row (the history
  shows the trend).
- Who may write: the coördinator sociale kaart (MANAGE_SOCIAL_MAP in a team of a region the
  organisation is active in) for everything; a provider's employee (UPDATE_OWN_WAITING_TIMES)
  only the waiting times of offers of their own organisation. The permission module decides;
  the check is made here. `actor=None` is the system (demo data, the daily reminder job); it
  skips the permission check, never the validation.

A refusal is one of `passend.core.refusals`: InvalidInput with the Dutch message per field (the
keyword or model field name), NotAllowed, StateConflict.

Who confirmed a waiting time is stored, but pages show it by organisation or role
("bevestigd door Zorgaanbieder Alfa"), never by name, so these writes are not personal-data
pages and are not logged (see `selectors.confirmed_by_label`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import (
    has_capability,
    may_manage_organisation,
    may_update_waiting_times,
)
from passend.accounts.roles import Cap
from passend.cases.codes import HULPVORMEN_MET_VERBLIJF
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.regions.models import Gemeente, Organisation, Team

from .models import Aanbiederprofiel, Aanbod, Herinnering, Locatie, Wachttijd
from .selectors import StaleItem, reminded_today, reminder_recipients, stale_items
from .waiting import current_entries

MAX_WEEKS = 260
# A waiting time confirmed before this day is not a waiting time of today's map.
FIRST_CONFIRMATION_DAY = dt.date(2000, 1, 1)
SENT = "herinnering verstuurd"
PROFILE_FIELDS = ("description", "contact_name", "contact_phone", "contact_email")


# --- who may do what (decided by accounts.permissions; checked here, so UI and API agree) -----


def _check_manage(actor, organisation: Organisation, team=None) -> None:
    if actor is not None and not may_manage_organisation(actor, organisation, team):
        raise NotAllowed(
            _("Alleen de coördinator sociale kaart van de regio kan %(org)s wijzigen.")
            % {"org": organisation.name}
        )


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(errors=errors)


def _full_clean(instance, errors: dict[str, list[str]], exclude=()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            errors.setdefault("" if name == "__all__" else name, []).extend(messages)


def _region_gemeente_ids(organisation: Organisation) -> set[int]:
    return set(
        Gemeente.objects.filter(region__in=organisation.regions.all()).values_list("pk", flat=True)
    )


# --- organisations (the import), profiles, locations, offers ----------------------------------


@transaction.atomic
def save_organisation(organisation: Organisation, *, actor, team: Team) -> Organisation:
    """Create or update an organisation on the team's regional map (its fields set on the
    instance) and make it active in the team's region. A new one needs the coordinator of the
    team; an existing one the coordinator of a region it is active in, through this team."""
    if actor is not None:
        if organisation.pk is None:
            allowed = has_capability(actor, Cap.MANAGE_SOCIAL_MAP, team)
        else:
            allowed = may_manage_organisation(actor, organisation, team)
        if not allowed:
            raise NotAllowed(
                _("Alleen de coördinator sociale kaart van de regio kan %(org)s wijzigen.")
                % {"org": organisation.name}
            )
    errors: dict[str, list[str]] = {}
    _full_clean(organisation, errors)
    _raise_if(errors)
    organisation.save()
    organisation.regions.add(team.region)
    return organisation


# --- profiles, locations, offers -------------------------------------------------------------


@transaction.atomic
def save_profile(
    organisation: Organisation, *, actor, expertise=None, contracted_by=None, **fields
) -> Aanbiederprofiel:
    """Create or update the organisation's profile. `fields`: description, contact_name,
    contact_phone, contact_email. `expertise` / `contracted_by` (gemeenten of the
    organisation's regions) replace the current sets; None leaves them as they are."""
    _check_manage(actor, organisation)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"save_profile: unknown fields {sorted(unknown)}")
    profiel = Aanbiederprofiel.objects.filter(organisation=organisation).first()
    profiel = profiel or Aanbiederprofiel(organisation=organisation)
    for name, value in fields.items():
        setattr(profiel, name, value or "")
    errors: dict[str, list[str]] = {}
    _full_clean(profiel, errors, exclude=["organisation"])
    if contracted_by is not None:
        allowed = _region_gemeente_ids(organisation)
        outside = [g for g in contracted_by if g.pk not in allowed]
        if outside:
            errors.setdefault("contracted_by", []).append(
                _("%(names)s hoort niet bij een regio waarin %(org)s actief is.")
                % {"names": ", ".join(g.name for g in outside), "org": organisation.name}
            )
    _raise_if(errors)
    profiel.save()
    if expertise is not None:
        profiel.expertise.set(expertise)
    if contracted_by is not None:
        profiel.contracted_by.set(contracted_by)
    return profiel


@transaction.atomic
def save_location(location: Locatie, *, actor) -> Locatie:
    """Create or update a location (`location.organisation` set); its gemeente lies in a
    region the organisation is active in."""
    organisation = location.organisation
    _check_manage(actor, organisation)
    errors: dict[str, list[str]] = {}
    _full_clean(location, errors, exclude=["organisation"])
    if location.gemeente_id and location.gemeente_id not in _region_gemeente_ids(organisation):
        errors.setdefault("gemeente", []).append(
            _("Deze gemeente hoort niet bij een regio waarin %(org)s actief is.")
            % {"org": organisation.name}
        )
    _raise_if(errors)
    location.save()
    return location


@transaction.atomic
def save_offer(
    offer: Aanbod,
    *,
    actor,
    gemeenten=None,
    locaties=None,
    hulpvragen=None,
    aandachtspunten=None,
    life_domains=None,
    expertise=None,
) -> Aanbod:
    """Create or update an offer (`offer.organisation` set, plain fields on the instance).
    The keyword sets replace the current ones; None leaves them (a new offer needs gemeenten)."""
    organisation = offer.organisation
    _check_manage(actor, organisation)
    errors: dict[str, list[str]] = {}
    _full_clean(offer, errors, exclude=["organisation"])

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if offer.age_min is not None and offer.age_max is not None and offer.age_min > offer.age_max:
        add("age_max", _("De leeftijd 'tot en met' kan niet lager zijn dan 'vanaf'."))
    if offer.voorliggend_veld and offer.referral_needed:
        add(
            "referral_needed",
            _("Voorliggend veld is hulp zonder verwijzing: zet 'verwijzing nodig' uit."),
        )
    if offer.voorliggend_veld and offer.beschikking_needed:
        add(
            "beschikking_needed",
            _("Voorliggend veld is hulp zonder beschikking: zet 'beschikking nodig' uit."),
        )
    if offer.hulpvorm in HULPVORMEN_MET_VERBLIJF and not offer.with_stay:
        add("with_stay", _("Deze hulpvorm is hulp met verblijf: vink 'met verblijf' aan."))
    if offer.hulpvorm and offer.hulpvorm not in HULPVORMEN_MET_VERBLIJF and offer.with_stay:
        add("with_stay", _("Deze hulpvorm is hulp zonder verblijf: vink 'met verblijf' uit."))
    if gemeenten is None and offer.pk is None:
        add("gemeenten", _("Kies minstens één gemeente waar dit aanbod beschikbaar is."))
    if gemeenten is not None:
        gemeenten = list(gemeenten)
        allowed = _region_gemeente_ids(organisation)
        outside = [g for g in gemeenten if g.pk not in allowed]
        if not gemeenten:
            add("gemeenten", _("Kies minstens één gemeente waar dit aanbod beschikbaar is."))
        elif outside:
            add(
                "gemeenten",
                _("%(names)s hoort niet bij een regio waarin %(org)s actief is.")
                % {"names": ", ".join(g.name for g in outside), "org": organisation.name},
            )
    if locaties is not None:
        locaties = list(locaties)
        if any(loc.organisation_id != organisation.pk for loc in locaties):
            add("locaties", _("Kies alleen locaties van %(org)s.") % {"org": organisation.name})
    _raise_if(errors)
    offer.save()
    for name, values in (
        ("gemeenten", gemeenten),
        ("locaties", locaties),
        ("hulpvragen", hulpvragen),
        ("aandachtspunten", aandachtspunten),
        ("life_domains", life_domains),
        ("expertise", expertise),
    ):
        if values is not None:
            getattr(offer, name).set(values)
    return offer


# --- waiting times ---------------------------------------------------------------------------


def _level_errors(
    *,
    weeks_to_registration,
    weeks_to_intake,
    weeks_to_treatment,
    confirmed_on: dt.date | None = None,
) -> dict[str, list[str]]:
    """Dutch messages per field for the three levels (and the confirmation date)."""
    errors: dict[str, list[str]] = {}
    levels = {
        "weeks_to_registration": weeks_to_registration,
        "weeks_to_intake": weeks_to_intake,
        "weeks_to_treatment": weeks_to_treatment,
    }
    for name, value in levels.items():
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            errors[name] = [_("Vul een aantal weken in (een heel getal).")]
        elif not 0 <= value <= MAX_WEEKS:
            errors[name] = [_("Vul een aantal weken in van 0 tot en met 260.")]
    if not errors:
        if weeks_to_intake < weeks_to_registration:
            errors["weeks_to_intake"] = [
                _("De wachttijd tot intake kan niet korter zijn dan die tot aanmelding.")
            ]
        if weeks_to_treatment < weeks_to_intake:
            errors["weeks_to_treatment"] = [
                _("De wachttijd tot start hulp kan niet korter zijn dan die tot intake.")
            ]
    if confirmed_on is not None:
        if confirmed_on > timezone.localdate():
            errors["confirmed_on"] = [_("De datum van bevestiging kan niet in de toekomst liggen.")]
        elif confirmed_on < FIRST_CONFIRMATION_DAY:
            errors["confirmed_on"] = [
                _("De datum van bevestiging kan niet vóór %(day)s liggen.")
                % {"day": FIRST_CONFIRMATION_DAY.strftime("%d-%m-%Y")}
            ]
    return errors


@transaction.atomic
def confirm_waiting_time(
    offer: Aanbod,
    *,
    actor,
    location: Locatie | None = None,
    weeks_to_registration: int,
    weeks_to_intake: int,
    weeks_to_treatment: int,
    note: str = "",
    confirmed_on: dt.date | None = None,
    imported: bool = False,
    confirmed_by_name: str = "",
) -> Wachttijd:
    """Record a (new or unchanged) waiting time of `offer` (at `location`, or for all its
    locations). `imported`: the confirmation comes from a file (whoever it names in
    `confirmed_by_name`), so the actor who imports it is not recorded as confirming it."""
    if actor is not None and not may_update_waiting_times(actor, offer):
        raise NotAllowed(_("U kunt de wachttijden van dit aanbod niet wijzigen."))
    errors = _level_errors(
        weeks_to_registration=weeks_to_registration,
        weeks_to_intake=weeks_to_intake,
        weeks_to_treatment=weeks_to_treatment,
        confirmed_on=confirmed_on,
    )
    if location is not None and not offer.locaties.filter(pk=location.pk).exists():
        errors["location"] = [_("Dit aanbod wordt niet op deze locatie gegeven.")]
    if len(note or "") > 300:
        errors["note"] = [_("De toelichting is te lang (hoogstens 300 tekens).")]
    if len(confirmed_by_name or "") > 120:
        errors["confirmed_by_name"] = [_("De naam is te lang (hoogstens 120 tekens).")]
    _raise_if(errors)
    by_actor = not imported and getattr(actor, "is_authenticated", False)
    return Wachttijd.objects.create(
        aanbod=offer,
        locatie=location,
        weeks_to_registration=weeks_to_registration,
        weeks_to_intake=weeks_to_intake,
        weeks_to_treatment=weeks_to_treatment,
        confirmed_on=confirmed_on or timezone.localdate(),
        confirmed_by=actor if by_actor else None,
        confirmed_by_name=confirmed_by_name or "",
        note=note or "",
    )


def confirm_unchanged(offer: Aanbod, *, actor, location: Locatie | None = None) -> Wachttijd:
    """'Klopt nog': confirm the current waiting time (of `location`) today, values unchanged."""
    current = current_entries([offer.pk]).get((offer.pk, location.pk if location else None))
    if current is None:
        raise StateConflict(_("Er is nog geen wachttijd om te bevestigen."))
    return confirm_waiting_time(
        offer,
        actor=actor,
        location=location,
        weeks_to_registration=current.weeks_to_registration,
        weeks_to_intake=current.weeks_to_intake,
        weeks_to_treatment=current.weeks_to_treatment,
        note=current.note,
    )


# --- reminders of outdated and missing waiting times ------------------------------------------


def _reminder_text(organisation: Organisation, team: Team, items: list[StaleItem]) -> str:
    lines = [
        _("Beste medewerker van %(org)s,") % {"org": organisation.name},
        "",
        _(
            "Verwijzers en het %(team)s zoeken op de sociale kaart naar passende hulp. Van het "
            "aanbod hieronder is de wachttijd verouderd of nog niet ingevuld. Wilt u die "
            "bevestigen of bijwerken? Dat kan in één klik ('Klopt nog') of via de API."
        )
        % {"team": team.name},
        "",
    ]
    for item in items:
        where = f" ({item.location.name})" if item.location else ""
        if item.missing:
            state = _("nog geen wachttijd")
        else:
            state = _("laatst bevestigd op %(date)s") % {
                "date": item.entry.confirmed_on.strftime("%d-%m-%Y")
            }
        lines.append(f"- {item.offer.name}{where}: {state}")
    lines += ["", _("Met vriendelijke groet,"), _("Coördinator sociale kaart, %s") % team.name]
    return "\n".join(lines)


def send_reminder(
    organisation: Organisation, *, team: Team, actor=None, today: dt.date | None = None
) -> Herinnering | None:
    """E-mail the organisation about its outdated and missing waiting times in the team's
    region. At most once per organisation per day: returns None when already reminded today,
    when nothing is outdated or when no address is known. Refuses (NotAllowed) an actor who
    is not the region's coordinator through this team."""
    if actor is not None and not may_manage_organisation(actor, organisation, team):
        raise NotAllowed(_("Alleen de coördinator sociale kaart kan herinneringen versturen."))
    today = today or timezone.localdate()
    if reminded_today(organisation, today=today):
        return None
    items = stale_items(team, today=today, organisation=organisation)
    recipients = reminder_recipients(organisation)
    if not items or not recipients:
        return None
    try:
        with transaction.atomic():
            reminder = Herinnering.objects.create(
                organisation=organisation,
                team=team,
                sent_on=today,
                sent_by=actor,
                recipient_count=len(recipients),
                entry_count=len(items),
            )
    except IntegrityError:  # sent by someone else a moment ago
        return None
    from passend.jobs.mail import queue_mail

    from .jobs import reminder_mail

    queue_mail(reminder_mail, team=team, reminder_id=reminder.pk)  # sent by the worker
    return reminder


def send_due_reminders(team: Team, *, today: dt.date | None = None) -> list[tuple[str, str]]:
    """The daily job for one team: remind every organisation with outdated or missing
    waiting times. Returns (organisation, what happened) per organisation concerned."""
    today = today or timezone.localdate()
    organisations = {
        i.offer.organisation_id: i.offer.organisation for i in stale_items(team, today=today)
    }
    done = []
    for organisation in sorted(organisations.values(), key=lambda o: o.name):
        if reminded_today(organisation, today=today):
            done.append((organisation.name, _("vandaag al herinnerd")))
        elif send_reminder(organisation, team=team, today=today):
            done.append((organisation.name, SENT))
        else:
            done.append((organisation.name, _("geen e-mailadres bekend")))
    return done
