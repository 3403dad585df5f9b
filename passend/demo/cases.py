"""About 300 fully synthetic demo cases for the demo region (``passend.demo.region``), and
about 80 for the small second region: ``load_demo_cases`` takes the teams to fill.

Cases are spread over the last 24 months and driven through the case services only
(``save_case``, ``submit_registration``, ``transition``, ``record_consent``, ``assign``,
``withdraw_consent``), so every state change up to 'in behandeling' obeys the workflow table
and its consent guard. The later history (advice, follow-up, closure, reopening) is planned
and written by ``passend.demo.casework``; the case-work modules' demos add what goes with it.
Afterwards the history is backdated to plausible moments (demo data construction only).

Deterministic for a seed (one ``random.Random``; dates count back from today's midnight) and
idempotent: when the given demo teams already have cases, nothing is created. Registrations
grow over the two years (``GROWTH``), so the monitoring shows a trend.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from passend.accounts.models import User
from passend.cases.codes import CaseState, LegalFramework, ReferrerType
from passend.cases.consent_rules import AGE_YOUNG_PERSON_CO_CONSENTS, age_on, requirement
from passend.cases.models import Casus, LifeDomain, Ouder, RegistrationReason, Toestemming
from passend.cases.services import (
    assign,
    record_consent,
    save_case,
    submit_registration,
    transition,
    withdraw_consent,
)
from passend.regions.models import Organisation, Team

from . import case_data as D
from . import casework
from .codes import DemoCodes
from .region import TEAMS, VEEN_TEAMS

S = CaseState
DEMO_TEAM_SLUGS = tuple(spec.slug for spec in TEAMS)
VEEN_TEAM_SLUGS = tuple(spec.slug for spec in VEEN_TEAMS)
VEEN_CASES = 80
VEEN_SEED = 2027
# Registrations grow: a day at the recent end of a state's range is this many times as
# likely as one at the old end (linear in between).
GROWTH = 2.0
USER_ROLES = (
    "aanmelder",
    "screener",
    "procesregisseur",
    "teamlid",
    "teamlid-procesregisseur",
    "voorzitter",
)
# CaseSpec attribute (= Casus many-to-many field) -> the other side in the through model.
M2M = {
    "reasons": "registrationreason",
    "life_domains": "lifedomain",
    "involved_organisations": "organisation",
}


class DemoCasesError(RuntimeError):
    """The demo region (teams and users) must be loaded first."""


@dataclass
class TeamContext:
    team: Team
    short: str
    gemeenten: list
    users: dict[str, User]
    orgs: dict[str, list[Organisation]]  # by organisation type, sorted by name
    redirects: dict  # state -> where the screening redirects to (names in the region)


@dataclass
class CaseSpec:
    ctx: TeamContext
    state: str
    registered_at: dt.datetime
    fields: dict
    parents: list[dict]
    reasons: list
    life_domains: list
    involved_organisations: list
    steps: list[tuple[str, dt.datetime, str]] = field(default_factory=list)
    consents: list[dict] = field(default_factory=list)  # "parent": index into parents or None
    withdrawal: tuple[int, dt.date] | None = None
    redirected_to: str = ""
    assignment: dict = field(default_factory=dict)  # casushouder, procesregisseur, experts
    later: list = field(default_factory=list)  # steps after in_behandeling (demo.casework)
    closure: dict = field(default_factory=dict)
    sectors: list = field(default_factory=list)  # set before sending (the submit check)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _birthday(birth: dt.date, years: int) -> dt.date:
    """The day someone reaches ``years`` (1 March for 29 February in a non-leap year)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return dt.date(birth.year + years, 3, 1)


def _day_between(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    return low + dt.timedelta(days=rng.randint(0, max((high - low).days, 0)))


def _days_ago(rng: random.Random, low: int, high: int) -> int:
    """A number of days in [low, high], recent ones more likely (``GROWTH``): over two
    years the registrations grow instead of staying flat."""
    while True:
        days = rng.randint(low, high)
        recency = (high - days) / max(high - low, 1)  # 1 at the recent end
        if rng.random() * GROWTH <= 1 + (GROWTH - 1) * recency:
            return days


def _quotas(n: int) -> list[str]:
    """States for ``n`` cases in the proportions of STATE_WEIGHTS, each state at least once."""
    total = sum(D.STATE_WEIGHTS.values())
    exact = {s: n * w / total for s, w in D.STATE_WEIGHTS.items()}
    counts = {s: max(1, int(x)) for s, x in exact.items()}
    by_remainder = sorted(exact, key=lambda s: exact[s] - int(exact[s]), reverse=True)
    for state in by_remainder[: max(n - sum(counts.values()), 0)]:
        counts[state] += 1
    return [s for s, c in counts.items() for _ in range(c)]


def _contexts(team_specs=TEAMS) -> list[TeamContext]:
    slugs = [spec.slug for spec in team_specs]
    teams = {t.slug: t for t in Team.objects.filter(slug__in=slugs).select_related("region")}
    if len(teams) != len(slugs):
        raise DemoCasesError("Laad eerst de demoregio (load_demo_region).")
    contexts = []
    for spec in team_specs:
        team = teams[spec.slug]
        names = {f"{role}.{spec.short}": role for role in USER_ROLES}
        users = {names[u.username]: u for u in User.objects.filter(username__in=names)}
        if len(users) != len(USER_ROLES):
            raise DemoCasesError("Laad eerst de demoregio (load_demo_region).")
        orgs: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.filter(regions=team.region).order_by("name"):
            orgs.setdefault(org.type, []).append(org)
        gemeenten = list(team.gemeenten.order_by("cbs_code"))
        redirects = D.REDIRECTS_BY_REGION.get(team.region.slug, D.REDIRECTS)
        contexts.append(TeamContext(team, spec.short, gemeenten, users, orgs, redirects))
    return contexts


def _people(rng: random.Random, spec: CaseSpec, age: int, surname: str, address: str) -> None:
    fw = spec.fields["legal_framework"]
    if fw == LegalFramework.VOOGDIJ:
        pairs = (("voogd", True), ("moeder", False))
    elif age >= 18:
        pairs = ((rng.choice(["moeder", "vader", "ouder"]), False),)
    else:
        pairs = rng.choices(*zip(*D.PARENT_SETS, strict=True))[0]
    for index, (relation, gezag) in enumerate(pairs):
        sex = {"moeder": "v", "vader": "m"}.get(relation) or rng.choice("vm")
        first = rng.choice(D.FIRST_NAMES_ADULTS[sex])
        last = surname if index == 0 and relation != "voogd" and rng.random() < 0.7 else None
        last = last or D.surname(rng)
        home = address if relation != "voogd" and rng.random() < 0.8 else None
        parent = {"first_name": first, "last_name": last, "relation": relation, "address": home}
        spec.parents.append(parent | D.contact(rng, first, last) | {"has_gezag": gezag})


def _timeline(rng, spec: CaseSpec, cap: dt.datetime) -> None:
    state, urgency = spec.state, spec.fields["urgency"]
    if state == S.AANGEMELD:
        return
    decision = S.IN_BEHANDELING if state in casework.LATER_STATES else state
    targets = [S.IN_SCREENING] if state == S.IN_SCREENING else [S.IN_SCREENING, decision]
    days = [rng.uniform(*D.SCREENING_START_DAYS[urgency])]
    days += [rng.uniform(*D.DECISION_DAYS[t]) for t in targets[1:]]
    seconds = [max(d * 86400, 3600.0) for d in days]
    room, total = (cap - spec.registered_at).total_seconds() * 0.9, sum(seconds)
    if total > room:  # recent case: compress the lead times so nothing is in the future
        seconds = [s * room / total for s in seconds]
    at = spec.registered_at
    for target, secs in zip(targets, seconds, strict=True):
        raw = at + dt.timedelta(seconds=max(int(secs), 60))
        at = _working_hours(rng, at, raw if raw < cap else at + (cap - at) / 2, cap)
        spec.steps.append((target, at, rng.choice(D.SCREENING[target])))


def _working_hours(rng, previous: dt.datetime, at: dt.datetime, cap: dt.datetime):
    """``at`` moved to a working hour on its day, if that stays after ``previous`` and before
    ``cap``; otherwise ``at`` itself."""
    day = timezone.localdate(at)
    local = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
    moved = timezone.make_aware(local).astimezone(dt.UTC)
    return moved if previous < moved < cap else at


def _consents(rng: random.Random, spec: CaseSpec, today: dt.date, witness: str) -> None:
    """Who must consent, by age on the day case work starts; plus the young person's own
    consent on turning 12 afterwards (the guard checks today's age)."""
    birth = spec.fields["birth_date"]
    reg_day = timezone.localdate(spec.registered_at)
    entry_day = timezone.localdate(spec.steps[-1][1])
    need = requirement(birth, entry_day)
    signers: list[tuple[int | None, dt.date, dt.date]] = []
    if need.needs_parents_with_gezag:
        gezag = [i for i, p in enumerate(spec.parents) if p["has_gezag"]]
        signers += [(i, reg_day, entry_day) for i in gezag]
    if need.needs_young_person:
        twelve = _birthday(birth, AGE_YOUNG_PERSON_CO_CONSENTS)
        signers.append((None, max(reg_day, twelve), entry_day))
    elif requirement(birth, today).needs_young_person:
        twelve = _birthday(birth, AGE_YOUNG_PERSON_CO_CONSENTS)
        signers.append((None, twelve, min(twelve + dt.timedelta(days=21), today)))
    for parent, low, high in signers:
        method = _weighted(rng, D.CONSENT_METHODS)
        given = {"given_on": _day_between(rng, low, high), "scope_learning": rng.random() < 0.8}
        mondeling = {"witness": witness if method == "mondeling" else None}
        spec.consents.append({"parent": parent, "method": method} | mondeling | given)
    at_entry = [i for i, c in enumerate(spec.consents) if c["given_on"] <= entry_day]
    if at_entry and (today - entry_day).days > 14 and rng.random() < 0.1:
        day = _day_between(rng, entry_day + dt.timedelta(days=1), today - dt.timedelta(days=1))
        spec.withdrawal = (rng.choice(at_entry), day)


def _aanmelder(rng, ctx: TeamContext, referrer: str, gemeente):
    """(aanmelder user, organisation, self_registration) for this referrer type."""
    if referrer == ReferrerType.OUDERS_JEUGDIGE:
        return None, None, True
    if referrer == ReferrerType.ZELFVERWIJZER:  # phoned in; the screener registered it
        return ctx.users["screener"], None, False
    if referrer == ReferrerType.GEMEENTE:
        local = [o for o in ctx.orgs.get("wijkteam", []) if o.gemeente_id == gemeente.pk]
        return ctx.users["aanmelder"], (local or [None])[0], False
    types = D.REFERRER_ORG_TYPES.get(referrer, ())
    candidates = [o for t in types for o in ctx.orgs.get(t, [])]
    return ctx.users["aanmelder"], rng.choice(candidates) if candidates else None, False


def _spec(rng, ctx: TeamContext, state, age, codes, anchor, used_bsn) -> CaseSpec:
    reasons, domains = codes
    day = anchor.date() - dt.timedelta(days=_days_ago(rng, *D.DAYS_AGO[state]))
    local = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
    registered = timezone.make_aware(local).astimezone(dt.UTC)
    top = _years_before(day, age) if age else day - dt.timedelta(days=30)
    bottom = _years_before(day, age + 1) + dt.timedelta(days=1)
    birth = _day_between(rng, bottom, top)
    gender = _weighted(rng, D.GENDER_WEIGHTS)
    pool = {"v": D.FIRST_NAMES_GIRLS, "m": D.FIRST_NAMES_BOYS}.get(gender)
    pool = pool or D.FIRST_NAMES_NEUTRAL + rng.choice([D.FIRST_NAMES_GIRLS, D.FIRST_NAMES_BOYS])
    gemeente = rng.choice(ctx.gemeenten)
    framework = LegalFramework.VRIJWILLIG
    roll = rng.random()
    if age <= 16 and roll < 0.12:
        framework = LegalFramework.OTS if roll < 0.08 else LegalFramework.VOOGDIJ
    elif age >= 18 and roll < 0.3:
        framework = LegalFramework.VERLENGDE_JEUGDHULP
    referrer_weights = dict(D.REFERRER_WEIGHTS)
    if not ctx.team.self_registration_enabled:
        referrer_weights.pop(ReferrerType.OUDERS_JEUGDIGE)
    referrer = _weighted(rng, referrer_weights)
    if framework in D.LEGAL_BASIS:
        referrer = ReferrerType.GI
    aanmelder, organisation, self_registration = _aanmelder(rng, ctx, referrer, gemeente)
    chosen_domains = rng.sample(domains, rng.randint(1, 4))
    chosen_reasons = rng.sample(reasons, rng.randint(1, 3))
    surname, address = D.surname(rng), D.address(rng, gemeente)
    fields = {
        "team": ctx.team,
        "first_name": rng.choice(pool),
        "last_name": surname,
        "birth_date": birth,
        "gender": gender,
        "bsn": D.synthetic_bsn(rng, used_bsn) if rng.random() < 0.2 else None,
        "address": address,
        "gemeente": gemeente,
        "aanmelder": aanmelder,
        "aanmelder_organisation": organisation,
        "referrer_type": referrer,
        "self_registration": self_registration,
        "question": rng.choice(D.questions_for(age)),
        "care_history": rng.choice(D.CARE_HISTORY),
        "reason_other": rng.choice(D.REASON_OTHER)
        if any(r.code == "anders" for r in chosen_reasons)
        else "",
        "multiple_domains": len(chosen_domains) > 1,
        "fluctuating": rng.random() < 0.35,
        "multiple_conditions": rng.random() < 0.45,
        "family_care_needs": rng.random() < 0.3,
        "legal_framework": framework,
        "legal_basis_reason": rng.choice(D.LEGAL_BASIS.get(framework, [""])),
        "urgency": _weighted(rng, D.URGENCY_WEIGHTS),
        # A sent registration always records that the young person and the parents know
        # about it (spec §2.1; submit_registration refuses it otherwise).
        "youth_informed": True,
        "parents_informed": True,
    }
    if state == S.CRISIS_DOORVERWEZEN and fields["urgency"] == "normaal":
        fields["urgency"] = "zeer_hoog"
    non_gemeente = [o for t, orgs in sorted(ctx.orgs.items()) if t != "gemeente" for o in orgs]
    involved = rng.sample(non_gemeente, rng.randint(0, 3))
    spec = CaseSpec(ctx, state, registered, fields, [], chosen_reasons, chosen_domains, involved)
    _people(rng, spec, age, surname, address)
    return spec


def _complete(rng, spec: CaseSpec, anchor: dt.datetime) -> None:
    """Timeline, referral, consents and the assignment that go with the final state."""
    _timeline(rng, spec, anchor)
    ctx, state = spec.ctx, spec.state
    spec.redirected_to = rng.choice(ctx.redirects.get(state, [""]))
    if state != S.IN_BEHANDELING and state not in casework.LATER_STATES:
        return
    age = age_on(spec.fields["birth_date"], spec.steps[-1][1].date())
    spec.fields |= casework.case_work_fields(rng, age, spec.fields["legal_framework"])
    if state in casework.LATER_STATES:
        spec.later, spec.closure = casework.plan_later_steps(rng, spec.steps[-1][1], state, anchor)
    screener = ctx.users["screener"]
    if spec.fields["legal_framework"] not in D.LEGAL_BASIS:
        _consents(rng, spec, anchor.date(), f"{screener.get_full_name()} (screener)")
    professional = spec.fields["referrer_type"] not in D.NON_PROFESSIONAL
    experts = [ctx.users["teamlid"], ctx.users["teamlid-procesregisseur"]]
    spec.assignment = {
        "casushouder": spec.fields["aanmelder"] if professional else experts[1],
        "procesregisseur": ctx.users["procesregisseur"],
        "experts": rng.sample(experts, rng.randint(1, 2)),
    }


def _plan(rng: random.Random, count: int, contexts, anchor: dt.datetime, seed: int = 0):
    codes = {  # per region: the lists of the team's region
        region_id: (
            list(RegistrationReason.objects.offered(region_id).order_by("code")),
            list(LifeDomain.objects.offered(region_id).order_by("code")),
        )
        for region_id in {ctx.team.region_id for ctx in contexts}
    }
    per_team = [count // len(contexts) + (i < count % len(contexts)) for i in range(len(contexts))]
    states = []
    for ctx, n in zip(contexts, per_team, strict=True):
        team_states = _quotas(n)[:n]
        rng.shuffle(team_states)
        states += [(ctx, s) for s in team_states]
    ages = list(range(24))[:count]
    ages += rng.choices(list(D.AGE_WEIGHTS), list(D.AGE_WEIGHTS.values()), k=count - len(ages))
    rng.shuffle(ages)
    used_bsn: set[str] = set()
    specs = []
    monitoring = DemoCodes(seed, {ctx.team.region_id for ctx in contexts})
    for (ctx, state), age in zip(states, ages, strict=True):
        spec = _spec(rng, ctx, state, age, codes[ctx.team.region_id], anchor, used_bsn)
        _complete(rng, spec, anchor)
        extra, spec.sectors = monitoring.registration(spec.fields, spec.reasons, age)
        spec.fields |= extra
        if spec.closure:
            spec.closure |= monitoring.closure(spec.closure, spec.fields)
        specs.append(spec)
    specs.sort(key=lambda s: s.registered_at)
    return specs


def _backdate(entry, at: dt.datetime) -> None:
    type(entry).objects.filter(pk=entry.pk).update(at=at)


def _create(spec: CaseSpec, links: dict[str, list]) -> Casus:
    casus = Casus(registered_at=spec.registered_at, is_draft=True, **spec.fields)
    save_case(casus)  # the draft: its reference takes the year of registration
    ouders = Ouder.objects.bulk_create(Ouder(casus=casus, **p) for p in spec.parents)
    for name, related in M2M.items():  # many-to-many rows: one bulk insert per relation later
        through = getattr(Casus, name).through
        links[name] += [through(casus=casus, **{related: o}) for o in getattr(spec, name)]
    casus.sectors.set(spec.sectors)
    submit_registration(casus, actor=casus.aanmelder)
    Casus.objects.filter(pk=casus.pk).update(registered_at=spec.registered_at)
    _backdate(casus.transitions.get(), spec.registered_at)
    screener = spec.ctx.users["screener"]
    consents = []
    for c in spec.consents:
        parent, fields = c["parent"], {k: v for k, v in c.items() if k != "parent"}
        noon = timezone.make_aware(dt.datetime.combine(c["given_on"], dt.time(12)))
        ouder = None if parent is None else ouders[parent]
        recorded_at = min(noon, timezone.now())
        consents.append(
            record_consent(casus, actor=screener, ouder=ouder, recorded_at=recorded_at, **fields)
        )
    for target, at, reason in spec.steps:
        redirect = spec.redirected_to if target == spec.state else ""
        entry = transition(casus, to=target, actor=screener, reason=reason, redirected_to=redirect)
        _backdate(entry, at)
    if spec.assignment:
        assign(casus, actor=screener, **spec.assignment)
    if spec.withdrawal:
        index, day = spec.withdrawal
        withdraw_consent(consents[index], actor=screener, withdrawn_on=day)
    last = spec.steps[-1][1] if spec.steps else spec.registered_at
    Casus.objects.filter(pk=casus.pk).update(updated_at=last)
    if spec.later:
        casus.refresh_from_db()
        casework.apply_later_steps(casus, spec.later, spec.closure, spec.ctx.users)
    return casus


def demo_case_counts(created: int = 0, slugs=DEMO_TEAM_SLUGS) -> dict:
    """Counts of the demo teams' cases per team and state."""
    cases = Casus.objects.filter(team__slug__in=slugs)
    per_team = {slug: dict.fromkeys(S.values, 0) for slug in slugs}
    rows = cases.order_by().values_list("team__slug", "state").annotate(n=Count("id"))
    for slug, state, n in rows:
        per_team[slug][state] = n
    consents = Toestemming.objects.filter(casus__in=cases)
    return {
        "created": created,
        "total": cases.count(),
        "per_team": per_team,
        "per_state": {s: sum(t[s] for t in per_team.values()) for s in S.values},
        "consents": consents.count(),
        "withdrawn": consents.filter(withdrawn_on__isnull=False).count(),
    }


def load_demo_cases(count: int = 300, seed: int = 2026, teams=TEAMS) -> dict:
    """Create ``count`` synthetic cases in the demo ``teams`` (``TeamSpec``s, by default the
    main region's), unless they already have cases."""
    slugs = tuple(spec.slug for spec in teams)
    if Casus.objects.filter(team__slug__in=slugs).exists():
        return demo_case_counts(slugs=slugs)
    contexts = _contexts(teams)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    anchor = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        specs = _plan(rng, count, contexts, anchor, seed)
        links: dict[str, list] = {name: [] for name in M2M}
        for spec in specs:
            _create(spec, links)
        for name, rows in links.items():
            getattr(Casus, name).through.objects.bulk_create(rows)
    return demo_case_counts(created=len(specs), slugs=slugs)


def load_veenland_cases() -> dict:
    """The second region's cases: fewer, from their own seed (the main region's stay the same)."""
    return load_demo_cases(VEEN_CASES, VEEN_SEED, teams=VEEN_TEAMS)
