"""Import of the sociale kaart: the dry run names every problem by row and column and imports
nothing until the file is clean; a clean import creates, a re-import updates."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory, RegionFactory
from passend.regions.models import Organisation, OrganisationType
from passend.socialmap.models import Aanbiederprofiel, Aanbod, Wachttijd

from .io_helpers import (
    build,
    confirm,
    coordinator,
    csv_bytes,
    dry_run,
    errors_of,
    import_file,
    import_url,
    offer_row,
)

pytestmark = pytest.mark.django_db


def gemeente_of(tenancy):
    return tenancy.a.team.gemeenten.get()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_one_bad_row_imports_nothing_and_names_row_and_problem(tenancy, as_user, kind):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    rows = [
        offer_row(gemeente),
        offer_row(gemeente, aanbod="Ouderavonden", **{"leeftijd tot": "twintig"}),
        offer_row(gemeente, aanbod="Buddy", organisatie="Sportclub Noord"),
    ]
    client = as_user(coordinator(tenancy))
    response = dry_run(client, team, *build(kind, rows))
    assert response.status_code == 200
    assert errors_of(response) == ["Rij 3, kolom 'leeftijd tot': 'twintig' is geen getal."]
    assert "Rij 3, kolom &#x27;leeftijd tot&#x27;" in response.content.decode()
    assert "confirm_form" not in response.context, "no way to import a file with errors"
    assert not Aanbod.objects.exists()
    assert not Organisation.objects.filter(name__in=["Jeugdhulp De Kust", "Sportclub Noord"])
    # Nothing was kept for a confirm either: a forged confirm imports nothing.
    response = client.post(f"{import_url(team)}bevestigen/", {"token": "x" * 20}, follow=True)
    assert "verlopen" in response.content.decode()
    assert not Aanbod.objects.exists()


def test_every_problem_is_reported_in_dutch(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    elsewhere = GemeenteFactory(region=RegionFactory(), name="Verweg", cbs_code="GM9901")
    future = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d-%m-%Y")
    rows = [
        offer_row(gemeente),  # row 2: fine
        offer_row(gemeente, aanbod="A", hulpvragen="opvoeding|vliegeren"),  # 3
        offer_row(gemeente, aanbod="B", werkgebied=f"{gemeente.cbs_code}|GM9901"),  # 4
        offer_row(gemeente, aanbod="C", **{"leeftijd van": "16", "leeftijd tot": "12"}),  # 5
        offer_row(gemeente, aanbod="D", **{"weken tot intake": "9"}),  # 6: 1 > 9 > 6
        offer_row(gemeente, aanbod="E", **{"bevestigd op": future}),  # 7
        offer_row(gemeente, aanbod="F", omschrijving=""),  # 8
        offer_row(gemeente, aanbod="gezinsbegeleiding THUIS"),  # 9: duplicate of row 2
        offer_row(gemeente, aanbod="G", organisatie=""),  # 10
        offer_row(gemeente, aanbod="H", **{"met verblijf": "misschien"}),  # 11
        offer_row(gemeente, aanbod="I", productcategorie="99", werkgebied=""),  # 12
        offer_row(gemeente, aanbod="J", website="https://elders.example"),  # 13: org differs
    ]
    response = dry_run(as_user(coordinator(tenancy)), team, *build("csv", rows))
    errors = errors_of(response)
    expected = [
        "Rij 3, kolom 'hulpvragen': 'vliegeren' is geen bekende code of omschrijving van een "
        "hulpvraag.",
        f"Rij 4, kolom 'werkgebied': gemeente Verweg ({elsewhere.cbs_code}) hoort niet bij "
        f"jeugdregio {team.region.name}.",
        "Rij 5, kolom 'leeftijd tot': leeftijd van (16) is hoger dan leeftijd tot (12).",
        "Rij 6, kolom 'weken tot start hulp': de wachttijden lopen niet op: aanmelding (1) ≤ "
        "intake (9) ≤ start hulp (6) weken.",
        f"Rij 7, kolom 'bevestigd op': {future} ligt in de toekomst.",
        "Rij 8, kolom 'omschrijving': dit veld is verplicht bij een aanbod.",
        "Rij 9, kolom 'aanbod': dit aanbod van deze organisatie staat ook in rij 2.",
        "Rij 10, kolom 'organisatie': dit veld is verplicht.",
        "Rij 11, kolom 'met verblijf': 'misschien' is geen ja of nee.",
        "Rij 12, kolom 'productcategorie': '99' is geen bekende code of omschrijving.",
        "Rij 12, kolom 'werkgebied': vul ten minste één gemeente in (het werkgebied).",
        "Rij 13, kolom 'website': wijkt af van rij 2; een organisatie heeft één waarde.",
    ]
    assert errors == expected
    assert not Aanbod.objects.exists()


def test_header_and_waiting_time_problems(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    content = csv_bytes(
        [
            offer_row(gemeente, **{"weken tot intake": "", "bevestigd op": "31-02-2025"}),
            offer_row(gemeente, aanbod="", omschrijving="Zonder naam"),
        ]
    ).replace(b"bevestigd door", b"getekend door")
    response = dry_run(as_user(coordinator(tenancy)), team, "kaart.csv", content)
    assert errors_of(response) == [
        "Rij 1, kolom 'getekend door': deze kolom is onbekend.",
        "Rij 2, kolom 'weken tot intake': vul alle drie de wachttijden in, of geen.",
        "Rij 2, kolom 'bevestigd op': '31-02-2025' is geen geldige datum (dd-mm-jjjj).",
        "Rij 3, kolom 'aanbod': deze rij heeft gegevens van een aanbod, maar geen naam van het "
        "aanbod.",
    ]


def test_clean_import_creates_organisations_offers_and_waiting_times(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    rows = [
        offer_row(gemeente),
        offer_row(
            gemeente,
            aanbod="Ouderavonden",
            hulpvorm="",
            productcategorie="",
            **{
                "weken tot aanmelding": "",
                "weken tot intake": "",
                "weken tot start hulp": "",
                "bevestigd op": "",
                "bevestigd door": "",
            },
        ),
        # The provider of the test world, matched by name (case does not matter).
        offer_row(
            gemeente,
            organisatie="zorgaanbieder alfa",
            aanbod="Buddyproject",
            hulpvorm="",
            productcategorie="",
            **{
                "voorliggend veld": "ja",
                "verwijzing nodig": "",
                "beschikking nodig": "",
                "kvk-nummer": "",
                "website": "",
                "e-mail": "",
                "telefoon": "",
                "omschrijving organisatie": "",
                "expertise organisatie": "",
                "gecontracteerd door": "",
                "contactpersoon verwijzers": "",
                "hulpvragen": "een maatje of buddy",
            },
        ),
    ]
    client = as_user(coordinator(tenancy))
    dry = dry_run(client, team, *build("csv", rows))
    assert dry.context["plan"].counts == {
        "organisations_new": 1,
        "organisations_updated": 1,
        "offers_new": 3,
        "offers_updated": 0,
        "waiting_new": 2,
    }
    assert not Aanbod.objects.exists(), "the dry run writes nothing"
    response = confirm(client, team, dry)
    assert "Het bestand is ingelezen: organisaties 1 nieuw en 1 bijgewerkt" in (
        response.content.decode()
    )
    kust = Organisation.objects.get(name="Jeugdhulp De Kust")
    assert kust.type == OrganisationType.ZORGAANBIEDER
    assert list(kust.regions.all()) == [team.region]
    assert (kust.kvk_number, kust.phone) == ("12345678", "+31 10 1234567")
    profiel = Aanbiederprofiel.objects.get(organisation=kust)
    assert {e.code for e in profiel.expertise.all()} == {"ggz", "trauma"}
    assert list(profiel.contracted_by.all()) == [gemeente]
    offer = Aanbod.objects.get(organisation=kust, name="Gezinsbegeleiding thuis")
    assert (offer.productcategorie, offer.hulpvorm, offer.age_min, offer.age_max) == (
        "45",
        "02",
        4,
        18,
    )
    assert {h.code for h in offer.hulpvragen.all()} == {"opvoeding", "boosheid-gedrag"}
    assert list(offer.gemeenten.all()) == [gemeente]
    entry = Wachttijd.objects.get(aanbod=offer)
    assert (entry.weeks_to_registration, entry.weeks_to_intake, entry.weeks_to_treatment) == (
        1,
        3,
        6,
    )
    assert entry.confirmed_on == dt.date(2025, 2, 1)
    assert entry.confirmed_by is None and entry.confirmed_by_name == "J. Jansen (planner)"
    assert not Wachttijd.objects.filter(aanbod__name="Ouderavonden").exists()
    buddy = Aanbod.objects.get(name="Buddyproject")
    assert buddy.organisation.name == "Zorgaanbieder Alfa", "matched, not duplicated"
    assert buddy.voorliggend_veld and not buddy.referral_needed and not buddy.beschikking_needed
    assert Organisation.objects.filter(name__iexact="zorgaanbieder alfa").count() == 1


def test_reimport_updates_instead_of_duplicating(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    client = as_user(coordinator(tenancy))
    import_file(client, team, *build("xlsx", [offer_row(gemeente)]))
    again = dry_run(client, team, *build("xlsx", [offer_row(gemeente)]))
    assert again.context["plan"].counts == {
        "organisations_new": 0,
        "organisations_updated": 1,
        "offers_new": 0,
        "offers_updated": 1,
        "waiting_new": 0,
    }
    confirm(client, team, again)
    changed = offer_row(
        gemeente,
        aanbod="GEZINSBEGELEIDING THUIS",
        omschrijving="Nieuwe tekst.",
        hulpvragen="opvoeding",
        **{"weken tot start hulp": "8", "bevestigd op": "01-03-2025"},
    )
    import_file(client, team, *build("xlsx", [changed]))
    offer = Aanbod.objects.get()
    assert offer.description == "Nieuwe tekst."
    assert offer.name == "GEZINSBEGELEIDING THUIS"
    assert [h.code for h in offer.hulpvragen.all()] == ["opvoeding"]
    assert Organisation.objects.filter(name="Jeugdhulp De Kust").count() == 1
    weeks = list(Wachttijd.objects.order_by("confirmed_on").values_list("weeks_to_treatment"))
    assert weeks == [(6,), (8,)], "a new confirmation is a new row, the old one stays history"


def test_confirm_checks_the_file_again(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    client = as_user(coordinator(tenancy))
    dry = dry_run(client, team, *build("csv", [offer_row(gemeente)]))
    assert dry.context["plan"].clean
    for _ in range(2):  # meanwhile two organisations with this name appeared in the region
        OrganisationFactory(name="Jeugdhulp de Kust", regions=[team.region])
    response = client.post(
        f"{import_url(team)}bevestigen/", {"token": dry.context["confirm_form"].initial["token"]}
    )
    assert response.status_code == 200
    assert "meerdere organisaties met deze naam" in errors_of(response)[0]
    assert not Aanbod.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kaart.xls", b"\xd0\xcf\x11\xe0" + b"x" * 100, "Sla het op als .xlsx of .csv"),
        ("kaart.pdf", b"%PDF-1.4", "Alleen CSV- en Excel-bestanden"),
        ("kaart.xlsx", b"organisatie;aanbod\n", "geen geldig Excel-bestand"),
        ("kaart.csv", b"PK\x03\x04rest", "geen tekstbestand"),
        ("kaart.csv", "organisatie\nCafé".encode("latin-1"), "geen UTF-8-tekst"),
        ("kaart.csv", b"x" * (2 * 1024 * 1024 + 1), "te groot"),
    ],
)
def test_file_type_and_size_are_checked(tenancy, as_user, name, content, message):
    response = dry_run(as_user(coordinator(tenancy)), tenancy.a.team, name, content)
    assert response.status_code == 200
    assert message in response.context["form"].errors["bestand"][0]
    assert "plan" not in response.context


def test_comma_separated_csv_without_bom_and_labels(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    row = offer_row(
        gemeente,
        hulpvorm="ambulant op locatie aanbieder",
        productcategorie="Jeugdhulp ambulant",
        hulpvragen="alcohol, drugs of gamen|ADHD of concentratie",
        werkgebied=gemeente.name.upper(),
    )
    client = as_user(coordinator(tenancy))
    import_file(client, team, "kaart.csv", csv_bytes([row], delimiter=",", bom=False))
    offer = Aanbod.objects.get()
    assert (offer.hulpvorm, offer.productcategorie) == ("02", "45")
    assert {h.code for h in offer.hulpvragen.all()} == {"verslaving", "adhd-concentratie"}


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.TEAMLID, Role.VOORZITTER, Role.AANMELDER])
def test_only_the_coordinator_may_import(tenancy, as_user, role):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    client = as_user(tenancy.a.users[role])
    before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
    assert client.get(import_url(team)).status_code == 404
    response = dry_run(client, team, *build("csv", [offer_row(gemeente)]))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 2
    assert not Aanbod.objects.exists()


def test_coordinator_sees_the_documented_format(tenancy, as_user):
    client = as_user(coordinator(tenancy))
    page = client.get(import_url(tenancy.a.team)).content.decode()
    for header in ("leeftijd tot", "werkgebied", "bevestigd op", "voorliggend veld"):
        assert f"<code>{header}</code>" in page
    template = client.get(f"{import_url(tenancy.a.team)}sjabloon.csv")
    assert template.status_code == 200
    assert template.content.decode("utf-8-sig").startswith("organisatie;kvk-nummer;")


def _kust_left_a_region(team, gemeente):
    """Jeugdhulp De Kust with its offer 'Gezinsbegeleiding thuis', which still lists a gemeente
    of a region the organisation is no longer active in: saving that offer is refused by the
    service (the rows themselves are fine)."""
    elsewhere = GemeenteFactory(region=RegionFactory(), name="Verweg", cbs_code="GM9902")
    kust = OrganisationFactory(name="Jeugdhulp De Kust", regions=[team.region])
    offer = Aanbod.objects.create(
        organisation=kust, name="Gezinsbegeleiding thuis", description="x"
    )
    offer.gemeenten.set([gemeente, elsewhere])
    return kust


def test_the_dry_run_reports_what_the_services_refuse(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    _kust_left_a_region(team, gemeente)
    rows = [
        offer_row(gemeente),  # row 2: an offer the service refuses
        offer_row(gemeente, aanbod="Ouderavonden", **{"bevestigd op": "01-01-0001"}),  # row 3
        offer_row(gemeente, aanbod="Buddy", organisatie="Sportclub Noord"),  # row 4: fine
    ]
    response = dry_run(as_user(coordinator(tenancy)), team, *build("csv", rows))
    assert errors_of(response) == [
        "Rij 2, kolom 'werkgebied': Verweg hoort niet bij een regio waarin Jeugdhulp De Kust "
        "actief is.",
        "Rij 3, kolom 'bevestigd op': De datum van bevestiging kan niet vóór 01-01-2000 liggen.",
    ]
    assert "confirm_form" not in response.context, "no way to import a file with errors"
    assert not Organisation.objects.filter(name="Sportclub Noord").exists(), "nothing written"
    assert not Aanbod.objects.filter(name__in=["Ouderavonden", "Buddy"]).exists()
    assert Aanbod.objects.get(name="Gezinsbegeleiding thuis").description == "x"


def test_a_refusal_while_importing_imports_nothing_and_says_where(tenancy, as_user):
    team, gemeente = tenancy.a.team, gemeente_of(tenancy)
    rows = [
        offer_row(gemeente, aanbod="Buddy", organisatie="Sportclub Noord"),  # row 2: fine
        offer_row(gemeente),  # row 3: refused after the dry run
    ]
    client = as_user(coordinator(tenancy))
    dry = dry_run(client, team, *build("csv", rows))
    assert dry.context["plan"].clean
    _kust_left_a_region(team, gemeente)  # meanwhile
    response = client.post(
        f"{import_url(team)}bevestigen/", {"token": dry.context["confirm_form"].initial["token"]}
    )
    assert response.status_code == 200
    assert errors_of(response) == [
        "Rij 3, kolom 'werkgebied': Verweg hoort niet bij een regio waarin Jeugdhulp De Kust "
        "actief is."
    ]
    assert not Organisation.objects.filter(name="Sportclub Noord").exists(), "all or nothing"
    assert not Aanbod.objects.filter(name="Buddy").exists()
