"""factory_boy factories for the models every test needs."""

from datetime import UTC, datetime

import factory
from allauth.account.models import EmailAddress

from maeul.accounts.models import DongTie, RoleAssignment, TieKind, User
from maeul.places.models import City, District, Dong


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("code",)

    code = "1100000000"
    name = "서울특별시"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    city = factory.SubFactory(CityFactory)
    code = factory.Sequence(lambda n: f"11{900 + n:03d}00000")
    name = factory.Sequence(lambda n: f"시험{n}구")


class DongFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dong
        django_get_or_create = ("code",)

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"11{900 + n:03d}{51000 + n:05d}")
    name = factory.Sequence(lambda n: f"시험{n}동")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kr")
    display_name = factory.Sequence(lambda n: f"주민{n}")
    birth_year = 1980
    password = factory.django.Password("correct-horse-42")

    @factory.post_generation
    def confirmed_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class DongTieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DongTie

    user = factory.SubFactory(UserFactory)
    dong = factory.SubFactory(DongFactory)
    kind = TieKind.LIVES
    # Long before any vote of a test opens: a tie counts only if held at the opening.
    started_at = datetime(2020, 1, 1, tzinfo=UTC)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
