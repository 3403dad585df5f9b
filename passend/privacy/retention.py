"""Retention that deletes (spec §2.13): the anonymisation of a case and the daily retention run.

``anonymise_case`` is THE erasure, used by the retention run and by an AVG erasure request. In
one transaction it

- keeps the case as an anonymised husk: its state, dates, codes and the records of the workflow
  (transitions, discussions, advice versions, follow-ups, escalations …) stay, so the workflow
  and every count keep working; ``anonymised_at`` records the moment;
- clears every identifying field of the case (names, BSN, birth date and month, address, the
  pseudonyms) and all free text, on the case and on every record that hangs off it (analysis,
  timeline, perspectief, minutes and evaluation of discussions, advice text, clarification
  requests, follow-up notes, plan van aanpak, regiegesprekken, escalations, toekomstplan,
  status-change reasons, the witness of a consent);
- deletes the parents (their consents go with them), the attachments (their files are removed
  from storage once the transaction commits) and the name-index tokens;
- cuts the link of the analytics record (``passend.analytics.services.unlink_case``): the fact
  rows stay unchanged;
- writes one access-log entry (action delete on the case, purpose "bewaartermijn" or
  "AVG-verzoek"), which names no person: the subject is the case id.

What is free text is found from the models, not from a list: every text field that is not a
code (no choices) is cleared, every encrypted field too, so a field added later is covered.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedFieldMixin

from passend.advice.rules import add_months
from passend.analytics.services import unlink_case
from passend.audit.models import Action
from passend.audit.services import log_system
from passend.cases.codes import CaseState
from passend.cases.models import Bijlage, Casus, NameToken, Ouder, Statuswijziging
from passend.jobs.queue import job

from .models import RetentieRun

REASONS = {"retention": "bewaartermijn", "avg": "AVG-verzoek"}
DRAFT_DAYS = 30
# Final states: closed, and the registrations the screening rejected or redirected.
CLOSED_STATES = (CaseState.AFGESLOTEN,)
DECIDED_STATES = (CaseState.AFGEWEZEN, CaseState.DOORVERWEZEN, CaseState.CRISIS_DOORVERWEZEN)

# Records that go entirely: parents (with their consents), attachments, the name index.
DELETED = (Ouder, Bijlage, NameToken)
# Text fields that are no personal data and stay: the case number; of an AVG request (the
# accountability for it) who asked (a role and id, never a name) and the legal ground (a code).
# Its free-text explanation of a refusal may name the person: it goes like all free text.
KEPT_TEXT = {
    ("cases", "casus", "reference"),
    ("privacy", "avgverzoek", "person"),
    ("privacy", "avgverzoek", "refusal_ground"),
}
# Records that hang off the case but are not cleared here: the analytics record (unlinked,
# unchanged).
NOT_CLEARED = {("analytics", "casusfeit")}


def _is_personal_text(model, field) -> bool:
    if not field.concrete or field.primary_key or field.is_relation:
        return False
    if (model._meta.app_label, model._meta.model_name, field.name) in KEPT_TEXT:
        return False
    if isinstance(field, EncryptedFieldMixin):
        return True
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def cleared_values(model) -> dict:
    """The update that clears every identifying field and all free text of `model`: NULL where
    the column allows it, else the empty string (written as such, not encrypted)."""
    values = {}
    for field in model._meta.get_fields():
        if _is_personal_text(model, field):
            values[field.attname] = (
                None if field.null else models.Value("", output_field=models.CharField())
            )
    return values


def _dependants(model, depth: int = 0):
    """(model, lookup to the case) for every record that hangs off a case, also through
    another record (advice → follow-ups, discussion → guests)."""
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many or related in DELETED:
            continue
        if (related._meta.app_label, related._meta.model_name) in NOT_CLEARED:
            continue
        yield related, relation.field.name
        if depth < 2:
            for deeper, path in _dependants(related, depth + 1):
                yield deeper, f"{path}__{relation.field.name}"


def case_records():
    """Every model and its lookup to the case, each once (cases.Toestemming: the young
    person's own consent; a parent's consent goes with the parent), by the shortest lookup
    (an action of the plan hangs off the case itself, not only through a goal)."""
    shortest: dict = {}
    for model, path in _dependants(Casus):
        if model not in shortest or path.count("__") < shortest[model].count("__"):
            shortest[model] = path
    return list(shortest.items())


def _delete_files(names: list[tuple]) -> None:
    for storage, name in names:
        if name and storage.exists(name):
            storage.delete(name)


@transaction.atomic
def anonymise_case(casus, *, reason: str, actor=None, now=None) -> dict[str, int]:
    """THE erasure of a case (retention, or an AVG erasure request): see the module docstring.
    Returns counts per model: "deleted.<app.Model>", "cleared.<app.Model>", and "files"."""
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {sorted(REASONS)}")
    now = now or timezone.now()
    locked = Casus.objects.select_for_update().get(pk=casus.pk)
    counts: dict[str, int] = {}

    files = [(b.file.storage, b.file.name) for b in Bijlage.objects.filter(casus=locked)]
    for model in DELETED:
        _total, detail = model.objects.filter(casus=locked).delete()
        for label, number in detail.items():
            counts[f"deleted.{label}"] = counts.get(f"deleted.{label}", 0) + number
    counts["files"] = len(files)

    for model, path in case_records():
        values = cleared_values(model)
        if values:
            counts[f"cleared.{model._meta.label}"] = model.objects.filter(**{path: locked}).update(
                **values
            )

    values = cleared_values(Casus)
    values.update(
        birth_date=None,
        birth_month=None,
        anonymised_at=locked.anonymised_at or now,
        updated_at=now,
    )
    counts["cleared.cases.Casus"] = Casus.objects.filter(pk=locked.pk).update(**values)
    counts["unlinked.analytics.CasusFeit"] = unlink_case(locked, now=now)

    log_system(
        action=Action.DELETE,
        subject_type="casus",
        subject_ids=[locked.pk],
        purpose=REASONS[reason],
        team=locked.team,
        actor=actor,
        access_point=f"taak anonimiseren ({reason})",
    )
    transaction.on_commit(lambda: _delete_files(files))
    casus.refresh_from_db()
    return {key: number for key, number in counts.items() if number}


@transaction.atomic
def delete_draft(casus, *, actor=None) -> dict[str, int]:
    """An abandoned draft goes entirely, with everything that hangs off it."""
    locked = Casus.objects.select_for_update().get(pk=casus.pk)
    files = [(b.file.storage, b.file.name) for b in Bijlage.objects.filter(casus=locked)]
    unlink_case(locked)
    log_system(
        action=Action.DELETE,
        subject_type="casus",
        subject_ids=[locked.pk],
        purpose="bewaartermijn concept",
        team=locked.team,
        actor=actor,
        access_point="taak bewaartermijn",
    )
    _total, detail = locked.delete()
    transaction.on_commit(lambda: _delete_files(files))
    return {f"deleted.{label}": number for label, number in detail.items() if number}


# -- the retention run -------------------------------------------------------------------------


def retention_cutoff(team, today: dt.date) -> dt.date:
    """Cases closed (or decided) before this day are past the team's retention period."""
    return add_months(today, -team.retention_months)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def due_cases(team, *, now=None):
    """The team's cases past their retention period, not yet anonymised: closed longer ago
    than the team's period, or rejected / redirected by the screening longer ago than that
    (from the decision). Open cases never."""
    today = timezone.localdate(now or timezone.now())
    last_final = (
        Statuswijziging.objects.filter(casus=OuterRef("pk"), to_state=OuterRef("state"))
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    return (
        Casus.objects.filter(
            team=team,
            is_draft=False,
            anonymised_at__isnull=True,
            state__in=(*CLOSED_STATES, *DECIDED_STATES),
        )
        .annotate(final_at=Coalesce(Subquery(last_final), "updated_at"))
        .filter(final_at__lt=_start_of(retention_cutoff(team, today)))
        .order_by("pk")
    )


def due_drafts(team, *, now=None):
    """Drafts never sent and untouched for more than 30 days."""
    today = timezone.localdate(now or timezone.now())
    cutoff = _start_of(today - dt.timedelta(days=DRAFT_DAYS))
    return Casus.objects.filter(team=team, is_draft=True, updated_at__lt=cutoff).order_by("pk")


def due_counts(team, *, now=None) -> dict[str, int]:
    return {
        "casussen": due_cases(team, now=now).count(),
        "concepten": due_drafts(team, now=now).count(),
    }


def recent_runs(team, *, limit: int = 20) -> list[dict]:
    """The latest runs that covered `team` (every run, or a dry run for this team only), each
    with this team's counts."""
    runs = RetentieRun.objects.filter(
        models.Q(counts__team__isnull=True) | models.Q(counts__team=team.slug)
    ).select_related("by")[:limit]
    empty = {"casussen": 0, "concepten": 0}
    return [{"run": run, **run.counts.get("teams", {}).get(team.slug, empty)} for run in runs]


def _add(total: dict, counts: dict) -> None:
    for key, number in counts.items():
        total[key] = total.get(key, 0) + number


def apply_retention(*, dry_run=False, now=None, trigger="command", by=None, team=None):
    """Anonymise every case past its team's retention period and delete abandoned drafts
    (or, with ``dry_run``, only count them). Idempotent: a second run finds nothing. Every run
    is recorded (RetentieRun with the counts per team) and access-logged. ``team`` limits the
    run to one team (the beheerder's dry run on the page)."""
    from passend.regions.models import Team

    now = now or timezone.now()
    run = RetentieRun.objects.create(started_at=now, dry_run=dry_run, trigger=trigger, by=by)
    teams = Team.objects.filter(pk=team.pk) if team is not None else Team.objects.all()
    counts: dict = {"casussen": 0, "concepten": 0, "teams": {}, "records": {}}
    if team is not None:
        counts["team"] = team.slug
    for each in teams.order_by("pk"):
        cases, drafts = list(due_cases(each, now=now)), list(due_drafts(each, now=now))
        if not (cases or drafts):
            continue
        counts["teams"][each.slug] = {"casussen": len(cases), "concepten": len(drafts)}
        counts["casussen"] += len(cases)
        counts["concepten"] += len(drafts)
        if dry_run:
            continue
        for casus in cases:
            _add(counts["records"], anonymise_case(casus, reason="retention", actor=by, now=now))
        for draft in drafts:
            _add(counts["records"], delete_draft(draft, actor=by))
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    log_system(
        action=Action.READ if dry_run else Action.DELETE,
        subject_type="bewaartermijnrun",
        subject_ids=[run.pk],
        purpose="bewaartermijn proefdraai" if dry_run else "bewaartermijn",
        team=team,
        actor=by,
        access_point=f"taak bewaartermijn ({trigger})",
    )
    if not dry_run:
        checkpoint_sqlite()
    return run


def checkpoint_sqlite(using=None) -> bool:
    """On SQLite in WAL mode: copy the write-ahead log into the database file and empty it, so
    the old versions of the removed values do not linger in the -wal file (with secure_delete
    on, the freed pages are zeroed). Nothing on PostgreSQL (VACUUM is the DBA's). Outside a
    transaction only; returns whether a checkpoint ran."""
    using = using or connection
    if using.vendor != "sqlite" or using.in_atomic_block:
        return False
    with using.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        if str(cursor.fetchone()[0]).lower() != "wal":
            return False
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return True


@job(label=_("Bewaartermijn toepassen"))
def apply_retention_job() -> int:
    """The daily background job: the real run. Returns the number of cases anonymised."""
    run = apply_retention(trigger="job")
    return run.counts.get("casussen", 0) + run.counts.get("concepten", 0)
