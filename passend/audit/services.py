"""The one place that writes the access log."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from passend.accounts.memberships import active_memberships

from .chain import GENESIS, current_key, current_key_id, entry_digest, verification_keys
from .models import AccessLogEntry, Action, ChainHead, Outcome


def _client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


NO_ROLE = "geen rol"


def _actor_context(user, team) -> tuple[str, str, str]:
    """(roles, organisation, on behalf of) of the user within the subject's team.

    Someone without a role in that team (a refused attempt on another team's data, or a
    request about no team) is recorded with the roles they do hold, each with its team
    ("voorzitter@team-alfa"), or "geen rol": the role of a logged-in actor is never empty."""
    if user is None or not user.is_authenticated:
        return "", "", ""
    memberships = active_memberships(user)
    in_team = [m for m in memberships if team is not None and m.team_id == team.pk]
    if in_team:
        roles = ",".join(sorted({m.role for m in in_team}))
        orgs = sorted({m.organisation.name for m in in_team if m.organisation_id})
        organisation = ", ".join(orgs)
        return roles, organisation, organisation or team.name
    elsewhere = ",".join(sorted({f"{m.role}@{m.team.slug}" for m in memberships}))
    return (elsewhere or NO_ROLE)[:200], "", ""


@transaction.atomic
def _append(entries: list[AccessLogEntry]) -> list[AccessLogEntry]:
    # The UPDATE takes the write lock (row lock on PostgreSQL, database lock on SQLite),
    # so entries are chained strictly one after another across app servers.
    updated = ChainHead.objects.filter(pk=1).update(length=F("length") + len(entries))
    if not updated:
        # The first entry ever: two servers may both get here. ON CONFLICT DO NOTHING lets the
        # second wait for the first's row instead of failing on its primary key.
        head = ChainHead(pk=1, last_hash=GENESIS, length=0)
        ChainHead.objects.bulk_create([head], ignore_conflicts=True)
        ChainHead.objects.filter(pk=1).update(length=F("length") + len(entries))
    head = ChainHead.objects.select_for_update().get(pk=1)
    prev = head.last_hash
    key, key_id = current_key(), current_key_id()
    for entry in entries:
        entry.prev_hash = prev
        entry.key_id = key_id
        entry.entry_hash = prev = entry_digest(entry, prev, key)
    AccessLogEntry.objects.bulk_create(entries)
    ChainHead.objects.filter(pk=1).update(last_hash=prev)
    return entries


def log_access(
    request,
    *,
    action: str,
    subject_type: str,
    subject_ids: Iterable[object] = ("",),
    purpose: str,
    team=None,
    outcome: str = Outcome.ALLOWED,
) -> list[AccessLogEntry]:
    """Record one entry per subject. `request` may be a Django or DRF request."""
    user = getattr(request, "user", None)
    api = request.path.startswith("/api/")
    return _record(
        user,
        anonymous="(anoniem)",
        action=action,
        outcome=outcome,
        subject_type=subject_type,
        subject_ids=subject_ids,
        purpose=purpose,
        team=team,
        access_point=f"{'api' if api else 'web'} {request.method} {request.path}",
        client_address=_client_address(request),
    )


def _record(
    user,
    *,
    anonymous: str,
    action: str,
    outcome: str,
    subject_type: str,
    subject_ids: Iterable[object],
    purpose: str,
    team,
    access_point: str,
    client_address: str | None = None,
) -> list[AccessLogEntry]:
    """One entry per subject, by `user` (or `anonymous` without a logged-in user), appended
    to the chain."""
    authenticated = user is not None and user.is_authenticated
    roles, organisation, on_behalf_of = _actor_context(user, team)
    now = timezone.now()
    entries = [
        AccessLogEntry(
            timestamp=now,
            action=action,
            outcome=outcome,
            user=user if authenticated else None,
            username=user.get_username() if authenticated else anonymous,
            roles=roles,
            organisation=organisation,
            team=team,
            on_behalf_of=on_behalf_of,
            subject_type=subject_type,
            subject_id=str(subject_id),
            purpose=purpose[:200],
            access_point=access_point[:300],
            client_address=client_address,
        )
        for subject_id in subject_ids
    ]
    return _append(entries) if entries else []


def log_case(request, casus, action: str, purpose: str) -> None:
    """Log a read or change of one case's data (no-op without a request: scripts, demo)."""
    if request is not None:
        log_access(
            request,
            action=action,
            subject_type="casus",
            subject_ids=[casus.pk],
            purpose=purpose,
            team=casus.team,
        )


def log_denied(request, *, subject_type: str, subject_id: object, purpose: str, team=None):
    return log_access(
        request,
        action=Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE,
        subject_type=subject_type,
        subject_ids=[subject_id],
        purpose=purpose,
        team=team,
        outcome=Outcome.DENIED,
    )


@dataclass
class ChainCheck:
    """The outcome of walking the chain.

    ``broken``: id of the first entry whose content or link does not match (altered, removed
    or inserted entries); ``truncated``: entries missing at the end. ``unknown_keys``: key id
    → (entries, first entry id) for entries signed with a key that is neither the current
    audit key nor a fallback: their links are checked, their content cannot be, and the chain
    does not count as verified."""

    intact: bool
    checked: int
    broken: int | None = None
    unknown_keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    truncated: bool = False


# The entry a purge of old entries leaves (passend.audit.purge): its subject is the hash of
# the last entry removed, where the remaining chain starts.
CHECKPOINT_TYPE = "toegangslog-ijkpunt"


def chain_start() -> str:
    """Where the chain starts: the genesis, or after a purge the hash of the last removed
    entry, as the newest checkpoint records it (the checkpoint itself is signed and chained,
    so it cannot be forged or removed unnoticed)."""
    checkpoint = (
        AccessLogEntry.objects.filter(subject_type=CHECKPOINT_TYPE, action=Action.DELETE)
        .order_by("-id")
        .values_list("subject_id", flat=True)
        .first()
    )
    return checkpoint or GENESIS


def check_chain() -> ChainCheck:
    keys = verification_keys()
    prev = chain_start()
    checked = 0
    unknown: dict[str, tuple[int, int]] = {}
    for entry in AccessLogEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            return ChainCheck(False, checked, entry.pk, unknown)
        key = keys.get(entry.key_id)
        if key is None:
            count, first = unknown.get(entry.key_id, (0, entry.pk))
            unknown[entry.key_id] = (count + 1, first)
        elif entry_digest(entry, prev, key) != entry.entry_hash:
            return ChainCheck(False, checked, entry.pk, unknown)
        else:
            checked += 1
        prev = entry.entry_hash
    head = ChainHead.objects.filter(pk=1).first()
    entries = checked + sum(count for count, _first in unknown.values())
    if head is not None and (head.last_hash != prev or head.length != entries):
        return ChainCheck(False, checked, None, unknown, truncated=True)
    return ChainCheck(not unknown, checked, None, unknown)


def verify_chain() -> tuple[bool, int, int | None]:
    """Walk the chain. Returns (intact, entries checked, id of the first broken entry)."""
    result = check_chain()
    return result.intact, result.checked, result.broken


def log_system(
    *,
    action: str,
    subject_type: str,
    subject_ids: Iterable[object] = ("",),
    purpose: str,
    team=None,
    actor=None,
    access_point: str = "taak",
) -> list[AccessLogEntry]:
    """Record one entry per subject for work without a request (a command, a background job):
    the actor when one started it, else "(systeem)"."""
    return _record(
        actor,
        anonymous="(systeem)",
        action=action,
        outcome=Outcome.ALLOWED,
        subject_type=subject_type,
        subject_ids=subject_ids,
        purpose=purpose,
        team=team,
        access_point=access_point,
    )
