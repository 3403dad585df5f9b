"""One case from registration to 'passende plek bereikt', through the pages only.

The clock moves between the steps (time-machine), as it would in a real team: the recorded
timestamps are the ones the lead times of the monitoring are computed from.
"""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from passend.accounts.roles import Role
from passend.advice.models import Advies
from passend.cases.models import Casus, RegistrationReason, Sector
from passend.meetings.models import Casusbespreking, Overleg

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
DAY0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)


def at(days: int, hour: int = 10):
    """Travel to DAY0 + days at the given hour (Amsterdam), standing still."""
    moment = (DAY0 + dt.timedelta(days=days)).replace(hour=hour)
    return time_machine.travel(moment, tick=False)


def ok(response):
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_registration_to_fitting_place_through_the_ui_with_lead_times(tenancy, as_user):
    team = tenancy.a.team
    u = tenancy.a.users
    base = f"/teams/{team.slug}"

    with at(0, 9):  # The referrer registers, with the young person's own words.
        client = as_user(u[Role.AANMELDER])
        ok(
            client.post(
                f"{base}/aanmelden/",
                {
                    "first_name": "Noor",
                    "last_name": "Fictief-Reis",
                    "birth_date": "2017-01-10",
                    "gemeente": team.gemeenten.first().pk,
                    "living_situation": "thuis",
                },
            )
        )
        casus = Casus.objects.get()
        step = f"{base}/aanmelden/{casus.pk}"
        ok(
            client.post(
                f"{step}/ouders/",
                {
                    "ouders-TOTAL_FORMS": "1",
                    "ouders-INITIAL_FORMS": "0",
                    "ouders-MIN_NUM_FORMS": "0",
                    "ouders-MAX_NUM_FORMS": "4",
                    "ouders-0-first_name": "Ilse",
                    "ouders-0-last_name": "Fictief-Reis",
                    "ouders-0-relation": "moeder",
                    "ouders-0-has_gezag": "on",
                },
            )
        )
        reason = RegistrationReason.objects.exclude(code="anders").first()
        ok(
            client.post(
                f"{step}/vraag/",
                {
                    "question": "Noor loopt vast op school en thuis; drie aanbieders haakten af.",
                    "youth_wish": "Gewoon naar school en niet steeds een nieuwe juf.",
                    "youth_struggle": "Te veel lawaai in de klas.",
                    "family_wish": "Eén plan dat blijft.",
                    "reasons": [reason.pk],
                    "sectors": [Sector.objects.get(region=team.region, code="onderwijs").pk],
                    "urgency": "hoog",
                },
            )
        )
        ok(
            client.post(
                f"{step}/achtergrond/",
                {"referrer_type": "01", "legal_framework": "vrijwillig", "care_history": "-"},
            )
        )
        ok(client.post(f"{step}/versturen/", {"youth_informed": "on", "parents_informed": "on"}))

    with at(2):  # The screener starts screening and records the mother's consent.
        client = as_user(u[Role.SCREENER])
        ok(client.post(f"{base}/casussen/{casus.pk}/status/", {"to_state": "in_screening"}))
        ouder = casus.ouders.get()
        ok(
            client.post(
                f"{base}/casussen/{casus.pk}/",
                {
                    "formulier": "toestemming",
                    "person": str(ouder.pk),
                    "method": "formulier",
                    "given_on": "2026-03-04",
                    "scope_exchange": "on",
                },
            )
        )

    with at(9):  # Screening decision: suitable, with the people who will carry the case.
        client = as_user(u[Role.SCREENER])
        ok(
            client.post(
                f"{base}/casussen/{casus.pk}/",
                {
                    "outcome": "geschikt",
                    "reason": "Vastgelopen op meerdere leefgebieden.",
                    "casushouder": u[Role.AANMELDER].pk,
                    "procesregisseur": u[Role.PROCESREGISSEUR].pk,
                    "experts": [u[Role.TEAMLID].pk],
                },
            )
        )

    with at(16, 9):  # The chair plans the meeting and puts Noor's question on the agenda.
        client = as_user(u[Role.VOORZITTER])
        ok(
            client.post(
                f"{base}/overleggen/plannen/",
                {
                    "day": "2026-03-18",
                    "start": "09:30",
                    "duration_minutes": "120",
                    "location": "Gemeentehuis, zaal 2",
                    "chair": u[Role.VOORZITTER].pk,
                },
            )
        )
        overleg = Overleg.objects.get(team=team)
        meeting = f"{base}/overleggen/{overleg.pk}"
        ok(
            client.post(
                f"{meeting}/agenda/",
                {"casus": casus.pk, "question": "Welke school en welke hulp passen bij Noor?"},
            )
        )

    with at(16, 12):  # The minute-taker records the meeting with Noor and her mother.
        client = as_user(u[Role.NOTULIST])
        item = Casusbespreking.objects.get(casus=casus)
        page = client.get(f"{base}/overleggen/{overleg.pk}/").content.decode()
        assert page.index("Perspectief van de jeugdige") < page.index("niet steeds een nieuwe juf")
        ok(
            client.post(
                f"{meeting}/aanwezigheid/",
                {
                    f"member_{u[Role.VOORZITTER].pk}": "aanwezig",
                    f"member_{u[Role.NOTULIST].pk}": "aanwezig",
                },
            )
        )
        ok(
            client.post(
                f"{meeting}/besprekingen/{item.pk}/",
                {
                    "formulier": "bespreking",
                    "participation": "aanwezig",
                    "minutes_part1": "Noor wil naar een kleine klas; moeder wil één vast plan.",
                    "minutes_part2": "Advies: onderwijszorgarrangement met gezinsbehandeling.",
                    "what_helped": "Noor vertelde het zelf.",
                    "could_be_better": "Minder mensen aan tafel.",
                    "family_view": "Moeder voelde zich gehoord.",
                },
            )
        )

    advice_url = f"{base}/casussen/{casus.pk}/advies/"
    with at(23, 10):  # The expert drafts the advice; the chair approves and sends it.
        client = as_user(u[Role.TEAMLID])
        ok(
            client.post(
                f"{advice_url}nieuw/",
                {
                    "status": "zwaarwegend",
                    "most_fitting_care": "Kleine klas met onderwijszorgarrangement.",
                    "order_and_speed": "Eerst de school, binnen vier weken.",
                    "bridging_waiting_time": "Ambulante begeleiding thuis.",
                    "financing_who_pays": "Gemeente (Jeugdwet) en samenwerkingsverband.",
                },
            )
        )
        advies = Advies.objects.get(casus=casus)
        client = as_user(u[Role.VOORZITTER])
        ok(client.post(advice_url, {"formulier": "goedkeuren", "advies": advies.pk}))
        ok(
            client.post(
                advice_url,
                {
                    "formulier": "versturen",
                    "advies": advies.pk,
                    "recipients": ["verwijzer", "jeugdige", "ouders"],
                },
            )
        )
        letter = client.get(f"{advice_url}{advies.pk}/brief.pdf")
        assert letter.status_code in (200, 503)  # 503 only without the Pango library

    advies.refresh_from_db()
    follow_up = advies.opvolgingen.get()
    assert follow_up.due_on == dt.date(2026, 5, 25), "advice date + 2 months (team setting)"

    with at(84):  # Follow-up at two months: the advice is followed; Noor is at her new school.
        client = as_user(u[Role.PROCESREGISSEUR])
        ok(
            client.post(
                f"{advice_url}{advies.pk}/follow-up/",
                {
                    "done_on": "2026-05-25",
                    "implementation_status": "volledig_gevolgd",
                    "in_fitting_place": "on",
                    "notes": "Noor gaat sinds 20 mei naar de kleine klas.",
                },
            )
        )

    with at(90):  # The case director closes the case: passende plek bereikt.
        client = as_user(u[Role.PROCESREGISSEUR])
        ok(
            client.post(
                f"{base}/casussen/{casus.pk}/afsluiten/",
                {
                    "outcome": "passende_plek",
                    "fitting_place_on": "2026-05-20",
                    "living_situation_at_closure": "thuis",
                    "placement_route": "wijkteam",
                },
            )
        )

    casus.refresh_from_db()
    assert casus.state == "afgesloten" and casus.closure_outcome == "passende_plek"
    history = {t.to_state: t for t in casus.transitions.all()}
    assert list(casus.transitions.values_list("to_state", flat=True)) == [
        "aangemeld",
        "in_screening",
        "in_behandeling",
        "advies_uitgebracht",
        "follow_up",
        "afgesloten",
    ]
    who = {state: t.actor.username if t.actor else None for state, t in history.items()}
    assert who["in_behandeling"] == u[Role.SCREENER].username
    assert who["advies_uitgebracht"] == u[Role.VOORZITTER].username
    assert who["afgesloten"] == u[Role.PROCESREGISSEUR].username

    # The lead times the monitoring computes, from the recorded timestamps.
    registered = casus.registered_at
    first_meeting = Casusbespreking.objects.filter(casus=casus).order_by("discussed_at").first()
    assert registered == DAY0
    assert (history["in_behandeling"].at - registered).days == 9, "registration → screening"
    assert (first_meeting.discussed_at - registered).days == 16, "registration → first meeting"
    assert (advies.sent_at - registered).days == 23, "registration → advice"
    assert history["advies_uitgebracht"].at == advies.sent_at
    assert (casus.fitting_place_on - advies.sent_at.date()).days == 56, "advice → fitting place"
    assert history["afgesloten"].at.astimezone(AMS).date() == dt.date(2026, 5, 31)
    assert (casus.fitting_place_on - registered.date()).days <= 183, "clarity within half a year"
