"""factory_boy factories for proposals: categories, departments, proposals, supports, comments."""

from datetime import timedelta

import factory
from django.utils import timezone

from maeul.places.models import Department
from maeul.proposals.models import Category, Comment, Proposal, Status, Support
from tests.factories import DistrictFactory, UserFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("district", "name")

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"시험{n}과")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("district", "name")

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"분야{n}")
    department = factory.SubFactory(DepartmentFactory, district=factory.SelfAttribute("..district"))


class ProposalFactory(factory.django.DjangoModelFactory):
    """A published proposal, open for support for 30 days from `published_at`."""

    class Meta:
        model = Proposal

    district = factory.LazyAttribute(lambda o: o.dong.district if o.dong else DistrictFactory())
    dong = None
    category = factory.LazyAttribute(lambda o: CategoryFactory(district=o.district))
    title = factory.Sequence(lambda n: f"골목길 가로등을 밝혀 주세요 {n}")
    body = "밤에 골목이 너무 어둡습니다."
    body_html = "<p>밤에 골목이 너무 어둡습니다.</p>"
    author = factory.SubFactory(UserFactory)
    status = Status.PUBLISHED
    created_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyAttribute(lambda o: o.created_at)
    support_until = factory.LazyAttribute(lambda o: o.published_at + timedelta(days=30))


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory)
    body = "좋은 제안입니다."
    body_html = "<p>좋은 제안입니다.</p>"
    created_at = factory.LazyFunction(timezone.now)
