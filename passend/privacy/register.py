"""The processing register (verwerkingsregister): per data category what Passend holds, why,
on which legal basis, who sees it and how long it is kept.

One source for the beheer page (teams/<team>/beheer/privacy/) and for
``docs/verwerkingsregister.md`` (``manage.py write_verwerkingsregister``; a test keeps the
committed file equal to the generated one). The retention of case data follows the team's
setting (``Team.retention_months``, default 6 months after closure)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from passend.accounts.roles import Cap, Role, roles_with

# Retention kinds: the team's term, or a fixed rule.
TEAM_TERM = "team"
FIXED = "fixed"

DRAFT_DAYS = 30
ACCESS_LOG_YEARS = 5


@dataclass(frozen=True)
class Categorie:
    key: str
    name: str
    contents: str
    purpose: str
    legal_basis: str
    seen_by: tuple[str, ...]  # Role values
    seen_note: str
    retention_kind: str
    retention: str  # may hold %(months)s (the team's term)


def _roles(*caps: Cap) -> tuple[str, ...]:
    found = {role for cap in caps for role in roles_with(cap)}
    return tuple(role for role in Role if role in found)


CASE_TEAM = _roles(Cap.VIEW_CASE_DATA)
AGGREGATES = _roles(Cap.VIEW_AGGREGATES)
PRIVACY = _roles(Cap.HANDLE_PRIVACY_REQUESTS)

CASE_RETENTION = _(
    "%(months)s maanden na het afsluiten van de casus, of na het besluit bij een afgewezen of "
    "doorverwezen aanmelding (teaminstelling); daarna verwijderd. Een concept-aanmelding die "
    "niet wordt ingediend: na 30 dagen."
)
CASE_BASIS = _(
    "AVG art. 6 lid 1 sub a (toestemming, deel A: informatie uitwisselen met betrokken partijen "
    "zolang het team betrokken is) of sub c/e met de Jeugdwet (hoofdstuk 7; een gedwongen kader "
    "met vastgelegde reden); gegevens over gezondheid alleen met die grondslag (AVG art. 9, "
    "UAVG art. 30)."
)

CATEGORIES: tuple[Categorie, ...] = (
    Categorie(
        "casus",
        _("Identificerende casusgegevens"),
        _(
            "Naam, geboortedatum, BSN, adres en contact van de jeugdige; gemeente, reden van "
            "aanmelding, hulpvraag, urgentie, juridisch kader, woonsituatie; de naamindex en "
            "pseudoniemen."
        ),
        _("Een passende plek vinden voor de jeugdige: aanmelden, screenen, bespreken, adviseren."),
        CASE_BASIS,
        (*CASE_TEAM, Role.AANMELDER),
        _("Het casusteam (need-to-know); de aanmelder alleen de eigen aanmeldingen."),
        TEAM_TERM,
        CASE_RETENTION,
    ),
    Categorie(
        "ouders",
        _("Ouders en verzorgers"),
        _("Naam, relatie, contactgegevens en gezag van ouders en verzorgers."),
        _("Ouders betrekken en hun toestemming vragen."),
        CASE_BASIS,
        (*CASE_TEAM, Role.AANMELDER),
        _("Het casusteam; de aanmelder alleen bij de eigen aanmeldingen."),
        TEAM_TERM,
        CASE_RETENTION,
    ),
    Categorie(
        "toestemmingen",
        _("Toestemmingen"),
        _(
            "Wie toestemming gaf, hoe en wanneer, de getuige, en de delen: A (informatie "
            "uitwisselen) en B (geanonimiseerd gebruik om te leren); intrekking."
        ),
        _("Aantonen op welke grondslag gegevens worden verwerkt en gedeeld."),
        _("AVG art. 6 lid 1 sub c en art. 7 lid 1 (aantonen van de toestemming)."),
        (*CASE_TEAM, Role.AANMELDER),
        _("Het casusteam; de aanmelder alleen bij de eigen aanmeldingen."),
        TEAM_TERM,
        CASE_RETENTION,
    ),
    Categorie(
        "bijlagen",
        _("Bijlagen"),
        _("Documenten die bij de aanmelding of de casus zijn gevoegd."),
        _("De informatie die het team nodig heeft om de casus te begrijpen."),
        CASE_BASIS,
        (*CASE_TEAM, Role.AANMELDER),
        _("Het casusteam; de aanmelder alleen bij de eigen aanmeldingen."),
        TEAM_TERM,
        _(
            "Als de casusgegevens: %(months)s maanden na afsluiten of besluit; het bestand wordt "
            "dan uit de opslag verwijderd."
        ),
    ),
    Categorie(
        "casuswerk",
        _("Verslagen, analyse, advies en procesregie"),
        _(
            "Tijdlijn, analyse en perspectief, notulen van besprekingen, advies en toelichting, "
            "doelen, acties, escalaties en toekomstplan — ook vrije tekst."
        ),
        _("Samen tot een passend advies komen en de uitvoering ervan volgen."),
        CASE_BASIS,
        CASE_TEAM,
        _(
            "Het casusteam; gasten van een overleg alleen de bespreking waarvoor ze zijn "
            "uitgenodigd; het advies ook de aanmelder."
        ),
        TEAM_TERM,
        CASE_RETENTION,
    ),
    Categorie(
        "analyserecord",
        _("Geanonimiseerd analyserecord"),
        _(
            "Per casus en per gebeurtenis: codes, gemeente en wijk, leeftijd en leeftijdsgroep "
            "bij aanmelding, datums en doorlooptijden, met een willekeurige sleutel. Nooit een "
            "naam, BSN, geboortedatum, adres of vrije tekst."
        ),
        _(
            "Monitoring, signaleren en rapporteren: tellen wat er in de regio gebeurt, om van "
            "te leren."
        ),
        _(
            "AVG art. 6 lid 1 sub e met de Jeugdwet (art. 7.4.0: beleidsinformatie); alleen "
            "geaggregeerd gebruikt, na een vastgelegde DPIA en convenant (art. 35 AVG). Een "
            "casus als voorbeeld koppelen vraagt toestemming deel B."
        ),
        AGGREGATES,
        _(
            "Alleen als aantallen (aantallen onder de 5 verborgen); de beleidsadviseur alleen "
            "voor de toegekende gemeenten."
        ),
        FIXED,
        _(
            "Blijft bewaard; de koppeling met de casus wordt na de bewaartermijn van de casus "
            "doorgeknipt, daarna is het record anoniem."
        ),
    ),
    Categorie(
        "toegangslog",
        _("Toegangslog"),
        _(
            "Wie wanneer welke gegevens inzag of wijzigde, met welk doel, vanaf welk adres; "
            "geweigerde pogingen. Noemt personen alleen bij nummer."
        ),
        _("Verantwoording en controle op onrechtmatige toegang (NEN 7513)."),
        _("AVG art. 6 lid 1 sub c met art. 5 lid 2 en art. 32 AVG (beveiliging)."),
        _roles(Cap.VIEW_ACCESS_LOG),
        _("De beheerder en de voorzitter van het team."),
        FIXED,
        _(
            "5 jaar; daarna verwijderd met een controlepunt, zodat de hashketen controleerbaar "
            "blijft."
        ),
    ),
    Categorie(
        "sociale-kaart",
        _("Sociale kaart"),
        _(
            "Organisaties, aanbod, locaties, wachttijden en de contactpersoon van een aanbieder "
            "voor de herinneringen."
        ),
        _("Zoeken naar passend aanbod en actuele wachttijden."),
        _(
            "AVG art. 6 lid 1 sub f (gerechtvaardigd belang) voor de contactgegevens van "
            "medewerkers van aanbieders."
        ),
        _roles(Cap.VIEW_SOCIAL_MAP, Cap.UPDATE_OWN_WAITING_TIMES),
        _("Iedereen met een rol in de regio; een aanbieder beheert de eigen wachttijden."),
        FIXED,
        _("Zolang de organisatie in de regio actief is; contactpersonen tot ze worden vervangen."),
    ),
    Categorie(
        "accounts",
        _("Gebruikers en lidmaatschappen"),
        _("Naam, e-mail, telefoon, organisatie, rollen per team, tweede factor en uitnodigingen."),
        _("Inloggen, rechten toekennen en samenwerken in het team."),
        _("AVG art. 6 lid 1 sub b en f (de werkrelatie en een veilige toegang)."),
        _roles(Cap.VIEW_MEMBERS),
        _("De teamleden van hetzelfde team; de beheerder beheert ze."),
        FIXED,
        _(
            "Zolang het lidmaatschap loopt; een beëindigd lidmaatschap blijft zichtbaar in het "
            "toegangslog."
        ),
    ),
)

# Which cases count, and when a case may be an example (LEARNING.md blind spot 1, S1:3080/3234).
COUNTING_RULES: tuple[str, ...] = (
    _(
        "Elke aanmelding telt mee in de geaggregeerde cijfers, ook een afgewezen of "
        "doorverwezen aanmelding en een casus zonder toestemming deel B: alleen als aantallen "
        "uit het geanonimiseerde analyserecord, nooit herleidbaar (aantallen van 1 tot 4 worden "
        "als '<5' getoond)."
    ),
    _(
        "Een casus als voorbeeld koppelen aan een evaluatie, signaal of rapportage mag alleen "
        "met toestemming deel B (geanonimiseerd gebruik om te leren) die niet is ingetrokken."
    ),
    _(
        "Monitoring, signalen en rapportages van een team staan uit totdat de beheerder heeft "
        "vastgelegd dat de DPIA is uitgevoerd en het convenant of privacyprotocol is "
        "vastgesteld."
    ),
)


def role_labels(roles) -> list[str]:
    return [str(Role(role).label) for role in roles]


def rows(*, retention_months: int) -> list[dict]:
    """The register for display: every category with its roles' labels and its retention
    filled in with the team's term."""
    return [
        {
            "key": c.key,
            "name": str(c.name),
            "contents": str(c.contents),
            "purpose": str(c.purpose),
            "legal_basis": str(c.legal_basis),
            "seen_by": role_labels(c.seen_by),
            "seen_note": str(c.seen_note),
            "retention": str(c.retention) % {"months": retention_months}
            if c.retention_kind == TEAM_TERM
            else str(c.retention),
        }
        for c in CATEGORIES
    ]


def default_retention_months() -> int:
    from passend.regions.models import Team

    return Team._meta.get_field("retention_months").get_default()


def as_markdown() -> str:
    """docs/verwerkingsregister.md, in Dutch (the language of the register)."""
    with translation.override("nl"):
        months = default_retention_months()
        lines = [
            "# Verwerkingsregister Passend",
            "",
            "<!-- Gegenereerd uit passend/privacy/register.py met "
            "`manage.py write_verwerkingsregister`; niet met de hand wijzigen. -->",
            "",
            "Per categorie gegevens: wat Passend bewaart, waarvoor, op welke grondslag, wie het "
            "ziet en hoe lang. De bewaartermijn van casusgegevens is een teaminstelling "
            f"(standaard {months} maanden); de beheerder ziet dit register met de termijn van "
            "het eigen team onder Beheer → Privacy.",
            "",
            "## Welke casussen tellen",
            "",
            *[f"- {rule}" for rule in COUNTING_RULES],
            "",
        ]
        for row in rows(retention_months=months):
            lines += [
                f"## {row['name']}",
                "",
                f"- **Gegevens:** {row['contents']}",
                f"- **Doel:** {row['purpose']}",
                f"- **Grondslag:** {row['legal_basis']}",
                f"- **Wie ziet het:** {row['seen_note']} Rollen: {', '.join(row['seen_by'])}.",
                f"- **Bewaartermijn:** {row['retention']}",
                "",
            ]
        return "\n".join(lines).rstrip() + "\n"
