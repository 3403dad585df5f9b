"""Writes of the analytics record.

``refresh_case`` is called at the end of every service that writes a case (in the same
transaction), so the record never lags behind a write; ``rebuild`` recomputes many cases at
once (``manage.py rebuild_analytics``, the demo). Both write only what differs from the stored
rows. A frozen fact — its link to the case cut (``unlink_case``), or the case anonymised — is
never touched again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import CasusFeit, FeitCode, GebeurtenisFeit
from .record import compute

EVENT_FIELDS = ("occurred_on", "day", "from_state", "to_state", "code", "level")


@dataclass
class Changes:
    """What one refresh or rebuild wrote (rows created, updated, deleted)."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    facts: set = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.deleted

    def add(self, other: Changes) -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.facts |= other.facts


def frozen(casus) -> bool:
    """A case whose record may no longer change: anonymised (retention, erasure)."""
    return casus.anonymised_at is not None


@transaction.atomic
def refresh_case(casus) -> Changes:
    """Bring the case's fact row, its codes and its events in line with the case records.
    A draft has no fact (a stale one is removed); an anonymised case's fact stays as it is."""
    from passend.cases.models import Casus

    changes = Changes()
    if casus is None or casus.pk is None:
        return changes
    casus = Casus.objects.get(pk=casus.pk)  # what is stored now, not the caller's copy
    if frozen(casus):
        return changes
    fact = CasusFeit.objects.filter(casus=casus).first()
    if casus.is_draft:
        if fact is not None:
            changes.facts.add(fact.pk)
            fact.delete()
            changes.deleted += 1
        return changes
    values, codes, events = compute(casus)
    if fact is None:
        fact = CasusFeit.objects.create(casus=casus, **values)
        changes.created += 1
        changes.facts.add(fact.pk)
    else:
        differing = [name for name, value in values.items() if getattr(fact, name) != value]
        if differing:
            for name in differing:
                setattr(fact, name, values[name])
            fact.save(update_fields=[*differing, "updated_at"])
            changes.updated += 1
            changes.facts.add(fact.pk)
    sub = Changes()
    _sync_codes(fact, codes, sub)
    _sync_events(fact, events, sub)
    if sub.total:
        sub.facts.add(fact.pk)
    changes.add(sub)
    return changes


def _sync_codes(fact: CasusFeit, codes: set, changes: Changes) -> None:
    FeitCode.objects.filter(feit=fact).exclude(team_id=fact.team_id).update(team_id=fact.team_id)
    stored = {(c.dimension, c.code): c.pk for c in FeitCode.objects.filter(feit=fact)}
    gone = [pk for key, pk in stored.items() if key not in codes]
    if gone:
        FeitCode.objects.filter(pk__in=gone).delete()
        changes.deleted += len(gone)
    new = [
        FeitCode(feit=fact, team_id=fact.team_id, dimension=d, code=c)
        for d, c in sorted(codes - stored.keys())
    ]
    if new:
        FeitCode.objects.bulk_create(new)
        changes.created += len(new)


def _sync_events(fact: CasusFeit, events: list[dict], changes: Changes) -> None:
    GebeurtenisFeit.objects.filter(feit=fact).exclude(team_id=fact.team_id).update(
        team_id=fact.team_id
    )
    stored = {(e.kind, e.seq): e for e in GebeurtenisFeit.objects.filter(feit=fact)}
    wanted = {(e["kind"], e["seq"]): e for e in events}
    gone = [row.pk for key, row in stored.items() if key not in wanted]
    if gone:
        GebeurtenisFeit.objects.filter(pk__in=gone).delete()
        changes.deleted += len(gone)
    new = []
    for key, values in wanted.items():
        row = stored.get(key)
        if row is None:
            new.append(GebeurtenisFeit(feit=fact, team_id=fact.team_id, **values))
            continue
        differing = [name for name in EVENT_FIELDS if getattr(row, name) != values[name]]
        if differing:
            for name in differing:
                setattr(row, name, values[name])
            row.save(update_fields=differing)
            changes.updated += 1
    if new:
        GebeurtenisFeit.objects.bulk_create(new)
        changes.created += len(new)


def refresh_cases(cases) -> Changes:
    """``refresh_case`` for each case of a queryset (or of ``values("casus")`` rows)."""
    from passend.cases.models import Casus

    changes = Changes()
    ids = Casus.objects.filter(pk__in=cases).order_by("pk").values_list("pk", flat=True)
    for pk in list(ids):
        changes.add(refresh_case(Casus(pk=pk)))
    return changes


def rebuild(cases=None) -> Changes:
    """Recompute the record of `cases` (default: every case): missing facts are created,
    differing rows corrected, facts of cases that are drafts removed; frozen facts and those
    of anonymised cases are left alone. Idempotent: a second run changes nothing."""
    from passend.cases.models import Casus

    queryset = Casus.objects.all() if cases is None else cases
    changes = Changes()
    # A list of ids, not a server-side cursor: every case is refreshed in its own transaction.
    pks = list(
        queryset.filter(anonymised_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    for pk in pks:
        changes.add(refresh_case(Casus(pk=pk)))
    return changes


def unlink_case(casus, *, now=None) -> int:
    """Cut the link between a case and its fact row (retention, erasure): the row and its
    events stay, unchanged, for the figures; nothing leads back to the case any more."""
    return CasusFeit.objects.filter(casus=casus).update(
        casus=None, unlinked_at=now or timezone.now()
    )
