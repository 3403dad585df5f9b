"""What Passend holds about one person of a case, section by section (AVG art. 15).

Every record of the case is read field by field from the model (so a field added later is in
the export without anyone remembering it): each value decrypted, a choice as its Dutch label,
a related record as its name. Left out are only technical values that are no personal data
in any readable sense: ids, keyed hashes (pseudonyms, the blind name index), the birth month
kept for age groups, and the storage path of an attachment (its file name is in).

Who gets what (see ``person_scope``):
- the young person: the whole case;
- a parent with parental authority (gezag) of a young person under 16 (UAVG art. 5: below 16
  the legal representative exercises the child's rights): the whole case, but of the other
  parents only their name and relation, never their contact details;
- any other parent (no gezag, or the young person is 16 or older): their own data only (their
  parent record, their consents, their AVG requests) and who viewed the file.
The access log of the case is in every export: who (name, role), when, what and why.

Deliberately not in: the pseudonymised analytics record (no name, no BSN, no birth date, no
free text; its key is a random surrogate), a meeting's general notes (about the whole meeting,
not this case), attendance and conflict-of-interest declarations of staff (data about staff).
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.audit.models import Action, Outcome
from passend.audit.selectors import access_log, with_display
from passend.cases.consent_rules import AGE_YOUNG_PERSON_ALONE, age_on

YOUNG_PERSON = "jeugdige"
PARENT_PREFIX = "ouder:"

# Never exported: ids, keyed hashes, derived or storage-internal values.
SKIPPED_FIELDS = {
    "id",
    "casus",
    "team",
    "bsn_pseudonym",
    "name_pseudonym",
    "birth_month",
    "file",
    "advies",
    "overleg",
    "discussion",
    "toekomstplan",
}
# Of the other parents, a parent entitled to the case sees only these.
OTHER_PARENT_FIELDS = ("relation", "first_name", "last_name", "has_gezag")


def value_of(obj, field) -> object:
    """One field's value as plain JSON: decrypted, a choice as its label, a record by name."""
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    value = getattr(obj, field.attname)
    if value in (None, ""):
        return value
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int):
        return value
    return str(value)


def record(obj, *, only=None, extra: dict | None = None) -> dict:
    """The record as {field name: value}, many-to-many fields as lists of names."""
    out = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or (only is not None and field.name not in only):
            continue
        out[field.name] = value_of(obj, field)
    if only is None:
        for field in obj._meta.many_to_many:
            out[field.name] = [str(item) for item in getattr(obj, field.name).all()]
    out.update(extra or {})
    return out


def section(title: str, model, records: list[dict]) -> dict:
    return {"title": title, "model": model._meta.label_lower, "records": records}


def parse_person(casus, person: str):
    """(kind, parent or None) for 'jeugdige' or 'ouder:<id>' of this case; None when unknown."""
    person = (person or "").strip()
    if person == YOUNG_PERSON:
        return YOUNG_PERSON, None
    if person.startswith(PARENT_PREFIX):
        ident = person.removeprefix(PARENT_PREFIX)
        if ident.isascii() and ident.isdigit():
            ouder = casus.ouders.filter(pk=int(ident)).first()
            if ouder is not None:
                return "ouder", ouder
    return None


def persons_of(casus) -> list[dict]:
    """The persons of the case an AVG request can be about."""
    name = " ".join(p for p in (casus.first_name, casus.last_name) if p)
    persons = [{"key": YOUNG_PERSON, "name": name, "role": _("jeugdige")}]
    for ouder in casus.ouders.order_by("id"):
        persons.append(
            {
                "key": f"{PARENT_PREFIX}{ouder.pk}",
                "name": " ".join(p for p in (ouder.first_name, ouder.last_name) if p),
                "role": ouder.get_relation_display(),
                "has_gezag": ouder.has_gezag,
            }
        )
    return persons


def parent_gets_case(casus, ouder, *, on: dt.date) -> bool:
    """A parent with gezag of a young person under 16 (or of unknown age) gets the case."""
    if not ouder.has_gezag:
        return False
    if casus.birth_date is None:
        return True
    try:
        return age_on(casus.birth_date, on) < AGE_YOUNG_PERSON_ALONE
    except ValueError:
        return True


def person_scope(casus, person: str, *, on: dt.date) -> tuple[str, object, bool]:
    """(kind, parent or None, whole case?) of a valid person key; ValueError if unknown."""
    parsed = parse_person(casus, person)
    if parsed is None:
        raise ValueError(person)
    kind, ouder = parsed
    whole_case = kind == YOUNG_PERSON or parent_gets_case(casus, ouder, on=on)
    return kind, ouder, whole_case


def _case_sections(casus, *, ouder) -> list[dict]:
    from passend.advice.models import Advies, Opvolging, Toelichtingsverzoek
    from passend.analysis.models import AnalyseStap, TijdlijnEpisode
    from passend.cases.models import Bijlage, Casus, Ouder, Statuswijziging, Toestemming
    from passend.meetings.models import Casusbespreking, Gast
    from passend.procesregie.models import (
        Actie,
        Doel,
        Escalatie,
        Regiegesprek,
        Toekomstplan,
        ToekomstplanRegel,
    )

    parents = []
    for other in casus.ouders.order_by("id"):
        own = ouder is None or other.pk == ouder.pk
        parents.append(record(other, only=None if own else OTHER_PARENT_FIELDS))
    adviezen = list(casus.adviezen.order_by("version", "id"))
    discussions = list(casus.discussions.select_related("overleg").order_by("created_at", "id"))
    plan = Toekomstplan.objects.filter(casus=casus).first()
    return [
        section(_("De casus en de jeugdige"), Casus, [record(casus)]),
        section(_("Ouders en verzorgers"), Ouder, parents),
        section(
            _("Toestemmingen"),
            Toestemming,
            [record(c) for c in casus.consents.select_related("ouder", "recorded_by")],
        ),
        section(
            _("Statusgeschiedenis"),
            Statuswijziging,
            [record(t) for t in casus.transitions.select_related("actor")],
        ),
        section(
            _("Bijlagen"),
            Bijlage,
            [record(b) for b in casus.bijlagen.select_related("uploaded_by")],
        ),
        section(
            _("Tijdlijn"),
            TijdlijnEpisode,
            [record(e) for e in casus.episodes.order_by("start", "id")],
        ),
        section(
            _("Analyse"),
            AnalyseStap,
            [record(s) for s in casus.analysis_steps.order_by("written_at", "id")],
        ),
        section(
            _("Besprekingen in het overleg"),
            Casusbespreking,
            [record(d, extra={"overleg": str(d.overleg)}) for d in discussions],
        ),
        section(
            _("Gasten bij de bespreking"),
            Gast,
            [record(g) for g in Gast.objects.filter(discussion__in=discussions).order_by("id")],
        ),
        section(_("Adviezen"), Advies, [record(a) for a in adviezen]),
        section(
            _("Verzoeken om toelichting"),
            Toelichtingsverzoek,
            [
                record(t, extra={"advies": str(t.advies)})
                for t in Toelichtingsverzoek.objects.filter(advies__in=adviezen).order_by("id")
            ],
        ),
        section(
            _("Opvolging van het advies"),
            Opvolging,
            [
                record(o, extra={"advies": str(o.advies)})
                for o in Opvolging.objects.filter(advies__in=adviezen).order_by("due_on", "id")
            ],
        ),
        section(_("Doelen"), Doel, [record(g) for g in casus.goals.order_by("order", "id")]),
        section(_("Acties"), Actie, [record(a) for a in casus.actions.order_by("deadline", "id")]),
        section(
            _("Regiegesprekken"),
            Regiegesprek,
            [record(r) for r in casus.regiegesprekken.order_by("held_on", "id")],
        ),
        section(
            _("Escalaties"),
            Escalatie,
            [record(e) for e in casus.escalations.order_by("escalated_on", "id")],
        ),
        section(_("Toekomstplan"), Toekomstplan, [record(plan)] if plan else []),
        section(
            _("Toekomstplan per leefgebied"),
            ToekomstplanRegel,
            [record(r) for r in plan.rows.order_by("id")] if plan else [],
        ),
    ]


def _own_sections(casus, ouder) -> list[dict]:
    from passend.cases.models import Ouder, Toestemming

    return [
        section(_("Uw gegevens als ouder of verzorger"), Ouder, [record(ouder)]),
        section(
            _("Uw toestemmingen"),
            Toestemming,
            [record(c) for c in ouder.consents.select_related("recorded_by")],
        ),
    ]


def _avg_requests(casus, person: str, *, whole_case: bool) -> dict:
    from .models import AvgVerzoek

    requests = casus.avg_verzoeken.select_related("handled_by")
    if not whole_case:
        requests = requests.filter(person=person)
    return section(_("AVG-verzoeken"), AvgVerzoek, [record(r) for r in requests])


def _logged_subjects(casus) -> Q:
    """The access-log subjects that are this case: the case itself, its records logged by
    their own id, and the meetings where it was discussed (their pages show the case)."""
    records = {
        "casus": [casus.pk],
        "overleg": casus.discussions.values_list("overleg_id", flat=True),
        "casusbespreking": casus.discussions.values_list("pk", flat=True),
        "toestemming": casus.consents.values_list("pk", flat=True),
        "bijlage": casus.bijlagen.values_list("pk", flat=True),
        "advies": casus.adviezen.values_list("pk", flat=True),
        "actie": casus.actions.values_list("pk", flat=True),
        "escalatie": casus.escalations.values_list("pk", flat=True),
        "tijdlijnepisode": casus.episodes.values_list("pk", flat=True),
    }
    query = Q()
    for subject_type, ids in records.items():
        query |= Q(subject_type=subject_type, subject_id__in=[str(i) for i in ids])
    return query


def viewers(casus, *, actor) -> list[dict]:
    """Who viewed or changed the file: the access-log entries of the case, its records and
    the meetings where it was discussed, oldest first."""
    entries = with_display(
        actor, access_log(actor, team=casus.team).filter(_logged_subjects(casus))
    )
    return [
        {
            "timestamp": timezone.localtime(e.timestamp).isoformat(timespec="seconds"),
            "who": e.display.actor,
            "role": e.display.roles,
            "organisation": e.organisation,
            "action": str(Action(e.action).label) if e.action in Action.values else e.action,
            "subject": e.display.subject,
            "purpose": e.purpose,
            "outcome": str(Outcome(e.outcome).label) if e.outcome in Outcome.values else "",
        }
        for e in reversed(entries)
    ]


VIEWER_LABELS = {
    "timestamp": "tijdstip",
    "who": "wie",
    "role": "rol",
    "organisation": "organisatie",
    "action": "handeling",
    "subject": "gegeven",
    "purpose": "doel",
    "outcome": "uitkomst",
}


def collect(casus, person: str, *, actor, now=None) -> dict:
    """The export of `person` (a valid key, see ``person_scope``) as a plain dict."""
    now = now or timezone.now()
    _kind, ouder, whole_case = person_scope(casus, person, on=timezone.localdate(now))
    sections = _case_sections(casus, ouder=ouder) if whole_case else _own_sections(casus, ouder)
    sections.append(_avg_requests(casus, person, whole_case=whole_case))
    subject = persons_of(casus)
    subject = next(p for p in subject if p["key"] == person)
    return {
        "kind": "avg-inzage",
        "generated_at": timezone.localtime(now).isoformat(timespec="seconds"),
        "team": casus.team.name,
        "team_email": casus.team.email,
        "case_reference": casus.reference,
        "person": {"key": person, "name": subject["name"], "role": str(subject["role"])},
        "scope": "casus" if whole_case else "eigen gegevens",
        "sections": sections,
        "access_log": viewers(casus, actor=actor),
    }


def field_labels(model_label: str) -> dict:
    """{field name: Dutch label} of a section's model (for the readable PDF)."""
    model = apps.get_model(model_label)
    out = {}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        out[field.name] = str(getattr(field, "verbose_name", field.name))
    return out
