"""Who must consent to information exchange, by age on the check date. No database needed."""

from datetime import date

import pytest

from passend.cases.consent_rules import (
    YOUNG_PERSON_KEY,
    GivenConsent,
    Signatory,
    age_on,
    check_exchange_consent,
    requirement,
)

PARENTS = ("ouder:1", "ouder:2")
GIVEN = date(2026, 1, 5)


def consent(
    person: str,
    *,
    given: date = GIVEN,
    withdrawn: date | None = None,
    exchange: bool = True,
    learning: bool = False,
    signatory: Signatory | None = None,
) -> GivenConsent:
    if signatory is None:
        signatory = Signatory.JEUGDIGE if person == YOUNG_PERSON_KEY else Signatory.OUDER
    return GivenConsent(
        person=person,
        signatory=signatory,
        scope_exchange=exchange,
        scope_learning=learning,
        given_on=given,
        withdrawn_on=withdrawn,
    )


def everyone() -> list[GivenConsent]:
    return [consent(p) for p in (*PARENTS, YOUNG_PERSON_KEY)]


# (birth date, check date, age, needs young person, needs parents, coordinate, missing if none)
BOUNDARIES = [
    pytest.param(
        date(2014, 6, 15), date(2026, 6, 14), 11, False, True, False, PARENTS, id="11y364d"
    ),
    pytest.param(
        date(2014, 6, 15),
        date(2026, 6, 15),
        12,
        True,
        True,
        False,
        (*PARENTS, YOUNG_PERSON_KEY),
        id="12y0d",
    ),
    pytest.param(
        date(2010, 6, 15),
        date(2026, 6, 14),
        15,
        True,
        True,
        False,
        (*PARENTS, YOUNG_PERSON_KEY),
        id="15y364d",
    ),
    pytest.param(
        date(2010, 6, 15),
        date(2026, 6, 15),
        16,
        True,
        False,
        True,
        (YOUNG_PERSON_KEY,),
        id="16y0d",
    ),
]


@pytest.mark.parametrize(
    ("birth", "on", "age", "young", "parents", "coordinate", "missing"), BOUNDARIES
)
def test_age_boundaries_require_exactly_the_right_signatories(
    birth, on, age, young, parents, coordinate, missing
):
    last_birthday = birth.replace(year=birth.year + age)
    assert (on - last_birthday).days == (364 if age in (11, 15) else 0)
    req = requirement(birth, on)
    assert (req.age, req.needs_young_person, req.needs_parents_with_gezag) == (age, young, parents)
    assert req.coordinate_with_parents is coordinate

    nothing = check_exchange_consent(
        birth_date=birth, on=on, parents_with_gezag=PARENTS, consents=[]
    )
    assert not nothing.valid
    assert nothing.missing == missing
    assert nothing.coordinate_with_parents is coordinate

    exactly = [consent(person) for person in missing]
    check = check_exchange_consent(
        birth_date=birth, on=on, parents_with_gezag=PARENTS, consents=exactly
    )
    assert check.valid
    assert check.missing == ()
    assert check.message == "De toestemming voor informatie-uitwisseling is compleet."

    for left_out in missing:  # every required signatory is really needed
        partial = [c for c in exactly if c.person != left_out]
        check = check_exchange_consent(
            birth_date=birth, on=on, parents_with_gezag=PARENTS, consents=partial
        )
        assert not check.valid
        assert check.missing == (left_out,)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2012, 2, 29), date(2024, 2, 28), 11),
        (date(2012, 2, 29), date(2024, 2, 29), 12),
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 2, 29), 16),
        # Non-leap year: the birthday counts as reached on 1 March.
        (date(2012, 2, 29), date(2023, 2, 28), 10),
        (date(2012, 2, 29), date(2023, 3, 1), 11),
        (date(2008, 2, 29), date(2025, 2, 28), 16),
        (date(2008, 2, 29), date(2025, 3, 1), 17),
        (date(2012, 2, 29), date(2012, 2, 29), 0),
        (date(2012, 3, 1), date(2024, 2, 29), 11),
        (date(2012, 3, 1), date(2024, 3, 1), 12),
    ],
)
def test_age_on_with_29_february(birth, on, age):
    assert age_on(birth, on) == age
    assert requirement(birth, on).age == age


def test_29_february_changes_the_requirement():
    born = date(2008, 2, 29)
    assert requirement(born, date(2024, 2, 28)).needs_parents_with_gezag
    assert not requirement(born, date(2024, 2, 29)).needs_parents_with_gezag


def test_date_before_birth_is_rejected():
    with pytest.raises(ValueError):
        age_on(date(2020, 5, 1), date(2020, 4, 30))
    with pytest.raises(ValueError):
        requirement(date(2020, 5, 1), date(2020, 4, 30))


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (
            date(2016, 1, 1),
            "De jeugdige is 10 jaar: toestemming van alle ouders of voogden met gezag is nodig.",
        ),
        (
            date(2013, 1, 1),
            "De jeugdige is 13 jaar: toestemming van de ouders met gezag én van de "
            "jeugdige is nodig.",
        ),
        (
            date(2009, 1, 1),
            "De jeugdige is 17 jaar: alleen toestemming van de jeugdige is nodig.",
        ),
    ],
)
def test_explanation(birth, expected):
    assert requirement(birth, date(2026, 6, 1)).explanation == expected


def check_13(consents, on=date(2026, 3, 1), parents=PARENTS):
    return check_exchange_consent(
        birth_date=date(2013, 1, 1), on=on, parents_with_gezag=parents, consents=consents
    )


def test_withdrawn_consent_blocks():
    consents = [*everyone()[:2], consent(YOUNG_PERSON_KEY, withdrawn=date(2026, 3, 1))]
    check = check_13(consents)
    assert not check.valid
    assert check.missing == (YOUNG_PERSON_KEY,)
    assert check.message == "De jeugdige heeft de toestemming ingetrokken op 2026-03-01."
    # The day before the withdrawal the consent still counted.
    assert check_13(consents, on=date(2026, 2, 28)).valid


def test_withdrawal_names_the_parent_and_combines_with_missing():
    consents = [consent("ouder:1", withdrawn=date(2026, 2, 1))]
    check = check_13(consents)
    assert check.missing == ("ouder:1", "ouder:2", YOUNG_PERSON_KEY)
    assert check.message == (
        "Toestemming voor informatie-uitwisseling ontbreekt nog van: ouder:2, de jeugdige. "
        "Ouder:1 heeft de toestemming ingetrokken op 2026-02-01."
    )


def test_labels_are_used_in_the_message():
    consents = [consent("ouder:1", withdrawn=date(2026, 2, 1)), consent(YOUNG_PERSON_KEY)]
    check = check_exchange_consent(
        birth_date=date(2013, 1, 1),
        on=date(2026, 3, 1),
        parents_with_gezag=PARENTS,
        consents=consents,
        labels={"ouder:1": "moeder", "ouder:2": "vader"},
    )
    assert check.message == (
        "Toestemming voor informatie-uitwisseling ontbreekt nog van: vader. "
        "Moeder heeft de toestemming ingetrokken op 2026-02-01."
    )


def test_new_consent_after_withdrawal_counts():
    consents = [
        *everyone()[:2],
        consent(YOUNG_PERSON_KEY, withdrawn=date(2026, 2, 1)),
        consent(YOUNG_PERSON_KEY, given=date(2026, 2, 10)),
    ]
    assert check_13(consents).valid
    assert not check_13(consents, on=date(2026, 2, 5)).valid


def test_consent_given_after_the_check_date_does_not_count():
    consents = [*everyone()[:2], consent(YOUNG_PERSON_KEY, given=date(2026, 3, 2))]
    check = check_13(consents)
    assert not check.valid
    assert check.missing == (YOUNG_PERSON_KEY,)
    assert check_13(consents, on=date(2026, 3, 2)).valid


def test_consent_given_on_the_check_date_counts():
    assert check_13([consent(p, given=date(2026, 3, 1)) for p in (*PARENTS, "jeugdige")]).valid


def test_learning_only_consent_does_not_count_for_exchange():
    consents = [*everyone()[:2], consent(YOUNG_PERSON_KEY, exchange=False, learning=True)]
    check = check_13(consents)
    assert not check.valid
    assert check.missing == (YOUNG_PERSON_KEY,)
    assert check.message == (
        "Toestemming voor informatie-uitwisseling ontbreekt nog van: de jeugdige."
    )


def test_consent_in_the_wrong_capacity_does_not_count():
    consents = [*everyone()[:2], consent(YOUNG_PERSON_KEY, signatory=Signatory.OUDER)]
    assert check_13(consents).missing == (YOUNG_PERSON_KEY,)


def test_sixteen_plus_coordinates_with_parents():
    check = check_exchange_consent(
        birth_date=date(2009, 1, 1),
        on=date(2026, 3, 1),
        parents_with_gezag=[],
        consents=[consent(YOUNG_PERSON_KEY)],
    )
    assert check.valid
    assert check.coordinate_with_parents
    assert check.requirement.coordinate_with_parents
    assert not check_13(everyone()).coordinate_with_parents


def test_sixteen_plus_parents_alone_are_not_enough():
    check = check_exchange_consent(
        birth_date=date(2009, 1, 1),
        on=date(2026, 3, 1),
        parents_with_gezag=PARENTS,
        consents=everyone()[:2],
    )
    assert not check.valid
    assert check.missing == (YOUNG_PERSON_KEY,)


def check_8(consents, parents=PARENTS):
    return check_exchange_consent(
        birth_date=date(2018, 1, 1),
        on=date(2026, 3, 1),
        parents_with_gezag=parents,
        consents=consents,
    )


def test_under_twelve_both_parents_with_gezag_needed():
    check = check_8([consent("ouder:1"), consent(YOUNG_PERSON_KEY)])
    assert not check.valid
    assert check.missing == ("ouder:2",)
    assert check.message == "Toestemming voor informatie-uitwisseling ontbreekt nog van: ouder:2."
    assert check_8(everyone()[:2]).valid  # the child's own consent is not needed


def test_parent_without_gezag_is_not_needed():
    # The caller passes only the parents with gezag; "ouder:3" has no gezag.
    check = check_8([consent("ouder:3")], parents=["ouder:1"])
    assert not check.valid
    assert check.missing == ("ouder:1",)
    assert "ouder:3" not in check.message
    assert check_8([consent("ouder:1")], parents=["ouder:1"]).valid


def test_duplicate_parent_keys_count_once():
    assert check_8([], parents=["ouder:1", "ouder:1"]).missing == ("ouder:1",)


def test_under_twelve_without_parent_with_gezag_is_invalid():
    check = check_8([consent(YOUNG_PERSON_KEY)], parents=[])
    assert not check.valid
    assert check.missing == ()
    assert check.message == "Er is geen ouder of voogd met gezag vastgelegd."


def test_twelve_to_sixteen_without_parent_with_gezag_is_invalid():
    check = check_13([consent(YOUNG_PERSON_KEY)], parents=[])
    assert not check.valid
    assert check.message == "Er is geen ouder of voogd met gezag vastgelegd."


def test_voogd_counts_as_parent_with_gezag():
    assert check_8([consent("voogd:7")], parents=["voogd:7"]).valid


def test_young_person_key_cannot_be_a_parent():
    with pytest.raises(ValueError):
        check_8([], parents=[YOUNG_PERSON_KEY])


def test_withdrawal_before_giving_is_rejected():
    with pytest.raises(ValueError):
        consent("ouder:1", given=date(2026, 2, 1), withdrawn=date(2026, 1, 1))
