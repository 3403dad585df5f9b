"""Who must consent to information exchange, depending on the young person's age.

Source: the AVG consent form of the national support team. The young person's age decides who
must consent to ``informatie_uitwisseling`` (exchange with involved parties while the team is
actively involved):

* under 12: every parent / legal representative (voogd) with parental authority (gezag);
* 12 up to (not including) 16: the parents with gezag *and* the young person;
* 16 and older: the young person alone; the team still coordinates with the parents.

``geanonimiseerd_leren`` (anonymised use for learning) is a separate scope and never counts for
information exchange. Pure Python: no models, no database.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

YOUNG_PERSON_KEY = "jeugdige"
AGE_YOUNG_PERSON_CO_CONSENTS = 12
AGE_YOUNG_PERSON_ALONE = 16


def age_on(birth_date: date, on: date) -> int:
    """Return the completed years of someone born on ``birth_date`` on the day ``on``.

    A birthday is reached at the start of the day with the birth month and day. Someone born on
    29 February has no such day in a non-leap year; following Dutch civil-law practice the
    birthday then counts as reached on 1 March, not on 28 February. Example, born 2012-02-29:
    age 10 on 2023-02-28 and 11 on 2023-03-01 (non-leap year); age 11 on 2024-02-28 and 12 on
    2024-02-29 (leap year). Comparing (month, day) tuples yields exactly this: in a non-leap year
    (2, 28) < (2, 29) < (3, 1).

    Raises ValueError if ``on`` lies before ``birth_date``.
    """
    if on < birth_date:
        raise ValueError(f"Date {on.isoformat()} lies before birth date {birth_date.isoformat()}.")
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)


class Signatory(StrEnum):
    """In which capacity someone signs the consent form."""

    JEUGDIGE = "jeugdige"
    OUDER = "ouder"


@dataclass(frozen=True)
class ConsentRequirement:
    """Who must consent to information exchange at a given age."""

    age: int
    needs_young_person: bool
    needs_parents_with_gezag: bool
    coordinate_with_parents: bool
    explanation: str


def requirement(birth_date: date, consent_date: date) -> ConsentRequirement:
    """Return who must consent, based on the age on ``consent_date`` (ValueError if unborn)."""
    age = age_on(birth_date, consent_date)
    if age < AGE_YOUNG_PERSON_CO_CONSENTS:
        text = ngettext(
            "De jeugdige is %(age)d jaar: toestemming van alle ouders of voogden met gezag "
            "is nodig.",
            "De jeugdige is %(age)d jaar: toestemming van alle ouders of voogden met gezag "
            "is nodig.",
            age,
        )
        return ConsentRequirement(age, False, True, False, str(text % {"age": age}))
    if age < AGE_YOUNG_PERSON_ALONE:
        text = ngettext(
            "De jeugdige is %(age)d jaar: toestemming van de ouders met gezag én van de "
            "jeugdige is nodig.",
            "De jeugdige is %(age)d jaar: toestemming van de ouders met gezag én van de "
            "jeugdige is nodig.",
            age,
        )
        return ConsentRequirement(age, True, True, False, str(text % {"age": age}))
    # That the team still coordinates with the parents is `coordinate_with_parents`; the page
    # and the consent form say it once, from that flag.
    text = ngettext(
        "De jeugdige is %(age)d jaar: alleen toestemming van de jeugdige is nodig.",
        "De jeugdige is %(age)d jaar: alleen toestemming van de jeugdige is nodig.",
        age,
    )
    return ConsentRequirement(age, True, False, True, str(text % {"age": age}))


@dataclass(frozen=True)
class GivenConsent:
    """One signed consent. ``person`` is an opaque key: ``"jeugdige"`` or e.g. ``"ouder:<id>"``."""

    person: str
    signatory: Signatory
    scope_exchange: bool
    scope_learning: bool
    given_on: date
    withdrawn_on: date | None = None

    def __post_init__(self) -> None:
        if self.withdrawn_on is not None and self.withdrawn_on < self.given_on:
            raise ValueError("A consent cannot be withdrawn before it was given.")

    def active_on(self, on: date) -> bool:
        """True if given on or before ``on`` and not withdrawn on or before ``on``."""
        return self.given_on <= on and (self.withdrawn_on is None or self.withdrawn_on > on)


@dataclass(frozen=True)
class ConsentCheck:
    """Outcome of :func:`check_exchange_consent`."""

    valid: bool
    missing: tuple[str, ...]
    requirement: ConsentRequirement
    message: str
    coordinate_with_parents: bool


def check_exchange_consent(
    *,
    birth_date: date,
    on: date,
    parents_with_gezag: Sequence[str],
    consents: Sequence[GivenConsent],
    labels: Mapping[str, str] | None = None,
) -> ConsentCheck:
    """Check whether consent for information exchange is complete on the date ``on``.

    Choice: the requirement is computed from the age on ``on`` (the moment case work starts or
    continues), not from the age on the day each consent was signed. So when a child turns 12,
    the parents' earlier consent no longer suffices and the young person must consent too; at
    16 only the young person's own consent counts. A consent counts for a required person when
    its ``person`` key and ``signatory`` match the role (``"jeugdige"``/JEUGDIGE for the young
    person, a key from ``parents_with_gezag``/OUDER for a parent), ``scope_exchange`` is set,
    ``given_on <= on`` and it was not withdrawn on or before ``on``.

    ``parents_with_gezag`` holds the keys of every parent or voogd with gezag; the caller leaves
    out parents without gezag. If parents are required but none is recorded, the check is
    invalid (``missing`` then only lists the young person, if needed). ``missing`` lists parents
    in the given order, then the young person. ``labels`` optionally maps person keys to display
    names for the message; by default the key is shown ("de jeugdige" for the young person).
    """
    req = requirement(birth_date, on)
    parents = tuple(dict.fromkeys(parents_with_gezag))
    if YOUNG_PERSON_KEY in parents:
        raise ValueError(f"{YOUNG_PERSON_KEY!r} is reserved for the young person.")
    names = {YOUNG_PERSON_KEY: str(_("de jeugdige"))} | dict(labels or {})

    required: list[tuple[str, Signatory]] = []
    if req.needs_parents_with_gezag:
        required += [(key, Signatory.OUDER) for key in parents]
    if req.needs_young_person:
        required.append((YOUNG_PERSON_KEY, Signatory.JEUGDIGE))

    problems: list[str] = []
    if req.needs_parents_with_gezag and not parents:
        problems.append(str(_("Er is geen ouder of voogd met gezag vastgelegd.")))

    missing: list[str] = []
    not_given: list[str] = []
    withdrawn: list[str] = []
    for key, signatory in required:
        relevant = [
            c
            for c in consents
            if c.person == key
            and c.signatory == signatory
            and c.scope_exchange
            and c.given_on <= on
        ]
        if any(c.active_on(on) for c in relevant):
            continue
        missing.append(key)
        name = names.get(key, key)
        withdrawals = [c.withdrawn_on for c in relevant if c.withdrawn_on is not None]
        if withdrawals:
            text = _("%(person)s heeft de toestemming ingetrokken op %(date)s.")
            params = {
                "person": name[:1].upper() + name[1:],
                "date": date_format(max(withdrawals), "SHORT_DATE_FORMAT"),
            }
            withdrawn.append(str(text % params))
        else:
            not_given.append(name)

    if not_given:
        text = _("Toestemming voor informatie-uitwisseling ontbreekt nog van: %(persons)s.")
        problems.append(str(text % {"persons": ", ".join(not_given)}))
    problems += withdrawn

    complete = _("De toestemming voor informatie-uitwisseling is compleet.")
    message = " ".join(problems) if problems else str(complete)
    return ConsentCheck(
        valid=not problems,
        missing=tuple(missing),
        requirement=req,
        message=message,
        coordinate_with_parents=req.coordinate_with_parents,
    )
