"""Export of the sociale kaart: the import format, so export -> import gives the same offers;
no people's names; formula cells neutralised."""

import csv
import io

import pytest
from openpyxl import load_workbook

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory, RegionFactory
from passend.socialmap import services
from passend.socialmap.models import Aanbod, Wachttijd

from .io_helpers import HEADERS, build, coordinator, dry_run, import_file, offer_row

pytestmark = pytest.mark.django_db


def export(client, team, kind: str):
    response = client.get(f"/teams/{team.slug}/sociale-kaart/export.{kind}")
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel opens UTF-8 only with a BOM"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def snapshot() -> dict:
    result = {}
    for offer in Aanbod.objects.select_related("organisation"):
        entry = Wachttijd.objects.filter(aanbod=offer, locatie=None).first()
        result[(offer.organisation.name, offer.name)] = {
            "fields": [
                getattr(offer, f)
                for f in (
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
                )
            ],
            "sets": [
                sorted(getattr(offer, m).values_list("pk", flat=True))
                for m in ("hulpvragen", "aandachtspunten", "life_domains", "expertise", "gemeenten")
            ],
            "waiting": entry
            and (
                entry.weeks_to_registration,
                entry.weeks_to_intake,
                entry.weeks_to_treatment,
                entry.confirmed_on,
            ),
        }
    return result


def filled_map(tenancy, client):
    team = tenancy.a.team
    gemeente = team.gemeenten.get()
    rows = [
        offer_row(gemeente, organisatie='=HYPERLINK("https://kwaad.example")'),
        offer_row(gemeente, aanbod="Logeerhuis", hulpvorm="14", **{"met verblijf": "ja"}),
        offer_row(
            gemeente,
            organisatie="Sportclub Noord",
            aanbod="Sportmaatje",
            hulpvorm="",
            productcategorie="",
            **{
                "voorliggend veld": "ja",
                "verwijzing nodig": "nee",
                "beschikking nodig": "nee",
                "actief": "nee",
                "leefgebieden": "gezin-opvoeding|psychische-gezondheid",
                "expertise aanbod": "lvb",
                "telefoon": "",
                "kvk-nummer": "",
                "website": "",
            },
        ),
    ]
    import_file(client, team, *build("csv", rows))
    # A provider confirmed one waiting time itself, in the app.
    provider_offer = Aanbod.objects.create(
        organisation=tenancy.a.users[Role.AANBIEDER].memberships.get().organisation,
        name="Ambulante ggz",
        description="Gesprekken op de praktijk.",
    )
    provider_offer.gemeenten.add(gemeente)
    services.confirm_waiting_time(
        provider_offer,
        actor=tenancy.a.users[Role.AANBIEDER],
        weeks_to_registration=2,
        weeks_to_intake=4,
        weeks_to_treatment=10,
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_offers(tenancy, as_user, kind):
    client = as_user(coordinator(tenancy))
    filled_map(tenancy, client)
    before = snapshot()
    assert len(before) == 4
    content = export(client, tenancy.a.team, kind)
    name = f"export.{kind}"
    again = dry_run(client, tenancy.a.team, name, content).context["plan"]
    assert again.clean, [str(e) for e in again.errors]
    assert again.counts["offers_new"] == 0 and again.counts["waiting_new"] == 0
    Aanbod.objects.all().delete()
    import_file(client, tenancy.a.team, name, content)
    assert snapshot() == before


def test_export_shows_no_names_and_neutralises_formulas(tenancy, as_user):
    client = as_user(coordinator(tenancy))
    filled_map(tenancy, client)
    rows = csv_rows(export(client, tenancy.a.team, "csv"))
    assert rows[0] == HEADERS
    by_offer = {row[HEADERS.index("aanbod")]: dict(zip(HEADERS, row, strict=True)) for row in rows}
    text = "\n".join(";".join(r) for r in rows)
    provider_user = tenancy.a.users[Role.AANBIEDER]
    assert provider_user.first_name not in text and provider_user.username not in text
    assert "Jansen" not in text, "names given at import are not exported"
    assert by_offer["Ambulante ggz"]["bevestigd door"] == "Zorgaanbieder Alfa"
    assert by_offer["Gezinsbegeleiding thuis"]["bevestigd door"] == ""
    assert by_offer["Gezinsbegeleiding thuis"]["organisatie"].startswith("'=HYPERLINK(")
    assert by_offer["Gezinsbegeleiding thuis"]["telefoon"] == "'+31 10 1234567"
    sheet = load_workbook(io.BytesIO(export(client, tenancy.a.team, "xlsx"))).worksheets[0]
    values = [c.value for c in sheet[2]]
    assert values[0].startswith("'=HYPERLINK(") and sheet["A2"].data_type == "s"


def test_export_covers_only_the_team_region(tenancy, as_user):
    client = as_user(coordinator(tenancy))
    filled_map(tenancy, client)
    other_region = RegionFactory()
    elsewhere = OrganisationFactory(name="Jeugdzorg Elders", regions=[other_region])
    offer = Aanbod.objects.create(organisation=elsewhere, name="Elders", description="x")
    offer.gemeenten.add(GemeenteFactory(region=other_region))
    rows = csv_rows(export(client, tenancy.a.team, "csv"))
    assert "Jeugdzorg Elders" not in {r[0] for r in rows}


@pytest.mark.parametrize("role", [Role.VOORZITTER, Role.BELEIDSADVISEUR, Role.AANMELDER])
def test_everyone_who_searches_the_map_may_export(tenancy, as_user, role):
    client = as_user(tenancy.a.users[role])
    assert csv_rows(export(client, tenancy.a.team, "csv"))[0] == HEADERS


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.BEHEERDER, Role.JEUGDIGE_OUDER])
def test_roles_without_the_map_are_refused(tenancy, as_user, role):
    client = as_user(tenancy.a.users[role])
    before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
    for kind in ("csv", "xlsx"):
        url = f"/teams/{tenancy.a.team.slug}/sociale-kaart/export.{kind}"
        assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 2


def test_template_workbook_explains_columns_and_codes(tenancy, as_user):
    client = as_user(coordinator(tenancy))
    response = client.get(f"/teams/{tenancy.a.team.slug}/sociale-kaart/import/sjabloon.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["sociale kaart", "toelichting", "codes"]
    assert [c.value for c in workbook["sociale kaart"][1]] == HEADERS
    explained = [row[0] for row in workbook["toelichting"].iter_rows(min_row=2, values_only=True)]
    assert explained == HEADERS
    codes = {(r[0], r[1]) for r in workbook["codes"].iter_rows(min_row=2, values_only=True)}
    assert ("hulpvorm", "02") in codes and ("hulpvraag", "buddy") in codes
    assert ("gemeente", tenancy.a.team.gemeenten.get().cbs_code) in codes
    # The empty template is read as a file in the right format without data.
    dry = dry_run(client, tenancy.a.team, "sjabloon.xlsx", response.content)
    assert dry.context["form"].errors["bestand"] == [
        "Het bestand bevat alleen een kopregel, geen gegevens."
    ]
