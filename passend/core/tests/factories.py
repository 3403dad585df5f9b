"""factory_boy factories for the foundation models. Synthetic data only."""

import datetime as dt

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Membership, User
from passend.regions.models import Gemeente, Organisation, OrganisationType, Region, Team


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testregio {n}")
    slug = factory.Sequence(lambda n: f"testregio-{n}")


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM8{n % 1000:03d}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Expertteam {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create:
            self.gemeenten.add(*(extracted or [GemeenteFactory(region=self.region)]))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.ZORGAANBIEDER

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.add(*extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Testpersoon"
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.example.org")
    password = factory.django.Password("Correct-paard-batterij-1")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = "teamlid"
    # In the team for years: tests that move the clock back keep their members.
    start = dt.date(2020, 1, 1)


def confirmed_device(user) -> TOTPDevice:
    device = user.totpdevice_set.filter(confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
