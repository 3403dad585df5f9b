"""The row checks of the sociale kaart import: every problem in a row becomes one Dutch message
naming the row and the column, and every row that passes becomes part of the plan. Used by the
importer's dry run and import; nothing here writes. What the services refuse while writing is
reported on the column the refused field came from (ORGANISATION_COLUMNS, OFFER_COLUMNS)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.cases.codes import HULPVORMEN_MET_VERBLIJF, Hulpvorm, Productcategorie
from passend.cases.models import LifeDomain
from passend.regions.models import Gemeente, Organisation

from ..models import Aanbod, Aandachtspunt, Expertisegebied, Hulpvraag, Wachttijd
from .format import BY_KEY, OFFER, WAIT
from .planning import OfferPlan, OrgPlan, RowError

TRUE = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
FALSE = {"nee", "n", "no", "onwaar", "false", "0"}
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%y", "%d.%m.%Y")
PHONE = re.compile(r"^[0-9+()\- ]{6,20}$")
ORG_FIELDS = {"kvk": "kvk_number", "website": "website", "email": "email", "phone": "phone"}
PROFILE_FIELDS = {
    "org_description": "description",
    "contact_name": "contact_name",
    "contact_phone": "contact_phone",
    "contact_email": "contact_email",
}
CODE_LISTS = {
    "org_expertise": (Expertisegebied, "expertisegebied"),
    "offer_expertise": (Expertisegebied, "expertisegebied"),
    "hulpvragen": (Hulpvraag, "hulpvraag"),
    "aandachtspunten": (Aandachtspunt, "aandachtspunt"),
    "life_domains": (LifeDomain, "leefgebied"),
}
OFFER_M2M = {
    "hulpvragen": "hulpvragen",
    "aandachtspunten": "aandachtspunten",
    "life_domains": "life_domains",
    "offer_expertise": "expertise",
}
WAITING_FIELDS = {
    "weeks_registration": "weeks_to_registration",
    "weeks_intake": "weeks_to_intake",
    "weeks_treatment": "weeks_to_treatment",
    "confirmed_on": "confirmed_on",
    "confirmed_by": "confirmed_by_name",
}
OFFER_VALUES = (
    "name",
    "description",
    "productcategorie",
    "hulpvorm",
    "voorliggend_veld",
    "with_stay",
    "age_min",
    "age_max",
    "referral_needed",
    "beschikking_needed",
    "active",
    "gemeenten",
)
# Field of a service (save_organisation, save_profile; save_offer, confirm_waiting_time) ->
# the column it came from.
ORGANISATION_COLUMNS = {
    "name": "org_name",
    **{f: c for c, f in ORG_FIELDS.items()},
    **{f: c for c, f in PROFILE_FIELDS.items()},
    "expertise": "org_expertise",
    "contracted_by": "contracted_by",
}
OFFER_COLUMNS = {
    **{f: f for f in OFFER_VALUES},
    **{f: c for c, f in OFFER_M2M.items()},
    **{f: c for c, f in WAITING_FIELDS.items()},
}


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def split_list(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[|;\n]", value) if p.strip()]


class Lookup:
    """A code list matched on code or label, case-insensitive."""

    def __init__(self, items, code=lambda i: i.code, label=lambda i: i.label):
        self.items: dict[str, object] = {}
        for item in items:
            self.items.setdefault(norm(str(label(item))), item)
        for item in items:
            self.items[norm(str(code(item)))] = item

    def get(self, text: str):
        return self.items.get(norm(text))

    def many(self, value: str) -> tuple[list, list[str]]:
        """(found items, unknown parts). A part with commas that is not itself a label is
        read as a comma-separated list."""
        found, unknown = [], []
        for part in split_list(value):
            item = self.get(part)
            if item is None and "," in part:
                subs = [s.strip() for s in part.split(",") if s.strip()]
                items = [self.get(s) for s in subs]
                found += [i for i in items if i is not None]
                unknown += [s for s, i in zip(subs, items, strict=True) if i is None]
            elif item is None:
                unknown.append(part)
            elif item not in found:
                found.append(item)
        return found, unknown


def _code_lookup(items) -> Lookup:
    """A region's code list, matched on code, Dutch label or English label."""
    items = list(items)
    lookup = Lookup(items, label=lambda i: i.label_nl)
    for item in items:
        if item.label_en:
            lookup.items.setdefault(norm(item.label_en), item)
    return lookup


def _choice_lookup(choices) -> Lookup:
    return Lookup(list(choices), code=lambda c: c[0], label=lambda c: c[1])


class RowChecker:
    def __init__(self, team):
        self.team = team
        self.region = team.region
        self.today = timezone.localdate()
        self.errors: list[RowError] = []
        self.organisations: dict[str, OrgPlan] = {}
        self.offers: list[OfferPlan] = []
        self._offer_rows: dict[tuple[str, str], int] = {}
        self.lists = {
            key: _code_lookup(model.objects.of_region(self.region))
            for key, (model, _n) in CODE_LISTS.items()
        }
        self.productcategorie = _choice_lookup(Productcategorie.choices)
        self.hulpvorm = _choice_lookup(Hulpvorm.choices)
        gemeenten = list(Gemeente.objects.select_related("region"))
        self.gemeenten = Lookup(gemeenten, code=lambda g: g.cbs_code, label=lambda g: g.name)
        self.existing_orgs: dict[str, list] = {}
        for org in Organisation.objects.filter(regions=self.region).distinct():
            self.existing_orgs.setdefault(norm(org.name), []).append(org)
        self.existing_offers: dict[tuple[int, str], list] = {}
        for offer in Aanbod.objects.filter(organisation__regions=self.region).distinct():
            self.existing_offers.setdefault((offer.organisation_id, norm(offer.name)), []).append(
                offer
            )

    # -- helpers ---------------------------------------------------------------------------

    def error(self, row: int, key: str | None, message: str) -> None:
        self.errors.append(RowError(row, BY_KEY[key].header if key else None, message))

    def integer(self, row, key, value, minimum, maximum):
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            number = None
        if number is None:
            self.error(row, key, _("'%(value)s' is geen getal.") % {"value": value})
            return None
        if not number.is_integer():
            self.error(row, key, _("'%(value)s' is geen heel getal.") % {"value": value})
            return None
        if not minimum <= number <= maximum:
            self.error(
                row,
                key,
                _("%(value)s ligt niet tussen %(min)s en %(max)s.")
                % {"value": value, "min": minimum, "max": maximum},
            )
            return None
        return int(number)

    def boolean(self, row, key, value):
        text = norm(value)
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        self.error(row, key, _("'%(value)s' is geen ja of nee.") % {"value": value})
        return None

    def date(self, row, key, value):
        for fmt in DATE_FORMATS:
            try:
                day = dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
            if day > self.today:
                self.error(row, key, _("%(value)s ligt in de toekomst.") % {"value": value})
                return None
            return day
        self.error(
            row, key, _("'%(value)s' is geen geldige datum (dd-mm-jjjj).") % {"value": value}
        )
        return None

    def codes(self, row, key, value) -> list:
        list_name = CODE_LISTS[key][1]
        found, unknown = self.lists[key].many(value)
        for part in unknown:
            self.error(
                row,
                key,
                _("'%(value)s' is geen bekende code of omschrijving van een %(list)s.")
                % {"value": part, "list": list_name},
            )
        return found

    def gemeente_list(self, row, key, value) -> list:
        found, unknown = self.gemeenten.many(value)
        for part in unknown:
            self.error(
                row,
                key,
                _("'%(value)s' is geen bekende gemeente (CBS-code GM0000 of naam).")
                % {"value": part},
            )
        for gemeente in found:
            if gemeente.region_id != self.region.pk:
                self.error(
                    row,
                    key,
                    _("gemeente %(name)s (%(code)s) hoort niet bij jeugdregio %(region)s.")
                    % {"name": gemeente.name, "code": gemeente.cbs_code, "region": self.region},
                )
        return [g for g in found if g.region_id == self.region.pk]

    def text(self, row, key, value, max_length) -> str | None:
        if len(value) > max_length:
            self.error(
                row, key, _("de tekst is te lang (meer dan %(max)s tekens).") % {"max": max_length}
            )
            return None
        return value

    # -- rows --------------------------------------------------------------------------------

    def check_row(self, row: int, record: dict[str, str]) -> None:
        org = self.check_organisation(row, record)
        has_offer_data = any(
            record.get(c.key)
            for c in BY_KEY.values()
            if c.part in (OFFER, WAIT) and c.key != "name"
        )
        if record.get("name"):
            # Without an organisation the offer is still checked, to report every problem.
            self.check_offer(row, record, org or OrgPlan(key="", name="", row=row))
        elif has_offer_data:
            self.error(
                row,
                "name",
                _("deze rij heeft gegevens van een aanbod, maar geen naam van het aanbod."),
            )

    def check_organisation(self, row: int, record: dict[str, str]) -> OrgPlan | None:
        name = record.get("org_name", "")
        if not name:
            self.error(row, "org_name", _("dit veld is verplicht."))
            return None
        if self.text(row, "org_name", name, 200) is None:
            return None
        key = norm(name)
        plan = self.organisations.get(key)
        if plan is None:
            existing = self.existing_orgs.get(key, [])
            if len(existing) > 1:
                self.error(
                    row,
                    "org_name",
                    _(
                        "er zijn meerdere organisaties met deze naam in de jeugdregio; "
                        "pas dit eerst aan in het beheer."
                    ),
                )
            plan = OrgPlan(key=key, name=name, row=row, existing=existing[0] if existing else None)
            self.organisations[key] = plan
        values = self._organisation_values(row, record)
        for column, value in values.items():
            seen = plan.sources.get(column)
            if seen and seen[1] != value:
                self.error(
                    row,
                    column,
                    _("wijkt af van rij %(row)s; een organisatie heeft één waarde.")
                    % {"row": seen[0]},
                )
                continue
            plan.sources.setdefault(column, (row, value))
            if column in ORG_FIELDS:
                plan.fields[ORG_FIELDS[column]] = value
            elif column in PROFILE_FIELDS:
                plan.profile[PROFILE_FIELDS[column]] = value
            elif column == "org_expertise":
                plan.expertise = list(value)
            elif column == "contracted_by":
                plan.contracted_by = list(value)
        return plan

    def _organisation_values(self, row: int, record: dict[str, str]) -> dict:
        values = {}
        kvk = re.sub(r"[\s.]", "", record.get("kvk", ""))
        if kvk:
            if re.fullmatch(r"\d{8}", kvk):
                values["kvk"] = kvk
            else:
                self.error(
                    row, "kvk", _("'%(value)s' is geen KvK-nummer van 8 cijfers.") % {"value": kvk}
                )
        website = record.get("website", "")
        if website:
            if "://" not in website:
                website = "https://" + website
            try:
                URLValidator()(website)
                values["website"] = self.text(row, "website", website, 200)
            except ValidationError:
                self.error(
                    row, "website", _("'%(value)s' is geen geldig webadres.") % {"value": website}
                )
        for column in ("email", "contact_email"):
            if value := record.get(column, ""):
                try:
                    validate_email(value)
                    values[column] = value
                except ValidationError:
                    self.error(
                        row, column, _("'%(value)s' is geen geldig e-mailadres.") % {"value": value}
                    )
        for column in ("phone", "contact_phone"):
            if value := record.get(column, ""):
                if PHONE.match(value):
                    values[column] = value
                else:
                    self.error(
                        row,
                        column,
                        _("'%(value)s' is geen geldig telefoonnummer.") % {"value": value},
                    )
        if value := record.get("contact_name", ""):
            values["contact_name"] = self.text(row, "contact_name", value, 120)
        if value := record.get("org_description", ""):
            values["org_description"] = value
        if value := record.get("org_expertise", ""):
            values["org_expertise"] = tuple(self.codes(row, "org_expertise", value))
        if value := record.get("contracted_by", ""):
            values["contracted_by"] = tuple(self.gemeente_list(row, "contracted_by", value))
        return {k: v for k, v in values.items() if v is not None}

    def check_offer(self, row: int, record: dict[str, str], org: OrgPlan) -> None:
        name = record["name"]
        if self.text(row, "name", name, 160) is None:
            return
        first = self._offer_rows.setdefault((org.key, norm(name)), row)
        if first != row:
            self.error(
                row,
                "name",
                _("dit aanbod van deze organisatie staat ook in rij %(row)s.") % {"row": first},
            )
            return
        plan = OfferPlan(org_key=org.key, org_name=org.name, name=name, row=row)
        if org.existing is not None:
            matches = self.existing_offers.get((org.existing.pk, norm(name)), [])
            if len(matches) > 1:
                self.error(
                    row, "name", _("de organisatie heeft meerdere aanbiedingen met deze naam.")
                )
            plan.existing = matches[0] if matches else None
        values = plan.values
        values["description"] = record.get("description", "")
        if not values["description"]:
            self.error(row, "description", _("dit veld is verplicht bij een aanbod."))
        for key, lookup in (
            ("productcategorie", self.productcategorie),
            ("hulpvorm", self.hulpvorm),
        ):
            value = record.get(key, "")
            code = value.zfill(2) if value.isdigit() else value
            choice = lookup.get(code) if value else ("", "")
            if choice is None:
                self.error(
                    row,
                    key,
                    _("'%(value)s' is geen bekende code of omschrijving.") % {"value": value},
                )
            else:
                values[key] = choice[0]
        flags = {}
        for key in (
            "voorliggend_veld",
            "with_stay",
            "referral_needed",
            "beschikking_needed",
            "active",
        ):
            if value := record.get(key, ""):
                flags[key] = self.boolean(row, key, value)
        light = bool(flags.get("voorliggend_veld"))
        hulpvorm = values.get("hulpvorm")
        stay_by_form = hulpvorm in HULPVORMEN_MET_VERBLIJF if hulpvorm else None
        given_stay = flags.get("with_stay")
        if None not in (given_stay, stay_by_form) and given_stay != stay_by_form:
            self.error(
                row,
                "with_stay",
                _("past niet bij hulpvorm '%(form)s'.") % {"form": Hulpvorm(hulpvorm).label},
            )
        for key in ("referral_needed", "beschikking_needed"):
            if light and flags.get(key):
                self.error(
                    row, key, _("voorliggend veld is hulp zonder verwijzing of beschikking.")
                )
        values["voorliggend_veld"] = light
        values["with_stay"] = flags.get("with_stay", bool(stay_by_form))
        values["referral_needed"] = flags.get("referral_needed", not light)
        values["beschikking_needed"] = flags.get("beschikking_needed", not light)
        values["active"] = flags.get("active", True)
        age_min, age_max = 0, 23
        if value := record.get("age_min", ""):
            age_min = self.integer(row, "age_min", value, 0, 27)
        if value := record.get("age_max", ""):
            age_max = self.integer(row, "age_max", value, 0, 27)
        if age_min is not None and age_max is not None and age_min > age_max:
            self.error(
                row,
                "age_max",
                _("leeftijd van (%(min)s) is hoger dan leeftijd tot (%(max)s).")
                % {"min": age_min, "max": age_max},
            )
        values["age_min"], values["age_max"] = age_min, age_max
        for key, attr in OFFER_M2M.items():
            plan.m2m[attr] = self.codes(row, key, record[key]) if record.get(key) else []
        if record.get("gemeenten"):
            plan.gemeenten = self.gemeente_list(row, "gemeenten", record["gemeenten"])
        else:
            self.error(row, "gemeenten", _("vul ten minste één gemeente in (het werkgebied)."))
        plan.waiting = self.check_waiting(row, record)
        if plan.waiting and plan.existing is not None:
            plan.waiting_known = Wachttijd.objects.filter(
                aanbod=plan.existing,
                locatie=None,
                **{k: v for k, v in plan.waiting.items() if k != "confirmed_by_name"},
            ).exists()
        self.offers.append(plan)

    def check_waiting(self, row: int, record: dict[str, str]) -> dict | None:
        keys = ("weeks_registration", "weeks_intake", "weeks_treatment", "confirmed_on")
        if not any(record.get(k) for k in (*keys, "confirmed_by")):
            return None
        weeks = []
        for key in keys[:3]:
            if value := record.get(key, ""):
                weeks.append(self.integer(row, key, value, 0, 260))
            else:
                self.error(row, key, _("vul alle drie de wachttijden in, of geen."))
                weeks.append(None)
        confirmed_on = None
        if value := record.get("confirmed_on", ""):
            confirmed_on = self.date(row, "confirmed_on", value)
        else:
            self.error(row, "confirmed_on", _("vul de datum in waarop de wachttijd is bevestigd."))
        by = self.text(row, "confirmed_by", record.get("confirmed_by", ""), 120)
        if None not in weeks and not weeks[0] <= weeks[1] <= weeks[2]:
            self.error(
                row,
                "weeks_treatment",
                _(
                    "de wachttijden lopen niet op: aanmelding (%(a)s) ≤ intake (%(b)s) ≤ "
                    "start hulp (%(c)s) weken."
                )
                % {"a": weeks[0], "b": weeks[1], "c": weeks[2]},
            )
            return None
        if None in weeks or confirmed_on is None or by is None:
            return None
        return {
            "weeks_to_registration": weeks[0],
            "weeks_to_intake": weeks[1],
            "weeks_to_treatment": weeks[2],
            "confirmed_on": confirmed_on,
            "confirmed_by_name": by,
        }
