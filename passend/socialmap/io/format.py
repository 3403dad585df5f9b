"""The file format of the sociale kaart import and export: one table, one row per offer.

The columns repeat the organisation on every offer row; a row without an offer name only
describes the organisation. Lists (codes, gemeenten) are separated by ``|``. Export writes
exactly these columns, so an exported file can be imported again (round trip).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ORG, OFFER, WAIT = "organisatie", "aanbod", "wachttijd"
LIST_SEPARATOR = "|"
# Cells that a spreadsheet would run as a formula get an apostrophe in front (CSV injection);
# the import removes it again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    part: str
    help: str
    example: str = ""
    required: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "org_name",
        "organisatie",
        ORG,
        _(
            "Naam van de organisatie. Een organisatie in de jeugdregio met dezelfde naam wordt "
            "bijgewerkt (hoofdletters tellen niet mee); anders wordt ze aangemaakt als "
            "zorgaanbieder in de jeugdregio."
        ),
        "Jeugdhulp De Kust",
        _("ja"),
    ),
    Column("kvk", "kvk-nummer", ORG, _("8 cijfers."), "12345678"),
    Column("website", "website", ORG, _("Adres van de website."), "https://www.dekust.example"),
    Column("email", "e-mail", ORG, _("Algemeen e-mailadres."), "info@dekust.example"),
    Column("phone", "telefoon", ORG, _("Algemeen telefoonnummer."), "0101234567"),
    Column(
        "org_description",
        "omschrijving organisatie",
        ORG,
        _("Wat de organisatie doet, in gewone taal."),
        "Wij helpen gezinnen thuis.",
    ),
    Column("contact_name", "contactpersoon verwijzers", ORG, _("Naam of functie."), "Intake"),
    Column("contact_phone", "telefoon verwijzers", ORG, _("Telefoon voor verwijzers."), ""),
    Column("contact_email", "e-mail verwijzers", ORG, _("E-mail voor verwijzers."), ""),
    Column(
        "org_expertise",
        "expertise organisatie",
        ORG,
        _("Codes of omschrijvingen uit de lijst expertisegebieden, gescheiden door |."),
        "ggz|trauma",
    ),
    Column(
        "contracted_by",
        "gecontracteerd door",
        ORG,
        _("CBS-codes (GM0000) of namen van gemeenten in de jeugdregio, gescheiden door |."),
        "GM0363|GM0384",
    ),
    Column(
        "name",
        "aanbod",
        OFFER,
        _(
            "Naam van het aanbod. Leeg: de rij gaat alleen over de organisatie. Een aanbod van "
            "dezelfde organisatie met dezelfde naam wordt bijgewerkt, niet verdubbeld."
        ),
        "Gezinsbegeleiding thuis",
    ),
    Column(
        "description",
        "omschrijving",
        OFFER,
        _("Wat het aanbod is, in gewone taal."),
        "Een begeleider komt wekelijks thuis.",
        _("bij aanbod"),
    ),
    Column(
        "productcategorie",
        "productcategorie",
        OFFER,
        _("Productcategorie JZ020: code (bijv. 45) of omschrijving."),
        "45",
    ),
    Column(
        "hulpvorm",
        "hulpvorm",
        OFFER,
        _("Hulpvorm (CBS): code (bijv. 02) of omschrijving."),
        "02",
    ),
    Column(
        "voorliggend_veld",
        "voorliggend veld",
        OFFER,
        _("ja/nee; lichte hulp zonder verwijzing of beschikking. Leeg: nee."),
        "nee",
    ),
    Column(
        "with_stay",
        "met verblijf",
        OFFER,
        _("ja/nee. Leeg: afgeleid van de hulpvorm (verblijf bij codes 11–14)."),
        "nee",
    ),
    Column("age_min", "leeftijd van", OFFER, _("0 tot en met 27. Leeg: 0."), "4"),
    Column("age_max", "leeftijd tot", OFFER, _("Tot en met; 0 tot en met 27. Leeg: 23."), "18"),
    Column(
        "hulpvragen",
        "hulpvragen",
        OFFER,
        _("'Waar ben je naar op zoek?': codes of omschrijvingen, gescheiden door |."),
        "opvoeding|boosheid-gedrag",
    ),
    Column(
        "aandachtspunten",
        "aandachtspunten",
        OFFER,
        _("'Wat vraagt aandacht?': codes of omschrijvingen, gescheiden door |."),
        "thuissituatie",
    ),
    Column(
        "life_domains",
        "leefgebieden",
        OFFER,
        _("Codes of omschrijvingen van leefgebieden, gescheiden door |."),
        "",
    ),
    Column(
        "offer_expertise",
        "expertise aanbod",
        OFFER,
        _("Codes of omschrijvingen uit de lijst expertisegebieden, gescheiden door |."),
        "",
    ),
    Column(
        "gemeenten",
        "werkgebied",
        OFFER,
        _("CBS-codes (GM0000) of namen van gemeenten in de jeugdregio, gescheiden door |."),
        "GM0363",
        _("bij aanbod"),
    ),
    Column(
        "referral_needed",
        "verwijzing nodig",
        OFFER,
        _("ja/nee. Leeg: ja, bij voorliggend veld nee."),
        "ja",
    ),
    Column(
        "beschikking_needed",
        "beschikking nodig",
        OFFER,
        _("ja/nee. Leeg: ja, bij voorliggend veld nee."),
        "ja",
    ),
    Column("active", "actief", OFFER, _("ja/nee. Leeg: ja."), "ja"),
    Column(
        "weeks_registration",
        "weken tot aanmelding",
        WAIT,
        _("Wachttijd in weken. Vul de drie wachttijden samen in, met de datum."),
        "1",
    ),
    Column("weeks_intake", "weken tot intake", WAIT, _("Wachttijd in weken."), "3"),
    Column("weeks_treatment", "weken tot start hulp", WAIT, _("Wachttijd in weken."), "6"),
    Column(
        "confirmed_on",
        "bevestigd op",
        WAIT,
        _("Datum waarop de wachttijd is bevestigd (dd-mm-jjjj), niet in de toekomst."),
        "01-03-2025",
    ),
    Column(
        "confirmed_by",
        "bevestigd door",
        WAIT,
        _("Wie de wachttijd bevestigde. De export noemt alleen de organisatie."),
        "Jeugdhulp De Kust",
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
HEADER_ALIASES = {
    "naam organisatie": "org_name",
    "kvk": "kvk",
    "kvk nummer": "kvk",
    "naam aanbod": "name",
    "leeftijd tot en met": "age_max",
    "gemeenten": "gemeenten",
    "weken tot behandeling": "weeks_treatment",
}


def header_key(text: str) -> str | None:
    """The column key for a header cell (case and surrounding spaces do not matter)."""
    norm = " ".join(str(text or "").strip().lower().split())
    for column in COLUMNS:
        if column.header == norm:
            return column.key
    return HEADER_ALIASES.get(norm)


def escape_cell(value: str) -> str:
    """Neutralise a cell that a spreadsheet would evaluate as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def unescape_cell(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value
