"""The consultation demo: 〈금나래가 묻습니다〉 twice in 2021 (one closed with its results and
the district's response), the 정책공론장 with table notes, the 2018-19 협치론장 of the
seeds against the yearly target; loading twice adds nothing."""

from datetime import datetime

import pytest
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.consultations.demo import load_consultations
from maeul.consultations.models import Consultation, Forum, ForumKind, TableNote
from maeul.consultations.results import results_of
from maeul.consultations.services.forums import governance_forums_by_year
from maeul.core.dates import SEOUL
from maeul.places.models import District

pytestmark = pytest.mark.django_db


def test_demo_consultations_and_forums(places):
    now = timezone.now()
    load_accounts(now=now)

    assert load_consultations(now=now) == 2
    assert load_consultations(now=now) == 0

    lights, budget = Consultation.objects.order_by("opens_at")
    assert lights.results_visible(now) and lights.response_published_at is not None
    assert results_of(lights).respondents == 24
    assert budget.results_live and budget.response_published_at is None
    assert all(c.opens_at.astimezone(SEOUL).year == 2021 for c in (lights, budget))
    policy = Forum.objects.get(kind=ForumKind.POLICY)
    assert TableNote.objects.filter(forum=policy).count() == 3
    district = District.objects.get(name="금천구")
    years = governance_forums_by_year(district, datetime(2020, 1, 1, tzinfo=SEOUL))
    assert [(y.year, y.held) for y in years[:2]] == [(2018, 3), (2019, 5)]
